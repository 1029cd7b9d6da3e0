/* test_normalize.c: normalizer entry point: NFC, errors with offsets. */
#include <criterion/criterion.h>
#include <string.h>

#include "nqx.h"

Test(normalize, nfd_input_composes_to_nfc)
{
    /* "Phấn đấu" written decomposed: a + circumflex + acute */
    const char nfd[] = "Pha\xcc\x82\xcc\x81n \xc4\x91" "a\xcc\x82\xcc\x81u";
    nqx_text *t;
    nqx_error e;
    nqx_norm_options o = {0};
    o.keep_markup = 1; /* NFC only */
    cr_assert_eq(nqx_norm_text("x", nfd, sizeof nfd - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "Phấn đấu");
    cr_assert_eq(t->len, strlen("Phấn đấu"));
    cr_assert_eq(t->nchanges, 0);
    /* "Phấn" (P h a+2 marks n: 8 bytes) became 6 bytes; "đ" after it maps
     * back exactly, the composed "ấ" to its base letter */
    cr_assert_eq(nqx_text_input_offset(t, 0), 0);
    cr_assert_eq(nqx_text_input_offset(t, 2), 2);
    cr_assert_eq(nqx_text_input_offset(t, 6), 8);
    cr_assert_eq(nqx_text_input_offset(t, 7), 9);
    cr_assert_eq(nqx_text_input_offset(t, 9), 11);
    nqx_text_free(t);
}

Test(normalize, empty_and_binary_are_refused)
{
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_norm_text("empty.txt", "", 0, NULL, &t, &e), NQX_EEMPTY);
    cr_assert_null(t);
    cr_assert_eq(nqx_norm_text("bin", "ab\0cd", 5, NULL, &t, &e), NQX_EBINARY);
    cr_assert_eq(e.offset, 2);
    cr_assert_str_eq(e.file, "bin");
}
