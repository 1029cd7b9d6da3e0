/* test_ocr.c: OCR diacritic correction: syllables, the model file, the
 * decoder on sentences written for these tests (not from corpus/). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nqx.h"
#include "../normalizer/syl.h"

#ifndef NQX_SRCDIR
#define NQX_SRCDIR "."
#endif

static nqx_model *S_model;

static void S_load(void)
{
    nqx_error e;
    cr_assert_eq(nqx_model_load(NQX_SRCDIR "/models/vi.model", &S_model, &e),
                 NQX_OK, "%s", e.msg);
}

static void S_unload(void)
{
    nqx_model_free(S_model);
    S_model = NULL;
}

/* The text with the corrector's edits applied (caller frees). */
static char *S_fix(const char *text, size_t *nedits)
{
    nqx_norm_edit *e;
    size_t n, i, last = 0, len = strlen(text);
    nqx_error err;
    nqx_buf b = {0};
    cr_assert_eq(nqx_norm_ocr(S_model, text, len, 0, &e, &n, &err), NQX_OK);
    for (i = 0; i < n; i++) {
        cr_assert_eq(e[i].kind, NQX_CHANGE_OCR);
        cr_assert(e[i].confidence > 0.9 && e[i].confidence <= 1.0);
        cr_assert(e[i].start >= last && e[i].end <= len);
        nqx_buf_append(&b, text + last, e[i].start - last);
        nqx_buf_append(&b, e[i].repl, e[i].repl_len);
        last = e[i].end;
    }
    nqx_buf_append(&b, text + last, len - last);
    nqx_norm_edits_free(e, n);
    if (nedits)
        *nedits = n;
    return nqx_buf_steal(&b);
}

#define FIXES(in, out)                                                        \
    do {                                                                      \
        char *got_ = S_fix(in, NULL);                                         \
        cr_assert_str_eq(got_, out);                                          \
        free(got_);                                                           \
    } while (0)

/* ---- syllables ---- */

Test(syllable, key_fold_and_validity)
{
    nqx_syl s;
    char key[NQX_KEY_MAX];
    cr_assert(nqx_syl_parse("Phấn", strlen("Phấn"), &s));
    cr_assert_eq(s.casing, NQX_CASE_TITLE);
    nqx_syl_key(&s, key);
    cr_assert_str_eq(key, "phBn2");
    nqx_syl_fold(&s, key);
    cr_assert_str_eq(key, "phan");
    cr_assert(nqx_syl_valid(&s));
    cr_assert(nqx_syl_parse("đường", strlen("đường"), &s));
    nqx_syl_key(&s, key);
    cr_assert_str_eq(key, "DUPng1");
    cr_assert(nqx_syl_valid(&s));
    /* a stop final takes only the acute or the dot: "hợp" yes, "hờp" no */
    cr_assert(nqx_syl_parse("hờp", strlen("hờp"), &s));
    cr_assert_not(nqx_syl_valid(&s));
    /* not syllables: acronyms, English, two tones */
    cr_assert(nqx_syl_parse("TCCSD", 5, &s));
    cr_assert_not(nqx_syl_valid(&s));
    cr_assert(nqx_syl_parse("the", 3, &s) && nqx_syl_valid(&s)); /* t+he */
    cr_assert(nqx_syl_parse("and", 3, &s));
    cr_assert_not(nqx_syl_valid(&s));
    cr_assert_not(nqx_syl_parse("ầá", strlen("ầá"), &s));
    cr_assert_not(nqx_syl_parse("x1", 2, &s));
}

/* The keys nqx_syl_admin compares are those of the words it names. */
Test(syllable, administrative_words)
{
    static const struct {
        const char *word;
        int kind;
    } w[] = {{"xã", 1},    {"Xã", 1},    {"phường", 1}, {"huyện", 1}, {"quận", 1},
             {"tỉnh", 1},  {"thôn", 1},  {"ấp", 1},     {"trấn", 2},  {"Trấn", 2},
             {"phố", 2},   {"thị", 3},   {"thành", 3},  {"xa", 0},    {"phó", 0},
             {"phổ", 0},   {"trần", 0},  {"quan", 0},   {NULL, 0}};
    int i;
    for (i = 0; w[i].word; i++) {
        nqx_syl s;
        cr_assert(nqx_syl_parse(w[i].word, strlen(w[i].word), &s));
        cr_assert_eq(nqx_syl_admin(&s), w[i].kind, "%s", w[i].word);
    }
}

Test(syllable, tone_placement_styles)
{
    nqx_syl s;
    char buf[40];
    cr_assert(nqx_syl_from_key("hoa1", &s));
    nqx_syl_render(&s, nqx_syl_tone_pos(&s, 0), buf);
    cr_assert_str_eq(buf, "hòa");
    nqx_syl_render(&s, nqx_syl_tone_pos(&s, 1), buf);
    cr_assert_str_eq(buf, "hoà");
    cr_assert(nqx_syl_from_key("hoang1", &s)); /* closed: same in both */
    nqx_syl_render(&s, nqx_syl_tone_pos(&s, 0), buf);
    cr_assert_str_eq(buf, "hoàng");
    cr_assert(nqx_syl_from_key("ngUPi1", &s)); /* ươ: on ơ */
    nqx_syl_render(&s, nqx_syl_tone_pos(&s, 0), buf);
    cr_assert_str_eq(buf, "người");
    cr_assert(nqx_syl_from_key("quy3", &s)); /* qu + y */
    nqx_syl_render(&s, nqx_syl_tone_pos(&s, 0), buf);
    cr_assert_str_eq(buf, "quỷ");
    cr_assert(nqx_syl_parse("thuỷ", strlen("thuỷ"), &s));
    cr_assert_eq(nqx_syl_style_vote(&s), 1);
    cr_assert(nqx_syl_parse("thủy", strlen("thủy"), &s));
    cr_assert_eq(nqx_syl_style_vote(&s), 0);
}

/* ---- the model file ---- */

static void S_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}

#define S_PAD8(x) (((x) + 7) & ~(size_t)7)

Test(model, malformed_files_are_format_errors)
{
    char path[] = "/tmp/nqx-test-model-XXXXXX";
    nqx_model *m = (nqx_model *)1;
    nqx_error e;
    char *good;
    size_t n, ctxsize;
    uint32_t nvocab, nctx;
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);

    S_write(path, "hello, not a model", 18);
    cr_assert_eq(nqx_model_load(path, &m, &e), NQX_EFORMAT);
    cr_assert_null(m);
    cr_assert_str_eq(e.file, path);
    cr_assert(strstr(e.msg, "bad magic number") != NULL, "%s", e.msg);

    /* the real model cut short */
    cr_assert_eq(nqx_read_file(NQX_SRCDIR "/models/vi.model", 0, &good, &n, &e),
                 NQX_OK);
    S_write(path, good, n / 2);
    cr_assert_eq(nqx_model_load(path, &m, &e), NQX_EFORMAT);
    cr_assert(strstr(e.msg, "truncated") != NULL, "%s", e.msg);

    /* the sections after the names: the context words (version 4) */
    memcpy(&nvocab, good + 12, 4);
    memcpy(&nctx, good + 60, 4);
    cr_assert_gt(nctx, 1000u);
    ctxsize = S_PAD8(((size_t)nvocab + 1) * 4) + S_PAD8((size_t)nctx * 2) + S_PAD8(nctx);

    /* the names (before the context words) out of order */
    {
        char tmp[8], *end = good + n - ctxsize;
        memcpy(tmp, end - 8, 8);
        memcpy(end - 8, end - 16, 8);
        memcpy(end - 16, tmp, 8);
        S_write(path, good, n);
        cr_assert_eq(nqx_model_load(path, &m, &e), NQX_EFORMAT);
        cr_assert(strstr(e.msg, "out of order") != NULL, "%s", e.msg);
        memcpy(end - 16, end - 8, 8);
        memcpy(end - 8, tmp, 8);
    }

    /* two context words of one syllable out of order */
    {
        const char *co = good + n - ctxsize;
        char *cw = good + n - ctxsize + S_PAD8(((size_t)nvocab + 1) * 4), tmp[2];
        uint32_t v, a = 0, b = 0;
        for (v = 1; v < nvocab; v++) {
            memcpy(&a, co + 4 * v, 4);
            memcpy(&b, co + 4 * (v + 1), 4);
            if (b >= a + 2)
                break;
        }
        cr_assert_lt(v, nvocab);
        memcpy(tmp, cw + 2 * a, 2);
        memcpy(cw + 2 * a, cw + 2 * a + 2, 2);
        memcpy(cw + 2 * a + 2, tmp, 2);
        S_write(path, good, n);
        cr_assert_eq(nqx_model_load(path, &m, &e), NQX_EFORMAT);
        cr_assert(strstr(e.msg, "context entry") != NULL, "%s", e.msg);
        memcpy(cw + 2 * a + 2, cw + 2 * a, 2);
        memcpy(cw + 2 * a, tmp, 2);
    }

    /* a version 3 file (no context words) still loads, and has none */
    {
        uint32_t v3 = 3, v4 = 4;
        uint64_t size = n - ctxsize, full = n;
        memcpy(good + 8, &v3, 4);
        memcpy(good + 52, &size, 8);
        S_write(path, good, (size_t)size);
        cr_assert_eq(nqx_model_load(path, &m, &e), NQX_OK, "%s", e.msg);
        cr_assert_null(nqx_model_lm(m)->ctxoff);
        cr_assert_eq(nqx_lm_ctx(nqx_model_lm(m), 5, 6), 0);
        nqx_model_free(m);
        memcpy(good + 8, &v4, 4);
        memcpy(good + 52, &full, 8);
    }

    /* a version 2 file (no names) still loads */
    {
        uint32_t nnames, v2 = 2, zero = 0;
        uint64_t size;
        memcpy(&nnames, good + 32, 4);
        size = n - ctxsize - (size_t)nnames * 8;
        memcpy(good + 8, &v2, 4);
        memcpy(good + 32, &zero, 4);
        memcpy(good + 52, &size, 8);
        S_write(path, good, (size_t)size);
        cr_assert_eq(nqx_model_load(path, &m, &e), NQX_OK, "%s", e.msg);
        {
            int place;
            cr_assert_eq(nqx_model_name(m, nqx_model_id(m, "phO3"), nqx_model_id(m, "thanh5"),
                                        &place), 0);
        }
        nqx_model_free(m);
    }

    /* a future version */
    good[8] = 99;
    S_write(path, good, n);
    cr_assert_eq(nqx_model_load(path, &m, &e), NQX_EFORMAT);
    cr_assert(strstr(e.msg, "version 99") != NULL, "%s", e.msg);
    free(good);

    remove(path);
    cr_assert_eq(nqx_model_load(path, &m, &e), NQX_EIO);
}

/* Train a model on text written times over into a temporary file: the
 * model's path goes to out (sizeof S_TRAIN_OUT bytes); the text file is
 * removed. */
#define S_TRAIN_OUT "/tmp/nqx-test-train-XXXXXX.model"
static void S_train_on(const char *text, int times, char *out, nqx_model_stats *st)
{
    char txt[] = "/tmp/nqx-test-train-XXXXXX";
    const char *paths[1];
    nqx_error e;
    nqx_buf b = {0};
    int i, fd = mkstemp(txt);
    cr_assert(fd >= 0);
    close(fd);
    for (i = 0; i < times; i++)
        nqx_buf_puts(&b, text);
    S_write(txt, b.data, b.len);
    nqx_buf_free(&b);
    snprintf(out, sizeof S_TRAIN_OUT, "%s.model", txt);
    paths[0] = txt;
    cr_assert_eq(nqx_model_train(paths, 1, out, NULL, st, &e), NQX_OK, "%s", e.msg);
    remove(txt);
}

Test(model, train_then_load_roundtrip)
{
    char out[sizeof S_TRAIN_OUT];
    nqx_model_stats st;
    nqx_model *m;
    nqx_error e;
    S_train_on("Phấn đấu hoàn thành kế hoạch.\nCổ phần đầu tư.\n", 5, out, &st);
    cr_assert_eq(st.files, 1);
    cr_assert_eq(st.tokens, 50);
    cr_assert_eq(st.vocab, 10); /* each syllable 5 times */
    cr_assert_eq(nqx_model_load(out, &m, &e), NQX_OK, "%s", e.msg);
    cr_assert_gt(nqx_model_id(m, "phBn2"), 0);
    cr_assert_eq(nqx_model_id(m, "phBn1"), nqx_model_id(m, "phBn1")); /* present */
    cr_assert_eq(nqx_model_id(m, "xyz0"), -1);
    cr_assert_eq(nqx_model_bigrams(m, nqx_model_fid(m, "phan"),
                                   nqx_model_fid(m, "dau")).n, 2);
    cr_assert_eq(nqx_model_lm(m)->fid_exact, 1);
    nqx_model_free(m);
    remove(out);
}

/* Context words: for a word whose letters another word shares, the
 * words 2 to NQX_CTX_WINDOW from it in its sentence, kept as
 * round(8 ln((C + 1) / (E + 1))) when at least 1.5 from 0 (model.c,
 * S_context). Here "bán" (sell) is 1 sentence in 10, "bàn" (table) 9:
 * bán's 5 context words each 10 times, bàn's 5 each 90 times, so that
 * the fold "ban" has 500 pairs and E(bán, chợ) = 50 * 10 / 500 = 1:
 * 8 ln(11 / 2) = 13.6 -> 14; E(bán, ngồi) = 50 * 90 / 500 = 9, never
 * seen: 8 ln(1 / 10) = -18.4 -> -18; bàn, the common reading, is near
 * its fold's context (8 ln(91 / 82) = 0.8: not kept) but never near
 * "chợ", where it should be 9 times: -18. Neighbours ("hàng") and words
 * of the next sentence are not context. */
Test(model, context_words_are_counted_within_a_sentence)
{
    char out[sizeof S_TRAIN_OUT];
    nqx_model_stats st;
    nqx_model *m;
    nqx_error e;
    nqx_buf b = {0};
    const nqx_lm *lm;
    int i, ban2, ban1;
    nqx_buf_puts(&b, "Chúng tôi bán hàng hóa tại chợ lớn.\n");
    for (i = 0; i < 9; i++)
        nqx_buf_puts(&b, "Họ ngồi quanh bàn họp của cơ quan.\n");
    S_train_on(b.data, 10, out, &st);
    nqx_buf_free(&b);
    cr_assert_eq(nqx_model_load(out, &m, &e), NQX_OK, "%s", e.msg);
    lm = nqx_model_lm(m);
    ban2 = nqx_model_id(m, "ban2");
    ban1 = nqx_model_id(m, "ban1");
    cr_assert_gt(ban2, 0);
    cr_assert_gt(ban1, 0);
    cr_assert_eq(nqx_lm_ctx(lm, ban2, nqx_model_id(m, "chP5")), 14);
    cr_assert_eq(nqx_lm_ctx(lm, ban2, nqx_model_id(m, "lPn2")), 14);
    cr_assert_eq(nqx_lm_ctx(lm, ban2, nqx_model_id(m, "chung2")), 14);
    cr_assert_eq(nqx_lm_ctx(lm, ban2, nqx_model_id(m, "ngOi1")), -18);
    cr_assert_eq(nqx_lm_ctx(lm, ban2, nqx_model_id(m, "hang1")), 0); /* neighbour */
    cr_assert_eq(nqx_lm_ctx(lm, ban1, nqx_model_id(m, "ngOi1")), 0);
    cr_assert_eq(nqx_lm_ctx(lm, ban1, nqx_model_id(m, "chP5")), -18);
    cr_assert_eq(nqx_lm_ctx(lm, ban1, nqx_model_id(m, "ho5")), 0); /* its own */
    cr_assert_eq(st.context, 15); /* 5 + 5 for bán, 5 for bàn */
    nqx_model_free(m);
    remove(out);
}

/* Pairs seen twice are kept (min2 2), unless another pair with their
 * letters was seen S_TYPO_RATIO (20) times as often: then they are a typo
 * of the training text, which would vouch for the same misreading. */
Test(model, a_pair_seen_twice_is_kept_unless_a_typo)
{
    char out[sizeof S_TRAIN_OUT];
    nqx_model_stats st;
    nqx_model *m;
    nqx_error e;
    nqx_buf b = {0};
    int i;
    for (i = 0; i < 50; i++)
        nqx_buf_puts(&b, "Phấn đấu hoàn thành.\n");
    nqx_buf_puts(&b, "Phần đầu tư.\nPhần đầu tư.\nPhần một.\nĐầu năm.\nTư duy.\n");
    S_train_on(b.data, 1, out, &st);
    nqx_buf_free(&b);
    cr_assert_eq(nqx_model_load(out, &m, &e), NQX_OK, "%s", e.msg);
    /* "đầu tư" twice: kept */
    cr_assert_eq(nqx_model_bigrams(m, nqx_model_fid(m, "dau"), nqx_model_fid(m, "tu")).n, 1);
    /* "phần đầu" twice beside "phấn đấu" 50 times: dropped */
    cr_assert_eq(nqx_model_bigrams(m, nqx_model_fid(m, "phan"), nqx_model_fid(m, "dau")).n, 1);
    nqx_model_free(m);
    remove(out);
}

/* A trigram seen S_TRI_TYPO_RATIO (1000) times less often than the
 * commonest with its letters is a typo of the training text, whatever
 * its count: dropped. */
Test(model, a_trigram_far_rarer_than_its_twin_is_a_typo)
{
    char out[sizeof S_TRAIN_OUT];
    nqx_model_stats st;
    nqx_model *m;
    nqx_error e;
    nqx_buf b = {0};
    int i, quy, dinh, dinh5, ve;
    for (i = 0; i < 4005; i++)
        nqx_buf_puts(&b, i < 4 ? "Theo quy đinh về thuế.\n" : "Theo quy định về thuế.\n");
    S_train_on(b.data, 1, out, &st);
    nqx_buf_free(&b);
    cr_assert_eq(nqx_model_load(out, &m, &e), NQX_OK, "%s", e.msg);
    quy = nqx_model_id(m, "quy0");
    dinh = nqx_model_id(m, "Dinh0");
    dinh5 = nqx_model_id(m, "Dinh5");
    ve = nqx_model_id(m, "vE1");
    cr_assert(quy > 0 && dinh > 0 && dinh5 > 0 && ve > 0);
    cr_assert_geq(nqx_model_trigram(m, quy, dinh5, ve), 0);
    cr_assert_eq(nqx_model_trigram(m, quy, dinh, ve), -1);
    /* its bigrams, seen 4 times, stay */
    cr_assert_eq(nqx_model_bigrams(m, nqx_model_fid(m, "quy"), nqx_model_fid(m, "dinh")).n, 2);
    nqx_model_free(m);
    remove(out);
}

/* An official document counts 4 times, but a trigram written once in it
 * is seen at one place only: not kept (S_TRI_SEEN), while the same
 * trigram written 4 times in another text is. */
Test(model, a_trigram_must_be_seen_at_two_places)
{
    char out[sizeof S_TRAIN_OUT];
    nqx_model_stats st;
    nqx_model *m;
    nqx_error e;
    int i, a, b, c, d;
    nqx_buf t = {0};
    nqx_buf_puts(&t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKế hoạch thi đua.\n");
    for (i = 0; i < 4; i++)
        nqx_buf_puts(&t, "Kế hoạch năm nay.\nThi đua năm nay.\n");
    S_train_on(t.data, 1, out, &st);
    nqx_buf_free(&t);
    cr_assert_eq(st.official, 1);
    cr_assert_eq(nqx_model_load(out, &m, &e), NQX_OK, "%s", e.msg);
    a = nqx_model_id(m, "kE2"), b = nqx_model_id(m, "hoach5");
    c = nqx_model_id(m, "thi0"), d = nqx_model_id(m, "nAm0");
    cr_assert(a > 0 && b > 0 && c > 0 && d > 0);
    cr_assert_eq(nqx_model_trigram(m, a, b, c), -1); /* once, counted 4 times */
    cr_assert_geq(nqx_model_trigram(m, a, b, d), 0);  /* 4 places x 4 */
    nqx_model_free(m);
    remove(out);
}

/* Two-syllable names standing alone in title case are counted, and those
 * after an administrative word as places; a name of three syllables and
 * a title before a lower-case word are not names. */
Test(model, names_and_places_are_counted)
{
    char out[sizeof S_TRAIN_OUT];
    nqx_model_stats st;
    nqx_model *m;
    nqx_error e;
    int place;
    S_train_on("Ủy ban nhân dân xã Phổ Thạnh và thị trấn Sông Vệ họp.\n"
               "Ông Phó Đức Chính gặp bà Hà Thanh.\n"
               "Ông Trấn Văn Hương và Phó Chủ tịch họp.\n", 4, out, &st);
    /* Phổ Thạnh, Sông Vệ (places); Hà Thanh; Phó Chủ ("Phó Chủ tịch") */
    cr_assert_eq(st.names, 4);
    cr_assert_eq(st.places, 2);
    cr_assert_eq(nqx_model_load(out, &m, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_model_name(m, nqx_model_id(m, "phO3"), nqx_model_id(m, "thanh5"), &place), 4);
    cr_assert_eq(place, 4);
    cr_assert_eq(nqx_model_name(m, nqx_model_id(m, "sOng0"), nqx_model_id(m, "vE5"), &place), 4);
    cr_assert_eq(place, 4);
    cr_assert_eq(nqx_model_name(m, nqx_model_id(m, "ha1"), nqx_model_id(m, "thanh0"), &place), 4);
    cr_assert_eq(place, 0);
    cr_assert_eq(nqx_model_name(m, nqx_model_id(m, "phO3"), nqx_model_id(m, "thanh0"), &place), 0);
    cr_assert_eq(place, 0);
    cr_assert_eq(nqx_model_name(m, nqx_model_id(m, "vAn0"), nqx_model_id(m, "hUPng0"), &place), 0);
    nqx_model_free(m);
    remove(out);
}

/* The arrays the decoder reads in place hold what the lookups return:
 * the decoder's numbers must be the same to the last bit. */
Test(model, decoder_arrays_agree_with_lookups, .init = S_load, .fini = S_unload)
{
    static const char *const keys[] = {"phBn2", "phBn1", "DBu2", "dBu2", "nam0",
                                       "nAm0", NULL};
    const nqx_lm *lm = nqx_model_lm(S_model);
    int k;
    cr_assert_eq(lm->fid_exact, 1);
    cr_assert_eq(lm->p1_unknown, nqx_model_p1(S_model, -1));
    for (k = 0; keys[k]; k++) {
        int id = nqx_model_id(S_model, keys[k]), f;
        char fold[NQX_KEY_MAX];
        cr_assert_gt(id, 0, "%s", keys[k]);
        cr_assert(lm->syl_ok[id]);
        nqx_syl_fold(&lm->syl[id], fold);
        f = nqx_model_fid(S_model, fold);
        cr_assert_eq(lm->fid[id], f, "%s", keys[k]);
        cr_assert_eq(lm->fids[lm->foff[f] + lm->variant[id]], id);
        cr_assert_eq(lm->variant[id], nqx_model_variant(S_model, id));
        cr_assert_eq(lm->p1[id], nqx_model_p1(S_model, id));
        cr_assert_eq(lm->typ[id], nqx_model_types(S_model, id));
        cr_assert_eq(lm->den[id], nqx_model_count(S_model, id) +
                                      nqx_model_types(S_model, id) + 1e-9);
        cr_assert_eq(lm->lncase[2 * id], nqx_model_lncase(S_model, id, 0));
        cr_assert_eq(lm->lncase[2 * id + 1], nqx_model_lncase(S_model, id, 1));
        cr_assert_eq(lm->qexp, nqx_model_qexp(S_model));
    }
}

/* The tokenizer: words are runs of letters, digits and marks; a space
 * (also a no-break or thin space) between two words is no break, any
 * other character is; repeats point at their first. */
Test(syllable, tokens_words_breaks_and_repeats)
{
    static const char text[] =
        "S\xe1\xbb\x91 12, \xc4\x90i\xe1\xbb\x81u 3a\xc2\xa0v\xe1\xbb\x81 "
        "\xc2\xb2 ng\xc3\xa0y\xe2\x80\x94n\xc4\x83m \xce\x94x\xffy\tv\xe1\xbb\x81";
    static const struct {
        const char *word;
        int boundary, num, ok, first;
    } want[] = {
        {"S\xe1\xbb\x91", 1, 0, 1, -1},      /* Số */
        {"12", 0, 1, 0, -1},                 /* a number */
        {"\xc4\x90i\xe1\xbb\x81u", 1, 0, 1, -1}, /* Điều, after a comma */
        {"3a", 0, 0, 0, -1},                 /* a digit: not a syllable */
        {"v\xe1\xbb\x81", 0, 0, 1, -1},      /* về, after a no-break space */
        {"\xc2\xb2", 0, 0, 0, -1},           /* ², a number sign */
        {"ng\xc3\xa0y", 0, 0, 1, -1},        /* ngày */
        {"n\xc4\x83m", 1, 0, 1, -1},         /* năm, after a dash */
        {"\xce\x94x", 0, 0, 0, -1},          /* Greek: foreign */
        {"y", 1, 0, 1, -1},                  /* after an invalid byte */
        {"v\xe1\xbb\x81", 0, 0, 1, 4},       /* về again, after a tab */
    };
    nqx_tok *t;
    size_t n, i;
    cr_assert_eq(nqx_ocr_tokenize(text, sizeof text - 1, &t, &n), NQX_OK);
    cr_assert_eq(n, sizeof want / sizeof want[0]);
    for (i = 0; i < n; i++) {
        size_t len = strlen(want[i].word);
        cr_assert_eq(t[i].end - t[i].start, len, "token %zu", i);
        cr_assert(!memcmp(text + t[i].start, want[i].word, len), "token %zu", i);
        cr_assert_eq(t[i].boundary, want[i].boundary, "token %zu", i);
        cr_assert_eq(t[i].num, want[i].num, "token %zu", i);
        cr_assert_eq(t[i].ok, want[i].ok, "token %zu", i);
        cr_assert_eq(t[i].first, want[i].first, "token %zu", i);
    }
    free(t);
}

/* ---- the decoder, with models/vi.model ---- */

TestSuite(ocr, .init = S_load, .fini = S_unload);

Test(ocr, two_wrong_neighbours_flip_together)
{
    FIXES("Phân đầu tỷ lệ đảng viên trẻ đạt trên 30%.",
          "Phấn đấu tỷ lệ đảng viên trẻ đạt trên 30%.");
    FIXES("Các xã phần đầu hoàn thành chỉ tiêu trong năm nay.",
          "Các xã phấn đấu hoàn thành chỉ tiêu trong năm nay.");
}

Test(ocr, correct_text_is_left_alone)
{
    size_t n;
    char *got = S_fix("Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành triển khai "
                      "thực hiện kế hoạch; cổ phần đầu tư của Nhà nước được "
                      "bảo toàn.", &n);
    cr_assert_eq(n, 0, "changed: %s", got);
    free(got);
}

Test(ocr, d_and_dbar)
{
    FIXES("Nghị quyết dại hội đảng bộ tỉnh lần thứ XX.",
          "Nghị quyết đại hội đảng bộ tỉnh lần thứ XX.");
}

Test(ocr, casing_is_kept)
{
    FIXES("PHÂN ĐẦU TỶ LỆ HỘ NGHÈO GIẢM",
          "PHẤN ĐẤU TỶ LỆ HỘ NGHÈO GIẢM");
    /* an acronym-like word in capitals inside a sentence is left alone */
    FIXES("Báo cáo của UBND về ĐÊ điều.", "Báo cáo của UBND về ĐÊ điều.");
}

Test(ocr, edits_are_offsets_in_the_given_text)
{
    const char *text = "- Phân đầu tỷ lệ hộ nghèo giảm còn 2%";
    nqx_norm_edit *e;
    size_t n;
    nqx_error err;
    cr_assert_eq(nqx_norm_ocr(S_model, text, strlen(text), 0, &e, &n, &err), NQX_OK);
    cr_assert_eq(n, 2);
    cr_assert_eq(e[0].start, 2);
    cr_assert_eq(e[0].end, 2 + strlen("Phân"));
    cr_assert_str_eq(e[0].repl, "Phấn");
    cr_assert_eq(e[1].start, 2 + strlen("Phân "));
    cr_assert_str_eq(e[1].repl, "đấu");
    nqx_norm_edits_free(e, n);
    /* a threshold of 1 changes nothing; no model changes nothing */
    cr_assert_eq(nqx_norm_ocr(S_model, text, strlen(text), 1.0, &e, &n, &err), NQX_OK);
    cr_assert_eq(n, 0);
    cr_assert_eq(nqx_norm_ocr(NULL, text, strlen(text), 0, &e, &n, &err), NQX_OK);
    cr_assert_eq(n, 0);
}

Test(ocr, a_confusion_seen_with_certainty_is_fixed_where_context_is_thin)
{
    /* alone, the second sentence is not evidence enough */
    FIXES("Phân đầu trong Ban Chấp hành có cán bộ trẻ.",
          "Phân đầu trong Ban Chấp hành có cán bộ trẻ.");
    /* after the scanner was caught turning "phấn đấu" into "phân đầu" */
    FIXES("Các xã phân đầu hoàn thành chỉ tiêu.\n"
          "Phân đầu trong Ban Chấp hành có cán bộ trẻ.",
          "Các xã phấn đấu hoàn thành chỉ tiêu.\n"
          "Phấn đấu trong Ban Chấp hành có cán bộ trẻ.");
}

Test(ocr, names_inside_a_sentence_are_left_alone)
{
    FIXES("Ông Phó Phong, Bí thư Chi bộ, phát biểu tại hội nghị.",
          "Ông Phó Phong, Bí thư Chi bộ, phát biểu tại hội nghị.");
}

Test(ocr, a_run_written_without_marks_is_left_alone)
{
    /* three unmarked neighbours the model would all mark: typed without
     * Vietnamese input, no scanner's slip */
    FIXES("Bài báo \"55 nam lam theo loi Bac day\" được lưu trữ.",
          "Bài báo \"55 nam lam theo loi Bac day\" được lưu trữ.");
    FIXES("Theo tướng Tran Cong Man, số liệu chưa đầy đủ.",
          "Theo tướng Tran Cong Man, số liệu chưa đầy đủ.");
    /* one unmarked word among marked ones is still corrected */
    FIXES("Phân đầu tỷ lệ đảng viên trẻ đạt trên 30%.",
          "Phấn đấu tỷ lệ đảng viên trẻ đạt trên 30%.");
}

Test(ocr, a_confusion_made_more_often_than_not_is_cheap)
{
    /* caught once, and "phấn" is never read right: the scanner cannot
     * read this mark, so the thin second sentence is fixed too */
    FIXES("Các xã phần đầu hoàn thành chỉ tiêu.\n"
          "Phần đầu số hộ nghèo giảm còn 2%.",
          "Các xã phấn đấu hoàn thành chỉ tiêu.\n"
          "Phấn đấu số hộ nghèo giảm còn 2%.");
    /* the same catch in a text that reads "phấn đấu" right more often:
     * one slip, not a habit; the thin sentence keeps its reading */
    FIXES("Các xã phần đầu hoàn thành chỉ tiêu.\n"
          "Các huyện phấn đấu đạt chuẩn; phấn đấu giữ vững an ninh.\n"
          "Phần đầu số hộ nghèo giảm còn 2%.",
          "Các xã phấn đấu hoàn thành chỉ tiêu.\n"
          "Các huyện phấn đấu đạt chuẩn; phấn đấu giữ vững an ninh.\n"
          "Phần đầu số hộ nghèo giảm còn 2%.");
    /* a cheap confusion still needs the context to want the change */
    FIXES("Các xã phần đầu hoàn thành chỉ tiêu.\n"
          "Công ty cổ phần đầu tư xây dựng được giao thực hiện dự án.\n"
          "Phần đầu của báo cáo nêu kết quả; một phần đầu tư công chưa giải ngân.",
          "Các xã phấn đấu hoàn thành chỉ tiêu.\n"
          "Công ty cổ phần đầu tư xây dựng được giao thực hiện dự án.\n"
          "Phần đầu của báo cáo nêu kết quả; một phần đầu tư công chưa giải ngân.");
}

Test(ocr, a_text_past_one_part_is_decoded_in_parts_with_offsets_kept)
{
    /* the decoder works 1 MB at a time (bounded memory on a 100 MB line):
     * an error in each part is fixed, at its offset in the whole text,
     * with or without line ends to cut at */
    const char *line = "Sở Nội vụ chủ trì, phối hợp với Sở Tài chính.";
    const char *bad = "Các xã phân đầu hoàn thành chỉ tiêu.";
    int sep;
    for (sep = 0; sep < 2; sep++) {
        nqx_buf b = {0};
        size_t offs[3], k = 0, i, n;
        nqx_norm_edit *e;
        nqx_error err;
        while (b.len < (size_t)3 << 20) { /* 3 MB */
            if (k < 3 && b.len >= k * ((size_t)1 << 20) + 700000) {
                offs[k++] = b.len + strlen("Các xã ");
                nqx_buf_append(&b, bad, strlen(bad));
            } else
                nqx_buf_append(&b, line, strlen(line));
            nqx_buf_append(&b, sep ? "\n" : " ", 1);
        }
        cr_assert_eq(k, 3);
        cr_assert_eq(nqx_norm_ocr(S_model, b.data, b.len, 0, &e, &n, &err), NQX_OK);
        cr_assert_eq(n, 6, "sep %d: %zu edits", sep, n);
        for (i = 0; i < 3; i++) {
            cr_assert_eq(e[2 * i].start, offs[i]);
            cr_assert_str_eq(e[2 * i].repl, "phấn");
            cr_assert_eq(e[2 * i + 1].start, offs[i] + strlen("phân "));
            cr_assert_str_eq(e[2 * i + 1].repl, "đấu");
        }
        nqx_norm_edits_free(e, n);
        free(b.data);
    }
}

/* One sense per document: a pair the document corrected surely twice is
 * corrected where its clause alone would keep it ("; phần đầu ban thường
 * vụ ..."); without such corrections the same clause is left alone. */
Test(ocr, a_pair_corrected_twice_is_corrected_everywhere)
{
    FIXES("Năm 2025, phần đầu tỷ lệ cán bộ trẻ đạt 15%.\n"
          "Năm 2026, phần đầu tỷ lệ cán bộ nữ đạt 20%.\n"
          "Tỷ lệ cán bộ nữ trong cấp ủy từ 25% trở lên; phần đầu ban thường vụ có cán bộ nữ.\n",
          "Năm 2025, phấn đấu tỷ lệ cán bộ trẻ đạt 15%.\n"
          "Năm 2026, phấn đấu tỷ lệ cán bộ nữ đạt 20%.\n"
          "Tỷ lệ cán bộ nữ trong cấp ủy từ 25% trở lên; phấn đấu ban thường vụ có cán bộ nữ.\n");
    FIXES("Tỷ lệ cán bộ nữ trong cấp ủy từ 25% trở lên; phần đầu ban thường vụ có cán bộ nữ.\n",
          "Tỷ lệ cán bộ nữ trong cấp ủy từ 25% trở lên; phần đầu ban thường vụ có cán bộ nữ.\n");
}

/* A clause the document repeats is decoded once (S_first_pass): each
 * repeat gets the same edits at its own offsets, with the same
 * confidence. (Words that are no syllable teach no confusion, so no
 * later pass decodes these clauses again.) */
Test(ocr, a_repeated_clause_gets_the_same_edits_at_its_offsets)
{
    const char *text = "1. Đánh giá kêt quả thưc hiện viêc làm của cán bộ.\n"
                       "2. Đánh giá kêt quả thưc hiện viêc làm của cán bộ.\n"
                       "Ghi chú: Đánh giá kêt quả thưc hiện viêc làm của cán bộ!\n";
    const char *clause = "Đánh giá";
    static const char *const want[] = {"kết", "thực", "việc"};
    size_t at[3], n, i, k;
    nqx_norm_edit *e;
    nqx_error err;
    at[0] = (size_t)(strstr(text, clause) - text);
    at[1] = (size_t)(strstr(text + at[0] + 1, clause) - text);
    at[2] = (size_t)(strstr(text + at[1] + 1, clause) - text);
    cr_assert_eq(nqx_norm_ocr(S_model, text, strlen(text), 0, &e, &n, &err), NQX_OK);
    cr_assert_eq(n, 9);
    for (k = 0; k < 3; k++)
        for (i = 0; i < 3; i++) {
            const nqx_norm_edit *x = &e[3 * k + i], *y = &e[i];
            cr_assert_eq(x->start - at[k], y->start - at[0]);
            cr_assert_eq(x->end - at[k], y->end - at[0]);
            cr_assert_eq(x->confidence, y->confidence);
            cr_assert(x->repl_len == strlen(want[i]) &&
                      !memcmp(x->repl, want[i], x->repl_len));
        }
    cr_assert_eq(e[0].start - at[0], strlen("Đánh giá "));
    nqx_norm_edits_free(e, n);
}

/* The document's own bigrams (a cache model): a phrase written right twice
 * lends its words support where it is misread once and the n-grams alone
 * are not sure enough; a misreading written twice is the scanner's habit
 * or the author's word, and the document is no witness for it. */
Test(ocr, a_phrase_the_document_wrote_elsewhere_supports_its_correction)
{
    FIXES("Cán bộ liêm chính, chí công, vô tư, tinh chiến đấu cao, trọng danh dự.",
          "Cán bộ liêm chính, chí công, vô tư, tinh chiến đấu cao, trọng danh dự.");
    FIXES("Cán bộ tư pháp phải có tính chiến đấu cao. Nâng cao tính chiến đấu của "
          "tổ chức đảng. Cán bộ liêm chính, chí công, vô tư, tinh chiến đấu cao, "
          "trọng danh dự.",
          "Cán bộ tư pháp phải có tính chiến đấu cao. Nâng cao tính chiến đấu của "
          "tổ chức đảng. Cán bộ liêm chính, chí công, vô tư, tính chiến đấu cao, "
          "trọng danh dự.");
    FIXES("Cán bộ tư pháp phải có tính chiến đấu cao. Nâng cao tinh chiến đấu của "
          "tổ chức đảng. Cán bộ liêm chính, chí công, vô tư, tinh chiến đấu cao, "
          "trọng danh dự.",
          "Cán bộ tư pháp phải có tính chiến đấu cao. Nâng cao tinh chiến đấu của "
          "tổ chức đảng. Cán bộ liêm chính, chí công, vô tư, tinh chiến đấu cao, "
          "trọng danh dự.");
}

/* A word the document writes many more times than it was caught misread,
 * and far more often than the language does, is the document's own word
 * (a text about a sword says "đao" throughout): a confusion learnt from
 * the first pass ("thanh đao này" read as the city Thanh Đảo) does not
 * spread to it. Without the guard the learnt đao -> đảo also took
 * "chuôi đao để đánh", "đánh đao trên ngựa", "thanh đao này cùng" and
 * "Đao được rèn" (7 changes instead of the first pass's 3). */
Test(ocr, a_topic_word_stops_a_learnt_confusion_from_spreading)
{
    size_t n;
    char *got = S_fix("Thanh đao này được khai quật tại tỉnh Hải Dương. Chiều dài của thanh "
                      "đao này là 239 cm. Chuôi đao làm bằng gỗ quý, lưỡi đao bằng thép. "
                      "Người sử dụng có thể dùng chuôi đao để đánh tứ phía. Thanh đao chỉ "
                      "nặng 12,8 kg. Cách đánh đao trên ngựa cần sức mạnh. Bảo tàng trưng "
                      "bày thanh đao này cùng các hiện vật khác trên đảo. Đao được rèn tại "
                      "làng nghề.",
                      &n);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(got, "Thanh đảo này được khai quật tại tỉnh Hải Dương. Chiều dài của thanh "
                          "đảo này là 239 cm. Chuôi đao làm bằng gỗ quý, lưỡi đao bằng thép. "
                          "Người sử dụng có thể dùng chuôi đao để đánh tứ phía. Thanh đảo chỉ "
                          "nặng 12,8 kg. Cách đánh đao trên ngựa cần sức mạnh. Bảo tàng trưng "
                          "bày thanh đao này cùng các hiện vật khác trên đảo. Đao được rèn tại "
                          "làng nghề.");
    free(got);
}

/* Place names (the model's names seen after xã, phường, ...): a list of
 * names that one change makes known places takes it, "và" included; an
 * administrative word before a name the model never saw lets a single
 * name change; titles, persons and a lone name do not. */
Test(ocr, place_names_from_lists_and_administrative_words)
{
    FIXES("Các xã Phó Cường, Phó Thuận, Phó Vinh và Phó Khánh tổ chức đại hội.",
          "Các xã Phổ Cường, Phổ Thuận, Phổ Vinh và Phổ Khánh tổ chức đại hội.");
    FIXES("Cử cán bộ về các xã (gồm: Phó Châu 02 cán bộ, Phó Cường 02 cán bộ, "
          "Phó Thuận 01 cán bộ).",
          "Cử cán bộ về các xã (gồm: Phổ Châu 02 cán bộ, Phổ Cường 02 cán bộ, "
          "Phổ Thuận 01 cán bộ).");
    FIXES("Đoàn công tác làm việc tại xã Phó Cường.",
          "Đoàn công tác làm việc tại xã Phổ Cường.");
    FIXES("Đồng chí Phó Cường dự họp.", "Đồng chí Phó Cường dự họp.");
    FIXES("Các đồng chí Phó Chủ tịch, Phó Giám đốc, Phó Trưởng ban, Phó Bí thư dự họp.",
          "Các đồng chí Phó Chủ tịch, Phó Giám đốc, Phó Trưởng ban, Phó Bí thư dự họp.");
    FIXES("Các ông Phó Đức Chính, Phó Văn Tâm, Phó Thị Hoa, Phó Quang Minh dự họp.",
          "Các ông Phó Đức Chính, Phó Văn Tâm, Phó Thị Hoa, Phó Quang Minh dự họp.");
    /* one name repeated with numbers is one name, not three */
    FIXES("Tổ dân phố Hoàng Động 1, Hoàng Động 2, Lâm Động 1, Lâm Động 2.",
          "Tổ dân phố Hoàng Động 1, Hoàng Động 2, Lâm Động 1, Lâm Động 2.");
}

/* tail after reps sentences of clean text: a document where the
 * corrector finds few errors (the clean-text rules' gate); nedits edits
 * are expected, giving fixed. */
static void S_in_clean_text(int reps, const char *tail, const char *fixed, size_t nedits)
{
    static const char fill[] = "Ủy ban nhân dân tỉnh chịu trách nhiệm tổ chức thực hiện "
                               "kế hoạch này. ";
    nqx_buf b = {0}, w = {0};
    char *text, *got, *want;
    size_t n;
    int i;
    for (i = 0; i < reps; i++) {
        nqx_buf_append(&b, fill, strlen(fill));
        nqx_buf_append(&w, fill, strlen(fill));
    }
    nqx_buf_append(&b, tail, strlen(tail));
    nqx_buf_append(&w, fixed, strlen(fixed));
    text = nqx_buf_steal(&b);
    want = nqx_buf_steal(&w);
    got = S_fix(text, &n);
    cr_assert_eq(n, nedits);
    cr_assert_str_eq(got, want);
    free(got);
    free(want);
    free(text);
}

/* A term the document repeats next to the same word, and never writes
 * corrected there, is the author's ("cà vẹt", a vehicle's papers, is no
 * "cả vẹt"), in a text where the corrector finds few errors (here one
 * in some 470 words, "quy đinh", still fixed). Where it finds many, the
 * repeats are a scanner's habit and the rule holds back (the same
 * sentences alone); the model, which keeps pairs seen twice, knows "cà
 * vẹt" itself now. */
Test(ocr, a_term_the_document_repeats_is_the_authors)
{
    static const char tail[] = "Quên cà vẹt xe bị phạt bao nhiêu tiền? Người điều khiển "
                               "xe phải mang theo cà vẹt xe theo quy đinh của pháp luật.";
    static const char fixed[] = "Quên cà vẹt xe bị phạt bao nhiêu tiền? Người điều khiển "
                                "xe phải mang theo cà vẹt xe theo quy định của pháp luật.";
    S_in_clean_text(32, tail, fixed, 1);
    FIXES(tail, "Quên cà vẹt xe bị phạt bao nhiêu tiền? Người điều khiển "
                "xe phải mang theo cà vẹt xe theo quy định của pháp luật.");
}

/* A capitalised word inside a clause is a name the lower-case n-grams
 * cannot judge ("Vũ Duy Thông" is no "Thống"), nor one that starts a
 * clause before another ("Tâm Lụa (...)", no "Tấm"): left as written in
 * a text where the corrector finds few errors (here three words in some
 * 1,700, "quy đinh" still fixed); in the same sentences alone, where
 * errors are dense, the decoder has its way ("Tâm Lụa" it keeps: the
 * model, which keeps pairs seen twice, knows it). */
Test(ocr, names_in_a_clean_text_are_left_alone)
{
    static const char tail[] = "Xem Đỗ Quang Hưng & Vũ Duy Thông (2010), tr. 353. Hai huyện "
                               "Bảo Yên và Văn Bàn thuộc tỉnh Yên Bái. Tâm Lụa (ngày 24 tháng "
                               "7 năm 2017). Các xe phải mang theo giấy tờ theo quy đinh của "
                               "pháp luật.";
    static const char fixed[] = "Xem Đỗ Quang Hưng & Vũ Duy Thông (2010), tr. 353. Hai huyện "
                                "Bảo Yên và Văn Bàn thuộc tỉnh Yên Bái. Tâm Lụa (ngày 24 tháng "
                                "7 năm 2017). Các xe phải mang theo giấy tờ theo quy định của "
                                "pháp luật.";
    S_in_clean_text(120, tail, fixed, 1);
    FIXES(tail, "Xem Đỗ Quang Hưng & Vũ Duy Thống (2010), tr. 353. Hai huyện "
                "Bảo Yên và Văn Bàn thuộc tỉnh Yên Bái. Tâm Lụa (ngày 24 tháng "
                "7 năm 2017). Các xe phải mang theo giấy tờ theo quy định của "
                "pháp luật.");
}

/* ... but a common word misread is no name: "Thánh ủy" (a pair the model
 * never saw, beside a lower-case word) is "Thành ủy" in a clean text too,
 * while "Vũ Duy Thông" stays. */
Test(ocr, a_misread_word_in_a_name_position_is_fixed_in_a_clean_text)
{
    static const char tail[] = "Ban Thường vụ Thánh ủy chỉ đạo các cấp ủy. Xem Đỗ Quang Hưng "
                               "& Vũ Duy Thông (2010), tr. 353.";
    static const char fixed[] = "Ban Thường vụ Thành ủy chỉ đạo các cấp ủy. Xem Đỗ Quang Hưng "
                                "& Vũ Duy Thông (2010), tr. 353.";
    S_in_clean_text(120, tail, fixed, 1);
}

/* ... nor a pair the model saw only as a rare typo of its commoner
 * reading: "Chỉ cục" (10 lines of the textcorpus against "Chi cục"'s
 * 649) and "Giáo dục và Đạo tạo" in title case are misreadings, fixed in
 * a clean text too, while "Vũ Duy Thông" stays. */
Test(ocr, a_rare_misread_pair_in_a_name_position_is_fixed_in_a_clean_text)
{
    static const char tail[] = "Sở Nông nghiệp và Môi trường chỉ đạo Chỉ cục Biển đảo và Thủy "
                               "sản thực hiện. Thứ trưởng Bộ Giáo dục và Đạo tạo dự họp. Xem "
                               "Đỗ Quang Hưng & Vũ Duy Thông (2010), tr. 353.";
    static const char fixed[] = "Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Biển đảo và Thủy "
                                "sản thực hiện. Thứ trưởng Bộ Giáo dục và Đào tạo dự họp. Xem "
                                "Đỗ Quang Hưng & Vũ Duy Thông (2010), tr. 353.";
    S_in_clean_text(120, tail, fixed, 2);
}

/* ... and a misreading the scanner repeats is no author's term: "chi thị"
 * three times, a pair the model hardly saw beside one it saw often, is
 * corrected each time. */
Test(ocr, a_repeated_misreading_is_no_authors_term)
{
    static const char tail[] = "Thực hiện chi thị số 05-CT/TW của Bộ Chính trị. Các cấp ủy "
                               "quán triệt chi thị này. Kiểm tra việc thực hiện chi thị.";
    static const char fixed[] = "Thực hiện chỉ thị số 05-CT/TW của Bộ Chính trị. Các cấp ủy "
                                "quán triệt chỉ thị này. Kiểm tra việc thực hiện chỉ thị.";
    S_in_clean_text(120, tail, fixed, 3);
}

/* Words further off in the sentence decide where the neighbours do not:
 * "đấu tranh phong, chống tội phạm" is "phòng, chống" (prevent and
 * fight) for its context ("tội phạm", "bảo vệ", "bí mật"); the n-grams
 * alone (the model without its context words, as a version 3 file) are
 * not sure enough. */
Test(ocr, context_words_decide_a_lone_word)
{
    static const char in[] = "Lực lượng cơ yếu tham gia đấu tranh phong, chống tội "
                             "phạm và bảo vệ bí mật nhà nước.";
    char path[] = "/tmp/nqx-test-model-XXXXXX", *good;
    size_t n, ctxsize, ne;
    uint32_t nvocab, nctx, v3 = 3;
    uint64_t size;
    nqx_model *m3;
    nqx_norm_edit *ed;
    nqx_error e;
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    FIXES(in, "Lực lượng cơ yếu tham gia đấu tranh phòng, chống tội "
              "phạm và bảo vệ bí mật nhà nước.");
    cr_assert_eq(nqx_read_file(NQX_SRCDIR "/models/vi.model", 0, &good, &n, &e), NQX_OK);
    memcpy(&nvocab, good + 12, 4);
    memcpy(&nctx, good + 60, 4);
    ctxsize = S_PAD8(((size_t)nvocab + 1) * 4) + S_PAD8((size_t)nctx * 2) + S_PAD8(nctx);
    size = n - ctxsize;
    memcpy(good + 8, &v3, 4);
    memcpy(good + 52, &size, 8);
    S_write(path, good, (size_t)size);
    free(good);
    cr_assert_eq(nqx_model_load(path, &m3, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_norm_ocr(m3, in, strlen(in), 0, &ed, &ne, &e), NQX_OK);
    cr_assert_eq(ne, 0);
    nqx_norm_edits_free(ed, ne);
    nqx_model_free(m3);
    remove(path);
}

/* In a text where the corrector finds few errors, a correction standing
 * alone needs more confidence than the caller's threshold: "thành lập
 * 1 - 2 ban" (committees) is no "bản", while "quy đinh" is surely "quy
 * định". In the same sentences alone, where errors are dense, the
 * caller's threshold stands: "bản" was 0.9976 sure there until the
 * context words (thành lập, đặc thù) spoke against it. */
Test(ocr, a_lone_doubt_in_a_clean_text_is_left_alone)
{
    static const char tail[] = "Căn cứ điều kiện thực tiễn, ban thường vụ tỉnh uỷ, thành uỷ "
                               "quyết định thành lập 1 - 2 ban có tính đặc thù, phù hợp với "
                               "đặc điểm, tình hình địa phương. Các xe phải mang theo giấy "
                               "tờ theo quy đinh của pháp luật.";
    static const char fixed[] = "Căn cứ điều kiện thực tiễn, ban thường vụ tỉnh uỷ, thành uỷ "
                                "quyết định thành lập 1 - 2 ban có tính đặc thù, phù hợp với "
                                "đặc điểm, tình hình địa phương. Các xe phải mang theo giấy "
                                "tờ theo quy định của pháp luật.";
    S_in_clean_text(120, tail, fixed, 1);
    FIXES(tail, "Căn cứ điều kiện thực tiễn, ban thường vụ tỉnh uỷ, thành uỷ "
                "quyết định thành lập 1 - 2 ban có tính đặc thù, phù hợp với "
                "đặc điểm, tình hình địa phương. Các xe phải mang theo giấy "
                "tờ theo quy định của pháp luật.");
}

/* The clean-text rules hold back for a change that makes, with its
 * capitalised neighbour, a name the model saw often where the written
 * pair is none: "Viết Nam" is "Việt Nam" in a clean text too, while
 * "Vũ Duy Thông" stays. */
Test(ocr, a_change_that_makes_a_common_name_passes_in_a_clean_text)
{
    static const char tail[] = "Ông là Đại biểu Quốc hội Viết Nam khóa 11. Xem Đỗ Quang Hưng "
                               "& Vũ Duy Thông (2010), tr. 353.";
    static const char fixed[] = "Ông là Đại biểu Quốc hội Việt Nam khóa 11. Xem Đỗ Quang Hưng "
                                "& Vũ Duy Thông (2010), tr. 353.";
    S_in_clean_text(120, tail, fixed, 1);
}

/* A scanner that loses the tone of a syllable ending in p, t, c or ch
 * leaves no Vietnamese syllable ("thưc", "kêt": a stop needs a rising or
 * a heavy tone): such a word has the candidates of its letters, and
 * keeping it is no sure choice. Before, it broke its clause unchanged. */
Test(ocr, a_word_that_is_no_syllable_is_fixed_in_context)
{
    FIXES("Đánh giá kêt quả thưc hiện viêc làm của cán bộ.",
          "Đánh giá kết quả thực hiện việc làm của cán bộ.");
    FIXES("Các câp ủy đảng lãnh đạo tiêt kiệm chi tiêu.",
          "Các cấp ủy đảng lãnh đạo tiết kiệm chi tiêu.");
}

/* ... one without any mark only where marked words stand next to it (a
 * lost tone), and only once in the text: among unmarked words it is
 * English or a name typed without marks, and a spelling written twice is
 * the author's (a loanword: "gắn chip") unless it makes a common word. */
Test(ocr, a_bare_word_that_is_no_syllable_needs_marked_neighbours)
{
    FIXES("Có it nhất 20 doanh nghiệp lớn tham gia chuỗi giá trị.",
          "Có ít nhất 20 doanh nghiệp lớn tham gia chuỗi giá trị.");
    FIXES("Tác giả Nguyen Van Tot viết bài này.",
          "Tác giả Nguyen Van Tot viết bài này.");
    FIXES("Cấp căn cước công dân gắn chip cho người dân; căn cước gắn chip được dùng.",
          "Cấp căn cước công dân gắn chip cho người dân; căn cước gắn chip được dùng.");
    /* ... unless its letters make a common word: a scanner loses the
     * same tone again */
    FIXES("Tổ chức cac hoạt động văn hóa và cac phong trào thi đua.",
          "Tổ chức các hoạt động văn hóa và các phong trào thi đua.");
}

/* A letter the scan dropped: a word that is no syllable the model knows
 * gets the syllables one letter longer that the model saw beside its
 * neighbours ("sản xuấ" -> "sản xuất"); a word without marks only where
 * the model saw the longer word beside both ("kỳ th tuyển" -> "thi").
 * English, an abbreviation before a number, a list's letter, stay. */
Test(ocr, a_dropped_letter_is_put_back)
{
    FIXES("Các đơn vị sản xuấ hàng hóa xuất khẩu.",
          "Các đơn vị sản xuất hàng hóa xuất khẩu.");
    FIXES("Kết quả này cho thấy bao nhiê người đã đăng ký.",
          "Kết quả này cho thấy bao nhiêu người đã đăng ký.");
    FIXES("Hàng hóa đượ quy định tại khoản 2 điều này.",
          "Hàng hóa được quy định tại khoản 2 điều này.");
    FIXES("Học sinh tham gia kỳ th tuyển sinh năm nay.",
          "Học sinh tham gia kỳ thi tuyển sinh năm nay.");
    FIXES("Xem điểm b khoản 3 và tr 45 của the quant model.",
          "Xem điểm b khoản 3 và tr 45 của the quant model.");
    /* a number is a neighbour of a word with marks */
    FIXES("Hồ sơ được thực hiện theo 3 bướ sau đây.",
          "Hồ sơ được thực hiện theo 3 bước sau đây.");
}

/* ... and a rare word the model never saw beside either neighbour,
 * where the longer word makes a trigram the model kept with both ("bảo
 * tì công" -> trì); not where it makes none ("sát mé biển": mép). */
Test(ocr, a_rare_word_unseen_beside_its_neighbours_gets_its_letter_back)
{
    FIXES("Đơn vị thực hiện bảo tì công trình theo quy định.",
          "Đơn vị thực hiện bảo trì công trình theo quy định.");
    FIXES("Các hộ dân sống sát mé biển được di dời.",
          "Các hộ dân sống sát mé biển được di dời.");
    /* at a clause's end, the two words before it make the trigram */
    FIXES("Cấp giấy chứng nhận xuất xứ hàng hó; như vậy là đủ.",
          "Cấp giấy chứng nhận xuất xứ hàng hóa; như vậy là đủ.");
}

/* A stray first letter goes where the rest makes a trigram the model
 * kept with both neighbours ("quyền tưu tiên" -> ưu); a list's letter
 * joined to the next word before a number stays ("điểm qkhoản 5"). */
Test(ocr, a_stray_first_letter_is_dropped)
{
    FIXES("Tài liệu chứng minh quyền tưu tiên của đơn đăng ký.",
          "Tài liệu chứng minh quyền ưu tiên của đơn đăng ký.");
    FIXES("Vi phạm điểm qkhoản 5 Điều 7 của Nghị định.",
          "Vi phạm điểm qkhoản 5 Điều 7 của Nghị định.");
}

/* A diaeresis is no Vietnamese mark: a scanner writes it for a tone it
 * misread ("tÿ lệ", "quÿ", "gï"), so the word is no syllable and is fixed
 * from its letters; a diaeresis that would go for no mark is a foreign
 * word's (French "moï", pinyin "nü"), left alone. */
Test(syllable, a_diaeresis_is_a_foreign_mark)
{
    nqx_syl s;
    char key[NQX_KEY_MAX];
    cr_assert(nqx_syl_parse("tÿ", strlen("tÿ"), &s));
    cr_assert_eq(s.foreign, 1);
    cr_assert_eq(s.tone, 0);
    cr_assert_not(nqx_syl_valid(&s));
    nqx_syl_fold(&s, key);
    cr_assert_str_eq(key, "ty");
    cr_assert(nqx_syl_parse("ty", strlen("ty"), &s));
    cr_assert_eq(s.foreign, 0);
    cr_assert(nqx_syl_valid(&s));
}

Test(ocr, a_diaeresis_a_scanner_wrote_is_fixed)
{
    FIXES("Giảm tÿ lệ hộ nghèo; quÿ đất dành cho giáo dục còn ít.",
          "Giảm tỷ lệ hộ nghèo; quỹ đất dành cho giáo dục còn ít.");
    FIXES("Ông ấy không biết làm gï để giúp gia đình.",
          "Ông ấy không biết làm gì để giúp gia đình.");
    FIXES("Henri Maître viết cuốn Les jungles moï về vùng cao.",
          "Henri Maître viết cuốn Les jungles moï về vùng cao.");
    FIXES("Hội phụ nữ, tiếng Trung gọi là fu nü lian he hui.",
          "Hội phụ nữ, tiếng Trung gọi là fu nü lian he hui.");
}

/* A word with no mark left lost its marks in one event, not one misread
 * per mark: "duoc" for "được" (hook, hook and tone) costs C_STRIP, not
 * the sum, and the context pays for it. */
Test(ocr, a_word_that_lost_all_its_marks_costs_one_loss)
{
    FIXES("Cán bộ có năng lực, có uy tín thì duoc quy hoạch vào các chức danh lãnh đạo.",
          "Cán bộ có năng lực, có uy tín thì được quy hoạch vào các chức danh lãnh đạo.");
}

/* Tesseract reads the dot of an i as an acute or a hook ("chỉ" for chi,
 * "thí" for thi): such a tone added over an i alone costs C_TONE_ADD_I,
 * far below another added tone, and the context decides; "thí điểm",
 * "địa chỉ" and "thì" stay. */
Test(ocr, the_dot_of_an_i_read_as_a_tone_is_cheap)
{
    FIXES("Đơn vị có trách nhiệm chỉ trả các khoản phụ cấp cho người lao động.",
          "Đơn vị có trách nhiệm chi trả các khoản phụ cấp cho người lao động.");
    FIXES("Hội đồng thí điểm mô hình mới tại ba xã.",
          "Hội đồng thí điểm mô hình mới tại ba xã.");
    FIXES("Hồ sơ ghỉ rõ họ tên, địa chỉ của người nộp.",
          "Hồ sơ ghi rõ họ tên, địa chỉ của người nộp.");
    FIXES("Các ông thì vẫn ngồi đó.", "Các ông thì vẫn ngồi đó.");
}

/* ... and a hook over a hat as an acute ("bố sung", "vùng biến"): such a
 * swap costs C_STK_HOOK, below the other swaps of a stacked tone; a
 * "số" the context wants stays. */
Test(ocr, a_hook_over_a_hat_read_as_an_acute_is_cheap)
{
    FIXES("Thông tư sửa đổi, bố sung một số điều của Quyết định về thuế.",
          "Thông tư sửa đổi, bổ sung một số điều của Quyết định về thuế.");
    FIXES("Hòn đảo có vùng biến Caribe rất đẹp;",
          "Hòn đảo có vùng biển Caribe rất đẹp;");
    FIXES("Người dân được hướng dẫn ghi số điện thoại.",
          "Người dân được hướng dẫn ghi số điện thoại.");
}

/* A text where the first pass finds few errors, none of a scanner's
 * kinds, learns nothing from them (S_shows_scanner): "lễ hỏi" ->
 * "hội" or "vai diễn chính phụ" -> "phủ" (a tone on a bare vowel)
 * learnt would lower its own channel cost and come back from the next
 * pass surer than the clean-text threshold; unlearnt, they stay below it
 * (both are right), while "quy đinh" is still fixed. In the same
 * sentences alone, where errors are dense, the decoder has its way. */
Test(ocr, a_clean_text_learns_only_a_scanners_confusions)
{
    static const char tail[] = "Các tập quán như chạm ngõ, lễ hỏi, xin dâu cần được tổ chức "
                               "đúng phong tục. Ông đã đóng hàng trăm vai diễn chính phụ trong "
                               "các phim truyền hình. Các xe phải mang theo giấy tờ theo quy "
                               "đinh của pháp luật.";
    static const char fixed[] = "Các tập quán như chạm ngõ, lễ hỏi, xin dâu cần được tổ chức "
                                "đúng phong tục. Ông đã đóng hàng trăm vai diễn chính phụ trong "
                                "các phim truyền hình. Các xe phải mang theo giấy tờ theo quy "
                                "định của pháp luật.";
    S_in_clean_text(120, tail, fixed, 1);
    FIXES(tail, "Các tập quán như chạm ngõ, lễ hội, xin dâu cần được tổ chức "
                "đúng phong tục. Ông đã đóng hàng trăm vai diễn chính phủ trong "
                "các phim truyền hình. Các xe phải mang theo giấy tờ theo quy "
                "định của pháp luật.");
}

/* A term of the document's topic, which it writes unchanged more often
 * than the corrector would change it and far more often than the
 * language does, and never as the word it would become, is the author's
 * (S_own_word): a survey's "sổ đo" (field books) is no "sổ đỏ" or "số
 * đo" in a clean text, while "quy đinh" is still fixed. In the same
 * sentences alone, where errors are dense, the decoder has its way. */
Test(ocr, a_topic_word_of_a_clean_text_is_the_authors)
{
    static const char tail[] = "Hồ sơ gồm bản đồ lưới khống chế mặt phẳng và độ cao bằng công "
                               "nghệ GPS, cùng sổ đo trạm máy; Sổ đo lưới khống chế mặt phẳng "
                               "và độ cao; sổ đo điểm công trình địa chất; Sổ đo thủy chuẩn. "
                               "Các xe phải mang theo giấy tờ theo quy đinh của pháp luật.";
    static const char fixed[] = "Hồ sơ gồm bản đồ lưới khống chế mặt phẳng và độ cao bằng công "
                                "nghệ GPS, cùng sổ đo trạm máy; Sổ đo lưới khống chế mặt phẳng "
                                "và độ cao; sổ đo điểm công trình địa chất; Sổ đo thủy chuẩn. "
                                "Các xe phải mang theo giấy tờ theo quy định của pháp luật.";
    S_in_clean_text(120, tail, fixed, 1);
    FIXES(tail, "Hồ sơ gồm bản đồ lưới khống chế mặt phẳng và độ cao bằng công "
                "nghệ GPS, cùng sổ đỏ trạm máy; Số đo lưới khống chế mặt phẳng "
                "và độ cao; số đo điểm công trình địa chất; Sổ đỏ thủy chuẩn. "
                "Các xe phải mang theo giấy tờ theo quy định của pháp luật.");
}

/* ... and a confusion of a scanner's kind shows no scanner where the
 * document also writes the corrected word ("đổi với" beside "đối tượng"
 * and "đối với": a slip, still fixed): nothing is learnt, so "lễ hỏi"
 * stays. In the same sentences alone the decoder has its way. */
Test(ocr, a_scanners_kind_of_slip_beside_the_right_word_teaches_nothing)
{
    static const char tail[] = "Các tập quán như chạm ngõ, lễ hỏi, xin dâu cần được tổ chức "
                               "đúng phong tục. Quy định này áp dụng đổi với các đối tượng sau "
                               "đây và đối với các cơ quan liên quan. Các xe phải mang theo "
                               "giấy tờ theo quy đinh của pháp luật.";
    static const char fixed[] = "Các tập quán như chạm ngõ, lễ hỏi, xin dâu cần được tổ chức "
                                "đúng phong tục. Quy định này áp dụng đối với các đối tượng sau "
                                "đây và đối với các cơ quan liên quan. Các xe phải mang theo "
                                "giấy tờ theo quy định của pháp luật.";
    S_in_clean_text(120, tail, fixed, 2);
    FIXES(tail, "Các tập quán như chạm ngõ, lễ hội, xin dâu cần được tổ chức "
                "đúng phong tục. Quy định này áp dụng đối với các đối tượng sau "
                "đây và đối với các cơ quan liên quan. Các xe phải mang theo "
                "giấy tờ theo quy định của pháp luật.");
}

/* ... nor does a confusion corrected twice whose word the document also
 * writes: "(thang 10)", "(thang 100)" beside "tháng 1, tháng 2 và tháng
 * 3" are a scale, learnt they came back surer; "quy đinh" is still
 * fixed. In the same sentences alone the decoder has its way, and since
 * the context words (model version 4) it leaves the scale too. */
Test(ocr, a_slip_made_twice_beside_the_right_word_teaches_nothing)
{
    static const char tail[] = "Theo khảo sát công bố tháng 1, tháng 2 và tháng 3 năm 2013, "
                               "điểm số của Việt Nam tăng nhẹ từ 2,9 (thang 10) lên 31 (thang "
                               "100). Các xe phải mang theo giấy tờ theo quy đinh của pháp "
                               "luật.";
    static const char fixed[] = "Theo khảo sát công bố tháng 1, tháng 2 và tháng 3 năm 2013, "
                                "điểm số của Việt Nam tăng nhẹ từ 2,9 (thang 10) lên 31 (thang "
                                "100). Các xe phải mang theo giấy tờ theo quy định của pháp "
                                "luật.";
    S_in_clean_text(120, tail, fixed, 1);
    FIXES(tail, fixed);
}

/* ... also where the document writes the other word a few times: a text
 * about a sword writes "đao" eight times and "đảo" (an island) once, and
 * its "Thanh đao này" stays in a clean text (S_OWN_RATIO). */
Test(ocr, a_topic_word_beside_a_rare_other_word_is_the_authors)
{
    static const char tail[] = "Thanh đao này được khai quật tại tỉnh Hải Dương. Chiều dài của "
                               "thanh đao này là 239 cm. Chuôi đao làm bằng gỗ quý, lưỡi đao "
                               "bằng thép. Người sử dụng có thể dùng chuôi đao để đánh tứ "
                               "phía. Thanh đao chỉ nặng 12,8 kg. Cách đánh đao trên ngựa cần "
                               "sức mạnh. Bảo tàng trưng bày thanh đao này cùng các hiện vật "
                               "khác trên đảo. Đao được rèn tại làng nghề. Các xe phải mang "
                               "theo giấy tờ theo quy đinh của pháp luật.";
    static const char fixed[] = "Thanh đao này được khai quật tại tỉnh Hải Dương. Chiều dài của "
                                "thanh đao này là 239 cm. Chuôi đao làm bằng gỗ quý, lưỡi đao "
                                "bằng thép. Người sử dụng có thể dùng chuôi đao để đánh tứ "
                                "phía. Thanh đao chỉ nặng 12,8 kg. Cách đánh đao trên ngựa cần "
                                "sức mạnh. Bảo tàng trưng bày thanh đao này cùng các hiện vật "
                                "khác trên đảo. Đao được rèn tại làng nghề. Các xe phải mang "
                                "theo giấy tờ theo quy định của pháp luật.";
    S_in_clean_text(120, tail, fixed, 1);
}
