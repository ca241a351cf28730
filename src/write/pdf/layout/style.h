/* The typographic parameters of the PDF writer, in one table (style.c has
 * the values and why each is what it is).  Fields are named as TeX and
 * LaTeX name the same parameter (\parindent, \baselineskip, \tolerance,
 * \tabcolsep...); the others say what they size.  The caller fills an
 * oct_style with oct_style_default(), may change it, and passes it in
 * through oct_layout_params; layout reads no typographic value from
 * anywhere else.
 *
 * Units: "em" is the body size (or, where a field says "x its size", the
 * size of the text it concerns); "bs" is the body \baselineskip; fractions
 * are of the measure, the text block or the paper, as stated. */
#ifndef OCTAVO_PDF_STYLE_H
#define OCTAVO_PDF_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "write/pdf/layout/linebreak.h"

/* Heading levels 1 to 6; index 0 is unused. */
#define OCT_STYLE_HEADING_LEVELS 7

typedef struct oct_style {
  /* ---- the page */
  double fontsize;      /* body size when the options give none, points */
  double baselineskip;  /* \baselineskip: body leading, x the body size */
  double charsperline;  /* automatic margins: characters in the measure */
  double minsidemargin; /* automatic margins: fraction of the paper width, at least */
  double topmargin;     /* automatic margins: fraction of the paper height */
  double bottommargin;  /* automatic margins: fraction of the paper height */
  double footmargin;    /* with --margin: the bottom margin, x the margin */
  double minhsize;      /* ems: the narrowest text block or nested block */
  double headsize;      /* running head size, x the body size */
  double headsep;       /* running head baseline above the text block, x headsize */
  double headrule;      /* the rule under the running head, below its baseline, x headsize */
  double foliosize;     /* page number size, x the body size */
  float headgray;       /* running head's ink */
  float headrulegray;   /* its rule's ink */
  double headrulewidth; /* its rule's thickness, points */
  float foliogray;      /* page number's ink */

  /* ---- words and lines (TeX's \fontdimen and line-breaking parameters) */
  double spacestretch;      /* \fontdimen3: interword stretch, ems */
  double spaceshrink;       /* \fontdimen4: interword shrink, x the face's space */
  double spacefallback;     /* interword space of a face without one, ems */
  double maxspace;          /* the widest a justified word space may get, x its size */
  double pretolerance;      /* \pretolerance: pass 1, no hyphenation */
  double tolerance;         /* \tolerance: pass 2, with hyphenation */
  double emergencystretch;  /* \emergencystretch: pass 3, fraction of the line */
  double rightskipstretch;  /* ragged right: \rightskip's stretch, fraction of the line */
  int linepenalty;          /* \linepenalty */
  int hyphenpenalty;        /* \hyphenpenalty: a break at an inserted hyphen */
  int exhyphenpenalty;      /* \exhyphenpenalty: after the word's own hyphen */
  int dashpenalty;          /* after an en or em dash inside a word */
  int urlpenalty;           /* url.sty's \UrlBigBreakPenalty: after / . - ? & = _ */
  double urlstretch;        /* stretch of a line ending at a URL break, fraction of it */
  int emergencypenalty;     /* between any two characters of a word wider than the line */
  int lastwordpenalty;      /* a break inside a paragraph's last word */
  int doublehyphendemerits; /* \doublehyphendemerits */
  int finalhyphendemerits;  /* \finalhyphendemerits */
  int maxhyphenrun;         /* hyphenated lines in a row, at most */
  double fontexpansion;     /* pdfTeX's \pdfstretch and \pdfshrink: fraction of a glyph */
  double expansionstep;     /* pdfTeX's \pdfadjustspacing step: fraction */
  /* Character protrusion (microtype's \SetProtrusion): the share of a
   * mark's width that hangs into the margin at a line's end (or, for
   * opening quotes, its start) */
  double protrudestop;      /* full stop */
  double protrudecomma;     /* comma */
  double protrudecolon;     /* colon and semicolon */
  double protrudehyphen;    /* hyphen, the word's own or an inserted one */
  double protrudeendash;    /* en dash */
  double protrudeemdash;    /* em dash */
  double protrudequote;     /* closing quotes and apostrophes, on the right */
  double protrudeopenquote; /* opening quotes, on the left */
  double protrudeexclaim;   /* exclamation and question marks */
  int adjdemerits;          /* \adjdemerits */
  double parindent;         /* \parindent, ems */
  double codesize_inline;   /* inline code, x the surrounding size */
  float linkcolor[3];       /* links' ink, RGB */
  double strikewidth;       /* strike-through: thickness, x the text's size */
  double strikeheight;      /* and height above the baseline, x the text's size */

  /* ---- blocks */
  double blockskip;        /* around lists, quotes, code, tables, images, rules: bs */
  double itemsep;          /* \itemsep: between list items, bs */
  double quote_leftskip;   /* \leftskip of a block quote, ems */
  double quote_rightskip;  /* \rightskip of a block quote, ems */
  double minnestedmeasure; /* nesting stops indenting below this fraction of the measure */
  double bulletindent;     /* a bullet list's indent (\leftmargin), ems, at least */
  double enumindent;       /* a numbered list's indent, ems, at least */
  double labelsep;         /* \labelsep: label's right edge to the text, ems */

  double headingsize[OCT_STYLE_HEADING_LEVELS]; /* x the body size, by level */
  double headingleading;                        /* x the heading's size */
  int headingitalic;                            /* levels from this one on: italic, not bold */
  double headingbeforeskip_major;               /* above levels 1 and 2, bs */
  double headingbeforeskip;                     /* above levels 3 to 6, bs */
  double headingafterskip;                      /* below a heading, bs */

  double codesize;       /* code blocks, x the body size */
  double codeleading;    /* x the code size */
  double codepad;        /* padding around the code's background, ems */
  double codehook;       /* continuation lines' indent, x the code size */
  int codetab;           /* tab stops, columns */
  float codegray;        /* the code's background */
  double hookwidth;      /* continuation mark across, x codehook */
  double hooktop;        /* its top below the line's, x the code leading */
  double hookdepth;      /* its height, x the code leading */
  float hookgray;        /* its ink */
  double hookstroke;     /* its line, points */
  double rulewidth;      /* a thematic break: fraction of the block, centred */
  double rulethickness;  /* points */
  float rulegray;        /* its ink */
  double imagemaxheight; /* fraction of the text block's height */

  double tablesize;      /* x the body size */
  double tableleading;   /* x the table's size */
  double tabcolsep;      /* \tabcolsep: padding on each side of a cell, x the table's size */
  double cellword;       /* a cell's longest unbroken word, x the table's size */
  double heavyrulewidth; /* booktabs' \heavyrulewidth: table top, under the header, bottom; pt */
  double lightrulewidth; /* booktabs' \lightrulewidth: between body rows, pt */
  float tablerulegray;   /* the table's rules */
  double headerrepeatheight; /* a header row repeats only when at most this share of the page */

  double titlesize;       /* the title block: title, x the body size */
  double titleleading;    /* x the title's size */
  double subtitlesize;    /* x the body size */
  double subtitleleading; /* x the subtitle's size */
  double subtitleskip;    /* above the subtitle, bs */
  double bylinesize;      /* author and date, x the body size */
  float bylinegray;       /* their ink */
  double bylineskip;      /* above them, bs */
  double titleruleskip;   /* above the rule under the title block, bs */
  double titlerulewidth;  /* its thickness, points */
  float titlerulegray;    /* its ink */
  double titleafterskip;  /* below it, bs */

  /* a digest (issue 13): its contents, parts and flowing articles */
  double tocheadsize;    /* "Contents", x the body size */
  double tocheadskip;    /* below it, bs */
  double tocpartskip;    /* above a part's line, bs */
  double tocindent;      /* an article's line under its part, em */
  const char *tocnumber; /* the widest page number kept clear at the right */
  double partsize;       /* a part's title on its own page, x the body size */
  double flowskip;       /* above and below the rule between flowing articles, bs */
} oct_style;

/* Fills S with octavo's style. */
void oct_style_default(oct_style *s);

/* The line breaker's parameters for lines WIDTHS[0..NWIDTHS) wide (the last
 * repeats), set ragged or justified, from S. */
void oct_style_linebreak(const oct_style *s, const double *widths, size_t nwidths, bool ragged,
                         oct_lb_params *p);

#endif
