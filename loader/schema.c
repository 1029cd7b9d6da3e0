/* schema.c: opening the store, its pragmas, the schema and its migrations.
 *
 * The schema is documented table by table in docs/schema.md; keep the two
 * in step. A migration is one SQL script that takes version N-1 to N; the
 * store records N in PRAGMA user_version and its own application_id so that
 * nqx never mistakes another SQLite file for a store. */
#include "store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define S_APP_ID 0x6e717801 /* "nqx" 1 */

/* Version 0 -> 1, in pieces (C compilers need not take longer strings). */
static const char *const S_v1[] = {
    "CREATE TABLE documents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"          /* document id: base name, no ext */
    "  file TEXT NOT NULL,\n"          /* path as given when ingested */
    "  input_sha256 TEXT,\n"
    "  text_sha256 TEXT NOT NULL UNIQUE,\n"
    "  encoding TEXT,\n"
    "  text_bytes INTEGER NOT NULL,\n"
    "  changes INTEGER NOT NULL,\n"     /* normalizer change count */
    "  kind TEXT, number TEXT, date TEXT, issuer TEXT,\n"
    "  locality TEXT, locality_key TEXT, title TEXT,\n"
    "  signer_name TEXT, signer_title TEXT,\n"
    "  cites TEXT, recipients TEXT,\n"   /* JSON arrays of strings */
    "  superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),\n"
    "  superseded_by INTEGER REFERENCES documents(id),\n"
    "  ingested_at TEXT NOT NULL\n"
    "    DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
    ");\n"
    "CREATE INDEX documents_name ON documents(name, superseded);\n"
    "CREATE TABLE parts (\n"             /* documents inside one file */
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  idx INTEGER NOT NULL,\n"
    "  kind TEXT, number TEXT, date TEXT, issuer TEXT, locality TEXT,\n"
    "  title TEXT, signer_name TEXT, signer_title TEXT,\n"
    "  cites TEXT, recipients TEXT,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  PRIMARY KEY (doc_id, idx)\n"
    ") WITHOUT ROWID;\n"
    ,
    "CREATE TABLE nodes (\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  idx INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  label TEXT, path TEXT, level INTEGER NOT NULL,\n"
    "  parent INTEGER,\n"               /* idx of the parent, NULL at top */
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  body_end INTEGER NOT NULL, flags INTEGER NOT NULL, part INTEGER,\n"
    "  PRIMARY KEY (doc_id, idx)\n"
    ") WITHOUT ROWID;\n"
    ,
    "CREATE TABLE targets (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  pos INTEGER NOT NULL,\n"          /* order among the doc's records */
    "  part INTEGER,\n"
    "  text TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  section TEXT, deadline TEXT, due TEXT,\n"
    "  comparator TEXT NOT NULL\n"
    "    CHECK (comparator IN ('>=', '>', '=', '<=', '<', 'range', '~', '')),\n"
    "  low REAL, high REAL, unit TEXT,\n"
    "  aspirational INTEGER NOT NULL CHECK (aspirational IN (0, 1)),\n"
    "  metric TEXT, metric_key TEXT, scope TEXT\n"
    ");\n"
    "CREATE INDEX targets_doc ON targets(doc_id, pos);\n"
    "CREATE TABLE tasks (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  pos INTEGER NOT NULL, part INTEGER,\n"
    "  text TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  section TEXT, deadline TEXT, due TEXT\n"
    ");\n"
    "CREATE INDEX tasks_doc ON tasks(doc_id, pos);\n"
    "CREATE INDEX tasks_due ON tasks(due);\n"
    ,
    "CREATE TABLE agencies (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  key TEXT NOT NULL UNIQUE\n"       /* canonical (folded) key */
    ");\n"
    "CREATE TABLE agency_names (\n"      /* every way it was written */
    "  agency_id INTEGER NOT NULL REFERENCES agencies(id),\n"
    "  name TEXT NOT NULL,\n"
    "  PRIMARY KEY (agency_id, name)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE task_agencies (\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  pos INTEGER NOT NULL,\n"
    "  agency_id INTEGER NOT NULL REFERENCES agencies(id),\n"
    "  name TEXT NOT NULL,\n"            /* as written in this task */
    "  role TEXT NOT NULL CHECK (role IN\n"
    "    ('lead', 'advise', 'execute', 'coordinate', 'report_to')),\n"
    "  PRIMARY KEY (task_id, pos)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX task_agencies_agency ON task_agencies(agency_id, role);\n"
    ,
    "CREATE TABLE corrections (\n"       /* OCR changes of the normalizer */
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  in_off INTEGER NOT NULL, out_off INTEGER NOT NULL,\n"
    "  from_text TEXT NOT NULL, to_text TEXT NOT NULL,\n"
    "  confidence REAL NOT NULL\n"
    ");\n"
    "CREATE INDEX corrections_doc ON corrections(doc_id);\n"
    "CREATE TABLE passages (\n"          /* what full-text search finds */
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('para', 'target', 'task')),\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  section TEXT, text TEXT NOT NULL,\n"
    "  folded TEXT NOT NULL\n"           /* nqx_fold(text): đ = d */
    ");\n"
    "CREATE INDEX passages_doc ON passages(doc_id);\n"
    /* unicode61 alone keeps đ apart from d, hence the folded column */
    "CREATE VIRTUAL TABLE passages_fts USING fts5(folded,\n"
    "  content='passages', content_rowid='id',\n"
    "  tokenize='unicode61 remove_diacritics 2');\n"
    ,
    "CREATE VIEW current_documents AS\n"
    "  SELECT * FROM documents WHERE superseded = 0;\n"
    "CREATE VIEW target_list AS\n"
    "  SELECT t.id, d.name AS doc, d.locality, d.kind AS doc_kind,\n"
    "    d.number AS doc_number, d.date AS doc_date, t.section, t.metric,\n"
    "    t.comparator, t.low, t.high, t.unit, t.aspirational, t.deadline,\n"
    "    t.due, t.scope, t.text, t.metric_key, d.locality_key\n"
    "  FROM targets t JOIN documents d ON d.id = t.doc_id\n"
    "  WHERE d.superseded = 0;\n"
    "CREATE VIEW task_list AS\n"
    "  SELECT k.id, d.name AS doc, d.locality, k.section, k.deadline, k.due,\n"
    "    (SELECT group_concat(x, '; ') FROM\n"
    "       (SELECT a.name || ' (' || a.role || ')' AS x\n"
    "        FROM task_agencies a WHERE a.task_id = k.id ORDER BY a.pos))\n"
    "      AS agencies,\n"
    "    k.text\n"
    "  FROM tasks k JOIN documents d ON d.id = k.doc_id\n"
    "  WHERE d.superseded = 0;\n"
    "CREATE VIEW task_agency_list AS\n"
    "  SELECT a.task_id, d.name AS doc, g.key AS agency_key, a.name AS agency,\n"
    "    a.role, k.deadline, k.due, k.section, k.text\n"
    "  FROM task_agencies a JOIN tasks k ON k.id = a.task_id\n"
    "    JOIN agencies g ON g.id = a.agency_id\n"
    "    JOIN documents d ON d.id = k.doc_id\n"
    "  WHERE d.superseded = 0;\n"
    "CREATE VIEW overdue_tasks AS\n"
    "  SELECT * FROM task_list WHERE due < date('now');\n",
    NULL};

/* Version 1 -> 2, the cost of writing. (1) A CHECK (x IN (a, b, c))
 * makes SQLite build a temporary b-tree of the list for every row it
 * inserts (OpenEphemeral): a fifth of ingest's store time went there.
 * The same constraints as OR chains are checked in place; S_v2_checks
 * rewrites them by SQLite's procedure for changing a CHECK constraint
 * (lang_altertable.html: writable_schema, then schema_version + 1), which
 * copies no row: every stored row meets both forms. (2) FTS5 merges its
 * index segments 4 at a time by default, so each entry was rewritten
 * about log4(documents) times (a commit per document writes a segment);
 * merging 64 at a time (still a little per commit: automerge, not one
 * big crisismerge) rewrites it once or twice for 10,000 documents, and a
 * search still reads few segments (as fast on 2,000 documents). */
static const char *const S_v2_checks[][3] = {
    {"passages", "kind IN ('para', 'target', 'task')",
     "kind = 'para' OR kind = 'target' OR kind = 'task'"},
    {"targets",
     "comparator IN ('>=', '>', '=', '<=', '<', 'range', '~', '')",
     "comparator = '>=' OR comparator = '>' OR comparator = '=' OR\n"
     "    comparator = '<=' OR comparator = '<' OR comparator = 'range' OR\n"
     "    comparator = '~' OR comparator = ''"},
    {"task_agencies",
     "role IN\n    ('lead', 'advise', 'execute', 'coordinate', 'report_to')",
     "role = 'lead' OR role = 'advise' OR role = 'execute' OR\n"
     "    role = 'coordinate' OR role = 'report_to'"}};

static const char *const S_v2[] = {
    "INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 64);\n"
    "INSERT INTO passages_fts (passages_fts, rank)"
    " VALUES ('crisismerge', 128);\n",
    NULL};

/* Version 2 -> 3: passages_fts without its docsize table (columnsize=0):
 * one b-tree row fewer per passage, about 5% of the store's cost. Only
 * bm25()'s per-row lengths read it, and FTS5 then counts them from the
 * text (nqx never ranks), so every query answers the same. The index is
 * rebuilt from passages, once. */
static const char *const S_v3[] = {
    "DROP TABLE passages_fts;\n"
    "CREATE VIRTUAL TABLE passages_fts USING fts5(folded,\n"
    "  content='passages', content_rowid='id',\n"
    "  tokenize='unicode61 remove_diacritics 2', columnsize=0);\n"
    "INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 64);\n"
    "INSERT INTO passages_fts (passages_fts, rank)"
    " VALUES ('crisismerge', 128);\n"
    "INSERT INTO passages_fts (passages_fts) VALUES ('rebuild');\n",
    NULL};

/* Version 3 -> 4: the folded text only in the index. passages.folded
 * held a second copy of every passage's text for the external-content
 * FTS5 table to read, so each passage's row was twice its text. A
 * contentless FTS5 table (content='') indexes the folded text nqx gives
 * it and keeps none: the passage rows halve and the batch no longer
 * reads them back to index them. MATCH answers as before (rowid =
 * passages.id); only its folded column reads NULL now. FTS5 cannot
 * delete from a contentless table (before SQLite 3.43's
 * contentless_delete), and nqx never deletes passages. */
static const char *const S_v4[] = {
    "DROP TABLE passages_fts;\n"
    "CREATE VIRTUAL TABLE passages_fts USING fts5(folded, content='',\n"
    "  tokenize='unicode61 remove_diacritics 2', columnsize=0);\n"
    "INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 64);\n"
    "INSERT INTO passages_fts (passages_fts, rank)"
    " VALUES ('crisismerge', 128);\n"
    "INSERT INTO passages_fts (rowid, folded)"
    " SELECT id, folded FROM passages ORDER BY id;\n"
    "ALTER TABLE passages DROP COLUMN folded;\n",
    NULL};

/* Version 4 -> 5: no index on passages(doc_id). No query of nqx reads
 * passages by document (search joins them by rowid from the FTS5
 * index), and keeping the index cost a b-tree insert for every line
 * stored: 6% of the store's instructions (1.8% of ingest --no-ocr;
 * callgrind, 300 textcorpus files). A query that joins passages to a
 * document's rows (docs/schema.md's headings with their text) answers
 * the same: SQLite builds an automatic index for the join, covering
 * (doc_id, start, kind) where the old one held doc_id alone. IF EXISTS:
 * a store rebuilt by hand (the tests' older versions) may lack it. */
static const char *const S_v5[] = {
    "DROP INDEX IF EXISTS passages_doc;\n",
    NULL};

static int S_int(nqx_store *s, const char *sql, int *out);

static nqx_status S_v2_rewrite(nqx_store *s, nqx_error *err)
{
    sqlite3_stmt *st = NULL;
    char sql[64];
    int version = 0;
    size_t i;
    nqx_status rcs = NQX_OK;
    if (S_int(s, "PRAGMA schema_version", &version) != SQLITE_OK ||
        sqlite3_exec(s->db, "PRAGMA writable_schema = ON", NULL, NULL,
                     NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
            "UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3)"
            " WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0",
            -1, &st, NULL) != SQLITE_OK)
        rcs = nqx_store_fail(s, err, "schema migration");
    for (i = 0; !rcs && i < sizeof S_v2_checks / sizeof *S_v2_checks; i++) {
        int k;
        for (k = 0; k < 3; k++)
            sqlite3_bind_text(st, k + 1, S_v2_checks[i][k], -1,
                              SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rcs = nqx_store_fail(s, err, "schema migration");
        else if (sqlite3_changes(s->db) != 1)
            rcs = nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                           "schema migration: table %s is not as schema "
                           "version 1 made it", S_v2_checks[i][0]);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    snprintf(sql, sizeof sql, "PRAGMA schema_version = %d", version + 1);
    if (!rcs && sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        rcs = nqx_store_fail(s, err, "schema migration");
    sqlite3_exec(s->db, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
    return rcs;
}

/* S_migrations[i] takes the schema from version i to i + 1: the C step
 * of S_rewrites[i] (if any), then the SQL. */
static const char *const *const S_migrations[NQX_SCHEMA_VERSION] = {
    S_v1, S_v2, S_v3, S_v4, S_v5};
static nqx_status (*const S_rewrites[NQX_SCHEMA_VERSION])(nqx_store *,
                                                          nqx_error *) = {
    NULL, S_v2_rewrite, NULL, NULL, NULL};

nqx_status nqx_store_fail(nqx_store *s, nqx_error *err, const char *what)
{
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : "cannot open";
    if (what)
        return nqx_fail(err, NQX_ESTORE, s ? s->path : NULL, -1, -1,
                        "%s: %s", what, msg);
    return nqx_fail(err, NQX_ESTORE, s ? s->path : NULL, -1, -1, "%s", msg);
}

nqx_status nqx_store_exec(nqx_store *s, const char *sql, nqx_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return nqx_store_fail(s, err, NULL);
    return NQX_OK;
}

static int S_int(nqx_store *s, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Bring the schema to NQX_SCHEMA_VERSION, or say why it cannot be. */
static nqx_status S_migrate(nqx_store *s, nqx_error *err)
{
    int version = 0, app = 0, ntables = 0;
    char sql[64];
    sqlite3_stmt *st;
    /* One statement, so one snapshot: read apart, another process's
     * migration could commit between them (tables seen, but not yet its
     * application_id: "not an nqx store"). */
    if (sqlite3_prepare_v2(s->db,
            "SELECT (SELECT user_version FROM pragma_user_version),"
            " (SELECT application_id FROM pragma_application_id),"
            " (SELECT count(*) FROM sqlite_schema)", -1, &st, NULL) !=
        SQLITE_OK)
        return nqx_store_fail(s, err, NULL);
    if (sqlite3_step(st) != SQLITE_ROW) {
        nqx_store_fail(s, err, NULL);
        sqlite3_finalize(st);
        return NQX_ESTORE;
    }
    version = sqlite3_column_int(st, 0);
    app = sqlite3_column_int(st, 1);
    ntables = sqlite3_column_int(st, 2);
    sqlite3_finalize(st);
    if (ntables && app != S_APP_ID)
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                        "not an nqx store (a SQLite file of another program)");
    if (version > NQX_SCHEMA_VERSION)
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                        "schema version %d is newer than this nqx (%d)",
                        version, NQX_SCHEMA_VERSION);
    if (version == NQX_SCHEMA_VERSION)
        return NQX_OK;
    if (s->readonly && !ntables)
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                        "empty file, not an nqx store");
    if (s->readonly)
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                        "schema version %d is older than this nqx's; run "
                        "nqx ingest to upgrade it", version);
    if (nqx_store_exec(s, "BEGIN IMMEDIATE", err))
        return NQX_ESTORE;
    /* another process may have migrated while we waited for the lock */
    if (S_int(s, "PRAGMA user_version", &version)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return nqx_store_fail(s, err, NULL);
    }
    for (; version < NQX_SCHEMA_VERSION; version++) {
        const char *const *step;
        if (S_rewrites[version] && S_rewrites[version](s, err)) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return NQX_ESTORE;
        }
        for (step = S_migrations[version]; *step; step++)
            if (sqlite3_exec(s->db, *step, NULL, NULL, NULL) != SQLITE_OK) {
                nqx_store_fail(s, err, "schema migration");
                sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
                return NQX_ESTORE;
            }
    }
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
             NQX_SCHEMA_VERSION);
    if (nqx_store_exec(s, sql, err))
        goto fail;
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", S_APP_ID);
    if (nqx_store_exec(s, sql, err) || nqx_store_exec(s, "COMMIT", err))
        goto fail;
    return NQX_OK;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return NQX_ESTORE;
}

/* PRAGMA journal_mode = WAL, retried on SQLITE_BUSY until busy_ms have
 * passed. The retry is ours because SQLite's busy handler is not called
 * here: the switch reads page 1 in a read transaction, then asks for the
 * write lock to set the file's version bytes, and a read transaction that
 * finds the write lock taken gets SQLITE_BUSY at once (waiting could
 * deadlock: the holder may wait for this reader). Two processes opening a
 * fresh store together both switch it, so one of them failed with
 * "database is locked" whatever the busy timeout. Once the file is in WAL
 * mode the pragma only reads and never collides. */
static int S_wal(nqx_store *s, int busy_ms)
{
    struct timespec t0, now;
    int rc, waited = 1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL,
                          NULL);
        if ((rc & 0xff) != SQLITE_BUSY)
            return rc;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - t0.tv_sec) * 1000 +
                (now.tv_nsec - t0.tv_nsec) / 1000000 >= busy_ms)
            return rc;
        /* back off 1, 2, 4 ... 64 ms: the other opener needs a few ms */
        sqlite3_sleep(waited);
        if (waited < 64)
            waited *= 2;
    }
}

/* Never let `nqx sql` reach another file. */
static int S_no_attach(void *ctx, int op, const char *a, const char *b,
                       const char *c, const char *d)
{
    (void)ctx; (void)a; (void)b; (void)c; (void)d;
    return op == SQLITE_ATTACH || op == SQLITE_DETACH ? SQLITE_DENY
                                                       : SQLITE_OK;
}

/* SQLite counts every allocation under a global mutex (memory
 * statistics, on by default) for sqlite3_memory_used() and the heap
 * limits, which nqx never asks for; off, an allocation is a plain
 * malloc: 7% of sqlite3_step's instructions in ingest, 1% of all
 * (callgrind, 60 textcorpus files). sqlite3_config works only before
 * SQLite initializes, so once per process at the first open: when the
 * program (or a test) used SQLite first it refuses and nothing changes.
 * Like every sqlite3_config it must not race another thread's first
 * SQLite call: a program that uses SQLite in other threads opens its
 * first store before starting them (nqx's own workers never touch it). */
static void S_sqlite_config(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
static pthread_once_t S_config_once = PTHREAD_ONCE_INIT;

nqx_status nqx_store_open(const char *path, int flags, int busy_ms,
                          nqx_store **out, nqx_error *err)
{
    nqx_store *s;
    int oflags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    struct stat stt;
    *out = NULL;
    pthread_once(&S_config_once, S_sqlite_config);
    s = calloc(1, sizeof *s);
    if (!s)
        return nqx_fail(err, NQX_ENOMEM, path, -1, -1, "out of memory");
    snprintf(s->path, sizeof s->path, "%s", path);
    s->readonly = (flags & NQX_STORE_READONLY) != 0;
    if (strncmp(path, "file:", 5) != 0) {
        if (stat(path, &stt) == 0 && !S_ISREG(stt.st_mode)) {
            free(s);
            return nqx_fail(err, NQX_ESTORE, path, -1, -1,
                            "not a regular file");
        }
        if (s->readonly && stat(path, &stt) != 0) {
            free(s);
            return nqx_fail(err, NQX_ESTORE, path, -1, -1,
                            "no such store (run nqx ingest first)");
        }
    }
    oflags |= s->readonly ? SQLITE_OPEN_READONLY
                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, busy_ms > 0 ? busy_ms : 5000);
    sqlite3_limit(s->db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_set_authorizer(s->db, S_no_attach, NULL);
    /* The first read tells a non-database file apart ("file is not a
     * database"); WAL lets readers and one writer share the file. */
    if (sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL,
                     NULL) != SQLITE_OK)
        goto fail;
    if (!s->readonly && S_wal(s, busy_ms > 0 ? busy_ms : 5000) != SQLITE_OK)
        goto fail;
    /* In WAL mode NORMAL never corrupts; a power cut may lose the last
     * documents, which re-ingesting restores. It saves an fsync per
     * document. A batch's savepoints keep the pages they change in a
     * sub-journal: in memory (a few MB), not a temporary file per batch.
     * Foreign keys are not enforced (SQLite's default): every row nqx
     * writes takes its parent's id from the row it has just written or
     * looked up in the same transaction, and the check (a search of the
     * parent table per row) was 6% of the store's time. The tests run
     * PRAGMA foreign_key_check after each way of writing. */
    if (sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL; "
                            "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) !=
        SQLITE_OK)
        goto fail;
    /* A writer checkpoints the WAL into the store every 16384 pages (64 MB
     * of 4 kB pages) instead of SQLite's 1000: each checkpoint waits for
     * two fsyncs (the WAL's, then the store's), and a page that several
     * batches rewrite in between (a b-tree's last leaf, an index page,
     * FTS5's structure record) is copied and flushed once, not each time.
     * Whole textcorpus: 475 fsyncs that waited 2.3 s -> 43 that waited
     * 0.85 s (strace -c -w). A killed process loses nothing (the WAL is
     * in the OS's hands); a power cut may lose the commits since the last
     * checkpoint, as under synchronous = NORMAL before, now up to 64 MB
     * of them, which re-ingesting restores; the store stays whole. The
     * WAL file grows to that size while a writer runs and is removed when
     * the last connection closes. nqx_store_ingest_files copies it in a
     * thread of its own instead (batch.c). */
    if (!s->readonly &&
        sqlite3_wal_autocheckpoint(s->db, NQX_AUTOCKPT_PAGES) != SQLITE_OK)
        goto fail;
    if (S_migrate(s, err)) {
        nqx_store_close(s);
        return NQX_ESTORE;
    }
    *out = s;
    return NQX_OK;
fail:
    nqx_store_fail(s, err, NULL);
    nqx_store_close(s);
    return NQX_ESTORE;
}

void nqx_store_close(nqx_store *s)
{
    int i;
    if (!s)
        return;
    for (i = 0; i < NQX_ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close_v2(s->db);
    nqx_buf_free(&s->pend);
    free(s->pend_id);
    free(s->pend_end);
    free(s);
}
