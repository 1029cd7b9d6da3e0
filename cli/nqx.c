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
"Commands (each takes --help):\n"
"  normalize [--changes] [--format tsv|jsonl] [--encoding NAME] [--model FILE]\n"
"            [--no-ocr] [--keep-markup] FILE...\n"
"                      print the clean NFC UTF-8 text (or the change log)\n"
"  extract [--format jsonl|csv] [--grammars DIR] [--no-ocr] FILE...\n"
"                      print obligations (targets, tasks) as JSON Lines\n"
"  outline [--format text|json] FILE...   print the outline tree\n"
"  meta [--format text|json] FILE...      print the document metadata\n"
"  check-grammars [DIR]                   compile every pattern, run its examples\n"
"  eval [--corpus DIR] [--pred FILE] [--ocr-pred DIR] [--min-target-f1 X]\n"
"       [--min-task-f1 X] [--min-ocr-recall X] [--min-ocr-precision X]\n"
"       [--show-misses] [--json]\n"
"                      score extraction and OCR correction on a corpus\n"
"  model train [-o FILE] [--min1/2/3 N] [--official-weight N] FILE|DIR...\n"
"                      build the OCR model from texts\n"
"  ingest [--db FILE] [--locality L] [--issuer I] [--kind K] [--date D]\n"
"         [--no-ocr] [--busy-timeout MS] [-j N] [--from-jsonl] PATH...\n"
"                      normalize, extract and store documents\n"
"  targets [--metric WORDS] [--locality L] [--year Y] [--aspirational]\n"
"  tasks [--agency NAME] [--role R] [--due-before DATE] [--overdue]\n"
"  compare --metric WORDS [--by locality|year|document]\n"
"  search WORDS...                        full-text search, diacritics ignored\n"
"  sql 'SELECT ...'                       read-only SQL on the store\n"
"  export --format jsonl|csv|xml          every record of the store\n"
"  (store commands take --db FILE, default nqx.db; queries take\n"
"   --format table|csv|json|jsonl)\n"
"\n"
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
