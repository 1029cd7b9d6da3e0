/* cmd_extract.c: nqx extract, outline, meta, check-grammars. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The records of one file, as JSON Lines or CSV rows. */
typedef struct {
    int csv;
    nqx_buf b;
} S_records;

static void S_print_records(void *ctx, const char *path, const nqx_text *t,
                            const nqx_doc *d)
{
    S_records *r = ctx;
    char *id = cli_doc_id(path);
    size_t k;
    (void)t;
    r->b.len = 0;
    for (k = 0; k < d->nrecords; k++)
        if (r->csv)
            nqx_record_csv(&r->b, id ? id : path,
                           d->nmetas ? d->metas[d->records[k].doc_index].locality : NULL,
                           NULL, &d->records[k]);
        else
            nqx_record_json(&r->b, id ? id : path, &d->records[k]);
    if (r->b.len)
        fwrite(r->b.data, 1, r->b.len, stdout);
    free(id);
}

int cmd_extract(int argc, char **argv)
{
    int i, rc, nfiles = 0, no_ocr = 0;
    const char *val, *gdir = NULL;
    nqx_grammar *g;
    nqx_model *model;
    S_records r = {0};

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_opt(a, "--format", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            if (strcmp(val, "csv") == 0)
                r.csv = 1;
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
    if (cli_load_extraction(gdir, no_ocr, &g, &model))
        return EXIT_INTERNAL;
    if (r.csv) { /* a BOM so that spreadsheets read the UTF-8 as such */
        fputs("\xEF\xBB\xBF", stdout);
        fputs(nqx_record_csv_header(), stdout);
    }
    rc = cli_each_doc(argc, argv, g, model, S_print_records, &r);
    nqx_buf_free(&r.b);
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
