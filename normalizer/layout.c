/* layout.c: layout repair of crawled Markdown and OCR text.
 *
 * The text is read once as lines. Each line becomes a unit (a text line,
 * a table row, a footnote line) with its inline edits (markup stripped,
 * spaces collapsed), or is dropped (blank, rule, page marker, lone page
 * number). Then the gap between two kept units becomes one separator:
 * " " when the second continues the first's sentence (a hard wrap or a
 * page break), "\n" otherwise. Footnotes that interrupt the running text
 * are moved to the end. Everything is linear in the input: one pass over
 * the lines, one over the units, edits appended to growing arrays.
 *
 * The decision to join is made on the *cleaned* line (markup removed),
 * see S_join(): Markdown soft breaks inside a block join unless the next
 * line opens a list item or heading; across a blank line or a page break
 * a line joins only when the previous one does not end a sentence and the
 * next one starts in lower case or with a number ("khóa / XIII"), or the
 * previous one is a long paragraph cut mid-sentence.
 *
 * Tables become one line per row, cells joined by " | ": pipe rows (with
 * or without outer pipes) and tables exploded one cell per line, where a
 * line holding only "|" separates cells and "|" twice starts a new row.
 */
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- edits */

typedef struct {
    nqx_norm_edit *v;
    size_t n, cap;
} S_elist;

static int S_grow(S_elist *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        nqx_norm_edit *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    return 0;
}

static int S_push(S_elist *l, size_t s, size_t e, const char *r, size_t rn,
                  nqx_change_kind k)
{
    nqx_norm_edit *d;
    if (S_grow(l))
        return -1;
    d = &l->v[l->n];
    memset(d, 0, sizeof *d);
    if (rn) { /* a deletion keeps repl NULL: most edits are deletions */
        d->repl = malloc(rn + 1);
        if (!d->repl)
            return -1;
        memcpy(d->repl, r, rn);
        d->repl[rn] = '\0';
    }
    d->start = s;
    d->end = e;
    d->repl_len = rn;
    d->kind = k;
    d->confidence = 1.0;
    l->n++;
    return 0;
}

/* Drop the edits after the first n (a line that turned out to be dropped). */
static void S_pop_to(S_elist *l, size_t n)
{
    while (l->n > n)
        free(l->v[--l->n].repl);
}

/* ---------------------------------------------------------------- lines */

enum { L_BLANK, L_TEXT, L_BAR, L_PIPE, L_PIPESEP };

typedef struct {
    size_t ts, te; /* the line without its end and surrounding spaces */
    int type;
    int pb;        /* a form feed (page break) ended the previous line */
} S_line;

enum { U_TEXT, U_ROW, U_FOOT };

typedef struct {
    size_t cs, ce;      /* content span in the text */
    size_t e0, e1;      /* its inline edits in ctx->inl */
    int kind;
    int gap;            /* blank line, page break or dropped line before */
    int item, atx;      /* opens a list item / numbered heading; '#' line */
    int emph_s, emph_e; /* opens / closes with an emphasis run */
    int lower_start, upper_start;
    int has_lower, has_upper;
    int sent_end;       /* ends with . ! ? (closing quotes skipped) */
    int last_lower;     /* ends with a lower-case letter */
    int num_start;      /* starts with a number: "35 -", "XIII và" */
    size_t nchars;
    /* set by the paragraph pass */
    int join;           /* joined to the previous kept unit with " " */
    int foot;           /* part of a footnote */
    int foot_cont;      /* continues the footnote started before it */
    int moved;
} S_unit;

typedef struct {
    const unsigned char *t;
    size_t len;
    S_line *lines;
    size_t nl;
    S_elist inl;   /* inline edits of all units, in text order */
    S_unit *u;
    size_t nu, ucap;
    nqx_buf r;     /* scratch: the cleaned text of one unit */
} S_ctx;

static int S_is_sp(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v';
}

/* NBSP (C2 A0) counts as a space at line edges and inside runs. */
static size_t S_nbsp_at(const unsigned char *t, size_t i, size_t end)
{
    return (i + 1 < end && t[i] == 0xC2 && t[i + 1] == 0xA0) ? 2 : 0;
}

static int S_item(const unsigned char *r, size_t n);

static int S_add_line(S_ctx *c, size_t *cap, size_t ts, size_t te, int pb)
{
    const unsigned char *t = c->t;
    S_line *L;
    if (c->nl == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        S_line *v = realloc(c->lines, ncap * sizeof *v);
        if (!v)
            return -1;
        c->lines = v;
        *cap = ncap;
    }
    L = &c->lines[c->nl++];
    L->ts = ts;
    L->te = te;
    L->pb = pb;
    if (ts == te)
        L->type = L_BLANK;
    else if (te - ts == 1 && t[ts] == '|')
        L->type = L_BAR;
    else {
        const unsigned char *bar = memchr(t + ts, '|', te - ts);
        size_t k;
        int sep = bar != NULL, dash = 0;
        for (k = ts; k < te && sep; k++) {
            if (t[k] == '-')
                dash = 1;
            else if (t[k] != '|' && t[k] != ':' && t[k] != ' ')
                sep = 0;
        }
        if (sep && dash)
            L->type = L_PIPESEP;
        else if (t[ts] == '|' && memchr(t + ts + 1, '|', te - ts - 1))
            L->type = L_PIPE;
        else
            L->type = L_TEXT;
    }
    return 0;
}

/* GFM tables may omit the outer pipes: the line above a delimiter row
 * "---|---" and the lines below it that hold a '|' are rows too. */
static void S_mark_gfm_rows(S_ctx *c)
{
    size_t k, j;
    for (k = 0; k < c->nl; k++) {
        S_line *L = c->lines;
        if (L[k].type != L_PIPESEP)
            continue;
        if (k > 0 && L[k - 1].type == L_TEXT &&
            memchr(c->t + L[k - 1].ts, '|', L[k - 1].te - L[k - 1].ts))
            L[k - 1].type = L_PIPE;
        for (j = k + 1; j < c->nl && (L[j].type == L_TEXT || L[j].type == L_PIPE) &&
                        memchr(c->t + L[j].ts, '|', L[j].te - L[j].ts);
             j++)
            L[j].type = L_PIPE;
        k = j - 1;
    }
}

/* "NGUYÊN NHÂN**1. Tình hình**": a heading glued to the numbered item
 * after it (the blank line between them lost). Returns where the item
 * starts, or te. */
static size_t S_glued_item(const unsigned char *t, size_t ts, size_t te)
{
    size_t p = ts + 1;
    while (p + 3 < te) {
        const unsigned char *q = memchr(t + p, '*', te - p - 3);
        if (!q)
            break;
        p = (size_t)(q - t);
        if (t[p + 1] == '*' && !S_is_sp(t[p - 1]) && t[p - 1] != '*' &&
            t[p + 2] >= '0' && t[p + 2] <= '9' &&
            S_item(t + p + 2, te - p - 2))
            return p;
        p += 2;
    }
    return te;
}

static int S_split_lines(S_ctx *c)
{
    size_t i = 0, cap = 0;
    int pb = 0;
    const unsigned char *t = c->t;
    while (i < c->len) {
        size_t s = i, e, ts, te, g;
        const unsigned char *nl = memchr(t + i, '\n', c->len - i);
        const unsigned char *ff;
        e = nl ? (size_t)(nl - t) : c->len;
        ff = memchr(t + s, '\f', e - s);
        if (ff)
            e = (size_t)(ff - t);
        i = e < c->len ? e + 1 : e;
        ts = s;
        te = e;
        for (;;) {
            if (ts < te && S_is_sp(t[ts]))
                ts++;
            else if (S_nbsp_at(t, ts, te))
                ts += 2;
            else
                break;
        }
        for (;;) {
            if (te > ts && S_is_sp(t[te - 1]))
                te--;
            else if (te >= ts + 2 && t[te - 2] == 0xC2 && t[te - 1] == 0xA0)
                te -= 2;
            else
                break;
        }
        while (ts < te && (g = S_glued_item(t, ts, te)) < te) {
            if (S_add_line(c, &cap, ts, g, pb))
                return -1;
            pb = 0;
            ts = g;
        }
        if (S_add_line(c, &cap, ts, te, pb))
            return -1;
        pb = ff != NULL;
    }
    S_mark_gfm_rows(c);
    return 0;
}

/* --------------------------------------------------------- inline markup */

static const char *const S_sup[10] = {
    "\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3", "\xE2\x81\xB4",
    "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7", "\xE2\x81\xB8",
    "\xE2\x81\xB9"};

static const struct {
    const char *from, *to;
} S_tags[] = {
    {"<br>", " "}, {"<br/>", " "}, {"<br />", " "}, {"<b>", ""},
    {"</b>", ""}, {"<i>", ""}, {"</i>", ""}, {"<u>", ""}, {"</u>", ""},
    {"<em>", ""}, {"</em>", ""}, {"<strong>", ""}, {"</strong>", ""},
    {"<sub>", ""}, {"</sub>", ""}, {"<sup>", ""}, {"</sup>", ""},
    {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
    {"&quot;", "\""}, {"&#39;", "'"},
};

static int S_ieq(const unsigned char *t, size_t i, size_t end, const char *s)
{
    size_t k, n = strlen(s);
    if (end - i < n)
        return 0;
    for (k = 0; k < n; k++) {
        unsigned char a = t[i + k];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (a != (unsigned char)s[k])
            return 0;
    }
    return 1;
}

static int S_space_before(const unsigned char *t, size_t a, size_t i)
{
    if (i == a)
        return 1;
    if (S_is_sp(t[i - 1]))
        return 1;
    return i >= a + 2 && t[i - 2] == 0xC2 && t[i - 1] == 0xA0;
}

static int S_space_at(const unsigned char *t, size_t i, size_t b)
{
    return i == b || S_is_sp(t[i]) || S_nbsp_at(t, i, b);
}

static int S_alnum(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

/* Bytes that may start markup. Constant, so that threads normalizing at
 * once (nqx ingest -j) share it without a race on a lazy first fill. */
static const unsigned char S_special[256] = {
    ['\\'] = 1, ['*'] = 1, ['_'] = 1, ['<'] = 1, ['&'] = 1, [' '] = 1,
    ['\t'] = 1, [0xC2] = 1};

/* Strip markup in [a, b), appending edits. */
static int S_inline(S_ctx *c, size_t a, size_t b)
{
    const unsigned char *t = c->t;
    size_t i = a;
    while (i < b) {
        unsigned char ch = t[i];
        if (!S_special[ch]) {
            i++;
            continue;
        }
        if (ch == '\\') {
            /* CommonMark escape: the punctuation stays, the slash goes */
            if (i + 1 < b && t[i + 1] < 0x80 && t[i + 1] > ' ' &&
                !S_alnum(t[i + 1])) {
                if (S_push(&c->inl, i, i + 1, "", 0, NQX_CHANGE_MARKUP))
                    return -1;
                i += 2;
            } else
                i++;
        } else if (ch == '*' || ch == '_') {
            size_t j = i;
            int sb, sa;
            while (j < b && t[j] == ch)
                j++;
            sb = S_space_before(t, a, i);
            sa = S_space_at(t, j, b);
            if (ch == '*' && j - i == 1 && i == a && j < b && sa &&
                !(j + 1 < b && S_item(t + j + 1, b - j - 1))) {
                /* "* item": a Markdown bullet, written as "-" */
                if (S_push(&c->inl, i, j, "-", 1, NQX_CHANGE_MARKUP))
                    return -1;
            } else if (ch == '_' && (j - i < 2 || (!sb && !sa &&
                                                   S_alnum(t[i - 1]) &&
                                                   S_alnum(t[j])))) {
                /* a lone '_' or one inside a word is text (names, URLs) */
            } else if (i == a || j == b || !sb || !sa) {
                if (i == a) /* "** Nguyễn": the spaces go too */
                    while (j < b && t[j] == ' ')
                        j++;
                if (S_push(&c->inl, i, j, "", 0, NQX_CHANGE_MARKUP))
                    return -1;
            }
            i = j;
        } else if (ch == ' ' || ch == '\t' || ch == 0xC2) {
            size_t j = i;
            for (;;) {
                if (j < b && (t[j] == ' ' || t[j] == '\t'))
                    j++;
                else if (S_nbsp_at(t, j, b))
                    j += 2;
                else
                    break;
            }
            if (j == i) { /* 0xC2 not starting a NBSP */
                i++;
                continue;
            }
            if (j < b && (t[j] == '*' || t[j] == '_')) {
                /* "DÂN **" at the end of a line: the spaces go too */
                size_t q = j;
                while (q < b && t[q] == t[j])
                    q++;
                if (q == b && (t[j] == '*' || q - j >= 2)) {
                    if (S_push(&c->inl, i, b, "", 0, NQX_CHANGE_MARKUP))
                        return -1;
                    i = b;
                    continue;
                }
            }
            if (!(j - i == 1 && ch == ' ') &&
                S_push(&c->inl, i, j, " ", 1, NQX_CHANGE_SPACE))
                return -1;
            i = j;
        } else { /* '<' or '&' */
            size_t k, n = 0;
            if (S_ieq(t, i, b, "<sup>")) {
                /* <sup>12</sup> is a footnote mark: write it as ¹² */
                size_t d = i + 5;
                while (d < b && d - (i + 5) < 3 && t[d] >= '0' && t[d] <= '9')
                    d++;
                if (d > i + 5 && S_ieq(t, d, b, "</sup>")) {
                    char buf[16];
                    size_t bl = 0, q;
                    for (q = i + 5; q < d; q++) {
                        size_t sl = strlen(S_sup[t[q] - '0']);
                        memcpy(buf + bl, S_sup[t[q] - '0'], sl);
                        bl += sl;
                    }
                    if (S_push(&c->inl, i, d + 6, buf, bl, NQX_CHANGE_MARKUP))
                        return -1;
                    i = d + 6;
                    continue;
                }
            }
            for (k = 0; k < sizeof S_tags / sizeof S_tags[0]; k++)
                if (S_ieq(t, i, b, S_tags[k].from)) {
                    n = strlen(S_tags[k].from);
                    break;
                }
            if (n) {
                if (S_push(&c->inl, i, i + n, S_tags[k].to,
                           strlen(S_tags[k].to), NQX_CHANGE_MARKUP))
                    return -1;
                i += n;
            } else
                i++;
        }
    }
    return 0;
}

/* Length of an ATX heading mark "## " at a, or 0. */
static size_t S_atx_len(const unsigned char *t, size_t a, size_t te)
{
    size_t h = a;
    while (h < te && h - a < 6 && t[h] == '#')
        h++;
    if (h == a || !(h == te || t[h] == ' '))
        return 0;
    while (h < te && t[h] == ' ')
        h++;
    return h - a;
}

/* The text of [a, b) with edits [e0, e1) applied, into c->r. */
static int S_render(S_ctx *c, size_t a, size_t b, size_t e0, size_t e1)
{
    size_t p = a, k;
    c->r.len = 0;
    if (nqx_buf_reserve(&c->r, b - a + 1))
        return -1;
    for (k = e0; k < e1; k++) {
        const nqx_norm_edit *e = &c->inl.v[k];
        if (nqx_buf_append(&c->r, (const char *)c->t + p, e->start - p) ||
            (e->repl_len && nqx_buf_append(&c->r, e->repl, e->repl_len)))
            return -1;
        p = e->end;
    }
    if (nqx_buf_append(&c->r, (const char *)c->t + p, b - p))
        return -1;
    return 0;
}

/* ---------------------------------------------------- line-start markers */

static int S_cp(const unsigned char *s, size_t n, utf8proc_int32_t *cp)
{
    utf8proc_ssize_t k;
    if (!n) {
        *cp = -1;
        return 0;
    }
    k = utf8proc_iterate(s, (utf8proc_ssize_t)n, cp);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    return (int)k;
}

static int S_is_supdigit(utf8proc_int32_t cp)
{
    return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || cp == 0x2070 ||
           (cp >= 0x2074 && cp <= 0x2079) || cp == 0x207D; /* ⁽¹⁾ */
}

static int S_roman(unsigned char ch)
{
    return ch == 'I' || ch == 'V' || ch == 'X' || ch == 'L' || ch == 'C';
}

/* Does the cleaned line r open a list item or a numbered heading?
 * (I., II-, 1., 1.1., 1.1 , (1), (a), a), đ), đ1), -, +, •, –) */
static int S_item(const unsigned char *r, size_t n)
{
    size_t i = 0;
    utf8proc_int32_t cp;
    int k;
    if (!n)
        return 0;
    if (r[0] == '-' || r[0] == '+')
        return n == 1 || r[1] == ' ' || (r[1] >= 0x80 || (r[1] >= 'A' && r[1] <= 'Z'));
    k = S_cp(r, n, &cp);
    if (cp == 0x2022 || cp == 0x2013 || cp == 0x25CF || cp == 0x25AA ||
        cp == 0x25E6 || cp == 0xB7 || cp == 0x2023 || cp == 0xF0B7 ||
        cp == 0x2219)
        return (size_t)k == n || r[k] == ' ';
    if (r[0] >= '0' && r[0] <= '9') {
        int groups = 0;
        size_t last = 0;
        for (;;) {
            size_t d = i;
            while (i < n && i - d < 3 && r[i] >= '0' && r[i] <= '9')
                i++;
            if (i == d || (i < n && r[i] >= '0' && r[i] <= '9'))
                return 0;
            groups++;
            last = i - d;
            if (i < n && r[i] == '.' && i + 1 < n && r[i + 1] >= '0' &&
                r[i + 1] <= '9') {
                i++;
                continue;
            }
            break;
        }
        if (i < n && (r[i] == '.' || r[i] == ')')) {
            i++;
            return i == n || r[i] == ' ' || r[i] >= 0x80 ||
                   (r[i] >= 'A' && r[i] <= 'Z');
        }
        /* "1.1 Mục tiêu" but not "1.000 người" */
        return groups >= 2 && last <= 2 && (i == n || r[i] == ' ');
    }
    if (r[0] == '(') {
        i = 1;
        while (i < n && i < 5 && ((r[i] >= '0' && r[i] <= '9') ||
                                  (r[i] >= 'a' && r[i] <= 'z') ||
                                  S_roman(r[i])))
            i++;
        if (i == 1 && n > 3 && r[1] == 0xC4 && r[2] == 0x91) /* (đ) */
            i = 3;
        return i > 1 && i < n && r[i] == ')';
    }
    if ((r[0] >= 'a' && r[0] <= 'z') || (n > 2 && r[0] == 0xC4 && r[1] == 0x91)) {
        i = r[0] == 0xC4 ? 2 : 1;
        if (i + 1 < n && r[i] >= '1' && r[i] <= '9' && r[i + 1] == ')')
            i++; /* "đ1)", "a2)": sub-points */
        return i < n && (r[i] == ')' ||
                         (r[i] == '.' && i + 1 < n && r[i + 1] == ' '));
    }
    {
        /* "Điều 5.", "Chương II", "Mục 1", "Phần I": the structure of a
         * legal text (the outline grammar names them; here they only
         * keep a line from being joined to the one before) */
        static const char *const heads[] = {"Điều ", "Chương ", "Mục ",
                                            "Phần "};
        size_t h;
        for (h = 0; h < sizeof heads / sizeof heads[0]; h++) {
            size_t hl = strlen(heads[h]);
            if (n > hl && memcmp(r, heads[h], hl) == 0 &&
                ((r[hl] >= '0' && r[hl] <= '9') || S_roman(r[hl]))) {
                size_t q = hl;
                while (q < n && ((r[q] >= '0' && r[q] <= '9') || S_roman(r[q])))
                    q++;
                if (q == n || r[q] == '.' || r[q] == ' ' || r[q] == ':')
                    return 1;
            }
        }
    }
    if (r[0] >= 'A' && r[0] <= 'Z') {
        while (i < n && i < 7 && S_roman(r[i]))
            i++;
        if (i == 0)
            i = 1; /* "A." "B)" */
        else if (i > 1 && !(i < n && (r[i] == '.' || r[i] == '-' || r[i] == ')')))
            return 0;
        if (i < n && (r[i] == '.' || r[i] == ')' || r[i] == '-')) {
            i++;
            return i == n || r[i] == ' ' || r[i] >= 0x80 ||
                   (r[i] >= 'A' && r[i] <= 'Z');
        }
        /* "II–" with an en dash */
        return i + 2 < n && r[i] == 0xE2 && r[i + 1] == 0x80 && r[i + 2] == 0x93;
    }
    return 0;
}

/* A line that carries no text: a rule, a lone star, a page marker. */
static int S_dropped(const unsigned char *r, size_t n, int isolated)
{
    size_t i, digits = 0, rule = 0, stars = 0, other = 0;
    if (n > 64 && r[0] != '-' && r[0] != '=' && r[0] != '_' && r[0] != '*')
        return 0; /* long lines are text unless they are rules */
    for (i = 0; i < n; i++) {
        unsigned char ch = r[i];
        if (ch == '-' || ch == '=' || ch == '_')
            rule++;
        else if (ch == '*')
            stars++;
        else if (ch >= '0' && ch <= '9')
            digits++;
        else if (ch != ' ')
            other++;
    }
    if (!other && !digits && (stars == n || (rule + stars >= 3)))
        return 1;
    /* ===== Trang 2 =====, Trang 2, - 2 - */
    if (digits && digits <= 4) {
        const unsigned char *p = memchr(r, 'T', n);
        if (p && (size_t)(p - r) + 5 <= n && memcmp(p, "Trang", 5) == 0 &&
            other == 5 && !stars)
            return 1;
        if (!other && !stars && rule && r[0] == '-' && r[n - 1] == '-')
            return 1;
        if (!other && !stars && !rule && isolated)
            return 1;
    }
    return 0;
}

/* Fill the features of u from its cleaned text c->r. */
static void S_features(S_ctx *c, S_unit *u)
{
    const unsigned char *r = (const unsigned char *)c->r.data;
    size_t n = c->r.len, i = 0, last = 0, prev = 0;
    int k;
    utf8proc_int32_t cp;
    size_t i0;
    int cited = 0;
    while (i < n && r[i] == ' ')
        i++;
    while (n > i && r[n - 1] == ' ')
        n--;
    /* "...tiếp theo.[12]": a citation closes a paragraph */
    while (n > i && r[n - 1] == ']') {
        size_t q = n - 1;
        while (q > i && r[q - 1] != '[')
            q--;
        if (q == i || n - q > 12)
            break;
        n = q - 1;
        cited = 1;
    }
    i0 = i;
    u->item = S_item(r + i, n - i);
    k = S_cp(r + i, n - i, &cp);
    /* "(gồm", "“tự": the letter after an opening bracket or quote */
    if (cp == '(' || cp == '"' || cp == 0x201C || cp == 0x2018 || cp == '\'')
        S_cp(r + i + k, n - i - (size_t)k, &cp);
    if (cp >= 0) {
        utf8proc_category_t cat = utf8proc_category(cp);
        u->lower_start = cat == UTF8PROC_CATEGORY_LL;
        u->upper_start = cat == UTF8PROC_CATEGORY_LU ||
                         cat == UTF8PROC_CATEGORY_LT ||
                         (cp >= '0' && cp <= '9');
    }
    while (i < n) {
        unsigned char ch = r[i];
        if (ch < 0x80) {
            if (ch >= 'a' && ch <= 'z')
                u->has_lower = 1;
            else if (ch >= 'A' && ch <= 'Z')
                u->has_upper = 1;
            prev = last;
            last = i;
            i++;
        } else if (u->has_lower && u->has_upper) {
            /* both cases seen: only count (the text is valid UTF-8) */
            k = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
            prev = last;
            last = i;
            i += (size_t)k;
        } else {
            utf8proc_category_t cat;
            k = S_cp(r + i, n - i, &cp);
            cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
            if (cat == UTF8PROC_CATEGORY_LL)
                u->has_lower = 1;
            else if (cat == UTF8PROC_CATEGORY_LU)
                u->has_upper = 1;
            prev = last;
            last = i;
            i += (size_t)k;
        }
        u->nchars++;
    }
    {
        size_t q = i0;
        while (q < n && r[q] >= '0' && r[q] <= '9')
            q++;
        if (q == i0)
            while (q < n && S_roman(r[q]))
                q++;
        u->num_start = q > i0 && !u->item && (q == n || r[q] == ' ');
    }
    if (n) {
        /* skip one closing quote, bracket or star: "...xuyên.)" */
        unsigned char ch = r[last];
        size_t at = last;
        /* ends with a lower-case word: "khóa", not "Đạo" nor "là:" */
        S_cp(r + last, n - last, &cp);
        u->last_lower = cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
        if (u->last_lower) {
            size_t w = n;
            while (w > i0 && r[w - 1] != ' ')
                w--;
            S_cp(r + w, n - w, &cp);
            u->last_lower = cp >= 0 &&
                            utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
        }
        if (ch == ')' || ch == '"' || ch == '\'' || ch == '*' ||
            (ch == 0xE2 && n - last == 3 && r[last + 1] == 0x80 &&
             (r[last + 2] == 0x9D || r[last + 2] == 0x99)))
            at = prev;
        ch = r[at];
        u->sent_end = ch == '.' || ch == '!' || ch == '?' || cited;
    }
}

/* ---------------------------------------------------------------- units */

static S_unit *S_new_unit(S_ctx *c)
{
    S_unit *u;
    if (c->nu == c->ucap) {
        size_t cap = c->ucap ? c->ucap * 2 : 256;
        S_unit *v = realloc(c->u, cap * sizeof *v);
        if (!v)
            return NULL;
        c->u = v;
        c->ucap = cap;
    }
    u = &c->u[c->nu];
    memset(u, 0, sizeof *u);
    return u;
}

/* Insert a separator edit before the edits from index at on. */
static int S_insert_sep(S_elist *l, size_t at, size_t s, size_t e,
                        const char *r, nqx_change_kind k)
{
    nqx_norm_edit tmp;
    if (S_push(l, s, e, r, strlen(r), k))
        return -1;
    tmp = l->v[l->n - 1];
    memmove(&l->v[at + 1], &l->v[at], (l->n - 1 - at) * sizeof tmp);
    l->v[at] = tmp;
    return 0;
}

/* Add the line [ts, te) of an exploded table's cell to row u: " | "
 * before it when it opens a new cell, " " when it continues one. Lines
 * with no text (rules under a heading cell) are skipped. */
static int S_row_add(S_ctx *c, S_unit *u, int *started, size_t ts, size_t te,
                     int *new_cell)
{
    size_t e0 = c->inl.n, h = S_atx_len(c->t, ts, te);
    if ((h && S_push(&c->inl, ts, ts + h, "", 0, NQX_CHANGE_MARKUP)) ||
        S_inline(c, ts + h, te) || S_render(c, ts, te, e0, c->inl.n))
        return -1;
    if (c->r.len == 0 ||
        S_dropped((const unsigned char *)c->r.data, c->r.len, 0)) {
        S_pop_to(&c->inl, e0);
        return 0;
    }
    if (!*started) {
        u->cs = ts;
        u->e0 = e0;
        *started = 1;
    } else if (S_insert_sep(&c->inl, e0, u->ce, ts, *new_cell ? " | " : " ",
                            *new_cell ? NQX_CHANGE_TABLE : NQX_CHANGE_JOIN))
        return -1;
    u->ce = te;
    *new_cell = 0;
    return 0;
}

/* A pipe row "| a | b |": cells joined by " | ". */
static int S_pipe_row(S_ctx *c, const S_line *L, int gap)
{
    const unsigned char *t = c->t;
    size_t lead = t[L->ts] == '|', i = L->ts + lead, cstart = i, pending = 0;
    int started = 0;
    S_unit *u = S_new_unit(c);
    if (!u)
        return -1;
    u->kind = U_ROW;
    u->gap = gap;
    for (; i <= L->te; i++) {
        if (i < L->te && t[i] == '\\' && i + 1 < L->te) {
            i++;
            continue;
        }
        if (i == L->te || t[i] == '|') {
            size_t a = cstart, b = i;
            while (a < b && S_is_sp(t[a]))
                a++;
            while (b > a && S_is_sp(t[b - 1]))
                b--;
            cstart = i + 1;
            if (a == b && started) {
                /* an empty cell: kept only when a full one follows */
                pending++;
                continue;
            }
            if (!(i == L->te && a == b)) {
                size_t e0 = c->inl.n;
                if (S_inline(c, a, b))
                    return -1;
                if (!started) {
                    u->cs = a;
                    u->e0 = e0;
                    started = 1;
                } else {
                    char sep[64];
                    size_t k, sl = 0;
                    for (k = 0; k <= pending && sl + 3 < sizeof sep; k++) {
                        memcpy(sep + sl, " | ", 3);
                        sl += 3;
                    }
                    sep[sl] = '\0';
                    if (S_insert_sep(&c->inl, e0, u->ce, a, sep,
                                     NQX_CHANGE_TABLE))
                        return -1;
                }
                pending = 0;
                u->ce = b;
            }
        }
    }
    u->e1 = c->inl.n;
    if (started)
        c->nu++;
    return 0;
}

/* A "|" closed a cell and text follows: another cell of the row, or the
 * text after the table? The table goes on when a "|" comes within a few
 * lines (cells are short; a body of text is not), within very few once
 * the row is as wide as the row before it. Bounded look-ahead keeps
 * this linear. */
#define S_CELL_MAX_LINES 40
#define S_CELL_MAX_LINES_WIDE 3

static int S_more_cells(const S_ctx *c, size_t i, size_t ncells,
                        size_t prev_cells)
{
    size_t j, max = S_CELL_MAX_LINES;
    if (prev_cells && ncells >= prev_cells)
        max = S_CELL_MAX_LINES_WIDE;
    for (j = i; j < c->nl && j - i <= max; j++) {
        if (c->lines[j].type == L_BAR)
            return 1;
        if (c->lines[j].type == L_BLANK)
            return 0;
    }
    return 0;
}

/* A table exploded one cell per line: a line "|" opens a row, separates
 * cells and closes the row; two "|" lines in a row start the next row.
 * *next receives the index of the first line after the table. */
static int S_exploded(S_ctx *c, size_t li, int gap, size_t *next)
{
    S_line *ls = c->lines;
    size_t i = li, nl = c->nl, prev_cells = 0;
    while (i < nl && ls[i].type == L_BAR) {
        S_unit *u = S_new_unit(c);
        int started = 0, new_cell = 1;
        size_t ncells = 0;
        if (!u)
            return -1;
        u->kind = U_ROW;
        u->gap = gap;
        gap = 0;
        i++;
        for (;;) {
            while (i < nl && ls[i].type != L_BAR && ls[i].type != L_BLANK) {
                if (S_row_add(c, u, &started, ls[i].ts, ls[i].te, &new_cell))
                    return -1;
                i++;
            }
            if (i >= nl || ls[i].type == L_BLANK)
                break; /* an unclosed row ends the table */
            i++;       /* past the closing "|" */
            new_cell = 1;
            ncells++;
            if (i >= nl || ls[i].type == L_BAR || ls[i].type == L_BLANK ||
                !S_more_cells(c, i, ncells, prev_cells))
                break;
        }
        u->e1 = c->inl.n;
        if (started)
            c->nu++;
        prev_cells = ncells;
        if (i >= nl || ls[i].type != L_BAR)
            break;
    }
    *next = i;
    return 0;
}

static int S_text_line(S_ctx *c, size_t li, int gap, int *dropped)
{
    const S_line *L = &c->lines[li];
    const unsigned char *t = c->t;
    size_t ts = L->ts, te = L->te, a = ts, e0 = c->inl.n;
    int atx = 0, isolated;
    S_unit *u;
    *dropped = 0;
    if (S_atx_len(t, a, te)) {
        size_t h = a + S_atx_len(t, a, te);
        atx = 1;
        if (S_push(&c->inl, a, h, "", 0, NQX_CHANGE_MARKUP))
            return -1;
        a = h;
    } else if (t[a] == '>' && a + 1 < te && t[a + 1] == ' ') {
        if (S_push(&c->inl, a, a + 2, "", 0, NQX_CHANGE_MARKUP))
            return -1;
        a += 2;
    }
    if (S_inline(c, a, te) || S_render(c, ts, te, e0, c->inl.n))
        return -1;
    isolated = (li == 0 || c->lines[li - 1].type == L_BLANK) &&
               (li + 1 == c->nl || c->lines[li + 1].type == L_BLANK);
    {
        const unsigned char *r = (const unsigned char *)c->r.data;
        size_t n = c->r.len, i = 0;
        while (i < n && r[i] == ' ')
            i++;
        while (n > i && r[n - 1] == ' ')
            n--;
        if (i == n || S_dropped(r + i, n - i, isolated)) {
            S_pop_to(&c->inl, e0);
            *dropped = 1;
            return 0;
        }
    }
    u = S_new_unit(c);
    if (!u)
        return -1;
    u->kind = U_TEXT;
    u->cs = ts;
    u->ce = te;
    u->e0 = e0;
    u->e1 = c->inl.n;
    u->gap = gap;
    u->atx = atx;
    u->emph_s = t[a] == '*' || t[a] == '_';
    u->emph_e = (t[te - 1] == '*' || t[te - 1] == '_') &&
                !(te >= ts + 2 && t[te - 2] == '\\');
    S_features(c, u);
    {
        const unsigned char *r = (const unsigned char *)c->r.data;
        size_t n = c->r.len, i = 0;
        utf8proc_int32_t cp;
        while (i < n && r[i] == ' ')
            i++;
        S_cp(r + i, n - i, &cp);
        if (S_is_supdigit(cp) ||
            (n - i > 3 && r[i] == '[' && r[i + 1] == '^'))
            u->kind = U_FOOT;
        else if (r[i] == '[') { /* "[1] Quyết định số ..." */
            size_t q = i + 1;
            while (q < n && q - i <= 3 && r[q] >= '0' && r[q] <= '9')
                q++;
            if (q > i + 1 && q < n && r[q] == ']' && (q + 1 == n || r[q + 1] == ' '))
                u->kind = U_FOOT;
        }
    }
    c->nu++;
    return 0;
}

/* ------------------------------------------------------------ paragraphs */

typedef struct {
    int kind, item, atx, standalone, has_lower, has_upper, sent_end, last_lower;
    size_t nchars;
} S_para;

static void S_para_start(S_para *p, const S_unit *u)
{
    p->kind = u->kind;
    p->item = u->item;
    p->atx = u->atx;
    p->standalone = u->emph_s && u->emph_e;
    p->has_lower = u->has_lower;
    p->has_upper = u->has_upper;
    p->sent_end = u->sent_end;
    p->last_lower = u->last_lower;
    p->nchars = u->nchars;
}

static void S_para_add(S_para *p, const S_unit *u, int emph_s_first)
{
    p->standalone = emph_s_first && u->emph_e;
    p->has_lower |= u->has_lower;
    p->has_upper |= u->has_upper;
    p->sent_end = u->sent_end;
    p->last_lower = u->last_lower;
    p->nchars += u->nchars;
}

/* Does unit u continue paragraph p? gap: a blank line, page break or
 * moved footnote lies between them. */
static int S_join(const S_para *p, const S_unit *u, int gap)
{
    int p_caps = p->has_upper && !p->has_lower;
    if (u->kind != U_TEXT || p->kind != U_TEXT || u->item || u->atx || p->atx)
        return 0;
    if (p->standalone) /* a whole bold or italic line stands alone */
        return 0;
    /* a line in capitals, then one in sentence case: a title block
     * ("CỦA BAN CHẤP HÀNH ĐẢNG BỘ" / "về tập trung ...") */
    if (p_caps && u->has_lower)
        return 0;
    if (!gap) /* a soft break inside a Markdown block */
        return 1;
    if (p->sent_end)
        return 0;
    if (u->lower_start)
        return 1;
    if (p_caps || (u->has_upper && !u->has_lower) || u->emph_s ||
        !p->last_lower)
        return 0;
    /* "khóa / XIII và", "Ban Chỉ đạo / 35 - Thành ủy": a number goes on */
    if (u->num_start)
        return !p->item || p->nchars >= 100;
    /* a capital after a page break: only a long paragraph cut mid-word
     * group (headings without a full stop run up to ~180 characters) */
    return u->upper_start && p->nchars >= 250;
}

/* ----------------------------------------------------------------- entry */

static int S_is_ws_region(const unsigned char *t, size_t a, size_t b)
{
    size_t i;
    for (i = a; i < b; i++)
        if (!(S_is_sp(t[i]) || t[i] == '\n' || t[i] == '\f'))
            return 0;
    return 1;
}

static int S_sep(S_ctx *c, S_elist *out, size_t a, size_t b, const char *r,
                 int table)
{
    size_t rn = strlen(r);
    nqx_change_kind k;
    if (b - a == rn && memcmp(c->t + a, r, rn) == 0)
        return 0;
    if (rn == 1 && r[0] == ' ')
        k = NQX_CHANGE_JOIN;
    else if (S_is_ws_region(c->t, a, b))
        k = NQX_CHANGE_SPACE;
    else
        k = table ? NQX_CHANGE_TABLE : NQX_CHANGE_MARKUP;
    return S_push(out, a, b, r, rn, k);
}

static int S_paragraphs(S_ctx *c, S_elist *out)
{
    size_t k, pos = 0, prev_main = (size_t)-1, foot0 = (size_t)-1;
    int first = 1, gap = 0, infoot = 0, prev_kind = U_TEXT;
    int pemph = 0;
    S_para p;
    memset(&p, 0, sizeof p);
    /* which units belong to footnotes, which join */
    for (k = 0; k < c->nu; k++) {
        S_unit *u = &c->u[k];
        if (u->kind == U_FOOT) {
            u->foot = 1;
            infoot = 1;
            gap = 1;
            if (foot0 == (size_t)-1)
                foot0 = k;
            continue;
        }
        if (infoot && !u->gap && u->kind == U_TEXT && !u->item) {
            u->foot = u->foot_cont = 1;
            continue;
        }
        infoot = 0;
        gap |= u->gap;
        if (prev_main != (size_t)-1 && S_join(&p, u, gap)) {
            /* footnotes that cut this sentence go to the end */
            size_t f;
            u->join = 1;
            S_para_add(&p, u, pemph);
            for (f = foot0; f != (size_t)-1 && f < k; f++)
                c->u[f].moved = c->u[f].foot;
        } else {
            S_para_start(&p, u);
            pemph = u->emph_s;
        }
        prev_main = k;
        foot0 = (size_t)-1;
        gap = 0;
    }
    /* edits in text order */
    for (k = 0; k < c->nu; k++) {
        S_unit *u = &c->u[k];
        const char *sep;
        size_t e;
        if (u->moved)
            continue;
        if (first)
            sep = "";
        else if (u->foot)
            sep = u->foot_cont ? " " : "\n";
        else
            sep = u->join ? " " : "\n";
        if (S_sep(c, out, pos, u->cs, sep,
                  u->kind == U_ROW || prev_kind == U_ROW))
            return -1;
        for (e = u->e0; e < u->e1; e++) {
            if (S_grow(out))
                return -1;
            out->v[out->n++] = c->inl.v[e];
            c->inl.v[e].repl = NULL;
        }
        pos = u->ce;
        prev_kind = u->kind;
        first = 0;
    }
    if (S_sep(c, out, pos, c->len, first ? "" : "\n", 0))
        return -1;
    /* moved footnotes, each on its own line at the end */
    for (k = 0; k < c->nu; k++) {
        S_unit *u = &c->u[k];
        nqx_buf fb = {0};
        size_t src = u->cs, j;
        if (!u->moved || u->foot_cont)
            continue;
        for (j = k; j < c->nu && c->u[j].moved &&
                    (j == k || c->u[j].foot_cont); j++) {
            if (S_render(c, c->u[j].cs, c->u[j].ce, c->u[j].e0, c->u[j].e1) ||
                (j > k && nqx_buf_append(&fb, " ", 1)) ||
                nqx_buf_append(&fb, c->r.data, c->r.len)) {
                nqx_buf_free(&fb);
                return -1;
            }
        }
        if (nqx_buf_append(&fb, "\n", 1) ||
            S_push(out, c->len, c->len, fb.data, fb.len, NQX_CHANGE_MARKUP)) {
            nqx_buf_free(&fb);
            return -1;
        }
        out->v[out->n - 1].moved = 1;
        out->v[out->n - 1].src = src;
        nqx_buf_free(&fb);
    }
    return 0;
}

/* Was the text hard-wrapped? Crawled Markdown and OCR lines stop near a
 * fixed width (~80 columns), so a newline inside a block is a soft wrap.
 * Text written one paragraph per line has many lines far longer than
 * that: there every newline ends a paragraph unless the next line plainly
 * continues the sentence (the rules for a page break). This also makes
 * normalizing normalized text a no-op. */
#define S_LONG_LINE 200 /* bytes: ~150 Vietnamese characters */

static int S_unwrapped(const S_ctx *c)
{
    size_t k, ntext = 0, nlong = 0;
    for (k = 0; k < c->nl; k++)
        if (c->lines[k].type == L_TEXT) {
            ntext++;
            nlong += c->lines[k].te - c->lines[k].ts > S_LONG_LINE;
        }
    return nlong >= 2 && nlong * 20 >= ntext;
}

nqx_status nqx_norm_layout(const char *text, size_t len, nqx_norm_edit **edits,
                           size_t *nedits, nqx_error *err)
{
    S_ctx c;
    S_elist out = {0};
    size_t li = 0;
    int gap = 0, rc = 0, unwrapped;
    *edits = NULL;
    *nedits = 0;
    memset(&c, 0, sizeof c);
    c.t = (const unsigned char *)text;
    c.len = len;
    if (S_split_lines(&c))
        rc = -1;
    unwrapped = !rc && S_unwrapped(&c);
    while (!rc && li < c.nl) {
        const S_line *L = &c.lines[li];
        int dropped = 0;
        if (L->pb || unwrapped)
            gap = 1;
        switch (L->type) {
        case L_BLANK:
            gap = 1;
            li++;
            break;
        case L_PIPESEP:
            li++;
            break;
        case L_PIPE:
            rc = S_pipe_row(&c, L, gap);
            gap = 0;
            li++;
            break;
        case L_BAR: {
            size_t next = li + 1;
            rc = S_exploded(&c, li, gap, &next);
            gap = 0;
            li = next > li ? next : li + 1;
            break;
        }
        default:
            rc = S_text_line(&c, li, gap, &dropped);
            if (dropped)
                gap = 1;
            else
                gap = 0;
            li++;
        }
    }
    if (!rc)
        rc = S_paragraphs(&c, &out);
    free(c.lines);
    free(c.u);
    nqx_buf_free(&c.r);
    S_pop_to(&c.inl, 0);
    free(c.inl.v);
    if (rc) {
        nqx_norm_edits_free(out.v, out.n);
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    *edits = out.v;
    *nedits = out.n;
    return NQX_OK;
}
