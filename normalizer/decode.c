/* decode.c: encoding detection and conversion to UTF-8.
 *
 * Order: a BOM decides (UTF-8, UTF-16LE/BE); NUL bytes outside UTF-16
 * mean binary; bytes that are valid UTF-8 are UTF-8 (ASCII included);
 * otherwise each Vietnamese legacy encoding (Windows-1258, VISCII, TCVN3,
 * VNI) decodes the first 64 KB of non-ASCII tokens, and the one that
 * yields the most valid Vietnamese syllables wins (weighed by
 * S_token_weight), provided it reaches half the full weight and more than
 * one word, and beats reading the bytes as UTF-8 with bad bytes in it;
 * then the whole input is converted once. Invalid UTF-8 that no legacy
 * encoding explains is an error at its first bad byte.
 *
 * iconv gives every byte's code point (tables built per call, 255 one-byte
 * conversions each) and converts UTF-16 whole. The single-byte loop is
 * ours: glibc's CP1258 and TCVN decoders hold letters back to compose them
 * with a following tone byte and report no positions, and the offset map
 * needs one; the loop composes letter + tone byte itself. VNI is not in
 * iconv at all (vni.c). */
#include "norm.h"
#include "vni.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef enum {
    S_UTF8, S_UTF16, S_UTF16LE, S_UTF16BE,
    S_CP1258, S_VISCII, S_TCVN3, S_VNI
} S_enc;

/* Names accepted for a forced encoding (case-insensitive). */
static const struct {
    const char *name;
    S_enc enc;
} S_names[] = {
    {"UTF-8", S_UTF8}, {"UTF8", S_UTF8},
    {"UTF-16", S_UTF16}, {"UTF-16LE", S_UTF16LE}, {"UTF-16BE", S_UTF16BE},
    {"WINDOWS-1258", S_CP1258}, {"CP1258", S_CP1258},
    {"VISCII", S_VISCII},
    {"TCVN3", S_TCVN3}, {"TCVN5712-1", S_TCVN3}, {"TCVN", S_TCVN3},
    {"VNI", S_VNI}, {"VNI-WINDOWS", S_VNI},
};

/* Reported name, and iconv's name for the byte table (VNI: the
 * Windows-1252 page its fonts sit on). */
static const char *const S_outname[] = {
    "UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE",
    "WINDOWS-1258", "VISCII", "TCVN3", "VNI"};
static const char *const S_iconvname[] = {
    NULL, NULL, NULL, NULL, "CP1258", "VISCII", "TCVN5712-1", "CP1252"};

#define S_LEGACY_FIRST S_CP1258
#define S_NLEGACY 4
#define S_EVIDENCE_BYTES (64 * 1024)
#define S_MAX_TOKEN 48 /* bytes; longer tokens are no syllables */
#define S_CHUNK (64 * 1024)

/* Offsets inside the last character may run past the input when it
 * grew (1 VISCII byte -> 3 UTF-8 bytes): pin them, and the end, to n. */
static int S_map_finish(nqx_norm_map *m, size_t outlen, size_t n)
{
    const nqx_offset_piece *p;
    size_t x;
    if (!m || !m->n)
        return 0;
    p = &m->v[m->n - 1];
    if (p->in + (outlen - p->out) <= n)
        return 0;
    for (x = n - p->in + p->out + 1; x <= outlen; x++)
        if (nqx_norm_map_add(m, x, n))
            return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Byte tables from iconv. */

/* One byte at a time: the slow way, when the fast one does not line up. */
static void S_table_bytes(iconv_t cd, uint32_t tab[256])
{
    unsigned b;
    for (b = 1; b < 256; b++) {
        char in = (char)b, *ip = &in, *op;
        unsigned char o[16];
        size_t il = 1, ol = sizeof o, r;
        op = (char *)o;
        iconv(cd, NULL, NULL, NULL, NULL);
        r = iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1) /* flush: CP1258/TCVN hold letters back */
            r = iconv(cd, NULL, NULL, &op, &ol);
        if (r == (size_t)-1 || sizeof o - ol != 4)
            tab[b] = NQX_VNI_BAD;
        else
            tab[b] = (uint32_t)o[0] | (uint32_t)o[1] << 8 |
                     (uint32_t)o[2] << 16 | (uint32_t)o[3] << 24;
    }
}

/* Every byte's code point, in one conversion: each byte is followed by a
 * newline so that none composes with the next, and a byte iconv refuses
 * is skipped and marked. */
static nqx_status S_table(const char *name, const char *icname,
                          uint32_t tab[256], nqx_error *err)
{
    iconv_t cd = iconv_open("UTF-32LE", icname);
    unsigned char in[510], out[8 * 256], bad[256] = {0};
    char *ip = (char *)in, *op = (char *)out;
    size_t il = sizeof in, ol = sizeof out, k = 0;
    unsigned b;
    int ok = 1;
    if (cd == (iconv_t)-1)
        return nqx_fail(err, NQX_EENCODING, name, -1, -1,
                        "iconv cannot read %s", icname);
    for (b = 1; b < 256; b++) {
        in[2 * (b - 1)] = (unsigned char)b;
        in[2 * (b - 1) + 1] = '\n';
    }
    while (ok && il) {
        size_t pos;
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        pos = (size_t)(ip - (char *)in);
        ok = errno == EILSEQ && pos % 2 == 0 && il >= 2;
        if (ok) {
            bad[in[pos]] = 1;
            ip += 2;
            il -= 2;
        }
    }
    if (ok && iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
        ok = 0;
    tab[0] = 0;
    for (b = 1; ok && b < 256; b++) {
        if (bad[b]) {
            tab[b] = NQX_VNI_BAD;
            continue;
        }
        if (k + 8 > (size_t)(op - (char *)out) || out[k + 4] != '\n' ||
            out[k + 5] || out[k + 6] || out[k + 7]) {
            ok = 0;
            break;
        }
        tab[b] = (uint32_t)out[k] | (uint32_t)out[k + 1] << 8 |
                 (uint32_t)out[k + 2] << 16 | (uint32_t)out[k + 3] << 24;
        k += 8;
    }
    if (!ok || k != (size_t)(op - (char *)out))
        S_table_bytes(cd, tab);
    iconv_close(cd);
    return NQX_OK;
}

/* Decode one character at s[0..n) in a legacy encoding. */
static size_t S_legacy_char(S_enc e, const uint32_t tab[256],
                            const unsigned char *s, size_t n, uint32_t *cp)
{
    if (e == S_VNI)
        return nqx_vni_decode_char(s, n, tab, cp);
    *cp = tab[s[0]];
    return 1;
}

/* ------------------------------------------------------------------ */
/* Vietnamese syllable validity: onset + rhyme, and the tone rule that
 * rhymes closed by p, t, c, ch take only the acute or the dot below.
 * The rhymes (toneless, after the onset; sorted by strcmp) are those of
 * the textcorpus seen 20+ times, minus loanword debris, plus the rare
 * native ones. Used only to rank candidate encodings. */

static const char *const S_rhymes[] = {
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at",
    "au", "ay", "e", "ec", "em", "en", "eng", "eo", "ep", "et", "i", "ia",
    "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng",
    "iêp", "iêt", "iêu", "o", "oa", "oac", "oach", "oai", "oam", "oan",
    "oang", "oanh", "oao", "oap", "oat", "oay", "oc", "oe", "oen", "oeo",
    "oet", "oi", "om", "on", "ong", "ooc", "oong", "op", "ot", "oăc", "oăm",
    "oăn", "oăng", "oăt", "u", "ua", "uc", "ui", "um", "un", "ung", "up",
    "ut", "uy", "uya", "uych", "uynh", "uyt", "uyu", "uyên", "uyêt", "uân",
    "uâng", "uât", "uây", "uê", "uêch", "uênh", "uôc", "uôi", "uôm", "uôn",
    "uông", "uôt", "uơ", "y", "ych", "ynh", "yt", "yêm", "yên", "yêt",
    "yêu", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "ê", "êch",
    "êm", "ên", "êng", "ênh", "êp", "êt", "êu", "ô", "ôc", "ôi", "ôm", "ôn",
    "ông", "ôp", "ôt", "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "ơ", "ơi", "ơm",
    "ơn", "ơp", "ơt", "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
};

/* The 400 commonest syllables with a non-ASCII letter in the textcorpus
 * (79% of such tokens there), as toneless spelling + tone digit (0 none,
 * 1 grave, 2 acute, 3 tilde, 4 hook, 5 dot; see S_tone), sorted by
 * strcmp. A reading that yields them beats one that merely yields valid
 * but rare syllables: VISCII "Céng hưa" against TCVN3 "Cộng hòa". */
static const char *const S_frequent[] = {
    "an2", "anh4", "ap2", "ba1", "bai1", "ban2", "ban4", "bao2", "bao4",
    "bi2", "bi5", "binh1", "biên0", "biêt2", "biêt5", "biêu4", "bât2",
    "bên0", "bênh5", "bô2", "bô4", "bô5", "băc2", "băng1", "băt2", "ca2",
    "ca4", "cac2", "cach2", "canh4", "cao2", "chi2", "chi4", "chinh2",
    "chiên2", "chu2", "chu4", "chung2", "chuyên0", "chuyên4", "chuân4",
    "châp2", "chât2", "châu0", "chê2", "chông2", "chưa0", "chưc2", "chưng2",
    "chương0", "co2", "con1", "cu5", "cua4", "cuc5", "cung1", "cung3",
    "cuôc5", "cân1", "câp2", "câp5", "câu1", "cô4", "công0", "công5",
    "căn0", "cơ0", "cư0", "cư2", "cư4", "cưu2", "dich5", "diên3", "diên5",
    "duc5", "dung1", "dung5", "dân0", "dân3", "dư5", "dưng5", "dươi2",
    "dương0", "gia2", "giai4", "giam2", "giao2", "giây2", "giơi2", "giư3",
    "giưa3", "goi5", "gôc2", "gôm1", "ha1", "hai4", "han5", "hang1",
    "hanh1", "hinh1", "hiên5", "hiêu5", "ho5", "hoa1", "hoa2", "hoach5",
    "hoan1", "hoang1", "hoat5", "hoc5", "hoăc5", "huyên5", "hâu5", "hê5",
    "hô1", "hô5", "hôi5", "hơn0", "hơp5", "hưu3", "hương2", "hương4",
    "khac2", "khach2", "khoan4", "không0", "kiêm4", "kiên2", "kiên5", "ky1",
    "ky2", "ky3", "ky4", "kê2", "kêt2", "la1", "lai5", "lam1", "lanh3",
    "lich5", "linh3", "liên0", "liêu5", "loai5", "luât5", "ly2", "lân1",
    "lâp5", "lê0", "lê3", "lê5", "lên0", "lơi5", "lơn2", "lưc5", "lưu0",
    "lương0", "lương5", "ma1", "ma3", "mang5", "may2", "minh1", "miên1",
    "muc5", "my3", "mâu3", "môt5", "măt5", "mơi2", "mưc2", "nao1", "nay1",
    "ngay1", "nghi5", "nghia3", "nghiêp5", "nghê5", "ngoai1", "nguyên0",
    "nguyên3", "nguôn1", "ngươi1", "nha1", "nhac5", "nhiêm5", "nhiên0",
    "nhiêu1", "nhân0", "nhân5", "nhâp5", "nhât2", "nhât5", "như0", "nhưng0",
    "nhưng3", "nên0", "nêu2", "nôi5", "nông0", "nôp5", "năm0", "năng0",
    "nđ0", "nơi0", "nươc2", "phai4", "pham5", "phap2", "phat2", "phat5",
    "phep2", "phi2", "phia2", "pho2", "phong1", "phu2", "phu4", "phu5",
    "phuc5", "phâm4", "phân0", "phân1", "phô2", "phương0", "phương1",
    "qua2", "qua4", "quan4", "quyên1", "quyêt2", "quân0", "quôc2", "răng1",
    "sach2", "san4", "sat2", "se3", "si3", "sô2", "sơ0", "sơ4", "sơn0",
    "sư4", "sư5", "sưa4", "tac2", "tai1", "tai5", "tao5", "thai2", "thang2",
    "thanh1", "thi1", "thi5", "thich2", "thiêt2", "thu4", "thuân5",
    "thuât5", "thuê0", "thuê2", "thuôc5", "thâm4", "thê2", "thê4", "thêm0",
    "thông0", "thông2", "thơi1", "thư0", "thư2", "thưc2", "thưc5",
    "thương0", "thương1", "tich2", "tich5", "tinh1", "tinh2", "tinh4",
    "tiên0", "tiên1", "tiên2", "tiêng2", "tiêp2", "tiêu0", "toa1", "toan1",
    "toan2", "trach2", "tri2", "tri5", "trinh1", "triên4", "triêu1",
    "trong5", "truyên1", "trân1", "trên0", "trơ4", "trơ5", "trư1", "trư3",
    "trưc5", "trươc2", "trương1", "trương4", "tuc5", "tuôi4", "ty4", "tâm0",
    "tâp5", "tây0", "tê2", "tên0", "tô4", "tôc5", "tông4", "tăng0", "tơi2",
    "tư0", "tư1", "tư4", "tư5", "tương2", "tương5", "uy4", "va1", "vao1",
    "vi1", "vi5", "viêc5", "viên0", "viên5", "viêt2", "viêt5", "vu3", "vu5",
    "vung1", "vân2", "vân5", "vât5", "vê1", "vê5", "văn0", "vơi2", "vưc5",
    "vương0", "xa3", "xac2", "xuât2", "xây0", "xư4", "y2", "yêu0", "ông0",
    "đa3", "đai5", "đam4", "đang0", "đang4", "đanh2", "đao1", "đao5", "đi0",
    "đia5", "đinh1", "đinh5", "điêm4", "điên5", "điêu1", "đo2", "đoan1",
    "đu4", "đât2", "đâu1", "đây0", "đê1", "đê2", "đê4", "đên2", "đô0",
    "đô5", "đôi2", "đôi4", "đôi5", "đông0", "đông1", "đông5", "đăc5",
    "đăng0", "đăt5", "đơn0", "đưc2", "đươc5", "đương1", "ơ4", "ưng2",
    "ương0",
};

/* Longest first, so that "ngh" wins over "ng" and "n"; an onset is kept
 * only when the rest is a rhyme (gi-a vs g-in, qu-y vs q-uy). */
static const char *const S_onsets[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
    "v", "x", ""};

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int S_is_rhyme(const char *r)
{
    return *r && bsearch(&r, S_rhymes, sizeof S_rhymes / sizeof S_rhymes[0],
                         sizeof S_rhymes[0], S_cmp_str) != NULL;
}

/* Tone marks (combining), index 1..5; 0 = no tone. */
static int S_tone(utf8proc_int32_t c)
{
    switch (c) {
    case 0x0300: return 1; /* grave */
    case 0x0301: return 2; /* acute */
    case 0x0303: return 3; /* tilde */
    case 0x0309: return 4; /* hook above */
    case 0x0323: return 5; /* dot below */
    }
    return 0;
}

/* A letter with its vowel mark (circumflex, breve, horn) applied. */
static utf8proc_int32_t S_modify(utf8proc_int32_t v, utf8proc_int32_t mark)
{
    if (mark == 0x0302)
        return v == 'a' ? 0xE2 : v == 'e' ? 0xEA : v == 'o' ? 0xF4 : -1;
    if (mark == 0x0306)
        return v == 'a' ? 0x103 : -1;
    if (mark == 0x031B)
        return v == 'o' ? 0x1A1 : v == 'u' ? 0x1B0 : -1;
    return -1;
}

/* Punctuation may hug a word (curly quotes, dashes); anything else that
 * is no letter makes the token no syllable. */
static int S_is_punct(uint32_t c)
{
    utf8proc_category_t k;
    if (c > 0x10FFFF)
        return 0;
    k = utf8proc_category((utf8proc_int32_t)c);
    return k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
}

/* 0 when cp[0..n) (punctuation around it allowed) is no Vietnamese
 * syllable, 2 when it is one of S_frequent, else 1. */
static int S_syllable(const uint32_t *cp, size_t n)
{
    char buf[4 * S_MAX_TOKEN + 8];
    size_t len = 0, i, k;
    int tone = 0, last_mod = 0;
    utf8proc_int32_t last = -1;
    while (n && S_is_punct(cp[n - 1]))
        n--;
    while (n && S_is_punct(cp[0]))
        cp++, n--;
    if (!n)
        return 0;
    for (i = 0; i <= n; i++) {
        utf8proc_int32_t d[8];
        utf8proc_ssize_t nd = 0;
        int bound = 0;
        if (i < n) {
            if (cp[i] > 0x10FFFF)
                return 0;
            nd = utf8proc_decompose_char((utf8proc_int32_t)cp[i], d, 8,
                                         UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD,
                                         &bound);
            if (nd <= 0 || nd > 8)
                return 0;
        }
        for (k = 0; k < (size_t)nd; k++) {
            int t = S_tone(d[k]);
            if (t) {
                if (tone || last < 0)
                    return 0;
                tone = t;
            } else if (d[k] == 0x0302 || d[k] == 0x0306 || d[k] == 0x031B) {
                if (last < 0 || last_mod || (last = S_modify(last, d[k])) < 0)
                    return 0;
                last_mod = 1;
            } else if ((d[k] >= 'a' && d[k] <= 'z') || d[k] == 0x111) {
                if (len + 8 > sizeof buf)
                    return 0;
                if (last >= 0)
                    len += (size_t)utf8proc_encode_char(
                        last, (utf8proc_uint8_t *)buf + len);
                last = d[k];
                last_mod = 0;
            } else {
                return 0;
            }
        }
    }
    if (last >= 0)
        len += (size_t)utf8proc_encode_char(last,
                                            (utf8proc_uint8_t *)buf + len);
    buf[len] = '\0';
    for (k = 0; k < sizeof S_onsets / sizeof S_onsets[0]; k++) {
        size_t ol = strlen(S_onsets[k]);
        const char *r = buf + ol;
        if (strncmp(buf, S_onsets[k], ol) != 0 || !S_is_rhyme(r))
            continue;
        const char *key = buf;
        size_t rl = strlen(r);
        if ((r[rl - 1] == 'c' || r[rl - 1] == 'p' || r[rl - 1] == 't' ||
             (rl >= 2 && strcmp(r + rl - 2, "ch") == 0)) &&
            tone != 2 && tone != 5)
            return 0;
        buf[len] = (char)('0' + tone);
        buf[len + 1] = '\0';
        return bsearch(&key, S_frequent,
                       sizeof S_frequent / sizeof S_frequent[0],
                       sizeof S_frequent[0], S_cmp_str) ? 2 : 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Detection of a legacy encoding on the first non-ASCII tokens. */

/* A byte that ends a token: ASCII space, punctuation, digits. Control
 * bytes other than whitespace are letters in VISCII and TCVN3. */
static int S_delim(unsigned char c)
{
    if (c >= 0x80)
        return 0;
    if ((c | 32) >= 'a' && (c | 32) <= 'z')
        return 0;
    if (c >= 1 && c < 0x20)
        return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    return 1;
}

typedef struct {
    size_t start, len;
} S_token;

/* The tokens holding a byte >= 0x80 or a control byte, up to
 * S_EVIDENCE_BYTES of them. Caller frees *tok. */
static int S_evidence(const unsigned char *s, size_t n, S_token **tok,
                      size_t *ntok)
{
    size_t i = 0, total = 0, cap = 0;
    *tok = NULL;
    *ntok = 0;
    while (i < n && total < S_EVIDENCE_BYTES) {
        size_t j = i;
        int odd = 0;
        if (S_delim(s[i])) {
            i++;
            continue;
        }
        while (j < n && !S_delim(s[j])) {
            odd |= s[j] >= 0x80 || s[j] < 0x20;
            j++;
        }
        if (odd && j - i <= S_MAX_TOKEN) {
            if (*ntok == cap) {
                S_token *t;
                cap = cap ? cap * 2 : 256;
                t = realloc(*tok, cap * sizeof *t);
                if (!t)
                    return -1;
                *tok = t;
            }
            (*tok)[*ntok].start = i;
            (*tok)[(*ntok)++].len = j - i;
            total += j - i;
        }
        i = j;
    }
    return 0;
}

/* Weight of one evidence token read in e: 3 for a frequent syllable, 2
 * for another valid one of two letters or more, 1 for a one-letter one
 * (a lone "Ọ" is weak evidence),
 * 2 for a token of punctuation and symbols only (an en dash in
 * Windows-1258 English), 0 otherwise. NBSP may sit inside a token: each
 * part around it must be a syllable. */
static unsigned S_token_weight(const uint32_t *cp, size_t ncp)
{
    size_t a = 0, b, letters = 0;
    int frequent = 0;
    for (b = 0; b < ncp; b++) {
        utf8proc_category_t k;
        if (cp[b] > 0x10FFFF)
            return 0;
        k = utf8proc_category((utf8proc_int32_t)cp[b]);
        if (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME)
            letters++;
        else if (k < UTF8PROC_CATEGORY_PC || k > UTF8PROC_CATEGORY_ZS)
            return 0; /* a control, a digit, a format character */
    }
    if (!letters)
        return 2;
    for (b = 0; b <= ncp; b++)
        if (b == ncp || utf8proc_category((utf8proc_int32_t)cp[b]) ==
                            UTF8PROC_CATEGORY_ZS) {
            int v = b > a ? S_syllable(cp + a, b - a) : 1;
            if (!v)
                return 0;
            frequent |= v == 2;
            a = b + 1;
        }
    return letters < 2 ? 1 : frequent ? 3 : 2;
}

/* Sum of the token weights of the evidence read in e with table tab, a
 * token counting when all its bytes mean something. tab NULL: the other
 * explanation, UTF-8 with bad bytes: each token holding a valid multibyte
 * sequence is read as UTF-8, a bad byte standing for a space; "Kế\xff"
 * then is the syllable "Kế". */
static size_t S_score(S_enc e, const uint32_t tab[256],
                      const unsigned char *s, const S_token *tok, size_t ntok)
{
    size_t t, score = 0;
    for (t = 0; t < ntok; t++) {
        uint32_t cp[S_MAX_TOKEN];
        size_t i = 0, ncp = 0, len = tok[t].len;
        const unsigned char *w = s + tok[t].start;
        int bad = 0, multi = 0;
        while (i < len) {
            if (tab) {
                i += S_legacy_char(e, tab, w + i, len - i, &cp[ncp]);
                bad |= cp[ncp++] == NQX_VNI_BAD;
            } else {
                utf8proc_int32_t c;
                utf8proc_ssize_t r = utf8proc_iterate(
                    w + i, (utf8proc_ssize_t)(len - i), &c);
                if (r <= 0) {
                    cp[ncp++] = 0xA0;
                    i++;
                } else {
                    cp[ncp++] = (uint32_t)c;
                    multi |= r > 1;
                    i += (size_t)r;
                }
            }
        }
        if (tab ? !bad : multi)
            score += S_token_weight(cp, ncp);
    }
    return score;
}

/* ------------------------------------------------------------------ */
/* Conversions. Each appends to ob and records map pieces (m may be NULL). */

static nqx_status S_conv_legacy(const char *name, S_enc e,
                                const uint32_t tab[256],
                                const unsigned char *s, size_t n,
                                nqx_buf *ob, nqx_norm_map *m, nqx_error *err)
{
    unsigned char u8[256][4], u8len[256], tone[256];
    size_t i = 0;
    unsigned b;
    for (b = 0; b < 256; b++) {
        u8len[b] = tab[b] == NQX_VNI_BAD
                       ? 0
                       : (unsigned char)utf8proc_encode_char(
                             (utf8proc_int32_t)tab[b], u8[b]);
        tone[b] = e != S_VNI && tab[b] != NQX_VNI_BAD &&
                  S_tone((utf8proc_int32_t)tab[b]) != 0;
    }
    while (i < n) {
        size_t end = n - i > S_CHUNK ? i + S_CHUNK : n;
        char *o;
        if (nqx_buf_reserve(ob, 4 * (end - i)))
            return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
        o = ob->data + ob->len;
        while (i < end) {
            size_t used = 1, l;
            if (m && nqx_norm_map_add(m, (size_t)(o - ob->data), i))
                return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
            /* VNI: ASCII not followed by a mark byte is plain ASCII. */
            if (e == S_VNI &&
                (s[i] >= 0x80 || (i + 1 < n && s[i + 1] >= 0xC0))) {
                uint32_t cp;
                used = nqx_vni_decode_char(s + i, n - i, tab, &cp);
                if (cp == NQX_VNI_BAD)
                    goto bad;
                l = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
                                                 (utf8proc_uint8_t *)o);
            } else if (i + 1 < n && tone[s[i + 1]] && u8len[s[i]] &&
                       S_tone((utf8proc_int32_t)tab[s[i]]) == 0) {
                /* A letter and a tone byte (CP1258, TCVN3): compose them
                 * here, as iconv would, so the text is NFC already and
                 * the map stays exact through the NFC step. */
                utf8proc_int32_t cps[8];
                utf8proc_ssize_t k;
                utf8proc_uint8_t pair[8];
                cps[0] = (utf8proc_int32_t)tab[s[i]];
                cps[1] = (utf8proc_int32_t)tab[s[i + 1]];
                if (utf8proc_normalize_utf32(cps, 2, UTF8PROC_COMPOSE) == 1) {
                    used = 2;
                } else { /* Â + dot below is Ạ + circumflex: decompose */
                    k = utf8proc_encode_char((utf8proc_int32_t)tab[s[i]],
                                             pair);
                    k += utf8proc_encode_char(
                        (utf8proc_int32_t)tab[s[i + 1]], pair + k);
                    k = utf8proc_decompose(pair, k, cps, 8,
                                           UTF8PROC_STABLE |
                                               UTF8PROC_DECOMPOSE);
                    if (k > 0 && k <= 8 &&
                        utf8proc_normalize_utf32(cps, k, UTF8PROC_STABLE |
                                                     UTF8PROC_COMPOSE) == 1)
                        used = 2;
                    else
                        cps[0] = (utf8proc_int32_t)tab[s[i]];
                }
                l = (size_t)utf8proc_encode_char(cps[0],
                                                 (utf8proc_uint8_t *)o);
            } else {
                l = u8len[s[i]];
                if (!l)
                    goto bad;
                memcpy(o, u8[s[i]], 4);
            }
            o += l;
            i += used;
        }
        ob->len = (size_t)(o - ob->data);
    }
    if (ob->data)
        ob->data[ob->len] = '\0';
    return NQX_OK;
bad:
    return nqx_fail(err, NQX_EENCODING, name, -1, (long)i,
                    "byte 0x%02X has no meaning in %s", s[i], S_outname[e]);
}

static nqx_status S_conv_utf16(const char *name, int le,
                               const unsigned char *s, size_t n,
                               size_t start, nqx_buf *ob, nqx_norm_map *m,
                               nqx_error *err)
{
    iconv_t cd;
    char *ip, *op;
    size_t il, ol, r, i;
    if ((n - start) % 2)
        return nqx_fail(err, NQX_EENCODING, name, -1, (long)(n - 1),
                        "truncated UTF-16: odd number of bytes");
    /* NULs, lone surrogates and the map: one pass over the code units. */
    for (i = start; i < n; i += 2) {
        unsigned u = le ? s[i] | (unsigned)s[i + 1] << 8
                        : (unsigned)s[i] << 8 | s[i + 1];
        size_t out = ob->len;
        if (u == 0)
            return nqx_fail(err, NQX_EBINARY, name, -1, (long)i,
                            "NUL byte: binary file, not text");
        if (u >= 0xD800 && u < 0xDC00) {
            unsigned v;
            if (i + 4 > n)
                return nqx_fail(err, NQX_EENCODING, name, -1, (long)i,
                                "truncated UTF-16: surrogate pair cut off");
            v = le ? s[i + 2] | (unsigned)s[i + 3] << 8
                   : (unsigned)s[i + 2] << 8 | s[i + 3];
            if (v < 0xDC00 || v >= 0xE000)
                return nqx_fail(err, NQX_EENCODING, name, -1, (long)i,
                                "invalid UTF-16: unpaired surrogate");
            if (nqx_norm_map_add(m, ob->len, i))
                return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
            ob->len += 4;
            i += 2;
            continue;
        }
        if (u >= 0xDC00 && u < 0xE000)
            return nqx_fail(err, NQX_EENCODING, name, -1, (long)i,
                            "invalid UTF-16: unpaired surrogate");
        if (nqx_norm_map_add(m, out, i))
            return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
        ob->len += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
    }
    il = ob->len; /* the exact UTF-8 length */
    ob->len = 0;
    if (nqx_buf_reserve(ob, il))
        return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
    cd = iconv_open("UTF-8", le ? "UTF-16LE" : "UTF-16BE");
    if (cd == (iconv_t)-1)
        return nqx_fail(err, NQX_EENCODING, name, -1, -1,
                        "iconv cannot read UTF-16");
    ip = (char *)s + start;
    op = ob->data;
    ol = il + 1;
    il = n - start;
    r = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    if (r == (size_t)-1)
        return nqx_fail(err, NQX_EENCODING, name, -1,
                        (long)(ip - (const char *)s), "invalid UTF-16");
    ob->len = (size_t)(op - ob->data);
    ob->data[ob->len] = '\0';
    return NQX_OK;
}

/* Well-formed UTF-8 (what utf8proc_iterate accepts: no overlong form, no
 * surrogate, nothing past U+10FFFF) as a DFA over byte classes, written as
 * a shift DFA so that a byte costs two loads, a shift and a mask and no
 * branch (Vietnamese text changes between 1-, 2- and 3-byte characters
 * every few bytes, which branches mispredict): nqx_norm_u8_dfa[class]
 * (class: nqx_norm_u8_class[byte]) holds at
 * bit s the state after a byte of that class from state s. States (bit
 * offsets): 0 accept, 6/12/18 one/two/three continuation bytes to come,
 * 24 after E0, 30 after ED, 36 after F0, 42 after F4, 48 reject. Generated
 * and checked against a strict decoder on every sequence of up to three
 * bytes and 300,000 random ones. */
const unsigned char nqx_norm_u8_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 7,
    9, 10, 10, 10, 11, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};
const uint64_t nqx_norm_u8_dfa[12] = {
    UINT64_C(0x0030C30C30C30C00),
    UINT64_C(0x00303301B0306030),
    UINT64_C(0x0030C0C1B0306030),
    UINT64_C(0x0030C0CC06306030),
    UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C06),
    UINT64_C(0x0030C30C30C30C18),
    UINT64_C(0x0030C30C30C30C0C),
    UINT64_C(0x0030C30C30C30C1E),
    UINT64_C(0x0030C30C30C30C24),
    UINT64_C(0x0030C30C30C30C12),
    UINT64_C(0x0030C30C30C30C2A),
};

/* Two steps of nqx_norm_u8_dfa at once: entry 12 * c1 + c2 holds at bit
 * s the state after a byte of class c1 and then one of class c2 from
 * state s, so that the chain from state to state, which bounds the
 * loop, costs a shift and a mask per two bytes. Generated from
 * nqx_norm_u8_dfa and checked against it on 200,000 random strings. */
const uint64_t nqx_norm_u8_dfa2[144] = {
    UINT64_C(0x0030C30C30C30C00), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C06),
    UINT64_C(0x0030C30C30C30C18), UINT64_C(0x0030C30C30C30C0C), UINT64_C(0x0030C30C30C30C1E),
    UINT64_C(0x0030C30C30C30C24), UINT64_C(0x0030C30C30C30C12), UINT64_C(0x0030C30C30C30C2A),
    UINT64_C(0x0030C30C30C30030), UINT64_C(0x00301B0030180C30), UINT64_C(0x00301B0030180C30),
    UINT64_C(0x00301B0030180C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C301B0),
    UINT64_C(0x0030C30C30C30630), UINT64_C(0x0030C30C30C30330), UINT64_C(0x0030C30C30C307B0),
    UINT64_C(0x0030C30C30C30930), UINT64_C(0x0030C30C30C304B0), UINT64_C(0x0030C30C30C30AB0),
    UINT64_C(0x0030C30C30C30030), UINT64_C(0x0030C06030180C30), UINT64_C(0x0030C06030180C30),
    UINT64_C(0x0030C06030180C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C301B0),
    UINT64_C(0x0030C30C30C30630), UINT64_C(0x0030C30C30C30330), UINT64_C(0x0030C30C30C307B0),
    UINT64_C(0x0030C30C30C30930), UINT64_C(0x0030C30C30C304B0), UINT64_C(0x0030C30C30C30AB0),
    UINT64_C(0x0030C30C30C30030), UINT64_C(0x0030C06C00180C30), UINT64_C(0x0030C06C00180C30),
    UINT64_C(0x0030C06C00180C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C301B0),
    UINT64_C(0x0030C30C30C30630), UINT64_C(0x0030C30C30C30330), UINT64_C(0x0030C30C30C307B0),
    UINT64_C(0x0030C30C30C30930), UINT64_C(0x0030C30C30C304B0), UINT64_C(0x0030C30C30C30AB0),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C00), UINT64_C(0x0030C30C30C30C00),
    UINT64_C(0x0030C30C30C30C00), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C06), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C06), UINT64_C(0x0030C30C30C30C06),
    UINT64_C(0x0030C30C30C30C06), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C06), UINT64_C(0x0030C30C30C30C06),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C0C),
    UINT64_C(0x0030C30C30C30C0C), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C0C), UINT64_C(0x0030C30C30C30C0C),
    UINT64_C(0x0030C30C30C30C0C), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C0C), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
    UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30), UINT64_C(0x0030C30C30C30C30),
};

/* Length of the valid UTF-8 prefix: the whole text by the DFA, and where
 * it is not valid, the place by decoding (ASCII a word at a time). */
int nqx_norm_u8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    uint64_t st = 0;
#if defined(__SSE2__)
    /* From a character's start, sixteen bytes a step where they are ASCII
     * and characters of two or three bytes whose leads (C2-DF, E1-EC)
     * take any continuation bytes: each continuation byte must follow its
     * lead, and a character cut by the block's end is taken by the next
     * step. A block that fails (another lead, a stray byte) goes through
     * the DFA to the next character's start, sixteen bytes or more. */
    const __m128i c0 = _mm_set1_epi8((char)0xC0), x80 = _mm_set1_epi8((char)0x80);
    const __m128i a7f = _mm_set1_epi8(0x7F), lc2 = _mm_set1_epi8((char)0xC2);
    const __m128i ldf = _mm_set1_epi8((char)0xDF), le1 = _mm_set1_epi8((char)0xE1);
    const __m128i lec = _mm_set1_epi8((char)0xEC);
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i asc = _mm_cmpeq_epi8(_mm_min_epu8(v, a7f), v);
        __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(v, c0), x80);
        __m128i l2 = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, lc2), v),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, ldf), v));
        __m128i l3 = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, le1), v),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, lec), v));
        __m128i lead = _mm_or_si128(l2, l3);
        /* where a continuation byte belongs: after a lead, two after a
         * three-byte lead (nothing before the block: i starts one) */
        __m128i want = _mm_or_si128(_mm_slli_si128(lead, 1), _mm_slli_si128(l3, 2));
        unsigned known = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(asc, cont), lead));
        unsigned stray = (unsigned)_mm_movemask_epi8(_mm_xor_si128(cont, want));
        if (known == 0xFFFFu && !stray) {
            unsigned ml = (unsigned)_mm_movemask_epi8(lead);
            unsigned m3 = (unsigned)_mm_movemask_epi8(l3);
            i += ml & 0x8000u ? 15 : m3 & 0x4000u ? 14 : 16;
            continue;
        }
        {
            size_t end = i + 16;
            do
                st = nqx_norm_u8_dfa[nqx_norm_u8_class[s[i++]]] >> st & 63;
            while (i < n && (st != 0 || i < end) && st != 48);
            if (st)
                return 0;
        }
    }
#endif
    for (; i + 2 <= n; i += 2)
        st = nqx_norm_u8_dfa2[nqx_norm_u8_class[s[i]] * 12 +
                              nqx_norm_u8_class[s[i + 1]]] >> st & 63;
    if (i < n)
        st = nqx_norm_u8_dfa[nqx_norm_u8_class[s[i]]] >> st & 63;
    return st == 0;
}

static size_t S_utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    if (nqx_norm_u8_valid(s, n))
        return n;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t r;
        if (s[i] < 0x80) {
            uint64_t w;
            while (i + 8 <= n) {
                memcpy(&w, s + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            while (i < n && s[i] < 0x80)
                i++;
            continue;
        }
        r = (utf8proc_ssize_t)nqx_norm_utf8(s + i, n - i, &c);
        if (r <= 0)
            return i;
        i += (size_t)r;
    }
    return n;
}

/* Pick the legacy encoding for s; -1 when none is plausible. */
static int S_detect_legacy(const char *name, const unsigned char *s,
                           size_t n, uint32_t tabs[][256], int *have,
                           nqx_error *err, nqx_status *st)
{
    S_token *tok;
    size_t ntok, best = 0, score;
    int e, pick = -1;
    *st = NQX_OK;
    if (S_evidence(s, n, &tok, &ntok)) {
        free(tok);
        *st = nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
        return -1;
    }
    for (e = 0; e < S_NLEGACY; e++) {
        S_enc enc = (S_enc)(S_LEGACY_FIRST + e);
        if (!have[e]) {
            if ((*st = S_table(name, S_iconvname[enc], tabs[e], err)) != NQX_OK)
                break;
            have[e] = 1;
        }
        score = S_score(enc, tabs[e], s, tok, ntok);
        if (score > best) {
            best = score;
            pick = e;
        }
    }
    /* Half the tokens at full weight, and more than one word: one could
     * be chance; and a better reading than broken UTF-8. */
    if (*st || best < 3 || best < ntok || S_score(S_UTF8, NULL, s, tok, ntok) >= best)
        pick = -1;
    free(tok);
    return pick;
}

static S_enc S_utf16_guess(const unsigned char *s, size_t n)
{
    size_t i, even = 0, odd = 0;
    for (i = 0; i < n && i < 4096; i++)
        if (!s[i]) {
            if (i % 2)
                odd++;
            else
                even++;
        }
    return odd > even ? S_UTF16LE : S_UTF16BE;
}

nqx_status nqx_norm_decode(const char *name, const char *bytes, size_t n,
                           const char *encoding, char **out, size_t *outlen,
                           char encname[32], nqx_offset_piece **in_map,
                           size_t *nin_map, nqx_error *err)
{
    const unsigned char *s = (const unsigned char *)bytes;
    uint32_t tabs[S_NLEGACY][256];
    int have[S_NLEGACY] = {0};
    nqx_buf ob = {0};
    nqx_norm_map map = {0}, *m = in_map ? &map : NULL;
    S_enc enc = S_UTF8;
    int forced = 0;
    size_t skip = 0, i;
    nqx_status st;

    *out = NULL;
    *outlen = 0;
    encname[0] = '\0';
    if (in_map)
        *in_map = NULL;
    if (nin_map)
        *nin_map = 0;
    if (encoding) {
        for (i = 0; i < sizeof S_names / sizeof S_names[0]; i++)
            if (strcasecmp(encoding, S_names[i].name) == 0)
                break;
        if (i == sizeof S_names / sizeof S_names[0])
            return nqx_fail(err, NQX_EINVAL, name, -1, -1,
                            "unknown encoding '%s' (UTF-8, UTF-16, UTF-16LE, "
                            "UTF-16BE, WINDOWS-1258, VISCII, TCVN3, VNI)",
                            encoding);
        enc = S_names[i].enc;
        forced = 1;
    }
    if (n == 0)
        return nqx_fail(err, NQX_EEMPTY, name, -1, -1, "empty file");

    /* BOMs: they decide unless an encoding was forced. */
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
                   (s[0] == 0xFE && s[1] == 0xFF))) {
        S_enc bom = s[0] == 0xFF ? S_UTF16LE : S_UTF16BE;
        if (!forced || enc == S_UTF16 || enc == bom) {
            enc = bom;
            skip = 2;
        }
    } else if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 &&
               (!forced || enc == S_UTF8)) {
        enc = S_UTF8;
        skip = 3;
        forced = 1; /* a UTF-8 BOM is a declaration */
    }
    if (enc == S_UTF16)
        enc = S_utf16_guess(s, n);

    if (enc == S_UTF16LE || enc == S_UTF16BE) {
        st = S_conv_utf16(name, enc == S_UTF16LE, s, n, skip, &ob, m, err);
        if (st)
            goto fail;
    } else {
        const unsigned char *z = memchr(s, '\0', n);
        if (z)
            return nqx_fail(err, NQX_EBINARY, name, -1, (long)(z - s),
                            "NUL byte: binary file, not text");
        if (enc == S_UTF8) {
            size_t valid = S_utf8_valid(s + skip, n - skip);
            if (valid != n - skip) {
                int pick = -1;
                if (!forced) {
                    pick = S_detect_legacy(name, s, n, tabs, have, err, &st);
                    if (st)
                        goto fail;
                }
                if (pick < 0)
                    return nqx_fail(err, NQX_EENCODING, name, -1,
                                    (long)(skip + valid),
                                    "invalid UTF-8 (byte 0x%02X), and not a "
                                    "Vietnamese legacy encoding either",
                                    s[skip + valid]);
                enc = (S_enc)(S_LEGACY_FIRST + pick);
            } else {
                if (nqx_buf_append(&ob, bytes + skip, n - skip) ||
                    nqx_norm_map_add(m, 0, skip)) {
                    st = nqx_fail(err, NQX_ENOMEM, name, -1, -1,
                                  "out of memory");
                    goto fail;
                }
            }
        }
        if (enc != S_UTF8) {
            int e = (int)enc - S_LEGACY_FIRST;
            if (!have[e] &&
                (st = S_table(name, S_iconvname[enc], tabs[e], err)) != NQX_OK)
                goto fail;
            st = S_conv_legacy(name, enc, tabs[e], s, n, &ob, m, err);
            if (st)
                goto fail;
        }
    }

    *outlen = ob.len;
    if (!ob.len)
        nqx_buf_free(&ob);
    *out = ob.len ? nqx_buf_steal(&ob) : calloc(1, 1);
    if (!*out) {
        st = nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
        goto fail;
    }
    snprintf(encname, 32, "%s", S_outname[enc]);
    if (in_map) {
        if ((!map.n && nqx_norm_map_add(&map, 0, skip)) ||
            S_map_finish(&map, *outlen, n)) {
            free(*out);
            *out = NULL;
            st = nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
            goto fail;
        }
        *in_map = map.v;
        *nin_map = map.n;
    }
    return NQX_OK;
fail:
    nqx_buf_free(&ob);
    free(map.v);
    return st;
}
