/* test_faults.c: the store under faults, driving the nqx binary that
 * `make check` builds (NQX_BIN overrides it): kill -9 in the middle of an
 * ingest, two ingests racing on a fresh store, readers during an ingest,
 * nqx ingest -j N against -j 1, and inputs that are no regular file.
 *
 * The reference for every check is a clean single ingest of the same
 * generated folder: a store after a fault must hold, per document, exactly
 * the rows the clean ingest gave that document, and after a rerun exactly
 * the clean store's rows and export. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nqx.h"
#include "store_fixture.h"

#ifndef NQX_SRCDIR
#define NQX_SRCDIR "."
#endif

/* Documents in the generated folder: NQX_FAULT_DOCS (make valgrind sets
 * 120), else 150, enough that a kill lands mid-batch. */
static long S_ndocs_env(void)
{
    const char *v = getenv("NQX_FAULT_DOCS");
    long n = v ? atol(v) : 0;
    return n >= 30 ? n : 150;
}
#define S_NDOCS S_ndocs_env()
#define S_NTASKS 25  /* extra task lines in each */

static const char *S_nqx(void)
{
    const char *bin = getenv("NQX_BIN");
    return bin && *bin ? bin : NQX_SRCDIR "/nqx";
}

static void S_need_nqx(void)
{
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
}

/* A new temporary folder (caller frees; S_rmrf removes and frees). */
static char *S_tmpdir(void)
{
    char tmpl[] = "/tmp/nqx-faults-XXXXXX";
    cr_assert_not_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

static void S_rmrf(char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
    free(dir);
}

static char *S_path(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

static void S_write(const char *dir, const char *name, const char *body)
{
    char *p = S_path(dir, name);
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f, "%s", p);
    fputs(body, f);
    fclose(f);
    free(p);
}

static char *S_slurp(const char *dir, const char *name)
{
    char *p = S_path(dir, name), *data;
    size_t n;
    nqx_error e;
    if (nqx_read_file(p, 0, &data, &n, &e) != NQX_OK)
        data = strdup("");
    free(p);
    return data;
}

/* Run a shell command line (printf-style) in dir; its exit status. */
static int S_sh(const char *dir, const char *fmt, ...)
{
    char args[2048], cmd[3072];
    va_list ap;
    int st;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "cd '%s' && %s", dir, args);
    st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* One generated plan: a header, two targets, two tasks with agencies and
 * ntasks more, each line its own passage. i makes every text unique. */
static void S_gen_doc(const char *dir, int i, int ntasks)
{
    char name[32], *p;
    FILE *f;
    int k;
    snprintf(name, sizeof name, "g%04d.txt", i);
    p = S_path(dir, name);
    f = fopen(p, "w");
    cr_assert_not_null(f);
    fprintf(f,
            "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: %d/KH-UBND\nKẾ HOẠCH\n"
            "Thực hiện chương trình phát triển số %d năm 2023\n"
            "I. MỤC TIÊU\n"
            "1. Phấn đấu đến năm 2025 có %d%% xã đạt chuẩn nông thôn mới.\n"
            "2. Tỷ lệ hộ nghèo giảm bình quân %d,5%% mỗi năm.\n"
            "II. NHIỆM VỤ\n"
            "1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng đề án "
            "số %d; hoàn thành trong Quý II/2024.\n"
            "2. Sở Y tế báo cáo Ủy ban nhân dân tỉnh trước ngày 15/%d/2024.\n",
            i, i, i % 90 + 5, i % 7 + 1, i, i % 12 + 1);
    for (k = 0; k < ntasks; k++)
        fprintf(f, "%d. Sở Giáo dục và Đào tạo chủ trì triển khai nội dung "
                   "%d.%d; hoàn thành trong năm %d.\n",
                k + 3, i, k, 2024 + k % 3);
    fclose(f);
    free(p);
}

/* TMP/in holding n generated documents; *top is TMP (caller S_rmrf). */
static char *S_gen_folder(char **top, int n)
{
    char *dir;
    int i;
    *top = S_tmpdir();
    dir = S_path(*top, "in");
    cr_assert_eq(mkdir(dir, 0700), 0);
    for (i = 0; i < n; i++)
        S_gen_doc(dir, i, S_NTASKS);
    return dir;
}

/* ------------------------------------------------------------------ */
/* reading a store directly (read-only, its own connection)            */

/* temp.fts_rows: what the FTS5 index holds, one row per token (the
 * contentless index cannot be scanned itself). */
static int S_fts_rows(sqlite3 *h)
{
    return sqlite3_exec(h, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_rows"
                           " USING fts5vocab(main, passages_fts, instance)",
                        NULL, NULL, NULL);
}

/* Rows of sql as "a|b\n" lines; NULL when the store cannot answer yet
 * (not created, no schema, busy). Caller frees. */
static char *S_rows_try(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    nqx_buf b = {0};
    int rc, i;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return NULL;
    }
    sqlite3_busy_timeout(h, 2000);
    if (S_fts_rows(h) != SQLITE_OK ||
        sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return NULL;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            nqx_buf_printf(&b, "%s%s", i ? "|" : "", v ? v : "NULL");
        }
        nqx_buf_puts(&b, "\n");
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    if (rc != SQLITE_DONE) {
        nqx_buf_free(&b);
        return NULL;
    }
    nqx_buf_puts(&b, "");
    return nqx_buf_steal(&b);
}

static char *S_rows(const char *db, const char *sql)
{
    char *r = S_rows_try(db, sql);
    cr_assert_not_null(r, "%s: cannot run %s", db, sql);
    return r;
}

/* Every table's row count. */
static const char S_counts[] = FX_COUNTS;

/* Per document (by text hash): its rows in every table that hangs from
 * it. One statement, so one snapshot of the store. */
static const char S_per_doc[] =
    "WITH fts(doc_id, n) AS (SELECT p.doc_id, count(DISTINCT f.doc)"
    "   FROM temp.fts_rows f JOIN passages p ON p.id = f.doc GROUP BY p.doc_id)"
    " SELECT d.text_sha256,"
    " (SELECT count(*) FROM parts WHERE doc_id = d.id),"
    " (SELECT count(*) FROM nodes WHERE doc_id = d.id),"
    " (SELECT count(*) FROM targets WHERE doc_id = d.id),"
    " (SELECT count(*) FROM tasks WHERE doc_id = d.id),"
    " (SELECT count(*) FROM task_agencies a JOIN tasks k ON k.id = a.task_id"
    "   WHERE k.doc_id = d.id),"
    " (SELECT count(*) FROM corrections WHERE doc_id = d.id),"
    " (SELECT count(*) FROM passages WHERE doc_id = d.id), coalesce(fts.n, 0)"
    " FROM documents d LEFT JOIN fts ON fts.doc_id = d.id ORDER BY d.text_sha256";

static size_t S_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Each line of got (a document's counts) is a line of want: every stored
 * document is whole. Returns how many documents got holds. */
static size_t S_assert_whole_docs(const char *got, const char *want)
{
    const char *p = got;
    size_t n = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        char *line = strndup(p, (size_t)(nl - p + 1));
        cr_assert_not_null(strstr(want, line),
                           "a document stored in part: %s", line);
        free(line);
        n++;
        p = nl + 1;
    }
    return n;
}

static void S_assert_integrity(const char *db)
{
    sqlite3 *h;
    char *r = S_rows(db, "PRAGMA integrity_check");
    cr_assert_str_eq(r, "ok\n");
    free(r);
    /* every row's parent is there (foreign keys are not enforced) */
    r = S_rows(db, "PRAGMA foreign_key_check");
    cr_assert_str_eq(r, "");
    free(r);
    /* the FTS index agrees with its content table */
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    cr_assert_eq(sqlite3_exec(h, "INSERT INTO passages_fts(passages_fts) "
                                 "VALUES ('integrity-check')",
                              NULL, NULL, NULL),
                 SQLITE_OK, "%s: %s", db, sqlite3_errmsg(h));
    sqlite3_close(h);
}

/* A clean single ingest of dir into TOP/ref.db: its counts, per-document
 * counts and JSON Lines export. */
typedef struct {
    char *db, *counts, *per_doc, *export;
} S_ref;

static void S_ref_make(S_ref *r, const char *top, const char *extra)
{
    char *out;
    r->db = S_path(top, "ref.db");
    cr_assert_eq(S_sh(top, "%s ingest --no-ocr %s --db ref.db in > ref.out 2>&1",
                      S_nqx(), extra), 0);
    out = S_slurp(top, "ref.out");
    {
        char want[96];
        snprintf(want, sizeof want, "documents: %ld new, 0 new versions, 0 "
                                    "unchanged, 0 rejected;", S_NDOCS);
        cr_assert_not_null(strstr(out, want), "%s", out);
    }
    free(out);
    r->counts = S_rows(r->db, S_counts);
    r->per_doc = S_rows(r->db, S_per_doc);
    cr_assert_eq((long)S_lines(r->per_doc), S_NDOCS);
    cr_assert_eq(S_sh(top, "%s export --db ref.db --format jsonl > ref.jsonl",
                      S_nqx()), 0);
    r->export = S_slurp(top, "ref.jsonl");
    cr_assert_gt(strlen(r->export), 0);
}

static void S_ref_free(S_ref *r)
{
    free(r->db);
    free(r->counts);
    free(r->per_doc);
    free(r->export);
}

/* The store at TOP/db now equals the reference: rows and export. */
static void S_assert_equals_ref(const char *top, const char *db,
                                const S_ref *r)
{
    char *path = S_path(top, db), *got;
    S_assert_integrity(path);
    got = S_rows(path, S_counts);
    cr_assert_str_eq(got, r->counts);
    free(got);
    got = S_rows(path, S_per_doc);
    cr_assert_str_eq(got, r->per_doc);
    free(got);
    cr_assert_eq(S_sh(top, "%s export --db %s --format jsonl > got.jsonl",
                      S_nqx(), db), 0);
    got = S_slurp(top, "got.jsonl");
    cr_assert(strcmp(got, r->export) == 0, "export differs from the clean one");
    free(got);
    free(path);
}

/* Start "nqx ARGS..." in dir with output to TOP/NAME.out; its pid. When
 * gate is not NULL, the child waits until the pipe gate is closed before
 * it runs (so that several start at the same moment). */
static pid_t S_spawn(const char *dir, const int *gate, const char *out,
                     char *const argv[])
{
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        int fd;
        char c;
        if (chdir(dir) != 0)
            _exit(120);
        fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0)
            _exit(121);
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
        if (gate) {
            close(gate[1]);
            if (read(gate[0], &c, 1) < 0)
                _exit(122);
            close(gate[0]);
        }
        execv(S_nqx(), argv);
        _exit(127);
    }
    return pid;
}

static int S_exit_status(pid_t pid)
{
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* How many documents the store holds now (-1 when it cannot say yet). */
static long S_ndocs(const char *db)
{
    char *r = S_rows_try(db, "SELECT count(*) FROM documents");
    long n = r ? atol(r) : -1;
    free(r);
    return n;
}

static void S_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* ------------------------------------------------------------------ */

Test(faults, kill_9_mid_ingest_leaves_whole_documents_and_rerun_completes,
     .timeout = 240)
{
    char *top, *in, *db, *out;
    S_ref ref;
    /* (the second round runs two workers: a kill finds them mid-file) */
    char *argv[] = {"nqx", "ingest", "--no-ocr", "--db", "k.db", "in", NULL};
    char *argv_j2[] = {"nqx", "ingest", "-j", "2", "--no-ocr", "--db", "k.db",
                       "in", NULL};
    int round;
    long stored = 0, target;
    S_need_nqx();
    in = S_gen_folder(&top, (int)S_NDOCS);
    S_ref_make(&ref, top, "");
    db = S_path(top, "k.db");
    /* three kills, each a little further into the batch: the rerun skips
     * what is stored (unchanged) and goes on */
    for (round = 1; round <= 3; round++) {
        pid_t pid = S_spawn(top, NULL, "k.out", round == 2 ? argv_j2 : argv);
        long n, before = stored;
        char *per_doc;
        int st;
        target = stored + 1 + (long)rand() % (S_NDOCS / 10);
        while ((n = S_ndocs(db)) < target) {
            cr_assert_eq(waitpid(pid, &st, WNOHANG), 0,
                         "the ingest ended before the kill: make the folder "
                         "larger");
            S_sleep_ms(1);
        }
        kill(pid, SIGKILL);
        cr_assert_eq(waitpid(pid, &st, 0), pid);
        cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
                  "the ingest ended before the kill: make the folder larger");
        S_assert_integrity(db);
        per_doc = S_rows(db, S_per_doc);
        stored = (long)S_assert_whole_docs(per_doc, ref.per_doc);
        free(per_doc);
        cr_assert(stored >= target && stored < S_NDOCS,
                  "round %d: %ld stored (from %ld)", round, stored, before);
    }
    /* the rerun completes the batch: same rows and export as one run */
    cr_assert_eq(S_sh(top, "%s ingest --no-ocr --db k.db in > k.out 2>&1",
                      S_nqx()), 0);
    out = S_slurp(top, "k.out");
    {
        char want[160];
        snprintf(want, sizeof want,
                 "documents: %ld new, 0 new versions, %ld unchanged, 0 "
                 "rejected;", S_NDOCS - stored, stored);
        cr_assert_not_null(strstr(out, want), "%s", out);
    }
    free(out);
    S_assert_equals_ref(top, "k.db", &ref);
    S_ref_free(&ref);
    free(db);
    free(in);
    S_rmrf(top);
}

Test(faults, two_ingests_of_one_folder_race_on_a_fresh_store, .timeout = 240)
{
    char *top, *in, *a, *b;
    S_ref ref;
    char *argv[] = {"nqx", "ingest", "--no-ocr", "--db", "r.db", "in", NULL};
    int gate[2];
    pid_t pa, pb;
    size_t na, nb, ua, ub;
    S_need_nqx();
    in = S_gen_folder(&top, (int)S_NDOCS);
    S_ref_make(&ref, top, "");
    /* both wait on the pipe, then open the fresh store at once */
    cr_assert_eq(pipe(gate), 0);
    pa = S_spawn(top, gate, "a.out", argv);
    pb = S_spawn(top, gate, "b.out", argv);
    close(gate[0]);
    S_sleep_ms(50);
    close(gate[1]);
    {
        int sa = S_exit_status(pa), sb = S_exit_status(pb);
        a = S_slurp(top, "a.out");
        b = S_slurp(top, "b.out");
        cr_assert_eq(sa, 0, "%s", a);
        cr_assert_eq(sb, 0, "%s", b);
    }
    /* each document is stored once: by one, found unchanged by the other */
    {
        const char *sa = strstr(a, "documents: "), *sb = strstr(b, "documents: ");
        cr_assert_not_null(sa, "%s", a);
        cr_assert_not_null(sb, "%s", b);
        cr_assert_eq(sscanf(sa, "documents: %zu new, 0 new versions, %zu unchanged", &na, &ua), 2, "%s", a);
        cr_assert_eq(sscanf(sb, "documents: %zu new, 0 new versions, %zu unchanged", &nb, &ub), 2, "%s", b);
        cr_assert_eq((long)(na + ua), S_NDOCS);
        cr_assert_eq((long)(nb + ub), S_NDOCS);
        cr_assert_eq((long)(na + nb), S_NDOCS);
    }
    free(a);
    free(b);
    /* which of the two stored a document decides only its row id */
    {
        char *path = S_path(top, "r.db"), *got;
        S_assert_integrity(path);
        got = S_rows(path, S_counts);
        cr_assert_str_eq(got, ref.counts);
        free(got);
        got = S_rows(path, S_per_doc);
        cr_assert_str_eq(got, ref.per_doc);
        free(got);
        free(path);
    }
    S_ref_free(&ref);
    free(in);
    S_rmrf(top);
}

/* SQLite switches a file to WAL inside a read transaction that then asks
 * for the write lock; when another connection holds that lock it returns
 * SQLITE_BUSY at once, never calling the busy handler. Two ingests opening
 * a fresh store collide there (each switching it), and before nqx retried
 * the switch one failed with "database is locked" however long its busy
 * timeout: store_cli/two_ingests_share_one_store failed so under load. */
Test(faults, opening_a_fresh_store_waits_for_its_writer)
{
    char *top = S_tmpdir(), *db = S_path(top, "s.db");
    int ready[2];
    pid_t pid;
    char c;
    nqx_store *s;
    nqx_error e;
    char *r;
    cr_assert_eq(pipe(ready), 0);
    pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        /* a rollback-journal file, its write lock held for 300 ms (as
         * by another nqx switching it to WAL) */
        sqlite3 *h;
        close(ready[0]);
        if (sqlite3_open(db, &h) != SQLITE_OK ||
            sqlite3_exec(h, "PRAGMA user_version = 0; BEGIN IMMEDIATE",
                         NULL, NULL, NULL) != SQLITE_OK)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        S_sleep_ms(300);
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(h);
        _exit(0);
    }
    close(ready[1]);
    cr_assert_eq(read(ready[0], &c, 1), 1);
    nqx_error_clear(&e);
    cr_assert_eq(nqx_store_open(db, 0, 5000, &s, &e), NQX_OK, "%s", e.msg);
    nqx_store_close(s);
    cr_assert_eq(S_exit_status(pid), 0);
    r = S_rows(db, "PRAGMA journal_mode");
    cr_assert_str_eq(r, "wal\n");
    free(r);
    r = S_rows(db, "PRAGMA user_version");
    cr_assert_str_eq(r, "5\n");
    free(r);
    free(db);
    S_rmrf(top);
}

/* Many processes opening one fresh store at the same moment, round after
 * round: every open succeeds and the store ends migrated once. Before
 * nqx retried the WAL switch about one open in forty failed here ("database
 * is locked"); before it read the schema version, application id and
 * table count in one snapshot, about one in a thousand ("not an nqx
 * store": tables seen, not yet the id committed with them). */
Test(faults, eight_processes_open_a_fresh_store_at_once, .timeout = 120)
{
    char *top = S_tmpdir(), *db = S_path(top, "s.db");
    int round, k, failed = 0;
    /* fewer rounds under valgrind (NQX_FAULT_DOCS set), where each of the
     * eight opens takes a second: 40 came within seconds of the timeout */
    int rounds = getenv("NQX_FAULT_DOCS") ? 10 : 40;
    for (round = 0; round < rounds; round++) {
        int gate[2];
        pid_t pids[8];
        char side[600];
        unlink(db);
        snprintf(side, sizeof side, "%s-wal", db);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", db);
        unlink(side);
        cr_assert_eq(pipe(gate), 0);
        for (k = 0; k < 8; k++) {
            pids[k] = fork();
            cr_assert_neq(pids[k], -1);
            if (pids[k] == 0) {
                nqx_store *s;
                nqx_error e;
                char c;
                close(gate[1]);
                if (read(gate[0], &c, 1) < 0)
                    _exit(2);
                if (nqx_store_open(db, 0, 5000, &s, &e) != NQX_OK) {
                    fprintf(stderr, "open: %s\n", e.msg);
                    _exit(1);
                }
                nqx_store_close(s);
                _exit(0);
            }
        }
        close(gate[0]);
        close(gate[1]);
        for (k = 0; k < 8; k++)
            failed += S_exit_status(pids[k]) != 0;
    }
    cr_assert_eq(failed, 0, "%d of 320 opens failed", failed);
    {
        char *r = S_rows(db, "SELECT (SELECT user_version FROM pragma_user_version),"
                             " (SELECT count(*) FROM sqlite_schema WHERE name = 'documents')");
        cr_assert_str_eq(r, "5|1\n");
        free(r);
    }
    free(db);
    S_rmrf(top);
}

/* Readers during an ingest: each query sees whole documents only, and a
 * read transaction keeps its snapshot while the writer commits under it. */
Test(faults, readers_never_see_half_a_document, .timeout = 240)
{
    char *top, *in, *db, *snap;
    S_ref ref;
    char *argv[] = {"nqx", "ingest", "--no-ocr", "--db", "w.db", "in", NULL};
    pid_t pid;
    sqlite3 *h = NULL;
    sqlite3_stmt *st;
    long seen_max = 0, looks = 0, partial = 0, snap_docs;
    int status = -1, done = 0;
    S_need_nqx();
    in = S_gen_folder(&top, (int)S_NDOCS);
    S_ref_make(&ref, top, "");
    db = S_path(top, "w.db");
    pid = S_spawn(top, NULL, "w.out", argv);
    /* 1. a long read transaction, opened once some documents are in */
    while (S_ndocs(db) < 1)
        S_sleep_ms(1);
    cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    cr_assert_eq(S_fts_rows(h), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(h, S_counts, -1, &st, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    snap = strdup((const char *)sqlite3_column_text(st, 0));
    snap_docs = atol(snap);
    sqlite3_reset(st);
    /* 2. meanwhile, fresh readers check every document they see */
    while (!done) {
        char *per_doc = S_rows_try(db, S_per_doc);
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            done = 1;
        if (per_doc) {
            long n = (long)S_assert_whole_docs(per_doc, ref.per_doc);
            if (n < S_NDOCS)
                partial++;
            if (n > seen_max)
                seen_max = n;
            looks++;
            free(per_doc);
        }
    }
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the writer was held up by the open read transaction");
    /* the whole batch committed under the open snapshot, which still
     * sees what it saw */
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    cr_assert_eq(atol((const char *)sqlite3_column_text(st, 0)), snap_docs);
    sqlite3_finalize(st);
    cr_assert_eq(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    cr_assert_lt(snap_docs, S_NDOCS);
    cr_assert_gt(partial, 0, "no reader ran while the ingest was going");
    cr_log_info("%ld reads during the ingest, %ld of a partial store",
                looks, partial);
    S_assert_equals_ref(top, "w.db", &ref);
    free(snap);
    S_ref_free(&ref);
    free(db);
    free(in);
    S_rmrf(top);
}

/* nqx ingest -j N gives what -j 1 gives: stdout, stderr, rows, exports. */
Test(faults, ingest_j2_and_j3_equal_j1, .timeout = 240)
{
    static const char *const fmts[] = {"jsonl", "csv", "xml"};
    static const char *const jobs[] = {"1", "2", "3"};
    char *top, *in, *want_out = NULL, *want_err = NULL,
        *want_rows = NULL, *want_exp[3] = {0};
    int j, f;
    S_need_nqx();
    in = S_gen_folder(&top, 40);
    /* files each worker may fail on, in the middle of the batch */
    S_write(in, "g0010.txt.meta.json", "{\"locality\": 7}");
    {
        char *p = S_path(in, "g0020.txt");
        FILE *fp = fopen(p, "wb");
        fwrite("KẾ\0HOẠCH", 1, 10, fp);
        fclose(fp);
        free(p);
    }
    S_write(in, "page.html", "<html><body><h1>KẾ HOẠCH</h1><ol><li>Sở Y tế "
                             "chủ trì thực hiện trong năm 2024.</li></ol>"
                             "</body></html>");
    for (j = 0; j < 3; j++) {
        char sub[16], *dir, *out, *err, *rows;
        snprintf(sub, sizeof sub, "j%s", jobs[j]);
        dir = S_path(top, sub);
        cr_assert_eq(mkdir(dir, 0700), 0);
        /* the same store name in each folder: output names it */
        cr_assert_eq(S_sh(dir, "%s ingest -j %s --db s.db ../in %s/corpus "
                               "> out.txt 2> err.txt",
                          S_nqx(), jobs[j], NQX_SRCDIR), 1);
        out = S_slurp(dir, "out.txt");
        err = S_slurp(dir, "err.txt");
        {
            char *db = S_path(dir, "s.db");
            rows = S_rows(db, S_counts);
            free(db);
        }
        if (!j) {
            want_out = out;
            want_err = err;
            want_rows = rows;
            cr_assert_eq(S_lines(err), 2, "%s", err);
        } else {
            cr_assert_str_eq(out, want_out);
            cr_assert_str_eq(err, want_err);
            cr_assert_str_eq(rows, want_rows);
            free(out);
            free(err);
            free(rows);
        }
        for (f = 0; f < 3; f++) {
            char *got;
            cr_assert_eq(S_sh(dir, "%s export --db s.db --format %s > e.txt",
                              S_nqx(), fmts[f]), 0);
            got = S_slurp(dir, "e.txt");
            if (!j)
                want_exp[f] = got;
            else {
                cr_assert(strcmp(got, want_exp[f]) == 0,
                          "-j %s: %s export differs from -j 1's", jobs[j],
                          fmts[f]);
                free(got);
            }
        }
        free(dir);
    }
    free(want_out);
    free(want_err);
    free(want_rows);
    for (f = 0; f < 3; f++)
        free(want_exp[f]);
    free(in);
    S_rmrf(top);
}

/* A folder, a FIFO, a missing path and a path through a file, given to
 * each command: one line naming each, exit 1, the good file still done.
 * (Tests run as root, who reads a mode-000 file, so "unreadable" is a
 * path that cannot be opened at all.) A FIFO inside a folder nqx walks
 * is passed over, never opened (it would block). */
Test(faults, inputs_that_are_no_regular_file, .timeout = 120)
{
    static const char *const cmds[][2] = {
        {"normalize --no-ocr", "\n1. Phấn đấu 5% xã đạt chuẩn.\n"},
        {"extract --no-ocr", "{\"doc\": \"ok\", \"kind\": \"target\""},
        {"outline", "# ok.txt\n"},
        {"meta", "# ok.txt [0]"},
        {NULL, NULL}};
    char *top = S_tmpdir(), *out, *err;
    int i;
    S_need_nqx();
    cr_assert_eq(S_sh(top, "mkdir adir walk && mkfifo fifo walk/fifo.txt"), 0);
    S_write(top, "ok.txt", "KẾ HOẠCH\n1. Phấn đấu 5% xã đạt chuẩn.\n");
    S_write(top, "walk/w.txt", "KẾ HOẠCH\n1. Sở Y tế chủ trì thực hiện.\n");
    for (i = 0; cmds[i][0]; i++) {
        /* (timeout: a FIFO opened for reading would block for ever) */
        cr_assert_eq(S_sh(top, "timeout 60 %s %s adir fifo missing.txt "
                               "ok.txt/x ok.txt > out.txt 2> err.txt",
                          S_nqx(), cmds[i][0]), 1, "%s", cmds[i][0]);
        out = S_slurp(top, "out.txt");
        err = S_slurp(top, "err.txt");
        cr_assert_str_eq(err,
            "nqx: adir: is a directory\n"
            "nqx: fifo: not a regular file (FIFO, device or socket)\n"
            "nqx: missing.txt: cannot open: No such file or directory\n"
            "nqx: ok.txt/x: cannot open: Not a directory\n", "%s", cmds[i][0]);
        cr_assert_not_null(strstr(out, cmds[i][1]), "%s: %s", cmds[i][0], out);
        free(out);
        free(err);
    }
    /* ingest walks folders: the FIFO in walk/ is passed over */
    cr_assert_eq(S_sh(top, "timeout 60 %s ingest --no-ocr --db s.db walk fifo "
                           "missing.txt ok.txt/x ok.txt > out.txt 2> err.txt",
                      S_nqx()), 1);
    out = S_slurp(top, "out.txt");
    err = S_slurp(top, "err.txt");
    cr_assert_str_eq(err,
        "nqx: fifo: not a regular file (FIFO, device or socket)\n"
        "nqx: missing.txt: cannot open: No such file or directory\n"
        "nqx: ok.txt/x: cannot open: Not a directory\n");
    {
        static const char sum[] =
            "documents: 2 new, 0 new versions, 0 unchanged, 3 rejected;";
        cr_assert_eq(strncmp(out, sum, sizeof sum - 1), 0, "%s", out);
    }
    free(out);
    free(err);
    S_rmrf(top);
}
