/* cmd_eval.c: nqx eval: score extraction and OCR correction on a corpus,
 * with the numbers of the reference scorers, and check thresholds. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char S_help[] =
"usage: nqx eval [--corpus DIR] [--pred FILE.jsonl] [--ocr-pred DIR]\n"
"                [--min-target-f1 X] [--min-task-f1 X]\n"
"                [--min-ocr-recall X] [--min-ocr-precision X]\n"
"                [--show-misses] [--json]\n"
"\n"
"Score extraction against DIR/gold/*.jsonl and OCR correction against\n"
"DIR/clean/*.txt (DIR defaults to corpus). The numbers are those of\n"
"score.py and ocr_score.py on the same inputs, printed in their lines,\n"
"then a summary table.\n"
"\n"
"  --corpus DIR        the corpus: DIR/*.txt raw, DIR/gold, DIR/clean\n"
"  --pred FILE         score these records (JSON Lines); without it nqx\n"
"                      normalizes (default OCR model) and extracts DIR/*.txt\n"
"  --ocr-pred DIR      score the normalized texts DIR/<doc>.txt; without it\n"
"                      nqx normalizes DIR/*.txt itself\n"
"  --min-target-f1 X   require targets strict F1 >= X (likewise tasks)\n"
"  --min-task-f1 X\n"
"  --min-ocr-recall X  require OCR recall >= X (likewise precision)\n"
"  --min-ocr-precision X\n"
"  --show-misses       list MISS/WRONG/EXTRA records and missed/broken words\n"
"  --json              print one JSON object instead\n"
"\n"
"Exit status: 0 every threshold met; 1 a threshold not met, or a corpus\n"
"document nqx rejected (scored as empty); 2 usage error; 3 an input that\n"
"cannot be scored (missing or malformed gold, clean or prediction file),\n"
"or a grammar or model error.\n";

typedef struct {
    const char *name; /* "target strict F1" */
    const char *key;  /* "target_strict_f1" (JSON) */
    double value;
    double min;       /* < 0: no threshold */
} S_check;

/* The corpus documents nqx normalized itself (by file name). */
typedef struct {
    char **names;
    nqx_text **texts; /* NULL where the document was rejected */
    size_t n;
} S_corpus;

static void S_corpus_free(S_corpus *c)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        nqx_text_free(c->texts[i]);
    free(c->texts);
    nqx_eval_list_free(c->names, c->n);
}

/* Normalize every DIR/NAME.txt once; both parts use the result. Returns 0, or -1
 * when the folder cannot be listed; *rejected counts refused files. */
static int S_normalize_corpus(const char *dir, const nqx_model *model,
                              S_corpus *c, int *rejected)
{
    nqx_error err;
    nqx_norm_options opt;
    nqx_buf path = {0};
    size_t i;
    nqx_error_clear(&err);
    if (nqx_eval_list(dir, ".txt", &c->names, &c->n, &err)) {
        cli_error(&err);
        return -1;
    }
    c->texts = calloc(c->n ? c->n : 1, sizeof *c->texts);
    if (!c->texts) {
        cli_errorf("eval: out of memory");
        return -1;
    }
    memset(&opt, 0, sizeof opt);
    opt.model = model;
    for (i = 0; i < c->n; i++) {
        path.len = 0;
        if (nqx_buf_printf(&path, "%s/%s", dir, c->names[i])) {
            nqx_buf_free(&path);
            cli_errorf("eval: out of memory");
            return -1;
        }
        c->texts[i] = cli_normalize_file(path.data, &opt);
        if (!c->texts[i])
            (*rejected)++;
    }
    nqx_buf_free(&path);
    return 0;
}

/* nqx extract over the corpus, as JSON Lines in out. */
static int S_extract_corpus(const S_corpus *c, const nqx_grammar *g,
                            nqx_buf *out, int *rejected)
{
    size_t i, k;
    for (i = 0; i < c->n; i++) {
        nqx_doc *d = NULL;
        nqx_error err;
        char *id;
        if (!c->texts[i])
            continue;
        nqx_error_clear(&err);
        if (nqx_ext_doc(g, c->texts[i], &d, &err)) {
            if (!err.file[0])
                snprintf(err.file, sizeof err.file, "%s", c->names[i]);
            cli_error(&err);
            (*rejected)++;
            continue;
        }
        id = cli_doc_id(c->names[i]);
        if (!id) {
            nqx_doc_free(d);
            return -1;
        }
        for (k = 0; k < d->nrecords; k++)
            if (nqx_record_json(out, id, &d->records[k])) {
                free(id);
                nqx_doc_free(d);
                return -1;
            }
        free(id);
        nqx_doc_free(d);
    }
    if (!out->data && nqx_buf_append(out, "", 0))
        return -1;
    return 0;
}

static nqx_eval_ext *S_score_ext(const char *corpus, const char *pred_path,
                                 const nqx_buf *pipeline)
{
    nqx_error err;
    nqx_buf gold = {0};
    nqx_eval_ext *s = NULL;
    char *data = NULL;
    size_t n;
    nqx_status st;
    nqx_error_clear(&err);
    if (nqx_buf_printf(&gold, "%s/gold", corpus))
        return NULL;
    if (pred_path) {
        st = nqx_read_file(pred_path, 0, &data, &n, &err);
        if (!st)
            st = nqx_eval_ext_score(gold.data, data, n, pred_path, &s, &err);
    } else
        st = nqx_eval_ext_score(gold.data, pipeline->data, pipeline->len,
                                "(nqx extract)", &s, &err);
    if (st)
        cli_error(&err);
    free(data);
    nqx_buf_free(&gold);
    return s;
}

static nqx_eval_ocr *S_score_ocr(const char *corpus, const char *pred_dir,
                                 const S_corpus *c)
{
    nqx_error err;
    nqx_buf path = {0};
    char **docs = NULL;
    size_t ndocs = 0, i, j;
    nqx_eval_ocr *s = nqx_eval_ocr_new();
    int ok = 0;
    nqx_error_clear(&err);
    if (!s || nqx_buf_printf(&path, "%s/clean", corpus))
        goto done;
    if (nqx_eval_list(path.data, ".txt", &docs, &ndocs, &err)) {
        cli_error(&err);
        goto done;
    }
    for (i = 0; i < ndocs; i++) {
        char *raw = NULL, *clean = NULL, *pred = NULL;
        size_t nraw, nclean, npred = 0;
        const char *p = NULL;
        nqx_status st;
        path.len = 0;
        if (nqx_buf_printf(&path, "%s/%s", corpus, docs[i]))
            goto oom;
        st = nqx_read_file(path.data, 0, &raw, &nraw, &err);
        path.len = 0;
        if (nqx_buf_printf(&path, "%s/clean/%s", corpus, docs[i])) {
            free(raw);
            goto oom;
        }
        if (!st)
            st = nqx_read_file(path.data, 0, &clean, &nclean, &err);
        if (!st && pred_dir) {
            path.len = 0;
            if (nqx_buf_printf(&path, "%s/%s", pred_dir, docs[i])) {
                free(raw);
                free(clean);
                goto oom;
            }
            st = nqx_read_file(path.data, 0, &pred, &npred, &err);
            if (st == NQX_EIO) /* ocr_score.py's own words */
                snprintf(err.msg, sizeof err.msg, "no prediction for %s in %s",
                         docs[i], pred_dir);
            p = pred;
        } else if (!st) {
            for (j = 0; j < c->n; j++)
                if (strcmp(c->names[j], docs[i]) == 0)
                    break;
            /* a document nqx rejected predicts no words */
            if (j < c->n && c->texts[j]) {
                p = c->texts[j]->text;
                npred = c->texts[j]->len;
            } else
                p = "";
        }
        if (!st)
            st = nqx_eval_ocr_add(s, docs[i], raw, nraw, clean, nclean, p,
                                  npred, &err);
        free(raw);
        free(clean);
        free(pred);
        if (st) {
            cli_error(&err);
            goto done;
        }
    }
    ok = 1;
    goto done;
oom:
    cli_errorf("eval: out of memory");
done:
    nqx_eval_list_free(docs, ndocs);
    nqx_buf_free(&path);
    if (!ok) {
        nqx_eval_ocr_free(s);
        return NULL;
    }
    return s;
}

static int S_parse_min(const char *val, double *out)
{
    char *end;
    if (!val)
        return -1;
    *out = strtod(val, &end);
    if (end == val || *end || *out < 0 || *out > 1) {
        cli_errorf("eval: a minimum must be a number from 0 to 1, not '%s'",
                   val);
        return -1;
    }
    return 0;
}

/* A number for JSON: the shortest %g that reads back the same. */
static void S_num(double x, char out[40])
{
    int p;
    for (p = 1; p < 17; p++) {
        snprintf(out, 40, "%.*g", p, x);
        if (strtod(out, NULL) == x)
            return;
    }
    snprintf(out, 40, "%.17g", x);
}

/* Indent a JSON text by one more space, to nest it. */
static int S_nest(nqx_buf *out, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (nqx_buf_append(out, s + i, 1))
            return -1;
        if (s[i] == '\n' && i + 1 < n && nqx_buf_puts(out, " "))
            return -1;
    }
    return 0;
}

static int S_print(const nqx_eval_ext *ext, const nqx_eval_ocr *ocr,
                   const char *corpus, const char *pred, const char *ocr_pred,
                   const S_check *checks, size_t nchecks, int show, int json)
{
    nqx_buf b = {0};
    size_t i;
    int failed = 0, rc;
    for (i = 0; i < nchecks; i++)
        if (checks[i].min >= 0 && checks[i].value < checks[i].min)
            failed = 1;
    if (json) {
        nqx_buf part = {0};
        rc = nqx_buf_puts(&b, "{\n \"extraction\": ") ||
             nqx_eval_ext_json(&part, ext) ||
             S_nest(&b, part.data, part.len - 1) ||
             nqx_buf_puts(&b, ",\n \"ocr\": ");
        part.len = 0;
        rc = rc || nqx_eval_ocr_json(&part, ocr) ||
             S_nest(&b, part.data, part.len - 1) ||
             nqx_buf_puts(&b, ",\n \"checks\": [");
        for (i = 0; !rc && i < nchecks; i++) {
            char v[40], m[40];
            S_num(checks[i].value, v);
            S_num(checks[i].min, m);
            rc = nqx_buf_printf(&b, "%s\n  {\"measure\": \"%s\", \"value\": %s, "
                                    "\"minimum\": %s, \"ok\": %s}",
                                i ? "," : "", checks[i].key, v,
                                checks[i].min >= 0 ? m : "null",
                                checks[i].min >= 0 && checks[i].value < checks[i].min
                                    ? "false" : "true");
        }
        if (!rc)
            rc = nqx_buf_printf(&b, "\n ],\n \"ok\": %s\n}\n",
                                failed ? "false" : "true");
        nqx_buf_free(&part);
    } else {
        rc = nqx_buf_printf(&b, "== extraction (%s/gold vs %s)\n", corpus,
                            pred ? pred : "nqx extract") ||
             nqx_eval_ext_format(&b, ext, show) ||
             nqx_buf_printf(&b, "== ocr (%s/clean vs %s)\n", corpus,
                            ocr_pred ? ocr_pred : "nqx normalize") ||
             nqx_eval_ocr_format(&b, ocr, show) ||
             nqx_buf_puts(&b, "== summary\nmeasure              value  minimum  result\n");
        for (i = 0; !rc && i < nchecks; i++) {
            if (checks[i].min >= 0)
                rc = nqx_buf_printf(&b, "%-20s %5.3f  %7.3f  %s\n",
                                    checks[i].name, checks[i].value,
                                    checks[i].min,
                                    checks[i].value < checks[i].min ? "FAIL"
                                                                    : "ok");
            else
                rc = nqx_buf_printf(&b, "%-20s %5.3f  %7s  %s\n",
                                    checks[i].name, checks[i].value, "-", "-");
        }
    }
    if (rc) {
        nqx_buf_free(&b);
        cli_errorf("eval: out of memory");
        return -1;
    }
    fwrite(b.data, 1, b.len, stdout);
    nqx_buf_free(&b);
    return failed;
}

int cmd_eval(int argc, char **argv)
{
    const char *corpus = "corpus", *pred = NULL, *ocr_pred = NULL, *val;
    double mins[4] = {-1, -1, -1, -1};
    static const char *const min_opts[4] = {
        "--min-target-f1", "--min-task-f1", "--min-ocr-recall",
        "--min-ocr-precision"};
    int i, k, show = 0, json = 0, rejected = 0, failed = 0, rc;
    nqx_model *model = NULL;
    nqx_grammar *g = NULL;
    S_corpus c;
    nqx_buf records = {0};
    nqx_eval_ext *ext = NULL;
    nqx_eval_ocr *ocr = NULL;
    S_check checks[4];

    memset(&c, 0, sizeof c);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int done = 0;
        for (k = 0; k < 4 && !done; k++)
            if (cli_opt(a, min_opts[k], &val, argc, argv, &i)) {
                if (S_parse_min(val, &mins[k]))
                    return EXIT_USAGE;
                done = 1;
            }
        if (done)
            continue;
        if (cli_opt(a, "--corpus", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            corpus = val;
        } else if (cli_opt(a, "--pred", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            pred = val;
        } else if (cli_opt(a, "--ocr-pred", &val, argc, argv, &i)) {
            if (!val) return EXIT_USAGE;
            ocr_pred = val;
        } else if (strcmp(a, "--show-misses") == 0)
            show = 1;
        else if (strcmp(a, "--json") == 0)
            json = 1;
        else if (strcmp(a, "--help") == 0) {
            fputs(S_help, stdout);
            return EXIT_OK;
        } else {
            cli_errorf("eval: unexpected argument %s (see nqx eval --help)", a);
            return EXIT_USAGE;
        }
    }

    rc = EXIT_INTERNAL;
    if (!pred || !ocr_pred) { /* run the pipeline on the corpus */
        model = cli_load_model(NULL, &failed);
        if (failed)
            goto done;
        if (S_normalize_corpus(corpus, model, &c, &rejected))
            goto done;
        if (!pred) {
            g = cli_load_grammars(NULL);
            if (!g)
                goto done;
            if (S_extract_corpus(&c, g, &records, &rejected)) {
                cli_errorf("eval: out of memory");
                goto done;
            }
        }
    }
    ext = S_score_ext(corpus, pred, &records);
    if (!ext)
        goto done;
    ocr = S_score_ocr(corpus, ocr_pred, &c);
    if (!ocr)
        goto done;

    checks[0] = (S_check){"target strict F1", "target_strict_f1",
                          ext->target.strict_f1, mins[0]};
    checks[1] = (S_check){"task strict F1", "task_strict_f1",
                          ext->task.strict_f1, mins[1]};
    checks[2] = (S_check){"OCR recall", "ocr_recall", ocr->recall, mins[2]};
    checks[3] = (S_check){"OCR precision", "ocr_precision", ocr->precision,
                          mins[3]};
    failed = S_print(ext, ocr, corpus, pred, ocr_pred, checks, 4, show, json);
    if (failed < 0)
        goto done;
    rc = failed || rejected ? EXIT_REJECTED : EXIT_OK;
done:
    nqx_eval_ext_free(ext);
    nqx_eval_ocr_free(ocr);
    nqx_buf_free(&records);
    S_corpus_free(&c);
    nqx_gram_free(g);
    nqx_model_free(model);
    return rc;
}
