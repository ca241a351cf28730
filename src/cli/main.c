#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "cli/cli.h"
#include "config.h"
#include "write/pdf/pdf.h"

static void usage(FILE *f) {
  fputs("Usage: octavo [OPTIONS] INPUT...\n"
        "Turn articles (plain text, Markdown, HTML) into EPUB 3 e-books and typeset PDFs.\n"
        "\n"
        "  -o, --output FILE|DIR    output file (format from its extension) or folder\n"
        "  -t, --to FORMAT[,...]    epub, pdf, json (default: from -o, else epub)\n"
        "  -f, --from FORMAT        text, markdown or html (default: by extension, then content)\n"
        "  -M, --metadata KEY=VAL   set title, subtitle, author, date, lang, description,\n"
        "                           subject or identifier\n"
        "      --css FILE           add a stylesheet to the EPUB\n"
        "      --cover FILE         use a PNG or JPEG as the EPUB cover\n"
        "      --no-cover           make no cover\n"
        "      --resource-path DIR  also read images from DIR (repeatable; by default only\n"
        "                           from the input's own folder and below)\n"
        "      --paper SIZE         a4 (default), letter, a5 or WIDTHxHEIGHT in mm\n"
        "      --margin LEN         page margin (mm, or with unit: 20mm, 2cm, 0.75in, 54pt)\n"
        "      --font-size PT       body text size in points\n"
        "      --ragged             ragged-right PDF text instead of justified\n"
        "      --no-tags            PDF without its structure tree (for screen readers)\n"
        "      --no-pdfa            PDF without the PDF/A-1b metadata and colour profile\n"
        "  -j, --jobs N             batch: worker threads (default: online cores)\n"
        "      --force              batch: rebuild outputs that are up to date\n"
        "      --report FILE        batch: write a JSON record per input\n"
        "      --shard K/N          batch: convert only shard K of N\n"
        "      --follow-links       batch: follow symbolic links out of the input folders\n"
        "      --digest             every article of the inputs in one book (-o FILE.epub or\n"
        "                           .pdf; -t epub,pdf for both); a part per subfolder\n"
        "      --sort date          digest: order each part by the articles' dates\n"
        "      --digest-flow        digest PDF: articles follow each other, not on new pages\n"
        "  -q, --quiet              print errors only\n"
        "  -v, --verbose            say what is done\n"
        "  -h, --help               show this help\n"
        "  -V, --version            show the version\n"
        "\n"
        "Exit status: 0 success, 1 an input could not be converted, 2 usage error,\n"
        "130 interrupted (SIGINT, SIGTERM, SIGHUP, SIGQUIT).\n",
        f);
}

static int usage_error(const char *fmt, const char *arg) {
  oct_buf safe = OCT_BUF_INIT; /* ARG may be a file name: one line, no escapes */
  oct_cli_escape(&safe, arg);
  fputs("octavo: ", stderr);
  fprintf(stderr, fmt, safe.data ? safe.data : "");
  fputs(" (see octavo --help)\n", stderr);
  oct_buf_free(&safe);
  return OCT_EXIT_USAGE;
}

void oct_cli_warn(void *user, const char *file, const char *msg) {
  const oct_cli *cli = user;
  if (cli && cli->conv.quiet) return;
  oct_cli_say(file ? file : "-", "warning", msg);
}

/* Lengths: a bare number is millimetres. Returns points, or -1. */
static double parse_length(const char *s) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || v < 0) return -1;
  if (*end == '\0' || strcmp(end, "mm") == 0) return v * 72.0 / 25.4;
  if (strcmp(end, "cm") == 0) return v * 72.0 / 2.54;
  if (strcmp(end, "in") == 0) return v * 72.0;
  if (strcmp(end, "pt") == 0) return v;
  return -1;
}

static int parse_formats(oct_cli *cli, const char *list) {
  char *copy = oct_xstrdup(list), *save = NULL;
  int rc = 0;
  for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    int f = oct_output_from_name(tok);
    if (f < 0) {
      rc = usage_error("unknown output format '%s' (use epub, pdf or json)", tok);
      break;
    }
    cli->formats[f] = true;
  }
  free(copy);
  cli->formats_given = true;
  return rc;
}

static int parse_meta(oct_cli *cli, char *kv) {
  char *eq = strchr(kv, '=');
  if (!eq) return usage_error("-M wants KEY=VALUE, not '%s'", kv);
  *eq = '\0';
  int k = oct_meta_key_from_name(kv);
  if (k < 0) return usage_error("unknown metadata key '%s'", kv);
  if (oct_meta_key_is_list((oct_meta_key)k) && cli->conv.meta[k] && eq[1]) {
    /* authors and subjects add up; the tree splits them at ';' */
    char *j = oct_xasprintf("%s; %s", cli->conv.meta[k], eq + 1);
    free(cli->meta_joined[k]);
    cli->meta_joined[k] = j;
    cli->conv.meta[k] = j;
  } else {
    cli->conv.meta[k] = eq + 1;
  }
  return 0;
}

static bool is_directory(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* OUT = PREFIX + stem of INPUT + "." + EXT. */
static char *derive_name(const char *prefix, const char *input, const char *ext) {
  const char *base = strrchr(input, '/');
  base = base ? base + 1 : input;
  const char *dot = strrchr(base, '.');
  size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  if (strcmp(input, "-") == 0) base = "stdin", stem = 5;
  return oct_xasprintf("%s%.*s.%s", prefix, (int)stem, base, ext);
}

static int run_single(oct_cli *cli) {
  const char *input = cli->inputs[0];
  char *paths[OCT_OUT_COUNT] = {0};
  const char *outputs[OCT_OUT_COUNT] = {0};
  int rc = OCT_EXIT_OK;
  const char *out = cli->output;
  bool to_stdout = out && strcmp(out, "-") == 0;
  bool to_dir = out && !to_stdout && (out[strlen(out) - 1] == '/' || is_directory(out));
  if (to_stdout && (cli->formats[OCT_OUT_EPUB] || cli->formats[OCT_OUT_PDF]))
    return usage_error("%s", "only json can go to standard output (-o -)");

  if (!out && strcmp(input, "-") == 0 && (cli->formats[OCT_OUT_EPUB] || cli->formats[OCT_OUT_PDF]))
    return usage_error("%s needs -o when reading standard input", "epub/pdf output");
  for (int f = 0; f < OCT_OUT_COUNT; f++) {
    if (!cli->formats[f]) continue;
    if (to_stdout) {
      paths[f] = oct_xstrdup("-");
    } else if (to_dir) {
      char *prefix = oct_xasprintf("%s%s", out, out[strlen(out) - 1] == '/' ? "" : "/");
      paths[f] = derive_name(prefix, input, oct_output_ext(f));
      free(prefix);
    } else if (out && (!cli->formats_given || oct_output_from_path(out) == f)) {
      paths[f] = oct_xstrdup(out);
    } else if (out) {
      /* -o book.epub -t epub,pdf: the other formats take book.pdf */
      paths[f] = derive_name("", out, oct_output_ext(f));
      const char *slash = strrchr(out, '/');
      if (slash) {
        char *full = oct_xasprintf("%.*s%s", (int)(slash - out + 1), out, paths[f]);
        free(paths[f]);
        paths[f] = full;
      }
    } else if (f == OCT_OUT_JSON) {
      paths[f] = oct_xstrdup("-");
    } else {
      paths[f] = derive_name("", input, oct_output_ext(f));
    }
    outputs[f] = paths[f];
  }
  oct_error err;
  oct_error_init(&err, input);
  err.warn = oct_cli_warn;
  err.warn_user = cli;
  if (oct_convert(&cli->conv, input, outputs, NULL, &err) != 0) {
    oct_cli_say(input, NULL, err.msg);
    rc = OCT_EXIT_FAILED;
  } else if (cli->verbose) {
    for (int f = 0; f < OCT_OUT_COUNT; f++)
      if (outputs[f] && strcmp(outputs[f], "-") != 0) {
        char *what = oct_xasprintf("-> %s", outputs[f]);
        oct_cli_say(input, NULL, what);
        free(what);
      }
  }
  for (int f = 0; f < OCT_OUT_COUNT; f++)
    free(paths[f]);
  return rc;
}

/* The long options without a short form. */
enum {
  OPT_CSS = 1,
  OPT_COVER,
  OPT_NO_COVER,
  OPT_PAPER,
  OPT_MARGIN,
  OPT_FONT_SIZE,
  OPT_RAGGED,
  OPT_NO_TAGS,
  OPT_NO_PDFA,
  OPT_FORCE,
  OPT_REPORT,
  OPT_SHARD,
  OPT_FOLLOW_LINKS,
  OPT_RESOURCE_PATH,
  OPT_DIGEST,
  OPT_DIGEST_FLOW,
  OPT_SORT,
};

/* Font sizes outside 4-72 pt are a typing mistake, not a book. */
#define FONT_SIZE_MIN 4
#define FONT_SIZE_MAX 72
/* More workers than this only queue for the same cores and memory. */
#define JOBS_MAX 1024

/* Applies option C with argument ARG (NULL for a flag); returns 0, or the
 * exit status of a usage error. */
static int apply_option(oct_cli *cli, int c, char *arg) {
  char *end;
  switch (c) {
  case 'o':
    if (!*arg) return usage_error("%s", "-o needs a file or folder name");
    cli->output = arg;
    return 0;
  case 't':
    return parse_formats(cli, arg);
  case 'f':
    cli->conv.from = oct_input_format_from_name(arg);
    if (cli->conv.from == OCT_INPUT_AUTO)
      return usage_error("unknown input format '%s' (use text, markdown or html)", arg);
    return 0;
  case 'M':
    return parse_meta(cli, arg);
  case OPT_CSS:
    cli->conv.css_path = arg;
    return 0;
  case OPT_COVER:
    cli->conv.cover_path = arg;
    return 0;
  case OPT_NO_COVER:
    cli->conv.no_cover = true;
    return 0;
  case OPT_PAPER:
    if (oct_pdf_parse_paper(arg, &cli->conv.page_width, &cli->conv.page_height) != 0)
      return usage_error("unknown paper size '%s' (use a4, letter, a5 or WxH in mm)", arg);
    return 0;
  case OPT_MARGIN:
    cli->conv.margin = parse_length(arg);
    if (cli->conv.margin < 0) return usage_error("bad margin '%s'", arg);
    return 0;
  case OPT_FONT_SIZE:
    cli->conv.font_size = strtod(arg, &end);
    if (*end || cli->conv.font_size < FONT_SIZE_MIN || cli->conv.font_size > FONT_SIZE_MAX)
      return usage_error("bad font size '%s' (4 to 72 points)", arg);
    return 0;
  case OPT_RAGGED:
    cli->conv.ragged = true;
    return 0;
  case OPT_NO_TAGS:
    cli->conv.no_tags = true;
    return 0;
  case OPT_NO_PDFA:
    cli->conv.no_pdfa = true;
    return 0;
  case 'j': {
    long j = strtol(arg, &end, 10);
    if (*end || j < 1 || j > JOBS_MAX) return usage_error("bad job count '%s'", arg);
    cli->jobs = (int)j;
    return 0;
  }
  case OPT_FORCE:
    cli->force = true;
    return 0;
  case OPT_REPORT:
    cli->report = arg;
    return 0;
  case OPT_SHARD:
    if (sscanf(arg, "%u/%u", &cli->shard_k, &cli->shard_n) != 2 || cli->shard_n == 0 ||
        cli->shard_k < 1 || cli->shard_k > cli->shard_n)
      return usage_error("bad shard '%s' (use K/N with 1 <= K <= N)", arg);
    return 0;
  case OPT_FOLLOW_LINKS:
    cli->follow_links = true;
    return 0;
  case OPT_RESOURCE_PATH: {
    int n = 0;
    while (cli->resource_dirs[n])
      n++;
    if (n == OCT_CLI_MAX_RESOURCE_DIRS)
      return usage_error("%s", "too many --resource-path folders");
    if (!is_directory(arg)) return usage_error("--resource-path '%s' is not a folder", arg);
    cli->resource_dirs[n] = arg;
    cli->conv.resource_dirs = cli->resource_dirs;
    return 0;
  }
  case OPT_DIGEST:
    cli->digest = true;
    return 0;
  case OPT_DIGEST_FLOW:
    cli->digest_flow = true;
    return 0;
  case OPT_SORT:
    if (strcmp(arg, "date") == 0) {
      cli->sort_date = true;
      return 0;
    }
    if (strcmp(arg, "name") == 0) {
      cli->sort_date = false;
      return 0;
    }
    return usage_error("unknown sort order '%s' (use date or name)", arg);
  case 'q':
    cli->conv.quiet = true;
    return 0;
  case 'v':
    cli->verbose = true;
    return 0;
  default:
    fputs("octavo: see octavo --help\n", stderr);
    return OCT_EXIT_USAGE;
  }
}

/* SOURCE_DATE_EPOCH, when set, dates every output (ARCHITECTURE.md §6). */
static int read_source_date(oct_cli *cli) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (!sde || !*sde) return 0;
  char *end;
  errno = 0;
  long long v = strtoll(sde, &end, 10);
  /* up to the end of year 9999: dates in the outputs have four-digit years */
  if (errno || *end || v < 0 || v > 253402300799LL)
    return usage_error("SOURCE_DATE_EPOCH '%s' is not a time from 1970 to 9999", sde);
  cli->conv.have_source_date = true;
  cli->conv.source_date = v;
  return 0;
}

/* Fills CLI from the command line and the environment.  Returns 0, or the
 * exit status to end with: a usage error, or OCT_EXIT_OK after --help or
 * --version (*DONE set). */
static int parse_args(int argc, char **argv, oct_cli *cli, bool *done) {
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"to", required_argument, NULL, 't'},
      {"from", required_argument, NULL, 'f'},
      {"metadata", required_argument, NULL, 'M'},
      {"css", required_argument, NULL, OPT_CSS},
      {"cover", required_argument, NULL, OPT_COVER},
      {"no-cover", no_argument, NULL, OPT_NO_COVER},
      {"paper", required_argument, NULL, OPT_PAPER},
      {"margin", required_argument, NULL, OPT_MARGIN},
      {"font-size", required_argument, NULL, OPT_FONT_SIZE},
      {"ragged", no_argument, NULL, OPT_RAGGED},
      {"no-tags", no_argument, NULL, OPT_NO_TAGS},
      {"no-pdfa", no_argument, NULL, OPT_NO_PDFA},
      {"jobs", required_argument, NULL, 'j'},
      {"force", no_argument, NULL, OPT_FORCE},
      {"report", required_argument, NULL, OPT_REPORT},
      {"shard", required_argument, NULL, OPT_SHARD},
      {"follow-links", no_argument, NULL, OPT_FOLLOW_LINKS},
      {"quiet", no_argument, NULL, 'q'},
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {"resource-path", required_argument, NULL, OPT_RESOURCE_PATH},
      {"digest", no_argument, NULL, OPT_DIGEST},
      {"digest-flow", no_argument, NULL, OPT_DIGEST_FLOW},
      {"sort", required_argument, NULL, OPT_SORT},
      {NULL, 0, NULL, 0},
  };
  int c, rc;
  *done = false;
  while ((c = getopt_long(argc, argv, "o:t:f:M:j:qvhV", longopts, NULL)) != -1) {
    if (c == 'h' || c == 'V') {
      if (c == 'h')
        usage(stdout);
      else
        printf("octavo %s\n", OCTAVO_VERSION);
      *done = true;
      return OCT_EXIT_OK;
    }
    if ((rc = apply_option(cli, c, optarg)) != 0) return rc;
  }
  cli->inputs = argv + optind;
  cli->ninputs = argc - optind;
  if (cli->ninputs < 1) return usage_error("%s", "no input given");
  return read_source_date(cli);
}

/* Without -t, the format comes from -o's extension (one input), else EPUB. */
static int settle_formats(oct_cli *cli, bool batch) {
  if (cli->formats_given) return 0;
  const char *out = cli->output;
  int f = out && !batch ? oct_output_from_path(out) : -1;
  if (out && !batch && f < 0 && !is_directory(out) && out[strlen(out) - 1] != '/')
    return usage_error("cannot tell the format of '%s': use .epub, .pdf or .json, or -t", out);
  cli->formats[f >= 0 ? f : OCT_OUT_EPUB] = true;
  return 0;
}

static int check_batch_args(const oct_cli *cli) {
  if (!cli->output) return usage_error("%s", "several inputs or a folder need -o FOLDER");
  if (oct_output_from_path(cli->output) >= 0 && !is_directory(cli->output))
    return usage_error("several inputs or a folder need -o FOLDER, not the file '%s'", cli->output);
  if (cli->formats[OCT_OUT_JSON] && strcmp(cli->output, "-") == 0)
    return usage_error("%s", "batch output cannot go to standard output");
  /* A worker reading a terminal or a pipe that never ends would hold the
   * batch forever: standard input is for one article. */
  for (int i = 0; i < cli->ninputs; i++)
    if (strcmp(cli->inputs[i], "-") == 0)
      return usage_error("%s", "standard input (-) can only be converted alone");
  return 0;
}

/* --digest: one book named by -o (its extension, or -t), never JSON. */
static int check_digest_args(oct_cli *cli) {
  if ((cli->digest_flow || cli->sort_date) && !cli->digest)
    return usage_error("%s", "--sort and --digest-flow go with --digest");
  if (!cli->digest) return 0;
  if (!cli->output || strcmp(cli->output, "-") == 0 || is_directory(cli->output))
    return usage_error("%s", "--digest needs -o FILE.epub or FILE.pdf");
  int f = oct_output_from_path(cli->output);
  if (!cli->formats_given) {
    if (f != OCT_OUT_EPUB && f != OCT_OUT_PDF)
      return usage_error("cannot tell the format of '%s': use .epub or .pdf, or -t", cli->output);
    cli->formats[f] = true;
  }
  if (cli->formats[OCT_OUT_JSON])
    return usage_error("%s", "a digest is an EPUB or a PDF, not JSON");
  if (cli->shard_n) return usage_error("%s", "--shard does not go with --digest");
  for (int i = 0; i < cli->ninputs; i++)
    if (strcmp(cli->inputs[i], "-") == 0)
      return usage_error("%s", "standard input (-) cannot go into a digest");
  return 0;
}

int main(int argc, char **argv) {
  oct_cli cli;
  memset(&cli, 0, sizeof cli);
  bool done;
  int rc = parse_args(argc, argv, &cli, &done);
  if (rc != 0 || done) goto out;
  oct_deflate_prepare(); /* before a batch starts its threads */
  if (cli.verbose) {
    /* the folder of the first data file the EPUB writer reads */
    const char *rel = oct_output_data_files(OCT_OUT_EPUB)[0];
    char where[4096];
    if (oct_data_path(rel, where, sizeof where) == 0)
      fprintf(stderr, "octavo: data files: %.*s\n", (int)(strlen(where) - strlen(rel) - 1), where);
  }
  /* libxml2 2.9 sets up its global tables lazily; do it once here, before
   * any worker thread parses or writes XML. */
  xmlInitParser();
  if ((rc = check_digest_args(&cli)) != 0) return rc;
  if (cli.digest) {
    /* Ctrl-C ends at once: the books are written atomically */
    oct_cli_exit_on_signals();
    rc = oct_digest_run(&cli);
    xmlCleanupParser();
    return rc;
  }
  bool batch = cli.ninputs > 1;
  for (int i = 0; i < cli.ninputs && !batch; i++)
    batch = is_directory(cli.inputs[i]);
  if ((rc = settle_formats(&cli, batch)) != 0) goto out;
  if (batch) {
    if ((rc = check_batch_args(&cli)) != 0) goto out;
    rc = oct_batch_run(&cli);
  } else {
    /* Ctrl-C stops at once, even in the middle of a long layout or of a
     * read that blocks: see signals.c. */
    oct_cli_exit_on_signals();
    rc = run_single(&cli);
  }
out:
  xmlCleanupParser();
  for (int k = 0; k < OCT_META_COUNT; k++)
    free(cli.meta_joined[k]);
  return rc;
}
