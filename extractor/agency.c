/* agency.c: the names of bodies in running text.
 *
 * Text is cut into words (nqx_tok) that remember the punctuation around
 * them; word lexicons from grammars/agency.pcre are folded once and matched
 * word by word, so "Ủy ban", "Uỷ ban" and "UỶ BAN" are one entry. A list
 * of names ("Sở Tài chính, Sở Nội vụ và Công an tỉnh") is cut into parts at
 * ",", ";" and "và", then parts are joined back when they form one
 * collective body under a determiner ("Các sở, ban, ngành Thành phố").
 * Agency keys fold a name with its abbreviations expanded.
 */
#include "ext.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* words                                                                */
/* ------------------------------------------------------------------ */

static int S_is_space(const unsigned char *p, size_t n, size_t *w)
{
    if (n >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' ||
                   p[0] == '\r' || p[0] == '\f' || p[0] == '\v')) {
        *w = 1;
        return 1;
    }
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) { /* no-break space */
        *w = 2;
        return 1;
    }
    return 0;
}

/* Punctuation that may stick to a word: its length at p (0 when none). */
static size_t S_punct_len(const unsigned char *p, size_t n, int *flag)
{
    static const char *const multi[] = {
        "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
        "\xC2\xAB", "\xC2\xBB", "\xE2\x80\xA6", NULL};
    size_t i;
    *flag = 0;
    if (!n)
        return 0;
    switch (p[0]) {
    case ',': *flag = NQX_TOK_COMMA; return 1;
    case ';': *flag = NQX_TOK_SEMI; return 1;
    case ':': *flag = NQX_TOK_COLON; return 1;
    case '.': case '!': case '?': *flag = NQX_TOK_STOP; return 1;
    case '(': case '[': *flag = NQX_TOK_OPEN; return 1;
    case ')': case ']': *flag = NQX_TOK_CLOSE; return 1;
    case '"': case '\'': case '*': case '`': case '\\':
        *flag = NQX_TOK_QUOTE;
        return 1;
    case 0xC2: case 0xE2: /* the lead bytes of the marks below */
        break;
    default:
        return 0;
    }
    for (i = 0; multi[i]; i++) {
        size_t l = strlen(multi[i]);
        if (n >= l && memcmp(p, multi[i], l) == 0) {
            *flag = i == 6 ? NQX_TOK_STOP : NQX_TOK_QUOTE;
            return l;
        }
    }
    return 0;
}

/* Length of the punctuation that ends s[0..n) (one mark), 0 when none. */
static size_t S_punct_tail(const unsigned char *s, size_t n, int *flag)
{
    size_t l;
    unsigned char last;
    *flag = 0;
    if (!n)
        return 0;
    /* most words end with a letter: no mark of S_punct_len ends with the
     * last byte of one (a letter's last byte is ASCII, or 0x80..0xBF
     * other than those of “ ” ‘ ’ « » …), so one test says so */
    last = s[n - 1];
    if (((last | 0x20) >= 'a' && (last | 0x20) <= 'z') ||
        (last >= 0x80 && last != 0x9C && last != 0x9D && last != 0x98 &&
         last != 0x99 && last != 0xAB && last != 0xBB && last != 0xA6))
        return 0;
    /* the marks of two or three bytes end with a byte above 0x7F */
    for (l = 1; l <= 3 && l <= n && (l == 1 || s[n - 1] >= 0x80); l++) {
        int f;
        if (S_punct_len(s + n - l, l, &f) == l) {
            *flag = f;
            return l;
        }
    }
    return 0;
}

/* The length of a footnote's mark at the end of a word, s[0..n): "⁴",
 * "¹²", "[4" (its "]" is stripped as punctuation first); 0 when none or
 * when only the mark is there. */
static size_t S_note_mark(const unsigned char *s, size_t n)
{
    size_t m = n;
    for (;;) {
        if (m >= 2 && s[m - 2] == 0xC2 && (s[m - 1] == 0xB9 || s[m - 1] == 0xB2 ||
                                           s[m - 1] == 0xB3))
            m -= 2; /* ¹ ² ³ */
        else if (m >= 3 && s[m - 3] == 0xE2 && s[m - 2] == 0x81 &&
                 (s[m - 1] == 0xB0 || (s[m - 1] >= 0xB4 && s[m - 1] <= 0xB9)))
            m -= 3; /* ⁰ ⁴-⁹ */
        else
            break;
    }
    if (m == n) {
        while (m > 0 && s[m - 1] >= '0' && s[m - 1] <= '9' && n - m < 3)
            m--;
        if (m == n || m == 0 || s[m - 1] != '[')
            return 0;
        m--;
    }
    if (m == 0 || (s[m - 1] >= '0' && s[m - 1] <= '9'))
        return 0;
    return n - m;
}

/* The blocks of a token list's arena: a new block when the last one is
 * full, so the strings never move (no pointers to fix up). */
struct nqx_tok_block {
    struct nqx_tok_block *next;
    size_t used, cap;
    char data[];
};

/* Room for need bytes at the end of t's arena (not yet taken: the caller
 * takes what it writes with S_take); NULL on out of memory. hint sizes a
 * new block. */
static char *S_room(nqx_toks *t, size_t need, size_t hint)
{
    struct nqx_tok_block *b = t->arena;
    if (!b || b->cap - b->used < need) {
        size_t cap = hint > need ? hint : need;
        struct nqx_tok_block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        t->arena = nb;
        b = nb;
    }
    return b->data + b->used;
}

/* Take the len bytes (and the NUL after them) written at S_room. */
static const char *S_take(nqx_toks *t, size_t len)
{
    const char *w = t->arena->data + t->arena->used;
    t->arena->used += len + 1;
    return w;
}

/* Copy n bytes into the arena as a string; NULL on out of memory. */
static const char *S_keep(nqx_toks *t, const char *s, size_t n, size_t hint)
{
    char *w = S_room(t, n + 1, hint);
    if (!w)
        return NULL;
    memcpy(w, s, n);
    w[n] = '\0';
    return S_take(t, n);
}

/* s[0..n) folded (which = 0) or in lower case with its diacritics
 * (which = 1: single words are compared in this form, since folding makes
 * "có" and "cơ", "quận" and "quan" one), written into t's arena; NULL on
 * out of memory or invalid UTF-8. The tables of nqx_fold_fast serve
 * nearly every word; the others go through nqx_fold / nqx_lower. */
static const char *S_map(nqx_toks *t, const char *s, size_t n, int which,
                         size_t hint)
{
    char *w = S_room(t, 2 * n + 1, hint), *slow;
    const char *r;
    long l;
    if (!w)
        return NULL;
    l = which ? nqx_lower_fast(s, n, w) : nqx_fold_fast(s, n, w);
    if (l >= 0)
        return S_take(t, (size_t)l);
    slow = which ? nqx_lower(s, n) : nqx_fold(s, n);
    if (!slow)
        return NULL;
    r = S_keep(t, slow, strlen(slow), hint);
    free(slow);
    return r;
}

/* k->fold and k->lower of s[0..n) (as S_map 0 and 1), from one pass
 * over the word where nqx_fold_lower_fast can; NULL lower on failure. */
static void S_map2(nqx_toks *t, const char *s, size_t n, size_t hint,
                   nqx_tok *k)
{
    char *w = S_room(t, 4 * n + 2, hint);
    long fl, ll;
    if (w && (fl = nqx_fold_lower_fast(s, n, w, w + 2 * n + 1, &ll)) >= 0) {
        /* the lower form goes right after the fold's NUL */
        memmove(w + fl + 1, w + 2 * n + 1, (size_t)ll + 1);
        k->fold = S_take(t, (size_t)fl);
        k->lower = S_take(t, (size_t)ll);
        return;
    }
    k->fold = S_map(t, s, n, 0, hint);
    k->lower = k->fold ? S_map(t, s, n, 1, hint) : NULL;
}

/* first: the capacity to start with (a guess from the span's length, so
 * that a long span is not grown through every power of two) */
static int S_push(nqx_toks *t, size_t *cap, size_t first, const nqx_tok *k)
{
    if (t->n == *cap) {
        size_t nc = *cap ? *cap * 2 : first;
        nqx_tok *nv = realloc(t->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        t->v = nv;
        *cap = nc;
    }
    t->v[t->n++] = *k;
    return 0;
}

static int S_first_upper(const char *s, size_t n)
{
    utf8proc_int32_t c;
    if (n && (unsigned char)s[0] < 0x80) /* ASCII: utf8proc's answer */
        return s[0] >= 'A' && s[0] <= 'Z';
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                         &c) <= 0)
        return 0;
    return utf8proc_isupper(c) ? 1 : 0;
}

/* Where a slash in p[ws..we) lists two words ("xã/phường", "cơ quan/đơn
 * vị", "xã/Phòng"), the left one in lower case, or 0. Names since the 2025 reform say "Ủy ban nhân
 * dân xã/phường": the slash then separates as a comma does. Numbers and
 * symbols ("15/5/2023", "28-NQ/TW", "km/h") keep it inside the word. */
static size_t S_slash_list(const unsigned char *p, size_t ws, size_t we)
{
    const unsigned char *sl = memchr(p + ws, '/', we - ws);
    size_t q, k;
    utf8proc_int32_t c;
    if (!sl)
        return 0;
    q = (size_t)(sl - p);
    if (q == ws || q + 1 >= we || memchr(sl + 1, '/', we - q - 1))
        return 0;
    for (k = ws; k < we; k++)
        if (p[k] >= '0' && p[k] <= '9')
            return 0;
    /* the letters on both sides of the slash are lower-case, or the
     * right one starts another name ("Phòng Kinh tế xã/Phòng Kinh tế, Hạ
     * tầng và Đô thị phường") */
    if (utf8proc_iterate(sl + 1, (utf8proc_ssize_t)(we - q - 1), &c) <= 0 ||
        (utf8proc_category(c) != UTF8PROC_CATEGORY_LL &&
         utf8proc_category(c) != UTF8PROC_CATEGORY_LU))
        return 0;
    k = q - 1;
    while (k > ws && (p[k] & 0xC0) == 0x80)
        k--;
    if (utf8proc_iterate(p + k, (utf8proc_ssize_t)(q - k), &c) <= 0 ||
        utf8proc_category(c) != UTF8PROC_CATEGORY_LL)
        return 0;
    return q;
}

/* The words of s[i..end) appended to out, as a cut of s[start..end)
 * that has reached i reads them: look-backs stop at start, *pending
 * carries a lone "(" from one call to the next, *cap is out->v's
 * capacity. On out of memory out is freed. */
static nqx_status S_run(const char *s, size_t start, size_t i, size_t end,
                        nqx_toks *out, size_t *capp, int *pendingp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t cap = *capp;
    /* a block for the fold and lower strings: each about the word's size */
    size_t hint = 2 * (end - i) + 64;
    /* about a word per six bytes of Vietnamese prose */
    size_t first = (end - i) / 6 + 32;
    int pending = *pendingp; /* flags of a lone "(" to give the next word */
    while (i < end) {
        size_t w, ws, we, l, slash;
        int f, pre = pending, post = 0;
        nqx_tok k;
        if (S_is_space(p + i, end - i, &w)) {
            if (p[i] == '\n' && out->n)
                out->v[out->n - 1].flags |= NQX_TOK_EOL;
            i += w;
            continue;
        }
        ws = i;
        /* a byte above ' ' other than 0xC2 (no-break space) is no space */
        while (i < end && ((p[i] > ' ' && p[i] != 0xC2) ||
                           !S_is_space(p + i, end - i, &w)))
            i++;
        we = i;
        slash = S_slash_list(p, ws, we);
        if (slash) /* the word after the slash is read next */
            we = slash, i = slash + 1;
        /* strip punctuation at both ends, remembering what it was */
        while (ws < we && (l = S_punct_len(p + ws, we - ws, &f)) > 0) {
            pre |= f;
            ws += l;
        }
        while (we > ws && (l = S_punct_tail(p + ws, we - ws, &f)) > 0) {
            post |= f;
            we -= l;
        }
        /* a footnote's mark is no part of the word: "Bộ Nội vụ⁴, ...",
         * "Bộ Nội vụ[4], ..." */
        if ((l = S_note_mark(p + ws, we - ws)) > 0) {
            we -= l;
            if (p[we] == '[') /* its "]" closes the mark, not the text */
                post &= ~NQX_TOK_CLOSE;
            while (we > ws && (l = S_punct_tail(p + ws, we - ws, &f)) > 0) {
                post |= f;
                we -= l;
            }
        }
        if (slash)
            post |= NQX_TOK_COMMA;
        pending = 0;
        if (ws == we) {
            /* a lone mark: hyphens join words, others attach to neighbours */
            size_t a = i, b;
            while (a > start && S_is_space(p + a - 1, 1, &w))
                a--;
            b = a;
            while (b > start && !S_is_space(p + b - 1, 1, &w))
                b--;
            if ((a - b == 1 && p[b] == '-') ||
                (a - b == 3 && memcmp(p + b, "\xE2\x80\x93", 3) == 0)) {
                memset(&k, 0, sizeof k);
                k.start = b;
                k.end = a;
                k.fold = k.lower = S_keep(out, "-", 1, hint);
                if (!k.fold || S_push(out, &cap, first, &k)) {
                    nqx_toks_free(out);
                    return NQX_ENOMEM;
                }
                continue;
            }
            if (out->n)
                out->v[out->n - 1].flags |= (pre | post) & ~NQX_TOK_OPEN;
            if ((pre | post) & NQX_TOK_OPEN)
                pending = NQX_TOK_OPEN;
            continue;
        }
        memset(&k, 0, sizeof k);
        k.start = ws;
        k.end = we;
        k.flags = (pre & (NQX_TOK_OPEN | NQX_TOK_QUOTE)) | post;
        k.cap = S_first_upper(s + ws, we - ws);
        k.allcaps = nqx_ext_all_caps(s + ws, we - ws);
        S_map2(out, s + ws, we - ws, hint, &k);
        if (!k.lower || S_push(out, &cap, first, &k)) {
            nqx_toks_free(out);
            return NQX_ENOMEM;
        }
    }
    *capp = cap;
    *pendingp = pending;
    return NQX_OK;
}

nqx_status nqx_ext_tokens(const char *s, size_t start, size_t end,
                          nqx_toks *out)
{
    size_t cap = 0;
    int pending = 0;
    out->v = NULL;
    out->n = 0;
    out->arena = NULL;
    return S_run(s, start, start, end, out, &cap, &pending);
}

/* Whether a space starts at p[0..n) (S_is_space, for a boundary test). */
static int S_space_at(const unsigned char *p, size_t n)
{
    size_t w;
    return S_is_space(p, n, &w);
}

nqx_status nqx_ext_tokens_around(const char *s, size_t start, size_t end,
                                 nqx_toks *mid, size_t ms, size_t me,
                                 nqx_toks *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t cap = 0, x;
    int pending = 0, ok = mid->n > 0 && start <= ms && ms <= me && me <= end;
    nqx_status st;
    /* The cut of s[start..end) reaches ms at a word's start with no word
     * of mid's text begun: a space ends just before ms (or ms is start),
     * and mid's first word is the first piece of text after ms (no lone
     * mark before it, which would have marked the word before ms). */
    if (ok && ms > start)
        ok = S_space_at(p + ms - 1, 1);
    for (x = ms; ok && x < mid->v[0].start; x++)
        ok = !S_space_at(p + x, me - x);
    /* and leaves mid's text at me as a space starts there (or at end),
     * its last word the last piece of text before me: nothing pending */
    if (ok && me < end)
        ok = S_space_at(p + me, end - me);
    for (x = ok ? mid->v[mid->n - 1].end : me; ok && x < me; x++)
        ok = !S_space_at(p + x, me - x);
    out->v = NULL;
    out->n = 0;
    out->arena = NULL;
    if (!ok) {
        nqx_toks_free(mid);
        return nqx_ext_tokens(s, start, end, out);
    }
    st = S_run(s, start, start, ms, out, &cap, &pending);
    if (!st && pending) { /* a lone "(" before mid: its first word's */
        nqx_toks_free(out);
        nqx_toks_free(mid);
        return nqx_ext_tokens(s, start, end, out);
    }
    if (!st) {
        /* mid's words as they are; its arena joins out's */
        size_t nc = out->n + mid->n + (end - me) / 6 + 32;
        nqx_tok *nv = realloc(out->v, nc * sizeof *nv);
        struct nqx_tok_block *tail = mid->arena;
        if (!nv) {
            nqx_toks_free(out);
            nqx_toks_free(mid);
            return NQX_ENOMEM;
        }
        memcpy(nv + out->n, mid->v, mid->n * sizeof *nv);
        out->v = nv;
        out->n += mid->n;
        cap = nc;
        while (tail && tail->next)
            tail = tail->next;
        if (tail) {
            tail->next = out->arena;
            out->arena = mid->arena;
        }
        free(mid->v);
        memset(mid, 0, sizeof *mid);
        st = S_run(s, start, me, end, out, &cap, &pending);
    }
    nqx_toks_free(mid);
    return st;
}

void nqx_toks_free(nqx_toks *t)
{
    if (!t)
        return;
    while (t->arena) {
        struct nqx_tok_block *b = t->arena;
        t->arena = b->next;
        free(b);
    }
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

/* ------------------------------------------------------------------ */
/* word lexicons                                                        */
/* ------------------------------------------------------------------ */

/* Order of a first word (one-word entries before the others). */
static int S_key_cmp(int multi_a, const char *a, size_t al, int multi_b,
                     const char *b, size_t bl)
{
    int c;
    if (multi_a != multi_b)
        return multi_a < multi_b ? -1 : 1;
    if (al != bl)
        return al < bl ? -1 : 1;
    c = memcmp(a, b, al);
    return c < 0 ? -1 : c > 0;
}

static int S_by_first(const nqx_wlex *l, size_t x, size_t y)
{
    const nqx_wentry *a = &l->e[x], *b = &l->e[y];
    int c = S_key_cmp(a->nwords > 1, a->words[0], a->len0, b->nwords > 1,
                      b->words[0], b->len0);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

/* Insertion sort: qsort has no context argument (a static one would race
 * between the grammars of ingest -j), and lists are a few hundred long. */
static void S_sort_first(nqx_wlex *l)
{
    size_t i, j;
    for (i = 1; i < l->n; i++) {
        size_t x = l->by_first[i];
        for (j = i; j > 0 && S_by_first(l, l->by_first[j - 1], x) > 0; j--)
            l->by_first[j] = l->by_first[j - 1];
        l->by_first[j] = x;
    }
}

/* The run of l->by_first whose entries start with word w (one-word
 * entries when multi is 0): [*lo, return value). */
/* The slot of (multi, w) in l->runs: FNV-1a over the word. */
static size_t S_run_hash(int multi, const char *w, size_t wl)
{
    size_t h = 2166136261u, i;
    for (i = 0; i < wl; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h ^ (size_t)multi;
}

static int S_run_is(const nqx_wlex *l, const nqx_wrun *r, int multi,
                    const char *w, size_t wl)
{
    const nqx_wentry *e = &l->e[l->by_first[r->lo]];
    return S_key_cmp(e->nwords > 1, e->words[0], e->len0, multi, w, wl) == 0;
}

/* The run of by_first whose entries have first word w (one-word entries
 * when multi is 0, the others when 1): [*lo, returned end), empty when
 * none has. */
static size_t S_first_run(const nqx_wlex *l, int multi, const char *w,
                          size_t wl, size_t *lo)
{
    size_t h;
    *lo = 0;
    if (!l->runs)
        return 0;
    for (h = S_run_hash(multi, w, wl) & l->runs_mask; l->runs[h].hi;
         h = (h + 1) & l->runs_mask)
        if (S_run_is(l, &l->runs[h], multi, w, wl)) {
            *lo = l->runs[h].lo;
            return l->runs[h].hi;
        }
    return 0;
}

/* Hash the runs of the sorted by_first (S_first_run); -1 on no memory. */
static int S_hash_runs(nqx_wlex *l)
{
    size_t cap = 16, i = 0;
    while (cap < 2 * l->n)
        cap *= 2;
    l->runs = calloc(cap, sizeof *l->runs);
    if (!l->runs)
        return -1;
    l->runs_mask = cap - 1;
    while (i < l->n) {
        const nqx_wentry *e = &l->e[l->by_first[i]];
        int multi = e->nwords > 1;
        size_t j = i + 1, h;
        nqx_wrun r;
        while (j < l->n) {
            const nqx_wentry *f = &l->e[l->by_first[j]];
            if (S_key_cmp(f->nwords > 1, f->words[0], f->len0, multi,
                          e->words[0], e->len0) != 0)
                break;
            j++;
        }
        r.lo = i;
        r.hi = j;
        for (h = S_run_hash(multi, e->words[0], e->len0) & l->runs_mask;
             l->runs[h].hi; h = (h + 1) & l->runs_mask)
            ;
        l->runs[h] = r;
        i = j;
    }
    return 0;
}

/* The entries of l that may match at token k, in lexicon order: those
 * whose first word is k's (lower case for one-word entries, folded for
 * the others). Every other entry fails S_entry_at on its first word. */
typedef struct {
    const nqx_wlex *l;
    size_t a, ae, b, be; /* runs of one-word and several-word entries */
} S_cands;

static void S_cands_init(S_cands *c, const nqx_wlex *l, const nqx_tok *k)
{
    c->l = l;
    c->ae = S_first_run(l, 0, k->lower, strlen(k->lower), &c->a);
    c->be = S_first_run(l, 1, k->fold, strlen(k->fold), &c->b);
}

/* Next entry index, or SIZE_MAX when none is left. */
static size_t S_cands_next(S_cands *c)
{
    size_t x = c->a < c->ae ? c->l->by_first[c->a] : SIZE_MAX,
           y = c->b < c->be ? c->l->by_first[c->b] : SIZE_MAX;
    if (x < y) {
        c->a++;
        return x;
    }
    if (y != SIZE_MAX)
        c->b++;
    return y;
}

nqx_status nqx_wlex_load(const nqx_grammar *g, const char *name,
                         nqx_wlex *out)
{
    const nqx_lexicon *lx = nqx_gram_lexicon(g, name);
    size_t i, j;
    out->e = NULL;
    out->n = 0;
    out->by_first = NULL;
    out->runs = NULL;
    out->runs_mask = 0;
    if (!lx || !lx->n)
        return NQX_OK; /* a missing list matches nothing */
    out->e = calloc(lx->n, sizeof *out->e);
    if (!out->e)
        return NQX_ENOMEM;
    for (i = 0; i < lx->n; i++) {
        nqx_toks t;
        nqx_wentry *e = &out->e[out->n];
        if (nqx_ext_tokens(lx->entries[i].key, 0,
                           strlen(lx->entries[i].key), &t)) {
            nqx_wlex_free(out);
            return NQX_ENOMEM;
        }
        if (!t.n) {
            nqx_toks_free(&t);
            continue;
        }
        e->words = calloc(t.n, sizeof *e->words);
        if (!e->words) {
            nqx_toks_free(&t);
            nqx_wlex_free(out);
            return NQX_ENOMEM;
        }
        e->nwords = t.n; /* so that nqx_wlex_free frees a partial entry */
        for (j = 0; j < t.n; j++) {
            /* copies, since the strings live in t's arena; one word
             * keeps its diacritics (see S_map) */
            if (t.n == 1) {
                e->words[j] = nqx_strndup(t.v[j].lower, strlen(t.v[j].lower));
            } else {
                /* a word written with a comma after it ("tham mưu, giúp
                 * việc") keeps it: only such words match across one */
                size_t fl = strlen(t.v[j].fold);
                int comma = j + 1 < t.n && (t.v[j].flags & NQX_TOK_COMMA);
                char *w = malloc(fl + (comma ? 2 : 1));
                if (w) {
                    memcpy(w, t.v[j].fold, fl);
                    if (comma)
                        w[fl++] = ',';
                    w[fl] = 0;
                }
                e->words[j] = w;
            }
            if (!e->words[j]) {
                nqx_toks_free(&t);
                out->n++;
                nqx_wlex_free(out);
                return NQX_ENOMEM;
            }
        }
        e->len0 = strlen(e->words[0]);
        if (t.n > 1 && e->len0 && e->words[0][e->len0 - 1] == ',')
            e->len0--;
        e->cap = t.v[0].cap;
        e->value = lx->entries[i].value;
        out->n++;
        nqx_toks_free(&t);
    }
    out->by_first = malloc((out->n ? out->n : 1) * sizeof *out->by_first);
    if (!out->by_first) {
        nqx_wlex_free(out);
        return NQX_ENOMEM;
    }
    for (i = 0; i < out->n; i++)
        out->by_first[i] = i;
    S_sort_first(out);
    if (S_hash_runs(out)) {
        nqx_wlex_free(out);
        return NQX_ENOMEM;
    }
    return NQX_OK;
}

void nqx_wlex_free(nqx_wlex *l)
{
    size_t i, j;
    if (!l)
        return;
    for (i = 0; i < l->n; i++) {
        for (j = 0; j < l->e[i].nwords; j++)
            free(l->e[i].words[j]);
        free(l->e[i].words);
    }
    free(l->e);
    free(l->by_first);
    free(l->runs);
    l->e = NULL;
    l->by_first = NULL;
    l->runs = NULL;
    l->n = 0;
}

/* Does entry e match the words at t[i..lim)? A match may cross a comma
 * ("tham mưu, giúp việc") but not the end of a sentence or a colon. */
static int S_entry_at(const nqx_wentry *e, const nqx_toks *t, size_t i,
                      size_t lim)
{
    size_t j;
    if (i + e->nwords > lim)
        return 0;
    for (j = 0; j < e->nwords; j++) {
        const nqx_tok *k = &t->v[i + j];
        const char *w = e->words[j], *x = e->nwords == 1 ? k->lower : k->fold;
        size_t wl = strlen(w), xl = strlen(x);
        int wcomma = wl > 0 && w[wl - 1] == ',';
        if (xl != wl - (size_t)wcomma || memcmp(x, w, xl) != 0)
            return 0;
        if (j + 1 < e->nwords &&
            (k->flags & (NQX_TOK_STOP | NQX_TOK_COLON | NQX_TOK_CLOSE |
                         NQX_TOK_EOL)))
            return 0;
        /* "tỉnh, Ủy ban" is not "tỉnh ủy" */
        if (j + 1 < e->nwords && !wcomma &&
            (k->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)))
            return 0;
        if (j > 0 && (k->flags & NQX_TOK_OPEN))
            return 0;
    }
    return 1;
}

size_t nqx_wlex_at(const nqx_wlex *l, const nqx_toks *t, size_t i,
                   size_t lim, const nqx_wentry **hit)
{
    size_t k, best = 0;
    S_cands cs;
    if (hit)
        *hit = NULL;
    if (!l || i >= lim || !l->n)
        return 0;
    S_cands_init(&cs, l, &t->v[i]);
    while ((k = S_cands_next(&cs)) != SIZE_MAX) {
        const nqx_wentry *e = &l->e[k];
        if (e->nwords > best && S_entry_at(e, t, i, lim)) {
            best = e->nwords;
            if (hit)
                *hit = e;
        }
    }
    return best;
}

/* ------------------------------------------------------------------ */
/* names                                                                */
/* ------------------------------------------------------------------ */

#define S_HEAD_CAP 1
#define S_HEAD_GENERIC 2
#define S_HEAD_PERSON 4
#define S_HEAD_DET 8
#define S_HEAD_NEXT 16
#define S_HEAD_DETONLY 32
#define S_HEAD_NAMED 64
#define S_HEAD_NOOBJ 128
#define S_HEAD_WHOLE 256

struct nqx_agx {
    nqx_wlex heads, dets, courtesy, quals, stops, closers, places, gwords,
        trailing, subj_ends, adverbs, not_names, fields, appos, assigned, levels,
        place_states, emph, modals, objverbs, about;
};

nqx_status nqx_agx_new(const nqx_grammar *g, nqx_agx **out)
{
    nqx_agx *a = calloc(1, sizeof *a);
    *out = NULL;
    if (!a)
        return NQX_ENOMEM;
    if (nqx_wlex_load(g, "agency_heads", &a->heads) ||
        nqx_wlex_load(g, "agency_determiners", &a->dets) ||
        nqx_wlex_load(g, "agency_courtesy", &a->courtesy) ||
        nqx_wlex_load(g, "agency_qualifiers", &a->quals) ||
        nqx_wlex_load(g, "agency_stops", &a->stops) ||
        nqx_wlex_load(g, "agency_closers", &a->closers) ||
        nqx_wlex_load(g, "agency_places", &a->places) ||
        nqx_wlex_load(g, "agency_generic_words", &a->gwords) ||
        nqx_wlex_load(g, "agency_trailing", &a->trailing) ||
        nqx_wlex_load(g, "agency_subject_ends", &a->subj_ends) ||
        nqx_wlex_load(g, "agency_adverbials", &a->adverbs) ||
        nqx_wlex_load(g, "agency_not_in_names", &a->not_names) ||
        nqx_wlex_load(g, "agency_fields", &a->fields) ||
        nqx_wlex_load(g, "agency_appositions", &a->appos) ||
        nqx_wlex_load(g, "agency_assigned", &a->assigned) ||
        nqx_wlex_load(g, "agency_levels", &a->levels) ||
        nqx_wlex_load(g, "agency_place_states", &a->place_states) ||
        nqx_wlex_load(g, "agency_emphasis", &a->emph) ||
        nqx_wlex_load(g, "agency_listed_modals", &a->modals) ||
        nqx_wlex_load(g, "agency_object_verbs", &a->objverbs) ||
        nqx_wlex_load(g, "agency_about_heads", &a->about)) {
        nqx_agx_free(a);
        return NQX_ENOMEM;
    }
    *out = a;
    return NQX_OK;
}

void nqx_agx_free(nqx_agx *a)
{
    if (!a)
        return;
    nqx_wlex_free(&a->heads);
    nqx_wlex_free(&a->place_states);
    nqx_wlex_free(&a->dets);
    nqx_wlex_free(&a->courtesy);
    nqx_wlex_free(&a->quals);
    nqx_wlex_free(&a->stops);
    nqx_wlex_free(&a->closers);
    nqx_wlex_free(&a->places);
    nqx_wlex_free(&a->gwords);
    nqx_wlex_free(&a->trailing);
    nqx_wlex_free(&a->subj_ends);
    nqx_wlex_free(&a->adverbs);
    nqx_wlex_free(&a->not_names);
    nqx_wlex_free(&a->fields);
    nqx_wlex_free(&a->appos);
    nqx_wlex_free(&a->assigned);
    nqx_wlex_free(&a->levels);
    nqx_wlex_free(&a->emph);
    nqx_wlex_free(&a->modals);
    nqx_wlex_free(&a->objverbs);
    nqx_wlex_free(&a->about);
    free(a);
}

static int S_head_flags(const nqx_wentry *e)
{
    int f = 0;
    if (!e->value)
        return 0;
    if (strstr(e->value, "cap"))
        f |= S_HEAD_CAP;
    if (strstr(e->value, "generic"))
        f |= S_HEAD_GENERIC;
    if (strstr(e->value, "person"))
        f |= S_HEAD_PERSON;
    if (strstr(e->value, "detonly"))
        f |= S_HEAD_DETONLY;
    else if (strstr(e->value, "det"))
        f |= S_HEAD_DET;
    if (strstr(e->value, "next"))
        f |= S_HEAD_NEXT;
    if (strstr(e->value, "named"))
        f |= S_HEAD_NAMED;
    if (strstr(e->value, "noobj"))
        f |= S_HEAD_NOOBJ;
    if (strstr(e->value, "whole"))
        f |= S_HEAD_WHOLE;
    return f;
}

/* The head at t[i]: its length in words and flags, 0 when none. A head
 * that needs a capital takes one unless a determiner precedes it. Among
 * equally long entries a capitalised word picks the "cap" one (Sở Nội vụ,
 * a proper name) and a lower-case word the generic one (các sở). */
static size_t S_subject_end(const nqx_agx *a, const nqx_toks *t, size_t j,
                            size_t lim);

static int S_is_stop(const nqx_agx *a, const nqx_toks *t, size_t i,
                     size_t lim);

/* Whether the place word t[i..i+n) is a body by its proper name (flag
 * named): capitalised words follow it; first in a list, it is a name only
 * when a verb, "và" or a comma comes after them ("Tỉnh Quảng Ninh khẩn
 * trương ...", "Thành phố Hà Nội và ..."), not in a heading ("Tỉnh Bạc
 * Liêu") or a description ("Tỉnh Lâm Đồng giáp các tỉnh ...", "Tỉnh X
 * có ...", "Thành phố X đã ...": agency_place_states). */
static int S_named_place(const nqx_agx *a, const nqx_toks *t, size_t i,
                         size_t n, size_t lim, int first)
{
    const unsigned ends = NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                          NQX_TOK_COLON | NQX_TOK_EOL | NQX_TOK_CLOSE;
    size_t r = i + n;
    if (r >= lim || !t->v[r].cap || (t->v[r - 1].flags & ends))
        return 0;
    if (!first)
        return 1;
    while (r < lim && t->v[r].cap && !(t->v[r - 1].flags & ends))
        r++;
    if (t->v[r - 1].flags & (ends & ~NQX_TOK_COMMA))
        return 0;
    return r < lim && ((t->v[r - 1].flags & NQX_TOK_COMMA) ||
                       strcmp(t->v[r].lower, "và") == 0 ||
                       (S_is_stop(a, t, r, lim) &&
                        !nqx_wlex_at(&a->place_states, t, r, lim, NULL)));
}

static size_t S_assigned_end(const nqx_agx *a, const nqx_toks *t, size_t j,
                             size_t lim);

static size_t S_head_at(const nqx_agx *a, const nqx_toks *t, size_t i,
                        size_t lim, int det, int first, int *flags);

/* "Đơn vị được giao tổ chức đấu giá ... có trách nhiệm": a bare common
 * noun (det, at i) that opens a sentence is a body when the work it was
 * given and a subject's predicate follow it (at nx); not the last noun
 * of a list without its determiner ("sở, ban, ngành được giao ..."). */
static int S_assigned_subject(const nqx_agx *a, const nqx_toks *t, size_t i,
                              size_t nx, size_t lim)
{
    int f;
    size_t ql = nx < lim ? nqx_wlex_at(&a->assigned, t, nx, lim, NULL) : 0;
    if (!ql || (i > 0 && (t->v[i - 1].flags & NQX_TOK_COMMA) &&
                S_head_at(a, t, i - 1, i, 1, 0, &f) == 1))
        return 0;
    return S_assigned_end(a, t, nx + ql, lim) > 0;
}

static size_t S_head_at(const nqx_agx *a, const nqx_toks *t, size_t i,
                        size_t lim, int det, int first, int *flags)
{
    size_t k, best = 0;
    int bf = 0, bas = 0, asg, cap;
    S_cands cs;
    if (i >= lim)
        return 0;
    cap = t->v[i].cap;
    S_cands_init(&cs, &a->heads, &t->v[i]);
    while ((k = S_cands_next(&cs)) != SIZE_MAX) {
        const nqx_wentry *e = &a->heads.e[k];
        int f;
        if (e->nwords < best || !S_entry_at(e, t, i, lim))
            continue;
        f = S_head_flags(e); /* only for entries that match: it scans text */
        if ((f & S_HEAD_CAP) && !cap)
            continue;
        asg = (f & S_HEAD_DET) && !det && first;
        if (asg && !S_assigned_subject(a, t, i, i + e->nwords, lim))
            continue;
        /* "Thành phố Hà Nội và các tỉnh ...", "..., tỉnh Lâm Đồng": a
         * place (flag named) with its proper name is a body, capitalised
         * first in a list, or after a comma or "và" inside one */
        if ((f & S_HEAD_DETONLY) && !det &&
            !((f & S_HEAD_NAMED) && (cap || !first) &&
              S_named_place(a, t, i, e->nwords, lim, first)))
            continue;
        if ((f & S_HEAD_NEXT) && !det) {
            /* "Ban Tổ chức" is a body, "Ban hành" a verb */
            size_t nx = i + e->nwords;
            const nqx_tok *last = &t->v[nx - 1];
            if (nx < lim && !t->v[nx].cap &&
                !(last->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                 NQX_TOK_COLON | NQX_TOK_EOL | NQX_TOK_CLOSE)) &&
                strcmp(t->v[nx].lower, "và") != 0 &&
                !nqx_wlex_at(&a->places, t, nx, lim, NULL) &&
                /* "Cơ quan đăng ký đầu tư có trách nhiệm": the predicate
                 * only a subject takes says it is a name */
                !S_subject_end(a, t, nx, lim))
                continue;
        }
        if (e->nwords == best) {
            /* tie: prefer the entry whose capitalisation fits the text,
             * but a common noun given work ("Cơ quan được giao ... có
             * trách nhiệm") over the proper head of the same words */
            int fits = cap ? (f & S_HEAD_CAP) != 0 : (f & S_HEAD_CAP) == 0;
            if (bas || (!fits && !asg))
                continue;
        }
        best = e->nwords;
        bf = f;
        bas = asg;
    }
    *flags = bf;
    return best;
}

static int S_starts(const nqx_agx *a, const nqx_toks *t, size_t i,
                    size_t lim, int first)
{
    int f, det = 0;
    size_t dl = nqx_wlex_at(&a->dets, t, i, lim, NULL);
    if (dl) {
        det = 1;
        i += dl;
    }
    return S_head_at(a, t, i, lim, det, first, &f) > 0;
}

int nqx_agx_starts(const nqx_agx *a, const nqx_toks *t, size_t i, size_t lim)
{
    return S_starts(a, t, i, lim, 1);
}

int nqx_agx_apposition(const nqx_agx *a, const nqx_toks *t, size_t i,
                       size_t lim)
{
    return i + 1 < lim &&
           (strcmp(t->v[i].fold, "-") == 0 || strcmp(t->v[i].fold, "–") == 0) &&
           nqx_wlex_at(&a->appos, t, i + 1, lim, NULL) > 0;
}

size_t nqx_agx_courtesy(const nqx_agx *a, const nqx_toks *t, size_t i,
                        size_t lim)
{
    return nqx_wlex_at(&a->courtesy, t, i, lim, NULL);
}

static int S_is_stop(const nqx_agx *a, const nqx_toks *t, size_t i,
                     size_t lim)
{
    return !t->v[i].cap && nqx_wlex_at(&a->stops, t, i, lim, NULL) > 0;
}

/* At a list position a head longer than any stop word there wins
 * ("tổ chức chính trị - xã hội"); else the verb does ("tổ chức hội nghị"). */
static int S_head_beats_stop(const nqx_agx *a, const nqx_toks *t, size_t i,
                             size_t lim)
{
    int f, det = 0;
    size_t dl = nqx_wlex_at(&a->dets, t, i, lim, NULL), hl, sl;
    if (dl)
        return 1;
    hl = S_head_at(a, t, i, lim, det, 0, &f);
    sl = t->v[i].cap ? 0 : nqx_wlex_at(&a->stops, t, i, lim, NULL);
    return hl > sl;
}

int nqx_agx_is_stop(const nqx_agx *a, const nqx_toks *t, size_t i, size_t lim)
{
    return i < lim && S_is_stop(a, t, i, lim);
}

typedef struct {
    size_t ts, te;  /* tokens [ts, te) */
    int det;        /* starts with a determiner */
    int proper;     /* a named body: capitalised head, no determiner */
    int generic;    /* a common-noun head */
    int person;     /* an office holder (Bộ trưởng, Chủ tịch ...) */
    int bare;       /* the head alone, nothing after it */
    int closed;     /* ends with a place (thành phố, tỉnh, Trung ương) */
    int sep;        /* separator before it: ',' ';' or '&' for "và" */
    int enumd;      /* holds a list of places or bodies after a colon */
} S_part;

#define S_MAXPARTS 48

/* Are t[ts, te) all lower-case words (punctuation aside)? */
static int S_lower_run(const nqx_toks *t, size_t ts, size_t te)
{
    size_t k;
    for (k = ts; k < te; k++)
        if (t->v[k].cap)
            return 0;
    return te > ts;
}

/* Does t[ts, te) end with an entry of lx? */
static int S_ends_with(const nqx_wlex *lx, const nqx_toks *t, size_t ts, size_t te)
{
    size_t k;
    for (k = 0; k < lx->n; k++) {
        size_t nw = lx->e[k].nwords;
        if (te >= ts + nw && S_entry_at(&lx->e[k], t, te - nw, te))
            return 1;
    }
    return 0;
}

/* Does t[ts, te) end with a level ("... cấp tỉnh")? */
static int S_ends_level(const nqx_agx *a, const nqx_toks *t, size_t ts, size_t te)
{
    return S_ends_with(&a->levels, t, ts, te);
}

static int S_closed(const nqx_agx *a, const nqx_toks *t, size_t ts,
                    size_t te)
{
    return S_ends_with(&a->closers, t, ts, te);
}

/* Small words inside a proper name after its capitals: "Trung tâm
 * Chuyển đổi số tỉnh", "Viện Nghiên cứu phát triển Thành phố". The name
 * goes on through at most two of them when a capital or a place word
 * comes next and none is a verb or carries punctuation. Returns how many
 * small words to take, 0 when the name ends at j. */
static size_t S_name_gap(const nqx_agx *a, const nqx_toks *t, size_t j,
                         size_t lim)
{
    size_t m;
    for (m = j; m < lim && m < j + 3; m++) {
        if (m > j && (t->v[m].cap || nqx_wlex_at(&a->places, t, m, lim, NULL)))
            return m - j;
        if (t->v[m].cap || S_is_stop(a, t, m, lim) ||
            nqx_wlex_at(&a->dets, t, m, lim, NULL) ||
            (t->v[m].flags & (NQX_TOK_OPEN | NQX_TOK_QUOTE)) ||
            (t->v[m].flags & ~NQX_TOK_EOL) != 0 || m + 1 >= lim ||
            strcmp(t->v[m].fold, "-") == 0)
            return 0;
    }
    return 0;
}

/* The end of an enumeration of proper names after a colon ("Y tế, Tư
 * pháp, Nông nghiệp và Môi trường"): each piece opens with a capital
 * that starts no body of its own; it ends at ";", a full stop, a verb or
 * a lower-case piece. */
static size_t S_enum_end(const nqx_agx *a, const nqx_toks *t, size_t j,
                         size_t lim)
{
    size_t m = j;
    while (m < lim) {
        const nqx_tok *tk = &t->v[m];
        if (m > j && (t->v[m - 1].flags & (NQX_TOK_SEMI | NQX_TOK_STOP |
                                           NQX_TOK_COLON | NQX_TOK_CLOSE |
                                           NQX_TOK_EOL)))
            break;
        if (m == j || (t->v[m - 1].flags & NQX_TOK_COMMA) ||
            strcmp(t->v[m - 1].lower, "và") == 0) {
            size_t fl, hl;
            int hf;
            if (!tk->cap)
                break;
            /* "Các Bộ: Quốc phòng, Công an, Xây dựng": a head word alone
             * up to the next comma, semicolon or "và" is one more field
             * ("Công an"), a head with words of its own a new body */
            if (m > j && S_starts(a, t, m, lim, 0) &&
                !((hl = S_head_at(a, t, m, lim, 0, 0, &hf)) > 0 && m + hl < lim &&
                  ((t->v[m + hl - 1].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) ||
                   strcmp(t->v[m + hl].lower, "và") == 0)))
                break;
            /* "Các Bộ: Giáo dục và Đào tạo, Y tế, ...": a department's
             * field is one member, its verb-like words ("tạo") too */
            fl = nqx_wlex_at(&a->fields, t, m, lim, NULL);
            if (fl > 1) {
                m += fl;
                continue;
            }
        } else if (strcmp(tk->lower, "và") == 0) {
            if (m + 1 >= lim || !t->v[m + 1].cap || S_starts(a, t, m + 1, lim, 0))
                break;
        } else if (!tk->cap && S_is_stop(a, t, m, lim))
            break;
        m++;
    }
    /* a piece cut after its comma leaves the comma to the list */
    return m;
}

/* "Các doanh nghiệp, tổ chức, cá nhân": in a collective after a
 * determiner, a noun that is also a verb (tổ chức) is one more member
 * when a comma, "và" or the end follows it. */
static int S_listed_noun(const nqx_agx *a, const S_part *pt, const nqx_toks *t,
                         size_t j, size_t lim)
{
    int f;
    size_t hl;
    /* a collective under a determiner, or one after "và" or a comma in
     * a list ("..., Ủy ban nhân dân các xã và cơ quan, tổ chức có liên
     * quan") */
    if (!pt->generic || !(pt->det || pt->sep))
        return 0;
    hl = S_head_at(a, t, j, lim, 1, 0, &f);
    if (!hl || !(f & S_HEAD_GENERIC))
        return 0;
    return j + hl >= lim ||
           (t->v[j + hl - 1].flags & (NQX_TOK_COMMA | NQX_TOK_EOL)) ||
           strcmp(t->v[j + hl].lower, "và") == 0 ||
           /* "Các cơ quan, đơn vị, tổ chức có trách nhiệm / phải ...": a
            * predicate only a subject takes, or a modal, after the word */
           (!(t->v[j + hl - 1].flags & (NQX_TOK_STOP | NQX_TOK_SEMI | NQX_TOK_COLON)) &&
            (nqx_wlex_at(&a->subj_ends, t, j + hl, lim, NULL) > 0 ||
             nqx_wlex_at(&a->modals, t, j + hl, lim, NULL) > 0)) ||
           (!(t->v[j + hl - 1].flags & (NQX_TOK_STOP | NQX_TOK_SEMI | NQX_TOK_COLON)) &&
            nqx_wlex_at(&a->quals, t, j + hl, lim, NULL) > 0);
}

/* "Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm": a
 * common-noun body whose qualifier uses words no list of name words can
 * hold ends where a predicate that only a subject takes (agency_subject_ends)
 * follows within the clause. The index of that predicate, or 0. Sixteen
 * words: a body named by its power and the act that gave it ("Các cơ
 * quan, đơn vị, cá nhân có thẩm quyền quyết định được phân cấp tại Quyết
 * định này có trách nhiệm") runs to eleven; the clause's punctuation,
 * determiners and verbs end the reach before it runs wild. */
#define S_SUBJ_REACH 16
static size_t S_subject_end(const nqx_agx *a, const nqx_toks *t, size_t j,
                            size_t lim)
{
    size_t k, al;
    int rel = 0; /* a verb right after the head: a relative clause */
    for (k = j; k < lim && k < j + S_SUBJ_REACH; k++) {
        /* "... quản lý quy hoạch theo chức năng, nhiệm vụ được giao có
         * trách nhiệm": the name runs through an adverbial that stands
         * between it and the predicate (it says which bodies: spec,
         * qualifiers included) and ends before the predicate */
        if (k > j && (al = nqx_wlex_at(&a->adverbs, t, k, lim, NULL)) &&
            k + al < lim && nqx_wlex_at(&a->subj_ends, t, k + al, lim, NULL)) {
            /* ... in the same clause: "... để phối hợp xử lý theo thẩm
             * quyền; chịu trách nhiệm trước ..." is the next clause's */
            if (t->v[k + al - 1].flags & (NQX_TOK_STOP | NQX_TOK_COLON | NQX_TOK_CLOSE |
                                          NQX_TOK_EOL | NQX_TOK_SEMI))
                return 0;
            return k + al;
        }
        if (k > j && (t->v[k - 1].flags & (NQX_TOK_STOP | NQX_TOK_COLON |
                                            NQX_TOK_CLOSE | NQX_TOK_EOL |
                                            NQX_TOK_COMMA | NQX_TOK_SEMI)))
            return 0;
        /* "Các sở hướng dẫn các địa phương có trách nhiệm": a
         * determiner opens another noun phrase, the object of a verb */
        if ((t->v[k].flags & NQX_TOK_OPEN) ||
            nqx_wlex_at(&a->dets, t, k, lim, NULL) ||
            nqx_wlex_at(&a->not_names, t, k, lim, NULL))
            return 0;
        if (nqx_wlex_at(&a->subj_ends, t, k, lim, NULL))
            return k > j ? k : 0;
        /* "Các cơ quan xử lý phải có trách nhiệm": a verb of its own
         * before the predicate ends the name there */
        if (rel)
            continue;
        if (S_is_stop(a, t, k, lim)) {
            const unsigned ends = NQX_TOK_STOP | NQX_TOK_COLON | NQX_TOK_CLOSE |
                                  NQX_TOK_EOL | NQX_TOK_COMMA | NQX_TOK_SEMI;
            if (t->v[k].flags & ends)
                return 0;
            /* "Cơ quan, đơn vị tổ chức lập quy hoạch khu vực TOD có trách
             * nhiệm", "Các cơ quan, đơn vị thực hiện dự án có trách
             * nhiệm": the work that names the body, with its object, up
             * to the predicate; a bare verb before it is none ("Cơ quan
             * thực hiện chịu trách nhiệm") */
            if (k == j) {
                size_t sl = nqx_wlex_at(&a->stops, t, k, lim, NULL);
                if (k + sl < lim && nqx_wlex_at(&a->subj_ends, t, k + sl, lim, NULL))
                    return 0;
                rel = 1;
                continue;
            }
            if (k + 1 < lim && nqx_wlex_at(&a->subj_ends, t, k + 1, lim, NULL))
                return k;
            return k + 2 < lim && !(t->v[k + 1].flags & ends) &&
                           nqx_wlex_at(&a->subj_ends, t, k + 2, lim, NULL)
                       ? k : 0;
        }
    }
    return 0;
}

/* "phối hợp với các tổ chức chi trả dịch vụ thực hiện ...": after "với",
 * a common-noun body named by what it does (words no name list holds)
 * runs to the work done with it (agency_object_verbs) when that comes
 * within four words (syllables) of the clause, with no capital, determiner or
 * punctuation before it. Its index, or 0. */
#define S_OBJ_REACH 4
static size_t S_object_end(const nqx_agx *a, const nqx_toks *t, size_t j,
                           size_t lim)
{
    size_t k;
    for (k = j; k < lim && k <= j + S_OBJ_REACH; k++) {
        if (k > j && nqx_wlex_at(&a->objverbs, t, k, lim, NULL))
            return k;
        if (t->v[k].cap || (t->v[k].flags & ~NQX_TOK_EOL) != 0 ||
            (t->v[k].flags & NQX_TOK_EOL) ||
            nqx_wlex_at(&a->dets, t, k, lim, NULL) || S_is_stop(a, t, k, lim))
            return 0;
    }
    return 0;
}

/* "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch
 * này có trách nhiệm": after an assignment participle (agency_assigned,
 * at j), the work the body was given belongs to its name, up to a
 * predicate only a subject takes, in the same sentence. A comma is crossed
 * only inside a list that a determiner opened in that work ("các nội
 * dung, nhiệm vụ"), never before a capital or another body ("..., Sở Y tế
 * có trách nhiệm"). The index of the predicate, or 0. */
#define S_ASSIGNED_REACH 30
static size_t S_assigned_end(const nqx_agx *a, const nqx_toks *t, size_t j,
                             size_t lim)
{
    size_t k;
    int det = 0;
    for (k = j; k < lim && k < j + S_ASSIGNED_REACH; k++) {
        if (k > j && (t->v[k - 1].flags & (NQX_TOK_STOP | NQX_TOK_COLON | NQX_TOK_CLOSE |
                                            NQX_TOK_EOL | NQX_TOK_SEMI)))
            return 0;
        if (k > j && (t->v[k - 1].flags & NQX_TOK_COMMA) &&
            (!det || t->v[k].cap || S_starts(a, t, k, lim, 0)))
            return 0;
        if ((t->v[k].flags & NQX_TOK_OPEN) || nqx_wlex_at(&a->not_names, t, k, lim, NULL))
            return 0;
        if (nqx_wlex_at(&a->subj_ends, t, k, lim, NULL))
            return k > j ? k : 0;
        if (nqx_wlex_at(&a->dets, t, k, lim, NULL))
            det = 1;
    }
    return 0;
}

/* "cơ quan quản lý nhà nước về đất đai tiếp tục ...": after a name
 * that ends with an agency_about_heads entry, "về" at j and the field
 * managed are in the name. The field's first word may be a verb's
 * ("về xây dựng"); it runs to the verb (a stop word), punctuation, a
 * determiner or a capitalised word, at most S_ABOUT_REACH words. The end
 * of the field, or 0. */
#define S_ABOUT_REACH 6
static size_t S_about_end(const nqx_agx *a, const nqx_toks *t, size_t head,
                          size_t j, size_t lim)
{
    const unsigned ends = NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                          NQX_TOK_COLON | NQX_TOK_EOL | NQX_TOK_CLOSE;
    size_t k;
    if (j + 1 >= lim || strcmp(t->v[j].lower, "về") != 0 ||
        (t->v[j].flags & ends) || !S_ends_with(&a->about, t, head, j) ||
        strcmp(t->v[j + 1].lower, "việc") == 0 /* "về việc ...": a matter */)
        return 0;
    for (k = j + 1; k < lim && k <= j + S_ABOUT_REACH; k++) {
        const nqx_tok *w = &t->v[k];
        if ((w->cap && !w->allcaps) || (w->flags & (NQX_TOK_OPEN | NQX_TOK_QUOTE)) ||
            nqx_wlex_at(&a->dets, t, k, lim, NULL) ||
            (k > j + 1 && S_is_stop(a, t, k, lim)))
            return k > j + 1 ? k : 0;
        if (w->flags & ends)
            return k + 1;
    }
    return k == lim ? k : 0;
}

/* "Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng", "Ủy ban nhân dân các tỉnh,
 * thành phố: Tuyên Quang, Đồng Nai": a place word named by a proper name
 * and more proper names after commas are one body, the places of that
 * kind; j is the word after a comma, head/hl the part's head. */
static int S_place_list(const nqx_agx *a, const nqx_toks *t, size_t head,
                        size_t hl, size_t j)
{
    size_t k;
    if (j < 2 || !t->v[j - 1].cap || !t->v[j].cap)
        return 0;
    /* a place word somewhere in the name, right before a capital */
    (void)hl;
    for (k = head; k + 1 < j; k++)
        if (!t->v[k].cap && t->v[k + 1].cap &&
            nqx_wlex_at(&a->places, t, k, k + 1, NULL) == 1)
            return 1;
    return 0;
}

/* "Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai": whether
 * t[from..to) ends with a determiner and the kinds of place it lists
 * (place words, joined by commas or "và"), before the colon that names
 * which places they are. */
static int S_place_kinds(const nqx_agx *a, const nqx_toks *t, size_t from,
                         size_t to)
{
    size_t k = to, pl;
    int n = 0;
    while (k > from) {
        /* the place word (one or two words) that ends at k */
        if (k >= from + 2 && nqx_wlex_at(&a->places, t, k - 2, k, NULL) == 2)
            pl = 2;
        else if (nqx_wlex_at(&a->places, t, k - 1, k, NULL) == 1)
            pl = 1;
        else
            return 0;
        k -= pl;
        n++;
        if (k > from && nqx_wlex_at(&a->dets, t, k - 1, k, NULL) == 1)
            return 1;
        if (k == from)
            return 0;
        /* joined by a comma after the word before, or by "và" */
        if (strcmp(t->v[k - 1].lower, "và") == 0)
            k--;
        else if (!(t->v[k - 1].flags & NQX_TOK_COMMA))
            return 0;
        if (n > 4)
            return 0;
    }
    return 0;
}

size_t nqx_agx_list(const nqx_agx *a, const nqx_toks *t, size_t i,
                    size_t lim, int sentence_start, nqx_span *names,
                    size_t max, size_t *nnames)
{
    S_part parts[S_MAXPARTS];
    size_t np = 0, k = i, p, g0;
    int sep = 0, obj = (sentence_start & NQX_AGX_OBJECT) != 0;

    sentence_start &= 1;
    if (lim > t->n)
        lim = t->n;
    while (np < S_MAXPARTS && k < lim) {
        S_part *pt = &parts[np];
        size_t j = k, hl, dl, head, el = 0;
        int hf, det = 0, next = 0, inside, named, listed, vdet = 0;
        dl = nqx_wlex_at(&a->dets, t, j, lim, NULL);
        if (dl) {
            det = 1;
            j += dl;
        }
        hl = S_head_at(a, t, j, lim, det, np == 0, &hf);
        /* the object of a preposition: a bare common noun reads as if
         * a determiner stood before it ("với cơ quan, tổ chức có liên
         * quan" as "với các cơ quan, tổ chức có liên quan") */
        if (!hl && obj && np == 0 && !det) {
            size_t ol = S_head_at(a, t, j, lim, 0, 0, &hf);
            if (ol && (hf & S_HEAD_DET) && !(hf & S_HEAD_NOOBJ)) {
                hl = ol;
                det = vdet = 1;
            }
        }
        if (!hl)
            break;
        head = j;
        j += hl;
        memset(pt, 0, sizeof *pt);
        pt->ts = k;
        pt->det = det;
        pt->sep = sep;
        pt->generic = (hf & (S_HEAD_GENERIC | S_HEAD_PERSON)) != 0;
        pt->person = (hf & S_HEAD_PERSON) != 0;
        /* a capitalised title is still a common noun: "Thủ trưởng" */
        pt->proper = !pt->person && !det && t->v[head].cap &&
                     !(pt->generic && head == i && sentence_start);
        /* "..., tỉnh Lâm Đồng": a place with its proper name is one body,
         * never a word of the collective before it */
        if ((hf & S_HEAD_NAMED) && !det)
            pt->proper = 1;
        pt->bare = 1;
        inside = 0;
        /* "Quốc hội", "Chính phủ": the head is the whole proper name;
         * after it only what follows a name does ("trình Quốc hội thông
         * qua" - the verb) */
        named = (hf & S_HEAD_WHOLE) && t->v[head].cap;
        /* "Sở Giao thông vận tải", "Sở Tài nguyên và môi trường": the
         * field of a department, often typed with its later words in
         * lower case, is one name whatever its case */
        if (j < lim && t->v[j].cap && !(t->v[j - 1].flags & NQX_TOK_COLON)) {
            size_t fl = nqx_wlex_at(&a->fields, t, j, lim, NULL);
            if (fl > 1) {
                j += fl;
                named = 1;
                pt->bare = 0;
            }
        }
        /* qualifiers up to a separator or the verb */
        while (j < lim) {
            const nqx_tok *pv = &t->v[j - 1];
            size_t ql;
            /* "Giám đốc các Sở: Y tế, Tư pháp; ...": a plural title
             * whose colon lists which bodies; the list is in the name */
            if ((pv->flags & NQX_TOK_COLON) && t->v[j].cap &&
                !(pv->flags & (NQX_TOK_STOP | NQX_TOK_CLOSE | NQX_TOK_EOL)) &&
                j >= pt->ts + 2 && j - 1 >= head &&
                ((nqx_wlex_at(&a->dets, t, j - 2, j - 1, NULL) == 1 &&
                  /* "Các sở: Nông nghiệp và Môi trường, Xây dựng" */
                  (pv->cap || nqx_wlex_at(&a->fields, t, j, lim, NULL) > 1)) ||
                 /* places by name, every word capitalised, not the
                  * work ("UBND các xã, phường: Phối hợp với ..."); the
                  * place word may be the head ("các tỉnh: Đắk Lắk, ...") */
                 (!pv->cap && ((t->v[j].flags & NQX_TOK_COMMA) ||
                               (j + 1 < lim && t->v[j + 1].cap)) &&
                  S_place_kinds(a, t, head + hl < j ? head + hl : pt->ts, j)))) {
                size_t m = S_enum_end(a, t, j, lim);
                if (m > j) {
                    j = m;
                    pt->bare = 0;
                    pt->enumd = 1;
                    named = 1;
                    /* "... các tỉnh: Khánh Hòa, Gia Lai và lãnh đạo các
                     * Bộ": after the list, "và" starts another body or
                     * ends the name */
                    if (j < lim && strcmp(t->v[j].lower, "và") == 0 &&
                        !(t->v[j - 1].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI))) {
                        if (j + 1 < lim && S_starts(a, t, j + 1, lim, 0))
                            next = '&';
                        break;
                    }
                    continue;
                }
            }
            if (pv->flags & (NQX_TOK_STOP | NQX_TOK_COLON | NQX_TOK_CLOSE |
                             NQX_TOK_EOL))
                break;
            if (t->v[j].flags & NQX_TOK_OPEN) {
                /* "Công ty X (Chủ đầu tư), Sở Y, ...": a short role in
                 * brackets, then a comma and the next body: the list
                 * goes on after it */
                size_t m;
                for (m = j; m < lim && m < j + 8; m++)
                    if (t->v[m].flags & (NQX_TOK_CLOSE | NQX_TOK_STOP |
                                         NQX_TOK_SEMI | NQX_TOK_COLON | NQX_TOK_EOL))
                        break;
                if (m + 1 < lim && m < j + 8 &&
                    (t->v[m].flags & (NQX_TOK_CLOSE | NQX_TOK_COMMA | NQX_TOK_STOP |
                                      NQX_TOK_SEMI | NQX_TOK_COLON | NQX_TOK_EOL)) ==
                        (NQX_TOK_CLOSE | NQX_TOK_COMMA) &&
                    /* a role or a name, not a condition ("(nơi không có
                     * chi uỷ), đảng uỷ bộ phận chịu trách nhiệm") */
                    (t->v[j].cap || S_starts(a, t, j, m + 1, 0)) &&
                    S_starts(a, t, m + 1, lim, 0)) {
                    next = 'b';
                    el = m + 1 - j;
                }
                break;
            }
            /* "Bộ trưởng Bộ Giao thông vận tải", "Đảng ủy Bộ Giáo dục và
             * đào tạo": a department's field after the capitalised head
             * of the body inside the name, whatever its case, as after
             * the part's own head */
            if (t->v[j].cap && j > head + hl && t->v[j - 1].cap &&
                !(pv->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI))) {
                size_t fl = nqx_wlex_at(&a->fields, t, j, lim, NULL);
                if (fl > 1) {
                    j += fl;
                    named = 1;
                    pt->bare = 0;
                    continue;
                }
            }
            /* "Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm
             * Đồng": a range of places by name after a place word */
            if (strcmp(t->v[j].lower, "từ") == 0 && j + 3 < lim && t->v[j + 1].cap &&
                !(pv->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                               NQX_TOK_COLON | NQX_TOK_EOL)) &&
                (nqx_wlex_at(&a->places, t, j - 1, j, NULL) == 1 ||
                 (j >= 2 && nqx_wlex_at(&a->places, t, j - 2, j, NULL) == 2))) {
                const unsigned ends = NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                      NQX_TOK_COLON | NQX_TOK_EOL | NQX_TOK_OPEN;
                size_t m = j + 1;
                while (m < lim && m < j + 6 && t->v[m].cap && !(t->v[m].flags & ends))
                    m++;
                if (m + 1 < lim && m > j + 1 && strcmp(t->v[m].lower, "đến") == 0 &&
                    t->v[m + 1].cap) {
                    size_t q = m + 1;
                    while (q < lim && q < m + 6 && t->v[q].cap) {
                        q++;
                        if (t->v[q - 1].flags & ends)
                            break;
                    }
                    j = q;
                    pt->bare = 0;
                    continue;
                }
            }
            /* "Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia": the head
             * of the body inside the name whose later words, in lower
             * case, would end it ("chỉ đạo" is a verb) is whole there as
             * at the name's start */
            if (!t->v[j].cap && j - 1 > head && t->v[j - 1].cap && S_is_stop(a, t, j, lim) &&
                !(t->v[j - 2].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) &&
                !(pv->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI))) {
                int ihf;
                size_t ihl = S_head_at(a, t, j - 1, lim, 0, 0, &ihf);
                if (ihl > 1) {
                    /* the words after it qualify that body */
                    head = j - 1;
                    hl = ihl;
                    hf = ihf;
                    named = (ihf & S_HEAD_WHOLE) != 0;
                    pt->generic = (ihf & (S_HEAD_GENERIC | S_HEAD_PERSON)) != 0;
                    j += ihl - 1;
                    pt->bare = 0;
                    continue;
                }
            }
            /* "tỉnh Lâm Đồng": a place's proper name ends at its first
             * word in lower case */
            if ((hf & S_HEAD_NAMED) && !det && j > head + hl && !t->v[j].cap &&
                !(pv->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) &&
                strcmp(t->v[j].lower, "và") != 0 && strcmp(t->v[j].lower, "hoặc") != 0)
                break;
            if ((pv->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) && !inside) {
                /* "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã": one
                 * more level of the same body */
                size_t lvl = (pv->flags & NQX_TOK_COMMA) && j > head + hl
                                 ? nqx_wlex_at(&a->levels, t, j, lim, NULL) : 0;
                if (lvl && S_ends_level(a, t, head + hl, j)) {
                    j += lvl;
                    pt->bare = 0;
                    continue;
                }
                /* "Người đứng đầu cơ quan, tổ chức, đơn vị", "Thủ trưởng
                 * cơ quan, đơn vị": the bodies an office holder heads,
                 * common nouns in lower case, are in the title */
                if ((pv->flags & NQX_TOK_COMMA) && pt->person && !t->v[j].cap &&
                    !nqx_wlex_at(&a->dets, t, j, lim, NULL) && S_lower_run(t, head + hl, j)) {
                    int hf4;
                    size_t h4 = S_head_at(a, t, j, lim, 1, 0, &hf4);
                    if (h4 && (hf4 & S_HEAD_GENERIC) && !(hf4 & S_HEAD_PERSON)) {
                        j += h4;
                        continue;
                    }
                }
                /* "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ": under a
                 * determiner, the bodies whose committees are meant,
                 * listed with the same head word, are one body as
                 * written (the second is no ministry of its own) */
                if ((pv->flags & NQX_TOK_COMMA) && pt->det && head + hl + 1 < j &&
                    t->v[head + hl].cap && t->v[j].cap && j + 1 < lim &&
                    t->v[j + 1].cap &&
                    strcmp(t->v[j].lower, t->v[head + hl].lower) == 0 &&
                    strcmp(t->v[j].lower, t->v[head].lower) != 0) {
                    j++;
                    pt->bare = 0;
                    continue;
                }
                if (S_starts(a, t, j, lim, 0) && S_head_beats_stop(a, t, j, lim)) {
                    next = (pv->flags & NQX_TOK_SEMI) ? ';' : ',';
                    break;
                }
                /* "Các cấp ủy, nhất là người đứng đầu phải ...": the
                 * member singled out is a body of its own, never a word
                 * of the collective before it */
                if ((pv->flags & NQX_TOK_COMMA) &&
                    (el = nqx_wlex_at(&a->emph, t, j, lim, NULL)) > 0 &&
                    !(t->v[j + el - 1].flags & (NQX_TOK_STOP | NQX_TOK_COMMA |
                                                 NQX_TOK_SEMI | NQX_TOK_COLON |
                                                 NQX_TOK_EOL)) &&
                    S_starts(a, t, j + el, lim, 0)) {
                    next = 'e';
                    break;
                }
                /* a comma inside a name: "Ban Thường vụ quận, huyện, thị
                 * ủy", "Sở Văn hóa, Thể thao và Du lịch" */
                if ((pv->flags & NQX_TOK_SEMI) ||
                    (t->v[j].cap && !pt->proper && !S_place_list(a, t, head, hl, j)) ||
                    (S_is_stop(a, t, j, lim) && !S_listed_noun(a, pt, t, j, lim)) ||
                    nqx_wlex_at(&a->courtesy, t, j, lim, NULL))
                    break;
                inside = 1; /* read the word after the comma as a qualifier */
                pt->bare = 0;
                continue;
            }
            /* "Chủ tịch UBND xã/phường Quyết định hỗ trợ ...": after the
             * place word that ends a name, a verb typed with a capital
             * (its later words in lower case; a place's own name
             * capitalises every word) is the predicate, not the name */
            if (t->v[j].cap && j > head + hl && j + 1 < lim && !t->v[j - 1].cap &&
                !t->v[j + 1].cap && !(pv->flags & NQX_TOK_EOL) &&
                nqx_wlex_at(&a->stops, t, j, lim, NULL) >= 2 &&
                (nqx_wlex_at(&a->places, t, j - 1, j, NULL) == 1 ||
                 (j >= 2 && nqx_wlex_at(&a->places, t, j - 2, j, NULL) == 2) ||
                 S_closed(a, t, pt->ts, j)))
                break;
            /* two cells run together: "UBND xã, phường, đặc khu Sở Tài
             * chính" - a place word, then the capital head of a body;
             * "Sở Khoa học và Công nghệ Sở Công Thương" - the head of
             * the name again (no name repeats its head) */
            if (t->v[j].cap && j > head + hl &&
                ((!t->v[j - 1].cap &&
                  (S_closed(a, t, pt->ts, j) ||
                   nqx_wlex_at(&a->places, t, j - 1, j, NULL) == 1 ||
                   (j >= 2 && nqx_wlex_at(&a->places, t, j - 2, j, NULL) == 2))) ||
                 (hl == 1 && !pt->person && t->v[head + 1].cap &&
                  !(pv->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) &&
                  strcmp(t->v[j].lower, t->v[head].lower) == 0)) &&
                S_starts(a, t, j, lim, 0)) {
                int hf3;
                if (S_head_at(a, t, j, lim, 0, 0, &hf3) && (hf3 & S_HEAD_CAP)) {
                    next = ' ';
                    break;
                }
            }
            listed = inside && S_listed_noun(a, pt, t, j, lim);
            inside = 0;
            if (pt->generic && (ql = nqx_wlex_at(&a->assigned, t, j, lim, NULL)) > 0) {
                size_t se = S_assigned_end(a, t, j + ql, lim);
                /* "phối hợp với ..., đơn vị được lựa chọn quan trắc môi
                 * trường triển khai ...": as an object, up to the work */
                if (!se && obj && !pt->person)
                    se = S_object_end(a, t, j + ql, lim);
                if (se) {
                    j = se;
                    pt->bare = 0;
                    continue;
                }
            }
            {
                const nqx_wentry *qe = NULL;
                ql = nqx_wlex_at(&a->quals, t, j, lim, &qe);
                /* right after a common noun ("các cơ quan có thẩm quyền"),
                 * not after a place ("UBND cấp xã có thẩm quyền cấp giấy
                 * phép": what the body may do) */
                if (ql && qe && qe->value && strcmp(qe->value, "generic") == 0 &&
                    (!pt->generic || t->v[j - 1].cap ||
                     nqx_wlex_at(&a->places, t, j - 1, j, NULL) == 1))
                    ql = 0;
            }
            if (ql) {
                j += ql;
                pt->bare = 0;
                continue;
            }
            /* "Công an xã, phường hoặc UBND các xã, phường": either body
             * does the work, each one in the list; only a named one (a
             * capital): "Hội đồng hoặc cơ quan chủ trì thẩm định" is one */
            if (strcmp(t->v[j].lower, "hoặc") == 0 && j + 1 < lim &&
                t->v[j + 1].cap && S_starts(a, t, j + 1, lim, 0)) {
                next = '&';
                break;
            }
            if (strcmp(t->v[j].lower, "và") == 0) {
                size_t gl;
                if (j + 1 < lim && S_starts(a, t, j + 1, lim, 0)) {
                    next = '&';
                    break;
                }
                /* "cơ quan, tổ chức và cá nhân có liên quan": a word of
                 * a collective's list after "và" */
                if (pt->generic && !pt->person && j + 1 < lim && !t->v[j + 1].cap &&
                    !(t->v[j].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                       NQX_TOK_COLON | NQX_TOK_EOL)) &&
                    (gl = nqx_wlex_at(&a->gwords, t, j + 1, lim, NULL)) > 0 &&
                    !S_is_stop(a, t, j + 1, lim)) {
                    j += 1 + gl;
                    pt->bare = 0;
                    continue;
                }
                /* "Sở Tài nguyên và Môi trường": one proper name */
                if ((pt->proper || named) && j + 1 < lim && t->v[j + 1].cap &&
                    !(t->v[j].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                       NQX_TOK_COLON | NQX_TOK_EOL))) {
                    j++;
                    pt->bare = 0;
                    continue;
                }
                break;
            }
            if (pt->generic && !pt->person &&
                (ql = S_about_end(a, t, head, j, lim)) > 0) {
                j = ql;
                pt->bare = 0;
                continue;
            }
            if (S_is_stop(a, t, j, lim) && !listed) {
                /* "Các cơ quan, đơn vị thực hiện dự án có trách nhiệm",
                 * "Cơ quan tiếp nhận hồ sơ có trách nhiệm": a collective,
                 * or a head that wants a name after it, named by its
                 * work, up to the predicate */
                size_t se = !pt->person && (pt->generic ||
                                            ((hf & S_HEAD_NEXT) && j == head + hl))
                                ? S_subject_end(a, t, j, lim) : 0;
                if (!se)
                    break;
                j = se;
                pt->bare = 0;
                continue;
            }
            /* "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo": the role
             * after a dash is not the name ("Sở Lao động - Thương binh và
             * Xã hội" goes on) */
            if (nqx_agx_apposition(a, t, j, lim))
                break;
            /* "UBND tỉnh giao Sở X ...": the body that hands out the work
             * ends before the word that hands it, when a named body or
             * "các ..." follows ("Bộ Ngoại giao và ...", "Sở giao dịch",
             * "Cảnh sát giao thông" go on) */
            if (!t->v[j].cap && !(pv->flags & NQX_TOK_EOL)) {
                size_t cl = nqx_wlex_at(&a->courtesy, t, j, lim, NULL);
                if (cl && j + cl < lim &&
                    (t->v[j + cl].cap || nqx_wlex_at(&a->dets, t, j + cl, lim, NULL)) &&
                    S_starts(a, t, j + cl, lim, 0))
                    break;
            }
            /* a place word after a capital: "Chủ tịch UBND thành phố" */
            if (!t->v[j].cap && t->v[j - 1].cap) {
                size_t pl = nqx_wlex_at(&a->places, t, j, lim, NULL);
                if (pl > 1) {
                    j += pl;
                    pt->bare = 0;
                    continue;
                }
            }
            /* a common-noun body keeps only the words such names use */
            if (pt->generic && !t->v[j].cap && strcmp(t->v[j].fold, "-") != 0 &&
                !t->v[j - 1].cap /* "Thành phố", "Huyện ủy" */) {
                size_t gl = nqx_wlex_at(&a->gwords, t, j, lim, NULL);
                size_t dl2 = nqx_wlex_at(&a->dets, t, j, lim, NULL), hl2;
                size_t pl2 = nqx_wlex_at(&a->places, t, j, lim, NULL);
                int hf2;
                if (pl2 > gl)
                    gl = pl2; /* "Chủ tịch UBND thành phố" */
                hl2 = S_head_at(a, t, j, lim, 1, 0, &hf2);
                if (hl2 > gl)
                    gl = hl2;
                if (dl2) {
                    /* "các cấp ủy": the determiner and the noun after it */
                    size_t g2 = nqx_wlex_at(&a->gwords, t, j + dl2, lim, NULL);
                    size_t h2 = S_head_at(a, t, j + dl2, lim, 1, 0, &hf2);
                    size_t best = dl2 + (g2 > h2 ? g2 : h2);
                    if (best > gl)
                        gl = best;
                }
                if (!gl) {
                    size_t se = S_subject_end(a, t, j, lim);
                    if (!se && obj && !pt->person)
                        se = S_object_end(a, t, j, lim);
                    if (!se)
                        break;
                    gl = se - j;
                }
                j += gl;
                pt->bare = 0;
                continue;
            }
            /* after the capitalised name of a body ("Bộ Tài chính") only
             * place words follow ("... tỉnh", "... Thành phố"): a small
             * word there is the verb ("Bộ Tài chính đưa ...") */
            if (!pt->generic && !t->v[j].cap && named &&
                strcmp(t->v[j].fold, "-") != 0 && strcmp(t->v[j - 1].fold, "-") != 0) {
                /* (a syllable right after a capital is the same word:
                 * "Thường vụ", "Tài chính") */
                size_t gl = nqx_wlex_at(&a->gwords, t, j, lim, NULL);
                size_t pl = nqx_wlex_at(&a->places, t, j, lim, NULL);
                size_t dl3 = nqx_wlex_at(&a->dets, t, j, lim, NULL);
                if (pl > gl)
                    gl = pl;
                if (dl3 > gl)
                    gl = dl3;
                if (!gl && t->v[j - 1].cap)
                    gl = 1;
                if (!gl)
                    gl = S_name_gap(a, t, j, lim);
                if (!gl)
                    break;
                j += gl;
                continue;
            }
            /* "Công an tỉnh dựng ...", "Ban Chỉ huy quân sự xã dựng ...":
             * after the administrative level that ends a name
             * (agency_closers, "xã", agency_levels; not "nhân dân" or
             * "nhà nước": "Tòa án nhân dân tối cao"), a small word no
             * name uses is the verb */
            if (!pt->generic && !named && !t->v[j].cap && j > head + hl &&
                strcmp(t->v[j].fold, "-") != 0 &&
                !(pv->flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) &&
                (S_closed(a, t, pt->ts, j) || strcmp(t->v[j - 1].lower, "xã") == 0 ||
                 (j >= 2 && nqx_wlex_at(&a->levels, t, j - 2, j, NULL) == 2)) &&
                !nqx_wlex_at(&a->gwords, t, j, lim, NULL) &&
                !nqx_wlex_at(&a->places, t, j, lim, NULL) &&
                !nqx_wlex_at(&a->dets, t, j, lim, NULL) &&
                /* "Công an tỉnh nơi người nước ngoài thường trú": where */
                strcmp(t->v[j].lower, "nơi") != 0)
                break;
            if (t->v[j].cap && j > head + hl - 1)
                named = 1;
            j++;
            pt->bare = 0;
        }
        /* "các sở, ngành trong": a function word does not end a name */
        while (j > head + hl && !t->v[j - 1].cap &&
               !(t->v[j - 1].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) &&
               nqx_wlex_at(&a->trailing, t, j - 1, j, NULL) == 1)
            j--;
        /* a capitalised head names a body only with its name after it
         * ("Sở Tài chính", "Công an tỉnh", "MTTQ"), not "Sở, ban, ngành" */
        if (pt->proper && hl < 2 &&
            !t->v[head].allcaps &&
            !(head + 1 < j && (t->v[head + 1].cap ||
                               nqx_wlex_at(&a->places, t, head + 1, j, NULL)))) {
            pt->proper = 0;
            /* ... and in a list of such nouns is the common noun: "các
             * Sở, Ban, ngành liên quan" is one collective ("Báo và Đài
             * ..." is not) */
            if (t->v[head].flags & NQX_TOK_COMMA)
                pt->generic = 1;
        }
        /* "Cơ quan, đơn vị được phân công": a head that wants a name
         * after it (flag next) and has none is the common noun,
         * capitalised only as the sentence's first word */
        if (pt->proper && (hf & S_HEAD_NEXT) && j == head + hl &&
            !t->v[head].allcaps)
            pt->proper = 0;
        /* ... when it says which ("với cơ quan có liên quan"): "với cơ
         * quan chủ trì" names no body of its own */
        if (vdet && pt->bare)
            break;
        /* "với lực lượng Kiểm lâm, lực lượng Quân đội": the object's
         * common noun with its proper name right after it is one body,
         * first or after another named one (not in a collective: "các
         * bộ, ngành, cơ quan Trung ương") */
        if ((vdet || (obj && !pt->det && np > 0 && parts[np - 1].proper)) &&
            pt->generic && !pt->person && !t->v[head].cap &&
            head + hl < j && t->v[head + hl].cap &&
            !(t->v[head + hl - 1].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI)) &&
            !nqx_wlex_at(&a->places, t, head + hl, j, NULL))
            pt->proper = 1;
        pt->te = j;
        pt->closed = S_closed(a, t, pt->ts, pt->te);
        np++;
        if (!next)
            break;
        sep = next;
        k = next == '&' ? j + 1 : (next == 'e' || next == 'b') ? j + el : j;
    }
    if (!np)
        return i;

    /* join parts into bodies */
    g0 = 0;
    for (p = 0; p <= np; p++) {
        int merge = 0;
        if (p > 0 && p < np) {
            const S_part *A = &parts[p - 1], *B = &parts[p], *G = &parts[g0];
            int gbare = (g0 == p - 1) && G->bare && G->generic && !G->det;
            /* office holders written each with a capital are each one:
             * "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch ..." */
            if (B->sep == ';' || B->sep == 'e' || B->sep == 'b' || B->det || A->enumd ||
                (B->person && G->person && t->v[B->ts].cap))
                merge = 0;
            /* "các Đoàn đại biểu Quốc hội và đại biểu Quốc hội": an
             * office holder after "và" is no member of a collective of
             * named bodies (capitals after the determiner); "Các cấp ủy
             * và lãnh đạo cơ quan, đơn vị" stays one */
            else if (B->person && !G->person && G->det && B->sep != 0 &&
                     !S_lower_run(t, G->ts + 1, G->te))
                merge = 0;
            else if (B->proper || !B->generic)
                merge = gbare;
            else if (G->proper)
                merge = 0;
            else if (G->det && A->closed)
                merge = 0;
            else
                merge = 1;
        }

        if (p == 0 || merge)
            continue;
        /* emit parts [g0, p) as one body */
        if (*nnames < max) {
            names[*nnames].start = t->v[parts[g0].ts].start;
            names[*nnames].end = t->v[parts[p - 1].te - 1].end;
            (*nnames)++;
        }
        g0 = p;
    }
    return parts[np - 1].te;
}

/* ------------------------------------------------------------------ */
/* keys                                                                 */
/* ------------------------------------------------------------------ */

int nqx_ext_all_caps(const char *s, size_t n)
{
    size_t i = 0;
    int any = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l;
        if ((unsigned char)s[i] < 0x80) { /* ASCII: utf8proc's answer */
            if (s[i] >= 'a' && s[i] <= 'z')
                return 0;
            any |= s[i] >= 'A' && s[i] <= 'Z';
            i++;
            continue;
        }
        l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                             (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0)
            return 0;
        if (utf8proc_islower(c))
            return 0;
        if (utf8proc_isupper(c))
            any = 1;
        i += (size_t)l;
    }
    return any;
}

char *nqx_ext_agency_key(const nqx_grammar *g, const char *name)
{
    const nqx_lexicon *ab = g ? nqx_gram_lexicon(g, "abbreviations") : NULL;
    nqx_toks t;
    nqx_buf b = {0};
    size_t i, k, o;
    char *out;
    if (!name || nqx_ext_tokens(name, 0, strlen(name), &t))
        return NULL;
    for (i = 0; i < t.n; i++) {
        const char *word = t.v[i].fold;
        char *exp = NULL;
        if (ab && nqx_ext_all_caps(name + t.v[i].start, t.v[i].end - t.v[i].start)) {
            for (k = 0; k < ab->n && !exp; k++) {
                char *kf = nqx_fold(ab->entries[k].key,
                                    strlen(ab->entries[k].key));
                if (kf && ab->entries[k].value && strcmp(kf, word) == 0)
                    exp = nqx_fold(ab->entries[k].value,
                                   strlen(ab->entries[k].value));
                free(kf);
            }
        }
        if ((b.len && nqx_buf_append(&b, " ", 1)) ||
            nqx_buf_puts(&b, exp ? exp : word)) {
            free(exp);
            nqx_buf_free(&b);
            nqx_toks_free(&t);
            return NULL;
        }
        free(exp);
    }
    nqx_toks_free(&t);
    if (!b.data)
        return nqx_strndup("", 0);
    /* "chính trị - xã hội" and "chính trị-xã hội" are one key */
    for (i = o = 0; i < b.len; i++) {
        if (b.data[i] == ' ' &&
            ((i + 1 < b.len && b.data[i + 1] == '-') || (o && b.data[o - 1] == '-')))
            continue;
        b.data[o++] = b.data[i];
    }
    b.data[o] = '\0';
    b.len = o;
    out = nqx_buf_steal(&b);
    return out;
}
