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

/* The deadline that the headings enclosing d->nodes[node] give it: the
 * nearest ancestor whose own text sets a time (a heading's, or an item's
 * leading time such as "(4) Đến năm 2025, ..."). text is the normalized
 * text the nodes point into. Writes the value into out and returns 1, or
 * returns 0 when no ancestor sets a time. */
int nqx_ext_node_deadline(const nqx_grammar *g, const char *text,
                          const nqx_doc *d, size_t node, char *out,
                          size_t outsz);

/* Append a zeroed record to d (grows d->records); NULL on out of memory. */
nqx_record *nqx_ext_new_record(nqx_doc *d);

/* Find the targets of the document and append them to d->records
 * (d->nodes and d->metas are filled). */
nqx_status nqx_ext_targets(const nqx_grammar *g, const char *text, size_t len,
                           nqx_doc *d, nqx_error *err);

/* Find the tasks of the document and append them to d->records. */
nqx_status nqx_ext_tasks(const nqx_grammar *g, const char *text, size_t len,
                         nqx_doc *d, nqx_error *err);

#endif
