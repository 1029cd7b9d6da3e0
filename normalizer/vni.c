/* vni.c: the VNI-Windows table and its decoder and encoder.
 *
 * Hand-written because no iconv (glibc or GNU libiconv) knows VNI: it was
 * a font encoding (VNI-Times...) rather than a registered charset, yet
 * much older Vietnamese office text is typed in it. The table lists the
 * 67 lowercase letters; capitals are the same sequences with the ASCII
 * base in upper case and the mark byte minus 0x20 (A + 0xD9 = Á). Sorted
 * by (first byte, second byte) for bsearch; second byte 0 = single byte. */
#include "vni.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct {
    uint32_t cp;        /* lowercase letter */
    unsigned char b0;   /* base letter or single byte */
    unsigned char b1;   /* mark byte, 0 for a single byte */
} S_vni_entry;

static const S_vni_entry S_vni[] = {
    {0x1EA7, 'a', 0xE0}, /* ầ */
    {0x1EA5, 'a', 0xE1}, /* ấ */
    {0x00E2, 'a', 0xE2}, /* â */
    {0x1EAB, 'a', 0xE3}, /* ẫ */
    {0x1EAD, 'a', 0xE4}, /* ậ */
    {0x1EA9, 'a', 0xE5}, /* ẩ */
    {0x1EB1, 'a', 0xE8}, /* ằ */
    {0x1EAF, 'a', 0xE9}, /* ắ */
    {0x0103, 'a', 0xEA}, /* ă */
    {0x1EB7, 'a', 0xEB}, /* ặ */
    {0x1EA1, 'a', 0xEF}, /* ạ */
    {0x00E3, 'a', 0xF5}, /* ã */
    {0x00E0, 'a', 0xF8}, /* à */
    {0x00E1, 'a', 0xF9}, /* á */
    {0x1EB3, 'a', 0xFA}, /* ẳ */
    {0x1EA3, 'a', 0xFB}, /* ả */
    {0x1EB5, 'a', 0xFC}, /* ẵ */
    {0x1EC1, 'e', 0xE0}, /* ề */
    {0x1EBF, 'e', 0xE1}, /* ế */
    {0x00EA, 'e', 0xE2}, /* ê */
    {0x1EC5, 'e', 0xE3}, /* ễ */
    {0x1EC7, 'e', 0xE4}, /* ệ */
    {0x1EC3, 'e', 0xE5}, /* ể */
    {0x1EB9, 'e', 0xEF}, /* ẹ */
    {0x1EBD, 'e', 0xF5}, /* ẽ */
    {0x00E8, 'e', 0xF8}, /* è */
    {0x00E9, 'e', 0xF9}, /* é */
    {0x1EBB, 'e', 0xFB}, /* ẻ */
    {0x1ED3, 'o', 0xE0}, /* ồ */
    {0x1ED1, 'o', 0xE1}, /* ố */
    {0x00F4, 'o', 0xE2}, /* ô */
    {0x1ED7, 'o', 0xE3}, /* ỗ */
    {0x1ED9, 'o', 0xE4}, /* ộ */
    {0x1ED5, 'o', 0xE5}, /* ổ */
    {0x1ECD, 'o', 0xEF}, /* ọ */
    {0x00F5, 'o', 0xF5}, /* õ */
    {0x00F2, 'o', 0xF8}, /* ò */
    {0x00F3, 'o', 0xF9}, /* ó */
    {0x1ECF, 'o', 0xFB}, /* ỏ */
    {0x1EE5, 'u', 0xEF}, /* ụ */
    {0x0169, 'u', 0xF5}, /* ũ */
    {0x00F9, 'u', 0xF8}, /* ù */
    {0x00FA, 'u', 0xF9}, /* ú */
    {0x1EE7, 'u', 0xFB}, /* ủ */
    {0x1EF9, 'y', 0xF5}, /* ỹ */
    {0x1EF3, 'y', 0xF8}, /* ỳ */
    {0x00FD, 'y', 0xF9}, /* ý */
    {0x1EF7, 'y', 0xFB}, /* ỷ */
    {0x1EC9, 0xE6, 0x00}, /* ỉ */
    {0x00EC, 0xEC, 0x00}, /* ì */
    {0x00ED, 0xED, 0x00}, /* í */
    {0x1EF5, 0xEE, 0x00}, /* ỵ */
    {0x0111, 0xF1, 0x00}, /* đ */
    {0x1ECB, 0xF2, 0x00}, /* ị */
    {0x0129, 0xF3, 0x00}, /* ĩ */
    {0x01A1, 0xF4, 0x00}, /* ơ */
    {0x1EE3, 0xF4, 0xEF}, /* ợ */
    {0x1EE1, 0xF4, 0xF5}, /* ỡ */
    {0x1EDD, 0xF4, 0xF8}, /* ờ */
    {0x1EDB, 0xF4, 0xF9}, /* ớ */
    {0x1EDF, 0xF4, 0xFB}, /* ở */
    {0x01B0, 0xF6, 0x00}, /* ư */
    {0x1EF1, 0xF6, 0xEF}, /* ự */
    {0x1EEF, 0xF6, 0xF5}, /* ữ */
    {0x1EEB, 0xF6, 0xF8}, /* ừ */
    {0x1EE9, 0xF6, 0xF9}, /* ứ */
    {0x1EED, 0xF6, 0xFB}, /* ử */
};

#define S_NVNI (sizeof S_vni / sizeof S_vni[0])

static int S_cmp_key(const void *k, const void *e)
{
    unsigned key = *(const unsigned *)k;
    const S_vni_entry *x = e;
    unsigned ek = ((unsigned)x->b0 << 8) | x->b1;
    return key < ek ? -1 : key > ek;
}

static const S_vni_entry *S_find(unsigned char b0, unsigned char b1)
{
    unsigned key = ((unsigned)b0 << 8) | b1;
    return bsearch(&key, S_vni, S_NVNI, sizeof S_vni[0], S_cmp_key);
}

/* Lowercase a byte the VNI way: ASCII letters, and 0xC0-0xDF (capital
 * marks and letters) to 0xE0-0xFF. *upper tells whether it was a capital. */
static unsigned char S_lower(unsigned char b, int *upper)
{
    *upper = 0;
    if (b >= 'A' && b <= 'Z') {
        *upper = 1;
        return (unsigned char)(b + 32);
    }
    if (b >= 0xC0 && b <= 0xDF) {
        *upper = 1;
        return (unsigned char)(b + 0x20);
    }
    return b;
}

size_t nqx_vni_decode_char(const unsigned char *s, size_t n,
                           const uint32_t cp1252[256], uint32_t *cp)
{
    const S_vni_entry *e;
    int up0, up1;
    unsigned char b0 = S_lower(s[0], &up0);
    if (n > 1 && s[1] >= 0xC0) {
        /* The base's case decides the letter's: "Aù" is still Á. */
        unsigned char b1 = S_lower(s[1], &up1);
        if ((e = S_find(b0, b1)) != NULL) {
            *cp = up0 ? (uint32_t)utf8proc_toupper((utf8proc_int32_t)e->cp)
                      : e->cp;
            return 2;
        }
    }
    if (s[0] >= 0xC0 && (e = S_find(b0, 0)) != NULL) {
        *cp = up0 ? (uint32_t)utf8proc_toupper((utf8proc_int32_t)e->cp)
                  : e->cp;
        return 1;
    }
    *cp = cp1252[s[0]];
    return 1;
}

nqx_status nqx_vni_encode(const char *utf8, size_t len, char **out,
                          size_t *outlen, nqx_error *err)
{
    nqx_buf b = {0};
    size_t i = 0, k;
    *out = NULL;
    *outlen = 0;
    while (i < len) {
        utf8proc_int32_t c, lc;
        utf8proc_ssize_t r =
            utf8proc_iterate((const utf8proc_uint8_t *)utf8 + i,
                             (utf8proc_ssize_t)(len - i), &c);
        char seq[2];
        size_t nseq = 0;
        if (r <= 0) {
            nqx_buf_free(&b);
            return nqx_fail(err, NQX_EENCODING, NULL, -1, (long)i,
                            "invalid UTF-8");
        }
        if (c < 0x80 && c > 0) {
            seq[nseq++] = (char)c;
        } else {
            lc = utf8proc_tolower(c);
            for (k = 0; k < S_NVNI && S_vni[k].cp != (uint32_t)lc; k++)
                ;
            if (k == S_NVNI) {
                nqx_buf_free(&b);
                return nqx_fail(err, NQX_EENCODING, NULL, -1, (long)i,
                                "U+%04X has no VNI form", (unsigned)c);
            }
            if (lc != c) { /* capital: upper base, mark byte - 0x20 */
                unsigned char b0 = S_vni[k].b0, b1 = S_vni[k].b1;
                seq[nseq++] = (char)(b0 < 0x80 ? b0 - 32 : b0 - 0x20);
                if (b1)
                    seq[nseq++] = (char)(b1 - 0x20);
            } else {
                seq[nseq++] = (char)S_vni[k].b0;
                if (S_vni[k].b1)
                    seq[nseq++] = (char)S_vni[k].b1;
            }
        }
        if (nqx_buf_append(&b, seq, nseq)) {
            nqx_buf_free(&b);
            return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
        }
        i += (size_t)r;
    }
    *outlen = b.len;
    *out = b.len ? nqx_buf_steal(&b) : calloc(1, 1);
    if (!*out)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    return NQX_OK;
}
