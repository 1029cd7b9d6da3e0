/* cmd_model.c: nqx model train: build the OCR model from texts. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char S_usage[] =
    "usage: nqx model train [-o FILE] [--min1 N] [--min2 N] [--min3 N]\n"
    "                       [--official-weight N] FILE|DIR...\n"
    "  Counts syllables, bigrams and trigrams in the texts (a folder stands\n"
    "  for its *.txt and *.md files) and writes the model (default\n"
    "  models/vi.model). --min1/2/3: pruning thresholds (3, 3, 4).\n"
    "  --official-weight: how many times an official document (state or\n"
    "  party header) counts (4; 1 = like any other text).";

static int S_int(const char *v, int *out)
{
    char *end;
    long x;
    if (!v)
        return -1;
    x = strtol(v, &end, 10);
    if (*end || x < 1 || x > 1000000) {
        cli_errorf("model: bad number %s", v);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int S_train(int argc, char **argv)
{
    const char *out = "models/vi.model", *val;
    const char **paths;
    size_t npaths = 0;
    nqx_model_params par = {0, 0, 0, 0};
    nqx_model_stats stats;
    nqx_error err;
    clock_t t0 = clock();
    int i;

    paths = malloc((size_t)argc * sizeof *paths);
    if (!paths) {
        cli_errorf("out of memory");
        return EXIT_INTERNAL;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int bad = 0;
        if (strcmp(a, "-o") == 0 || cli_opt(a, "--output", &val, argc, argv, &i)) {
            if (strcmp(a, "-o") == 0)
                val = i + 1 < argc ? argv[++i] : NULL;
            if (!val)
                bad = 1;
            else
                out = val;
        } else if (cli_opt(a, "--min1", &val, argc, argv, &i))
            bad = S_int(val, &par.min1);
        else if (cli_opt(a, "--min2", &val, argc, argv, &i))
            bad = S_int(val, &par.min2);
        else if (cli_opt(a, "--min3", &val, argc, argv, &i))
            bad = S_int(val, &par.min3);
        else if (cli_opt(a, "--official-weight", &val, argc, argv, &i))
            bad = S_int(val, &par.official_weight);
        else if (strcmp(a, "--help") == 0) {
            puts(S_usage);
            free(paths);
            return EXIT_OK;
        } else if (a[0] == '-' && a[1]) {
            cli_errorf("model train: unknown option %s", a);
            bad = 1;
        } else
            paths[npaths++] = a;
        if (bad) {
            free(paths);
            return EXIT_USAGE;
        }
    }
    if (!npaths) {
        cli_errorf("model train: no input file\n%s", S_usage);
        free(paths);
        return EXIT_USAGE;
    }
    nqx_error_clear(&err);
    if (nqx_model_train(paths, npaths, out, &par, &stats, &err)) {
        cli_error(&err);
        free(paths);
        return EXIT_INTERNAL;
    }
    free(paths);
    fprintf(stderr,
            "nqx: model %s: %zu files (%zu official), %.1f MB, %zu syllables "
            "read; kept %zu "
            "syllables (%zu folded), %zu of %zu bigrams, %zu of %zu trigrams, "
            "%zu names (%zu places), %zu context pairs; %.1f MB written in %.1f s\n",
            out, stats.files, stats.official, stats.bytes / 1e6, stats.tokens, stats.vocab,
            stats.folds, stats.bigrams, stats.bigrams_seen, stats.trigrams,
            stats.trigrams_seen, stats.names, stats.places, stats.context, stats.file_size / 1e6,
            (double)(clock() - t0) / CLOCKS_PER_SEC);
    return EXIT_OK;
}

int cmd_model(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        puts(S_usage);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "train") == 0)
        return S_train(argc - 1, argv + 1);
    cli_errorf("model: unknown subcommand %s\n%s", argv[1], S_usage);
    return EXIT_USAGE;
}
