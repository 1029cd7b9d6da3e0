/* nqx.c: the nqx command: dispatch to a subcommand. Each subcommand parses
 * its flags, calls libnqx and maps the result to an exit code. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char S_usage[] =
"usage: nqx COMMAND [OPTIONS] [FILE...]\n"
"\n"
"Read Vietnamese resolutions and plans (Nghị quyết, Kế hoạch, Đề án,\n"
"Chương trình hành động) and turn what they bind people to into data.\n"
"\n"
"Commands:\n"
"  normalize [--changes] [--format tsv|jsonl] [--encoding NAME] [--no-ocr] FILE\n"
"                      print the clean NFC UTF-8 text (or the change log)\n"
"  extract [--format jsonl|csv] FILE...\n"
"                      print obligations (targets, tasks) as JSON Lines\n"
"  outline [--format text|json] FILE   print the outline tree\n"
"  meta FILE           print the document metadata\n"
"  check-grammars [DIR] compile every grammar pattern and run its examples\n"
"  eval [--corpus DIR] [--min-target-f1 X] [--min-task-f1 X]\n"
"       [--min-ocr-recall X] [--min-ocr-precision X] [--pred FILE]\n"
"                      score extraction and OCR correction on a corpus\n"
"  model train [-o FILE] FILE...    build the OCR model from texts\n"
"  ingest [--db FILE] PATH...       normalize, extract and store documents\n"
"  targets [--db FILE] [--metric W] [--locality L] [--year Y] [--aspirational]\n"
"  tasks [--db FILE] [--agency NAME] [--due-before DATE] [--overdue] [--role R]\n"
"  compare [--db FILE] --metric WORDS [--by locality|year]\n"
"  search [--db FILE] WORDS         full-text search, diacritics ignored\n"
"  sql [--db FILE] 'SELECT ...'     read-only SQL on the store\n"
"  export [--db FILE] --format jsonl|csv|xml\n"
"\n"
"Options for every command:\n"
"  --help              this text        --version   print the version\n"
"\n"
"Environment: NQX_GRAMMARS (grammar folder), NQX_MODEL (OCR model file).\n"
"\n"
"Exit status: 0 ok; 1 some inputs rejected (each named on stderr, the rest\n"
"done); 2 usage error; 3 internal, grammar, model or store error.\n";

static const struct {
    const char *name;
    cli_cmd_fn fn;
} S_cmds[] = {
    {"normalize", cmd_normalize},
    {"extract", cmd_extract},
    {"outline", cmd_outline},
    {"meta", cmd_meta},
    {"check-grammars", cmd_check_grammars},
    {"eval", cmd_eval},
    {"model", cmd_model},
    {"ingest", cmd_ingest},
    {"targets", cmd_targets},
    {"tasks", cmd_tasks},
    {"compare", cmd_compare},
    {"search", cmd_search},
    {"sql", cmd_sql},
    {"export", cmd_export},
};

int main(int argc, char **argv)
{
    size_t i;
    if (argc < 2) {
        fputs(S_usage, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(S_usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("nqx %s\n", NQX_VERSION);
        return EXIT_OK;
    }
    for (i = 0; i < sizeof S_cmds / sizeof S_cmds[0]; i++)
        if (strcmp(argv[1], S_cmds[i].name) == 0)
            return S_cmds[i].fn(argc - 1, argv + 1);
    cli_errorf("unknown command '%s' (see nqx --help)", argv[1]);
    return EXIT_USAGE;
}
