/* ocr.c: OCR scoring: how many known errors (RAW differs from CLEAN) the
 * normalizer fixed, and how many correct words it broke, as
 * /work/shared/eval/ocr_score.py scores them.
 *
 * Words are \w+ runs of the NFC text in a canonical form (lower case, tone
 * mark moved last, Đ = D in acronyms). RAW is aligned to CLEAN and CLEAN
 * to PRED on the bare words (no diacritics, đ = d) with the matching
 * blocks of difflib.SequenceMatcher(autojunk=False), which is rebuilt here
 * step for step: a different longest-common-subsequence would pair other
 * words and print other numbers.
 */
#include "eval.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The five Vietnamese tone marks (grave, acute, tilde, hook, dot). */
static int S_tone(int32_t c)
{
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 ||
           c == 0x323;
}

/* ---- interned bare words ---------------------------------------------- */

/* An open-addressing table from bare word to a small id, so that the
 * matcher compares integers. */
typedef struct {
    char **keys;
    size_t *lens;
    int *ids;
    size_t cap, n;
} S_intern;

static uint64_t S_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

static void S_intern_free(S_intern *t)
{
    size_t i;
    for (i = 0; i < t->cap; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->lens);
    free(t->ids);
}

/* The id of s (new ids count up from 0), or -1 when out of memory. */
static int S_intern_id(S_intern *t, const char *s, size_t n)
{
    size_t i;
    if (2 * (t->n + 1) > t->cap) {
        S_intern nt;
        size_t cap = t->cap ? t->cap * 2 : 1024;
        memset(&nt, 0, sizeof nt);
        nt.keys = calloc(cap, sizeof *nt.keys);
        nt.lens = calloc(cap, sizeof *nt.lens);
        nt.ids = calloc(cap, sizeof *nt.ids);
        nt.cap = cap;
        if (!nt.keys || !nt.lens || !nt.ids) {
            S_intern_free(&nt);
            return -1;
        }
        for (i = 0; i < t->cap; i++) {
            size_t j;
            if (!t->keys[i])
                continue;
            j = S_hash(t->keys[i], t->lens[i]) & (cap - 1);
            while (nt.keys[j])
                j = (j + 1) & (cap - 1);
            nt.keys[j] = t->keys[i];
            nt.lens[j] = t->lens[i];
            nt.ids[j] = t->ids[i];
        }
        nt.n = t->n;
        free(t->keys);
        free(t->lens);
        free(t->ids);
        *t = nt;
    }
    i = S_hash(s, n) & (t->cap - 1);
    while (t->keys[i]) {
        if (t->lens[i] == n && memcmp(t->keys[i], s, n) == 0)
            return t->ids[i];
        i = (i + 1) & (t->cap - 1);
    }
    t->keys[i] = nqx_strndup(s, n);
    if (!t->keys[i])
        return -1;
    t->lens[i] = n;
    t->ids[i] = (int)t->n++;
    return t->ids[i];
}

/* ---- words ------------------------------------------------------------ */

typedef struct {
    char **w;   /* canonical forms, NUL-terminated */
    int *bare;  /* interned bare forms */
    size_t n, cap;
} S_words;

static void S_words_free(S_words *ws)
{
    size_t i;
    for (i = 0; i < ws->n; i++)
        free(ws->w[i]);
    free(ws->w);
    free(ws->bare);
}

/* canon(): acronym = len >= 3 and isupper(); NFD(lower()); tone marks
 * moved to the end of the NFC rest; đ -> d in an acronym. */
static char *S_canon(const int32_t *w, size_t n)
{
    nqx_cps low = {0}, d = {0}, rest = {0}, tone = {0};
    nqx_buf u = {0};
    char *res = NULL;
    size_t i;
    int acronym = n >= 3 && nqx_py_isupper(w, n);

    if (nqx_py_lower(&low, w, n) || nqx_cps_to_utf8(&u, low.v, low.n) ||
        nqx_cps_nfd(&d, u.data, u.len))
        goto done;
    for (i = 0; i < d.n; i++)
        if (nqx_cps_push(S_tone(d.v[i]) ? &tone : &rest, d.v[i]))
            goto done;
    u.len = 0;
    if (nqx_cps_to_utf8(&u, rest.v, rest.n) ||
        nqx_cps_nfc(&rest, u.data, u.len))
        goto done;
    if (acronym)
        for (i = 0; i < rest.n; i++)
            if (rest.v[i] == 0x111)
                rest.v[i] = 'd';
    u.len = 0;
    if (nqx_cps_to_utf8(&u, rest.v, rest.n) ||
        nqx_cps_to_utf8(&u, tone.v, tone.n))
        goto done;
    res = nqx_buf_steal(&u);
done:
    free(low.v);
    free(d.v);
    free(rest.v);
    free(tone.v);
    nqx_buf_free(&u);
    return res;
}

/* bare(): NFD, combining marks dropped, đ -> d. */
static int S_bare(S_intern *t, const char *w)
{
    nqx_cps d = {0};
    nqx_buf u = {0};
    size_t i, j;
    int id = -1;
    if (nqx_cps_nfd(&d, w, strlen(w)))
        goto done;
    for (i = j = 0; i < d.n; i++)
        if (!nqx_py_combining(d.v[i]))
            d.v[j++] = d.v[i] == 0x111 ? 'd' : d.v[i];
    if (nqx_cps_to_utf8(&u, d.v, j))
        goto done;
    id = S_intern_id(t, u.data, u.len);
done:
    free(d.v);
    nqx_buf_free(&u);
    return id;
}

static int S_words_push(S_words *ws, char *w, int bare)
{
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 256;
        char **nw = realloc(ws->w, cap * sizeof *nw);
        int *nb;
        if (!nw)
            return -1;
        ws->w = nw;
        nb = realloc(ws->bare, cap * sizeof *nb);
        if (!nb)
            return -1;
        ws->bare = nb;
        ws->cap = cap;
    }
    ws->w[ws->n] = w;
    ws->bare[ws->n++] = bare;
    return 0;
}

/* words(): canon() of each \w+ run of NFC(text). text is valid UTF-8. */
static int S_read_words(S_words *ws, S_intern *t, const char *text, size_t n)
{
    nqx_cps a = {0};
    size_t i = 0, start;
    int rc = -1;
    if (nqx_cps_nfc(&a, text, n))
        goto done;
    while (i < a.n) {
        char *w;
        int id;
        if (!nqx_py_isword(a.v[i])) {
            i++;
            continue;
        }
        start = i;
        while (i < a.n && nqx_py_isword(a.v[i]))
            i++;
        w = S_canon(a.v + start, i - start);
        if (!w)
            goto done;
        id = S_bare(t, w);
        if (id < 0 || S_words_push(ws, w, id)) {
            free(w);
            goto done;
        }
    }
    rc = 0;
done:
    free(a.v);
    return rc;
}

/* ---- difflib.SequenceMatcher ------------------------------------------ */

/* b2j (no junk: autojunk=False, isjunk=None): for each element, its
 * indices in b, ascending, as one flat array cut by offsets. */
typedef struct {
    const int *a, *b;
    size_t la, lb;
    size_t *off;   /* off[id]..off[id+1]: indices of id in b */
    size_t *idx;
    size_t nids;
    size_t *j2len, *newj2len; /* by j + 1; zero between calls */
    size_t *touched, *newtouched;
} S_matcher;

typedef struct {
    size_t i, j, k;
} S_match;

/* find_longest_match(alo, ahi, blo, bhi): the longest block, the earliest
 * in a among the longest, the earliest in b among those. */
static S_match S_longest(S_matcher *m, size_t alo, size_t ahi, size_t blo,
                         size_t bhi)
{
    size_t besti = alo, bestj = blo, bestsize = 0, i, t;
    size_t nt = 0, nnew;
    S_match r;
    for (i = alo; i < ahi; i++) {
        int id = m->a[i];
        size_t *swap;
        nnew = 0;
        if (id >= 0 && (size_t)id < m->nids) {
            size_t q;
            for (q = m->off[id]; q < m->off[id + 1]; q++) {
                size_t j = m->idx[q], k;
                if (j < blo)
                    continue;
                if (j >= bhi)
                    break;
                /* k = newj2len[j] = j2len.get(j-1, 0) + 1 */
                k = m->j2len[j] + 1;
                m->newj2len[j + 1] = k;
                m->newtouched[nnew++] = j + 1;
                if (k > bestsize) {
                    besti = i + 1 - k;
                    bestj = j + 1 - k;
                    bestsize = k;
                }
            }
        }
        /* j2len = newj2len */
        for (t = 0; t < nt; t++)
            m->j2len[m->touched[t]] = 0;
        swap = m->j2len;
        m->j2len = m->newj2len;
        m->newj2len = swap;
        swap = m->touched;
        m->touched = m->newtouched;
        m->newtouched = swap;
        nt = nnew;
    }
    for (t = 0; t < nt; t++)
        m->j2len[m->touched[t]] = 0;
    /* the extension over equal non-junk neighbours (no junk here) */
    while (besti > alo && bestj > blo &&
           m->a[besti - 1] == m->b[bestj - 1]) {
        besti--;
        bestj--;
        bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi &&
           m->a[besti + bestsize] == m->b[bestj + bestsize])
        bestsize++;
    r.i = besti;
    r.j = bestj;
    r.k = bestsize;
    return r;
}

/* align(): out[i] = the index in b matched to a[i] by get_matching_blocks,
 * or -1. The blocks are the same whatever order the queue is served in;
 * served as Python serves it anyway (a stack). */
static int S_align(const int *a, size_t la, const int *b, size_t lb,
                   size_t nids, long *out)
{
    S_matcher m;
    size_t i, *queue = NULL, nq = 0, capq = 0;
    int rc = -1;
    memset(&m, 0, sizeof m);
    m.a = a;
    m.b = b;
    m.la = la;
    m.lb = lb;
    m.nids = nids;
    m.off = calloc(nids + 2, sizeof *m.off);
    m.idx = calloc(lb + 1, sizeof *m.idx);
    m.j2len = calloc(lb + 2, sizeof *m.j2len);
    m.newj2len = calloc(lb + 2, sizeof *m.newj2len);
    m.touched = calloc(lb + 1, sizeof *m.touched);
    m.newtouched = calloc(lb + 1, sizeof *m.newtouched);
    if (!m.off || !m.idx || !m.j2len || !m.newj2len || !m.touched ||
        !m.newtouched)
        goto done;
    for (i = 0; i < lb; i++)
        m.off[b[i] + 1]++;
    for (i = 0; i < nids; i++)
        m.off[i + 1] += m.off[i];
    {
        size_t *fill = calloc(nids + 1, sizeof *fill);
        if (!fill)
            goto done;
        for (i = 0; i < lb; i++)
            m.idx[m.off[b[i]] + fill[b[i]]++] = i;
        free(fill);
    }
    for (i = 0; i < la; i++)
        out[i] = -1;
    /* queue = [(0, la, 0, lb)] */
    capq = 64;
    queue = malloc(capq * 4 * sizeof *queue);
    if (!queue)
        goto done;
    queue[0] = 0;
    queue[1] = la;
    queue[2] = 0;
    queue[3] = lb;
    nq = 1;
    while (nq) {
        size_t alo, ahi, blo, bhi, k;
        S_match x;
        nq--;
        alo = queue[4 * nq];
        ahi = queue[4 * nq + 1];
        blo = queue[4 * nq + 2];
        bhi = queue[4 * nq + 3];
        x = S_longest(&m, alo, ahi, blo, bhi);
        if (!x.k)
            continue;
        for (k = 0; k < x.k; k++)
            out[x.i + k] = (long)(x.j + k);
        if (nq + 2 > capq) {
            size_t *nqv;
            capq *= 2;
            nqv = realloc(queue, capq * 4 * sizeof *nqv);
            if (!nqv)
                goto done;
            queue = nqv;
        }
        if (alo < x.i && blo < x.j) {
            queue[4 * nq] = alo;
            queue[4 * nq + 1] = x.i;
            queue[4 * nq + 2] = blo;
            queue[4 * nq + 3] = x.j;
            nq++;
        }
        if (x.i + x.k < ahi && x.j + x.k < bhi) {
            queue[4 * nq] = x.i + x.k;
            queue[4 * nq + 1] = ahi;
            queue[4 * nq + 2] = x.j + x.k;
            queue[4 * nq + 3] = bhi;
            nq++;
        }
    }
    rc = 0;
done:
    free(queue);
    free(m.off);
    free(m.idx);
    free(m.j2len);
    free(m.newj2len);
    free(m.touched);
    free(m.newtouched);
    return rc;
}

/* ---- the score -------------------------------------------------------- */

nqx_eval_ocr *nqx_eval_ocr_new(void)
{
    nqx_eval_ocr *s = calloc(1, sizeof *s);
    if (s)
        s->recall = s->precision = 1.0;
    return s;
}

static void S_doc_free(nqx_eval_ocr_doc *d)
{
    size_t i;
    free(d->doc);
    for (i = 0; i < d->nnotes; i++)
        free(d->notes[i]);
    free(d->notes);
}

void nqx_eval_ocr_free(nqx_eval_ocr *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->ndocs; i++)
        S_doc_free(&s->docs[i]);
    free(s->docs);
    free(s);
}

static int S_note(nqx_eval_ocr_doc *d, size_t *cap, nqx_buf *line)
{
    char *s;
    if (d->nnotes == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **nv = realloc(d->notes, nc * sizeof *nv);
        if (!nv)
            return -1;
        d->notes = nv;
        *cap = nc;
    }
    s = nqx_buf_steal(line);
    if (!s)
        return -1;
    d->notes[d->nnotes++] = s;
    return 0;
}

/* read_text(errors="replace"): each invalid byte becomes U+FFFD, which is
 * no word character; Python may replace a longer run with one U+FFFD, but
 * either way the words between are the same. */
static char *S_replace_invalid(const char *s, size_t n, size_t *outlen)
{
    nqx_buf b = {0};
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) {
            if (nqx_buf_append(&b, "\xef\xbf\xbd", 3))
                goto oom;
            i++;
            continue;
        }
        if (nqx_buf_append(&b, s + i, (size_t)k))
            goto oom;
        i += (size_t)k;
    }
    *outlen = b.len;
    return nqx_buf_steal(&b);
oom:
    nqx_buf_free(&b);
    return NULL;
}

nqx_status nqx_eval_ocr_add(nqx_eval_ocr *s, const char *doc,
                            const char *raw, size_t nraw,
                            const char *clean, size_t nclean,
                            const char *pred, size_t npred, nqx_error *err)
{
    S_intern t;
    S_words r = {0}, c = {0}, p = {0};
    long *r2c = NULL, *c2p = NULL;
    nqx_eval_ocr_doc d;
    size_t i, bad, notecap = 0, tot;
    char *fixed_pred = NULL;
    nqx_buf line = {0};
    nqx_status st = NQX_OK;

    memset(&t, 0, sizeof t);
    memset(&d, 0, sizeof d);
    if ((bad = nqx_utf8_valid_prefix(raw, nraw)) < nraw)
        return nqx_fail(err, NQX_EFORMAT, doc, -1, (long)bad,
                        "raw text is not UTF-8");
    if ((bad = nqx_utf8_valid_prefix(clean, nclean)) < nclean)
        return nqx_fail(err, NQX_EFORMAT, doc, -1, (long)bad,
                        "clean text is not UTF-8");
    fixed_pred = S_replace_invalid(pred, npred, &npred);
    d.doc = nqx_strndup(doc, strlen(doc));
    if (!fixed_pred || !d.doc || S_read_words(&r, &t, raw, nraw) ||
        S_read_words(&c, &t, clean, nclean) || S_read_words(&p, &t, fixed_pred, npred))
        goto oom;
    r2c = malloc((r.n + 1) * sizeof *r2c);
    c2p = malloc((c.n + 1) * sizeof *c2p);
    if (!r2c || !c2p || S_align(r.bare, r.n, c.bare, c.n, t.n, r2c) ||
        S_align(c.bare, c.n, p.bare, p.n, t.n, c2p))
        goto oom;
    for (i = 0; i < r.n; i++) {
        long j = r2c[i], k;
        const char *got;
        if (j < 0)
            continue;
        k = c2p[j];
        got = k >= 0 ? p.w[k] : NULL;
        line.len = 0;
        if (strcmp(r.w[i], c.w[j]) != 0) {
            d.errors++;
            if (got && strcmp(got, c.w[j]) == 0) {
                d.fixed++;
                continue;
            }
            if (got && strcmp(got, r.w[i]) != 0)
                d.wrong_fix++;
            if (nqx_buf_printf(&line, "  missed  %s -> %s (got %s)", r.w[i],
                               c.w[j], got ? got : "None") ||
                S_note(&d, &notecap, &line))
                goto oom;
        } else if (got && strcmp(got, c.w[j]) != 0) {
            d.broken++;
            if (nqx_buf_printf(&line, "  broke   %s -> %s", c.w[j], got) ||
                S_note(&d, &notecap, &line))
                goto oom;
        }
    }
    {
        nqx_eval_ocr_doc *nd =
            realloc(s->docs, (s->ndocs + 1) * sizeof *nd);
        if (!nd)
            goto oom;
        s->docs = nd;
        s->docs[s->ndocs++] = d;
        memset(&d, 0, sizeof d);
    }
    s->errors += s->docs[s->ndocs - 1].errors;
    s->fixed += s->docs[s->ndocs - 1].fixed;
    s->broken += s->docs[s->ndocs - 1].broken;
    s->wrong_fix += s->docs[s->ndocs - 1].wrong_fix;
    s->recall = s->errors ? (double)s->fixed / (double)s->errors : 1.0;
    tot = s->fixed + s->broken + s->wrong_fix;
    s->precision = tot ? (double)s->fixed / (double)tot : 1.0;
    goto done;
oom:
    st = nqx_fail(err, NQX_ENOMEM, doc, -1, -1, "out of memory");
done:
    S_doc_free(&d);
    S_words_free(&r);
    S_words_free(&c);
    S_words_free(&p);
    S_intern_free(&t);
    free(r2c);
    free(c2p);
    free(fixed_pred);
    nqx_buf_free(&line);
    return st;
}

int nqx_eval_ocr_format(nqx_buf *b, const nqx_eval_ocr *s, int show)
{
    size_t i, k;
    for (i = 0; i < s->ndocs; i++) {
        const nqx_eval_ocr_doc *d = &s->docs[i];
        if (nqx_buf_printf(b, "%s: errors=%zu fixed=%zu broken=%zu "
                              "wrong_fix=%zu\n",
                           d->doc, d->errors, d->fixed, d->broken,
                           d->wrong_fix))
            return -1;
        if (!show)
            continue;
        for (k = 0; k < d->nnotes; k++) /* print("\n".join(notes)) */
            if ((k && nqx_buf_puts(b, "\n")) || nqx_buf_puts(b, d->notes[k]))
                return -1;
        if (nqx_buf_puts(b, "\n"))
            return -1;
    }
    return nqx_buf_printf(b, "recall=%.3f precision=%.3f broken=%zu\n",
                          s->recall, s->precision, s->broken);
}

int nqx_eval_ocr_json(nqx_buf *b, const nqx_eval_ocr *s)
{
    size_t i;
    char r[40], p[40];
    if (nqx_buf_puts(b, "{\n \"docs\": ["))
        return -1;
    for (i = 0; i < s->ndocs; i++) {
        const nqx_eval_ocr_doc *d = &s->docs[i];
        if (nqx_buf_puts(b, i ? ",\n  {\"doc\": " : "\n  {\"doc\": ") ||
            nqx_buf_json_str(b, d->doc, strlen(d->doc)) ||
            nqx_buf_printf(b, ", \"errors\": %zu, \"fixed\": %zu, "
                              "\"broken\": %zu, \"wrong_fix\": %zu}",
                           d->errors, d->fixed, d->broken, d->wrong_fix))
            return -1;
    }
    nqx_py_float_repr(s->recall, r);
    nqx_py_float_repr(s->precision, p);
    return nqx_buf_printf(b, "%s],\n \"errors\": %zu,\n \"fixed\": %zu,\n"
                             " \"broken\": %zu,\n \"wrong_fix\": %zu,\n"
                             " \"recall\": %s,\n \"precision\": %s\n}\n",
                          s->ndocs ? "\n " : "", s->errors, s->fixed,
                          s->broken, s->wrong_fix, r, p);
}
