/* task.c: tasks (nhiệm vụ) and the agencies that lead and support them.
 *
 * The outline (d->nodes) is walked once. A task comes from:
 *   - an item with role lines beneath it ("Cơ quan lãnh đạo: ...");
 *   - an agency heading ("5. Ban Tổ chức Thành ủy"): each item or bullet
 *     beneath is a task it leads, or, when only paragraphs follow, the
 *     heading's whole body is one task;
 *   - an item or bullet whose subject is a body ("X chủ trì, phối hợp với
 *     Y ...", "Giao X ...", "Đề nghị X ...");
 *   - a block header ("..., các cấp ủy phải ... các nhiệm vụ sau:") that
 *     hands its subject to the items after it;
 *   - in running paragraphs, each sentence whose subject is a body, and
 *     each stretch without a body that sets its own time (no agencies);
 *   - a row of an assignment table (Nội dung | Cơ quan chủ trì | ...).
 * Phrasing lives in grammars/task.pcre and grammars/agency.pcre.
 */
#include "ext.h"

#include <stdlib.h>
#include <string.h>

#define S_MAXNAMES 64
#define S_OVN 8

typedef struct {
    nqx_span name;
    nqx_role role;
} S_ag;

typedef struct {
    S_ag v[S_MAXNAMES];
    size_t n;
} S_ags;

typedef struct {
    const nqx_grammar *g;
    const char *text;
    size_t len;
    nqx_doc *d;
    nqx_agx *agx;
    nqx_wlex subjv, fronted, repv, repp, coord, roles, columns, chutri, tquals,
        inserted, cdescr, tleadin, tnend, follow, semiv, repnouns, ordinals, directs,
        relays;
    const nqx_pattern *p_role, *p_time, *p_descr, *p_aim, *p_closing, *p_workin, *p_bare_time,
        *p_wrapup, *p_bare, *p_limit, *p_compet, *p_cases, *p_addr, *p_done, *p_bare_date,
        *p_handout, *p_footer, *p_issuer, *p_tgsender, *p_directin, *p_question;
    unsigned char *inquote; /* root paragraphs of a page's quoted directive */
    int **kids;    /* children of each node, in order */
    size_t *nkids;
    int *roots;
    size_t nroots;
    char *excluded; /* per node: 1 = no task from it or below; 2 = aims */
    /* per node: S_body_parent's answer for its children + 1, 0 until
     * asked (each child asked it again and cut the parent's text into
     * words again: a tenth of all the words cut) */
    char *bodyp;
    char cols[16];  /* the last assignment-table header seen (S_table) */
    size_t ncols;
    int have_header;
    int no_bare;    /* S_prose emits only sentences with a subject */
    /* where a document's wrap-up ("Trên đây là ...") was met, and in which
     * document (wrap_doc -1: none): what the outline hangs after it (a
     * web page's next questions, the law it quotes) is in no body's
     * block */
    size_t wrap_at;
    int wrap_doc;
    /* where web pages' footers start (task_site_footer), one per
     * document at most, in text order: no task's text runs into one */
    size_t *foot;
    size_t nfoot;
    size_t *tspans; /* the targets' spans, (start, end) sorted by start */
    size_t ntspans;
    /* the words of text[kept_s..kept_e) that S_node_own cut, owned here
     * until S_prose takes them for the same span (a paragraph's own text
     * is its whole body: it was cut into words twice) or they are
     * replaced; kept.v NULL when none */
    nqx_toks kept;
    size_t kept_s, kept_e;
    nqx_status st;
} S_ctx;

/* ------------------------------------------------------------------ */
/* small helpers                                                        */
/* ------------------------------------------------------------------ */

static void S_add(S_ags *a, size_t s, size_t e, nqx_role role)
{
    if (a->n < S_MAXNAMES && e > s) {
        a->v[a->n].name.start = s;
        a->v[a->n].name.end = e;
        a->v[a->n].role = role;
        a->n++;
    }
}

static void S_add_list(S_ags *a, const nqx_span *sp, size_t n, nqx_role r)
{
    size_t i;
    for (i = 0; i < n; i++)
        S_add(a, sp[i].start, sp[i].end, r);
}

static size_t S_count_role(const S_ags *a, nqx_role r)
{
    size_t i, n = 0;
    for (i = 0; i < a->n; i++)
        n += a->v[i].role == r;
    return n;
}

/* Copy the agencies of role from into to, as role as. */
static void S_copy_role(S_ags *to, const S_ags *from, nqx_role r, nqx_role as)
{
    size_t i;
    for (i = 0; i < from->n; i++)
        if (from->v[i].role == r)
            S_add(to, from->v[i].name.start, from->v[i].name.end, as);
}

static int S_group_span(const nqx_pattern *p, const size_t *ov, int rc,
                        const char *name, size_t *s, size_t *e)
{
    int gi = nqx_gram_group(p, name);
    if (gi < 0 || gi >= rc || ov[2 * gi] == (size_t)-1)
        return 0;
    *s = ov[2 * gi];
    *e = ov[2 * gi + 1];
    return 1;
}

static size_t S_trim_end(const char *t, size_t s, size_t e)
{
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\r' ||
                     t[e - 1] == '\t'))
        e--;
    return e;
}

/* The node's own text after its numbering label and markup. */
static size_t S_content_start(const S_ctx *c, const nqx_node *n)
{
    size_t s = n->start, lim = n->end;
    if (n->label && *n->label && n->kind != NQX_NODE_PARA) {
        size_t ll = strlen(n->label);
        size_t k;
        for (k = s; k + ll <= lim && k < s + 24; k++)
            if (memcmp(c->text + k, n->label, ll) == 0) {
                s = k + ll;
                break;
            }
    }
    while (s < lim && (c->text[s] == ' ' || c->text[s] == '*' ||
                       c->text[s] == '#' || c->text[s] == '.' ||
                       c->text[s] == ')' || c->text[s] == '\t'))
        s++;
    return s;
}

static int S_numbered(const nqx_node *n)
{
    return (n->kind == NQX_NODE_HEADING || n->kind == NQX_NODE_ITEM) &&
           n->label && *n->label;
}

/* The label ("Cơ quan chủ trì:", "Thời gian:") that starts at from, in
 * text[from..end): 0 none, 1 role, 2 time; *vs,*ve its value, cut where
 * the next label of the same line begins ("...; Cơ quan phối hợp: ..."),
 * *next that place (end when none). */
static int S_label_at(S_ctx *c, size_t from, size_t end, size_t *vs,
                      size_t *ve, nqx_role *role, size_t *next)
{
    size_t ov[2 * S_OVN], ls, le, k;
    int rc, kind = 0;
    *next = end;
    while (from < end && (c->text[from] == ' ' || c->text[from] == ';' ||
                          c->text[from] == '.'))
        from++;
    if (c->p_role &&
        (rc = nqx_gram_match(c->p_role, c->text, end, from, ov, S_OVN)) > 0 &&
        ov[0] == from &&
        S_group_span(c->p_role, ov, rc, "label", &ls, &le) &&
        S_group_span(c->p_role, ov, rc, "value", vs, ve)) {
        nqx_toks t;
        const nqx_wentry *e = NULL;
        *role = NQX_ROLE_LEAD;
        if (nqx_ext_tokens(c->text, ls, le, &t) == NQX_OK) {
            if (nqx_wlex_at(&c->roles, &t, 0, t.n, &e) == t.n && e && e->value) {
                if (strcmp(e->value, "advise") == 0)
                    *role = NQX_ROLE_ADVISE;
                else if (strcmp(e->value, "execute") == 0)
                    *role = NQX_ROLE_EXECUTE;
                else if (strcmp(e->value, "coordinate") == 0)
                    *role = NQX_ROLE_COORDINATE;
            }
            nqx_toks_free(&t);
        }
        kind = 1;
    } else if (c->p_time &&
               (rc = nqx_gram_match(c->p_time, c->text, end, from, ov, S_OVN)) > 0 &&
               ov[0] == from && S_group_span(c->p_time, ov, rc, "value", vs, ve)) {
        kind = 2;
    }
    if (!kind)
        return 0;
    /* a second label after ";" or "." on the same line */
    for (k = *vs; k < *ve; k++) {
        size_t vs2, ve2, nx;
        nqx_role r2;
        if (c->text[k] != ';' && c->text[k] != '.')
            continue;
        if (S_label_at(c, k + 1, end, &vs2, &ve2, &r2, &nx)) {
            *ve = k;
            *next = k + 1;
            break;
        }
    }
    return kind;
}

/* Whether node n's line is a role label whose role word makes the points
 * above it a block (task_label_roles value "block": "Trách nhiệm chỉ đạo
 * thực hiện: X, Y" after an item's bullets); its value to *vs, *ve. */
static int S_label_block(S_ctx *c, const nqx_node *n, size_t *vs, size_t *ve)
{
    size_t ov[2 * S_OVN], ls, le, s = n->start;
    int rc, yes = 0;
    nqx_toks t;
    const nqx_wentry *e = NULL;
    if (!c->p_role || (n->kind != NQX_NODE_BULLET && n->kind != NQX_NODE_PARA))
        return 0;
    while (s < n->end && (c->text[s] == '-' || c->text[s] == '+' ||
                          c->text[s] == '*' || c->text[s] == ' '))
        s++;
    if ((rc = nqx_gram_match(c->p_role, c->text, n->end, s, ov, S_OVN)) <= 0 ||
        ov[0] != s || !S_group_span(c->p_role, ov, rc, "label", &ls, &le) ||
        !S_group_span(c->p_role, ov, rc, "value", vs, ve))
        return 0;
    if (nqx_ext_tokens(c->text, ls, le, &t))
        return 0;
    yes = nqx_wlex_at(&c->roles, &t, 0, t.n, &e) == t.n && e && e->value &&
          strcmp(e->value, "block") == 0;
    nqx_toks_free(&t);
    return yes;
}

/* The first label of a node's line (see S_label_at). */
static int S_label_kind(S_ctx *c, const nqx_node *n, size_t *vs, size_t *ve,
                        nqx_role *role)
{
    size_t next, s = n->start;
    if (n->kind != NQX_NODE_BULLET && n->kind != NQX_NODE_PARA &&
        n->kind != NQX_NODE_ITEM)
        return 0;
    while (s < n->end && (c->text[s] == '-' || c->text[s] == '+' ||
                          c->text[s] == '*' || c->text[s] == ' '))
        s++;
    return S_label_at(c, s, n->end, vs, ve, role, &next);
}

/* The deadline of text[s..e) as a new string, or NULL. */
static char *S_deadline(S_ctx *c, size_t s, size_t e)
{
    char out[64];
    size_t ms, me;
    if (e <= s)
        return NULL;
    if (nqx_ext_deadline(c->g, c->text + s, e - s, out, sizeof out, &ms, &me))
        return nqx_strndup(out, strlen(out));
    return NULL;
}

/* The time a label's value sets ("Thời gian thực hiện: ..."): a phrase
 * of the deadline grammar, else what a label may say bare
 * (task_label_bare_time: "2026 - 2030", "Đầu nhiệm kỳ 2025 - 2030",
 * "2026"), which outside a label names no time. */
static char *S_label_deadline(S_ctx *c, size_t s, size_t e)
{
    char *dl = S_deadline(c, s, e), out[16];
    size_t ov[2 * S_OVN], y1s, y1e, y2s, y2e, es, ee;
    int rc;
    if (dl || !c->p_bare_time || e <= s)
        return dl;
    /* a bare date: "31/12/2025", "12/2025" */
    if (c->p_bare_date &&
        (rc = nqx_gram_match(c->p_bare_date, c->text, e, s, ov, S_OVN)) > 0 &&
        S_group_span(c->p_bare_date, ov, rc, "y", &y1s, &y1e) &&
        S_group_span(c->p_bare_date, ov, rc, "m", &y2s, &y2e)) {
        int mo = atoi(c->text + y2s), dd = 0;
        if (S_group_span(c->p_bare_date, ov, rc, "d", &es, &ee))
            dd = atoi(c->text + es);
        if (mo >= 1 && mo <= 12 && dd >= 0 && dd <= 31) {
            if (dd)
                snprintf(out, sizeof out, "%.4s-%02d-%02d", c->text + y1s, mo, dd);
            else
                snprintf(out, sizeof out, "%.4s-%02d", c->text + y1s, mo);
            return nqx_strndup(out, strlen(out));
        }
    }
    rc = nqx_gram_match(c->p_bare_time, c->text, e, s, ov, S_OVN);
    if (rc <= 0 || !S_group_span(c->p_bare_time, ov, rc, "y1", &y1s, &y1e) ||
        y1e - y1s != 4)
        return NULL;
    if (!S_group_span(c->p_bare_time, ov, rc, "y2", &y2s, &y2e) || y2e - y2s != 4)
        return nqx_strndup(c->text + y1s, 4);
    if (S_group_span(c->p_bare_time, ov, rc, "edge", &es, &ee)) {
        /* the term's first year or its last */
        int last = c->text[es] == 'c' || c->text[es] == 'C';
        return nqx_strndup(c->text + (last ? y2s : y1s), 4);
    }
    snprintf(out, sizeof out, "%.4s/%.4s", c->text + y1s, c->text + y2s);
    return nqx_strndup(out, strlen(out));
}

/* 1 when text[s..p) leaves a "(" open: p lies inside parentheses. */
static int S_in_parens(const S_ctx *c, size_t s, size_t p)
{
    int depth = 0;
    for (; s < p; s++) {
        if (c->text[s] == '(')
            depth++;
        else if (c->text[s] == ')' && depth > 0)
            depth--;
    }
    return depth > 0;
}

/* 1 when the node lies in a numbered section of a plan or resolution
 * (I., 1., 1.1., a), (1)), not in an article of a legal text (Điều 5)
 * or in text outside any section: only there does a time alone make a
 * task. */
static int S_in_section(const S_ctx *c, int node)
{
    int p;
    for (p = node; p >= 0; p = c->d->nodes[p].parent) {
        const nqx_node *n = &c->d->nodes[p];
        const char *l = n->label;
        if (n->kind != NQX_NODE_HEADING && n->kind != NQX_NODE_ITEM)
            continue;
        if (!l || !*l)
            continue;
        if ((unsigned char)l[0] >= 0x80 || (l[0] >= 'a' && l[0] <= 'z' && l[1] && l[1] != ')' && l[1] != '.'))
            return 0; /* "Điều", "Chương", "Mục" */
        return 1;
    }
    return 0;
}

/* 1 when node is a point (a bullet) whose text[s..e) says when it must
 * be finished ("Hoàn thành trước ngày 15/11/2025"): a task even outside
 * a numbered section (task_completion_time). */
static int S_completion(const S_ctx *c, int node, size_t s, size_t e)
{
    size_t ov[2 * S_OVN];
    return c->p_done && c->d->nodes[node].kind == NQX_NODE_BULLET &&
           nqx_gram_match(c->p_done, c->text, e, s, ov, S_OVN) > 0;
}

/* 1 when deadline dl lies in a year before the document's own date. */
static int S_before_doc(const S_ctx *c, int node, const char *dl)
{
    int di = c->d->nodes[node].doc_index;
    const char *date;
    if (di < 0 || (size_t)di >= c->d->nmetas)
        return 0;
    date = c->d->metas[di].date;
    if (!date || strlen(date) < 4 || strlen(dl) < 4 ||
        dl[0] < '0' || dl[0] > '9')
        return 0;
    return strncmp(dl, date, 4) < 0;
}

/* 1 when text[s..e) is "thường xuyên" (not "Từ 01/7/2025", also ongoing). */
static int S_is_regularly(const S_ctx *c, size_t s, size_t e)
{
    char *f = nqx_fold(c->text + s, e - s);
    int yes = f && strstr(f, "thuong xuyen") != NULL;
    free(f);
    return yes;
}

/* 1 when the clause of text[s..p) before p (back to a comma or a stop)
 * holds "góp phần": a time after it is the horizon of the larger goal the
 * work contributes to ("..., góp phần tạo nền tảng vững chắc để đạt tốc
 * độ tăng trưởng hai con số trong giai đoạn 2026 - 2030"), not a time the
 * work sets itself ("..., góp phần nâng cao ..., hoàn thành trong tháng 3
 * năm 2024" keeps its own). */
static int S_contributes(const S_ctx *c, size_t s, size_t p)
{
    size_t q = p;
    while (q > s && c->text[q - 1] != '.' && c->text[q - 1] != ';' &&
           c->text[q - 1] != ':' && c->text[q - 1] != ',' && c->text[q - 1] != '\n')
        q--;
    for (; q + 8 <= p; q++)
        if (memcmp(c->text + q, "góp phần", strlen("góp phần")) == 0 ||
            memcmp(c->text + q, "Góp phần", strlen("Góp phần")) == 0)
            return 1;
    return 0;
}

/* The time a stretch without a body sets on its own, stricter than a
 * task's: not in parentheses (they elaborate a noun: "bồi dưỡng cập nhật
 * thường xuyên"), "thường xuyên" only as the adverb opening a clause, and
 * a bare condition sets no time of its own. */
static char *S_own_time(S_ctx *c, size_t s, size_t e)
{
    size_t from = 0;
    char out[64];
    while (s + from < e) {
        size_t ms, me, p;
        if (!nqx_ext_deadline_from(c->g, c->text + s, e - s, from, out,
                                   sizeof out, &ms, &me))
            return NULL;
        from = me > from ? me : from + 1;
        ms += s;
        if (S_in_parens(c, s, ms) || strcmp(out, "conditional") == 0 ||
            S_contributes(c, s, ms))
            continue;
        if (strcmp(out, "ongoing") == 0 && S_is_regularly(c, ms, s + me)) {
            /* the adverb: at the start of a sentence or clause */
            p = ms;
            while (p > s && (c->text[p - 1] == ' ' || c->text[p - 1] == '*'))
                p--;
            if (p > s && c->text[p - 1] != '.' && c->text[p - 1] != ';' &&
                c->text[p - 1] != ',' && c->text[p - 1] != ':' &&
                c->text[p - 1] != '\n' && c->text[p - 1] != '-')
                continue;
            {
                /* "Thường xuyên ... đến năm 2025": the bound wins */
                char *dl = S_deadline(c, ms, e);
                if (dl)
                    return dl;
            }
        }
        return nqx_strndup(out, strlen(out));
    }
    return NULL;
}

/* In a section of aims, whether text[s..e) of node is work done all
 * along: its first time is "thường xuyên" opening the item ("- Thường
 * xuyên kiểm tra, đôn đốc ..."), not an adjective in a list ("phối hợp
 * chặt chẽ, thường xuyên, hiệu quả"), or an open start ("bảo đảm từ
 * ngày 01 tháng 01 năm 2026 ..."). */
static int S_aim_ongoing(S_ctx *c, int node, size_t s, size_t e)
{
    size_t from = 0, ms, me, p;
    char out[64];
    const nqx_node *nd = &c->d->nodes[node];
    size_t cs = nd->start == s ? S_content_start(c, nd) : s;
    while (s + from < e) {
        if (!nqx_ext_deadline_from(c->g, c->text + s, e - s, from, out,
                                   sizeof out, &ms, &me))
            return 0;
        from = me > from ? me : from + 1;
        if (S_in_parens(c, s, s + ms) || strcmp(out, "conditional") == 0)
            continue;
        if (strcmp(out, "ongoing") != 0)
            return 0;
        if (!S_is_regularly(c, s + ms, s + me))
            return 1; /* an open start */
        for (p = cs; p < s + ms && (c->text[p] == ' ' || c->text[p] == '*' ||
                                    c->text[p] == '-' || c->text[p] == '+');
             p++)
            ;
        return p == s + ms;
    }
    return 0;
}

/* 1 when the sentence t[k..] opens with a time ("Hằng năm, ...",
 * "Đến năm 2025, ...", "Thường xuyên ..."). */
static int S_opens_with_time(S_ctx *c, const nqx_toks *t, size_t k, size_t e)
{
    char out[64];
    size_t ms, me, s = t->v[k].start;
    return nqx_ext_deadline_upto(c->g, c->text + s, e - s, 0, 0, out,
                                 sizeof out, &ms, &me) &&
           strcmp(out, "conditional") != 0;
}

/* A time that an enclosing item's time line ("Thời gian: ...", nearest
 * first) or else an enclosing heading sets. */
static char *S_inherited(S_ctx *c, int node)
{
    int p = node >= 0 ? c->d->nodes[node].parent : -1;
    char out[64];
    for (; p >= 0; p = c->d->nodes[p].parent) {
        size_t k;
        char *dl;
        for (k = 0; k < c->nkids[p]; k++) {
            size_t vs, ve;
            nqx_role r;
            if (S_label_kind(c, &c->d->nodes[c->kids[p][k]], &vs, &ve, &r) == 2 &&
                (dl = S_label_deadline(c, vs, ve)) != NULL)
                return dl;
        }
    }
    if (node >= 0 &&
        nqx_ext_node_deadline(c->g, c->text, c->d, (size_t)node, out, sizeof out))
        return nqx_strndup(out, strlen(out));
    return NULL;
}

/* Parse a list of names in a role line's value (the whole value is names). */
static void S_value_names(S_ctx *c, size_t vs, size_t ve, nqx_role role,
                          S_ags *out)
{
    nqx_toks t;
    size_t i = 0;
    if (nqx_ext_tokens(c->text, vs, ve, &t))
        return;
    while (i < t.n) {
        nqx_span sp[S_MAXNAMES];
        size_t n = 0, j = nqx_agx_list(c->agx, &t, i, t.n, i == 0, sp,
                                       S_MAXNAMES, &n);
        if (j == i) {
            /* not a known head: take the words up to the next ";" */
            size_t k = i;
            while (k < t.n && !(t.v[k].flags & (NQX_TOK_SEMI | NQX_TOK_STOP)))
                k++;
            if (k == t.n)
                k--;
            S_add(out, t.v[i].start, t.v[k].end, role);
            i = k + 1;
            continue;
        }
        /* "Cơ quan thực hiện: Sở X chủ trì ..., Sở Y ...": X leads */
        S_add_list(out, sp, n,
                   j < t.n && nqx_wlex_at(&c->chutri, &t, j, t.n, NULL) ?
                   NQX_ROLE_LEAD : role);
        i = j;
        if (i < t.n && nqx_agx_is_stop(c->agx, &t, i, t.n)) {
            /* a verb follows: what it governs is no agency of the task */
            while (i < t.n && !(t.v[i].flags & (NQX_TOK_SEMI | NQX_TOK_STOP)))
                i++;
            i++;
        }
        while (i < t.n && !nqx_agx_starts(c->agx, &t, i, t.n))
            i++;
    }
    nqx_toks_free(&t);
}

/* ------------------------------------------------------------------ */
/* subjects, coordinators, report_to                                    */
/* ------------------------------------------------------------------ */

/* The subject of the clause at word i: [courtesy] names + verb. On a hit
 * adds the names as lead to out and returns the word after them. */
static size_t S_subject_at(S_ctx *c, const nqx_toks *t, size_t i, size_t lim,
                           int sstart, S_ags *out, int *assigned)
{
    nqx_span sp[S_MAXNAMES];
    size_t n = 0, j = i, e, cl;
    int ins = 0;
    if (i >= lim)
        return 0;
    cl = nqx_agx_courtesy(c->agx, t, i, lim);
    if (cl)
        j += cl;
    e = nqx_agx_list(c->agx, t, j, lim, sstart && !cl, sp, S_MAXNAMES, &n);
    if (e == j || !n)
        return 0;
    if (!cl) {
        size_t v = e;
        /* "Sở Y tế (Chi cục Dân số) sẽ kiểm tra": the unit in brackets */
        if (v < lim && (t->v[v].flags & NQX_TOK_OPEN)) {
            size_t m;
            for (m = v; m < lim && m < v + 12; m++)
                if (t->v[m].flags & (NQX_TOK_CLOSE | NQX_TOK_STOP))
                    break;
            if (m < lim && m < v + 12 && (t->v[m].flags & NQX_TOK_CLOSE) &&
                !(t->v[m].flags & (NQX_TOK_STOP | NQX_TOK_COMMA |
                                   NQX_TOK_SEMI | NQX_TOK_COLON)))
                v = m + 1;
        }
        /* "Bộ X, UBND các tỉnh trên cơ sở đề xuất của ..., chủ trì":
         * an inserted adverbial between the subject and its verb */
        if (v < lim && !nqx_wlex_at(&c->subjv, t, v, lim, NULL) &&
            nqx_wlex_at(&c->inserted, t, v, lim, NULL)) {
            size_t m;
            for (m = v; m + 1 < lim && m < v + 40; m++) {
                if (t->v[m].flags & (NQX_TOK_STOP | NQX_TOK_SEMI |
                                     NQX_TOK_COLON))
                    break;
                /* "... theo chức năng, nhiệm vụ được giao có trách nhiệm":
                 * a predicate only a subject takes needs no comma */
                if (m > v && nqx_wlex_at(&c->semiv, t, m + 1, lim, NULL) &&
                    !(t->v[m].flags & NQX_TOK_COMMA)) {
                    v = m + 1;
                    break;
                }
                if ((t->v[m].flags & NQX_TOK_COMMA) &&
                    nqx_wlex_at(&c->subjv, t, m + 1, lim, NULL)) {
                    v = m + 1;
                    /* "X, Y, trong phạm vi chức năng, nhiệm vụ của mình,
                     * giám sát ...": the adverbial between two commas */
                    if (v > e && (t->v[e - 1].flags & (NQX_TOK_COMMA | NQX_TOK_STOP |
                                                        NQX_TOK_COLON | NQX_TOK_SEMI |
                                                        NQX_TOK_EOL)) == NQX_TOK_COMMA)
                        ins = 1;
                    break;
                }
            }
        }
        /* "X, Y và các cơ quan có liên quan đến ... của Quyết định
         * này, có trách nhiệm:": the bodies' description runs to the
         * comma before the words that hand them the items below */
        if (v < lim && c->p_bare && !nqx_wlex_at(&c->subjv, t, v, lim, NULL) &&
            (t->v[lim - 1].flags & NQX_TOK_COLON)) {
            size_t m, ov[2 * S_OVN];
            for (m = v; m + 1 < lim && m < v + 40; m++) {
                if (t->v[m].flags & (NQX_TOK_STOP | NQX_TOK_SEMI | NQX_TOK_COLON))
                    break;
                if ((t->v[m].flags & NQX_TOK_COMMA) &&
                    nqx_gram_match(c->p_bare, c->text, c->len,
                                   t->v[m + 1].start, ov, S_OVN) > 0) {
                    /* the description is the last body's name */
                    sp[n - 1].end = t->v[m].end;
                    v = m + 1;
                    break;
                }
            }
        }
        /* "Chủ tịch UBND xã/phường Quyết định hỗ trợ ...": a verb of
         * two words or more typed with a capital (the later ones in
         * lower case) is still the verb */
        if (v >= lim ||
            (t->v[v].cap && !(v + 1 < lim && !t->v[v + 1].cap &&
                              nqx_wlex_at(&c->subjv, t, v, lim, NULL) >= 2)) ||
            (t->v[e - 1].flags & (NQX_TOK_STOP | NQX_TOK_COLON |
                                  (ins ? 0 : NQX_TOK_COMMA) |
                                  NQX_TOK_SEMI | NQX_TOK_EOL)))
            return 0;
        /* "Chính phủ yêu cầu các bộ ...", "UBND tỉnh giao Sở X ...": the
         * bodies asked do the work */
        cl = nqx_agx_courtesy(c->agx, t, v, lim);
        if (!cl && !nqx_wlex_at(&c->subjv, t, v, lim, NULL))
            return 0;
        if (cl) {
            nqx_span sp2[S_MAXNAMES];
            size_t n2 = 0, e2 = nqx_agx_list(c->agx, t, v + cl, lim, 0, sp2,
                                             S_MAXNAMES, &n2);
            if (e2 > v + cl && n2) {
                if (assigned)
                    *assigned = 1;
                S_add_list(out, sp2, n2, NQX_ROLE_LEAD);
                return e2;
            }
            /* "Cục Cảnh sát giao thông": no body after it, no verb */
            if (!nqx_wlex_at(&c->subjv, t, v, lim, NULL))
                return 0;
            cl = 0;
        }
    }
    if (assigned)
        *assigned = cl > 0;
    S_add_list(out, sp, n, NQX_ROLE_LEAD);
    return e;
}

/* First subject of the sentence t[s..e): at its start, after ";", or
 * after the comma of a fronted adverbial. Returns 1 and fills out. */
/* Does the clause at t[k] open with a fronted adverbial (task_fronted, or
 * a time limit with its number: "Trong 02 ngày làm việc, ...")? */
static int S_fronted(S_ctx *c, const nqx_toks *t, size_t k, size_t e)
{
    size_t ov[2 * S_OVN];
    if (k >= e)
        return 0;
    if (nqx_wlex_at(&c->fronted, t, k, e, NULL) > 0)
        return 1;
    return c->p_limit && nqx_gram_match_upto(c->p_limit, c->text, t->v[e - 1].end,
                                             t->v[k].start, t->v[k].start, ov,
                                             S_OVN) > 0;
}

/* Does the clause at t[k] open with a time limit and its number
 * (task_fronted_limit: "Trong thời hạn 15 ngày làm việc, ...")? */
static int S_limit_first(S_ctx *c, const nqx_toks *t, size_t k, size_t e)
{
    size_t ov[2 * S_OVN];
    return k < e && c->p_limit &&
           nqx_gram_match_upto(c->p_limit, c->text, t->v[e - 1].end,
                               t->v[k].start, t->v[k].start, ov, S_OVN) > 0;
}

/* Whether the comma after t[k] closes a body the clause sends to and its
 * verb, with no object ("gửi Sở Tài chính thẩm định, Ủy ban nhân dân tỉnh
 * phê duyệt theo quy định"): the pairs say who examines and approves what
 * is sent; the body after the comma is not the sentence's subject. */
static int S_verb_pair(S_ctx *c, const nqx_toks *t, size_t k, size_t e)
{
    size_t j, m, n = 0;
    nqx_span sp[S_MAXNAMES];
    for (j = k > 2 ? k - 2 : 0; j <= k; j++) {
        size_t l = nqx_wlex_at(&c->subjv, t, j, e, NULL);
        if (!l || j + l != k + 1)
            continue;
        for (m = j > 12 ? j - 12 : 0; m < j; m++) {
            if (t->v[m].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                 NQX_TOK_COLON))
                continue;
            size_t r;
            n = 0;
            /* sent to the body: "gửi Sở Tài chính thẩm định," (not "do
             * Chính phủ quy định,", who made the rule) */
            for (r = m > 2 ? m - 2 : 0; r < m; r++) {
                size_t rl = nqx_wlex_at(&c->repv, t, r, m, NULL);
                if (rl && r + rl == m &&
                    nqx_agx_list(c->agx, t, m, j, 0, sp, S_MAXNAMES, &n) == j && n)
                    return 1;
            }
        }
    }
    return 0;
}

/* The "thì" of a clause at t[k] that opens with a case ("Trường hợp
 * cơ quan, người có thẩm quyền quyết định ... thì Cảng vụ tổ chức ..."),
 * before the clause ends; 0 when there is none. The commas before it are
 * the case's, not the fronted adverbial's end. */
static size_t S_case_then(const nqx_toks *t, size_t k, size_t e)
{
    size_t j = k;
    if (j < e && strcmp(t->v[j].lower, "trong") == 0)
        j++;
    if (j + 1 >= e || strcmp(t->v[j].lower, "trường") != 0 ||
        strcmp(t->v[j + 1].lower, "hợp") != 0)
        return 0;
    for (j += 2; j < e; j++) {
        if (t->v[j - 1].flags & (NQX_TOK_SEMI | NQX_TOK_STOP | NQX_TOK_COLON))
            return 0;
        if (strcmp(t->v[j].lower, "thì") == 0)
            return j;
    }
    return 0;
}

static int S_sentence_subject(S_ctx *c, const nqx_toks *t, size_t s,
                              size_t e, S_ags *out, int *assigned)
{
    size_t k, clause = s, ol, then;
    int fronted;
    if (S_subject_at(c, t, s, e, 1, out, assigned))
        return 1;
    /* "Thứ tư, các địa phương cần chủ động ...": a point of an
     * enumeration, its body right after the ordinal's comma */
    if (s < e && strcmp(t->v[s].lower, "thứ") == 0 &&
        (ol = nqx_wlex_at(&c->ordinals, t, s, e, NULL)) > 0 &&
        (t->v[s + ol - 1].flags & (NQX_TOK_COMMA | NQX_TOK_COLON)) &&
        S_subject_at(c, t, s + ol, e, 0, out, assigned))
        return 1;
    /* "Đối với các chủ đầu tư cần nhanh chóng dọn dẹp ...": the body
     * addressed, with no comma, right before a modal (as "Đối với X:
     * cần ...", task_addressee, in a sentence of running text) */
    if (s + 3 < e && strcmp(t->v[s].lower, "đối") == 0 &&
        strcmp(t->v[s + 1].lower, "với") == 0) {
        nqx_span sp[S_MAXNAMES];
        size_t n = 0, j = nqx_agx_list(c->agx, t, s + 2, e, 0, sp, S_MAXNAMES, &n);
        if (n && j > s + 2 && j + 1 < e &&
            !(t->v[j - 1].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                   NQX_TOK_COLON | NQX_TOK_EOL | NQX_TOK_CLOSE)) &&
            (strcmp(t->v[j].lower, "cần") == 0 || strcmp(t->v[j].lower, "phải") == 0)) {
            S_add_list(out, sp, n, NQX_ROLE_LEAD);
            return 1;
        }
    }
    fronted = S_fronted(c, t, s, e);
    then = fronted ? S_case_then(t, s, e) : 0;
    for (k = s; k + 1 < e; k++) {
        int f = t->v[k].flags;
        size_t cl;
        /* "Hằng năm, phối hợp với Sở A, Sở B thực hiện ...": the commas
         * of the bodies worked with open no clause; none is a subject
         * (the cue after a comma: "X có đất phối hợp với A, B ..." has
         * a subject of its own before it) */
        if (fronted && !t->v[k].cap && k > s &&
            (t->v[k - 1].flags & (NQX_TOK_COMMA | NQX_TOK_COLON)) &&
            (cl = nqx_wlex_at(&c->coord, t, k, e, NULL)) > 0 &&
            !(t->v[k + cl - 1].flags & (NQX_TOK_STOP | NQX_TOK_COLON |
                                        NQX_TOK_SEMI | NQX_TOK_COMMA))) {
            nqx_span sp[S_MAXNAMES];
            size_t n = 0, j = nqx_agx_list(c->agx, t, k + cl, e, 0, sp,
                                           S_MAXNAMES, &n);
            if (n && j > k + cl) {
                k = j - 1;
                continue;
            }
        }
        /* the lead named after the work: "... do Ban Tổ chức Huyện ủy
         * chủ trì", "... (Ban Tuyên giáo Huyện ủy chủ trì, ...)" */
        if (k > s && (strcmp(t->v[k].lower, "do") == 0 || (f & NQX_TOK_OPEN))) {
            size_t a = strcmp(t->v[k].lower, "do") == 0 ? k + 1 : k, j, n = 0;
            nqx_span sp[S_MAXNAMES];
            size_t l;
            j = nqx_agx_list(c->agx, t, a, e, 0, sp, S_MAXNAMES, &n);
            /* the role word ends its clause ("chủ trì," / "chủ trì)"),
             * not "(các Bộ chủ trì dự án, ...)": who leads what else */
            if (n && j > a && j < e &&
                (l = nqx_wlex_at(&c->chutri, t, j, e, NULL)) > 0 &&
                (t->v[j + l - 1].flags &
                 (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_CLOSE | NQX_TOK_STOP) ||
                 j + l == e)) {
                S_add_list(out, sp, n, NQX_ROLE_LEAD);
                return 1;
            }
        }
        if (f & NQX_TOK_SEMI) {
            clause = k + 1;
            fronted = S_fronted(c, t, clause, e);
            then = fronted ? S_case_then(t, clause, e) : 0;
            if (S_subject_at(c, t, clause, e, 0, out, assigned))
                return 1;
        } else if ((f & NQX_TOK_COMMA) && fronted && k >= then &&
                   !S_verb_pair(c, t, k, e)) {
            if (S_subject_at(c, t, k + 1, e, 0, out, assigned))
                return 1;
        } else if ((f & NQX_TOK_COLON) && k < clause + 24) {
            /* a short label: "Mở tài khoản: Ủy ban nhân dân xã phối hợp",
             * "Chi trả: Sau khi mở tài khoản, Ủy ban nhân dân xã ...";
             * after a fronted label the body may be assigned ("Đối với
             * ...: Giao Sở X ...") */
            int frl = fronted;
            clause = k + 1;
            fronted = S_fronted(c, t, clause, e);
            if ((frl || !nqx_agx_courtesy(c->agx, t, k + 1, e)) &&
                S_subject_at(c, t, k + 1, e, 0, out, assigned))
                return 1;
        } else if (fronted && k > clause && strcmp(t->v[k].lower, "thì") == 0 &&
                   S_subject_at(c, t, k + 1, e, 0, out, assigned)) {
            /* "... nếu có vướng mắc thì các văn phòng kịp thời báo cáo" */
            return 1;
        } else if (fronted && k > clause &&
                   nqx_agx_courtesy(c->agx, t, k + 1, e) &&
                   S_subject_at(c, t, k + 1, e, 0, out, assigned)) {
            /* "Trong quá trình thực hiện nếu có vướng mắc đề nghị các
             * cơ quan phản ánh về ..." */
            return 1;
        }
    }
    return 0;
}

/* Whether the coordination cue at t[k] belongs to a body the clause
 * tells to act that is no lead of out ("UBND tỉnh chỉ đạo cơ quan quản lý
 * nhà ở chủ trì, phối hợp với ...", "Chỉ đạo Hội Cựu chiến binh tăng
 * cường phối hợp với chính quyền"): who works with that body, not with
 * the task's lead ("Giao Sở X chủ trì, phối hợp với Y": X leads). */
static int S_told_coord(S_ctx *c, const nqx_toks *t, size_t s, size_t k,
                        const S_ags *out)
{
    size_t d = k, i;
    while (d > s && !(t->v[d - 1].flags & (NQX_TOK_SEMI | NQX_TOK_STOP |
                                           NQX_TOK_COLON | NQX_TOK_EOL)))
        d--;
    for (; d < k; d++) {
        nqx_span sp[S_MAXNAMES];
        size_t n = 0, j, dl = nqx_wlex_at(&c->directs, t, d, k, NULL);
        if (!dl)
            continue;
        j = nqx_agx_list(c->agx, t, d + dl, k, NQX_AGX_OBJECT, sp, S_MAXNAMES, &n);
        if (!n || j <= d + dl)
            continue;
        for (i = 0; i < out->n; i++)
            if (out->v[i].role == NQX_ROLE_LEAD &&
                out->v[i].name.start == sp[0].start)
                return 0;
        return 1;
    }
    return 0;
}

static void S_coordinators(S_ctx *c, const nqx_toks *t, size_t s, size_t e,
                           S_ags *out)
{
    size_t k;
    for (k = s; k < e; k++) {
        size_t l;
        /* a capital inside a name ("Tổ Phối hợp liên ngành"), not at a
         * clause's start ("6. Sở Tài chính:\nPhối hợp với ...") */
        if (t->v[k].cap && k > s &&
            !(t->v[k - 1].flags & (NQX_TOK_STOP | NQX_TOK_COLON | NQX_TOK_SEMI)))
            continue;
        l = nqx_wlex_at(&c->coord, t, k, e, NULL);
        if (l && !(t->v[k + l - 1].flags & (NQX_TOK_STOP | NQX_TOK_COLON)) &&
            !S_told_coord(c, t, s, k, out)) {
            nqx_span sp[S_MAXNAMES];
            /* "phối hợp với cơ quan báo chí": after "với" a noun, no
             * verb ("phối hợp (cùng) tổ chức hội nghị") */
            const char *lw = t->v[k + l - 1].lower;
            int obj = strcmp(lw, "với") == 0 ? NQX_AGX_OBJECT : 0;
            size_t n = 0, j = nqx_agx_list(c->agx, t, k + l, e, obj, sp,
                                           S_MAXNAMES, &n);
            S_add_list(out, sp, n, NQX_ROLE_COORDINATE);
            if (j > k + l)
                k = j - 1;
        }
    }
}

static void S_report_to(S_ctx *c, const nqx_toks *t, size_t s, size_t e,
                        S_ags *out)
{
    size_t k, relay = 0;
    for (k = s; k < e; k++) {
        size_t l = t->v[k].cap ? 0 : nqx_wlex_at(&c->repv, t, k, e, NULL);
        size_t m, stop;
        if (!l || k < relay)
            continue;
        /* "chương trình", "công trình", "tờ trình": the verb's word is
         * the end of a noun, which reports to nobody */
        if (k > 0 && !(t->v[k - 1].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                            NQX_TOK_COLON | NQX_TOK_EOL)) &&
            nqx_wlex_at(&c->repnouns, t, k - 1, e, NULL) > 1)
            continue;
        /* "... do các địa phương phản ánh. Các bộ phận ...", "các công
         * trình; phối hợp với Đài ...": a verb (or the word read as one)
         * that ends its clause reports to nobody after it */
        if (t->v[k + l - 1].flags & (NQX_TOK_SEMI | NQX_TOK_STOP | NQX_TOK_COLON))
            continue;
        stop = k + l + 12 < e ? k + l + 12 : e;
        for (m = k + l; m < stop; m++) {
            size_t at = m;
            if (m > k + l) {
                const nqx_tok *pv = &t->v[m - 1];
                if (pv->flags & (NQX_TOK_SEMI | NQX_TOK_STOP | NQX_TOK_COLON |
                                 NQX_TOK_OPEN))
                    break;
                if (!nqx_wlex_at(&c->repp, t, m, e, NULL))
                    continue;
                at = m + 1;
            } else if (nqx_wlex_at(&c->repp, t, m, e, NULL)) {
                at = m + 1; /* "báo cáo về Sở Y tế" */
            }
            if (at < e && nqx_agx_starts(c->agx, t, at, e)) {
                nqx_span sp[S_MAXNAMES];
                size_t n = 0;
                m = nqx_agx_list(c->agx, t, at, e, 0, sp, S_MAXNAMES, &n);
                S_add_list(out, sp, n, NQX_ROLE_REPORT_TO);
                /* "gửi Sở Tài chính để tổng hợp, báo cáo UBND tỉnh":
                 * the body sent to reports on; whom it reports to is no
                 * body of the task's, to the end of the clause */
                if (m < e && nqx_wlex_at(&c->relays, t, m, e, NULL)) {
                    for (relay = m; relay < e; relay++)
                        if (t->v[relay].flags & (NQX_TOK_SEMI | NQX_TOK_STOP |
                                                 NQX_TOK_COLON))
                            break;
                }
                k = m;
                break;
            }
        }
    }
}

/* A list marker standing as a word: "+", "-", "*", "•". */
static int S_is_marker(const nqx_tok *k)
{
    return strcmp(k->fold, "+") == 0 || strcmp(k->fold, "-") == 0 ||
           strcmp(k->fold, "*") == 0 || strcmp(k->fold, "•") == 0;
}

/* Sentences of t: starts[] (word index), returns the count. A sentence
 * ends at ". ! ?" or a line break before a capitalised word, or at the
 * end; with points (S_POINTS), a line that opens with a list marker and a
 * capitalised word starts one too (the points of an item); with S_SEMIS,
 * so does the clause after a ";" ("...; Sở Tài chính có trách nhiệm
 * ...", "...; các tỉnh ủy chịu trách nhiệm ..."), which the caller keeps
 * apart only when it opens with a body of its own. */
#define S_POINTS 1
#define S_SEMIS 2
static size_t S_sentences(const nqx_toks *t, size_t *starts, size_t max,
                          int points)
{
    size_t k, n = 0;
    if (!t->n || !max)
        return 0;
    starts[n++] = 0;
    for (k = 0; k + 1 < t->n && n < max; k++) {
        if ((points & S_SEMIS) && (t->v[k].flags & NQX_TOK_SEMI) &&
            !(t->v[k].flags & NQX_TOK_EOL)) {
            starts[n++] = k + 1;
            continue;
        }
        if (!(t->v[k].flags & (NQX_TOK_STOP | NQX_TOK_EOL)))
            continue;
        if (t->v[k + 1].cap)
            starts[n++] = k + 1;
        /* a point of the item on its own line: "+ Sở Xây dựng: ..." */
        else if ((points & S_POINTS) && (t->v[k].flags & NQX_TOK_EOL) && k + 2 < t->n &&
                 S_is_marker(&t->v[k + 1]) && t->v[k + 2].cap)
            starts[n++] = k + 2;
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* records                                                              */
/* ------------------------------------------------------------------ */

static char *S_name_dup(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    size_t i, j = 0;
    if (!o)
        return NULL;
    for (i = 0; i < n; i++)
        if (s[i] != '*')
            o[j++] = s[i];
    o[j] = '\0';
    return o;
}

/* Emit one task over text[s..e) (trimmed) of node. Takes deadline. */
static void S_emit(S_ctx *c, int node, size_t s, size_t e, const S_ags *ags,
                   char *deadline)
{
    nqx_record *r;
    const nqx_node *n = &c->d->nodes[node];
    char **keys = NULL;
    size_t i, j;
    int others = 0;
    e = S_trim_end(c->text, s, e);
    if (c->st || e <= s) {
        free(deadline);
        return;
    }
    r = nqx_ext_new_record(c->d);
    if (!r) {
        free(deadline);
        c->st = NQX_ENOMEM;
        return;
    }
    r->kind = NQX_TASK;
    r->start = s;
    r->end = e;
    r->text = nqx_strndup(c->text + s, e - s);
    r->section = nqx_strndup(n->path ? n->path : "", n->path ? strlen(n->path) : 0);
    r->deadline = deadline;
    r->doc_index = n->doc_index;
    if (ags->n) {
        r->agencies = calloc(ags->n, sizeof *r->agencies);
        keys = calloc(ags->n, sizeof *keys);
    }
    if (!r->text || !r->section || (ags->n && (!r->agencies || !keys))) {
        free(keys);
        c->st = NQX_ENOMEM;
        return;
    }
    /* one entry per (body, role); a lead is not also a coordinator, nor
     * the body it reports to when it does the work itself (no executing
     * or advising body: those may report to the lead) */
    for (i = 0; i < ags->n; i++)
        if (ags->v[i].role == NQX_ROLE_EXECUTE || ags->v[i].role == NQX_ROLE_ADVISE)
            others = 1;
    for (i = 0; i < ags->n; i++) {
        const S_ag *a = &ags->v[i];
        char *name = S_name_dup(c->text + a->name.start,
                                a->name.end - a->name.start);
        char *key = name ? nqx_ext_agency_key(c->g, name) : NULL;
        int dup = 0;
        if (!name || !key) {
            free(name);
            free(key);
            c->st = NQX_ENOMEM;
            break;
        }
        for (j = 0; j < r->nagencies && !dup; j++)
            if (strcmp(keys[j], key) == 0 &&
                (r->agencies[j].role == a->role ||
                 (r->agencies[j].role == NQX_ROLE_LEAD &&
                  (a->role == NQX_ROLE_COORDINATE ||
                   (a->role == NQX_ROLE_REPORT_TO && !others)))))
                dup = 1;
        if (dup || !*key) {
            free(name);
            free(key);
            continue;
        }
        keys[r->nagencies] = key;
        r->agencies[r->nagencies].name = name;
        r->agencies[r->nagencies].role = a->role;
        r->nagencies++;
    }
    for (j = 0; j < r->nagencies; j++)
        free(keys[j]);
    free(keys);
}

/* Is every lead of a also a lead of b (by key)? */
static int S_leads_within(S_ctx *c, const S_ags *a, const S_ags *b)
{
    size_t i, j;
    for (i = 0; i < a->n; i++) {
        char *na, *ka;
        int found = 0;
        if (a->v[i].role != NQX_ROLE_LEAD)
            continue;
        na = S_name_dup(c->text + a->v[i].name.start,
                        a->v[i].name.end - a->v[i].name.start);
        ka = na ? nqx_ext_agency_key(c->g, na) : NULL;
        for (j = 0; j < b->n && ka && !found; j++) {
            char *nb, *kb;
            if (b->v[j].role != NQX_ROLE_LEAD)
                continue;
            nb = S_name_dup(c->text + b->v[j].name.start,
                            b->v[j].name.end - b->v[j].name.start);
            kb = nb ? nqx_ext_agency_key(c->g, nb) : NULL;
            found = kb && strcmp(ka, kb) == 0;
            free(nb);
            free(kb);
        }
        free(na);
        free(ka);
        if (!found)
            return 0;
    }
    return 1;
}

/* Do two agency lists name the same leads? */
static int S_same_leads(S_ctx *c, const S_ags *a, const S_ags *b)
{
    return S_leads_within(c, a, b) &&
           S_count_role(a, NQX_ROLE_LEAD) == S_count_role(b, NQX_ROLE_LEAD);
}

/* e, or the start of a web page's footer inside text[s..e). */
static size_t S_clip_footer(const S_ctx *c, size_t s, size_t e)
{
    size_t i;
    for (i = 0; i < c->nfoot; i++)
        if (c->foot[i] > s && c->foot[i] < e)
            return c->foot[i];
    return e;
}

static nqx_status S_words(S_ctx *c, size_t s, size_t e, nqx_toks *t);
static int S_directive_leadin(const S_ctx *c, const nqx_node *n);

/* One task over text[s..e) of node, led by lead (with its other roles).
 * Sentences inside that hand work to another body ("Giao X ...", or a
 * different subject at a sentence start) become tasks of their own.
 * tvs..tve: a labelled time (tvs == tve: none). */
/* The end of sentence k of starts (S_sentences with S_SEMIS) over its
 * ";" clauses: a sentence's subject may be a list of bodies split by ";"
 * ("Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các
 * xã, phường; Thủ trưởng các cơ quan ... triển khai ..."). */
static size_t S_semi_end(const nqx_toks *t, const size_t *starts, size_t ns,
                         size_t k)
{
    size_t m = k + 1;
    while (m < ns && (t->v[starts[m] - 1].flags & (NQX_TOK_SEMI | NQX_TOK_STOP |
                                                   NQX_TOK_EOL)) == NQX_TOK_SEMI)
        m++;
    return m < ns ? starts[m] : t->n;
}

static void S_single(S_ctx *c, int node, size_t s, size_t e, const S_ags *lead,
                     size_t tvs, size_t tve)
{
    nqx_toks t;
    size_t starts[256], ns, k, cut;
    size_t seg_s[64];
    S_ags seg_a[8];
    size_t nseg = 0;
    S_ags ags;
    char *dl;
    int title_only;

    e = S_clip_footer(c, s, e);
    cut = e;
    /* read from after the item's number, keep the number in its text */
    {
        const nqx_node *nd = &c->d->nodes[node];
        size_t ts = nd->start == s ? S_content_start(c, nd) : s;
        if (S_words(c, ts, e, &t))
            return;
    }
    ns = S_sentences(&t, starts, 256, S_POINTS | S_SEMIS);
    { /* "3. Các cơ quan, đơn vị liên quan" over its paragraphs: an item
       * whose first line is only names; its paragraphs are its work */
        nqx_span sp[S_MAXNAMES];
        size_t n2 = 0, le = 0;
        while (le < t.n && !(t.v[le].flags & NQX_TOK_EOL))
            le++;
        title_only = le < t.n &&
                     nqx_agx_list(c->agx, &t, 0, le + 1, 1, sp, S_MAXNAMES, &n2) == le + 1 &&
                     n2 > 0;
    }
    /* a time label on a line of its own that the outline hung under the
     * item's last point ("Thời gian thực hiện: ..."): the whole item's */
    if (tve <= tvs && ns > 1) {
        size_t ls = s, le;
        while (ls < e) {
            size_t vs, ve, nx;
            nqx_role r;
            const char *nl = memchr(c->text + ls, '\n', e - ls);
            le = nl ? (size_t)(nl - c->text) : e;
            if (ls > s && S_label_at(c, ls, le, &vs, &ve, &r, &nx) == 2) {
                tvs = vs;
                tve = ve;
                break;
            }
            ls = le + 1;
        }
    }
    for (k = 1; k < ns && nseg < 8; k++) {
        S_ags sub, tmp1;
        int as1 = 0;
        int assigned = 0;
        size_t se = k + 1 < ns ? starts[k + 1] : t.n;
        sub.n = 0;
        tmp1.n = 0; /* S_subject_at appends to it */
        { /* a label line ("- Cơ quan phối hợp thực hiện: ...") is the
           * item's own, not a sentence of another body */
            size_t vs, ve, nx;
            nqx_role r;
            if (S_label_at(c, t.v[starts[k]].start, t.v[se - 1].end, &vs, &ve, &r, &nx))
                continue;
        }
        /* the steps of a time label's value are its time, not work of
         * other bodies */
        if (tve > tvs && t.v[starts[k]].start >= tvs && t.v[starts[k]].start < tve)
            continue;
        if ((t.v[starts[k] - 1].flags & (NQX_TOK_SEMI | NQX_TOK_EOL)) == NQX_TOK_SEMI) {
            /* the clause after a ";" (a paragraph after one is read as
             * any paragraph): another body's share only when the
             * body is handed it ("giao X ...") or takes it with a
             * predicate of task_semicolon_verbs, and the clause before
             * is work, not a list of names ("Chánh Văn phòng UBND tỉnh;
             * Thủ trưởng các sở ...; Chủ tịch ... chịu trách nhiệm") */
            nqx_span sp[S_MAXNAMES];
            size_t n2 = 0, v = S_subject_at(c, &t, starts[k], se, 1, &sub, &assigned);
            if (!v || (!assigned && !nqx_wlex_at(&c->semiv, &t, v, se, NULL)) ||
                nqx_agx_list(c->agx, &t, starts[k - 1], starts[k], 1, sp, S_MAXNAMES,
                             &n2) == starts[k])
                continue;
        } else if (!S_subject_at(c, &t, starts[k], S_semi_end(&t, starts, ns, k), 1,
                                 &sub, &assigned) &&
            /* "Trong thời hạn 15 ngày làm việc ..., Bộ X ...": the body
             * after a time limit with its number (task_fronted_limit),
             * or after any fronted adverbial on a line of its own */
            !((sub.n = 0, S_limit_first(c, &t, starts[k], se) ||
               /* a paragraph of its own under the item: "Căn cứ ..., các
                * bộ ... xây dựng kế hoạch ..." */
               ((t.v[starts[k] - 1].flags & NQX_TOK_EOL) && !title_only &&
                S_fronted(c, &t, starts[k], se))) &&
              S_sentence_subject(c, &t, starts[k], se, &sub, &assigned))) {
            sub.n = 0;
            /* "+ Sở Xây dựng: hướng dẫn ...": a line of the item that
             * names its own body, then a colon, then its work */
            nqx_span sp[S_MAXNAMES];
            size_t n2 = 0, e2;
            if (!(t.v[starts[k] - 1].flags & NQX_TOK_EOL) &&
                !(starts[k] >= 2 && S_is_marker(&t.v[starts[k] - 1]) &&
                  (t.v[starts[k] - 2].flags & NQX_TOK_EOL)))
                continue;
            e2 = nqx_agx_list(c->agx, &t, starts[k], se, 1, sp, S_MAXNAMES, &n2);
            if (!n2 || e2 <= starts[k] || e2 >= se ||
                !(t.v[e2 - 1].flags & NQX_TOK_COLON) || !t.v[starts[k]].cap ||
                nqx_wlex_at(&c->roles, &t, starts[k], e2, NULL) /* a role label */ ||
                t.v[e2].cap /* "Viện trưởng: Thượng tá ...": who, not work */ ||
                nqx_wlex_at(&c->cdescr, &t, e2, se, NULL))
                continue;

            sub.n = 0;
            S_add_list(&sub, sp, n2, NQX_ROLE_LEAD);
            assigned = 1;
        }
        if (!assigned && S_same_leads(c, &sub, lead))
            continue;
        /* "2. Ủy ban nhân dân cấp xã làm chủ đầu tư ..." / "Trường hợp
         * ... thì giao Ủy ban nhân dân cấp xã có phần diện tích lớn hơn
         * làm chủ đầu tư": handed to the body the item opens with, the
         * case goes on with the item's work */
        if (assigned && S_same_leads(c, &sub, lead)) {
            S_ags own;
            int as0 = 0;
            own.n = 0;
            if (S_sentence_subject(c, &t, starts[0], starts[1], &own, &as0) &&
                !as0 && S_same_leads(c, &own, lead))
                continue;
        }
        /* a paragraph after a fronted adverbial hands work to other
         * bodies only: one of the item's own leads goes on with it */
        if (!assigned && !S_subject_at(c, &t, starts[k], se, 1, &tmp1, &as1) &&
            S_leads_within(c, &sub, lead))
            continue;
        seg_s[nseg] = starts[k];
        seg_a[nseg] = sub;
        nseg++;
    }
    if (nseg)
        cut = t.v[seg_s[0]].start;

    ags = *lead;
    {
        size_t end_tok = nseg ? seg_s[0] : t.n;
        if (!S_count_role(lead, NQX_ROLE_COORDINATE))
            S_coordinators(c, &t, 0, end_tok, &ags);
        S_report_to(c, &t, 0, end_tok, &ags);
    }
    dl = tve > tvs ? S_label_deadline(c, tvs, tve) : NULL;
    if (!dl)
        dl = S_deadline(c, s, cut);
    if (!dl)
        dl = S_inherited(c, node);
    S_emit(c, node, s, cut, &ags, dl);

    for (k = 0; k < nseg; k++) {
        size_t ts = seg_s[k], te = k + 1 < nseg ? seg_s[k + 1] : t.n;
        size_t bs = t.v[ts].start, be = te < t.n ? t.v[te].start : e;
        S_ags a2 = seg_a[k];
        S_coordinators(c, &t, ts, te, &a2);
        S_report_to(c, &t, ts, te, &a2);
        dl = S_deadline(c, bs, be);
        if (!dl && tve > tvs)
            dl = S_label_deadline(c, tvs, tve);
        if (!dl)
            dl = S_inherited(c, node);
        S_emit(c, node, bs, be, &a2, dl);
    }
    nqx_toks_free(&t);
}

/* Running text of a paragraph or bullet: one task per sentence whose
 * subject is a body; the stretches between them are tasks (with no
 * agencies) only when they set their own time. */
/* Does a target found overlap [s, e)? Targets are extracted before
 * tasks (extract.c); their spans are sorted once (nqx_ext_tasks), so
 * a document with many targets costs a binary search per question. A
 * target starting before s is looked for among the few just before. */
#define S_TSPAN_BACK 8
static int S_holds_target(const S_ctx *c, size_t s, size_t e)
{
    size_t lo = 0, hi = c->ntspans, k;
    while (lo < hi) { /* first span starting at or after s */
        size_t mid = (lo + hi) / 2;
        if (c->tspans[2 * mid] < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->ntspans && c->tspans[2 * lo] < e)
        return 1;
    for (k = lo; k > 0 && lo - k < S_TSPAN_BACK; k--)
        if (c->tspans[2 * (k - 1) + 1] > s)
            return 1;
    return 0;
}

static int S_span_cmp(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0])
                        : (x[1] > y[1]) - (x[1] < y[1]);
}

/* Keep t (the words of text[s..e)) for S_prose, instead of freeing it. */
static void S_keep_words(S_ctx *c, nqx_toks *t, size_t s, size_t e)
{
    nqx_toks_free(&c->kept);
    c->kept = *t;
    c->kept_s = s;
    c->kept_e = e;
    memset(t, 0, sizeof *t);
}

/* The words of text[s..e) into *t: the kept ones (S_keep_words) when
 * they are the same, or those of a node's own line inside its body (a
 * labelled item's text after its number, an item over its points): then
 * only the rest is cut. Sets c->st and returns it on failure. */
static nqx_status S_words(S_ctx *c, size_t s, size_t e, nqx_toks *t)
{
    if (c->st)
        return c->st;
    if (c->kept.v && c->kept_s >= s && c->kept_e <= e) {
        nqx_toks mid = c->kept;
        memset(&c->kept, 0, sizeof c->kept);
        if (c->kept_s == s && c->kept_e == e)
            *t = mid; /* now ours */
        else if (nqx_ext_tokens_around(c->text, s, e, &mid, c->kept_s,
                                       c->kept_e, t))
            c->st = NQX_ENOMEM;
    } else if (nqx_ext_tokens(c->text, s, e, t)) {
        c->st = NQX_ENOMEM;
    }
    return c->st;
}

static void S_prose(S_ctx *c, int node, size_t s, size_t e)
{
    nqx_toks t;
    size_t starts[256], ns, k, run = (size_t)-1;

    e = S_clip_footer(c, s, e);

    if (S_words(c, s, e, &t))
        return;
    ns = S_sentences(&t, starts, 256, 0);
    for (k = 0; k <= ns; k++) {
        S_ags sub;
        int assigned = 0, subj = 0;
        size_t ts = k < ns ? starts[k] : t.n;
        size_t te = k + 1 < ns ? starts[k + 1] : t.n;
        sub.n = 0;
        if (k < ns)
            subj = S_sentence_subject(c, &t, ts, te, &sub, &assigned);
        if (run != (size_t)-1 &&
            (subj || k == ns ||
             /* one numbered item is one task, however many sentences
              * it has: a sentence opening with a time cuts only running
              * text, a paragraph's or one the outline hung under the
              * item, not the item's own line */
             ((!S_numbered(&c->d->nodes[node]) || t.v[ts].start >= c->d->nodes[node].end) &&
              S_opens_with_time(c, &t, ts, te < t.n ? t.v[te].start : e)))) {
            /* close the stretch without a body */
            size_t bs = t.v[run].start, be = ts < t.n ? t.v[ts].start : e;
            /* a stretch that opens with a quantity ("100% số người ...")
             * is a target's, not a task's */
            const nqx_node *nd = &c->d->nodes[node];
            size_t q = run == 0 ? S_content_start(c, nd) : bs;
            int quantity = q < be && c->text[q] >= '0' && c->text[q] <= '9';
            size_t ovi[2 * S_OVN];
            /* "1. Cơ bản thống nhất với Báo cáo ...": the issuer's own
             * act (task_issuer_act) is nobody's work */
            int issuer = c->p_issuer && q < be &&
                         nqx_gram_match(c->p_issuer, c->text, be, q, ovi, S_OVN) > 0;
            char *dl = (c->excluded[node] && c->excluded[node] != 2) || quantity || issuer ||
                               c->no_bare ||
                               !(S_in_section(c, node) || S_completion(c, node, bs, be))
                           ? NULL : S_own_time(c, bs, be);
            /* in a section of aims a time is a target's horizon; only work
             * done all along ("Thường xuyên kiểm tra, đôn đốc ...", "bảo
             * đảm từ ngày 01/01/2026 ...") is a task there, and not
             * where a target stands */
            if (dl && c->excluded[node] == 2 &&
                (strcmp(dl, "ongoing") != 0 || S_holds_target(c, bs, be) ||
                 !S_aim_ongoing(c, node, bs, be))) {
                free(dl);
                dl = NULL;
            }
            /* a recurrence in a stretch that holds a target is the rate's
             * ("giảm hàng năm 1%-1,5%"); a date there is the work's too
             * ("Đến 2025, hoàn thành ... 100% ...") */
            if (dl && dl[0] == 'R' && dl[1] == '/' && S_holds_target(c, bs, be)) {
                free(dl);
                dl = NULL;
            }
            if (dl && S_before_doc(c, node, dl)) {
                /* a date of the past ("trước ngày 01/01/1945") */
                free(dl);
                dl = NULL;
            }
            if (dl) {
                S_ags none;
                none.n = 0;
                S_emit(c, node, bs, be, &none, dl);
            }
            run = (size_t)-1;
        }
        if (k == ns)
            break;
        if (subj) {
            size_t bs = t.v[ts].start, be, j = k + 1;
            char *dl;
            /* sentences after it with no subject of their own that go on
             * with the work ("Định kỳ hằng năm báo cáo ...", "Trong quá
             * trình thực hiện, nếu có vướng mắc, ...") are its */
            while (j < ns) {
                S_ags none;
                size_t js = starts[j], je = j + 1 < ns ? starts[j + 1] : t.n;
                int as = 0;
                none.n = 0;
                if (S_sentence_subject(c, &t, js, je, &none, &as) ||
                    !(S_opens_with_time(c, &t, js, je < t.n ? t.v[je].start : e) ||
                      nqx_wlex_at(&c->repv, &t, js, je, NULL) ||
                      nqx_wlex_at(&c->follow, &t, js, je, NULL)))
                    break;
                j++;
            }
            te = j < ns ? starts[j] : t.n;
            k = j - 1;
            be = te < t.n ? t.v[te].start : e;
            S_coordinators(c, &t, ts, te, &sub);
            S_report_to(c, &t, ts, te, &sub);
            dl = S_deadline(c, bs, be);
            if (!dl)
                dl = S_inherited(c, node);
            S_emit(c, node, bs, be, &sub, dl);
        } else if (run == (size_t)-1) {
            run = ts;
        }
    }
    nqx_toks_free(&t);
}

/* ------------------------------------------------------------------ */
/* tables                                                               */
/* ------------------------------------------------------------------ */

#define S_MAXCOLS 16

/* Cells of a row line: spans between " | ". */
static size_t S_cells(const S_ctx *c, size_t s, size_t e, nqx_span *cells)
{
    size_t n = 0, k = s, cs = s, te = e;
    while (te > s && (c->text[te - 1] == ' ' || c->text[te - 1] == '*'))
        te--;
    /* "| a | b |" (markdown) opens with a bar; the normalized "| b | c"
     * (no closing bar) opens with an empty first cell */
    while (k < e && c->text[k] == '|' && te > k + 1 && c->text[te - 1] == '|')
        k++, cs = k;
    for (; k <= e && n < S_MAXCOLS; k++) {
        if (k == e || c->text[k] == '|') {
            size_t a = cs, b = k;
            while (a < b && (c->text[a] == ' ' || c->text[a] == '*'))
                a++;
            while (b > a && (c->text[b - 1] == ' ' || c->text[b - 1] == '*'))
                b--;
            if (!(k == e && a == b && n > 0 && cs == e)) {
                cells[n].start = a;
                cells[n].end = b;
                n++;
            }
            cs = k + 1;
        }
    }
    return n;
}

/* Column roles of a header row: 'l' lead, 'e' execute, 'c' coordinate,
 * 't' time, 'x' text, 'n' number (STT), 'r' result or product, 0 other.
 * Returns 1 when it has a column of who leads or carries out the work
 * and no column of units, -1 when it is the header of another kind of
 * table, 0 when it is no header. */
static int S_header(S_ctx *c, const nqx_span *cells, size_t n, char *cols)
{
    size_t i;
    int lead = 0, unit = 0;
    for (i = 0; i < n; i++) {
        nqx_toks t;
        const nqx_wentry *e = NULL;
        cols[i] = 0;
        if (nqx_ext_tokens(c->text, cells[i].start, cells[i].end, &t))
            return 0;
        /* the heading may say more after its key words ("Cơ quan chủ trì
         * thực hiện", "Thời gian hoàn thành (năm)") */
        if (t.n && nqx_wlex_at(&c->columns, &t, 0, t.n, &e) > 0 && e &&
            e->value && t.n <= e->nwords + 5) {
            if (strcmp(e->value, "lead") == 0)
                cols[i] = 'l', lead = 1;
            else if (strcmp(e->value, "execute") == 0)
                cols[i] = 'e', lead = 1;
            else if (strcmp(e->value, "coordinate") == 0)
                cols[i] = 'c';
            else if (strcmp(e->value, "time") == 0)
                cols[i] = 't';
            else if (strcmp(e->value, "text") == 0)
                cols[i] = 'x';
            else if (strcmp(e->value, "number") == 0)
                cols[i] = 'n';
            else if (strcmp(e->value, "result") == 0)
                cols[i] = 'r';
            else if (strcmp(e->value, "unit") == 0)
                unit = 1;
        }
        nqx_toks_free(&t);
    }
    /* a table of indicators (Chỉ tiêu | Đơn vị tính | ... | Cơ quan chủ
     * trì theo dõi) holds targets, not work; a two-cell table is a list
     * of fields (an infobox), not of work */
    if (lead && !unit && n >= 3)
        return 1;
    /* the header of a table of something else ends the last one */
    for (i = 0, lead = 0; i < n; i++)
        lead += cols[i] != 0;
    return unit || lead >= 2 ? -1 : 0;
}

/* Whether cell [s, e) is a number (the STT column). */
static int S_number_cell(const S_ctx *c, size_t s, size_t e)
{
    return e > s && strspn(c->text + s, "0123456789.IVX ") >= e - s;
}

/* Whether cell [s, e) is nothing but names of bodies. */
static int S_names_cell(S_ctx *c, size_t s, size_t e)
{
    nqx_toks t;
    size_t i = 0;
    int ok = 0;
    if (nqx_ext_tokens(c->text, s, e, &t))
        return 0;
    while (i < t.n) {
        nqx_span sp[S_MAXNAMES];
        size_t n = 0, j = nqx_agx_list(c->agx, &t, i, t.n, i == 0, sp,
                                       S_MAXNAMES, &n);
        if (j == i)
            break;
        i = j;
    }
    ok = t.n > 0 && i >= t.n;
    nqx_toks_free(&t);
    return ok;
}

/* An assignment table: each data row is one task, its text the whole
 * row; lead, coordinators and time come from the columns the header
 * names. Merged cells make rows shorter than the header: a short row
 * that starts with names of bodies continues the row above (its bodies
 * join that row's); a short row that starts with words of work is a task
 * of its own that shares the time of the row above. */
/* The sibling right before node ni in the outline, or -1. */
static int S_prev_sibling(const S_ctx *c, int ni)
{
    int j;
    for (j = ni - 1; j >= 0; j--)
        if (c->d->nodes[j].parent == c->d->nodes[ni].parent)
            return j;
    return -1;
}

/* A row the layout broke over lines ("1" / the work / "Bộ Xây dựng |
 * Các bộ, ngành liên quan | ... | 2026"): when table's first row starts
 * with its bodies, the paragraph of work just before the table (after
 * its row number, if any) is the row's work. The start of that stretch,
 * or SIZE_MAX when there is none or it yielded a record already. */
static size_t S_broken_row_start(const S_ctx *c, int table)
{
    int w = S_prev_sibling(c, table), num;
    const nqx_node *wn;
    size_t i, s;
    if (w < 0 || c->d->nodes[w].kind != NQX_NODE_PARA ||
        c->d->nodes[w].body_end != c->d->nodes[w].end)
        return SIZE_MAX;
    wn = &c->d->nodes[w];
    s = wn->start;
    num = S_prev_sibling(c, w);
    if (num >= 0 && c->d->nodes[num].kind == NQX_NODE_PARA &&
        S_number_cell(c, c->d->nodes[num].start, c->d->nodes[num].end))
        s = c->d->nodes[num].start;
    else if (S_number_cell(c, wn->start, wn->end))
        return SIZE_MAX;
    for (i = 0; i < c->d->nrecords; i++)
        if (c->d->records[i].kind == NQX_TASK && c->d->records[i].end > wn->start &&
            c->d->records[i].start < wn->end)
            return SIZE_MAX;
    return s;
}

static void S_table(S_ctx *c, int table)
{
    char *cols = c->cols;
    size_t ncols = c->ncols, k;
    int have = c->have_header;
    S_ags pend;
    char *pdl = NULL, *lastdl = NULL;
    int prow = -1, ptime = 0, lasthdr = 0;
    for (k = 0; k <= c->nkids[table] && !c->st; k++) {
        int rowi = k < c->nkids[table] ? c->kids[table][k] : -1;
        const nqx_node *row = rowi >= 0 ? &c->d->nodes[rowi] : NULL;
        nqx_span cells[S_MAXCOLS];
        size_t n = 0, i, off = 0;
        S_ags ags;
        char *dl = NULL;
        int content = 0, cont = 0, tcell = 0;
        if (row && row->kind != NQX_NODE_ROW)
            continue;
        if (row) {
            char hc[S_MAXCOLS];
            n = S_cells(c, row->start, row->end, cells);
            /* a header row holds no row number */
            int h = n && !S_number_cell(c, cells[0].start, cells[0].end) ?
                    S_header(c, cells, n, hc) : 0;
            if (h) {
                /* a header over two lines ("Cơ quan" above "Chủ trì |
                 * Phối hợp"): the line above fills the cells left blank */
                if (lasthdr && n <= ncols) {
                    for (i = 0; i < ncols; i++)
                        if (i >= n || !hc[i])
                            hc[i] = cols[i];
                    n = ncols;
                    if (h < 0) {
                        int l2 = 0;
                        for (i = 0; i < n; i++)
                            l2 |= hc[i] == 'l' || hc[i] == 'e';
                        if (l2 && n >= 3)
                            h = 1;
                    }
                }
                memcpy(cols, hc, n);
                have = h > 0;
                ncols = n;
                row = NULL; /* flush the pending row */
            }
            lasthdr = h != 0;
            /* no header at all (a copy that lost it): "1 | work | Sở Tài
             * chính | Cơ quan liên quan | Thường xuyên". A numbered row
             * whose third cell names bodies gives the columns: bodies
             * lead, then coordinate; a cell that reads as a time is the
             * time. Not when the second cell names a body too: "1 |
             * BHXH quận Ba Đình | BHXH Cơ sở Ba Đình | address" lists
             * offices, old and new, and assigns nothing */
            if (!h && !have && n >= 4 && n <= S_MAXCOLS &&
                S_number_cell(c, cells[0].start, cells[0].end) &&
                S_names_cell(c, cells[2].start, cells[2].end) &&
                !S_names_cell(c, cells[1].start, cells[1].end)) {
                int nl = 0;
                memset(hc, 0, sizeof hc);
                hc[0] = 'n';
                for (i = 2; i < n; i++) {
                    char *tdl;
                    if (S_names_cell(c, cells[i].start, cells[i].end)) {
                        hc[i] = nl == 0 ? 'l' : nl == 1 ? 'c' : 'r';
                        nl++;
                    } else if ((tdl = S_deadline(c, cells[i].start, cells[i].end)) != NULL) {
                        hc[i] = 't';
                        free(tdl);
                    } else {
                        hc[i] = 'r';
                    }
                }
                memcpy(cols, hc, n);
                ncols = n;
                have = 1;
            }
        }
        if (row && have && n && n + 1 < ncols &&
            !S_number_cell(c, cells[0].start, cells[0].end)) {
            /* a short row: where do its cells sit? */
            size_t lc = ncols, xc = ncols;
            for (i = 0; i < ncols; i++) {
                if ((cols[i] == 'l' || cols[i] == 'e') && lc == ncols)
                    lc = i;
                if (cols[i] == 'x' && xc == ncols)
                    xc = i;
            }
            /* no heading names the work: the first plain column after
             * the number column */
            for (i = cols[0] == 'n' || ncols > 3; xc == ncols && i < ncols; i++)
                if (!cols[i])
                    xc = i;
            if (S_names_cell(c, cells[0].start, cells[0].end)) {
                off = lc < ncols ? lc : 0;
                cont = prow >= 0 && k > 0 && c->kids[table][k - 1] == prow;
            } else {
                off = xc < lc ? xc : 0;
            }
            if (off + n > ncols)
                off = ncols - n;
        }
        if (!cont && prow >= 0) {
            /* the row above is complete; a time cell that says something
             * no time phrase reads ("Khi có phát sinh") is still its time:
             * no heading's time then */
            if (!pdl && !ptime)
                pdl = S_inherited(c, prow);
            S_emit(c, prow, c->d->nodes[prow].start,
                   c->d->nodes[prow].end, &pend, pdl);
            pdl = NULL;
            prow = -1;
        }
        if (!row || !have)
            continue;
        ags.n = 0;
        for (i = 0; i < n && i + off < ncols; i++) {
            if (cells[i].end <= cells[i].start)
                continue;
            switch (cols[i + off]) {
            case 'l': S_value_names(c, cells[i].start, cells[i].end, NQX_ROLE_LEAD, &ags); break;
            case 'e': S_value_names(c, cells[i].start, cells[i].end, NQX_ROLE_EXECUTE, &ags); break;
            case 'c': S_value_names(c, cells[i].start, cells[i].end, NQX_ROLE_COORDINATE, &ags); break;
            case 't':
                free(dl);
                tcell = 1;
                /* a time column is a label's value: it may hold bare
                 * years, "2026 - 2030" as well as "2025" */
                dl = S_label_deadline(c, cells[i].start, cells[i].end);
                if (!dl && cells[i].end - cells[i].start == 4 &&
                    strspn(c->text + cells[i].start, "0123456789") >= 4)
                    dl = nqx_strndup(c->text + cells[i].start, 4);
                break;
            case 'n':
            case 'r':
                break;
            default:
                /* the work itself: any other cell with words in it */
                if (!S_number_cell(c, cells[i].start, cells[i].end))
                    content = 1;
                break;
            }
        }
        if (cont) {
            for (i = 0; i < ags.n && pend.n < S_MAXNAMES; i++)
                pend.v[pend.n++] = ags.v[i];
            if (!pdl)
                pdl = dl;
            else
                free(dl);
            continue;
        }
        if (!content && k == 0 && off > 0 && have && ags.n &&
            (S_count_role(&ags, NQX_ROLE_LEAD) || S_count_role(&ags, NQX_ROLE_EXECUTE))) {
            /* the first row holds only the cells after the work: the
             * layout broke it, its work is the paragraph above */
            size_t bs = S_broken_row_start(c, table);
            if (bs != SIZE_MAX) {
                if (!dl && !tcell)
                    dl = S_inherited(c, rowi);
                S_emit(c, rowi, bs, row->end, &ags, dl);
                continue;
            }
        }
        if (!ags.n || (!S_count_role(&ags, NQX_ROLE_LEAD) &&
                       !S_count_role(&ags, NQX_ROLE_EXECUTE)) || !content) {
            free(dl);
            continue;
        }
        /* a short row of its own work shares the merged time cell above */
        if (!dl && n + 1 < ncols && lastdl)
            dl = nqx_strndup(lastdl, strlen(lastdl));
        free(lastdl);
        lastdl = dl ? nqx_strndup(dl, strlen(dl)) : NULL;
        pend = ags;
        pdl = dl;
        prow = rowi;
        ptime = tcell;
    }
    free(pdl);
    free(lastdl);
    /* a table cut in two (a caption line between header and rows) keeps
     * its header for the next table of the same section */
    c->ncols = ncols;
    c->have_header = have;
}

/* Whether heading ni is a section row of the table whose header was
 * seen last ("I. NÂNG CAO NHẬN THỨC" between the rows): its first child
 * is a table whose rows have as many cells as that header. */
static int S_keeps_header(const S_ctx *c, int ni)
{
    size_t k;
    if (!c->have_header || c->d->nodes[ni].kind != NQX_NODE_HEADING ||
        !c->nkids[ni])
        return 0;
    k = (size_t)c->kids[ni][0];
    if (c->d->nodes[k].kind != NQX_NODE_TABLE || !c->nkids[k])
        return 0;
    {
        const nqx_node *row = &c->d->nodes[c->kids[k][0]];
        nqx_span cells[S_MAXCOLS];
        size_t n = S_cells(c, row->start, row->end, cells);
        return n + 1 >= c->ncols && n <= c->ncols;
    }
}

/* ------------------------------------------------------------------ */
/* the walk                                                             */
/* ------------------------------------------------------------------ */

static void S_walk(S_ctx *c, const int *kids, size_t nk, const S_ags *inh,
                   int block);

/* Whether the node's own line is nothing but names of bodies. */
static int S_title(S_ctx *c, const nqx_toks *t, S_ags *out)
{
    nqx_span sp[S_MAXNAMES];
    size_t n = 0, e, i0;
    int courtesy;
    const nqx_wentry *lead = NULL;
    if (!t->n)
        return 0;
    /* "IV. TỔ CHỨC THỰC HIỆN" is a section title, not a body */
    if (nqx_ext_all_caps(c->text + t->v[0].start, t->v[t->n - 1].end - t->v[0].start))
        return 0;
    /* "Cơ quan phối hợp" alone on a line: a table's header cell, no body */
    if (nqx_wlex_at(&c->roles, t, 0, t->n, NULL) == t->n)
        return 0;
    /* "c) Đề nghị Trung ương Mặt trận ...", "6. Đề nghị: Hiệp hội ...":
     * the bodies asked are the block's leads */
    i0 = nqx_agx_courtesy(c->agx, t, 0, t->n);
    courtesy = i0 > 0;
    /* "Điều 14. Trách nhiệm của Sở Khoa học và Công nghệ": the body whose
     * duties the items below list */
    if (!i0)
        i0 = nqx_wlex_at(&c->tleadin, t, 0, t->n, &lead);
    if (i0 >= t->n)
        return 0;
    e = nqx_agx_list(c->agx, t, i0, t->n, i0 == 0, sp, S_MAXNAMES, &n);
    if (!n || e == i0) {
        /* "Trách nhiệm của đối tượng thực hiện kiểm kê:": whoever the
         * title names bears the duties below, up to a bracket that ends
         * the line; not a question ("... là gì?") */
        size_t lim = t->n, k;
        if (courtesy || !lead || !lead->value || strcmp(lead->value, "any") != 0 ||
            (t->v[t->n - 1].flags & NQX_TOK_STOP) || t->n - i0 > 20)
            return 0;
        if (t->v[t->n - 1].flags & NQX_TOK_CLOSE)
            for (k = t->n - 1; k > i0; k--)
                if (t->v[k].flags & NQX_TOK_OPEN) {
                    lim = k;
                    break;
                }
        for (k = i0 + 1; k < lim; k++)
            if (nqx_wlex_at(&c->tnend, t, k, lim, NULL)) {
                lim = k;
                break;
            }
        S_add(out, t->v[i0].start, t->v[lim - 1].end, NQX_ROLE_LEAD);
        return 1;
    }
    if (e != t->n) {
        /* "Ban Quản lý các khu công nghệ cao và khu công nghiệp": a title
         * with no verb and no full stop is the last body's name */
        size_t k, lim = t->n;
        /* "Giao Ủy ban nhân dân tỉnh chỉ đạo thực hiện các nội dung
         * sau:": a line that hands over the items below names its body,
         * then its verb, even after a courtesy word */
        int colon = courtesy && (t->v[t->n - 1].flags & NQX_TOK_COLON);
        if (t->v[t->n - 1].flags & NQX_TOK_STOP)
            return 0;
        /* "1. Sở Tài chính (cơ quan chủ trì)": a role in brackets */
        if ((t->v[e].flags & NQX_TOK_OPEN) &&
            (t->v[t->n - 1].flags & NQX_TOK_CLOSE)) {
            S_add_list(out, sp, n, NQX_ROLE_LEAD);
            return 1;
        }
        /* "1. Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý ...)":
         * the bracket that ends the line says which; the name stops there */
        if (t->v[t->n - 1].flags & NQX_TOK_CLOSE)
            for (k = t->n - 1; k > e; k--)
                if (t->v[k].flags & NQX_TOK_OPEN) {
                    lim = k;
                    break;
                }
        for (k = e; k < lim; k++)
            if (nqx_agx_apposition(c->agx, t, k, lim)) {
                lim = k; /* "Sở Tài chính - Cơ quan thường trực ..." */
                break;
            }
        for (k = e; k < lim; k++) {
            const nqx_wentry *q = NULL;
            size_t ql = nqx_wlex_at(&c->tquals, t, k, t->n, &q);
            /* "Các doanh nghiệp hoạt động trong lĩnh vực ...": the rest of
             * the title says which ones */
            if (ql && q && q->value && strcmp(q->value, "rest") == 0 &&
                t->n - e <= 30)
                break;
            if (ql) {
                k += ql - 1;
                continue;
            }
            /* after a courtesy word the rest of the line is the addressee
             * ("Đề nghị các tổ chức cung cấp dịch vụ chi trả") */
            if (lim - e > (i0 ? 16u : 8u) ||
                ((!i0 || colon) && nqx_agx_is_stop(c->agx, t, k, t->n) &&
                 strcmp(t->v[k].lower, "và") != 0))
                return 0;
        }
        sp[n - 1].end = t->v[lim - 1].end;
    }
    S_add_list(out, sp, n, NQX_ROLE_LEAD);
    return 1;
}

/* "6. Sở Nội vụ: Tham mưu ...", "12. Đề nghị Công ty X: Bảo đảm ...": a
 * line that names its bodies, then a colon, then their work. Returns the
 * token after the colon (out filled), 0 when the line is not so. */
static size_t S_title_colon(S_ctx *c, const nqx_toks *t, S_ags *out,
                            int *descr)
{
    nqx_span sp[S_MAXNAMES];
    size_t n = 0, e, i0;
    if (!t->n ||
        nqx_ext_all_caps(c->text + t->v[0].start,
                         t->v[t->n - 1].end - t->v[0].start))
        return 0;
    i0 = nqx_agx_courtesy(c->agx, t, 0, t->n);
    if (i0 >= t->n)
        return 0;
    e = nqx_agx_list(c->agx, t, i0, t->n, i0 == 0, sp, S_MAXNAMES, &n);
    if (!n || e == i0 || e >= t->n || !(t->v[e - 1].flags & NQX_TOK_COLON))
        return 0;
    /* "Giám đốc các Sở: Nội vụ, Tài chính ...": the colon opens the
     * list of which bodies, not their work */
    if (e >= i0 + 2 && t->v[e - 1].cap && nqx_agx_starts(c->agx, t, e - 2, e))
        return 0;
    /* "- Ban bầu cử đại biểu Quốc hội: 01 cá nhân/01 ban;": a number
     * after the colon is the body's share of a quota, not its work */
    if (c->text[t->v[e].start] >= '0' && c->text[t->v[e].start] <= '9')
        return 0;
    S_add_list(out, sp, n, NQX_ROLE_LEAD);
    /* "Hội đồng tư vấn: gồm Chủ tịch ...": what the body is; its bodies
     * in out all the same (*descr), for the items below it */
    if (nqx_wlex_at(&c->cdescr, t, e, t->n, NULL)) {
        *descr = 1;
        return 0;
    }
    return e;
}

/* Whether the block intro n (its text from cs) is only its bodies and
 * the words that hand them the items below ("X, Y có trách nhiệm:"). */
static int S_bare_intro(S_ctx *c, const nqx_node *n, size_t cs)
{
    nqx_toks t;
    S_ags tmp;
    size_t e = 0, ov[2 * S_OVN];
    int as = 0, bare = 0;
    if (!c->p_bare || nqx_ext_tokens(c->text, cs, n->end, &t))
        return 0;
    tmp.n = 0;
    if (t.n)
        e = S_subject_at(c, &t, 0, t.n, 1, &tmp, &as);
    if (e && e < t.n)
        bare = nqx_gram_match(c->p_bare, c->text, n->end, t.v[e].start, ov,
                              S_OVN) > 0;
    nqx_toks_free(&t);
    return bare;
}

/* Whether preamble n (its text from cs) closes by asking bodies to carry
 * out the items below and nothing more (task_preamble_handout: "...; UBND
 * Thành phố yêu cầu các Sở, ban, ngành thực hiện một số nhiệm vụ trọng
 * tâm như sau:"): the bodies asked, then task_bare_intro's words. The
 * caller drops it only when the items name their own bodies
 * (S_next_names_body); else it is a task by reference (heldout). */
static int S_handout(S_ctx *c, const nqx_node *n, size_t cs)
{
    nqx_toks t;
    nqx_span sp[S_MAXNAMES];
    size_t ov[2 * S_OVN], from = cs, at = 0, nn = 0, e;
    int bare = 0;
    if (!c->p_handout || !c->p_bare)
        return 0;
    /* the last asking word of the paragraph */
    while (from < n->end &&
           nqx_gram_match(c->p_handout, c->text, n->end, from, ov, S_OVN) > 0) {
        at = ov[1];
        from = ov[1];
    }
    if (!at || nqx_ext_tokens(c->text, at, n->end, &t))
        return 0;
    e = t.n ? nqx_agx_list(c->agx, &t, 0, t.n, 0, sp, S_MAXNAMES, &nn) : 0;
    if (nn && e > 0 && e < t.n)
        bare = nqx_gram_match(c->p_bare, c->text, n->end, t.v[e].start, ov,
                              S_OVN) > 0;
    nqx_toks_free(&t);
    return bare;
}

/* Whether the node after ni at its level (before it, with prev) opens
 * with the name of its own body ("1. Sở Y tế:", "1. Bảo hiểm xã hội
 * thành phố Hà Nội"): the work below a preamble is handed out body by
 * body, not to the preamble's. */
static int S_sibling_names_body(S_ctx *c, int ni, int prev)
{
    const nqx_node *n = &c->d->nodes[ni];
    size_t j, cs, le;
    nqx_toks t;
    S_ags tmp;
    int descr = 0, yes;
    if (prev) {
        for (j = (size_t)ni; j-- > 0;)
            if (c->d->nodes[j].parent == n->parent)
                break;
        if (j == (size_t)-1)
            return 0;
    } else {
        for (j = (size_t)ni + 1; j < c->d->nnodes; j++)
            if (c->d->nodes[j].parent == n->parent)
                break;
    }
    if (j >= c->d->nnodes || !S_numbered(&c->d->nodes[j]))
        return 0;
    cs = S_content_start(c, &c->d->nodes[j]);
    le = cs;
    while (le < c->d->nodes[j].end && c->text[le] != '\n')
        le++;
    if (le <= cs || nqx_ext_tokens(c->text, cs, le, &t))
        return 0;
    tmp.n = 0;
    yes = S_title(c, &t, &tmp);
    if (!yes) {
        tmp.n = 0;
        yes = S_title_colon(c, &t, &tmp, &descr) > 0 && !descr;
    }
    nqx_toks_free(&t);
    return yes;
}

static int S_next_names_body(S_ctx *c, int ni)
{
    return S_sibling_names_body(c, ni, 0);
}

/* Whether ni has children and every one is a numbered item. */
static int S_items_only(const S_ctx *c, int ni)
{
    size_t k;
    for (k = 0; k < c->nkids[ni]; k++)
        if (c->d->nodes[c->kids[ni][k]].kind != NQX_NODE_ITEM)
            return 0;
    return k > 0;
}

/* Whether every child of ni is a bullet that opens with a body's name,
 * as its subject or before a colon ("+ Sở Xây dựng: hướng dẫn ...", "+ Sở
 * Tài chính phối hợp ..."), under a step
 * that is one task itself ("- Phối hợp hướng dẫn ..."): the points hand
 * the step out, each to its body (spec: a bullet that names its own
 * subject is led by it). */
static int S_kids_name_bodies(S_ctx *c, int ni)
{
    size_t k;
    if (!c->nkids[ni])
        return 0;
    for (k = 0; k < c->nkids[ni]; k++) {
        const nqx_node *ch = &c->d->nodes[c->kids[ni][k]];
        nqx_toks t;
        S_ags tmp;
        int descr = 0, ok, as = 0;
        size_t j;
        if (ch->kind != NQX_NODE_BULLET)
            return 0;
        for (j = 0; j < c->nkids[c->kids[ni][k]]; j++) /* a time line below */
            if (c->d->nodes[c->kids[c->kids[ni][k]][j]].kind != NQX_NODE_PARA)
                return 0;
        if (nqx_ext_tokens(c->text, S_content_start(c, ch), ch->end, &t)) {
            c->st = NQX_ENOMEM;
            return 0;
        }
        tmp.n = 0;
        ok = t.n && ((S_title_colon(c, &t, &tmp, &descr) > 0 && !descr) ||
                     S_subject_at(c, &t, 0, t.n, 1, &tmp, &as) > 0);
        nqx_toks_free(&t);
        if (!ok)
            return 0;
    }
    return 1;
}

/* Whether no point or paragraph under ni names a body of its own at its
 * start or sets a time of its own (label lines aside): they only
 * elaborate ni's work. */
static int S_kids_bodiless(S_ctx *c, int ni)
{
    size_t k;
    for (k = 0; k < c->nkids[ni]; k++) {
        const nqx_node *ch = &c->d->nodes[c->kids[ni][k]];
        nqx_toks t;
        S_ags tmp;
        size_t vs, ve;
        nqx_role r;
        int as = 0, named;
        if (ch->kind != NQX_NODE_BULLET && ch->kind != NQX_NODE_PARA)
            return 0;
        char *dl;
        if (S_label_kind(c, ch, &vs, &ve, &r))
            continue;
        /* a point with a time of its own is a task of its own */
        if ((dl = S_deadline(c, ch->start, ch->body_end)) != NULL) {
            free(dl);
            return 0;
        }
        if (nqx_ext_tokens(c->text, S_content_start(c, ch), ch->end, &t)) {
            c->st = NQX_ENOMEM;
            return 0;
        }
        tmp.n = 0;
        named = t.n && (S_sentence_subject(c, &t, 0, t.n, &tmp, &as) ||
                        nqx_agx_courtesy(c->agx, &t, 0, t.n));
        nqx_toks_free(&t);
        if (named)
            return 0;
    }
    return 1;
}

/* The points of ni that S_kids_name_bodies found, each a task of its
 * body; the step's time (the last record, ni's own) is theirs unless they
 * set one ("Thời gian thực hiện: ..." under the last point covers all). */
static void S_walk_handed(S_ctx *c, int ni, const S_ags *inh)
{
    size_t r0 = c->d->nrecords, i;
    const char *dl = r0 ? c->d->records[r0 - 1].deadline : NULL;
    char *own = dl ? nqx_strndup(dl, strlen(dl)) : NULL;
    if (dl && !own) {
        c->st = NQX_ENOMEM;
        return;
    }
    S_walk(c, c->kids[ni], c->nkids[ni], inh, 0);
    for (i = r0; own && !c->st && i < c->d->nrecords; i++)
        if (!c->d->records[i].deadline &&
            !(c->d->records[i].deadline = nqx_strndup(own, strlen(own))))
            c->st = NQX_ENOMEM;
    free(own);
}

/* Whether text[s..e) is a competence line (task_competence_label: "Cơ
 * quan thẩm định: Sở X; ...") whose value opens with a body: its bodies
 * go to out as leads. */
static int S_competence(S_ctx *c, size_t s, size_t e, S_ags *out)
{
    size_t ov[2 * S_OVN], vs, ve;
    nqx_toks t;
    int rc, body;
    if (!c->p_compet ||
        (rc = nqx_gram_match(c->p_compet, c->text, e, s, ov, S_OVN)) <= 0 ||
        ov[0] != s || !S_group_span(c->p_compet, ov, rc, "value", &vs, &ve))
        return 0;
    if (nqx_ext_tokens(c->text, vs, ve, &t))
        return 0;
    body = t.n && nqx_agx_starts(c->agx, &t, 0, t.n);
    out->n = 0;
    if (body) {
        /* the value is names only: "X hoặc Y" names two alternative
         * leads, each whole ("cơ quan được Ủy ban nhân dân thành phố ủy
         * quyền"); a piece the name reader covers is split as a list */
        size_t i = 0, k, pe;
        while (i < t.n) {
            nqx_span sp[S_MAXNAMES];
            size_t n2 = 0, j;
            for (k = i; k < t.n && strcmp(t.v[k].lower, "hoặc") != 0; k++)
                if (t.v[k].flags & (NQX_TOK_SEMI | NQX_TOK_STOP)) {
                    k++;
                    break;
                }
            pe = k;
            if (pe > i) {
                j = nqx_agx_list(c->agx, &t, i, pe, i == 0, sp, S_MAXNAMES, &n2);
                if (n2 && j == pe)
                    S_add_list(out, sp, n2, NQX_ROLE_LEAD);
                else
                    S_add(out, t.v[i].start, t.v[pe - 1].end, NQX_ROLE_LEAD);
            }
            if (k < t.n && strcmp(t.v[k].lower, "hoặc") != 0)
                break; /* ";" or a full stop ends the value */
            i = k + 1;
        }
    }
    nqx_toks_free(&t);
    return S_count_role(out, NQX_ROLE_LEAD) > 0;
}

/* Whether text[s..e) is a title that addresses a kind of body
 * (task_addressee: "Đối với các cơ sở sản xuất ... lớn:", "Đối với các
 * xã còn diện tích đất lúa: cần tập trung ...") whose phrase opens with
 * a body: its bodies go to out as leads (the last runs to the colon, a
 * closing bracket aside: "(theo danh sách gửi kèm)" says which ones) and
 * *rest is where the text after the colon starts. */
static int S_addressee(S_ctx *c, size_t s, size_t e, S_ags *out, size_t *rest)
{
    size_t ov[2 * S_OVN], ns, ne, rs, re;
    nqx_toks t;
    int rc, ok = 0;
    if (!c->p_addr ||
        (rc = nqx_gram_match(c->p_addr, c->text, e, s, ov, S_OVN)) <= 0 ||
        ov[0] != s || !S_group_span(c->p_addr, ov, rc, "name", &ns, &ne) ||
        !S_group_span(c->p_addr, ov, rc, "rest", &rs, &re))
        return 0;
    if (nqx_ext_tokens(c->text, ns, ne, &t)) {
        c->st = NQX_ENOMEM;
        return 0;
    }
    if (t.n && t.n <= 40) {
        nqx_span sp[S_MAXNAMES];
        size_t n = 0, j, lim = t.n, k;
        if (t.v[t.n - 1].flags & NQX_TOK_CLOSE)
            for (k = t.n - 1; k > 0; k--)
                if (t.v[k].flags & NQX_TOK_OPEN) {
                    lim = k;
                    break;
                }
        j = nqx_agx_list(c->agx, &t, 0, lim, 0, sp, S_MAXNAMES, &n);
        if (n && j > 0 && sp[0].start == t.v[0].start) {
            if (j < lim)
                sp[n - 1].end = t.v[lim - 1].end;
            out->n = 0;
            S_add_list(out, sp, n, NQX_ROLE_LEAD);
            *rest = rs;
            ok = 1;
        }
    }
    nqx_toks_free(&t);
    (void)re;
    return ok;
}

/* Whether ni's parent is an item whose text opens with a body ("9. Các
 * cơ sở sản xuất, kinh doanh, dịch vụ và đơn vị ..."): its items share
 * out that body's work. A section of rules ("Điều 7. Nguồn kinh phí")
 * is not. */
static int S_body_parent(S_ctx *c, int ni)
{
    int pi = c->d->nodes[ni].parent;
    const nqx_node *p;
    nqx_toks t;
    size_t cs, n = 0;
    nqx_span sp[S_MAXNAMES];
    int ok;
    if (pi < 0)
        return 0;
    if (c->bodyp[pi])
        return c->bodyp[pi] - 1;
    p = &c->d->nodes[pi];
    cs = S_content_start(c, p);
    if (p->end <= cs || nqx_ext_all_caps(c->text + cs, p->end - cs)) {
        c->bodyp[pi] = 1;
        return 0;
    }
    if (c->kept.v && c->kept_s == cs && c->kept_e == p->end) {
        /* the parent's own words, still kept (read, not taken) */
        const nqx_toks *kt = &c->kept;
        ok = kt->n && nqx_agx_list(c->agx, kt, 0, kt->n, 1, sp, S_MAXNAMES, &n) > 0 &&
             n && sp[0].start == kt->v[0].start;
    } else {
        if (nqx_ext_tokens(c->text, cs, p->end, &t))
            return 0; /* (out of memory: not kept, asked again) */
        ok = t.n && nqx_agx_list(c->agx, &t, 0, t.n, 1, sp, S_MAXNAMES, &n) > 0 &&
             n && sp[0].start == t.v[0].start;
        nqx_toks_free(&t);
    }
    c->bodyp[pi] = (char)(ok + 1);
    return ok;
}

/* Handle one node; returns 1 when it is a block header whose subject
 * leads the siblings after it (*blk filled). */
/* The work after a body's name and colon is the body's; items or bullets
 * below (kids) are more of it, each a task; the line itself is one when
 * its work does not stop at the colon. */
static void S_inline_work(S_ctx *c, int ni, const nqx_node *n, int colon,
                          int kids, const S_ags *title, size_t tvs, size_t tve)
{
    if (kids) {
        if (!colon)
            S_single(c, ni, n->start, n->end, title, tvs, tve);
        S_walk(c, c->kids[ni], c->nkids[ni], title, 1);
    } else
        S_single(c, ni, n->start, n->body_end, title, tvs, tve);
}

static int S_node_own(S_ctx *c, int ni, const S_ags *inh, int block, S_ags *blk)
{
    const nqx_node *n = &c->d->nodes[ni];
    size_t cs = S_content_start(c, n), k;
    size_t tvs = 0, tve = 0;
    S_ags lab, title, subj, hdr;
    nqx_toks t;
    int has_num = 0, has_bul = 0, colon = 0, assigned = 0, is_title, has_subj;
    int inline_work = 0, descr = 0;

    lab.n = title.n = subj.n = 0;
    for (k = 0; k < c->nkids[ni]; k++) {
        const nqx_node *ch = &c->d->nodes[c->kids[ni][k]];
        size_t vs, ve;
        nqx_role r;
        int lk = S_label_kind(c, ch, &vs, &ve, &r);
        if (lk) {
            /* every label of the line: "Chủ trì: X; phối hợp: Y; thời gian: Z" */
            size_t pos = ch->start, nx = 0;
            while (pos < ch->end) {
                while (pos < ch->end && (c->text[pos] == '-' || c->text[pos] == '+' ||
                                         c->text[pos] == '*' || c->text[pos] == ' '))
                    pos++;
                lk = S_label_at(c, pos, ch->end, &vs, &ve, &r, &nx);
                if (lk == 1)
                    S_value_names(c, vs, ve, r, &lab);
                else if (lk == 2 && tve == tvs) {
                    tvs = vs, tve = ve;
                    while (tvs < tve && (c->text[tvs] == ' ' || c->text[tvs] == '*'))
                        tvs++;
                    /* "- Thời gian thực hiện:" over "+ Các bộ gửi kết quả
                     * ... trước ngày 15/12/2025", "+ Bộ X tổng hợp ...":
                     * the points beneath are the label's value */
                    if (tvs == tve && ch->body_end > ch->end)
                        tvs = ch->end, tve = ch->body_end;
                }
                if (!lk || nx <= pos)
                    break;
                pos = nx;
            }
            lk = 1;
        } else if (!lk && S_numbered(ch))
            has_num = 1;
        else if (!lk && ch->kind == NQX_NODE_BULLET)
            has_bul = 1;
    }
    if (nqx_ext_tokens(c->text, cs, n->end, &t)) {
        c->st = NQX_ENOMEM;
        return 0;
    }
    /* "b) Cơ quan thẩm định: Sở X": the step named by the label is the
     * work of the bodies after the colon */
    if ((S_numbered(n) || n->kind == NQX_NODE_BULLET) && !lab.n &&
        S_competence(c, cs, n->end, &title)) {
        nqx_toks_free(&t);
        S_single(c, ni, n->start, n->body_end, &title, tvs, tve);
        return 0;
    }
    colon = t.n && (t.v[t.n - 1].flags & NQX_TOK_COLON);
    /* "9.1. Đối với các cơ sở sản xuất ...:" over its points, "- Đối với
     * các xã ...: cần tập trung ...": the body addressed does the work,
     * unless the work after the colon names its own body ("Đối với ...:
     * Giao Sở X ...") or describes it */
    if ((S_numbered(n) || n->kind == NQX_NODE_BULLET || n->kind == NQX_NODE_PARA) &&
        !lab.n && ((block && inh->n) || S_body_parent(c, ni)) &&
        S_addressee(c, cs, n->end, &title, &k)) {
        nqx_toks rt;
        int own = 0, as = 0;
        S_ags tmp;
        tmp.n = 0;
        if (nqx_ext_tokens(c->text, k, n->end, &rt)) {
            nqx_toks_free(&t);
            c->st = NQX_ENOMEM;
            return 0;
        }
        own = rt.n && (S_subject_at(c, &rt, 0, rt.n, 1, &tmp, &as) > 0 ||
                       nqx_agx_courtesy(c->agx, &rt, 0, rt.n) ||
                       nqx_wlex_at(&c->cdescr, &rt, 0, rt.n, NULL));
        nqx_toks_free(&rt);
        if (!own && k < n->end) {
            nqx_toks_free(&t);
            S_inline_work(c, ni, n, colon, has_num || has_bul, &title, tvs, tve);
            return 0;
        }
        if (!own && (has_num || has_bul)) {
            nqx_toks_free(&t);
            S_walk(c, c->kids[ni], c->nkids[ni], &title, 1);
            return 0;
        }
        if (!own && n->kind == NQX_NODE_PARA && !c->nkids[ni]) {
            nqx_toks_free(&t);
            *blk = title;
            return 1;
        }
        title.n = 0;
    }
    /* "5. Ban Tổ chức Thành ủy", "**Sở Nội vụ**", "- Sở Y tế:" over + items */
    is_title = (S_numbered(n) || n->kind == NQX_NODE_HEADING ||
                n->kind == NQX_NODE_PARA ||
                (n->kind == NQX_NODE_BULLET && (has_bul || has_num ||
                                                 (colon && c->nkids[ni])))) &&
               S_title(c, &t, &title);
    if (!is_title && (S_numbered(n) || n->kind == NQX_NODE_BULLET ||
                      n->kind == NQX_NODE_PARA)) {
        title.n = 0;
        inline_work = S_title_colon(c, &t, &title, &descr) > 0;
        is_title = inline_work;
        /* "2. Các sở, ban, ngành, địa phương: Là các đơn vị ...:" over
         * "2.1. Trách nhiệm chung" / "a) ...": the body described leads
         * the items below; the description is no task */
        if (descr && !(has_num || has_bul))
            title.n = 0;
    }
    if (descr && title.n) {
        nqx_toks_free(&t);
        S_walk(c, c->kids[ni], c->nkids[ni], &title, 1);
        return 0;
    }
    has_subj = !is_title && t.n &&
               S_sentence_subject(c, &t, 0, t.n, &subj, &assigned);
    if (has_subj && block && inh->n &&
        (n->kind == NQX_NODE_BULLET || S_numbered(n))) {
        /* under a body's block, a body named only in a later clause
         * ("Thực hiện ...; các doanh nghiệp phối hợp ...") does not
         * take the item from the block's body */
        size_t k1, lim1 = t.n;
        S_ags tmp;
        int as1 = 0;
        for (k1 = 0; k1 < t.n; k1++)
            if (t.v[k1].flags & (NQX_TOK_SEMI | NQX_TOK_STOP)) {
                lim1 = k1 + 1;
                break;
            }
        tmp.n = 0;
        if (!S_sentence_subject(c, &t, 0, lim1, &tmp, &as1)) {
            has_subj = 0;
            subj.n = 0;
            assigned = 0;
        }
    }
    if (!has_subj && !is_title && colon && n->kind == NQX_NODE_PARA) {
        /* a paragraph of background whose last sentence hands out the
         * work below: that sentence's subject heads the block */
        size_t st[256], ns = S_sentences(&t, st, 256, 0);
        if (ns > 1) {
            /* only when it asks bodies ("Chính phủ yêu cầu các bộ") */
            subj.n = 0;
            has_subj = S_sentence_subject(c, &t, st[ns - 1], t.n, &subj,
                                          &assigned) && assigned;
            if (!has_subj)
                subj.n = 0;
        }
        /* "Quốc hội cơ bản tán thành ..., đồng thời, đề nghị Chính phủ và
         * các cơ quan liên quan tập trung thực hiện các nhiệm vụ ... sau
         * đây:": the bodies asked after a comma, when what follows them
         * only hands out the work below */
        if (!has_subj && c->p_bare) {
            size_t k2, from = ns ? st[ns - 1] : 0;
            for (k2 = from + 1; k2 + 1 < t.n && !has_subj; k2++) {
                size_t e2, ov[2 * S_OVN];
                int as2 = 0;
                /* also "..., Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban
                 * nhân dân các tỉnh khẩn trương thực hiện các nội dung
                 * sau:" (a page's account of a directive): the bodies
                 * the directing body asks */
                if (!(t.v[k2 - 1].flags & NQX_TOK_COMMA) ||
                    (!nqx_agx_courtesy(c->agx, &t, k2, t.n) &&
                     !(c->excluded[ni] == 3 && S_directive_leadin(c, n))))
                    continue;
                subj.n = 0;
                e2 = S_subject_at(c, &t, k2, t.n, 0, &subj, &as2);
                if (e2 && e2 < t.n && as2 &&
                    nqx_gram_match(c->p_bare, c->text, n->end, t.v[e2].start, ov,
                                   S_OVN) > 0) {
                    has_subj = 1;
                    assigned = 1;
                } else {
                    subj.n = 0;
                }
            }
        }
    }
    /* "11. Các đơn vị cấp nước sạch ... có trách nhiệm" over its points:
     * a heading line that leaves the colon out */
    if (has_subj && !colon && (has_num || has_bul) && S_bare_intro(c, n, cs))
        colon = 1;
    /* "2. Yêu cầu các cấp ủy, tổ chức đảng ... khẩn trương, chủ động,
     * ..." over "2.1. Tập trung ...", "2.2. ...": an item that asks
     * bodies, over numbered items, hands them the items as a colon would */
    if (has_subj && assigned && !colon && has_num && !has_bul &&
        n->kind == NQX_NODE_ITEM && S_items_only(c, ni))
        colon = 1;
    /* "3. Cơ quan chủ trì giải quyết thủ tục đầu tư dự án" over "a)
     * Hướng dẫn ...", "b) ...": a short numbered title, no punctuation in
     * it, whose items follow (as with a colon); the whole title names the
     * body (its verb describes which one) */
    if (has_subj && !colon && has_num && S_numbered(n) && n->label[0] >= '0' &&
        n->label[0] <= '9' && t.n && t.n <= 12) {
        size_t k2;
        for (k2 = 0; k2 < t.n; k2++)
            if (t.v[k2].flags & (NQX_TOK_COMMA | NQX_TOK_SEMI | NQX_TOK_STOP |
                                 NQX_TOK_COLON | NQX_TOK_OPEN))
                break;
        if (k2 == t.n) {
            colon = 1;
            subj.n = 0;
            S_add(&subj, t.v[0].start, t.v[t.n - 1].end, NQX_ROLE_LEAD);
        }
    }
    /* "2. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án,
     * tiểu dự án thuộc Chương trình" over its points, between items that
     * each name a body ("1. Sở Nông nghiệp và Môi trường", "3. Ủy ban
     * nhân dân cấp xã"): a collective named by its role, with commas,
     * heads a block as a short title does; the whole title names it */
    if (has_subj && !colon && (has_num || has_bul) && S_numbered(n) &&
        n->label[0] >= '0' && n->label[0] <= '9' && t.n && t.n <= 40 &&
        (strcmp(t.v[0].lower, "các") == 0 || strcmp(t.v[0].lower, "những") == 0) &&
        (S_sibling_names_body(c, ni, 1) || S_sibling_names_body(c, ni, 0))) {
        size_t k2;
        for (k2 = 0; k2 < t.n; k2++)
            if (t.v[k2].flags & (NQX_TOK_SEMI | NQX_TOK_STOP | NQX_TOK_COLON |
                                 NQX_TOK_OPEN))
                break;
        if (k2 == t.n) {
            colon = 1;
            subj.n = 0;
            S_add(&subj, t.v[0].start, t.v[t.n - 1].end, NQX_ROLE_LEAD);
        }
    }
    /* a block header hands its coordinators down with its lead */
    hdr = subj;
    if (has_subj && colon)
        S_coordinators(c, &t, 0, t.n, &hdr);
    S_keep_words(c, &t, cs, n->end); /* S_prose may cut the same */

    /* "3. Nâng cao chất lượng đội ngũ" over "- Rà soát ...", "- Đào tạo
     * ...", then "Trách nhiệm chỉ đạo thực hiện: Ban Tổ chức Tỉnh ủy, Sở
     * Nội vụ" (a line of the item, or hung under its last point): the
     * responsibility line makes a block of the points, as a heading does
     * (spec) */
    if (!is_title && !has_subj && has_bul &&
        (S_numbered(n) || n->kind == NQX_NODE_HEADING)) {
        size_t nk = c->nkids[ni], vs2 = 0, ve2 = 0;
        int found = 0;
        if (nk) {
            int last = c->kids[ni][nk - 1];
            found = S_label_block(c, &c->d->nodes[last], &vs2, &ve2);
            if (!found && c->nkids[last])
                found = S_label_block(c, &c->d->nodes[c->kids[last][c->nkids[last] - 1]],
                                      &vs2, &ve2);
        }
        if (found) {
            S_ags blk2;
            blk2.n = 0;
            S_value_names(c, vs2, ve2, NQX_ROLE_LEAD, &blk2);
            if (blk2.n) {
                nqx_toks_free(&t);
                S_walk(c, c->kids[ni], c->nkids[ni], &blk2, 1);
                return 0;
            }
        }
    }
    /* an item with role lines beneath it */
    if (S_count_role(&lab, NQX_ROLE_LEAD) ||
        (lab.n && (S_numbered(n) || n->kind == NQX_NODE_BULLET))) {
        S_ags ags;
        ags.n = 0;
        if (!S_count_role(&lab, NQX_ROLE_LEAD)) {
            const S_ags *src = has_subj ? &subj : is_title ? &title : inh;
            S_copy_role(&ags, src, NQX_ROLE_LEAD, NQX_ROLE_LEAD);
        }
        for (k = 0; k < lab.n; k++)
            S_add(&ags, lab.v[k].name.start, lab.v[k].name.end, lab.v[k].role);
        S_single(c, ni, n->start, n->body_end, &ags, tvs, tve);
        return 0;
    }

    /* a line that is only a body's name ("Sở Nội vụ", bold markup gone)
     * heads the bullets and items after it */
    if (inline_work) {
        S_inline_work(c, ni, n, colon, has_num || has_bul, &title, tvs, tve);
        return 0;
    }
    if (is_title && n->kind == NQX_NODE_PARA && !c->nkids[ni]) {
        *blk = title;
        return 1;
    }
    /* an agency heading: "5. Ban Tổ chức Thành ủy" */
    if (is_title) {
        if (has_num || has_bul) {
            S_walk(c, c->kids[ni], c->nkids[ni], &title, 1);
        } else if (c->nkids[ni]) {
            /* paragraphs only: the heading's body is one task, led by the
             * first paragraph's own subject when it names one */
            const nqx_node *f = &c->d->nodes[c->kids[ni][0]];
            S_ags own;
            own.n = 0;
            if (nqx_ext_tokens(c->text, f->start, f->end, &t) == NQX_OK) {
                int as = 0;
                if (t.n)
                    S_subject_at(c, &t, 0, t.n, 1, &own, &as);
                nqx_toks_free(&t);
            }
            S_single(c, ni, n->start, n->body_end, own.n ? &own : &title,
                     tvs, tve);
        }
        return 0;
    }

    if (S_numbered(n) || n->kind == NQX_NODE_BULLET ||
        n->kind == NQX_NODE_PARA) {
        const S_ags *lead = has_subj ? &subj : (block && inh->n) ? inh : NULL;
        /* "X phải ra quyết định đình chỉ ... trong các trường hợp sau
         * đây:" over a) b) c): the points are the cases of X's one piece
         * of work, not work of their own */
        size_t ovc[2 * S_OVN];
        if (lead && colon && (has_num || has_bul) && c->p_cases &&
            nqx_gram_match(c->p_cases, c->text, n->end, cs, ovc, S_OVN) > 0) {
            /* also a point of a body's block: "- Triển khai thực hiện phân
             * cấp, phân quyền theo một số nguyên tắc chính sau:" */
            S_single(c, ni, n->start, n->body_end, lead, tvs, tve);
            return 0;
        }
        if (has_num) {
            S_walk(c, c->kids[ni], c->nkids[ni],
                   has_subj && colon ? &hdr : inh, (has_subj && colon) || block);
            return 0;
        }
        if (c->excluded[ni] == 3 && !(colon && has_subj && assigned))
            return 0; /* preamble: only an assignment intro counts */
        /* "..., Thủ tướng Chính phủ yêu cầu:": the directing body of a
         * page's account asks, it does not do the work below */
        if (colon && has_subj && !assigned && n->kind == NQX_NODE_PARA &&
            S_directive_leadin(c, n))
            return 0;
        if (colon && has_subj && (has_bul || n->kind == NQX_NODE_PARA)) {
            if (has_bul) {
                S_walk(c, c->kids[ni], c->nkids[ni], &hdr, 1);
                return 0;
            }
            /* the intro hands out the work below and is a task itself
             * ("Văn phòng X cụ thể hoá ..., tập trung nhiệm vụ sau:") */
            if (n->kind == NQX_NODE_PARA && (!assigned || c->excluded[ni] == 3) &&
                !S_bare_intro(c, n, cs) &&
                /* a preamble that only asks for the items below */
                !(c->excluded[ni] == 3 && S_handout(c, n, cs) &&
                  S_next_names_body(c, ni)))
                S_prose(c, ni, n->start, n->body_end);
            *blk = hdr;
            return 1;
        }
        /* "Ngoài các trách nhiệm chung nêu trên, một số đơn vị và địa
         * phương còn có trách nhiệm ... sau:" over "a) Sở Nông nghiệp và
         * Môi trường", "b) ...": a paragraph with no body of its own that
         * opens work handed out body by body is no task itself */
        if (!has_subj && colon && n->kind == NQX_NODE_PARA && !c->nkids[ni] &&
            S_next_names_body(c, ni))
            return 0;
        if (lead && (S_numbered(n) || n->kind == NQX_NODE_BULLET ||
                     (block && inh->n))) {
            S_single(c, ni, n->start, n->body_end, lead, tvs, tve);
            return 0;
        }
        /* "a) Nguồn nước cấp nuôi tôm nước lợ" over "Điểm quan trắc:
         * Thực hiện quan trắc tại 07 cửa sông ...", "- Cửa sông ...", "-
         * Thông số, tần suất, thời gian ...: ... từ tháng 3 đến tháng 10
         * năm 2026": an item of a plan's section that names no body but
         * sets its time in a label line is one task with its points
         * (spec: an item that sets its own time; a label's time is the
         * item's) */
        if (!lead && tve > tvs && S_numbered(n) && !c->excluded[ni] &&
            S_in_section(c, ni) && c->nkids[ni] && S_kids_bodiless(c, ni)) {
            char *ldl = S_label_deadline(c, tvs, tve);
            if (ldl) {
                S_ags none;
                free(ldl);
                none.n = 0;
                S_single(c, ni, n->start, n->body_end, &none, tvs, tve);
                return 0;
            }
        }
        if (n->kind == NQX_NODE_HEADING) {
            S_walk(c, c->kids[ni], c->nkids[ni], inh, 0);
            return 0;
        }
        /* a title in capitals ("PHỤ LỤC ...") assigns nothing itself */
        if (n->end > cs && nqx_ext_all_caps(c->text + cs, n->end - cs)) {
            if (c->nkids[ni])
                S_walk(c, c->kids[ni], c->nkids[ni], inh, 0);
            return 0;
        }
        {
            size_t ov[2 * S_OVN];
            if (c->p_closing && nqx_gram_match(c->p_closing, c->text, n->end,
                                               n->start, ov, S_OVN) > 0)
                return 0;
        }
        /* "5. Để kịp thời giải quyết ...:" over "- Giao Ban X chủ trì ...",
         * "- Giao Học viện Y ...": an item with no body of its own whose
         * points each name theirs; its own line is read alone, its points
         * are tasks each (spec: wherever they stand) */
        if (S_numbered(n) && colon && S_kids_name_bodies(c, ni)) {
            S_prose(c, ni, n->start, n->end);
            S_walk(c, c->kids[ni], c->nkids[ni], inh, 0);
            return 0;
        }
        /* running text: sentences with their own subjects, and stretches
         * that set their own time */
        size_t before = c->d->nrecords;
        S_prose(c, ni, n->start, n->body_end);
        /* "- Tổng hợp, báo cáo ở cấp thành phố" over "+ Các cơ quan, đơn vị
         * liên quan thu thập ...": a step with no body of its own; its
         * points that name theirs are tasks (spec: wherever they stand).
         * Not when the step was a task itself: its text holds them. */
        if (c->nkids[ni] && n->kind == NQX_NODE_BULLET && c->d->nrecords > before &&
            S_kids_name_bodies(c, ni)) {
            S_walk_handed(c, ni, inh);
        } else if (c->nkids[ni] && n->kind == NQX_NODE_BULLET &&
                   c->d->nrecords == before) {
            size_t kk;
            for (kk = 0; kk < c->nkids[ni]; kk++)
                if (c->d->nodes[c->kids[ni][kk]].kind != NQX_NODE_BULLET)
                    break;
            if (kk == c->nkids[ni]) /* points only, not paragraphs */
                S_walk(c, c->kids[ni], c->nkids[ni], inh, 0);
        }
        return 0;
    }
    /* an unnumbered heading ("BAN CHẤP HÀNH TRUNG ƯƠNG") holds sections */
    if (c->nkids[ni])
        S_walk(c, c->kids[ni], c->nkids[ni], inh, 0);
    return 0;
}

/* Whether node ni is a paragraph that goes on with the work of the one
 * before it: it opens with a follow-up cue (task_followup_cues: "Trong
 * quá trình triển khai thực hiện, nếu phát sinh khó khăn, ... phản ánh
 * về Sở X") and names no subject of its own, nor holds points. */
static int S_followup_para(S_ctx *c, int ni)
{
    const nqx_node *n = &c->d->nodes[ni];
    nqx_toks t;
    S_ags none;
    int as = 0, yes;
    size_t pe = n->end - n->start > 64 ? n->start + 64 : n->end;
    if (n->kind != NQX_NODE_PARA || c->nkids[ni] || c->excluded[ni])
        return 0;
    /* the cue first, in the paragraph's first words only */
    while (pe < n->end && ((unsigned char)c->text[pe] & 0xC0) == 0x80)
        pe++;
    if (nqx_ext_tokens(c->text, n->start, pe, &t)) {
        c->st = NQX_ENOMEM;
        return 0;
    }
    yes = t.n && nqx_wlex_at(&c->follow, &t, 0, t.n, NULL) > 0;
    nqx_toks_free(&t);
    if (!yes)
        return 0;
    if (nqx_ext_tokens(c->text, n->start, n->end, &t)) {
        c->st = NQX_ENOMEM;
        return 0;
    }
    none.n = 0;
    yes = t.n && nqx_wlex_at(&c->follow, &t, 0, t.n, NULL) > 0 &&
          !S_sentence_subject(c, &t, 0, t.n, &none, &as);
    nqx_toks_free(&t);
    return yes;
}

/* Handle one node. The document's wrap-up ("Trên đây là Kế hoạch ...",
 * "Trong quá trình thực hiện, nếu có khó khăn ...") that the outline hung
 * under the last item is not that item's work: the item ends before it
 * and the wrap-up is read as running text of its own. */
static int S_node(S_ctx *c, int ni, const S_ags *inh, int block, S_ags *blk)
{
    nqx_node *n = &c->d->nodes[ni];
    size_t k, nk = c->nkids[ni], bend = n->body_end;
    int r;
    for (k = 0; c->p_wrapup && k < nk; k++) {
        const nqx_node *ch = &c->d->nodes[c->kids[ni][k]];
        size_t ov[2 * S_OVN];
        if (ch->kind == NQX_NODE_PARA &&
            nqx_gram_match(c->p_wrapup, c->text, ch->end, ch->start, ov,
                           S_OVN) > 0)
            break;
    }
    if (k == nk || (k == 0 && n->kind != NQX_NODE_BULLET && !S_numbered(n)))
        return S_node_own(c, ni, inh, block, blk);
    /* "Điều 17. Trách nhiệm thi hành" / "Giám đốc Sở, ...; các cơ quan,
     * đơn vị ... chịu trách nhiệm triển khai thực hiện Quy chế này." /
     * "Trong quá trình triển khai thực hiện, nếu phát sinh khó khăn, ...
     * phản ánh về Sở X ...": an article's paragraphs are its text, not a
     * list's last item; a wrap-up with no subject of its own after its
     * one paragraph goes on with that paragraph's work (one task) */
    if (k >= 1 && k + 1 == nk && n->kind == NQX_NODE_HEADING && n->label &&
        (unsigned char)n->label[0] >= 0x80 &&
        c->d->nodes[c->kids[ni][k - 1]].kind == NQX_NODE_PARA &&
        !c->nkids[c->kids[ni][k - 1]] && S_followup_para(c, c->kids[ni][k])) {
        nqx_node *p = &c->d->nodes[c->kids[ni][k - 1]];
        size_t pe = p->end, pbe = p->body_end;
        p->end = c->d->nodes[c->kids[ni][k]].end;
        p->body_end = c->d->nodes[c->kids[ni][k]].body_end;
        c->nkids[ni] = k;
        r = S_node_own(c, ni, inh, block, blk);
        c->nkids[ni] = nk;
        p->end = pe;
        p->body_end = pbe;
        return r;
    }
    n->body_end = S_trim_end(c->text, n->start,
                             c->d->nodes[c->kids[ni][k]].start);
    if (c->wrap_doc < 0) {
        c->wrap_at = c->d->nodes[c->kids[ni][k]].start;
        c->wrap_doc = n->doc_index;
    }
    c->nkids[ni] = k;
    r = S_node_own(c, ni, inh, block, blk);
    c->nkids[ni] = nk;
    n->body_end = bend;
    /* read under the item's parent: the item's own time is not theirs;
     * only sentences with a subject of their own give tasks there */
    c->no_bare = 1;
    for (; k < nk && !c->st; k++) {
        int ki = c->kids[ni][k];
        if (c->d->nodes[ki].kind == NQX_NODE_PARA && !c->excluded[ki])
            S_prose(c, n->parent >= 0 ? n->parent : ki,
                    c->d->nodes[ki].start, c->d->nodes[ki].body_end);
    }
    c->no_bare = 0;
    return r;
}

/* Whether ni's children are all paragraphs: a numbered heading over
 * running text only ("2.1. Đẩy mạnh hoàn thiện thể chế ..." then its
 * paragraphs) is one piece of work, an item of the block it stands in;
 * not a section's title in capitals. */
static int S_paras_only(const S_ctx *c, int ni)
{
    const nqx_node *n = &c->d->nodes[ni];
    size_t k, cs = S_content_start(c, n);
    /* a section's title in capitals ("IV. BẢNG LƯƠNG ...") is no item */
    if (n->end <= cs || nqx_ext_all_caps(c->text + cs, n->end - cs))
        return 0;
    for (k = 0; k < c->nkids[ni]; k++)
        if (c->d->nodes[c->kids[ni][k]].kind != NQX_NODE_PARA)
            return 0;
    return 1;
}

/* Whether paragraph ni only finishes a list of names the line before
 * opened with a colon and a line break split ("1. Chủ tịch Ủy ban nhân
 * dân các tỉnh ..., trong đó trọng tâm là các tỉnh:" / "Đắk Lắk, Khánh
 * Hòa, Gia Lai và Lâm Đồng:"): proper names, commas and "và" only. It
 * belongs to the intro before it and is no work of its own. */
static int S_name_tail(S_ctx *c, int ni)
{
    const nqx_node *n = &c->d->nodes[ni];
    size_t p = n->start, k;
    nqx_toks t;
    int ok;
    if (n->kind != NQX_NODE_PARA || c->nkids[ni])
        return 0;
    while (p > 0 && (c->text[p - 1] == ' ' || c->text[p - 1] == '\n' ||
                     c->text[p - 1] == '*'))
        p--;
    if (p == 0 || c->text[p - 1] != ':')
        return 0;
    if (nqx_ext_tokens(c->text, n->start, n->end, &t)) {
        c->st = NQX_ENOMEM;
        return 0;
    }
    ok = t.n >= 2 && t.n <= 24;
    for (k = 0; ok && k < t.n; k++)
        if (!t.v[k].cap && strcmp(t.v[k].lower, "và") != 0)
            ok = 0;
    nqx_toks_free(&t);
    return ok;
}

static void S_walk(S_ctx *c, const int *kids, size_t nk, const S_ags *inh,
                   int block)
{
    S_ags cur = *inh, blk;
    int cblock = block, sib = 0, quoted = 0, qkind = 0;
    size_t k;
    for (k = 0; k < nk && !c->st; k++) {
        int ni = kids[k];
        const nqx_node *n = &c->d->nodes[ni];
        size_t vs, ve;
        nqx_role r;
        /* the bodies a page's account of a directive names ("...,
         * Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh
         * ...:", or a paragraph after it: "Bộ Y tế:") lead the points
         * quoted right after it, not the page's prose or the full text
         * that follows */
        if (quoted) {
            /* the run of points of one kind (bullets, or numbered items)
             * right after it */
            int kind = n->kind == NQX_NODE_BULLET ? 1 : S_numbered(n) ? 2 : 3;
            if (!qkind && kind != 3)
                qkind = kind;
            if (kind != qkind) {
                cur = *inh;
                cblock = block;
                quoted = 0;
            }
        }
        if (c->excluded[ni] == 1)
            continue;
        if (n->kind == NQX_NODE_TABLE) {
            S_table(c, ni);
            continue;
        }
        if (n->kind != NQX_NODE_PARA && !S_keeps_header(c, ni))
            c->have_header = 0;
        if (n->kind == NQX_NODE_FOOTNOTE || n->kind == NQX_NODE_SIGNATURE ||
            n->kind == NQX_NODE_RECIPIENTS || n->kind == NQX_NODE_ROW)
            continue;
        if (S_label_kind(c, n, &vs, &ve, &r) || S_name_tail(c, ni))
            continue;
        blk.n = 0;
        if (c->wrap_doc >= 0 && n->doc_index == c->wrap_doc && n->start >= c->wrap_at &&
            cur.n && cur.v[0].name.start < c->wrap_at) {
            /* after the document's wrap-up no block named before it goes
             * on; a block opened after it (a quoted text's) does */
            cur.n = 0;
            cblock = 0;
            inh = &cur;
            block = 0;
        }
        /* a block opened by a sibling paragraph covers the items after
         * it, not a heading with a structure of its own */
        if (n->kind == NQX_NODE_HEADING && c->nkids[ni] && sib &&
            !(S_numbered(n) && S_paras_only(c, ni))) {
            if (S_node(c, ni, inh, block, &blk)) {
                cur = blk;
                cblock = 1;
            }
            continue;
        }
        if (n->kind == NQX_NODE_PARA && !c->nkids[ni] && k + 1 < nk &&
            S_followup_para(c, kids[k + 1])) {
            /* read the two as one paragraph: S_prose keeps the follow-up
             * with the task before it */
            size_t end = n->end, bend = n->body_end;
            int got;
            c->d->nodes[ni].end = c->d->nodes[kids[k + 1]].end;
            c->d->nodes[ni].body_end = c->d->nodes[kids[k + 1]].body_end;
            got = S_node(c, ni, &cur, cblock, &blk);
            c->d->nodes[ni].end = end;
            c->d->nodes[ni].body_end = bend;
            k++;
            if (got) {
                cur = blk;
                cblock = 1;
                sib = 1;
            }
            continue;
        }
        if (S_node(c, ni, &cur, cblock, &blk)) {
            cur = blk;
            cblock = 1;
            sib = 1;
            quoted = c->inquote[ni] || (c->excluded[ni] == 3 && S_directive_leadin(c, n));
            qkind = 0;
        }
    }
}

/* Whether text[s..e) ends with a colon (trailing spaces and markup
 * aside). */
static int S_ends_colon(const char *text, size_t s, size_t e)
{
    while (e > s && (text[e - 1] == ' ' || text[e - 1] == '*'))
        e--;
    return e > s && text[e - 1] == ':';
}

/* Nodes that yield no task: what describes or aims (nontask headings),
 * and what comes before the first heading of a document. */
/* Whether paragraph n ends with ':' and opens the work of a text
 * (task_work_leadin: "... được tổ chức thực hiện như sau:"). */
static int S_opens_work(const S_ctx *c, const nqx_node *n)
{
    size_t ov[2 * S_OVN];
    return c->p_workin && n->kind == NQX_NODE_PARA &&
           S_ends_colon(c->text, n->start, n->end) &&
           nqx_gram_match(c->p_workin, c->text, n->end, n->start, ov, S_OVN) > 0;
}

/* Whether paragraph n reports a directive and quotes its work below
 * (task_directive_leadin: "..., Thủ tướng Chính phủ yêu cầu:"). */
static int S_directive_leadin(const S_ctx *c, const nqx_node *n)
{
    size_t ov[2 * S_OVN];
    return c->p_directin && n->kind == NQX_NODE_PARA &&
           S_ends_colon(c->text, n->start, n->end) &&
           nqx_gram_match(c->p_directin, c->text, n->end, n->start, ov, S_OVN) > 0;
}

static void S_exclude(S_ctx *c)
{
    size_t i;
    int seen_heading = 0, doc = -1, footer = 0, quoted = 0, signed_ = 0, notes = 0;
    for (i = 0; i < c->d->nnodes; i++) {
        const nqx_node *n = &c->d->nodes[i];
        size_t ov[2 * S_OVN];
        if (n->doc_index != doc) {
            doc = n->doc_index;
            seen_heading = 0;
            footer = 0;
            quoted = 0;
            signed_ = notes = 0;
        }
        /* the footnotes printed after the signature ("[1] Thông báo số
         * ...", "[2] Bộ" / "Giáo dục và Đào tạo, Bộ Ngoại giao, ..."):
         * the lines a page broke off a note are the note's, up to the
         * next heading, item or table */
        if (n->kind == NQX_NODE_SIGNATURE)
            signed_ = 1;
        else if (n->kind == NQX_NODE_FOOTNOTE && signed_ && n->parent < 0)
            notes = 1;
        else if (notes && n->parent < 0 && n->kind != NQX_NODE_PARA)
            notes = 0;
        if (notes && n->kind == NQX_NODE_PARA && n->parent < 0)
            c->excluded[i] = 1;
        /* a page's next question ("... được quy định như thế nào?",
         * task_page_question) ends the work its account of a directive
         * quoted: the site's own prose follows */
        if (quoted && n->kind == NQX_NODE_PARA && c->p_question &&
            nqx_gram_match(c->p_question, c->text, n->end, n->start, ov, S_OVN) > 0) {
            quoted = 0;
            seen_heading = 0;
        }
        /* a web page's footer ("Văn bản liên quan", task_site_footer):
         * nothing after it in this document is work */
        if (!footer && c->p_footer &&
            nqx_gram_match(c->p_footer, c->text, n->end, n->start, ov, S_OVN) > 0) {
            size_t *nf = realloc(c->foot, (c->nfoot + 1) * sizeof *nf);
            footer = 1;
            if (!nf) {
                c->st = NQX_ENOMEM;
                return;
            }
            c->foot = nf;
            c->foot[c->nfoot++] = n->start;
        }
        if (footer) {
            c->excluded[i] = 1;
            continue;
        }
        /* a web page's image caption ("... (Hình từ Internet)") stands
         * between two parts of the page: the item before it ends there,
         * the page's next part is none of its text (S_clip_footer) */
        if (n->kind == NQX_NODE_FOOTNOTE && n->label &&
            (strcmp(n->label, "Hình") == 0 || strcmp(n->label, "Ảnh") == 0)) {
            size_t *nf = realloc(c->foot, (c->nfoot + 1) * sizeof *nf);
            if (!nf) {
                c->st = NQX_ENOMEM;
                return;
            }
            c->foot = nf;
            c->foot[c->nfoot++] = n->start;
        }
        if (n->parent >= 0 && c->excluded[n->parent] == 1) {
            c->excluded[i] = 1;
            /* the lead-in below (task_work_leadin), hung by the outline
             * under the item before it */
            if (!seen_heading && S_opens_work(c, n))
                seen_heading = 1;
            continue;
        }
        if (n->parent >= 0)
            c->excluded[i] = c->excluded[n->parent];
        if (n->parent < 0 && S_numbered(n))
            seen_heading = 1, quoted = 0;
        if (quoted && n->parent < 0 && n->kind == NQX_NODE_PARA)
            c->inquote[i] = 1;
        /* the preamble ("..., Ban Thường vụ ban hành Kế hoạch như sau:")
         * assigns nothing; an assignment table there still does */
        if (n->parent < 0 && !seen_heading && n->kind != NQX_NODE_TABLE)
            c->excluded[i] = 1;
        /* except where it hands the work below to bodies ("..., Chính phủ
         * yêu cầu các bộ, ngành thực hiện các nhiệm vụ sau:"): 3 */
        if (c->excluded[i] == 1 && n->parent < 0 && !seen_heading &&
            n->kind == NQX_NODE_PARA && S_ends_colon(c->text, n->start, n->end)) {
            c->excluded[i] = 3;
            /* "..., kế hoạch được tổ chức thực hiện như sau:" in a text
             * with no numbered sections (a page that quotes a plan): the
             * work begins after it, as after a heading */
            if (S_opens_work(c, n))
                seen_heading = 1;
            /* "..., Thủ tướng Chính phủ yêu cầu:" (a page's account of a
             * directive): the same, up to the page's next question */
            else if (S_directive_leadin(c, n))
                seen_heading = quoted = 1;
        }
        if (n->kind == NQX_NODE_FOOTNOTE || n->kind == NQX_NODE_SIGNATURE ||
            n->kind == NQX_NODE_RECIPIENTS)
            c->excluded[i] = 1;
        /* a telegram's sender line ("THỦ TƯỚNG CHÍNH PHỦ điện:",
         * task_telegram_sender) addresses the text, it hands out nothing */
        if (c->excluded[i] == 3 && c->p_tgsender &&
            nqx_gram_match(c->p_tgsender, c->text, n->end, n->start, ov, S_OVN) > 0)
            c->excluded[i] = 1;
        if (n->kind == NQX_NODE_HEADING && c->p_descr &&
            nqx_gram_match(c->p_descr, c->text, n->end, n->start, ov, S_OVN) > 0)
            c->excluded[i] = 1;
        else if (n->kind == NQX_NODE_HEADING && c->p_aim && !c->excluded[i] &&
                 nqx_gram_match(c->p_aim, c->text, n->end, n->start, ov, S_OVN) > 0)
            c->excluded[i] = 2;
    }
}

/* The word lists the task reader uses, tokenized and folded once per
 * grammar (nqx_gram_cache_*): loading them per document cost about half a
 * millisecond, a sixth of extraction time on short documents. */
typedef struct {
    nqx_agx *agx;
    nqx_wlex subjv, fronted, repv, repp, coord, roles, columns, chutri,
        tquals, inserted, cdescr, tleadin, tnend, follow, semiv, repnouns, ordinals,
        directs, relays;
} S_lexset;

static const char S_lexset_tag = 0;

static void S_lexset_free(void *p)
{
    S_lexset *l = p;
    if (!l)
        return;
    nqx_agx_free(l->agx);
    nqx_wlex_free(&l->subjv);
    nqx_wlex_free(&l->fronted);
    nqx_wlex_free(&l->repv);
    nqx_wlex_free(&l->repp);
    nqx_wlex_free(&l->coord);
    nqx_wlex_free(&l->roles);
    nqx_wlex_free(&l->columns);
    nqx_wlex_free(&l->chutri);
    nqx_wlex_free(&l->tquals);
    nqx_wlex_free(&l->inserted);
    nqx_wlex_free(&l->cdescr);
    nqx_wlex_free(&l->tleadin);
    nqx_wlex_free(&l->tnend);
    nqx_wlex_free(&l->follow);
    nqx_wlex_free(&l->semiv);
    nqx_wlex_free(&l->repnouns);
    nqx_wlex_free(&l->ordinals);
    nqx_wlex_free(&l->directs);
    nqx_wlex_free(&l->relays);
    free(l);
}

/* The grammar's word lists, loaded on first use; NULL on out of memory. */
static const S_lexset *S_lexset_get(const nqx_grammar *g)
{
    S_lexset *l = nqx_gram_cache_get(g, &S_lexset_tag);
    if (l)
        return l;
    l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    if (nqx_agx_new(g, &l->agx) || nqx_wlex_load(g, "task_subject_verbs", &l->subjv) ||
        nqx_wlex_load(g, "task_fronted", &l->fronted) ||
        nqx_wlex_load(g, "task_report_verbs", &l->repv) ||
        nqx_wlex_load(g, "task_report_preps", &l->repp) ||
        nqx_wlex_load(g, "task_coord_cues", &l->coord) ||
        nqx_wlex_load(g, "task_label_roles", &l->roles) ||
        nqx_wlex_load(g, "task_columns", &l->columns) ||
        nqx_wlex_load(g, "task_lead_verbs", &l->chutri) ||
        nqx_wlex_load(g, "task_title_qualifiers", &l->tquals) ||
        nqx_wlex_load(g, "task_inserted", &l->inserted) ||
        nqx_wlex_load(g, "task_colon_descr", &l->cdescr) ||
        nqx_wlex_load(g, "task_title_leadin", &l->tleadin) ||
        nqx_wlex_load(g, "task_title_name_ends", &l->tnend) ||
        nqx_wlex_load(g, "task_followup_cues", &l->follow) ||
        nqx_wlex_load(g, "task_semicolon_verbs", &l->semiv) ||
        nqx_wlex_load(g, "task_report_nouns", &l->repnouns) ||
        nqx_wlex_load(g, "task_ordinals", &l->ordinals) ||
        nqx_wlex_load(g, "task_directs", &l->directs) ||
        nqx_wlex_load(g, "task_report_relays", &l->relays) ||
        nqx_gram_cache_put(g, &S_lexset_tag, l, S_lexset_free)) {
        S_lexset_free(l);
        return NULL;
    }
    return l;
}

static void S_ctx_free(S_ctx *c)
{
    size_t i;
    nqx_toks_free(&c->kept);
    /* the word lists belong to the grammar's cache */
    if (c->kids)
        for (i = 0; i < c->d->nnodes; i++)
            free(c->kids[i]);
    free(c->kids);
    free(c->nkids);
    free(c->roots);
    free(c->excluded);
    free(c->inquote);
    free(c->bodyp);
    free(c->foot);
    free(c->tspans);
}

nqx_status nqx_ext_tasks(const nqx_grammar *g, const char *text, size_t len,
                         nqx_doc *d, nqx_error *err)
{
    S_ctx c;
    size_t i, nn = d->nnodes;
    S_ags none;
    const S_lexset *lex;

    memset(&c, 0, sizeof c);
    c.wrap_doc = -1;
    c.g = g;
    c.text = text;
    c.len = len;
    c.d = d;
    none.n = 0;
    if (!nn)
        return NQX_OK;
    c.p_role = nqx_gram_pattern(g, "task_role_label");
    c.p_time = nqx_gram_pattern(g, "task_time_label");
    c.p_descr = nqx_gram_pattern(g, "task_descriptive_heading");
    c.p_aim = nqx_gram_pattern(g, "task_aim_heading");
    c.p_workin = nqx_gram_pattern(g, "task_work_leadin");
    c.p_bare_time = nqx_gram_pattern(g, "task_label_bare_time");
    c.p_bare_date = nqx_gram_pattern(g, "task_label_bare_date");
    c.p_closing = nqx_gram_pattern(g, "task_closing_para");
    c.p_wrapup = nqx_gram_pattern(g, "task_wrapup_para");
    c.p_bare = nqx_gram_pattern(g, "task_bare_intro");
    c.p_handout = nqx_gram_pattern(g, "task_preamble_handout");
    c.p_footer = nqx_gram_pattern(g, "task_site_footer");
    c.p_tgsender = nqx_gram_pattern(g, "task_telegram_sender");
    c.p_directin = nqx_gram_pattern(g, "task_directive_leadin");
    c.p_question = nqx_gram_pattern(g, "task_page_question");
    c.p_limit = nqx_gram_pattern(g, "task_fronted_limit");
    c.p_done = nqx_gram_pattern(g, "task_completion_time");
    c.p_compet = nqx_gram_pattern(g, "task_competence_label");
    c.p_cases = nqx_gram_pattern(g, "task_cases_leadin");
    c.p_addr = nqx_gram_pattern(g, "task_addressee");
    c.p_issuer = nqx_gram_pattern(g, "task_issuer_act");
    c.kids = calloc(nn, sizeof *c.kids);
    c.nkids = calloc(nn, sizeof *c.nkids);
    c.roots = calloc(nn, sizeof *c.roots);
    c.excluded = calloc(nn, 1);
    c.inquote = calloc(nn, 1);
    c.bodyp = calloc(nn, 1);
    for (i = 0; i < d->nrecords; i++)
        c.ntspans += d->records[i].kind == NQX_TARGET;
    if (c.ntspans && (c.tspans = malloc(2 * c.ntspans * sizeof *c.tspans))) {
        size_t k = 0;
        for (i = 0; i < d->nrecords; i++)
            if (d->records[i].kind == NQX_TARGET) {
                c.tspans[2 * k] = d->records[i].start;
                c.tspans[2 * k + 1] = d->records[i].end;
                k++;
            }
        qsort(c.tspans, c.ntspans, 2 * sizeof *c.tspans, S_span_cmp);
    }
    lex = S_lexset_get(g);
    if (lex) { /* shallow copies: the lists stay the grammar's */
        c.agx = lex->agx;
        c.subjv = lex->subjv;
        c.fronted = lex->fronted;
        c.repv = lex->repv;
        c.repp = lex->repp;
        c.coord = lex->coord;
        c.roles = lex->roles;
        c.columns = lex->columns;
        c.chutri = lex->chutri;
        c.tquals = lex->tquals;
        c.inserted = lex->inserted;
        c.cdescr = lex->cdescr;
        c.tleadin = lex->tleadin;
        c.tnend = lex->tnend;
        c.follow = lex->follow;
        c.semiv = lex->semiv;
        c.repnouns = lex->repnouns;
        c.ordinals = lex->ordinals;
        c.directs = lex->directs;
        c.relays = lex->relays;
    }
    if (!c.kids || !c.nkids || !c.roots || !c.excluded || !c.inquote || !c.bodyp || !lex ||
        (c.ntspans && !c.tspans)) {
        S_ctx_free(&c);
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    for (i = 0; i < nn; i++) {
        int p = d->nodes[i].parent;
        if (p >= 0 && (size_t)p < nn)
            c.nkids[p]++;
    }
    for (i = 0; i < nn; i++) {
        if (c.nkids[i] && !(c.kids[i] = malloc(c.nkids[i] * sizeof **c.kids))) {
            S_ctx_free(&c);
            return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
        }
        c.nkids[i] = 0;
    }
    for (i = 0; i < nn; i++) {
        int p = d->nodes[i].parent;
        if (p >= 0 && (size_t)p < nn)
            c.kids[p][c.nkids[p]++] = (int)i;
        else
            c.roots[c.nroots++] = (int)i;
    }
    S_exclude(&c);
    S_walk(&c, c.roots, c.nroots, &none, 0);
    S_ctx_free(&c);
    if (c.st)
        return nqx_fail(err, c.st, NULL, -1, -1, "out of memory");
    return NQX_OK;
}
