/* target.c: targets, the quantities a document sets out to reach.
 *
 * For each node of the outline, its own text is cut into clauses (between
 * ".", ";" and line breaks, not commas); each quantity of a clause
 * (grammars/quantity.pcre: a number with a symbol unit, or with a counted
 * noun of the lexicon qt_unit_nouns) that is a goal (grammars/target.pcre:
 * a cue, a goal or quota heading, a "phấn đấu ...:" lead-in over the list,
 * or the new value of a cut) becomes one record with its comparator,
 * bounds, unit, aspiration, deadline and scope. Every word list and
 * context lives in the grammars; this file only combines them.
 *
 * Deadlines: a time in a clause goes to the quantities after it; a time
 * after a quantity that has none yet goes back to it ("100% ... hằng
 * năm"); a time that opens an item's first clause covers all its clauses;
 * else the enclosing headings decide (nqx_ext_node_deadline). For a target
 * only bounds and recurrences count: "thường xuyên" and "khi có ..." are
 * the manner of the work, not a time for a quantity.
 *
 * Until an outline is given (d->nnodes == 0) the text is read line by line
 * with a small stack of numbering labels (tg_fb_label), enough to find the
 * enclosing headings.
 */
#include "ext.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define S_MAXQ 64
/* Work per clause is bounded: a clause longer than this (only hostile
 * text has one) is read in pieces; windows around a quantity are short. */
#define S_MAXCLAUSE 8192
#define S_CMP_REACH 160
#define S_EXCL_REACH 400
/* How much of a heading or lead-in is read for its goal words or scope. */
#define S_HEAD_REACH 600
#define S_MAXDL 32
#define S_NOV 16
#define S_MAXCOL 24
/* The longest line (bytes) inside a table that does not end it. */
#define S_TBL_INNER 120
/* How far (bytes) a goal cue reaches forward: about 120 characters. */
#define S_CUE_REACH 300
/* How many levels up a "phấn đấu ...:" lead-in governs a list. */
#define S_LEADIN_HOPS 4
/* how far back over a list's own items a lead-in is looked for */
#define S_LEADIN_SIBS 64
/* a lead-in longer than this (bytes, ~40 characters) is a sentence of its own */
#define S_LEADIN_OWN 60
/* How far after a quantity (bytes) the year its words name may stand. */
#define S_YEAR_AFTER 120
/* How far into an item (bytes) its opening time may start. */
#define S_LEAD_REACH 120

typedef struct {
    size_t qs, qe;   /* the quantity: first digit .. end of unit */
    size_t ms;       /* start of the comparator before it, else qs */
    size_t ce;       /* end including a following "trở lên" */
    double lo, hi;
    char cmp[8];
    char unit[48];
    int asp;
    int listed, shared; /* an item of a list; its comparator is the list's */
    char dl[64];
} S_qty;

typedef struct {
    size_t s, e;
    char v[64];
} S_dl;

/* A column of a target table's header (or sub-header) row. */
typedef struct {
    char dl[32]; /* its year or years ("2026", "2026/2030"), or "" */
    int base;    /* a column of the present: a baseline, no target */
    int kind;    /* S_COL_* */
    int empty;   /* the cell is empty (the padding of a span) */
} S_tcol;
enum { S_COL_VALUE, S_COL_UNIT, S_COL_METRIC, S_COL_INDEX };

typedef struct {
    const nqx_grammar *g;
    const char *text;
    char *mask; /* text with markup blanked: same length, same offsets */
    size_t len;
    nqx_doc *d;
    const nqx_node *nodes;
    size_t nnodes;
    const nqx_pattern *qty, *cmp_before, *cmp_after, *aspire, *goal_cue,
        *goal_heading, *present_heading, *footnote, *scope, *label,
        *tbl_year, *tbl_base, *tbl_unit, *tbl_metric, *tbl_cell,
        *tbl_index, *tbl_colnum, *tbl_budget,
        *metric_lead, *metric_tail, *pop_end, *pop_lead, *item_goal,
        *criteria;
    const nqx_pattern *rate_per; /* "bác sĩ/vạn dân" (qt_rate_per) */
    const nqx_pattern *aspire_present; /* "phấn đấu" that holds in a report */
    const nqx_pattern *metric_year; /* "quy mô GDP năm 2025 đạt ..." */
    const nqx_pattern *goal_leadin; /* "... các chỉ tiêu chủ yếu ..., cụ thể:" */
    /* "... các chỉ tiêu chủ yếu ... ra sao?" then "Căn cứ ... như sau:" */
    const nqx_pattern *goal_question, *goal_cite;
    const nqx_pattern *time_para; /* "Mục tiêu đến năm 2025" (tg_time_para) */
    const nqx_pattern *leadin_horizon; /* "mục tiêu Chiến lược ... đến năm 2030" */
    const nqx_pattern *negated_floor; /* "không có X đạt" before "dưới N" */
    const nqx_pattern *goal_purpose; /* "góp phần hoàn thành mục tiêu" */
    const nqx_pattern *full_cover; /* "số hóa 100% hồ sơ" (tg_full_cover) */
    int hl_doc, hl_first; /* S_headline's document and its first node */
    const nqx_lexicon *rule_kinds; /* "Luật", "Nghị định", "Thông tư" */
    const nqx_lexicon *excl, *need_cmp, *time_limit, *num_words, *unit_nouns;
    /* unit_nouns' indices by first byte, in lexicon order: those starting
     * with byte b are un_ix[un_from[b] .. un_from[b + 1]), the longest of
     * them un_maxlen[b] bytes (S_unit_index) */
    size_t *un_ix, un_from[257], un_maxlen[256];
    nqx_qty_words qty_words; /* num_words, ready for nqx_ext_qty_start */
    /* qt_quantity's groups lo, hi, unit, word, noun (looked up once) */
    int qty_lo, qty_hi, qty_unit, qty_word, qty_noun, qty_scale, qty_bare;
    const nqx_pattern *bare_cmp; /* "trên" before a bare index value */
    const nqx_pattern *cut_new, *quota_heading, *criteria_heading;
    /* the target table being read: its header's columns */
    int tbl_active, tbl_ncols, tbl_unit_col, tbl_metric_col;
    int tbl_data;         /* a data row was read under the header */
    int tbl_nhead, tbl_nsub, tbl_width; /* header, sub-header cells; columns */
    S_tcol tbl_head[S_MAXCOL], tbl_sub[S_MAXCOL];
    char tbl_group[2][256]; /* labels of the numbered row, the "-" row above */
    char tbl_dl[S_MAXCOL][32];
    /* S_leadin_hit's answers: for pattern leadin_pat[k] (those that
     * S_leadin_find is asked for), bit 2k of leadin_memo[j] says node j
     * was tried, bit 2k + 1 that it matched; NULL: none kept */
    const nqx_pattern *leadin_pat[4];
    unsigned char *leadin_memo;
} S_ctx;

/* ---------------------------------------------------------------------- */
/* small helpers                                                          */

/* pos moved back to the start of its UTF-8 character: windows cut by
 * byte counts must not split one (PCRE2 runs without its UTF check). */
static size_t S_cb(const char *s, size_t pos)
{
    while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

/* Match p on s[0..n) from byte from, starting at or before byte last.
 * s[n] must be readable (the texts here are NUL-terminated): a window that
 * ends inside a character is shortened to the character's start. */
static int S_match_upto(const nqx_pattern *p, const char *s, size_t n,
                        size_t from, size_t last, size_t *ov, int nov)
{
    int k;
    for (k = 0; k < 2 * nov; k++)
        ov[k] = SIZE_MAX;
    n = S_cb(s, n);
    if (!p || from > n)
        return 0;
    return nqx_gram_match_upto(p, s, n, from, last, ov, nov) > 0;
}

/* The same, anywhere from byte from. */
static int S_match(const nqx_pattern *p, const char *s, size_t n, size_t from,
                   size_t *ov, int nov)
{
    return S_match_upto(p, s, n, from, SIZE_MAX, ov, nov);
}

static int S_group_set(const nqx_pattern *p, const size_t *ov, const char *name)
{
    int gi = nqx_gram_group(p, name);
    return gi > 0 && gi < S_NOV && ov[2 * gi] != SIZE_MAX;
}

/* Lower-case UTF-8 with whitespace runs collapsed; into out (NUL-ended).
 * With acronyms set, acronyms (two or more letters, all upper case: USD,
 * TCCSĐ) are kept as written. */
static void S_lower_as(const char *s, size_t n, char *out, size_t outsz,
                       int acronyms)
{
    size_t i = 0, o = 0;
    int space = 0, keep = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_uint8_t buf[4];
        /* ASCII, most of the bytes, without utf8proc's calls: the same
         * code point and case mapping */
        utf8proc_ssize_t k = (unsigned char)s[i] < 0x80
            ? (c = (unsigned char)s[i], 1)
            : utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                               (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0)
            break;
        if (acronyms && (i == 0 || space)) { /* a new word: an acronym? */
            size_t j = i, letters = 0;
            keep = 1;
            while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n') {
                utf8proc_int32_t d;
                utf8proc_ssize_t kk = utf8proc_iterate(
                    (const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &d);
                if (kk <= 0)
                    break;
                if (utf8proc_tolower(d) != d)
                    letters++;
                else if (utf8proc_toupper(d) != d)
                    keep = 0;
                j += (size_t)kk;
            }
            keep = keep && letters >= 2;
        }
        i += (size_t)k;
        if (c == ' ' || c == '\t' || c == '\n') {
            space = 1;
            continue;
        }
        if (space && o) {
            if (o + 1 >= outsz)
                break;
            out[o++] = ' ';
        }
        space = 0;
        if (c < 0x80) {
            buf[0] = (utf8proc_uint8_t)(!keep && c >= 'A' && c <= 'Z' ? c + 32 : c);
            k = 1;
        } else {
            k = utf8proc_encode_char(keep ? c : utf8proc_tolower(c), buf);
        }
        if (o + (size_t)k >= outsz)
            break;
        memcpy(out + o, buf, (size_t)k);
        o += (size_t)k;
    }
    out[o] = '\0';
}

static void S_lower(const char *s, size_t n, char *out, size_t outsz)
{
    S_lower_as(s, n, out, outsz, 1);
}

/* The same, acronyms lower-cased too: for comparing with word lists. */
static void S_lower_all(const char *s, size_t n, char *out, size_t outsz)
{
    S_lower_as(s, n, out, outsz, 0);
}

/* "1.000" = 1000, "1,5" = 1.5. */
static double S_number(const char *s, size_t n)
{
    char buf[48];
    size_t i, o = 0;
    for (i = 0; i < n && o + 1 < sizeof buf; i++) {
        if (s[i] == '.')
            continue;
        buf[o++] = s[i] == ',' ? '.' : s[i];
    }
    buf[o] = '\0';
    return strtod(buf, NULL);
}

static int S_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char *S_dup_trim(const char *s, size_t a, size_t b, const char *strip)
{
    size_t k;
    for (;;) {
        if (a < b && S_is_space(s[a]))
            a++;
        else if ((k = nqx_trim_head(strip, s + a, b - a)) > 0)
            a += k;
        else
            break;
    }
    for (;;) {
        if (b > a && S_is_space(s[b - 1]))
            b--;
        else if ((k = nqx_trim_tail(strip, s + a, b - a)) > 0)
            b -= k;
        else
            break;
    }
    return nqx_strndup(s + a, b - a);
}

/* Blank markup the normalizer may still leave (**, *, #, \, <sup>n</sup>,
 * superscript footnote marks) so that patterns see plain words; offsets
 * are unchanged because every byte is replaced by a space. */
static char *S_mask(const char *t, size_t n)
{
    char *m = malloc(n + 1);
    size_t i;
    if (!m)
        return NULL;
    memcpy(m, t, n);
    m[n] = '\0';
    for (i = 0; i < n; i++) {
        unsigned char c;
        /* to the next byte that may start something below (strcspn also
         * stops at a NUL: m[n] is one, and one inside is stepped over) */
        i += strcspn(m + i, "*#\\_<\xC2\xE2");
        if (i >= n)
            break;
        c = (unsigned char)m[i];
        if (!c)
            continue;
        if (c == '*' || c == '#' || c == '\\' || c == '_') {
            m[i] = ' ';
        } else if (c == '<' && (strncmp(m + i, "<sup>", 5) == 0 ||
                                strncmp(m + i, "</sup>", 6) == 0)) {
            size_t e = i + (m[i + 1] == '/' ? 6 : 5);
            if (m[i + 1] != '/') /* the footnote number inside too */
                while (e < n && m[e] >= '0' && m[e] <= '9')
                    e++;
            memset(m + i, ' ', e - i);
            i = e - 1;
        } else if (c == 0xC2 && i + 1 < n &&
                   ((unsigned char)m[i + 1] == 0xB9 || (unsigned char)m[i + 1] == 0xB2 ||
                    (unsigned char)m[i + 1] == 0xB3)) {
            m[i] = m[i + 1] = ' '; /* ¹ ² ³ */
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)m[i + 1] == 0x81 &&
                   (unsigned char)m[i + 2] >= 0xB0 && (unsigned char)m[i + 2] <= 0xB9) {
            m[i] = m[i + 1] = m[i + 2] = ' '; /* ⁰ ⁴ ... ⁹ */
            i += 2;
        }
    }
    return m;
}

/* ---------------------------------------------------------------------- */
/* fallback outline: one node per line, parents from numbering labels     */

typedef struct {
    char key[8];
    int node;
} S_level;

static nqx_status S_fallback_outline(S_ctx *c, nqx_node **out, size_t *nout,
                                     nqx_error *err)
{
    size_t cap = 64, n = 0, pos = 0;
    nqx_node *nodes = malloc(cap * sizeof *nodes);
    S_level st[32];
    int depth = 0;
    if (!nodes)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    while (pos < c->len) {
        size_t le = pos, ov[2 * S_NOV];
        nqx_node *nd;
        char key[8] = "", comp[40] = "";
        const char *ppath;
        int parent, k;
        while (le < c->len && c->text[le] != '\n')
            le++;
        if (le == pos || strspn(c->mask + pos, " \t\r") >= le - pos) {
            pos = le + 1;
            continue;
        }
        if (n == cap) {
            nqx_node *nn = realloc(nodes, 2 * cap * sizeof *nn);
            if (!nn) {
                nqx_ext_nodes_free(nodes, n);
                return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
            }
            nodes = nn;
            cap *= 2;
        }
        nd = &nodes[n];
        memset(nd, 0, sizeof *nd);
        nd->start = pos;
        nd->end = le;
        nd->body_end = le;
        nd->kind = NQX_NODE_PARA;
        for (k = 0; k < (int)c->d->nmetas; k++)
            if (pos >= c->d->metas[k].start && pos < c->d->metas[k].end)
                nd->doc_index = k;
        if (S_match(c->footnote, c->text + pos, le - pos, 0, ov, S_NOV)) {
            nd->kind = NQX_NODE_FOOTNOTE;
        } else if (S_match(c->label, c->mask + pos, le - pos, 0, ov, S_NOV)) {
            const char *names[] = {"roman", "num", "paren", "letter", "bullet"};
            for (k = 0; k < 5; k++) {
                int gi = nqx_gram_group(c->label, names[k]);
                size_t a, b;
                if (gi <= 0 || ov[2 * gi] == SIZE_MAX)
                    continue;
                a = pos + ov[2 * gi];
                b = pos + ov[2 * gi + 1];
                if (k == 1) {
                    size_t j, dots = 0;
                    for (j = a; j < b; j++)
                        dots += c->text[j] == '.';
                    snprintf(key, sizeof key, "N%zu", dots);
                } else {
                    snprintf(key, sizeof key, "%c%c", "RNPLB"[k],
                             k == 4 ? c->text[a] : 0);
                }
                if (k == 2)
                    snprintf(comp, sizeof comp, "(%.*s)", (int)(b - a), c->text + a);
                else if (k == 3)
                    snprintf(comp, sizeof comp, "%.*s)", (int)(b - a), c->text + a);
                else if (k != 4)
                    snprintf(comp, sizeof comp, "%.*s", (int)(b - a), c->text + a);
                nd->kind = k < 2 ? (le - pos < 200 ? NQX_NODE_HEADING : NQX_NODE_ITEM)
                                 : k == 4 ? NQX_NODE_BULLET : NQX_NODE_ITEM;
                nd->label = nqx_strndup(c->text + a, b - a);
                break;
            }
        }
        if (key[0]) {
            int j;
            if (key[0] == 'R')
                depth = 0;
            for (j = 0; j < depth; j++)
                if (strcmp(st[j].key, key) == 0) {
                    depth = j;
                    break;
                }
        }
        parent = depth ? st[depth - 1].node : -1;
        nd->parent = parent;
        nd->level = depth;
        ppath = parent >= 0 && nodes[parent].path ? nodes[parent].path : "";
        {
            char path[256];
            size_t pl = strlen(ppath);
            /* "2.1" under "2": the decimal label already holds its parent */
            size_t ll = parent >= 0 && nodes[parent].label ? strlen(nodes[parent].label) : 0;
            if (key[0] == 'N' && ll && strncmp(comp, nodes[parent].label, ll) == 0 &&
                comp[ll] == '.' && pl >= ll)
                pl -= ll + (pl > ll);
            if (!comp[0])
                snprintf(path, sizeof path, "%s", ppath);
            else if (pl)
                snprintf(path, sizeof path, "%.*s.%s", (int)pl, ppath, comp);
            else
                snprintf(path, sizeof path, "%s", comp);
            nd->path = nqx_strndup(path, strlen(path));
        }
        if (key[0] && depth < 32) {
            memcpy(st[depth].key, key, sizeof key);
            st[depth].node = (int)n;
            depth++;
        }
        n++;
        pos = le + 1;
    }
    *out = nodes;
    *nout = n;
    return NQX_OK;
}

/* ---------------------------------------------------------------------- */
/* one node                                                               */

/* For a document without its date (a crawled text that lost its
 * header or signature): is y[0..4) no earlier than the latest year of
 * the documents it cites ("Luật số 62/2025/QH15", "ngày 22/12/2024")?
 * A document is issued after what it cites, so such a year is at least
 * its own. 0 when it cites no year. */
static void S_cited_max(const nqx_meta *m, char best[5])
{
    size_t k;
    best[0] = '\0';
    for (k = 0; k < m->ncites; k++) {
        const char *s = m->cites[k];
        size_t i, n = s ? strlen(s) : 0;
        for (i = 0; i + 4 <= n; i++) {
            const char *p = s + i;
            if ((i && p[-1] >= '0' && p[-1] <= '9') ||
                (p[4] >= '0' && p[4] <= '9') ||
                !((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')) ||
                p[2] < '0' || p[2] > '9' || p[3] < '0' || p[3] > '9')
                continue;
            if (strncmp(p, best, 4) > 0) {
                memcpy(best, p, 4);
                best[4] = '\0';
            }
        }
    }
}

static int S_cited_year(const nqx_meta *m, const char *y)
{
    char best[5];
    S_cited_max(m, best);
    return best[0] && strncmp(y, best, 4) >= 0;
}

/* Is a target's time dl (a year first: "2025", "1972-10"; a period's
 * end: "2011/2016") already past for its document: before the year of
 * its date, or else of
 * the latest document it cites; with neither, before 2000 (the narrative
 * of a history page: "Ngày 26/12/1972 ... sát hại 287 dân thường")? A
 * goal lies ahead; a figure of a year gone is a result. */
static int S_past_deadline(const S_ctx *c, size_t pos, const char *dl)
{
    size_t k;
    char year[5] = "2000";
    const char *sl = strchr(dl, '/');
    if (sl && sl[1] >= '0' && sl[1] <= '9') /* a period: when it ends */
        dl = sl + 1;
    if (strlen(dl) < 4 || !(dl[0] == '1' || dl[0] == '2') || dl[1] < '0' || dl[1] > '9' ||
        dl[2] < '0' || dl[2] > '9' || dl[3] < '0' || dl[3] > '9')
        return 0;
    for (k = 0; k < c->d->nmetas; k++) {
        const nqx_meta *m = &c->d->metas[k];
        char best[5];
        if (pos < m->start || pos >= m->end)
            continue;
        if (m->date && strlen(m->date) >= 4) {
            memcpy(year, m->date, 4);
        } else {
            S_cited_max(m, best);
            if (best[0])
                memcpy(year, best, 5);
        }
        break;
    }
    return strncmp(dl, year, 4) < 0;
}

/* Is the year y[0..4) one the document at pos has not yet lived through
 * (its own year or later), in a document that plans rather than reports?
 * "Năm 2026, tỷ lệ che phủ rừng đạt 45%" in a plan of January 2026 is a
 * goal; in a report, or of 2024 in that plan, a result. */
static int S_year_ahead(const S_ctx *c, size_t pos, const char *y)
{
    const nqx_lexicon *rep = nqx_gram_lexicon(c->g, "tg_reporting_kinds");
    size_t k, j;
    for (k = 0; k < c->d->nmetas; k++) {
        const nqx_meta *m = &c->d->metas[k];
        if (pos < m->start || pos >= m->end)
            continue;
        for (j = 0; rep && m->kind && j < rep->n; j++)
            if (strcmp(rep->entries[j].key, m->kind) == 0)
                return 0;
        if (m->date && strlen(m->date) >= 4)
            return strncmp(y, m->date, 4) >= 0;
        return S_cited_year(m, y);
    }
    return 0;
}

static int S_in_excluded(const S_ctx *c, size_t cs, size_t ce, size_t qs,
                         size_t qe)
{
    size_t i;
    if (!c->excl)
        return 0;
    if (qs - cs > S_EXCL_REACH)
        cs = S_cb(c->mask, qs - S_EXCL_REACH);
    if (ce - qe > S_EXCL_REACH)
        ce = qe + S_EXCL_REACH;
    for (i = 0; i < c->excl->n; i++) {
        const nqx_pattern *p = nqx_gram_pattern(c->g, c->excl->entries[i].key);
        size_t ov[2 * S_NOV], pos = cs;
        /* a match that starts at or after qe cannot overlap: stop there */
        while (S_match_upto(p, c->mask, ce, pos, qe - 1, ov, S_NOV)) {
            if (ov[0] < qe && qs < ov[1]) {
                /* an exclusion that names a year (group y) holds for the
                 * years the document looks back on (looked up only here:
                 * this runs for every quantity) */
                int gy = nqx_gram_group(p, "y");
                if (!(gy > 0 && gy < S_NOV && ov[2 * gy] != SIZE_MAX &&
                      ov[2 * gy + 1] - ov[2 * gy] == 4 &&
                      S_year_ahead(c, qs, c->mask + ov[2 * gy])))
                    return 1;
            }
            if (ov[0] >= qe)
                break;
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
    }
    return 0;
}

/* Is the document at pos a normative act (its kind in the lexicon
 * tg_rule_kinds: "Luật", "Nghị định", "Thông tư", ...)? Its numbers are
 * rules that bind everyone always, not goals to reach. */
static int S_rule_text(const S_ctx *c, size_t pos)
{
    size_t k, j;
    for (k = 0; k < c->d->nmetas; k++) {
        const nqx_meta *m = &c->d->metas[k];
        if (pos < m->start || pos >= m->end)
            continue;
        for (j = 0; c->rule_kinds && m->kind && j < c->rule_kinds->n; j++)
            if (strcmp(c->rule_kinds->entries[j].key, m->kind) == 0)
                return 1;
        return 0;
    }
    return 0;
}

/* Does the quantity restate its document's title? The title line, or a
 * closing that names the document ("thực hiện thành công Kế hoạch ...
 * năm 2025 với mục tiêu tăng trưởng đạt 8% trở lên"), sets no target
 * of its own: the body does. Read as: the words from up to S_TITLE_LEAD
 * bytes before the quantity (from its clause's start) through its end
 * stand in the title, verbatim. */
#define S_TITLE_LEAD 48
static int S_in_title(const S_ctx *c, size_t cs, const S_qty *q)
{
    size_t k, a = q->qs - cs > S_TITLE_LEAD ? S_cb(c->text, q->qs - S_TITLE_LEAD) : cs;
    for (k = 0; k < c->d->nmetas; k++) {
        const nqx_meta *m = &c->d->metas[k];
        const char *t = m->title;
        size_t n = q->qe - a;
        if (q->qs < m->start || q->qs >= m->end || !t)
            continue;
        /* the text is not NUL-ended at qe: each place the title holds
         * the first byte, compared n bytes */
        for (; (t = strchr(t, c->text[a])) != NULL; t++)
            if (strncmp(t, c->text + a, n) == 0)
                return 1;
        return 0;
    }
    return 0;
}

/* A goal the document set before, named again as the purpose of some
 * work (tg_goal_purpose right before it): the same value and unit as an
 * earlier target of the same document. */
static int S_restated(const S_ctx *c, size_t cs, const S_qty *q)
{
    size_t ov[2 * S_NOV], i, from;
    int doc = -1;
    if (!c->goal_purpose)
        return 0;
    from = q->ms - cs > S_CMP_REACH ? S_cb(c->mask, q->ms - S_CMP_REACH) : cs;
    if (!S_match(c->goal_purpose, c->mask, q->ms, from, ov, S_NOV))
        return 0;
    for (i = 0; i < c->d->nmetas; i++)
        if (q->qs >= c->d->metas[i].start && q->qs < c->d->metas[i].end)
            doc = (int)i;
    for (i = 0; i < c->d->nrecords; i++) {
        const nqx_record *r = &c->d->records[i];
        if (r->kind == NQX_TARGET && (doc < 0 || r->doc_index == doc) &&
            r->low == q->lo && r->high == q->hi && r->unit &&
            strcmp(r->unit, q->unit) == 0)
            return 1;
    }
    return 0;
}

/* Is unit's noun (before a rate: "ngày" of "ngày/tuần") in lexicon lx? */
static int S_unit_in(const nqx_lexicon *lx, const char *unit)
{
    size_t i, n = strcspn(unit, "/");
    if (!lx)
        return 0;
    for (i = 0; i < lx->n; i++)
        if (strlen(lx->entries[i].key) == n && strncmp(lx->entries[i].key, unit, n) == 0)
            return 1;
    return 0;
}

/* Does an ancestor's own text match p? */
static int S_ancestor_matches(const S_ctx *c, int node, const nqx_pattern *p)
{
    int a;
    for (a = c->nodes[node].parent; a >= 0; a = c->nodes[a].parent) {
        const nqx_node *nd = &c->nodes[a];
        size_t ov[2 * S_NOV], l = nd->end - nd->start;
        if (S_match(p, c->mask + nd->start, l < S_HEAD_REACH ? l : S_HEAD_REACH,
                    0, ov, S_NOV))
            return 1;
    }
    return 0;
}

/* Is node in a section on the present or the past? (deadline.c decides,
 * for tasks too; here on the nodes being read, which may be the
 * fallback outline's.) */
static int S_in_present(const S_ctx *c, int node)
{
    nqx_doc view = *c->d;
    view.nodes = (nqx_node *)c->nodes;
    view.nnodes = c->nnodes;
    return nqx_ext_node_in_present(c->g, c->text, &view, (size_t)node);
}

/* Does p match the last S_HEAD_REACH bytes of node j's text, which
 * ends at e? Each list item asks it of the same lead-in paragraph, for
 * the same few patterns: the answers are kept per node (leadin_memo),
 * the pattern run once (extract --no-ocr of 2,000 textcorpus files ran
 * 2.1% more instructions). */
static int S_leadin_hit(const S_ctx *c, int j, size_t e, const nqx_pattern *p)
{
    const nqx_node *nd = &c->nodes[j];
    size_t st = e - nd->start > S_HEAD_REACH ? S_cb(c->mask, e - S_HEAD_REACH)
                                             : nd->start, ov[2 * S_NOV];
    unsigned k = 0;
    int kept, hit;
    while (k < 4 && c->leadin_pat[k] != p)
        k++;
    kept = k < 4 && c->leadin_memo;
    if (kept && (c->leadin_memo[j] >> 2 * k & 1))
        return c->leadin_memo[j] >> (2 * k + 1) & 1;
    hit = S_match(p, c->mask + st, e - st, 0, ov, S_NOV);
    if (kept)
        c->leadin_memo[j] |= (unsigned char)((1 | hit << 1) << 2 * k);
    return hit;
}

/* A lead-in paragraph (ending in ":") just before node under the same
 * parent, or before one of its ancestors up to hops levels: "... các chỉ
 * tiêu đã đề ra:" then bullets. Returns the paragraph's node, or -1. */
static int S_leadin_find(const S_ctx *c, int node, const nqx_pattern *p, int maxhops,
                         int nested, int *hops_out)
{
    int n = node, hops;
    for (hops = 0; hops < maxhops && n >= 0; hops++, n = c->nodes[n].parent) {
        int j, other = 0;
        /* the node's own list's earlier items do not count against the
         * reach: "(15) ..." of a list of fifteen indicators still has
         * its lead-in */
        for (j = n - 1; j >= 0 && other < 11 && j > n - (hops ? 12 : S_LEADIN_SIBS); j--) {
            const nqx_node *nd = &c->nodes[j];
            size_t e = nd->end;
            int intro, hit = 0;
            if (j == c->nodes[n].parent)
                break;
            if (!(nd->parent == c->nodes[n].parent && nd->kind == c->nodes[n].kind))
                other++;
            if (nd->kind != NQX_NODE_PARA)
                continue;
            while (e > nd->start && (S_is_space(c->mask[e - 1])))
                e--;
            intro = e > nd->start && c->mask[e - 1] == ':';
            if (intro)
                hit = S_leadin_hit(c, j, e, p);
            /* a paragraph after a list item reads as the item's own
             * (outline.c cannot tell); one that ends with ':' right
             * before the list is that list's lead-in all the same, when
             * the caller asks (nested) */
            if (nd->parent != c->nodes[n].parent) {
                if (!intro || c->nodes[j + 1].parent != c->nodes[n].parent)
                    continue;
                if (!nested) {
                    if (!hit && e - nd->start > S_LEADIN_OWN)
                        return -1;
                    continue;
                }
            }
            if (hit) {
                if (hops_out)
                    *hops_out = hops;
                return j;
            }
            /* the list has a lead-in sentence of its own ("Nhiệm vụ ...
             * được quy định tại Điều 3 ... như sau:"): one further up
             * is not its; a short one ("Trong đó:", "Cụ thể như sau:")
             * only continues the list above */
            if (intro && e - nd->start > S_LEADIN_OWN)
                return -1;
            break;
        }
    }
    return -1;
}

static int S_leadin_matches(const S_ctx *c, int node, const nqx_pattern *p)
{
    return p && S_leadin_find(c, node, p, 2, 0, NULL) >= 0;
}

/* "... nêu rõ các chỉ tiêu chủ yếu ..., cụ thể:" then "(4) Tốc độ tăng
 * CPI bình quân khoảng 4,5%": the items of a list under a sentence that
 * introduces goals (or under the heading right after it), or the one
 * paragraph right after it; not the paragraphs outline.c hangs under a
 * list's last item, which run on to the end of a web page. */
static void S_trim_span(const S_ctx *c, size_t *a, size_t *b);

static int S_goal_leadin(const S_ctx *c, int node)
{
    int hops = -1, j;
    if (!c->goal_leadin)
        return 0;
    j = S_leadin_find(c, node, c->goal_leadin, 2, 1, &hops);
    if (j < 0 && c->goal_cite && c->goal_question) {
        /* a Q&A page: a question on goals, then "Căn cứ ... như sau:" */
        size_t ov[2 * S_NOV], qa, qb;
        j = S_leadin_find(c, node, c->goal_cite, 2, 1, &hops);
        if (j < 1)
            return 0;
        qa = c->nodes[j - 1].start;
        qb = c->nodes[j - 1].end;
        S_trim_span(c, &qa, &qb);
        if (qb - qa > S_HEAD_REACH)
            qa = S_cb(c->mask, qb - S_HEAD_REACH);
        if (!S_match(c->goal_question, c->mask + qa, qb - qa, 0, ov, S_NOV))
            return 0;
    }
    if (j < 0)
        return 0;
    return c->nodes[node].kind == NQX_NODE_ITEM || c->nodes[node].kind == NQX_NODE_BULLET ||
           (hops == 0 && j == node - 1);
}

/* "Phấn đấu" in the item's first clause governs all its clauses. */
static int S_first_clause_cue(const S_ctx *c, size_t a, size_t b)
{
    size_t e = a, ov[2 * S_NOV], lim = b - a > S_MAXCLAUSE ? a + S_MAXCLAUSE : b;
    /* to the first ';', '.' or newline before lim; strcspn also stops at
     * a NUL, which is stepped over */
    while (e < lim && (e += strcspn(c->mask + e, ";.\n")) < lim && !c->mask[e])
        e++;
    if (e > lim)
        e = lim;
    return S_match(c->aspire, c->mask, e, a, ov, S_NOV);
}

/* The comparator of a quantity from the words around it. */
static void S_comparator(const S_ctx *c, size_t cs, size_t ce, S_qty *q,
                         int range)
{
    size_t ov[2 * S_NOV];
    const char *cmp = "=";
    size_t lo = q->qs - cs > S_CMP_REACH ? S_cb(c->mask, q->qs - S_CMP_REACH) : cs;
    if (range) {
        cmp = "range";
    } else if (S_match(c->cmp_after, c->mask, ce, q->qe, ov, S_NOV)) {
        cmp = S_group_set(c->cmp_after, ov, "le") ? "<=" : ">=";
        q->ce = ov[1];
    } else if (S_match(c->cmp_before, c->mask + lo, q->qs - lo, 0, ov, S_NOV)) {
        q->ms = lo + ov[0];
        if (S_group_set(c->cmp_before, ov, "ge") || S_group_set(c->cmp_before, ov, "from"))
            cmp = ">=";
        else if (S_group_set(c->cmp_before, ov, "le"))
            cmp = "<=";
        else if (S_group_set(c->cmp_before, ov, "approx"))
            cmp = "~";
        else if (S_group_set(c->cmp_before, ov, "gt"))
            cmp = ">";
        else if (S_group_set(c->cmp_before, ov, "lt"))
            cmp = "<";
        /* "không có tỉnh, thành phố đạt dưới 60%": none below is a floor */
        if (strcmp(cmp, "<") == 0 && c->negated_floor && q->ms > lo &&
            S_match(c->negated_floor, c->mask + lo, q->ms - lo, 0, ov, S_NOV))
            cmp = ">=";
    }
    if (range && S_match(c->cmp_after, c->mask, ce, q->qe, ov, S_NOV))
        q->ce = ov[1];
    snprintf(q->cmp, sizeof q->cmp, "%s", cmp);
}

/* Deadline phrases of [a, b) that count for a target, in order; only
 * those that start before lim (SIZE_MAX: all). */
static size_t S_deadlines(const S_ctx *c, size_t a, size_t b, size_t lim,
                          S_dl *out, size_t cap)
{
    size_t k = 0, from = 0, ms, me;
    char v[64];
    if (lim <= a)
        return 0;
    while (k < cap &&
           nqx_ext_deadline_upto(c->g, c->mask + a, b - a, from,
                                 lim == SIZE_MAX ? SIZE_MAX : lim - a - 1, v,
                                 sizeof v, &ms, &me)) {
        if (strcmp(v, "ongoing") != 0 && strcmp(v, "conditional") != 0) {
            out[k].s = a + ms;
            out[k].e = a + me;
            memcpy(out[k].v, v, sizeof v);
            k++;
        }
        from = me > ms ? me : ms + 1;
        if (from >= b - a)
            break;
    }
    return k;
}

static char *S_scope(const S_ctx *c, int node, size_t cs, size_t ce,
                     const S_qty *q)
{
    size_t ov[2 * S_NOV];
    char buf[128];
    int a = node;
    if (S_match(c->scope, c->mask, ce, cs, ov, S_NOV)) {
        S_lower(c->text + ov[0], ov[1] - ov[0], buf, sizeof buf);
        return nqx_strndup(buf, strlen(buf));
    }
    for (a = c->nodes[node].parent; a >= 0; a = c->nodes[a].parent) {
        const nqx_node *nd = &c->nodes[a];
        size_t e = nd->end - nd->start < S_HEAD_REACH ? nd->end : nd->start + S_HEAD_REACH;
        if (S_match(c->scope, c->mask, e, nd->start, ov, S_NOV)) {
            S_lower(c->text + ov[0], ov[1] - ov[0], buf, sizeof buf);
            return nqx_strndup(buf, strlen(buf));
        }
    }
    /* else the population a percentage counts, up to its verb */
    if (q && q->unit[0] == '%' && !q->unit[1] && c->pop_end) {
        size_t e = q->ce + 160 < ce ? S_cb(c->mask, q->ce + 160) : ce;
        if (S_match(c->pop_end, c->mask, e, q->ce, ov, S_NOV) && ov[0] > q->ce) {
            size_t ps = q->ce, ov2[2 * S_NOV];
            char *p;
            if (S_match(c->pop_lead, c->mask, ov[0], q->ce, ov2, S_NOV) && ov2[0] == q->ce)
                ps = ov2[1];
            p = S_dup_trim(c->mask, ps, ov[0], ",");
            if (p && strchr(p, ' ') ? 1 : (p && strlen(p) >= 3))
                return p;
            free(p);
        }
    }
    return NULL;
}

/* The metric in the document's words: the words before the quantity in
 * its stretch of the clause (without the cue that opens it or the verb
 * and comparator that close it), else those after it. */
static char *S_metric(const S_ctx *c, size_t from, const S_qty *q, size_t next,
                      const S_dl *dls, size_t ndl)
{
    static const char strip[] = ",:;()-–\"“”";
    size_t a = from, b = q->ms, ov[2 * S_NOV], pos, i;
    char *m;
    /* start after the last "phấn đấu" or time phrase of the stretch */
    for (pos = a; pos < b && S_match(c->aspire, c->mask, b, pos, ov, S_NOV);)
        pos = a = ov[1];
    for (i = 0; i < ndl; i++)
        if (dls[i].s >= a && dls[i].e <= b)
            a = dls[i].e;
    if (S_match(c->metric_lead, c->mask + a, b - a, 0, ov, S_NOV))
        a += ov[1];
    if (b > a && S_match(c->metric_tail, c->mask + a, b - a, 0, ov, S_NOV))
        b = a + ov[0];
    m = S_dup_trim(c->mask, a, b > a ? b : a, strip);
    if (m && strchr(m, ' '))
        return m;
    free(m);
    m = S_dup_trim(c->mask, q->ce, next, strip);
    if (m && !*m && from < q->ms) { /* only a time stood before it */
        free(m);
        m = S_dup_trim(c->mask, from, q->ms, strip);
    }
    return m;
}

static nqx_status S_emit(S_ctx *c, int node, size_t cs, size_t ce,
                         const S_qty *q, size_t metric_from, size_t next,
                         const S_dl *dls, size_t ndl, nqx_error *err)
{
    nqx_record *r = nqx_ext_new_record(c->d);
    const nqx_node *nd = &c->nodes[node];
    if (!r)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    r->kind = NQX_TARGET;
    while (cs < ce && S_is_space(c->text[cs]))
        cs++;
    while (ce > cs && S_is_space(c->text[ce - 1]))
        ce--;
    r->text = nqx_strndup(c->text + cs, ce - cs);
    r->start = cs;
    r->end = ce;
    r->section = nqx_strndup(nd->path ? nd->path : "", nd->path ? strlen(nd->path) : 0);
    r->deadline = q->dl[0] ? nqx_strndup(q->dl, strlen(q->dl)) : NULL;
    r->doc_index = nd->doc_index;
    memcpy(r->comparator, q->cmp, sizeof r->comparator);
    r->low = q->lo;
    r->high = q->hi;
    r->unit = nqx_strndup(q->unit, strlen(q->unit));
    r->aspirational = q->asp;
    r->metric = S_metric(c, metric_from, q, next, dls, ndl);
    /* "... từ 15%, đến năm 2035 từ 17%": the second shares the metric */
    if (r->metric && !*r->metric && c->d->nrecords >= 2 &&
        r[-1].kind == NQX_TARGET && r[-1].start == r->start && r[-1].metric) {
        free(r->metric);
        r->metric = nqx_strndup(r[-1].metric, strlen(r[-1].metric));
    }
    r->scope = S_scope(c, node, cs, ce, q);
    if (!r->text || !r->section || !r->unit || !r->metric ||
        (q->dl[0] && !r->deadline))
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    return NQX_OK;
}

/* The fold of each character of U+0000..U+024F and U+1E00..U+1EFF
 * (Latin, with every letter of Vietnamese): a letter's one ASCII letter as
 * nqx_fold_fast gives it, S_FOLD_OTHER for a letter that folds to
 * anything else, S_FOLD_DIGIT for a digit (\p{Nd}), 0 for the rest.
 * Filled once from utf8proc and nqx_fold_fast, so the three agree. */
#define S_FOLD_OTHER 1
#define S_FOLD_DIGIT 2
static unsigned char S_fold1[0x250], S_fold2[0x100];
static pthread_once_t S_fold_once = PTHREAD_ONCE_INIT;

static unsigned char S_fold_of(utf8proc_int32_t ch)
{
    utf8proc_uint8_t in[4];
    char out[9];
    utf8proc_ssize_t n = utf8proc_encode_char(ch, in);
    utf8proc_category_t cat = utf8proc_category(ch);
    if (cat == UTF8PROC_CATEGORY_ND)
        return S_FOLD_DIGIT;
    if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO)
        return 0;
    if (n > 0 && nqx_fold_fast((const char *)in, (size_t)n, out) == 1 &&
        out[0] >= 'a' && out[0] <= 'z')
        return (unsigned char)out[0];
    return S_FOLD_OTHER;
}

static void S_fold_init(void)
{
    utf8proc_int32_t c;
    for (c = 0; c < 0x250; c++)
        S_fold1[c] = S_fold_of(c);
    for (c = 0; c < 0x100; c++)
        S_fold2[c] = S_fold_of(0x1E00 + c);
}

/* S_fold1/2's class of the character at p[0..n) (n > 0); *w gets its
 * length, 0 for invalid UTF-8. The two- and three-byte forms of the text
 * are decoded here: utf8proc_iterate per character cost more than the
 * pattern that this scan spares. */
static unsigned char S_class_at(const unsigned char *p, size_t n, size_t *w)
{
    utf8proc_int32_t ch;
    utf8proc_ssize_t r;
    utf8proc_category_t cat;
    if (p[0] < 0x80) {
        *w = 1;
        return S_fold1[p[0]];
    }
    if (p[0] >= 0xC2 && p[0] < 0xE0 && n >= 2 && (p[1] & 0xC0) == 0x80) {
        *w = 2;
        ch = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        if (ch < 0x250)
            return S_fold1[ch];
    } else if (p[0] == 0xE1 && n >= 3 && p[1] >= 0xB8 && p[1] <= 0xBB &&
               (p[2] & 0xC0) == 0x80) { /* U+1E00..U+1EFF */
        *w = 3;
        return S_fold2[((p[1] & 0x03) << 6) | (p[2] & 0x3F)];
    }
    r = utf8proc_iterate(p, (utf8proc_ssize_t)n, &ch);
    if (r <= 0) {
        *w = 0;
        return 0;
    }
    *w = (size_t)r;
    if (ch < 0x250)
        return S_fold1[ch];
    if (ch >= 0x1E00 && ch < 0x1F00)
        return S_fold2[ch - 0x1E00];
    cat = utf8proc_category(ch);
    if (cat == UTF8PROC_CATEGORY_ND)
        return S_FOLD_DIGIT;
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO
               ? S_FOLD_OTHER : 0;
}

/* The start of the character after the one at p[i] (before to). */
static size_t S_next_char(const unsigned char *p, size_t i, size_t to)
{
    if (i < to)
        i++;
    while (i < to && (p[i] & 0xC0) == 0x80)
        i++;
    return i;
}

void nqx_ext_qty_words(const nqx_lexicon *num, nqx_qty_words *out)
{
    size_t k;
    memset(out, 0, sizeof *out);
    out->every = !num;
    for (k = 0; num && k < num->n; k++) {
        const char *key = num->entries[k].key;
        size_t l = strlen(key), j;
        unsigned long long pk = 0;
        for (j = 0; j < l && key[j] >= 'a' && key[j] <= 'z'; j++)
            pk |= (unsigned long long)(unsigned char)key[j] << (8 * j);
        if (!l || j < l || l > NQX_QTY_MAXKEY || k >= NQX_QTY_MAXKEYS) {
            out->every = 1; /* a key the scan cannot compare */
            return;
        }
        if (l > out->maxkey)
            out->maxkey = l;
        out->keys[out->nkeys++] = pk;
        out->first |= 1UL << (key[0] - 'a');
    }
    /* sorted by first letter (the low byte); from[] indexes each run */
    for (k = 1; k < out->nkeys; k++) {
        unsigned long long v = out->keys[k];
        size_t j = k;
        for (; j > 0 && (out->keys[j - 1] & 0xFF) > (v & 0xFF); j--)
            out->keys[j] = out->keys[j - 1];
        out->keys[j] = v;
    }
    for (k = 0; k <= 26; k++) {
        size_t j = 0;
        while (j < out->nkeys && (out->keys[j] & 0xFF) < 'a' + k)
            j++;
        out->from[k] = (unsigned char)j;
    }
}

/* Is the run folded to pf (its letters a byte each, the first lowest) a
 * key? */
static int S_is_key(const nqx_qty_words *qw, unsigned long long pf)
{
    size_t k, f = (pf & 0xFF) - 'a';
    if (!(qw->first >> f & 1))
        return 0;
    /* only the keys with the same first letter (sorted by it) */
    for (k = qw->from[f]; k < qw->from[f + 1]; k++)
        if (qw->keys[k] == pf)
            return 1;
    return 0;
}

size_t nqx_ext_qty_start(const nqx_qty_words *qw, const char *s, size_t from,
                         size_t to, size_t *next)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = from, run = SIZE_MAX, nf = 0, maxkey = qw->maxkey;
    unsigned long long pf = 0; /* the run's fold so far, a byte a letter */
    int other = 0; /* the run holds a letter S_fold1/2 cannot fold */
    *next = to;
    if (qw->every) { /* every character may start a match */
        *next = S_next_char(p, from, to);
        return from;
    }
    pthread_once(&S_fold_once, S_fold_init);
    while (i < to) {
        size_t w;
        unsigned char fc = S_class_at(p + i, to - i, &w);
        if (!w) { /* invalid UTF-8: let the pattern decide */
            *next = run != SIZE_MAX ? i : S_next_char(p, i, to);
            return run != SIZE_MAX ? run : i;
        }
        if (fc == S_FOLD_DIGIT) {
            if (run != SIZE_MAX) { /* "abc1": let the pattern decide */
                *next = i;
                return run;
            }
            /* no match starts right after a digit */
            for (*next = i + w; *next < to && p[*next] >= '0' && p[*next] <= '9';)
                ++*next;
            return i;
        }
        if (fc) { /* a letter: the run goes on */
            if (run == SIZE_MAX) {
                run = i;
                nf = 0;
                pf = 0;
                other = 0;
            }
            if (fc == S_FOLD_OTHER)
                other = 1;
            else if (nf++ < maxkey)
                pf |= (unsigned long long)fc << (8 * (nf - 1));
        } else if (run != SIZE_MAX) {
            /* the run ends: a key, or a letter folded otherwise (let the
             * pattern decide); no match starts inside a run */
            if (other || (nf <= maxkey && S_is_key(qw, pf))) {
                *next = i;
                return run;
            }
            run = SIZE_MAX;
        }
        i += w;
    }
    if (run != SIZE_MAX) {
        if (other || (nf <= maxkey && S_is_key(qw, pf))) {
            *next = to;
            return run;
        }
    }
    return to;
}

/* The first quantity in mask[from..to): the pattern is tried at each
 * digit or number word (nqx_ext_qty_start), since no match starts
 * elsewhere; most clauses of prose have neither and are not matched. */
static int S_qty_match(const S_ctx *c, size_t from, size_t to, size_t *ov)
{
    size_t st, next;
    while ((st = nqx_ext_qty_start(&c->qty_words, c->mask, from, to, &next)) < to) {
        /* the pattern tried at st only: a match is the first, since none
         * starts between the candidates */
        if (S_match_upto(c->qty, c->mask, to, st, st, ov, S_NOV))
            return 1;
        from = next;
    }
    return 0;
}

/* A number in words ("một", "mười hai", "hai mươi lăm") through the
 * lexicon qt_number_words: "mười" is 10, "X mươi" X tens, a word after
 * either adds its units. -1 when a word is unknown. */
static double S_word_number(const S_ctx *c, const char *s, size_t n)
{
    char *f = nqx_fold(s, n), *w, *save = NULL;
    double total = 0, cur = -1;
    int ok = f && c->num_words;
    for (w = ok ? strtok_r(f, " ", &save) : NULL; ok && w; w = strtok_r(NULL, " ", &save)) {
        size_t i;
        double v = -1;
        for (i = 0; i < c->num_words->n; i++)
            if (strcmp(c->num_words->entries[i].key, w) == 0 &&
                c->num_words->entries[i].value) {
                v = strtod(c->num_words->entries[i].value, NULL);
                break;
            }
        if (v == 10) {
            total += (cur >= 0 ? cur : 1) * 10;
            cur = -1;
        } else if (v < 0 || cur >= 0) {
            ok = 0;
        } else {
            cur = v;
        }
    }
    free(f);
    return ok ? total + (cur >= 0 ? cur : 0) : -1;
}

/* "không quá 10% tập thể, 5% cá nhân": a bare quantity listed right after
 * another (only the other's counted noun and a comma or "và" between, no
 * verb or cue after the separator) is an item of the same list: q->listed.
 * It shares the comparator of the list's head; a list that writes its
 * comparators one by one ("tối thiểu 70% cho X, tối thiểu 30% cho Y, 100%
 * cho Z") shares none. */
static void S_share_comparator(const S_ctx *c, const S_qty *prev, S_qty *q)
{
    size_t i, words = 0, e = q->ms, lastnum = 0; /* up to its own comparator word */
    int sep = 0;
    if (q->ms < prev->ce || q->ms - prev->ce > 200)
        return;
    while (e > prev->ce && c->mask[e - 1] == ' ')
        e--;
    if (e > prev->ce && c->mask[e - 1] == ',')
        sep = 1;
    else if (e - prev->ce >= sizeof " và" - 1 &&
             memcmp(c->mask + e - (sizeof " và" - 1), " và", sizeof " và" - 1) == 0)
        sep = 1;
    if (!sep)
        return;
    /* the noun's own number may end it: "55% học sinh lớp 5, 65% học
     * sinh lớp 9 và 75% ..." */
    {
        size_t w = e - 1, d; /* e - 1: the ',' or the 'a' of "và" */
        if (c->mask[w] == ',')
            ;
        else
            w -= sizeof " và" - 2;
        for (d = w; d > prev->ce && c->mask[d - 1] >= '0' && c->mask[d - 1] <= '9'; d--)
            ;
        if (d < w && w - d <= 2 && d > prev->ce + 1 && c->mask[d - 1] == ' ' &&
            ((unsigned char)c->mask[d - 2] >= 0x80 ||
             (c->mask[d - 2] >= 'a' && c->mask[d - 2] <= 'z')))
            lastnum = d;
    }
    for (i = prev->ce; i < e; i++) {
        char ch = c->mask[i];
        if (ch >= '0' && ch <= '9' && lastnum && i >= lastnum)
            continue;
        if ((ch >= '0' && ch <= '9') || ch == ':' || ch == '(' || ch == ')')
            return;
        if (ch == ' ' && i > prev->ce && c->mask[i - 1] != ' ')
            words++;
        if (ch == ',' && i + 1 < e) /* a comma inside: "90%, trong đó, ..." */
            return;
    }
    if (words > 12)
        return;
    /* a verb between makes two statements: "80% ... đạt chuẩn, 20% ..." */
    if (c->pop_end) {
        size_t ov[2 * S_NOV], sepat = e - 1;
        while (sepat > prev->ce && c->mask[sepat] != ',' && c->mask[sepat] != ' ')
            sepat--;
        if (S_match(c->pop_end, c->mask, e, prev->ce, ov, S_NOV) && ov[0] < sepat)
            return;
    }
    q->listed = 1;
    if (strcmp(q->cmp, "=") == 0 && strcmp(prev->cmp, "=") != 0 &&
        strcmp(prev->cmp, "range") != 0 && (!prev->listed || prev->shared)) {
        memcpy(q->cmp, prev->cmp, sizeof q->cmp);
        q->shared = 1;
    }
}

/* Is the byte at p the end of a word (not a letter, digit or hyphen)? */
static int S_word_end(const char *s, size_t p, size_t e)
{
    utf8proc_int32_t ch;
    utf8proc_category_t cat;
    if (p >= e)
        return 1;
    if (s[p] == '-')
        return 0;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + p, (utf8proc_ssize_t)(e - p), &ch) <= 0)
        return 1;
    cat = utf8proc_category(ch);
    return !(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MC) &&
           !(cat == UTF8PROC_CATEGORY_ND);
}

/* Fill c->un_ix and c->un_from from c->unit_nouns (a counting sort by
 * first byte, stable); -1 when out of memory. */
static int S_unit_index(S_ctx *c)
{
    size_t i, b, n = c->unit_nouns ? c->unit_nouns->n : 0;
    memset(c->un_from, 0, sizeof c->un_from);
    memset(c->un_maxlen, 0, sizeof c->un_maxlen);
    if (!n)
        return 0;
    if (!(c->un_ix = malloc(n * sizeof *c->un_ix)))
        return -1;
    for (i = 0; i < n; i++) { /* counts, one slot up; empty keys: none */
        const char *k = c->unit_nouns->entries[i].key;
        size_t kl = strlen(k);
        if (!kl)
            continue;
        c->un_from[(unsigned char)k[0] + 1]++;
        if (kl > c->un_maxlen[(unsigned char)k[0]])
            c->un_maxlen[(unsigned char)k[0]] = kl;
    }
    for (b = 1; b <= 256; b++)
        c->un_from[b] += c->un_from[b - 1];
    {
        size_t next[256];
        memcpy(next, c->un_from, sizeof next);
        for (i = 0; i < n; i++) {
            unsigned char f = (unsigned char)c->unit_nouns->entries[i].key[0];
            if (f)
                c->un_ix[next[f]++] = i;
        }
    }
    return 0;
}

/* The longest entry of qt_unit_nouns that the words at [p, e) spell
 * (lower case, one space between words): the end of its text, else 0.
 * Hand-written, not a pattern: the nouns are a word list (data), and the
 * comparison walks both strings once. */
static size_t S_unit_noun(const S_ctx *c, size_t p, size_t e)
{
    char low[96];
    size_t x, best = 0, bestlen = 0, n = e - p < 80 ? e - p : 80;
    if (!c->unit_nouns || !c->un_ix)
        return 0;
    n = S_cb(c->mask, p + n) - p;
    /* Only the entries that start with the first byte of the words in
     * lower case are compared, and no further than the longest of them:
     * lower no more (the output is written in order, so it is a prefix
     * of the full one). Most words start no entry: their first character
     * alone is lowered (lowering the longest noun's length at every
     * quantity was three quarters of this function's instructions). */
    S_lower_all(c->mask + p, n, low, 5);
    if (c->un_from[(unsigned char)low[0]] == c->un_from[(unsigned char)low[0] + 1])
        return 0;
    S_lower_all(c->mask + p, n, low,
                c->un_maxlen[(unsigned char)low[0]] + 5 < sizeof low
                    ? c->un_maxlen[(unsigned char)low[0]] + 5 : sizeof low);
    /* only the entries that start with low's first byte: strncmp fails
     * at once on the others (an empty key is never longer than bestlen) */
    for (x = c->un_from[(unsigned char)low[0]];
         x < c->un_from[(unsigned char)low[0] + 1]; x++) {
        const char *k = c->unit_nouns->entries[c->un_ix[x]].key;
        size_t kl, j = 0, t = p;
        kl = strlen(k);
        if (kl <= bestlen || strncmp(low, k, kl) != 0)
            continue;
        /* walk the text over the entry's words to find where it ends */
        while (j < kl && t < e) {
            if (k[j] == ' ') {
                while (t < e && S_is_space(c->mask[t]))
                    t++;
                j++;
            } else {
                utf8proc_int32_t ch;
                utf8proc_ssize_t kk = utf8proc_iterate(
                    (const utf8proc_uint8_t *)c->mask + t, (utf8proc_ssize_t)(e - t), &ch);
                utf8proc_uint8_t buf[4];
                utf8proc_ssize_t bl;
                if (kk <= 0)
                    break;
                bl = utf8proc_encode_char(utf8proc_tolower(ch), buf);
                j += (size_t)bl;
                t += (size_t)kk;
            }
        }
        if (j == kl && S_word_end(c->mask, t, e)) {
            best = t;
            bestlen = kl;
        }
    }
    return best;
}

/* A quota per number of nouns after unit end u: "/01 ban", "/100 bé
 * gái", or a second noun ("công trình/dự án", "tấn/ha"): the end of the
 * rate, else u. Rates per time ("tấn/ngày", "ngày/tuần") are technical
 * figures: the caller drops a quantity that has one. */
static size_t S_unit_rate(const S_ctx *c, size_t u, size_t e)
{
    size_t t = u, w;
    if (t >= e || c->mask[t] != '/')
        return u;
    t++;
    while (t < e && c->mask[t] == ' ')
        t++;
    if (t < e && (c->mask[t] < '0' || c->mask[t] > '9')) {
        /* "02 công trình/dự án": a slash between two counted nouns says
         * either; not a time ("tấn/ngày", "lần/năm": a rate, dropped) */
        char low[96];
        if ((w = S_unit_noun(c, t, e)) == 0)
            return u;
        S_lower_all(c->mask + t, w - t, low, sizeof low);
        return S_unit_in(c->need_cmp, low) || S_unit_in(c->time_limit, low) ? u : w;
    }
    if (t >= e)
        return u;
    while (t < e && c->mask[t] >= '0' && c->mask[t] <= '9')
        t++;
    if (t >= e || c->mask[t] != ' ')
        return u;
    while (t < e && c->mask[t] == ' ')
        t++;
    if ((w = S_unit_noun(c, t, e)) != 0)
        return w;
    for (w = t; w < e && !S_word_end(c->mask, w, e);) { /* one word */
        utf8proc_int32_t ch;
        utf8proc_ssize_t kk = utf8proc_iterate((const utf8proc_uint8_t *)c->mask + w,
                                               (utf8proc_ssize_t)(e - w), &ch);
        if (kk <= 0)
            break;
        w += (size_t)kk;
    }
    return w > t ? w : u;
}

/* "100% các khu ... có tối thiểu 1 trạm": a count in the first predicate
 * of a share (right after its verb, no "," or ";" between) says what the
 * share counts, a qualifier inside its metric, not a goal of its own. */
static int S_share_qualifier(const S_ctx *c, const S_qty *share, const S_qty *q)
{
    size_t ov[2 * S_NOV], i, e;
    if (share->unit[0] != '%' || q->unit[0] == '%' || !c->pop_end)
        return 0;
    /* "đạt ít nhất 35%, trong đó có ít nhất 6.000 nghiên cứu sinh": the
     * share has no population after it, and "trong đó" opens its
     * breakdown, the count a goal of its own; so does a metric with its
     * own "đạt" ("GDP đạt 8% trở lên, quy mô GDP đạt khoảng trên 500 tỉ
     * đô la Mỹ"), not a bare one ("mật độ khoảng 50%, diện tích khoảng
     * 5.654m2" of a design) */
    for (i = share->ce; i < q->ms && S_is_space(c->mask[i]); i++)
        ;
    if (i < q->ms && c->mask[i] == ',') {
        size_t j;
        for (i++; i < q->ms && S_is_space(c->mask[i]); i++)
            ;
        if (q->ms - i > 9 && strncmp(c->mask + i, "trong đó", 9) == 0)
            return 0;
        for (j = i; j + sizeof " đạt " - 1 <= q->ms; j++)
            if (c->mask[j] == ' ' &&
                memcmp(c->mask + j, " đạt", sizeof " đạt" - 1) == 0 &&
                S_is_space(c->mask[j + sizeof " đạt" - 1]))
                return 0;
    }
    e = share->ce + 300 < q->ms ? share->ce + 300 : q->ms;
    if (!S_match(c->pop_end, c->mask, e, share->ce, ov, S_NOV) || ov[0] >= q->ms ||
        !S_is_space(c->mask[ov[0]]))
        return 0;
    if (q->ms - ov[1] > 80)
        return 0;
    for (i = ov[1]; i < q->ms; i++)
        if (strchr(",;:()", c->mask[i]) || (c->mask[i] >= '0' && c->mask[i] <= '9'))
            return 0;
    return 1;
}

/* Where a node stands, as it bears on its quantities: under a goal
 * heading or lead-in, or after an aspiring lead-in with its time. Read
 * when a quantity first asks (S_node_goal): most nodes with a number
 * have no quantity that gets that far, and reading it for every one was
 * 1.5% of extract --no-ocr's instructions. */
typedef struct {
    int node;
    size_t a, b;  /* the node's text after its label */
    int known;    /* the fields below are read */
    int heading;  /* its quantities are goals */
    int asp_all;  /* "phấn đấu ...: " over the section: all aspired to */
    char dl[64];  /* the time of the lead-in sentence, or "" */
} S_goal;

static const S_goal *S_node_goal(const S_ctx *c, S_goal *g)
{
    int node = g->node, leadin;
    if (g->known)
        return g;
    g->known = 1;
    g->heading = S_ancestor_matches(c, node, c->goal_heading) ||
                 S_leadin_matches(c, node, c->goal_heading) ||
                 S_first_clause_cue(c, g->a, g->b) ||
                 S_goal_leadin(c, node) ||
                 (c->quota_heading && S_ancestor_matches(c, node, c->quota_heading));
    /* "Trong giai đoạn 2026 - 2030, ..., phấn đấu ..., cụ thể như sau:" over
     * the section: what it lists are goals, aspired to, due in its time */
    leadin = S_leadin_find(c, node, c->aspire, S_LEADIN_HOPS, 1, NULL);
    if (leadin >= 0) {
        g->heading = 1;
        g->asp_all = 1;
    } else {
        /* "... mục tiêu cụ thể giai đoạn 2026-2030 ... như sau:": a list
         * of goals introduced by a sentence, not a heading, still has
         * the horizon that sentence names */
        leadin = S_leadin_find(c, node, c->goal_heading, S_LEADIN_HOPS, 1, NULL);
    }
    if (leadin >= 0) {
        const nqx_node *ln = &c->nodes[leadin];
        size_t ms, me;
        if (nqx_ext_deadline(c->g, c->text + ln->start, ln->end - ln->start, g->dl,
                             sizeof g->dl, &ms, &me) &&
            (strcmp(g->dl, "ongoing") == 0 || strcmp(g->dl, "conditional") == 0))
            g->dl[0] = '\0';
        /* a time deadline.c took for a name ("mục tiêu Chiến lược ... đến
         * năm 2030 như sau:") is still the goals' horizon */
        if (!g->dl[0] && c->leadin_horizon) {
            size_t ov[2 * S_NOV], la = ln->start;
            int gy = nqx_gram_group(c->leadin_horizon, "y");
            if (ln->end - la > S_HEAD_REACH)
                la = S_cb(c->mask, ln->end - S_HEAD_REACH);
            if (gy > 0 && gy < S_NOV &&
                S_match(c->leadin_horizon, c->mask + la, ln->end - la, 0, ov, S_NOV) &&
                ov[2 * gy] != SIZE_MAX)
                snprintf(g->dl, sizeof g->dl, "%.*s", (int)(ov[2 * gy + 1] - ov[2 * gy]),
                         c->mask + la + ov[2 * gy]);
        }
    }
    return g;
}

/* Is q the whole of a population the work covers ("số hóa 100% hồ
 * sơ", tg_full_cover), outside a normative act? */
#define S_COVER_LEAD 40
static int S_full_cover(const S_ctx *c, size_t cs, size_t ce, const S_qty *q)
{
    size_t ov[2 * S_NOV], from;
    int gn;
    if (!c->full_cover || q->hi != 100 || q->lo != 100 || strcmp(q->unit, "%") != 0 ||
        S_rule_text(c, q->qs))
        return 0;
    from = q->qs - cs > S_COVER_LEAD ? S_cb(c->mask, q->qs - S_COVER_LEAD) : cs;
    gn = nqx_gram_group(c->full_cover, "n");
    return gn > 0 && gn < S_NOV &&
           S_match_upto(c->full_cover, c->mask, ce, from, q->qs, ov, S_NOV) &&
           ov[2 * gn] == q->qs;
}

/* The quantities of clause [cs, ce) that are goals: those that goal
 * (or, when extra is set, every one) makes so, or a cue before them. */
static size_t S_quantities(const S_ctx *c, S_goal *ng, size_t cs, size_t ce,
                           int extra, S_qty *out, size_t cap)
{
    size_t k = 0, pos = cs, ov[2 * S_NOV];
    int glo = c->qty_lo, ghi = c->qty_hi, gu = c->qty_unit, gw = c->qty_word,
        gn = c->qty_noun, gsc = c->qty_scale;
    while (k < cap && S_qty_match(c, pos, ce, ov)) {
        S_qty *q = &out[k];
        size_t ov2[2 * S_NOV];
        int range = ghi > 0 && ov[2 * ghi] != SIZE_MAX, goal, cut, dg,
            words = gw > 0 && ov[2 * gw] != SIZE_MAX;
        memset(q, 0, sizeof *q);
        q->qs = q->ms = ov[0];
        q->qe = ov[1];
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        if (gn > 0 && ov[2 * gn] != SIZE_MAX) { /* a counted noun */
            size_t ue = S_unit_noun(c, ov[2 * gn], ce), re, us;
            if (!ue)
                continue;
            re = S_unit_rate(c, ue, ce);
            /* a rate per population: "bác sĩ/vạn dân", "doanh nghiệp
             * hoạt động/nghìn dân" (the noun, then "/" and the rest);
             * before S_unit_rate's reading, which takes "giường bệnh/1
             * vạn dân" for a count per "1 vạn" */
            if (c->rate_per &&
                S_match_upto(c->rate_per, c->mask, ce, ue, ue, ov2, S_NOV) &&
                ov2[0] == ue && (dg = nqx_gram_group(c->rate_per, "den")) > 0 &&
                dg < S_NOV && ov2[2 * dg] != SIZE_MAX) {
                size_t us2 = gsc > 0 && gsc < S_NOV && ov[2 * gsc] != SIZE_MAX
                                 ? ov[2 * gsc] : ov[2 * gn], ul;
                S_lower(c->mask + us2, ue - us2, q->unit, sizeof q->unit);
                ul = strlen(q->unit);
                if (ul + 1 < sizeof q->unit) {
                    q->unit[ul] = '/';
                    S_lower(c->mask + ov2[2 * dg], ov2[2 * dg + 1] - ov2[2 * dg],
                            q->unit + ul + 1, sizeof q->unit - ul - 1);
                }
                q->qe = ov2[1];
                pos = ov2[1];
                goto noun_done;
            }
            if (re < ce && (c->mask[re] == '/' ||
                            (c->mask[re] >= '0' && c->mask[re] <= '9')))
                continue;
            /* "2 triệu doanh nghiệp": the scale word heads the unit, as
             * in "1,5 tỷ USD" */
            us = gsc > 0 && gsc < S_NOV && ov[2 * gsc] != SIZE_MAX ? ov[2 * gsc]
                                                                   : ov[2 * gn];
            S_lower(c->mask + us, re - us, q->unit, sizeof q->unit);
            q->qe = re;
            pos = re;
        }
    noun_done:
        if (c->qty_bare > 0 && c->qty_bare < S_NOV && ov[2 * c->qty_bare] != SIZE_MAX) {
            /* an index without a unit: "chỉ số HDI đạt trên 0,85" -- a
             * decimal right after a comparator word, nothing else */
            size_t from = q->qs > cs + 40 ? S_cb(c->mask, q->qs - 40) : cs;
            if (words || !c->bare_cmp ||
                !memchr(c->mask + ov[2 * glo], ',', ov[2 * glo + 1] - ov[2 * glo]) ||
                !S_match(c->bare_cmp, c->mask, q->qs, from, ov2, S_NOV))
                continue;
        }
        q->ce = q->qe;
        if (words) {
            q->lo = S_word_number(c, c->mask + ov[2 * gw], ov[2 * gw + 1] - ov[2 * gw]);
            if (q->lo < 0)
                continue;
        } else {
            q->lo = S_number(c->mask + ov[2 * glo], ov[2 * glo + 1] - ov[2 * glo]);
        }
        q->hi = range ? S_number(c->mask + ov[2 * ghi], ov[2 * ghi + 1] - ov[2 * ghi])
                      : q->lo;
        if (gu > 0 && ov[2 * gu] != SIZE_MAX)
            S_lower(c->mask + ov[2 * gu], ov[2 * gu + 1] - ov[2 * gu], q->unit,
                    sizeof q->unit);
        if (q->unit[0] == '%') { /* "% / năm" -> "%/năm" */
            char *s = q->unit, *o = q->unit;
            for (; *s; s++)
                if (*s != ' ')
                    *o++ = *s;
            *o = '\0';
        }
        /* From here on the tests only reject q (none changes anything
         * but q, which a rejection drops): those that do not read its
         * comparator run before it is looked for, the costly exclusions
         * last. */
        /* the new value of a cut: "từ 10 ngày làm việc còn 09 ngày làm
         * việc", "tăng từ 60% lên 75%" */
        cut = c->cut_new && !words && q->qs - cs <= S_CUE_REACH &&
              S_match(c->cut_new, c->mask, q->qs, cs, ov2, S_NOV);
        /* "trong 05 ngày làm việc": a time limit of the work */
        if (!cut && S_unit_in(c->time_limit, q->unit))
            continue;
        if (q->hi < q->lo) /* "từ 20.000 đến 19.000 năm trước": no range */
            continue;
        /* a cue governs the quantities shortly after it in its clause */
        /* in a law, decree or circular a cap or floor ("tối đa 24
         * tháng", "ít nhất 02 bản") is a rule: only "phấn đấu" makes a
         * goal there */
        goal = extra || cut || S_node_goal(c, ng)->heading ||
               S_match(S_rule_text(c, q->qs) ? c->aspire : c->goal_cue, c->mask, q->qs,
                       q->qs - cs > S_CUE_REACH ? S_cb(c->mask, q->qs - S_CUE_REACH) : cs,
                       ov2, S_NOV) ||
               S_full_cover(c, cs, ce, q);
        if (!goal)
            continue;
        S_comparator(c, cs, ce, q, range && q->hi != q->lo);
        if (k)
            S_share_comparator(c, &out[k - 1], q);
        /* "02 năm" (and any number in words) counts only with a
         * comparator word, not as a range */
        if (!cut && (words || S_unit_in(c->need_cmp, q->unit)) &&
            (strcmp(q->cmp, "=") == 0 || strcmp(q->cmp, "range") == 0))
            continue;
        if ((k && S_share_qualifier(c, &out[k - 1], q)) ||
            S_in_title(c, cs, q) || S_restated(c, cs, q) ||
            S_in_excluded(c, cs, ce, q->qs, q->qe))
            continue;
        k++;
    }
    return k;
}

/* Cut [a, b) into clauses at ".", ";" and line breaks (a "." inside a
 * number such as 1.000 does not cut). *out is malloc'ed (caller frees);
 * returns the count, or -1 when out of memory. */
static long S_clauses(const S_ctx *c, size_t a, size_t b, size_t **out)
{
    size_t k = 0, cap = 16, i, s = a;
    size_t *cl = malloc(2 * cap * sizeof *cl);
    if (!cl)
        return -1;
    for (i = a; i <= b; i++) {
        int cut;
        if (i < b && i - s < S_MAXCLAUSE) {
            /* the bytes before the next ';', '\n' or '.' (or NUL: the mask
             * ends with one) cut nothing while the clause is short */
            size_t lim = b - s > S_MAXCLAUSE ? s + S_MAXCLAUSE : b;
            i += strcspn(c->mask + i, ";\n.");
            if (i > lim)
                i = lim;
        }
        cut = i == b;
        if (!cut) {
            char ch = c->mask[i];
            cut = ch == ';' || ch == '\n';
            if (ch == '.') {
                char nx = i + 1 < b ? c->mask[i + 1] : ' ';
                cut = S_is_space(nx) || nx == '"' || nx == ')' ||
                      (unsigned char)nx == 0xE2; /* ” */
            }
            /* a hostile run-on clause: cut at a space */
            if (!cut && i - s >= S_MAXCLAUSE && ch == ' ')
                cut = 1;
        }
        if (cut) {
            if (i > s) {
                if (k == cap) {
                    size_t *n2 = realloc(cl, 4 * cap * sizeof *n2);
                    if (!n2) {
                        free(cl);
                        return -1;
                    }
                    cl = n2;
                    cap *= 2;
                }
                cl[2 * k] = s;
                cl[2 * k + 1] = i;
                k++;
            }
            s = i + 1;
        }
    }
    *out = cl;
    return (long)k;
}

/* ---------------------------------------------------------------------- */
/* target tables: rows "cell | cell | ...", a header row of years          */

/* Cells of row [a, b) as trimmed spans; 0 when the line is no table row
 * (no '|'), -1 for a separator ("|---|---|"). */
static int S_cells(const S_ctx *c, size_t a, size_t b, size_t *cl, int cap)
{
    int n = 0, sep = 1, pipes = 0, outer;
    size_t i, s = a;
    /* most lines are prose: one memchr says so (the loop below ran over
     * every byte of every node) */
    if (b <= a || !memchr(c->mask + a, '|', b - a))
        return 0;
    for (i = a; i < b; i++) {
        if (c->mask[i] == '|')
            pipes++;
        else if (c->mask[i] != '-' && c->mask[i] != ':' && c->mask[i] != ' ' &&
                 c->mask[i] != '\t' && c->mask[i] != '\0') /* was strchr */
            sep = 0;
    }
    if (!pipes)
        return 0;
    if (sep)
        return -1;
    for (i = b; i > a && S_is_space(c->mask[i - 1]); i--)
        ;
    outer = i > a && c->mask[i - 1] == '|';
    for (i = a; i <= b && n < cap; i++) {
        if (i == b || c->mask[i] == '|') {
            size_t x = s, y = i;
            while (x < y && S_is_space(c->mask[x]))
                x++;
            while (y > x && S_is_space(c->mask[y - 1]))
                y--;
            /* "| a | b |": no empty cell before the first or after the last
             * pipe; but " | a | b", as normalized rows write it, opens
             * with an empty cell (a row never ends with "|" there) */
            if (!(x == y && ((s == a && outer) || i == b))) {
                cl[2 * n] = x;
                cl[2 * n + 1] = y;
                n++;
            }
            s = i + 1;
        }
    }
    return n;
}

static int S_cell_match(const S_ctx *c, const nqx_pattern *p, const size_t *cl,
                        int j, size_t *ov)
{
    return S_match(p, c->mask + cl[2 * j], cl[2 * j + 1] - cl[2 * j], 0, ov, S_NOV);
}

/* Does a header cell name a budget ("Dự toán", "Kinh phí")? Budgets
 * are not targets. */
static int S_table_budget(const S_ctx *c, const size_t *cl, int n)
{
    size_t ov[2 * S_NOV];
    int j;
    for (j = 0; j < n; j++)
        if (S_cell_match(c, c->tbl_budget, cl, j, ov))
            return 1;
    return 0;
}

/* What the header cell j of a target table says of its column. */
static void S_tcol_read(const S_ctx *c, const size_t *cl, int j, S_tcol *t)
{
    size_t ov[2 * S_NOV], a = cl[2 * j], n = cl[2 * j + 1] - cl[2 * j];
    t->dl[0] = '\0';
    t->base = 0;
    t->kind = S_COL_VALUE;
    t->empty = n == 0;
    if (S_match(c->tbl_unit, c->mask + a, n, 0, ov, S_NOV)) {
        t->kind = S_COL_UNIT;
    } else if (S_match(c->tbl_metric, c->mask + a, n, 0, ov, S_NOV)) {
        t->kind = S_COL_METRIC;
    } else if (S_match(c->tbl_index, c->mask + a, n, 0, ov, S_NOV)) {
        t->kind = S_COL_INDEX;
    } else {
        int g2 = nqx_gram_group(c->tbl_year, "y2");
        t->base = S_match(c->tbl_base, c->mask + a, n, 0, ov, S_NOV);
        if (S_match(c->tbl_year, c->mask + a, n, 0, ov, S_NOV)) {
            if (g2 > 0 && ov[2 * g2] != SIZE_MAX)
                snprintf(t->dl, sizeof t->dl, "%.4s/%.4s", c->mask + a + ov[2],
                         c->mask + a + ov[2 * g2]);
            else
                snprintf(t->dl, sizeof t->dl, "%.4s", c->mask + a + ov[2]);
        }
    }
}

/* The columns of a table N wide from its header and sub-header rows.
 * A header cell over two or more sub-header cells ("Năm hiện hành 2025"
 * over "Kế hoạch | Ước thực hiện") spans them; the others span both
 * rows. Crawled tables lose the spans, so they are inferred: N - S
 * header cells stand alone, the rest span; which ones: those without a
 * year of their own when the sub cells name years ("Giai đoạn 2026-2030"
 * over "2026 | 2027"), else those with a year, the present first. A sub
 * cell without a year takes its parent's; under a present parent it is
 * a baseline. */
static void S_table_build(S_ctx *c, int N)
{
    S_tcol cols[S_MAXCOL];
    int H = c->tbl_nhead, S = c->tbl_nsub, P = 0, nc = 0, j, k = 0;
    int span[S_MAXCOL] = {0};
    if (S > 0 && c->tbl_sub[0].empty) {
        if (N < H)
            N = H;
        if (N < S)
            N = S;
        /* spans padded with empty cells ("| | | Kế hoạch | Ước TH |"):
         * cells stand in their columns; a sub cell takes the year of
         * the header cell over it or, padded, left of it */
        int parent = -1;
        for (j = 0; j < N && j < S_MAXCOL; j++) {
            S_tcol t = j < H ? c->tbl_head[j] : c->tbl_sub[0];
            if (j < H && !c->tbl_head[j].empty)
                parent = j;
            if (j < S && !c->tbl_sub[j].empty) {
                t = c->tbl_sub[j];
                if (parent >= 0) {
                    if (!t.dl[0])
                        memcpy(t.dl, c->tbl_head[parent].dl, sizeof t.dl);
                    t.base |= c->tbl_head[parent].base;
                }
                t.kind = S_COL_VALUE;
            } else if (j >= H) {
                t.dl[0] = '\0';
                t.kind = S_COL_VALUE;
            }
            cols[nc++] = t;
        }
        H = 0; /* the columns are built */
    } else if (S > 0 && N > H && N - S >= 0 && H - (N - S) >= 1) {
        int sub_years = 0, got = 0, pass;
        P = H - (N - S);
        for (j = 0; j < S; j++)
            sub_years |= c->tbl_sub[j].dl[0] != '\0';
        for (pass = 0; pass < 4 && got < P; pass++)
            for (j = 0; j < H && got < P; j++) {
                const S_tcol *h = &c->tbl_head[j];
                int single = h->dl[0] && !strchr(h->dl, '/'), want;
                if (h->kind != S_COL_VALUE || span[j])
                    continue;
                if (sub_years) /* a plan's period over its years */
                    want = pass == 0 ? !single && !h->base : pass == 1 ? !single : 1;
                else
                    want = pass == 0 ? single && h->base : pass == 1 ? h->dl[0] != '\0' : 1;
                if (want) {
                    span[j] = 1;
                    got++;
                }
            }
        if (got < P)
            P = 0;
    }
    for (j = 0; j < H && nc < S_MAXCOL; j++) {
        int i, from, to;
        if (!P || !span[j]) {
            cols[nc++] = c->tbl_head[j];
            continue;
        }
        from = k * S / P;
        to = (k + 1) * S / P;
        k++;
        for (i = from; i < to && nc < S_MAXCOL; i++) {
            S_tcol t = c->tbl_sub[i];
            if (!t.dl[0])
                memcpy(t.dl, c->tbl_head[j].dl, sizeof t.dl);
            t.base |= c->tbl_head[j].base;
            t.kind = S_COL_VALUE;
            cols[nc++] = t;
        }
    }
    c->tbl_ncols = nc;
    c->tbl_unit_col = c->tbl_metric_col = -1;
    for (j = 0; j < nc; j++) {
        c->tbl_dl[j][0] = '\0';
        if (cols[j].kind == S_COL_UNIT)
            c->tbl_unit_col = j;
        else if (cols[j].kind == S_COL_METRIC && c->tbl_metric_col < 0)
            c->tbl_metric_col = j;
        else if (cols[j].kind == S_COL_VALUE && !cols[j].base)
            memcpy(c->tbl_dl[j], cols[j].dl, sizeof c->tbl_dl[j]);
    }
}

/* A header row: some cell names a year, none is a plain value, and
 * a cell names the indicators or their unit. Sets the table active only
 * in a goal context (goal words in the header or a heading above), and
 * not over a budget ("Dự toán", "triệu đồng"). */
static int S_table_header(S_ctx *c, int node, const size_t *cl, int n)
{
    int j, years = 0, labels = 0, goal = 0;
    size_t ov[2 * S_NOV];
    for (j = 0; j < n; j++) {
        /* a year of the present counts too: the plan's years may stand
         * in the sub-header ("Thực hiện 2025 | Kế hoạch giai đoạn") */
        int y = S_cell_match(c, c->tbl_year, cl, j, ov);
        if (S_cell_match(c, c->tbl_cell, cl, j, ov) &&
            !S_cell_match(c, c->tbl_year, cl, j, ov))
            return 0;
        years += y;
        labels += S_cell_match(c, c->tbl_metric, cl, j, ov) ||
                  S_cell_match(c, c->tbl_unit, cl, j, ov);
        goal |= S_cell_match(c, c->goal_heading, cl, j, ov);
    }
    if (!years || !labels)
        return 0;
    if ((!goal && !S_ancestor_matches(c, node, c->goal_heading) &&
         !S_leadin_matches(c, node, c->goal_heading)) ||
        S_table_budget(c, cl, n)) {
        c->tbl_active = 0;
        return 1; /* a header, but of no target table */
    }
    c->tbl_active = 1;
    c->tbl_data = 0;
    c->tbl_nsub = c->tbl_width = 0;
    c->tbl_group[0][0] = c->tbl_group[1][0] = '\0';
    c->tbl_nhead = n < S_MAXCOL ? n : S_MAXCOL;
    for (j = 0; j < c->tbl_nhead; j++)
        S_tcol_read(c, cl, j, &c->tbl_head[j]);
    S_table_build(c, c->tbl_nhead);
    return 1;
}

/* Rows between a header and the first data row: a sub-header (cells of
 * words or years, no values: "Kế hoạch | Ước thực hiện"), or the row
 * numbering the columns ("1 | 2 | 3 ...", "A | B | 1 | 2"), which gives
 * the table's width. 1 when the row is one of them. */
static int S_table_subhead(S_ctx *c, const size_t *cl, int n)
{
    size_t ov[2 * S_NOV];
    int j, nums = 0, next = -1, seq = 1, words = 0;
    for (j = 0; j < n; j++) {
        if (cl[2 * j] == cl[2 * j + 1])
            continue; /* an empty cell */
        if (S_cell_match(c, c->tbl_colnum, cl, j, ov)) {
            const char *d = c->mask + cl[2 * j];
            while (*d == '(' || S_is_space(*d))
                d++;
            if (*d >= '0' && *d <= '9') {
                int v = atoi(d); /* rising: hidden columns leave gaps */
                seq &= next < 0 || v >= next;
                next = v + 1;
                nums++;
            }
        } else {
            words++;
        }
    }
    if (!words && seq && nums >= 2) {
        c->tbl_width = n;
        S_table_build(c, n);
        return 1;
    }
    if (!words)
        return 0;
    for (j = 0; j < n; j++)
        if (S_cell_match(c, c->tbl_cell, cl, j, ov) &&
            !S_cell_match(c, c->tbl_year, cl, j, ov))
            return 0; /* a value: a data row */
    if (S_table_budget(c, cl, n)) {
        c->tbl_active = 0;
        return 1;
    }
    c->tbl_nsub = n < S_MAXCOL ? n : S_MAXCOL;
    for (j = 0; j < c->tbl_nsub; j++)
        S_tcol_read(c, cl, j, &c->tbl_sub[j]);
    if (c->tbl_width)
        S_table_build(c, c->tbl_width);
    return 1;
}

/* Does [a, b) end with a full stop? */
static int S_ends_sentence(const S_ctx *c, size_t a, size_t b)
{
    while (b > a && S_is_space(c->text[b - 1]))
        b--;
    return b > a && (c->text[b - 1] == '.' || c->text[b - 1] == ';');
}

/* Copy n bytes of src to dst (size sz), cut at a character's start. */
static void S_copy_cut(char *dst, size_t sz, const char *src, size_t n)
{
    if (n >= sz)
        n = S_cb(src, sz - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The metric of a data row: its label under the label of its group, as
 * the table nests them ("3 | Cơ cấu kinh tế" over "- Dịch vụ" gives "Cơ
 * cấu kinh tế: Dịch vụ"; "+" rows go under the "-" row above; a row
 * with neither number nor dash under a numbered one gives "Tỷ lệ so với
 * GRDP (Vốn đầu tư ...)"). Every row, with values or not, sets the
 * groups for the rows after it. */
static void S_table_metric(S_ctx *c, const size_t *cl, int n, int mcol,
                           char *out, size_t sz)
{
    size_t a = cl[2 * mcol], b = cl[2 * mcol + 1], k;
    int dash = 0, numbered = 0, j;
    char label[256];
    const char *g;
    while (b > a && (S_is_space(c->mask[b - 1]) || c->mask[b - 1] == ':'))
        b--;
    if (a < b && (c->mask[a] == '-' || c->mask[a] == '+')) {
        dash = c->mask[a] == '-' ? 1 : 2;
        for (a++; a < b && S_is_space(c->mask[a]); a++)
            ;
    }
    S_copy_cut(label, sizeof label, c->mask + a, b - a);
    for (j = 0; j < mcol && j < n; j++)
        numbered |= cl[2 * j] < cl[2 * j + 1];
    if (!dash && numbered) {
        memcpy(c->tbl_group[0], label, sizeof label);
        c->tbl_group[1][0] = '\0';
        g = "";
    } else if (dash) {
        g = dash == 2 && c->tbl_group[1][0] ? c->tbl_group[1] : c->tbl_group[0];
    } else {
        g = c->tbl_group[0];
    }
    if (!*g)
        k = (size_t)snprintf(out, sz, "%s", label);
    else if (dash)
        k = (size_t)snprintf(out, sz, "%s: %s", g, label);
    else
        k = (size_t)snprintf(out, sz, "%s (%s)", label, g);
    if (k >= sz) /* cut: end at a character's start */
        out[S_cb(out, sz - 1)] = '\0';
    if (dash == 1)
        memcpy(c->tbl_group[1], label, sizeof label);
}

/* Is the node after node a table row? */
static int S_next_is_row(const S_ctx *c, int node)
{
    size_t cells[2 * S_MAXCOL];
    const nqx_node *nd;
    if ((size_t)node + 1 >= c->nnodes)
        return 0;
    nd = &c->nodes[node + 1];
    return nd->end > nd->start &&
           S_cells(c, nd->start, nd->end, cells, S_MAXCOL) >= 2;
}

/* One data row of a target table: a target per value in a year column. */
static nqx_status S_table_row(S_ctx *c, int node, const size_t *cl, int n,
                              nqx_error *err)
{
    const nqx_node *nd = &c->nodes[node];
    int j, mcol = c->tbl_metric_col;
    size_t ov[2 * S_NOV];
    char unit[48] = "", metric[768];
    if (mcol < 0 || mcol >= n || S_cell_match(c, c->tbl_cell, cl, mcol, ov))
        for (mcol = 0; mcol < n; mcol++) /* the first cell with words */
            if (!S_cell_match(c, c->tbl_cell, cl, mcol, ov) &&
                cl[2 * mcol + 1] - cl[2 * mcol] > 3)
                break;
    if (mcol >= n)
        return NQX_OK;
    S_table_metric(c, cl, n, mcol, metric, sizeof metric);
    if (c->tbl_unit_col >= 0 && c->tbl_unit_col < n &&
        !S_cell_match(c, c->tbl_cell, cl, c->tbl_unit_col, ov))
        S_lower(c->mask + cl[2 * c->tbl_unit_col],
                cl[2 * c->tbl_unit_col + 1] - cl[2 * c->tbl_unit_col], unit, sizeof unit);
    for (j = 0; j < n && j < c->tbl_ncols; j++) {
        nqx_record *r;
        size_t a = cl[2 * j];
        int gi;
        const char *cmp = "=";
        if (!c->tbl_dl[j][0] || !S_cell_match(c, c->tbl_cell, cl, j, ov))
            continue;
        r = nqx_ext_new_record(c->d);
        if (!r)
            return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
        r->kind = NQX_TARGET;
        gi = nqx_gram_group(c->tbl_cell, "lo");
        r->low = r->high = S_number(c->mask + a + ov[2 * gi], ov[2 * gi + 1] - ov[2 * gi]);
        gi = nqx_gram_group(c->tbl_cell, "hi");
        if (gi > 0 && ov[2 * gi] != SIZE_MAX) {
            r->high = S_number(c->mask + a + ov[2 * gi], ov[2 * gi + 1] - ov[2 * gi]);
            cmp = "range";
        } else if (S_group_set(c->tbl_cell, ov, "ge") || S_group_set(c->tbl_cell, ov, "post")) {
            cmp = ">=";
        } else if (S_group_set(c->tbl_cell, ov, "le")) {
            cmp = "<=";
        } else if (S_group_set(c->tbl_cell, ov, "gt")) {
            cmp = ">";
        } else if (S_group_set(c->tbl_cell, ov, "lt")) {
            cmp = "<";
        } else if (S_group_set(c->tbl_cell, ov, "approx")) {
            cmp = "~";
        }
        snprintf(r->comparator, sizeof r->comparator, "%s", cmp);
        r->unit = nqx_strndup(S_group_set(c->tbl_cell, ov, "unit") ? "%" : unit,
                              S_group_set(c->tbl_cell, ov, "unit") ? 1 : strlen(unit));
        r->start = nd->start;
        r->end = nd->end;
        while (r->end > r->start && S_is_space(c->text[r->end - 1]))
            r->end--;
        r->text = nqx_strndup(c->text + r->start, r->end - r->start);
        r->section = nqx_strndup(nd->path ? nd->path : "", nd->path ? strlen(nd->path) : 0);
        r->deadline = nqx_strndup(c->tbl_dl[j], strlen(c->tbl_dl[j]));
        r->doc_index = nd->doc_index;
        r->metric = nqx_strndup(metric, strlen(metric));
        r->scope = S_scope(c, node, nd->start, nd->end, NULL);
        if (!r->unit || !r->text || !r->section || !r->deadline || !r->metric)
            return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    return NQX_OK;
}

/* [a, b) trimmed of spaces. */
static void S_trim_span(const S_ctx *c, size_t *a, size_t *b)
{
    while (*a < *b && S_is_space(c->mask[*a]))
        (*a)++;
    while (*b > *a && S_is_space(c->mask[*b - 1]))
        (*b)--;
}

/* A web page's headline: in a text with no document header (the
 * metadata found no kind: "Nghị quyết", "Kế hoạch", ...), its first line
 * when that is an unnumbered line without a full stop, and each later
 * paragraph that repeats it word for word. The publisher's restatement of
 * a goal the page quotes below ("Đến năm 2030, tối thiểu 20% trường tiểu
 * học có bể bơi", then the quoted bullet): no target of its own. */
static int S_headline(S_ctx *c, int node)
{
    const nqx_node *nd = &c->nodes[node], *f = NULL;
    size_t a, b, fa, fb;
    int k;
    if (nd->doc_index < 0 || (size_t)nd->doc_index >= c->d->nmetas ||
        c->d->metas[nd->doc_index].kind ||
        (nd->kind != NQX_NODE_PARA && nd->kind != NQX_NODE_HEADING))
        return 0;
    /* the document's first node: kept for the last document asked
     * about (nodes come in order; a scan from 0 for each node with a
     * number was quadratic in a long file) */
    if (c->hl_doc != nd->doc_index) {
        for (k = 0; k <= node; k++)
            if (c->nodes[k].doc_index == nd->doc_index &&
                c->nodes[k].end > c->nodes[k].start)
                break;
        c->hl_doc = nd->doc_index;
        c->hl_first = k <= node ? k : -1;
    }
    if (c->hl_first >= 0)
        f = &c->nodes[c->hl_first];
    if (!f || (f->kind != NQX_NODE_PARA && f->kind != NQX_NODE_HEADING))
        return 0;
    a = nd->start, b = nd->end, fa = f->start, fb = f->end;
    S_trim_span(c, &a, &b);
    S_trim_span(c, &fa, &fb);
    return fb > fa && c->mask[fb - 1] != '.' && c->mask[fb - 1] != ';' &&
           b - a == fb - fa && memcmp(c->mask + a, c->mask + fa, b - a) == 0;
}

/* How many nodes back S_time_para looks for its line. */
#define S_TIME_PARA_BACK 64
/* The time of a short unnumbered line over node's list ("Mục tiêu đến
 * năm 2025", tg_time_para), read back over the list's items and the
 * paragraphs that continue them (ending in ";", ":" or ","); any other
 * paragraph or a heading ends the search. Writes it to dl (size n). */
static int S_time_para(const S_ctx *c, int node, char *dl, size_t n)
{
    int j, lim = node > S_TIME_PARA_BACK ? node - S_TIME_PARA_BACK : 0;
    size_t ov[2 * S_NOV], ms, me;
    if (!c->time_para)
        return 0;
    for (j = node - 1; j >= lim; j--) {
        const nqx_node *nd = &c->nodes[j];
        size_t a = nd->start, b = nd->end;
        char last;
        if (nd->doc_index != c->nodes[node].doc_index)
            return 0;
        if (nd->kind == NQX_NODE_ITEM || nd->kind == NQX_NODE_BULLET)
            continue;
        if (nd->kind != NQX_NODE_PARA)
            return 0;
        S_trim_span(c, &a, &b);
        if (b <= a)
            continue;
        last = c->mask[b - 1];
        if (b - a <= S_LEADIN_OWN + 20 &&
            S_match(c->time_para, c->mask + a, b - a, 0, ov, S_NOV))
            return nqx_ext_deadline(c->g, c->text + a, b - a, dl, n, &ms, &me) &&
                   strcmp(dl, "ongoing") != 0 && strcmp(dl, "conditional") != 0;
        if (last != ';' && last != ':' && last != ',')
            return 0;
    }
    return 0;
}

/* What opens an item covers all its clauses: a time before its first
 * quantity (first, NULL when the clause has none), or near its start; a
 * time at the end of a long first clause without quantities ("xây dựng
 * kế hoạch ... hằng năm") is that work's own. The clause [cs, ce) with
 * its phrases dls[0..ndl): sets *lead_dl (to one of dls) when one opens
 * it, and returns whether an aspiration ("phấn đấu") does. */
static int S_clause_lead(const S_ctx *c, size_t cs, size_t ce,
                         const S_qty *first, const S_dl *dls, size_t ndl,
                         const char **lead_dl)
{
    size_t lim = first ? first->qs : ce, di, ov[2 * S_NOV];
    if (!first && lim - cs > S_LEAD_REACH)
        lim = cs + S_LEAD_REACH;
    for (di = 0; di < ndl; di++)
        if (dls[di].s >= cs && dls[di].s < lim) {
            *lead_dl = dls[di].v;
            break;
        }
    return S_match(c->aspire, c->mask, lim, cs, ov, S_NOV);
}

/* The letter of an answer option "A." to "D." that node j opens with (its
 * label, or its text where the outline gave none: the fallback outline
 * has no upper-case letters), or 0. */
static char S_option_letter(const S_ctx *c, int j)
{
    const char *l = c->nodes[j].label;
    const char *t = c->mask + c->nodes[j].start;
    if (l && l[0] >= 'A' && l[0] <= 'D' && strcmp(l + 1, ".") == 0)
        return l[0];
    if (c->nodes[j].end - c->nodes[j].start > 3 && t[0] >= 'A' && t[0] <= 'D' &&
        t[1] == '.' && t[2] == ' ')
        return t[0];
    return 0;
}

/* A quiz's answer options: "Câu 14: ... là tối thiểu bao nhiêu?" then
 * "A. Chi đầu tư đạt ít nhất 10% ...", "B. ... 6% ...": each a choice,
 * none a goal. node is option "A." to "D.", after the options before it
 * in order, and the line before "A." asks a question. */
static int S_answer_option(const S_ctx *c, int node)
{
    char want = S_option_letter(c, node);
    int j = node;
    size_t e;
    if (!want)
        return 0;
    for (; want > 'A'; want--)
        if (--j < 0 || S_option_letter(c, j) != want - 1)
            return 0;
    if (--j < 0)
        return 0;
    e = c->nodes[j].end;
    while (e > c->nodes[j].start && S_is_space(c->mask[e - 1]))
        e--;
    return e > c->nodes[j].start && c->mask[e - 1] == '?';
}

static nqx_status S_node(S_ctx *c, int node, nqx_error *err)
{
    const nqx_node *nd = &c->nodes[node];
    size_t a = nd->start, b = nd->end, ov[2 * S_NOV];
    size_t *cl = NULL, ci, ncl;
    long nclr;
    S_dl dls[S_MAXDL];
    size_t ndl;
    nqx_status st = NQX_OK;
    char inherited[64] = "";
    const char *lead_dl = NULL;
    int lead_asp = 0, item_goal, have_inh = -1;
    int lead_later = 0; /* the first clause's lead is still to be read */
    int semi_asp = 0;
    char semi_dl[64] = "";
    S_goal ng;
    nqx_doc view;

    if (nd->kind == NQX_NODE_FOOTNOTE || nd->kind == NQX_NODE_SIGNATURE ||
        nd->kind == NQX_NODE_RECIPIENTS || nd->kind == NQX_NODE_TABLE)
        return NQX_OK;
    if (b <= a || S_match(c->footnote, c->text + a, b - a, 0, ov, S_NOV))
        return NQX_OK;
    if (S_answer_option(c, node))
        return NQX_OK;
    {
        size_t cells[2 * S_MAXCOL];
        int n = S_cells(c, a, b, cells, S_MAXCOL);
        if (n < 0)
            return NQX_OK;
        if (n >= 2) {
            if (S_table_header(c, node, cells, n) || !c->tbl_active)
                return NQX_OK;
            if (!c->tbl_data && S_table_subhead(c, cells, n))
                return NQX_OK;
            /* no row numbers the columns: the widest data row does */
            if (c->tbl_nsub && !c->tbl_width && (!c->tbl_data || n > c->tbl_ncols))
                S_table_build(c, n);
            c->tbl_data = 1;
            return S_table_row(c, node, cells, n, err);
        }
        /* a line that is no row ends the table, but for a short one
         * between rows that is no sentence ("Trong đó:", a group's
         * title; not "Ghi chú: ... ước tính.") */
        if (!c->tbl_active || b - a > S_TBL_INNER || S_ends_sentence(c, a, b) ||
            !S_next_is_row(c, node)) {
            c->tbl_active = 0;
        } else if (c->tbl_data) {
            /* "- Số đối tượng mua BHYT", a group of one cell: the
             * groups of the rows after it */
            size_t one[2];
            char m[768];
            one[0] = a;
            one[1] = b;
            S_table_metric(c, one, 1, 0, m, sizeof m);
            return NQX_OK;
        }
    }
    if (S_match(c->label, c->mask + a, b - a, 0, ov, S_NOV))
        a += ov[1];
    /* Is there any quantity at all? Most nodes have none: stop early. */
    if (!S_qty_match(c, a, b, ov) || S_headline(c, node))
        return NQX_OK;
    /* sections on the present; conditions listed for a rating or award */
    if ((S_in_present(c, node) &&
         !(c->aspire_present &&
           S_match(c->aspire_present, c->text + a, b - a, 0, ov, S_NOV))) ||
        (c->criteria && S_leadin_matches(c, node, c->criteria)) ||
        (c->criteria_heading && S_ancestor_matches(c, node, c->criteria_heading)))
        return NQX_OK;
    nclr = S_clauses(c, a, b, &cl);
    if (nclr < 0)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    ncl = (size_t)nclr;
    /* an item that opens with a percentage of a population and a goal
     * verb: its first clause holds goals */
    item_goal = (nd->kind == NQX_NODE_ITEM || nd->kind == NQX_NODE_BULLET) &&
                S_match(c->item_goal, c->mask + a, b - a, 0, ov, S_NOV);
    memset(&ng, 0, sizeof ng);
    ng.node = node;
    ng.a = a;
    ng.b = b;

    for (ci = 0; ci < ncl; ci++) {
        size_t cs = cl[2 * ci], ce = cl[2 * ci + 1], nq, qi, di, prev_end;
        S_qty qs[S_MAXQ];
        const char *cur;
        int has_own[S_MAXQ];
        /* "...; phấn đấu đến năm 2045 có ít nhất 3 triệu doanh nghiệp ...;
         * đóng góp khoảng trên 60% GDP.": an aspiration governs the
         * clauses after it up to the sentence's end, with its time */
        int semi_in = semi_asp, ends_semi = ce < c->len && c->mask[ce] == ';';
        nq = S_quantities(c, &ng, cs, ce, (ci == 0 && item_goal) || semi_in, qs,
                          S_MAXQ);
        if (nq && lead_later) {
            /* the first clause, without quantities, read now that a
             * clause has some: it sets their lead (most nodes here have
             * none in any clause, and reading it at once was a tenth of
             * extract --no-ocr's instructions); S_deadlines below then
             * overwrites dls as it did when this was read first */
            ndl = S_deadlines(c, cl[0], cl[1], cl[1] - cl[0] > S_LEAD_REACH ?
                              cl[0] + S_LEAD_REACH : cl[1], dls, S_MAXDL);
            lead_asp = S_clause_lead(c, cl[0], cl[1], NULL, dls, ndl, &lead_dl);
            lead_later = 0;
        }
        if (nq)
            ndl = S_deadlines(c, cs, ce, SIZE_MAX, dls, S_MAXDL);
        if (ci == 0 && nq)
            lead_asp = S_clause_lead(c, cs, ce, &qs[0], dls, ndl, &lead_dl);
        else if (ci == 0)
            lead_later = 1;
        if (!nq) {
            if (!ends_semi)
                semi_asp = 0;
            continue;
        }
        if (have_inh < 0) {
            view = *c->d;
            view.nodes = (nqx_node *)c->nodes;
            view.nnodes = c->nnodes;
            have_inh = nqx_ext_node_deadline(c->g, c->text, &view, (size_t)node,
                                             inherited, sizeof inherited);
            if (have_inh && (strcmp(inherited, "ongoing") == 0 ||
                             strcmp(inherited, "conditional") == 0))
                have_inh = 0;
            if (!have_inh && S_node_goal(c, &ng)->dl[0]) {
                memcpy(inherited, ng.dl, sizeof inherited);
                have_inh = 1;
            }
            if (!have_inh)
                have_inh = S_time_para(c, node, inherited, sizeof inherited);
        }
        /* deadlines: before the first quantity -> the clause's lead */
        cur = ci == 0 ? NULL : lead_dl;
        for (di = 0; di < ndl; di++)
            if (dls[di].s >= cs && dls[di].s < qs[0].qs) {
                cur = dls[di].v;
                break;
            }
        for (qi = 0; qi < nq; qi++) {
            has_own[qi] = 0;
            qs[qi].dl[0] = '\0';
        }
        for (qi = 0; qi < nq; qi++) {
            size_t gap_s = qi ? qs[qi - 1].ce : cs, gap_e = qs[qi].qs;
            int first_in_gap = 1;
            if (qi)
                for (di = 0; di < ndl; di++) {
                    if (dls[di].s < gap_s || dls[di].s >= gap_e)
                        continue;
                    if (first_in_gap && !qs[qi - 1].dl[0]) {
                        /* "100% ... hằng năm, ...": back to the one before */
                        snprintf(qs[qi - 1].dl, sizeof qs[qi - 1].dl, "%s", dls[di].v);
                        has_own[qi - 1] = 1;
                    } else {
                        cur = dls[di].v;
                    }
                    first_in_gap = 0;
                }
            if (cur)
                snprintf(qs[qi].dl, sizeof qs[qi].dl, "%s", cur);
        }
        /* a time after the last quantity: to every one still without */
        for (di = 0; di < ndl; di++)
            if (dls[di].s >= qs[nq - 1].ce && dls[di].s < ce) {
                for (qi = 0; qi < nq; qi++)
                    if (!qs[qi].dl[0])
                        snprintf(qs[qi].dl, sizeof qs[qi].dl, "%s", dls[di].v);
                break;
            }
        /* "Đến năm 2030, 95% ... và đạt tỷ lệ 100% vào năm 2035": a
         * time right after a quantity is that quantity's own, whatever
         * the clause's lead says */
        for (qi = 0; qi < nq; qi++) {
            size_t lim2 = qi + 1 < nq ? qs[qi + 1].qs : ce;
            for (di = 0; di < ndl; di++) {
                size_t p = dls[di].s;
                if (p < qs[qi].ce || p >= lim2 || p - qs[qi].ce > 2 ||
                    (p > qs[qi].ce && c->mask[qs[qi].ce] != ' ') ||
                    (p > qs[qi].ce + 1 && c->mask[qs[qi].ce + 1] != ' '))
                    continue;
                if (strncmp(c->mask + p, "vào ", 5) == 0 ||
                    strncmp(c->mask + p, "đến ", 5) == 0 ||
                    strncmp(c->mask + p, "tới ", 5) == 0)
                    snprintf(qs[qi].dl, sizeof qs[qi].dl, "%s", dls[di].v);
                break;
            }
        }
        prev_end = cs;
        for (qi = 0; qi < nq; qi++) {
            size_t next = qi + 1 < nq ? qs[qi + 1].qs : ce;
            /* "tỷ lệ giải ngân năm 2025 đạt 95%": the year the metric
             * names, before what a heading gives; only before the
             * clause's first quantity ("15 - 20% năm 2030 và 65 - 70% năm
             * 2045": a year after a quantity is that quantity's) */
            /* the same after a comma that starts another metric: "GDP
             * đạt 8% trở lên, quy mô GDP năm 2025 đạt khoảng 500 tỉ" */
            size_t ys = qi ? qs[qi - 1].ce : cs;
            if (qi) {
                while (ys < qs[qi].qs && c->mask[ys] == ' ')
                    ys++;
                ys = ys < qs[qi].qs && c->mask[ys] == ',' ? ys + 1 : SIZE_MAX;
            }
            if (ys != SIZE_MAX && !qs[qi].dl[0] && c->metric_year &&
                S_match_upto(c->metric_year, c->mask, qs[qi].qs, ys, qs[qi].qs,
                             ov, S_NOV)) {
                int gy = nqx_gram_group(c->metric_year, "y");
                if (gy > 0 && gy < S_NOV && ov[2 * gy] != SIZE_MAX)
                    snprintf(qs[qi].dl, sizeof qs[qi].dl, "%.*s",
                             (int)(ov[2 * gy + 1] - ov[2 * gy]), c->mask + ov[2 * gy]);
            }
            /* "giải ngân đạt 100% kế hoạch vốn đầu tư công năm 2025",
             * "15 - 20% năm 2030 và 65 - 70% năm 2045": the year the
             * quantity's own words name, close after it, no other number
             * or bracket between */
            if (!qs[qi].dl[0] && c->metric_year && next > qs[qi].ce &&
                S_match_upto(c->metric_year, c->mask,
                             next - qs[qi].ce > S_YEAR_AFTER ? qs[qi].ce + S_YEAR_AFTER : next,
                             qs[qi].ce, SIZE_MAX, ov, S_NOV)) {
                int gy = nqx_gram_group(c->metric_year, "y");
                size_t z;
                for (z = qs[qi].ce; z < ov[0]; z++)
                    if ((c->mask[z] >= '0' && c->mask[z] <= '9') || c->mask[z] == '(' ||
                        c->mask[z] == ')')
                        break;
                if (z == ov[0] && gy > 0 && gy < S_NOV && ov[2 * gy] != SIZE_MAX &&
                    c->mask[ov[2 * gy]] == '2') /* a goal's year, not 1986's */
                    snprintf(qs[qi].dl, sizeof qs[qi].dl, "%.*s",
                             (int)(ov[2 * gy + 1] - ov[2 * gy]), c->mask + ov[2 * gy]);
            }
            if (!qs[qi].dl[0] && semi_in && semi_dl[0])
                snprintf(qs[qi].dl, sizeof qs[qi].dl, "%s", semi_dl);
            if (!qs[qi].dl[0] && have_inh > 0)
                snprintf(qs[qi].dl, sizeof qs[qi].dl, "%s", inherited);
            qs[qi].asp = lead_asp || S_node_goal(c, &ng)->asp_all || semi_in ||
                         S_match(c->aspire, c->mask, qs[qi].qs, cs, ov, S_NOV);
            if (S_past_deadline(c, qs[qi].qs, qs[qi].dl)) {
                prev_end = qs[qi].ce;
                continue;
            }
            /* the item's first clause keeps its label: "(2) Ít nhất 85% ..." */
            st = S_emit(c, node, ci == 0 ? nd->start : cs, ce, &qs[qi], prev_end,
                        next, dls, ndl, err);
            if (st)
                break;
            prev_end = qs[qi].ce;
        }
        if (st)
            break;
        if (!ends_semi) {
            semi_asp = 0;
        } else if (!semi_in && S_match(c->aspire, c->mask, qs[0].qs, cs, ov, S_NOV)) {
            semi_asp = 1;
            snprintf(semi_dl, sizeof semi_dl, "%s", qs[0].dl);
        }
        (void)has_own;
    }
    free(cl);
    return st;
}

nqx_status nqx_ext_targets(const nqx_grammar *g, const char *text, size_t len,
                           nqx_doc *d, nqx_error *err)
{
    S_ctx c;
    nqx_node *fb = NULL;
    size_t nfb = 0, i;
    nqx_status st = NQX_OK;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.text = text;
    c.len = len;
    c.d = d;
    c.qty = nqx_gram_pattern(g, "qt_quantity");
    c.cmp_before = nqx_gram_pattern(g, "qt_cmp_before");
    c.cmp_after = nqx_gram_pattern(g, "qt_cmp_after");
    c.aspire = nqx_gram_pattern(g, "tg_aspire");
    c.metric_year = nqx_gram_pattern(g, "tg_metric_year");
    c.negated_floor = nqx_gram_pattern(g, "tg_negated_floor");
    c.goal_purpose = nqx_gram_pattern(g, "tg_goal_purpose");
    c.goal_question = nqx_gram_pattern(g, "tg_goal_question");
    c.time_para = nqx_gram_pattern(g, "tg_time_para");
    c.leadin_horizon = nqx_gram_pattern(g, "tg_leadin_horizon");
    c.goal_cite = nqx_gram_pattern(g, "tg_goal_cite_leadin");
    c.full_cover = nqx_gram_pattern(g, "tg_full_cover");
    c.hl_doc = -2; /* no document asked about yet (-1 is none) */
    c.rule_kinds = nqx_gram_lexicon(g, "tg_rule_kinds");
    c.aspire_present = nqx_gram_pattern(g, "tg_aspire_in_report");
    c.goal_cue = nqx_gram_pattern(g, "tg_goal_cue");
    c.goal_heading = nqx_gram_pattern(g, "tg_goal_heading");
    c.goal_leadin = nqx_gram_pattern(g, "tg_goal_leadin");
    c.present_heading = nqx_gram_pattern(g, "tg_present_heading");
    c.footnote = nqx_gram_pattern(g, "tg_footnote_line");
    c.scope = nqx_gram_pattern(g, "tg_scope");
    c.label = nqx_gram_pattern(g, "tg_fb_label");
    c.tbl_year = nqx_gram_pattern(g, "tg_tbl_year_head");
    c.tbl_base = nqx_gram_pattern(g, "tg_tbl_baseline_head");
    c.tbl_unit = nqx_gram_pattern(g, "tg_tbl_unit_head");
    c.tbl_metric = nqx_gram_pattern(g, "tg_tbl_metric_head");
    c.tbl_cell = nqx_gram_pattern(g, "tg_tbl_cell");
    c.tbl_index = nqx_gram_pattern(g, "tg_tbl_index_head");
    c.tbl_colnum = nqx_gram_pattern(g, "tg_tbl_colnum");
    c.tbl_budget = nqx_gram_pattern(g, "tg_tbl_budget_head");
    c.metric_lead = nqx_gram_pattern(g, "tg_metric_lead");
    c.metric_tail = nqx_gram_pattern(g, "tg_metric_tail");
    c.pop_end = nqx_gram_pattern(g, "tg_pop_end");
    c.rate_per = nqx_gram_pattern(g, "qt_rate_per");
    c.pop_lead = nqx_gram_pattern(g, "tg_pop_lead");
    c.item_goal = nqx_gram_pattern(g, "tg_item_goal_open");
    c.criteria = nqx_gram_pattern(g, "tg_criteria_leadin");
    c.excl = nqx_gram_lexicon(g, "target_exclusions");
    c.need_cmp = nqx_gram_lexicon(g, "qt_units_need_comparator");
    c.time_limit = nqx_gram_lexicon(g, "qt_units_time_limit");
    c.cut_new = nqx_gram_pattern(g, "tg_cut_new_value");
    c.quota_heading = nqx_gram_pattern(g, "tg_quota_heading");
    c.criteria_heading = nqx_gram_pattern(g, "tg_criteria_heading");
    c.num_words = nqx_gram_lexicon(g, "qt_number_words");
    nqx_ext_qty_words(c.num_words, &c.qty_words);
    c.unit_nouns = nqx_gram_lexicon(g, "qt_unit_nouns");
    if (!c.qty || !c.cmp_before || !c.cmp_after || !c.label)
        return nqx_fail(err, NQX_EGRAMMAR, "quantity.pcre", -1, -1,
                        "grammar lacks qt_quantity, qt_cmp_before, "
                        "qt_cmp_after or tg_fb_label");
    c.qty_lo = nqx_gram_group(c.qty, "lo");
    c.qty_hi = nqx_gram_group(c.qty, "hi");
    c.qty_unit = nqx_gram_group(c.qty, "unit");
    c.qty_word = nqx_gram_group(c.qty, "word");
    c.qty_noun = nqx_gram_group(c.qty, "noun");
    c.qty_scale = nqx_gram_group(c.qty, "scale");
    c.qty_bare = nqx_gram_group(c.qty, "bare");
    c.bare_cmp = nqx_gram_pattern(g, "qt_bare_comparator");
    c.mask = S_mask(text, len);
    if (!c.mask || S_unit_index(&c)) {
        free(c.mask);
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    if (d->nnodes) {
        c.nodes = d->nodes;
        c.nnodes = d->nnodes;
    } else {
        st = S_fallback_outline(&c, &fb, &nfb, err);
        c.nodes = fb;
        c.nnodes = nfb;
    }
    c.leadin_pat[0] = c.aspire;
    c.leadin_pat[1] = c.goal_heading;
    c.leadin_pat[2] = c.goal_leadin;
    c.leadin_pat[3] = c.criteria;
    /* (no memory for the memo: every lead-in is matched each time) */
    c.leadin_memo = c.nnodes ? calloc(c.nnodes, 1) : NULL;
    {
        /* a legal web page's footer (task_site_footer: "Văn bản liên
         * quan", its list of related documents and the publisher's
         * notices) sets no target, up to the document's end */
        const nqx_pattern *footer = nqx_gram_pattern(g, "task_site_footer");
        int fdoc = -1;
        size_t fov[2 * S_NOV];
        for (i = 0; !st && i < c.nnodes; i++) {
            const nqx_node *nd = &c.nodes[i];
            if (fdoc >= 0 && nd->doc_index == fdoc)
                continue;
            if (footer && nd->end > nd->start &&
                nqx_gram_match(footer, text, nd->end, nd->start, fov, S_NOV) > 0) {
                fdoc = nd->doc_index;
                continue;
            }
            st = S_node(&c, (int)i, err);
        }
    }
    free(c.leadin_memo);
    nqx_ext_nodes_free(fb, nfb);
    free(c.mask);
    free(c.un_ix);
    return st;
}
