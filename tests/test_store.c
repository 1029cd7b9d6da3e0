/* test_store.c: the SQLite store: schema, ingest (identity, versions,
 * sidecars, HTML), queries, read-only SQL, and the error paths (read-only,
 * locked, not SQLite, full disk), each leaving the store consistent. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nqx.h"
#include "../loader/store.h"
#include "store_fixture.h"

/* Rows as "a|b|NULL\n" lines. */
static int S_collect(void *ctx, const nqx_row *row)
{
    nqx_buf *b = ctx;
    int i;
    if (!row->values)
        return 0;
    for (i = 0; i < row->ncols; i++)
        nqx_buf_printf(b, "%s%s", i ? "|" : "",
                       row->values[i] ? row->values[i] : "NULL");
    nqx_buf_puts(b, "\n");
    return 0;
}

/* Rows of any SQL (on the store's own connection), as "a|b\n" lines.
 * temp.fts_rows lists what the FTS5 index holds (one row per token: the
 * contentless index cannot be scanned itself). */
static char *S_sql(nqx_store *s, const char *sql)
{
    nqx_buf b = {0};
    sqlite3_stmt *st;
    int i;
    cr_assert_eq(sqlite3_exec(s->db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_rows"
                              " USING fts5vocab(main, passages_fts, instance)",
                              NULL, NULL, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            nqx_buf_printf(&b, "%s%s", i ? "|" : "", v ? v : "NULL");
        }
        nqx_buf_puts(&b, "\n");
    }
    sqlite3_finalize(st);
    nqx_buf_puts(&b, "");
    return nqx_buf_steal(&b);
}

static const char S_counts[] = FX_COUNTS;

static nqx_store *S_open(const char *path)
{
    nqx_store *s;
    nqx_error e;
    cr_assert_eq(nqx_store_open(path, 0, 200, &s, &e), NQX_OK, "%s", e.msg);
    return s;
}

static void S_assert_rows(char *got, const char *want)
{
    cr_assert_str_eq(got, want);
    free(got);
}

/* Every row's parent is there (nqx does not have SQLite enforce foreign
 * keys while it writes: loader/schema.c). */
static void S_assert_parents(nqx_store *s)
{
    S_assert_rows(S_sql(s, "PRAGMA foreign_key_check"), "");
}

Test(store, sha256_known_vectors)
{
    char h[65];
    nqx_sha256_hex("", 0, h);
    cr_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    nqx_sha256_hex("abc", 3, h);
    cr_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* 56 bytes: the padding spills into a second block */
    nqx_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, h);
    cr_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* The CPU's SHA instructions and the portable loop agree at every length
 * around the block and padding edges, and on a long input. */
Test(store, sha256_both_implementations_agree)
{
    static unsigned char buf[1000000];
    char a[65], b[65];
    size_t n;
    for (n = 0; n < sizeof buf; n++)
        buf[n] = (unsigned char)(n * 2654435761u >> 13);
    for (n = 0; n <= 300; n++) {
        nqx_sha256_hex(buf, n, a);
        nqx_sha256_hex_portable(buf, n, b);
        cr_assert_str_eq(a, b, "length %zu", n);
    }
    memset(buf, 'a', sizeof buf);
    nqx_sha256_hex(buf, sizeof buf, a);
    cr_assert_str_eq(a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    cr_log_info("SHA instructions %s",
                nqx_sha256_hex_portable(buf, sizeof buf, b) ? "used" : "absent");
    cr_assert_str_eq(b, a);
}

Test(store, due_dates_of_the_deadline_vocabulary)
{
    char d[11];
    cr_assert(nqx_store_due_date("2025", d)); cr_assert_str_eq(d, "2025-12-31");
    cr_assert(nqx_store_due_date("2023-Q2", d)); cr_assert_str_eq(d, "2023-06-30");
    cr_assert(nqx_store_due_date("2023-Q1", d)); cr_assert_str_eq(d, "2023-03-31");
    cr_assert(nqx_store_due_date("2024-02", d)); cr_assert_str_eq(d, "2024-02-29");
    cr_assert(nqx_store_due_date("2022-12", d)); cr_assert_str_eq(d, "2022-12-31");
    cr_assert(nqx_store_due_date("2023-05-15", d)); cr_assert_str_eq(d, "2023-05-15");
    cr_assert(nqx_store_due_date("2023/2025", d)); cr_assert_str_eq(d, "2025-12-31");
    cr_assert_not(nqx_store_due_date("R/P1Y", d));
    cr_assert_not(nqx_store_due_date("R/P6M", d));
    cr_assert_not(nqx_store_due_date("ongoing", d));
    cr_assert_not(nqx_store_due_date("conditional", d));
    cr_assert_not(nqx_store_due_date(NULL, d));
    cr_assert_not(nqx_store_due_date("2023-02-30", d));
    cr_assert_not(nqx_store_due_date("2023-Q5", d));
}

Test(store, schema_version_and_application_id)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    S_assert_rows(S_sql(s, "PRAGMA user_version"), "5\n");
    S_assert_rows(S_sql(s, "PRAGMA journal_mode"), "wal\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'passages_doc'"),
                  "0\n");
    /* a version 4 store (with the index) loses it on opening */
    cr_assert_eq(sqlite3_exec(s->db, "CREATE INDEX passages_doc ON passages(doc_id);"
                              " PRAGMA user_version = 4", NULL, NULL, NULL), SQLITE_OK);
    nqx_store_close(s);
    s = S_open(path);
    S_assert_rows(S_sql(s, "PRAGMA user_version"), "5\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'passages_doc'"),
                  "0\n");
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, ingest_then_reingest_changes_nothing)
{
    char *path = fx_db_path(), *before, *after;
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    cr_assert_eq(fx_ingest(s, "dir/kh-12.txt", FX_TEXT, NULL, &r, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(r.outcome, NQX_INGEST_NEW);
    cr_assert_eq(r.ntargets, 1);
    cr_assert_eq(r.ntasks, 2);
    before = S_sql(s, S_counts);
    /* 1 document, 1 part, 0 nodes, 1 target, 2 tasks, 4 agencies, 4
     * names, 4 task agencies, 0 corrections, 3 records + 4 lines */
    cr_assert_str_eq(before, "1|1|0|1|2|4|4|4|0|7|7\n");
    cr_assert_eq(fx_ingest(s, "other/kh-12.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    cr_assert_eq(r.outcome, NQX_INGEST_UNCHANGED);
    cr_assert_str_eq(r.existing, "dir/kh-12.txt");
    after = S_sql(s, S_counts);
    cr_assert_str_eq(after, before);
    S_assert_rows(S_sql(s, "SELECT name, file, text_sha256 = lower(?1) OR 1,"
                           " superseded FROM documents"),
                  "kh-12|dir/kh-12.txt|1|0\n");
    free(before);
    free(after);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, changed_text_is_a_new_version_and_the_old_is_kept)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT "4. Thêm một dòng.\n", NULL, &r, &e), NQX_OK);
    cr_assert_eq(r.outcome, NQX_INGEST_VERSION);
    S_assert_rows(S_sql(s, "SELECT id, superseded, superseded_by FROM documents ORDER BY id"),
                  "1|1|2\n2|0|NULL\n");
    /* queries see the current version only */
    S_assert_rows(S_sql(s, "SELECT count(*) FROM target_list"), "1\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM targets"), "2\n");
    S_assert_parents(s);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, target_queries_filter_with_folded_words)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    nqx_store_meta m = {0};
    nqx_ingest_result r;
    nqx_error e;
    nqx_target_query q = {0};
    nqx_buf b = {0};
    m.locality = "Thành phố Huế";
    cr_assert_eq(fx_ingest(s, "hue.txt", FX_TEXT, &m, &r, &e), NQX_OK);
    q.metric = "CAN BO NU";
    q.locality = "hue";
    q.year = 2025;
    q.aspirational = 1;
    cr_assert_eq(nqx_store_targets(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data, "hue|Thành phố Huế|1.|tỷ lệ cán bộ nữ trong cấp ủy|>=|18|18|%|1|2025|2025-12-31\n");
    b.len = 0;
    q.year = 2024;
    cr_assert_eq(nqx_store_targets(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    q.year = 0;
    q.metric = "100%"; /* LIKE wildcards are literal */
    cr_assert_eq(nqx_store_targets(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    q.metric = "%";
    cr_assert_eq(nqx_store_targets(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    nqx_buf_free(&b);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, task_queries_agency_role_due_and_overdue)
{
    char *path = fx_db_path(), *counts;
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    nqx_task_query q = {0};
    nqx_buf b = {0};
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    q.agency = "so tai chinh";
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data, "kh|2.|Sở Nội vụ (lead); Sở Tài chính (coordinate)|2023-Q2|2023-06-30|"
                     "2. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng đề án, \"quy chế\"; hoàn thành trong Quý II/2023.\n");
    b.len = 0;
    q.role = "lead"; /* Sở Tài chính only coordinates */
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    memset(&q, 0, sizeof q);
    q.due_before = "2023-06-01";
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(strncmp(b.data, "kh|3.|Ban Tổ chức Thành ủy (lead); Ban Thường vụ (report_to)|2023-05-15|2023-05-15|", 84), 0, "%s", b.data);
    cr_assert_null(strchr(b.data, '\n') + 1 == b.data + b.len ? NULL : "two rows");
    b.len = 0;
    memset(&q, 0, sizeof q);
    q.overdue = 1;
    q.today = "2023-06-30"; /* the Quý II task is due that day: not overdue */
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(strncmp(b.data, "kh|3.|", 6), 0);
    cr_assert_eq(strchr(b.data, '\n') + 1, b.data + b.len);
    b.len = 0;
    /* a filter is a bound value, never SQL */
    counts = S_sql(s, S_counts);
    memset(&q, 0, sizeof q);
    q.agency = "x' OR 1=1 --";
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    q.agency = "'; DROP TABLE tasks; --";
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    S_assert_rows(S_sql(s, S_counts), counts);
    free(counts);
    memset(&q, 0, sizeof q);
    q.role = "boss";
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_EINVAL);
    q.role = NULL;
    q.due_before = "tomorrow";
    cr_assert_eq(nqx_store_tasks(s, &q, S_collect, &b, &e), NQX_EINVAL);
    nqx_buf_free(&b);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, compare_groups_by_locality_and_year)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    nqx_store_meta m = {0};
    nqx_ingest_result r;
    nqx_error e;
    nqx_buf b = {0};
    m.locality = "Huế";
    cr_assert_eq(fx_ingest(s, "a.txt", FX_TEXT, &m, &r, &e), NQX_OK);
    m.locality = "Đà Nẵng";
    cr_assert_eq(fx_ingest(s, "b.txt", FX_TEXT "\n", &m, &r, &e), NQX_OK);
    cr_assert_eq(nqx_store_compare(s, "cán bộ nữ", "locality", S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data,
        "Huế|a|tỷ lệ cán bộ nữ trong cấp ủy|>=|18|18|%|2025|2025-12-31\n"
        "Đà Nẵng|b|tỷ lệ cán bộ nữ trong cấp ủy|>=|18|18|%|2025|2025-12-31\n");
    b.len = 0;
    cr_assert_eq(nqx_store_compare(s, "can bo nu", "year", S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data,
        "2025|a|Huế|tỷ lệ cán bộ nữ trong cấp ủy|>=|18|18|%|2025\n"
        "2025|b|Đà Nẵng|tỷ lệ cán bộ nữ trong cấp ủy|>=|18|18|%|2025\n");
    cr_assert_eq(nqx_store_compare(s, "x", "1; DROP TABLE targets", S_collect, &b, &e), NQX_EINVAL);
    nqx_buf_free(&b);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, search_ignores_case_and_diacritics_and_dd)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    nqx_buf b = {0};
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    cr_assert_eq(nqx_store_search(s, "phan dau", S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data, "kh|NULL|1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n");
    b.len = 0;
    /* the sentence, not the whole line */
    cr_assert_eq(nqx_store_search(s, "QUY II/2023", S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data, "kh|NULL|hoàn thành trong Quý II/2023.\n");
    b.len = 0;
    cr_assert_eq(nqx_store_search(s, "\" OR dau", S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    cr_assert_eq(nqx_store_search(s, "  ;; ", S_collect, &b, &e), NQX_EINVAL);
    nqx_buf_free(&b);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, sql_is_read_only)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path), *ro;
    nqx_ingest_result r;
    nqx_error e;
    nqx_buf b = {0};
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    nqx_store_close(s);
    cr_assert_eq(nqx_store_open(path, NQX_STORE_READONLY, 0, &ro, &e), NQX_OK);
    cr_assert_eq(nqx_store_sql(ro, "SELECT count(*) FROM tasks", S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data, "2\n");
    cr_assert_eq(nqx_store_sql(ro, "DELETE FROM tasks", S_collect, &b, &e), NQX_EINVAL);
    cr_assert_str_eq(e.msg, "refused, not a read-only statement: DELETE FROM tasks");
    cr_assert_eq(nqx_store_sql(ro, "SELECT 1; DROP TABLE tasks", S_collect, &b, &e), NQX_EINVAL);
    cr_assert_eq(nqx_store_sql(ro, "ATTACH '/tmp/x.db' AS x", S_collect, &b, &e), NQX_ESTORE);
    b.len = 0;
    cr_assert_eq(nqx_store_sql(ro, "SELECT count(*) FROM tasks", S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data, "2\n");
    nqx_buf_free(&b);
    nqx_store_close(ro);
    fx_rm(path);
}

Test(store, read_only_store_refuses_ingest_cleanly)
{
    char *path = fx_db_path(), uri[300];
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    nqx_store_close(s);
    snprintf(uri, sizeof uri, "file:%s?mode=ro", path);
    cr_assert_eq(nqx_store_open(uri, 0, 0, &s, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_ESTORE);
    cr_assert_str_eq(e.file, uri);
    cr_assert_str_eq(e.msg, "attempt to write a readonly database");
    S_assert_rows(S_sql(s, "PRAGMA integrity_check"), "ok\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM documents"), "0\n");
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, locked_store_waits_then_fails_clearly)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    sqlite3 *other;
    nqx_ingest_result r;
    nqx_error e;
    cr_assert_eq(sqlite3_open(path, &other), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_ESTORE);
    cr_assert_str_eq(e.msg, "database is locked");
    cr_assert_str_eq(e.file, path);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    S_assert_rows(S_sql(s, "PRAGMA integrity_check"), "ok\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM documents"), "0\n");
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, not_sqlite_and_foreign_sqlite_are_refused)
{
    char *path = fx_db_path();
    nqx_store *s;
    nqx_error e;
    sqlite3 *db;
    FILE *f = fopen(path, "w");
    fputs("KẾ HOẠCH: this is a text file, not a database, but long enough "
          "to be mistaken for one by a careless program..................\n", f);
    fclose(f);
    cr_assert_eq(nqx_store_open(path, 0, 0, &s, &e), NQX_ESTORE);
    cr_assert_null(s);
    cr_assert_str_eq(e.msg, "file is not a database");
    cr_assert_eq(nqx_store_open(path, NQX_STORE_READONLY, 0, &s, &e), NQX_ESTORE);
    unlink(path);
    cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    cr_assert_eq(nqx_store_open(path, 0, 0, &s, &e), NQX_ESTORE);
    cr_assert_str_eq(e.msg, "not an nqx store (a SQLite file of another program)");
    unlink(path);
    cr_assert_eq(nqx_store_open(path, NQX_STORE_READONLY, 0, &s, &e), NQX_ESTORE);
    cr_assert_str_eq(e.msg, "no such store (run nqx ingest first)");
    fx_rm(path);
}

Test(store, newer_schema_is_refused)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    nqx_error e;
    sqlite3_exec(s->db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    nqx_store_close(s);
    cr_assert_eq(nqx_store_open(path, 0, 0, &s, &e), NQX_ESTORE);
    cr_assert_str_eq(e.msg, "schema version 99 is newer than this nqx (5)");
    fx_rm(path);
}

/* nqx_fold as an SQL function, to rebuild the passages.folded column
 * that versions 1 to 3 stored. */
static void S_fold_fn(sqlite3_context *c, int argc, sqlite3_value **v)
{
    const char *t = (const char *)sqlite3_value_text(v[0]);
    char *f = t ? nqx_fold(t, strlen(t)) : NULL;
    (void)argc;
    if (f)
        sqlite3_result_text(c, f, -1, free);
    else
        sqlite3_result_error(c, "cannot fold", -1);
}

/* Give passages back the folded column of versions 1 to 3. */
static void S_add_folded(nqx_store *s)
{
    cr_assert_eq(sqlite3_create_function(s->db, "test_fold", 1, SQLITE_UTF8, NULL,
                                         S_fold_fn, NULL, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(s->db, "ALTER TABLE passages ADD COLUMN folded TEXT NOT NULL"
                              " DEFAULT ''; UPDATE passages SET folded = test_fold(text)",
                              NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(s->db));
}

/* Search answers for a few queries (with and without diacritics, đ and
 * d, a code point beyond nqx_fold's fast tables), one block each. */
static char *S_searches(nqx_store *s)
{
    static const char *const q[] = {"phấn đấu", "phan dau", "PHAN ĐAU", "dau",
                                     "đà nẵng", "Da Nang", "uy ban thuong vu",
                                     "ha noi", "→ đường"};
    nqx_buf b = {0};
    nqx_error e;
    size_t i;
    for (i = 0; i < sizeof q / sizeof *q; i++) {
        nqx_buf_printf(&b, "# %s\n", q[i]);
        cr_assert_eq(nqx_store_search(s, q[i], S_collect, &b, &e), NQX_OK, "%s", e.msg);
    }
    return nqx_buf_steal(&b);
}

/* A text with no records (its lines only). */
static nqx_status S_ingest_lines(nqx_store *s, const char *name, const char *text)
{
    nqx_text *t = fx_text(text);
    nqx_doc *d = calloc(1, sizeof *d);
    nqx_ingest_result r;
    nqx_error e;
    nqx_status st = nqx_store_ingest_doc(s, NULL, name, text, strlen(text), t, d, NULL,
                                         &r, &e);
    nqx_doc_free(d);
    nqx_text_free(t);
    return st;
}

static const char S_passage_rows[] =
    "SELECT id, doc_id, kind, start, end, section, text FROM passages ORDER BY id";

/* A version 3 store (passages.folded, the FTS5 index reading it as its
 * external content) is brought to version 4: the folded column is gone,
 * the index is contentless and holds the same rows, every other row
 * stays, and search answers exactly as before. */
Test(store, version_3_store_migrates_to_4_and_searches_the_same)
{
    static const char second[] =
        "KẾ HOẠCH\nĐường từ Hà Nội → Đà Nẵng (越南) được nâng cấp.\n"
        "Ủy ban nhân dân thành phố Đà Nẵng chủ trì.\n";
    char *path = fx_db_path(), *counts, *rows, *found, *v3;
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    cr_assert_eq(S_ingest_lines(s, "dn.txt", second), NQX_OK);
    counts = S_sql(s, S_counts);
    rows = S_sql(s, S_passage_rows);
    found = S_searches(s);
    cr_assert_str_eq(found,
        "# phấn đấu\nkh|NULL|1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n"
        "# phan dau\nkh|NULL|1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n"
        "# PHAN ĐAU\nkh|NULL|1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n"
        "# dau\nkh|NULL|1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n"
        "# đà nẵng\ndn|NULL|Đường từ Hà Nội → Đà Nẵng (越南) được nâng cấp.\n"
        "dn|NULL|Ủy ban nhân dân thành phố Đà Nẵng chủ trì.\n"
        "# Da Nang\ndn|NULL|Đường từ Hà Nội → Đà Nẵng (越南) được nâng cấp.\n"
        "dn|NULL|Ủy ban nhân dân thành phố Đà Nẵng chủ trì.\n"
        "# uy ban thuong vu\n"
        "# ha noi\ndn|NULL|Đường từ Hà Nội → Đà Nẵng (越南) được nâng cấp.\n"
        "# → đường\ndn|NULL|Đường từ Hà Nội → Đà Nẵng (越南) được nâng cấp.\n");
    /* turn it back into what version 3 wrote */
    S_add_folded(s);
    cr_assert_eq(sqlite3_exec(s->db, "DROP TABLE passages_fts;"
        " CREATE VIRTUAL TABLE passages_fts USING fts5(folded, content='passages',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2', columnsize=0);"
        " INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 64);"
        " INSERT INTO passages_fts (passages_fts, rank) VALUES ('crisismerge', 128);"
        " INSERT INTO passages_fts (passages_fts) VALUES ('rebuild');"
        " PRAGMA user_version = 3", NULL, NULL, NULL), SQLITE_OK);
    v3 = S_sql(s, "SELECT rowid, folded FROM passages_fts WHERE passages_fts MATCH 'nang'"
                  " ORDER BY rowid");
    cr_assert_str_eq(v3, "9|duong tu ha noi → da nang (越南) duoc nang cap.\n"
                         "10|uy ban nhan dan thanh pho da nang chu tri.\n");
    free(v3);
    nqx_store_close(s);
    s = S_open(path);
    S_assert_rows(S_sql(s, "PRAGMA user_version"), "5\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM pragma_table_info('passages')"
                           " WHERE name = 'folded'"), "0\n");
    S_assert_rows(S_sql(s, "SELECT instr(sql, 'content=''''') > 0, instr(sql, 'columnsize=0')"
                           " > 0 FROM sqlite_schema WHERE name = 'passages_fts'"), "1|1\n");
    S_assert_rows(S_sql(s, "SELECT k, v FROM passages_fts_config WHERE k <> 'version' ORDER BY k"),
                  "automerge|64\ncrisismerge|128\n");
    S_assert_rows(S_sql(s, S_counts), counts);
    S_assert_rows(S_sql(s, S_passage_rows), rows);
    S_assert_rows(S_searches(s), found);
    S_assert_rows(S_sql(s, "PRAGMA integrity_check"), "ok\n");
    cr_assert_eq(sqlite3_exec(s->db, "INSERT INTO passages_fts (passages_fts)"
                              " VALUES ('integrity-check')", NULL, NULL, NULL), SQLITE_OK);
    /* and it takes new documents */
    cr_assert_eq(S_ingest_lines(s, "hn.txt", "KẾ HOẠCH\nĐề án của Hà Nội.\n"), NQX_OK);
    S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH"
                           " '\"ha noi\"'"), "2\n");
    S_assert_parents(s);
    free(counts);
    free(rows);
    free(found);
    nqx_store_close(s);
    fx_rm(path);
}

/* What the index holds for each passage is what FTS5 makes of
 * nqx_fold(text), token for token, also for lines with code points beyond
 * nqx_fold's fast tables (folded word by word: loader/ingest.c), and for
 * lines within them, which the index gets unspaced and with ASCII
 * capitals (nqx_fold_tokens_fast: FTS5 lower-cases and splits itself). */
Test(store, index_holds_the_fold_of_each_passage)
{
    static const char text[] =
        "KẾ HOẠCH\n"
        "  ĐẤU  tranh\tVÌ  DÂN,\v Hà\xc2\xa0NỘI; ABC-xyz 2025  \t\n"
        "QUYẾT ĐỊNH Số 12/QĐ-UBND ngày 05/3/2025 (Ðợt II)\n"
        "Đường từ Hà Nội → Đà Nẵng (越南 国) được nâng cấp.\n"
        "  Tab\there  and\xc2\xa0NBSP   x→y  \n"
        "Combining: Tie\xcc\x81ng Vie\xcc\xa3t \xcc\x81 x \xcc\x81y\n"
        "\xef\xac\x81nal \xce\xa3\xce\x91\xce\xa3 \xc4\xb0stanbul Stra\xc3\x9f" "e \xe1\xba\x9e \xc7\x84\n"
        "越南\n"
        "→\n"
        "Chữ Hán 漢字 và chữ Nôm \xf0\xa1\xa8\xb8喃 cùng \xf0\x9f\x98\x80 ĐẤU−đấu ²³ ⅻ.\n";
    static const char inst[] =
        "SELECT doc, term, offset FROM %s ORDER BY doc, offset";
    char *path = fx_db_path(), *got, *want, sql[128];
    nqx_store *s = S_open(path);
    cr_assert_eq(S_ingest_lines(s, "t.txt", text), NQX_OK);
    cr_assert_eq(sqlite3_create_function(s->db, "test_fold", 1, SQLITE_UTF8, NULL,
                                         S_fold_fn, NULL, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(s->db, "CREATE VIRTUAL TABLE temp.want USING fts5(folded,"
                              " tokenize='unicode61 remove_diacritics 2');"
                              " INSERT INTO temp.want (rowid, folded)"
                              " SELECT id, test_fold(text) FROM passages;"
                              " CREATE VIRTUAL TABLE temp.want_rows USING"
                              " fts5vocab(temp, want, instance)", NULL, NULL, NULL),
                 SQLITE_OK, "%s", sqlite3_errmsg(s->db));
    snprintf(sql, sizeof sql, inst, "temp.fts_rows");
    got = S_sql(s, sql);
    snprintf(sql, sizeof sql, inst, "temp.want_rows");
    want = S_sql(s, sql);
    cr_assert_gt(strlen(want), 300, "%s", want);
    cr_assert_str_eq(got, want);
    S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH"
                           " '\"duong tu ha noi\" AND 越南 AND 国'"), "1\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH"
                           " '\"tieng viet\"'"), "1\n");
    free(got);
    free(want);
    nqx_store_close(s);
    fx_rm(path);
}

/* A version 1 store (its CHECKs written with IN, FTS5's default merging,
 * a docsize table) is brought to version 4: the stored rows stay, the
 * constraints still hold, inserts no longer build a temporary b-tree per
 * row, and search finds what it found. */
Test(store, version_1_store_migrates_to_4)
{
    static const char *const back[][2] = {
        {"passages", "kind IN ('para', 'target', 'task')"},
        {"targets", "comparator IN ('>=', '>', '=', '<=', '<', 'range', '~', '')"},
        {"task_agencies", "role IN\n    ('lead', 'advise', 'execute', 'coordinate', 'report_to')"}};
    static const char *const now[] = {
        "kind = 'para' OR kind = 'target' OR kind = 'task'",
        "comparator = '>=' OR comparator = '>' OR comparator = '=' OR\n"
        "    comparator = '<=' OR comparator = '<' OR comparator = 'range' OR\n"
        "    comparator = '~' OR comparator = ''",
        "role = 'lead' OR role = 'advise' OR role = 'execute' OR\n"
        "    role = 'coordinate' OR role = 'report_to'"};
    char *path = fx_db_path(), *before, sql[512];
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    int i, ver;
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    before = S_sql(s, S_counts);
    /* turn it back into what version 1 wrote */
    S_add_folded(s);
    {
        char *v = S_sql(s, "PRAGMA schema_version");
        ver = atoi(v);
        free(v);
    }
    cr_assert_eq(sqlite3_exec(s->db, "PRAGMA writable_schema = ON", NULL, NULL, NULL), SQLITE_OK);
    for (i = 0; i < 3; i++) {
        char *q = sqlite3_mprintf("UPDATE sqlite_schema SET sql = replace(sql, %Q, %Q)"
                                  " WHERE name = %Q", now[i], back[i][1], back[i][0]);
        cr_assert_eq(sqlite3_exec(s->db, q, NULL, NULL, NULL), SQLITE_OK);
        cr_assert_eq(sqlite3_changes(s->db), 1);
        sqlite3_free(q);
    }
    snprintf(sql, sizeof sql, "PRAGMA schema_version = %d; PRAGMA writable_schema = OFF;"
             " PRAGMA user_version = 1; DROP TABLE passages_fts;"
             " CREATE VIRTUAL TABLE passages_fts USING fts5(folded, content='passages',"
             " content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
             " INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')", ver + 1);
    cr_assert_eq(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
    nqx_store_close(s);
    s = S_open(path);
    S_assert_rows(S_sql(s, "PRAGMA user_version"), "5\n");
    /* (no list of strings; IN (0, 1) of two values builds no b-tree) */
    S_assert_rows(S_sql(s, "SELECT count(*) FROM sqlite_schema WHERE instr(sql, 'IN (''')"
                           " OR instr(sql, 'IN\n')"), "0\n");
    S_assert_rows(S_sql(s, "SELECT k, v FROM passages_fts_config WHERE k <> 'version' ORDER BY k"),
                  "automerge|64\ncrisismerge|128\n");
    S_assert_rows(S_sql(s, S_counts), before);
    S_assert_rows(S_sql(s, "PRAGMA integrity_check"), "ok\n");
    S_assert_rows(S_sql(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'passages_fts_docsize'"),
                  "0\n");
    S_assert_rows(S_sql(s, "SELECT p.text FROM passages_fts f JOIN passages p ON p.id = f.rowid"
                           " WHERE passages_fts MATCH '\"phan dau\"' ORDER BY p.id"),
                  "1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n"
                  "1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n");
    cr_assert_eq(sqlite3_exec(s->db, "INSERT INTO passages_fts (passages_fts)"
                              " VALUES ('integrity-check')", NULL, NULL, NULL), SQLITE_OK);
    /* the constraints still refuse what they refused */
    cr_assert_eq(sqlite3_exec(s->db, "INSERT INTO passages (doc_id, kind, start, end, text)"
                              " VALUES (1, 'note', 0, 1, 'x')", NULL, NULL, NULL),
                 SQLITE_CONSTRAINT_CHECK);
    cr_assert_eq(sqlite3_exec(s->db, "INSERT INTO targets (doc_id, pos, start, end, comparator,"
                              " aspirational) VALUES (1, 99, 0, 1, '!=', 0)", NULL, NULL, NULL),
                 SQLITE_CONSTRAINT_CHECK);
    cr_assert_eq(sqlite3_exec(s->db, "INSERT INTO task_agencies VALUES (1, 99, 1, 'x', 'boss')",
                              NULL, NULL, NULL), SQLITE_CONSTRAINT_CHECK);
    {
        char *plan = S_sql(s, "EXPLAIN INSERT INTO passages (doc_id, kind, start,"
                              " end, text) VALUES (1, 'para', 0, 1, 'x')");
        cr_assert_null(strstr(plan, "|OpenEphemeral|"), "%s", plan);
        cr_assert_not_null(strstr(plan, "|Insert|"), "%s", plan);
        free(plan);
    }
    free(before);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store, full_disk_rolls_the_document_back)
{
    char *path = fx_db_path(), *before, big[200000];
    nqx_store *s = S_open(path);
    nqx_ingest_result r;
    nqx_error e;
    size_t i;
    cr_assert_eq(fx_ingest(s, "kh.txt", FX_TEXT, NULL, &r, &e), NQX_OK);
    before = S_sql(s, S_counts);
    /* a document far larger than the pages left */
    strcpy(big, FX_TEXT);
    static const char line[] = "Dòng thêm vào để làm đầy đĩa số.\n";
    for (i = strlen(big); i + sizeof line < sizeof big; i += sizeof line - 1)
        memcpy(big + i, line, sizeof line - 1);
    big[i] = '\0';
    sqlite3_exec(s->db, "PRAGMA max_page_count = 60", NULL, NULL, NULL);
    cr_assert_eq(fx_ingest(s, "big.txt", big, NULL, &r, &e), NQX_ESTORE, "%s", s->last);
    cr_assert_str_eq(e.msg, "database or disk is full");
    S_assert_rows(S_sql(s, "PRAGMA integrity_check"), "ok\n");
    S_assert_rows(S_sql(s, S_counts), before);
    free(before);
    nqx_store_close(s);
    fx_rm(path);
}

/* ------------------------------------------------------------------ */
/* the file pipeline                                                   */

static char *S_write(const char *dir, const char *name, const char *body)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    FILE *f;
    sprintf(p, "%s/%s", dir, name);
    f = fopen(p, "w");
    fputs(body, f);
    fclose(f);
    return p;
}

/* A store in a temp folder that the test writes its input files to. */
typedef struct {
    char *path; /* the database */
    char *dir;  /* its folder */
    nqx_store *s;
} S_tmpstore;

static void S_tmpstore_open(S_tmpstore *f)
{
    f->path = fx_db_path();
    f->dir = strdup(f->path);
    *strrchr(f->dir, '/') = '\0';
    f->s = S_open(f->path);
}

static void S_tmpstore_close(S_tmpstore *f)
{
    nqx_store_close(f->s);
    free(f->dir);
    fx_rm(f->path);
}

/* Removes the n files the test wrote and frees their paths. */
static void S_unlink_all(char **paths, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unlink(paths[i]);
        free(paths[i]);
    }
}

/* What nqx_store_ingest_files reports: "index status outcome" lines. */
static int S_file_line(void *ctx, size_t k, const char *path, nqx_status st,
                       const nqx_ingest_result *res, const nqx_error *e)
{
    (void)path;
    (void)e;
    nqx_buf_printf(ctx, "%zu %d %d\n", k, (int)st, st ? -1 : (int)res->outcome);
    return 0;
}

/* A fresh store, the default grammars and files written for
 * nqx_store_ingest_files, with the report lines it should give: what the
 * tests of batches below share. */
typedef struct {
    S_tmpstore f;
    nqx_grammar *g;
    char *paths[40];
    size_t n;
    nqx_buf got, want;
} S_files;

static void S_files_open(S_files *x)
{
    nqx_error e;
    memset(x, 0, sizeof *x);
    S_tmpstore_open(&x->f);
    cr_assert_eq(nqx_gram_load(NULL, &x->g, &e), NQX_OK, "%s", e.msg);
}

/* The next file, name in the store's folder, and its report line: st,
 * and outcome NQX_INGEST_NEW when st is NQX_OK. */
static void S_files_add(S_files *x, const char *name, const char *body,
                        nqx_status st)
{
    cr_assert_lt(x->n, sizeof x->paths / sizeof *x->paths);
    x->paths[x->n] = S_write(x->f.dir, name, body);
    nqx_buf_printf(&x->want, "%zu %d %d\n", x->n, (int)st,
                   st ? -1 : (int)NQX_INGEST_NEW);
    x->n++;
}

/* Ingest the files with jobs threads; the report must be the one
 * expected ("-j run" in the message). */
static void S_files_ingest(S_files *x, int jobs, int run)
{
    nqx_batch_options opt = {0};
    nqx_error e;
    opt.jobs = jobs;
    cr_assert_eq(nqx_store_ingest_files(x->f.s, x->g, (const char *const *)x->paths, x->n,
                                        &opt, S_file_line, &x->got, &e), NQX_OK, "%s", e.msg);
    cr_assert_str_eq(x->got.data, x->want.data, "-j %d", run);
}

static void S_files_close(S_files *x)
{
    S_unlink_all(x->paths, x->n);
    nqx_buf_free(&x->got);
    nqx_buf_free(&x->want);
    nqx_gram_free(x->g);
    S_tmpstore_close(&x->f);
}

/* Files share a transaction (loader/batch.c): one the store refuses is
 * rolled back alone, the others of its batch and the next are stored and
 * searchable, with one thread or three. It is refused before any row of
 * it (its document), or half-way through its lines, when the passages
 * before that one already await the FTS5 index: they leave it too (the
 * next file's passages reuse their ids). */
Test(store, a_file_refused_inside_a_batch_is_rolled_back_alone)
{
    static const char *const refuse[2] = {
        "CREATE TEMP TRIGGER no_f3 BEFORE INSERT ON main.documents"
        " WHEN NEW.name = 'f3' BEGIN SELECT RAISE(ABORT, 'f3 refused'); END",
        "CREATE TEMP TRIGGER no_f3 BEFORE INSERT ON main.passages"
        " WHEN NEW.text = 'Lời thứ ba.' BEGIN SELECT RAISE(ABORT, 'f3 refused'); END"};
    int jobs;
    for (jobs = 1; jobs <= 6; jobs++) {
        S_files x;
        nqx_store *s;
        size_t i;
        S_files_open(&x);
        s = x.f.s;
        for (i = 0; i < 10; i++) {
            char name[16], body[200];
            snprintf(name, sizeof name, "f%zu.txt", i);
            snprintf(body, sizeof body, "KẾ HOẠCH số %zu\nPhấn đấu trồng %zu000 ha rừng.\n"
                     "Lời %s.\n", i, i + 1, i == 3 ? "thứ ba" : "khác");
            S_files_add(&x, name, body, i == 3 ? NQX_ESTORE : NQX_OK);
        }
        cr_assert_eq(sqlite3_exec(s->db, refuse[jobs > 3], NULL, NULL, NULL), SQLITE_OK);
        S_files_ingest(&x, jobs > 3 ? jobs - 3 : jobs, jobs);
        S_assert_rows(S_sql(s, "SELECT group_concat(name, ' ') FROM documents"),
                      "f0 f1 f2 f4 f5 f6 f7 f8 f9\n");
        S_assert_rows(S_sql(s, "SELECT count(*) FROM passages WHERE doc_id NOT IN"
                               " (SELECT id FROM documents)"), "0\n");
        S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'khac'"),
                      "9\n");
        S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH"
                               " '\"thu ba\"'"), "0\n");
        S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH"
                               " '\"so 3\" OR \"4000 ha\"'"), "0\n");
        /* each indexed passage is the one its rowid names */
        S_assert_rows(S_sql(s, "SELECT group_concat(d.name, ' ') FROM passages_fts f"
                               " JOIN passages p ON p.id = f.rowid"
                               " JOIN documents d ON d.id = p.doc_id"
                               " WHERE passages_fts MATCH 'ke'"),
                      "f0 f1 f2 f4 f5 f6 f7 f8 f9\n");
        S_assert_rows(S_sql(s, "SELECT (SELECT count(*) FROM passages), count(DISTINCT doc),"
                               " sum(doc NOT IN (SELECT id FROM passages)) FROM temp.fts_rows"),
                      "36|36|0\n");
        S_assert_parents(s);
        cr_assert_eq(sqlite3_exec(s->db, "INSERT INTO passages_fts (passages_fts)"
                                  " VALUES ('integrity-check')", NULL, NULL, NULL), SQLITE_OK);
        S_files_close(&x);
    }
}

/* nqx_store_ingest_files copies the WAL into the store in a thread of
 * its own (loader/batch.c) once it holds ckpt_pages pages (here 2, so
 * that 40 small files make it run), with one writer thread or workers:
 * every file is stored and found as without it, nothing is left that a
 * checkpoint could not copy, and the writer gets its own checkpoints
 * back (PRAGMA wal_autocheckpoint, schema.c) when it returns. */
Test(store, ingest_checkpoints_in_a_thread_of_its_own)
{
    int jobs;
    for (jobs = 1; jobs <= 2; jobs++) {
        S_files x;
        nqx_store *s;
        size_t i;
        S_files_open(&x);
        s = x.f.s;
        for (i = 0; i < 40; i++) {
            char name[16], body[300];
            snprintf(name, sizeof name, "c%zu.txt", i);
            snprintf(body, sizeof body, "KẾ HOẠCH số %zu\nPhấn đấu trồng %zu000 ha rừng.\n"
                     "1. Sở Nông nghiệp chủ trì thực hiện việc số %zu.\n", i, i + 1, i);
            S_files_add(&x, name, body, NQX_OK);
        }
        s->ckpt_pages = 2;
        S_files_ingest(&x, jobs, jobs);
        cr_assert_gt(s->nckpt, 0, "-j %d", jobs);
        S_assert_rows(S_sql(s, "SELECT count(*), count(DISTINCT text_sha256) FROM documents"),
                      "40|40\n");
        /* (each found twice: its line and its task or target) */
        S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH"
                               " '\"so nong nghiep\"'"), "80\n");
        S_assert_rows(S_sql(s, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH"
                               " '\"13000 ha\"'"), "2\n");
        S_assert_rows(S_sql(s, "PRAGMA wal_autocheckpoint"), "16384\n");
        {   /* busy 0, and every frame copied: nothing holds one back */
            char *r = S_sql(s, "PRAGMA wal_checkpoint(PASSIVE)");
            int busy = -1, log = -1, done = -2;
            cr_assert_eq(sscanf(r, "%d|%d|%d", &busy, &log, &done), 3, "%s", r);
            cr_assert_eq(busy, 0);
            cr_assert_eq(log, done);
            free(r);
        }
        S_assert_rows(S_sql(s, "PRAGMA integrity_check"), "ok\n");
        S_assert_parents(s);
        S_files_close(&x);
    }
}

Test(store, sidecar_fills_what_the_text_lacks_and_wins_over_flags)
{
    S_tmpstore f;
    char *dir, *doc, *side;
    nqx_store *s;
    nqx_grammar *g;
    nqx_ingest_result r;
    nqx_error e;
    nqx_store_meta flags = {0};
    S_tmpstore_open(&f);
    dir = f.dir;
    s = f.s;
    cr_assert_eq(nqx_gram_load(NULL, &g, &e), NQX_OK, "%s", e.msg);
    doc = S_write(dir, "kh.txt", FX_TEXT);
    side = S_write(dir, "kh.txt.meta.json",
                   "{\"locality\": \"Tỉnh Quảng Ngãi\", \"date\": \"2023-01-05\"}");
    flags.locality = "Hà Nội";
    flags.issuer = "Ban Thường vụ Tỉnh ủy";
    cr_assert_eq(nqx_store_ingest_file(s, g, NULL, doc, &flags, &r, &e), NQX_OK, "%s", e.msg);
    S_assert_rows(S_sql(s, "SELECT locality, locality_key, date, issuer FROM documents"),
                  "Tỉnh Quảng Ngãi|tinh quang ngai|2023-01-05|Ban Thường vụ Tỉnh ủy\n");
    free(S_write(dir, "kh.txt.meta.json", "{\"locality\": 12}"));
    free(S_write(dir, "kh.txt", FX_TEXT "x\n"));
    cr_assert_eq(nqx_store_ingest_file(s, g, NULL, doc, &flags, &r, &e), NQX_EFORMAT, "%s", e.msg);
    cr_assert_str_eq(e.msg, "\"locality\" is a JSON integer, not a string");
    free(S_write(dir, "kh.txt.meta.json", "{locality: "));
    cr_assert_eq(nqx_store_ingest_file(s, g, NULL, doc, &flags, &r, &e), NQX_EFORMAT);
    cr_assert_str_eq(e.msg, "not a JSON object");
    cr_assert_eq(strcmp(e.file + strlen(e.file) - 16, "kh.txt.meta.json"), 0);
    S_assert_rows(S_sql(s, "SELECT count(*) FROM documents"), "1\n");
    unlink(side);
    unlink(doc);
    free(side);
    free(doc);
    nqx_gram_free(g);
    S_tmpstore_close(&f);
}

Test(store, html_keeps_headings_lists_and_tables_as_lines)
{
    static const char html[] =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title>"
        "<style>p{}</style></head><body>"
        "<h1>KẾ HOẠCH</h1><p>Thực hiện  Nghị quyết<br>số 15-NQ/TU</p>"
        "<ul><li>Phấn đấu <b>18%</b></li><li>Hằng năm</li></ul>"
        "<ol><li>Một</li><li>Hai</li></ol>"
        "<table><thead><tr><th>Nội dung</th><th>Cơ quan chủ trì</th></tr></thead>"
        "<tbody><tr><td>Đề án<p>mới</p></td><td>Sở Nội vụ | Sở Tài chính</td></tr></tbody></table>"
        "<script>var x = 1;</script><p>&nbsp;Hết.&nbsp;</p></body></html>";
    char *out;
    size_t n;
    nqx_error e;
    cr_assert(nqx_html_detect("x.txt", html, sizeof html - 1));
    cr_assert(nqx_html_detect("X.HTM", "hi", 2));
    cr_assert_not(nqx_html_detect("x.md", "# Kế hoạch <sup>1</sup>", 24));
    cr_assert_eq(nqx_html_to_text("x.html", html, sizeof html - 1, &out, &n, &e), NQX_OK);
    cr_assert_str_eq(out,
        "KẾ HOẠCH\n"
        "\n"
        "Thực hiện Nghị quyết\n"
        "số 15-NQ/TU\n"
        "\n"
        "- Phấn đấu 18%\n"
        "- Hằng năm\n"
        "\n"
        "1. Một\n"
        "2. Hai\n"
        "\n"
        "| Nội dung | Cơ quan chủ trì |\n"
        "| Đề án mới | Sở Nội vụ \\| Sở Tài chính |\n"
        "\n"
        "Hết.\n");
    cr_assert_eq(n, strlen(out));
    free(out);
}

Test(store, html_in_a_legacy_charset_is_decoded)
{
    /* "Sở Nội vụ" in windows-1258: ơ = 0xF5, ô = 0xF4, and the tone
     * marks are combining: hook above 0xD2, dot below 0xF2 */
    static const char html[] =
        "<html><head><meta http-equiv=\"Content-Type\" "
        "content=\"text/html; charset=windows-1258\"></head>"
        "<body><p>S\xf5\xd2 N\xf4\xf2i vu\xf2</p></body></html>";
    char *out;
    size_t n;
    nqx_error e;
    if (nqx_html_to_text("x.html", html, sizeof html - 1, &out, &n, &e))
        cr_assert_fail("%s", e.msg);
    /* (glibc's iconv composes the combining marks) */
    cr_assert_str_eq(out, "S\xe1\xbb\x9f N\xe1\xbb\x99i v\xe1\xbb\xa5\n");
    free(out);
}

/* ------------------------------------------------------------------ */
/* the commands, end to end (the nqx binary that `make check` builds)  */

static const char *S_nqx(void)
{
    const char *bin = getenv("NQX_BIN");
    return bin && *bin ? bin : NQX_SRCDIR "/nqx";
}

/* Run "nqx ARGS" in dir; stdout and stderr go to *out and *err (caller
 * frees). Returns the exit status. */
static int S_run(const char *dir, char **out, char **err, const char *fmt, ...)
{
    char args[2048], cmd[4096], *data;
    size_t n;
    va_list ap;
    int st;
    nqx_error e;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "cd %s && %s %s > ../out.txt 2> ../err.txt",
             dir, S_nqx(), args);
    st = system(cmd);
    snprintf(cmd, sizeof cmd, "%s/../out.txt", dir);
    *out = nqx_read_file(cmd, 0, &data, &n, &e) ? strdup("") : data;
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s/../err.txt", dir);
    *err = nqx_read_file(cmd, 0, &data, &n, &e) ? strdup("") : data;
    unlink(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A folder with two documents, a file to reject and one to ignore. */
static char *S_folder(void)
{
    char *path = fx_db_path(), *dir = malloc(strlen(path) + 8), sub[600];
    /* documents in TMP/in; the commands' output beside it, in TMP */
    strcpy(dir, path);
    strcpy(strrchr(dir, '/'), "/in");
    free(path);
    cr_assert_eq(mkdir(dir, 0700), 0);
    free(S_write(dir, "kh-1.txt", FX_TEXT));
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0700);
    free(S_write(sub, "kh-2.md", "# KẾ HOẠCH\n\nĐến năm 2025, phấn đấu 100% xã đạt chuẩn.\n"));
    free(S_write(sub, "gold.jsonl", "{}\n"));
    {
        char p[700];
        FILE *f;
        snprintf(p, sizeof p, "%s/bad.txt", dir);
        f = fopen(p, "wb");
        fwrite("ab\0cd", 1, 5, f);
        fclose(f);
    }
    return dir;
}

static void S_rmrf(char *dir)
{
    char cmd[700];
    *strrchr(dir, '/') = '\0';
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
    free(dir);
}

Test(store_cli, ingest_a_folder_reject_one_file_then_reingest)
{
    char *dir = S_folder(), *out, *err, *counts;
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db --locality 'Quảng Ngãi' ."), 1);
    cr_assert_str_eq(err, "nqx: ./bad.txt: offset 2: NUL byte: binary file, not text\n");
    {
        static const char sum[] = "documents: 2 new, 0 new versions, 0 unchanged, 1 rejected; stored ";
        cr_assert_eq(strncmp(out, sum, sizeof sum - 1), 0, "%s", out);
    }
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &counts, &err, "sql --db s.db --format csv "
                       "'SELECT name, locality FROM documents ORDER BY name; "
                       "SELECT (SELECT count(*) FROM passages), (SELECT count(*) FROM targets), "
                       "(SELECT count(*) FROM tasks), (SELECT count(*) FROM task_agencies)'"), 0);
    {
        static const char docs[] = "name,locality\r\nkh-1,Quảng Ngãi\r\nkh-2,Quảng Ngãi\r\n";
        cr_assert_eq(strncmp(counts, docs, sizeof docs - 1), 0, "%s", counts);
    }
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db kh-1.txt sub"), 0);
    cr_assert_str_eq(out,
        "unchanged: kh-1.txt (already stored from ./kh-1.txt)\n"
        "unchanged: sub/kh-2.md (already stored from ./sub/kh-2.md)\n"
        "documents: 0 new, 0 new versions, 2 unchanged, 0 rejected; stored 0 "
        "targets, 0 tasks, 0 corrections in s.db\n");
    cr_assert_str_eq(err, "");
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "sql --db s.db --format csv "
                       "'SELECT name, locality FROM documents ORDER BY name; "
                       "SELECT (SELECT count(*) FROM passages), (SELECT count(*) FROM targets), "
                       "(SELECT count(*) FROM tasks), (SELECT count(*) FROM task_agencies)'"), 0);
    cr_assert_str_eq(out, counts);
    free(out);
    free(err);
    free(counts);
    S_rmrf(dir);
}

Test(store_cli, export_jsonl_equals_extract)
{
    char *dir = S_folder(), *out, *err, *want;
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    cr_assert_eq(S_run(dir, &want, &err, "extract --no-ocr kh-1.txt sub/kh-2.md"), 0);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db kh-1.txt sub/kh-2.md"), 0);
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "export --db s.db --format jsonl"), 0);
    cr_assert_str_eq(out, want);
    free(out);
    free(err);
    free(want);
    S_rmrf(dir);
}

Test(store_cli, queries_tables_search_and_injection)
{
    char *dir = S_folder(), *out, *err;
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db kh-1.txt"), 0);
    free(out);
    free(err);
    /* display width, not bytes: "Phấn đấu" is 8 columns */
    cr_assert_eq(S_run(dir, &out, &err, "sql --db s.db \"SELECT 'Phấn đấu' AS a, 1 AS b, NULL AS c\""), 0);
    cr_assert_str_eq(out, "a         b  c\n--------  -  -\nPhấn đấu  1  \n(1 row)\n");
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "sql --db s.db --format json \"SELECT 'a\\\"b' AS a, 1.5 AS b, NULL AS c\""), 0);
    cr_assert_str_eq(out, "[\n  {\"a\": \"a\\\"b\", \"b\": 1.5, \"c\": null}\n]\n");
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "sql --db s.db 'DELETE FROM documents'"), 2);
    cr_assert_str_eq(err, "nqx: s.db: refused, not a read-only statement: DELETE FROM documents\n");
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "tasks --db s.db --format csv --agency \"x' OR 1=1 --\""), 0);
    cr_assert_str_eq(out, "doc,section,agencies,deadline,due,text\r\n");
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "search --db s.db --format jsonl PHAN dau"), 0);
    cr_assert_not_null(strstr(out, "Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên."), "%s", out);
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "sql --db s.db 'SELECT count(*) FROM documents'"), 0);
    cr_assert_str_eq(out, "count(*)\n--------\n1\n(1 row)\n");
    free(out);
    free(err);
    S_rmrf(dir);
}

Test(store_cli, store_errors_exit_3_with_one_line)
{
    char *dir = S_folder(), *out, *err, db[700];
    sqlite3 *other;
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    /* not SQLite */
    cr_assert_eq(S_run(dir, &out, &err, "targets --db kh-1.txt"), 3);
    cr_assert_str_eq(err, "nqx: kh-1.txt: file is not a database\n");
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db kh-1.txt sub"), 3);
    cr_assert_str_eq(err, "nqx: kh-1.txt: file is not a database\n");
    free(out);
    free(err);
    /* no store yet: a query does not create one */
    cr_assert_eq(S_run(dir, &out, &err, "tasks --db none.db"), 3);
    cr_assert_str_eq(err, "nqx: none.db: no such store (run nqx ingest first)\n");
    snprintf(db, sizeof db, "%s/none.db", dir);
    cr_assert_neq(access(db, F_OK), 0);
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db kh-1.txt"), 0);
    free(out);
    free(err);
    /* read-only */
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db 'file:s.db?mode=ro' sub"), 3);
    cr_assert_str_eq(err, "nqx: file:s.db?mode=ro: attempt to write a readonly database\n");
    free(out);
    free(err);
    /* locked: waits for the busy timeout, then says so */
    snprintf(db, sizeof db, "%s/s.db", dir);
    cr_assert_eq(sqlite3_open(db, &other), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --busy-timeout 100 --db s.db sub"), 3);
    cr_assert_str_eq(err, "nqx: s.db: database is locked\n");
    free(out);
    free(err);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    cr_assert_eq(S_run(dir, &out, &err, "sql --db s.db 'PRAGMA integrity_check; SELECT count(*) FROM documents'"), 0);
    cr_assert_str_eq(out, "integrity_check\n---------------\nok\n(1 row)\n\ncount(*)\n--------\n1\n(1 row)\n");
    free(out);
    free(err);
    S_rmrf(dir);
}

Test(store_cli, two_ingests_share_one_store)
{
    char *dir = S_folder(), *out, *err, cmd[2048], name[64];
    int i, st;
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    for (i = 0; i < 8; i++) {
        char body[200];
        snprintf(name, sizeof name, "c%d.txt", i);
        snprintf(body, sizeof body, "KẾ HOẠCH số %d\nPhấn đấu %d%% xã đạt chuẩn.\n", i, i);
        free(S_write(dir, name, body));
    }
    snprintf(cmd, sizeof cmd,
             "cd %s && (%s ingest --no-ocr --db s.db c0.txt c2.txt c4.txt c6.txt > ../a.txt 2>&1; echo $? >> ../a.txt) &"
             " (cd %s && %s ingest --no-ocr --db s.db c1.txt c3.txt c5.txt c7.txt > ../b.txt 2>&1; echo $? >> ../b.txt); wait",
             dir, S_nqx(), dir, S_nqx());
    st = system(cmd);
    cr_assert_eq(st, 0);
    for (i = 0; i < 2; i++) {
        char p[700], *data;
        size_t n;
        nqx_error e;
        snprintf(p, sizeof p, "%s/../%c.txt", dir, "ab"[i]);
        cr_assert_eq(nqx_read_file(p, 0, &data, &n, &e), NQX_OK);
        /* (what follows "rejected;" depends on extraction) */
        cr_assert_eq(strncmp(data, "documents: 4 new, 0 new versions, 0 unchanged, 0 rejected; ", 59), 0, "%s", data);
        cr_assert_str_eq(data + n - 10, "in s.db\n0\n");
        free(data);
    }
    cr_assert_eq(S_run(dir, &out, &err, "sql --db s.db --format csv 'PRAGMA integrity_check; SELECT count(*) FROM documents'"), 0);
    cr_assert_str_eq(out, "integrity_check\r\nok\r\ncount(*)\r\n8\r\n");
    free(out);
    free(err);
    S_rmrf(dir);
}

static void S_node(nqx_doc *d, nqx_node_kind kind, const char *label,
                   const char *path, int parent, size_t start, size_t end,
                   size_t body_end)
{
    nqx_node *n;
    d->nodes = realloc(d->nodes, (d->nnodes + 1) * sizeof *n);
    n = &d->nodes[d->nnodes++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->label = strdup(label);
    n->path = strdup(path);
    n->level = parent < 0 ? 0 : d->nodes[parent].level + 1;
    n->parent = parent;
    n->start = start;
    n->end = end;
    n->body_end = body_end;
}

Test(store, outline_is_stored_and_gives_passages_their_section)
{
    char *path = fx_db_path();
    nqx_store *s = S_open(path);
    nqx_text *t = fx_text(FX_TEXT);
    nqx_doc *d = fx_doc(FX_TEXT);
    nqx_ingest_result r;
    nqx_error e;
    nqx_buf b = {0};
    size_t l1 = strchr(FX_TEXT, '\n') - FX_TEXT + 1;
    size_t l2 = strchr(FX_TEXT + l1, '\n') - FX_TEXT + 1;
    size_t l3 = strchr(FX_TEXT + l2, '\n') - FX_TEXT + 1;
    /* the title heads everything; 1. and 2. are items under it; 3. is
     * left outside any node */
    S_node(d, NQX_NODE_HEADING, "", "KH", -1, 0, l1 - 1, l3 - 1);
    S_node(d, NQX_NODE_ITEM, "1.", "KH.1.", 0, l1, l2 - 1, l2 - 1);
    S_node(d, NQX_NODE_ITEM, "2.", "KH.2.", 0, l2, l3 - 1, l3 - 1);
    cr_assert_eq(nqx_store_ingest_doc(s, NULL, "kh.txt", NULL, 0, t, d, NULL, &r, &e), NQX_OK, "%s", e.msg);
    S_assert_rows(S_sql(s, "SELECT idx, kind, label, path, level, parent FROM nodes ORDER BY idx"),
                  "0|heading||KH|0|NULL\n1|item|1.|KH.1.|1|0\n2|item|2.|KH.2.|1|0\n");
    S_assert_rows(S_sql(s, "SELECT coalesce(section, '-') FROM passages WHERE kind = 'para' ORDER BY start"),
                  "KH\nKH.1.\nKH.2.\n-\n");
    S_assert_rows(S_sql(s, "SELECT input_sha256 IS NULL FROM documents"), "1\n");
    S_assert_parents(s);
    cr_assert_eq(nqx_store_search(s, "uy ban thuong vu", S_collect, &b, &e), NQX_OK);
    cr_assert_eq(b.len, 0);
    cr_assert_eq(nqx_store_search(s, "Ban Thuong Vu", S_collect, &b, &e), NQX_OK);
    /* the line comes first, and stands for the record made of it */
    cr_assert_str_eq(b.data, "kh|NULL|3. Ban Tổ chức Thành ủy báo cáo Ban Thường vụ trước ngày 15/5/2023.\n");
    b.len = 0;
    cr_assert_eq(nqx_store_search(s, "dau", S_collect, &b, &e), NQX_OK);
    cr_assert_str_eq(b.data, "kh|KH.1.|1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n");
    nqx_buf_free(&b);
    nqx_doc_free(d);
    nqx_text_free(t);
    nqx_store_close(s);
    fx_rm(path);
}

Test(store_cli, html_is_ingested_as_text_lines)
{
    char *dir = S_folder(), *out, *err;
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    free(S_write(dir, "kh.html",
        "<html><body><h2>PHÂN CÔNG</h2><table>"
        "<tr><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Thời gian</th></tr>"
        "<tr><td>Xây dựng đề án</td><td>Sở Nội vụ</td><td>Quý II/2023</td></tr>"
        "</table></body></html>"));
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db kh.html"), 0, "%s", err);
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "search --db s.db --format csv so noi vu"), 0);
    /* (the section column is the outline's business) */
    cr_assert_eq(strncmp(out, "doc,section,sentence\r\nkh,", 25), 0, "%s", out);
    cr_assert_str_eq(strchr(out + 25, ','), ",Xây dựng đề án | Sở Nội vụ | Quý II/2023\r\n");
    free(out);
    free(err);
    S_rmrf(dir);
}

Test(store_cli, corpus_export_equals_extract_and_reingest_changes_nothing, .timeout = 120)
{
    char *dir = S_folder(), *out, *err, *want, *counts, *again;
    static const char count_sql[] =
        "sql --db s.db --format csv 'SELECT (SELECT count(*) FROM documents),"
        " (SELECT count(*) FROM parts), (SELECT count(*) FROM nodes),"
        " (SELECT count(*) FROM targets), (SELECT count(*) FROM tasks),"
        " (SELECT count(*) FROM agencies), (SELECT count(*) FROM agency_names),"
        " (SELECT count(*) FROM task_agencies), (SELECT count(*) FROM corrections),"
        " (SELECT count(*) FROM passages), (SELECT count(*) FROM passages_fts_data),"
        " (SELECT sum(length(block)) FROM passages_fts_data)'";
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    cr_assert_eq(S_run(dir, &want, &err, "extract --no-ocr " NQX_SRCDIR "/corpus/*.txt"), 0, "%s", err);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db " NQX_SRCDIR "/corpus/*.txt"), 0, "%s", err);
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "export --db s.db --format jsonl"), 0);
    cr_assert_str_eq(out, want);
    free(out);
    free(err);
    free(want);
    cr_assert_eq(S_run(dir, &counts, &err, count_sql), 0);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --no-ocr --db s.db " NQX_SRCDIR "/corpus/*.txt"), 0);
    cr_assert_neq(strstr(out, "documents: 0 new, 0 new versions, 5 unchanged, 0 rejected;"), NULL, "%s", out);
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &again, &err, count_sql), 0);
    cr_assert_str_eq(again, counts);
    free(again);
    free(counts);
    free(err);
    S_rmrf(dir);
}

/* ------------------------------------------------------------------ */
/* records in JSON Lines (nqx extract's output, made elsewhere)        */

Test(store, jsonl_round_trips_and_reloading_changes_nothing)
{
    S_tmpstore f;
    char *file, *before, *got;
    nqx_store *s;
    nqx_doc *d = fx_doc(FX_TEXT);
    nqx_buf lines = {0};
    nqx_error e;
    size_t k, n;
    FILE *mem;
    S_tmpstore_open(&f);
    s = f.s;
    for (k = 0; k < d->nrecords; k++)
        nqx_record_json(&lines, "a.v2", &d->records[k]);
    for (k = 0; k < d->nrecords; k++)
        nqx_record_json(&lines, "b", &d->records[k]);
    file = S_write(f.dir, "recs.jsonl", lines.data);
    cr_assert_eq(nqx_store_ingest_jsonl(s, NULL, file, NULL, NULL, NULL, &e), NQX_OK, "%s", e.msg);
    /* the doc id is kept whole ("a.v2"), no extension cut */
    S_assert_rows(S_sql(s, "SELECT name, text_bytes > 0, encoding IS NULL FROM documents ORDER BY id"),
                  "a.v2|1|1\nb|1|1\n");
    /* records only: no lines of text were given */
    S_assert_rows(S_sql(s, "SELECT kind, count(*) FROM passages GROUP BY kind"), "target|2\ntask|4\n");
    got = NULL;
    mem = open_memstream(&got, &n);
    cr_assert_eq(nqx_store_export(s, NQX_EXPORT_JSONL, mem, &e), NQX_OK);
    fclose(mem);
    cr_assert_str_eq(got, lines.data);
    free(got);
    /* again: nothing changes */
    before = S_sql(s, S_counts);
    cr_assert_eq(nqx_store_ingest_jsonl(s, NULL, file, NULL, NULL, NULL, &e), NQX_OK);
    S_assert_rows(S_sql(s, S_counts), before);
    free(before);
    S_unlink_all(&file, 1);
    nqx_buf_free(&lines);
    nqx_doc_free(d);
    S_tmpstore_close(&f);
}

static void S_outcomes(void *ctx, const char *doc, const nqx_ingest_result *res)
{
    nqx_buf_printf(ctx, "%s=%d ", doc, (int)res->outcome);
}

Test(store, jsonl_reports_each_document_and_new_versions)
{
    S_tmpstore f;
    char *file;
    nqx_store *s;
    nqx_error e;
    nqx_buf out = {0};
    static const char one[] =
        "{\"doc\": \"x\", \"kind\": \"task\", \"text\": \"Sở Nội vụ báo cáo.\", \"span\": [0, 25],"
        " \"section\": \"1.\", \"deadline\": \"2024\", \"agencies\": [{\"name\": \"Sở Nội vụ\", \"role\": \"lead\"}]}\n";
    static const char two[] =
        "{\"doc\": \"x\", \"kind\": \"task\", \"text\": \"Sở Nội vụ báo cáo.\", \"span\": [0, 25],"
        " \"section\": \"1.\", \"deadline\": \"2025\", \"agencies\": [{\"name\": \"Sở Nội vụ\", \"role\": \"lead\"}]}\n"
        "\n"
        "{\"doc\": \"y\", \"kind\": \"target\", \"text\": \"đạt 5%\", \"span\": [0, 8], \"section\": \"\","
        " \"deadline\": null, \"comparator\": \"=\", \"low\": 5, \"high\": 5, \"unit\": \"%\","
        " \"aspirational\": false, \"metric\": \"tỷ lệ\", \"scope\": null}\n";
    S_tmpstore_open(&f);
    s = f.s;
    file = S_write(f.dir, "r.jsonl", one);
    cr_assert_eq(nqx_store_ingest_jsonl(s, NULL, file, NULL, S_outcomes, &out, &e), NQX_OK, "%s", e.msg);
    free(S_write(f.dir, "r.jsonl", two));
    cr_assert_eq(nqx_store_ingest_jsonl(s, NULL, file, NULL, S_outcomes, &out, &e), NQX_OK, "%s", e.msg);
    cr_assert_str_eq(out.data, "x=1 x=2 y=1 ");
    S_assert_rows(S_sql(s, "SELECT name, superseded FROM documents ORDER BY id"), "x|1\nx|0\ny|0\n");
    S_assert_rows(S_sql(s, "SELECT deadline, due FROM task_list"), "2025|2025-12-31\n");
    S_assert_parents(s);
    S_unlink_all(&file, 1);
    nqx_buf_free(&out);
    S_tmpstore_close(&f);
}

Test(store, jsonl_malformed_line_rejects_the_whole_file)
{
    S_tmpstore f;
    char *file;
    nqx_error e;
    static const char good[] =
        "{\"doc\": \"x\", \"kind\": \"task\", \"text\": \"t\", \"span\": [0, 1], \"section\": \"\","
        " \"deadline\": null, \"agencies\": []}\n";
    static const struct {
        const char *line;
        const char *msg;
    } bad[] = {
        {"{\"doc\": \"x\", \"kind\": \"task\"", "not a JSON object"},
        {"[1, 2]", "not a JSON object"},
        {"{\"doc\": \"\", \"kind\": \"task\", \"text\": \"t\", \"span\": [0, 1]}",
         "\"doc\" must be a non-empty string"},
        {"{\"doc\": \"x\", \"kind\": \"goal\", \"text\": \"t\", \"span\": [0, 1]}",
         "\"kind\" must be \"target\" or \"task\""},
        {"{\"doc\": \"x\", \"kind\": \"task\", \"text\": \"t\", \"span\": [3, 1]}",
         "\"span\" must be [start, end] with 0 <= start <= end"},
        {"{\"doc\": \"x\", \"kind\": \"target\", \"text\": \"t\", \"span\": [0, 1], \"comparator\": \">=\"}",
         "a target needs \"comparator\", \"low\", \"high\", \"unit\", \"aspirational\", \"metric\" and \"scope\""},
        {"{\"doc\": \"x\", \"kind\": \"task\", \"text\": \"t\", \"span\": [0, 1], \"agencies\": [{\"name\": \"A\", \"role\": \"boss\"}]}",
         "unknown role \"boss\""},
        {"{\"doc\": \"x\", \"kind\": \"task\", \"text\": \"t\", \"span\": [0, 1], \"agencies\": \"A\"}",
         "\"agencies\" is not a list of objects"},
        {"{\"doc\": \"y\", \"kind\": \"task\", \"text\": \"t\", \"span\": [0, 1]}\n" /* then x again */
         "{\"doc\": \"x\", \"kind\": \"task\", \"text\": \"t\", \"span\": [0, 1]}",
         "\"doc\": \"x\" appears again after another document"},
    };
    size_t i;
    S_tmpstore_open(&f);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nqx_buf b = {0};
        nqx_buf_printf(&b, "%s\n%s\n", good, bad[i].line);
        file = S_write(f.dir, "r.jsonl", b.data);
        cr_assert_eq(nqx_store_ingest_jsonl(f.s, NULL, file, NULL, NULL, NULL, &e), NQX_EFORMAT,
                     "case %zu: %s", i, e.msg);
        cr_assert_str_eq(e.msg, bad[i].msg, "case %zu", i);
        cr_assert_eq(e.line, strchr(bad[i].line, '\n') ? 4 : 3, "case %zu", i);
        S_unlink_all(&file, 1);
        nqx_buf_free(&b);
    }
    S_assert_rows(S_sql(f.s, "SELECT count(*) FROM documents"), "0\n");
    S_tmpstore_close(&f);
}

Test(store_cli, from_jsonl_loads_what_extract_printed, .timeout = 120)
{
    char *dir = S_folder(), *out, *err, *want, sub[700];
    if (access(S_nqx(), X_OK) != 0)
        cr_skip_test("no nqx binary at %s", S_nqx());
    snprintf(sub, sizeof sub, "%s/recs", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    cr_assert_eq(S_run(dir, &want, &err, "extract --no-ocr " NQX_SRCDIR "/corpus/*.txt"), 0, "%s", err);
    free(err);
    free(S_write(sub, "corpus.jsonl", want));
    /* a folder gives its .jsonl files only */
    free(S_write(sub, "notes.txt", "not records\n"));
    cr_assert_eq(S_run(dir, &out, &err, "ingest --from-jsonl --db s.db recs"), 0, "%s", err);
    cr_assert_eq(strncmp(out, "documents: 5 new, 0 new versions, 0 unchanged, 0 rejected;", 58), 0, "%s", out);
    free(out);
    free(err);
    cr_assert_eq(S_run(dir, &out, &err, "export --db s.db --format jsonl"), 0);
    cr_assert_str_eq(out, want);
    free(out);
    free(err);
    free(want);
    cr_assert_eq(S_run(dir, &out, &err, "ingest --from-jsonl --db s.db recs/corpus.jsonl kh-1.txt"), 1);
    cr_assert_eq(strncmp(err, "nqx: kh-1.txt:1: not a JSON object\n", 35), 0, "%s", err);
    cr_assert_neq(strstr(out, "documents: 0 new, 0 new versions, 5 unchanged, 1 rejected;"), NULL, "%s", out);
    free(out);
    free(err);
    S_rmrf(dir);
}
