/* norm.h: interfaces between the normalizer's parts (internal).
 *
 *   normalize.c  entry point: decode -> NFC -> layout -> OCR, builds the
 *                change log and the offset map of the nqx_text
 *   decode.c     encoding detection and conversion to UTF-8 (iconv + VNI)
 *   layout.c     markup, tables, hard wraps, page breaks, footnotes
 *   ocr.c        OCR diacritic correction in context (model.c: the model)
 *   labels.c     numbering labels OCR misread ("1II." for "III.")
 *   offmap.c     the offset maps every step builds and normalize.c composes
 *   edits.c      the edit lists every step returns: append, merge, free
 */
#ifndef NQX_NORM_H
#define NQX_NORM_H

#include "../core/internal.h"

#include <stdint.h>
#include <string.h>

/* nqx_norm_utf8 for the sequences it does not decode itself. */
size_t nqx_norm_utf8_slow(const unsigned char *s, size_t n, int32_t *cp);

/* The code point at s[0..n) (n >= 1, s[0] >= 0x80) and its length, or 0
 * when the bytes are not valid UTF-8: what utf8proc_iterate accepts, with
 * the two- and three-byte sequences of Vietnamese letters decoded inline
 * (a call per letter was a tenth of decoding) and the rest left to it. */
static inline size_t nqx_norm_utf8(const unsigned char *s, size_t n,
                                   int32_t *cp)
{
    if (s[0] >= 0xC2 && s[0] < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (int32_t)((s[0] & 0x1F) << 6 | (s[1] & 0x3F));
        return 2;
    }
    if (s[0] >= 0xE1 && s[0] < 0xED && n >= 3 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80) { /* no overlong, no surrogate here */
        *cp = (int32_t)((s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F));
        return 3;
    }
    return nqx_norm_utf8_slow(s, n, cp);
}

/* 1 when the n bytes at w spell one of words (NULL-terminated): the
 * small word lists of the layout and label rules. */
static inline int nqx_norm_word_in(const char *const *words,
                                   const unsigned char *w, size_t n)
{
    size_t k;
    for (k = 0; words[k]; k++)
        if (strlen(words[k]) == n && memcmp(words[k], w, n) == 0)
            return 1;
    return 0;
}

/* Well-formed UTF-8 as a shift DFA (decode.c): from state 0, st =
 * nqx_norm_u8_dfa[nqx_norm_u8_class[byte]] >> st & 63 for each byte;
 * the bytes are valid UTF-8 when st ends at 0. */
extern const unsigned char nqx_norm_u8_class[256];
extern const uint64_t nqx_norm_u8_dfa[12];
/* Two steps at once: st = nqx_norm_u8_dfa2[12 * class1 + class2] >> st
 * & 63 for each pair of bytes. */
extern const uint64_t nqx_norm_u8_dfa2[144];
/* 1 when s[0..n) is well-formed UTF-8: the DFA's verdict, sixteen bytes a
 * step where the text allows (decode.c). */
int nqx_norm_u8_valid(const unsigned char *s, size_t n);

/* An edit of a UTF-8 buffer: replace [start, end) with repl. The edit
 * list a stage returns is sorted by start and non-overlapping; the caller
 * owns the array and each repl (free with nqx_norm_edits_free); repl may
 * be NULL when repl_len is 0. */
typedef struct {
    size_t start, end;
    char *repl;
    size_t repl_len;
    nqx_change_kind kind;
    double confidence;
    /* A move (footnote set apart): repl is text taken from src in the same
     * buffer, so the offset map points there. 0 = an ordinary edit. */
    int moved;
    size_t src;
} nqx_norm_edit;

/* The edit lists (edits.c). Free each repl and the array. */
void nqx_norm_edits_free(nqx_norm_edit *e, size_t n);

/* Appends the edit [start, end) -> repl[0..rlen) of kind and confidence
 * conf to the array *v of *n edits and capacity *cap, which it grows
 * (*v NULL and *cap 0 to start). repl is copied, NUL-terminated; NULL
 * when rlen is 0. Returns -1 when out of memory (*n unchanged). */
int nqx_norm_edit_push(nqx_norm_edit **v, size_t *n, size_t *cap, size_t start,
                       size_t end, const char *repl, size_t rlen,
                       nqx_change_kind kind, double conf);

/* Merges add[0..nadd) into *edits (both sorted by start) and frees the
 * array add (not its repls, which *edits now owns); at equal starts add's
 * edit comes first. drop 0: the lists must be disjoint; drop 1: an edit of
 * *edits that overlaps one of add is dropped (its repl freed). Returns -1
 * when out of memory; then nothing has changed and add is the caller's. */
int nqx_norm_edits_merge(nqx_norm_edit **edits, size_t *nedits,
                         nqx_norm_edit *add, size_t nadd, int drop);

/* A piecewise map from a buffer's offsets to those of the buffer it was
 * made from: pieces sorted by .out, linear inside each; no pieces = the
 * identity. The map owns v (free() it). */
typedef struct {
    nqx_offset_piece *v;
    size_t n, cap;
} nqx_norm_map;

/* Out offset `out` comes from `in`, and the text after it advances with
 * it. Pieces come in order of out. m may be NULL (no map kept): 0.
 * Returns -1 when out of memory. */
int nqx_norm_map_add(nqx_norm_map *m, size_t out, size_t in);

/* Where offset off of the mapped buffer comes from. */
size_t nqx_norm_map_lookup(const nqx_norm_map *m, size_t off);

/* h = g after f: f maps A (alen bytes) to B, g maps B to C. h must be
 * empty or reused (its pieces are dropped). -1 when out of memory. */
int nqx_norm_map_compose(const nqx_norm_map *f, size_t alen,
                         const nqx_norm_map *g, nqx_norm_map *h);

/* Decode raw bytes to UTF-8 (not yet NFC). encoding NULL = detect.
 * On success *out (caller frees with free()) holds the text, *outlen its
 * length, and encname the encoding's name ("UTF-8", "UTF-16LE",
 * "WINDOWS-1258", "VISCII", "TCVN3", "VNI"). in_map, when not NULL,
 * receives a piecewise map from output bytes to input bytes (caller frees
 * with free()), as in nqx_text. name is for error messages. */
nqx_status nqx_norm_decode(const char *name, const char *bytes, size_t n,
                           const char *encoding, char **out, size_t *outlen,
                           char encname[32], nqx_offset_piece **in_map,
                           size_t *nin_map, nqx_error *err);

/* Layout repair of NFC UTF-8 text: the edits that strip markup, rebuild
 * tables, rejoin wrapped lines and page breaks and set footnotes apart. */
nqx_status nqx_norm_layout(const char *text, size_t len, nqx_norm_edit **edits,
                           size_t *nedits, nqx_error *err);

/* OCR correction: the edits (kind NQX_CHANGE_OCR, with confidence) that
 * fix diacritic errors, each at least threshold confident. */
nqx_status nqx_norm_ocr(const nqx_model *m, const char *text, size_t len,
                        double threshold, nqx_norm_edit **edits,
                        size_t *nedits, nqx_error *err);

/* Numbering labels OCR misread at the start of a line of laid-out text
 * ("1II." for "III.", "6," for "6."), stray stops, and with a model m
 * the stray commas before joins (the offsets of the spaces that joined
 * lines, sorted; labels.c): edits of kind NQX_CHANGE_OCR, sorted and
 * disjoint. m may be NULL (no commas dropped). */
nqx_status nqx_norm_labels(const char *text, size_t len, const nqx_model *m,
                           const size_t *joins, size_t njoins,
                           nqx_norm_edit **edits, size_t *nedits, nqx_error *err);

#endif
