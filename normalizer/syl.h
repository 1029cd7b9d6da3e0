/* syl.h: Vietnamese syllables and the OCR model's internals, shared by
 * syllable.c (letters, phonotactics, tone placement), model.c (the model
 * file, its builder) and ocr.c (the decoder). Internal to the normalizer.
 *
 * A syllable is kept as letters (ASCII base + vowel mark) and one tone.
 * Its canonical key writes each letter as one byte (the base, or a capital
 * for a marked letter: A=ă B=â E=ê O=ô P=ơ U=ư D=đ) followed by the tone
 * digit 0-5 (none, grave, acute, hook, tilde, dot): "phấn" -> "phBn2".
 * Its folded key drops marks and tone: "phan". Candidates for an OCR
 * error are the syllables with the same folded key. */
#ifndef NQX_SYL_H
#define NQX_SYL_H

#include "norm.h"

#include <stdint.h>

#define NQX_SYL_MAX 8  /* letters in a syllable ("nghiêng" has 7) */
#define NQX_KEY_MAX 12 /* a key with its tone digit and NUL */

enum { NQX_CASE_LOWER, NQX_CASE_TITLE, NQX_CASE_UPPER, NQX_CASE_MIXED };

/* Vowel marks. */
enum { NQX_MOD_NONE, NQX_MOD_BREVE, NQX_MOD_CIRC, NQX_MOD_HORN, NQX_MOD_BAR };

typedef struct {
    int n;                             /* letters */
    char base[NQX_SYL_MAX];            /* 'a'..'z' */
    unsigned char mod[NQX_SYL_MAX];    /* NQX_MOD_* */
    unsigned char upper[NQX_SYL_MAX];  /* 1 = capital in the text */
    int tone;                          /* 0-5 */
    int tone_at;                       /* letter carrying it, -1 none */
    int casing;                        /* NQX_CASE_* */
    int foreign; /* letters with a mark Vietnamese has not (ÿ, ï, ö: OCR
                  * misreading a tone); base[] holds their bare vowel */
} nqx_syl;

/* 1 when the base letter c (nqx_syl.base) is a vowel: a, e, i, o, u, y
 * (the marks that make â, ê, ô, ơ, ư, ă are kept apart, in mod). */
static inline int nqx_syl_vowel_base(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* One code point: 1 and the parts when cp is a letter of a-z, A-Z or a
 * Vietnamese letter, or a vowel with a mark Vietnamese has not (as its
 * bare vowel: nqx_syl.foreign), else 0. */
int nqx_syl_letter(int32_t cp, char *base, int *mod, int *tone, int *upper);

/* Parse the UTF-8 word s[0..n): 1 when it is only such letters, at most
 * NQX_SYL_MAX of them, with at most one tone mark. No phonotactics. */
int nqx_syl_parse(const char *s, size_t n, nqx_syl *out);

/* 1 when s is a well-formed Vietnamese syllable: initial consonant,
 * vowel cluster, final consonant, and a tone its final allows; never
 * when a letter is foreign. */
int nqx_syl_valid(const nqx_syl *s);

void nqx_syl_key(const nqx_syl *s, char key[NQX_KEY_MAX]);
void nqx_syl_fold(const nqx_syl *s, char key[NQX_KEY_MAX]);
/* Lower-case syllable from a canonical key; 0 when the key is malformed. */
int nqx_syl_from_key(const char *key, nqx_syl *out);

/* What s says of a name after it, in any case: 1 a place (xã, phường,
 * huyện, quận, tỉnh, thôn, ấp); 2 a place after thị or thành (trấn,
 * phố: "Trấn" alone is a misread surname); 3 thị, thành; else 0. */
int nqx_syl_admin(const nqx_syl *s);

/* Where the tone goes: style 0 puts it on the first vowel of open oa, oe,
 * uy (hòa, thủy), style 1 on the second (hoà, thuỷ). -1 without a vowel. */
int nqx_syl_tone_pos(const nqx_syl *s, int style);

/* The letters of the open oa/oe/uy cluster carrying the tone, for style
 * votes: 0 first, 1 second, -1 when s says nothing about style. */
int nqx_syl_style_vote(const nqx_syl *s);

/* Write s as NFC UTF-8 with the capitals in s->upper and the tone on
 * letter tone_at; buf holds at least 4 * NQX_SYL_MAX bytes. Returns the
 * length. */
size_t nqx_syl_render(const nqx_syl *s, int tone_at, char *buf);

/* ---- the model (model.c) ---- */

/* Counts are kept as Q(x) = round(ln(x) * NQX_Q_SCALE) in one byte. */
#define NQX_Q_SCALE 16.0

/* The realizations of one folded bigram (fa, fb): n entries of 4 bytes
 * (va, vb, Q(count), Q(1 + distinct words seen after the pair)), where
 * va, vb are variants (see nqx_model_variant). */
typedef struct {
    const uint8_t *r;
    int n;
    int fa, fb;
} nqx_group;

/* Numbers are one word of the model, written with this key (and fold),
 * so that "ngày 21 tháng 11" is context for "tháng", not a break. */
#define NQX_NUM_KEY "#"

/* Id of a canonical key (0 = boundary, -1 unknown). */
int nqx_model_id(const nqx_model *m, const char *key);
/* Folded id of a folded key (-1 unknown). */
int nqx_model_fid(const nqx_model *m, const char *fold);
const char *nqx_model_key(const nqx_model *m, int id);
double nqx_model_count(const nqx_model *m, int id);
double nqx_model_types(const nqx_model *m, int id); /* distinct followers */
double nqx_model_p1(const nqx_model *m, int id);    /* unigram probability */
/* ln P(written in lower case | inside a clause, not in capitals) of a
 * syllable, or (title = 1) ln P(in title case | the same). */
double nqx_model_lncase(const nqx_model *m, int id, int title);
/* exp(q / NQX_Q_SCALE) for q = 0..255, so that decoding needs no exp(). */
const double *nqx_model_qexp(const nqx_model *m);
/* The per-syllable numbers the decoder reads for every n-gram term, as
 * plain arrays so that its inner loops need no calls: the values of
 * nqx_model_p1, nqx_model_types and nqx_model_variant for known ids, and
 * den[id] = nqx_model_count + nqx_model_types + 1e-9 (the Witten-Bell
 * denominator, summed in that order). Owned by the model. */
typedef struct {
    const double *qexp, *p1, *typ, *den;
    const uint8_t *variant;
    double p1_unknown; /* nqx_model_p1 of an unknown word (id -1) */
    int nvocab; /* ids are 0 .. nvocab - 1 */
    const uint32_t *foff; /* nqx_model_variant_id(fid, v) = fids[foff[fid] + v] */
    const uint16_t *fid;  /* the folded id of each id */
    /* 1 when fid[id] is nqx_model_fid of the folded key of each id's
     * syllable (checked at load), so that a known word's folded id needs
     * no lookup: a word's key gives back its letters, hence its fold */
    int fid_exact;
    const uint16_t *fids;
    const double *lncase; /* nqx_model_lncase(id, title) = lncase[2 id + title] */
    /* per id: NQX_NAME_A / _B when it starts / ends a two-syllable name
     * of nqx_model_name, NQX_PLACE_A / _B a place: most pairs need no
     * search */
    const uint8_t *nameflag;
    /* bit nqx_pair_bit(a, b) & NQX_PLACEBITS_MASK set for every place of
     * nqx_model_name: a change that makes no place is told without a probe */
    const uint64_t *placebits;
    const nqx_syl *syl;   /* nqx_syl_from_key of each id's key ... */
    const uint8_t *syl_ok; /* ... and what it returned */
    /* the folded bigrams' open-addressing table (see model.c), read by
     * nqx_lm_bigrams */
    const uint32_t *bislots;
    const uint8_t *bireal;
    uint32_t n2slots;
    /* the trigrams' table (see model.c), read by nqx_lm_trigram */
    const uint32_t *tri;
    uint32_t n3slots;
    /* bit fp & NQX_TRIFP_MASK set for every fingerprint fp in tri (built
     * at load): most trigrams asked for are absent, and this answers
     * them from a table a quarter the size, without a probe */
    const uint64_t *trifp;
    /* context words (model.c, version 4; NULL in older files): for id v,
     * ctxw[ctxoff[v] .. ctxoff[v + 1]) are the ids w seen unusually often
     * (or seldom) 2 to NQX_CTX_WINDOW words from v in one sentence, in
     * increasing order, and ctxr the log ratio of each, times
     * NQX_CTX_SCALE (nqx_lm_ctx) */
    const uint32_t *ctxoff;
    const uint16_t *ctxw;
    const int8_t *ctxr;
} nqx_lm;

/* Context words: a sentence's words 2 to NQX_CTX_WINDOW away from v
 * (its neighbours are the n-grams' evidence). */
#define NQX_CTX_WINDOW 10
#define NQX_CTX_SCALE 8.0

/* ln(observed / expected) count of w near v, where expected is what v
 * would show if it shared the context of every word with its letters,
 * times NQX_CTX_SCALE; 0 when the model keeps nothing for the pair. */
static inline int nqx_lm_ctx(const nqx_lm *lm, int v, int w)
{
    uint32_t lo, hi;
    if (!lm->ctxoff || v <= 0 || w <= 0 || v >= lm->nvocab)
        return 0;
    lo = lm->ctxoff[v], hi = lm->ctxoff[v + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (lm->ctxw[mid] < (uint16_t)w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < lm->ctxoff[v + 1] && lm->ctxw[lo] == (uint16_t)w ? lm->ctxr[lo] : 0;
}

/* 1 when the bytes text[a..b) between two words end a sentence (. ; : ! ?
 * or a line break): context words are counted within a sentence. */
int nqx_ocr_sentence_break(const char *text, size_t a, size_t b);

#define NQX_TRIFP_MASK 0x7FFFFFu /* 2^23 bits: 1 MB, about 9% set */
const nqx_lm *nqx_model_lm(const nqx_model *m);

/* The slot of a folded bigram's key (fa << 16 | fb) in a table of n. */
static inline uint32_t nqx_bigram_slot(uint32_t key, uint32_t n)
{
    return (uint32_t)(((uint64_t)(key * 0x9E3779B1u) * n) >> 32);
}

/* 24-bit fingerprint (never 0) and slot of a trigram in a table of n:
 * splitmix64's finalizer, so that both depend on all three ids. A
 * fingerprint match by chance needs 24 equal bits in the few slots
 * probed: about once per million lookups of absent trigrams, and it only
 * lends a count. */
static inline uint32_t nqx_trigram_hash(int a, int b, int c, uint32_t n,
                                        uint32_t *slot)
{
    uint64_t z = ((uint64_t)(uint32_t)a << 32) | ((uint64_t)(uint32_t)b << 16) |
                 (uint64_t)(uint32_t)c;
    uint32_t fp;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    fp = (uint32_t)(z >> 40);
    *slot = (uint32_t)(((z & 0xFFFFFFFFu) * n) >> 32);
    return fp ? fp : 1;
}

/* nqx_model_trigram itself, inline: the decoder's inner loops ask it. */
static inline int nqx_lm_trigram(const nqx_lm *lm, int a, int b, int c)
{
    uint32_t h, n = lm->n3slots, fp = nqx_trigram_hash(a, b, c, n, &h);
    uint32_t bit = fp & NQX_TRIFP_MASK;
    if (!(lm->trifp[bit >> 6] >> (bit & 63) & 1))
        return -1; /* no slot holds fp: the probe below would find none */
    for (;; h = h + 1 == n ? 0 : h + 1) {
        uint32_t v = lm->tri[h];
        if (v >> 8 == fp)
            return (int)(v & 0xFF);
        if (!v)
            return -1;
    }
}

/* nqx_model_bigrams itself, inline: the decoder asks it for every pair
 * of neighbours. */
static inline nqx_group nqx_lm_bigrams(const nqx_lm *lm, int fa, int fb)
{
    nqx_group g = {NULL, 0, fa, fb};
    uint32_t key = (uint32_t)fa << 16 | (uint32_t)fb;
    uint32_t n = lm->n2slots, h = nqx_bigram_slot(key, n);
    if (fa < 0 || fb < 0)
        return g;
    for (;; h = h + 1 == n ? 0 : h + 1) {
        const uint32_t *s = lm->bislots + 2 * (size_t)h;
        if (s[0] == 0xFFFFFFFFu) /* empty */
            return g;
        if (s[0] == key) {
            g.r = lm->bireal + 4 * (size_t)(s[1] >> 8);
            g.n = (int)(s[1] & 0xFF);
            return g;
        }
    }
}
/* Q(count) of the written pair (a, b) of ids (a > 0; b = 0: a at a
 * clause's end), -1 when the model did not keep it. */
static inline int nqx_lm_pair_q(const nqx_lm *lm, int a, int b)
{
    int j, va = lm->variant[a], vb = b ? lm->variant[b] : 0;
    nqx_group g = nqx_lm_bigrams(lm, lm->fid[a], b ? lm->fid[b] : 0);
    for (j = 0; j < g.n; j++)
        if (g.r[4 * j] == va && g.r[4 * j + 1] == vb)
            return g.r[4 * j + 2];
    return -1;
}
/* Realizations of folded bigram (fa, fb) (n = 0 when none). */
nqx_group nqx_model_bigrams(const nqx_model *m, int fa, int fb);
/* How often the two-syllable name (a, b) (ids of its canonical keys)
 * stood alone in title case in training (nqx_ocr_name_at), and in *place
 * how often after an administrative word ("xã Phổ Thạnh"). 0 when never;
 * counts saturate at 65535. */
int nqx_model_name(const nqx_model *m, int a, int b, int *place);
enum { NQX_NAME_A = 1, NQX_NAME_B = 2, NQX_PLACE_A = 4, NQX_PLACE_B = 8 };
#define NQX_PLACEBITS_MASK 0x1FFFFu /* 2^17 bits: 16 KB, ~5% set */
static inline uint32_t nqx_pair_bit(int a, int b)
{
    return (uint32_t)(((uint64_t)((uint32_t)a << 16 | (uint32_t)b) * 0x9E3779B97F4A7C15ull) >> 40);
}
/* Q(count) of the trigram (a, b, c), -1 when not kept. */
int nqx_model_trigram(const nqx_model *m, int a, int b, int c);
/* Start reading the memory a later lookup of the same arguments needs. */
void nqx_model_trigram_prefetch(const nqx_model *m, int a, int b, int c);
void nqx_model_bigrams_prefetch(const nqx_model *m, int fa, int fb);
/* The variant of an id: its rank among the ids sharing its folded key;
 * and back. */
int nqx_model_variant(const nqx_model *m, int id);
int nqx_model_variant_id(const nqx_model *m, int fid, int v);

/* ---- tokens shared by the builder and the decoder (ocr.c) ---- */

typedef struct {
    size_t start, end; /* bytes in the text */
    int boundary;      /* 1: a break in the sentence comes before it */
    int num;           /* 1: digits only (a number) */
    int ok;            /* 1: letters only, in lower/title/upper case (the
                          caller checks nqx_syl_valid when it matters) */
    int first;         /* index of the first token with the same bytes, or
                          -1 when this is it: analyses are done once */
    nqx_syl syl;
} nqx_tok;

/* 0 unless toks[i], toks[i + 1] is a two-syllable name standing alone in
 * title case (no title-case word right before or after it, except an
 * administrative one before): 2 when an administrative word stands right
 * before it (nqx_syl_admin: "xã Phổ Thạnh", "thị trấn Cấn Thạnh"), else
 * 1. The model counts such names; the decoder checks the same shape. */
int nqx_ocr_name_at(const nqx_tok *toks, size_t ntok, size_t i);

/* Split text into word tokens. A token is a run of letters, digits and
 * marks; tokens separated by anything but spaces are in different
 * clauses (boundary = 1). *toks is malloc'ed (caller frees). */
nqx_status nqx_ocr_tokenize(const char *text, size_t len, nqx_tok **toks,
                            size_t *ntoks);

#endif
