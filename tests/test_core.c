/* test_core.c: status names, buffers, JSON strings, folding, file reading. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "nqx.h"
#include "../core/internal.h"

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

/* The fold as utf8proc gives it (nqx_fold's definition): decompose,
 * case-fold, strip marks, đ/Đ/Ð -> d, white space runs one space, none
 * at the ends; the fast paths cut at a NUL first. */
static utf8proc_int32_t S_dd(utf8proc_int32_t c, void *data)
{
    (void)data;
    return c == 0x0111 || c == 0x0110 || c == 0x00D0 ? 'd' : c;
}

static char *S_ref_fold(const char *s, size_t n)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t k = utf8proc_map_custom(
        (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strnlen(s, n), &m,
        UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, S_dd,
        NULL);
    char *out;
    size_t i, j = 0;
    int sp = 0;
    cr_assert_geq(k, 0);
    out = malloc((size_t)k + 1);
    for (i = 0; i < (size_t)k; i++) {
        char c = (char)m[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            sp = j > 0;
            continue;
        }
        if (sp)
            out[j++] = ' ';
        sp = 0;
        out[j++] = c;
    }
    out[j] = '\0';
    free(m);
    return out;
}

/* nqx_fold, nqx_fold_fast and nqx_fold_lower_fast against utf8proc on
 * random strings of letters of both cases, the six spaces in runs,
 * Vietnamese letters, đ, marks that compose, punctuation, other scripts
 * and NULs: the fast paths write past what they keep (fold.c), so each
 * string sits at the end of a buffer of exactly 2n + 1 bytes. */
Test(core, fold_fast_paths_agree_with_utf8proc)
{
    static const char *const alpha[] = {
        "a", "Z", "q", "7", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", ".",
        "-", "đ", "Đ", "Ð", "ấ", "Ấ", "ỷ", "Ỹ", "ươ", "Ư", "é", "e\xcc\x81",
        "\xcc\x83", "“", "”", "–", "…", "•", "ß", "ﬁ", "Ω", "中", "😀",
        "İ", "\xe2\x80\x8b", "\0"};
    size_t na = sizeof alpha / sizeof *alpha;
    unsigned seed = 12345;
    int t;
    for (t = 0; t < 20000; t++) {
        char s[256], *ref, *f, *fold, *lower;
        size_t n = 0, len = (size_t)(seed % 24);
        long l, nl = -1;
        while (len--) {
            const char *a;
            size_t k;
            seed = seed * 1103515245u + 12345u;
            a = alpha[(seed >> 16) % na];
            k = a[0] ? strlen(a) : 1;
            memcpy(s + n, a, k);
            n += k;
        }
        seed = seed * 1103515245u + 12345u;
        s[n] = '\0';
        ref = S_ref_fold(s, n);
        f = nqx_fold(s, n);
        cr_assert_not_null(f);
        /* (with a NUL, utf8proc's path spaces the whole string and then
         * strlen cuts it, which may leave a space before the NUL: only
         * the fast paths cut first) */
        if (strlen(s) == n)
            cr_assert_str_eq(f, ref, "nqx_fold of case %d", t);
        fold = malloc(2 * n + 1);
        lower = malloc(2 * n + 1);
        l = nqx_fold_fast(s, n, fold);
        if (l >= 0) {
            cr_assert_eq((size_t)l, strlen(ref), "case %d", t);
            cr_assert_str_eq(fold, ref, "nqx_fold_fast of case %d", t);
        }
        l = nqx_fold_lower_fast(s, n, fold, lower, &nl);
        if (l >= 0) {
            char *lw = nqx_lower(s, n);
            cr_assert_str_eq(fold, ref, "nqx_fold_lower_fast of case %d", t);
            cr_assert_eq((size_t)nl, strlen(lw));
            cr_assert_str_eq(lower, lw, "lower of case %d", t);
            free(lw);
        }
        free(fold);
        free(lower);
        free(f);
        free(ref);
    }
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
