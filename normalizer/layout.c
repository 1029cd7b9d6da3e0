/* layout.c: layout repair of crawled Markdown and OCR text.
 *
 * The text is read once as lines. Each line becomes a unit (a text line,
 * a table row, a footnote line) with its inline edits (markup stripped,
 * spaces collapsed), or is dropped (blank, rule, page marker, lone page
 * number). Then the gap between two kept units becomes one separator:
 * " " when the second continues the first's sentence (a hard wrap or a
 * page break), "\n" otherwise. Footnotes that interrupt the running text
 * are moved past the paragraph they interrupt. Everything is linear in the input: one pass over
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
 * or without outer pipes, or typed as plain text "a | b | c"; a row of
 * one cell is a line of text) and tables exploded one cell per line,
 * where a line holding only "|" separates cells and "|" twice starts a
 * new row.
 *
 * Text with no blank line whose lines hardly ever run on in lower case is
 * one unit per line (plain text, or text normalized already): there a
 * newline follows the page-break rules. So normalizing normalized text
 * gives the same bytes and no change (tests/test_normalize.c).
 */
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    return nqx_norm_edit_push(&l->v, &l->n, &l->cap, s, e, r, rn, k, 1.0);
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
    int nsep;      /* " | " cell separators inside the line */
    int cont;      /* a table row's cell text wrapped onto this line */
    size_t nch;    /* its characters, counted where S_room needs them */
} S_line;

enum { U_TEXT, U_ROW, U_FOOT };
enum { G_NONE, G_LINE, G_REAL, G_WRAP };

typedef struct {
    size_t cs, ce;      /* content span in the text */
    size_t e0, e1;      /* its inline edits in ctx->inl */
    int kind;
    int gap;            /* G_LINE: a newline of one-unit-per-line text;
                           G_REAL: blank line, page break, dropped line;
                           G_WRAP: a newline of text wrapped at a width
                           with no blank line between its paragraphs */
    int cont;           /* a row's wrapped cell text: joins the row */
    int item, atx;      /* opens a list item / numbered heading; '#' line.
                           item 2: marked by a number or a letter ("2.",
                           "a)", "II."; no dash nor bullet), the line not
                           ended by a word a name may follow ("hoặc",
                           "theo", "của": S_link_word) */
    int emph_s, emph_e; /* opens / closes with an emphasis run */
    int lower_start, upper_start;
    int word_start;     /* ... and its first word is all letters ("thực,"),
                           no point's mark ("b.1)", "b2-") */
    int has_lower, has_upper;
    int sent_end;       /* ends with . ! ? (closing quotes skipped) */
    int clause_end;     /* ends with : or ; */
    int last_lower;     /* ends with a lower-case letter */
    int dangling;       /* ends with a word no sentence ends with: "của";
                           2: with a comma */
    int term_word;      /* ends with "khóa", which a term's number follows */
    int sent_word;      /* opens with a word only a sentence's start writes
                           with a capital (S_sentence_word); asked only
                           after a line with name_end */
    int name_end;       /* ends with the word an agency's name opens with,
                           after a word in lower case but "các", "những":
                           "phối hợp với Bộ" (S_name_end) */
    int num_word;       /* ends with "số" (1), "ngày", "Khoản", "Điều" (2):
                           the word a number follows (S_num_word) */
    int digit_ref;      /* opens with a number that is no item's mark:
                           2 "06/2022/TT-BTTTT", "28/11/2022"; 1 "1 Điều 7" */
    int roman_start;    /* starts with a Roman number: "XIII." */
    int short_line;     /* in regularly wrapped G_WRAP text, the line stops
                           well short of the width (S_wrap_width) */
    int room;           /* ... the line before had room for this line's
                           first word (S_room) */
    int last_digit;     /* ends with a digit */
    int code_end;       /* ends with a document number cut after its '-'
                           or '/' ("179-QĐ/", "ANCT-", "19-") */
    int code_start;     /* opens with a code's part in capitals or digits
                           ("TW,", "NQ/TW", "TTATXH.") */
    int stop_lower;     /* ends with a full stop right after a word in
                           lower case: "lương." (a scan's stray stop when
                           the next line goes on in lower case) */
    int dash_cont;      /* "- 15%" (1), "- xã hội" (2): a dash, then a digit
                           or a lower-case letter (a hyphen a wrap put first?) */
    int dash_pct;       /* ... the digits a percentage: "- 15%" */
    int comma_label;    /* opens with a number of one or two digits, a
                           comma and a capital, as a scan reads "3. Tổ
                           chức ..." (S_comma_label), at any length */
    int num_start;      /* starts with a number: "35 -", "XIII và" */
    int bare;           /* the line is a numbering mark alone: "2.", "b)" */
    int part_word;      /* 1: the line is "Điều", "Chương", "Mục" or "Phần"
                           alone: its number went to the next line; 2:
                           the line is a part's heading, "Điều 5. Tổ chức
                           thực hiện" (S_part_head), not ended by a word
                           a name may follow (S_link_word) */
    int block;          /* opens a block of the document's frame: "Nơi
                           nhận:", "Kính gửi:" (S_block_label) */
    int one_word;       /* the line is a dash's or a plus's point of one
                           word that opens an agency's name and nothing
                           after it: "+ Sở" (S_name_head) */
    size_t nchars;
    int after_page;     /* a page's number (dropped) stands before it */
    /* set by the paragraph pass */
    int join;           /* joined to the previous kept unit with " " */
    int glue;           /* ... with nothing: a document number's parts */
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
    int page;      /* a page's number was dropped since the last unit */
    size_t width;  /* G_WRAP text wrapped regularly: S_wrap_width */
    size_t cwidth; /* ... and its width in characters (S_char_width) */
    size_t tildes; /* lines opened by "~ " and a letter (S_tilde) */
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
    L->nsep = 0;
    L->cont = 0;
    L->nch = 0;
    if (te - ts >= 3) { /* " | " inside the line: the cells of a row */
        const unsigned char *q = t + ts + 1;
        while ((q = memchr(q, '|', (size_t)(t + te - 1 - q))) != NULL) {
            L->nsep += q[-1] == ' ' && q[1] == ' ';
            q++;
        }
    }
    if (ts == te)
        L->type = L_BLANK;
    else if (te - ts == 1 && t[ts] == '|')
        L->type = L_BAR;
    else {
        const unsigned char *bar = memchr(t + ts, '|', te - ts);
        size_t k;
        int sep = bar != NULL, dash = 0;
        /* "|---|:--:|", not a row of "-" cells (nothing to report) */
        for (k = ts; k < te && sep; k++) {
            if (t[k] == '-')
                dash += k + 2 < te && t[k + 1] == '-' && t[k + 2] == '-';
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

/* Does the line start (past markup and an opening quote or bracket)
 * with a lower-case letter? */
static int S_line_lower(const S_ctx *c, const S_line *L)
{
    const unsigned char *t = c->t;
    size_t i = L->ts;
    utf8proc_int32_t cp = -1;
    while (i < L->te && (t[i] == '*' || t[i] == '_' || t[i] == '(' ||
                         t[i] == '"'))
        i++;
    if (i < L->te &&
        utf8proc_iterate(t + i, (utf8proc_ssize_t)(L->te - i), &cp) <= 0)
        return 0;
    if (cp == 0x201C && i + 3 < L->te)
        utf8proc_iterate(t + i + 3, (utf8proc_ssize_t)(L->te - i - 3), &cp);
    return cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Plain-text tables: a line with " | " between cells is a row, never
 * joined to its neighbours. A row cut short whose cell text wrapped goes
 * on in the next line, which starts in lower case and holds the missing
 * separators: it is marked cont and joins the row with " ". Only in a
 * regular table, where every other row is as wide as the widest: rows
 * of differing widths (merged cells, dropped empty cells) stay apart. */
static void S_mark_plain_rows(S_ctx *c)
{
    S_line *L = c->lines;
    size_t k, j, r;
    for (k = 0; k < c->nl; k++)
        if (L[k].type == L_TEXT && L[k].nsep > 0)
            L[k].type = L_PIPE;
    for (k = 0; k < c->nl; k = j) {
        int wide = 0, have, regular = 1, conts = 0;
        if (L[k].type != L_PIPE) {
            j = k + 1;
            continue;
        }
        for (j = k; j < c->nl && L[j].type == L_PIPE && !(j > k && L[j].pb); j++)
            wide = L[j].nsep > wide ? L[j].nsep : wide;
        have = L[k].nsep;
        for (r = k + 1; r < j; r++) {
            /* (not "x | x", "i | Ủy viên": a mark, an item label) */
            if (have < wide && L[r].nsep + have == wide &&
                S_line_lower(c, &L[r]) && c->t[L[r].ts + 1] != ' ') {
                L[r].cont = 1;
                conts++;
                have = wide;
            } else {
                regular &= have == wide;
                have = L[r].nsep;
            }
        }
        regular &= have == wide;
        if (conts && !regular)
            for (r = k + 1; r < j; r++)
                L[r].cont = 0;
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

/* The letter of a point label "e) " at p (a-z, or 'D' for đ), its
 * length in *n; 0 if none. */
static int S_label_at(const unsigned char *t, size_t p, size_t te, size_t *n)
{
    int l = 0;
    size_t k = p;
    if (k < te && t[k] >= 'a' && t[k] <= 'z')
        l = t[k++];
    else if (k + 1 < te && t[k] == 0xC4 && t[k + 1] == 0x91) {
        l = 'D';
        k += 2;
    }
    if (!l || k >= te || t[k] != ')')
        return 0;
    if (k + 1 == te) { /* "e)" alone, its text on the next line */
        *n = k + 1 - p;
        return l;
    }
    if (t[k + 1] != ' ')
        return 0;
    *n = k + 2 - p;
    return l;
}

/* Does label b follow a? Latin order, or the Vietnamese one (d, đ, e,
 * g, h, i, k, ..., v, x). */
static int S_label_next(int a, int b)
{
    if (a == 'd')
        return b == 'e' || b == 'D';
    if (a == 'D')
        return b == 'e';
    if (a == 'e')
        return b == 'f' || b == 'g';
    if (a == 'i')
        return b == 'j' || b == 'k';
    if (a == 'v')
        return b == 'w' || b == 'x';
    return a >= 'a' && a < 'z' && b == a + 1;
}

/* "... đưa tang. f) Người qua đời ...": text extracted from a PDF runs
 * the next point of a list on after the full stop of the one before.
 * Split there only when the label is the one that follows the label that
 * opened this paragraph (*last: set by a line that starts with a label,
 * kept by the lines that go on after a line that did not end a sentence,
 * cleared by any other), so that "gồm: a) ...; b) ..." in one sentence
 * stays whole. Returns where the point starts, or te. */
static size_t S_glued_label(const unsigned char *t, size_t ts, size_t te,
                            int *last, int closed)
{
    size_t p = ts + 4, n;
    int l;
    if ((l = S_label_at(t, ts, te, &n)) != 0)
        *last = l;
    else if (closed)
        *last = 0;
    if (!*last)
        return te;
    while (p < te) {
        const unsigned char *q = memchr(t + p, ')', te - p);
        size_t b;
        if (!q)
            break;
        p = (size_t)(q - t);
        b = t[p - 1] == 0x91 ? p - 2 : p - 1; /* the label's first byte */
        if ((p + 1 == te || t[p + 1] == ' ') && b >= ts + 2 && t[b - 1] == ' ' &&
            (t[b - 2] == '.' || t[b - 2] == ';') &&
            (l = S_label_at(t, b, te, &n)) != 0 && S_label_next(*last, l) &&
            (b + n == te || t[b + n] >= 0x80 ||
             (t[b + n] >= 'A' && t[b + n] <= 'Z')) &&
            !memchr(t + ts, '|', te - ts)) { /* not in a table's cell */
            *last = l;
            return b;
        }
        p++;
    }
    return te;
}

static int S_split_lines(S_ctx *c)
{
    size_t i = 0, cap = 0;
    int pb = 0, label = 0, closed = 1;
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
        while (ts < te && (g = S_glued_label(t, ts, te, &label, closed)) < te) {
            if (S_add_line(c, &cap, ts, g - 1, pb))
                return -1;
            pb = 0;
            ts = g;
        }
        if (ts == te)
            closed = 1; /* a blank line ends a paragraph */
        else {
            size_t k = te;
            while (k > ts && (t[k - 1] == '*' || t[k - 1] == '_' || t[k - 1] == '"'))
                k--;
            closed = k > ts && strchr(".;:!?", t[k - 1]) != NULL;
        }
        if (S_add_line(c, &cap, ts, te, pb))
            return -1;
        pb = ff != NULL;
    }
    S_mark_gfm_rows(c);
    S_mark_plain_rows(c);
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

/* Bytes that may start markup: 1 always, 2 a space, which S_inline acts
 * on only before a byte of S_after_space, 4 a comma, only before a
 * letter's first byte (S_after_space's bit 4). Constant, so that threads
 * normalizing at once (nqx ingest -j) share it without a race on a lazy
 * first fill. */
static const unsigned char S_special[256] = {
    ['\\'] = 1, ['*'] = 1, ['_'] = 1, ['<'] = 1, ['&'] = 1, [' '] = 2,
    ['\t'] = 1, [0xC2] = 1, [','] = 4};

/* Bytes after a space that the branch for spaces in S_inline acts on:
 * more space, a NBSP's first byte, or emphasis marks (2, the bit of a
 * space in S_special); 4: the first bytes of a letter, after a comma
 * (ASCII letters, and the lead bytes of Latin letters with marks, C3-C6
 * and E1: "Huế,chính" lost its space), or an emphasis mark ("2,*Nhà") */
#define S_L4(a) [a] = 4, [a + 1] = 4, [a + 2] = 4, [a + 3] = 4, [a + 4] = 4, \
                [a + 5] = 4, [a + 6] = 4, [a + 7] = 4
static const unsigned char S_after_space[256] = {
    [' '] = 2, ['\t'] = 2, [0xC2] = 2, ['*'] = 2 | 4, ['_'] = 2 | 4,
    S_L4('A'), S_L4('I'), S_L4('Q'), ['Y'] = 4, ['Z'] = 4,
    S_L4('a'), S_L4('i'), S_L4('q'), ['y'] = 4, ['z'] = 4,
    [0xC3] = 4, [0xC4] = 4, [0xC5] = 4, [0xC6] = 4, [0xE1] = 4};
#undef S_L4

/* Is the code point a letter or a digit? */
static int S_wordch(utf8proc_int32_t cp)
{
    utf8proc_category_t k = utf8proc_category(cp);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           k == UTF8PROC_CATEGORY_ND;
}

/* Do two letters or digits end at i (text from a) / start at j (up to
 * b)? (One would be a letter set in bold inside a word: "qu**á** cảnh".) */
static int S_word_end(const unsigned char *t, size_t a, size_t i)
{
    int n;
    for (n = 0; n < 2; n++) {
        size_t k = i - 1;
        utf8proc_int32_t cp;
        if (i <= a)
            return 0;
        while (k > a && i - k < 4 && (t[k] & 0xC0) == 0x80)
            k--;
        if (utf8proc_iterate(t + k, (utf8proc_ssize_t)(i - k), &cp) <= 0 ||
            !S_wordch(cp))
            return 0;
        i = k;
    }
    return 1;
}

static int S_word_start(const unsigned char *t, size_t j, size_t b)
{
    int n;
    for (n = 0; n < 2; n++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        if (j >= b)
            return 0;
        k = utf8proc_iterate(t + j, (utf8proc_ssize_t)(b - j), &cp);
        if (k <= 0 || !S_wordch(cp))
            return 0;
        j += (size_t)k;
    }
    return 1;
}

/* Does the comma at t[i] join two words with no space after it, "Huế,chính",
 * "Sở Tài chính,Sở Xây dựng", "năm 2025,cầu" (OCR, careless typing), where
 * the tokenizer and the phrase cuts want ", "? A letter (or a digit) before
 * it, a letter after it (two, after a digit) and one in lower case in the
 * two words: not "1,5" (a decimal), "PGS,TS", "O.P,M.A."
 * (titles in capitals), nor a word with ':', '@' or '=' (a URL's or an
 * address's query: "?a=1,b"). */
static int S_comma_space(const unsigned char *t, size_t a, size_t i, size_t b)
{
    size_t k = i, j = i + 1, k0;
    int lower = 0, letter = 0, digit = 0;
    utf8proc_int32_t cp;
    /* emphasis marks by the comma go ("Phong**,**Ủy", "2,*Nhà"): the
     * words are the text's next to it */
    while (k > a && (t[k - 1] == '*' || t[k - 1] == '_'))
        k--;
    while (j < b && (t[j] == '*' || t[j] == '_'))
        j++;
    k0 = k;
    /* the word before: back to a space */
    while (k > a && !S_is_sp(t[k - 1])) {
        size_t q = k - 1;
        utf8proc_category_t cat;
        while (q > a && k - q < 4 && (t[q] & 0xC0) == 0x80)
            q--;
        if (utf8proc_iterate(t + q, (utf8proc_ssize_t)(k - q), &cp) <= 0)
            return 0;
        if (cp == ':' || cp == '@' || cp == '=')
            return 0;
        cat = utf8proc_category(cp);
        if (k == k0) {
            digit = cat == UTF8PROC_CATEGORY_ND;
            if (!digit && !(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO))
                return 0; /* no letter or digit before the comma */
        }
        lower |= cat == UTF8PROC_CATEGORY_LL;
        k = q;
    }
    /* the word after: its letters */
    while (j < b) {
        utf8proc_ssize_t n = utf8proc_iterate(t + j, (utf8proc_ssize_t)(b - j), &cp);
        utf8proc_category_t cat;
        if (n <= 0)
            return 0;
        cat = utf8proc_category(cp);
        if (!(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) &&
            !(cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME))
            break;
        letter += cat != UTF8PROC_CATEGORY_MN;
        lower |= cat == UTF8PROC_CATEGORY_LL;
        j += (size_t)n;
    }
    if (j < b && (t[j] == ':' || t[j] == '@' || t[j] == '='))
        return 0;
    /* after a number, a word of two letters or more: "năm 2025,cầu",
     * "khoản 8,khoản 10", not "1,a" */
    return letter && lower && (!digit || letter >= 2);
}

/* The first i at or after i0 (i0 < b) where S_inline's scan may stop,
 * sixteen bytes a step: a byte of S_special's bit 1, a comma, or a space
 * before a byte of S_after_space's bit 2 (S_inline tests each such byte
 * as before; a comma before no letter is passed there). Near b (or
 * without SSE2) i0 itself: the bytes left are tested one by one. */
static inline size_t S_skip_plain(const unsigned char *t, size_t i, size_t b)
{
#if defined(__SSE2__)
    while (i + 17 <= b) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(t + i + 1));
        __m128i star = _mm_set1_epi8('*'), und = _mm_set1_epi8('_');
        __m128i tab = _mm_set1_epi8('\t'), c2 = _mm_set1_epi8((char)0xC2);
        __m128i sp = _mm_set1_epi8(' ');
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                                      _mm_cmpeq_epi8(v, star)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, und),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('<')))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                                      _mm_cmpeq_epi8(v, tab)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, c2),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8(',')))));
        __m128i after = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(w, sp), _mm_cmpeq_epi8(w, tab)),
            _mm_or_si128(_mm_cmpeq_epi8(w, c2),
                         _mm_or_si128(_mm_cmpeq_epi8(w, star), _mm_cmpeq_epi8(w, und))));
        unsigned bits = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v, sp), after)));
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
        i += 16;
    }
#else
    (void)t, (void)b;
#endif
    return i;
}

/* Strip markup in [a, b), appending edits. */
static int S_inline(S_ctx *c, size_t a, size_t b)
{
    const unsigned char *t = c->t;
    size_t i = a;
    while (i < b) {
        unsigned char ch, nx;
        /* nothing to do at most bytes: those that start no markup, and a
         * space before a word (the branch for spaces below would find no
         * edit); told apart without a branch on the byte, which would
         * mispredict at every word, in a loop of their own (the last
         * byte, which has no next one, is taken below) */
        for (i = S_skip_plain(t, i, b);
             i + 1 < b && !(S_special[t[i]] & (1 | S_after_space[t[i + 1]]));
             i = S_skip_plain(t, i + 1, b))
            ;
        ch = t[i];
        nx = i + 1 < b ? t[i + 1] : 0;
        if (!(S_special[ch] & (1 | S_after_space[nx]))) {
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
                /* "Hậu cần**thuộc": the crawl lost the space by the mark */
                int glued = ch == '*' && j - i <= 2 && !sb && !sa && i > a && j < b &&
                            S_word_end(t, a, i) && S_word_start(t, j, b);
                if (i == a) /* "** Nguyễn": the spaces go too */
                    while (j < b && t[j] == ' ')
                        j++;
                if (S_push(&c->inl, i, j, " ", (size_t)glued, NQX_CHANGE_MARKUP))
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
                /* "DÂN **", "đất **** **" at the end of a line: the
                 * spaces go too */
                size_t q = j;
                while (q < b && (t[q] == t[j] || (t[j] == '*' && t[q] == ' ')))
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
        } else if (ch == ',') {
            if (S_comma_space(t, a, i, b) &&
                S_push(&c->inl, i + 1, i + 1, " ", 1, NQX_CHANGE_SPACE))
                return -1;
            i++;
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

#define S_COMMA_HEAD 90 /* bytes: a heading "N, ..." is no longer */

/* Does r open with a number of one or two digits, ", " and a capital
 * ("3, Tổ chức thực hiện", a label whose full stop OCR read as a comma;
 * labels.c puts it back), not "12, Điều 13", "12, Khoản 2" (a wrap's
 * references)? */
static int S_comma_label(const unsigned char *r, size_t n)
{
    size_t i = 0;
    utf8proc_int32_t cp;
    while (i < n && i < 3 && r[i] >= '0' && r[i] <= '9')
        i++;
    if (i == 0 || i > 2 || i + 2 >= n || r[i] != ',' || r[i + 1] != ' ')
        return 0;
    i += 2;
    return S_cp(r + i, n - i, &cp) > 0 && cp >= 0 &&
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LU &&
           !(n - i >= 6 && memcmp(r + i, "Điều", 6) == 0) &&
           !(n - i >= 7 && memcmp(r + i, "Khoản", 7) == 0);
}

/* Does r open with a Roman number a scan misread, I read as 1, l or |
 * ("1V.", "V1.", "1II."), then ". " and a heading in capitals (no letter
 * in lower case)? labels.c puts the number back; here it keeps the
 * heading off the line before ("5. ... kết quả." / "1V. NHIỆM VỤ"). */
static int S_misread_roman_head(const unsigned char *r, size_t n)
{
    static const char *const ok[] = {"II", "III", "IV", "VI", "VII", "VIII",
                                     "IX", "XI", "XII", "XIII", "XIV", "XVI"};
    char v[8];
    size_t i = 0, k;
    int alike = 0, caps = 0;
    while (i < n && i < 6 && (S_roman(r[i]) || r[i] == '1' || r[i] == 'l' || r[i] == '|')) {
        alike += r[i] == '1' || r[i] == 'l' || r[i] == '|';
        v[i] = S_roman(r[i]) ? (char)r[i] : 'I';
        i++;
    }
    v[i] = '\0';
    if (!alike || i == (size_t)alike || i + 2 >= n || r[i] != '.' || r[i + 1] != ' ')
        return 0;
    for (k = 0; k < sizeof ok / sizeof *ok && strcmp(ok[k], v); k++)
        ;
    if (k == sizeof ok / sizeof *ok)
        return 0;
    for (i += 2; i < n;) {
        utf8proc_int32_t cp;
        int l = S_cp(r + i, n - i, &cp);
        utf8proc_category_t cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
        if (cat == UTF8PROC_CATEGORY_LL)
            return 0;
        caps += cat == UTF8PROC_CATEGORY_LU;
        i += l > 0 ? (size_t)l : 1;
    }
    return caps >= 2;
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
    if (S_misread_roman_head(r, n))
        return 1;
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
        /* "6, Ủy ban Kiểm tra Thành ủy": a heading whose full stop OCR
         * read as a comma (labels.c puts it back). A wrap puts a number
         * and a comma at a line's start too ("Điều\n12, Điều 13 Nghị
         * định số 268/2025"): a heading is short and cites no number. */
        if (groups == 1 && last <= 2 && n <= S_COMMA_HEAD && i + 2 < n &&
            r[i] == ',' && r[i + 1] == ' ' && S_cp(r + i + 2, n - i - 2, &cp) > 0 &&
            utf8proc_category(cp) == UTF8PROC_CATEGORY_LU &&
            !(n - i - 2 >= 6 && memcmp(r + i + 2, "Điều", 6) == 0) &&
            !(n - i - 2 >= 7 && memcmp(r + i + 2, "Khoản", 7) == 0)) {
            size_t q;
            for (q = i + 2; q < n && !(r[q] >= '0' && r[q] <= '9'); q++)
                ;
            return q == n;
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
    /* "€)", "©)", "ø)": a point's letter as a scan misreads it (c, g;
     * labels.c puts the letter back) */
    if ((cp == 0x20AC || cp == 0xA9 || cp == 0xF8) && (size_t)k + 1 < n &&
        r[k] == ')' && r[k + 1] == ' ')
        return 1;
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
                /* "Chương V của Nghị định này": a reference that a hard
                 * wrap put at the line's start, not a part */
                if (q + 1 < n && r[q] == ' ' &&
                    ((r[q + 1] >= 'a' && r[q + 1] <= 'z') ||
                     (S_cp(r + q + 1, n - q - 1, &cp) > 1 &&
                      utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)))
                    return 0;
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

/* Is the item line r nothing but its mark ("2.", "1.1.", "II.", "b)",
 * "(3)")? Word exports and PDF copies put the mark on a line of its own
 * and the heading or point on the next, often after a blank line. */
static int S_bare(const unsigned char *r, size_t n)
{
    size_t i;
    if (n < 2 || n > 12)
        return 0;
    if (r[0] == '(') /* "(1)", "(a)"; "(1932)" is a year */
        return n <= 5;
    if (r[0] >= '0' && r[0] <= '9') {
        for (i = 0; i < n; i++) /* "1.", "2)", "1.1.", "5.4"; not "8.C" */
            if (r[i] != '.' && (r[i] < '0' || r[i] > '9') &&
                !(r[i] == ')' && i + 1 == n))
                return 0;
        return 1;
    }
    if (S_roman(r[0])) { /* "II."; "C)" is more often a label than 100 */
        for (i = 0; i + 1 < n; i++)
            if (!S_roman(r[i]))
                return 0;
        return r[n - 1] == '.';
    }
    return r[n - 1] == ')' && ((r[0] >= 'a' && r[0] <= 'z') || r[0] == 0xC4);
}

/* A line that carries no text: a rule, a lone star (1), a page marker
 * (2). */
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
        else if (ch != ' ' && ++other > 5)
            return 0; /* text: all the tests below need 5 others or none */
    }
    if (!other && !digits && (stars == n || (rule + stars >= 3)))
        return 1;
    /* ===== Trang 2 =====, Trang 2, - 2 -: a page's number (2) */
    if (digits && digits <= 4) {
        const unsigned char *p = memchr(r, 'T', n);
        if (p && (size_t)(p - r) + 5 <= n && memcmp(p, "Trang", 5) == 0 &&
            other == 5 && !stars)
            return 2;
        if (!other && !stars && rule && r[0] == '-' && r[n - 1] == '-')
            return 2;
        if (!other && !stars && !rule && isolated)
            return 2;
    }
    return 0;
}

/* Is r the word of a numbered part alone ("Điều", "CHƯƠNG")? A crawl
 * that wraps "**Điều 1. Phạm vi ...**" at the space after the word leaves
 * the number at the start of the next line, where it reads as an item. */
static int S_part_word(const unsigned char *r, size_t n)
{
    static const char *const w[] = {"Điều", "ĐIỀU", "Chương", "CHƯƠNG",
                                    "Mục", "MỤC", "Phần", "PHẦN"};
    size_t k;
    for (k = 0; k < sizeof w / sizeof w[0]; k++)
        if (n == strlen(w[k]) && memcmp(r, w[k], n) == 0)
            return 1;
    return 0;
}

/* Does r open with a numbered part and its title ("Điều 5. Tổ chức
 * thực hiện", "Chương II. NHIỆM VỤ")? The heading of an article, which a
 * line of its body follows (S_paragraphs). */
static int S_part_head(const unsigned char *r, size_t n)
{
    const char *w;
    size_t l, q;
    if (n < 8)
        return 0;
    switch (r[0]) { /* the word by its first byte: one compare a line */
    case 0xC4: w = "Điều"; l = sizeof "Điều" - 1; break;
    case 'C': w = "Chương"; l = sizeof "Chương" - 1; break;
    case 'M': w = "Mục"; l = sizeof "Mục" - 1; break;
    case 'P': w = "Phần"; l = sizeof "Phần" - 1; break;
    default: return 0;
    }
    if (n <= l + 4 || memcmp(r, w, l) != 0 || r[l] != ' ')
        return 0;
    q = l + 1;
    while (q < n && ((r[q] >= '0' && r[q] <= '9') || S_roman(r[q])))
        q++;
    return q > l + 1 && q + 2 < n && (r[q] == '.' || r[q] == ':') &&
           r[q + 1] == ' ';
}

/* The length of a UTF-8 sequence by its lead byte, as S_features counts
 * characters (1 below 0x80, 4 from 0xF0, 3 from 0xE0, else 2). */
static const unsigned char S_lead_len[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Words no sentence or title ends with: a line that ends with one goes
 * on in the next, even in text written one paragraph per line ("... theo
 * chỉ đạo tại Nghị quyết số 380/NQ-CP của" / "Chính phủ, đồng thời ...").
 * Not "theo", "trên", "qua", "bằng", "cùng", "về": "các năm tiếp theo",
 * "nêu trên", "vừa qua", "công bằng", "cuối cùng", a web page's "Tải về"
 * end lines; nor "hoặc": "...; hoặc" ends a point before the next. The
 * language's words, not a locality's: kept here, not in grammars/. */
/* "khóa" / "XIII và ...", "khóa" / "XII. Thời gian ...": a wrap between
 * a body and its term puts the term's number first on a line, where it
 * reads as a Roman heading. */
/* "số" (1), "ngày", "khoản", "điều" (2; any case of the first letter): a
 * document's, a date's, a clause's number follows them. After "số" only
 * a document's number ("số" / "72/2025/QH15"): a value follows "dân số",
 * "tổng số" on a line of its own in a table or an infobox. */
static int S_num_word(const unsigned char *w, size_t n)
{
    static const char *const words[] = {"ngày", "khoản", "Khoản", "điều", "Điều",
                                        NULL};
    if (n == strlen("số") && !memcmp(w, "số", n))
        return 1;
    return nqx_norm_word_in(words, w, n) ? 2 : 0;
}

/* Is the word before r[w] (w past its space) a count: digits, with '.'
 * and ',' inside ("353", "1.200")? */
static int S_count_before(const unsigned char *r, size_t i0, size_t w)
{
    size_t e = w - 1, b = e;
    if (w < i0 + 2)
        return 0;
    while (b > i0 && r[b - 1] != ' ')
        b--;
    if (b == e || r[b] < '0' || r[b] > '9')
        return 0;
    for (; b < e; b++)
        if (!((r[b] >= '0' && r[b] <= '9') || r[b] == '.' || r[b] == ','))
            return 0;
    return 1;
}

static int S_term_word(const unsigned char *w, size_t n)
{
    return (n == 5 && !memcmp(w, "khóa", 5)) || (n == 5 && !memcmp(w, "khoá", 5));
}

/* The length of the Roman number r starts with, followed by a space, a
 * full stop, a comma, a semicolon or the end; 0 if none. */
static size_t S_roman_start(const unsigned char *r, size_t n)
{
    size_t k = 0;
    while (k < n && k < 8 && (r[k] == 'I' || r[k] == 'V' || r[k] == 'X' || r[k] == 'L'))
        k++;
    return k && (k == n || r[k] == ' ' || r[k] == '.' || r[k] == ',' || r[k] == ';') ? k : 0;
}

static int S_dangling(const unsigned char *w, size_t n)
{
    static const char *const words[] = {
        "của", "và", "các", "những", "với", "cho", "tại", "để",
        "từ", "do", "là", "nhằm", "mà", "thì", NULL};
    return nqx_norm_word_in(words, w, n);
}

/* Words after which a line goes on with a name in capitals ("hoặc" /
 * "Ứng dụng VNeID", "theo" / "Điều 5"), besides S_dangling's. */
static int S_link_word(const unsigned char *w, size_t n)
{
    static const char *const words[] = {
        "hoặc", "hay", "theo", "về", "trong", "như", "bằng", "qua", "đến",
        "tới", "vào", "giữa", "gồm", "cùng", "thuộc", NULL};
    return nqx_norm_word_in(words, w, n) || S_dangling(w, n);
}

/* Is w the word an agency's name opens with ("Sở", "Bộ", "Ủy"), which
 * names nothing alone? */
static int S_name_head(const unsigned char *w, size_t n)
{
    static const char *const words[] = {
        "Sở", "Bộ", "Ban", "Phòng", "Cục", "Chi", "Ủy", "Văn", "Trung", "Viện",
        "Tổng", "Kho", "Ngân", "Liên", "Thanh", "Công", "Tòa", "Đài", NULL};
    return nqx_norm_word_in(words, w, n);
}

/* ... of them, those that end no line of text (no person's name, as
 * "Văn", "Thanh" or "Chi" may, which a signature's line ends with) */
static int S_name_end(const unsigned char *w, size_t n)
{
    static const char *const words[] = {"Sở", "Bộ", "Ủy", "Ban", "Phòng", "Cục",
                                        "Viện", NULL};
    return nqx_norm_word_in(words, w, n);
}

/* "các", "những", "mỗi": "các Sở" names no one agency, and may end a
 * heading ("Trách nhiệm của các Sở") */
static int S_plural(const unsigned char *w, size_t n)
{
    static const char *const words[] = {"các", "những", "mỗi", "Các", NULL};
    return nqx_norm_word_in(words, w, n);
}

/* Does a sentence open at r[w] (the line's text from i0 on): the line's
 * first word, or one after ". ", ": " or "; "? */
static int S_opens_sentence(const unsigned char *r, size_t i0, size_t w)
{
    return w == i0 || (w >= i0 + 2 && r[w - 1] == ' ' &&
                       (r[w - 2] == '.' || r[w - 2] == ':' || r[w - 2] == ';'));
}

/* Is c a capital of a document number's parts (A-Z, Đ as C4 90)? */
static size_t S_code_cap(const unsigned char *r, size_t n)
{
    if (n && r[0] >= 'A' && r[0] <= 'Z')
        return 1;
    return n >= 2 && r[0] == 0xC4 && r[1] == 0x90 ? 2 : 0;
}

/* Does r end with a document number cut after a '-' or '/' ("số
 * 179-QĐ/", "ANCT-", "Nghị quyết 19-"): a last word of capitals, digits,
 * '-' and '/' with a capital or a digit right before its last mark? */
static int S_code_end(const unsigned char *r, size_t n)
{
    size_t w = n, i;
    int caps = 0;
    if (n < 3 || (r[n - 1] != '-' && r[n - 1] != '/'))
        return 0;
    while (w > 0 && r[w - 1] != ' ')
        w--;
    if (n - w < 3)
        return 0;
    for (i = w; i < n - 1;) {
        size_t k = S_code_cap(r + i, n - 1 - i);
        if (k) {
            caps = 1;
            i += k;
        } else if ((r[i] >= '0' && r[i] <= '9') || r[i] == '-' || r[i] == '/') {
            i++;
        } else {
            return 0;
        }
    }
    return caps || (r[n - 2] >= '0' && r[n - 2] <= '9');
}

/* Does r open with a code's part: capitals (two or more) or digits, with
 * '-' and '/' inside, then a space, a ',', ';', '.', ')' or the end? */
static int S_code_start(const unsigned char *r, size_t n)
{
    size_t i = 0, caps = 0, digits = 0;
    while (i < n) {
        size_t k = S_code_cap(r + i, n - i);
        if (k) {
            caps++;
            i += k;
        } else if (r[i] >= '0' && r[i] <= '9') {
            digits++;
            i++;
        } else if ((r[i] == '-' || r[i] == '/') && i > 0) {
            i++;
        } else {
            break;
        }
    }
    if (!(caps >= 2 || (digits && !caps)))
        return 0;
    return i == n || r[i] == ' ' || r[i] == ',' || r[i] == ';' || r[i] == '.' ||
           r[i] == ')';
}

/* Fill the features of u from its cleaned text c->r. */
/* Does r open a block of the document's frame, a label no sentence
 * runs on into: the addressees ("Kính gửi:") and the recipients ("Nơi
 * nhận:"), which follow a line of any shape (a bracketed note, a title
 * without a full stop) in text that marks no paragraph; the motto and the
 * document's number, which text taken from a two-column header puts on
 * lines of their own next to others. */
static int S_block_label(const unsigned char *r, size_t n)
{
    static const char *const w[] = {"Nơi nhận", "NƠI NHẬN", "Kính gửi", "KÍNH GỬI",
                                    "Độc lập - Tự do - Hạnh phúc"};
    size_t k;
    for (k = 0; k < sizeof w / sizeof *w; k++) {
        size_t m = strlen(w[k]);
        if (n >= m && !memcmp(r, w[k], m) &&
            (n == m || r[m] == ':' || r[m] == ' '))
            return 1;
    }
    /* the document's number: "Số: 45/KH-UBND", "Số 15 - NQ/TU" */
    if (n > 6 && !memcmp(r, "Số", 4)) {
        k = 4;
        while (k < n && (r[k] == ' ' || r[k] == ':'))
            k++;
        if (k == 4 || k >= n || r[k] < '0' || r[k] > '9')
            return 0;
        while (k < n && r[k] >= '0' && r[k] <= '9')
            k++;
        while (k < n && r[k] == ' ')
            k++;
        if (k < n && (r[k] == '-' || r[k] == '/')) {
            k++;
            while (k < n && r[k] == ' ')
                k++;
            return k < n && ((r[k] >= 'A' && r[k] <= 'Z') || !memcmp(r + k, "Đ", 2));
        }
    }
    return 0;
}

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
    u->bare = u->item && S_bare(r + i, n - i);
    if (u->item && r[i] != '-' && r[i] != '+' && r[i] < 0x80)
        u->item = 2;
    if (n - i >= 3 && r[i] == '-' && r[i + 1] == ' ') {
        utf8proc_int32_t c2;
        S_cp(r + i + 2, n - i - 2, &c2);
        u->dash_cont = c2 >= '0' && c2 <= '9' ? 1
                       : c2 >= 0 && utf8proc_category(c2) == UTF8PROC_CATEGORY_LL ? 2 : 0;
        if (u->dash_cont == 1) { /* "- 15%": the high end of a percentage */
            size_t q = i + 2;
            while (q < n && ((r[q] >= '0' && r[q] <= '9') || r[q] == ','))
                q++;
            u->dash_pct = q < n && r[q] == '%';
        }
    }
    u->part_word = S_part_word(r + i, n - i) ? 1 : S_part_head(r + i, n - i) ? 2 : 0;
    u->block = S_block_label(r + i, n - i);
    u->roman_start = S_roman_start(r + i, n - i) != 0;
    u->comma_label = !u->item && S_comma_label(r + i, n - i);
    if (n - i >= 2 && (r[i] == '-' || r[i] == '+')) {
        size_t q = i + 1 + (r[i + 1] == ' ');
        utf8proc_int32_t c1;
        int kq;
        while (q < n && (kq = S_cp(r + q, n - q, &c1)) > 0 && c1 >= 0 &&
               (utf8proc_category(c1) == UTF8PROC_CATEGORY_LL ||
                utf8proc_category(c1) == UTF8PROC_CATEGORY_LU))
            q += (size_t)kq;
        u->one_word = q == n && S_name_head(r + i + 1 + (r[i + 1] == ' '),
                                            n - i - 1 - (r[i + 1] == ' '));
    }
    /* '"d) Số nhân khẩu', '“1. Phạm vi': a quoted item (an amendment) */
    if (!u->item && i < n && r[i] == '"')
        u->item = S_item(r + i + 1, n - i - 1);
    else if (!u->item && n - i > 3 && r[i] == 0xE2 && r[i + 1] == 0x80 &&
             r[i + 2] == 0x9C)
        u->item = S_item(r + i + 3, n - i - 3);
    k = S_cp(r + i, n - i, &cp);
    /* "(gồm", "“tự": the letter after an opening bracket or quote */
    if (cp == '(' || cp == '"' || cp == 0x201C || cp == 0x2018 || cp == '\'')
        S_cp(r + i + k, n - i - (size_t)k, &cp);
    if (cp >= 0) {
        utf8proc_category_t cat = utf8proc_category(cp);
        u->lower_start = cat == UTF8PROC_CATEGORY_LL;
        if (u->lower_start) {
            size_t q = i;
            utf8proc_int32_t c2 = cp;
            int kq;
            while (q < n && (kq = S_cp(r + q, n - q, &c2)) > 0 && c2 >= 0 &&
                   (utf8proc_category(c2) == UTF8PROC_CATEGORY_LL ||
                    utf8proc_category(c2) == UTF8PROC_CATEGORY_LU))
                q += (size_t)kq;
            u->word_start = q == n || r[q] == ' ' || r[q] == ',' || r[q] == ';';
        }
        u->upper_start = cat == UTF8PROC_CATEGORY_LU ||
                         cat == UTF8PROC_CATEGORY_LT ||
                         (cp >= '0' && cp <= '9');
    }
    while (i < n) {
        unsigned char ch = r[i];
        if (u->has_lower && u->has_upper) {
            /* both cases seen: only count, by the lead byte's length.
             * Where the rest is valid UTF-8 (always, but checked: the
             * DFA), that is counting the bytes that are not continuation
             * bytes, which needs no chain of loads from one character to
             * the next */
            size_t j, cnt = 0;
            if (nqx_norm_u8_valid(r + i, n - i)) {
                /* the continuation bytes (10xxxxxx) of eight bytes at a
                 * time: bit 7 set where bit 6 is not, summed by a
                 * multiplication */
                for (j = i, cnt = n - i; j + 8 <= n; j += 8) {
                    uint64_t x, cont;
                    memcpy(&x, r + j, 8);
                    cont = x & ~(x << 1) & UINT64_C(0x8080808080808080);
                    cnt -= (size_t)(((cont >> 7) * UINT64_C(0x0101010101010101)) >> 56);
                }
                for (; j < n; j++)
                    cnt -= (r[j] & 0xC0) == 0x80;
                u->nchars += cnt;
                /* the last two characters' starts (r[i] starts one) */
                if (cnt) {
                    j = n;
                    while ((r[--j] & 0xC0) == 0x80)
                        ;
                    if (cnt >= 2) {
                        size_t q = j;
                        while ((r[--q] & 0xC0) == 0x80)
                            ;
                        prev = q;
                    } else
                        prev = last;
                    last = j;
                }
                i = n;
            }
            for (; i < n; u->nchars++) {
                prev = last;
                last = i;
                i += S_lead_len[r[i]];
            }
            break;
        }
        if (ch < 0x80) {
            if (ch >= 'a' && ch <= 'z')
                u->has_lower = 1;
            else if (ch >= 'A' && ch <= 'Z')
                u->has_upper = 1;
            prev = last;
            last = i;
            i++;
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
        u->code_start = S_code_start(r + i0, n - i0);
        q = i0;
        while (q < n && r[q] >= '0' && r[q] <= '9')
            q++;
        u->digit_ref = q == i0 || u->item ? 0
                       : q < n && (r[q] == '/' || r[q] == '-') ? 2
                       : q == n || r[q] == ' ' ? 1 : 0;
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
            /* not "353 ngày" (a count of days; "QH15 ngày", "0h00 ngày"
             * are a number's and an hour's date) */
            u->num_word = w > i0 && !S_count_before(r, i0, w)
                              ? S_num_word(r + w, n - w) : 0;
            S_cp(r + w, n - w, &cp);
            u->last_lower = cp >= 0 &&
                            utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
            u->dangling = u->last_lower && S_dangling(r + w, n - w);
            /* asked only of a numbered item's line (S_paragraphs) */
            if ((u->item == 2 || u->part_word == 2) && u->last_lower &&
                S_link_word(r + w, n - w)) {
                u->item = u->item ? 1 : 0;
                u->part_word = u->part_word == 2 ? 0 : u->part_word;
            }
            u->term_word = u->last_lower && S_term_word(r + w, n - w);
            if (S_name_end(r + w, n - w)) {
                size_t v = w > i0 + 1 ? w - 1 : i0;
                while (v > i0 && r[v - 1] != ' ')
                    v--;
                /* the word before in lower case, not "các" */
                u->name_end = w > i0 + 1 && !S_plural(r + v, w - 1 - v) &&
                              S_cp(r + v, w - 1 - v, &cp) > 0 && cp >= 0 &&
                              utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
            }
        }
        if (ch == ')' || ch == '"' || ch == '\'' || ch == '*' ||
            (ch == 0xE2 && n - last == 3 && r[last + 1] == 0x80 &&
             (r[last + 2] == 0x9D || r[last + 2] == 0x99)))
            at = prev;
        ch = r[at];
        u->sent_end = ch == '.' || ch == '!' || ch == '?' || cited;
        if (!cited && at == last && ch == '.' && prev < last) {
            /* the word before the stop: two letters or more, the first
             * in lower case, no full stop inside ("v.v.", "tr.") */
            size_t w = last, nl = 0;
            int ok = 1;
            while (w > i0 && r[w - 1] != ' ') {
                w--;
                ok &= r[w] != '.';
                nl += (r[w] & 0xC0) != 0x80;
            }
            S_cp(r + prev, n - prev, &cp);
            ok &= cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
            S_cp(r + w, n - w, &cp);
            /* ... or in title case, where a sentence opens: a sentence of
             * one word ("nội dung về: Tổng." / "hợp tình hình") is none */
            u->stop_lower = ok && nl >= 2 && cp >= 0 &&
                            (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL ||
                             (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU &&
                              S_opens_sentence(r, i0, w)));
            if (!u->stop_lower && nl >= 3) {
                /* ... or an acronym of three letters or more ("Tham mưu
                 * UBND." / "tỉnh theo dõi"): capitals only */
                size_t q = w;
                int kq = 1;
                while (q < last && (kq = S_cp(r + q, last - q, &cp)) > 0 && cp >= 0 &&
                       utf8proc_category(cp) == UTF8PROC_CATEGORY_LU)
                    q += (size_t)kq;
                u->stop_lower = q == last;
            }
        }
        u->clause_end = ch == ':' || ch == ';';
        if (ch == ',' && !cited)
            u->dangling = 2; /* "Campuchia," / "Trung Quốc, ...": no heading */
        /* the last character itself: "(m. 1854)" ends with no number */
        u->last_digit = !cited && r[last] >= '0' && r[last] <= '9';
        u->code_end = !cited && S_code_end(r + i0, n - i0);
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
    u->after_page = c->page;
    c->page = 0;
    return u;
}

/* Insert a separator edit before the edits from index at on (none when
 * the text there already is the separator). */
static int S_insert_sep(const S_ctx *c, S_elist *l, size_t at, size_t s,
                        size_t e, const char *r, nqx_change_kind k)
{
    nqx_norm_edit tmp;
    size_t rn = strlen(r);
    if (e - s == rn && memcmp(c->t + s, r, rn) == 0)
        return 0;
    if (S_push(l, s, e, r, rn, k))
        return -1;
    tmp = l->v[l->n - 1];
    memmove(&l->v[at + 1], &l->v[at], (l->n - 1 - at) * sizeof tmp);
    l->v[at] = tmp;
    return 0;
}

/* Add the line [ts, te) of an exploded table's cell to row u. *seps
 * says what comes before it: 0 continues the cell (" "), k opens a new
 * cell after k - 1 empty ones (" | " k times); on the row's first line,
 * k empty cells open the row. Lines with no text (rules under a heading
 * cell) are skipped and keep *seps. */
static int S_row_add(S_ctx *c, S_unit *u, int *started, size_t ts, size_t te,
                     int *seps)
{
    size_t e0 = c->inl.n, h = S_atx_len(c->t, ts, te);
    char sep[64];
    int k, sl = 0;
    /* "Hồ Việt Triều / (1973) |": the bar closes the cell */
    if (te - ts > 1 && c->t[te - 1] == '|') {
        te--;
        while (te > ts && S_is_sp(c->t[te - 1]))
            te--;
    }
    if ((h && S_push(&c->inl, ts, ts + h, "", 0, NQX_CHANGE_MARKUP)) ||
        S_inline(c, ts + h, te) || S_render(c, ts, te, e0, c->inl.n))
        return -1;
    if (c->r.len == 0 ||
        S_dropped((const unsigned char *)c->r.data, c->r.len, 0)) {
        S_pop_to(&c->inl, e0);
        return 0;
    }
    for (k = 0; k < *seps && sl + 4 < (int)sizeof sep; k++) {
        memcpy(sep + sl, " | ", 3);
        sl += 3;
    }
    sep[sl] = '\0';
    if (!*started) {
        u->cs = ts;
        u->e0 = e0;
        *started = 1;
        if (sl && S_insert_sep(c, &c->inl, e0, ts, ts, sep, NQX_CHANGE_TABLE))
            return -1;
    } else if (S_insert_sep(c, &c->inl, e0, u->ce, ts, sl ? sep : " ",
                            sl ? NQX_CHANGE_TABLE : NQX_CHANGE_JOIN))
        return -1;
    u->ce = te;
    *seps = 0;
    return 0;
}

/* A row of one cell is a line of text: normalized again, nothing would
 * tell it from text, so it joins and stays apart by the rules of text
 * (as after a newline of one-unit-per-line text). */
static int S_row_single(S_ctx *c, S_unit *u)
{
    const char *r;
    size_t k;
    if (S_render(c, u->cs, u->ce, u->e0, u->e1))
        return -1;
    r = c->r.data;
    for (k = 0; k + 2 < c->r.len; k++)
        if (r[k] == ' ' && r[k + 1] == '|' && r[k + 2] == ' ')
            return 0;
    u->kind = U_TEXT;
    if (u->gap < G_LINE)
        u->gap = G_LINE;
    S_features(c, u);
    return 0;
}

/* The first index from i (up to e) where t holds '\\' or '|', else
 * e: the bytes of a table row S_pipe_row looks at, sixteen a step with
 * SSE2. */
static size_t S_cell_end(const unsigned char *t, size_t i, size_t e)
{
#if defined(__SSE2__)
    const __m128i bs = _mm_set1_epi8('\\'), bar = _mm_set1_epi8('|');
    for (; i + 16 <= e; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, bs), _mm_cmpeq_epi8(v, bar)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < e && t[i] != '\\' && t[i] != '|')
        i++;
    return i;
}

/* A pipe row "| a | b |": cells joined by " | ". */
static int S_pipe_row(S_ctx *c, const S_line *L, int gap)
{
    const unsigned char *t = c->t;
    /* a leading "|" is an outer pipe, but after one space it closes an
     * empty first cell (" |  | Chủ trì", as normalized text writes it) */
    int spaced = L->ts > 0 && t[L->ts - 1] == ' ' &&
                 (L->ts == 1 || t[L->ts - 2] == '\n');
    size_t lead = t[L->ts] == '|' && !spaced, i = L->ts + lead, cstart = i,
           pending = 0;
    size_t e00 = c->inl.n;
    int started = 0, full = 0;
    S_unit *u = S_new_unit(c);
    if (!u)
        return -1;
    u->kind = U_ROW;
    u->gap = gap;
    u->cont = L->cont;
    for (; i <= L->te; i++) {
        i = S_cell_end(t, i, L->te); /* the bytes between do nothing here */
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
            if (a == b && !started && spaced && a == L->ts)
                a = b = a - 1; /* " |  | Chủ trì": its space is the cell */
            if (a == b && started) {
                /* an empty cell: kept only when a full one follows */
                pending++;
                continue;
            }
            if (!(i == L->te && a == b)) {
                size_t e0 = c->inl.n;
                if (S_inline(c, a, b))
                    return -1;
                full |= a < b;
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
                    if (S_insert_sep(c, &c->inl, e0, u->ce, a, sep,
                                     NQX_CHANGE_TABLE))
                        return -1;
                }
                pending = 0;
                u->ce = b;
            }
        }
    }
    u->e1 = c->inl.n;
    if (!full) { /* a row of empty cells is no row */
        S_pop_to(&c->inl, e00);
        return 0;
    }
    c->nu++;
    return u->cont ? 0 : S_row_single(c, u);
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

/* Does the line [ts, te) of a cell hold text? 1 yes, 0 no, -1 error;
 * *len grows by the bytes of its text; *num is set when the text holds a
 * digit or is a lone mark ("x", "-"), as values do; *idx receives the
 * number the text is (up to 3 digits), else -1. */
static int S_cell_text(S_ctx *c, size_t ts, size_t te, size_t *len,
                       int *num, int *idx)
{
    size_t e0 = c->inl.n, h = S_atx_len(c->t, ts, te);
    int full;
    if (te - ts > 1 && c->t[te - 1] == '|')
        te--;
    if ((h && S_push(&c->inl, ts, ts + h, "", 0, NQX_CHANGE_MARKUP)) ||
        S_inline(c, ts + h, te) || S_render(c, ts, te, e0, c->inl.n))
        return -1;
    full = c->r.len > 0 &&
           !S_dropped((const unsigned char *)c->r.data, c->r.len, 0);
    *idx = -1;
    if (full) {
        const char *r = c->r.data;
        size_t n = c->r.len, k = 0, d = 0;
        *len += n;
        while (k < n && r[k] == ' ')
            k++;
        while (n > k && r[n - 1] == ' ')
            n--;
        if (n - k == 1 && strchr("xX-+*", r[k]))
            *num = 1;
        for (; k < n; k++) {
            *num |= r[k] >= '0' && r[k] <= '9';
            d = r[k] >= '0' && r[k] <= '9' && d < 4 ? d + 1 : 4;
        }
        if (d && d < 4)
            *idx = atoi(r + n - d);
    }
    S_pop_to(&c->inl, e0);
    return full;
}

/* One slot of an exploded table: the lines [l0, l1) between two bars,
 * a cell's text or nothing (an empty cell, or the gap between rows). */
typedef struct {
    size_t l0, l1;
    size_t len; /* bytes of its text */
    int full;
    int num;    /* all its lines hold a digit or a mark: a value */
    int idx;    /* the row number it is, or -1 */
} S_slot;

static int S_slot_push(S_slot **v, size_t *n, size_t *cap, size_t l0,
                       size_t l1, size_t len, int full, int num, int idx)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        S_slot *w = realloc(*v, ncap * sizeof *w);
        if (!w)
            return -1;
        *v = w;
        *cap = ncap;
    }
    (*v)[*n].l0 = l0;
    (*v)[*n].l1 = l1;
    (*v)[*n].len = len;
    (*v)[*n].num = num;
    (*v)[*n].idx = l1 - l0 == 1 ? idx : -1;
    (*v)[(*n)++].full = full;
    return 0;
}

/* Length of the run of full slots from k. */
static size_t S_run(const S_slot *v, size_t n, size_t k)
{
    size_t j = k;
    while (j < n && v[j].full)
        j++;
    return j - k;
}

/* Are the n slots from k values ("4,31", "Quý I/2026", "x"): short,
 * with a digit or a mark, rather than the text that opens a row ("1 |
 * Chấm dứt việc ...") or header words ("Toàn trình | Một phần")? */
#define S_SHORT_CELL 40
static int S_value_run(const S_slot *v, size_t k, size_t n)
{
    size_t j;
    for (j = k; j < k + n; j++)
        if (v[j].len > S_SHORT_CELL || !v[j].num)
            return 0;
    return 1;
}

/* Does the slot hold a row's number alone ("4", "12.", "IV", "b)")? A
 * row opens with it, after no empty cell. */
static int S_slot_index(S_ctx *c, const S_slot *v)
{
    size_t e0 = c->inl.n, ts, te, n, k = 0;
    const unsigned char *r;
    int digits = 0, roman = 0, letters = 0;
    if (!v->full || v->l1 - v->l0 != 1 || v->len > 8)
        return 0;
    ts = c->lines[v->l0].ts;
    te = c->lines[v->l0].te;
    if (S_inline(c, ts, te) || S_render(c, ts, te, e0, c->inl.n)) {
        S_pop_to(&c->inl, e0);
        return 0;
    }
    S_pop_to(&c->inl, e0);
    r = (const unsigned char *)c->r.data;
    n = c->r.len;
    while (n && (r[n - 1] == ' ' || r[n - 1] == '.' || r[n - 1] == ')'))
        n--;
    while (k < n && r[k] == ' ')
        k++;
    for (; k < n; k++) {
        if (r[k] >= '0' && r[k] <= '9')
            digits++;
        else if (strchr("IVXL", r[k]))
            roman++;
        else if ((r[k] | 0x20) >= 'a' && (r[k] | 0x20) <= 'z')
            letters++;
        else
            return 0;
    }
    if (n == 1 && (r[0] | 0x20) == 'x')
        return 0; /* "x": a mark, not a number */
    return (digits && !roman && !letters && digits <= 3) ||
           (roman && !digits && !letters) || (letters == 1 && !digits && !roman);
}

/* Render the slots [p, q) as one row: empty slots before a cell stay
 * empty cells (unless the row has one cell: a line of text), empty slots
 * at the end are dropped. */
static int S_slots_row(S_ctx *c, const S_slot *v, size_t p, size_t q,
                       int gap)
{
    S_unit *u = S_new_unit(c);
    int started = 0, seps = 0, lead;
    size_t k, l, nfull = 0;
    if (!u)
        return -1;
    u->kind = U_ROW;
    u->gap = gap;
    for (k = p; k < q; k++)
        nfull += v[k].full;
    lead = nfull > 1;
    for (k = p; k < q; k++) {
        /* a new cell: before the first text, an empty one */
        seps += k > p && (lead || started);
        for (l = v[k].l0; l < v[k].l1; l++)
            if (S_row_add(c, u, &started, c->lines[l].ts, c->lines[l].te, &seps))
                return -1;
    }
    u->e1 = c->inl.n;
    if (started) {
        c->nu++;
        if (S_row_single(c, u))
            return -1;
    }
    return 0;
}

#define S_WIDTHS 4

/* A table exploded one cell per line: a line "|" opens a row, separates
 * cells and closes the row, so "|" twice is an empty cell or the gap
 * between two rows. The table is read as slots (the text between two
 * bars); the widest run of full slots gives its columns, N, and the
 * second widest of the last rows the columns here (one table of a
 * crawled page may hold the whole page). From the first row N wide on
 * (header rows above it may span columns), empty slots join the row
 * while its next cells fit in it and are short like values (then they
 * are empty cells, not the gap before a row of text); else one of them
 * is the gap: those before it fill the row, those after open the next
 * row (its leading empty cells), none when that row opens with its
 * number. An empty slot that holds lines ("** **") is a cell, never the
 * gap. *next receives the index of the first line after the table. */
static int S_exploded(S_ctx *c, size_t li, int gap, size_t *next)
{
    S_line *ls = c->lines;
    size_t i = li + 1, nl = c->nl, n = 0, cap = 0, since = 0, prev = 0;
    size_t N = 0, first = 0, p, k, widths[S_WIDTHS] = {0}, nrows = 0;
    S_slot *v = NULL;
    int rc = -1, last_idx = -1;
    /* the first bar opens a row, unless text runs right up to it: then
     * a long cell has ended the table before (S_more_cells), and the bar
     * closes that cell (an empty slot after it is the gap) */
    int resync = li > 0 && ls[li - 1].type == L_TEXT, opening = !resync;
    for (;;) {
        size_t l0 = i, len = 0;
        int full = 0, bar_end = 0, closed, num = 1, idx = -1;
        while (i < nl && ls[i].type == L_TEXT) {
            /* a run of text longer than a cell ends the table before it:
             * text with no blank line to end the table's last cell
             * ("Số: 1683/NQ-UBTVQH15 |" / "|" / "NGHỊ QUYẾT" / ... the
             * document) */
            if (i - l0 == S_CELL_MAX_LINES) {
                *next = l0;
                goto rows;
            }
            int lnum = 0, f = S_cell_text(c, ls[i].ts, ls[i].te, &len, &lnum, &idx);
            if (f < 0)
                goto out;
            full |= f;
            num &= lnum || !f;
            i++;
            /* "Hồ Việt Triều / (1973) |" before more text closes the cell */
            if (ls[i - 1].te - ls[i - 1].ts > 1 && c->t[ls[i - 1].te - 1] == '|' &&
                i < nl && ls[i].type == L_TEXT) {
                bar_end = 1;
                break;
            }
        }
        closed = bar_end || (i < nl && ls[i].type == L_BAR);
        if (!closed) { /* an unclosed row ends the table, so does a pipe table */
            if (full && S_slot_push(&v, &n, &cap, l0, i, len, 1, num, idx))
                goto out;
            break;
        }
        if (S_slot_push(&v, &n, &cap, l0, i, len, full, num, idx))
            goto out;
        /* as read row by row: a bar after a cell closes it; a bar after
         * a closing one opens the next row */
        opening = !full && !opening;
        if (opening) {
            prev = since;
            since = 0;
        } else {
            since++;
        }
        if (!bar_end)
            i++; /* past the closing "|" */
        if (i >= nl || ls[i].type != L_BAR) {
            if (i >= nl || ls[i].type != L_TEXT)
                break;
            /* text after a cell: more cells, or the text after the table;
             * after a bar that opens a row, the row's first cell */
            if (!bar_end && !opening && !S_more_cells(c, i, since, prev))
                break;
        }
    }
    *next = i;
rows:
    for (k = 0; k < n; k += S_run(v, n, k) + 1) {
        size_t r = S_run(v, n, k);
        if (r > N) {
            N = r;
            first = k;
        }
    }
    p = resync && n && !v[0].full;
    while (p < n) {
        size_t q = p, w = 0, g, s2, t, l, wide = 0, top = 0;
        int merged = 0;
        /* the second widest of the last rows: one wide row (a page's
         * layout row) does not widen the rows after it */
        for (k = 0; k < S_WIDTHS; k++) {
            if (widths[k] > top) {
                wide = top;
                top = widths[k];
            } else if (widths[k] > wide) {
                wide = widths[k];
            }
        }
        if (nrows < 2)
            wide = N;
        if (v[p].full && v[p].idx >= 0)
            last_idx = v[p].idx;
        while (q < n && !v[q].full) { /* leading empty cells */
            q++;
            w++;
        }
        for (;;) {
            size_t r = S_run(v, n, q), gaps = 0;
            q += r;
            w += r;
            for (g = 0; q + g < n && !v[q + g].full; g++)
                gaps += v[q + g].l0 == v[q + g].l1;
            s2 = S_run(v, n, q + g);
            if (!s2)
                break;
            /* empty slots that hold lines ("** **") are cells: only a
             * slot of no line can be the gap between rows */
            if (gaps && (p < first || w + g + s2 > wide ||
                         !S_value_run(v, q + g, s2) ||
                         (last_idx >= 0 && v[q + g].idx == last_idx + 1)))
                break; /* the next row ("28" after row 27) */
            q += g; /* empty cells of this row */
            w += g;
            merged = 1;
        }
        if (S_slots_row(c, v, p, q, gap))
            goto out;
        gap = 0;
        if (!s2) {
            if (!merged)
                widths[nrows++ % S_WIDTHS] = w;
            break;
        }
        t = w < wide ? wide - w : 0;
        if (t > g - 1)
            t = g - 1;
        if (v[q + t].l0 != v[q + t].l1) { /* the gap is a slot of no line */
            size_t x = t;
            while (x < g && v[q + x].l0 != v[q + x].l1)
                x++;
            if (x == g)
                for (x = t; x > 0 && v[q + x].l0 != v[q + x].l1; x--)
                    ;
            t = x;
        }
        l = g - 1 - t;
        if (l && S_slot_index(c, &v[q + g])) {
            t = g - 1; /* "4 | ...": a row's number is its first cell */
            l = 0;
        }
        if (l + s2 > wide) { /* the next row would be too wide */
            size_t l2 = s2 < wide ? wide - s2 : 0, x = g - 1 - l2;
            if (v[q + x].l0 == v[q + x].l1)
                l = l2;
        }
        /* the widths of rows without empty cells inside (such rows
         * would confirm themselves) */
        if (!merged)
            widths[nrows++ % S_WIDTHS] = w + t;
        p = q + g - l;
    }
    rc = 0;
out:
    free(v);
    return rc;
}

/* Characters (not bytes) in t[a..b): a page's lines are as long as
 * their letters, and marked letters take two or three bytes. */
static size_t S_nchars(const unsigned char *t, size_t a, size_t b)
{
    size_t n = 0;
    for (; a < b; a++)
        n += (t[a] & 0xC0) != 0x80;
    return n;
}

/* Had line P room for the first word of line L, the next? A wrapping
 * program or a page puts a word on the next line only when it did not
 * fit, so there the line was ended by its author (a heading, a
 * paragraph's last line). A tenth of the width is left for the glyphs of
 * a proportional font, which make lines of equal width differ in
 * characters. */
static int S_room(const S_ctx *c, const S_line *P, const S_line *L)
{
    size_t w = L->ts;
    if (P->type != L_TEXT)
        return 0;
    while (w < L->te && c->t[w] != ' ')
        w++;
    return P->nch + 1 + S_nchars(c->t, L->ts, w) + c->cwidth / 10 <= c->cwidth;
}

/* Does the line at t[a..b) open with "~ " where a scanner read the dash
 * of a point ("~ Đến 12h00 ngày")? 1 before a letter: no text opens a
 * line so (a "~" of "about" stands before a number, "~200.000"; "~~" is
 * struck text); 2 before anything else when the document has such lines
 * already (c->tildes: its scanner makes them, "~ 100% các khu ..."). */
static int S_tilde(const unsigned char *t, size_t a, size_t b)
{
    utf8proc_int32_t cp;
    if (b - a < 3 || t[a] != '~' || t[a + 1] != ' ')
        return 0;
    if (S_cp(t + a + 2, b - a - 2, &cp) > 0 && cp >= 0) {
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL)
            return 1;
    }
    return 2;
}

/* A scan reads the "|" lines of a table exploded one cell per line as
 * other upright strokes: "l", "I", "Ị". A line of one such glyph next to
 * a blank line (the scan's paragraph breaks; a typed table has none
 * inside) is a bar where the document has S_BARS_SCANNED bars or more
 * already. A typed table's cell "I" (a Roman row number: "|" / "I" / "|",
 * "công trình cấp" / "I" / "|") has no blank line beside it. */
#define S_BARS_SCANNED 3
static int S_bar_glyph(const S_ctx *c, size_t li)
{
    const unsigned char *t = c->t;
    size_t a = c->lines[li].ts, b = c->lines[li].te;
    if (!((b - a == 1 && (t[a] == 'l' || t[a] == 'I')) ||
          /* "Ị": I with a dot below, E1 BB 8A */
          (b - a == 3 && t[a] == 0xE1 && t[a + 1] == 0xBB && t[a + 2] == 0x8A)))
        return 0;
    return (li > 0 && c->lines[li - 1].type == L_BLANK) ||
           (li + 1 < c->nl && c->lines[li + 1].type == L_BLANK);
}

/* A scan breaks an exploded table's cells with blank lines (Tesseract
 * sets short lines apart as paragraphs), and a blank line ends the table.
 * Between two bars at most S_BAR_GAP lines apart, blank lines are taken
 * out of the line list (their bytes are then a separator's, as any
 * spacing between kept lines), in a document whose bars a scan misread
 * (S_bar_glyph): crawled pages put blank lines between a table's rows
 * and the text around it, which stay. */
#define S_BAR_GAP 8
static void S_table_blanks(S_ctx *c)
{
    size_t li, k = 0, last = (size_t)-1;
    unsigned char *drop = calloc(c->nl ? c->nl : 1, 1);
    if (!drop)
        return; /* out of memory: the table is only read as it was */
    for (li = 0; li < c->nl; li++) {
        if (c->lines[li].type != L_BAR)
            continue;
        if (last != (size_t)-1 && li - last <= S_BAR_GAP) {
            size_t j;
            for (j = last + 1; j < li; j++)
                drop[j] = c->lines[j].type == L_BLANK && !c->lines[j].pb &&
                          !(j + 1 < c->nl && c->lines[j + 1].pb);
        }
        last = li;
    }
    for (li = 0; li < c->nl; li++)
        if (!drop[li])
            c->lines[k++] = c->lines[li];
    c->nl = k;
    free(drop);
}

static int S_text_line(S_ctx *c, size_t li, int gap, int *dropped)
{
    const S_line *L = &c->lines[li];
    const unsigned char *t = c->t;
    size_t ts = L->ts, te = L->te, a = ts, e0 = c->inl.n, tb = te, m;
    int atx = 0, isolated;
    S_unit *u;
    *dropped = 0;
    /* "Số: …/ĐA |": a bar that closes a cell ends the line */
    if (te - ts >= 2 && t[te - 1] == '|' && t[te - 2] == ' ') {
        tb = te - 1;
        while (tb > ts && t[tb - 1] == ' ')
            tb--;
    }
    {
        /* "* *", "\\*  *": stars that divide, no bullet of an item */
        size_t k = ts;
        while (k < tb && (t[k] == '*' || t[k] == ' ' || t[k] == '\\'))
            k++;
        if (k == tb) {
            *dropped = 1;
            return 0;
        }
    }
    if (S_atx_len(t, a, te)) {
        size_t h = a + S_atx_len(t, a, te);
        atx = 1;
        if (S_push(&c->inl, a, h, "", 0, NQX_CHANGE_MARKUP))
            return -1;
        a = h;
    } else {
        /* "> quote", "*> quote*": a block quote mark */
        for (m = a; m < tb && (t[m] == '*' || t[m] == '_'); m++)
            ;
        if (m + 1 < tb && t[m] == '>' && t[m + 1] == ' ') {
            if ((m > a && S_inline(c, a, m)) ||
                S_push(&c->inl, m, m + 2, "", 0, NQX_CHANGE_MARKUP))
                return -1;
            a = m + 2;
        }
    }
    /* "~ Đến 12h00": a point's dash, as a scan read it */
    if (!atx && a == ts) {
        int tk = S_tilde(t, a, tb);
        /* "~- Tổng hợp": the dash read twice, once as "~" */
        if (tb - a >= 4 && t[a] == '~' && t[a + 1] == '-' && t[a + 2] == ' ') {
            if (S_push(&c->inl, a, a + 1, "", 0, NQX_CHANGE_OCR))
                return -1;
            a++;
            tk = 0;
        }
        if (tk == 1 || (tk == 2 && c->tildes)) {
            if (S_push(&c->inl, a, a + 1, "-", 1, NQX_CHANGE_OCR))
                return -1;
            a++;
        }
    }
    /* "'Tập trung", "'Tổ quốc": a scan's speck before a line's first
     * capital, read as an apostrophe; a line quoted so has the closing
     * one ("'Vụ việc' cuối cùng") */
    if (!atx && a == ts && tb - a >= 2 && t[a] == '\'' &&
        !memchr(t + a + 1, '\'', tb - a - 1)) {
        utf8proc_int32_t cp;
        if (S_cp(t + a + 1, tb - a - 1, &cp) > 0 && cp >= 0 &&
            utf8proc_category(cp) == UTF8PROC_CATEGORY_LU) {
            if (S_push(&c->inl, a, a + 1, "", 0, NQX_CHANGE_OCR))
                return -1;
            a++;
        }
    }
    if (S_inline(c, a, tb) ||
        (tb < te && S_push(&c->inl, tb, te, "", 0, NQX_CHANGE_TABLE)) ||
        S_render(c, ts, te, e0, c->inl.n))
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
        int dk = i == n ? 1 : S_dropped(r + i, n - i, isolated);
        if (dk) {
            S_pop_to(&c->inl, e0);
            *dropped = 1;
            c->page |= dk == 2;
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
    u->emph_e = (t[tb - 1] == '*' || t[tb - 1] == '_') &&
                !(tb >= ts + 2 && t[tb - 2] == '\\');
    u->short_line = c->width && (te - ts) * 5 < c->width * 3;
    u->room = c->cwidth && gap == G_WRAP && li > 0 && S_room(c, &c->lines[li - 1], L);
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
    int clause_end, last_short;
    int dangling, last_digit, term_word, stop_lower, code_end, num_word;
    int bare; /* the paragraph is a numbering mark alone so far */
    int part_word; /* ... or the word of a numbered part ("Điều") */
    int single;    /* one line so far */
    int one_word;  /* ... a point of one word ("+ Sở"; S_unit) */
    int name_end;  /* its last line ends with "Bộ" (S_unit) */
    size_t nchars;
} S_para;

/* What the paragraph's last line says of its end: u is that line. */
static void S_para_end(S_para *p, const S_unit *u)
{
    p->sent_end = u->sent_end;
    p->clause_end = u->clause_end;
    p->last_short = u->short_line;
    p->last_lower = u->last_lower;
    p->dangling = u->dangling;
    p->term_word = u->term_word;
    p->last_digit = u->last_digit;
    p->stop_lower = u->stop_lower;
    p->code_end = u->code_end;
    p->num_word = u->num_word;
    p->name_end = u->name_end;
}

static void S_para_start(S_para *p, const S_unit *u)
{
    p->kind = u->kind;
    p->item = u->item;
    p->atx = u->atx;
    p->standalone = u->emph_s && u->emph_e;
    p->has_lower = u->has_lower;
    p->has_upper = u->has_upper;
    S_para_end(p, u);
    p->bare = u->bare;
    p->part_word = u->part_word;
    p->single = 1;
    p->one_word = u->one_word;
    p->nchars = u->nchars;
}

static void S_para_add(S_para *p, const S_unit *u, int emph_s_first)
{
    p->standalone = emph_s_first && u->emph_e;
    p->has_lower |= u->has_lower;
    p->has_upper |= u->has_upper;
    S_para_end(p, u);
    p->bare = 0;
    p->part_word = 0;
    p->single = 0;
    p->one_word = 0;
    p->nchars += u->nchars;
}

/* Does unit u continue paragraph p? gap: a blank line, page break or
 * moved footnote lies between them. */
#define S_LINE_CHARS 80 /* characters: a printed page's line at most */

static int S_join(const S_para *p, const S_unit *u, int gap)
{
    int p_caps = p->has_upper && !p->has_lower;
    if (u->cont) /* a table cell's text wrapped onto the next line */
        return p->kind == U_ROW;
    if (u->block)
        return 0;
    /* "khóa" / "XII. Thời gian ...": the term's number, no heading */
    if (p->term_word && u->roman_start && u->kind == U_TEXT && p->kind == U_TEXT &&
        !u->atx && gap != G_REAL)
        return 1;
    /* "Căn cứ Thông tư số" / "06/2022/TT-BTTTT ngày ...", "ngày" /
     * "28/11/2022": a number's word and its number, across a blank line
     * too (a scan sets a line that stops short apart) */
    if (p->num_word && u->digit_ref && (p->num_word == 2 || u->digit_ref == 2) &&
        u->kind == U_TEXT && p->kind == U_TEXT && !u->atx)
        return 1;
    /* "Điều" / "1. Phạm vi điều chỉnh": the number is the article's */
    if (p->part_word == 1 && u->kind == U_TEXT && p->kind == U_TEXT && !u->atx &&
        (u->item || u->num_start))
        return 1;
    /* text wrapped at a width, cut before a hyphen: "bố trí 10" / "- 15%
     * số xã" (a range), "Các tổ chức chính trị" / "- xã hội Thành phố":
     * no point (points follow a colon, a full stop or another point; "các
     * chỉ tiêu sau" / "- 100% ..." is a list whose colon was left out).
     * Not after a point: lists of dated points ("- ... Quân khu 7" / "-
     * 2017-2019, ...") end with a number and start with one; but a
     * percentage's high end goes on a point that already ran over a line
     * ("- Bố trí ... ở 10" / "- 15% số xã"). */
    if (!gap && u->kind == U_TEXT && p->kind == U_TEXT && !p->atx &&
        (!p->item || (u->dash_pct && p->nchars >= 100)) && p->nchars >= 60 &&
        !p->sent_end &&
        ((u->dash_cont == 1 && p->last_digit) || (u->dash_cont == 2 && p->last_lower)))
        return 1;
    if (u->kind != U_TEXT || p->kind != U_TEXT || u->item || u->atx || p->atx)
        return 0;
    /* "2." / "Sở Xây dựng": the mark numbers the line that follows it,
     * across a blank line too */
    if (p->bare)
        return 1;
    /* "+ Sở" / "Xây dựng: hướng dẫn ...": a point is not the first word
     * of an agency's name alone; its line was cut (a scan sets the rest
     * apart). A point of another word may be a heading ("- Gió" / "Nằm
     * trong khu vực gió mùa ...") */
    if (p->one_word)
        return 1;
    /* a whole bold or italic line stands alone, unless its sentence
     * plainly goes on ("*... ngày 03 tháng 6*" / "*năm 2025 của ...*") */
    if (p->standalone && !(u->lower_start && !p->sent_end))
        return 0;
    /* a line in capitals, then one in sentence case: a title block
     * ("CỦA BAN CHẤP HÀNH ĐẢNG BỘ" / "về tập trung ...") */
    if (p_caps && u->has_lower &&
        /* "8. UBND" / "các xã, phường:": a numbered line cut after its
         * acronym goes on in lower case */
        !(p->item && p->nchars <= 12 && u->lower_start))
        return 0;
    /* "Thời gian thực hiện: Thường xuyên." / "3, Tổ chức thực hiện ...":
     * a scan's item whose stop was read as a comma, too long for
     * S_item's heading, after a sentence's end in a block of lines */
    if (!gap && u->comma_label && p->sent_end)
        return 0;
    if (!gap) /* a soft break inside a Markdown block */
        return 1;
    /* "- Hỗ trợ khẩn cấp lương." / "thực, thực phẩm, ...": a scan puts
     * a full stop after a line's last word and a blank line after a
     * paragraph's first line; a sentence that ends so and one that starts
     * in lower case are rare in text (labels.c drops the stop) */
    if ((gap == G_REAL || gap == G_WRAP) && p->stop_lower && u->word_start)
        return 1;
    /* "phối với Bộ" / "Tài chính và các cơ quan ...": a paragraph of one
     * printed line (S_LINE_CHARS) that ends with the first word of an
     * agency's name after a word in lower case goes on with the name: a
     * scan set the rest apart. Not a place ("Hải Phòng", "Tây Nam Bộ"),
     * a long paragraph ("... một đối thủ mạnh sau cùng - nước Sở"), nor
     * before a sentence's first word ("trực thuộc Bộ" / "Thực hiện ...":
     * a ministry names itself "Bộ") */
    if ((gap == G_REAL || gap == G_WRAP) && p->name_end && !p_caps &&
        p->nchars <= S_LINE_CHARS && u->upper_start && !u->num_start && !u->emph_s &&
        !u->sent_word)
        return 1;
    /* wrapped text that marks no paragraph (OCR lines): a line that ends
     * a sentence or a clause, then a capital or a number, starts one; so
     * does a line that stops short where the text is wrapped regularly
     * (S_wrap_width: a heading, a paragraph's last line), unless the next
     * goes on in lower case. Crawled pages, which cut lines early ("Điều
     * 4. Chánh" / "Văn phòng UBND tỉnh; ..."), are not regular. */
    if (gap == G_WRAP)
        return (p->last_short || u->room) &&
                       !(!u->item && (p->dangling == 1 ||
                                      (p->dangling == 2 && !p->last_short)))
                   ? u->lower_start && !p->sent_end && !p->clause_end
                             : !((p->sent_end || p->clause_end) &&
                                 (u->upper_start || u->num_start));
    if (p->sent_end)
        return 0;
    if (u->lower_start)
        return 1;
    /* "- Chủ trì phối hợp UBND tỉnh," / "Sở Công Thương và ...": a dash's
     * point of one printed line (S_LINE_CHARS) does not end with a comma;
     * a scan set its next line apart. A long point may ("..., chứng
     * thực," / "Việc nộp hồ sơ ...": a crawl's typo) */
    if (gap == G_REAL && p->item == 1 && p->single && p->dangling == 2 &&
        p->nchars <= S_LINE_CHARS && u->upper_start && !u->num_start)
        return 1;
    if (p_caps || (u->has_upper && !u->has_lower) || u->emph_s ||
        !p->last_lower)
        return 0;
    if (p->dangling && !u->num_start)
        return 1;
    /* "khóa / XIII và", "Ban Chỉ đạo / 35 - Thành ủy": a number goes on
     * after a break, not after a newline of one-unit-per-line text
     * ("Lịch sử / 1989 – 1999: ...") */
    if (u->num_start)
        return gap == G_REAL && (!p->item || p->nchars >= 100);
    /* a capital after a page break: only a long paragraph cut mid-word
     * group (headings without a full stop run up to ~180 characters);
     * in text written one unit per line a newline is no such cut. After
     * a page's number the break is the page's, not the author's: a line
     * that ran 60 characters and stopped without a mark goes on */
    return gap == G_REAL && u->upper_start &&
           (p->nchars >= 250 || (u->after_page && p->nchars >= 60 && !p->clause_end));
}

/* The code point that ends at t[i] (i > 0), or -1. */
static utf8proc_int32_t S_cp_before(const unsigned char *t, size_t i)
{
    size_t j = i;
    utf8proc_int32_t cp = -1;
    while (j > 0 && i - j < 4 && (t[j - 1] & 0xC0) == 0x80)
        j--;
    if (j == 0)
        return -1;
    j--;
    if (utf8proc_iterate(t + j, (utf8proc_ssize_t)(i - j), &cp) != (utf8proc_ssize_t)(i - j))
        return -1;
    return cp;
}

static int S_is_lower(utf8proc_int32_t cp)
{
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Does unit u open with a common word that its capital marks as a
 * sentence's first ("Các", "Kinh phí", "Căn cứ")? In the document, the
 * word stands in lower case inside a line, and its capital never follows
 * a word in lower case there: a name's word ("Sở", "Nông nghiệp",
 * "Thành phố", "Ủy ban") does, "thuộc Ủy ban", "Sở Nông nghiệp". One
 * scan of the text per unit asked, which only an item's heading line
 * followed by a capital asks (S_paragraphs). */
static int S_sentence_word(const S_ctx *c, const S_unit *u)
{
    const unsigned char *t = c->t;
    size_t a = u->cs, b, k, n, lc = 0;
    unsigned char low[64];
    utf8proc_int32_t cp, lcp;
    utf8proc_ssize_t k0;
    while (a < u->ce && (t[a] == '*' || t[a] == '_'))
        a++;
    k0 = utf8proc_iterate(t + a, (utf8proc_ssize_t)(u->ce - a), &cp);
    if (k0 <= 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
        return 0;
    b = a + (size_t)k0;
    /* the rest of the word in lower case: no acronym ("TTHC", "UBND") */
    while (b < u->ce) {
        utf8proc_int32_t c2;
        utf8proc_ssize_t kb = utf8proc_iterate(t + b, (utf8proc_ssize_t)(u->ce - b), &c2);
        if (kb <= 0 || !S_is_lower(c2))
            break;
        b += (size_t)kb;
    }
    if (b == a + (size_t)k0 || (b < u->ce && t[b] != ' ' && t[b] != ','))
        return 0;
    {
        /* "Nghị quyết này quy định ...", "Thông tư này áp dụng ...": the
         * document names itself as the subject of its first clause (the
         * scope's), a name's words that open a sentence ("thực hiện" /
         * "Kế hoạch này." goes on; "Kế hoạch này được bố trí" too: the
         * subject may be the line before's) */
        static const char *const verbs[] = {" này quy định", " này áp dụng"};
        size_t q = b, w, v;
        for (w = 0; w < 2 && q < u->ce; w++) {
            for (v = 0; v < 2; v++) {
                size_t vl = strlen(verbs[v]);
                if (u->ce - q >= vl && memcmp(t + q, verbs[v], vl) == 0 &&
                    (q + vl == u->ce || t[q + vl] == ' '))
                    return 1;
            }
            /* one more word in lower case: "Nghị" "quyết" */
            if (t[q] != ' ')
                break;
            q++;
            while (q < u->ce && t[q] != ' ')
                q++;
        }
    }
    lcp = utf8proc_tolower(cp);
    k = (size_t)utf8proc_encode_char(lcp, low);
    n = b - a - (size_t)k0;
    if (k + n > sizeof low)
        return 0;
    memcpy(low + k, t + a + (size_t)k0, n);
    n += k;
    {
        /* the word, in either case, with a space before it and no letter
         * after it */
        const unsigned char *q = t, *end = t + c->len;
        size_t wl = b - a;
        while ((q = memchr(q, ' ', (size_t)(end - q))) != NULL) {
            size_t i = (size_t)(q - t) + 1;
            q++;
            if (i < c->len && t[i] != low[0] && t[i] != t[a])
                continue; /* neither case's first byte */
            if (i + n <= c->len && memcmp(t + i, low, n) == 0) {
                utf8proc_int32_t c3 = -1;
                if (i + n < c->len)
                    utf8proc_iterate(t + i + n, (utf8proc_ssize_t)(c->len - i - n), &c3);
                if (!(c3 >= 0 && utf8proc_category(c3) >= UTF8PROC_CATEGORY_LU &&
                      utf8proc_category(c3) <= UTF8PROC_CATEGORY_LO))
                    lc++;
            } else if (i + wl <= c->len && i != a && memcmp(t + i, t + a, wl) == 0 &&
                       S_is_lower(S_cp_before(t, i - 1))) {
                utf8proc_int32_t c3 = -1;
                if (i + wl < c->len)
                    utf8proc_iterate(t + i + wl, (utf8proc_ssize_t)(c->len - i - wl), &c3);
                if (!(c3 >= 0 && utf8proc_category(c3) >= UTF8PROC_CATEGORY_LU &&
                      utf8proc_category(c3) <= UTF8PROC_CATEGORY_LO))
                    return 0; /* "thuộc Ủy": a name's word */
            }
        }
    }
    return lc >= 1;
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

/* Insert at offset at the moved footnotes among units [k0, k1), each
 * footnote (with the lines that continue it) on a line of its own. */
static int S_put_moved(S_ctx *c, S_elist *out, size_t at, size_t k0, size_t k1)
{
    size_t k, j;
    for (k = k0; k < k1; k++) {
        S_unit *u = &c->u[k];
        nqx_buf fb = {0};
        if (!u->moved || u->foot_cont)
            continue;
        if (S_push(out, at, at, "\n", 1, NQX_CHANGE_MARKUP))
            return -1;
        for (j = k; j < k1 && c->u[j].moved && (j == k || c->u[j].foot_cont); j++) {
            if (S_render(c, c->u[j].cs, c->u[j].ce, c->u[j].e0, c->u[j].e1) ||
                (j > k && nqx_buf_append(&fb, " ", 1)) ||
                nqx_buf_append(&fb, c->r.data, c->r.len)) {
                nqx_buf_free(&fb);
                return -1;
            }
        }
        if (S_push(out, at, at, fb.data, fb.len, NQX_CHANGE_MARKUP)) {
            nqx_buf_free(&fb);
            return -1;
        }
        out->v[out->n - 1].moved = 1;
        out->v[out->n - 1].src = u->cs;
        nqx_buf_free(&fb);
    }
    return 0;
}

#define S_SENT_WORD_ASKS 64

static int S_paragraphs(S_ctx *c, S_elist *out)
{
    size_t k, pos = 0, prev_main = (size_t)-1, foot0 = (size_t)-1;
    size_t pend = (size_t)-1; /* the first moved footnote not yet put */
    int first = 1, gap = 0, infoot = 0, prev_kind = U_TEXT;
    int pemph = 0;
    /* S_sentence_word reads the whole text: asked after a line with
     * name_end at most this often, so that a text of such lines stays
     * linear (beyond, the line is taken to open a sentence) */
    size_t sw_left = S_SENT_WORD_ASKS;
    S_para p;
    memset(&p, 0, sizeof p);
    /* which units belong to footnotes, which join */
    for (k = 0; k < c->nu; k++) {
        S_unit *u = &c->u[k];
        if (u->kind == U_FOOT) {
            u->foot = 1;
            infoot = 1;
            gap = G_REAL;
            if (foot0 == (size_t)-1)
                foot0 = k;
            continue;
        }
        /* a footnote's own wrapped lines go with it (in G_WRAP text, those
         * that go on in lower case or with a number: "sinh từ năm" /
         * "1985 về sau ..."; after a page's number, in lower case) */
        if (infoot && u->kind == U_TEXT && !u->item &&
            (!u->gap || (u->gap == G_WRAP && (u->lower_start || u->num_start)) ||
             (u->after_page && u->lower_start))) {
            u->foot = u->foot_cont = 1;
            continue;
        }
        infoot = 0;
        gap = u->gap > gap ? u->gap : gap;
        /* "Quy định số 179-QĐ/" / "TW, ngày ...": a document number a
         * wrap cut after its '-' or '/' goes on with no space */
        int glue = prev_main != (size_t)-1 && p.code_end && u->code_start &&
                   p.kind == U_TEXT && u->kind == U_TEXT && !u->item && !u->atx;
        /* "2. Nâng cao chất lượng công tác" / "Các cấp ủy ...": a numbered
         * item's line with no mark at its end, then a line opened by a
         * word only a sentence's start writes with a capital
         * (S_sentence_word), is the item's heading and its body, where the
         * text marks no paragraph (G_WRAP; inside a Markdown block a
         * crawl's line ends anywhere: "g) Tham gia quản lý, vận hành" /
         * "Cơ sở dữ liệu ..."). Not after "của", "hoặc" (a name goes on:
         * "của" / "Thủ tướng") nor after a capital ("Sở" / "Nông
         * nghiệp"); not for a dash's point, which is a sentence ("- Mọi
         * đảng viên ... thực hiện nghiêm" / "Điều lệ Đảng") */
        int head = prev_main != (size_t)-1 && !glue && gap == G_WRAP &&
                   p.kind == U_TEXT && u->kind == U_TEXT &&
                   (p.item == 2 || p.part_word == 2) && p.single &&
                   !p.atx && p.last_lower && !p.sent_end &&
                   !p.clause_end && u->upper_start && !u->item && !u->atx &&
                   S_sentence_word(c, u);
        if (prev_main != (size_t)-1 && p.name_end && p.nchars <= S_LINE_CHARS &&
            u->upper_start && !head && !glue)
            u->sent_word = sw_left ? (sw_left--, S_sentence_word(c, u)) : 1;
        if (prev_main != (size_t)-1 && !head && (glue || S_join(&p, u, gap))) {
            /* footnotes that cut this sentence move past it */
            size_t f;
            u->join = 1;
            u->glue = glue;
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
    /* edits in text order; footnotes that cut a sentence follow the
     * paragraph they cut, each on its own line (next to the text they
     * annotate, and a scorer aligning on words loses at most the shorter
     * of the footnotes and the rest of that paragraph) */
    for (k = 0; k < c->nu; k++) {
        S_unit *u = &c->u[k];
        const char *sep;
        size_t e;
        if (u->moved) {
            if (pend == (size_t)-1)
                pend = k;
            continue;
        }
        if (pend != (size_t)-1 && (!u->join || u->foot)) {
            if (S_put_moved(c, out, pos, pend, k))
                return -1;
            pend = (size_t)-1;
        }
        if (first)
            sep = "";
        else if (u->foot)
            sep = u->foot_cont ? " " : "\n";
        else
            sep = u->join ? (u->glue ? "" : " ") : "\n";
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
    if (pend != (size_t)-1 && S_put_moved(c, out, pos, pend, c->nu))
        return -1;
    if (S_sep(c, out, pos, c->len, first ? "" : "\n", 0))
        return -1;
    return 0;
}

/* Was the text hard-wrapped? Crawled Markdown and OCR lines stop near a
 * fixed width (~80 columns), so a newline inside a block is a soft wrap.
 * Text written one paragraph per line has many lines far longer than
 * that: there every newline ends a paragraph unless the next line plainly
 * continues the sentence (the rules for a page break). This also makes
 * normalizing normalized text a no-op. */
#define S_LONG_LINE 200 /* bytes: ~150 Vietnamese characters */

/* Does the line end a sentence or a clause (. ! ? : ;), past closing
 * markup, quotes and brackets? */
static int S_line_closed(const S_ctx *c, const S_line *L)
{
    size_t e = L->te;
    while (e > L->ts && (c->t[e - 1] == '*' || c->t[e - 1] == '_' ||
                         c->t[e - 1] == ')' || c->t[e - 1] == '"'))
        e--;
    return e > L->ts && strchr(".!?:;", c->t[e - 1]) != NULL;
}

/* Is the line written in capitals (no lower-case letter)? */
static int S_line_caps(const S_ctx *c, const S_line *L)
{
    size_t i = L->ts;
    while (i < L->te) {
        unsigned char ch = c->t[i];
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        if (ch < 0x80) {
            if (ch >= 'a' && ch <= 'z')
                return 0;
            i++;
            continue;
        }
        k = utf8proc_iterate(c->t + i, (utf8proc_ssize_t)(L->te - i), &cp);
        if (k <= 0)
            return 0;
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

static int S_unwrapped(const S_ctx *c, int *nowhite)
{
    size_t k, ntext = 0, nlong = 0, nblank = 0, pairs = 0, cont = 0;
    for (k = 0; k < c->nl; k++) {
        const S_line *L = &c->lines[k];
        if (L->type == L_BLANK && k > 0 && k + 1 < c->nl &&
            c->lines[k + 1].type != L_BLANK)
            nblank++;
        if (L->type != L_TEXT)
            continue;
        ntext++;
        nlong += L->te - L->ts > S_LONG_LINE;
        if (k > 0 && c->lines[k - 1].type == L_TEXT && !L->pb) {
            pairs++;
            /* runs on in lower case (not after a line in capitals: a
             * title block "NGHỊ QUYẾT / về ...", kept apart anyway) */
            cont += !S_line_closed(c, &c->lines[k - 1]) && S_line_lower(c, L) &&
                    !S_line_caps(c, &c->lines[k - 1]);
        }
    }
    if (nlong >= 2 && nlong * 20 >= ntext)
        return 1;
    /* No blank line anywhere and hardly a line that runs on in lower
     * case: each line is a unit (plain text, or text already normalized),
     * not a block wrapped at a width. */
    if (nblank == 0 && pairs > 0 && cont * 10 < pairs)
        return 1;
    /* wrapped, and a blank line for fewer than one line in 30, or none
     * in a shorter text (10 lines or more: a page of a few paragraphs,
     * not one Markdown block whose soft breaks join its sentences): the
     * paragraphs are not marked (*nowhite: G_WRAP) */
    *nowhite = (ntext >= 30 && nblank * 30 < ntext) || (nblank == 0 && ntext >= 10);
    return 0;
}

/* The width a G_WRAP text is wrapped at, in bytes, when it is wrapped
 * regularly: nine in ten of the lines that plainly run on (no mark at
 * their end, the next in lower case) reach three quarters of the length
 * a tenth of all lines reach. There a line that stops well short of it
 * ended where its author ended it (a heading, a paragraph's last line).
 * 0 when the wrap is irregular: crawled pages break lines where their
 * markup was (a bold name, a cell), short lines that say nothing. */
static size_t S_wrap_width(const S_ctx *c)
{
    size_t hist[65] = {0}, k, n = 0, seen = 0, width = 0, cont = 0, full = 0;
    for (k = 0; k < c->nl; k++) {
        size_t b = (c->lines[k].te - c->lines[k].ts) / 8;
        if (c->lines[k].type != L_TEXT)
            continue;
        hist[b > 64 ? 64 : b]++;
        n++;
    }
    for (k = 65; k-- > 0 && !width;) {
        seen += hist[k];
        if (seen * 10 >= n)
            width = k * 8;
    }
    if (width < 40)
        return 0;
    for (k = 1; k < c->nl; k++) {
        const S_line *P = &c->lines[k - 1], *L = &c->lines[k];
        if (P->type != L_TEXT || L->type != L_TEXT || L->pb ||
            S_line_closed(c, P) || !S_line_lower(c, L))
            continue;
        cont++;
        full += (P->te - P->ts) * 4 >= width * 3;
    }
    return cont >= 10 && full * 10 >= cont * 9 ? width : 0;
}

/* The width of regularly wrapped text in characters: the length a tenth
 * of its lines reach (S_room); each text line's count is kept in nch. */
static size_t S_char_width(S_ctx *c)
{
    size_t hist[257] = {0}, k, n = 0, seen = 0;
    for (k = 0; k < c->nl; k++) {
        size_t m;
        if (c->lines[k].type != L_TEXT)
            continue;
        m = c->lines[k].nch = S_nchars(c->t, c->lines[k].ts, c->lines[k].te);
        hist[m > 256 ? 256 : m]++;
        n++;
    }
    for (k = 257; k-- > 0;) {
        seen += hist[k];
        if (seen * 10 >= n)
            return k;
    }
    return 0;
}

nqx_status nqx_norm_layout(const char *text, size_t len, nqx_norm_edit **edits,
                           size_t *nedits, nqx_error *err)
{
    S_ctx c;
    S_elist out = {0};
    size_t li = 0;
    int gap = 0, rc = 0, unwrapped, nowhite = 0;
    size_t nbars = 0, nglyphs = 0;
    *edits = NULL;
    *nedits = 0;
    memset(&c, 0, sizeof c);
    c.t = (const unsigned char *)text;
    c.len = len;
    if (S_split_lines(&c))
        rc = -1;
    for (li = 0; !rc && li < c.nl; li++) {
        c.tildes += c.lines[li].type == L_TEXT &&
                    S_tilde(c.t, c.lines[li].ts, c.lines[li].te) == 1;
        nbars += c.lines[li].type == L_BAR;
    }
    /* a scanned exploded table: its bars read as "l", "I", "Ị", and
     * blank lines among its cells */
    for (li = 0; !rc && nbars >= S_BARS_SCANNED && li < c.nl; li++)
        if (c.lines[li].type == L_TEXT && S_bar_glyph(&c, li)) {
            c.lines[li].type = L_BAR;
            nglyphs++;
        }
    if (!rc && nglyphs)
        S_table_blanks(&c);
    li = 0;
    unwrapped = !rc && S_unwrapped(&c, &nowhite);
    if (nowhite)
        c.width = S_wrap_width(&c);
    if (c.width)
        c.cwidth = S_char_width(&c);
    while (!rc && li < c.nl) {
        const S_line *L = &c.lines[li];
        int dropped = 0;
        if (L->pb)
            gap = G_REAL;
        else if (unwrapped && gap == G_NONE)
            gap = G_LINE;
        else if (nowhite && gap == G_NONE)
            gap = G_WRAP;
        switch (L->type) {
        case L_BLANK:
            gap = G_REAL;
            li++;
            break;
        case L_PIPESEP:
            li++;
            break;
        case L_PIPE:
            rc = S_pipe_row(&c, L, gap);
            gap = G_LINE; /* text right after a table is no wrapped cell */
            li++;
            break;
        case L_BAR: {
            size_t next = li + 1;
            rc = S_exploded(&c, li, gap, &next);
            gap = G_LINE;
            li = next > li ? next : li + 1;
            break;
        }
        default:
            rc = S_text_line(&c, li, gap, &dropped);
            gap = dropped ? G_REAL : G_NONE;
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
