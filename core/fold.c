/* fold.c: the folding key (case, diacritics, đ=d, spacing) that matching,
 * agency keys and search all share, so the three never disagree. */
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* utf8proc does the Unicode work; đ/Đ are letters, not marks, so
 * STRIPMARK keeps them and we map them to d ourselves. */
static utf8proc_int32_t S_fold_cp(utf8proc_int32_t c, void *data)
{
    (void)data;
    if (c == 0x0111 || c == 0x0110 || c == 0x00D0)
        return 'd';
    return c;
}

/* Fast path. Folding and lower-casing run on every token of every
 * document, and utf8proc_map allocates per call: for code points below
 * S_FAST (Latin, Latin Extended, Vietnamese) the results are taken from
 * tables that utf8proc itself fills once, so both paths agree by
 * construction. A string holding any other code point, a combining mark
 * or a multi-character case folding takes the utf8proc path. */
#define S_FAST 0x2070 /* through General Punctuation: – … “ ” • */
typedef struct {
    unsigned char fold[4], lower[4]; /* UTF-8, NUL-padded; fold may be "" */
    unsigned char nfold, nlower, ok;
    unsigned char spaced; /* fold holds an ASCII space or NUL (S_fold_spaced) */
} S_entry;
static S_entry S_tab[S_FAST];
/* An ASCII byte as S_fold_spaced writes it (lower case), or S_A_SPACE for
 * the six spaces, S_A_NUL for NUL. */
#define S_A_SPACE 0x80
#define S_A_NUL 0x81
static unsigned char S_ascii[0x80];
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_init(void)
{
    utf8proc_int32_t c;
    int i;
    for (i = 0; i < 0x80; i++)
        S_ascii[i] = i == ' ' || (i >= '\t' && i <= '\r') ? S_A_SPACE
                     : !i                             ? S_A_NUL
                     : i >= 'A' && i <= 'Z'           ? (unsigned char)(i + 32)
                                                      : (unsigned char)i;
    for (c = 0; c < S_FAST; c++) {
        utf8proc_uint8_t in[4], *f = NULL, *l = NULL;
        utf8proc_ssize_t k = utf8proc_encode_char(c, in), nf, nl;
        S_entry *e = &S_tab[c];
        if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || k <= 0)
            continue;
        if (c >= 0x0300 && c <= 0x036F) /* combining marks compose */
            continue;
        nf = utf8proc_map_custom(in, k, &f,
                                 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                     UTF8PROC_CASEFOLD, S_fold_cp, NULL);
        nl = utf8proc_map(in, k, &l, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
        if (nf >= 0 && nf <= 4 && nl > 0 && nl <= 4) {
            memcpy(e->fold, f, (size_t)nf);
            memcpy(e->lower, l, (size_t)nl);
            e->nfold = (unsigned char)nf;
            e->nlower = (unsigned char)nl;
            e->ok = 1;
            for (i = 0; i < e->nfold; i++)
                if (!e->fold[i] || e->fold[i] == ' ' ||
                    (e->fold[i] >= '\t' && e->fold[i] <= '\r'))
                    e->spaced = 1;
        }
        free(f);
        free(l);
    }
}

/* The code point of the 2- or 3-byte UTF-8 sequence at s[0..n) when it is
 * valid and below S_FAST (then *k is its length), else -1: whatever else
 * (a longer sequence, a code point past the tables, invalid bytes) takes
 * the caller's slow path, as utf8proc_iterate's answer would. Decoded
 * here rather than by utf8proc_iterate, a call per letter that was a
 * fifth of the folding time, since nearly every Vietnamese letter is
 * such a sequence. */
static inline int32_t S_decode(const unsigned char *s, size_t n, size_t *k)
{
    unsigned b = s[0];
    if (b >= 0xC2 && b <= 0xDF) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return -1;
        *k = 2;
        return (int32_t)((b & 0x1F) << 6 | (s[1] & 0x3F));
    }
    if (b >= 0xE0 && b <= 0xE2) { /* (S_FAST is below U+3000) */
        int32_t c;
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return -1;
        c = (int32_t)((b & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F));
        if (c < 0x800 || c >= S_FAST) /* overlong, or past the tables */
            return -1;
        *k = 3;
        return c;
    }
    return -1;
}

/* The table's entry for the code point at p[0..n) (its length in *k), or
 * NULL when it is invalid or not in the fast tables. */
static inline const S_entry *S_entry_at(const unsigned char *p, size_t n,
                                        size_t *k)
{
    int32_t c = S_decode(p, n, k);
    return c < 0 || !S_tab[c].ok ? NULL : &S_tab[c];
}

/* Map s through the table (which = 0 fold, 1 lower) into out, which has
 * room for 2n + 1 bytes (a code point never grows past 2x). Returns the
 * length written (NUL-terminated), or -1 when the string needs utf8proc. */
static long S_fast_into(const char *s, size_t n, int which, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, j = 0, k;
    pthread_once(&S_once, S_init);
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) { /* ASCII: both maps only lower-case */
            out[j++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
        } else {
            const S_entry *e = S_entry_at(p + i, n - i, &k);
            if (!e)
                return -1;
            if (which == 0) {
                memcpy(out + j, e->fold, e->nfold);
                j += e->nfold;
            } else {
                memcpy(out + j, e->lower, e->nlower);
                j += e->nlower;
            }
            i += k;
        }
    }
    out[j] = '\0';
    return (long)j;
}

/* The same into a malloc'ed string, or NULL with *slow = 1 when the
 * string needs utf8proc (NULL with *slow = 0: out of memory). */
static char *S_fast(const char *s, size_t n, int which, int *slow)
{
    char *out = malloc(n * 2 + 1);
    *slow = 0;
    if (!out)
        return NULL;
    if (S_fast_into(s, n, which, out) < 0) {
        free(out);
        *slow = 1;
        return NULL;
    }
    return out;
}

/* nqx_fold's spacing rules (runs of white space are one space, none at
 * the ends) applied in place to f[0..n); returns the new length. */
static size_t S_space(char *f, size_t n)
{
    size_t a, b = 0;
    int sp = 1;
    for (a = 0; a < n; a++) {
        unsigned char ch = (unsigned char)f[a];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
            ch == '\f' || ch == '\v') {
            if (!sp)
                f[b++] = ' ';
            sp = 1;
            continue;
        }
        f[b++] = (char)ch;
        sp = 0;
    }
    if (b && f[b - 1] == ' ')
        b--;
    f[b] = '\0';
    return b;
}

/* S_fast_into (fold) and S_space in one pass: a space goes out only
 * before a byte that is not one and follows one, which is what S_space
 * keeps of each run. -2 when s holds a NUL (nqx_fold_fast's strlen then
 * cuts the folded string there) or a code point whose fold holds a space
 * or a NUL (none does, but the tables come from utf8proc): such strings
 * are left to the two passes.
 *
 * Without a branch on the bytes' kinds (letter or space, one byte or
 * several): text alternates between them too often for the branches to
 * be predicted, and their misses were most of the time. A space is
 * written at j whatever comes, then kept (j advanced) only when owed; a
 * fold is copied as its 4 padded bytes and j advanced by its length.
 * Both may write past what they keep, within out's 2n + 1 bytes: before
 * the character at s[i], j + owed space <= 2i (a space run writes
 * nothing, an ASCII byte one byte, a k-byte character at most 4 <= 2k),
 * so the 1 + 4 bytes written end at 2i + 5 <= 2n + 1 (i + k <= n, k >= 2
 * for a table entry, 1 and 1 bytes for an ASCII one). */
static long S_fold_spaced(const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, j = 0, k;
    size_t sp = 0; /* 1: a space is owed before the next byte written */
    pthread_once(&S_once, S_init);
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) {
            /* a run of ASCII: one table look-up a byte (S_ascii) */
            do {
                unsigned char v = S_ascii[b];
                size_t isp = v == S_A_SPACE;
                if (v == S_A_NUL)
                    return -2;
                out[j] = ' ';
                j += sp & (isp ^ 1);
                out[j] = (char)v;
                j += isp ^ 1;
                sp = isp & (j != 0);
            } while (++i < n && (b = p[i]) < 0x80);
        } else {
            const S_entry *e = S_entry_at(p + i, n - i, &k);
            if (!e)
                return -1;
            if (e->spaced)
                return -2;
            out[j] = ' ';
            j += sp & (e->nfold != 0);
            memcpy(out + j, e->fold, 4);
            j += e->nfold;
            sp &= e->nfold == 0;
            i += k;
        }
    }
    out[j] = '\0';
    return (long)j;
}

long nqx_fold_fast(const char *s, size_t n, char *out)
{
    long l = S_fold_spaced(s, n, out);
    if (l != -2)
        return l;
    /* strlen, as nqx_fold: an embedded NUL ends the string there */
    return S_fast_into(s, n, 0, out) < 0 ? -1 : (long)S_space(out, strlen(out));
}

long nqx_fold_tokens_fast(const char *s, size_t n, char *out)
{
    /* S_fold_spaced without the spaces' bookkeeping and the ASCII table
     * (out's bound is its: a character's fold, 4 padded bytes, fits in
     * 2k for a k-byte one) */
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, j = 0, k;
    pthread_once(&S_once, S_init);
    if (memchr(s, '\0', n))
        return -1;
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* eight bytes copied at a time, kept up to the first byte
             * that is not ASCII (out has room: j <= 2i, so j + 8 <= 2n
             * - 8 while i + 8 <= n); runs of ASCII between Vietnamese
             * letters are short, and a byte loop paid a test and a
             * branch for each byte: ingest --no-ocr of 200 textcorpus
             * files, this function 42.1M -> 29.0M instructions) */
            while (i + 8 <= n) {
                uint64_t x, hi;
                memcpy(&x, p + i, 8);
                memcpy(out + j, &x, 8);
                hi = x & 0x8080808080808080u;
                if (hi) {
                    size_t m = (size_t)__builtin_ctzll(hi) >> 3;
                    i += m;
                    j += m;
                    break;
                }
                i += 8;
                j += 8;
            }
            if (i + 8 <= n)
                continue; /* (at a byte that is not ASCII) */
#endif
            while (i < n && p[i] < 0x80)
                out[j++] = (char)p[i++];
        } else {
            const S_entry *e = S_entry_at(p + i, n - i, &k);
            if (!e || e->spaced)
                return -1;
            memcpy(out + j, e->fold, 4);
            j += e->nfold;
            i += k;
        }
    }
    out[j] = '\0';
    return (long)j;
}

long nqx_fold_lower_fast(const char *s, size_t n, char *fold, char *lower,
                         long *nlower)
{
    /* S_fold_spaced and S_fast_into (lower) in one pass, sharing the
     * decoding: the extractor wants both forms of every word. Written as
     * S_fold_spaced (the same bounds hold for lower: a character's lower
     * case is at most 4 <= 2k bytes) */
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, j = 0, l = 0, k;
    size_t sp = 0;
    pthread_once(&S_once, S_init);
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) {
            unsigned char c = S_ascii[b];
            i++;
            if (c < 0x80) {
                /* neither space nor NUL: both forms are the lower case.
                 * Branches here, unlike S_fold_spaced's: the callers
                 * fold words, where a space is rare and well predicted
                 * (extract --no-ocr, 200 textcorpus files: this
                 * function's 49.2M -> 39.5M instructions) */
                if (sp) {
                    fold[j++] = ' ';
                    sp = 0;
                }
                fold[j++] = (char)c;
                lower[l++] = (char)c;
                continue;
            }
            if (c == S_A_NUL)
                return -1; /* (left to the two calls, which cut there) */
            lower[l++] = (char)b;
            sp = j != 0;
        } else {
            const S_entry *e = S_entry_at(p + i, n - i, &k);
            if (!e || e->spaced)
                return -1;
            fold[j] = ' ';
            j += sp & (e->nfold != 0);
            memcpy(fold + j, e->fold, 4);
            j += e->nfold;
            sp &= e->nfold == 0;
            memcpy(lower + l, e->lower, 4);
            l += e->nlower;
            i += k;
        }
    }
    fold[j] = '\0';
    lower[l] = '\0';
    *nlower = (long)l;
    return (long)j;
}

long nqx_lower_fast(const char *s, size_t n, char *out)
{
    return S_fast_into(s, n, 1, out);
}

char *nqx_lower(const char *s, size_t n)
{
    utf8proc_uint8_t *m = NULL;
    int slow;
    char *f = S_fast(s, n, 1, &slow);
    if (f || !slow)
        return f;
    if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                     UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
        return NULL;
    return (char *)m;
}

char *nqx_fold(const char *s, size_t n)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m;
    /* nqx_fold_fast's one pass where the tables serve (the two passes
     * when s holds a NUL) */
    char *f = malloc(n * 2 + 1);
    if (!f)
        return NULL;
    if (nqx_fold_fast(s, n, f) >= 0)
        return f;
    free(f);
    m = utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                            &mapped,
                            UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                UTF8PROC_CASEFOLD,
                            S_fold_cp, NULL);
    if (m < 0)
        return NULL;
    S_space((char *)mapped, (size_t)m); /* utf8proc's buffer, NUL-ended */
    return (char *)mapped;
}
