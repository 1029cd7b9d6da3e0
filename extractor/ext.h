/* ext.h: interfaces between the extractor's parts (internal).
 *
 *   extract.c   entry point: meta -> outline -> targets -> tasks -> sort
 *   grammar.c   the grammar engine (grammar.h)
 *   meta.c      document splitting and metadata
 *   outline.c   headings, items, bullets, tables, footnotes, signature
 *   deadline.c  deadline phrases -> the spec vocabulary; inheritance
 *   target.c    targets (quantities that are goals)
 *   task.c      tasks and their agencies (agency.c: names, lists, keys)
 *
 * All functions take the normalized text (valid NFC UTF-8, one paragraph,
 * heading or item per line) and byte offsets into it.
 */
#ifndef NQX_EXT_H
#define NQX_EXT_H

#include "grammar.h"
#include "../core/internal.h"

/* Split the text into documents and read each one's metadata. Always
 * yields at least one nqx_meta (fields the text lacks stay NULL) with
 * start/end covering the document. *metas is owned by the caller and is
 * handed to nqx_doc (freed by nqx_doc_free). */
nqx_status nqx_ext_meta(const nqx_grammar *g, const char *text, size_t len,
                        nqx_meta **metas, size_t *nmetas, nqx_error *err);

/* Build the outline of the whole text; documents come from metas (each
 * node's doc_index). *nodes is handed to nqx_doc. */
nqx_status nqx_ext_outline(const nqx_grammar *g, const char *text, size_t len,
                           const nqx_meta *metas, size_t nmetas,
                           nqx_node **nodes, size_t *nnodes, nqx_error *err);

/* Free n outline nodes (their labels and paths) and the array (doc.c). */
void nqx_ext_nodes_free(nqx_node *nodes, size_t n);

/* Find the first deadline phrase in s[0..n). On success writes the spec's
 * value ("2025", "2023-Q2", "2023-05-15", "2023/2025", "R/P1Y", "ongoing",
 * "conditional", ...) into out and the phrase's span into *ms, *me;
 * returns 1, or 0 when s sets no time. */
int nqx_ext_deadline(const nqx_grammar *g, const char *s, size_t n,
                     char *out, size_t outsz, size_t *ms, size_t *me);

/* The same, for the first phrase that starts at or after byte from (the
 * text before it stays visible to the patterns' look-behinds). Unlike
 * nqx_ext_deadline, "thường xuyên" is returned as found. */
int nqx_ext_deadline_from(const nqx_grammar *g, const char *s, size_t n,
                          size_t from, char *out, size_t outsz,
                          size_t *ms, size_t *me);

/* The phrase nqx_ext_deadline_from finds when it starts at or before
 * byte last; 0 when it starts later or there is none. Starts after last
 * are not tried: cheap for "does the sentence open with a time". */
int nqx_ext_deadline_upto(const nqx_grammar *g, const char *s, size_t n,
                          size_t from, size_t last, char *out, size_t outsz,
                          size_t *ms, size_t *me);

/* The deadline that the headings enclosing d->nodes[node] give it: the
 * nearest ancestor whose own text sets a time (a heading's, or an item's
 * leading time such as "(4) Đến năm 2025, ..."). text is the normalized
 * text the nodes point into. Writes the value into out and returns 1, or
 * returns 0 when no ancestor sets a time. */
int nqx_ext_node_deadline(const nqx_grammar *g, const char *text,
                          const nqx_doc *d, size_t node, char *out,
                          size_t outsz);

/* 1 when d->nodes[node] lies in a section on the present or the past:
 * it, or an enclosing node, is a heading that starts with such words
 * (grammar pattern tg_present_heading: "Tình hình", "Về đánh giá ...",
 * "Kết quả thực hiện"), at any level; the section ends at the next
 * heading of the same or a higher level. Such sections set no targets
 * and assign no work. 0 otherwise. */
int nqx_ext_node_in_present(const nqx_grammar *g, const char *text,
                            const nqx_doc *d, size_t node);

/* Append a zeroed record to d (grows d->records); NULL on out of memory. */
nqx_record *nqx_ext_new_record(nqx_doc *d);

/* Find the targets of the document and append them to d->records
 * (d->nodes and d->metas are filled). */
nqx_status nqx_ext_targets(const nqx_grammar *g, const char *text, size_t len,
                           nqx_doc *d, nqx_error *err);

/* The words a number in words starts with ("một", "hai mươi"): the
 * folded keys of the lexicon qt_number_words, ready for a scan. A NULL
 * lexicon, or one with a key that is not ASCII a..z or is longer than
 * NQX_QTY_MAXKEY (or more than NQX_QTY_MAXKEYS keys), sets every: each
 * character is then a candidate. */
#define NQX_QTY_MAXKEY 8
#define NQX_QTY_MAXKEYS 64
typedef struct {
    size_t maxkey;                         /* bytes of the longest key */
    unsigned long long keys[NQX_QTY_MAXKEYS]; /* byte j of a key at bits 8j */
    size_t nkeys;
    unsigned long first; /* bit c - 'a': a key starts with letter c */
    /* keys[from[c - 'a'] .. from[c - 'a' + 1]) start with letter c */
    unsigned char from[27];
    int every;
} nqx_qty_words;
void nqx_ext_qty_words(const nqx_lexicon *num, nqx_qty_words *out);

/* The first byte of s[from..to) where grammar pattern qt_quantity may
 * start a match: a decimal digit (\p{Nd}), or a run of letters whose fold
 * is a word of qw; to when there is none. Every match starts at such a
 * byte. *next gets where the next one may be looked for (after the run of
 * letters or ASCII digits: no match starts inside one). */
size_t nqx_ext_qty_start(const nqx_qty_words *qw, const char *s, size_t from,
                         size_t to, size_t *next);

/* Find the tasks of the document and append them to d->records. */
nqx_status nqx_ext_tasks(const nqx_grammar *g, const char *text, size_t len,
                         nqx_doc *d, nqx_error *err);

/* --- agency.c: words, word lexicons, names of bodies --------------- */

#define NQX_TOK_OPEN 1   /* "(" before the word */
#define NQX_TOK_COMMA 2  /* "," after it */
#define NQX_TOK_SEMI 4   /* ";" after it */
#define NQX_TOK_COLON 8  /* ":" after it */
#define NQX_TOK_STOP 16  /* ". ! ? ..." after it */
#define NQX_TOK_CLOSE 32 /* ")" after it */
#define NQX_TOK_QUOTE 64 /* a quote or markup mark around it */
#define NQX_TOK_EOL 128  /* the line ends after it */

/* One word: its core (punctuation stripped) and what stuck to it. */
typedef struct {
    size_t start, end; /* bytes of the core in the text */
    const char *fold;  /* nqx_fold of the core, in the list's arena */
    const char *lower; /* the core in lower case, diacritics kept (arena) */
    int cap;           /* first letter upper case */
    int allcaps;       /* capitals and no small letters (UBND) */
    int flags;         /* NQX_TOK_* */
} nqx_tok;

struct nqx_tok_block;

/* A list of words. The list owns v and the arena, which holds every
 * word's fold and lower strings (one allocation for the list, not two per
 * word): they live until nqx_toks_free(); keep a copy to outlive it. */
typedef struct {
    nqx_tok *v;
    size_t n;
    struct nqx_tok_block *arena;
} nqx_toks;

/* Cut s[start..end) into words. *out is owned by the caller and released
 * with nqx_toks_free(). A lone hyphen is a word of its own ("-"). */
nqx_status nqx_ext_tokens(const char *s, size_t start, size_t end,
                          nqx_toks *out);
/* The same words, from *mid, the words of s[ms..me) inside it
 * (start <= ms <= me <= end), cut once more only before ms and after me
 * where that gives what a whole cut gives (mid's ends lie between words
 * of the whole); else the whole is cut. Takes *mid in any case (its
 * words and arena become out's, or it is freed). */
nqx_status nqx_ext_tokens_around(const char *s, size_t start, size_t end,
                                 nqx_toks *mid, size_t ms, size_t me,
                                 nqx_toks *out);
void nqx_toks_free(nqx_toks *t);
/* 1 when s[0..n) has capital letters and no small ones (UBND, TỔ CHỨC). */
int nqx_ext_all_caps(const char *s, size_t n);

/* A grammar lexicon folded into word sequences; value points into the
 * grammar (owned by it). Release with nqx_wlex_free(). */
typedef struct {
    char **words;
    size_t nwords;
    size_t len0;       /* bytes of words[0] without its comma */
    int cap;           /* the entry's first word is written capitalised */
    const char *value; /* "KEY = VALUE" value or NULL */
} nqx_wentry;

/* One run of by_first: the entries with the same first word. */
typedef struct {
    size_t lo, hi; /* by_first[lo..hi); hi 0 for an empty slot */
} nqx_wrun;

typedef struct {
    nqx_wentry *e;
    size_t n;
    /* entry indices sorted by (one word or several, first word, index):
     * a lookup reads only the entries whose first word is the text's */
    size_t *by_first;
    /* the runs hashed by first word (open addressing, runs_mask + 1
     * slots): every word of the text is looked up, and a binary search
     * over the entries cost a memcmp per step */
    nqx_wrun *runs;
    size_t runs_mask;
} nqx_wlex;

/* Load lexicon name (absent = empty); NQX_ENOMEM on out of memory. */
nqx_status nqx_wlex_load(const nqx_grammar *g, const char *name,
                         nqx_wlex *out);
void nqx_wlex_free(nqx_wlex *l);
/* Longest entry matching the words at t[i..lim): its word count, 0 when
 * none; *hit (may be NULL) gets the entry. Entries of several words match
 * folded words; one-word entries match with their diacritics. */
size_t nqx_wlex_at(const nqx_wlex *l, const nqx_toks *t, size_t i,
                   size_t lim, const nqx_wentry **hit);

/* The agency lexicons of grammars/agency.pcre, folded once per use.
 * Caller frees with nqx_agx_free(). */
typedef struct nqx_agx nqx_agx;
nqx_status nqx_agx_new(const nqx_grammar *g, nqx_agx **out);
void nqx_agx_free(nqx_agx *a);

typedef struct {
    size_t start, end;
} nqx_span;

/* 1 when the name of a body starts at word i. */
int nqx_agx_starts(const nqx_agx *a, const nqx_toks *t, size_t i, size_t lim);
/* 1 when word i (in lower case) is a word that ends a name: a verb. */
int nqx_agx_is_stop(const nqx_agx *a, const nqx_toks *t, size_t i, size_t lim);
/* Length in words of a courtesy or assignment word at i (Đề nghị, Giao). */
size_t nqx_agx_courtesy(const nqx_agx *a, const nqx_toks *t, size_t i,
                        size_t lim);
/* Whether t[i] is a dash that sets a role after a body's name ("Sở Tài
 * chính - Cơ quan thường trực ..."): the name ends before it. */
int nqx_agx_apposition(const nqx_agx *a, const nqx_toks *t, size_t i,
                       size_t lim);
/* Read a list of bodies starting at word i (before lim): appends one span
 * (bytes) per body to names (at most max; *nnames counts) and returns the
 * index of the first word after the list, or i when no body starts there.
 * sentence_start says whether word i opens a sentence (a capital there
 * does not make a common noun a proper name); or'ed with NQX_AGX_OBJECT,
 * the list is the object of a preposition ("phối hợp với cơ quan báo
 * chí"): a bare common noun (head flag det) may open it. */
#define NQX_AGX_OBJECT 2
size_t nqx_agx_list(const nqx_agx *a, const nqx_toks *t, size_t i,
                    size_t lim, int sentence_start, nqx_span *names,
                    size_t max, size_t *nnames);

#endif
