/* main.c — crossread's command line: subcommand dispatch and options.
 * The only place that calls exit(). */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef CR_VERSION
#define CR_VERSION "0.0.0"
#endif

static const char usage[] =
    "usage: crossread [OPTIONS] [FILE|DIR...]           open the explorer (TUI)\n"
    "       crossread COMMAND [OPTIONS] [FILE|DIR...]\n"
    "\n"
    "With no FILE or DIR, the bundled corpus is used.\n"
    "\n"
    "Commands:\n"
    "  clean       print the cleaned text of each document\n"
    "  tokens      print the word segmentation (ICU word break + lexicon)\n"
    "  sentences   print the sentences\n"
    "  entities    people, companies, products and figures, one row per mention\n"
    "  claims      checkable sentences with their figures and attribution\n"
    "  xref        cross-references between the claims of every pair of documents\n"
    "  search      search PATTERN (folded keywords, or -E regex)\n"
    "  tui         open the explorer (the default)\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT     text (default), tsv or jsonl\n"
    "  -o, --output FILE    write to FILE (atomically; never replaces a file without --force)\n"
    "      --force          allow -o to replace an existing file\n"
    "      --lenient        replace invalid UTF-8 with U+FFFD instead of stopping\n"
    "      --max-size N     largest file accepted, in bytes (default 64 MiB)\n"
    "      --lexicon FILE   add entities from a TSV lexicon (repeatable)\n"
    "      --removed        clean: list what cleaning removed (raw offsets, reason)\n"
    "  -E, --regex          search: PATTERN is a PCRE2 regular expression\n"
    "  -w, --word           search: only hits on word boundaries\n"
    "  -c, --count          search: print the number of hits per document\n"
    "      --entity NAME    search: every mention of the entity NAME under any alias\n"
    "      --type LIST      entities: only these types (person,company,product,money,...)\n"
    "      --no-tagger      entities, claims, xref, TUI: rules and lexicons only (faster, finds fewer names)\n"
    "      --color WHEN     search: auto (default), always or never\n"
    "      --no-cache       search: do not use the cache of cleaned documents\n"
    "  -h, --help           this help\n"
    "  -V, --version        print the version\n"
    "\n"
    "Exit status: 0 success, 1 nothing found (search), 2 usage or input error.\n"
    "See crossread(1) for details.\n";

typedef struct command {
    const char *name;
    int (*run)(cli_opts *);
} command;

static const command commands[] = {
    {"clean", cmd_clean},       {"tokens", cmd_tokens},
    {"sentences", cmd_sentences}, {"entities", cmd_entities},
    {"claims", cmd_claims},     {"xref", cmd_xref},
    {"search", cmd_search},     {"tui", cmd_tui},
};

enum { OPT_FORCE = 256, OPT_LENIENT, OPT_MAX_SIZE, OPT_LEXICON, OPT_ENTITY, OPT_COLOR, OPT_TYPE,
       OPT_REMOVED, OPT_NO_CACHE, OPT_NO_TAGGER };

static const struct option long_opts[] = {
    {"format", required_argument, 0, 'f'},
    {"output", required_argument, 0, 'o'},
    {"force", no_argument, 0, OPT_FORCE},
    {"lenient", no_argument, 0, OPT_LENIENT},
    {"max-size", required_argument, 0, OPT_MAX_SIZE},
    {"lexicon", required_argument, 0, OPT_LEXICON},
    {"regex", no_argument, 0, 'E'},
    {"word", no_argument, 0, 'w'},
    {"count", no_argument, 0, 'c'},
    {"entity", required_argument, 0, OPT_ENTITY},
    {"type", required_argument, 0, OPT_TYPE},
    {"color", required_argument, 0, OPT_COLOR},
    {"removed", no_argument, 0, OPT_REMOVED},
    {"no-cache", no_argument, 0, OPT_NO_CACHE},
    {"no-tagger", no_argument, 0, OPT_NO_TAGGER},
    {"colour", required_argument, 0, OPT_COLOR},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0},
};

static int usage_error(const char *fmt, const char *arg)
{
    char msg[1200];
    snprintf(msg, sizeof msg, fmt, arg);
    cli_error("%s", msg);
    fputs("Try 'crossread --help'.\n", stderr);
    return 2;
}

/* --help and --version: a full disk is an error there too (status 2). */
static int finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("crossread: write error on standard output\n", stderr);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    const command *cmd = NULL;
    if (argc > 1)
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[1], commands[i].name) == 0)
                cmd = &commands[i];
    if (cmd) {          /* getopt sees the subcommand's own arguments */
        argv[1] = argv[0];
        argv++;
        argc--;
    }

    cli_opts o = {.format = FMT_TEXT, .color = "auto"};
    static const char *lexicons[64];
    o.lexicons = lexicons;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:o:EwchV", long_opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "text")) o.format = FMT_TEXT;
            else if (!strcmp(optarg, "tsv")) o.format = FMT_TSV;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json")) o.format = FMT_JSONL;
            else return usage_error("unknown format '%s' (text, tsv or jsonl)", optarg);
            break;
        case 'o': o.output = optarg; break;
        case OPT_FORCE: o.force = true; break;
        case OPT_LENIENT: o.load.lenient = true; break;
        case OPT_MAX_SIZE: {
            char *end;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || !v || optarg[0] == '-')
                return usage_error("--max-size takes a positive number of bytes, not '%s'", optarg);
            o.load.max_file_size = (size_t)v;
            break;
        }
        case OPT_LEXICON:
            if (o.n_lexicons >= 64)
                return usage_error("too many --lexicon files%s", "");
            lexicons[o.n_lexicons++] = optarg;
            break;
        case OPT_REMOVED: o.removed = true; break;
        case OPT_NO_CACHE: o.no_cache = true; break;
        case OPT_NO_TAGGER: o.no_tagger = true; break;
        case 'E': o.regex = true; break;
        case 'w': o.word = true; break;
        case 'c': o.count = true; break;
        case OPT_ENTITY: o.entity = optarg; break;
        case OPT_TYPE: o.types = optarg; break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
                return usage_error("--color takes auto, always or never, not '%s'", optarg);
            o.color = optarg;
            break;
        case 'h': fputs(usage, stdout); return finish_stdout();
        case 'V': printf("crossread %s\n", CR_VERSION); return finish_stdout();
        case ':': return usage_error("option '%s' needs an argument", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    o.args = argv + optind;
    o.n_args = argc - optind;
    return cmd ? cmd->run(&o) : cmd_tui(&o);
}
