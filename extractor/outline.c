/* outline.c: headings, items, bullets, tables, footnotes, the signature and
 * the recipients block, as a flat array of nodes with parent indexes.
 *
 * Levels come from the numbering styles in the order the document uses
 * them, not from a fixed scheme: a stack holds one entry per open level,
 * keyed by style ("R" Roman, "A2" two-part Arabic, "L" letter, "B-" dash,
 * ...). A label whose style is on the stack returns to that level; a new
 * style opens a level beneath the current one. Numbering that skips or
 * repeats is kept as written and flagged.
 *
 * The label patterns are data (grammars/outline.pcre); this file only knows
 * what each style means.
 */
#include "ext.h"

#include <stdlib.h>
#include <string.h>

#define S_MAXDEPTH 32

typedef struct {
    char key[24]; /* style key */
    int node;     /* node at this level */
    int val;      /* its number (0 = none or unknown) */
    int leadin;   /* a bullet that introduces what follows ("- Cấp xã:") */
} S_level;

typedef struct {
    const nqx_grammar *g;
    const char *text;
    nqx_error *err;
    nqx_node *nodes;
    char (*keys)[24]; /* style key per node, parallel to nodes */
    size_t n, cap;
    S_level stack[S_MAXDEPTH];
    int depth;
    int last_article; /* articles (Điều) number on across chapters */
    int article_depth; /* the stack depth the last article was placed at */
    const nqx_pattern *p_prefix, *p_roman, *p_arabic, *p_paren, *p_letter,
        *p_uletter, *p_bullet, *p_caps, *p_foot, *p_recip, *p_sign, *p_name,
        *p_row, *p_rule, *p_part, *p_article, *p_titlename, *p_appendix,
        *p_caption;
    const nqx_lexicon *titles, *letters;
} S_ctx;

enum { S_BODY, S_RECIP, S_SIGN };

static const char *const S_pattern_names[] = {
    "ol_prefix", "ol_roman", "ol_arabic", "ol_paren", "ol_letter",
    "ol_uletter", "ol_bullet", "ol_caps", "ol_footnote", "ol_recipients",
    "ol_sign", "ol_name", "ol_row", "ol_row_rule", "ol_part", "ol_article",
    "ol_title_name", "ol_appendix", "ol_caption"};

static nqx_status S_load(S_ctx *c)
{
    const nqx_pattern **slots[] = {
        &c->p_prefix, &c->p_roman, &c->p_arabic, &c->p_paren, &c->p_letter,
        &c->p_uletter, &c->p_bullet, &c->p_caps, &c->p_foot, &c->p_recip,
        &c->p_sign, &c->p_name, &c->p_row, &c->p_rule, &c->p_part,
        &c->p_article, &c->p_titlename, &c->p_appendix, &c->p_caption};
    size_t i;
    for (i = 0; i < sizeof slots / sizeof *slots; i++) {
        *slots[i] = nqx_gram_pattern(c->g, S_pattern_names[i]);
        if (!*slots[i])
            return nqx_fail(c->err, NQX_EGRAMMAR, NULL, -1, -1,
                            "grammar pattern %s is missing (grammars/outline.pcre)",
                            S_pattern_names[i]);
    }
    c->titles = nqx_gram_lexicon(c->g, "ol_signer_titles");
    c->letters = nqx_gram_lexicon(c->g, "ol_letter_order");
    return NQX_OK;
}

/* Match p on line s[0..n) from byte at; returns 1 on a match. ov holds 8
 * pairs; groups the match leaves unset read as SIZE_MAX. */
static int S_match(const nqx_pattern *p, const char *s, size_t n, size_t at,
                   size_t *ov)
{
    return nqx_gram_matched(p, s, n, at, ov, 8);
}

/* Span of named group name after a match of p, or 0 when unset. */
static int S_group(const nqx_pattern *p, const size_t *ov, const char *name,
                   size_t *gs, size_t *ge)
{
    return nqx_gram_span(p, ov, 8, name, gs, ge);
}

static int S_roman_value(const char *s, size_t n)
{
    int v = 0, prev = 0;
    size_t i;
    for (i = n; i-- > 0;) {
        int d = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10 : 0;
        v += d < prev ? -d : d;
        if (d > prev)
            prev = d;
    }
    return v;
}

/* Value of the last part of an Arabic number "2.1.3" -> 3. */
static int S_arabic_last(const char *s, size_t n, int *parts)
{
    int v = 0;
    size_t i;
    *parts = 1;
    for (i = 0; i < n; i++) {
        if (s[i] == '.') {
            (*parts)++;
            v = 0;
        } else if (s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int S_letter_value(const S_ctx *c, const char *s, size_t n)
{
    size_t i;
    if (!c->letters)
        return 0;
    for (i = 0; i < c->letters->n; i++)
        if (strlen(c->letters->entries[i].key) == n &&
            memcmp(c->letters->entries[i].key, s, n) == 0)
            return (int)i + 1;
    return 0;
}

/* snprintf(dst, sz, "%s", key) without the format machinery, a call per
 * node and per level placed (nqx_ext_outline on 200 textcorpus files:
 * 79.2M -> 69.3M instructions) */
static void S_keycpy(char *dst, size_t sz, const char *key)
{
    size_t n = strlen(key);
    if (n >= sz)
        n = sz - 1;
    memcpy(dst, key, n);
    dst[n] = '\0';
}

static nqx_node *S_new_node(S_ctx *c, nqx_node_kind kind, const char *key,
                            size_t start, size_t end, int parent, int level)
{
    nqx_node *nd;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        nqx_node *nn = realloc(c->nodes, cap * sizeof *nn);
        char (*nk)[24];
        if (!nn)
            return NULL;
        c->nodes = nn;
        nk = realloc(c->keys, cap * sizeof *nk);
        if (!nk)
            return NULL;
        c->keys = nk;
        c->cap = cap;
    }
    nd = &c->nodes[c->n];
    memset(nd, 0, sizeof *nd);
    S_keycpy(c->keys[c->n], sizeof c->keys[c->n], key);
    c->n++;
    nd->kind = kind;
    nd->start = start;
    nd->end = end;
    nd->body_end = end;
    nd->parent = parent;
    nd->level = level;
    return nd;
}

/* label[0..n) without trailing punctuation or spaces: "II-" -> "II";
 * "(5)" stays whole. */
static size_t S_bare_len(const char *s, size_t n)
{
    if (n && s[0] == '(')
        return n;
    while (n && (s[n - 1] == '.' || s[n - 1] == '-' || s[n - 1] == ')' ||
                 s[n - 1] == ':' || s[n - 1] == '/' || s[n - 1] == ' ' ||
                 s[n - 1] == '\t'))
        n--;
    /* "–" (U+2013) as a separator */
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
        (unsigned char)s[n - 2] == 0x80 && (unsigned char)s[n - 1] == 0x93)
        return S_bare_len(s, n - 3);
    return n;
}

/* Set label and path of node i. An Arabic label of several parts ("2.1.")
 * replaces the Arabic ancestors it extends: under "II." > "2." its path is
 * "II.2.1", not "II.2.2.1". Bullets and unlabelled headings add nothing. */
static int S_set_path(S_ctx *c, size_t i, const char *label, size_t ln,
                      int bullet, int arabic_parts)
{
    nqx_node *nd = &c->nodes[i];
    nqx_buf b = {0};
    int a = nd->parent;
    size_t bare = bullet ? 0 : S_bare_len(label, ln);
    nd->label = nqx_strndup(label, ln);
    if (!nd->label)
        return -1;
    if (arabic_parts > 1) {
        while (a >= 0 && (c->nodes[a].kind == NQX_NODE_BULLET ||
                          (c->keys[a][0] == 'A' &&
                           c->keys[a][1] - '0' < arabic_parts)))
            a = c->nodes[a].parent;
    }
    if (a >= 0 && c->nodes[a].path)
        nqx_buf_puts(&b, c->nodes[a].path);
    if (bare) {
        if (b.len)
            nqx_buf_puts(&b, ".");
        nqx_buf_append(&b, label, bare);
    }
    if (nqx_buf_puts(&b, ""))
        return -1;
    nd->path = nqx_buf_steal(&b);
    return nd->path ? 0 : -1;
}

static int S_is_bullet_key(const char *k) { return k[0] == 'B'; }

/* Place a labelled node of style key on the stack; returns its level and
 * parent, and sets flags from the previous number at that level. */
static void S_place(S_ctx *c, const char *key, int val, int leadin,
                    int *level, int *parent, int *flags)
{
    int p, found = -1;
    for (p = 0; p < c->depth; p++)
        if (strcmp(c->stack[p].key, key) == 0) {
            found = p;
            break;
        }
    *flags = 0;
    if (found >= 0) {
        int prev = c->stack[found].val;
        c->depth = found;
        if (val && prev) {
            if (val == prev)
                *flags = NQX_NODE_FLAG_REPEAT;
            else if (val != prev + 1)
                *flags = NQX_NODE_FLAG_SKIP;
        }
    } else {
        if (!S_is_bullet_key(key)) {
            /* a number never nests under a bullet, unless the bullet
             * introduces a list ("- Cán bộ cấp xã:") */
            while (c->depth && S_is_bullet_key(c->stack[c->depth - 1].key) &&
                   !c->stack[c->depth - 1].leadin)
                c->depth--;
        }
        if (key[0] == 'D' && c->last_article && val == c->last_article + 1) {
            /* the next article after a plan approved inline ("Điều 1.
             * Phê duyệt Đề án ..." then its I. ... V.5.c): "Điều 2.
             * Quyết định này có hiệu lực ..." stands where "Điều 1" stood,
             * not under the plan's last point; a chapter or section
             * opened since (Chương, Mục, Phần) still holds it */
            while (c->depth > c->article_depth &&
                   c->stack[c->depth - 1].key[0] != 'C' &&
                   c->stack[c->depth - 1].key[0] != 'U' &&
                   c->stack[c->depth - 1].key[0] != 'H')
                c->depth--;
        } else if (key[0] == 'A') {
            /* "2." after "1.1." (with no "1." seen) is not its child */
            for (p = 0; p < c->depth; p++)
                if (c->stack[p].key[0] == 'A' &&
                    strcmp(c->stack[p].key, key) > 0) {
                    c->depth = p;
                    break;
                }
        } else if (key[0] == 'R') {
            /* Roman numbers head a document or a part: they never nest
             * under Arabic numbers, letters or bullets */
            for (p = 0; p < c->depth; p++)
                if (c->stack[p].key[0] != 'C' && c->stack[p].key[0] != 'U' &&
                    c->stack[p].key[0] != 'H') {
                    c->depth = p;
                    break;
                }
        }
        if (val > 1)
            *flags = NQX_NODE_FLAG_SKIP;
    }
    if (key[0] == 'D') {
        *flags = !c->last_article || val == c->last_article + 1 ? 0
                 : val == c->last_article ? NQX_NODE_FLAG_REPEAT
                 : NQX_NODE_FLAG_SKIP;
        c->last_article = val;
        c->article_depth = c->depth;
    }
    if (c->depth >= S_MAXDEPTH)
        c->depth = S_MAXDEPTH - 1;
    *level = c->depth;
    *parent = c->depth ? c->stack[c->depth - 1].node : -1;
    S_keycpy(c->stack[c->depth].key, sizeof c->stack[c->depth].key, key);
    c->stack[c->depth].node = (int)c->n; /* the node about to be added */
    c->stack[c->depth].val = val;
    c->stack[c->depth].leadin = leadin;
    c->depth++;
}

/* Words in s[0..n): runs of non-space bytes. */
static int S_words(const char *s, size_t n)
{
    int w = 0, in = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* A numbered line is a heading when its text is short and does not end a
 * sentence ("5. Ban Tổ chức Thành ủy", "1. Mục đích"); otherwise an item. */
static nqx_node_kind S_heading_or_item(const char *s, size_t n)
{
    while (n && (s[n - 1] == '*' || s[n - 1] == ' '))
        n--;
    if (!n || s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ',')
        return NQX_NODE_ITEM;
    return S_words(s, n) <= 40 ? NQX_NODE_HEADING : NQX_NODE_ITEM;
}

/* Is line s[0..n) a signing capacity alone ("BÍ THƯ", "KT. CHỦ TỊCH")? */
static int S_is_title(const S_ctx *c, const char *s, size_t n)
{
    char *f;
    size_t i;
    int hit = 0;
    while (n && (s[n - 1] == '*' || s[n - 1] == ' ' || s[n - 1] == ':'))
        n--;
    if (!c->titles || !n || n > 60)
        return 0;
    f = nqx_fold(s, n);
    if (!f)
        return 0;
    for (i = 0; i < c->titles->n && !hit; i++)
        hit = strcmp(f, c->titles->entries[i].key) == 0;
    free(f);
    return hit;
}

/* Is the line all capitals (no lower-case letter)? */
static int S_is_caps(const S_ctx *c, const char *s, size_t n)
{
    size_t ov[16];
    return n <= 400 && S_match(c->p_caps, s, n, 0, ov);
}

typedef struct {
    int mode;
    int table;     /* open table node or -1 */
    int block;     /* recipients or signature node or -1 */
    int numbered;  /* a numbered label was seen in this document */
    int sign_lines;
    int heading;   /* the heading on the line just above, or -1 */
} S_doc_state;

/* Try the label patterns on s[cs..n). On a hit fills the node's style. */
static int S_label(S_ctx *c, const char *s, size_t n, size_t cs,
                   char *key, size_t keysz, int *val, int *parts,
                   size_t *ls, size_t *le, nqx_node_kind *kind)
{
    size_t ov[16], gs = 0, ge = 0, ts = 0, te;
    *parts = 0;
    *val = 0;
    if (S_match(c->p_part, s, n, cs, ov)) {
        /* "PHẦN I", "Chương II", "Mục 1": one style per word */
        S_group(c->p_part, ov, "word", &gs, &ge);
        snprintf(key, keysz, "H%.*s", (int)(ge - gs < 12 ? ge - gs : 12), s + gs);
        S_group(c->p_part, ov, "num", &gs, &ge);
        *val = s[gs] >= '0' && s[gs] <= '9' ? atoi(s + gs) : S_roman_value(s + gs, ge - gs);
        *kind = NQX_NODE_HEADING;
        S_group(c->p_part, ov, "label", ls, le);
        return 1;
    }
    if (S_match(c->p_article, s, n, cs, ov)) {
        S_group(c->p_article, ov, "num", &gs, &ge);
        snprintf(key, keysz, "D");
        *val = atoi(s + gs);
        *kind = NQX_NODE_HEADING;
        S_group(c->p_article, ov, "label", ls, le);
        return 1;
    }
    if (S_match(c->p_roman, s, n, cs, ov) &&
        S_group(c->p_roman, ov, "num", &gs, &ge) && ge > gs) {
        snprintf(key, keysz, "R");
        *val = S_roman_value(s + gs, ge - gs);
        *kind = NQX_NODE_HEADING;
        S_group(c->p_roman, ov, "label", ls, le);
        return 1;
    }
    if (S_match(c->p_arabic, s, n, cs, ov)) {
        size_t ss = 0, se = 0;
        S_group(c->p_arabic, ov, "num", &gs, &ge);
        *val = S_arabic_last(s + gs, ge - gs, parts);
        S_group(c->p_arabic, ov, "sep", &ss, &se);
        snprintf(key, keysz, "A%d%s", *parts,
                 se > ss && s[se - 1] == ')' ? "p" : "");
        S_group(c->p_arabic, ov, "label", ls, le);
        S_group(c->p_arabic, ov, "text", &ts, &te);
        *kind = S_heading_or_item(s + ts, n - ts);
        return 1;
    }
    if (S_match(c->p_paren, s, n, cs, ov)) {
        S_group(c->p_paren, ov, "num", &gs, &ge);
        if (s[gs] >= '0' && s[gs] <= '9') {
            snprintf(key, keysz, "Pn");
            S_arabic_last(s + gs, ge - gs, parts);
            *val = atoi(s + gs);
        } else {
            snprintf(key, keysz, "Pa");
            *val = S_letter_value(c, s + gs, ge - gs);
        }
        *parts = 0;
        S_group(c->p_paren, ov, "label", ls, le);
        S_group(c->p_paren, ov, "text", &ts, &te);
        *kind = S_heading_or_item(s + ts, n - ts);
        return 1;
    }
    if (S_match(c->p_letter, s, n, cs, ov)) {
        S_group(c->p_letter, ov, "num", &gs, &ge);
        snprintf(key, keysz, "L");
        *val = S_letter_value(c, s + gs, ge - gs);
        S_group(c->p_letter, ov, "label", ls, le);
        S_group(c->p_letter, ov, "text", &ts, &te);
        *kind = S_heading_or_item(s + ts, n - ts);
        return 1;
    }
    if (S_match(c->p_uletter, s, n, cs, ov)) {
        S_group(c->p_uletter, ov, "num", &gs, &ge);
        snprintf(key, keysz, "U");
        *val = s[gs] >= 'A' && s[gs] <= 'Z' ? s[gs] - 'A' + 1 : 0;
        S_group(c->p_uletter, ov, "label", ls, le);
        *kind = NQX_NODE_HEADING;
        return 1;
    }
    if (S_match(c->p_bullet, s, n, cs, ov)) {
        S_group(c->p_bullet, ov, "label", ls, le);
        snprintf(key, keysz, "B%.*s", (int)(*le - *ls), s + *ls);
        *kind = NQX_NODE_BULLET;
        return 1;
    }
    return 0;
}

/* Does line s[0..n) introduce what follows: it ends with a colon, or it
 * is short and ends no sentence ("- Cán bộ cấp Thành phố")? */
static int S_ends_colon(const char *s, size_t n)
{
    while (n && (s[n - 1] == '*' || s[n - 1] == ' '))
        n--;
    if (!n)
        return 0;
    if (s[n - 1] == ':')
        return 1;
    return s[n - 1] != '.' && s[n - 1] != ';' && s[n - 1] != ',' &&
           S_words(s, n) <= 10;
}

/* A number far beyond the next one expected ("35 - Thành ủy" on a line
 * wrapped after "Nghị quyết số") is text, not a label. */
static int S_plausible(const S_ctx *c, const char *key, int val)
{
    int p;
    if (!val)
        return 1;
    /* articles number on across chapters: "Chương IV" / "Điều 12." */
    if (key[0] == 'D' && !key[1])
        return val <= c->last_article + 9;
    for (p = 0; p < c->depth; p++)
        if (strcmp(c->stack[p].key, key) == 0)
            return val <= c->stack[p].val + 9;
    return val <= 9;
}

/* Top of the stack as a parent, and the level beneath it. */
static int S_top(const S_ctx *c, int *level)
{
    *level = c->depth;
    return c->depth ? c->stack[c->depth - 1].node : -1;
}

/* Handle one non-blank line [ls, le) of document di. */
static nqx_status S_line(S_ctx *c, S_doc_state *st, size_t ls, size_t le,
                         int di)
{
    const char *s = c->text + ls;
    size_t n = le - ls, ov[16], cs = 0, gs = 0, ge = 0;
    char key[24];
    int val, parts, level, parent, flags;
    size_t lbs = 0, lbe = 0;
    nqx_node_kind kind;
    nqx_node *nd;

    if (S_match(c->p_prefix, s, n, 0, ov))
        cs = ov[1];
    for (gs = cs; gs < n; gs++)
        if ((unsigned char)s[gs] >= 0x80 || (s[gs] >= '0' && s[gs] <= '9') ||
            ((s[gs] | 0x20) >= 'a' && (s[gs] | 0x20) <= 'z'))
            break;
    if (gs >= n)
        return NQX_OK; /* markup alone, e.g. "*" or "-----" */
    /* from here on the line is the text after the markup: patterns anchor
     * with ^ at the subject's start */
    s += cs;
    n -= cs;
    cs = 0;

    /* tables: a rule extends an open table, rows open or extend one */
    if (S_match(c->p_rule, s, n, 0, ov)) {
        if (st->table >= 0)
            c->nodes[st->table].end = le;
        return NQX_OK;
    }
    if (memchr(s, '|', n) && S_match(c->p_recip, s, n, 0, ov)) {
        /* "Nơi nhận: - A; - B | KT. CHỦ TỊCH ... Name": a crawled table
         * row holding the end matter; each cell is read as a line */
        size_t a = ls, k;
        nqx_status r = NQX_OK;
        for (k = ls; k <= le && !r; k++) {
            if (k < le && c->text[k] != '|')
                continue;
            while (a < k && (c->text[a] == ' ' || c->text[a] == '\t'))
                a++;
            {
                size_t e = k;
                while (e > a && (c->text[e - 1] == ' ' || c->text[e - 1] == '\t'))
                    e--;
                if (e > a)
                    r = S_line(c, st, a, e, di);
            }
            a = k + 1;
        }
        return r;
    }
    if (S_match(c->p_row, s, n, 0, ov)) {
        if (st->table < 0) {
            parent = st->mode == S_BODY ? S_top(c, &level) : st->block;
            if (st->mode != S_BODY)
                level = 1;
            nd = S_new_node(c, NQX_NODE_TABLE, "T", ls, le, parent, level);
            if (!nd || S_set_path(c, c->n - 1, "", 0, 1, 0))
                goto oom;
            nd->doc_index = di;
            st->table = (int)c->n - 1;
        }
        c->nodes[st->table].end = le;
        level = c->nodes[st->table].level + 1;
        nd = S_new_node(c, NQX_NODE_ROW, "W", ls, le, st->table, level);
        if (!nd || S_set_path(c, c->n - 1, "", 0, 1, 0))
            goto oom;
        nd->doc_index = di;
        return NQX_OK;
    }
    st->table = -1;

    if (S_match(c->p_appendix, s, n, cs, ov)) {
        /* "PHỤ LỤC 01": the appendix closes the body's sections, so that
         * its forms and lists do not nest under the last article or
         * heading (and take its body or time) */
        S_group(c->p_appendix, ov, "label", &gs, &ge);
        c->depth = 0;
        c->last_article = 0;
        st->mode = S_BODY;
        S_place(c, "X", 0, 0, &level, &parent, &flags);
        nd = S_new_node(c, NQX_NODE_HEADING, "X", ls, le, parent, level);
        if (!nd || S_set_path(c, c->n - 1, s + gs, ge - gs, 0, 0))
            goto oom;
        nd->doc_index = di;
        st->numbered = 1;
        return NQX_OK;
    }
    if (S_match(c->p_recip, s, n, cs, ov)) {
        S_group(c->p_recip, ov, "label", &gs, &ge);
        nd = S_new_node(c, NQX_NODE_RECIPIENTS, "N", ls, le, -1, 0);
        if (!nd || S_set_path(c, c->n - 1, s + gs, ge - gs, 1, 0))
            goto oom;
        nd->doc_index = di;
        st->mode = S_RECIP;
        st->block = (int)c->n - 1;
        c->depth = 0;
        return NQX_OK;
    }
    if (S_match(c->p_sign, s, n, cs, ov) || S_is_title(c, s + cs, n - cs) ||
        (S_match(c->p_titlename, s, n, 0, ov) &&
         S_group(c->p_titlename, ov, "text", &gs, &ge) && S_is_title(c, s + gs, ge - gs))) {
        if (st->mode == S_SIGN && st->sign_lines < 6) {
            c->nodes[st->block].end = le; /* "T/M ..." then "BÍ THƯ" */
            st->sign_lines++;
            return NQX_OK;
        }
        nd = S_new_node(c, NQX_NODE_SIGNATURE, "S", ls, le, -1, 0);
        {
            /* the label: the on-behalf mark ("T/M", "KT.") or the capacity
             * alone ("BÍ THƯ"), whatever lines the block was joined into */
            size_t e = n, b = cs;
            if (S_match(c->p_sign, s, n, 0, ov))
                S_group(c->p_sign, ov, "label", &b, &e);
            else if (S_match(c->p_titlename, s, n, 0, ov))
                S_group(c->p_titlename, ov, "text", &b, &e);
            while (e > b && (s[e - 1] == '*' || s[e - 1] == ' '))
                e--;
            if (!nd || S_set_path(c, c->n - 1, s + b, e - b, 1, 0))
                goto oom;
        }
        nd->doc_index = di;
        st->block = (int)c->n - 1;
        st->sign_lines = 1;
        c->depth = 0;
        /* "... PHÓ CHỦ TỊCH Bùi Thanh An": the name closes the block */
        st->mode = (S_match(c->p_sign, s, n, 0, ov) &&
                    S_group(c->p_sign, ov, "name", &gs, &ge)) ||
                   S_match(c->p_titlename, s, n, 0, ov) ? S_BODY : S_SIGN;
        return NQX_OK;
    }
    if (st->mode == S_SIGN) {
        if (S_match(c->p_name, s, n, cs, ov)) {
            c->nodes[st->block].end = le;
            st->mode = S_BODY;
            return NQX_OK;
        }
        st->mode = S_BODY;
    }

    /* a footnote, or "... ra sao? (Hình từ Internet)": a web page's
     * image caption, kept apart from the body as a footnote is */
    {
        const nqx_pattern *fp = S_match(c->p_caption, s, n, cs, ov) ? c->p_caption
                                : S_match(c->p_foot, s, n, cs, ov)  ? c->p_foot
                                                                    : NULL;
        if (fp) {
            S_group(fp, ov, "label", &gs, &ge);
            nd = S_new_node(c, NQX_NODE_FOOTNOTE, "F", ls, le, -1, 0);
            if (!nd || S_set_path(c, c->n - 1, s + gs, ge - gs, 1, 0))
                goto oom;
            nd->doc_index = di;
            return NQX_OK;
        }
    }

    if (S_label(c, s, n, cs, key, sizeof key, &val, &parts, &lbs, &lbe,
                &kind)) {
        if (st->mode == S_RECIP) {
            if (kind == NQX_NODE_BULLET) {
                nd = S_new_node(c, NQX_NODE_BULLET, key, ls, le, st->block, 1);
                if (!nd || S_set_path(c, c->n - 1, s + lbs, lbe - lbs, 1, 0))
                    goto oom;
                nd->doc_index = di;
                return NQX_OK;
            }
            st->mode = S_BODY;
        }
        if (!S_plausible(c, key, val))
            goto para;
        S_place(c, key, val, S_ends_colon(s, n), &level, &parent, &flags);
        nd = S_new_node(c, kind, key, ls, le, parent, level);
        if (!nd || S_set_path(c, c->n - 1, s + lbs, lbe - lbs,
                              kind == NQX_NODE_BULLET, parts))
            goto oom;
        nd->flags = flags;
        nd->doc_index = di;
        if (kind != NQX_NODE_BULLET)
            st->numbered = 1;
        return NQX_OK;
    }
    if (st->mode == S_RECIP) {
        /* a wrapped recipient line continues the last one */
        c->nodes[c->n - 1].end = le;
        return NQX_OK;
    }
    if (st->heading >= 0 && S_is_caps(c, s + cs, n - cs) &&
        S_is_caps(c, c->text + c->nodes[st->heading].start,
                  c->nodes[st->heading].end - c->nodes[st->heading].start)) {
        /* a heading in capitals wrapped onto this line ("**I. MỤC ĐÍCH,"
         * then "YÊU CẦU**"): text that did not go through the normalizer */
        c->nodes[st->heading].end = le;
        return NQX_OK;
    }
    if (st->numbered && S_is_caps(c, s + cs, n - cs) && S_words(s + cs, n - cs) <= 30) {
        S_place(c, "C", 0, 0, &level, &parent, &flags);
        nd = S_new_node(c, NQX_NODE_HEADING, "C", ls, le, parent, level);
        if (!nd || S_set_path(c, c->n - 1, "", 0, 1, 0))
            goto oom;
        nd->doc_index = di;
        return NQX_OK;
    }
para:
    parent = S_top(c, &level);
    nd = S_new_node(c, NQX_NODE_PARA, "P", ls, le, parent, level);
    if (!nd || S_set_path(c, c->n - 1, "", 0, 1, 0))
        goto oom;
    nd->doc_index = di;
    return NQX_OK;
oom:
    return nqx_fail(c->err, NQX_ENOMEM, NULL, -1, (long)ls, "out of memory");
}

/* A heading in capitals glued to the next label by leftover bold markup
 * ("I. TÌNH HÌNH VÀ NGUYÊN NHÂN**1. Tình hình**"): the offset where the
 * second label's markup starts, or 0. */
static size_t S_glued(const S_ctx *c, size_t ls, size_t le)
{
    const char *s = c->text + ls, *p;
    size_t n = le - ls, ov[16];
    if (n > 400)
        return 0;
    for (p = s + 1; (p = memchr(p, '*', n - (size_t)(p - s))) != NULL; p++) {
        size_t at = (size_t)(p - s);
        if (at + 2 >= n || p[1] != '*' || p[-1] == '*' || p[-1] == ' ')
            continue;
        if ((S_match(c->p_arabic, p + 2, n - at - 2, 0, ov) ||
             S_match(c->p_roman, p + 2, n - at - 2, 0, ov)) &&
            S_is_caps(c, s, at))
            return ls + at;
    }
    return 0;
}

nqx_status nqx_ext_outline(const nqx_grammar *g, const char *text, size_t len,
                           const nqx_meta *metas, size_t nmetas,
                           nqx_node **nodes, size_t *nnodes, nqx_error *err)
{
    S_ctx c;
    nqx_status st;
    size_t d, i;

    *nodes = NULL;
    *nnodes = 0;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.text = text;
    c.err = err;
    st = S_load(&c);
    if (st)
        return st;
    for (d = 0; d < nmetas && !st; d++) {
        size_t pos = metas[d].start, end = metas[d].end;
        S_doc_state ds;
        if (end > len)
            end = len;
        memset(&ds, 0, sizeof ds);
        ds.table = ds.block = ds.heading = -1;
        c.depth = 0;
        c.last_article = 0;
        while (pos < end && !st) {
            const char *nl = memchr(text + pos, '\n', end - pos);
            size_t le = nl ? (size_t)(nl - text) : end, ls = pos, e = le;
            pos = nl ? le + 1 : end;
            while (ls < e && (text[ls] == ' ' || text[ls] == '\t'))
                ls++;
            while (e > ls && (text[e - 1] == ' ' || text[e - 1] == '\t' ||
                              text[e - 1] == '\r'))
                e--;
            if (e == ls) {
                ds.heading = -1;
                continue;
            }
            {
                size_t cut = S_glued(&c, ls, e);
                if (cut) {
                    st = S_line(&c, &ds, ls, cut, (int)d);
                    ls = cut;
                }
            }
            if (!st) {
                size_t before = c.n;
                int h = ds.heading;
                st = S_line(&c, &ds, ls, e, (int)d);
                if (c.n > before)
                    ds.heading = c.nodes[c.n - 1].kind == NQX_NODE_HEADING
                                     ? (int)c.n - 1 : -1;
                else
                    ds.heading = h;
            }
        }
    }
    if (st) {
        nqx_ext_nodes_free(c.nodes, c.n);
        free(c.keys);
        return st;
    }
    /* body_end: the end of the last node beneath each node */
    for (i = c.n; i-- > 0;) {
        nqx_node *nd = &c.nodes[i];
        if (nd->body_end < nd->end)
            nd->body_end = nd->end;
        if (nd->parent >= 0 && c.nodes[nd->parent].body_end < nd->body_end)
            c.nodes[nd->parent].body_end = nd->body_end;
    }
    free(c.keys);
    *nodes = c.nodes;
    *nnodes = c.n;
    return NQX_OK;
}
