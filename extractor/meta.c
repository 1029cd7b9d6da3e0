/* meta.c: document splitting and metadata.
 *
 * A file may hold several documents (a plan followed by the resolution it
 * implements). A new document starts at a kind word alone on its line
 * (`NGHỊ QUYẾT`, `KẾ HOẠCH`) once the previous document has reached its
 * signature or Nơi nhận; its header block (party or state lines, `Số ...`,
 * the place-and-date line) is walked back from the kind word.
 *
 * Each document's fields are read from its header (number, date, place,
 * issuer), the lines under the kind word (title), the opening paragraph
 * ("Ban Thường vụ Thành ủy ban hành Nghị quyết"), the signature and the
 * Nơi nhận block. Patterns and word lists: grammars/meta.pcre and
 * grammars/outline.pcre. A field the text lacks stays NULL.
 */
#include "ext.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
    L_BLANK = 1,    /* empty or markup only */
    L_KIND = 2,     /* a kind word alone */
    L_SIGN = 4,     /* T/M ..., KT. ..., or a capacity alone */
    L_NAME = 8,     /* a signer's name */
    L_RECIP = 16,   /* Nơi nhận */
    L_CAPS = 32,    /* no lower-case letter */
    L_NUMBER = 64,  /* Số ... */
    L_DATE = 128,   /* place, ngày ... tháng ... năm ... */
    L_BULLET = 256, /* - item */
    L_RULE = 512    /* ----- */
};

/* Flags that only the lines around a kind word, a signature or the
 * recipients are asked for: S_add_line leaves them to S_flags, which
 * works them out at the first ask. Every line of every document ran
 * their five patterns, most of it body text that nothing asks about (a
 * third of the metadata's time). */
#define L_LATER (L_BULLET | L_CAPS | L_NAME | L_NUMBER | L_DATE)

typedef struct {
    size_t s, e;   /* the line without surrounding spaces */
    size_t cs, ce; /* its text without leading/trailing markup */
    unsigned flags;
    unsigned todo; /* L_LATER still to work out (S_flags) */
    int kind;      /* index into meta_kinds when L_KIND */
    int title;     /* index into ol_signer_titles, or -1 */
} S_line;

typedef struct {
    const nqx_grammar *g;
    const char *text;
    size_t len;
    nqx_error *err;
    S_line *lines;
    size_t nlines;
    const nqx_pattern *p_prefix, *p_sign, *p_name, *p_recip, *p_bullet,
        *p_caps, *p_number, *p_date, *p_phrase, *p_of, *p_place, *p_cite,
        *p_rule, *p_kindline, *p_recipsep, *p_titlename, *p_placename;
    const nqx_lexicon *kinds, *titles, *not_issuer, *cases;
    size_t linekey_max; /* longest key of kinds and titles (bytes) */
} S_ctx;

static nqx_status S_load(S_ctx *c)
{
    static const char *const names[] = {
        "ol_prefix", "ol_sign", "ol_name", "ol_recipients", "ol_bullet",
        "ol_caps", "meta_number", "meta_date", "meta_issuer_phrase",
        "meta_of_org", "meta_place", "meta_cite", "ol_row_rule",
        "meta_kind_line", "meta_recipient_sep", "ol_title_name",
        "meta_place_name"};
    const nqx_pattern **slots[] = {
        &c->p_prefix, &c->p_sign, &c->p_name, &c->p_recip, &c->p_bullet,
        &c->p_caps, &c->p_number, &c->p_date, &c->p_phrase, &c->p_of,
        &c->p_place, &c->p_cite, &c->p_rule, &c->p_kindline, &c->p_recipsep,
        &c->p_titlename, &c->p_placename};
    static const char *const lnames[] = {"meta_kinds", "ol_signer_titles",
                                         "meta_not_issuer", "meta_case"};
    const nqx_lexicon **lslots[] = {&c->kinds, &c->titles, &c->not_issuer,
                                    &c->cases};
    size_t i;
    for (i = 0; i < sizeof slots / sizeof *slots; i++) {
        *slots[i] = nqx_gram_pattern(c->g, names[i]);
        if (!*slots[i])
            return nqx_fail(c->err, NQX_EGRAMMAR, NULL, -1, -1,
                            "grammar pattern %s is missing", names[i]);
    }
    for (i = 0; i < sizeof lslots / sizeof *lslots; i++) {
        *lslots[i] = nqx_gram_lexicon(c->g, lnames[i]);
        if (!*lslots[i])
            return nqx_fail(c->err, NQX_EGRAMMAR, NULL, -1, -1,
                            "grammar lexicon %s is missing", lnames[i]);
    }
    for (i = 0; i < c->kinds->n; i++)
        if (strlen(c->kinds->entries[i].key) > c->linekey_max)
            c->linekey_max = strlen(c->kinds->entries[i].key);
    for (i = 0; i < c->titles->n; i++)
        if (strlen(c->titles->entries[i].key) > c->linekey_max)
            c->linekey_max = strlen(c->titles->entries[i].key);
    return NQX_OK;
}

/* ov holds 10 pairs; groups the match leaves unset read as SIZE_MAX. */
static int S_match(const nqx_pattern *p, const char *s, size_t n, size_t *ov)
{
    return nqx_gram_matched(p, s, n, 0, ov, 10);
}

static int S_group(const nqx_pattern *p, const size_t *ov, const char *name,
                   size_t *gs, size_t *ge)
{
    return nqx_gram_span(p, ov, 10, name, gs, ge);
}

/* Index of folded text f among the keys of lx, or -1. */
static int S_lex_find_folded(const nqx_lexicon *lx, const char *f)
{
    size_t i;
    if (!lx || !f)
        return -1;
    /* every line is looked up: the first byte spares most strcmp calls */
    for (i = 0; i < lx->n; i++)
        if (f[0] == lx->entries[i].key[0] && strcmp(f, lx->entries[i].key) == 0)
            return (int)i;
    return -1;
}

/* The folded s[0..n) that S_lex_find compares, or NULL (none can match). */
static char *S_lex_fold(const char *s, size_t n)
{
    if (!n || n > 200)
        return NULL;
    return nqx_fold(s, n);
}

/* Index of the folded s[0..n) among the keys of lx, or -1. */
static int S_lex_find(const nqx_lexicon *lx, const char *s, size_t n)
{
    char *f;
    int hit;
    if (!lx)
        return -1;
    f = S_lex_fold(s, n);
    hit = S_lex_find_folded(lx, f);
    free(f);
    return hit;
}

static int S_is_markup(unsigned char ch)
{
    return ch == '*' || ch == ' ' || ch == '\t' || ch == '\\' || ch == '#' ||
           ch == '_';
}

/* "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ... về ...": a kind word that the
 * normalizer joined with its "CỦA ..." line and title. Sets L->kind. */
static int S_kind_line(const S_ctx *c, S_line *L)
{
    size_t ov[20], gs, ge;
    const char *s = c->text + L->cs;
    size_t n = L->ce - L->cs;
    if (!S_match(c->p_kindline, s, n, ov) ||
        !S_group(c->p_kindline, ov, "kind", &gs, &ge))
        return 0;
    L->kind = S_lex_find(c->kinds, s + gs, ge - gs);
    return L->kind >= 0;
}

/* Classify one line or table cell [ls, le) and append it. */
static nqx_status S_add_line(S_ctx *c, size_t ls, size_t le, size_t *cap)
{
    size_t ov[20], k, n, a;
    char *f;
    const char *s;
    S_line *L;
    if (c->nlines == *cap) {
        S_line *nlns;
        *cap = *cap ? *cap * 2 : 256;
        nlns = realloc(c->lines, *cap * sizeof *nlns);
        if (!nlns)
            return nqx_fail(c->err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
        c->lines = nlns;
    }
    L = &c->lines[c->nlines++];
    memset(L, 0, sizeof *L);
    L->title = -1;
    while (ls < le && (c->text[ls] == ' ' || c->text[ls] == '\t'))
        ls++;
    while (le > ls && (c->text[le - 1] == ' ' || c->text[le - 1] == '\t' ||
                       c->text[le - 1] == '\r'))
        le--;
    L->s = L->cs = ls;
    L->e = L->ce = le;
    if (S_match(c->p_prefix, c->text + ls, le - ls, ov))
        L->cs = ls + ov[1];
    while (L->ce > L->cs && S_is_markup((unsigned char)c->text[L->ce - 1]))
        L->ce--;
    s = c->text + L->cs;
    n = L->ce - L->cs;
    for (k = 0; k < n; k++)
        if ((unsigned char)s[k] >= 0x80 || (s[k] >= '0' && s[k] <= '9') ||
            ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
            break;
    if (k >= n) {
        L->flags |= L_BLANK;
        if (n && S_match(c->p_rule, s, n, ov))
            L->flags |= L_RULE;
        return NQX_OK;
    }
    L->todo = 1; /* (L_LATER: S_flags) */
    if (S_match(c->p_recip, s, n, ov))
        L->flags |= L_RECIP;
    if (n > 1000)
        return NQX_OK; /* a body paragraph: no header, title or signature */
    /* the line folded once for both word lists; not at all when it holds
     * more characters that fold to a byte or more than the longest key
     * has bytes: ASCII bytes other than spaces (nqx_fold keeps each as
     * one) and the letters of Latin-1 to Latin Extended-B (lead bytes
     * C3-C6) and of Latin Extended Additional (E1 BA, E1 BB: Vietnamese),
     * which fold to a letter or more, never to nothing or a space; then
     * no key can equal it. Counting the letters too ends the count
     * sooner and spares some folds (extract --no-ocr of 200 textcorpus
     * files: S_add_line 56.8M -> 51.7M instructions, lines folded 7,256
     * -> 6,443). The count stops at a NUL, where the folded string
     * ends. */
    for (k = 0, a = 0; k < n && s[k] && a <= c->linekey_max; k++) {
        unsigned char b = (unsigned char)s[k];
        a += (b < 0x80 && b != ' ' && b != '\t' && b != '\n' && b != '\r' &&
              b != '\f' && b != '\v') ||
             (b >= 0xC3 && b <= 0xC6) ||
             (b == 0xE1 && k + 1 < n &&
              ((unsigned char)s[k + 1] == 0xBA ||
               (unsigned char)s[k + 1] == 0xBB));
    }
    f = a > c->linekey_max ? NULL : S_lex_fold(s, n);
    if ((L->kind = S_lex_find_folded(c->kinds, f)) >= 0 || S_kind_line(c, L))
        L->flags |= L_KIND;
    L->title = S_lex_find_folded(c->titles, f);
    free(f);
    if (L->title < 0 && S_match(c->p_titlename, s, n, ov)) {
        /* "CHỦ TỊCH Phùng Thị Hồng Hà" */
        size_t gs, ge;
        if (S_group(c->p_titlename, ov, "text", &gs, &ge) &&
            (L->title = S_lex_find(c->titles, s + gs, ge - gs)) >= 0)
            L->flags |= L_NAME;
    }
    if (L->title >= 0 || S_match(c->p_sign, s, n, ov))
        L->flags |= L_SIGN;
    return NQX_OK;
}

/* The flags of line i, L_LATER worked out on the first ask as S_add_line
 * did before. Lines are the context's own: a const context still fills
 * them in. */
static unsigned S_flags(const S_ctx *c, size_t i)
{
    S_line *L = &c->lines[i];
    if (L->todo) {
        const char *s = c->text + L->cs;
        size_t n = L->ce - L->cs, ov[20];
        L->todo = 0;
        if (S_match(c->p_bullet, s, n, ov))
            L->flags |= L_BULLET;
        if (n > 1000)
            return L->flags;
        if (S_match(c->p_caps, s, n, ov))
            L->flags |= L_CAPS;
        if (S_match(c->p_name, s, n, ov))
            L->flags |= L_NAME;
        if (S_match(c->p_number, s, n, ov))
            L->flags |= L_NUMBER;
        if (S_match(c->p_date, s, n, ov))
            L->flags |= L_DATE;
    }
    return L->flags;
}

/* Classify every line of the text; a table row's cells count as lines of
 * their own (a header row holds the issuer and the motto, the last row of
 * a crawled plan the recipients and the signature). */
static nqx_status S_lines(S_ctx *c)
{
    size_t pos = 0, cap = 0;
    nqx_status st = NQX_OK;
    while (pos < c->len && !st) {
        const char *nl = memchr(c->text + pos, '\n', c->len - pos);
        size_t le = nl ? (size_t)(nl - c->text) : c->len, ls = pos;
        const char *bar = le - ls <= 20000 ? memchr(c->text + ls, '|', le - ls) : NULL;
        pos = nl ? le + 1 : c->len;
        if (!bar) {
            st = S_add_line(c, ls, le, &cap);
            continue;
        }
        while (!st) {
            size_t ce = bar ? (size_t)(bar - c->text) : le;
            size_t k;
            for (k = ls; k < ce; k++)
                if (c->text[k] != ' ' && c->text[k] != '\t')
                    break;
            if (k < ce)
                st = S_add_line(c, ls, ce, &cap);
            if (!bar)
                break;
            ls = ce + 1;
            bar = memchr(c->text + ls, '|', le - ls);
        }
    }
    return st;
}

/* A line that may belong to a header block above a kind word. */
static int S_headerish(const S_ctx *c, size_t i)
{
    unsigned f = S_flags(c, i);
    if (f & (L_SIGN | L_RECIP))
        return 0;
    return (f & (L_BLANK | L_CAPS | L_NUMBER | L_DATE)) != 0;
}

/* Split into documents: fills starts[] with the first line of each;
 * returns the count. kinds[i] is the kind line of document i or -1. */
static size_t S_split(const S_ctx *c, size_t *starts, long *kinds, size_t max)
{
    size_t nd = 1, i;
    int ended = 0;
    starts[0] = 0;
    kinds[0] = -1;
    for (i = 0; i < c->nlines; i++) {
        const S_line *L = &c->lines[i];
        if (L->flags & L_KIND) {
            if (kinds[nd - 1] < 0) {
                kinds[nd - 1] = (long)i;
            } else if (ended && nd < max) {
                size_t j = i, steps = 0;
                while (j > (size_t)kinds[nd - 1] + 1 && steps < 20 &&
                       S_headerish(c, j - 1)) {
                    j--;
                    steps++;
                }
                while (j < i && (c->lines[j].flags & L_BLANK))
                    j++;
                starts[nd] = j;
                kinds[nd] = (long)i;
                nd++;
                ended = 0;
            }
        }
        if ((L->flags & (L_SIGN | L_RECIP)) && kinds[nd - 1] >= 0 &&
            i > (size_t)kinds[nd - 1])
            ended = 1;
    }
    return nd;
}

/* Append s[0..n) to b in proper case: known words from meta_case, Roman
 * numbers as written, other words in Title case. */
/* Are a[0..an) and the NUL-terminated v the same letters, marks and all,
 * but for case? (A folded key hides the marks: "QUẢN" folds as "quận"
 * does, and is no "quận".) */
static int S_same_but_case(const char *a, size_t an, const char *v)
{
    size_t i = 0, j = 0, vn = strlen(v);
    while (i < an && j < vn) {
        utf8proc_int32_t x, y;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)a + i,
                                              (utf8proc_ssize_t)(an - i), &x);
        utf8proc_ssize_t q = utf8proc_iterate((const utf8proc_uint8_t *)v + j,
                                              (utf8proc_ssize_t)(vn - j), &y);
        if (r <= 0 || q <= 0)
            return 0;
        if (x == '\t')
            x = ' ';
        if (utf8proc_tolower(x) != utf8proc_tolower(y))
            return 0;
        i += (size_t)r, j += (size_t)q;
    }
    return i == an && j == vn;
}

static void S_recase(const S_ctx *c, const char *s, size_t n, nqx_buf *b)
{
    size_t ws[64], we[64], nw = 0, i = 0, k;
    while (i < n && nw < 64) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '*'))
            i++;
        if (i >= n)
            break;
        ws[nw] = i;
        while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '*')
            i++;
        we[nw++] = i;
    }
    for (k = 0; k < nw;) {
        size_t len, w;
        int hit = -1;
        if (b->len && b->data[b->len - 1] != ' ')
            nqx_buf_puts(b, " ");
        for (len = nw - k < 6 ? nw - k : 6; len > 0 && hit < 0; len--) {
            hit = S_lex_find(c->cases, s + ws[k], we[k + len - 1] - ws[k]);
            if (hit >= 0 && c->cases->entries[hit].value &&
                !S_same_but_case(s + ws[k], we[k + len - 1] - ws[k],
                                 c->cases->entries[hit].value))
                hit = -1;
        }
        len++; /* undo the last decrement */
        if (hit >= 0 && c->cases->entries[hit].value) {
            nqx_buf_puts(b, c->cases->entries[hit].value);
            k += len;
            continue;
        }
        /* Roman numbers stay; other words: first letter upper, rest lower */
        for (w = ws[k]; w < we[k] && strchr("IVXLCD", s[w]); w++)
            ;
        if (w == we[k]) {
            nqx_buf_append(b, s + ws[k], we[k] - ws[k]);
        } else {
            utf8proc_ssize_t r;
            utf8proc_int32_t cp;
            utf8proc_uint8_t enc[4];
            int first = 1;
            for (w = ws[k]; w < we[k]; w += (size_t)r) {
                r = utf8proc_iterate((const utf8proc_uint8_t *)s + w,
                                     (utf8proc_ssize_t)(we[k] - w), &cp);
                if (r <= 0)
                    break;
                cp = first ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
                first = 0;
                nqx_buf_append(b, (const char *)enc,
                               (size_t)utf8proc_encode_char(cp, enc));
            }
        }
        k++;
    }
}

static char *S_recased(const S_ctx *c, const char *s, size_t n)
{
    nqx_buf b = {0};
    S_recase(c, s, n, &b);
    if (nqx_buf_puts(&b, "")) {
        nqx_buf_free(&b);
        return NULL;
    }
    return nqx_buf_steal(&b);
}

/* Copy s[0..n) without '*' and '\', spaces collapsed, into b. */
static void S_clean_append(nqx_buf *b, const char *s, size_t n)
{
    size_t i;
    char *o;
    /* room for all of s at once, then written in place: appended a word
     * and a space at a time, the header's lines took 115,546 appends on
     * 200 textcorpus files (S_clean_append 15.8M -> 5.6M instructions) */
    if (n && !nqx_buf_reserve(b, n)) {
        o = b->data + b->len;
        for (i = 0; i < n; i++) {
            char ch = s[i];
            if (ch == '*' || ch == '\\')
                continue;
            if (ch == '\t')
                ch = ' ';
            if (ch == ' ' && (o == b->data || o[-1] == ' '))
                continue;
            *o++ = ch;
        }
        b->len = (size_t)(o - b->data);
    }
    while (b->len && b->data[b->len - 1] == ' ')
        b->len--;
    if (b->data)
        b->data[b->len] = '\0';
}

/* "15 - NQ/TU" -> "15-NQ/TU" */
static char *S_number(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t i, k = 0;
    if (!out)
        return NULL;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            out[k++] = s[i];
    out[k] = '\0';
    return out;
}

static int S_push(char ***list, size_t *n, char *s)
{
    char **nl;
    if (!s)
        return -1;
    nl = realloc(*list, (*n + 1) * sizeof *nl);
    if (!nl) {
        free(s);
        return -1;
    }
    *list = nl;
    nl[(*n)++] = s;
    return 0;
}

/* The lines (or table cells) in [from, to) with text, markup removed:
 * the normalizer gives one header line, title or paragraph per line.
 * Stores up to max strings in out (each malloc'ed or NULL; caller frees)
 * and returns their number. */
static size_t S_blocks(const S_ctx *c, size_t from, size_t to, char **out,
                       size_t max)
{
    size_t i, n = 0;
    for (i = from; i < to && i < c->nlines && n < max; i++) {
        const S_line *L = &c->lines[i];
        nqx_buf b = {0};
        if (L->flags & L_BLANK)
            continue;
        S_clean_append(&b, c->text + L->cs, L->ce - L->cs);
        out[n++] = b.len ? nqx_buf_steal(&b) : NULL;
        nqx_buf_free(&b);
    }
    return n;
}

/* Whether nqx_fold(s) opens with prefix. Only the opening bytes of s
 * are folded when they suffice: folding maps each character alone and
 * merges spaces, so the fold of s[0..m) (m at a character's start) is
 * the fold of s's opening, less at most a trailing space; once it has
 * strlen(prefix) bytes, those are the whole fold's (s is often a block
 * of the header, folded whole for a word or two: extract --no-ocr of
 * 200 textcorpus files, 2,174 calls 10.1M -> 1.8M instructions). */
static int S_starts_with_fold(const char *s, const char *prefix)
{
    size_t n = strlen(s), k = strlen(prefix), m = 4 * k + 8;
    char *f;
    int r;
    if (m < n) {
        while (m > 0 && ((unsigned char)s[m] & 0xC0) == 0x80)
            m--;
        f = nqx_fold(s, m);
        if (f && strlen(f) >= k) {
            r = strncmp(f, prefix, k) == 0;
            free(f);
            return r;
        }
        free(f);
    }
    f = nqx_fold(s, n);
    r = f && strncmp(f, prefix, k) == 0;
    free(f);
    return r;
}

/* s[0..*n) without the first phrase of lx it holds as whole words (the
 * party's or the state's name beside the issuer's on one line, as text
 * taken from a two-column header puts them: "ĐẢNG BỘ TỈNH QUẢNG NGÃI ĐẢNG
 * CỘNG SẢN VIỆT NAM"); in place, *n updated. 1 when a phrase was cut. */
static int S_cut_phrase(const nqx_lexicon *lx, char *s, size_t *n)
{
    size_t ws[48], we[48], nw = 0, i = 0, k, a, b;
    char *f[48];
    int cut = 0;
    if (!lx)
        return 0;
    while (i < *n && nw < 48) { /* the words, folded one by one */
        while (i < *n && s[i] == ' ')
            i++;
        if (i == *n)
            break;
        ws[nw] = i;
        while (i < *n && s[i] != ' ')
            i++;
        we[nw] = i;
        f[nw] = nqx_fold(s + ws[nw], we[nw] - ws[nw]);
        if (!f[nw])
            break;
        nw++;
    }
    for (k = 0; k < lx->n && !cut; k++) {
        const char *key = lx->entries[k].key;
        for (a = 0; a < nw && !cut; a++) {
            /* words a..b spell key */
            const char *q = key;
            for (b = a; b < nw; b++) {
                size_t l = strlen(f[b]);
                if (strncmp(q, f[b], l) != 0)
                    break;
                q += l;
                if (!*q) {
                    size_t from = a ? we[a - 1] : 0, to = we[b];
                    memmove(s + from, s + to, *n - to + 1);
                    *n -= to - from;
                    cut = 1;
                    break;
                }
                if (*q != ' ')
                    break;
                q++;
            }
        }
    }
    for (i = 0; i < nw; i++)
        free(f[i]);
    return cut;
}

/* Header blocks above the kind word: number, place and date, the issuer
 * written in capitals. */
static void S_header(const S_ctx *c, nqx_meta *m, size_t from, size_t to,
                     char **cap_issuer, char **subject)
{
    char *cells[64];
    size_t nc = S_blocks(c, from, to, cells, 64), i, ov[20], gs, ge;
    for (i = 0; i < nc; i++) {
        char *s = cells[i];
        size_t n;
        if (!s)
            continue;
        n = strlen(s);
        if (!m->number && S_match(c->p_number, s, n, ov) &&
            S_group(c->p_number, ov, "num", &gs, &ge)) {
            m->number = S_number(s + gs, ge - gs);
            /* "Số 123-KH/TU Quảng Ngãi, ngày 15 tháng 5 năm 2023": a
             * two-column header's number and place-and-date on one line */
            s += ge;
            while (*s == ' ')
                s++;
            n = strlen(s);
        }
        /* "V/v hướng dẫn ...": a công văn's subject, under its number */
        if (subject && !*subject && n > 4 && S_starts_with_fold(s, "v/v ")) {
            size_t a = 4;
            while (a < n && s[a] == ' ')
                a++;
            if (a < n) {
                n -= a;
                memmove(s, s + a, n + 1);
                S_cut_phrase(c->not_issuer, s, &n); /* the motto's line, joined */
                if (n)
                    *subject = nqx_strndup(s, n);
            }
            continue;
        }
        if (!m->date && S_match(c->p_date, s, n, ov)) {
            size_t ds = 0, de = 0, ms = 0, me = 0, ys = 0, ye = 0;
            char buf[16];
            S_group(c->p_date, ov, "y", &ys, &ye);
            if (S_group(c->p_date, ov, "m", &ms, &me) &&
                S_group(c->p_date, ov, "d", &ds, &de))
                snprintf(buf, sizeof buf, "%.4s-%02d-%02d", s + ys,
                         atoi(s + ms), atoi(s + ds));
            else if (me > ms)
                snprintf(buf, sizeof buf, "%.4s-%02d", s + ys, atoi(s + ms));
            else
                snprintf(buf, sizeof buf, "%.4s", s + ys);
            m->date = nqx_strndup(buf, strlen(buf));
            if (!m->locality && S_group(c->p_date, ov, "place", &gs, &ge)) {
                size_t pv[20], ns, ne;
                if (S_match(c->p_placename, s + gs, ge - gs, pv) &&
                    S_group(c->p_placename, pv, "name", &ns, &ne))
                    gs += ns, ge = gs + (ne - ns);
                m->locality = nqx_strndup(s + gs, ge - gs);
            }
            continue;
        }
        if (!*cap_issuer && n <= 200 && !strpbrk(s, "0123456789/") &&
            S_match(c->p_caps, s, n, ov) &&
            S_lex_find(c->kinds, s, n) < 0 &&
            S_lex_find(c->not_issuer, s, n) < 0) {
            S_cut_phrase(c->not_issuer, s, &n);
            if (n)
                *cap_issuer = S_recased(c, s, n);
        }
    }
    for (i = 0; i < nc; i++)
        free(cells[i]);
}

/* Title: the blocks under the kind word. A block starting "về" or "V/v"
 * is the title; else the first block in capitals ("TRIỂN KHAI THI HÀNH
 * LUẬT ...") or, with none, the first plain block ("Thực hiện Đề án ...").
 * "CỦA BAN CHẤP HÀNH ..." gives the issuer; meeting lines ("HỘI NGHỊ LẦN
 * THỨ SÁU", "... KHOÁ XIII") are skipped. Stops at the first heading. */
static void S_title(const S_ctx *c, nqx_meta *m, size_t k, size_t to,
                    char **of_issuer)
{
    char *cells[8];
    size_t end = k + 1, nc, i, ov[20], gs, ge, nonblank = 0;
    const char *caps_title = NULL;
    /* the title zone: up to the first numbered line or 12 lines of text */
    for (; end < to && nonblank < 12; end++) {
        const S_line *L = &c->lines[end];
        const char *s = c->text + L->cs;
        if (L->flags & L_BLANK)
            continue;
        if (S_flags(c, end) & (L_NUMBER | L_DATE | L_SIGN | L_RECIP | L_BULLET))
            break;
        if (L->ce - L->cs > 1 && ((s[0] >= '0' && s[0] <= '9') ||
                                  (s[0] == 'I' && (s[1] == '.' || s[1] == '-'))))
            break;
        nonblank++;
    }
    {
        /* "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ... về ..." on one line */
        const S_line *K = &c->lines[k];
        const char *s = c->text + K->cs;
        if (S_match(c->p_kindline, s, K->ce - K->cs, ov)) {
            if (!*of_issuer && S_group(c->p_kindline, ov, "of", &gs, &ge))
                *of_issuer = S_recased(c, s + gs, ge - gs);
            if (S_group(c->p_kindline, ov, "title", &gs, &ge))
                m->title = nqx_strndup(s + gs, ge - gs);
        }
    }
    nc = m->title ? 0 : S_blocks(c, k + 1, end, cells, 8);
    for (i = 0; i < nc && !m->title; i++) {
        const char *s = cells[i];
        size_t n;
        if (!s)
            continue;
        n = strlen(s);
        if (S_match(c->p_caps, s, n, ov)) {
            if (S_match(c->p_of, s, n, ov) &&
                S_group(c->p_of, ov, "org", &gs, &ge)) {
                if (!*of_issuer)
                    *of_issuer = S_recased(c, s + gs, ge - gs);
            } else if (!caps_title && !S_starts_with_fold(s, "hoi nghi") &&
                       !strstr(s, "KHÓA") && !strstr(s, "KHOÁ"))
                caps_title = s;
            continue;
        }
        if (S_starts_with_fold(s, "ve ") || S_starts_with_fold(s, "v/v"))
            m->title = nqx_strndup(s, n);
        else if (n < 40 && s[n - 1] == ':')
            break; /* a label: the kind word was a value of a library
                    * page's table ("Loại văn bản: | Công văn | Nơi ban
                    * hành:"), with no title under it */
        else if (!caps_title && !S_starts_with_fold(s, "can cu"))
            m->title = nqx_strndup(s, n);
        break;
    }
    if (!m->title && caps_title)
        m->title = nqx_strndup(caps_title, strlen(caps_title));
    for (i = 0; i < nc; i++)
        free(cells[i]);
}

/* Signature: the last signing block of the document. */
static void S_signature(const S_ctx *c, nqx_meta *m, size_t from, size_t to,
                        char **tm_issuer)
{
    size_t i, last = SIZE_MAX, first, ov[20], gs, ge;
    for (i = to; i-- > from;)
        if (c->lines[i].flags & L_SIGN) {
            last = i;
            break;
        }
    if (last == SIZE_MAX)
        return;
    first = last;
    while (first > from) {
        size_t j = first - 1;
        while (j > from && (c->lines[j].flags & L_BLANK) &&
               !(c->lines[j].flags & L_RULE))
            j--;
        if (!(c->lines[j].flags & L_SIGN) || last - j > 6)
            break;
        first = j;
    }
    for (i = first; i <= last; i++) {
        const S_line *L = &c->lines[i];
        const char *s = c->text + L->cs;
        size_t n = L->ce - L->cs;
        if (!(L->flags & L_SIGN))
            continue;
        if (L->title >= 0) {
            const char *v = c->titles->entries[L->title].value;
            free(m->signer_title);
            m->signer_title = v ? nqx_strndup(v, strlen(v)) : S_recased(c, s, n);
            if ((S_flags(c, i) & L_NAME) && !m->signer_name &&
                S_match(c->p_titlename, s, n, ov) &&
                S_group(c->p_titlename, ov, "name", &gs, &ge))
                m->signer_name = nqx_strndup(s + gs, ge - gs);
        } else if (S_match(c->p_sign, s, n, ov) &&
                   S_group(c->p_sign, ov, "text", &gs, &ge)) {
            /* "T/M BAN THƯỜNG VỤ BÍ THƯ", "TM. ỦY BAN NHÂN DÂN KT. CHỦ
             * TỊCH PHÓ CHỦ TỊCH Bùi Thanh An": the capacity is the
             * longest known title at the end, the body is what precedes
             * any "KT."/"TL." inside */
            size_t ts = gs, te = ge, ns, ne, w, cut = ge;
            int t = -1;
            const char *v;
            if (S_group(c->p_sign, ov, "name", &ns, &ne) && !m->signer_name)
                m->signer_name = nqx_strndup(s + ns, ne - ns);
            for (w = gs; w < ge && t < 0; w++) {
                if (w > gs && s[w - 1] != ' ')
                    continue;
                t = S_lex_find(c->titles, s + w, ge - w);
                if (t >= 0)
                    ts = w;
            }
            if (t >= 0 && (v = c->titles->entries[t].value) != NULL) {
                free(m->signer_title);
                m->signer_title = nqx_strndup(v, strlen(v));
                cut = ts;
            }
            for (w = gs; w + 3 < cut; w++)
                if (s[w] == ' ' && (strncmp(s + w + 1, "KT", 2) == 0 ||
                                    strncmp(s + w + 1, "TL", 2) == 0 ||
                                    strncmp(s + w + 1, "TUQ", 3) == 0) &&
                    (s[w + 3] == '.' || s[w + 3] == ' ' || s[w + 4] == '.')) {
                    cut = w;
                    break;
                }
            while (cut > gs && s[cut - 1] == ' ')
                cut--;
            (void)te;
            if (!*tm_issuer && cut > gs)
                *tm_issuer = S_recased(c, s + gs, cut - gs);
        }
    }
    for (i = last + 1; i < to && i <= last + 8; i++) {
        const S_line *L = &c->lines[i];
        if (L->flags & L_BLANK)
            continue;
        if ((S_flags(c, i) & L_NAME) &&
            S_match(c->p_name, c->text + L->cs, L->ce - L->cs, ov) &&
            S_group(c->p_name, ov, "name", &gs, &ge)) {
            m->signer_name = nqx_strndup(c->text + L->cs + gs, ge - gs);
            break;
        }
        if (!(S_flags(c, i) & L_CAPS))
            break;
    }
}

/* The length of recipient text s[0..n) without its trailing punctuation
 * and markup; a brace grouping recipients for a shared note ("Ban Bí thư
 * Trung ương Đảng, } (để") ends it. */
static size_t S_recipient_len(const char *s, size_t n)
{
    const char *brace = memchr(s, '}', n);
    if (brace)
        n = (size_t)(brace - s);
    while (n && (s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == '.' ||
                 s[n - 1] == ' ' || s[n - 1] == '*'))
        n--;
    return n;
}

/* Push one recipient s[0..n) (S_recipient_len), leading spaces and
 * markup dropped too. */
static int S_push_item(nqx_meta *m, const char *s, size_t n)
{
    nqx_buf b = {0};
    n = S_recipient_len(s, n);
    while (n && (*s == ' ' || *s == '*'))
        s++, n--;
    if (!n)
        return 0;
    S_clean_append(&b, s, n);
    if (!b.len) {
        nqx_buf_free(&b);
        return 0;
    }
    return S_push(&m->recipients, &m->nrecipients, nqx_buf_steal(&b));
}

/* The Nơi nhận block: one recipient per bullet, wrapped lines joined. */
static int S_recipients(const S_ctx *c, nqx_meta *m, size_t from, size_t to)
{
    size_t i, r = SIZE_MAX, ov[20];
    nqx_buf b = {0};
    int rc = 0;
    for (i = from; i < to; i++)
        if (c->lines[i].flags & L_RECIP) {
            r = i;
            break;
        }
    if (r == SIZE_MAX)
        return 0;
    {
        /* items on the Nơi nhận line itself ("Nơi nhận: - A; - B"), as a
         * crawled table row leaves them */
        const S_line *L = &c->lines[r];
        const char *s = c->text + L->cs;
        size_t n = L->ce - L->cs, at, prev = SIZE_MAX;
        if (S_match(c->p_recip, s, n, ov)) {
            at = ov[1];
            for (;;) {
                size_t sov[20];
                memset(sov, 0xff, sizeof sov);
                if (nqx_gram_match(c->p_recipsep, s, n, at, sov, 10) <= 0) {
                    if (prev != SIZE_MAX)
                        rc |= S_push_item(m, s + prev, n - prev);
                    break;
                }
                if (prev != SIZE_MAX)
                    rc |= S_push_item(m, s + prev, sov[0] - prev);
                prev = sov[1];
                at = sov[1] > at ? sov[1] : at + 1;
            }
        }
    }
    for (i = r + 1; i < to && !rc; i++) {
        const S_line *L = &c->lines[i];
        const char *s = c->text + L->cs;
        size_t n = L->ce - L->cs;
        if (L->flags & L_BLANK)
            continue;
        if (S_flags(c, i) & (L_SIGN | L_KIND | L_RECIP | L_NUMBER | L_DATE))
            break;
        if ((L->flags & L_CAPS) && !(L->flags & L_BULLET))
            break;
        if (L->flags & L_BULLET) {
            if (b.len)
                rc = S_push(&m->recipients, &m->nrecipients, nqx_buf_steal(&b));
            b.len = 0;
            if (S_match(c->p_bullet, s, n, ov)) {
                int k = nqx_gram_group(c->p_bullet, "text");
                if (k >= 0 && ov[2 * k] != SIZE_MAX) {
                    s += ov[2 * k];
                    n -= ov[2 * k];
                }
            }
        } else if (b.len) {
            nqx_buf_puts(&b, " ");
        } else if (!m->nrecipients) {
            continue; /* text on the Nơi nhận line's next line */
        } else {
            /* a wrapped line continues the previous recipient */
            char *prev = m->recipients[--m->nrecipients];
            nqx_buf_puts(&b, prev);
            nqx_buf_puts(&b, " ");
            free(prev);
        }
        n = S_recipient_len(s, n);
        S_clean_append(&b, s, n);
        if (!b.data)
            nqx_buf_puts(&b, "");
    }
    if (!rc && b.len)
        rc = S_push(&m->recipients, &m->nrecipients, nqx_buf_steal(&b));
    nqx_buf_free(&b);
    return rc;
}

/* Documents the text cites, each once, the document's own number aside. */
static int S_cites(const S_ctx *c, nqx_meta *m)
{
    size_t pos = m->start, ov[20], ks = 0, ke = 0, ns = 0, ne = 0, ds, de, bs, be;
    char **nums = NULL;
    size_t nnums = 0, i;
    int rc = 0;
    nqx_gram_scan scan = {0};
    while (pos < m->end && m->ncites < 500 && !rc) {
        char *num;
        int dup = 0;
        nqx_buf b = {0};
        memset(ov, 0xff, sizeof ov);
        if (nqx_gram_match_next(c->p_cite, &scan, c->text, m->end, pos, ov,
                                10) <= 0)
            break;
        pos = ov[1] > pos ? ov[1] : pos + 1;
        S_group(c->p_cite, ov, "kind", &ks, &ke);
        S_group(c->p_cite, ov, "num", &ns, &ne);
        num = S_number(c->text + ns, ne - ns);
        if (!num)
            return -1;
        for (i = 0; i < nnums && !dup; i++)
            dup = strcmp(nums[i], num) == 0;
        if (dup || (m->number && strcmp(m->number, num) == 0)) {
            free(num);
            continue;
        }
        nqx_buf_append(&b, c->text + ks, ke - ks);
        nqx_buf_printf(&b, " số %s", num);
        if (S_group(c->p_cite, ov, "date", &ds, &de))
            nqx_buf_printf(&b, ", ngày %.*s", (int)(de - ds), c->text + ds);
        if (S_group(c->p_cite, ov, "by", &bs, &be)) {
            nqx_buf_puts(&b, " của ");
            S_clean_append(&b, c->text + bs, be - bs);
        }
        rc = S_push(&nums, &nnums, num);
        if (!rc)
            rc = S_push(&m->cites, &m->ncites, nqx_buf_steal(&b));
        nqx_buf_free(&b);
    }
    for (i = 0; i < nnums; i++)
        free(nums[i]);
    free(nums);
    return rc;
}

/* Issuer from the opening paragraph ("... ban hành Nghị quyết"), looked
 * for in the lines after the title up to the first heading. */
static char *S_phrase_issuer(const S_ctx *c, size_t from, size_t to)
{
    size_t i, ov[20], gs, ge;
    for (i = from; i < to && i < from + 40; i++) {
        const S_line *L = &c->lines[i];
        if (L->flags & L_BLANK)
            continue;
        if (S_match(c->p_phrase, c->text + L->cs, L->ce - L->cs, ov) &&
            S_group(c->p_phrase, ov, "org", &gs, &ge))
            return nqx_strndup(c->text + L->cs + gs, ge - gs);
    }
    return NULL;
}

static char *S_place_in(const S_ctx *c, const char *s)
{
    size_t ov[20], gs, ge;
    if (s && S_match(c->p_place, s, strlen(s), ov) &&
        S_group(c->p_place, ov, "place", &gs, &ge)) {
        /* "NINH BÌNH" of a title in capitals: "Ninh Bình" */
        if (ge - gs >= 2 && S_match(c->p_caps, s + gs, ge - gs, ov))
            return S_recased(c, s + gs, ge - gs);
        return nqx_strndup(s + gs, ge - gs);
    }
    return NULL;
}

/* Split s[0..n) into at most max words (runs of non-space bytes, outer
 * punctuation trimmed) and fold each; returns the count. Caller frees
 * folded[i]. */
static size_t S_fold_words(const char *s, size_t n, size_t *ws, size_t *we,
                           char **folded, size_t max)
{
    size_t i = 0, nw = 0;
    while (i < n && nw < max) {
        size_t a, b, k;
        while (i < n && s[i] == ' ')
            i++;
        a = i;
        while (i < n && s[i] != ' ')
            i++;
        b = i;
        while ((k = nqx_trim_head("(\"“*", s + a, b - a)) > 0)
            a += k;
        while ((k = nqx_trim_tail(",;.:)\"”*", s + a, b - a)) > 0)
            b -= k;
        if (b == a)
            continue;
        folded[nw] = nqx_fold(s + a, b - a);
        if (!folded[nw])
            break;
        ws[nw] = a;
        we[nw] = b;
        nw++;
    }
    return nw;
}

/* The issuer as the document writes it in running text ("Bộ Nông nghiệp và
 * Môi trường" for the header's "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"): the first
 * line in [from, to) holding the same words, folded, not in capitals.
 * NULL when none. Caller frees. */
static char *S_as_written(const S_ctx *c, size_t from, size_t to,
                          const char *name)
{
    char *want[16], *got[256];
    size_t ws[256], we[256], nwant, i, k, j, ov[20];
    char *out = NULL;
    nwant = S_fold_words(name, strlen(name), ws, we, want, 16);
    if (nwant < 2)
        goto done;
    for (i = from; i < to && i < c->nlines && !out; i++) {
        const S_line *L = &c->lines[i];
        const char *s = c->text + L->cs;
        size_t n = L->ce - L->cs, ng;
        if ((S_flags(c, i) & (L_BLANK | L_CAPS)) || n > 4000)
            continue;
        ng = S_fold_words(s, n, ws, we, got, 256);
        for (k = 0; k + nwant <= ng && !out; k++) {
            for (j = 0; j < nwant && strcmp(got[k + j], want[j]) == 0; j++)
                ;
            if (j == nwant && !S_match(c->p_caps, s + ws[k], we[k + nwant - 1] - ws[k], ov))
                out = nqx_strndup(s + ws[k], we[k + nwant - 1] - ws[k]);
        }
        for (k = 0; k < ng; k++)
            free(got[k]);
    }
done:
    for (k = 0; k < nwant; k++)
        free(want[k]);
    return out;
}

static int S_read(const S_ctx *c, nqx_meta *m, size_t from, size_t to,
                  long kline)
{
    char *cap_issuer = NULL, *of_issuer = NULL, *tm_issuer = NULL,
         *phrase = NULL;
    size_t k = kline >= 0 ? (size_t)kline : from;
    int rc = 0;
    if (kline >= 0) {
        const char *v = c->kinds->entries[c->lines[k].kind].value;
        m->kind = v ? nqx_strndup(v, strlen(v))
                    : nqx_strndup(c->text + c->lines[k].cs,
                                  c->lines[k].ce - c->lines[k].cs);
        S_header(c, m, from, k, &cap_issuer, NULL);
        S_title(c, m, k, to, &of_issuer);
        phrase = S_phrase_issuer(c, k + 1, to);
    } else {
        char *subject = NULL;
        S_header(c, m, from, from + 12 < to ? from + 12 : to, &cap_issuer, &subject);
        /* no kind word: a letter (công văn) names its subject instead */
        if (subject) {
            m->kind = nqx_strndup("Công văn", strlen("Công văn"));
            m->title = subject;
        }
    }
    S_signature(c, m, from, to, &tm_issuer);
    rc |= S_recipients(c, m, from, to);
    rc |= S_cites(c, m);
    /* issuer: its own words ("Ban Thường vụ Thành ủy ban hành ...") when
     * they name a body of the header's organisation or there is no header
     * (not "UBND tỉnh ban hành" under "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"),
     * then "CỦA ..." under the kind word, the header, the T/M line */
    if (phrase && cap_issuer && strncmp(phrase, "Ban ", 4) != 0) {
        free(phrase);
        phrase = NULL;
    }
    m->issuer = phrase ? phrase : of_issuer ? of_issuer
              : cap_issuer ? cap_issuer : tm_issuer;
    if (m->issuer != phrase) free(phrase);
    if (m->issuer != of_issuer) free(of_issuer);
    if (m->issuer != cap_issuer) free(cap_issuer);
    if (m->issuer != tm_issuer) free(tm_issuer);
    if (m->issuer && m->issuer != phrase) {
        /* recased from capitals: prefer the document's own spelling */
        char *w = S_as_written(c, from, to, m->issuer);
        if (w) {
            free(m->issuer);
            m->issuer = w;
        }
    }
    if (!m->locality)
        m->locality = S_place_in(c, m->issuer);
    if (!m->locality)
        m->locality = S_place_in(c, m->title);
    return rc;
}

nqx_status nqx_ext_meta(const nqx_grammar *g, const char *text, size_t len,
                        nqx_meta **metas, size_t *nmetas, nqx_error *err)
{
    S_ctx c;
    nqx_status st;
    size_t starts[64], nd, i;
    long kinds[64];
    nqx_meta *out;

    *metas = NULL;
    *nmetas = 0;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.text = text;
    c.len = len;
    c.err = err;
    st = S_load(&c);
    if (!st)
        st = S_lines(&c);
    if (st) {
        free(c.lines);
        return st;
    }
    nd = c.nlines ? S_split(&c, starts, kinds, 64) : 1;
    if (!c.nlines)
        kinds[0] = -1, starts[0] = 0;
    out = calloc(nd, sizeof *out);
    if (!out) {
        free(c.lines);
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    for (i = 0; i < nd; i++) {
        size_t to = i + 1 < nd ? starts[i + 1] : c.nlines;
        out[i].start = i ? c.lines[starts[i]].s : 0;
        out[i].end = i + 1 < nd ? c.lines[starts[i + 1]].s : len;
        if (c.nlines && S_read(&c, &out[i], starts[i], to, kinds[i])) {
            size_t j;
            for (j = 0; j <= i; j++)
                nqx_meta_clear(&out[j]);
            free(out);
            free(c.lines);
            return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
        }
    }
    free(c.lines);
    *metas = out;
    *nmetas = nd;
    return NQX_OK;
}
