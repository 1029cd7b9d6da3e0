/* test_normalize.c: normalizer entry point: NFC, errors with offsets. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nqx.h"
#include "../normalizer/norm.h"

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
    /* each composed syllable is logged: from the decomposed bytes */
    cr_assert_eq(t->nchanges, 2);
    cr_assert_eq(t->changes[0].kind, NQX_CHANGE_NFC);
    cr_assert_str_eq(t->changes[0].from, "a\xcc\x82\xcc\x81");
    cr_assert_str_eq(t->changes[0].to, "ấ");
    cr_assert_eq(t->changes[0].in_off, 2);
    cr_assert_eq(t->changes[0].out_off, 2);
    cr_assert_eq(t->changes[1].in_off, 11);
    cr_assert_eq(t->changes[1].out_off, 9);
    cr_assert_str_eq(nqx_change_kind_name(t->changes[1].kind), "nfc");
    /* "Phấn" (P h a+2 marks n: 8 bytes) became 6 bytes; "đ" after it maps
     * back exactly, the composed "ấ" to its base letter */
    cr_assert_eq(nqx_text_input_offset(t, 0), 0);
    cr_assert_eq(nqx_text_input_offset(t, 2), 2);
    cr_assert_eq(nqx_text_input_offset(t, 6), 8);
    cr_assert_eq(nqx_text_input_offset(t, 7), 9);
    cr_assert_eq(nqx_text_input_offset(t, 9), 11);
    nqx_text_free(t);
}

/* A combining tone or vowel mark that OCR or PDF text extraction put
 * after a consonant ("biên" + acute after the n) goes back onto the vowel
 * where the syllable's rules put it, in the NFC stage, logged as an OCR
 * change; NFC alone would make "biêń", no syllable. */
Test(normalize, misplaced_marks_move_onto_the_vowel)
{
    const char in[] = "bi\xc3\xaan\xcc\x81 chinh\xcc\x81 pha\xcc\x82n\xcc\x80, "
                      "T\xcc\x89INH ho\xcc\x80" "a trong\xcc\x82.";
    nqx_text *t;
    nqx_error e;
    nqx_norm_options o = {0};
    o.keep_markup = 1;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "biến chính phần, TỈNH hòa trông.");
    cr_assert_eq(t->nchanges, 6);
    cr_assert_eq(t->changes[0].kind, NQX_CHANGE_OCR);
    cr_assert_str_eq(t->changes[0].from, "bi\xc3\xaan\xcc\x81");
    cr_assert_str_eq(t->changes[0].to, "biến");
    cr_assert_eq(t->changes[0].in_off, 0);
    cr_assert_eq(t->changes[0].out_off, 0);
    cr_assert_eq(t->changes[0].confidence, 1.0);
    cr_assert_str_eq(t->changes[1].to, "chính");
    cr_assert_eq(t->changes[1].in_off, 8);
    cr_assert_eq(t->changes[1].out_off, 7);
    /* two marks decomposed, one after the n: the word as a whole */
    cr_assert_str_eq(t->changes[2].from, "pha\xcc\x82n\xcc\x80");
    cr_assert_str_eq(t->changes[2].to, "phần");
    cr_assert_eq(t->changes[2].in_off, 16);
    cr_assert_str_eq(t->changes[3].to, "TỈNH");
    cr_assert_eq(t->changes[3].in_off, 26);
    cr_assert_eq(t->changes[3].out_off, 22);
    /* a tone decomposed on its vowel is NFC's, as before */
    cr_assert_eq(t->changes[4].kind, NQX_CHANGE_NFC);
    cr_assert_str_eq(t->changes[4].to, "ò");
    cr_assert_eq(t->changes[5].kind, NQX_CHANGE_OCR);
    cr_assert_str_eq(t->changes[5].to, "trông");
    /* the comma after "phần" maps back past the mark after the n */
    cr_assert_eq(nqx_text_input_offset(t, 20), 24);
    nqx_text_free(t);
}

/* A mark after a consonant stays where it is (NFC composes it as before)
 * when moving it makes no syllable or the vowel already has one: a
 * foreign name, a tone twice, a vowel mark no vowel can take. */
Test(normalize, misplaced_marks_left_when_no_syllable)
{
    const char in[] = "Gdan\xcc\x81sk ti\xe1\xba\xbfn\xcc\x81 ng\xcc\x9bo\xcc\x9bi "
                      "Ng\xcc\x83 m\xcc\x86n";
    nqx_text *t;
    nqx_error e;
    nqx_norm_options o = {0};
    size_t k;
    o.keep_markup = 1;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "Gdańsk tiếń ng\xcc\x9bơi Ng\xcc\x83 m\xcc\x86n");
    cr_assert_eq(t->nchanges, 3);
    for (k = 0; k < t->nchanges; k++)
        cr_assert_eq(t->changes[k].kind, NQX_CHANGE_NFC);
    nqx_text_free(t);
}

/* Decimal digits of other scripts become ASCII digits in the NFC stage,
 * logged and mapped back: fullwidth (U+FF10..), Arabic-Indic (U+0660..)
 * and mathematical bold (U+1D7CE.., a run of five sets of ten). */
Test(normalize, digits_of_other_scripts_become_ascii)
{
    const char in[] = "Đến năm \xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x95, "
                      "\xd9\xa3\xd9\xa9 v\xc3\xa0 \xf0\x9d\x9f\x8f\xf0\x9d\x9f\x97 "
                      "\xf0\x9d\x9f\xbf.";
    nqx_text *t;
    nqx_error e;
    nqx_norm_options o = {0};
    o.keep_markup = 1;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "Đến năm 2025, 39 và 19 9.");
    cr_assert_eq(t->nchanges, 4);
    cr_assert_eq(t->changes[0].kind, NQX_CHANGE_NFC);
    cr_assert_str_eq(t->changes[0].to, " 2025");
    cr_assert_eq(t->changes[0].in_off, 11);
    /* the comma after the four 3-byte digits maps back past them */
    cr_assert_eq(nqx_text_input_offset(t, 16), 24);
    nqx_text_free(t);
}

/* Ð and ð (eth, U+00D0 / U+00F0) for Đ and đ: OCR and fonts converted
 * with the wrong table write them; they become Đ and đ in the NFC stage,
 * logged, next to a letter that NFC composes too. */
Test(normalize, eth_read_as_d_with_stroke)
{
    const char in[] = "\xc3\x90\xe1\xba\xa3ng b\xe1\xbb\x99, N\xc3\x90-CP, "
                      "\xc3\xb0" "a\xcc\x80o t\xe1\xba\xa1o.";
    nqx_text *t;
    nqx_error e;
    nqx_norm_options o = {0};
    o.keep_markup = 1;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "Đảng bộ, NĐ-CP, đào tạo.");
    cr_assert_eq(t->nchanges, 4);
    cr_assert_eq(t->changes[0].kind, NQX_CHANGE_NFC);
    cr_assert_str_eq(t->changes[0].from, "Ð");
    cr_assert_str_eq(t->changes[0].to, "Đ");
    cr_assert_eq(t->changes[1].in_off, 15);
    cr_assert_str_eq(t->changes[2].to, "đ");
    /* "a" + combining grave after it composes to "à" */
    cr_assert_str_eq(t->changes[3].to, "à");
    cr_assert_eq(nqx_text_input_offset(t, 26), 27); /* the "o" after "đà" */
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

/* Markup, a heading mark and a hard wrap: the text, every change and the
 * offset map, checked by hand against the input bytes. */
Test(normalize, changes_and_offsets_exact)
{
    const char in[] = "## **Kế hoạch**\nPhấn đấu đến\nnăm 2030.\n";
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, NULL, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "Kế hoạch\nPhấn đấu đến năm 2030.\n");
    cr_assert_eq(t->nchanges, 4);
    cr_assert_eq(t->changes[0].in_off, 0);
    cr_assert_eq(t->changes[0].out_off, 0);
    cr_assert_str_eq(t->changes[0].from, "## ");
    cr_assert_str_eq(t->changes[0].to, "");
    cr_assert_eq(t->changes[0].kind, NQX_CHANGE_MARKUP);
    cr_assert_eq(t->changes[1].in_off, 3);
    cr_assert_eq(t->changes[1].out_off, 0);
    cr_assert_str_eq(t->changes[1].from, "**");
    cr_assert_eq(t->changes[2].in_off, 17);
    cr_assert_eq(t->changes[2].out_off, 12);
    cr_assert_str_eq(t->changes[2].from, "**");
    cr_assert_eq(t->changes[3].in_off, 40);
    cr_assert_eq(t->changes[3].out_off, 33);
    cr_assert_str_eq(t->changes[3].from, "\n");
    cr_assert_str_eq(t->changes[3].to, " ");
    cr_assert_eq(t->changes[3].kind, NQX_CHANGE_JOIN);
    cr_assert_eq(t->changes[3].confidence, 1.0);
    cr_assert_eq(nqx_text_input_offset(t, 0), 5);   /* K */
    cr_assert_eq(nqx_text_input_offset(t, 5), 10);  /* h of hoạch */
    cr_assert_eq(nqx_text_input_offset(t, 12), 19); /* \n */
    cr_assert_eq(nqx_text_input_offset(t, 13), 20); /* P */
    cr_assert_eq(nqx_text_input_offset(t, 33), 40); /* the joining space */
    cr_assert_eq(nqx_text_input_offset(t, 34), 41); /* n of năm */
    cr_assert_eq(nqx_text_input_offset(t, 44), 51); /* final \n */
    nqx_text_free(t);
}

/* BOM (decode), NFD (NFC) and markup (layout): the maps compose. */
Test(normalize, offsets_compose_through_decode_and_nfc)
{
    const char in[] = "\xEF\xBB\xBF**Pha\xcc\x82\xcc\x81n** đấu\n";
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, NULL, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "Phấn đấu\n");
    cr_assert_eq(t->nchanges, 3);
    cr_assert_eq(t->changes[0].in_off, 3); /* ** */
    cr_assert_eq(t->changes[0].out_off, 0);
    cr_assert_eq(t->changes[1].kind, NQX_CHANGE_NFC);
    cr_assert_eq(t->changes[1].in_off, 7); /* a + marks, after the BOM */
    cr_assert_eq(t->changes[1].out_off, 2);
    cr_assert_eq(t->changes[2].in_off, 13); /* ** */
    cr_assert_eq(t->changes[2].out_off, 6);
    cr_assert_eq(nqx_text_input_offset(t, 0), 5);  /* P */
    cr_assert_eq(nqx_text_input_offset(t, 1), 6);  /* h */
    cr_assert_eq(nqx_text_input_offset(t, 2), 7);  /* ấ: the a it came from */
    cr_assert_eq(nqx_text_input_offset(t, 5), 12); /* n */
    cr_assert_eq(nqx_text_input_offset(t, 6), 15); /* space after ** */
    nqx_text_free(t);
}

Test(normalize, moved_footnote_maps_to_its_origin)
{
    const char in[] = "cán bộ nữ\n\n¹ Chú thích.\n\ncác tiêu chuẩn.\n";
    nqx_text *t;
    nqx_error e;
    size_t at;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, NULL, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "cán bộ nữ các tiêu chuẩn.\n¹ Chú thích.\n");
    at = (size_t)(strstr(t->text, "¹") - t->text);
    cr_assert_eq(nqx_text_input_offset(t, at), (size_t)(strstr(in, "¹") - in));
    cr_assert_eq(nqx_text_input_offset(t, at + strlen("¹ ")),
                 (size_t)(strstr(in, "Chú") - in));
    nqx_text_free(t);
}

Test(normalize, invalid_utf8_names_the_offset)
{
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_norm_text("bad.txt", "Kế\xff hoạch", 9, NULL, &t, &e),
                 NQX_EENCODING);
    cr_assert_null(t);
    cr_assert_eq(e.offset, 4);
    cr_assert_str_eq(e.file, "bad.txt");
}

Test(normalize, keep_markup_leaves_layout_alone)
{
    const char in[] = "**a**\nb";
    nqx_text *t;
    nqx_error e;
    nqx_norm_options o = {0};
    o.keep_markup = 1;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, in);
    cr_assert_eq(t->nchanges, 0);
    nqx_text_free(t);
}

/* `nqx normalize` end to end: text, TSV and JSON Lines change logs. */
static char *S_run_rc(const char *args, const char *input, size_t inlen,
                      int want_rc, char *path)
{
    char cmd[512];
    int fd = mkstemp(path);
    FILE *p;
    nqx_buf out = {0};
    char buf[4096];
    size_t n;
    int st;
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, input, inlen), (ssize_t)inlen);
    close(fd);
    snprintf(cmd, sizeof cmd, "%s/nqx normalize --no-ocr %s %s 2>&1", NQX_SRCDIR, args, path);
    p = popen(cmd, "r");
    cr_assert_not_null(p);
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        nqx_buf_append(&out, buf, n);
    st = pclose(p);
    cr_assert(WIFEXITED(st));
    cr_assert_eq(WEXITSTATUS(st), want_rc);
    unlink(path);
    nqx_buf_append(&out, "", 0);
    return out.data ? nqx_buf_steal(&out) : strdup("");
}

static char *S_run(const char *args, const char *input)
{
    char path[] = "/tmp/nqx-norm-XXXXXX";
    return S_run_rc(args, input, strlen(input), 0, path);
}

Test(normalize, cli_rejects_bad_input_with_offsets)
{
    char path[] = "/tmp/nqx-norm-XXXXXX", want[256];
    char *s = S_run_rc("", "Kế\xff hoạch\n", 14, 1, path);
    snprintf(want, sizeof want, "nqx: %s: offset 4: invalid UTF-8 (byte 0xFF), and not a Vietnamese legacy encoding either\n", path);
    cr_assert_str_eq(s, want);
    free(s);
    strcpy(path, "/tmp/nqx-norm-XXXXXX");
    s = S_run_rc("", "ab\0cd", 5, 1, path);
    snprintf(want, sizeof want, "nqx: %s: offset 2: NUL byte: binary file, not text\n", path);
    cr_assert_str_eq(s, want);
    free(s);
}

Test(normalize, cli_text_tsv_and_jsonl)
{
    const char in[] = "## **Kế hoạch**\nPhấn đấu đến\nnăm 2030.\n";
    char *s = S_run("", in);
    cr_assert_str_eq(s, "Kế hoạch\nPhấn đấu đến năm 2030.\n");
    free(s);
    s = S_run("--changes", in);
    cr_assert_str_eq(s, "in_off\tout_off\tkind\tfrom\tto\tconfidence\n"
                        "0\t0\tmarkup\t## \t\t1.000\n"
                        "3\t0\tmarkup\t**\t\t1.000\n"
                        "17\t12\tmarkup\t**\t\t1.000\n"
                        "40\t33\tjoin\t\\n\t \t1.000\n");
    free(s);
    s = S_run("--changes --format jsonl", in);
    cr_assert_str_eq(s,
        "{\"in_off\": 0, \"out_off\": 0, \"kind\": \"markup\", \"from\": \"## \", \"to\": \"\", \"confidence\": 1.000}\n"
        "{\"in_off\": 3, \"out_off\": 0, \"kind\": \"markup\", \"from\": \"**\", \"to\": \"\", \"confidence\": 1.000}\n"
        "{\"in_off\": 17, \"out_off\": 12, \"kind\": \"markup\", \"from\": \"**\", \"to\": \"\", \"confidence\": 1.000}\n"
        "{\"in_off\": 40, \"out_off\": 33, \"kind\": \"join\", \"from\": \"\\n\", \"to\": \" \", \"confidence\": 1.000}\n");
    free(s);
}

/* On every corpus document: each change's `from` is in the input at
 * in_off and its `to` in the output at out_off, and every output byte
 * outside a change maps back to the same byte of the input. */
Test(normalize, change_log_and_map_agree_on_corpus)
{
    static const char *docs[] = {
        "000_345a409d5e9dd220", "001_327d61877dd096d8", "002_a693fad91d7fa2f3",
        "003_b9a2a529d159b678", "004_31b05915bd2b756c"};
    size_t d;
    for (d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        char path[512], *in, *covered;
        size_t n, k, o, checked = 0;
        nqx_text *t;
        nqx_error e;
        snprintf(path, sizeof path, "%s/corpus/%s.txt", NQX_SRCDIR, docs[d]);
        cr_assert_eq(nqx_read_file(path, 0, &in, &n, &e), NQX_OK, "%s", e.msg);
        cr_assert_eq(nqx_norm_text(path, in, n, NULL, &t, &e), NQX_OK, "%s", e.msg);
        cr_assert_gt(t->nchanges, 0);
        covered = calloc(t->len + 1, 1);
        for (k = 0; k < t->nchanges; k++) {
            const nqx_change *c = &t->changes[k];
            size_t fl = strlen(c->from), tl = strlen(c->to);
            cr_assert_leq(c->out_off + tl, t->len, "%s change %zu", docs[d], k);
            cr_assert(memcmp(t->text + c->out_off, c->to, tl) == 0,
                      "%s change %zu: to", docs[d], k);
            cr_assert_leq(c->in_off + fl, n);
            cr_assert(memcmp(in + c->in_off, c->from, fl) == 0,
                      "%s change %zu: from", docs[d], k);
            memset(covered + c->out_off, 1, tl);
        }
        for (o = 0; o < t->len; o++) {
            if (covered[o])
                continue;
            cr_assert_eq(in[nqx_text_input_offset(t, o)], t->text[o],
                         "%s: output offset %zu", docs[d], o);
            checked++;
        }
        cr_assert_gt(checked, t->len / 2);
        free(covered);
        nqx_text_free(t);
        free(in);
    }
}

/* Normalized text normalizes to itself: the extractor may be handed either,
 * and a second pass must not join rows, headings or paragraphs the first
 * kept apart. Over the corpus and, when unpacked at /tmp/vi-text, textcorpus
 * documents of the kinds nqx reads (plans, decisions, resolutions with
 * plain, pipe and exploded tables, bold and italic lines, no blank lines). */
static void S_idempotent(const char *path)
{
    char *in;
    size_t n;
    nqx_text *t1, *t2;
    nqx_error e;
    cr_assert_eq(nqx_read_file(path, 0, &in, &n, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_norm_text(path, in, n, NULL, &t1, &e), NQX_OK, "%s", e.msg);
    cr_assert_gt(t1->len, 0);
    cr_assert_eq(nqx_norm_text(path, t1->text, t1->len, NULL, &t2, &e), NQX_OK,
                 "%s", e.msg);
    cr_assert_eq(t2->len, t1->len, "%s: %zu bytes, then %zu", path, t1->len, t2->len);
    cr_assert(memcmp(t2->text, t1->text, t1->len) == 0, "%s changed", path);
    cr_assert_eq(t2->nchanges, 0, "%s: %zu changes", path, t2->nchanges);
    nqx_text_free(t2);
    nqx_text_free(t1);
    free(in);
}

Test(normalize, normalizing_twice_changes_nothing)
{
    static const char *docs[] = {
        "000_345a409d5e9dd220", "001_327d61877dd096d8", "002_a693fad91d7fa2f3",
        "003_b9a2a529d159b678", "004_31b05915bd2b756c"};
    static const char *vi[] = {
        "284dd97bc14e3aeb", "001c610b2efdcf0c", "00e8b0e4daffc2ef",
        "02b9be7711f88c70", "04e4130eb91f3242", "1ea5e769bcf16b99",
        "548693349b18e8cf", "592501a25aaf5012", "ae8d299abf846604",
        "d5ffa6afac124d52", "f08ec790b7b2c9c5"};
    size_t d;
    char path[512];
    for (d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        snprintf(path, sizeof path, "%s/corpus/%s.txt", NQX_SRCDIR, docs[d]);
        S_idempotent(path);
    }
    for (d = 0; d < sizeof vi / sizeof vi[0]; d++) {
        snprintf(path, sizeof path, "/tmp/vi-text/%s.md", vi[d]);
        if (access(path, R_OK) == 0) /* the textcorpus is not committed */
            S_idempotent(path);
    }
}

/* nqx_norm_text (no model) gives in back as it is: a label line the
 * layout must keep off the line before. */
static void S_layout_keeps(const char *in)
{
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_norm_text("x", in, strlen(in), NULL, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, in);
    nqx_text_free(t);
}

/* Numbering labels OCR misread at a line's start (labels.c): I read as 1,
 * l or | inside a Roman number before a heading in capitals, a comma for
 * the full stop of a number before a capital, and a first "1." heading
 * where "II." follows with no "I." before it. Numbers in a sentence, an
 * Arabic "11." and a "1." with a "2." heading after it stay. */
static char *S_labels(const char *in, size_t *nedits)
{
    nqx_norm_edit *e;
    size_t n, i, last = 0, len = strlen(in);
    nqx_error err;
    nqx_buf b = {0};
    cr_assert_eq(nqx_norm_labels(in, len, NULL, NULL, 0, &e, &n, &err), NQX_OK);
    for (i = 0; i < n; i++) {
        cr_assert_eq(e[i].kind, NQX_CHANGE_OCR);
        cr_assert(e[i].start >= last);
        nqx_buf_append(&b, in + last, e[i].start - last);
        nqx_buf_append(&b, e[i].repl, e[i].repl_len);
        last = e[i].end;
    }
    nqx_buf_append(&b, in + last, len - last);
    nqx_norm_edits_free(e, n);
    *nedits = n;
    return nqx_buf_steal(&b);
}

Test(normalize, misread_labels)
{
    size_t n;
    char *s = S_labels("KẾ HOẠCH\n1. TÌNH HÌNH CHUNG\nNội dung.\nIl. MỤC TIÊU\n"
                       "1. Mục tiêu chung\n6, Ủy ban Kiểm tra Thành ủy\n"
                       "1II. NHIỆM VỤ, GIẢI PHÁP\nV1. TỔ CHỨC THỰC HIỆN\n"
                       "Năm 2025 có 1, 2 hoặc 3 người.\n11. HAI\n", &n);
    cr_assert_str_eq(s, "KẾ HOẠCH\nI. TÌNH HÌNH CHUNG\nNội dung.\nII. MỤC TIÊU\n"
                        "1. Mục tiêu chung\n6. Ủy ban Kiểm tra Thành ủy\n"
                        "III. NHIỆM VỤ, GIẢI PHÁP\nVI. TỔ CHỨC THỰC HIỆN\n"
                        "Năm 2025 có 1, 2 hoặc 3 người.\n11. HAI\n");
    cr_assert_eq(n, 5);
    free(s);
    /* a list of headings in capitals, and a Roman number in a sentence */
    s = S_labels("1. MỤC ĐÍCH\n2. YÊU CẦU\nII. NỘI DUNG\n"
                 "1Il. không phải\nlI. NHIỆM VỤ khác\n", &n);
    cr_assert_str_eq(s, "1. MỤC ĐÍCH\n2. YÊU CẦU\nII. NỘI DUNG\n"
                        "1Il. không phải\nlI. NHIỆM VỤ khác\n");
    cr_assert_eq(n, 0);
    free(s);
    /* the quarter after "Quý", inside a line; an Arabic quarter stays */
    s = S_labels("Hoàn thành trong Quý I1/2023, quý 1V năm 2024; quý 1 năm 2026.\n", &n);
    cr_assert_str_eq(s, "Hoàn thành trong Quý II/2023, quý IV năm 2024; quý 1 năm 2026.\n");
    cr_assert_eq(n, 2);
    free(s);
    /* a comma label is an item to the layout: not joined to the line before */
    S_layout_keeps("Thực hiện thường xuyên.\n6, Ủy ban Kiểm tra Thành ủy\n");
}

/* A point's letter as a scan misreads it ("€)", "©)" for c, "4)" for d
 * and đ, "ø)" for g) is the letter after the point before, where the
 * glyph looks like it; a list numbered 1), 2), 3), 4) and a "4)" after
 * "a)" stay. The layout keeps such a line off the one before. */
Test(normalize, misread_point_letters)
{
    size_t n;
    char *s = S_labels("a) Một.\nb) Hai.\n€) Ba.\n4) Bốn.\n4) Năm.\ne) Sáu.\nø) Bảy.\n"
                       "1) Một.\n2) Hai.\n3) Ba.\n4) Bốn.\n"
                       "a) Một.\n4) Hai.\n©) Ba.\n", &n);
    cr_assert_str_eq(s, "a) Một.\nb) Hai.\nc) Ba.\nd) Bốn.\nđ) Năm.\ne) Sáu.\ng) Bảy.\n"
                        "1) Một.\n2) Hai.\n3) Ba.\n4) Bốn.\n"
                        "a) Một.\n4) Hai.\n©) Ba.\n");
    cr_assert_eq(n, 4);
    free(s);
    S_layout_keeps("b) Thông qua phong trào thi đua\n©) Thi đua thực hiện tốt\n");
}

/* A two-level label whose inner stop a scan lost or misread ("34.",
 * "3,5.", "4:1.") is the one after the "a.b." label before it; not
 * without such a label before, nor where "33." came before ("34." goes on
 * a list). */
Test(normalize, scanned_two_level_label_misread)
{
    size_t n;
    char *s = S_labels("3.3. Về công tác cán bộ\n34. Thực hiện luân chuyển cán bộ\n"
                       "3,5. Tổ chức đánh giá\n4:1. Kiểm tra, giám sát\n"
                       "33. Mục khác\n34. Mục tiếp\n", &n);
    cr_assert_str_eq(s, "3.3. Về công tác cán bộ\n3.4. Thực hiện luân chuyển cán bộ\n"
                        "3.5. Tổ chức đánh giá\n4.1. Kiểm tra, giám sát\n"
                        "33. Mục khác\n34. Mục tiếp\n");
    cr_assert_eq(n, 3);
    free(s);
    s = S_labels("Nội dung chính\n34. Thực hiện luân chuyển cán bộ\n", &n);
    cr_assert_str_eq(s, "Nội dung chính\n34. Thực hiện luân chuyển cán bộ\n");
    cr_assert_eq(n, 0);
    free(s);
    s = S_labels("3.3. Danh sách\n33. Mục khác\n34. Mục tiếp\n", &n);
    cr_assert_str_eq(s, "3.3. Danh sách\n33. Mục khác\n34. Mục tiếp\n");
    cr_assert_eq(n, 0);
    free(s);
}

/* ... and one with a speck before it ("®1.1.", '"12:'), its last stop
 * read as a colon ("12:", "1.3:"), or a speck after it ('15. "Trách'):
 * the speck before a label goes where it is no quote, or where the label
 * was misread anyway; a quote before a label written right stays (an
 * amendment: "“1.6."), and so does one before a number in a sentence. */
Test(normalize, scanned_two_level_label_with_a_speck)
{
    size_t n;
    char *s = S_labels("®1.1. Trưởng Ban Chỉ đạo\n\"12: Sở Tài chính\n13. Các cơ quan\n"
                       "1.4: Ủy ban nhân dân\n15. \"Trách nhiệm của đối tượng\n"
                       "“1.6. Trách nhiệm\n'6 năm 2022 của Bộ\n", &n);
    cr_assert_str_eq(s, "1.1. Trưởng Ban Chỉ đạo\n1.2. Sở Tài chính\n1.3. Các cơ quan\n"
                        "1.4. Ủy ban nhân dân\n1.5. \"Trách nhiệm của đối tượng\n"
                        "“1.6. Trách nhiệm\n'6 năm 2022 của Bộ\n");
    cr_assert_eq(n, 5);
    free(s);
}

/* A full stop a scan put between two words in lower case ("báo. cáo")
 * or after an acronym ("UBND. các xã") goes; not after an abbreviation
 * ("v.v.", "TP."), before a date (a citation's parts: "Chính phủ. ngày
 * 19", "BBC. ngày 7"), a single letter or a word that is no syllable. */
Test(normalize, scanned_stray_stop_dropped)
{
    size_t n;
    char *s = S_labels("Tổng hợp, lồng ghép báo. cáo công tác; Sở Văn hóa, Thể thao. và "
                       "Du lịch.\nHỗ trợ khẩn cấp lương. thực, thực phẩm.\n"
                       "UBND. các xã; v.v. và; Báo Chính phủ. ngày 19 tháng 5; "
                       "được. d) khác; vol. available; BBC. ngày 7; TP. các quận.\n", &n);
    cr_assert_str_eq(s, "Tổng hợp, lồng ghép báo cáo công tác; Sở Văn hóa, Thể thao và "
                        "Du lịch.\nHỗ trợ khẩn cấp lương thực, thực phẩm.\n"
                        "UBND các xã; v.v. và; Báo Chính phủ. ngày 19 tháng 5; "
                        "được. d) khác; vol. available; BBC. ngày 7; TP. các quận.\n");
    cr_assert_eq(n, 4);
    free(s);
}

/* ... and one after a sentence's only word in title case ("về: Tổng.
 * hợp", "Mở. rộng"), or before a word that a number follows ("hồ sơ. từ
 * 25 ngày"); not before a citation's date ("Chính phủ. ngày 19", "tháng
 * 5"), nor after a name inside a sentence ("Sở Công. trình"). */
Test(normalize, scanned_stray_stop_after_a_one_word_sentence_dropped)
{
    size_t n;
    char *s = S_labels("- Báo cáo các nội dung về: Tổng. hợp tình hình. Mở. rộng dân chủ.\n"
                       "Mở. rộng; thẩm định hồ sơ. từ 25 ngày; Báo Chính phủ. ngày 19; "
                       "Báo Nhân dân. tháng 5 năm 2024; giao cho Sở Công. trình bày; "
                       "Nhà xuất bản thế giới. trang 196; vào không gian. năm 1957 vệ tinh.\n",
                       &n);
    cr_assert_str_eq(s, "- Báo cáo các nội dung về: Tổng hợp tình hình. Mở rộng dân chủ.\n"
                        "Mở rộng; thẩm định hồ sơ từ 25 ngày; Báo Chính phủ. ngày 19; "
                        "Báo Nhân dân. tháng 5 năm 2024; giao cho Sở Công. trình bày; "
                        "Nhà xuất bản thế giới. trang 196; vào không gian. năm 1957 vệ tinh.\n");
    cr_assert_eq(n, 4);
    free(s);
}

/* A comma a scan put at a line's end, inside a sentence the layout joins
 * across that end: it goes after a word that opens a phrase ("trong,")
 * and between two syllables the model saw side by side about as often as
 * the first ended a clause ("ứng, / dụng"); a comma the author put at a
 * line's end ("cán bộ, xã, / phường") or inside a line ("mua, bán")
 * stays, and without the model (--no-ocr) nothing goes. */
Test(normalize, scanned_stray_comma_at_a_join_dropped)
{
    const char in[] = "Trong những năm qua, việc mua, bán tài sản có bước phát triển; 100% cán bộ ứng,\n"
                      "dụng công nghệ thông tin vào quản lý. Chất lượng hoạt động của các tổ chức trong,\n"
                      "toàn Đảng bộ được nâng lên; công tác đào tạo, bồi dưỡng, luân chuyển cán bộ, xã,\n"
                      "phường được quan tâm, nhất là công tác kiểm tra, giám sát.\n";
    nqx_model *m;
    nqx_norm_options o = {0};
    nqx_text *t;
    nqx_error e;
    size_t k, nocr = 0;
    cr_assert_eq(nqx_model_load(NQX_SRCDIR "/models/vi.model", &m, &e), NQX_OK);
    o.model = m;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text,
                     "Trong những năm qua, việc mua, bán tài sản có bước phát triển; 100% cán bộ "
                     "ứng dụng công nghệ thông tin vào quản lý. Chất lượng hoạt động của các tổ "
                     "chức trong toàn Đảng bộ được nâng lên; công tác đào tạo, bồi dưỡng, luân "
                     "chuyển cán bộ, xã, phường được quan tâm, nhất là công tác kiểm tra, giám "
                     "sát.\n");
    for (k = 0; k < t->nchanges; k++) {
        if (t->changes[k].kind != NQX_CHANGE_OCR)
            continue;
        cr_assert_str_eq(t->changes[k].from, ",");
        cr_assert_str_eq(t->changes[k].to, "");
        cr_assert_eq(in[t->changes[k].in_off], ',');
        cr_assert_eq(in[t->changes[k].in_off + 1], '\n');
        nocr++;
    }
    cr_assert_eq(nocr, 2);
    nqx_text_free(t);
    o.model = NULL;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert(strstr(t->text, "ứng, dụng") && strstr(t->text, "trong, toàn"));
    nqx_text_free(t);
    nqx_model_free(m);
}

/* ... and so does one where the three words before and after it went on
 * far more often than the first two ended a clause ("quyền của công," /
 * "dân": "công dân" alone ends a clause about as often); "đổi mới," /
 * "sáng tạo" keeps its comma. */
Test(normalize, scanned_stray_comma_at_a_join_by_three_words)
{
    const char in[] = "Các cơ quan có trách nhiệm bảo đảm quyền của công,\n"
                      "dân trong việc thực hiện đổi mới,\n"
                      "sáng tạo và phát triển kinh tế - xã hội của tỉnh.\n";
    nqx_model *m;
    nqx_norm_options o = {0};
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_model_load(NQX_SRCDIR "/models/vi.model", &m, &e), NQX_OK);
    o.model = m;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->text, "Các cơ quan có trách nhiệm bảo đảm quyền của công dân trong "
                              "việc thực hiện đổi mới, sáng tạo và phát triển kinh tế - xã "
                              "hội của tỉnh.\n");
    nqx_text_free(t);
    nqx_model_free(m);
}

/* no_changes: the same text and offset map, without the change log (NFC,
 * layout and label changes all made, none logged). */
Test(normalize, no_changes_keeps_text_and_map)
{
    const char in[] = "# **Điều 1.** Pha\xcc\x82\xcc\x81n \xc4\x91" "a\xcc\x82\xcc\x81u\n\n"
                      "a) cán bộ,công chức\n";
    nqx_text *t, *u;
    nqx_error e;
    nqx_norm_options o = {0};
    size_t k;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &t, &e), NQX_OK);
    o.no_changes = 1;
    cr_assert_eq(nqx_norm_text("x", in, sizeof in - 1, &o, &u, &e), NQX_OK);
    cr_assert_gt(t->nchanges, 2);
    cr_assert_eq(u->nchanges, 0);
    cr_assert_null(u->changes);
    cr_assert_eq(u->len, t->len);
    cr_assert_str_eq(u->text, t->text);
    cr_assert_str_eq(u->encoding, t->encoding);
    cr_assert_eq(u->input_len, t->input_len);
    cr_assert_eq(u->nmap, t->nmap);
    for (k = 0; k < t->nmap; k++) {
        cr_assert_eq(u->map[k].out, t->map[k].out);
        cr_assert_eq(u->map[k].in, t->map[k].in);
    }
    for (k = 0; k <= t->len; k++)
        cr_assert_eq(nqx_text_input_offset(u, k), nqx_text_input_offset(t, k));
    nqx_text_free(t);
    nqx_text_free(u);
}
