/* grammar.h: the grammar engine, internal to libnqx.
 *
 * A grammar file (grammars/NAME.pcre) holds named patterns and lexicons:
 *
 *   # comment
 *   @pattern deadline_quarter        name, unique across all files
 *   @flags i                         i caseless, x extended, m multiline,
 *                                    s dot-all, w words first (below)
 *   qu[ýy]\s+(?<q>IV|I{1,3}|[1-4])   pattern lines, joined with newlines,
 *   \s*[/]\s*(?<y>\d{4})               up to the next @ line or blank line
 *   @match Quý II/2023 => q=II; y=2023   must match; named groups must hold
 *   @nomatch đạt 15%                     must not match
 *
 *   @lexicon abbreviations           one entry a line: KEY or KEY = VALUE
 *   UBND = Ủy ban nhân dân
 *
 * @flags w is for a pattern that opens with a group of plain words,
 * "(?<kind>Nghị quyết|Kế hoạch|...)" or "(?:...)", and is searched for
 * over long text: a search then looks for the words first, one scan per
 * first letter (PCRE2 finds one letter much faster than any of several),
 * and tries the pattern where a word starts. The same matches; loading
 * fails when the pattern does not open so.
 *
 * Patterns compile with PCRE2_UTF|PCRE2_UCP (plus flags) and JIT; matches
 * run under the grammar's match, depth and heap limits. \d means an ASCII
 * digit ([0-9]; the normalizer makes every decimal digit ASCII), and \D
 * anything else.
 */
#ifndef NQX_GRAMMAR_H
#define NQX_GRAMMAR_H

#include "nqx.h"

#include <stdint.h>

typedef struct nqx_pattern nqx_pattern;

typedef struct {
    char *key;
    char *value; /* NULL when the entry has no "= VALUE" */
} nqx_lex_entry;

typedef struct {
    char *name;
    nqx_lex_entry *entries;
    size_t n;
} nqx_lexicon;

/* Look up a pattern or lexicon by name; NULL when absent. Owned by g. */
const nqx_pattern *nqx_gram_pattern(const nqx_grammar *g, const char *name);
const nqx_lexicon *nqx_gram_lexicon(const nqx_grammar *g, const char *name);

/* Match p against subj[0..len) starting at byte start. On a match returns
 * the number of pairs stored in ov (ov[2i], ov[2i+1] per group, unset
 * groups as SIZE_MAX); 0 when nothing matches; -1 when a limit stopped the
 * match (counted in nqx_gram_limit_hits). ovn is the capacity in pairs.
 * Not thread-safe: a grammar serves one thread. */
int nqx_gram_match(const nqx_pattern *p, const char *subj, size_t len,
                   size_t start, size_t *ov, int ovn);

/* The same, for a match that starts at or before byte last: PCRE2 stops
 * looking there instead of scanning the rest of the subject (the match
 * itself may run past last). */
int nqx_gram_match_upto(const nqx_pattern *p, const char *subj, size_t len,
                        size_t start, size_t last, size_t *ov, int ovn);

/* A scan for every match of one pattern over one subject: searches
 * that each start at or after the last one's start (the usual loop,
 * start = the last match's end). For a pattern with @flags w it keeps
 * where each of the pattern's words next starts, which a lone
 * nqx_gram_match looks for again from its start each time: over a long
 * subject with few matches, each search rescanned the rest of it
 * (meta_cite over a whole document: extract --no-ocr of 2,000
 * textcorpus files ran 1.6% more instructions). Zero it before
 * the first search; it starts over by itself when subj, len or an
 * earlier start is given. The subject's bytes must not change between
 * the searches of one scan. */
#define NQX_GRAM_MAXLEAD 12
typedef struct {
    const char *subj;
    size_t len, from;
    size_t at[NQX_GRAM_MAXLEAD];
} nqx_gram_scan;

/* nqx_gram_match's answer, the next search of scan sc. */
int nqx_gram_match_next(const nqx_pattern *p, nqx_gram_scan *sc,
                        const char *subj, size_t len, size_t start,
                        size_t *ov, int ovn);

/* How costly a scan for p is: 0 when PCRE2 knows the first character or
 * the match is anchored (memchr speed), 1 when it has a table of first
 * bytes, 2 when it must try every byte. */
int nqx_gram_scan_cost(const nqx_pattern *p);

/* 1 when whether a match of p starts at a byte does not depend on where
 * a search (nqx_gram_match) began: the pattern has no \G and no
 * backtracking verb (a (*COMMIT) can end a search before later bytes
 * are tried). Then the first match found from q is also the first from
 * any byte between q and it. 0 when unsure. */
int nqx_gram_offset_free(const nqx_pattern *p);

/* The i-th @match/@nomatch example of p (the text; *must_match says
 * which kind), or NULL when p has no more. Owned by the grammar. */
const char *nqx_gram_example(const nqx_pattern *p, size_t i, int *must_match);

/* Number of a named group, or -1. */
int nqx_gram_group(const nqx_pattern *p, const char *name);

/* nqx_gram_match read as yes or no, for callers that then ask for groups
 * by name (meta.c, outline.c): 1 on a match, with the groups after the
 * last one set also SIZE_MAX, so that every pair of ov reads; 0 when
 * nothing matched or a limit stopped the match (ov is not to be read). */
static inline int nqx_gram_matched(const nqx_pattern *p, const char *subj, size_t len,
                                   size_t start, size_t *ov, int ovn)
{
    int rc = nqx_gram_match(p, subj, len, start, ov, ovn), k;
    if (rc <= 0)
        return 0;
    for (k = 2 * rc; k < 2 * ovn; k++)
        ov[k] = SIZE_MAX;
    return 1;
}

/* After nqx_gram_matched: the span of group name in ov (ovn pairs) in
 * *gs, *ge; 0 when the match left it unset. */
static inline int nqx_gram_span(const nqx_pattern *p, const size_t *ov, int ovn,
                                const char *name, size_t *gs, size_t *ge)
{
    int k = nqx_gram_group(p, name);
    if (k < 0 || k >= ovn || ov[2 * k] == SIZE_MAX)
        return 0;
    *gs = ov[2 * k];
    *ge = ov[2 * k + 1];
    return 1;
}

/* Data derived from a grammar (word lists folded and tokenized) is built
 * once per grammar, not once per document: a grammar keeps a few cache
 * slots keyed by the address of a caller's static tag. get returns NULL
 * when the slot is empty; put hands p to the grammar, which calls
 * free_fn(p) in nqx_gram_free (returns -1 when the slots are full: the
 * caller keeps ownership). Like matching, not thread-safe: a grammar
 * serves one thread. */
void *nqx_gram_cache_get(const nqx_grammar *g, const void *tag);
int nqx_gram_cache_put(const nqx_grammar *g, const void *tag, void *p,
                       void (*free_fn)(void *));

/* How many matches the limits stopped since the grammar was loaded. */
unsigned long nqx_gram_limit_hits(const nqx_grammar *g);

/* Default grammar directory: $NQX_GRAMMARS, else the source tree's
 * grammars/ when present, else the installed DATADIR/grammars. */
const char *nqx_gram_default_dir(void);

#endif
