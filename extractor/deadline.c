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
/* How far (bytes) around a candidate an exclusion may start or end. */
#define S_EXCL_REACH 200
/* How far (bytes) after a condition a later time may replace it. */
#define S_YIELD_REACH 4096
/* Anchors (deadline_anchors) are looked for only when the patterns would
 * try this many start bytes or more: on shorter spans they cost more than
 * the patterns they spare. */
#define S_ANCHOR_SPAN 16
/* At most this many distinct anchors (a bit each) and anchors a pattern. */
#define S_MAXANCH 32
#define S_PATANCH 4

/* The deadline lexicons resolved to patterns once per grammar. The
 * patterns are tried cheapest scan first (nqx_gram_scan_cost): once a
 * phrase is found, later patterns only look up to its start, so finding
 * one early with a cheap pattern spares the costly scans. The winner does
 * not depend on this order (S_from breaks ties by lexicon position). */
typedef struct {
    const nqx_pattern *p;
    const char *tmpl; /* the value template */
    size_t index;     /* position in deadline_patterns */
    /* anchors (indices in S_dlset.anch): every match holds them all */
    unsigned char anchv[S_PATANCH];
    size_t nanch;
} S_dlpat;

/* What the anchors were found to be in one subject s[0..n) (a copy of
 * it, so that a later call with the same bytes, wherever they lie, can
 * tell): the extractor asks for the deadline of the same sentence or
 * paragraph several times (each phrase in turn from a later byte, an
 * enclosing heading for each record under it), and each ask scanned the
 * whole span for each anchor again. For an anchor that
 * nqx_gram_offset_free says it of (all of grammars/deadline.pcre's),
 * whether a match starts at a byte depends on the subject only, not on
 * where the search began: the first start found from q is also the
 * first from any byte in [q, first], and none from q means none from
 * any later byte. The match limits cannot tell them apart either: a
 * search from a later byte does a part of the work of one from q. */
#define S_SLOTS 4
#define S_SLOT_MAX 65536 /* longer subjects are not kept (copied) */
/* The answer of one S_from call (its arguments from, last and outsz
 * beside the slot's bytes, which decide it): a seventh of the calls on
 * the textcorpus ask again what an earlier one did (the same sentence
 * for a task's own time, then for its label or lead-in). Eight a slot,
 * the oldest replaced. */
#define S_MEMOS 8
/* patterns whose searches a slot keeps (the first S_MAXPATS) */
#define S_MAXPATS 64
typedef struct {
    size_t from, last, outsz;
    int found;
    size_t ms, me;
    char val[64];
} S_memo;
typedef struct {
    char *text;              /* the subject's bytes (owned) */
    size_t n;
    unsigned long stamp;     /* last use, for replacing the oldest */
    unsigned known;          /* anchors with a search below */
    size_t qfrom[S_MAXANCH]; /* where the search began */
    size_t first[S_MAXANCH]; /* its first start, SIZE_MAX for none */
    unsigned lastk;          /* anchors with S_last_anchor below */
    size_t lastof[S_MAXANCH], last[S_MAXANCH]; /* its argument, result */
    /* whole answers of S_from on these bytes (S_memo) */
    S_memo memo[S_MEMOS];
    unsigned nmemo, memo_next;
    /* The first search of pattern i (set->pats[i], bit i of pknown) in
     * an S_from call on these bytes: from pq[i], no start after pl[i],
     * its first match starting at pm[i] (SIZE_MAX: none). As for the
     * anchors, for an offset-free pattern the first start from pq is
     * also the first from any byte up to it, and none up to pl means
     * none from a later byte up to pl either: the extractor asks for
     * the phrases of a stretch one after another (each from the end of
     * the last), and each ask searched every pattern again. */
    unsigned long long pknown;
    size_t pq[S_MAXPATS], pl[S_MAXPATS], pm[S_MAXPATS];
} S_slot;

typedef struct {
    S_dlpat *pats;
    size_t npats;
    const nqx_pattern **excl; /* deadline_exclusions */
    size_t nexcl;
    /* each exclusion's anchors (deadline_exclusion_anchors), as dp's */
    unsigned char (*xanchv)[S_PATANCH];
    size_t *nxanch;
    const nqx_pattern *anch[S_MAXANCH]; /* distinct anchors */
    size_t nanch;
    unsigned keep; /* bit k: anch[k] is offset-free, kept in slots */
    unsigned long long pkeep; /* bit i: pats[i] is, likewise */
    S_slot slot[S_SLOTS];
    unsigned long clock;
} S_dlset;

static const char S_dlset_tag = 0;

static void S_dlset_free(void *v)
{
    S_dlset *set = v;
    size_t i;
    if (!set)
        return;
    for (i = 0; i < S_SLOTS; i++)
        free(set->slot[i].text);
    free(set->pats);
    free(set->excl);
    free(set->xanchv);
    free(set->nxanch);
    free(set);
}

static int S_by_cost(const void *a, const void *b)
{
    const S_dlpat *x = a, *y = b;
    int cx = nqx_gram_scan_cost(x->p), cy = nqx_gram_scan_cost(y->p);
    if (cx != cy)
        return cx < cy ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Fill anchv, *nanch with the anchors of al's entry for name (a
 * pattern's: deadline_anchors, an exclusion's:
 * deadline_exclusion_anchors). None (the pattern always runs) when it
 * has no entry or the entry names an unknown pattern. */
static void S_anchors_of(const nqx_grammar *g, S_dlset *set,
                         const nqx_lexicon *al, unsigned char *anchv,
                         size_t *nanch, const char *name)
{
    size_t i, j;
    *nanch = 0;
    for (i = 0; al && i < al->n; i++) {
        const char *v = al->entries[i].value;
        size_t k = 0;
        if (strcmp(al->entries[i].key, name) != 0 || !v)
            continue;
        while (*v) {
            char an[64];
            size_t l = strcspn(v, " \t");
            const nqx_pattern *p;
            if (l == 0) {
                v++;
                continue;
            }
            if (l >= sizeof an || k == S_PATANCH) {
                *nanch = 0;
                return;
            }
            memcpy(an, v, l);
            an[l] = '\0';
            v += l;
            if (!(p = nqx_gram_pattern(g, an))) {
                *nanch = 0;
                return;
            }
            for (j = 0; j < set->nanch && set->anch[j] != p; j++)
                ;
            if (j == set->nanch) {
                if (j == S_MAXANCH) {
                    *nanch = 0;
                    return;
                }
                set->anch[set->nanch++] = p;
            }
            anchv[k++] = (unsigned char)j;
        }
        *nanch = k;
        return;
    }
}

/* The grammar's set, built on first use; *owned says the caller must
 * free it (the grammar's cache was full). NULL on out of memory. */
static S_dlset *S_dlset_get(const nqx_grammar *g, S_dlset **owned)
{
    const nqx_lexicon *lx, *xl, *al, *xal;
    S_dlset *set = nqx_gram_cache_get(g, &S_dlset_tag);
    size_t i;
    *owned = NULL;
    if (set) /* the usual case: no lexicon looked up by name */
        return set;
    lx = nqx_gram_lexicon(g, "deadline_patterns");
    xl = nqx_gram_lexicon(g, "deadline_exclusions");
    al = nqx_gram_lexicon(g, "deadline_anchors");
    xal = nqx_gram_lexicon(g, "deadline_exclusion_anchors");
    set = calloc(1, sizeof *set);
    if (!set)
        return NULL;
    if ((lx && lx->n && !(set->pats = malloc(lx->n * sizeof *set->pats))) ||
        (xl && xl->n && (!(set->excl = malloc(xl->n * sizeof *set->excl)) ||
                         !(set->xanchv = malloc(xl->n * sizeof *set->xanchv)) ||
                         !(set->nxanch = malloc(xl->n * sizeof *set->nxanch))))) {
        S_dlset_free(set);
        return NULL;
    }
    for (i = 0; lx && i < lx->n; i++) {
        const nqx_pattern *p = nqx_gram_pattern(g, lx->entries[i].key);
        if (!p || !lx->entries[i].value)
            continue;
        set->pats[set->npats].p = p;
        set->pats[set->npats].tmpl = lx->entries[i].value;
        S_anchors_of(g, set, al, set->pats[set->npats].anchv,
                     &set->pats[set->npats].nanch, lx->entries[i].key);
        set->pats[set->npats++].index = i;
    }
    if (set->npats > 1)
        qsort(set->pats, set->npats, sizeof *set->pats, S_by_cost);
    for (i = 0; xl && i < xl->n; i++) {
        const nqx_pattern *p = nqx_gram_pattern(g, xl->entries[i].key);
        if (!p)
            continue;
        S_anchors_of(g, set, xal, set->xanchv[set->nexcl],
                     &set->nxanch[set->nexcl], xl->entries[i].key);
        set->excl[set->nexcl++] = p;
    }
    for (i = 0; i < set->nanch; i++)
        if (nqx_gram_offset_free(set->anch[i]))
            set->keep |= 1u << i;
    for (i = 0; i < set->npats && i < S_MAXPATS; i++)
        if (nqx_gram_offset_free(set->pats[i].p))
            set->pkeep |= 1ull << i;
    if (nqx_gram_cache_put(g, &S_dlset_tag, set, S_dlset_free))
        *owned = set;
    return set;
}

/* A quarter as a digit: roman numerals, digits and number words. */
static int S_quarter(const char *s, size_t n)
{
    static const char *const names[][2] = {
        {"iv", "4"}, {"iii", "3"}, {"ii", "2"}, {"i", "1"},
        /* OCR reads the numeral I as l */
        {"lv", "4"}, {"lll", "3"}, {"ll", "2"}, {"l", "1"},
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
            /* q, q1, q2: a quarter; m, d, m1, d2 ...: zero-padded */
            if (name[0] == 'q' && (!name[1] || (name[1] >= '1' && name[1] <= '9' && !name[2]))) {
                int q = S_quarter(s + a, gl);
                if (!q)
                    return -1;
                snprintf(piece, sizeof piece, "%d", q);
            } else if ((name[0] == 'm' || name[0] == 'd' || name[0] == 'n') &&
                       (!name[1] || (name[1] >= '1' && name[1] <= '9' && !name[2]))) {
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

/* Text may still hold markup (**, *, _, #, \\): patterns read a copy with
 * those bytes blanked, so offsets stay the same. NULL when none. */
static char *S_unmarked(const char *s, size_t n)
{
    size_t i;
    char *m;
    /* clean text (the usual case) is told by four memchr, much faster
     * than a loop over the bytes: this runs at every deadline search */
    if (!memchr(s, '*', n) && !memchr(s, '_', n) && !memchr(s, '#', n) &&
        !memchr(s, '\\', n))
        return NULL;
    if (!(m = malloc(n + 1)))
        return NULL;
    for (i = 0; i < n; i++)
        m[i] = (s[i] == '*' || s[i] == '_' || s[i] == '#' || s[i] == '\\') ? ' ' : s[i];
    m[n] = '\0';
    return m;
}

static int S_from(const nqx_grammar *g, const char *s, size_t n, size_t from,
                  size_t last, char *out, size_t outsz, size_t *ms,
                  size_t *me);

int nqx_ext_deadline_from(const nqx_grammar *g, const char *s, size_t n,
                          size_t from, char *out, size_t outsz,
                          size_t *ms, size_t *me)
{
    char *m = S_unmarked(s, n);
    int r = S_from(g, m ? m : s, n, from, SIZE_MAX, out, outsz, ms, me);
    free(m);
    return r;
}

int nqx_ext_deadline_upto(const nqx_grammar *g, const char *s, size_t n,
                          size_t from, size_t last, char *out, size_t outsz,
                          size_t *ms, size_t *me)
{
    char *m = S_unmarked(s, n);
    /* the earliest phrase starts by last exactly when one does, and among
     * those the same one wins: later starts need not be tried */
    int r = S_from(g, m ? m : s, n, from, last, out, outsz, ms, me);
    free(m);
    return r;
}

/* The start of the last match of anchor p in s[0..n), given the first
 * one's start (the search for it began at or before first); SIZE_MAX
 * when unknown (a limit hit, or more than S_LASTTRIES matches). Every
 * start is visited: each search begins at the character after the last
 * start, so matches that overlap are found too. */
#define S_LASTTRIES 16
static size_t S_last_anchor(const nqx_pattern *p, const char *s, size_t n,
                            size_t first)
{
    size_t at = first, q, ov[2];
    int k, rc;
    for (k = 0; k < S_LASTTRIES; k++) {
        for (q = at + 1; q < n && ((unsigned char)s[q] & 0xC0) == 0x80;)
            q++;
        if (q > n || (rc = nqx_gram_match(p, s, n, q, ov, 1)) == 0)
            return at;
        if (rc < 0)
            return SIZE_MAX;
        at = ov[0];
    }
    return SIZE_MAX;
}

/* The slot that holds s[0..n), made from the oldest when none does;
 * NULL when s is too long to keep or there is no memory. */
static S_slot *S_slot_of(S_dlset *set, const char *s, size_t n)
{
    S_slot *old = &set->slot[0];
    size_t i;
    char *t;
    if (n > S_SLOT_MAX)
        return NULL;
    set->clock++;
    for (i = 0; i < S_SLOTS; i++) {
        S_slot *sl = &set->slot[i];
        if (sl->text && sl->n == n && memcmp(sl->text, s, n) == 0) {
            sl->stamp = set->clock;
            return sl;
        }
        if (sl->stamp < old->stamp)
            old = sl;
    }
    if (!(t = realloc(old->text, n + 1))) /* (n + 1: never realloc 0) */
        return NULL;
    memcpy(t, s, n);
    old->text = t;
    old->n = n;
    old->stamp = set->clock;
    old->known = old->lastk = 0;
    old->pknown = 0;
    old->nmemo = old->memo_next = 0;
    return old;
}

/* What S_from knows of the anchors in its span s[from..n): those
 * looked for (known) and found (present), where the first and the last
 * match of each start (lastk: the last one looked for). */
typedef struct {
    S_dlset *set;
    const char *s;
    size_t n, from;
    S_slot *slot; /* s's slot (S_slot_of) */
    int tried;    /* S_slot_of asked (slot may still be NULL) */
    unsigned known, present, lastk;
    size_t firstat[S_MAXANCH], lastat[S_MAXANCH];
} S_anst;

/* Look anchor k up in st's span (see S_anchor_first). */
static void S_anchor_look(S_anst *st, size_t k)
{
    S_dlset *set = st->set;
    unsigned bit = 1u << k;
    size_t aov[2];
    S_slot *sl = NULL;
    int arc;
    if (set->keep & bit) {
        if (!st->tried) {
            st->tried = 1;
            st->slot = S_slot_of(set, st->s, st->n);
        }
        sl = st->slot;
    }
    if (sl && (sl->known & bit) && sl->qfrom[k] <= st->from &&
        st->from <= sl->first[k]) {
        /* (first SIZE_MAX: none from qfrom on) */
        arc = sl->first[k] != SIZE_MAX;
        aov[0] = sl->first[k];
    } else {
        arc = nqx_gram_match(set->anch[k], st->s, st->n, st->from, aov, 1);
        if (sl && arc >= 0) { /* (not a limit's stop) */
            sl->known |= bit;
            sl->qfrom[k] = st->from;
            sl->first[k] = arc > 0 ? aov[0] : SIZE_MAX;
        }
    }
    st->known |= bit;
    if (arc != 0)
        st->present |= bit;
    st->firstat[k] = arc > 0 ? aov[0] : SIZE_MAX;
}

/* Is anchor k in st's span? Looked for once (and kept in the slot). */
static int S_anchor_first(S_anst *st, size_t k)
{
    if (!(st->known & (1u << k)))
        S_anchor_look(st, k);
    return (st->present & (1u << k)) != 0;
}

/* The start of the last match of anchor k in st's span, SIZE_MAX when
 * unknown (S_last_anchor); k was looked for (S_anchor_first). */
static size_t S_anchor_last(S_anst *st, size_t k)
{
    unsigned bit = 1u << k;
    if (!(st->lastk & bit)) {
        /* (a kept anchor was looked for: slot is set) */
        S_slot *sl = st->set->keep & bit ? st->slot : NULL;
        st->lastk |= bit;
        if (st->firstat[k] == SIZE_MAX)
            st->lastat[k] = SIZE_MAX;
        else if (sl && (sl->lastk & bit) && sl->lastof[k] == st->firstat[k])
            st->lastat[k] = sl->last[k];
        else {
            st->lastat[k] = S_last_anchor(st->set->anch[k], st->s, st->n,
                                          st->firstat[k]);
            if (sl) {
                sl->lastk |= bit;
                sl->lastof[k] = st->firstat[k];
                sl->last[k] = st->lastat[k];
            }
        }
    }
    return st->lastat[k];
}

/* Does an exclusion match overlap [a, b)? Exclusions are short phrases
 * around the candidate, so only a window around it is searched: the cost
 * stays bounded however long s is. */
static int S_excluded(const S_dlset *set, const char *s, size_t n,
                      size_t a, size_t b, S_anst *st)
{
    size_t i, lo = a > S_EXCL_REACH ? a - S_EXCL_REACH : 0,
              hi = b + S_EXCL_REACH < n ? b + S_EXCL_REACH : n;
    /* never cut a UTF-8 character: PCRE2 runs without its UTF check */
    while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80)
        lo--;
    while (hi < n && ((unsigned char)s[hi] & 0xC0) == 0x80)
        hi++;
    for (i = 0; i < set->nexcl; i++) {
        size_t ov[2], pos = lo, k;
        /* A match holds a match of each of the exclusion's anchors
         * (deadline_exclusion_anchors), which starts in [lo, hi): when
         * the window lies in st's span and S_from found none to start
         * there, the exclusion is not looked for. (Most candidates have
         * no "hằng", "thường xuyên" near: a tenth of S_from's time went
         * to these windows.) */
        for (k = 0; st && lo >= st->from && k < set->nxanch[i]; k++) {
            size_t an = set->xanchv[i][k];
            if (!S_anchor_first(st, an) ||
                (st->firstat[an] != SIZE_MAX && st->firstat[an] >= hi) ||
                ((st->lastk & (1u << an)) && st->lastat[an] < lo))
                break;
        }
        if (st && lo >= st->from && k < set->nxanch[i])
            continue;
        while (pos < b &&
               nqx_gram_match_upto(set->excl[i], s, hi, pos, b - 1, ov, 1) > 0) {
            if (ov[0] >= b)
                break;
            if (ov[1] > a)
                return 1;
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
    }
    return 0;
}

/* The first phrase of s[from..n) that starts at or before last. */
static int S_from(const nqx_grammar *g, const char *s, size_t n, size_t from,
                  size_t last, char *out, size_t outsz, size_t *ms,
                  size_t *me)
{
    S_dlset *owned, *set;
    S_slot *slot = NULL;
    int tried = 0; /* S_slot_of asked (slot may still be NULL) */
    size_t i, best_s = SIZE_MAX, best_e = 0, best_ix = 0;
    S_anst st;
    int found = 0, gate;
    if (from >= n || outsz == 0 || !(set = S_dlset_get(g, &owned)))
        return 0;
    gate = (last < n ? last : n) - from >= S_ANCHOR_SPAN;
    if (gate) {
        tried = 1;
        if ((slot = S_slot_of(set, s, n)) != NULL)
            for (i = 0; i < slot->nmemo; i++) {
                const S_memo *mm = &slot->memo[i];
                if (mm->from != from || mm->last != last || mm->outsz != outsz)
                    continue;
                if (mm->found) {
                    strcpy(out, mm->val);
                    if (ms)
                        *ms = mm->ms;
                    if (me)
                        *me = mm->me;
                }
                S_dlset_free(owned);
                return mm->found;
            }
    }
    st.set = set;
    st.s = s;
    st.n = n;
    st.from = from;
    st.slot = slot;
    st.tried = tried;
    st.known = st.present = st.lastk = 0;
    for (i = 0; i < set->npats; i++) {
        const S_dlpat *dp = &set->pats[i];
        size_t ov[2 * S_MAXGROUPS], pos = from, bound = SIZE_MAX;
        int rc;
        if (gate && dp->nanch) {
            /* A match of dp lies in s[from..n) and holds each anchor: an
             * anchor absent there means no match. Looked for in lexicon
             * order, once per span, and no further once one is absent. */
            int absent = 0;
            size_t a;
            for (a = 0; a < dp->nanch && !absent; a++)
                absent = !S_anchor_first(&st, dp->anchv[a]);
            if (absent)
                continue;
            /* and a match starts no later than the last start of each
             * anchor: the scan stops there, not at the span's end. (Not
             * looked for when the anchor's first start is past where
             * the scan stops anyway: the last is no earlier.) */
            for (a = 0; a < dp->nanch; a++) {
                size_t l, k = dp->anchv[a];
                if (st.firstat[k] >= (found ? best_s : last))
                    continue;
                l = S_anchor_last(&st, k);
                if (l < bound)
                    bound = l;
            }
        }
        /* the slot keeps this pattern's first search (S_slot) */
        S_slot *sl = gate && i < S_MAXPATS && (set->pkeep >> i & 1) ? st.slot
                                                                     : NULL;
        unsigned long long pbit = 1ull << (i < S_MAXPATS ? i : 0);
        for (;;) {
            /* only a phrase that starts no later than the best can win */
            size_t len, lim = found ? best_s : last;
            char val[64];
            if (bound < lim)
                lim = bound;
            /* groups from rc on are unset: S_fill reads only rc pairs */
            if (pos == from && sl && (sl->pknown & pbit) && sl->pq[i] <= pos &&
                (sl->pm[i] == SIZE_MAX ? lim <= sl->pl[i] : pos <= sl->pm[i]))
                /* (the match at pm, found again by a try there alone) */
                rc = sl->pm[i] == SIZE_MAX || sl->pm[i] > lim
                         ? 0
                         : nqx_gram_match_upto(dp->p, s, n, sl->pm[i],
                                               sl->pm[i], ov, S_MAXGROUPS);
            else {
                rc = nqx_gram_match_upto(dp->p, s, n, pos, lim, ov,
                                         S_MAXGROUPS);
                if (pos == from && sl && rc >= 0) { /* (not a limit's stop) */
                    sl->pknown |= pbit;
                    sl->pq[i] = pos;
                    sl->pl[i] = lim;
                    sl->pm[i] = rc > 0 ? ov[0] : SIZE_MAX;
                }
            }
            if (rc <= 0 || ov[0] > lim)
                break;
            /* Earliest start wins; at the same start the longer match,
             * then the earlier lexicon entry. */
            len = ov[1] - ov[0];
            if ((!found || ov[0] < best_s || len > best_e - best_s ||
                 (len == best_e - best_s && dp->index < best_ix)) &&
                !S_excluded(set, s, n, ov[0], ov[1], gate ? &st : NULL) &&
                S_fill(dp->p, dp->tmpl, s, ov, rc, val, sizeof val) == 0 &&
                strlen(val) < outsz) {
                strcpy(out, val);
                best_s = ov[0];
                best_e = ov[1];
                best_ix = dp->index;
                found = 1;
                break;
            }
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            if (pos >= n)
                break;
        }
    }
    slot = st.slot;
    if (slot && (!found || strlen(out) < sizeof slot->memo[0].val)) {
        S_memo *mm = &slot->memo[slot->memo_next];
        slot->memo_next = (slot->memo_next + 1) % S_MEMOS;
        if (slot->nmemo < S_MEMOS)
            slot->nmemo++;
        mm->from = from;
        mm->last = last;
        mm->outsz = outsz;
        mm->found = found;
        mm->ms = best_s;
        mm->me = best_e;
        if (found)
            strcpy(mm->val, out);
    }
    S_dlset_free(owned);
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

/* Does a time limit counted from an event (dl_relative) start at s[a],
 * with only the item's number or mark before it (dl_item_opening)? */
static int S_relative_at(const nqx_grammar *g, const char *s, size_t n, size_t a)
{
    size_t ov[2 * S_MAXGROUPS];
    const nqx_pattern *o = nqx_gram_pattern(g, "dl_item_opening");
    const nqx_pattern *p = nqx_gram_pattern(g, "dl_relative");
    return o && p && a < 32 &&
           nqx_gram_match_upto(o, s, n, 0, 0, ov, S_MAXGROUPS) > 0 && ov[1] == a &&
           nqx_gram_match_upto(p, s, n, a, a, ov, S_MAXGROUPS) > 0 && ov[0] == a;
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
    /* "Khi có yêu cầu, báo cáo trước ngày 15/5": a condition is the
     * item's time only when it sets no other. A time limit counted from
     * an event that opens the item ("3. Trong thời hạn 03 ngày làm việc,
     * kể từ ngày hồ sơ được xét duyệt, ...") is the step's own time: it
     * yields only within its sentence ("..., trước ngày 15/5/2026"); a
     * date after that is another thing's ("Thời gian hỗ trợ ... cho đến
     * ngày 31/12/2025", how long a benefit lasts; "thẻ ... có thời hạn
     * là 10 năm"). One inside the item ("Trường hợp ... thì ... trong
     * thời hạn 30 ngày") is a case's, and yields as other conditions. */
    if (strcmp(out, "conditional") == 0) {
        /* bounded: a few phrases within a window after it, so that a
         * hostile run of conditions costs no more than one scan */
        size_t from = b, a2, b2, lim = n - b > S_YIELD_REACH ? b + S_YIELD_REACH : n;
        int tries = 0;
        char v2[64];
        if (S_relative_at(g, s, n, a)) {
            size_t stop = b;
            while (stop < lim && s[stop] != '.' && s[stop] != ';' && s[stop] != '\n')
                stop++;
            lim = stop;
        }
        while (lim < n && ((unsigned char)s[lim] & 0xC0) == 0x80)
            lim++;
        while (from < lim && tries++ < 8 &&
               nqx_ext_deadline_from(g, s, lim, from, v2, sizeof v2, &a2, &b2)) {
            if (strcmp(v2, "conditional") != 0) {
                if (strlen(v2) < outsz) {
                    strcpy(out, v2);
                    a = a2;
                    b = b2;
                }
                break;
            }
            from = b2 > a2 ? b2 : a2 + 1;
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

/* How much of a heading is read for its opening words. */
#define S_HEAD_REACH 600

int nqx_ext_node_in_present(const nqx_grammar *g, const char *text,
                            const nqx_doc *d, size_t node)
{
    const nqx_pattern *p = nqx_gram_pattern(g, "tg_present_heading");
    int a;
    if (!p || node >= d->nnodes)
        return 0;
    for (a = (int)node; a >= 0; a = d->nodes[a].parent) {
        const nqx_node *nd = &d->nodes[a];
        size_t ov[2], l = nd->end > nd->start ? nd->end - nd->start : 0;
        if (l > S_HEAD_REACH) { /* never cut a UTF-8 character */
            l = S_HEAD_REACH;
            while (l > 0 && ((unsigned char)text[nd->start + l] & 0xC0) == 0x80)
                l--;
        }
        /* only headings: an item "Đánh giá được ..." is work */
        if (nd->kind == NQX_NODE_HEADING &&
            nqx_gram_match(p, text + nd->start, l, 0, ov, 1) > 0)
            return 1;
    }
    return 0;
}
