/* test_decode.c: encoding detection and conversion (normalizer/decode.c,
 * normalizer/vni.c). The matrix converts every corpus document, at test
 * time, to each supported encoding and checks that normalizing the copy
 * gives exactly the text of the original normalized the same way, with
 * the encoding detected. */
#include <criterion/criterion.h>
#include <glob.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nqx.h"
#include "../normalizer/norm.h"
#include "../normalizer/vni.h"

/* iconv a whole buffer; *out is malloc'd and NUL-terminated. */
static void S_iconv(const char *to, const char *from, const char *in, size_t n,
                    char **out, size_t *outlen)
{
    iconv_t cd = iconv_open(to, from);
    size_t cap = 4 * n + 16, il = n, ol = cap;
    char *ip = (char *)in, *op;
    cr_assert_neq(cd, (iconv_t)-1, "iconv_open %s -> %s", from, to);
    *out = malloc(cap + 1);
    op = *out;
    cr_assert_neq(iconv(cd, &ip, &il, &op, &ol), (size_t)-1,
                  "iconv %s -> %s failed at %zu", from, to, n - il);
    cr_assert_neq(iconv(cd, NULL, NULL, &op, &ol), (size_t)-1);
    iconv_close(cd);
    *outlen = (size_t)(op - *out);
    (*out)[*outlen] = '\0';
}

/* Normalize with no options; fails the test on error. */
static nqx_text *S_norm(const char *name, const char *b, size_t n)
{
    nqx_text *t = NULL;
    nqx_error e;
    nqx_status st = nqx_norm_text(name, b, n, NULL, &t, &e);
    cr_assert_eq(st, NQX_OK, "%s: %s", name, e.msg);
    return t;
}

/* The decoder alone (nqx_norm_decode), wrapped in an nqx_text so that
 * nqx_text_input_offset reads its map: exact text and map before NFC and
 * layout. enc NULL = detect. Fails the test on error. */
static nqx_text *S_dec(const char *name, const char *b, size_t n,
                       const char *enc)
{
    nqx_text *t = calloc(1, sizeof *t);
    nqx_error e;
    nqx_status st = nqx_norm_decode(name, b, n, enc, &t->text, &t->len,
                                    t->encoding, &t->map, &t->nmap, &e);
    cr_assert_eq(st, NQX_OK, "%s: %s", name, e.msg);
    t->input_len = n;
    return t;
}

#define S_DEC_LIT(name, lit) S_dec(name, lit, sizeof lit - 1, NULL)

typedef struct {
    char *path;
    char *bytes;
    size_t len;
} S_doc;

static size_t S_docs(S_doc **docs)
{
    glob_t g;
    size_t i;
    nqx_error e;
    cr_assert_eq(glob(NQX_SRCDIR "/corpus/*.txt", 0, NULL, &g), 0);
    cr_assert_geq(g.gl_pathc, 5);
    *docs = calloc(g.gl_pathc, sizeof **docs);
    for (i = 0; i < g.gl_pathc; i++) {
        (*docs)[i].path = strdup(g.gl_pathv[i]);
        cr_assert_eq(nqx_read_file(g.gl_pathv[i], 0, &(*docs)[i].bytes,
                                   &(*docs)[i].len, &e), NQX_OK);
    }
    i = g.gl_pathc;
    globfree(&g);
    return i;
}

static void S_docs_free(S_doc *d, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(d[i].path);
        free(d[i].bytes);
    }
    free(d);
}

/* copy (in some encoding) must normalize to what ref (UTF-8) does, and
 * be detected as encname. */
static void S_check(const char *path, const char *copy, size_t ncopy,
                    const char *ref, size_t nref, const char *encname)
{
    nqx_text *a = S_norm(path, copy, ncopy), *b = S_norm(path, ref, nref);
    cr_expect_str_eq(a->encoding, encname, "%s: detected %s, not %s", path,
                     a->encoding, encname);
    cr_expect_eq(a->len, b->len, "%s as %s: %zu bytes, not %zu", path,
                 encname, a->len, b->len);
    cr_expect(strcmp(a->text, b->text) == 0, "%s as %s: text differs", path,
              encname);
    nqx_text_free(a);
    nqx_text_free(b);
}

/* Legacy encodings: iconv writes the copy with //TRANSLIT (no corpus
 * document fits in VISCII or TCVN3: curly quotes, superscripts); the
 * reference is that copy converted back to UTF-8 by iconv. */
static void S_matrix_legacy(const char *icname, const char *encname)
{
    S_doc *d;
    size_t nd = S_docs(&d), i;
    char to[64];
    snprintf(to, sizeof to, "%s//TRANSLIT", icname);
    for (i = 0; i < nd; i++) {
        char *copy, *back;
        size_t ncopy, nback;
        S_iconv(to, "UTF-8", d[i].bytes, d[i].len, &copy, &ncopy);
        S_iconv("UTF-8", icname, copy, ncopy, &back, &nback);
        S_check(d[i].path, copy, ncopy, back, nback, encname);
        free(copy);
        free(back);
    }
    S_docs_free(d, nd);
}

Test(decode_matrix, windows_1258)
{
    /* iconv writes CP1258 decomposed: â + combining acute for ấ */
    char *copy;
    size_t n;
    S_iconv("CP1258", "UTF-8", "Phấn", strlen("Phấn"), &copy, &n);
    cr_assert_eq(n, 5);
    cr_assert_eq(memcmp(copy, "Ph\xe2\xecn", 5), 0);
    free(copy);
    S_matrix_legacy("CP1258", "WINDOWS-1258");
}

Test(decode_matrix, viscii) { S_matrix_legacy("VISCII", "VISCII"); }

Test(decode_matrix, tcvn3) { S_matrix_legacy("TCVN5712-1", "TCVN3"); }

Test(decode_matrix, vni)
{
    /* VNI is written by our own encoder; its input is the VISCII round
     * trip (ASCII and Vietnamese letters only, all of which VNI has). */
    S_doc *d;
    size_t nd = S_docs(&d), i;
    for (i = 0; i < nd; i++) {
        char *v, *safe, *copy;
        size_t nv, nsafe, ncopy;
        nqx_error e;
        S_iconv("VISCII//TRANSLIT", "UTF-8", d[i].bytes, d[i].len, &v, &nv);
        S_iconv("UTF-8", "VISCII", v, nv, &safe, &nsafe);
        cr_assert_eq(nqx_vni_encode(safe, nsafe, &copy, &ncopy, &e), NQX_OK,
                     "%s: %s at %ld", d[i].path, e.msg, e.offset);
        S_check(d[i].path, copy, ncopy, safe, nsafe, "VNI");
        free(v);
        free(safe);
        free(copy);
    }
    S_docs_free(d, nd);
}

static void S_matrix_utf16(const char *icname, const char *bom,
                           const char *encname)
{
    S_doc *d;
    size_t nd = S_docs(&d), i;
    for (i = 0; i < nd; i++) {
        char *u, *copy;
        size_t nu;
        S_iconv(icname, "UTF-8", d[i].bytes, d[i].len, &u, &nu);
        copy = malloc(nu + 2);
        memcpy(copy, bom, 2);
        memcpy(copy + 2, u, nu);
        S_check(d[i].path, copy, nu + 2, d[i].bytes, d[i].len, encname);
        free(u);
        free(copy);
    }
    S_docs_free(d, nd);
}

Test(decode_matrix, utf16le)
{
    S_matrix_utf16("UTF-16LE", "\xFF\xFE", "UTF-16LE");
}

Test(decode_matrix, utf16be)
{
    S_matrix_utf16("UTF-16BE", "\xFE\xFF", "UTF-16BE");
}

Test(decode_matrix, nfd_and_bom)
{
    S_doc *d;
    size_t nd = S_docs(&d), i;
    for (i = 0; i < nd; i++) {
        utf8proc_uint8_t *nfd;
        utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)d[i].bytes,
                                          (utf8proc_ssize_t)d[i].len, &nfd,
                                          UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
        char *bom = malloc(d[i].len + 3);
        cr_assert_gt(m, (utf8proc_ssize_t)d[i].len); /* really decomposed */
        S_check(d[i].path, (const char *)nfd, (size_t)m, d[i].bytes, d[i].len,
                "UTF-8");
        memcpy(bom, "\xEF\xBB\xBF", 3);
        memcpy(bom + 3, d[i].bytes, d[i].len);
        S_check(d[i].path, bom, d[i].len + 3, d[i].bytes, d[i].len, "UTF-8");
        free(nfd);
        free(bom);
    }
    S_docs_free(d, nd);
}

/* ------------------------------------------------------------------ */
/* Exact cases. */

static const char S_sentence[] =
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI. Điều 1. Phấn đấu đến năm 2025, "
    "ưu tiên phát triển kinh tế biển; KỶ LUẬT, trách nhiệm của người "
    "đứng đầu, những việc cần làm ngay.";

static void S_sentence_as_text(const char *icname, const char *encname,
                               const char *text)
{
    char *copy;
    size_t n;
    nqx_text *t;
    S_iconv(icname, "UTF-8", text, strlen(text), &copy, &n);
    t = S_dec("s", copy, n, NULL);
    cr_assert_str_eq(t->encoding, encname);
    cr_assert_str_eq(t->text, text);
    nqx_text_free(t);
    free(copy);
}

static void S_sentence_as(const char *icname, const char *encname)
{
    S_sentence_as_text(icname, encname, S_sentence);
}

Test(decode, sentence_in_each_encoding)
{
    char *v;
    size_t n;
    nqx_text *t;
    nqx_error e;
    S_sentence_as("CP1258", "WINDOWS-1258");
    S_sentence_as("VISCII", "VISCII");
    S_sentence_as("TCVN5712-1", "TCVN3");
    cr_assert_eq(nqx_vni_encode(S_sentence, strlen(S_sentence), &v, &n, &e),
                 NQX_OK);
    t = S_dec("s", v, n, NULL);
    cr_assert_str_eq(t->encoding, "VNI");
    cr_assert_str_eq(t->text, S_sentence);
    nqx_text_free(t);
    free(v);
}

Test(decode, legacy_pitfalls)
{
    nqx_text *t;
    /* TCVN3: ư is 0xAD (a soft hyphen elsewhere), capitals sit at control
     * bytes (Ừ 0x04); VISCII: Ỷ at 0x14. Đ is U+0110, never U+00D0 (Ð). */
    t = S_DEC_LIT("t", "\xadu ti\xaan, \x04" "a");
    cr_assert_str_eq(t->encoding, "TCVN3");
    cr_assert_str_eq(t->text, "ưu tiên, Ừa");
    nqx_text_free(t);
    t = S_DEC_LIT("v", "K\x14 lu\xa7t, \xd0i\xabu");
    cr_assert_str_eq(t->encoding, "VISCII");
    cr_assert_str_eq(t->text, "KỶ luật, Điều");
    nqx_text_free(t);
    t = S_DEC_LIT("c", "\xd0i\xea\xccu 1, \xd0\xe3ng"); /* ê + grave */
    cr_assert_str_eq(t->encoding, "WINDOWS-1258");
    cr_assert_str_eq(t->text, "Điều 1, Đăng");
    nqx_text_free(t);
    t = S_DEC_LIT("n", "\xd1ie\xe0u 1, \xf1" "a\xe1u");
    cr_assert_str_eq(t->encoding, "VNI");
    cr_assert_str_eq(t->text, "Điều 1, đấu");
    nqx_text_free(t);
    /* no Vietnamese at all, only Windows-125x dashes: punctuation-only
     * tokens are evidence too */
    t = S_DEC_LIT("d", "1615\x96" "1773 and 1957\x96" "2007");
    cr_assert_str_eq(t->encoding, "WINDOWS-1258");
    cr_assert_str_eq(t->text, "1615–1773 and 1957–2007");
    nqx_text_free(t);
}

Test(decode, short_tcvn3_is_not_viscii)
{
    /* Read as VISCII these bytes are valid but rare syllables ("Céng
     * hưa"); the common ones ("Cộng hòa") must win. */
    S_sentence_as_text("TCVN5712-1", "TCVN3", "Cộng hòa Nam Phi");
    S_sentence_as_text("VISCII", "VISCII", "Cộng hòa Nam Phi");
}

Test(decode, bom_handling)
{
    nqx_text *t;
    t = S_dec("b", "\xEF\xBB\xBFPh\xe1\xba\xa5n", 9, NULL);
    cr_assert_str_eq(t->encoding, "UTF-8");
    cr_assert_str_eq(t->text, "Phấn");
    cr_assert_eq(t->nmap, 1);
    cr_assert_eq(t->map[0].out, 0);
    cr_assert_eq(t->map[0].in, 3);
    cr_assert_eq(nqx_text_input_offset(t, 2), 5);
    nqx_text_free(t);
    /* "Pấ" in UTF-16LE and BE: the BOM is dropped, 1 and 3 UTF-8 bytes
     * come from 2 input bytes each */
    t = S_dec("le", "\xFF\xFEP\0\xa5\x1e", 6, NULL);
    cr_assert_str_eq(t->encoding, "UTF-16LE");
    cr_assert_str_eq(t->text, "Pấ");
    cr_assert_eq(nqx_text_input_offset(t, 0), 2);
    cr_assert_eq(nqx_text_input_offset(t, 1), 4);
    nqx_text_free(t);
    t = S_dec("be", "\xFE\xFF\0P\x1e\xa5", 6, NULL);
    cr_assert_str_eq(t->encoding, "UTF-16BE");
    cr_assert_str_eq(t->text, "Pấ");
    nqx_text_free(t);
    /* A BOM-only file is empty text, not an error */
    t = S_dec("bomonly", "\xEF\xBB\xBF", 3, NULL);
    cr_assert_eq(t->len, 0);
    nqx_text_free(t);
}

Test(decode, offset_map_legacy)
{
    /* VISCII "Điều luật": Đ (1 byte -> 2), ề and ậ (1 -> 3) */
    nqx_text *t = S_DEC_LIT("m", "\xd0i\xabu lu\xa7t");
    cr_assert_str_eq(t->text, "Điều luật");
    cr_assert_eq(t->nmap, 4);
    cr_assert_eq(t->map[0].out, 0);
    cr_assert_eq(t->map[0].in, 0);
    cr_assert_eq(t->map[1].out, 2);
    cr_assert_eq(t->map[1].in, 1);
    cr_assert_eq(t->map[2].out, 6);
    cr_assert_eq(t->map[2].in, 3);
    cr_assert_eq(t->map[3].out, 13);
    cr_assert_eq(t->map[3].in, 8);
    cr_assert_eq(nqx_text_input_offset(t, 3), 2);  /* ề */
    cr_assert_eq(nqx_text_input_offset(t, 8), 5);  /* l */
    cr_assert_eq(nqx_text_input_offset(t, 10), 7); /* ậ */
    nqx_text_free(t);
    /* Windows-1258 "Phấn đấu": â + combining acute (2 bytes) are composed
     * into ấ (3) while decoding, so the map holds through NFC */
    t = S_DEC_LIT("m", "Ph\xe2\xecn \xf0\xe2\xecu");
    cr_assert_str_eq(t->encoding, "WINDOWS-1258");
    cr_assert_str_eq(t->text, "Phấn đấu");
    cr_assert_eq(t->nmap, 4);
    cr_assert_eq(t->map[1].out, 5); /* n */
    cr_assert_eq(t->map[1].in, 4);
    cr_assert_eq(t->map[2].out, 9); /* ấ */
    cr_assert_eq(t->map[2].in, 7);
    cr_assert_eq(t->map[3].out, 12); /* u */
    cr_assert_eq(t->map[3].in, 9);
    cr_assert_eq(nqx_text_input_offset(t, 2), 2);
    cr_assert_eq(nqx_text_input_offset(t, 7), 6); /* đ */
    nqx_text_free(t);
}

Test(decode, map_stays_inside_input)
{
    /* found by fuzz_normalize: U+B950 (2 bytes of UTF-16, 3 of UTF-8) at
     * the end; and VISCII à (1 byte, 2 of UTF-8) at the end */
    nqx_text *t = S_DEC_LIT("f", "\xff\xfeP\xb9");
    size_t i;
    cr_assert_eq(t->len, 3);
    for (i = 0; i <= t->len; i++)
        cr_assert_leq(nqx_text_input_offset(t, i), 4, "offset %zu", i);
    cr_assert_eq(nqx_text_input_offset(t, 0), 2);
    cr_assert_eq(nqx_text_input_offset(t, 3), 4);
    nqx_text_free(t);
    t = S_DEC_LIT("f", "Vi\xaet, v\xe0"); /* "Việt, và" */
    cr_assert_str_eq(t->encoding, "VISCII");
    cr_assert_str_eq(t->text, "Việt, và");
    for (i = 0; i <= t->len; i++)
        cr_assert_leq(nqx_text_input_offset(t, i), 8, "offset %zu", i);
    cr_assert_eq(nqx_text_input_offset(t, 9), 7); /* à */
    cr_assert_eq(nqx_text_input_offset(t, t->len), 8);
    nqx_text_free(t);
}

Test(decode, forced_encoding)
{
    static const struct {
        const char *in;
        size_t n;
        const char *forced, *encoding, *text;
    } c[] = {
        {"Ph\xe2\xecn", 5, "cp1258", "WINDOWS-1258", "Phấn"},
        {"Ph\xe2\xecn", 5, "Viscii", "VISCII", "Phâìn"}, /* same bytes, another reading */
        {"Ph\xca\x6e", 4, "tcvn5712-1", "TCVN3", "Phấn"},
        {"Pha\xe1n", 5, "vni", "VNI", "Phấn"},
    };
    nqx_norm_options o = {0};
    nqx_text *t;
    nqx_error e;
    size_t i;
    for (i = 0; i < sizeof c / sizeof *c; i++) {
        t = S_dec("f", c[i].in, c[i].n, c[i].forced);
        cr_assert_str_eq(t->encoding, c[i].encoding);
        cr_assert_str_eq(t->text, c[i].text);
        nqx_text_free(t);
    }
    o.encoding = "cp1258"; /* through the options of nqx_norm_text */
    cr_assert_eq(nqx_norm_text("f", "Ph\xe2\xecn", 5, &o, &t, &e), NQX_OK);
    cr_assert_str_eq(t->encoding, "WINDOWS-1258");
    nqx_text_free(t);
    o.encoding = "UTF-8"; /* forced UTF-8 never falls back */
    cr_assert_eq(nqx_norm_text("f", "Ph\xe2\xecn", 5, &o, &t, &e),
                 NQX_EENCODING);
    cr_assert_eq(e.offset, 2);
    o.encoding = "latin9";
    cr_assert_eq(nqx_norm_text("f", "abc", 3, &o, &t, &e), NQX_EINVAL);
    cr_assert_null(t);
    o.encoding = "CP1258"; /* 0x81 has no meaning in Windows-1258 */
    cr_assert_eq(nqx_norm_text("f", "ab\x81", 3, &o, &t, &e), NQX_EENCODING);
    cr_assert_eq(e.offset, 2);
    t = S_dec("f", "O\0K\0", 4, "UTF-16LE"); /* forced UTF-16 without a BOM */
    cr_assert_str_eq(t->text, "OK");
    nqx_text_free(t);
}

static void S_bad_utf8(const char *b, size_t n, long offset)
{
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_norm_text("bad.txt", b, n, NULL, &t, &e), NQX_EENCODING,
                 "accepted: %s", b);
    cr_assert_null(t);
    cr_assert_str_eq(e.file, "bad.txt");
    cr_assert_eq(e.offset, offset, "offset %ld, not %ld", e.offset, offset);
}

#define S_HEAD "\xc4\x90i\xe1\xbb\x81u 1. Ph\xe1\xba\xa5n" /* Điều 1. Phấn */
#define S_TAIL " \xc4\x91\xe1\xba\xa5u"                 /* " đấu" */

Test(decode, invalid_utf8_offsets)
{
    /* Vietnamese UTF-8 with one bad byte is no plausible legacy text */
    const char start[] = "\xff" S_HEAD S_TAIL;
    const char mid[] = S_HEAD "\xc3(" S_TAIL;
    const char end[] = S_HEAD S_TAIL "\xe1\xba";
    nqx_text *t;
    nqx_error e;
    S_bad_utf8(start, sizeof start - 1, 0);
    S_bad_utf8(mid, sizeof mid - 1, 17);
    S_bad_utf8(end, sizeof end - 1, 24);
    /* an encoded surrogate; as TCVN3 it reads "ớ À", but one word is too
     * little evidence */
    S_bad_utf8("abc \xed\xa0\x80 def", 11, 4);
    /* "hoá" would be Windows-1258, but "Kế" is UTF-8: broken UTF-8 */
    S_bad_utf8("K\xe1\xba\xbf\xff ho\xe1", 9, 4);
    /* the message names the byte */
    cr_assert_eq(nqx_norm_text("x", mid, sizeof mid - 1, NULL, &t, &e),
                 NQX_EENCODING);
    cr_assert_str_eq(e.msg, "invalid UTF-8 (byte 0xC3), and not a Vietnamese "
                            "legacy encoding either");
}

Test(decode, truncated_utf16)
{
    nqx_text *t;
    nqx_error e;
    cr_assert_eq(nqx_norm_text("u", "\xFF\xFEP\0h", 5, NULL, &t, &e),
                 NQX_EENCODING);
    cr_assert_eq(e.offset, 4);
    cr_assert_str_eq(e.msg, "truncated UTF-16: odd number of bytes");
    /* a high surrogate with nothing after it */
    cr_assert_eq(nqx_norm_text("u", "\xFF\xFEP\0\x3d\xd8", 6, NULL, &t, &e),
                 NQX_EENCODING);
    cr_assert_eq(e.offset, 4);
    cr_assert_str_eq(e.msg, "truncated UTF-16: surrogate pair cut off");
    /* a lone low surrogate in the middle */
    cr_assert_eq(nqx_norm_text("u", "\xFE\xFF\0P\xdc\x00\0h", 8, NULL, &t, &e),
                 NQX_EENCODING);
    cr_assert_eq(e.offset, 4);
    /* a UTF-16 NUL is binary */
    cr_assert_eq(nqx_norm_text("u", "\xFF\xFEP\0\0\0", 6, NULL, &t, &e),
                 NQX_EBINARY);
    cr_assert_eq(e.offset, 4);
    /* a surrogate pair is fine: U+1F600 */
    t = S_dec("u", "\xFF\xFE\x3d\xd8\x00\xde", 6, NULL);
    cr_assert_str_eq(t->text, "\xf0\x9f\x98\x80");
    nqx_text_free(t);
}

Test(decode, vni_table_round_trip)
{
    /* every Vietnamese letter, both cases, through the encoder and back */
    static const char letters[] =
        "aáàảãạâấầẩẫậăắằẳẵặeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợ"
        "uúùủũụưứừửữựyýỳỷỹỵđ";
    char *v;
    size_t n;
    nqx_error e;
    nqx_text *t;
    cr_assert_eq(nqx_vni_encode(letters, strlen(letters), &v, &n, &e), NQX_OK);
    t = S_dec("l", v, n, "VNI");
    cr_assert_str_eq(t->text, letters);
    nqx_text_free(t);
    free(v);
    cr_assert_eq(nqx_vni_encode("Ð", 2, &v, &n, &e), NQX_EENCODING);
    cr_assert_eq(e.offset, 0);
}

Test(decode, vni_capitals)
{
    static const char caps[] =
        "ÁÀẢÃẠÂẤẦẨẪẬĂẮẰẲẴẶÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢ"
        "ÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴĐ";
    char *v;
    size_t n;
    nqx_error e;
    nqx_text *t;
    cr_assert_eq(nqx_vni_encode(caps, strlen(caps), &v, &n, &e), NQX_OK);
    cr_assert_eq(memcmp(v, "A\xd9" "A\xd8", 4), 0);
    t = S_dec("l", v, n, "VNI");
    cr_assert_str_eq(t->text, caps);
    nqx_text_free(t);
    free(v);
}

Test(decode, ascii_and_empty)
{
    nqx_text *t;
    nqx_error e;
    t = S_norm("a", "plain ASCII\n", 12);
    cr_assert_str_eq(t->encoding, "UTF-8");
    nqx_text_free(t);
    cr_assert_eq(nqx_norm_text("e", "", 0, NULL, &t, &e), NQX_EEMPTY);
    cr_assert_str_eq(e.msg, "empty file");
    cr_assert_eq(nqx_norm_text("b", "ab\0", 3, NULL, &t, &e), NQX_EBINARY);
    cr_assert_str_eq(e.msg, "NUL byte: binary file, not text");
}

/* nqx_norm_u8_valid (sixteen bytes a step where it can) against the DFA
 * a byte at a time, on random strings built from pieces of every kind:
 * ASCII, two-, three- and four-byte characters (the leads the fast step
 * takes and those it leaves: E0, ED, EF, F0), continuation bytes alone,
 * bytes UTF-8 never has, and characters cut short. */
Test(decode, u8_valid_matches_dfa)
{
    static const unsigned char piece[][4] = {
        {'a'}, {' '}, {0x7F}, {0xC3, 0xA0}, {0xC2, 0xA0}, {0xDF, 0xBF},
        {0xE1, 0xBB, 0x87}, {0xE2, 0x80, 0x9C}, {0xEC, 0x80, 0x80},
        {0xE0, 0xA0, 0x80}, {0xE0, 0x80, 0x80}, {0xED, 0x9F, 0xBF},
        {0xED, 0xA0, 0x80}, {0xEF, 0xBB, 0xBF}, {0xF0, 0x9F, 0x98, 0x80},
        {0xF4, 0x90, 0x80, 0x80}, {0x80}, {0xBF}, {0xC0}, {0xC1}, {0xF5},
        {0xFF}, {0xC3}, {0xE1, 0xBB}, {0xE1}, {0xF0, 0x9F}};
    static const int plen[] = {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4,
                               1, 1, 1, 1, 1, 1, 1, 2, 1, 2};
    const int npiece = (int)(sizeof plen / sizeof *plen);
    unsigned char buf[160];
    uint32_t x = 2463534242u;
    long round, ok = 0;
    for (round = 0; round < 200000; round++) {
        size_t n = 0, off, i;
        uint64_t st = 0;
        /* mostly the pieces of Vietnamese text, now and then another */
        int want = (int)(round % 90), rare = (int)(round % 7);
        while ((int)n < want) {
            int p;
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            p = (int)(x % 100) < 90 - 10 * rare ? (int)(x >> 8) % 9 : (int)(x >> 8) % npiece;
            memcpy(buf + 8 + n, piece[p], (size_t)plen[p]);
            n += (size_t)plen[p];
        }
        off = 8 + round % 8; /* any alignment, from any start */
        n -= off - 8 < n ? off - 8 : n;
        for (i = 0; i < n; i++)
            st = nqx_norm_u8_dfa[nqx_norm_u8_class[buf[off + i]]] >> st & 63;
        cr_assert_eq(nqx_norm_u8_valid(buf + off, n), st == 0,
                     "round %ld: %zu bytes", round, n);
        ok += st == 0;
    }
    /* both verdicts were put to the test, many times */
    cr_assert_gt(ok, 20000);
    cr_assert_lt(ok, 180000);
}
