/* octavo's style: every typographic value of the PDF, and why it has that
 * value.  Sizes at the default 10.5 pt on A4 are given in brackets. */
#include "write/pdf/layout/style.h"

#include <string.h>

static const oct_style octavo_style = {
    /* ---- the page */
    /* A paperback's 10 pt is small for Liberation Serif, whose x-height
     * (0.459 em) is Times's; 11-12 pt makes a report.  10.5 sets 66
     * characters in 102 mm and leaves A4 54 mm side margins. */
    .fontsize = 10.5,
    /* About 1.3 times the size for a 60-75 character measure (ARCHITECTURE.md
     * §8); rounded to 0.1 pt by the page set-up [13.7 pt]. */
    .baselineskip = 1.3,
    /* The middle of the 60-75 character range of a comfortable line. */
    .charsperline = 66,
    /* A5 or a large size would leave the 66 characters no margin: never
     * less than 7 % of the width [10 mm on A5]. */
    .minsidemargin = 0.07,
    /* The text block sits above the middle of the page, the bottom margin
     * the deeper one, as in the classic page proportions [30 and 36 mm]. */
    .topmargin = 0.10,
    .bottommargin = 0.12,
    /* The same proportion when the user gives one margin. */
    .footmargin = 1.15,
    /* A block narrower than four ems holds hardly a word: margins that leave
     * less are refused, and nested blocks are never set narrower. */
    .minhsize = 4,
    /* Furniture is quieter than the text [8 and 8.9 pt]; the head stands two
     * of its lines above the text, its rule under its descenders. */
    .headsize = 0.76,
    .headsep = 2.2,
    .headrule = 0.6,
    .foliosize = 0.85,
    /* Grey, so that the eye skips them: the head darker than its rule, the
     * page number darkest, as it is looked for. */
    .headgray = 0.35f,
    .headrulegray = 0.5f,
    .headrulewidth = 0.4,
    .foliogray = 0.25f,

    /* ---- words and lines */
    /* Plain TeX's stretch of a third of Computer Modern's 0.33 em space,
     * fixed at 1/6 em.  Liberation's space is narrow (0.25 em), so stretch
     * in proportion to it left TeX's tolerances unmeetable: a third of the
     * reference article's paragraphs needed the emergency pass and came out
     * loose.  Shrink stays proportional and small: TeX's 1/9 em squeezed a
     * narrow space until the words ran together (pdftotext -raw read them
     * as one), and pass 1 chose cramped lines over hyphenating. */
    .spacestretch = 1.0 / 6,
    .spaceshrink = 0.25,
    .spacefallback = 0.25,
    /* A space over 0.45 em is a hole the eye falls into (Liberation's own
     * space is 0.25 em; pass 2's tolerance allows 0.46): a line that would
     * need more -- one the emergency pass set, a short paragraph whose last
     * word has no hyphenation point -- is set short of the margin instead. */
    .maxspace = 0.45,
    /* TeX's values (plain.tex): a first pass without hyphens at badness
     * 100, a second with them at 200. */
    .pretolerance = 100,
    .tolerance = 200,
    /* About TeX's usual 3 em at a 30 em measure. */
    .emergencystretch = 0.1,
    /* Ragged lines still weigh how far each falls short: a tenth of the
     * measure is about TeX's 2 em at a 30 em measure, a little more forgiving. */
    .rightskipstretch = 0.10,
    /* TeX's values (plain.tex), so that its demerits mean what they say. */
    .linepenalty = 10,
    .hyphenpenalty = 50,
    .exhyphenpenalty = 50,
    /* A dash is where a line may end without a mark: no dearer than a space. */
    .dashpenalty = 0,
    /* A URL breaks after / . - ? & = _ with no hyphen drawn (a hyphen would
     * read as part of the address): the Chicago Manual's rule, and url.sty's
     * \UrlBigBreakPenalty, dearer than a hyphen so that the prose around it is
     * hyphenated first. */
    .urlpenalty = 100,
    /* A line that ends at a URL break cannot be justified (a URL has no
     * spaces), so it may fall short: the break carries TeX's ragged-break
     * stretch (\penalty10000 \hskip 0pt plus X \penalty P \hskip 0pt plus -X),
     * which only counts when the line ends there.  A third of the line keeps
     * such a line's badness under 100 (ratio 1) when it is up to a third
     * short; URL parts between break characters are rarely longer. */
    .urlstretch = 0.33,
    /* The last resort, so that no word ever runs into the margin: dearer
     * than every other break, yet finite, so that it is taken when nothing
     * else fits. */
    .emergencypenalty = 900,
    /* A million demerits: more than any set of lines within the tolerance
     * costs ((10 + 200)^2 = 44,100 a line), so the paragraph's last word is
     * broken only when no other breaks are good enough -- in place of the
     * emergency pass's loose lines, not in place of a decent line. */
    .lastwordpenalty = 1000,
    .doublehyphendemerits = 10000,
    /* plain TeX's 5000: a hyphen on the line before the last reads as if
     * the paragraph ended in a broken word */
    .finalhyphendemerits = 5000,
    /* A book's rule: never three hyphens down the right edge in a row
     * (the demerits alone only make a second one dear). */
    .maxhyphenrun = 2,
    .adjdemerits = 10000,
    /* pdfTeX's expansion as microtype sets it up, at a smaller limit:
     * glyphs 2 % wider or narrower are not seen as such at body size
     * (microtype's default is 2 % too), and steps of 0.5 % keep lines of
     * one paragraph from looking different; in TeX, at octavo's measure,
     * this cuts the reference article's hyphens from 37 to 15. */
    .fontexpansion = 0.02,
    .expansionstep = 0.005,
    /* Protrusion, fractions of each mark's width: the lighter a mark's
     * ink at the edge, the further it hangs, so that the margin looks
     * straight to the eye rather than to a ruler.  A stop or a hyphen is
     * nearly all white on the line's side, a comma a little less; a
     * colon's two dots and a dash's bar carry more weight (a long dash
     * hung far reads as a gap in the text); quotes about half. */
    .protrudestop = 0.7,
    .protrudecomma = 0.6,
    .protrudecolon = 0.45,
    .protrudehyphen = 0.6,
    .protrudeendash = 0.3,
    .protrudeemdash = 0.2,
    .protrudequote = 0.5,
    .protrudeopenquote = 0.5,
    .protrudeexclaim = 0.2,
    /* A paragraph that follows a paragraph is indented, not spaced (no
     * \parskip); at a 66-character measure, more than Bringhurst's 1 em
     * and less than plain TeX's 2 em reads as a clear start. */
    .parindent = 1.2,
    /* Liberation Mono's x-height is 0.528 em against the serif's 0.459:
     * inline code a little smaller sits in the line without shouting. */
    .codesize_inline = 0.9,
    /* A dark blue that reads as a link on screen and as near-black in print. */
    .linkcolor = {0.05f, 0.2f, 0.55f},
    /* Through the upper half of the x-height (0.459 em), where a line reads
     * as struck through rather than underlined; about as heavy as a stem. */
    .strikewidth = 0.05,
    .strikeheight = 0.28,

    /* ---- blocks */
    /* Half a line around displayed material, as LaTeX's \topsep, and a
     * little between list items, which belong together. */
    .blockskip = 0.5,
    .itemsep = 0.3,
    /* Quotes are set in from both sides [19 pt], LaTeX's quote
     * environment's shape at octavo's narrower measure. */
    .quote_leftskip = 1.8,
    .quote_rightskip = 1.8,
    /* Nested quotes and lists stop indenting when their text would get
     * narrower than half the measure (about 30 characters on A4): each
     * quote level takes 3.6 em and each list level up to 2 em, so 24
     * nested quotes used to push the text right off the page.  Deeper levels
     * are set at the same indent, with one warning per document. */
    .minnestedmeasure = 0.5,
    /* Room for a bullet, or for "10." at the body size, right-aligned; a
     * list whose widest label needs more gets a wider indent. */
    .bulletindent = 1.5,
    .enumindent = 2.0,
    .labelsep = 0.5,

    /* Levels 1-3 are set larger, in steps the eye tells apart; 4-6 at the
     * body size, told apart by weight and slope. */
    .headingsize = {1, 1.6, 1.35, 1.15, 1.0, 1.0, 1.0},
    .headingleading = 1.25,
    .headingitalic = 5,
    /* A new part gets more room above than a subsection; the heading sits
     * close to the text it introduces. */
    .headingbeforeskip_major = 1.4,
    .headingbeforeskip = 1.0,
    .headingafterskip = 0.4,

    /* Liberation Mono's x-height times 0.85 is the serif's [8.9 pt]: code
     * matches the text's size to the eye and holds 52 columns on A4. */
    .codesize = 0.85,
    .codeleading = 1.35,
    .codepad = 0.5,
    /* A continuation line is set in by the width of its mark and a gap. */
    .codehook = 1.5,
    .codetab = 4,
    /* A background light enough to print on any printer, dark enough to
     * see; the mark half way between it and the text. */
    .codegray = 0.94f,
    .hookwidth = 0.6,
    .hooktop = 0.2,
    .hookdepth = 0.5,
    .hookgray = 0.55f,
    .hookstroke = 0.7,
    /* A short centred rule, as a section break in a book, not a border. */
    .rulewidth = 0.3,
    .rulethickness = 0.6,
    .rulegray = 0.3f,
    /* An image never takes a whole page: its caption or the text before it
     * stays with it. */
    .imagemaxheight = 0.7,

    /* Tables in a size a little smaller than the text, padded as LaTeX's
     * \tabcolsep relative to the size.  Rules of two weights, as booktabs
     * draws them: its 0.8 pt (0.08 em at 10 pt) above and below the table
     * and under the header, and hairlines between body rows, where booktabs
     * draws none, lighter than its 0.5 pt so as not to cage the text. */
    .tablesize = 0.92,
    .tableleading = 1.3,
    .tabcolsep = 0.4,
    /* Cell text is set at most this many ems wide before a long word in it
     * gets its URL-style and emergency breaks: enough for ordinary words,
     * narrow enough that one long word cannot claim the whole table. */
    .cellword = 12,
    .heavyrulewidth = 0.8,
    .lightrulewidth = 0.3,
    .tablerulegray = 0.25f,
    /* A header taller than a third of the page repeated on every page would
     * crowd out the rows it heads. */
    .headerrepeatheight = 1.0 / 3,

    /* The title block: the title in the sans at twice the size, set tight;
     * subtitle and byline in steps down, the byline grey; a rule and a
     * line and a half of space before the text. */
    .titlesize = 2.0,
    .titleleading = 1.15,
    .subtitlesize = 1.3,
    .subtitleleading = 1.25,
    .subtitleskip = 0.3,
    .bylinesize = 0.95,
    .bylinegray = 0.3f,
    .bylineskip = 0.5,
    .titleruleskip = 0.4,
    .titlerulewidth = 0.6,
    .titlerulegray = 0.35f,
    .titleafterskip = 1.5,

    /* A digest's contents: headed like a level-1 heading, a line's space
     * under it; a part's line in the sans bold with a line's space above,
     * its articles indented as a quotation is, so the two levels read at a
     * glance [6.7 mm]; the titles stop short of a five-digit page number
     * (2,000 briefings make some 4,600 pages). */
    .tocheadsize = 1.6,
    .tocheadskip = 0.8,
    .tocpartskip = 1.0,
    .tocindent = 1.8,
    .tocnumber = "00000",
    /* A part's page: its name as large as an article's title. */
    .partsize = 2.0,
    /* Flowing articles are parted like scenes by a thematic break, with a
     * line of space on either side. */
    .flowskip = 1.0,
};

void oct_style_default(oct_style *s) { *s = octavo_style; }

void oct_style_linebreak(const oct_style *s, const double *widths, size_t nwidths, bool ragged,
                         oct_lb_params *p) {
  memset(p, 0, sizeof *p);
  p->widths = widths;
  p->nwidths = nwidths;
  p->pretolerance = s->pretolerance;
  p->tolerance = s->tolerance;
  p->emergency_stretch = widths && nwidths ? s->emergencystretch * widths[nwidths - 1] : 0;
  p->ragged_stretch = s->rightskipstretch;
  p->line_penalty = s->linepenalty;
  p->double_hyphen_demerits = s->doublehyphendemerits;
  p->adjacent_demerits = s->adjdemerits;
  p->final_hyphen_demerits = s->finalhyphendemerits;
  p->max_hyphen_run = s->maxhyphenrun;
  p->expand = ragged ? 0 : s->fontexpansion;
  p->expand_step = s->expansionstep;
  p->ragged = ragged;
}
