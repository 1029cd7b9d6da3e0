/* normalize.c: the normalizer's entry point: decode, NFC, then repairs.
 *
 * Each step yields a new buffer and a piecewise map from its offsets to the
 * offsets of the buffer before it (nqx_offset_piece: linear inside a piece).
 * The maps are composed down to the input bytes, so every offset of the
 * final text maps back to the input: exactly in unchanged text and at the
 * start of every change, linearly inside a replaced span. Layout and OCR
 * edits are logged as changes (decoding and NFC are not: they change the
 * bytes, not the text).
 */
#include "norm.h"
#include "syl.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

const char *nqx_change_kind_name(nqx_change_kind k)
{
    switch (k) {
    case NQX_CHANGE_MARKUP: return "markup";
    case NQX_CHANGE_JOIN: return "join";
    case NQX_CHANGE_OCR: return "ocr";
    case NQX_CHANGE_SPACE: return "space";
    case NQX_CHANGE_TABLE: return "table";
    case NQX_CHANGE_NFC: return "nfc";
    }
    return "?";
}

size_t nqx_norm_utf8_slow(const unsigned char *s, size_t n, int32_t *cp)
{
    utf8proc_ssize_t r = utf8proc_iterate(s, (utf8proc_ssize_t)n, cp);
    return r > 0 ? (size_t)r : 0;
}

size_t nqx_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t k;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        k = nqx_norm_utf8(u + i, n - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

void nqx_text_free(nqx_text *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < t->nchanges; i++) {
        free(t->changes[i].from);
        free(t->changes[i].to);
    }
    free(t->changes);
    free(t->map);
    free(t->text);
    free(t);
}

size_t nqx_text_input_offset(const nqx_text *t, size_t out_off)
{
    size_t lo = 0, hi;
    if (!t->nmap)
        return out_off;
    hi = t->nmap;
    while (hi - lo > 1) { /* last piece with .out <= out_off */
        size_t mid = (lo + hi) / 2;
        if (t->map[mid].out <= out_off)
            lo = mid;
        else
            hi = mid;
    }
    {
        /* Linear inside a piece, but never past where the next piece
         * starts: a piece whose output grew (NFC expanding a composition
         * exclusion, a longer replacement) maps its tail to its end.
         * (Moved footnotes make the map jump back: no clamp there.) */
        size_t in = t->map[lo].in + (out_off - t->map[lo].out);
        if (lo + 1 < t->nmap && t->map[lo + 1].in >= t->map[lo].in &&
            in > t->map[lo + 1].in)
            in = t->map[lo + 1].in;
        /* the last piece has no next one: its tail (a legacy byte decoded
         * to a three-byte letter, then an OCR edit there) stops at the
         * input's end (fuzz_normalize with the model found it) */
        return in > t->input_len ? t->input_len : in;
    }
}

/* ------------------------------------------------------------------ NFC */

/* Code points that NFC never changes and that never compose with what
 * precedes them: below U+0300, Vietnamese precomposed letters, common
 * punctuation and symbols. Text made of them skips utf8proc entirely. */
static int S_nfc_stable(utf8proc_int32_t cp)
{
    return cp < 0x300 || (cp >= 0x1EA0 && cp <= 0x1EF9) ||
           (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
           (cp >= 0x2070 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x2328) ||
           (cp >= 0x2500 && cp <= 0x27BF) || cp == 0xFEFF;
}

/* The characters S_nfc_stable accepts most often, as a shift DFA (see
 * decode.c's nqx_norm_u8_dfa): ASCII, two-byte sequences below U+0300 (any lead
 * byte below 0xCC followed by a continuation byte, as S_nfc's test) and
 * the Vietnamese letters U+1EA0..U+1EF9 (E1 BA A0..E1 BB B9). States (bit
 * offsets): 0 between characters, 6 after a two-byte lead, 12 after E1,
 * 18 after E1 BA, 24 after E1 BB, 30 (S_NFC_OTHER) anything else, which
 * S_nfc looks at by decoding. Generated and checked with nqx_norm_u8_dfa. */
static const unsigned char S_nfc_dfa_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5, 5, 5, 5,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 8, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
};
static const uint64_t S_nfc_dfa[9] = {
    UINT64_C(0x000000079E79E780),
    UINT64_C(0x000000078079E006),
    UINT64_C(0x000000078001E006),
    UINT64_C(0x000000079E012006),
    UINT64_C(0x000000079E018006),
    UINT64_C(0x000000079E01E006),
    UINT64_C(0x000000079E79E786),
    UINT64_C(0x000000079E79E79E),
    UINT64_C(0x000000079E79E78C),
};
#define S_NFC_OTHER 30

/* Two steps of S_nfc_dfa at once: entry 9 * c1 + c2 holds at bit s the
 * state after a byte of class c1 and then one of class c2 from state s,
 * so that the chain from state to state costs a shift and a mask per
 * two bytes. S_NFC_OTHER stays S_NFC_OTHER: a pair that reaches it is
 * read again a byte at a time to find the byte. Generated from
 * S_nfc_dfa and checked against it on 300,000 random strings. */
static const uint64_t S_nfc_dfa2[81] = {
    UINT64_C(0x000000079E79E780), UINT64_C(0x000000079E79E786), UINT64_C(0x000000079E79E786),
    UINT64_C(0x000000079E79E786), UINT64_C(0x000000079E79E786), UINT64_C(0x000000079E79E786),
    UINT64_C(0x000000079E79E786), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E78C),
    UINT64_C(0x000000078079E01E), UINT64_C(0x000000078679E180), UINT64_C(0x000000078679E180),
    UINT64_C(0x000000078679E180), UINT64_C(0x000000078679E180), UINT64_C(0x000000078679E180),
    UINT64_C(0x000000078679E19E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000078C79E31E),
    UINT64_C(0x000000078001E01E), UINT64_C(0x000000078619E180), UINT64_C(0x000000078619E180),
    UINT64_C(0x000000078619E180), UINT64_C(0x000000078619E180), UINT64_C(0x000000078619E180),
    UINT64_C(0x000000078619E19E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000078C31E31E),
    UINT64_C(0x000000079E01E01E), UINT64_C(0x000000079E19E180), UINT64_C(0x000000079E180180),
    UINT64_C(0x000000079E180180), UINT64_C(0x000000079E180180), UINT64_C(0x000000079E180180),
    UINT64_C(0x000000079E19E19E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E31E31E),
    UINT64_C(0x000000079E01E01E), UINT64_C(0x000000079E180180), UINT64_C(0x000000079E180180),
    UINT64_C(0x000000079E19E180), UINT64_C(0x000000079E19E180), UINT64_C(0x000000079E19E180),
    UINT64_C(0x000000079E19E19E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E31E31E),
    UINT64_C(0x000000079E01E01E), UINT64_C(0x000000079E19E180), UINT64_C(0x000000079E19E180),
    UINT64_C(0x000000079E19E180), UINT64_C(0x000000079E19E180), UINT64_C(0x000000079E19E180),
    UINT64_C(0x000000079E19E19E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E31E31E),
    UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E780), UINT64_C(0x000000079E79E780),
    UINT64_C(0x000000079E79E780), UINT64_C(0x000000079E79E780), UINT64_C(0x000000079E79E780),
    UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E),
    UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E),
    UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E),
    UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E),
    UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E),
    UINT64_C(0x000000079E79E792), UINT64_C(0x000000079E79E798), UINT64_C(0x000000079E79E79E),
    UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E), UINT64_C(0x000000079E79E79E),
};

/* A decimal digit of another script (fullwidth ２０２５, Arabic-Indic,
 * mathematical bold) as its ASCII digit, given to utf8proc as a custom
 * mapping: grammars and number parsing then see one form of digits (read
 * as they were, "Đến năm ２０２５" gave no deadline and a target of 0).
 * Unicode keeps each script's digits as one run in the order 0-9, so a
 * digit's value is its place in its run. */
static utf8proc_int32_t S_digit_ascii(utf8proc_int32_t cp, void *data)
{
    int k = 0;
    (void)data;
    if (cp < 0x80 || utf8proc_category(cp) != UTF8PROC_CATEGORY_ND)
        return cp;
    while (k < 100 && utf8proc_category(cp - k - 1) == UTF8PROC_CATEGORY_ND)
        k++;
    return '0' + k % 10;
}

/* The segments NFC changed, as edits of the decoded text (kind
 * NQX_CHANGE_NFC) with where each landed in the NFC text. */
typedef struct {
    nqx_norm_edit *v;
    size_t *at;
    size_t n, cap, atcap;
} S_nfcl;

static int S_nfc_note(S_nfcl *l, size_t u0, size_t u1, const char *r,
                      size_t rl, size_t n0, nqx_change_kind kind)
{
    if (l->n == l->atcap) {
        size_t cap = l->atcap ? l->atcap * 2 : 16;
        size_t *at = realloc(l->at, cap * sizeof *at);
        if (!at)
            return -1;
        l->at = at;
        l->atcap = cap;
    }
    l->at[l->n] = n0;
    return nqx_norm_edit_push(&l->v, &l->n, &l->cap, u0, u1, r, rl, kind, 1.0);
}

/* ------------------------------------------------------ misplaced marks */

/* The tone (1-5) or vowel mark (NQX_MOD_* << 4) of a combining mark a
 * syllable can take, else 0. */
static int S_mark(int32_t cp)
{
    switch (cp) {
    case 0x300: return 1;
    case 0x301: return 2;
    case 0x309: return 3;
    case 0x303: return 4;
    case 0x323: return 5;
    case 0x306: return NQX_MOD_BREVE << 4;
    case 0x302: return NQX_MOD_CIRC << 4;
    case 0x31B: return NQX_MOD_HORN << 4;
    }
    return 0;
}

/* A letter or a combining mark: what a word spans here. */
static int S_word_cp(int32_t cp)
{
    char b;
    int md, t, up;
    return (cp >= 0x300 && cp < 0x370) || nqx_syl_letter(cp, &b, &md, &t, &up);
}

/* A combining tone or vowel mark written after a consonant ("biên" +
 * U+0301 after the n, "chinh" + U+0301, "t" + U+0309 + "inh"): OCR and
 * PDF text extraction attach a mark to the wrong letter, NFC cannot
 * compose it (or makes a letter no Vietnamese word has: ń, ǹ), and the
 * word is no syllable the corrector knows. Put back on the vowel (a
 * tone where syllable.c's rules place it, style 0; a vowel mark on the
 * one vowel that makes a syllable of the word), the word s[0..n) is
 * written to out (4 * NQX_SYL_MAX bytes): returns its length, or 0 when
 * the word has no such mark or moving it makes no valid syllable (then
 * NFC composes it as before). Decomposed marks after vowels are taken as
 * they are. */
static size_t S_move_marks(const unsigned char *s, size_t n, char *out)
{
    nqx_syl y;
    int stray[4], nstray = 0, last = -1, k, t, tries;
    size_t i = 0;
    memset(&y, 0, sizeof y);
    y.tone_at = -1;
    while (i < n) {
        int32_t cp;
        size_t len = nqx_norm_utf8(s + i, n - i, &cp);
        int mk = S_mark(cp), md, up;
        char b;
        if (!len)
            return 0;
        if (mk) {
            if (last < 0)
                return 0;
            if (!nqx_syl_vowel_base(y.base[last])) {
                if (nstray == 4)
                    return 0;
                stray[nstray++] = mk;
            } else if (mk < 16) { /* a decomposed tone on its vowel */
                if (y.tone)
                    return 0;
                y.tone = mk;
                y.tone_at = last;
            } else {
                if (y.mod[last])
                    return 0;
                y.mod[last] = (unsigned char)(mk >> 4);
            }
        } else {
            nqx_syl one;
            if (y.n == NQX_SYL_MAX || !nqx_syl_letter(cp, &b, &md, &t, &up) ||
                !nqx_syl_parse((const char *)s + i, len, &one) || one.foreign)
                return 0;
            if (t) {
                if (y.tone)
                    return 0;
                y.tone = t;
                y.tone_at = y.n;
            }
            last = y.n++;
            y.base[last] = b;
            y.mod[last] = (unsigned char)md;
            y.upper[last] = (unsigned char)up;
        }
        i += len;
    }
    if (!nstray)
        return 0;
    for (k = 0; k < nstray; k++) {
        int mod = stray[k] >> 4, pos = -1, c;
        if (!mod) {
            if (y.tone)
                return 0;
            y.tone = stray[k];
            continue;
        }
        /* the one vowel that takes this mark and makes a syllable */
        for (c = 0, tries = 0; c < y.n; c++) {
            int fits = (mod == NQX_MOD_CIRC && strchr("aeo", y.base[c])) ||
                       (mod == NQX_MOD_BREVE && y.base[c] == 'a') ||
                       (mod == NQX_MOD_HORN && strchr("ou", y.base[c]));
            if (!fits || y.mod[c])
                continue;
            y.mod[c] = (unsigned char)mod;
            if (nqx_syl_valid(&y)) {
                pos = c;
                tries++;
            }
            y.mod[c] = NQX_MOD_NONE;
        }
        if (tries != 1)
            return 0;
        y.mod[pos] = (unsigned char)mod;
    }
    if (y.tone && (y.tone_at = nqx_syl_tone_pos(&y, 0)) < 0)
        return 0;
    if (!nqx_syl_valid(&y))
        return 0;
    return nqx_syl_render(&y, y.tone_at, out);
}

/* 1 when a combining mark (CC 80 .. CD AF) follows an ASCII consonant
 * or đ, Đ (C4 91, C4 90) from the mark at s[i] to the word's end (an
 * ASCII byte that is no letter): bytes only, so that decomposed text,
 * a mark after every vowel, pays little for S_move_marks. *end: where
 * the scan stopped (the word's marks before it need no second look). */
static int S_has_stray(const unsigned char *s, size_t n, size_t i, size_t *end)
{
    for (*end = n; i + 1 < n; i++) {
        unsigned char c = s[i], p;
        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
            *end = i;
            return 0;
        }
        if (!((c == 0xCC && s[i + 1] >= 0x80) || (c == 0xCD && s[i + 1] <= 0xAF)) || !i)
            continue;
        p = s[i - 1] | 0x20;
        if ((p >= 'a' && p <= 'z' && !nqx_syl_vowel_base((char)p)) ||
            ((p == 0xB0 || p == 0xB1) && i >= 2 && s[i - 2] == 0xC4)) {
            /* (Đ, đ: C4 90, C4 91; İ, ı too, which S_move_marks turns down) */
            *end = i;
            return 1;
        }
    }
    return 0;
}

/* The word around the combining mark at s[i] (its letters and marks),
 * [*ws, *we) */
static void S_word_at(const unsigned char *s, size_t n, size_t i, size_t *ws,
                      size_t *we)
{
    size_t j = i, k;
    int32_t cp;
    while (j > 0) {
        for (k = j - 1; k > 0 && (s[k] & 0xC0) == 0x80; k--)
            ;
        if (!nqx_norm_utf8(s + k, j - k, &cp) || !S_word_cp(cp))
            break;
        j = k;
    }
    *ws = j;
    for (j = i; j < n;) {
        size_t len = nqx_norm_utf8(s + j, n - j, &cp);
        if (!len || !S_word_cp(cp))
            break;
        j += len;
    }
    *we = j;
}

/* 1 when s[0..n) holds "Ð" or "ð" (C3 90, C3 B0). Eight bytes at a
 * time: Vietnamese text has a C3 lead every few letters (à, á, â, ô ...),
 * where memchr would stop; the word test may flag a pair that is not
 * there (the borrow of the zero-byte test), never miss one, and a flagged
 * word is checked byte by byte. */
static int S_has_eth(const unsigned char *s, size_t n)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones * 0x80;
    size_t i = 0, k;
#if defined(__SSE2__)
    /* sixteen leads a step, each beside the byte after it */
    for (; i + 17 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i hit = _mm_and_si128(
            _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3)),
            _mm_cmpeq_epi8(_mm_or_si128(y, _mm_set1_epi8(0x20)),
                           _mm_set1_epi8((char)0xB0)));
        if (_mm_movemask_epi8(hit))
            return 1;
    }
#endif
    for (; i + 9 <= n; i += 8) {
        uint64_t x, y, a, b;
        memcpy(&x, s + i, 8);     /* the leads */
        memcpy(&y, s + i + 1, 8); /* the bytes after them */
        a = x ^ (ones * 0xC3);
        b = (y | ones * 0x20) ^ (ones * 0xB0);
        if (!(((a - ones) & ~a & highs) & ((b - ones) & ~b & highs)))
            continue;
        for (k = i; k < i + 8; k++)
            if (s[k] == 0xC3 && (s[k + 1] | 0x20) == 0xB0)
                return 1;
    }
    for (; i + 1 < n; i++)
        if (s[i] == 0xC3 && (s[i + 1] | 0x20) == 0xB0)
            return 1;
    return 0;
}

/* From a character's start at i, past the blocks of sixteen bytes that
 * S_nfc_dfa reads to state 0 without S_NFC_OTHER, taken with SSE2 where
 * they hold only ASCII, two-byte characters with leads C0-CB and E1 BA
 * A0..BF, E1 BB 80..B9, each continuation byte in its place (a character
 * cut by the block's end is left to the next step): the DFA reads such
 * bytes the same way. The first other block stops it, at a character's
 * start, where the DFA goes on. Not for the table with "Ð" (cls_eth). */
static size_t S_nfc_skip(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i c0 = _mm_set1_epi8((char)0xC0), x80 = _mm_set1_epi8((char)0x80);
    const __m128i a7f = _mm_set1_epi8(0x7F), lcb = _mm_set1_epi8((char)0xCB);
    const __m128i e1 = _mm_set1_epi8((char)0xE1), ba = _mm_set1_epi8((char)0xBA);
    const __m128i bb = _mm_set1_epi8((char)0xBB), a0 = _mm_set1_epi8((char)0xA0);
    const __m128i b9 = _mm_set1_epi8((char)0xB9);
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i asc = _mm_cmpeq_epi8(_mm_min_epu8(v, a7f), v);
        __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(v, c0), x80);
        __m128i l2 = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, c0), v),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, lcb), v));
        __m128i l3 = _mm_cmpeq_epi8(v, e1);
        __m128i lead = _mm_or_si128(l2, l3);
        __m128i mid = _mm_slli_si128(l3, 1); /* the byte after E1 */
        __m128i is_ba = _mm_cmpeq_epi8(v, ba), is_bb = _mm_cmpeq_epi8(v, bb);
        __m128i after_ba = _mm_slli_si128(_mm_and_si128(mid, is_ba), 1);
        __m128i after_bb = _mm_slli_si128(_mm_and_si128(mid, is_bb), 1);
        __m128i want = _mm_or_si128(_mm_slli_si128(lead, 1), _mm_slli_si128(l3, 2));
        __m128i bad = _mm_or_si128(
            _mm_or_si128(_mm_xor_si128(cont, want),
                         _mm_andnot_si128(_mm_or_si128(is_ba, is_bb), mid)),
            _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, a0), v), after_ba),
                         _mm_andnot_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, b9), v), after_bb)));
        unsigned known = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(asc, cont), lead));
        unsigned ml, m3;
        if (known != 0xFFFFu || _mm_movemask_epi8(bad))
            break;
        ml = (unsigned)_mm_movemask_epi8(lead);
        m3 = (unsigned)_mm_movemask_epi8(l3);
        i += ml & 0x8000u ? 15 : m3 & 0x4000u ? 14 : 16;
    }
#else
    (void)s, (void)n;
#endif
    return i;
}

/* NFC of u[0..n). An ASCII character never composes with what precedes
 * it, so the text is normalized a segment at a time: from the ASCII byte
 * before a run of non-ASCII characters to the next ASCII byte. Memory
 * stays bounded on a 100 MB line, and the map is exact outside the
 * segments that changed (each noted in ch). *out is u itself when nothing
 * changed. */
static nqx_status S_nfc(const char *name, char *u, size_t n, char **out,
                        size_t *outlen, nqx_norm_map *m, S_nfcl *ch, nqx_error *err)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)u;
    size_t i = 0, copied = 0, last_ascii = 0, clean_to = 0;
    int have_ascii = 0;
    nqx_buf b = {0};
    const unsigned char *cls = S_nfc_dfa_class;
    unsigned char cls_eth[256];
    /* "Ð" (U+00D0, Icelandic eth) and "ð" stand for Đ and đ in OCR output
     * and in text converted from old fonts with the wrong table ("Ðảng",
     * "NÐ-CP"); no Vietnamese word has them, and the grammars, the model
     * and search key on Đ. Only a text that holds one has the DFA stop at
     * each lead byte C3 (à, é, ô ...), where they are told apart. */
    if (S_has_eth(s, n)) {
        memcpy(cls_eth, S_nfc_dfa_class, sizeof cls_eth);
        cls_eth[0xC3] = S_nfc_dfa_class[0xCC]; /* as a lead above U+0300 */
        cls = cls_eth;
    }
    m->n = 0;
    if (nqx_norm_map_add(m, 0, 0))
        goto oom;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        size_t seg, e, cs, i0 = i;
        utf8proc_uint8_t *res = NULL;
        utf8proc_ssize_t rl;
        uint64_t st = 0, ps = 0;
        if (cls == S_nfc_dfa_class)
            i = S_nfc_skip(s, i, n);
        /* the usual characters by the DFA, without a branch on each,
         * two at a time (the pair where it stopped, and a last byte, one
         * at a time); then the character at cs, where it stopped, as
         * below */
        for (; i + 2 <= n; i += 2) {
            uint64_t s2 = S_nfc_dfa2[cls[s[i]] * 9 +
                                     cls[s[i + 1]]] >> st & 63;
            if (s2 == S_NFC_OTHER)
                break;
            st = s2;
        }
        for (; i < n; i++) {
            ps = st;
            st = S_nfc_dfa[cls[s[i]]] >> st & 63;
            if (st == S_NFC_OTHER)
                break;
        }
        if (st == 0)
            break; /* the end, after whole characters */
        if (i == n)
            ps = st; /* a character cut off at the end */
        /* where the character started: the DFA's state says how many of
         * its bytes it had read (1 after a lead byte, 2 after E1 BA or E1
         * BB); and the last ASCII character before it (ASCII is only
         * read between characters) */
        cs = i - (ps == 0 ? 0 : ps <= 12 ? 1 : 2);
        for (e = cs; e > i0; e--)
            if (s[e - 1] < 0x80) {
                last_ascii = e - 1;
                have_ascii = 1;
                break;
            }
        i = cs;
        if (s[i] < 0x80) { /* (not after the DFA: ASCII is a character) */
            last_ascii = i;
            have_ascii = 1;
            i++;
            continue;
        }
        if (s[i] == 0xC3 && i + 1 < n && (s[i + 1] == 0x90 || s[i + 1] == 0xB0)) {
            const char *r = s[i + 1] == 0x90 ? "\xC4\x90" : "\xC4\x91"; /* Đ đ */
            if (nqx_buf_append(&b, u + copied, i - copied) || nqx_norm_map_add(m, b.len, i) ||
                S_nfc_note(ch, i, i + 2, r, 2, b.len, NQX_CHANGE_NFC) || nqx_buf_append(&b, r, 2) ||
                nqx_norm_map_add(m, b.len, i + 2))
                goto oom;
            copied = i + 2;
            i += 2;
            continue;
        }
        if (s[i] < 0xCC && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            i += 2; /* below U+0300: the common case, no decoding needed */
            continue;
        }
        k = (utf8proc_ssize_t)nqx_norm_utf8(s + i, n - i, &cp);
        if (k <= 0) {
            nqx_buf_free(&b);
            return nqx_fail(err, NQX_EENCODING, name, -1, (long)i,
                            "invalid UTF-8 after decoding");
        }
        if (S_nfc_stable(cp)) {
            i += (size_t)k;
            continue;
        }
        if (cp >= 0x300 && cp < 0x370 && i >= clean_to && S_has_stray(s, n, i, &clean_to)) {
            char w[4 * NQX_SYL_MAX + 1];
            size_t ws, we, wl;
            S_word_at(s, n, i, &ws, &we);
            if (ws >= copied && we - ws <= 4 * NQX_SYL_MAX &&
                (wl = S_move_marks(s + ws, we - ws, w)) > 0) {
                if (nqx_buf_append(&b, u + copied, ws - copied) ||
                    nqx_norm_map_add(m, b.len, ws) ||
                    S_nfc_note(ch, ws, we, w, wl, b.len, NQX_CHANGE_OCR) ||
                    nqx_buf_append(&b, w, wl) || nqx_norm_map_add(m, b.len, we))
                    goto oom;
                copied = i = we;
                continue;
            }
        }
        seg = have_ascii && last_ascii >= copied ? last_ascii : copied;
        for (e = i; e < n && s[e] >= 0x80; e++)
            ;
        rl = utf8proc_map_custom(s + seg, (utf8proc_ssize_t)(e - seg), &res,
                                 UTF8PROC_STABLE | UTF8PROC_COMPOSE, S_digit_ascii, NULL);
        if (rl < 0) {
            nqx_buf_free(&b);
            return nqx_fail(err, rl == UTF8PROC_ERROR_NOMEM ? NQX_ENOMEM
                                                            : NQX_EENCODING,
                            name, -1, (long)seg, "%s", utf8proc_errmsg(rl));
        }
        if ((size_t)rl != e - seg || memcmp(res, s + seg, e - seg) != 0) {
            if (nqx_buf_append(&b, u + copied, seg - copied) ||
                nqx_norm_map_add(m, b.len, seg) ||
                S_nfc_note(ch, seg, e, (const char *)res, (size_t)rl, b.len,
                           NQX_CHANGE_NFC) ||
                nqx_buf_append(&b, (const char *)res, (size_t)rl) ||
                nqx_norm_map_add(m, b.len, e)) {
                free(res);
                goto oom;
            }
            copied = e;
        }
        free(res);
        i = e;
    }
    if (copied == 0) { /* unchanged: hand back the input */
        *out = u;
        *outlen = n;
        return NQX_OK;
    }
    if (nqx_buf_append(&b, u + copied, n - copied))
        goto oom;
    *outlen = b.len;
    *out = nqx_buf_steal(&b);
    return NQX_OK;
oom:
    nqx_buf_free(&b);
    return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
}

/* ---------------------------------------------------------------- edits */

/* Apply sorted, non-overlapping edits to src. *out (caller frees) gets
 * the result, m the map from it back to src, at[k] the output offset of
 * edit k. */
static nqx_status S_apply(const char *name, const char *src, size_t slen,
                          const nqx_norm_edit *e, size_t ne, char **out,
                          size_t *outlen, nqx_norm_map *m, size_t *at, nqx_error *err)
{
    nqx_buf b = {0};
    size_t p = 0, k;
    m->n = 0;
    if (nqx_buf_reserve(&b, slen + 1) || nqx_norm_map_add(m, 0, 0))
        goto oom;
    for (k = 0; k < ne; k++) {
        if (e[k].start < p || e[k].end < e[k].start || e[k].end > slen ||
            (e[k].moved && e[k].src > slen)) {
            nqx_buf_free(&b);
            return nqx_fail(err, NQX_EINVAL, name, -1, (long)e[k].start,
                            "internal: edits out of order or out of range");
        }
        if (nqx_buf_append(&b, src + p, e[k].start - p))
            goto oom;
        at[k] = b.len;
        if (e[k].repl_len &&
            (nqx_norm_map_add(m, b.len, e[k].moved ? e[k].src : e[k].start) ||
             nqx_buf_append(&b, e[k].repl, e[k].repl_len)))
            goto oom;
        if (nqx_norm_map_add(m, b.len, e[k].end))
            goto oom;
        p = e[k].end;
    }
    if (nqx_buf_append(&b, src + p, slen - p))
        goto oom;
    if (!b.data && nqx_buf_reserve(&b, 1))
        goto oom;
    b.data[b.len] = '\0';
    *outlen = b.len;
    *out = nqx_buf_steal(&b);
    return NQX_OK;
oom:
    nqx_buf_free(&b);
    return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
}

/* Append the changes of one stage to t. src: the buffer the edits apply
 * to; in: its map to the input; out_at: offset in the final text of the
 * k-th edit; take: the edits' repl strings are NUL-terminated (layout's
 * are) and move into the changes instead of being copied. */
static int S_log(nqx_text *t, const char *src, nqx_norm_edit *e,
                 size_t ne, const nqx_norm_map *in, const size_t *out_at, int take)
{
    size_t k;
    for (k = 0; k < ne; k++) {
        nqx_change *c = &t->changes[t->nchanges];
        c->in_off = nqx_norm_map_lookup(in, e[k].moved ? e[k].src : e[k].start);
        c->out_off = out_at[k];
        c->from = nqx_strndup(src + e[k].start, e[k].end - e[k].start);
        if (take && e[k].repl) { /* NUL-terminated: the change owns it now */
            c->to = e[k].repl;
            e[k].repl = NULL;
        } else
            c->to = nqx_strndup(e[k].repl ? e[k].repl : "", e[k].repl_len);
        c->kind = e[k].kind;
        c->confidence = e[k].confidence;
        t->nchanges++;
        if (!c->from || !c->to)
            return -1;
    }
    return 0;
}

/* Move the offsets x[0..nx) (nondecreasing) of a buffer through its
 * sorted edits e (at: where each edit landed) into the edited buffer. An
 * offset inside a replaced span goes to the replacement's start. */
static void S_forward(size_t *x, size_t nx, const nqx_norm_edit *e, size_t ne,
                      const size_t *at)
{
    size_t j = 0, k;
    long long delta = 0;
    for (k = 0; k < nx; k++) {
        while (j < ne && e[j].end <= x[k]) {
            delta += (long long)e[j].repl_len - (long long)(e[j].end - e[j].start);
            j++;
        }
        x[k] = j < ne && e[j].start < x[k] ? at[j]
                                           : (size_t)((long long)x[k] + delta);
    }
}

static int S_by_out(const void *a, const void *b)
{
    const nqx_change *x = a, *y = b;
    if (x->out_off != y->out_off)
        return x->out_off < y->out_off ? -1 : 1;
    return x->in_off < y->in_off ? -1 : x->in_off > y->in_off;
}

/* Default minimum confidence for OCR edits when the caller gives none. */
#define S_OCR_THRESHOLD 0.9

/* The OCR edits *e (sorted, disjoint) with those of misread labels
 * (labels.c) merged in; an OCR edit inside a label gives way to it. The
 * layout's edits e1 (ne1, at1: where each landed in text) tell labels.c
 * where lines were joined. */
static nqx_status S_with_labels(const nqx_model *m, const char *text, size_t len,
                                const nqx_norm_edit *e1, size_t ne1,
                                const size_t *at1, nqx_norm_edit **e,
                                size_t *n, nqx_error *err)
{
    nqx_norm_edit *l;
    size_t nl, i, nj = 0, *joins;
    nqx_status st;
    if (!(joins = malloc((ne1 + 1) * sizeof *joins)))
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    for (i = 0; i < ne1; i++)
        if (e1[i].kind == NQX_CHANGE_JOIN && e1[i].repl_len == 1 &&
            e1[i].repl[0] == ' ')
            joins[nj++] = at1[i];
    st = nqx_norm_labels(text, len, m, joins, nj, &l, &nl, err);
    free(joins);
    if (st || !nl)
        return st;
    if (nqx_norm_edits_merge(e, n, l, nl, 1)) {
        nqx_norm_edits_free(l, nl);
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    return NQX_OK;
}

nqx_status nqx_norm_text(const char *name, const char *bytes, size_t n,
                         const nqx_norm_options *opt, nqx_text **out,
                         nqx_error *err)
{
    nqx_text *t = NULL;
    char *utf8 = NULL, *nfc = NULL, *lay = NULL, *fin = NULL, encname[32];
    size_t ulen = 0, nlen = 0, llen = 0, flen = 0, nin = 0, ne1 = 0, ne2 = 0;
    nqx_offset_piece *in_map = NULL;
    nqx_norm_edit *e1 = NULL, *e2 = NULL;
    size_t *at1 = NULL, *at2 = NULL;
    nqx_norm_map umap = {0}, nmap = {0}, ni = {0}, lmap = {0}, li = {0}, omap = {0},
          oi = {0};
    S_nfcl nc = {0};
    nqx_status st;

    *out = NULL;
    st = nqx_norm_decode(name, bytes, n, opt ? opt->encoding : NULL, &utf8,
                         &ulen, encname, &in_map, &nin, err);
    if (st)
        return st;
    umap.v = in_map;
    umap.n = umap.cap = nin;
    st = S_nfc(name, utf8, ulen, &nfc, &nlen, &nmap, &nc, err);
    if (st)
        goto done;
    if (nqx_norm_map_compose(&nmap, nlen, &umap, &ni))
        goto oom;

    /* layout */
    if (!(opt && opt->keep_markup)) {
        st = nqx_norm_layout(nfc, nlen, &e1, &ne1, err);
        if (st)
            goto done;
    }
    at1 = malloc((ne1 + 1) * sizeof *at1);
    if (!at1)
        goto oom;
    st = S_apply(name, nfc, nlen, e1, ne1, &lay, &llen, &lmap, at1, err);
    if (st)
        goto done;
    if (nqx_norm_map_compose(&lmap, llen, &ni, &li))
        goto oom;

    /* OCR */
    if (opt && opt->model) {
        /* 0 = the corrector's own default (ocr.c) */
        st = nqx_norm_ocr(opt->model, lay, llen, opt->ocr_threshold, &e2,
                          &ne2, err);
        if (st)
            goto done;
        st = S_with_labels(opt->model, lay, llen, e1, ne1, at1, &e2, &ne2, err);
        if (st)
            goto done;
    }
    at2 = malloc((ne2 + 1) * sizeof *at2);
    if (!at2)
        goto oom;
    if (ne2) {
        st = S_apply(name, lay, llen, e2, ne2, &fin, &flen, &omap, at2, err);
        if (st)
            goto done;
        if (nqx_norm_map_compose(&omap, flen, &li, &oi))
            goto oom;
        /* layout offsets move by the OCR edits before them */
        S_forward(at1, ne1, e2, ne2, at2);
    } else {
        fin = lay;
        flen = llen;
        lay = NULL;
        oi = li;
        li.v = NULL;
        li.n = 0;
    }

    t = calloc(1, sizeof *t);
    if (!t)
        goto oom;
    t->text = fin;
    t->len = flen;
    fin = NULL;
    snprintf(t->encoding, sizeof t->encoding, "%s", encname);
    /* NFC segments: where they landed after layout and OCR */
    S_forward(nc.at, nc.n, e1, ne1, at1);
    S_forward(nc.at, nc.n, e2, ne2, at2);
    if (nc.n + ne1 + ne2 && !(opt && opt->no_changes)) {
        t->changes = calloc(nc.n + ne1 + ne2, sizeof *t->changes);
        if (!t->changes ||
            S_log(t, utf8, nc.v, nc.n, &umap, nc.at, 1) ||
            S_log(t, nfc, e1, ne1, &ni, at1, 1) ||
            S_log(t, lay ? lay : t->text, e2, ne2, &li, at2, 0))
            goto oom;
        if (!!nc.n + !!ne1 + !!ne2 > 1)
            qsort(t->changes, t->nchanges, sizeof *t->changes, S_by_out);
    }
    t->map = oi.v;
    t->nmap = oi.n;
    t->input_len = n;
    oi.v = NULL;
    {
        /* Invariant: the map points inside the input. Text that decoding
         * or layout added at the very end (a final newline after a
         * truncated sequence) maps to the input's end. */
        size_t km;
        for (km = 0; km < t->nmap; km++)
            if (t->map[km].in > n)
                t->map[km].in = n;
    }
    *out = t;
    t = NULL;
    st = NQX_OK;
    goto done;
oom:
    st = nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
done:
    nqx_text_free(t);
    if (nfc != utf8)
        free(utf8);
    free(nfc);
    free(lay);
    free(fin);
    nqx_norm_edits_free(e1, ne1);
    nqx_norm_edits_free(e2, ne2);
    nqx_norm_edits_free(nc.v, nc.n);
    free(nc.at);
    free(at1);
    free(at2);
    free(umap.v);
    free(nmap.v);
    free(ni.v);
    free(lmap.v);
    free(li.v);
    free(omap.v);
    free(oi.v);
    return st;
}
