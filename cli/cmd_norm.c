/* cmd_norm.c: nqx normalize, nqx model. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_print_changes(const nqx_text *t, int jsonl)
{
    size_t i;
    nqx_buf b = {0};
    if (!jsonl)
        fputs("in_off\tout_off\tkind\tfrom\tto\tconfidence\n", stdout);
    for (i = 0; i < t->nchanges; i++) {
        const nqx_change *c = &t->changes[i];
        b.len = 0;
        if (jsonl) {
            nqx_buf_printf(&b, "{\"in_off\": %zu, \"out_off\": %zu, \"kind\": \"%s\", \"from\": ",
                           c->in_off, c->out_off, nqx_change_kind_name(c->kind));
            nqx_buf_json_str(&b, c->from, strlen(c->from));
            nqx_buf_puts(&b, ", \"to\": ");
            nqx_buf_json_str(&b, c->to, strlen(c->to));
            nqx_buf_printf(&b, ", \"confidence\": %.3f}\n", c->confidence);
            fwrite(b.data, 1, b.len, stdout);
        } else {
            /* TSV: escape tabs and newlines so each change stays one row */
            const char *fields[2] = {c->from, c->to};
            int k;
            printf("%zu\t%zu\t%s", c->in_off, c->out_off, nqx_change_kind_name(c->kind));
            for (k = 0; k < 2; k++) {
                const char *s;
                fputc('\t', stdout);
                for (s = fields[k]; *s; s++) {
                    if (*s == '\n') fputs("\\n", stdout);
                    else if (*s == '\t') fputs("\\t", stdout);
                    else if (*s == '\\') fputs("\\\\", stdout);
                    else fputc(*s, stdout);
                }
            }
            printf("\t%.3f\n", c->confidence);
        }
    }
    nqx_buf_free(&b);
}

int cmd_normalize(int argc, char **argv)
{
    nqx_norm_options opt;
    int i, changes = 0, jsonl = 0, no_ocr = 0, failed = 0, rc = EXIT_OK;
    const char *val, *model_path = NULL;
    nqx_model *model = NULL;
    int nfiles = 0;

    memset(&opt, 0, sizeof opt);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--changes") == 0)
            changes = 1;
        else if (strcmp(a, "--no-ocr") == 0)
            no_ocr = 1;
        else if (strcmp(a, "--keep-markup") == 0)
            opt.keep_markup = 1;
        else if (cli_opt(a, "--format", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            if (strcmp(val, "jsonl") == 0) jsonl = 1;
            else if (strcmp(val, "tsv") != 0) {
                cli_errorf("--format must be tsv or jsonl");
                return EXIT_USAGE;
            }
        } else if (cli_opt(a, "--encoding", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            opt.encoding = val;
        } else if (cli_opt(a, "--model", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            model_path = val;
        } else if (strcmp(a, "--help") == 0) {
            puts("usage: nqx normalize [--changes] [--format tsv|jsonl] [--encoding NAME]\n"
                 "                     [--model FILE] [--no-ocr] [--keep-markup] FILE...");
            return EXIT_OK;
        } else if (a[0] == '-' && a[1]) {
            cli_errorf("normalize: unknown option %s", a);
            return EXIT_USAGE;
        } else
            nfiles++;
    }
    if (!nfiles) {
        cli_errorf("normalize: no input file");
        return EXIT_USAGE;
    }
    if (!no_ocr) {
        model = cli_load_model(model_path, &failed);
        if (failed)
            return EXIT_INTERNAL;
    }
    opt.model = model;
    opt.no_changes = !changes; /* the text alone: no change log to build */
    for (i = 1; i < argc; i++) {
        nqx_text *t;
        const char *a = argv[i];
        if (a[0] == '-' && a[1]) {
            if (strcmp(a, "--format") == 0 || strcmp(a, "--encoding") == 0 ||
                strcmp(a, "--model") == 0)
                i++;
            continue;
        }
        t = cli_normalize_file(a, &opt);
        if (!t) {
            rc = EXIT_REJECTED;
            continue;
        }
        if (changes)
            S_print_changes(t, jsonl);
        else
            fwrite(t->text, 1, t->len, stdout);
        nqx_text_free(t);
    }
    nqx_model_free(model);
    return rc;
}
