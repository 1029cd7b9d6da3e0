/* test_core.c: status names, buffers, JSON strings, folding, file reading. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nqx.h"

Test(core, strerror_names)
{
    cr_assert_str_eq(nqx_strerror(NQX_OK), "ok");
    cr_assert_str_eq(nqx_strerror(NQX_EENCODING), "invalid or unknown text encoding");
    cr_assert_str_eq(nqx_strerror((nqx_status)999), "unknown status");
}

Test(core, error_format_one_line)
{
    nqx_error e;
    char line[256];
    nqx_error_clear(&e);
    e.status = NQX_EGRAMMAR;
    strcpy(e.file, "grammars/deadline.pcre");
    e.line = 12;
    e.offset = 7;
    strcpy(e.msg, "missing )");
    nqx_error_format(&e, line, sizeof line);
    cr_assert_str_eq(line, "grammars/deadline.pcre:12: offset 7: missing )");
}

Test(core, buf_json_escapes)
{
    nqx_buf b = {0};
    const char *s = "a\"b\\c\nd\x01 Đ";
    cr_assert_eq(nqx_buf_json_str(&b, s, strlen(s)), 0);
    cr_assert_str_eq(b.data, "\"a\\\"b\\\\c\\nd\\u0001 Đ\"");
    nqx_buf_free(&b);
}

Test(core, fold_removes_diacritics_case_and_dd)
{
    const char *s = "  Phấn   ĐẤU  Ủy ban\tnhân dân  ";
    char *f = nqx_fold(s, strlen(s));
    cr_assert_str_eq(f, "phan dau uy ban nhan dan");
    free(f);
}

Test(core, fold_rejects_invalid_utf8)
{
    cr_assert_null(nqx_fold("ab\xff", 3));
}

Test(core, read_file_refuses_directory_and_fifo)
{
    nqx_error e;
    char *data;
    size_t n;
    char fifo[] = "/tmp/nqx-test-fifo-XXXXXX";
    cr_assert_eq(nqx_read_file("tests", 0, &data, &n, &e), NQX_EIO);
    cr_assert_str_eq(e.msg, "is a directory");
    cr_assert_not_null(mkdtemp(fifo));
    rmdir(fifo);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    cr_assert_eq(nqx_read_file(fifo, 0, &data, &n, &e), NQX_EIO);
    cr_assert_str_eq(e.msg, "not a regular file (FIFO, device or socket)");
    unlink(fifo);
}
