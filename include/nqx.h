/*
 * nqx.h: the one public header of libnqx.
 *
 * nqx reads Vietnamese resolutions and plans and turns what they bind
 * people to (targets, tasks, agencies, deadlines) into data.
 *
 * Data flows one way: bytes -> nqx_text (normalizer) -> nqx_doc
 * (extractor) -> SQLite store (loader). Each stage returns a plain
 * structure owned by the caller; the library never prints and never exits.
 *
 * Conventions
 *   - Functions that can fail return nqx_status and fill an nqx_error
 *     (which may be NULL when the caller does not want the message).
 *   - Every pointer a function returns says who owns it. "Caller frees
 *     with X_free()" means exactly that; X_free(NULL) is a no-op.
 *   - Offsets are byte offsets. Spans are [start, end).
 */
#ifndef NQX_H
#define NQX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NQX_VERSION "0.1.0"

/* ===================================================================== */
/* core: status, errors, buffers, folding                                 */
/* ===================================================================== */

typedef enum {
    NQX_OK = 0,
    NQX_ENOMEM,     /* out of memory */
    NQX_EIO,        /* cannot read or write a file */
    NQX_EEMPTY,     /* input holds no text */
    NQX_EBINARY,    /* input is binary, not text */
    NQX_EENCODING,  /* bytes are not valid in any supported encoding */
    NQX_ELIMIT,     /* input or match exceeds a configured limit */
    NQX_EGRAMMAR,   /* a grammar file is malformed or an example fails */
    NQX_ESTORE,     /* the SQLite store refused an operation */
    NQX_EINVAL,     /* a bad argument from the caller */
    NQX_EFORMAT,    /* a data file (model, gold, JSON) is malformed */
    NQX_STATUS_COUNT
} nqx_status;

/* A static, human-readable name for a status. Never NULL. */
const char *nqx_strerror(nqx_status st);

/* Filled by a failing function: the place (file, line, byte offset; -1 when
 * unknown) and a one-line reason. Plain value type, nothing to free. */
typedef struct {
    nqx_status status;
    char file[256];
    long line;
    long offset;
    char msg[512];
} nqx_error;

void nqx_error_clear(nqx_error *e);
/* Format the error as one line: "FILE:LINE: offset N: reason". */
void nqx_error_format(const nqx_error *e, char *out, size_t outsz);

/* Growable byte buffer. Owns .data; release with nqx_buf_free(). .data is
 * always NUL-terminated once anything was appended. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} nqx_buf;

int nqx_buf_reserve(nqx_buf *b, size_t extra); /* 0 ok, -1 out of memory */
int nqx_buf_append(nqx_buf *b, const char *s, size_t n);
int nqx_buf_puts(nqx_buf *b, const char *s);
int nqx_buf_printf(nqx_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void nqx_buf_free(nqx_buf *b);
/* Take ownership of the bytes: returns .data (caller frees with free())
 * and resets the buffer. */
char *nqx_buf_steal(nqx_buf *b);

/* Append s as a JSON string literal (with quotes). */
int nqx_buf_json_str(nqx_buf *b, const char *s, size_t n);

/* The folding key shared by matching, agency keys and search: NFC input ->
 * lower case, diacritics removed, đ -> d, runs of spaces collapsed.
 * Returns a malloc'ed NUL-terminated string (caller frees with free()), or
 * NULL on invalid UTF-8 / out of memory. */
char *nqx_fold(const char *s, size_t n);

/* Read a whole file. On success *out owns the bytes (caller frees with
 * free()); *outlen is the length (a NUL is appended, not counted).
 * Refuses directories, FIFOs and files over max_bytes (0 = no limit). */
nqx_status nqx_read_file(const char *path, size_t max_bytes, char **out,
                         size_t *outlen, nqx_error *err);

/* ===================================================================== */
/* normalizer: bytes in, clean NFC UTF-8 out, every change logged        */
/* ===================================================================== */

typedef enum {
    NQX_CHANGE_MARKUP = 1, /* markup removed or rewritten */
    NQX_CHANGE_JOIN,       /* a broken line or page rejoined */
    NQX_CHANGE_OCR,        /* an OCR diacritic error corrected */
    NQX_CHANGE_SPACE,      /* whitespace normalised */
    NQX_CHANGE_TABLE,      /* table layout rebuilt */
    NQX_CHANGE_NFC         /* characters composed to Unicode NFC, decimal
                              digits of other scripts made ASCII (２０２５),
                              and Ð, ð (eth) read as Đ, đ */
} nqx_change_kind;

const char *nqx_change_kind_name(nqx_change_kind k);

/* One change. from/to are owned by the nqx_text that holds the change. */
typedef struct {
    size_t in_off;   /* byte offset in the (decoded) input */
    size_t out_off;  /* byte offset in the normalized text */
    char *from;
    char *to;
    nqx_change_kind kind;
    double confidence; /* 1.0 for deterministic changes */
} nqx_change;

/* A piece of the offset map: output bytes [out, next.out) came from input
 * bytes starting at in (linear inside the piece when len_equal). */
typedef struct {
    size_t out;
    size_t in;
} nqx_offset_piece;

/* Normalized text. Everything inside is owned by the nqx_text; release with
 * nqx_text_free(). */
typedef struct {
    char *text;             /* NFC UTF-8, NUL-terminated */
    size_t len;
    char encoding[32];      /* encoding detected or forced, e.g. "UTF-8" */
    nqx_change *changes;
    size_t nchanges;
    nqx_offset_piece *map;  /* sorted by .out; maps back to input bytes */
    size_t nmap;
    size_t input_len;       /* bytes of the input the map points into */
} nqx_text;

typedef struct nqx_model nqx_model; /* OCR language model (opaque) */

typedef struct {
    const char *encoding;   /* NULL = detect */
    const nqx_model *model; /* NULL = no OCR correction */
    int keep_markup;        /* 1 = do not strip markup */
    double ocr_threshold;   /* minimum confidence to apply; 0 = default */
    int no_changes;         /* 1 = no change log (changes NULL, nchanges 0):
                               for callers that read only the text and map */
} nqx_norm_options;

/* Normalize raw bytes. On success *out is a new nqx_text the caller frees
 * with nqx_text_free(). name is used only in error messages. */
nqx_status nqx_norm_text(const char *name, const char *bytes, size_t n,
                         const nqx_norm_options *opt, nqx_text **out,
                         nqx_error *err);
void nqx_text_free(nqx_text *t);

/* Map a normalized-text offset back to a byte offset in the input. */
size_t nqx_text_input_offset(const nqx_text *t, size_t out_off);

/* Load the OCR model from a file. Caller frees with nqx_model_free(). */
nqx_status nqx_model_load(const char *path, nqx_model **out, nqx_error *err);
void nqx_model_free(nqx_model *m);

/* Building the model: pruning thresholds (0 = default). */
typedef struct {
    int min1; /* keep syllables seen at least this often (3) */
    int min2; /* keep bigrams seen at least this often (2) */
    int min3; /* keep trigrams seen at least this often (4) */
    int official_weight; /* count official documents (a state or party
                            header) this many times (4): nqx reads them */
} nqx_model_params;

typedef struct {
    size_t files, bytes, tokens;   /* what was read */
    size_t official;               /* files counted as official */
    size_t vocab, folds;           /* syllables and folded keys kept */
    size_t bigrams_seen, trigrams_seen;
    size_t bigrams, trigrams;      /* kept after pruning */
    size_t names, places;          /* two-syllable names kept, and how
                                      many followed xã, phường, ... */
    size_t context;                /* context-word pairs kept */
    size_t file_size;              /* bytes written */
} nqx_model_stats;

/* Count syllables, bigrams and trigrams in the given text files (a folder
 * stands for its *.txt and *.md files) and write the model to out_path.
 * par may be NULL. The file holds counts only, no running text. */
nqx_status nqx_model_train(const char *const *paths, size_t npaths,
                           const char *out_path, const nqx_model_params *par,
                           nqx_model_stats *stats, nqx_error *err);

/* ===================================================================== */
/* extractor: grammars, metadata, outline, obligations                    */
/* ===================================================================== */

typedef struct nqx_grammar nqx_grammar; /* a loaded set of grammar files */

/* Load every *.pcre and *.lex file under dir. Patterns are compiled with
 * PCRE2 (JIT when available). Caller frees with nqx_gram_free(). */
nqx_status nqx_gram_load(const char *dir, nqx_grammar **out, nqx_error *err);
void nqx_gram_free(nqx_grammar *g);

/* Run every @match / @nomatch example of every pattern. Returns the number
 * of failing examples; each failure is passed to report (may be NULL). */
typedef void (*nqx_gram_report_fn)(void *ctx, const char *file, long line,
                                   const char *msg);
int nqx_gram_check(const nqx_grammar *g, nqx_gram_report_fn report,
                   void *ctx, int *nexamples);

/* The document outline: a flat array of nodes in document order; parent is
 * an index or -1. */
typedef enum {
    NQX_NODE_HEADING = 1, /* numbered or bold/capital heading */
    NQX_NODE_ITEM,        /* numbered item: 1.1., (1), a) */
    NQX_NODE_BULLET,      /* -, +, • */
    NQX_NODE_TABLE,       /* table */
    NQX_NODE_ROW,         /* table row */
    NQX_NODE_PARA,        /* unnumbered paragraph */
    NQX_NODE_FOOTNOTE,
    NQX_NODE_SIGNATURE,
    NQX_NODE_RECIPIENTS
} nqx_node_kind;

const char *nqx_node_kind_name(nqx_node_kind k); /* "heading", "item", ... */

#define NQX_NODE_FLAG_SKIP 1   /* numbering skips (e.g. 1. then 3.) */
#define NQX_NODE_FLAG_REPEAT 2 /* numbering repeats (two 4.1.) */

typedef struct {
    nqx_node_kind kind;
    char *label;   /* as written: "II.", "2.1.", "(5)", "a)", "-" */
    char *path;    /* numbering path, e.g. "II.2.1.(5)" */
    int level;     /* depth, 0 = top */
    int parent;    /* index into nodes, -1 for none */
    size_t start;  /* span of the node's own line(s) in normalized text */
    size_t end;    /* end of the node's own text */
    size_t body_end; /* end of everything beneath it */
    int flags;
    int doc_index; /* which document of the file it belongs to */
} nqx_node;

typedef struct {
    char *kind;      /* "Nghị quyết", "Kế hoạch", ... */
    char *number;    /* "15-NQ/TU" */
    char *date;      /* ISO "2017-07-04" */
    char *issuer;    /* "Ban Thường vụ Thành ủy" */
    char *locality;  /* "Hà Nội" */
    char *title;
    char *signer_name;
    char *signer_title;
    char **cites;    /* documents it implements or cites */
    size_t ncites;
    char **recipients;
    size_t nrecipients;
    size_t start, end; /* span of this document in the file's text */
} nqx_meta;

typedef enum { NQX_TARGET = 1, NQX_TASK = 2 } nqx_record_kind;

typedef enum {
    NQX_ROLE_LEAD = 1,
    NQX_ROLE_ADVISE,
    NQX_ROLE_EXECUTE,
    NQX_ROLE_COORDINATE,
    NQX_ROLE_REPORT_TO
} nqx_role;

const char *nqx_role_name(nqx_role r); /* "lead", "advise", ... */

typedef struct {
    char *name;
    nqx_role role;
} nqx_agency;

/* One obligation. All strings are owned by the nqx_doc holding it. */
typedef struct {
    nqx_record_kind kind;
    char *text;
    size_t start, end;  /* span in the normalized text */
    char *section;      /* numbering path, may be "" */
    char *deadline;     /* spec vocabulary, NULL = null */
    int doc_index;
    /* target */
    char comparator[8]; /* ">=", ">", "=", "<=", "<", "range", "~" */
    double low, high;
    char *unit;
    int aspirational;
    char *metric;
    char *scope;        /* NULL = null */
    /* task */
    nqx_agency *agencies;
    size_t nagencies;
} nqx_record;

/* One file's extraction result: one or more documents' metadata, the
 * outline and the records. Everything is owned by the nqx_doc; release
 * with nqx_doc_free(). */
typedef struct {
    nqx_meta *metas;
    size_t nmetas;
    nqx_node *nodes;
    size_t nnodes;
    nqx_record *records;
    size_t nrecords;
} nqx_doc;

/* Free what one record or one metadata block owns, and zero it (for
 * callers that fill these structures themselves, e.g. the store). */
void nqx_record_clear(nqx_record *r);
void nqx_meta_clear(nqx_meta *m);

/* Extract metadata, outline and obligations from normalized text. */
nqx_status nqx_ext_doc(const nqx_grammar *g, const nqx_text *t,
                       nqx_doc **out, nqx_error *err);
void nqx_doc_free(nqx_doc *d);

/* The canonical key of an agency name: nqx_fold of the name with the
 * abbreviations of grammars/abbreviations.pcre expanded (UBND tỉnh, Ủy
 * ban nhân dân tỉnh and UBND Tỉnh give one key). g may be NULL (no
 * expansion). Returns a malloc'ed string (caller frees with free()), or
 * NULL on out of memory or invalid UTF-8. */
char *nqx_ext_agency_key(const nqx_grammar *g, const char *name);

/* Append one record as one line of the spec's JSON Lines (with '\n'). */
int nqx_record_json(nqx_buf *b, const char *doc_id, const nqx_record *r);

/* Append one record as one CSV row (RFC 4180, CRLF); locality and due may
 * be NULL (empty cells). The header row is nqx_record_csv_header() (a
 * static string); writing the UTF-8 BOM first is the caller's choice. */
int nqx_record_csv(nqx_buf *b, const char *doc_id, const char *locality,
                   const char *due, const nqx_record *r);
const char *nqx_record_csv_header(void);

/* ===================================================================== */
/* loader: SQLite store                                                   */
/* ===================================================================== */

/* The store is one SQLite file (schema: docs/schema.md). A document is
 * identified by the SHA-256 of its normalized text: ingesting it again
 * changes nothing; a new text under a file name already stored is a new
 * version and the old one is kept, marked superseded. Each document is
 * loaded in one transaction: wholly in the store or not at all. */

typedef struct nqx_store nqx_store; /* an open store (opaque) */

#define NQX_STORE_READONLY 1 /* open with SQLITE_OPEN_READONLY; never create */

/* Open (and create, unless read-only) the store at path, which may be a
 * "file:" URI (e.g. "file:x.db?mode=ro"). Sets WAL mode and a busy
 * timeout (busy_ms; 0 = 5000 ms) and migrates the schema when writable.
 * On success *out is a new handle the caller frees with nqx_store_close();
 * on failure *out is NULL and err names the file and the reason. */
nqx_status nqx_store_open(const char *path, int flags, int busy_ms,
                          nqx_store **out, nqx_error *err);
void nqx_store_close(nqx_store *s);

/* Metadata that fills what the text lacks (from flags or a sidecar).
 * Borrowed strings; NULL = none. */
typedef struct {
    const char *kind, *number, *date, *issuer, *locality, *title;
    const char *signer_name, *signer_title;
} nqx_store_meta;

typedef enum {
    NQX_INGEST_NEW = 1,     /* stored for the first time */
    NQX_INGEST_VERSION,     /* stored; supersedes an older text of the file */
    NQX_INGEST_UNCHANGED    /* already stored: nothing changed */
} nqx_ingest_outcome;

/* What one ingest did. Plain value type, nothing to free. */
typedef struct {
    nqx_ingest_outcome outcome;
    long long doc_id;       /* documents.id of the (new or existing) row */
    char sha256[65];        /* hex SHA-256 of the normalized text */
    char existing[256];     /* UNCHANGED: the file name already holding it */
    int superseded;         /* UNCHANGED: that stored text is an old version */
    size_t ntargets, ntasks, ncorrections;
    size_t input_bytes;     /* bytes read from the input file */
} nqx_ingest_result;

/* Load one extracted document. g (may be NULL) gives agency keys their
 * abbreviation expansions; name is the file name (its base name is the
 * document id and the version key); input/input_len the raw bytes (for the
 * input hash; may be NULL); t and d the normalizer's and extractor's
 * results (borrowed); fill may be NULL. */
nqx_status nqx_store_ingest_doc(nqx_store *s, const nqx_grammar *g,
                                const char *name,
                                const char *input, size_t input_len,
                                const nqx_text *t, const nqx_doc *d,
                                const nqx_store_meta *fill,
                                nqx_ingest_result *res, nqx_error *err);

/* The whole pipeline for one file: read it (HTML through libxml2's parser
 * into text lines), read a sidecar PATH.meta.json when present (its values
 * win over fill's), normalize with norm (may be NULL), extract with g,
 * load. NQX_ESTORE means the store failed (a batch should stop); any
 * other error means this file was rejected and nothing of it stored. */
nqx_status nqx_store_ingest_file(nqx_store *s, const nqx_grammar *g,
                                 const nqx_norm_options *norm,
                                 const char *path, const nqx_store_meta *fill,
                                 nqx_ingest_result *res, nqx_error *err);

/* Many files, in order: normalize and extract in opt->jobs worker
 * threads, store in the calling thread on s (the one writer; SQLite
 * connections are not shared). Each worker loads its own grammar from
 * opt->grammar_dir (a grammar serves one thread); opt->norm, its model
 * included, is shared and only read. The store ends exactly as one
 * nqx_store_ingest_file() after another would leave it, and fn sees the
 * files in input order, in the calling thread: index, path, the file's
 * status (as nqx_store_ingest_file returns it), its result and error.
 * Up to 32 files share a transaction (each whole or absent); fn sees a
 * file once its transaction committed. fn returning nonzero stops the
 * batch (the workers finish the file they hold; nothing more is stored
 * beyond that transaction's files). jobs <= 1 runs everything in the calling
 * thread with g. Returns NQX_OK, or an error when the workers could not
 * be set up (their grammar, threads, memory); per-file errors go to fn. */
typedef struct {
    int jobs;                     /* worker threads; <= 1 = none */
    const char *grammar_dir;      /* as nqx_gram_load's dir (NULL ok) */
    const nqx_norm_options *norm; /* may be NULL */
    const nqx_store_meta *fill;   /* may be NULL */
} nqx_batch_options;

typedef int (*nqx_batch_fn)(void *ctx, size_t index, const char *path,
                            nqx_status st, const nqx_ingest_result *res,
                            const nqx_error *err);
nqx_status nqx_store_ingest_files(nqx_store *s, const nqx_grammar *g,
                                  const char *const *paths, size_t n,
                                  const nqx_batch_options *opt,
                                  nqx_batch_fn fn, void *ctx, nqx_error *err);

/* Load records in the spec's JSON Lines form (what nqx extract prints,
 * e.g. on other machines). Each run of lines with the same "doc" is one
 * document and one transaction; its identity is the SHA-256 of those
 * lines (the text itself is not given), so loading them again changes
 * nothing. The whole file is parsed first: a malformed line rejects the
 * file (NQX_EFORMAT naming the line) and nothing of it is stored. fn (may
 * be NULL) is called after each document with its result. */
typedef void (*nqx_ingest_fn)(void *ctx, const char *doc,
                              const nqx_ingest_result *res);
nqx_status nqx_store_ingest_jsonl(nqx_store *s, const nqx_grammar *g,
                                  const char *path,
                                  const nqx_store_meta *fill,
                                  nqx_ingest_fn fn, void *ctx,
                                  nqx_error *err);

/* Queries stream rows to a callback. Strings in nqx_row are borrowed and
 * valid only during the call; a nonzero return stops the query (the query
 * function then returns NQX_OK). The first call is for the first row; a
 * query with no rows calls with values == NULL once so that the caller
 * learns the column names. */
typedef enum {
    NQX_CELL_NULL = 0,
    NQX_CELL_INT,
    NQX_CELL_REAL,
    NQX_CELL_TEXT
} nqx_cell_type;

typedef struct {
    int set;                   /* which statement (nqx_store_sql), from 0 */
    int ncols;
    const char *const *names;
    const char *const *values; /* NULL for a SQL NULL; whole array NULL
                                  for the header-only call */
    const nqx_cell_type *types;
} nqx_row;

typedef int (*nqx_row_fn)(void *ctx, const nqx_row *row);

/* Filters; every string is folded (case, diacritics, đ=d) and bound as a
 * parameter, never pasted into SQL. NULL / 0 = no filter. */
typedef struct {
    const char *metric;    /* words the metric contains */
    const char *locality;  /* words the locality contains */
    int year;              /* year of the due date */
    int aspirational;      /* only targets governed by "phấn đấu" */
} nqx_target_query;

typedef struct {
    const char *agency;     /* words the agency name contains */
    const nqx_grammar *grammar; /* expands abbreviations in agency; NULL ok */
    const char *role;       /* "lead", "coordinate", ... */
    const char *due_before; /* ISO date: due strictly before it */
    int overdue;            /* due before today */
    const char *today;      /* ISO date for --overdue; NULL = the clock */
} nqx_task_query;

nqx_status nqx_store_targets(nqx_store *s, const nqx_target_query *q,
                             nqx_row_fn fn, void *ctx, nqx_error *err);
nqx_status nqx_store_tasks(nqx_store *s, const nqx_task_query *q,
                           nqx_row_fn fn, void *ctx, nqx_error *err);
/* Targets whose metric holds the words, grouped by "locality", "year" or
 * (by == NULL) "document". */
nqx_status nqx_store_compare(nqx_store *s, const char *metric, const char *by,
                             nqx_row_fn fn, void *ctx, nqx_error *err);
/* Full-text search ignoring case and diacritics (đ = d): the sentence
 * holding the words and its document. */
nqx_status nqx_store_search(nqx_store *s, const char *words, nqx_row_fn fn,
                            void *ctx, nqx_error *err);
/* Run read-only SQL (one or more statements; a statement that would
 * write is refused with NQX_EINVAL before it runs). */
nqx_status nqx_store_sql(nqx_store *s, const char *sql, nqx_row_fn fn,
                         void *ctx, nqx_error *err);

typedef enum {
    NQX_EXPORT_JSONL = 1, /* the spec's records, as nqx extract prints */
    NQX_EXPORT_CSV,       /* UTF-8 BOM, RFC 4180 */
    NQX_EXPORT_XML        /* docs/nqx-export.xsd, via xmlTextWriter */
} nqx_export_format;

/* Write every record of the current (not superseded) documents to out. */
nqx_status nqx_store_export(nqx_store *s, nqx_export_format fmt, FILE *out,
                            nqx_error *err);

/* The due date (ISO YYYY-MM-DD) of a deadline in the spec vocabulary:
 * year -> its last day, quarter/month -> their last day, day -> itself,
 * period -> its end. Returns 1 and fills out, or 0 when there is none
 * (recurrences, "ongoing", "conditional", NULL). */
int nqx_store_due_date(const char *deadline, char out[11]);

/* ===================================================================== */
/* eval: scoring against the corpus gold (module eval/, nqx_eval_*)      */
/* ===================================================================== */

/* The numbers are those of the reference scorers score.py (extraction)
 * and ocr_score.py (OCR correction) on the same inputs, to the last
 * printed digit; the *_format functions write their very lines. */

#define NQX_EVAL_MAX_FIELDS 8

typedef struct {
    const char *name;   /* static: "comparator", "low", "lead", ... */
    size_t hits, total; /* agreeing / scored, over found records */
} nqx_eval_field;

/* The scores of one kind (targets or tasks). Plain value type. */
typedef struct {
    size_t gold, pred;    /* records of this kind in gold / predictions */
    size_t found, strict; /* gold records found; found with key fields right */
    double found_p, found_r, found_f1;
    double strict_p, strict_r, strict_f1;
    nqx_eval_field fields[NQX_EVAL_MAX_FIELDS]; /* first-scored order */
    size_t nfields;
} nqx_eval_kind;

/* An extraction score. Owns misses and each line in it; release with
 * nqx_eval_ext_free(). */
typedef struct {
    nqx_eval_kind target, task;
    char **misses; /* "MISS ...", "WRONG ...", "EXTRA ..." lines, in order */
    size_t nmisses;
} nqx_eval_ext;

/* Score predicted records (JSON Lines in pred[0..n), named pred_name in
 * errors) against gold_dir/<doc>.jsonl for every gold file there (a
 * missing gold_dir is NQX_EIO, where score.py would score nothing).
 * On success *out is a new score the caller frees with nqx_eval_ext_free().
 * NQX_EFORMAT names the file and line of a line that is not JSON. */
nqx_status nqx_eval_ext_score(const char *gold_dir, const char *pred,
                              size_t n, const char *pred_name,
                              nqx_eval_ext **out, nqx_error *err);
void nqx_eval_ext_free(nqx_eval_ext *s);
/* score.py's output lines (with --show-misses when show_misses), ending
 * with "strict_f1=<targets> <tasks>\n". 0 ok, -1 out of memory. */
int nqx_eval_ext_format(nqx_buf *b, const nqx_eval_ext *s, int show_misses);
/* score.py --json's object (indent 1). 0 ok, -1 out of memory. */
int nqx_eval_ext_json(nqx_buf *b, const nqx_eval_ext *s);

/* One document's OCR score. */
typedef struct {
    char *doc;         /* file name, e.g. "000_x.txt" */
    size_t errors;     /* words where RAW differs from CLEAN */
    size_t fixed;      /* of those, PRED equals CLEAN */
    size_t broken;     /* words where RAW equals CLEAN but PRED does not */
    size_t wrong_fix;  /* errors PRED changed, but not to CLEAN */
    char **notes;      /* "  missed  a -> b (got c)", "  broke   a -> b" */
    size_t nnotes;
} nqx_eval_ocr_doc;

/* An OCR score over documents; totals and rates are kept up to date by
 * nqx_eval_ocr_add(). Owns docs and everything in them; release with
 * nqx_eval_ocr_free(). */
typedef struct {
    nqx_eval_ocr_doc *docs;
    size_t ndocs;
    size_t errors, fixed, broken, wrong_fix;
    double recall;     /* fixed / errors (1 when no errors) */
    double precision;  /* fixed / (fixed + broken + wrong_fix) (1 when 0) */
} nqx_eval_ocr;

/* A new, empty score (NULL when out of memory). */
nqx_eval_ocr *nqx_eval_ocr_new(void);
/* Score one document: raw input, hand-corrected clean text, and the
 * normalizer's pred text (invalid UTF-8 in pred reads as U+FFFD, as the
 * scorer reads it; raw and clean must be valid). doc is copied. */
nqx_status nqx_eval_ocr_add(nqx_eval_ocr *s, const char *doc,
                            const char *raw, size_t nraw,
                            const char *clean, size_t nclean,
                            const char *pred, size_t npred, nqx_error *err);
void nqx_eval_ocr_free(nqx_eval_ocr *s);
/* ocr_score.py's output lines (with --show when show), ending with
 * "recall=<r> precision=<p> broken=<n>\n". 0 ok, -1 out of memory. */
int nqx_eval_ocr_format(nqx_buf *b, const nqx_eval_ocr *s, int show);
/* The same as one JSON object: {"docs": [...], "errors": ..., "recall":
 * ...}. 0 ok, -1 out of memory. */
int nqx_eval_ocr_json(nqx_buf *b, const nqx_eval_ocr *s);

/* The names of the regular files in dir whose name ends with suffix,
 * sorted by code point (as Python sorts paths). On success *names is an
 * array of *n strings the caller frees with nqx_eval_list_free(). */
nqx_status nqx_eval_list(const char *dir, const char *suffix, char ***names,
                         size_t *n, nqx_error *err);
void nqx_eval_list_free(char **names, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* NQX_H */
