/* test_hostile.c: the bad-input suite for the whole pipeline. Fixtures are
 * generated here, not committed. Each case must end with a clean status
 * (ok, or a named error) within the Criterion timeout: no crash, no hang. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nqx.h"
#include "fx_grammar.h"

#ifndef NQX_SRCDIR
#define NQX_SRCDIR "."
#endif

static char S_last[600]; /* the last error, for assertion messages */

/* Normalize and extract; the records' spans must lie inside the text. */
static nqx_status S_pipeline(const char *bytes, size_t n, size_t *nrec)
{
    nqx_text *t = NULL;
    nqx_doc *d = NULL;
    nqx_error e;
    nqx_status st;
    size_t i;
    *nrec = 0;
    st = nqx_norm_text("hostile", bytes, n, NULL, &t, &e);
    if (st) {
        snprintf(S_last, sizeof S_last, "normalize: %s", e.msg);
        return st;
    }
    st = nqx_ext_doc(S_g, t, &d, &e);
    if (st)
        snprintf(S_last, sizeof S_last, "extract: %s", e.msg);
    if (!st) {
        for (i = 0; i < d->nrecords; i++)
            cr_assert_leq(d->records[i].end, t->len);
        *nrec = d->nrecords;
        nqx_doc_free(d);
    }
    nqx_text_free(t);
    return st;
}

static char *S_repeat(const char *unit, size_t times, size_t *len)
{
    size_t u = strlen(unit), i;
    char *s = malloc(u * times + 1);
    cr_assert_not_null(s);
    for (i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    s[u * times] = '\0';
    *len = u * times;
    return s;
}

TestSuite(hostile, .init = fx_grammar_load, .fini = fx_grammar_unload, .timeout = 60);

Test(hostile, png_header_is_binary)
{
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    size_t n;
    cr_assert_eq(S_pipeline(png, sizeof png - 1, &n), NQX_EBINARY);
}

Test(hostile, empty_is_refused)
{
    size_t n;
    cr_assert_eq(S_pipeline("", 0, &n), NQX_EEMPTY);
}

Test(hostile, nested_numbering_ten_thousand_deep)
{
    /* one line "1.1.1.1....1. Phấn đấu 50%" with 10,000 levels */
    size_t len, n;
    char *s = S_repeat("1.", 10000, &len);
    char *doc = malloc(len + 64);
    sprintf(doc, "%s Phấn đấu đạt 50%% trở lên.\n", s);
    cr_assert_eq(S_pipeline(doc, strlen(doc), &n), NQX_OK, "%s", S_last);
    free(doc);
    free(s);
}

Test(hostile, endlessly_repeated_items)
{
    size_t len, n;
    char *s = S_repeat("1. Ban Tổ chức chủ trì, phối hợp với Sở Nội vụ.\n- \n", 20000, &len);
    cr_assert_eq(S_pipeline(s, len, &n), NQX_OK, "%s", S_last);
    free(s);
}

Test(hostile, backtracking_bait)
{
    /* digits, percents, comparators and parentheses without end */
    static const char *units[] = {
        "từ từ từ 1 1 1 % % trở trở ", "((((((((((", "1.1.1.1.1.1.1.1.1.1 ",
        "Quý Quý II/ II/ năm năm 20 ", "- - - - + + + • • ", "|||| | | |",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
    };
    size_t k;
    for (k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t len, n;
        char *s = S_repeat(units[k], 200000 / strlen(units[k]) + 1, &len);
        cr_assert_eq(S_pipeline(s, len, &n), NQX_OK, "unit %zu: %s", k, S_last);
        free(s);
    }
}

Test(hostile, twenty_megabyte_single_line)
{
    size_t len, n;
    char *s = S_repeat("phấn đấu đạt 15% cán bộ, ", (20u << 20) / 32, &len);
    cr_assert_eq(S_pipeline(s, len, &n), NQX_OK, "%s", S_last);
    free(s);
}

/* Inputs fuzz_normalize crashed on: the offset map must stay inside the
 * input, with and without the OCR model. nfc-expands: U+FB2C grows under
 * NFC (a composition exclusion decomposes to three code points).
 * legacy-tail: a Windows-1258 text ending in a truncated sequence, where
 * the final newline mapped past the end. table-viscii: an exploded table
 * read as VISCII. ocr-legacy: legacy bytes decoded to "TỦ", corrected to
 * "TỪ" in the map's last piece, which then ran past the input's end. */
Test(hostile, fuzz_regressions_map_inside_input)
{
    static const char *files[] = {"fuzz-normalize-nfc-expands.bin",
                                  "fuzz-normalize-legacy-tail.bin",
                                  "fuzz-normalize-table-viscii.bin",
                                  "fuzz-normalize-ocr-legacy.bin"};
    size_t f;
    int with;
    nqx_model *m = NULL;
    nqx_error e;
    cr_assert_eq(nqx_model_load(NQX_SRCDIR "/models/vi.model", &m, &e), NQX_OK,
                 "%s", e.msg);
    for (with = 0; with < 2; with++)
        for (f = 0; f < sizeof files / sizeof files[0]; f++) {
            nqx_text *t = NULL;
            nqx_norm_options opt = {0};
            char *bytes, path[256];
            size_t n, i;
            opt.model = with ? m : NULL;
            snprintf(path, sizeof path, "tests/regress/%s", files[f]);
            cr_assert_eq(nqx_read_file(path, 0, &bytes, &n, &e), NQX_OK, "%s", e.msg);
            cr_assert_eq(nqx_norm_text(path, bytes, n, &opt, &t, &e), NQX_OK, "%s", e.msg);
            for (i = 0; i <= t->len; i++)
                cr_assert_leq(nqx_text_input_offset(t, i), n, "%s (model %d): offset %zu",
                              path, with, i);
            nqx_text_free(t);
            free(bytes);
        }
    nqx_model_free(m);
}
