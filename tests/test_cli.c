/* test_cli.c: the nqx command end to end: help, version, usage errors,
 * exit codes, one bad file in a batch, CSV output. Runs ./nqx (built by
 * make check before the tests). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nqx.h"
#include "fx_tmpdir.h"

/* Run a shell command; return its exit status, stdout in *out (caller
 * frees). stderr goes to /tmp file read into *err when err != NULL. */
static int S_run(const char *cmd, char **out, char **err)
{
    char full[2048], errpath[] = "/tmp/nqx-cli-err-XXXXXX";
    nqx_buf b = {0};
    FILE *p;
    char chunk[4096];
    size_t n;
    int st, fd = mkstemp(errpath);
    cr_assert_geq(fd, 0);
    close(fd);
    snprintf(full, sizeof full, "%s 2>%s", cmd, errpath);
    p = popen(full, "r");
    cr_assert_not_null(p);
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        nqx_buf_append(&b, chunk, n);
    st = pclose(p);
    *out = nqx_buf_steal(&b);
    if (err) {
        nqx_error e;
        size_t len;
        cr_assert_eq(nqx_read_file(errpath, 0, err, &len, &e), NQX_OK);
    }
    unlink(errpath);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(cli, version_and_help)
{
    char *out;
    cr_assert_eq(S_run("./nqx --version", &out, NULL), 0);
    cr_assert_str_eq(out, "nqx " NQX_VERSION "\n");
    free(out);
    cr_assert_eq(S_run("./nqx --help", &out, NULL), 0);
    cr_assert_not_null(strstr(out, "Exit status: 0 ok; 1 some inputs rejected"));
    free(out);
}

Test(cli, usage_errors_exit_2)
{
    char *out, *err;
    cr_assert_eq(S_run("./nqx frobnicate", &out, &err), 2);
    cr_assert_str_eq(err, "nqx: unknown command 'frobnicate' (see nqx --help)\n");
    free(out);
    free(err);
    cr_assert_eq(S_run("./nqx extract --format yaml x", &out, &err), 2);
    cr_assert_str_eq(err, "nqx: extract: --format must be jsonl or csv\n");
    free(out);
    free(err);
}

Test(cli, one_bad_file_does_not_stop_the_batch, .init = S_mkdir, .fini = S_rmdir)
{
    char cmd[512], *out, *err, want[256];
    S_write("good.txt", "KẾ HOẠCH\nI. MỤC TIÊU\n1. Phấn đấu đến năm 2025, 100% xã đạt chuẩn nông thôn mới.\n");
    S_write("empty.txt", "");
    snprintf(cmd, sizeof cmd, "./nqx extract --no-ocr %s/empty.txt %s/missing.txt %s/good.txt",
             S_dir, S_dir, S_dir);
    cr_assert_eq(S_run(cmd, &out, &err), 1);
    snprintf(want, sizeof want, "nqx: %s/empty.txt: empty file\nnqx: %s/missing.txt: cannot open: No such file or directory\n",
             S_dir, S_dir);
    cr_assert_str_eq(err, want);
    cr_assert_not_null(strstr(out, "{\"doc\": \"good\", \"kind\": \"target\""), "%s", out);
    free(out);
    free(err);
}

Test(cli, extract_csv_has_bom_header_and_quoted_rows, .init = S_mkdir, .fini = S_rmdir)
{
    char cmd[512], *out;
    const char *row;
    S_write("p.txt", "KẾ HOẠCH\nI. MỤC TIÊU\n1. Phấn đấu đến năm 2025, 100% xã đạt chuẩn nông thôn mới.\n");
    snprintf(cmd, sizeof cmd, "./nqx extract --no-ocr --format csv %s/p.txt", S_dir);
    cr_assert_eq(S_run(cmd, &out, NULL), 0);
    static const char head[] = "\xEF\xBB\xBF" "doc,kind,locality,section,deadline,due,comparator,low,high,unit,"
                               "aspirational,metric,scope,agencies,start,end,text\r\n";
    cr_assert_eq(strncmp(out, head, sizeof head - 1), 0, "%s", out);
    row = out + sizeof head - 1;
    cr_assert_eq(strncmp(row, "p,target,,I.1,2025,,=,100,100,%,true,", 37), 0, "%s", row);
    /* the text (with the item's label) holds a comma: quoted */
    cr_assert_not_null(strstr(row, ",28,104,\"1. Phấn đấu đến năm 2025, 100% xã đạt chuẩn nông thôn mới\"\r\n"), "%s", row);
    free(out);
}

/* The store's queries end to end on corpus/: exact rows, kept as fixtures
 * in tests/fixtures/cli (regenerate them, and read the diff, when
 * extraction changes on purpose). */
static void S_expect_file(const char *got, const char *fixture)
{
    char *want;
    size_t n;
    nqx_error e;
    cr_assert_eq(nqx_read_file(fixture, 0, &want, &n, &e), NQX_OK, "%s", e.msg);
    cr_assert_str_eq(got, want, "differs from %s", fixture);
    free(want);
}

Test(cli, corpus_queries_exact_rows, .init = S_mkdir, .fini = S_rmdir, .timeout = 120)
{
    char cmd[1024], *out, *err;
    snprintf(cmd, sizeof cmd, "./nqx ingest --db %s/c.db corpus/*.txt", S_dir);
    cr_assert_eq(S_run(cmd, &out, &err), 0, "%s", err);
    cr_assert_eq(strncmp(out, "documents: 5 new, 0 new versions, 0 unchanged, 0 rejected;", 58), 0, "%s", out);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "./nqx compare --db %s/c.db --metric 'cán bộ nữ' --format csv", S_dir);
    cr_assert_eq(S_run(cmd, &out, NULL), 0);
    S_expect_file(out, "tests/fixtures/cli/compare-can-bo-nu.csv");
    free(out);
    snprintf(cmd, sizeof cmd, "./nqx search --db %s/c.db 'phan dau ty le can bo nu' --format csv", S_dir);
    cr_assert_eq(S_run(cmd, &out, NULL), 0);
    S_expect_file(out, "tests/fixtures/cli/search-phan-dau.csv");
    free(out);
    snprintf(cmd, sizeof cmd, "./nqx tasks --db %s/c.db --agency 'Ban Tổ chức Thành ủy' --role lead "
                              "--due-before 2023-07-01 --format csv", S_dir);
    cr_assert_eq(S_run(cmd, &out, NULL), 0);
    S_expect_file(out, "tests/fixtures/cli/tasks-btc-q2.csv");
    free(out);
    /* SQL in a filter is a value, never code */
    snprintf(cmd, sizeof cmd, "./nqx tasks --db %s/c.db --agency \"x' OR 1=1 --\" --format csv", S_dir);
    cr_assert_eq(S_run(cmd, &out, NULL), 0);
    cr_assert_str_eq(out, "doc,section,agencies,deadline,due,text\r\n");
    free(out);
}
