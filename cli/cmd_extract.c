/* cmd_extract.c: nqx extract, outline, meta, check-grammars. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_extract(int argc, char **argv)
{
    int csv = 0;
    int i, rc = EXIT_OK, nfiles = 0, failed = 0, no_ocr = 0;
    const char *val, *gdir = NULL;
    nqx_grammar *g;
    nqx_model *model = NULL;
    nqx_norm_options opt;
    nqx_buf b = {0};

    memset(&opt, 0, sizeof opt);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_opt(a, "--format", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            if (strcmp(val, "csv") == 0)
                csv = 1;
            else if (strcmp(val, "jsonl") != 0) {
                cli_errorf("extract: --format must be jsonl or csv");
                return EXIT_USAGE;
            }
        } else if (cli_opt(a, "--grammars", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            gdir = val;
        } else if (strcmp(a, "--no-ocr") == 0) {
            no_ocr = 1;
        } else if (strcmp(a, "--help") == 0) {
            puts("usage: nqx extract [--format jsonl|csv] [--grammars DIR] [--no-ocr] FILE...\n"
                 "jsonl: the records of spec/obligations.md; csv: the same as nqx export\n"
                 "--format csv (UTF-8 with BOM, RFC 4180)");
            return EXIT_OK;
        } else if (a[0] == '-' && a[1]) {
            cli_errorf("extract: unknown option %s", a);
            return EXIT_USAGE;
        } else
            nfiles++;
    }
    if (!nfiles) {
        cli_errorf("extract: no input file");
        return EXIT_USAGE;
    }
    g = cli_load_grammars(gdir);
    if (!g)
        return EXIT_INTERNAL;
    if (!no_ocr) {
        model = cli_load_model(NULL, &failed);
        if (failed) {
            nqx_gram_free(g);
            return EXIT_INTERNAL;
        }
    }
    opt.model = model;
    if (csv) { /* a BOM so that spreadsheets read the UTF-8 as such */
        fputs("\xEF\xBB\xBF", stdout);
        fputs(nqx_record_csv_header(), stdout);
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        nqx_text *t;
        nqx_doc *d = NULL;
        char *id;
        size_t k;
        if (a[0] == '-' && a[1]) {
            if (strcmp(a, "--format") == 0 || strcmp(a, "--grammars") == 0)
                i++;
            continue;
        }
        if (cli_extract_file(a, &opt, g, &t, &d)) {
            rc = EXIT_REJECTED;
            continue;
        }
        id = cli_doc_id(a);
        b.len = 0;
        for (k = 0; k < d->nrecords; k++)
            if (csv)
                nqx_record_csv(&b, id ? id : a,
                               d->nmetas ? d->metas[d->records[k].doc_index].locality : NULL,
                               NULL, &d->records[k]);
            else
                nqx_record_json(&b, id ? id : a, &d->records[k]);
        if (b.len)
            fwrite(b.data, 1, b.len, stdout);
        free(id);
        nqx_doc_free(d);
        nqx_text_free(t);
    }
    nqx_buf_free(&b);
    nqx_model_free(model);
    nqx_gram_free(g);
    return rc;
}

static void S_report(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s:%ld: %s\n", file, line, msg);
}

int cmd_check_grammars(int argc, char **argv)
{
    nqx_grammar *g = cli_load_grammars(argc > 1 ? argv[1] : NULL);
    int n = 0, fails;
    if (!g)
        return EXIT_INTERNAL;
    fails = nqx_gram_check(g, S_report, NULL, &n);
    printf("%d examples, %d failed\n", n, fails);
    nqx_gram_free(g);
    return fails ? EXIT_INTERNAL : EXIT_OK;
}
