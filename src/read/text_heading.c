/* Which lines of a plain-text article are section headings.
 *
 * A heading in plain text is only a line: nothing marks it but where it
 * stands and what it looks like, and a body sentence, a photo credit or a
 * line of dialogue can look the same.  So no single rule decides.  Every
 * one-line block of heading shape (short, capitalised, not ending like a
 * sentence) is a candidate, and its score is a sum of evidence with the
 * weights below: where it stands (apart from its neighbours, before body
 * text, at the margin the document gives its headings), how it ends (":",
 * a closing quote, "!"), what it is (a caption or credit, a date, a URL, a
 * bracketed aside) and how it sits among the other candidates (a run of
 * three or more short lines is a list, a table of contents or code, not a
 * stack of headings).  A candidate with a positive score is a heading.
 *
 * The weights were tuned on the development set in tests/textcorpus (real
 * articles turned into text with blank lines and without, w3m and lynx
 * dumps): see the comment at each weight for what it stands for. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef OCT_TEXT_TRACE
#include <stdio.h>
#endif

#include "read/text_lines.h"
#include "tree/tree.h"

/* ---- weights ----------------------------------------------------------------
 * Log-odds-like points; a candidate needs more for than against. */

/* A candidate starts slightly against: most short lines are not headings. */
#define W_BIAS (-1.0)
/* Set apart: blank lines on both sides in a document that separates its
 * blocks so, or long body text on both sides in one that does not. */
#define W_APART 2.0
/* Glued to the paragraph under it in a document with blank lines between
 * blocks: a run-in label ("Task scheduling" + its text), a line break. */
#define W_RUN_IN (-3.0)
/* Glued to the paragraph above it: the last line of something. */
#define W_TAIL (-2.0)
/* Body text (a paragraph, a list) follows, directly or after one more
 * heading (a section and its first subsection). */
#define W_BODY_AFTER 1.0
/* One of a run of four or more candidate lines: a list without markers,
 * a table of contents, code, credits; half as much in a run of three,
 * which may be a heading, a subheading and a caption. */
#define W_RUN (-2.0)
/* Out at the margin where the prose is indented (lynx sets prose 3 columns
 * in and headings at column 0). */
#define W_OUTDENT 2.5
/* In a document whose headings stand out at the margin, a line at the
 * prose's indent is body text. */
#define W_NOT_OUTDENT (-2.5)
/* Indented past the prose: inside a list item, a quote, a centred caption. */
#define W_INDENTED (-1.5)
/* The block above ends with ":": this line is what it announced (an
 * example, a command, a list item without marker). */
#define W_AFTER_COLON (-2.5)
/* Ends with ":": it introduces what follows rather than titling it (none
 * of the development set's 421 real headings does; 62 false ones did). */
#define W_COLON (-3.0)
/* Quoted speech: a closing quote after ? ! . or , ("“Why do you refuse?”";
 * 36 such lines per variant of the development set, 2 headings). */
#define W_QUOTED (-3.0)
/* Ends with "!": an exclamation (4 headings per variant of the
 * development set, 10 other lines). */
#define W_EXCLAIM (-2.0)
/* Wholly in brackets: an aside or a credit ("(Artist: 3ihard)"). */
#define W_BRACKETS (-4.0)
/* A caption or credit: "Photo: ...", "Getty Images", "Name/Agency",
 * "... (Jane Doe)". */
#define W_CREDIT (-4.0)
/* A byline or a credit line: "Posted by Jane Doe", "Portrait by ...",
 * or the article's author named again. */
#define W_BYLINE (-3.0)
/* Page furniture: link text ("Learn more about ...", "Continue reading",
 * "More in Opinion ›"), "Reply", "Save". */
#define W_FURNITURE (-3.0)
/* Columns: two spaces or a tab inside the line (a table row as w3m and
 * lynx lay it out, or as a copied table gives it). */
#define W_COLUMNS (-3.0)
/* The title again, whole or its first or last three words or more: a
 * repeated headline (lynx and w3m print the page's headline under its
 * title), an image's alt text.  No real heading of the development set
 * names the title again, on any variant; at -4 lynx's margin (W_OUTDENT)
 * and Title Case kept two repeated headlines as headings. */
#define W_TITLE_AGAIN (-6.0)
/* The same line twice or more in the document: furniture, alt texts,
 * credits, labels of a list of points taken up again.  Two sections of
 * an article seldom share a name: of the development set's 421 real
 * headings only a manual's "Setting up¶" repeats (three times, with the
 * manual's end mark), while twice-used names are false headings (8 on
 * the noblank variant, 1 on w3m and lynx each). */
#define W_REPEATED (-2.0)
/* A comma inside: a clause of a sentence more often than a heading (5 %
 * of the development set's real headings have one). */
#define W_COMMA (-0.5)
/* A date or a time of day: datelines, timestamps, video players. */
#define W_DATE (-3.0)
/* A URL or a domain name: "Powered by SmartAsset.com". */
#define W_URL (-3.0)
/* Title Case: most long words capitalised, as headings often are. */
#define W_TITLE_CASE 0.5
/* Per word beyond eight: long lines are rarely headings. */
#define W_PER_LONG_WORD (-0.3)
/* Ends on a lower-case function word: a fragment of a sentence. */
#define W_DANGLING (-2.0)
/* Of the other case style than the document's headings. */
#define W_STYLE (-2.0)
/* The mark the document puts after its headings ("[edit]" on Wikipedia,
 * "¶" in Sphinx manuals, "#" for anchors): with it, or without it. */
#define W_MARK 1.5
#define W_NO_MARK (-3.0)
/* More digits and symbols than letters: coordinates, versions, scores. */
#define W_NUMERIC (-2.0)
/* The next block begins with this very line: a picture's alt text over
 * its caption ("Various foliage" / "Various foliage (Lucy Akins)"); or
 * the block above or below is this line again. */
#define W_ECHO (-3.0)
/* A picture's label ("Photo", "Image[merlin_150]"), or a short line
 * right under one, or under one with its caption: the caption or the
 * credit ("Photo" / "Credit Harry Campbell"). */
#define W_PICTURE (-4.0)
#define W_AFTER_PICTURE (-3.0)
/* One of a run of numbered labels ("Step 1", "Step 2", ...: see
 * find_labels). */
#define W_LABEL (-3.0)
/* Indented past the prose and glued to a line of a table (columns) or
 * to one at its own indent: a cell of a table, as w3m lays out a wrapped
 * column of text (a centred heading stands alone). */
#define W_CELL (-3.0)
/* A line of program code (see oct_text_code_like). */
#define W_CODE (-3.0)
/* Far longer than the document's other headings (more than twice their
 * median length plus two words): a caption or an alt text among short
 * headings (Wikipedia's "A Romney ewe with her two lambs"). */
#define W_LONGER (-1.5)
/* And per word past that length, as per word past eight (W_PER_LONG_WORD):
 * the further a line runs past the document's own headings, the more it
 * reads as a description (w3m's alt texts of nine words among Wikipedia's
 * headings of one to three: "A soldier in a green army uniform faces
 * forwards"). */
#define W_PER_LONGER_WORD (-0.3)
/* Right above a table row (columns, see table_row): the table's caption
 * ("Films with time loops" over "Film  Year  Description"); a section
 * opens with a sentence before its table (no real heading of the
 * development set sits right above a row; 3 captions per variant do). */
#define W_BEFORE_TABLE (-3.0)
/* The second line of a heading "deck": in a document where three or more
 * headings, and a quarter of them at least, carry one more heading-shaped
 * line right under them before their text, that line is a subtitle (a
 * film's "Vape Wave (documentaire, 1h28, Planète+)" under each entry's
 * heading of a list article), not a section of its own: sections and
 * subsections stack so once in a while, not under every heading. */
#define W_DECK (-3.0)
/* Numbered as the document numbers its headings, and next in their series
 * ("15) Mother!" between "16) The Big Sick" and "14) A Ghost Story", in a
 * countdown from "21)" to "1)"): the series is the document's own word that
 * this line is one of its headings, and it outweighs a mark of the line's
 * own, an "!" or a "by" of a title. */
#define W_IN_SERIES 2.0
/* Two blank lines or more above or below it, in a document whose
 * headings stand one blank line apart (two thirds of them at least): a
 * figure's caption as w3m lays it out (a picture without alt text is an
 * empty line of its own, so its caption sits in a double gap).  On the
 * w3m variant of the development set 8 false headings stand so and no
 * real one; a writer who sets every heading two lines apart keeps them. */
#define W_WIDE_GAP (-3.0)
/* The block under it begins in lower case: the line is the start of a
 * sentence that goes on below ("How to get shanked doing what people say
 * they want" / "don't preach to me"), not a title over its section.  A
 * section's text begins as a sentence does; on the development set this
 * fires on 7 false headings and no real one. */
#define W_GOES_ON (-2.0)
/* A question of five words or more among headings none of which is a
 * question (or with no other heading): a question the writer puts to the
 * reader in the text ("Where do U.S.-Israeli relations go from here?",
 * "Aren't those the kinds of things libertarians say they hate about
 * government?").  Writers who title sections with questions do so more
 * than once (an FAQ, "Insecurities?" / "Hard Habit to Break?"), and a
 * short one ("Why Monitor?", "Why does it matter?") or one in Title Case
 * ("Is It Worth It?") keeps its place.  On the development set this drops
 * 5 false headings per variant (all of five words or more) for 1 real one. */
#define W_LONE_QUESTION (-2.0)
/* A release's line (see version_line) in a document with two or more:
 * release notes are headed so, "4.2.0 (2024-05-14)" over "Added", and
 * nothing else in the line speaks for a heading. */
#define W_VERSION 1.0
/* A greeting (see greeting): the first line of a letter, no section. */
#define W_GREETING (-3.0)
/* A field of a card of facts: its label starts two lines or more of the
 * document ("Soil: Moist, rich", "Soil: Any"; "Winner: ..." under each
 * round), as a plant guide, a comparison or a recipe card sets its data. */
#define W_FIELD (-4.0)
/* A numeral alone ("II.") in a document with no other: a stray mark, not
 * the second of a magazine's numbered parts. */
#define W_LONE_NUMERAL (-4.0)
/* One of a run of three or more candidate lines of seven words or more
 * each, with no text between them: the headlines of other stories that a
 * page sets inside its article ("related" links copied with it: "Pizza
 * Man Making Special Delivery ..." / "Redesigned Scopes Fail to Stop ..."),
 * not a section, its subsection and a caption, whose heading is short. */
#define W_HEADLINES (-2.0)
#define HEADLINE_WORDS 7
/* Numbered as a manual numbers its sections ("3.4. Compound failure
 * tests", "4.1.2 Google OSS Fuzz"), in a document with three such lines
 * or more: the number says what the case style may not (SQLite's pages
 * set "2. Test Harnesses" in Title Case and "3.4. Compound failure tests"
 * under it in sentence case). */
#define W_SECTION_NUMBER 2.0
/* The label of a manual's admonition box ("Note", "Warning", "Caution",
 * "Tip"; "NOTE Multi-processor systems", a box's label and its title), or
 * a sidebar's label in capitals before its title ("BACK TO BASICS The
 * hard link", "COMMUNITY The Release Manager"): the box is an aside inside
 * a section, not one.  On 52 real manual pages (tests/textcorpus/manuals.py)
 * 60 such lines and no heading; in the development and written sets none
 * is a heading either.  "Notes", "See also" and "Abstract" are sections of
 * their own as often. */
#define W_ADMONITION (-3.0)

/* ---- shape ----------------------------------------------------------------- */

static bool final_punct_stops_heading(const char *s, size_t n) {
  uint32_t c = rd_last_cp(s, n);
  /* look through closing quotes and brackets: 'He said "no."' ends in '.' */
  while (n > 0 && (c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')')) {
    n = rd_last_start(s, n);
    c = rd_last_cp(s, n);
  }
  return c == '.' || c == ',' || c == ';' || c == 0x2026 || c == '-' || c == 0x2013 || c == 0x2014;
}

/* The length of a section number of two parts or more that starts S, its
 * full stop and the space after it ("3.4. ", "B.4.1. ", "2.1 "), or 0;
 * STOP tells whether a full stop ends it.  "7. " is none: one number
 * alone starts a numbered item (see numbered_candidate in text.c). */
static size_t section_prefix(const char *s, size_t n, bool *stop) {
  int num[2];
  size_t len = 0;
  if (oct_text_section_number(s, n, num, 2, &len) < 2) return 0;
  if (stop) *stop = s[len - 2] == '.';
  return len;
}

/* Two sentences are a paragraph, however short: ". ", "! " or "? " and a
 * capital inside the line, unless the full stop ends an abbreviation or an
 * initial ("Mr.", "U.S.", "No."), a token of at most three characters. */
static bool two_sentences(const char *s, size_t n) {
  for (size_t j = 1; j + 2 < n; j++) {
    if ((s[j] != '.' && s[j] != '!' && s[j] != '?') || s[j + 1] != ' ') continue;
    if (s[j] != '.' && !rd_upper(rd_cp_at(s, n, j + 2, NULL))) continue;
    if (s[j] == '.') {
      /* an abbreviation, an initial or a number: "Mr.", "U.S.", "No.", "J.",
       * "2." ("Lesson 2. Tides"), "vs.", "etc."; a short word in lower case
       * ends a sentence ("...for a year now. What surprised you most?") */
      static const char *const lower_abbr[] = {"vs", "etc",    "cf",  "ca",  "al",
                                               "pp", "approx", "e.g", "i.e", NULL};
      size_t t = j;
      while (t > 0 && s[t - 1] != ' ')
        t--;
      if (j - t <= 3 && !rd_lower(rd_cp_at(s, n, t, NULL))) continue; /* "Mr.", "No.", "2." */
      /* the stop of a manual's section number that starts the line
       * ("1.1.10. Play time", "B.4.1. Filesystems"); a year or a figure
       * inside a line ends a sentence ("The year was 1969. Everything
       * changed") */
      if (t == 0 && j + 2 == section_prefix(s, n, NULL)) continue;
      bool abbr = false;
      for (const char *const *a = lower_abbr; *a && !abbr; a++)
        abbr = strlen(*a) == j - t && strncasecmp(*a, s + t, j - t) == 0;
      if (abbr) continue;
    }
    return true;
  }
  return false;
}

bool oct_text_heading_shape(const char *s, size_t n, size_t chars, bool lynx) {
  if (lynx) {
    size_t k = tl_link_mark(s, n, 0);
    s += k;
    n -= k;
  }
  if (chars > HEADING_MAX_CHARS || n == 0) return false;
  if (final_punct_stops_heading(s, n) || two_sentences(s, n)) return false;
  tspan w[HEADING_MAX_WORDS + 1];
  if (tl_words(s, n, w, HEADING_MAX_WORDS + 1) > HEADING_MAX_WORDS) return false;
  /* the first letter is a capital ("iPhone Apps": or a lower-case letter
   * before one), and there are two letters at least ("V" and "ϕ" are
   * pieces of a formula) */
  size_t i = 0, k, letters = 0;
  /* a manual's permalink mark is a heading's whatever its case ("schedule¶",
   * an option's name in a configuration reference); so is its section
   * number with a full stop ("1.1.12. sudo configuration") */
  bool first_ok = false, anchored = rd_last_cp(s, n) == 0xB6, stop = false;
  size_t num = section_prefix(s, n, &stop);
  if (num && stop) {
    i = num;
    anchored = true;
  }
  while (i < n && letters < 2) {
    uint32_t c = rd_cp_at(s, n, i, &k);
    if (rd_alpha(c)) {
      if (letters == 0)
        first_ok = !rd_lower(c) || (i + k < n && rd_upper(rd_cp_at(s, n, i + k, NULL)));
      letters++;
    }
    i += k;
  }
  return (first_ok || anchored) && letters >= 2;
}

/* ---- what the line is ---------------------------------------------------- */

static bool capitalised(tspan w) { return w.n > 0 && rd_upper(rd_cp_at(w.s, w.n, 0, NULL)); }

/* A line that only stands for a picture: a bare picture word ("Photo",
 * "Image": the label news sites give a picture for screen readers) or one
 * with a file name in brackets ("Image[merlin_150]", as w3m prints an
 * image whose alt text is "Image"). */
static bool picture_label(const char *s, size_t n) {
  static const char *const words[] = {"photo", "image", "picture", "illustration", "graphic", NULL};
  for (const char *const *p = words; *p; p++) {
    size_t k = strlen(*p);
    if (!rd_prefix_ci(s, n, *p)) continue;
    if (k < n && s[k] == 's') k++;
    if (k == n || s[k] == '[') return true;
  }
  return false;
}

/* Words that name a picture or what goes with one, in the languages of the
 * development set: a credit or caption begins with one ("Photo: ...",
 * "Image source, ..."), and a "by" after one makes a credit ("Foto von"
 * is no "by": German credits start "Foto:"). */
static const char *const picture_words[] = {
    "photo",  "photograph", "image",   "picture", "credit", "illustration", "caption", "foto",
    "imagen", "bild",       "figure",  "fig",     "map",    "chart",        "graphic", "diagram",
    "source", "video",      "gallery", NULL};

static int credit_word(tspan w);

/* Captions and credits that scraped text carries under its pictures. */
static bool credit_like(const char *s, size_t n) {
  /* a picture word followed by ":", "by", "source", "caption", "credit",
   * "copyright" or a number ("Photo: Jane Doe", "Image source, Getty",
   * "Image caption, The quay...", "Figure 3"); not "Picture-in-Picture" */
  static const char *const starts[] = {"getty",     "reuters", "file photo", "pictured", "courtesy",
                                       "copyright", "watch:",  "listen:",    NULL};
  static const char *const inside[] = {
      "getty image",  "reuters",    "/ap",           "ap photo",         "afp",
      "shutterstock", "istock",     "alamy",         "associated press", "photo:",
      "photos:",      "photograph", "image:",        "credit:",          "source:",
      "\xC2\xA9",     "(c) ",       "illustration:", "courtesy of",      NULL};
  for (const char *const *p = picture_words; *p; p++) {
    size_t k = strlen(*p);
    if (!rd_prefix_ci(s, n, *p) || k >= n) continue;
    const char *r = s + k;
    size_t rn = n - k;
    if (r[0] == 's' && rn > 1) r++, rn--; /* "Photos:" */
    if (r[0] == ':' || r[0] == '.' || rd_prefix_ci(r, rn, " by ") ||
        rd_prefix_ci(r, rn, " source") || rd_prefix_ci(r, rn, " caption") ||
        rd_prefix_ci(r, rn, " copyright") || rd_prefix_ci(r, rn, " credit") ||
        (r[0] == ' ' && rn > 1 && oct_ascii_digit(r[1])))
      return true;
  }
  for (const char *const *p = starts; *p; p++)
    if (rd_prefix_ci(s, n, *p)) return true;
  for (const char *const *p = inside; *p; p++)
    if (rd_contains_ci(s, n, *p)) return true;
  /* a picture word, a name and the outlet it worked for ("Credit Hannah
   * Reyes for The Capitol Report", "Photo Jane Doe for Reuters") */
  {
    tspan w[8];
    size_t nw = tl_words(s, n, w, 8);
    if (nw >= 5 && nw <= 7 && credit_word(w[0]) == 1) {
      size_t k = 1;
      while (k < nw && capitalised(w[k]))
        k++;
      if (k >= 3 && k + 1 < nw && w[k].n == 3 && memcmp(w[k].s, "for", 3) == 0 &&
          capitalised(w[k + 1]))
        return true;
    }
  }
  /* "Table 6-1. Example symptoms", "Listing 14-1: A documentation
   * comment", "Exhibit 3", "[Fig 1]": a numbered table, listing or figure */
  static const char *const numbered[] = {"table ", "listing ", "exhibit ", NULL};
  for (const char *const *w = numbered; *w; w++) {
    size_t k = strlen(*w);
    if (rd_prefix_ci(s, n, *w) && n > k && oct_ascii_digit(s[k])) return true;
  }
  if (rd_contains_ci(s, n, "[fig")) return true;
  /* "Mark Stout/iStock/Getty Images", "Devindra Hardawar/AOL": names
   * joined by slashes (two slashes, or a two-word name before one); with
   * spaces round the slash ("Marcus Oyelaran / Riverton Courier") it may as
   * well be a heading's pair ("Front End / Back End") */
  size_t slashes = 0, first = n;
  for (size_t i = 1; i + 1 < n; i++)
    if (s[i] == '/' && s[i - 1] != ' ' && s[i + 1] != ' ') {
      slashes++;
      if (first == n) first = i;
    }
  if (slashes >= 2) return true;
  if (slashes == 1) {
    tspan w[4];
    size_t nw = tl_words(s, first, w, 4);
    if (nw >= 2 && nw <= 3 && capitalised(w[0]) && capitalised(w[nw - 1]) &&
        rd_upper(rd_cp_at(s, n, first + 1, NULL)))
      return true;
  }
  /* "Glass cloche terrariums (Lucy Akins)": a caption with its
   * photographer's name in brackets at the end */
  if (n > 2 && s[n - 1] == ')') {
    size_t open = n - 1;
    while (open > 0 && s[open] != '(')
      open--;
    if (open > 0 && s[open] == '(') {
      /* one person's name ("Lucy Akins", not "Ernestas, Albert"), after
       * text in sentence case (not "BPM (Beats Per Minute)") */
      tspan w[5], before[HEADING_MAX_WORDS + 1];
      size_t nw = tl_words(s + open + 1, n - open - 2, w, 5);
      /* or the photographer for the outlet ("Maddie McGarvey for The
       * Atlantic"), or a picture word first ("foto Cge/Germogli") */
      tspan w0 = w[0];
      while (nw >= 1 && w0.n > 1 && (w0.s[w0.n - 1] == ':' || w0.s[w0.n - 1] == ','))
        w0.n--;
      if (nw >= 1 && credit_word(w0) == 1) return true;
      for (size_t k = 2; k + 1 < nw; k++)
        if ((w[k].n == 3 && memcmp(w[k].s, "for", 3) == 0) && capitalised(w[0]) &&
            capitalised(w[1]) && capitalised(w[k + 1]))
          nw = k;
      bool names = nw >= 2 && nw <= 3;
      for (size_t k = 0; names && k < nw; k++)
        names = capitalised(w[k]) && w[k].n >= 2 && w[k].s[w[k].n - 1] != ',' &&
                !rd_upper(rd_cp_at(w[k].s, w[k].n, 1, NULL));
      size_t nbw = tl_words(s, open, before, HEADING_MAX_WORDS + 1);
      bool sentence = false;
      for (size_t k = 1; k < nbw && !sentence; k++)
        sentence = before[k].n >= 4 && rd_lower(rd_cp_at(before[k].s, before[k].n, 0, NULL));
      if (names && sentence) return true;
    }
  }
  return false;
}

/* A time of day ("7:11 AM", "0:00"), an ISO date, or a date running to
 * the line's end ("Updated March 3, 2024"). */
static bool has_date(const char *s, size_t n) {
  for (size_t i = 0; i + 2 < n; i++)
    if (oct_ascii_digit(s[i]) && s[i + 1] == ':' && oct_ascii_digit(s[i + 2]) && i + 3 < n &&
        oct_ascii_digit(s[i + 3]) && (i + 4 == n || !oct_ascii_digit(s[i + 4])))
      return true;
  for (size_t i = 0; i + 10 <= n; i++)
    if (oct_ascii_digit(s[i]) && oct_ascii_digit(s[i + 1]) && oct_ascii_digit(s[i + 2]) &&
        oct_ascii_digit(s[i + 3]) && s[i + 4] == '-' && oct_ascii_digit(s[i + 5]) &&
        oct_ascii_digit(s[i + 6]) && s[i + 7] == '-' && oct_ascii_digit(s[i + 8]) &&
        oct_ascii_digit(s[i + 9]))
      return true;
  /* a date begins with a digit, a weekday or a month, which a line about
   * one capitalises ("March 5, 2024", "Tuesday, 5 March"): words in lower
   * case are not tried (half the reading of a text was spent so) */
  char iso[OCT_DATE_ISO_SIZE];
  for (size_t i = 0; i < n; i++)
    if ((i == 0 || s[i - 1] == ' ') && (oct_ascii_digit(s[i]) || (s[i] >= 'A' && s[i] <= 'Z')) &&
        oct_date_parse(s + i, n - i, 0, iso) != OCT_DATE_NONE)
      return true;
  return false;
}

/* "http", "www." or a word with a domain ending ("SmartAsset.com") or a
 * picture's file name ("Lifestyle-hotels.jpg"). */
static bool has_url(const char *s, size_t n) {
  static const char *const tlds[] = {".com", ".org",  ".net", ".io",  ".gov", ".edu",  ".co.",
                                     ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", NULL};
  if (rd_contains_ci(s, n, "http://") || rd_contains_ci(s, n, "https://") ||
      rd_contains_ci(s, n, "www."))
    return true;
  /* every ending begins with a dot: only the dots of the line are tried
   * (every position against every ending was 0.5 M instructions of the
   * reference article's 3.3 M reading) */
  for (const char *dot = memchr(s + (n > 0), '.', n - (n > 0)); dot;
       dot = memchr(dot + 1, '.', (size_t)(s + n - dot - 1))) {
    size_t i = (size_t)(dot - s);
    if (s[i - 1] == ' ') continue;
    for (const char *const *t = tlds; *t; t++) {
      size_t k = strlen(*t);
      if (i + k <= n && strncasecmp(s + i, *t, k) == 0 &&
          (i + k == n || s[i + k] == ' ' || s[i + k] == '/' || (*t)[k - 1] == '.'))
        return true;
    }
  }
  return false;
}

/* The word before a "by" inside a line that makes the line a credit:
 * "Photo by Jane Doe", "Analysis by ...", "Translated by ...".  Elsewhere
 * a "by" before capitalised words is as often a title's ("Call Me by Your
 * Name", a film heading a section of a list of films), so it needs such a
 * word or a date before it ("Tuesday 15 October 2019 by Bradley M. Kuhn").
 * A picture word (picture_words, and its plural): 1; or one of these, which
 * must open the line and be followed by a name of two words at least
 * ("Analysis by Stephen Collinson", not "Sales Analysis by Sector"): 2. */
static int credit_word(tspan w) {
  static const char *const words[] = {
      "photography", "story",   "text",    "words",     "reporting", "interview",  "portrait",
      "posted",      "written", "edited",  "produced",  "compiled",  "designed",   "art",
      "artwork",     "drawing", "footage", "analysis",  "opinion",   "commentary", "translated",
      "reviewed",    "checked", "updated", "published", NULL};
  const char *const *lists[] = {picture_words, words};
  /* the word, then without a plural "s" ("Photos by", "Images by") */
  for (size_t cut = 0; cut < 2 && cut < w.n; cut++) {
    if (cut && w.s[w.n - 1] != 's' && w.s[w.n - 1] != 'S') break;
    size_t m = w.n - cut;
    for (int l = 0; l < 2; l++)
      for (const char *const *p = lists[l]; *p; p++)
        if (strlen(*p) == m && strncasecmp(*p, w.s, m) == 0) return l + 1;
  }
  return 0;
}

/* "Posted by Jane Doe", "Tuesday 15 October 2019 by Bradley M. Kuhn":
 * "by" after a credit word or a date and then at most four words, all
 * capitalised; or the article's author named again. */
static bool byline_like(const char *s, size_t n, const char *author) {
  static const char *const starts[] = {"posted by ",   "written by ", "by ",     "editor:",
                                       "page editor:", "reporter:",   "author:", "reporting by",
                                       "edited by ",   NULL};
  for (const char *const *p = starts; *p; p++)
    if (rd_prefix_ci(s, n, *p)) return true;
  /* a quotation's attribution under it: "— Rosa Delgado, Democrat of ..."
   * (an em dash or a horizontal bar; an en dash may be a list's bullet) */
  if (rd_prefix_ci(s, n, "\xE2\x80\x94") || rd_prefix_ci(s, n, "\xE2\x80\x95")) return true;
  /* the credits of a show or a book: a role, a colon and a few words
   * ("Producer: Owen Sato", "Music: \"Tidewater\" by Blue Dot Sessions") */
  static const char *const roles[] = {
      "producer:",  "producers:",   "produced by ",   "host:",          "hosts:",    "guest:",
      "guests:",    "music:",       "sound:",         "mixed by ",      "editing:",  "artwork:",
      "cover art:", "translation:", "translated by ", "illustrations:", "narrator:", NULL};
  tspan rw[8];
  if (tl_words(s, n, rw, 8) <= 7)
    for (const char *const *p = roles; *p; p++)
      if (rd_prefix_ci(s, n, *p)) return true;
  tspan w[HEADING_MAX_WORDS + 1];
  size_t nw = tl_words(s, n, w, HEADING_MAX_WORDS + 1);
  for (size_t i = 0; i < nw; i++) {
    /* "by", or "Por" (es, pt), "Par" (fr), "Von" (de) at the start or after
     * a credit word ("Foto von Max Mustermann") */
    bool by = (w[i].n == 2 && strncasecmp(w[i].s, "by", 2) == 0) ||
              ((i == 0 || credit_word(w[i - 1])) && w[i].n == 3 &&
               (strncasecmp(w[i].s, "por", 3) == 0 || strncasecmp(w[i].s, "par", 3) == 0 ||
                strncasecmp(w[i].s, "von", 3) == 0) &&
               (i > 0 || rd_upper(rd_cp_at(w[i].s, w[i].n, 0, NULL))));
    if (!by || nw - i - 1 == 0 || nw - i - 1 > 4) continue;
    if (i > 0 && !has_date(s, (size_t)(w[i].s - s))) {
      int cw = credit_word(w[i - 1]);
      if (!cw || (cw == 2 && (i != 1 || nw - i - 1 < 2))) continue;
    }
    bool name = true;
    for (size_t j = i + 1; j < nw && name; j++)
      name = capitalised(w[j]);
    if (name) return true;
  }
  /* the author's name (two words at least) in the line, or the line
   * (two words at least) in the byline: "Stella Kim" of "Stella Kim,
   * Jennifer Jett"; "About Jane Doe" heads the note on the writer, as
   * "About the Author" does (a press release's "About Northwind Robotics") */
  if (author && strchr(author, ' ') && !rd_prefix_ci(s, n, "about ")) {
    size_t an = strlen(author);
    for (size_t i = 0; i + an <= n; i++)
      if (strncasecmp(s + i, author, an) == 0) return true;
    if (memchr(s, ' ', n))
      for (size_t i = 0; i + n <= an; i++)
        if (strncasecmp(author + i, s, n) == 0) return true;
  }
  return false;
}

/* W is one of LIST, exactly (lower case: a capitalised tag is a title's). */
static bool word_is(tspan w, const char *const *list) {
  for (; *list; list++)
    if (strlen(*list) == w.n && memcmp(*list, w.s, w.n) == 0) return true;
  return false;
}

/* A page's control in words: a verb of what a reader does to a page, then
 * at most two words, and a thing of the page last, in sentence case, with
 * no article before the thing ("Copy link", "Gift this article", "Share
 * full article", "Enable notifications").  A grammar rather than a list of
 * buttons: news sites name the same few actions on the same few things in
 * many ways.  A manual's heading names "a link", "the app"; a heading that
 * gives an instruction is about something else ("Get more sleep", "Add
 * arguments to Node.js"). */
static bool control_like(const char *s, size_t n) {
  static const char *const verbs[] = {
      "share",    "save",  "copy",      "gift",     "print",    "email",  "enable",
      "disable",  "tap",   "subscribe", "follow",   "download", "listen", "watch",
      "view",     "show",  "hide",      "close",    "open",     "load",   "expand",
      "collapse", "reply", "like",      "bookmark", "send",     NULL};
  static const char *const things[] = {
      "article", "articles", "story",    "stories",      "link",          "links",      "page",
      "post",    "comment",  "comments", "notification", "notifications", "newsletter", "alerts",
      "alert",   "app",      "video",    "gallery",      "photos",        "image",      NULL};
  static const char *const articles[] = {"a", "an", "the", "your", "our", "my", NULL};
  tspan w[5];
  size_t nw = tl_words(s, n, w, 5);
  if (nw < 2 || nw > 4 || !rd_upper(rd_cp_at(w[0].s, w[0].n, 0, NULL))) return false;
  bool verb = false;
  for (const char *const *p = verbs; *p && !verb; p++)
    verb = strlen(*p) == w[0].n && strncasecmp(*p, w[0].s, w[0].n) == 0;
  if (!verb) return false;
  for (size_t i = 1; i < nw; i++)
    if (!rd_lower(rd_cp_at(w[i].s, w[i].n, 0, NULL)) || word_is(w[i], articles)) return false;
  return word_is(w[nw - 1], things);
}

/* A link to another article under its introducer and a colon, in the
 * languages whose dates octavo reads ("Read also: ...", "Lire aussi :
 * ...", "Lesen Sie auch: ...", "Lee también: ..."): a page's pointer
 * elsewhere, whatever the headline after it looks like.  French sets a
 * space before the colon, so spaces may stand between the two. */
static bool see_also(const char *s, size_t n) {
  static const char *const intro[] = {
      "related", "also read", "read also", "see also",
      /* French; "À lire aussi" is taken without its "À" */
      "lire", "lire aussi", "voir aussi", "sur le m\xC3\xAAme sujet",
      /* German */
      "lesen sie auch", "lesen sie mehr", "mehr zum thema", "siehe auch", "auch interessant",
      /* Spanish, Portuguese, Italian, Dutch */
      "lee tambi\xC3\xA9n", "lea tambi\xC3\xA9n", "leer m\xC3\xA1s", "ver tambi\xC3\xA9n",
      "te puede interesar", "leia tamb\xC3\xA9m", "leia mais", "veja tamb\xC3\xA9m", "leggi anche",
      "vedi anche", "lees ook", "lees meer", "zie ook", NULL};
  if (rd_prefix_ci(s, n, "\xC3\xA0 ") || rd_prefix_ci(s, n, "\xC3\x80 ")) {
    s += 3;
    n -= 3;
  }
  for (const char *const *p = intro; *p; p++) {
    size_t i = strlen(*p);
    if (!rd_prefix_ci(s, n, *p)) continue;
    while (i < n && s[i] == ' ')
      i++;
    if (i + 2 <= n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) i += 2;
    if (i < n && s[i] == ':') return true;
  }
  return false;
}

/* Link text and buttons that scraped pages leave between paragraphs. */
bool oct_text_furniture(const char *s, size_t n) {
  if (n == 0) return false;
  if (see_also(s, n)) return true;
  static const char *const starts[] = {"learn more",
                                       "continue reading",
                                       "read the full",
                                       "read more",
                                       "post a comment",
                                       "leave a comment",
                                       "more about ",
                                       "more in ",
                                       "more on ",
                                       "m\xC3\xA1s en ",
                                       "see more",
                                       "view more",
                                       "view photo",
                                       "view gallery",
                                       "click here",
                                       "watch:",
                                       "listen:",
                                       "play video",
                                       "comments (",
                                       "from wikipedia",
                                       "table of contents",
                                       "found this helpful",
                                       "was this helpful",
                                       "was this article helpful",
                                       NULL};
  /* buttons, and the networks a share bar or an embedded post names */
  static const char *const whole[] = {"reply",
                                      "save",
                                      "print",
                                      "email",
                                      "comments",
                                      "comment",
                                      "share",
                                      "menu",
                                      "search",
                                      "close",
                                      "play",
                                      "exclusive",
                                      "contents",
                                      "advertisement",
                                      "sponsored",
                                      "facebook",
                                      "twitter",
                                      "instagram",
                                      "linkedin",
                                      "pinterest",
                                      "youtube",
                                      "whatsapp",
                                      "reddit",
                                      "most popular",
                                      "most read",
                                      "most viewed",
                                      "advertising",
                                      "click to enlarge",
                                      "enter your email",
                                      "enter your email address",
                                      "sign in",
                                      "log in",
                                      "show more",
                                      "load more",
                                      NULL};
  for (const char *const *p = starts; *p; p++)
    if (rd_prefix_ci(s, n, *p)) return true;
  for (const char *const *p = whole; *p; p++)
    if (strlen(*p) == n && strncasecmp(s, *p, n) == 0) return true;
  if (control_like(s, n)) return true;
  /* items apart by bars or dots, twice or more: a row of links ("Apple
   * Podcasts | Spotify | RSS") or of facts ("Season 6 · Episode 142 · 58
   * min"); a heading has one at most ("Gallery: Xbox One X | 14 Photos") */
  size_t bars = 0;
  for (size_t i = 0; i + 2 < n; i++)
    if (s[i] == ' ' && (s[i + 1] == '|' || (s[i + 1] == '\xC2' && s[i + 2] == '\xB7'))) bars++;
  if (bars >= 2) return true;
  tspan w[6];
  size_t nw = tl_words(s, n, w, 6);
  /* a short line that ends on "advertisement", in any case: "Skip
   * advertisement", "Story Continues Below Advertisement", "SKIP
   * ADVERTISEMENT"; a heading about one does not end so ("The
   * Advertisement That Changed Everything") */
  if (nw >= 2 && nw <= 5 && w[nw - 1].n == 13 && strncasecmp(w[nw - 1].s, "advertisement", 13) == 0)
    return true;
  /* "Listen to this article", "Listen to this story · 5 min" */
  for (size_t k = 0; k < 2; k++) {
    const char *t = k ? "listen to this story" : "listen to this article";
    size_t tl = strlen(t);
    if (rd_prefix_ci(s, n, t) && n <= tl + 12 && (n == tl || !rd_alpha(rd_cp_at(s, n, tl, NULL))))
      return true;
  }
  /* "More from Jane Doe": more by the byline's kind of name, not "More
   * From Less" or "More from your garden" */
  if (nw >= 3 && nw <= 5 && rd_prefix_ci(s, n, "more ") && w[1].n == 4 &&
      memcmp(w[1].s, "from", 4) == 0) {
    bool name = true;
    for (size_t i = 2; i < nw; i++)
      name &= rd_upper(rd_cp_at(w[i].s, w[i].n, 0, NULL));
    if (name) return true;
  }
  /* "Posted in News", "Reading time: 4 min": a post's metadata, short */
  if (nw <= 5 && n > 10 && memcmp(s, "Posted in ", 10) == 0) return true;
  if (rd_prefix_ci(s, n, "reading time") && nw <= 5) return true;
  /* ending in a chevron or an arrow: "More in Opinion ›", "Next →" */
  uint32_t e = rd_last_cp(s, n);
  if (e == 0xBB) return !rd_contains_ci(s, n, "\xC2\xAB"); /* "Read more »", not "« Les … »" */
  return e == 0x203A || e == 0x2192 || e == '>';
}

/* Most words of four letters or more capitalised, counting at least two. */
static bool title_case(const tspan *w, size_t nw) {
  size_t longw = 0, caps = 0;
  for (size_t i = 0; i < nw; i++) {
    if (w[i].n < 4) continue;
    longw++;
    caps += capitalised(w[i]);
  }
  return longw >= 2 && caps * 4 >= longw * 3;
}

/* The line without trailing citation marks ("...Foundation:[41]"). */
static size_t without_cites(const char *s, size_t n) {
  while (n >= 3 && s[n - 1] == ']') {
    size_t i = n - 2;
    while (i > 0 && oct_ascii_digit(s[i]))
      i--;
    if (s[i] != '[' || i == n - 2) break;
    n = i;
  }
  return n;
}

/* Ends on a lower-case function word ("... able to", "...: either"): a
 * line cut from its sentence, not a title; or is one conjunction alone
 * ("When" over a formula set on lines of its own names nothing). */
static bool dangling(const tspan *w, size_t nw) {
  static const char *const words[] = {
      "a", "an", "the", "to", "of", "and", "or", "but", "with", "for", "in", "on", "at", "by",
      "from", "that", "is", "are", "was", "either", "as", "if", "than", "be", "into", "this", "its",
      /* the same in the other languages of the development set: French,
       * Spanish, Portuguese, Italian, German ("... la surveillance de"),
       * but for the words English has too ("Things to do", "Do or die",
       * "Ooh la la", "Into the lion's den", "miles per") */
      "de", "le", "les", "des", "du", "et", "ou", "un", "une", "au", "aux", "los", "las", "y",
      "que", "por", "para", "del", "da", "dos", "das", "em", "il", "di", "che", "der", "und",
      "oder", "mit", "zu", "dem", "ein", "eine", NULL};
  static const char *const alone[] = {"when",  "where",   "whereas",   "then", "thus", "hence",
                                      "and",   "but",     "or",        "so",   "if",   "since",
                                      "while", "because", "therefore", NULL};
  if (nw == 1)
    for (const char *const *p = alone; *p; p++)
      if (strlen(*p) == w[0].n && strncasecmp(w[0].s, *p, w[0].n) == 0) return true;
  if (nw < 2) return false;
  tspan last = w[nw - 1];
  for (const char *const *p = words; *p; p++)
    if (strlen(*p) == last.n && memcmp(last.s, *p, last.n) == 0) return true;
  return false;
}

static bool columns(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if ((s[i] == ' ' && s[i + 1] == ' ') || s[i] == '\t') return true;
  return false;
}

/* A row of a table: a tab, or two spaces inside the line that do not
 * follow a sentence's end (typists put two spaces after a full stop). */
static bool table_row(const char *s, size_t n) {
  for (size_t i = 1; i + 1 < n; i++)
    if (s[i] == '\t' || (s[i] == ' ' && s[i + 1] == ' ' && !strchr(".!?:", s[i - 1]))) return true;
  return false;
}

/* A word that is a name from code: brackets, an underscore, or a stop
 * before two letters in it ("gittutorial(7),", "maintenance_work_mem",
 * "itertools.count"; not "e.g."). */
static bool code_word(const char *s, size_t n) {
  for (size_t j = 0; j < n; j++)
    if (s[j] == '(' || s[j] == '_' ||
        (s[j] == '.' && j + 2 < n && oct_ascii_alpha(s[j + 1]) && oct_ascii_alpha(s[j + 2])))
      return true;
  return false;
}

/* 'T' for Title Case, 'S' for sentence case, 0 for neither or too short
 * to tell: judged on the words after the first of four letters or more. */
static char case_style(const tline *l) {
  tspan w[HEADING_MAX_WORDS + 1];
  size_t nw = tl_words(l->s, l->len, w, HEADING_MAX_WORDS + 1);
  size_t longw = 0, caps = 0;
  /* the first word is capitalised whatever the style; after a number
   * ("1. Hosta") so is the word after it */
  size_t from = nw > 1 && oct_ascii_digit(w[0].s[0]) ? 2 : 1;
  for (size_t i = from; i < nw; i++) {
    if (w[i].n < 4 || !rd_alpha(rd_cp_at(w[i].s, w[i].n, 0, NULL))) continue;
    /* a name from code keeps its own case ("maintenance_work_mem") */
    if (code_word(w[i].s, w[i].n)) continue;
    longw++;
    caps += capitalised(w[i]);
  }
  if (longw == 0) return 0;
  if (caps == longw) return 'T';
  return caps * 2 <= longw ? 'S' : 0;
}

/* The mark at the end of line L: a short bracketed word ("[edit]") or a
 * pilcrow, section sign or hash; its length (0 when none) from *AT. */
static size_t tail_mark(const tline *l, const char **at) {
  const char *s = l->s;
  size_t n = l->len;
  if (n >= 3 && s[n - 1] == ']') {
    size_t i = n - 1;
    while (i > 0 && s[i] != '[' && s[i] != ' ' && n - i <= 10)
      i--;
    if (s[i] == '[' && i > 0 && n - i <= 10 && !oct_ascii_digit(s[i + 1])) {
      *at = s + i;
      return n - i;
    }
    return 0;
  }
  uint32_t e = rd_last_cp(s, n);
  if (e == 0xB6 || e == 0xA7 || e == '#') {
    size_t i = rd_last_start(s, n);
    *at = s + i;
    return n - i;
  }
  return 0;
}

/* More digits and symbols than letters; or a label and its figure:
 * "Rating: 4 out of 5 stars", "Time needed: 20 minutes", "Price: $129" (a
 * line of data, as a card of facts gives them; no heading of the
 * development set has a figure right after its colon). */
static bool numeric(const char *s, size_t n) {
  size_t lab = oct_text_label_len(s, n);
  /* a numbered label is a heading's ("Part 2: 1914-1918") */
  bool label_number = false;
  for (size_t i = 0; i < lab; i++)
    label_number |= oct_ascii_digit(s[i]);
  if (lab && !label_number) {
    uint32_t c = rd_cp_at(s + lab + 1, n - lab - 1, 0, NULL);
    if ((c >= '0' && c <= '9') || c == '$' || c == 0xA3 || c == 0x20AC) return true;
  }
  size_t letters = 0, others = 0, i = 0, k;
  while (i < n) {
    uint32_t c = rd_cp_at(s, n, i, &k);
    i += k;
    if (rd_alpha(c))
      letters++;
    else if (c != ' ')
      others++;
  }
  return others > letters;
}

/* "Step 3", "Day 12": a word and a number, nothing else; *NUM gets the
 * number and *W the word. */
static bool counter_label(const tline *l, tspan *w0, long *num) {
  tspan w[3];
  if (tl_words(l->s, l->len, w, 3) != 2 || w[1].n > 4) return false;
  *num = 0;
  for (size_t i = 0; i < w[1].n; i++) {
    if (!oct_ascii_digit(w[1].s[i])) return false;
    *num = *num * 10 + (w[1].s[i] - '0');
  }
  *w0 = w[0];
  return true;
}

/* A line of program code, as a pre block gives it in text without blank
 * lines ("LEFT JOIN server_log l ON (", "while True:"): an identifier
 * with an underscore, a statement's punctuation ("==", "->", "::", "()",
 * ";", braces), a comment mark at the start, or an open bracket or "="
 * at the end. */
bool oct_text_code_like(const char *s, size_t n) {
  static const char *const inside[] = {"==", "!=", "->", "::", "=>", "()", ";", "{", "}", NULL};
  for (const char *const *p = inside; *p; p++)
    if (rd_contains_ci(s, n, *p)) return true;
  if (rd_prefix_ci(s, n, "--") || rd_prefix_ci(s, n, "//") || rd_prefix_ci(s, n, "/*")) return true;
  char e = s[n - 1];
  if (e == '(' || e == '[' || e == '=' || e == '\\') return true;
  /* an identifier ("server_log") among at most two words of prose: a
   * heading that names one ("Statistics don't survive pg_upgrade") has
   * three or more, or a manual's section number ("14.4.5. Increase
   * maintenance_work_mem") */
  bool ident = false;
  for (size_t i = 1; i + 1 < n && !ident; i++)
    ident = s[i] == '_' && s[i - 1] != ' ' && s[i + 1] != ' ';
  if (!ident || section_prefix(s, n, NULL)) return false;
  tspan w[HEADING_MAX_WORDS + 1];
  size_t nw = tl_words(s, n, w, HEADING_MAX_WORDS + 1), prose = 0;
  for (size_t k = 0; k < nw; k++) {
    bool letters = true, lower = false;
    for (size_t b = 0; b < w[k].n && letters; b++) {
      unsigned char ch = (unsigned char)w[k].s[b];
      letters = oct_ascii_alpha(ch) || ch >= 0x80 || ch == '\'';
      lower |= ch >= 'a' && ch <= 'z';
    }
    prose += letters && lower;
  }
  return prose < 3;
}

/* ---- the decision ----------------------------------------------------------- */

enum {
  F_APART,
  F_RUN_IN,
  F_TAIL,
  F_BODY_AFTER,
  F_RUN3,
  F_RUN4,
  F_OUTDENT,
  F_NOT_OUTDENT,
  F_INDENTED,
  F_AFTER_COLON,
  F_COLON,
  F_QUOTED,
  F_EXCLAIM,
  F_BRACKETS,
  F_CREDIT,
  F_BYLINE,
  F_FURNITURE,
  F_COLUMNS,
  F_TITLE_AGAIN,
  F_REPEATED,
  F_COMMA,
  F_DATE,
  F_URL,
  F_TITLE_CASE,
  F_LONG_WORDS,
  F_DANGLING,
  F_STYLE,
  F_MARK,
  F_NO_MARK,
  F_NUMERIC,
  F_ECHO,
  F_LONGER,
  F_LONGER_WORDS,
  F_PICTURE,
  F_AFTER_PICTURE,
  F_LABEL,
  F_CODE,
  F_CELL,
  F_BEFORE_TABLE,
  F_DECK,
  F_WIDE_GAP,
  F_GOES_ON,
  F_LONE_QUESTION,
  F_IN_SERIES,
  F_VERSION,
  F_GREETING,
  F_FIELD,
  F_LONE_NUMERAL,
  F_HEADLINES,
  F_SECTION_NUMBER,
  F_ADMONITION,
  F_COUNT
};

static const double weight[F_COUNT] = {
    [F_APART] = W_APART,
    [F_RUN_IN] = W_RUN_IN,
    [F_TAIL] = W_TAIL,
    [F_BODY_AFTER] = W_BODY_AFTER,
    [F_RUN3] = W_RUN / 2,
    [F_RUN4] = W_RUN,
    [F_OUTDENT] = W_OUTDENT,
    [F_NOT_OUTDENT] = W_NOT_OUTDENT,
    [F_INDENTED] = W_INDENTED,
    [F_AFTER_COLON] = W_AFTER_COLON,
    [F_COLON] = W_COLON,
    [F_QUOTED] = W_QUOTED,
    [F_EXCLAIM] = W_EXCLAIM,
    [F_BRACKETS] = W_BRACKETS,
    [F_CREDIT] = W_CREDIT,
    [F_BYLINE] = W_BYLINE,
    [F_FURNITURE] = W_FURNITURE,
    [F_COLUMNS] = W_COLUMNS,
    [F_TITLE_AGAIN] = W_TITLE_AGAIN,
    [F_REPEATED] = W_REPEATED,
    [F_COMMA] = W_COMMA,
    [F_DATE] = W_DATE,
    [F_URL] = W_URL,
    [F_TITLE_CASE] = W_TITLE_CASE,
    [F_LONG_WORDS] = W_PER_LONG_WORD,
    [F_DANGLING] = W_DANGLING,
    [F_STYLE] = W_STYLE,
    [F_MARK] = W_MARK,
    [F_NO_MARK] = W_NO_MARK,
    [F_NUMERIC] = W_NUMERIC,
    [F_ECHO] = W_ECHO,
    [F_LONGER] = W_LONGER,
    [F_LONGER_WORDS] = W_PER_LONGER_WORD,
    [F_PICTURE] = W_PICTURE,
    [F_AFTER_PICTURE] = W_AFTER_PICTURE,
    [F_LABEL] = W_LABEL,
    [F_CODE] = W_CODE,
    [F_CELL] = W_CELL,
    [F_BEFORE_TABLE] = W_BEFORE_TABLE,
    [F_DECK] = W_DECK,
    [F_WIDE_GAP] = W_WIDE_GAP,
    [F_GOES_ON] = W_GOES_ON,
    [F_LONE_QUESTION] = W_LONE_QUESTION,
    [F_IN_SERIES] = W_IN_SERIES,
    [F_VERSION] = W_VERSION,
    [F_GREETING] = W_GREETING,
    [F_FIELD] = W_FIELD,
    [F_LONE_NUMERAL] = W_LONE_NUMERAL,
    [F_HEADLINES] = W_HEADLINES,
    [F_SECTION_NUMBER] = W_SECTION_NUMBER,
    [F_ADMONITION] = W_ADMONITION,
};

#ifdef OCT_TEXT_TRACE
static const char *const feature_names[] = {
    "apart",     "run_in",    "tail",          "body_after",   "run3",
    "run4",      "outdent",   "not_outdent",   "indented",     "after_colon",
    "colon",     "quoted",    "exclaim",       "brackets",     "credit",
    "byline",    "furniture", "columns",       "title_again",  "repeated",
    "comma",     "date",      "url",           "title_case",   "long_words",
    "dangling",  "style",     "mark",          "no_mark",      "numeric",
    "echo",      "longer",    "longer_words",  "picture",      "after_picture",
    "label",     "code",      "cell",          "before_table", "deck",
    "wide_gap",  "goes_on",   "lone_question", "in_series",    "version",
    "greeting",  "field",     "lone_numeral",  "headlines",    "section_number",
    "admonition"};
_Static_assert(sizeof feature_names / sizeof feature_names[0] == F_COUNT,
               "a name for every feature");
#endif

/* What the whole document says about its candidates. */
typedef struct hdoc {
  const tline *v;
  size_t n;
  const tblock *b;
  size_t nb;
  const tprofile *p;
  bool *cand;             /* block k is a candidate */
  size_t *run;            /* length of the run of candidates block k is in */
  bool *headlines;        /* block k is one of a run of long lines (see W_HEADLINES) */
  unsigned char *repeats; /* how often its text occurs among the candidates, at most 3 */
  unsigned char *fields;  /* how often its label ("Soil:") starts a line, at most 3 */
  bool outdent_channel;   /* some candidate stands out at the margin (lynx) */
  char style;             /* 'T' or 'S': the case style of the headings, or 0 */
  bool numbered;          /* the headings are numbered ("5. Beware the hairdryer") */
  size_t last_numbered;   /* the block of the last numbered heading */
  const char *mark;       /* the end mark of the headings ("[edit]"), or NULL */
  size_t mark_len;
  size_t median_words; /* the headings' median length in words, or 0 */
  bool *label;         /* block k is one of a run of short numbered labels ("Step 3") */
  bool *deck;          /* block k is the second line of a heading deck (see W_DECK) */
  bool narrow;         /* the headings stand one blank line apart (see W_WIDE_GAP) */
  bool styled;         /* a pass has found headings: QUESTIONS is known */
  size_t questions;    /* headings of the last pass that are questions */
  size_t versions;     /* candidates that are a release's line (see version_line) */
  size_t numerals;     /* candidates that are a part's numeral (see roman_line) */
  size_t sections;     /* candidates that start with a section number (see section_prefix) */
  size_t sidebars;     /* candidates that start with a sidebar's label (see admonition) */
} hdoc;

/* A part's numeral alone on its line, as long-form magazines number their
 * parts: "I.", "II", "IV." (to XXXIX). */
static bool roman_line(const char *s, size_t n) {
  if (n > 0 && s[n - 1] == '.') n--;
  if (n == 0 || n > 7) return false;
  size_t i = 0;
  while (i < n && i < 3 && s[i] == 'X')
    i++;
  static const char *const units[] = {"",   "I",   "II",   "III", "IV", "V",
                                      "VI", "VII", "VIII", "IX",  NULL};
  for (const char *const *u = units; *u; u++)
    if (strlen(*u) == n - i && memcmp(*u, s + i, n - i) == 0) return n > 0;
  return false;
}

/* A release's line in release notes or a changelog: a version number of
 * two parts or more, with a "v", "Version" or "Release" before it or in
 * brackets, and nothing after it but a date or a name ("4.2.0 (2024-05-14)",
 * "v2.1 - 3 March 2024", "[1.0.0] - 2023-01-02", "Version 3.4 \"Aurora\"").
 * A heading only where the document has two such lines (see W_VERSION). */
bool oct_text_version_line(const char *s, size_t n) {
  static const char *const words[] = {"version ", "release ", "v", "[", NULL};
  bool named = false;
  for (const char *const *w = words; *w && !named; w++)
    if (rd_prefix_ci(s, n, *w)) {
      size_t k = strlen(*w);
      s += k;
      n -= k;
      named = true;
    }
  size_t i = 0, parts = 0;
  while (i < n) {
    size_t d = i;
    while (i < n && oct_ascii_digit(s[i]))
      i++;
    if (i == d || i - d > 4) return false;
    parts++;
    if (i < n && s[i] == '.' && i + 1 < n && oct_ascii_digit(s[i + 1]))
      i++;
    else
      break;
  }
  if (parts < 2) return false;
  if (i < n && s[i] == ']') i++;
  /* what may follow: a date or a name in brackets, after a dash or in
   * quotes; not a unit ("16.2 MB", "7.7 MB (-52%)") */
  bool dated = false;
  for (size_t k = i; k < n && !dated; k++)
    dated = oct_ascii_digit(s[k]);
  /* a bare "12.5" or a section's "1.1 - Scope" is no release: a release
   * is named ("v", "Version", brackets), of three parts, or dated */
  if (!named && parts < 3 && !dated) return false;
  if (i == n) return true;
  if (n - i > 40 || s[i] != ' ') return false;
  static const char *const after[] = {
      " (", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \"", " \xE2\x80\x9C", NULL};
  for (const char *const *a = after; *a; a++)
    if (rd_prefix_ci(s + i, n - i, *a)) return true;
  return false;
}

/* A letter's or a newsletter's greeting: "Hi friends", "Hello everyone
 * 👋", "Dear readers", "Hey there" (a salutation and who it greets, in
 * lower case); "Hello World" names something, "Greetings" alone may head
 * a section. */
static bool greeting(const char *s, size_t n) {
  static const char *const hello[] = {"hi", "hello", "hey", "dear", "greetings", "howdy", NULL};
  tspan w[5];
  size_t nw = tl_words(s, n, w, 5);
  if (nw == 0 || nw > 4) return false;
  tspan w0 = w[0];
  while (w0.n > 0 && strchr(",!", w0.s[w0.n - 1]))
    w0.n--;
  bool is = false;
  for (const char *const *h = hello; *h && !is; h++)
    is = strlen(*h) == w0.n && strncasecmp(*h, w0.s, w0.n) == 0;
  return is && nw >= 2 && rd_lower(rd_cp_at(w[1].s, w[1].n, 0, NULL));
}

/* The words in capitals that start S, as a run of bytes: "BACK TO BASICS"
 * of "BACK TO BASICS The hard link"; its letters go to LETTERS, and 0 when
 * nothing with a lower-case letter follows them. */
static size_t caps_label(const char *s, size_t n, size_t *letters) {
  size_t end = 0, i = 0;
  *letters = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] >= 'A' && s[j] <= 'Z')
      j++;
    if (j - i < 2 || (j < n && s[j] != ' ')) break;
    *letters += j - i;
    end = j;
    i = j + 1;
  }
  bool lower = false;
  for (size_t j = end; j < n && !lower; j++)
    lower = s[j] >= 'a' && s[j] <= 'z';
  return lower ? end : 0;
}

/* A label in capitals made of acronyms only ("HTTP API Reference", "NASA
 * JPL Mission Update", "UNICODE Support"): words of seven letters at most,
 * none of five or more beside another.  A sidebar's label has a word of
 * eight letters or more, or one of five or more among others ("IN
 * PRACTICE", "BACK TO BASICS", "QUICK LOOK", "COMMUNITY"). */
static bool acronyms(const char *s, size_t n) {
  size_t words = 0, longest = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && s[j] != ' ')
      j++;
    words++;
    if (j - i > longest) longest = j - i;
    i = j + 1;
  }
  return longest < 8 && (words == 1 || longest < 5);
}

/* An admonition's label alone ("Note", "Warning:", "Hinweis"), or a box's
 * label in capitals before its title: an admonition's ("CAUTION Hot
 * analysis"), or a sidebar's of seven capitals or more ("BACK TO BASICS
 * The hard link", "COMMUNITY The Release Manager").  Shorter labels and
 * acronyms start headings ("CPU profiling", "HTTP API Reference"), unless
 * SIDEBARS: the document has two sidebar labels that are no acronyms, and
 * "CULTURE TAR, the standard" among them is one more.  See W_ADMONITION. */
static bool admonition(const char *s, size_t n, bool sidebars) {
  static const char *const labels[] = {
      "note",     "warning",   "caution",    "tip",       "important",    "hint", "danger",
      "remarque", "attention", "hinweis",    "achtung",   "warnung",      "nota", "advertencia",
      "aviso",    "avviso",    "attenzione", "opmerking", "waarschuwing", NULL};
  size_t w = 0, letters;
  while (w < n && s[w] != ' ' && s[w] != ':')
    w++;
  size_t label = caps_label(s, n, &letters);
  if (label && letters >= 7 && (sidebars || !acronyms(s, label))) return true;
  /* the word alone (a colon after it), or in capitals before a title */
  if (!(w == n || (s[w] == ':' && w + 1 == n) || label == w)) return false;
  for (const char *const *l = labels; *l; l++)
    if (rd_equals_ci(s, w, *l)) return true;
  return false;
}

static bool is_candidate(const tline *v, const tblock *b, const tprofile *p) {
  if (b->kind == B_NUMBERED) return true; /* its shape was checked */
  if (b->kind != B_PARA || b->end != b->first + 1) return false;
  const tline *l = &v[b->first];
  return l->kind == K_TEXT && (oct_text_heading_shape(l->s, l->len, l->chars, p->refs > 0) ||
                               oct_text_version_line(l->s, l->len) || roman_line(l->s, l->len));
}

/* A line of contact data: an e-mail address, a URL, a phone number
 * ("press@example.com", "www.example.com", "+1 412-555-0187"); with
 * short lines around it, it makes them a contact block or an address. */
static bool short_datum(const tline *l) {
  if (l->chars > 60 || l->kind != K_TEXT) return false;
  const char *s = l->s;
  size_t n = l->len, digits = 0, other = 0;
  if (has_url(s, n)) return true;
  const char *at = memchr(s, '@', n);
  if (at && at > s && memchr(at, '.', (size_t)(s + n - at)) && !memchr(s, ' ', n)) return true;
  for (size_t i = 0; i < n; i++)
    if (oct_ascii_digit(s[i]))
      digits++;
    else if (!strchr("+-(). ", s[i]))
      other++;
  return digits >= 7 && other == 0;
}

/* Body text: a paragraph that is no candidate, a list, a quote; not a
 * line of data (a contact block's e-mail address is nothing a heading
 * titles). */
static bool body(const hdoc *d, size_t k) {
  if (k >= d->nb) return false;
  if (d->b[k].kind == B_LIST || d->b[k].kind == B_QUOTE || d->b[k].kind == B_CODE ||
      d->b[k].kind == B_TABLE)
    return true;
  return d->b[k].kind == B_PARA && !d->cand[k] &&
         !(d->b[k].end == d->b[k].first + 1 && short_datum(&d->v[d->b[k].first]));
}

/* Where block K stands: blank lines around it, body text after it, its
 * run of candidates, its indent against the margin. */
static void position_features(const hdoc *d, size_t k, double *f) {
  const tline *v = d->v;
  const tblock *b = d->b;
  const tprofile *p = d->p;
  const tline *l = &v[b[k].first];
  bool before = l->blank_before;
  bool after = b[k].end >= d->n || v[b[k].end].blank_before;
  bool has_prev = k > 0;
  /* body text next, or after one or two more candidates (a subheading, a
   * caption) */
  bool body_next = body(d, k + 1) || (d->cand[k + 1] && body(d, k + 2)) ||
                   (d->cand[k + 1] && k + 2 < d->nb && d->cand[k + 2] && body(d, k + 3));
  if (p->blank_sep) {
    if (before && after)
      f[F_APART] = 1;
    else if (!after && b[k + 1].kind == B_PARA)
      f[F_RUN_IN] = 1;
    else if (!before && has_prev && b[k - 1].kind == B_PARA)
      f[F_TAIL] = 1;
  } else if (body_next && (!has_prev || body(d, k - 1) || d->cand[k - 1])) {
    f[F_APART] = 1;
  }
  f[F_BODY_AFTER] = body_next;
  /* the last of a run right over a list names the list ("Prep Time 10
   * minutes", "Servings 4", then "Ingredients" over its items) */
  bool names_list = k + 1 < d->nb && d->b[k + 1].kind == B_LIST && d->run[k + 1] == 0 &&
                    d->b[k + 1].end - d->b[k + 1].first >= 2;
  f[F_RUN4] = d->run[k] >= 4 && !names_list;
  f[F_RUN3] = d->run[k] == 3 && !names_list;
  f[F_HEADLINES] = d->headlines[k];
  if (p->body_indent >= 2) {
    if (l->indent < p->body_indent)
      f[F_OUTDENT] = 1;
    else if (d->outdent_channel)
      f[F_NOT_OUTDENT] = 1;
  }
  f[F_INDENTED] = l->indent > p->body_indent + 1;
  if (f[F_INDENTED]) {
    size_t i = b[k].first, e = b[k].end;
    const tline *pv = i > 0 && !l->blank_before ? &v[i - 1] : NULL;
    const tline *nx = e < d->n && !v[e].blank_before ? &v[e] : NULL;
    f[F_CELL] = (pv && (pv->indent == l->indent || columns(pv->s, pv->len))) ||
                (nx && (nx->indent == l->indent || columns(nx->s, nx->len)));
  }
  /* or with "," over a name: a letter's sign-off ("Have a good weekend," /
   * "Sam"); a longer line after a comma starts something new */
  uint32_t above = has_prev ? rd_last_cp(v[b[k].first - 1].s, v[b[k].first - 1].len) : 0;
  tspan w[4];
  f[F_AFTER_COLON] = has_prev && b[k - 1].kind != B_BREAK &&
                     (above == ':' || (above == ',' && tl_words(l->s, l->len, w, 4) <= 3));
}

/* A tag question: a comma, then an auxiliary verb and a pronoun, or
 * "right" or "eh", and "?" ("It is not very clear, is it?", "You knew
 * that, didn't you?"): the writer talking to the reader.  "Inflation, is
 * it over?" asks about something else and may title a section; a title
 * asking so capitalises its tag ("Hard, Isn't It?"). */
static bool tag_question(const char *s, size_t n) {
  /* auxiliaries, also with "n't" or "n’t" ("isn't"; "won't" and "can't"
   * leave "wo" and "ca") */
  static const char *const aux[] = {"is",     "are",   "was",   "were", "do",  "does", "did",
                                    "can",    "will",  "would", "have", "has", "had",  "could",
                                    "should", "shall", "am",    "wo",   "ca",  NULL};
  static const char *const pronouns[] = {"it",  "you", "we",    "they", "he",
                                         "she", "i",   "there", "that", NULL};
  static const char *const alone[] = {"right", "eh", NULL};
  if (n < 4 || s[n - 1] != '?') return false;
  const char *comma = NULL;
  for (size_t i = n - 1; i-- > 0;)
    if (s[i] == ',') {
      comma = s + i;
      break;
    }
  if (!comma || comma[1] != ' ') return false;
  tspan w[3];
  const char *t = comma + 2;
  size_t nw = tl_words(t, (size_t)(s + n - 1 - t), w, 3);
  if (nw == 1) return word_is(w[0], alone);
  if (nw != 2 || !word_is(w[1], pronouns)) return false;
  tspan v0 = w[0];
  if (v0.n > 3 && memcmp(v0.s + v0.n - 3, "n't", 3) == 0)
    v0.n -= 3;
  else if (v0.n > 5 && memcmp(v0.s + v0.n - 5, "n\xE2\x80\x99t", 5) == 0)
    v0.n -= 5;
  /* "wo" and "ca" are auxiliaries only as "won't" and "can't" */
  bool stem = v0.n == 2 && (memcmp(v0.s, "wo", 2) == 0 || memcmp(v0.s, "ca", 2) == 0);
  return word_is(v0, aux) && (v0.n < w[0].n || !stem);
}

/* How the text S (LEN bytes) ends: a colon, quoted speech, "!", brackets. */
static void ending_features(const char *s, size_t len, double *f) {
  uint32_t e = rd_last_cp(s, len), c0 = rd_cp_at(s, len, 0, NULL);
  f[F_COLON] = e == ':';
  /* quoted speech closes after its punctuation ("“You will not?”"); a
   * quoted term or title at the end ("Les « boîtes noires »") is no speech */
  if (tl_closing_quote(e) || e == 0xBB) {
    size_t q = rd_last_start(s, len);
    while (q > 0 && s[q - 1] == ' ')
      q--;
    uint32_t inner = rd_last_cp(s, q);
    f[F_QUOTED] = inner == '?' || inner == '!' || inner == '.' || inner == ',';
    /* or a sentence wholly in double quotes: a pull quote ("“If we do not
     * act now, we could run short in September”"); a quoted heading is a
     * few words ("‘We need to listen’") */
    tspan w[8];
    if (!f[F_QUOTED] && (c0 == '"' || c0 == 0x201C || c0 == 0xAB) && tl_words(s, len, w, 8) >= 8)
      f[F_QUOTED] = 1;
  }
  /* or speech to the reader without quotes: a tag question */
  if (!f[F_QUOTED]) f[F_QUOTED] = tag_question(s, len);
  f[F_EXCLAIM] = e == '!';
  /* wholly in brackets, or opening one it never closes */
  f[F_BRACKETS] = (c0 == '(' && (e == ')' || !memchr(s, ')', len))) ||
                  (c0 == '[' && (e == ']' || !memchr(s, ']', len)));
}

/* Past 8 words each word more counts against a heading (F_LONG_WORDS):
 * the development set's headings are 2-8 words long. */
#define HEADING_LONG_WORDS 8
/* A picture's label or file name up to 3 blocks back (through captions
 * and alt texts) puts a candidate after a picture. */
#define PICTURE_LOOKBACK 3

/* Letters and digits only, ASCII folded to lower case: "At-least once"
 * and "At-least-once" are one name. */
static unsigned char name_byte(unsigned char c) {
  return rd_word_byte(c) ? (unsigned char)oct_ascii_tolower(c) : 0;
}

static bool same_name(const char *a, size_t an, const char *b, size_t bn) {
  size_t i = 0, j = 0;
  for (;;) {
    while (i < an && !name_byte((unsigned char)a[i]))
      i++;
    while (j < bn && !name_byte((unsigned char)b[j]))
      j++;
    if (i == an || j == bn) return i == an && j == bn;
    if (name_byte((unsigned char)a[i++]) != name_byte((unsigned char)b[j++])) return false;
  }
}

/* The next letter or digit of S from byte *I on (ASCII folded to lower
 * case), or 0 at the end: a line's name as a reader sees it, whatever its
 * quotes, dashes and ellipses ("Nyong'o's ... STOLEN!!!!" against the
 * title's "Nyong’o’s … STOLEN!!!"). */
static uint32_t next_name_cp(const char *s, size_t n, size_t *i) {
  while (*i < n) {
    size_t k;
    uint32_t c = rd_cp_at(s, n, *i, &k);
    *i += k ? k : 1;
    if (c < 0x80 ? oct_ascii_alnum((int)c) : rd_letter(c))
      return c < 0x80 ? (uint32_t)oct_ascii_tolower((int)c) : c;
  }
  return 0;
}

/* Does S, N bytes, name the title again: all of it, or (three words at
 * least) its beginning or its end, as a page repeats its headline without
 * the site's name ("Better Student Journalism" under "The Open Journalism
 * Project: Better Student Journalism")?  Linear: the title is walked at
 * most twice. */
bool oct_text_title_again(const char *s, size_t n, const char *title) {
  if (!title) return false;
  size_t tn = strlen(title);
  tspan w[4];
  bool part = tl_words(s, n, w, 3) >= 3;
  /* from the start: equal, or a prefix */
  size_t i = 0, j = 0, same = 0;
  uint32_t a, b;
  for (;;) {
    a = next_name_cp(s, n, &i);
    b = next_name_cp(title, tn, &j);
    if (!a || a != b) break;
    same++;
  }
  if (!a && same > 0 && (!b || part)) return true;
  if (!part) return false;
  /* from the end: a suffix (walking back by code points) */
  size_t ie = n, je = tn;
  for (;;) {
    while (ie > 0) {
      size_t st = rd_last_start(s, ie), k = st;
      if (next_name_cp(s, ie, &k)) break;
      ie = st;
    }
    while (je > 0) {
      size_t st = rd_last_start(title, je), k = st;
      if (next_name_cp(title, je, &k)) break;
      je = st;
    }
    if (ie == 0) return true;
    if (je == 0) return false;
    size_t si = rd_last_start(s, ie), sj = rd_last_start(title, je), ki = si, kj = sj;
    if (next_name_cp(s, ie, &ki) != next_name_cp(title, je, &kj)) return false;
    ie = si;
    je = sj;
  }
}

/* Two empty lines or more above or below block K, which is one line (the
 * first line's gap is the header's). */
static bool wide_gap(const hdoc *d, size_t k) {
  size_t i = d->b[k].first;
  return (i > 0 && d->v[i].gap >= 2) || (i + 1 < d->n && d->v[i + 1].gap >= 2);
}

/* The name of a part that a manual gives each of its entries or sections
 * ("Examples" under each command, "References" closing each section, an
 * API's "Parameters" and "Returns"): the same name over and over is its
 * structure, not a repeated credit or caption (see W_REPEATED). */
static bool recurring_part(const char *s, size_t n) {
  static const char *const parts[] = {"examples",  "example",     "references", "usage",
                                      "syntax",    "description", "parameters", "arguments",
                                      "returns",   "options",     "summary",    "details",
                                      "exercises", "solutions",   "notes",      NULL};
  for (const char *const *w = parts; *w; w++)
    if (rd_equals_ci(s, n, *w)) return true;
  return false;
}

/* What block K's text S (LEN bytes) is: a credit, a byline, furniture, a
 * date, a URL, code, a picture's label... */
static void kind_features(const hdoc *d, size_t k, const char *s, size_t len, double *f) {
  const tline *v = d->v;
  const tblock *b = d->b;
  const tprofile *p = d->p;
  const tline *l = &v[b[k].first];
  f[F_CREDIT] = credit_like(s, len);
  f[F_BYLINE] = byline_like(s, len, p->author);
  f[F_FURNITURE] = oct_text_furniture(s, len);
  f[F_COLUMNS] = columns(s, len);
  f[F_TITLE_AGAIN] = oct_text_title_again(s, len, p->title);
  /* a name that recurs over a list each time is a recurring section: a
   * changelog's "Added" under each release, a recipe's "Ingredients" */
  f[F_REPEATED] = d->repeats[k] >= 2 && !(k + 1 < d->nb && d->b[k + 1].kind == B_LIST) &&
                  !recurring_part(s, len);
  f[F_COMMA] = memchr(s, ',', len) != NULL;
  f[F_DATE] = has_date(s, len);
  f[F_URL] = has_url(s, len);
  f[F_NUMERIC] = numeric(s, len);
  f[F_GREETING] = greeting(s, len);
  f[F_ADMONITION] = admonition(s, len, d->sidebars >= 2);
  f[F_FIELD] = d->fields[k] >= 2;
  f[F_LONE_NUMERAL] = roman_line(s, len) && d->numerals < 2;
  /* a release among releases: its number and date are what it is named by */
  if (d->versions >= 2 && oct_text_version_line(s, len)) {
    f[F_DATE] = f[F_NUMERIC] = 0;
    f[F_VERSION] = 1;
  }
  tspan w[HEADING_MAX_WORDS + 1];
  size_t nw = tl_words(s, len, w, HEADING_MAX_WORDS + 1);
  f[F_TITLE_CASE] = title_case(w, nw);
  f[F_LONG_WORDS] = nw > HEADING_LONG_WORDS ? (double)(nw - HEADING_LONG_WORDS) : 0;
  f[F_DANGLING] = dangling(w, nw);
  const tline *nx = &v[b[k + 1].first];
  size_t limit = 2 * d->median_words + 2;
  f[F_LONGER] = d->median_words && nw > limit;
  f[F_LONGER_WORDS] = f[F_LONGER] ? (double)(nw - limit) : 0;
  f[F_BEFORE_TABLE] = table_row(nx->s, nx->len);
  f[F_DECK] = d->deck[k];
  f[F_WIDE_GAP] = d->narrow && wide_gap(d, k);
  /* (a caption is a line or two; a section's text may begin by naming
   * its heading again: "The top tray" / "The top tray held the things you
   * would expect: ...") */
  f[F_ECHO] = nw >= 2 && nx->len > l->len && memcmp(nx->s, l->s, l->len) == 0 &&
              !(b[k + 1].kind == B_PARA && nx->chars > 160);
  /* or a one-line block of the same name right above or below: a dump
   * prints a picture's alt text over a caption or credit that says the
   * same ("Vanessa Hicks" twice); no section repeats its heading so */
  if (nw >= 2 && ((b[k + 1].end == b[k + 1].first + 1 && same_name(nx->s, nx->len, l->s, l->len)) ||
                  (k > 0 && b[k - 1].end == b[k - 1].first + 1 &&
                   same_name(v[b[k - 1].first].s, v[b[k - 1].first].len, l->s, l->len))))
    f[F_ECHO] = 1;
  f[F_PICTURE] = picture_label(s, len);
  f[F_LABEL] = d->label[k];
  f[F_CODE] = oct_text_code_like(s, len);
  /* back over a caption and w3m's "[db-dealpro]" (a picture's file name,
   * which says nothing by itself: headings follow pictures too) */
  for (size_t j = k; j-- > 0 && j + PICTURE_LOOKBACK >= k;) {
    const tline *pl = &v[b[j].first];
    bool one = b[j].end == b[j].first + 1;
    if (one && picture_label(pl->s, pl->len)) {
      f[F_AFTER_PICTURE] = 1;
      break;
    }
    bool file = one && pl->len >= 3 && pl->s[0] == '[' && pl->s[pl->len - 1] == ']' &&
                !memchr(pl->s, ' ', pl->len);
    if (!d->cand[j] && !file) break; /* past a paragraph */
  }
}

/* How far to look for the numbered headings around a numbered line: a
 * listicle's section runs to a few dozen blocks; the bound keeps the scan
 * linear in a document of many numbered lines. */
#define SERIES_REACH 256

/* Block K's number continues the numbered headings around it: the nearest
 * numbered heading before or after it is numbered one less or one more,
 * with the same mark ("16)" and "14)" around "15) Mother!"). */
static bool in_series(const hdoc *d, size_t k) {
  const tline *l = &d->v[d->b[k].first];
  for (size_t j = k, reach = 0; j-- > 0 && reach++ < SERIES_REACH;) {
    if (d->b[j].kind != B_NUMBERED || !d->b[j].heading) continue;
    const tline *m = &d->v[d->b[j].first];
    if (m->delim == l->delim && (m->num == l->num + 1 || m->num + 1 == l->num)) return true;
    break;
  }
  for (size_t j = k + 1, reach = 0; j < d->nb && reach++ < SERIES_REACH; j++) {
    if (d->b[j].kind != B_NUMBERED || !d->b[j].heading) continue;
    const tline *m = &d->v[d->b[j].first];
    return m->delim == l->delim && (m->num == l->num + 1 || m->num + 1 == l->num);
  }
  return false;
}

/* How block K sits among the document's headings: their case style,
 * numbering and end mark. */
static void style_features(const hdoc *d, size_t k, double *f) {
  const tline *l = &d->v[d->b[k].first];
  char st = case_style(l);
  f[F_STYLE] = (d->style && st && st != d->style) ||
               (d->numbered && d->b[k].kind != B_NUMBERED && k < d->last_numbered);
  f[F_IN_SERIES] = d->numbered && d->b[k].kind == B_NUMBERED && in_series(d, k);
  f[F_SECTION_NUMBER] = d->sections >= 3 && section_prefix(l->s, l->len, NULL) > 0;
  if (d->mark) {
    const char *at;
    size_t ml = tail_mark(l, &at);
    f[ml == d->mark_len && memcmp(at, d->mark, ml) == 0 ? F_MARK : F_NO_MARK] = 1;
  }
}

static bool question(const char *s, size_t n) { return n > 0 && s[n - 1] == '?'; }

/* The first word of S is in lower case throughout: a sentence going on
 * ("don't preach to me"), not a name that starts so ("iPhone", "eBay"). */
static bool lower_word(const char *s, size_t n) {
  size_t i = 0, k;
  if (n == 0 || !rd_lower(rd_cp_at(s, n, 0, NULL))) return false;
  while (i < n && s[i] != ' ') {
    if (rd_upper(rd_cp_at(s, n, i, &k))) return false;
    i += k;
  }
  /* a name in lower case closed by a stop is a label ("jnv. An
   * interactive JSON viewer"), no sentence going on; an abbreviation with
   * a stop inside ("e.g.", "i.e.") goes on */
  if (s[i - 1] == ':') return false;
  /* a name from code starts a manual's paragraph so ("gittutorial(7),",
   * "itertools.count(start, step) returns", "descr.__get__") */
  if (code_word(s, i)) return false;
  return s[i - 1] != '.' || memchr(s, '.', i - 1) != NULL;
}

/* The evidence about block K, in F (F_COUNT values). */
static void features(const hdoc *d, size_t k, double *f) {
  const tline *l = &d->v[d->b[k].first];
  const char *s = l->s;
  size_t len = l->len;
  memset(f, 0, F_COUNT * sizeof *f);
  /* its words: without lynx's link number, its own number, citations */
  if (d->p->refs > 0) {
    size_t m = tl_link_mark(s, len, 0);
    s += m;
    len -= m;
  }
  if (d->b[k].kind == B_NUMBERED) {
    s += l->body;
    len -= l->body;
  }
  len = without_cites(s, len);
  position_features(d, k, f);
  ending_features(s, len, f);
  kind_features(d, k, s, len, f);
  style_features(d, k, f);
  const tline *nx = &d->v[d->b[k + 1].first];
  f[F_GOES_ON] = d->b[k + 1].kind == B_PARA && lower_word(nx->s, nx->len);
  if (d->styled && question(s, len)) {
    tspan w[5];
    /* the last pass's questions but this line's own */
    size_t others = d->questions - (d->b[k].heading && question(l->s, without_cites(l->s, l->len)));
    f[F_LONE_QUESTION] = others == 0 && tl_words(s, len, w, 5) == 5 && case_style(l) != 'T';
  }
}

static double score(const double *f) {
  double sc = W_BIAS;
  for (int i = 0; i < F_COUNT; i++)
    sc += weight[i] * f[i];
  return sc;
}

/* Labels that number themselves: three or more candidates "Step 1",
 * "Step 2", "Step 3"... in order, four blocks apart or less on average.
 * They name the steps of a procedure, each a paragraph and perhaps a
 * picture's alt text and caption (ehow's "Step 1".."Step 9"), not
 * sections: a contents page of "Step 1, Step 2" says nothing.  Chapters ("Chapter 1" over pages of
 * text) stand further apart and stay headings.  One walk over the candidates. */
static void find_labels(hdoc *d) {
  size_t start = 0, count = 0, last = 0;
  tspan word = {NULL, 0};
  long prev = 0;
  for (size_t k = 0; k <= d->nb; k++) {
    tspan w = {NULL, 0}; /* set when LAB; GCC -O2 cannot see it */
    long num = 0;
    bool lab = k < d->nb && d->cand[k] && counter_label(&d->v[d->b[k].first], &w, &num);
    bool next =
        lab && count > 0 && num == prev + 1 && w.n == word.n && strncasecmp(w.s, word.s, w.n) == 0;
    if (k < d->nb && lab && next) {
      count++;
      last = k;
      prev = num;
      continue;
    }
    if (k < d->nb && !lab) continue;
    /* the run so far ends here */
    if (count >= 3 && last - start <= 4 * (count - 1))
      for (size_t j = start; j <= last; j++)
        if (d->cand[j]) {
          tspan wj;
          long nj;
          d->label[j] = counter_label(&d->v[d->b[j].first], &wj, &nj);
        }
    if (k < d->nb) {
      start = last = k;
      count = 1;
      word = w;
      prev = num;
    }
  }
}

/* How often each candidate's name (its letters and digits) occurs among
 * the candidates, capped at 3: a hash table of twice their number,
 * linear probing; each candidate counts on its name's first occurrence. */
/* The part of a block that COUNT_KEYS compares: the whole line of a
 * candidate (a name used twice), or the label of a field ("Soil" of "Soil:
 * Moist, rich") of any one-line block; its length, or 0 for none. */
typedef size_t key_fn(const hdoc *d, size_t k);

static size_t whole_line(const hdoc *d, size_t k) {
  return d->cand[k] ? d->v[d->b[k].first].len : 0;
}

static size_t field_label(const hdoc *d, size_t k) {
  if (d->b[k].kind != B_PARA || d->b[k].end != d->b[k].first + 1) return 0;
  const tline *l = &d->v[d->b[k].first];
  return oct_text_label_len(l->s, l->len);
}

/* How often each block's key (see key_fn) occurs in the document, at most
 * 3, into OUT: a hash of its letters and digits, open addressing, so a
 * document of many candidates costs linear time. */
static void count_keys(const hdoc *d, key_fn *key, unsigned char *out) {
  size_t nk = 0;
  for (size_t k = 0; k < d->nb; k++)
    nk += key(d, k) > 0;
  size_t cap = 2 * nk + 1;
  size_t *table = oct_xmalloc(cap * sizeof *table);
  size_t *first = oct_xmalloc(d->nb * sizeof *first);
  for (size_t t = 0; t < cap; t++)
    table[t] = SIZE_MAX;
  for (size_t k = 0; k < d->nb; k++) {
    size_t n = key(d, k);
    if (!n) continue;
    const char *s = d->v[d->b[k].first].s;
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
      unsigned char c = name_byte((unsigned char)s[i]);
      if (c) h = (h ^ c) * 1099511628211u;
    }
    size_t t = (size_t)(h % cap);
    while (table[t] != SIZE_MAX) {
      size_t o = table[t];
      if (same_name(d->v[d->b[o].first].s, key(d, o), s, n)) break;
      t = (t + 1) % cap;
    }
    if (table[t] == SIZE_MAX) table[t] = k;
    first[k] = table[t];
    if (out[first[k]] < 3) out[first[k]]++;
  }
  for (size_t k = 0; k < d->nb; k++)
    if (key(d, k)) out[k] = out[first[k]];
  free(first);
  free(table);
}

/* The case style and the end mark of the headings the evidence found on
 * its own: a style when two thirds of four or more agree, a mark when it
 * ends three of them and 60 %. */
static void document_style(hdoc *d, const tblock *b) {
  size_t styles[2] = {0, 0}, heads = 0, marked = 0, numbered = 0, questions = 0;
  size_t lengths[HEADING_MAX_WORDS + 2] = {0}, last_numbered = 0;
  d->style = 0;
  d->mark = NULL;
  d->mark_len = 0;
  d->median_words = 0;
  for (size_t k = 0; k + 1 < d->nb; k++) {
    if (!d->cand[k] || !b[k].heading) continue;
    const tline *l = &d->v[b[k].first];
    heads++;
    numbered += b[k].kind == B_NUMBERED;
    if (b[k].kind == B_NUMBERED) last_numbered = k;
    questions += question(l->s, without_cites(l->s, l->len));
    tspan w[HEADING_MAX_WORDS + 1];
    lengths[tl_words(l->s, l->len, w, HEADING_MAX_WORDS + 1)]++;
    char st = case_style(l);
    if (st) styles[st == 'T']++;
    const char *at;
    size_t ml = tail_mark(l, &at);
    if (!ml) continue;
    if (!d->mark) {
      d->mark = at;
      d->mark_len = ml;
    }
    if (ml == d->mark_len && memcmp(at, d->mark, ml) == 0) marked++;
  }
  if (marked < 3 || marked * 5 < heads * 3) d->mark = NULL;
  /* the median length, from three headings on */
  for (size_t w = 0, seen = 0; heads >= 3 && w <= HEADING_MAX_WORDS + 1; w++) {
    seen += lengths[w];
    if (seen * 2 >= heads) {
      d->median_words = w;
      break;
    }
  }
  size_t both = styles[0] + styles[1];
  if (both >= 4) d->style = styles[1] * 3 >= both * 2 ? 'T' : styles[0] * 3 >= both * 2 ? 'S' : 0;
  /* numbered when two thirds of four or more are: an unnumbered line
   * among them is a caption ("Put luggage on the floor" over "3. Don't
   * use a wooden luggage rack"); one after the last of them closes the
   * series ("The bottom line", "Tips for planting in shade") */
  d->numbered = heads >= 4 && numbered * 3 >= heads * 2;
  d->last_numbered = last_numbered;
  d->questions = questions;
  d->styled = true;
}

/* The heading decks (see W_DECK), from the headings of the last pass: a
 * heading that starts a stack of two (no heading above it) with body text
 * under the pair. */
static void find_decks(hdoc *d, const tblock *b) {
  size_t heads = 0, pairs = 0, wide = 0;
  for (size_t k = 0; k < d->nb; k++) {
    heads += b[k].heading;
    wide += b[k].heading && wide_gap(d, k);
  }
  d->narrow = wide * 3 < heads;
  /* a heading that stays: a caption in a wide gap right above a heading
   * does not make the heading and its deck a stack of three */
#define STAYS(k) (b[k].heading && !(d->narrow && wide_gap(d, k)))
  memset(d->deck, 0, d->nb * sizeof *d->deck);
  for (size_t k = 0; k + 1 < d->nb; k++)
    if (STAYS(k) && STAYS(k + 1) && body(d, k + 2) && !(k > 0 && STAYS(k - 1))) {
      d->deck[k + 1] = true;
      pairs++;
    }
#undef STAYS
  if (pairs < 3 || pairs * 4 < heads) memset(d->deck, 0, d->nb * sizeof *d->deck);
}

/* One pass: every candidate but the last block (nothing follows it) is a
 * heading when the evidence says so. */
static void score_candidates(const hdoc *d, tblock *b) {
  double f[F_COUNT];
  for (size_t k = 0; k + 1 < d->nb; k++)
    if (d->cand[k]) {
      features(d, k, f);
      double sc = score(f);
      b[k].heading = sc > 0;
#ifdef OCT_TEXT_TRACE
      /* tuning aid: each candidate's features (cmake -DCMAKE_C_FLAGS=-DOCT_TEXT_TRACE) */
      const tline *l = &d->v[b[k].first];
      fprintf(stderr, "FEAT\t%zu\t%.*s", k, (int)l->len, l->s);
      for (int i = 0; i < F_COUNT; i++)
        fprintf(stderr, "\t%s=%g", feature_names[i], f[i]);
      fprintf(stderr, "\tscore=%g\n", sc);
#endif
    }
}

void oct_text_find_headings(const tline *v, size_t n, tblock *b, size_t nb, const tprofile *p) {
  if (nb == 0) return;
  hdoc d = {.v = v, .n = n, .b = b, .nb = nb, .p = p};
  d.cand = oct_xmalloc(nb * sizeof *d.cand);
  d.run = oct_xmalloc(nb * sizeof *d.run);
  d.repeats = oct_xmalloc(nb);
  memset(d.repeats, 0, nb);
  d.fields = oct_xmalloc(nb);
  memset(d.fields, 0, nb);
  count_keys(&d, field_label, d.fields);
  for (size_t k = 0; k < nb; k++) {
    d.cand[k] = is_candidate(v, &b[k], p);
    d.versions += d.cand[k] && oct_text_version_line(v[b[k].first].s, v[b[k].first].len);
    d.numerals += d.cand[k] && roman_line(v[b[k].first].s, v[b[k].first].len);
    d.sections += d.cand[k] && section_prefix(v[b[k].first].s, v[b[k].first].len, NULL) > 0;
    size_t caps, label = d.cand[k] ? caps_label(v[b[k].first].s, v[b[k].first].len, &caps) : 0;
    d.sidebars += label && caps >= 7 && !acronyms(v[b[k].first].s, label);
    /* position in a run of candidates (1 for the first), then its length;
     * the rows of a table (columns) make no run: a heading right under a
     * table is no item of a list (they have W_COLUMNS of their own); nor
     * does page furniture or a picture's credit ("Skip advertisement",
     * "Getty Images" between two headings make no list of four) */
    const tline *lk = &v[b[k].first];
    bool runs =
        (d.cand[k] && !columns(lk->s, lk->len) && !oct_text_furniture(lk->s, lk->len) &&
         !credit_like(lk->s, lk->len) && d.fields[k] < 2) ||
        (!d.cand[k] && b[k].kind == B_PARA && b[k].end == b[k].first + 1 && short_datum(lk));
    d.run[k] = runs ? (k > 0 && d.run[k - 1] ? d.run[k - 1] + 1 : 1) : 0;
    if (d.cand[k] && p->body_indent >= 2 && v[b[k].first].indent < p->body_indent)
      d.outdent_channel = true;
  }
  for (size_t k = nb; k-- > 0;)
    if (d.run[k] && k + 1 < nb && d.run[k + 1]) d.run[k] = d.run[k + 1];
  /* the runs of three or more whose every line is long */
  d.headlines = oct_xmalloc(nb * sizeof *d.headlines);
  memset(d.headlines, 0, nb * sizeof *d.headlines);
  for (size_t k = 0; k < nb;) {
    size_t e = k + (d.run[k] ? d.run[k] : 1), shortest = SIZE_MAX;
    for (size_t j = k; j < e && d.run[k] >= 3; j++) {
      tspan w[HEADLINE_WORDS];
      const tline *lj = &v[b[j].first];
      size_t nw = d.cand[j] ? tl_words(lj->s, lj->len, w, HEADLINE_WORDS) : 0;
      if (nw < shortest) shortest = nw;
    }
    for (size_t j = k; j < e && d.run[k] >= 3; j++)
      d.headlines[j] = shortest >= HEADLINE_WORDS;
    k = e;
  }
  count_keys(&d, whole_line, d.repeats);
  d.label = oct_xmalloc(nb * sizeof *d.label);
  memset(d.label, 0, nb * sizeof *d.label);
  d.deck = oct_xmalloc(nb * sizeof *d.deck);
  memset(d.deck, 0, nb * sizeof *d.deck);
  find_labels(&d);
  /* The headings the evidence finds on its own set the document's case
   * style, end mark and heading length, then every candidate is scored
   * again with them; and once more with the style of that cleaner set
   * (captions and alt texts taken for headings in the first pass skew the
   * median length: on the w3m variant of the development set the third
   * pass drops 10 alt texts and no heading), and with the decks that the
   * second pass's headings show.  The last block is never a heading:
   * nothing follows it. */
  score_candidates(&d, b);
  document_style(&d, b);
  score_candidates(&d, b);
  document_style(&d, b);
#ifdef OCT_TEXT_TRACE
  fprintf(stderr, "PROF\twrap=%d\tindent=%d\tblank_sep=%d\trefs=%d\n", p->wrap, p->body_indent,
          p->blank_sep, p->refs);
  for (size_t k = 0; k < nb; k++) {
    size_t chars = 0;
    for (size_t j = b[k].first; j < b[k].end; j++)
      chars += v[j].chars;
    fprintf(stderr, "BLK\t%zu\t%d\t%d\t%d\t%zu\t%zu\t%.*s\n", k, b[k].kind, d.cand[k],
            v[b[k].first].indent, b[k].end - b[k].first, chars, (int)v[b[k].first].len,
            v[b[k].first].s);
  }
#endif
  find_decks(&d, b);
  score_candidates(&d, b);
  free(d.cand);
  free(d.run);
  free(d.headlines);
  free(d.repeats);
  free(d.fields);
  free(d.label);
  free(d.deck);
}
