/* store.h: interfaces between the loader's parts (internal).
 *
 *   schema.c   open/close, pragmas, schema and migrations, error mapping
 *   ingest.c   one document -> one transaction; the file pipeline; sidecar
 *   batch.c    many files: worker threads prepare, the caller's thread writes
 *   jsonl.c    records in the spec's JSON Lines (nqx extract's output)
 *   html.c     HTML input -> text lines (libxml2's HTML parser)
 *   query.c    targets, tasks, compare, search, read-only SQL
 *   export.c   JSON Lines, CSV, XML (xmlTextWriter)
 *   sha256.c   the document identity hash
 */
#ifndef NQX_STORE_H
#define NQX_STORE_H

#include <sqlite3.h>

#include "../core/internal.h"

/* The schema version this build writes (PRAGMA user_version). */
#define NQX_SCHEMA_VERSION 5

/* The write path's statements, prepared on first use and kept until
 * nqx_store_close(): preparing costs about as much as ten inserts, and a
 * document used to prepare fourteen. */
enum {
    NQX_ST_FIND, NQX_ST_DOC, NQX_ST_SUPERSEDE, NQX_ST_PART, NQX_ST_NODE,
    NQX_ST_CORRECTION, NQX_ST_TARGET, NQX_ST_TASK, NQX_ST_AGENCY,
    NQX_ST_AGENCY_ID, NQX_ST_AGENCY_NAME, NQX_ST_TASK_AGENCY, NQX_ST_PASSAGE,
    NQX_ST_FTS, NQX_ST_NODES, NQX_ST_PASSAGES, NQX_ST_NODES32,
    NQX_ST_PASSAGES32, NQX_ST_COUNT
};

struct nqx_store {
    sqlite3 *db;
    sqlite3_stmt *st[NQX_ST_COUNT]; /* owned; NULL until first used */
    char path[256];  /* as given, for error messages */
    int readonly;
    char last[256];  /* first error of the current write, kept because a
                        later sqlite3_finalize() clears sqlite3_errmsg() */
    int batch;          /* inside nqx_store_batch_begin() ... _commit() */
    /* Passages awaiting the FTS5 index (it is contentless: the folded
     * text is kept nowhere else): passage pend_id[i]'s folded text is
     * pend.data[pend_end[i - 1] .. pend_end[i]) (from 0 for i = 0). A
     * batch indexes them at its commit, a lone document at its own. */
    nqx_buf pend;
    long long *pend_id;
    size_t *pend_end;
    size_t npend, pend_cap;
    /* nqx_store_ingest_files' checkpoints (batch.c): a thread of its own
     * copies the WAL into the store once it holds ckpt_pages pages (0:
     * NQX_CKPT_PAGES; tests set fewer); nckpt counts those made */
    int ckpt_pages;
    unsigned long nckpt;
};

/* The WAL's size, in pages, at which nqx_store_ingest_files has it
 * copied into the store (16 MB of 4 kB pages); at four times that the
 * writer waits for the copy, so that the WAL stays bounded when the
 * disk is slower than the writer. */
#define NQX_CKPT_PAGES 4096
/* What a connection of nqx does itself outside nqx_store_ingest_files
 * (PRAGMA wal_autocheckpoint; schema.c): 64 MB of 4 kB pages. */
#define NQX_AUTOCKPT_PAGES 16384

/* Several documents in one transaction (nqx_store_ingest_files): each
 * stored document is a savepoint, whole or rolled back alone, and the
 * batch's passages enter the FTS5 index at commit in one statement.
 * FTS5 writes an index segment per transaction (and per savepoint it
 * holds data in), which it must later merge: per document, this was a
 * third of the store's cost. Until _commit() returns NQX_OK nothing of
 * the batch is stored; on its failure nothing is. */
nqx_status nqx_store_batch_begin(nqx_store *s, nqx_error *err);
nqx_status nqx_store_batch_commit(nqx_store *s, nqx_error *err);

/* nqx_store_ingest_doc() with two more choices: doc_id (NULL = the base
 * name of name without its extension) and no_lines (1 = t is not the
 * document's text, only the basis of its identity: index no lines). */
nqx_status nqx_store_load(nqx_store *s, const nqx_grammar *g,
                          const char *name, const char *doc_id, int no_lines,
                          const char *input, size_t input_len,
                          const nqx_text *t, const nqx_doc *d,
                          const nqx_store_meta *fill, nqx_ingest_result *res,
                          nqx_error *err);

/* One file made ready for the store without touching it (what a worker
 * thread of nqx_store_ingest_files does): the raw bytes, the HTML's text
 * lines, the normalized text and the extraction, or the error that
 * stopped them. Everything is owned; nqx_store_prep_clear() frees it. */
typedef struct {
    char *bytes, *html;
    size_t n;
    nqx_text *t;
    nqx_doc *d;
    nqx_status st;   /* of reading, HTML, normalizing or extracting */
    int read_failed; /* st came from reading the file */
    nqx_error err;
} nqx_store_prep;

/* Read, parse HTML, normalize and extract path into *p (always filled;
 * clear it afterwards). Uses no store: safe in any thread that owns g. */
nqx_status nqx_store_prepare(const nqx_grammar *g,
                             const nqx_norm_options *norm, const char *path,
                             nqx_store_prep *p);

/* Store a prepared file: its sidecar, then the document; the same
 * statuses and errors as nqx_store_ingest_file(). p stays the caller's. */
nqx_status nqx_store_finish(nqx_store *s, const nqx_grammar *g,
                            const char *path, nqx_store_prep *p,
                            const nqx_store_meta *fill,
                            nqx_ingest_result *res, nqx_error *err);
void nqx_store_prep_clear(nqx_store_prep *p);

/* Fill err from the connection's last error: "PATH: reason" with
 * NQX_ESTORE; what says what was being done (may be NULL). */
nqx_status nqx_store_fail(nqx_store *s, nqx_error *err, const char *what);

/* Run SQL with no result rows; NQX_OK or the store's error. */
nqx_status nqx_store_exec(nqx_store *s, const char *sql, nqx_error *err);

/* The canonical key of an agency name (caller frees; NULL on invalid
 * UTF-8 or no memory). g may be NULL. */
char *nqx_store_agency_key(const nqx_grammar *g, const char *name);

/* Column i of the row as a string (caller frees), NULL when the column
 * is NULL or memory is short (export.c). */
char *nqx_store_col_str(sqlite3_stmt *st, int i);

/* The fields of record r (its kind already set) from a row laid out as
 * the store's records: 2 text, 3 start, 4 end, 5 section, 6 deadline, and
 * for a target 7 comparator, 8 low, 9 high, 10 unit, 11 aspirational,
 * 12 metric, 13 scope. export.c reads the store so, jsonl.c a record line
 * (export.c). */
void nqx_store_record_cols(sqlite3_stmt *st, nqx_record *r);

/* SHA-256 of data[0..n) as 64 lower-case hex digits + NUL. */
void nqx_sha256_hex(const void *data, size_t n, char out[65]);
/* The same without the CPU's SHA instructions, for tests; returns 1 when
 * nqx_sha256_hex() uses them. */
int nqx_sha256_hex_portable(const void *data, size_t n, char out[65]);

/* Parse HTML (any encoding libxml2 detects) into UTF-8 text lines:
 * headings, paragraphs and list items one per line (items marked "- "),
 * table rows one per line with cells separated by " | ". *out is the
 * caller's (free()). */
nqx_status nqx_html_to_text(const char *name, const char *bytes, size_t n,
                            char **out, size_t *outlen, nqx_error *err);

/* Does the input look like HTML (by name, or by its first tag)? */
int nqx_html_detect(const char *name, const char *bytes, size_t n);

#endif
