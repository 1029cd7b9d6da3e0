/* deadline.c: deadline phrases -> the spec vocabulary; inheritance.
 *
 * The phrases are data (grammars/deadline.pcre): the lexicon
 * deadline_patterns names each pattern with the value template it yields,
 * deadline_exclusions names the patterns whose matches are no time. This
 * file only runs them, picks the first phrase, and fills the template.
 */
#include "ext.h"

#include <stdlib.h>
#include <string.h>

#define S_MAXGROUPS 32
#define S_MAXEXCL 64

typedef struct {
    size_t start, end;
} S_span;

/* Spans of every exclusion match in s[0..n). */
static size_t S_exclusions(const nqx_grammar *g, const char *s, size_t n,
                           S_span *out, size_t cap)
{
    const nqx_lexicon *lx = nqx_gram_lexicon(g, "deadline_exclusions");
    size_t i, k = 0;
    if (!lx)
        return 0;
    for (i = 0; i < lx->n; i++) {
        const nqx_pattern *p = nqx_gram_pattern(g, lx->entries[i].key);
        size_t ov[2], pos = 0;
        if (!p)
            continue;
        while (k < cap && pos < n && nqx_gram_match(p, s, n, pos, ov, 1) > 0) {
            out[k].start = ov[0];
            out[k].end = ov[1];
            k++;
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
    }
    return k;
}

static int S_overlaps(const S_span *ex, size_t nex, size_t a, size_t b)
{
    size_t i;
    for (i = 0; i < nex; i++)
        if (a < ex[i].end && ex[i].start < b)
            return 1;
    return 0;
}

/* A quarter as a digit: roman numerals, digits and number words. */
static int S_quarter(const char *s, size_t n)
{
    static const char *const names[][2] = {
        {"iv", "4"}, {"iii", "3"}, {"ii", "2"}, {"i", "1"},
        {"mot", "1"}, {"hai", "2"}, {"ba", "3"}, {"bon", "4"}, {"tu", "4"},
        {"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}};
    char *f = nqx_fold(s, n);
    int q = 0;
    size_t i;
    if (!f)
        return 0;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(f, names[i][0]) == 0) {
            q = names[i][1][0] - '0';
            break;
        }
    free(f);
    return q;
}

/* Fill tmpl ("{y}-{m}") from the groups of p's last match on s. Returns
 * 0, or -1 when a group is missing or out does not fit. */
static int S_fill(const nqx_pattern *p, const char *tmpl, const char *s,
                  const size_t *ov, int nov, char *out, size_t outsz)
{
    size_t o = 0;
    const char *t = tmpl;
    while (*t) {
        char piece[32];
        size_t plen;
        if (*t == '{') {
            const char *close = strchr(t, '}');
            char name[16];
            int gi;
            size_t a, b, gl;
            if (!close || (size_t)(close - t - 1) >= sizeof name)
                return -1;
            memcpy(name, t + 1, (size_t)(close - t - 1));
            name[close - t - 1] = '\0';
            gi = nqx_gram_group(p, name);
            if (gi < 0 || gi >= nov || ov[2 * gi] == SIZE_MAX)
                return -1;
            a = ov[2 * gi];
            b = ov[2 * gi + 1];
            gl = b - a;
            if (strcmp(name, "q") == 0) {
                int q = S_quarter(s + a, gl);
                if (!q)
                    return -1;
                snprintf(piece, sizeof piece, "%d", q);
            } else if (strcmp(name, "m") == 0 || strcmp(name, "d") == 0 ||
                       strcmp(name, "n") == 0) {
                long v = strtol(s + a, NULL, 10);
                snprintf(piece, sizeof piece, name[0] == 'n' ? "%ld" : "%02ld", v);
            } else {
                if (gl >= sizeof piece)
                    return -1;
                memcpy(piece, s + a, gl);
                piece[gl] = '\0';
            }
            t = close + 1;
        } else {
            piece[0] = *t++;
            piece[1] = '\0';
        }
        plen = strlen(piece);
        if (o + plen + 1 > outsz)
            return -1;
        memcpy(out + o, piece, plen);
        o += plen;
    }
    if (o >= outsz)
        return -1;
    out[o] = '\0';
    return 0;
}

int nqx_ext_deadline_from(const nqx_grammar *g, const char *s, size_t n,
                          size_t from, char *out, size_t outsz,
                          size_t *ms, size_t *me)
{
    const nqx_lexicon *lx = nqx_gram_lexicon(g, "deadline_patterns");
    S_span ex[S_MAXEXCL];
    size_t nex, i, best_s = SIZE_MAX, best_e = 0;
    int found = 0;
    if (!lx || from >= n || outsz == 0)
        return 0;
    nex = S_exclusions(g, s, n, ex, S_MAXEXCL);
    for (i = 0; i < lx->n; i++) {
        const nqx_pattern *p = nqx_gram_pattern(g, lx->entries[i].key);
        size_t ov[2 * S_MAXGROUPS], pos = from;
        int rc;
        if (!p || !lx->entries[i].value)
            continue;
        for (;;) {
            size_t k;
            char val[64];
            for (k = 0; k < 2 * S_MAXGROUPS; k++)
                ov[k] = SIZE_MAX;
            rc = nqx_gram_match(p, s, n, pos, ov, S_MAXGROUPS);
            if (rc <= 0 || ov[0] > best_s)
                break;
            /* Earliest start wins; at the same start the longer match,
             * then the earlier lexicon entry. */
            if (!S_overlaps(ex, nex, ov[0], ov[1]) &&
                (ov[0] < best_s || ov[1] - ov[0] > best_e - best_s) &&
                S_fill(p, lx->entries[i].value, s, ov, S_MAXGROUPS, val,
                       sizeof val) == 0 &&
                strlen(val) < outsz) {
                strcpy(out, val);
                best_s = ov[0];
                best_e = ov[1];
                found = 1;
                break;
            }
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            if (pos >= n)
                break;
        }
    }
    if (found) {
        if (ms)
            *ms = best_s;
        if (me)
            *me = best_e;
    }
    return found;
}

static int S_is_bound(const char *v)
{
    return strncmp(v, "R/", 2) != 0 && strcmp(v, "ongoing") != 0 &&
           strcmp(v, "conditional") != 0;
}

int nqx_ext_deadline(const nqx_grammar *g, const char *s, size_t n,
                     char *out, size_t outsz, size_t *ms, size_t *me)
{
    size_t a, b;
    if (!nqx_ext_deadline_from(g, s, n, 0, out, outsz, &a, &b))
        return 0;
    /* "Thực hiện thường xuyên đến năm 2025": a bound later in the same
     * sentence wins over "thường xuyên". */
    if (strcmp(out, "ongoing") == 0) {
        size_t stop = b, a2, b2;
        char v2[64];
        while (stop < n && s[stop] != '.' && s[stop] != ';' && s[stop] != '\n')
            stop++;
        if (nqx_ext_deadline_from(g, s, stop, b, v2, sizeof v2, &a2, &b2) &&
            S_is_bound(v2) && strlen(v2) < outsz) {
            strcpy(out, v2);
            a = a2;
            b = b2;
        }
    }
    if (ms)
        *ms = a;
    if (me)
        *me = b;
    return 1;
}

int nqx_ext_node_deadline(const nqx_grammar *g, const char *text,
                          const nqx_doc *d, size_t node, char *out,
                          size_t outsz)
{
    int p;
    if (node >= d->nnodes)
        return 0;
    for (p = d->nodes[node].parent; p >= 0; p = d->nodes[p].parent) {
        const nqx_node *a = &d->nodes[p];
        size_t ms, len = a->end > a->start ? a->end - a->start : 0;
        if (a->kind != NQX_NODE_HEADING && a->kind != NQX_NODE_ITEM &&
            a->kind != NQX_NODE_BULLET && a->kind != NQX_NODE_PARA)
            continue;
        /* A heading's time, or an item's leading time ("(4) Đến năm
         * 2025, ..."); a time deep inside a long item is its own. */
        if (nqx_ext_deadline(g, text + a->start, len, out, outsz, &ms, NULL) &&
            (a->kind == NQX_NODE_HEADING || ms < 120))
            return 1;
    }
    return 0;
}
