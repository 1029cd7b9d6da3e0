/* score.c: extraction scoring: gold records (found by their anchor) against
 * predicted records, as /work/shared/eval/score.py scores them.
 *
 * A gold record is found when an unused prediction of the same document
 * and kind holds its anchor (both folded); among several, the one agreeing
 * on most scored fields wins, then the earliest by span start. Found and
 * strict precision/recall/F1 follow, with per-field accuracy. Every rule
 * below names the Python expression it reproduces.
 */
#include "eval.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Files larger than this are refused whole (bounded memory). */
#define S_MAX_FILE (256u << 20)

typedef struct {
    nqx_ej **v;
    size_t n, cap;
} S_recs;

typedef struct {
    char *s;
    size_t n;
} S_str;

static void S_recs_free(S_recs *r)
{
    size_t i;
    for (i = 0; i < r->n; i++)
        nqx_ej_free(r->v[i]);
    free(r->v);
    r->v = NULL;
    r->n = r->cap = 0;
}

static int S_recs_push(S_recs *r, nqx_ej *v)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        nqx_ej **nv = realloc(r->v, cap * sizeof *nv);
        if (!nv)
            return -1;
        r->v = nv;
        r->cap = cap;
    }
    r->v[r->n++] = v;
    return 0;
}

/* load_jsonl(): lines split as Python's text mode splits them (\n, \r\n,
 * \r), strip()ped of Unicode spaces, blank ones skipped, each json.loads()
 * as an object. */
static nqx_status S_load_jsonl(const char *name, const char *s, size_t n,
                               S_recs *out, nqx_error *err)
{
    size_t i = 0, bad = nqx_utf8_valid_prefix(s, n);
    long line = 1;
    if (bad < n) {
        for (i = 0; i < bad; i++)
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
                line++;
        return nqx_fail(err, NQX_EFORMAT, name, line, (long)bad,
                        "not UTF-8");
    }
    i = 0;
    for (line = 1; i < n; line++) {
        size_t start = i, end, lo, hi, k;
        char why[256];
        int oom;
        nqx_ej *v;
        while (i < n && s[i] != '\n' && s[i] != '\r')
            i++;
        end = i;
        if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
            i++;
        if (i < n)
            i++;
        /* strip(): find the first and last non-space characters */
        lo = hi = start;
        for (k = start; k < end;) {
            utf8proc_int32_t c;
            utf8proc_ssize_t m = utf8proc_iterate(
                (const utf8proc_uint8_t *)s + k, (utf8proc_ssize_t)(end - k), &c);
            if (m <= 0) /* cannot happen: validated above */
                m = 1;
            if (!nqx_py_isspace(c)) {
                if (hi == start)
                    lo = k;
                hi = k + (size_t)m;
            }
            k += (size_t)m;
        }
        if (hi == start)
            continue;
        v = nqx_ej_parse(s + lo, hi - lo, why, sizeof why, &oom);
        if (!v)
            return nqx_fail(err, oom ? NQX_ENOMEM : NQX_EFORMAT, name, line,
                            -1, "not JSON: %s", why);
        if (v->type != NQX_EJ_OBJ) {
            nqx_ej_free(v);
            return nqx_fail(err, NQX_EFORMAT, name, line, -1,
                            "not a JSON object");
        }
        if (S_recs_push(out, v)) {
            nqx_ej_free(v);
            return nqx_fail(err, NQX_ENOMEM, name, line, -1, "out of memory");
        }
    }
    return NQX_OK;
}

/* ---- fields ----------------------------------------------------------- */

static const char *const S_target_keys[] = {"comparator", "low", "high",
                                            "unit", "deadline",
                                            "aspirational", "scope"};
static const char *const S_task_keys[] = {"lead", "deadline", "agencies"};
#define S_NTARGET_KEY 5 /* key fields: the first five target keys */
#define S_NTASK_KEY 2   /* and the first two task keys */

static int S_is_str(const nqx_ej *v, const char *s)
{
    return v && v->type == NQX_EJ_STR && v->len == strlen(s) &&
           memcmp(v->str, s, v->len) == 0;
}

/* fold(s): `s or ""` makes None, 0 and "" empty; other non-strings make
 * Python raise, and are read as empty here. */
static char *S_fold_val(const nqx_ej *v, size_t *len)
{
    if (v && v->type == NQX_EJ_STR)
        return nqx_py_fold(v->str, v->len, len);
    *len = 0;
    return calloc(1, 1);
}

static int S_str_cmp(const void *a, const void *b)
{
    const S_str *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, m);
    if (c)
        return c;
    return x->n < y->n ? -1 : x->n > y->n;
}

/* agency_key(): EDGE (spaces , . ; : ( ) - –) stripped from both ends of
 * the folded name; fold() already collapsed the spaces. */
static char *S_agency_key(const nqx_ej *name, size_t *len)
{
    size_t n, lo = 0, hi;
    char *f = S_fold_val(name, &n), *r;
    if (!f)
        return NULL;
    hi = n;
    for (;;) {
        if (lo < hi && f[lo] && strchr(" ,.;:()-", f[lo]))
            lo++;
        else if (hi - lo >= 3 && memcmp(f + lo, "\xe2\x80\x93", 3) == 0)
            lo += 3;
        else
            break;
    }
    for (;;) {
        if (hi > lo && f[hi - 1] && strchr(" ,.;:()-", f[hi - 1]))
            hi--;
        else if (hi - lo >= 3 && memcmp(f + hi - 3, "\xe2\x80\x93", 3) == 0)
            hi -= 3;
        else
            break;
    }
    r = nqx_strndup(f + lo, hi - lo);
    free(f);
    *len = hi - lo;
    return r;
}

/* rec.get("agencies") or []: a list of objects (anything else, where
 * Python would raise, is read as no agency). */
static const nqx_ej *S_agencies_list(const nqx_ej *rec)
{
    const nqx_ej *a = nqx_ej_get(rec, "agencies");
    return a && a->type == NQX_EJ_ARR ? a : NULL;
}

/* agencies(rec): the set of (agency key, role) pairs; role compares with
 * Python's == (None, strings, numbers). */
typedef struct {
    S_str key; /* first: S_str_cmp orders pairs by key */
    const nqx_ej *role;
} S_pair;

static void S_pairs_free(S_pair *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(v[i].key.s);
    free(v);
}

static int S_pairs(const nqx_ej *rec, S_pair **out, size_t *nout)
{
    const nqx_ej *a = S_agencies_list(rec);
    S_pair *v;
    size_t i, n = 0;
    *out = NULL;
    *nout = 0;
    if (!a || !a->n)
        return 0;
    v = calloc(a->n, sizeof *v);
    if (!v)
        return -1;
    for (i = 0; i < a->n; i++) {
        const nqx_ej *x = a->items[i];
        if (x->type != NQX_EJ_OBJ)
            continue;
        v[n].key.s = S_agency_key(nqx_ej_get(x, "name"), &v[n].key.n);
        if (!v[n].key.s) {
            S_pairs_free(v, n);
            return -1;
        }
        v[n].role = nqx_ej_get(x, "role");
        n++;
    }
    *out = v;
    *nout = n;
    return 0;
}

/* leads(rec): the set of agency keys with role "lead", sorted and unique
 * (Python's set, and sorted() for printing): the pairs of agencies(rec)
 * with that role. */
static int S_leads(const nqx_ej *rec, S_pair **out, size_t *nout)
{
    S_pair *v;
    size_t i, n, j = 0;
    if (S_pairs(rec, &v, &n))
        return -1;
    for (i = 0; i < n; i++)
        if (S_is_str(v[i].role, "lead"))
            v[j++] = v[i];
        else
            free(v[i].key.s);
    if (j)
        qsort(v, j, sizeof *v, S_str_cmp);
    for (n = j, i = j = 0; i < n; i++) {
        if (j && S_str_cmp(&v[j - 1], &v[i]) == 0) {
            free(v[i].key.s);
            continue;
        }
        v[j++] = v[i];
    }
    *out = v;
    *nout = j;
    return 0;
}

static int S_pair_in(const S_pair *x, const S_pair *set, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (S_str_cmp(&x->key, &set[i].key) == 0 &&
            nqx_py_eq(x->role, set[i].role))
            return 1;
    return 0;
}

/* Are the two records' sets of pairs equal (get: S_pairs for
 * agencies(), S_leads for leads(), whose roles are all "lead")? */
static int S_pairs_eq(int (*get)(const nqx_ej *, S_pair **, size_t *),
                      const nqx_ej *g, const nqx_ej *p, int *eq)
{
    S_pair *a, *b;
    size_t na, nb, i;
    if (get(g, &a, &na))
        return -1;
    if (get(p, &b, &nb)) {
        S_pairs_free(a, na);
        return -1;
    }
    /* set equality: each side within the other */
    *eq = 1;
    for (i = 0; *eq && i < na; i++)
        *eq = S_pair_in(&a[i], b, nb);
    for (i = 0; *eq && i < nb; i++)
        *eq = S_pair_in(&b[i], a, na);
    S_pairs_free(a, na);
    S_pairs_free(b, nb);
    return 0;
}

/* fold(str(v or "")) */
static char *S_fold_str(const nqx_ej *v, size_t *len)
{
    nqx_buf b = {0};
    char *f;
    if (nqx_py_truthy(v) && nqx_py_str(&b, v)) {
        nqx_buf_free(&b);
        return NULL;
    }
    f = nqx_py_fold(b.data ? b.data : "", b.len, len);
    nqx_buf_free(&b);
    return f;
}

/* field_ok(): 1 agree, 0 disagree, -1 not scored (the gold lacks the
 * key); -2 out of memory. gold_key() gives a task gold with agencies a
 * "lead" key. */
static int S_field_ok(int task, const char *key, const nqx_ej *g,
                      const nqx_ej *p)
{
    const nqx_ej *gv = nqx_ej_get(g, key), *pv = nqx_ej_get(p, key);
    int eq;
    if (strcmp(key, "lead") == 0) {
        if (!gv && !(task && nqx_ej_get(g, "agencies")))
            return -1;
        return S_pairs_eq(S_leads, g, p, &eq) ? -2 : eq;
    }
    if (!gv)
        return -1;
    if (strcmp(key, "low") == 0 || strcmp(key, "high") == 0) {
        double a, b;
        return nqx_py_float(gv, &a) && nqx_py_float(pv, &b) &&
               fabs(a - b) < 1e-9;
    }
    if (strcmp(key, "unit") == 0 || strcmp(key, "scope") == 0) {
        size_t na, nb;
        char *a = S_fold_str(gv, &na), *b = S_fold_str(pv, &nb);
        if (!a || !b) {
            free(a);
            free(b);
            return -2;
        }
        eq = na == nb && memcmp(a, b, na) == 0;
        free(a);
        free(b);
        return eq;
    }
    if (strcmp(key, "agencies") == 0)
        return S_pairs_eq(S_pairs, g, p, &eq) ? -2 : eq;
    return nqx_py_eq(gv, pv);
}

/* ---- matching --------------------------------------------------------- */

typedef struct {
    const nqx_ej *rec;
    double key; /* (p.get("span") or [0])[0] */
    size_t idx;
    char *folded;
    size_t nfolded;
    int used;
} S_pred;

static int S_pred_cmp(const void *a, const void *b)
{
    const S_pred *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx; /* sorted() is stable */
}

static double S_span_start(const nqx_ej *p)
{
    const nqx_ej *s = nqx_ej_get(p, "span");
    double d;
    if (!nqx_py_truthy(s) || s->type != NQX_EJ_ARR ||
        s->items[0]->type == NQX_EJ_STR || !nqx_py_float(s->items[0], &d))
        return 0;
    return d;
}

typedef struct {
    nqx_eval_ext *res;
    nqx_status st;
    nqx_error *err;
} S_ctx;

static int S_miss(S_ctx *c, nqx_buf *line)
{
    nqx_eval_ext *r = c->res;
    char *s;
    /* capacity is implied: 16, then doubled at each power of two */
    if (r->nmisses == 0 ||
        (r->nmisses >= 16 && (r->nmisses & (r->nmisses - 1)) == 0)) {
        size_t cap = r->nmisses ? r->nmisses * 2 : 16;
        char **nv = realloc(r->misses, cap * sizeof *nv);
        if (!nv)
            return -1;
        r->misses = nv;
    }
    s = nqx_buf_steal(line);
    if (!s)
        return -1;
    r->misses[r->nmisses++] = s;
    return 0;
}

/* `anchor in text` (memmem is a GNU extension) */
static int S_contains(const char *h, size_t nh, const char *x, size_t nx)
{
    size_t i;
    if (nx > nh)
        return 0;
    for (i = 0; i + nx <= nh; i++)
        if (h[i] == x[0] && memcmp(h + i, x, nx) == 0)
            return 1;
    return 0;
}

static void S_count_field(nqx_eval_kind *k, const char *name, int ok)
{
    size_t i;
    for (i = 0; i < k->nfields; i++)
        if (strcmp(k->fields[i].name, name) == 0)
            break;
    if (i == k->nfields) { /* dict insertion order: first scored first */
        k->fields[i].name = name;
        k->fields[i].hits = k->fields[i].total = 0;
        k->nfields++;
    }
    k->fields[i].total++;
    k->fields[i].hits += ok ? 1 : 0;
}

/* want/got of a WRONG line: sorted(leads(x)) for lead, else x.get(k) */
static int S_want_repr(nqx_buf *b, const char *key, const nqx_ej *rec)
{
    S_pair *v;
    size_t n, i;
    if (strcmp(key, "lead") != 0)
        return nqx_py_repr(b, nqx_ej_get(rec, key));
    if (S_leads(rec, &v, &n))
        return -1;
    if (nqx_buf_puts(b, "["))
        goto oom;
    for (i = 0; i < n; i++)
        if ((i && nqx_buf_puts(b, ", ")) ||
            nqx_py_repr_str(b, v[i].key.s, v[i].key.n))
            goto oom;
    S_pairs_free(v, n);
    return nqx_buf_puts(b, "]");
oom:
    S_pairs_free(v, n);
    return -1;
}

/* p.get('text', '')[:90] */
static int S_text90(nqx_buf *b, const nqx_ej *p)
{
    const nqx_ej *t = nqx_ej_get(p, "text");
    size_t i = 0, chars = 0;
    if (!t)
        return 0;
    if (t->type != NQX_EJ_STR)
        return nqx_py_str(b, t);
    while (i < t->len && chars < 90) {
        i++;
        while (i < t->len && ((unsigned char)t->str[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    return nqx_buf_append(b, t->str, i);
}

/* match_doc() and the scoring loop of main() for one document and kind. */
static int S_score_doc(S_ctx *c, int task, const char *doc,
                       const S_recs *golds, const S_recs *preds)
{
    const char *kind = task ? "task" : "target";
    const char *const *keys = task ? S_task_keys : S_target_keys;
    size_t nkeys = task ? 3 : 7, nkey_fields = task ? S_NTASK_KEY : S_NTARGET_KEY;
    nqx_eval_kind *k = task ? &c->res->task : &c->res->target;
    S_pred *ps = NULL;
    size_t np = 0, i, j, q;
    nqx_buf line = {0};
    int rc = -1;

    ps = calloc(preds->n ? preds->n : 1, sizeof *ps);
    if (!ps)
        return -1;
    for (i = 0; i < preds->n; i++) {
        const nqx_ej *p = preds->v[i];
        const nqx_ej *pd = nqx_ej_get(p, "doc");
        if (!S_is_str(nqx_ej_get(p, "kind"), kind) || !pd ||
            pd->type != NQX_EJ_STR || pd->len != strlen(doc) ||
            memcmp(pd->str, doc, pd->len) != 0)
            continue;
        ps[np].rec = p;
        ps[np].key = S_span_start(p);
        ps[np].idx = np;
        ps[np].folded = S_fold_val(nqx_ej_get(p, "text"), &ps[np].nfolded);
        if (!ps[np].folded)
            goto done;
        np++;
    }
    qsort(ps, np, sizeof *ps, S_pred_cmp);
    k->pred += np;

    for (i = 0; i < golds->n; i++) {
        const nqx_ej *g = golds->v[i];
        size_t nanchor, best = (size_t)-1;
        int best_score = -1, allok = 1;
        char *anchor;
        if (!S_is_str(nqx_ej_get(g, "kind"), kind))
            continue;
        k->gold++;
        anchor = S_fold_val(nqx_ej_get(g, "anchor"), &nanchor);
        if (!anchor)
            goto done;
        for (j = 0; j < np && nanchor; j++) {
            int score = 0;
            if (ps[j].used ||
                !S_contains(ps[j].folded, ps[j].nfolded, anchor, nanchor))
                continue;
            for (q = 0; q < nkeys; q++) {
                int ok = S_field_ok(task, keys[q], g, ps[j].rec);
                if (ok == -2) {
                    free(anchor);
                    goto done;
                }
                score += ok == 1;
            }
            if (score > best_score) {
                best = j;
                best_score = score;
            }
        }
        free(anchor);
        line.len = 0;
        if (best == (size_t)-1) {
            if (nqx_buf_printf(&line, "MISS %s %s: ", kind, doc) ||
                nqx_py_str(&line, nqx_ej_get(g, "anchor")) || S_miss(c, &line))
                goto done;
            continue;
        }
        ps[best].used = 1;
        k->found++;
        for (q = 0; q < nkeys; q++) {
            const nqx_ej *p = ps[best].rec;
            int ok = S_field_ok(task, keys[q], g, p);
            if (ok == -2)
                goto done;
            if (ok == -1)
                continue;
            S_count_field(k, keys[q], ok);
            if (q < nkey_fields && !ok) {
                allok = 0;
                line.len = 0;
                if (nqx_buf_printf(&line, "WRONG %s %s %s: want ", kind, doc,
                                   keys[q]) ||
                    S_want_repr(&line, keys[q], g) ||
                    nqx_buf_puts(&line, " got ") ||
                    S_want_repr(&line, keys[q], p) ||
                    nqx_buf_puts(&line, " :: ") ||
                    nqx_py_str(&line, nqx_ej_get(g, "anchor")) ||
                    S_miss(c, &line))
                    goto done;
            }
        }
        k->strict += allok;
    }
    for (j = 0; j < np; j++) {
        if (ps[j].used)
            continue;
        line.len = 0;
        if (nqx_buf_printf(&line, "EXTRA %s %s: ", kind, doc) ||
            S_text90(&line, ps[j].rec) || nqx_buf_append(&line, "", 0) ||
            S_miss(c, &line))
            goto done;
    }
    rc = 0;
done:
    for (j = 0; j < np; j++)
        free(ps[j].folded);
    free(ps);
    nqx_buf_free(&line);
    return rc;
}

/* prf() */
static void S_prf(size_t tp, size_t npred, size_t ngold, double *p,
                  double *r, double *f)
{
    *p = npred ? (double)tp / (double)npred : (ngold == 0 ? 1.0 : 0.0);
    *r = ngold ? (double)tp / (double)ngold : 1.0;
    *f = *p + *r != 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

void nqx_eval_ext_free(nqx_eval_ext *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->nmisses; i++)
        free(s->misses[i]);
    free(s->misses);
    free(s);
}

nqx_status nqx_eval_ext_score(const char *gold_dir, const char *pred,
                              size_t n, const char *pred_name,
                              nqx_eval_ext **out, nqx_error *err)
{
    S_recs preds = {0}, *golds = NULL;
    char **names = NULL, **docs = NULL;
    size_t nnames = 0, i;
    nqx_status st;
    S_ctx c;
    nqx_buf path = {0};
    int task;

    *out = NULL;
    memset(&c, 0, sizeof c);
    c.err = err;
    c.res = calloc(1, sizeof *c.res);
    if (!c.res)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    /* as score.py: the predictions first, then each gold file */
    st = S_load_jsonl(pred_name, pred, n, &preds, err);
    if (!st)
        st = nqx_eval_list(gold_dir, ".jsonl", &names, &nnames, err);
    if (st)
        goto done;
    golds = calloc(nnames ? nnames : 1, sizeof *golds);
    docs = calloc(nnames ? nnames : 1, sizeof *docs);
    if (!golds || !docs)
        goto oom;
    for (i = 0; i < nnames; i++) {
        char *data;
        size_t len, l = strlen(names[i]) - strlen(".jsonl");
        /* Path.stem */
        docs[i] = nqx_strndup(names[i], l ? l : strlen(names[i]));
        if (!docs[i])
            goto oom;
        path.len = 0;
        if (nqx_buf_printf(&path, "%s/%s", gold_dir, names[i]))
            goto oom;
        st = nqx_read_file(path.data, S_MAX_FILE, &data, &len, err);
        if (!st) {
            st = S_load_jsonl(path.data, data, len, &golds[i], err);
            free(data);
        }
        if (st)
            goto done;
    }
    for (task = 0; task < 2; task++) {
        nqx_eval_kind *k = task ? &c.res->task : &c.res->target;
        for (i = 0; i < nnames; i++)
            if (S_score_doc(&c, task, docs[i], &golds[i], &preds))
                goto oom;
        S_prf(k->found, k->pred, k->gold, &k->found_p, &k->found_r,
              &k->found_f1);
        S_prf(k->strict, k->pred, k->gold, &k->strict_p, &k->strict_r,
              &k->strict_f1);
    }
    *out = c.res;
    c.res = NULL;
    goto done;
oom:
    st = nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
done:
    S_recs_free(&preds);
    for (i = 0; i < nnames; i++) {
        if (golds)
            S_recs_free(&golds[i]);
        if (docs)
            free(docs[i]);
    }
    free(golds);
    free(docs);
    nqx_eval_list_free(names, nnames);
    nqx_buf_free(&path);
    nqx_eval_ext_free(c.res);
    return st;
}

/* ---- output ----------------------------------------------------------- */

/* Python's {:.3f} rounds the exact binary value half to even, and so does
 * glibc's %.3f (checked on every k/n, n <= 400); both need the C locale's
 * decimal point, which nqx never changes. */
int nqx_eval_ext_format(nqx_buf *b, const nqx_eval_ext *s, int show_misses)
{
    int task;
    size_t i;
    for (task = 0; task < 2; task++) {
        const nqx_eval_kind *k = task ? &s->task : &s->target;
        if (nqx_buf_printf(b,
                           "%ss: gold=%zu pred=%zu  found P=%.3f R=%.3f "
                           "F1=%.3f  strict P=%.3f R=%.3f F1=%.3f\n",
                           task ? "task" : "target", k->gold, k->pred,
                           k->found_p, k->found_r, k->found_f1, k->strict_p,
                           k->strict_r, k->strict_f1) ||
            nqx_buf_puts(b, "   fields: "))
            return -1;
        for (i = 0; i < k->nfields; i++)
            if (nqx_buf_printf(b, "%s%s=%.3f", i ? "  " : "",
                               k->fields[i].name,
                               (double)k->fields[i].hits /
                                   (double)k->fields[i].total))
                return -1;
        if (nqx_buf_puts(b, "\n"))
            return -1;
    }
    if (show_misses) {
        for (i = 0; i < s->nmisses; i++)
            if ((i && nqx_buf_puts(b, "\n")) || nqx_buf_puts(b, s->misses[i]))
                return -1;
        if (nqx_buf_puts(b, "\n"))
            return -1;
    }
    return nqx_buf_printf(b, "strict_f1=%.3f %.3f\n", s->target.strict_f1,
                          s->task.strict_f1);
}

static int S_json_prf(nqx_buf *b, const char *name, double p, double r,
                      double f)
{
    char x[40], y[40], z[40];
    nqx_py_float_repr(p, x);
    nqx_py_float_repr(r, y);
    nqx_py_float_repr(f, z);
    return nqx_buf_printf(b,
                          "  \"%s\": {\n   \"p\": %s,\n   \"r\": %s,\n"
                          "   \"f1\": %s\n  },\n",
                          name, x, y, z);
}

int nqx_eval_ext_json(nqx_buf *b, const nqx_eval_ext *s)
{
    int task;
    size_t i;
    if (nqx_buf_puts(b, "{\n"))
        return -1;
    for (task = 0; task < 2; task++) {
        const nqx_eval_kind *k = task ? &s->task : &s->target;
        if (nqx_buf_printf(b, " \"%s\": {\n  \"gold\": %zu,\n  \"pred\": %zu,\n",
                           task ? "task" : "target", k->gold, k->pred) ||
            S_json_prf(b, "found", k->found_p, k->found_r, k->found_f1) ||
            S_json_prf(b, "strict", k->strict_p, k->strict_r, k->strict_f1) ||
            nqx_buf_puts(b, k->nfields ? "  \"fields\": {\n" : "  \"fields\": {}\n"))
            return -1;
        for (i = 0; i < k->nfields; i++) {
            char v[40];
            nqx_py_float_repr((double)k->fields[i].hits /
                                  (double)k->fields[i].total, v);
            if (nqx_buf_printf(b, "   \"%s\": %s%s\n", k->fields[i].name, v,
                               i + 1 < k->nfields ? "," : ""))
                return -1;
        }
        if ((k->nfields && nqx_buf_puts(b, "  }\n")) ||
            nqx_buf_puts(b, task ? " }\n" : " },\n"))
            return -1;
    }
    return nqx_buf_puts(b, "}\n");
}
