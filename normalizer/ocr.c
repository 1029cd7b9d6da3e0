/* ocr.c: OCR diacritic correction in context.
 *
 * Noisy channel + syllable trigram LM, decoded with second-order Viterbi
 * over each clause. Candidates for a word are the syllables with its
 * letters and other marks that the model has seen next to its neighbours'
 * letters (the folded bigram groups, see model.c), so that two wrong
 * neighbours (`Phần đầu` for `Phấn đấu`) can flip together: the lattice
 * scores the pair, not each word alone. The channel charges each kind of
 * confusion (tone lost, tone swapped, hook lost, đ/d) rather than a fixed
 * bonus per word. A word changes only when the best path that keeps it is
 * worse by a margin (max-product forward-backward), reported as the
 * confidence 1 / (1 + e^-margin). */
#include "syl.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_CANDS 6        /* per word, the observed one included */
#define S_SUPPORT 0.0 /* ln of how much less support a candidate may have */
#define DEFAULT_CONF 0.997 /* used when the caller passes 0 */

/* Channel costs in nats, per kind of confusion (OCR output -> truth).
 * A tone mark stacked over a circumflex, breve or horn (ấ ầ ẩ, ố ồ, ớ ờ)
 * is small and crowded: scanners misread it far more often than a tone
 * on a bare vowel, so those confusions cost less. */
#define C_TONE_LOST 4.5  /* tinh -> tính: a tone mark missed */
#define C_TONE_ADD 6.0   /* a speck read as a tone */
#define C_TONE_ADD_I 2.5 /* chi -> chỉ: the dot of an i read as a tone
                            (S_i_dot) */
#define C_TONE_SWAP 4.5  /* hỏi <-> ngã, sắc <-> huyền on a bare vowel */
#define C_STK_LOST 2.6   /* phân -> phấn, đôn -> đốn */
#define C_STK_ADD 3.9    /* cẩn -> cần is a swap; tiền -> tiên an add */
#define C_STK_SWAP 2.6   /* phần -> phấn, đề -> để */
#define C_STK_HOOK 2.0   /* tố -> tổ: a hook over a hat read as an acute.
                            Tesseract (vie), on the 60 pages of S_i_dot's
                            comment: 433 of 1,988 words with a hook over
                            a hat (22%), against 0.3% for every other tone
                            stacked over a hat read as another (20 grave
                            for tilde, 8 hook for acute, ...). Measured:
                            those pages recall 0.827 -> 0.838, make
                            ocr-real-eval 0.914 -> 0.922, broken 12 and 5
                            unchanged; build/ocr-eval (noise with no such
                            bias) 2%: +2 fixed +1 broken, scanner: +30
                            fixed +2 broken, clean: +1 changed. At 1.5:
                            0.857 and 0.924, but a 6th broken on the f*.md
                            pages and clean +2 more */
#define C_MOD_LOST 4.5   /* hook or hat missed on a bare vowel */
#define C_MOD_LOST_STK 3.3 /* khói -> khối: the hat under a tone missed */
#define C_MOD_ADD 5.2    /* hợp -> họp */
#define C_MOD_SWAP 5.2   /* ă <-> â, ô <-> ơ */
#define C_BAR_LOST 3.9   /* d -> đ */
#define C_BAR_ADD 5.8    /* đ -> d */
#define C_STRIP 7.5      /* at most, for a word with no mark left (see
                            S_channel) */
#define C_UPPER 2.0      /* extra for words in capitals (headings) */
#define C_NAME 2.0       /* extra for a capitalised word inside a clause:
                            a name (Phó Phong is not Phó Phòng) */
#define C_CASE 0.5       /* weight of the casing evidence (S_casing) */
#define C_INVALID 6.0    /* keeping a word that is no Vietnamese syllable */
#define C_ADAPTED 0.5    /* factor for a confusion this document showed */
#define S_MINSEEN 1      /* confident corrections that teach a confusion */
#define S_SURE_EASE 2.5  /* nats of margin granted to such confusions */
#define S_PAIR_FLOOR 2.0 /* nats a group's choice must beat the next one by */
#define S_ROUNDS 3       /* passes that learn from the edits before them */
/* A learnt confusion o -> c is dropped (factor S_HABIT_COST: full price)
 * when the document leaves o as written at least S_HABIT_KEPT times and
 * S_HABIT_RATIO times as often as it was corrected, and writes o at least
 * S_HABIT_BURST times as often as the model's unigram expects: a topic
 * word (a sword's "đao"), not a scanner's habit ("đầu" for "đấu" is
 * common everywhere, so its corrections still teach). Measured on the 828
 * held-out files: clean text 705 -> 626 changes, noise at 2% 711 -> 626
 * correct words changed for 1 fix fewer, scanner habits 684 -> 611 and
 * wrong 691 -> 626 for 128 of 114,739 fixes; corpus recall unchanged.
 * Without the burst test, corpus recall fell to 0.671. */
#define S_HABIT_KEPT 2
#define S_HABIT_RATIO 2
#define S_HABIT_COST 1.0
#define S_HABIT_BURST 10.0

/* ---- tokens ---- */

/* What the tokenizer tells apart in a character: a Vietnamese letter
 * (nqx_syl_letter), a digit, another letter, mark or number (a word
 * character that makes the word foreign), a space, or a boundary. */
enum { S_W_LETTER = 1, S_W_DIGIT, S_W_OTHER, S_W_SPACE, S_W_BREAK };

/* The classes of ASCII: letters count as Vietnamese letters (the syllable
 * parser judges them). */
#define S_L S_W_LETTER
static const unsigned char S_ascii_tab[128] = {
    [0] = S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_SPACE, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_SPACE, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_W_DIGIT, S_W_DIGIT, S_W_DIGIT, S_W_DIGIT, S_W_DIGIT, S_W_DIGIT,
    S_W_DIGIT, S_W_DIGIT, S_W_DIGIT, S_W_DIGIT, S_W_BREAK, S_W_BREAK,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L,
    S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
    S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L,
    S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L, S_L,
    S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK, S_W_BREAK,
};
#undef S_L

/* The class of a code point above ASCII. */
static int S_cp_class(int32_t cp)
{
    utf8proc_category_t cat;
    char b;
    int mod, tone, up;
    if (nqx_syl_letter(cp, &b, &mod, &tone, &up))
        return S_W_LETTER;
    if (cp == 0xA0 || cp == 0x202F || cp == 0x2009)
        return S_W_SPACE;
    cat = utf8proc_category(cp);
    if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) ||
        (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
        return S_W_OTHER;
    return S_W_BREAK;
}

/* S_cp_class(cp), remembered in lt (S_LT_SIZE bytes, zeroed first) for
 * the code points below U+2100, where all Vietnamese letters and the
 * usual punctuation are: a text uses few of them, many times. */
#define S_LT_SIZE 0x2100
static inline int S_class(unsigned char *lt, int32_t cp)
{
    if ((uint32_t)cp >= S_LT_SIZE)
        return S_cp_class(cp);
    if (!lt[cp])
        lt[cp] = (unsigned char)S_cp_class(cp);
    return lt[cp];
}

/* Slots of the table of distinct words (a power of two, at most). A
 * document repeats its words: each is parsed and looked up once, the
 * repeats copy the first. Past half full, new words are analysed without
 * memo. A short text gets a smaller table (a word every 4 bytes or more),
 * which is cleared faster. */
#define S_MEMO_SLOTS 16384

/* Are the n bytes at a and b the same? Words are short: two loads that
 * may overlap beat the call to memcmp. */
static inline int S_same(const char *a, const char *b, size_t n)
{
    uint32_t x, y, z, w;
    if (n >= 4 && n <= 8) {
        memcpy(&x, a, 4), memcpy(&y, b, 4);
        memcpy(&z, a + n - 4, 4), memcpy(&w, b + n - 4, 4);
        return ((x ^ y) | (z ^ w)) == 0;
    }
    if (n < 4) {
        size_t i;
        for (i = 0; i < n; i++)
            if (a[i] != b[i])
                return 0;
        return 1;
    }
    return memcmp(a, b, n) == 0;
}

/* The memo's hash of the n >= 1 bytes at p: words are short, and a few
 * loads that may overlap take all their bytes at once, where a hash
 * byte after byte is a chain of multiplications. */
static inline uint32_t S_word_hash(const unsigned char *p, size_t n)
{
    uint64_t x;
    if (n >= 4 && n <= 8) {
        uint32_t a, b;
        memcpy(&a, p, 4), memcpy(&b, p + n - 4, 4);
        x = (uint64_t)a << 32 | b;
    } else if (n < 4) {
        x = (uint64_t)p[0] | (uint64_t)p[n / 2] << 8 | (uint64_t)p[n - 1] << 16;
    } else {
        size_t k;
        uint64_t y;
        x = 0;
        for (k = 0; k + 8 < n; k += 8) {
            memcpy(&y, p + k, 8);
            x = (x ^ y) * 0x9E3779B97F4A7C15u;
        }
        memcpy(&y, p + n - 8, 8);
        x ^= y;
    }
    x = (x ^ n) * 0x9E3779B97F4A7C15u;
    return (uint32_t)(x >> 32);
}

int nqx_ocr_sentence_break(const char *text, size_t a, size_t b)
{
    for (; a < b; a++)
        switch (text[a]) {
        case '.': case ';': case ':': case '!': case '?': case '\n':
            return 1;
        default:
            break;
        }
    return 0;
}

/* The classes S_ascii_tab and S_class give, as the bits seen in a word. */
#define S_SEEN(cls) (1u << (cls))

nqx_status nqx_ocr_tokenize(const char *text, size_t len, nqx_tok **toks,
                            size_t *ntoks)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0, n = 0, cap = len / 5 + 16, nmemo = 0, slots = 64;
    nqx_tok *t;
    /* the word's hash << 32 | its token index + 1: a probe that meets
     * another word is told by the hash without reading its token */
    uint64_t *memo;
    unsigned char *lt; /* see S_class */
    int boundary = 1;
    while (slots < S_MEMO_SLOTS && slots < len / 4)
        slots *= 2;
    t = malloc(cap * sizeof *t); /* most texts: a word per 5 bytes or more */
    memo = calloc(slots * sizeof *memo + S_LT_SIZE, 1);
    lt = (unsigned char *)(memo + slots);
    *toks = NULL;
    *ntoks = 0;
    if (!t || !memo) {
        free(t);
        free(memo);
        return NQX_ENOMEM;
    }
    while (i < len) {
        int32_t cp;
        size_t k, start;
        unsigned cls, seen = 0;
        uint32_t hash;
        if (u[i] < 0x80) {
            cls = S_ascii_tab[u[i]];
            k = 1;
        } else {
            k = nqx_norm_utf8(u + i, len - i, &cp);
            cls = k ? (unsigned)S_class(lt, cp) : S_W_BREAK;
            k = k ? k : 1;
        }
        if (cls >= S_W_SPACE) {
            if (cls == S_W_BREAK)
                boundary = 1;
            i += k;
            continue;
        }
        /* a word: letters, digits and marks (cls and k: its first) */
        start = i;
        for (;;) {
            seen |= S_SEEN(cls);
            i += k;
            /* most of a word is ASCII letters: a run of them at once */
            if (i < len && u[i] < 0x80 && S_ascii_tab[u[i]] == S_W_LETTER) {
                seen |= S_SEEN(S_W_LETTER);
                do
                    i++;
                while (i < len && u[i] < 0x80 && S_ascii_tab[u[i]] == S_W_LETTER);
            }
            if (i >= len)
                break;
            if (u[i] < 0x80) {
                cls = S_ascii_tab[u[i]];
                k = 1;
            } else {
                k = nqx_norm_utf8(u + i, len - i, &cp);
                if (!k)
                    break;
                cls = (unsigned)S_class(lt, cp);
            }
            if (cls >= S_W_SPACE)
                break;
        }
        hash = S_word_hash(u + start, i - start);
        if (n == cap) {
            nqx_tok *p = realloc(t, (cap *= 2) * sizeof *t);
            if (!p) {
                free(t);
                free(memo);
                return NQX_ENOMEM;
            }
            t = p;
        }
        t[n].start = start;
        t[n].end = i;
        t[n].boundary = boundary;
        t[n].first = -1;
        boundary = 0;
        if (n < INT_MAX) {
            uint32_t h = hash & (uint32_t)(slots - 1);
            uint64_t key = (uint64_t)hash << 32;
            for (; memo[h]; h = (h + 1) & (uint32_t)(slots - 1)) {
                const nqx_tok *f;
                if ((memo[h] & ~(uint64_t)0xFFFFFFFFu) != key)
                    continue;
                f = &t[(uint32_t)memo[h] - 1];
                if (f->end - f->start == i - start &&
                    S_same(text + f->start, text + start, i - start)) {
                    t[n].first = (int)((uint32_t)memo[h] - 1);
                    t[n].ok = f->ok;
                    t[n].num = f->num;
                    t[n].syl = f->syl;
                    break;
                }
            }
            if (t[n].first >= 0) {
                n++;
                continue;
            }
            if (nmemo < slots / 2) {
                memo[h] = key | ((uint32_t)n + 1);
                nmemo++;
            }
        }
        t[n].ok = seen == S_SEEN(S_W_LETTER) &&
                  nqx_syl_parse(text + start, i - start, &t[n].syl) &&
                  t[n].syl.casing != NQX_CASE_MIXED;
        t[n].num = seen == S_SEEN(S_W_DIGIT);
        if (!t[n].ok) { /* defined, though nobody should read it */
            t[n].syl.n = 0;
            t[n].syl.tone = 0;
            t[n].syl.tone_at = -1;
            t[n].syl.casing = NQX_CASE_MIXED;
            t[n].syl.foreign = 0;
        }
        n++;
    }
    free(memo);
    *toks = t;
    *ntoks = n;
    return NQX_OK;
}

/* ---- decoding ---- */

/* One position of a clause's lattice. */
typedef struct {
    int fid;
    int k;                 /* candidates */
    int id[MAX_CANDS];     /* [0] is the observed word (-1 if unknown) */
    double ch[MAX_CANDS];  /* channel cost of each */
    int sure[MAX_CANDS];   /* 1: a confusion this scanner makes freely */
    nqx_group g2;          /* bigrams (i-1, i) */
    const nqx_tok *tok;    /* NULL for the clause ends */
    int ctx;               /* 1: the candidates' costs still lack their
                              context words' gain (S_window adds it) */
} S_pos;

#if defined(__GNUC__)
#define S_PREFETCH(p) __builtin_prefetch(p)
#else
#define S_PREFETCH(p) ((void)(p))
#endif

/* A small direct-mapped cache in front of the model's trigram table: the
 * lattice asks for the same trigrams again (overlapping windows, repeated
 * phrases, later passes), and the table is megabytes of random access.
 * 1024 entries (16 kB) fit the first-level cache beside the rest; 4096
 * did not, and cost more in time than their extra hits saved. */
#define S_TC_SLOTS 1024
typedef struct {
    int a, b, c, q;
} S_tc_entry;

/* The document's own bigrams, a cache model: a phrase a document uses
 * it tends to use again ("tính chiến đấu" twice, then "tinh chiến đấu"
 * once), so the words written next to each other elsewhere in the same
 * text lend a candidate support the corpus-wide n-grams do not see.
 * Open addressing (S_doc_slot), 0 empty. */
typedef struct {
    uint64_t *slot;
    size_t mask; /* slots - 1; 0: no cache */
    /* per id (nid of them, the model's vocabulary): times it is a pair's
     * first word, up to 255; sized to the vocabulary, not to all 16-bit
     * ids, so that a short text does not clear 64 kB for them */
    uint8_t *left;
    /* bit id set when id is a pair's second word: with left[], most
     * candidates' pairs are told absent without a probe (in the same
     * allocation as left) */
    uint64_t *right;
    int nid;
} S_doc;

typedef struct {
    double *buf, *buf2; /* S_viterbi's; S_may_change's */
    size_t cap, cap2;
    int *pairs; /* S_may_change's: S_pairs of each position */
    size_t cap3;
    S_tc_entry *tc; /* S_TC_SLOTS entries, a = -1 when empty */
    const nqx_lm *lm;
    S_doc dc;
    uint16_t vmask[256]; /* S_pairs's, all 0 between calls */
    /* the part's words, their ids and sentences, for S_ctx_gain (sent
     * NULL: the model has no context words) */
    const nqx_tok *toks;
    const int *tid;
    const uint32_t *sent;
    size_t ntok;
} S_scratch;

static S_tc_entry *S_tc_slot(S_scratch *sc, int a, int b, int c)
{
    uint32_t h = ((uint32_t)a * 0x9E3779B1u ^ (uint32_t)b * 0x85EBCA77u ^
                  (uint32_t)c * 0xC2B2AE3Du);
    return &sc->tc[(h ^ h >> 15) & (S_TC_SLOTS - 1)];
}

static void S_trigram_prefetch(S_scratch *sc, int a,
                               int b, int c)
{
    const S_tc_entry *e = S_tc_slot(sc, a, b, c);
    if (e->a != a || e->b != b || e->c != c) { /* nqx_model_trigram_prefetch */
        uint32_t h, bit = nqx_trigram_hash(a, b, c, sc->lm->n3slots, &h) &
                          NQX_TRIFP_MASK;
        S_PREFETCH(&sc->lm->trifp[bit >> 6]);
        S_PREFETCH(&sc->lm->tri[h]);
    }
}

/* Announce the trigrams (p, a, c) position i will look up: those whose
 * bigrams (p, a) in pa and (a, c) in ac exist, so that the table's cache
 * misses overlap. P[i - 2] must exist. */
static void S_prefetch_pos(S_scratch *sc, const S_pos *P, int i,
                           const int *pa, const int *ac)
{
    int kp = P[i - 2].k, ka = P[i - 1].k, kc = P[i].k, p, a, c;
    for (a = 0; a < ka; a++)
        for (c = 0; c < kc; c++)
            if (ac[a * MAX_CANDS + c] >= 0)
                for (p = 0; p < kp; p++)
                    if (pa[p * MAX_CANDS + a] >= 0)
                        S_trigram_prefetch(sc, P[i - 2].id[p], P[i - 1].id[a],
                                           P[i].id[c]);
}

static int S_trigram(S_scratch *sc, int a, int b, int c)
{
    S_tc_entry *e = S_tc_slot(sc, a, b, c);
    if (e->a != a || e->b != b || e->c != c) {
        e->a = a, e->b = b, e->c = c;
        e->q = nqx_lm_trigram(sc->lm, a, b, c);
    }
    return e->q;
}

/* P(c | a) gains S_DOC_W n(a c) / (n(a) + S_DOC_K), n counted in the
 * document. Measured (`make ocr-eval`-style runs on the 828 held-out
 * files, injected noise at 2% / a scanner's habits): 0.1 and 10 fix 343 /
 * 399 more words for 26 / 26 more changed; 0.1 and 1, 0.03 and 1 fix
 * fewer per change; without the group test (jac) the scanner's own
 * errors lent support to wrong words (-475 fixed). */
#define S_DOC_W 0.1
#define S_DOC_K 10.0

/* slot = count << 32 | key, key = a << 16 | c (ids fit 16 bits: the
 * model's fids table holds them as uint16_t) */
static inline size_t S_doc_slot(const S_doc *d, uint32_t k)
{
    return (size_t)((k * 0x9E3779B1u) >> 8) & d->mask;
}

static uint32_t S_doc_get(const S_doc *d, int a, int c)
{
    uint32_t k = (uint32_t)a << 16 | (uint32_t)c;
    size_t h;
    for (h = S_doc_slot(d, k);; h = (h + 1) & d->mask) {
        uint64_t v = d->slot[h];
        if ((uint32_t)v == k)
            return (uint32_t)(v >> 32);
        if (!v)
            return 0;
    }
}

/* Returns 1 when the key is new. */
static int S_doc_add(S_doc *d, int a, int c)
{
    uint32_t k = (uint32_t)a << 16 | (uint32_t)c;
    size_t h;
    for (h = S_doc_slot(d, k);; h = (h + 1) & d->mask) {
        uint64_t v = d->slot[h];
        if (!v || (uint32_t)v == k) {
            d->slot[h] = (v ? v : k) + ((uint64_t)1 << 32);
            return !v;
        }
    }
}

/* Count the document's bigrams of known words inside clauses. Returns -1
 * when out of memory. */
static int S_doc_build(S_doc *d, const nqx_lm *lm, const unsigned char *bnd,
                       const int *tid, size_t ntok)
{
    size_t slots = 64, i, keys = 0, words;
    /* a key per token at most, far fewer in text (phrases repeat): the
     * cache stops growing at load 3/4 rather than sizing for that */
    while (slots < ntok)
        slots *= 2;
    d->nid = lm->nvocab < 65536 ? lm->nvocab : 65536;
    words = ((size_t)d->nid + 63) / 64;
    d->slot = calloc(slots, sizeof *d->slot);
    d->right = calloc(words * sizeof *d->right + (size_t)d->nid, 1);
    if (!d->slot || !d->right)
        return -1;
    d->left = (uint8_t *)(d->right + words);
    d->mask = slots - 1;
    for (i = 0; i + 1 < ntok && keys < slots / 4 * 3 - 1; i++) {
        int a = tid[i], c = tid[i + 1];
        /* misses overlap; a table of 32 kB or less stays in the cache */
        if (slots > 4096 && i + 9 < ntok && tid[i + 8] > 0 && tid[i + 9] > 0)
            S_PREFETCH(&d->slot[S_doc_slot(d, (uint32_t)tid[i + 8] << 16 |
                                                  (uint32_t)tid[i + 9])]);
        if (a > 0 && c > 0 && !bnd[i + 1] && a < d->nid && c < d->nid) {
            keys += S_doc_add(d, a, c);
            d->left[a] += d->left[a] < 255;
            d->right[c >> 6] |= 1ull << (c & 63);
        }
    }
    return 0;
}

/* S_doc_p past its quick tests: the counts, for a pair (a, c) of known
 * words that the document has on both sides, at a position that wrote
 * oa oc. */
static double S_doc_share(const S_doc *d, int a, int c, int oa, int oc)
{
    uint32_t n = S_doc_get(d, a, c);
    /* a pair written more than once here is this scanner's habit or the
     * author's word: the document's counts are no witness between them */
    if (!n || (oa > 0 && oc > 0 && oa < d->nid && oc < d->nid &&
               S_doc_get(d, oa, oc) > 1))
        return 0.0;
    return S_DOC_W * n / (d->left[a] + S_DOC_K);
}

/* The cache's share of P(c | a) at position i, weighted: how often the
 * document wrote c after a elsewhere (this position's own pair aside).
 * Most pairs fail the quick tests, inline here; the rest is a call. */
static inline double S_doc_p(const S_scratch *sc, const S_pos *P, int i, int a, int c,
                             int jac)
{
    int oa, oc;
    if (jac < 0) /* first: most candidates' pairs are not in the model */
        return 0.0;
    oa = P[i - 1].id[0], oc = P[i].id[0];
    if (!sc->dc.mask || a <= 0 || c <= 0 || (a == oa && c == oc) ||
        a >= sc->dc.nid || c >= sc->dc.nid || !sc->dc.left[a] ||
        !(sc->dc.right[c >> 6] >> (c & 63) & 1))
        return 0.0;
    return S_doc_share(&sc->dc, a, c, oa, oc);
}

/* The confusions (observed id -> corrected id) this document's scanner
 * made, learnt from the confident corrections so far: an EM over the
 * document's channel. Each later pass (S_ROUNDS in all) charges them less
 * (S_adapt_settle) and learns again from all the edits: a scanner that
 * turned "phấn đấu" into "phần đầu" where the context made it certain
 * likely did it where the context is thinner too. The margin still has
 * to be met, so a confusion learnt by mistake spreads only where the LM
 * already leans that way. Measured (corpus recall / `make ocr-eval`
 * precision): half price in one more pass +0.09 / unchanged; free
 * where the scanner is caught more often wrong than right 0.571 / 0.966;
 * three passes 0.600; habitual groups need 2.5 nats less 0.629, and are
 * judged by their surest word 0.657; ocr-eval unchanged by the last three. */
typedef struct {
    int (*pair)[3]; /* observed, corrected, times */
    double *cost;   /* per pair once settled: factor of its channel cost */
    int n, cap;
    int learn; /* 1: record corrections; 0: apply */
    /* when logging: every S_adapt_add's (o, c), in order (S_first_pass) */
    int (*log)[2];
    int nlog, caplog, logging;
} S_adapt;

static int S_pair_cmp(const void *a, const void *b)
{
    const int *x = a, *y = b;
    return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0])
                        : (x[1] > y[1]) - (x[1] < y[1]);
}

/* Index of the first pair (o, c) (c < 0: any c), or -1. Pairs are
 * sorted when applied. */
static int S_adapt_find(const S_adapt *ad, int o, int c)
{
    int lo = 0, hi = ad ? ad->n : 0;
    while (lo < hi) { /* first pair >= (o, c) */
        int mid = (lo + hi) / 2;
        const int *p = ad->pair[mid];
        if (p[0] < o || (p[0] == o && c >= 0 && p[1] < c))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ad->n && ad->pair[lo][0] == o && (c < 0 || ad->pair[lo][1] == c)
               ? lo : -1;
}

/* A set of ids (ids are below 65536): a bit each, so that the passes
 * over every token of a document ask it in place of a binary search. */
#define S_IDSET_WORDS 1024
static void S_idset_add(uint64_t *set, int id)
{
    set[(unsigned)id >> 6] |= (uint64_t)1 << (id & 63);
}

static int S_idset_has(const uint64_t *set, int id)
{
    return id >= 0 && (set[(unsigned)id >> 6] >> (id & 63) & 1);
}

static int S_adapt_add(S_adapt *ad, int o, int c)
{
    int i;
    if (ad->logging) {
        if (ad->nlog == ad->caplog) {
            int cap = ad->caplog ? ad->caplog * 2 : 64;
            void *p = realloc(ad->log, (size_t)cap * sizeof *ad->log);
            if (!p)
                return -1;
            ad->log = p;
            ad->caplog = cap;
        }
        ad->log[ad->nlog][0] = o;
        ad->log[ad->nlog][1] = c;
        ad->nlog++;
    }
    for (i = ad->n - 1; i >= 0 && i >= ad->n - 64; i--)
        if (ad->pair[i][0] == o && ad->pair[i][1] == c) {
            ad->pair[i][2]++;
            return 0;
        }
    if (ad->n == ad->cap) {
        int cap = ad->cap ? ad->cap * 2 : 16;
        void *p = realloc(ad->pair, (size_t)cap * sizeof *ad->pair);
        if (!p)
            return -1;
        ad->pair = p;
        ad->cap = cap;
    }
    ad->pair[ad->n][0] = o;
    ad->pair[ad->n][1] = c;
    ad->pair[ad->n][2] = 1;
    ad->n++;
    return 0;
}

static int S_int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Merge duplicates, keep the pairs seen S_MINSEEN times, sort, and set
 * each pair's channel factor. A confusion o -> c caught k times is
 * charged nothing when the text holds c read right at most k times: this
 * scanner writes c wrong at least as often as right (a font whose stacked
 * marks it cannot read: "phần đầu" for "phấn đấu" all through). Else
 * C_ADAPTED: a confusion caught once among many c read right (a false
 * fix of "sổ" to "số" in a text full of "số") must not spread freely.
 * tid: the observed ids. Returns -1 on out of memory. */
static int S_adapt_settle(S_adapt *ad, const nqx_lm *lm, const int *tid, size_t ntok)
{
    int i, out = 0, *tg, *right;
    uint64_t *set;
    size_t t;
    if (!ad->n)
        return 0;
    qsort(ad->pair, (size_t)ad->n, sizeof *ad->pair, S_pair_cmp);
    for (i = 0; i < ad->n; i++) {
        if (out && ad->pair[out - 1][0] == ad->pair[i][0] &&
            ad->pair[out - 1][1] == ad->pair[i][1])
            ad->pair[out - 1][2] += ad->pair[i][2];
        else
            memcpy(ad->pair[out++], ad->pair[i], sizeof ad->pair[i]);
    }
    ad->n = out;
    for (i = out = 0; i < ad->n; i++)
        if (ad->pair[i][2] >= S_MINSEEN)
            memcpy(ad->pair[out++], ad->pair[i], sizeof ad->pair[i]);
    ad->n = out;
    ad->cost = malloc(((size_t)ad->n + 1) * sizeof *ad->cost);
    tg = malloc(((size_t)ad->n + 1) * 2 * sizeof *tg);
    if (!ad->cost || !tg) {
        free(tg);
        return -1;
    }
    /* how often each target, and each observed word, stands in the text:
     * words sorted, one pass */
    for (i = 0; i < ad->n; i++)
        tg[i] = ad->pair[i][1], tg[ad->n + i] = ad->pair[i][0];
    qsort(tg, 2 * (size_t)ad->n, sizeof *tg, S_int_cmp);
    right = malloc(2 * ((size_t)ad->n + 1) * sizeof *right);
    set = calloc(S_IDSET_WORDS, sizeof *set);
    if (!set || !right) {
        free(set);
        free(right);
        free(tg);
        return -1;
    }
    memset(right, 0, 2 * (size_t)ad->n * sizeof *right);
    for (i = 0; i < 2 * ad->n; i++)
        S_idset_add(set, tg[i]);
    for (t = 0; t < ntok; t++) {
        int *hit = S_idset_has(set, tid[t])
                       ? bsearch(&tid[t], tg, 2 * (size_t)ad->n, sizeof *tg, S_int_cmp)
                       : NULL;
        if (hit)
            right[hit - tg]++;
    }
    free(set);
    for (i = 0; i < ad->n; i++) {
        int *hit = bsearch(&ad->pair[i][1], tg, 2 * (size_t)ad->n, sizeof *tg, S_int_cmp);
        int *ho = bsearch(&ad->pair[i][0], tg, 2 * (size_t)ad->n, sizeof *tg, S_int_cmp);
        int kept = right[ho - tg] - ad->pair[i][2]; /* left as written */
        ad->cost[i] = right[hit - tg] <= ad->pair[i][2] ? 0.0 : C_ADAPTED;
        /* a word the document writes many more times than it was caught
         * misread is the document's own word (a sword's "đao" in a text
         * about swords), not this scanner's habit */
        if (kept >= S_HABIT_KEPT && kept >= S_HABIT_RATIO * ad->pair[i][2] &&
            right[ho - tg] >= S_HABIT_BURST * (double)ntok * lm->p1[ad->pair[i][0]])
            ad->cost[i] = S_HABIT_COST;
    }
    free(right);
    free(tg);
    return 0;
}

static double *S_alloc(S_scratch *s, size_t n)
{
    if (n > s->cap) {
        double *p = realloc(s->buf, n * sizeof *p);
        if (!p)
            return NULL;
        s->buf = p;
        s->cap = n;
    }
    return s->buf;
}

/* The bound's buffers (see S_may_change): gains, n doubles, and pairs,
 * npairs ints. */
static int S_alloc2(S_scratch *s, size_t n, size_t npairs)
{
    if (n > s->cap2) {
        double *p = realloc(s->buf2, n * sizeof *p);
        if (!p)
            return -1;
        s->buf2 = p;
        s->cap2 = n;
    }
    if (npairs > s->cap3) {
        int *p = realloc(s->pairs, npairs * sizeof *p);
        if (!p)
            return -1;
        s->pairs = p;
        s->cap3 = npairs;
    }
    return 0;
}

/* The index of the lowest bit set of x (0 < x < 64): candidate sets. */
static const unsigned char S_low[64] = {
    0, 0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0,
    4, 0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0,
    5, 0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0,
    4, 0, 1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0,
};

/* The index of the first of the n entries of a group at r that holds the
 * variants va, vb (pat = va | vb << 8), or -1: one compare per entry, and
 * the loop's branch is taken once. */
static int S_find_pair(const uint8_t *r, int n, unsigned pat)
{
    int j;
    for (j = 0; j < n; j++, r += 4)
        if ((unsigned)(r[0] | r[1] << 8) == pat)
            return j;
    return -1;
}

/* The bigrams (a, c) of positions i - 1, i: ac[a * MAX_CANDS + c] is
 * the index of the first entry of P[i].g2 that holds candidate a of
 * i - 1 and candidate c of i, or -1. Where one side is the written word
 * alone (most calls), a scan per pair (S_find_pair); else one pass over
 * the group for all the pairs: sc->vmask[v] holds the candidates of
 * i - 1 (bits 0-5) and of i (bits 8-13) whose variant is v, and is all 0
 * again on return. */
static void S_pairs(S_scratch *sc, const S_pos *P, int i, int *ac)
{
    const nqx_lm *lm = sc->lm;
    uint16_t *vm = sc->vmask;
    int ka = P[i - 1].k, kc = P[i].k, a, c, j, left, na = 0, nc = 0;
    const uint8_t *r = P[i].g2.r;
    if (ka == 1 && kc == 1) { /* most pairs: scan to the match */
        ac[0] = -1;
        if (P[i - 1].id[0] >= 0 && P[i].id[0] >= 0)
            ac[0] = S_find_pair(r, P[i].g2.n,
                                lm->variant[P[i - 1].id[0]] |
                                    (unsigned)lm->variant[P[i].id[0]] << 8);
        return;
    }
    if (ka == 1 || kc == 1) { /* one side is the written word alone */
        /* groups are short: a scan for each pair of the written word
         * and a candidate of the other side */
        int one = ka == 1, kv = one ? kc : ka, step = one ? 1 : MAX_CANDS;
        const S_pos *F = one ? &P[i - 1] : &P[i], *V = one ? &P[i] : &P[i - 1];
        unsigned x;
        for (c = 0; c < kv; c++)
            ac[c * step] = -1;
        if (F->id[0] < 0)
            return;
        x = lm->variant[F->id[0]];
        for (c = 0; c < kv; c++)
            if (V->id[c] >= 0) {
                unsigned v = lm->variant[V->id[c]];
                ac[c * step] = S_find_pair(r, P[i].g2.n, one ? x | v << 8 : v | x << 8);
            }
        return;
    }
    for (a = 0; a < ka; a++)
        if (P[i - 1].id[a] >= 0)
            vm[lm->variant[P[i - 1].id[a]]] |= (uint16_t)(1u << a), na++;
    for (c = 0; c < kc; c++)
        if (P[i].id[c] >= 0)
            vm[lm->variant[P[i].id[c]]] |= (uint16_t)(0x100u << c), nc++;
    memset(ac, 0xFF, (size_t)ka * MAX_CANDS * sizeof *ac); /* all -1 */
    for (j = 0, left = na * nc; left && j < P[i].g2.n; j++, r += 4) {
        unsigned x = vm[r[0]] & 0x3Fu, y = vm[r[1]] >> 8, yy;
        if (!x || !y)
            continue;
        for (; x; x &= x - 1) {
            int *row = ac + S_low[x] * MAX_CANDS;
            for (yy = y; yy; yy &= yy - 1)
                if (row[S_low[yy]] < 0)
                    row[S_low[yy]] = j, left--;
        }
    }
    for (a = 0; a < ka; a++)
        if (P[i - 1].id[a] >= 0)
            vm[lm->variant[P[i - 1].id[a]]] = 0;
    for (c = 0; c < kc; c++)
        if (P[i].id[c] >= 0)
            vm[lm->variant[P[i].id[c]]] = 0;
}

/* ln P(c | p a) at position i (p = -2: no word two back), interpolated
 * Witten-Bell: a history that was followed by many different words
 * leaves more to the shorter history than one that nearly always takes
 * the same next word ("đầu" is nearly always "đầu tư"). */
/* The bigram part: P(c | a) at position i, where j is the index of the
 * bigram (a, c) in the group of position i, or -1. */
static inline double S_p2(const nqx_lm *lm, const S_pos *P, int i, int j, int a,
                   int c)
{
    double p1 = c < 0 ? lm->p1_unknown : lm->p1[c], p2;
    if (a < 0)
        return p1;
    p2 = ((j >= 0 ? lm->qexp[P[i].g2.r[4 * j + 2]] : 0.0) + lm->typ[a] * p1) /
         lm->den[a];
    return p2 > 0 ? p2 : p1;
}

/* P(c | p a) from the bigram part p2 = P(c | a); j is the index of the
 * bigram (p, a) in the group of position i - 1, or -1; jac that of (a, c)
 * in the group of position i. The model keeps a trigram only where it
 * keeps both its bigrams (model.c prunes trigrams harder; groups past
 * MAX_GROUP aside), so without (a, c) there is no trigram to look up:
 * most candidates' pairs are such, and each lookup is a cache miss.
 * dp: the document's share, S_doc_p(a, c) (the same for every p). */
static inline double S_lpx(S_scratch *sc, const S_pos *P, int i,
                    int j, int p, int a, int c, int jac, double p2, double dp)
{
    const double *qe = sc->lm->qexp;
    if (j >= 0) {
        double cab = qe[P[i - 1].g2.r[4 * j + 2]];
        double tab = qe[P[i - 1].g2.r[4 * j + 3]] - 1.0;
        int q = c >= 0 && jac >= 0 ? S_trigram(sc, p, a, c) : -1;
        double c3 = q >= 0 ? qe[q] : 0.0;
        if (tab > 0 || c3 > 0)
            return (c3 + tab * p2) / (cab + tab) + dp;
    }
    return p2 + dp;
}

/* S_lpx is P(c | p a) itself, which S_may_change compares without log. */
static double S_lp(S_scratch *sc, const S_pos *P, int i,
                   int j, int p, int a, int c, int jac, double p2, double dp)
{
    return log(S_lpx(sc, P, i, j, p, a, c, jac, p2, dp));
}

/* The least (*lo) and the most (*hi) that S_lpx can be, whatever the
 * trigram's count, without looking it up: a trigram (p, a, c) of the
 * model was counted on the same text as its bigrams (p, a) and (a, c),
 * so that its count is at most theirs (and Q keeps the order). Every
 * operation of S_lpx rounds monotonically: lo <= S_lpx <= hi holds in
 * doubles too. (A fingerprint that matches by chance, once per million
 * lookups of absent trigrams, lends an arbitrary count; checked on the
 * 13,917 textcorpus files, no lookup broke the order.) */
static inline void S_lpx_range0(const nqx_lm *lm, const S_pos *P, int i, int j,
                                int c, int jac, double p2, double *lo,
                                double *hi)
{
    const double *qe = lm->qexp;
    if (j >= 0) {
        double cab = qe[P[i - 1].g2.r[4 * j + 2]];
        double tab = qe[P[i - 1].g2.r[4 * j + 3]] - 1.0;
        if (c >= 0 && jac >= 0) {
            double cac = qe[P[i].g2.r[4 * jac + 2]];
            double c3 = cab < cac ? cab : cac, one;
            if (tab > 0) {
                *lo = (0.0 + tab * p2) / (cab + tab);
                *hi = (c3 + tab * p2) / (cab + tab);
                return;
            }
            /* tab = 0: c3 / cab when the trigram is kept (its count is at
             * least qe[0]), else p2 */
            one = qe[0] / cab;
            *lo = p2 < one ? p2 : one;
            *hi = p2 > c3 / cab ? p2 : c3 / cab;
            return;
        }
        if (tab > 0) {
            *lo = *hi = (0.0 + tab * p2) / (cab + tab);
            return;
        }
    }
    *lo = *hi = p2;
}

/* S_lpx_range with the document's cache share, which is known exactly */
static inline void S_lpx_range(const S_scratch *sc, const S_pos *P, int i, int j,
                               double dp, int c, int jac, double p2, double *lo,
                               double *hi)
{
    S_lpx_range0(sc->lm, P, i, j, c, jac, p2, lo, hi);
    *lo += dp;
    *hi += dp;
}

static int S_bare(const nqx_syl *y);

/* 1 when the tone o has and c has not may be the dot of an i that the
 * scanner read as a mark: c's only vowel is i (chi, thi, tinh, ghi) and
 * the mark an acute or a hook, which sit where the dot is. Tesseract
 * (vie) does this all the time: on 60 textcorpus pages that are not
 * f*.md, printed and scanned as scripts/ocr-real-eval.sh does (VITEXT
 * pointed at them), 81 of the 84 tones it added were over an i alone
 * (47 "chỉ" for chi, 14 "thí" for thi), 8% of such words, against 3 in
 * 5,262 other words without a tone; a swapped tone stacked over a hat
 * (C_STK_SWAP) came at 3.3%. Measured: real OCR of those 60 pages
 * (errors=642) recall 0.815 -> 0.827, 12 broken both; of the 40 f*.md
 * pages of make ocr-real-eval 0.901 -> 0.914, 5 broken both. In
 * build/ocr-eval, whose noise adds a tone on any vowel alike: clean
 * text 454 -> 459 changed, of which the new are "chỉ trả", "chỉ phí",
 * "chỉ tiết" -> chi (the source's own OCR slips), "trí thức" -> tri,
 * "trỉ trích" -> tri (was trí; chỉ is right), one "khí" -> khi, and one
 * fix lost (nhũng -> những); 2% noise fixed 20483 -> 20490, broken 619
 * -> 626. At 3.5: real 0.821 on the 60 pages, the same elsewhere; at
 * 5.0 the f*.md pages gain 1 fix. Grave and tilde (thì, vĩ for thi, vi:
 * 5 of the 84) are left at C_TONE_ADD: they let "vì" -> vi through in
 * clean text. Checked afterwards on 60 other such pages, not used to
 * choose either cost (errors=632): recall 0.889 -> 0.897 with this,
 * 0.910 with C_STK_HOOK too; precision 0.984 -> 0.986, 6 broken. */
static int S_i_dot(const nqx_syl *o, const nqx_syl *c)
{
    int i, any = 0;
    if (o->tone != 2 && o->tone != 3) /* acute, hook */
        return 0;
    for (i = 0; i < c->n; i++) {
        char b = c->base[i];
        if (b != 'i' && nqx_syl_vowel_base(b))
            return 0;
        any |= b == 'i';
    }
    return any;
}

/* The channel cost of reading the syllable of id (the model's lm) as o.
 * A word written with no mark at all lost them in one event (typed
 * without Vietnamese input, a font whose marks did not come through),
 * not in one misread per mark: "nguoi" for "người" costs C_STRIP, not
 * the sum of three losses. Measured on the 828 held-out files (`make
 * ocr-eval`): marks stripped from 2% of words, 20831 -> 20960 fixed of
 * 24391 (recall 0.854 -> 0.859), 91 -> 95 wrong, broken unchanged (634);
 * the other four runs unchanged but a scanner's habits (+1 fix); corpus
 * unchanged. At 7.0: +157 fixes, but 2 more correct words broken in
 * three runs; at 6.0 +221, and 3 to 6 more broken. */
static double S_channel(const nqx_lm *lm, const nqx_syl *o, int id)
{
    const nqx_syl *c = &lm->syl[id];
    double cost = 0;
    int i, stacked = 0;
    if (!lm->syl_ok[id] || c->n != o->n)
        return 1e9;
    for (i = 0; i < c->n; i++)
        if (c->base[i] != 'd' && (c->mod[i] || o->mod[i]))
            stacked = 1;
    if (c->tone != o->tone) {
        if (stacked)
            cost += !o->tone ? C_STK_LOST
                    : !c->tone ? C_STK_ADD
                    : o->tone == 2 && c->tone == 3 ? C_STK_HOOK : C_STK_SWAP;
        else
            cost += !o->tone ? C_TONE_LOST
                    : !c->tone ? (S_i_dot(o, c) ? C_TONE_ADD_I : C_TONE_ADD)
                               : C_TONE_SWAP;
    }
    for (i = 0; i < c->n; i++) {
        if (c->mod[i] == o->mod[i])
            continue;
        if (c->base[i] == 'd')
            cost += o->mod[i] ? C_BAR_ADD : C_BAR_LOST;
        else if (!o->mod[i])
            cost += c->tone ? C_MOD_LOST_STK : C_MOD_LOST;
        else
            cost += !c->mod[i] ? C_MOD_ADD : C_MOD_SWAP;
    }
    if (cost > C_STRIP && S_bare(o))
        cost = C_STRIP;
    if (o->casing == NQX_CASE_UPPER)
        cost += C_UPPER;
    return cost;
}

/* The case a word is written in is part of what is observed, and OCR
 * keeps it: inside a clause, "nam" in lower case is rarely the "Nam" of
 * Việt Nam that most "nam" are, while "năm" nearly always is lower case.
 * The channel adds ln P(case | observed) - ln P(case | candidate). */
static double S_casing(const nqx_lm *lm, const nqx_tok *t, int o, int c)
{
    int title = t->syl.casing == NQX_CASE_TITLE;
    if (t->boundary || (t->syl.casing != NQX_CASE_LOWER && !title))
        return 0.0;
    /* nqx_model_lncase, read in place */
    return C_CASE * ((o < 0 ? log(0.5) : lm->lncase[2 * (size_t)o + (title != 0)]) -
                     lm->lncase[2 * (size_t)c + (title != 0)]);
}

/* Candidates for position i: the syllables with its letters seen next to
 * its neighbours' letters. A candidate enters the lattice only when, on
 * one side at least, the model saw it next to that neighbour's letters
 * about as often as the observed word (within e^S_SUPPORT) or the
 * observed word not at all there: otherwise its LM gain could not pay the
 * channel cost, and every extra state costs time. */
/* 1 when S_cands surely finds nothing at i: on each side the group is
 * empty or led by the observed word, ahead of the next entry (the scan
 * stops there). Most positions; cheaper than the scan's setup. */
static int S_no_cands(const nqx_lm *lm, const S_pos *P, int i)
{
    int o = P[i].id[0], vo;
    const nqx_group *l = &P[i].g2, *r = &P[i + 1].g2;
    if (o < 0 || lm->fid[o] != P[i].fid)
        return 0;
    vo = lm->variant[o];
    return (l->n == 0 || (l->r[1] == vo && (l->n == 1 || l->r[6] < l->r[2]))) &&
           (r->n == 0 || (r->r[0] == vo && (r->n == 1 || r->r[6] < r->r[2])));
}

/* The context words' evidence for reading the word t as c rather than as
 * what was written (o): the sum over the words 2 to NQX_CTX_WINDOW away
 * in t's sentence of nqx_lm_ctx(c, w) - nqx_lm_ctx(o, w), in nats, at
 * most S_CTX_CAP either way, times S_CTX_WEIGHT, as a gain (it lowers
 * c's channel cost, or raises it when negative). Words with o's letters
 * are left out: "Đề án" says nothing of đề against để next to it. The
 * weight undoes naive Bayes's counting of the same evidence many times
 * over (words of one sentence are not independent). Measured on the 828
 * held-out files (build/ocr-eval) and Tesseract's pages (make
 * ocr-real-eval), both unseen by the model: see the commit log. */
#define S_CTX_WEIGHT 0.5
#define S_CTX_CAP 4.0

/* The words of t's sentence 2 to NQX_CTX_WINDOW away (without those with
 * o's letters) in w[], and the sum of o's context scores over them in
 * *so; returns how many (0 when the model has no context words). */
static int S_ctx_words(const S_scratch *sc, const nqx_tok *t, int o, int *w,
                       int *so)
{
    const nqx_lm *lm = sc->lm;
    size_t ti = (size_t)(t - sc->toks), u, lo, hi;
    int n = 0, fo = o > 0 ? lm->fid[o] : -1;
    *so = 0;
    if (!sc->sent || ti >= sc->ntok)
        return 0;
    lo = ti >= NQX_CTX_WINDOW ? ti - NQX_CTX_WINDOW : 0;
    hi = ti + NQX_CTX_WINDOW < sc->ntok ? ti + NQX_CTX_WINDOW : sc->ntok - 1;
    for (u = lo; u <= hi; u++) {
        int x = sc->tid[u];
        if (u + 1 >= ti && u <= ti + 1)
            continue; /* t and its neighbours: the n-grams' evidence */
        if (x <= 0 || sc->sent[u] != sc->sent[ti] || lm->fid[x] == fo)
            continue;
        w[n++] = x;
        *so += o > 0 ? nqx_lm_ctx(lm, o, x) : 0;
    }
    return n;
}

/* S_ctx_words's words w[0..n) and sum so for o: c's gain (see above). */
static double S_ctx_gain(const nqx_lm *lm, const int *w, int n, int so, int c)
{
    int sum = -so, k;
    double g;
    if (lm->ctxoff[c + 1] > lm->ctxoff[c]) /* else c has no context words */
        for (k = 0; k < n; k++)
            sum += nqx_lm_ctx(lm, c, w[k]);
    g = sum / NQX_CTX_SCALE;
    g = g > S_CTX_CAP ? S_CTX_CAP : g < -S_CTX_CAP ? -S_CTX_CAP : g;
    return S_CTX_WEIGHT * g;
}

static void S_cands(const S_scratch *sc, S_pos *P, int i, const S_adapt *ad)
{
    const nqx_lm *lm = sc->lm;
    int ids[32], q[32][2], n = 0, j, side, qo[2] = {-1, -1};
    int f = P[i].fid, o = P[i].id[0];
    /* the groups name words of position i by their variant of f: the
     * observed word's, when it has f's letters, and the others' ids once
     * chosen (ids[] holds variants until then) */
    int vo = o >= 0 && lm->fid[o] == f ? lm->variant[o] : -1;
    const uint16_t *row = lm->fids + lm->foff[f];
    for (side = 0; side < 2; side++) {
        nqx_group g = side ? P[i + 1].g2 : P[i].g2;
        /* groups are sorted by count: the first entries hold every
         * candidate worth a state (and the observed word, or it is rare) */
        if (g.n > 48)
            g.n = 48;
        for (j = 0; j < g.n; j++) {
            int id, v = g.r[4 * j + 2], k;
            /* below the observed word on this side: these can only pass
             * on the other side, where they are found in their turn */
            if (qo[side] >= 0 && v < qo[side])
                break;
            id = side ? g.r[4 * j] : g.r[4 * j + 1]; /* both groups' f */
            if (id == vo) {
                if (v > qo[side])
                    qo[side] = v;
                continue;
            }
            for (k = 0; k < n && ids[k] != id; k++)
                ;
            if (k == n) {
                if (n == 32)
                    continue;
                ids[n] = id, q[n][0] = q[n][1] = -1, n++;
            }
            if (v > q[k][side])
                q[k][side] = v;
        }
    }
    for (j = 0; j < n; j++) { /* q[j][0] becomes the score */
        int score = -100000;
        for (side = 0; side < 2; side++) {
            int d;
            if (q[j][side] < 0)
                continue;
            d = qo[side] < 0 ? 100000 : q[j][side] - qo[side];
            if (d > score)
                score = d;
        }
        q[j][0] = score;
    }
    while (P[i].k < MAX_CANDS && n > 0) {
        int b = 0;
        for (j = 1; j < n; j++)
            if (q[j][0] > q[b][0])
                b = j;
        if (q[b][0] < -(int)(S_SUPPORT * NQX_Q_SCALE))
            break;
        ids[b] = row[ids[b]];
        P[i].id[P[i].k] = ids[b];
        P[i].ch[P[i].k] = S_channel(lm, &P[i].tok->syl, ids[b]);
        P[i].sure[P[i].k] = 0;
        if (i > 1 && P[i].tok->syl.casing == NQX_CASE_TITLE)
            P[i].ch[P[i].k] += C_NAME;
        P[i].ch[P[i].k] += S_casing(lm, P[i].tok, P[i].id[0], ids[b]);
        if (ad && !ad->learn &&
            (j = S_adapt_find(ad, P[i].id[0], ids[b])) >= 0) {
            P[i].ch[P[i].k] *= ad->cost[j];
            P[i].sure[P[i].k] = ad->cost[j] == 0;
        }
        P[i].k++;
        ids[b] = ids[n - 1], q[b][0] = q[n - 1][0], n--;
    }
    P[i].ctx = P[i].k > 1 && sc->sent != NULL;
}

/* The context words' gains of the candidates of positions 1..n, added
 * when a window is decoded (add = 1), or their most, S_CTX_MAX, taken
 * off their costs for S_may_change's bound (add = 0): most windows fail
 * the bound even so, and the context words are never looked up.
 * Only a word whose neighbours stay as written takes them: the table
 * knows words, not phrases, and a phrase's words have other senses
 * ("đấu" is mostly "đấu giá", "đấu thầu" in the training text, so that
 * the context of "phấn đấu ... tỷ lệ cán bộ nữ" spoke against "đấu"); a
 * neighbour with a candidate costing under S_CTX_NEAR may change with
 * it, and the pair is the n-grams' to judge. Measured on the 828
 * held-out files at 2% (build/ocr-eval): every word 20638 fixed / 656
 * broken, but corpus/004's "phân đầu" stayed; only words whose
 * neighbours have no candidate 20560 / 643; this 20608 / 645. */
#define S_CTX_MAX (S_CTX_WEIGHT * S_CTX_CAP)
#define S_CTX_NEAR 4.0
static void S_ctx_apply(const S_scratch *sc, S_pos *P, int n, int add)
{
    int i, c, w[2 * NQX_CTX_WINDOW], nw, so;
    if (!add) /* (before any cost is lowered) */
        for (i = 1; i <= n; i++) {
            int j;
            if (!P[i].ctx)
                continue;
            for (j = i - 1; j <= i + 1; j += 2)
                for (c = 1; c < P[j].k; c++)
                    if (P[j].ch[c] < S_CTX_NEAR)
                        P[i].ctx = 0;
        }
    for (i = 1; i <= n; i++) {
        if (!P[i].ctx)
            continue;
        if (!add) {
            for (c = 1; c < P[i].k; c++)
                P[i].ch[c] -= S_CTX_MAX;
            continue;
        }
        nw = S_ctx_words(sc, P[i].tok, P[i].id[0], w, &so);
        for (c = 1; c < P[i].k; c++)
            P[i].ch[c] += S_CTX_MAX - (nw ? S_ctx_gain(sc->lm, w, nw, so, P[i].id[c]) : 0.0);
        P[i].ctx = 0;
    }
}

/* Viterbi with margins over positions 0..n+1 (0 and n+1 are the clause
 * ends). Fills best[i] (candidate index) and margin[i]. Returns -1 on out
 * of memory. */
static int S_viterbi(S_pos *P, int n, S_scratch *sc,
                     int *best, double *margin)
{
    size_t *voff, *toffs, total = 0, toff;
    double *V, *B, *T;
    int *bp, i, pair[2][MAX_CANDS * MAX_CANDS], *pa, *ac;
    size_t nstate = 0, ntrans = 0;
    int N = n + 2;

    for (i = 1; i < N; i++) {
        nstate += (size_t)P[i - 1].k * (size_t)P[i].k;
        ntrans += (size_t)(i >= 2 ? P[i - 2].k : 1) * (size_t)P[i - 1].k *
                  (size_t)P[i].k;
    }
    total = 2 * nstate + ntrans + (size_t)N * 2 + nstate;
    V = S_alloc(sc, total);
    if (!V)
        return -1;
    B = V + nstate;
    T = B + nstate;
    voff = (size_t *)(void *)(T + ntrans); /* N offsets into V/B */
    toffs = voff + N;                      /* N offsets into T */
    bp = (int *)(void *)(toffs + N);       /* backpointers, one per state */
    /* (sizes: size_t and int both fit in the doubles reserved for them) */

    /* forward; state (a, c) at i is V[voff[i] + a * k_i + c] */
    toff = 0;
    voff[0] = 0;
    for (i = 1; i < N; i++) {
        int ka = P[i - 1].k, kc = P[i].k, kp = i >= 2 ? P[i - 2].k : 1;
        int a, c, p;
        voff[i] = i == 1 ? 0 : voff[i - 1] + (size_t)P[i - 2].k * (size_t)P[i - 1].k;
        toffs[i] = toff;
        /* the bigram (a, c) of each pair, found once: it is the (p, a)
         * of the next position */
        pa = pair[(i + 1) & 1];
        ac = pair[i & 1];
        S_pairs(sc, P, i, ac);
        /* the trigrams this position will look up, announced first */
        if (i >= 2)
            S_prefetch_pos(sc, P, i, pa, ac);
        for (a = 0; a < ka; a++)
            for (c = 0; c < kc; c++) {
                double bestv = -1e300;
                int bestp = 0, jac = ac[a * MAX_CANDS + c];
                double p2 = S_p2(sc->lm, P, i, jac, P[i - 1].id[a], P[i].id[c]);
                double dp = S_doc_p(sc, P, i, P[i - 1].id[a], P[i].id[c], jac);
                for (p = 0; p < kp; p++) {
                    double t = S_lp(sc, P, i, i >= 2 ? pa[p * MAX_CANDS + a] : -1,
                                    i >= 2 ? P[i - 2].id[p] : -2,
                                    P[i - 1].id[a], P[i].id[c], jac, p2, dp) -
                               P[i].ch[c];
                    double prev = i == 1 ? 0 : V[voff[i - 1] + (size_t)p * (size_t)ka + (size_t)a];
                    T[toff + ((size_t)p * (size_t)ka + (size_t)a) * (size_t)kc + (size_t)c] = t;
                    if (prev + t > bestv)
                        bestv = prev + t, bestp = p;
                }
                V[voff[i] + (size_t)a * (size_t)kc + (size_t)c] = bestv;
                bp[voff[i] + (size_t)a * (size_t)kc + (size_t)c] = bestp;
            }
        toff += (size_t)kp * (size_t)ka * (size_t)kc;
    }
    /* backward: B(a, c) at i = best score of positions after i */
    for (i = N - 1; i >= 1; i--) {
        int ka = P[i - 1].k, kc = P[i].k, a, c, d;
        size_t tnext;
        if (i == N - 1) {
            for (a = 0; a < ka; a++)
                for (c = 0; c < kc; c++)
                    B[voff[i] + (size_t)a * (size_t)kc + (size_t)c] = 0;
            continue;
        }
        tnext = toffs[i + 1];
        for (a = 0; a < ka; a++)
            for (c = 0; c < kc; c++) {
                double bv = -1e300;
                int kd = P[i + 1].k;
                for (d = 0; d < kd; d++) {
                    double v = T[tnext + ((size_t)a * (size_t)kc + (size_t)c) * (size_t)kd + (size_t)d] +
                               B[voff[i + 1] + (size_t)c * (size_t)kd + (size_t)d];
                    if (v > bv)
                        bv = v;
                }
                B[voff[i] + (size_t)a * (size_t)kc + (size_t)c] = bv;
            }
    }
    /* best path by backpointers from the end (position N-1 has k = 1) */
    {
        int a = 0, c = 0, ka = P[N - 2].k;
        double bv = -1e300;
        for (a = 0; a < ka; a++) {
            double v = V[voff[N - 1] + (size_t)a];
            if (v > bv)
                bv = v, c = a;
        }
        best[N - 1] = 0;
        best[N - 2] = c;
        for (i = N - 1; i >= 2; i--) {
            int kc = P[i].k;
            best[i - 2] = bp[voff[i] + (size_t)best[i - 1] * (size_t)kc + (size_t)best[i]];
        }
        /* margins: best total minus the best that keeps the observed word */
        for (i = 1; i < N - 1; i++) {
            int kc = P[i].k, kaa = P[i - 1].k;
            double keep = -1e300;
            for (a = 0; a < kaa; a++) {
                size_t s = voff[i] + (size_t)a * (size_t)kc;
                double v = V[s] + B[s];
                if (v > keep)
                    keep = v;
            }
            margin[i] = bv - keep;
        }
    }
    return 0;
}

/* Appends an edit; -1 on out of memory. */
static int S_edit(nqx_norm_edit **e, size_t *n, size_t *cap, size_t start,
                  size_t end, const char *repl, size_t rlen, double conf)
{
    return nqx_norm_edit_push(e, n, cap, start, end, repl, rlen, NQX_CHANGE_OCR, conf);
}

/* The first token from i on (i <= ntok) that starts at x or later
 * (by_end 0) or ends after x (by_end 1), ntok when none: what a walk
 * token by token finds, by doubling steps and then halving them, for
 * the passes that look up a few edits among many tokens. */
static size_t S_tok_from(const nqx_tok *toks, size_t i, size_t ntok, size_t x, int by_end)
{
#define S_BEFORE(j) (by_end ? toks[j].end <= x : toks[j].start < x)
    size_t lo = i, hi, step = 1;
    if (lo >= ntok || !S_BEFORE(lo))
        return lo;
    /* toks[lo] is before x; find hi past it */
    for (hi = lo + 1; hi < ntok && S_BEFORE(hi); step *= 2) {
        lo = hi;
        hi = ntok - hi > step ? hi + step : ntok;
    }
    while (hi - lo > 1) { /* toks[lo] before, toks[hi] not (or ntok) */
        size_t mid = lo + (hi - lo) / 2;
        if (S_BEFORE(mid))
            lo = mid;
        else
            hi = mid;
    }
    return hi;
#undef S_BEFORE
}

/* 0 when no word of positions 1..n can change, whatever the decoding:
 * most windows, and cheaper than S_viterbi. The bound: a margin at i is
 * best - keep, and keep is at least the best path with the observed word
 * put back at i, so the margin is at most the gain of some candidate c
 * over the observed word in some context: the three trigram terms that
 * hold position i, minus c's channel cost. Each term is bounded by its
 * largest difference over the candidates of the other two positions;
 * the terms are computed by the calls S_viterbi makes, with the same
 * arguments. A group of changes passes only when one of its words'
 * margins (plus S_SURE_EASE when sure) reaches min_margin: when none
 * can, S_window would append nothing and learn nothing. S_BOUND_SLACK
 * covers rounding, which differs between the bound and S_viterbi. */
#define S_BOUND_SLACK 1e-6

/* 1 when a candidate at q may pass: the product of its terms' largest
 * ratios is e^(LM gain) */
static int S_gain_passes(const S_pos *P, int q, const double *gain,
                         double min_margin)
{
    int c;
    for (c = 1; c < P[q].k; c++) {
        double ease = P[q].sure[c] ? S_SURE_EASE : 0.0;
        /* most candidates' contexts favour the observed word (gain <= 1,
         * so log(gain) <= 0): they fail without a log() when even a
         * gain of 1 would */
        if (gain[c] <= 1.0 && ease - P[q].ch[c] < min_margin - S_BOUND_SLACK)
            continue;
        if (log(gain[c]) - P[q].ch[c] + ease >= min_margin - S_BOUND_SLACK)
            return 1;
    }
    return 0;
}

/* S_may_change for the candidates at q when positions q - 2 .. q + 2
 * have none (most windows): the three terms of each candidate in their
 * one context, computed by the same calls as in S_may_change and
 * S_viterbi. */
static int S_may_change1(S_scratch *sc, const S_pos *P,
                         int n, int q, double min_margin)
{
    int k = P[q].k, c, three = q + 2 <= n + 1;
    int pq[MAX_CANDS * MAX_CANDS], aq[MAX_CANDS * MAX_CANDS];
    int a1[MAX_CANDS * MAX_CANDS], a2[MAX_CANDS * MAX_CANDS];
    int p = q >= 2 ? P[q - 2].id[0] : -2, a = P[q - 1].id[0];
    int d = P[q + 1].id[0], e = three ? P[q + 2].id[0] : -1;
    double x[3][MAX_CANDS], lo[3][MAX_CANDS], p2e = 0, gain[MAX_CANDS];
    double p2[2][MAX_CANDS]; /* the bigram parts of the first two terms */
    double dp[2][MAX_CANDS]; /* and the document's shares (S_doc_p) */
    if (q >= 2)
        S_pairs(sc, P, q - 1, pq); /* (q - 2, q - 1) */
    S_pairs(sc, P, q, aq);         /* (q - 1, q): [c] */
    S_pairs(sc, P, q + 1, a1);     /* (q, q + 1): [c * MAX_CANDS] */
    a2[0] = -1;
    if (three)
        S_pairs(sc, P, q + 2, a2); /* (q + 1, q + 2) */
    if (three)
        p2e = S_p2(sc->lm, P, q + 2, a2[0], d, e);
    /* the observed word's trigrams, read below when the bound without
     * trigrams passes */
    if (q >= 2 && pq[0] >= 0 && aq[0] >= 0)
        S_trigram_prefetch(sc, p, a, P[q].id[0]);
    if (aq[0] >= 0 && a1[0] >= 0)
        S_trigram_prefetch(sc, a, P[q].id[0], d);
    if (three && a1[0] >= 0 && a2[0] >= 0)
        S_trigram_prefetch(sc, P[q].id[0], d, e);
    /* first without trigrams (S_lpx_range): most candidates fail even so */
    for (c = 0; c < k; c++) {
        int id = P[q].id[c], j = a1[c * MAX_CANDS];
        p2[0][c] = S_p2(sc->lm, P, q, aq[c], a, id);
        p2[1][c] = S_p2(sc->lm, P, q + 1, j, id, d);
        dp[0][c] = S_doc_p(sc, P, q, a, id, aq[c]);
        dp[1][c] = S_doc_p(sc, P, q + 1, id, d, j);
        S_lpx_range(sc, P, q, q >= 2 ? pq[0] : -1, dp[0][c], id, aq[c], p2[0][c],
                    &lo[0][c], &x[0][c]);
        S_lpx_range(sc, P, q + 1, aq[c], dp[1][c], d, j, p2[1][c], &lo[1][c], &x[1][c]);
        if (three)
            S_lpx_range(sc, P, q + 2, j, 0.0, e, a2[0], p2e, &lo[2][c], &x[2][c]);
        else
            lo[2][c] = x[2][c] = 1.0;
    }
    for (c = 1; c < k; c++)
        gain[c] = x[0][c] / lo[0][0] * (x[1][c] / lo[1][0]) * (x[2][c] / lo[2][0]);
    if (!S_gain_passes(P, q, gain, min_margin))
        return 0;
    /* then with the observed word's own three trigrams (the text's, so
     * often cached and mostly kept): the observed word's terms are the
     * denominators, where S_lpx_range's lowest is weakest */
    lo[0][0] = S_lpx(sc, P, q, q >= 2 ? pq[0] : -1, p, a, P[q].id[0], aq[0],
                     p2[0][0], dp[0][0]);
    lo[1][0] = S_lpx(sc, P, q + 1, aq[0], a, P[q].id[0], d, a1[0], p2[1][0], dp[1][0]);
    lo[2][0] = three ? S_lpx(sc, P, q + 2, a1[0], P[q].id[0], d, e, a2[0], p2e, 0.0) : 1.0;
    for (c = 1; c < k; c++)
        gain[c] = x[0][c] / lo[0][0] * (x[1][c] / lo[1][0]) * (x[2][c] / lo[2][0]);
    if (!S_gain_passes(P, q, gain, min_margin))
        return 0;
    for (c = 1; c < k; c++) {
        int id = P[q].id[c];
        if (q >= 2 && pq[0] >= 0 && aq[c] >= 0)
            S_trigram_prefetch(sc, p, a, id);
        if (aq[c] >= 0 && a1[c * MAX_CANDS] >= 0)
            S_trigram_prefetch(sc, a, id, d);
        if (three && a1[c * MAX_CANDS] >= 0 && a2[0] >= 0)
            S_trigram_prefetch(sc, id, d, e);
    }
    x[0][0] = lo[0][0], x[1][0] = lo[1][0], x[2][0] = lo[2][0];
    for (c = 1; c < k; c++) {
        int id = P[q].id[c], j = a1[c * MAX_CANDS];
        x[0][c] = S_lpx(sc, P, q, q >= 2 ? pq[0] : -1, p, a, id, aq[c], p2[0][c],
                        dp[0][c]);
        x[1][c] = S_lpx(sc, P, q + 1, aq[c], a, id, d, j, p2[1][c], dp[1][c]);
        x[2][c] = three ? S_lpx(sc, P, q + 2, j, id, d, e, a2[0], p2e, 0.0) : 1.0;
    }
    for (c = 1; c < k; c++)
        gain[c] = x[0][c] / x[0][0] * (x[1][c] / x[1][0]) * (x[2][c] / x[2][0]);
    return S_gain_passes(P, q, gain, min_margin);
}

static int S_may_change(S_scratch *sc, const S_pos *P,
                        int n, double min_margin)
{
    int *pa, *ac, t, q, c, p, a;
    double *gain;
    /* candidates three or more apart share no term: each position is
     * bounded on its own */
    for (q = 1, p = -3; q <= n; q++)
        if (P[q].k > 1) {
            if (q - p < 3)
                break;
            p = q;
        }
    if (q > n) {
        for (q = 1; q <= n; q++)
            if (P[q].k > 1 && S_may_change1(sc, P, n, q, min_margin))
                return 1;
        return 0;
    }
    if (S_alloc2(sc, ((size_t)n + 2) * MAX_CANDS,
                 ((size_t)n + 2) * MAX_CANDS * MAX_CANDS))
        return 1; /* no memory for the bound: decode */
    gain = sc->buf2;
    for (q = 1; q <= n; q++)
        for (c = 1; c < P[q].k; c++)
            gain[q * MAX_CANDS + c] = 1.0;
    /* the pairs first, and the trigrams they call for announced, so that
     * the table's cache misses overlap */
    for (t = 1; t <= n + 1; t++) {
        int kp = t >= 2 ? P[t - 2].k : 1, ka = P[t - 1].k, kc = P[t].k;
        int kn = t <= n ? P[t + 1].k : 1; /* the next term's third */
        pa = sc->pairs + (size_t)(t - 1) * MAX_CANDS * MAX_CANDS;
        ac = sc->pairs + (size_t)t * MAX_CANDS * MAX_CANDS;
        if (kp * ka * kc == 1 && ka * kc * kn == 1)
            continue; /* neither this term nor the next needs (a, c) */
        S_pairs(sc, P, t, ac);
        if (kp * ka * kc == 1 || t < 2)
            continue;
        S_prefetch_pos(sc, P, t, pa, ac);
    }
    for (t = 1; t <= n + 1; t++) {
        int kp = t >= 2 ? P[t - 2].k : 1, ka = P[t - 1].k, kc = P[t].k;
        double L[MAX_CANDS][MAX_CANDS][MAX_CANDS];
        double most[3][MAX_CANDS];
        pa = sc->pairs + (size_t)(t - 1) * MAX_CANDS * MAX_CANDS;
        ac = sc->pairs + (size_t)t * MAX_CANDS * MAX_CANDS;
        if (kp * ka * kc == 1)
            continue; /* the same on every path */
        for (a = 0; a < ka; a++)
            for (c = 0; c < kc; c++) {
                int jac = ac[a * MAX_CANDS + c];
                double p2 = S_p2(sc->lm, P, t, jac, P[t - 1].id[a], P[t].id[c]);
                double dp = S_doc_p(sc, P, t, P[t - 1].id[a], P[t].id[c], jac);
                for (p = 0; p < kp; p++)
                    L[p][a][c] = S_lpx(sc, P, t, t >= 2 ? pa[p * MAX_CANDS + a] : -1,
                                       t >= 2 ? P[t - 2].id[p] : -2,
                                       P[t - 1].id[a], P[t].id[c], jac, p2, dp);
            }
        /* the largest ratio of each candidate to the observed word in
         * this term, for each of its three positions */
        for (q = 0; q < 3; q++)
            for (c = 0; c < MAX_CANDS; c++)
                most[q][c] = 0;
        for (p = 0; p < kp; p++)
            for (a = 0; a < ka; a++)
                for (c = 0; c < kc; c++) {
                    double x = L[p][a][c];
                    if (p && x / L[0][a][c] > most[0][p])
                        most[0][p] = x / L[0][a][c];
                    if (a && x / L[p][0][c] > most[1][a])
                        most[1][a] = x / L[p][0][c];
                    if (c && x / L[p][a][0] > most[2][c])
                        most[2][c] = x / L[p][a][0];
                }
        for (q = t - 2; q <= t; q++)
            if (q >= 1)
                for (c = 1; c < P[q].k; c++)
                    gain[q * MAX_CANDS + c] *= most[q - (t - 2)][c];
        /* position t - 2 has all its terms */
        if (t - 2 >= 1 &&
            S_gain_passes(P, t - 2, gain + (t - 2) * MAX_CANDS, min_margin))
            return 1;
    }
    for (q = n - 1 > 1 ? n - 1 : 1; q <= n; q++)
        if (S_gain_passes(P, q, gain + q * MAX_CANDS, min_margin))
            return 1;
    return 0;
}

/* Measured on the 828 held-out files (build/ocr-eval): clean text 626 ->
 * 614 words changed, noise at 2% and a scanner's habits 12 fewer correct
 * words broken each for no fix lost; 2 lost 51 fixes at 2%. */
#define S_BARE_RUN 3

/* 1 when a syllable has no mark at all: no tone, no hat, horn, breve or
 * bar (as typed without Vietnamese input) */
static int S_bare(const nqx_syl *y)
{
    int i;
    if (y->tone || y->foreign)
        return 0;
    for (i = 0; i < y->n; i++)
        if (y->mod[i])
            return 0;
    return 1;
}

/* The decision is the margin alone, and it stays so: a learnt decision
 * was tried and lost on real OCR. A logistic regression on 20 features
 * of each change proposed at a margin of 2 or more (the margin, the
 * group, "sure", the channel cost, the counts of the written word and
 * the candidate, whether each was seen next to its neighbours, case,
 * a break before, a word with no mark) was fitted on 565,376 proposals
 * from 2,000 textcorpus files that are not f*.md, under a model built
 * without them, with the five noises of build/ocr-eval labelled by the
 * injected truth. On a held-out fifth of those files, at as many wrong
 * changes as the margin makes, it found 0.3% more fixes at 2%, 0.1%
 * with a scanner's habits, 3% when marks are stripped (gradient-boosted
 * trees: 0.7%, 1.0%, 4%). In the decoder, on f*.md at 2%: a veto of
 * changes under log-odds -2.5 took 20483 fixed / 619 broken to 20263 /
 * 531, about the margin's own curve there (threshold 6.5: 20116 / 504),
 * and with fixes got back (veto under -2.0, the margin eased by 1.5
 * nats), 20257 / 560 against about 20296 / 560 for the margin alone;
 * strip +535 fixed -49 broken, clean text 454 -> 451. But Tesseract's
 * pages (make ocr-real-eval) fell from recall 0.901 to 0.866 (0.841):
 * the fit learnt the injector (an added tone costs much), not the
 * scanner, whose commonest slips are an i's dot read as a tone and a
 * hook over a hat read as an acute (C_TONE_ADD_I, C_STK_HOOK). Fitted on
 * proposals at a margin of 2 (not at the decoder's own point) it
 * promised 1.5%, and in the decoder gave about 20430 fixed at 619
 * broken. The fit also said that the channel costs count about twice
 * too little against the model: every channel cost times 1.25 (1.4),
 * with the threshold lowered to the same broken count, gave the
 * scanner's habits +650 (+890) fixes, but 2% -50 (-80), marks stripped
 * -160, and real OCR 0.901 -> 0.896 (0.894). S_SURE_EASE 1.5 or 3.5
 * changed only the scanner run (-43 fixed -8 broken, +29 +12). */

/* Decode positions 1..n of P (P[0] and P[n + 1] are fixed context) and
 * append the edits that pass min_margin. */
static int S_window(const nqx_model *m, S_pos *P, int n, int style,
                    double min_margin, S_scratch *sc, int *best,
                    double *margin, S_adapt *ad, nqx_norm_edit **e,
                    size_t *ne, size_t *cap)
{
    int i, iter;
    for (i = 1; i <= n && P[i].ch[0] == 0; i++)
        ;
    /* (the bound knows no cost of keeping a word: a window that holds
     * one to change goes to the decoder) */
    S_ctx_apply(sc, P, n, 0);
    if (i > n && !S_may_change(sc, P, n, min_margin))
        return 0;
    S_ctx_apply(sc, P, n, 1);
    for (iter = 0; iter < 4; iter++) {
        int again = 0;
        if (S_viterbi(P, n, sc, best, margin))
            return -1;
        /* neighbours changed together stand or fall together, with the
         * confidence of the least sure of them */
        for (i = 1; i <= n; i++) {
            int j, k;
            double lo, hi;
            if (best[i] == 0)
                continue;
            for (j = i, lo = hi = margin[i]; j + 1 <= n && best[j + 1] != 0; j++) {
                if (margin[j + 1] < lo)
                    lo = margin[j + 1];
                if (margin[j + 1] > hi)
                    hi = margin[j + 1];
            }
            /* a group made only of confusions this scanner makes more
             * often than not has the document's odds behind it; and
             * keeping all of it is at least as bad as keeping its surest
             * word (hi), while its least sure word (lo) may be one that
             * another correction nearly explains ("phân đầu" is surely
             * wrong; "phấn đấu" beats "phần đầu" by less) */
            for (k = i; k <= j && P[k].sure[best[k]]; k++)
                ;
            if (k > j) {
                if (j > i && lo >= S_PAIR_FLOOR)
                    lo = hi;
                lo += S_SURE_EASE;
            }
            for (k = i; k <= j; k++)
                margin[k] = lo;
            if (lo < min_margin) {
                for (k = i; k <= j; k++)
                    P[k].k = 1; /* not sure enough: keep them, decode again */
                again = 1;
            }
            i = j;
        }
        if (!again)
            break;
    }
    /* three or more words of one run of unmarked words changed: a text
     * written without marks ("General Tran Cong Man", "Nganh Y te 55 nam
     * lam theo loi Bac"), not a scanner's slips, which seldom fall on
     * three neighbours: leave it (S_bare) */
    for (i = 1; i <= n;) {
        int j = i, c = 0, q;
        while (j <= n && !P[j].tok->num && S_bare(&P[j].tok->syl)) {
            c += best[j] != 0 && margin[j] >= min_margin;
            j++;
        }
        if (c >= S_BARE_RUN)
            for (q = i; q < j; q++)
                best[q] = 0;
        i = j > i ? j : i + 1;
    }
    for (i = 1; i <= n; i++) {
        nqx_syl c;
        char buf[4 * NQX_SYL_MAX + 1];
        size_t len;
        const nqx_tok *t = P[i].tok;
        if (best[i] == 0 || margin[i] < min_margin)
            continue;
        if (!nqx_syl_from_key(nqx_model_key(m, P[i].id[best[i]]), &c) ||
            c.n != t->syl.n)
            continue;
        /* a diaeresis a scanner wrote stands for a mark (tÿ -> tỷ); one
         * that would go for no mark is a foreign word's (moï, nü, raï) */
        if (t->syl.foreign && S_bare(&c))
            continue;
        memcpy(c.upper, t->syl.upper, sizeof c.upper);
        len = nqx_syl_render(&c, nqx_syl_tone_pos(&c, style), buf);
        if (S_edit(e, ne, cap, t->start, t->end, buf, len,
                   1.0 / (1.0 + exp(-margin[i]))))
            return -1;
        if (ad && ad->learn && P[i].id[0] > 0 &&
            S_adapt_add(ad, P[i].id[0], P[i].id[best[i]]))
            return -1;
    }
    return 0;
}

/* Decode the clause toks[0..n) and append its edits. */
static int S_clause(const nqx_model *m, const nqx_tok *toks, const int *tid,
                    const int *tfid, int n, int style,
                    double min_margin, S_pos *P, S_scratch *sc, int *best,
                    double *margin, S_adapt *ad, nqx_norm_edit **e,
                    size_t *ne, size_t *cap)
{
    int i, any = 0, allup = n >= 2;
    if (n < 2)
        return 0; /* a lone word (a table cell, a label): no context */
    /* the clause's ends (the boundary), its words, and the bigrams
     * (nqx_model_bigrams_prefetch, inline) announced in one pass */
    P[0].fid = 0, P[0].k = 1, P[0].id[0] = 0, P[0].ch[0] = 0, P[0].tok = NULL;
    P[n + 1].fid = 0, P[n + 1].k = 1, P[n + 1].id[0] = 0, P[n + 1].ch[0] = 0;
    P[n + 1].tok = NULL;
    P[0].ctx = P[n + 1].ctx = 0;
    for (i = 1; i <= n + 1; i++) {
        if (i <= n) {
            if (!toks[i - 1].num && toks[i - 1].syl.casing != NQX_CASE_UPPER)
                allup = 0;
            P[i].fid = tfid[i - 1];
            P[i].id[0] = tid[i - 1];
            P[i].ch[0] = 0;
            P[i].k = 1;
            P[i].ctx = 0;
            P[i].tok = &toks[i - 1];
        }
        if (P[i - 1].fid >= 0 && P[i].fid >= 0)
            S_PREFETCH(sc->lm->bislots +
                       2 * (size_t)nqx_bigram_slot((uint32_t)P[i - 1].fid << 16 |
                                                       (uint32_t)P[i].fid,
                                                   sc->lm->n2slots));
    }
    for (i = 1; i <= n + 1; i++) {
        P[i].g2 = nqx_lm_bigrams(sc->lm, P[i - 1].fid, P[i].fid);
        if (P[i].g2.n) /* S_cands reads the group next */
            S_PREFETCH(P[i].g2.r);
    }
    for (i = 1; i <= n; i++) {
        if (P[i].tok->num)
            continue;
        if (P[i].tok->syl.casing == NQX_CASE_UPPER && !allup)
            continue; /* an acronym or a word in capitals: leave it */
        if (!S_no_cands(sc->lm, P, i))
            S_cands(sc, P, i, ad);
        if (P[i].k > 1) {
            any = 1;
            if (P[i].id[0] < 0 && !S_bare(&P[i].tok->syl) &&
                !nqx_syl_valid(&P[i].tok->syl))
                P[i].ch[0] = C_INVALID;
        }
    }
    if (!any)
        return 0;
    /* decode windows around the words with candidates: a trigram term
     * that touches none of them is the same on every path */
    for (i = 1; i <= n;) {
        int l, r, j;
        if (P[i].k == 1) {
            i++;
            continue;
        }
        for (l = r = i, j = i + 1; j <= n && j - r <= 4; j++)
            if (P[j].k > 1)
                r = j;
        l = l - 2 < 1 ? 1 : l - 2;
        j = r + 2 > n ? n : r + 2;
        if (S_window(m, P + l - 1, j - l + 1, style, min_margin, sc, best,
                     margin, ad, e, ne, cap))
            return -1;
        i = r + 1;
    }
    return 0;
}

/* A copy of ad's settled pairs and factors in keep. */
static int S_adapt_keep(const S_adapt *ad, S_adapt *keep)
{
    free(keep->pair);
    free(keep->cost);
    keep->pair = malloc(((size_t)ad->n + 1) * sizeof *keep->pair);
    keep->cost = malloc(((size_t)ad->n + 1) * sizeof *keep->cost);
    if (!keep->pair || !keep->cost)
        return -1;
    memcpy(keep->pair, ad->pair, (size_t)ad->n * sizeof *ad->pair);
    memcpy(keep->cost, ad->cost, (size_t)ad->n * sizeof *ad->cost);
    keep->n = keep->cap = ad->n;
    return 0;
}

/* The observed ids (sorted, in *out, *nout) whose confusions differ
 * between the settled a and b: a pair in one only, or another factor. */
static int S_changed(const S_adapt *a, const S_adapt *b, int **out, int *nout)
{
    int i, k, n = 0, *o = realloc(*out, ((size_t)a->n + (size_t)b->n + 1) * sizeof *o);
    if (!o)
        return -1;
    *out = o;
    for (i = 0; i < a->n; i++) {
        k = S_adapt_find(b, a->pair[i][0], a->pair[i][1]);
        if (k < 0 || b->cost[k] != a->cost[i])
            o[n++] = a->pair[i][0];
    }
    for (i = 0; i < b->n; i++)
        if (S_adapt_find(a, b->pair[i][0], b->pair[i][1]) < 0)
            o[n++] = b->pair[i][0];
    qsort(o, (size_t)n, sizeof *o, S_int_cmp);
    *nout = n;
    return 0;
}

/* A scanner's habits in a clean text. Where the first pass finds fewer
 * than one error in S_CLEAN_DOC syllables (born digital, or well
 * scanned), it learns from its corrections only when one of them shows
 * a scanner at work: a confusion corrected S_HABIT_SEEN times ("chi
 * thị" twice) or of the kinds a scanner makes again and again, which
 * cost less than S_HABIT_CHANNEL in the channel (a tone stacked over a
 * hat, breve or horn misread, C_STK_*: "đầu" for "đấu" all through a
 * scan; the hat under a tone lost; the dot of an i read as a tone; đ's
 * bar lost), whose word the document writes nowhere but where it was
 * corrected (S_adapt_settle's sure confusions: a scanner with that habit
 * misreads the word wherever it stands; "đổi với" beside "đối tượng",
 * "đối với" is a slip, "thang 10", "thang 100" beside "tháng 1" are a
 * scale). Otherwise its corrections are the author's slips or right
 * words the n-grams like less, and learnt, each lowered its own channel
 * cost and came back from the next pass surer than the clean-text
 * threshold (S_lone_doubts): "vai diễn chính phụ" -> "phủ", "tiếp thư"
 * -> "thu", "Cá chép trông trăng" -> "trong", "lễ hỏi" -> "hội".
 * Measured on the 828 held-out files (build/ocr-eval --rate 0): 471 ->
 * 460 words changed (7 right words, 4 typos of the source left), with
 * the sure test for the cheap kinds 453 -> 442 (7 right words such as
 * "tập bơi", "chi hơn một tỷ", "y, dược", "Bảo an mời Việt Nam"; 4
 * typos; "giá trị gi tăng" now "gia", was "gì"), and for those
 * corrected twice 442 -> 434 (8 right words: "thang 10", "quang học,
 * điện từ" twice, "quân sư", "tàu vận tải đậu", "đẻ ra"); the noisy runs
 * (2%, a scanner's habits, --any, --strip), make ocr-real-eval and the
 * corpus unchanged. Tried: dropping only the confusions of other kinds,
 * in every pass (446 changed before the sure test: 13 right words, 10
 * typos), but a scan of the corpus that shows stacked-tone habits also
 * needs its one "tinh" -> "tính" learnt (recall 0.871 -> 0.857); the
 * sure test as "target never written": corpus recall 0.657. */
#define S_HABIT_CHANNEL 4.0
#define S_HABIT_SEEN 2
static int S_shows_scanner(const S_adapt *ad, const nqx_lm *lm, const int *tid,
                           size_t ntok)
{
    int i;
    for (i = 0; i < ad->n; i++) {
        size_t t, w = 0;
        if (ad->pair[i][2] < S_HABIT_SEEN &&
            S_channel(lm, &lm->syl[ad->pair[i][0]], ad->pair[i][1]) >= S_HABIT_CHANNEL)
            continue;
        for (t = 0; t < ntok; t++) /* (a clean text learns few pairs) */
            w += tid[t] == ad->pair[i][1];
        if (w <= (size_t)ad->pair[i][2])
            return 1;
    }
    return 0;
}

/* The confusions shown by all the edits so far (each pass finds more: an
 * EM over the document's channel), in place of those in ad. */
static int S_relearn(const nqx_model *m, const nqx_tok *toks, const int *tid,
                     size_t ntok, const nqx_norm_edit *e, size_t ne, S_adapt *ad)
{
    size_t i, t = 0;
    ad->n = 0;
    free(ad->cost);
    ad->cost = NULL;
    ad->learn = 1;
    for (i = 0; i < ne; i++) {
        nqx_syl c;
        char key[NQX_KEY_MAX];
        int id;
        t = S_tok_from(toks, t, ntok, e[i].start, 0);
        if (t == ntok)
            break;
        if (toks[t].start != e[i].start || tid[t] <= 0 ||
            !nqx_syl_parse(e[i].repl, e[i].repl_len, &c))
            continue;
        nqx_syl_key(&c, key);
        id = nqx_model_id(m, key);
        if (id > 0 && S_adapt_add(ad, tid[t], id))
            return -1;
    }
    return 0;
}

/* The count of the commonest known word with y's letters (0: none). */
static double S_fold_top(const nqx_model *m, const nqx_syl *y)
{
    char key[NQX_KEY_MAX];
    const nqx_lm *lm = nqx_model_lm(m);
    double top = 0;
    uint32_t v;
    int f;
    nqx_syl_fold(y, key);
    f = nqx_model_fid(m, key);
    if (f < 0)
        return 0;
    for (v = lm->foff[f]; v < lm->foff[f + 1]; v++)
        if (nqx_model_count(m, lm->fids[v]) > top)
            top = nqx_model_count(m, lm->fids[v]);
    return top;
}

/* A word with no mark that is no Vietnamese syllable ("it", "thuc"),
 * tfid -2 so far: a word that lost its tone where a marked word stands
 * next to it ("Có it nhất"), but English or a name typed without marks
 * where none does or another such word does ("top 10", "Nguyen Van A",
 * "TUOI TRE"). In the first case it joins its clause, with the fold of
 * its letters (no Vietnamese, so keeping it is no sure choice); else it
 * breaks the clause as other non-words do (tfid -1). A word is common
 * (S_COMMON_WORD) when the model counted it 2,000 times: chíp 68, tốp
 * 87, nét 1,035; các 262,631, mục 41,679. */
#define S_COMMON_WORD 2000.0
static void S_bare_invalid(const nqx_model *m, const nqx_tok *toks, int *tfid,
                           size_t ntok, const int *at, size_t nat)
{
    size_t i, k;
    /* written so twice or more: the author's spelling, a loanword ("CCCD
     * gắn chip", "lọt vào top"), where a lost tone is a slip made once;
     * unless its letters make a common word ("cac", "muc": a scanner
     * loses the same tone again; -4). A repeat copied its first
     * occurrence's -2; that one becomes -3. (at[0..nat): the tokens at
     * -2 or -4, in order; the others have nothing to decide.) */
    for (k = 0; k < nat; k++) {
        i = (size_t)at[k];
        if (tfid[i] == -2 && toks[i].first >= 0) {
            tfid[toks[i].first] = -3;
            tfid[i] = -1;
        }
    }
    for (k = 0; k < nat; k++) {
        int marked = 0, bare = 0, side;
        char key[NQX_KEY_MAX];
        i = (size_t)at[k];
        if (tfid[i] != -2 && tfid[i] != -4) {
            if (tfid[i] == -3)
                tfid[i] = -1;
            continue;
        }
        tfid[i] = -1;
        for (side = 0; side < 2; side++) {
            const nqx_tok *t;
            if (side ? i + 1 >= ntok || toks[i + 1].boundary : i == 0 || toks[i].boundary)
                continue;
            t = &toks[side ? i + 1 : i - 1];
            if (!t->ok || t->num)
                continue;
            if (!S_bare(&t->syl))
                marked = 1;
            else if (!nqx_syl_valid(&t->syl))
                bare = 1;
        }
        if (!marked || bare)
            continue;
        nqx_syl_fold(&toks[i].syl, key);
        tfid[i] = nqx_model_fid(m, key);
    }
}

/* Decode text[0..len) on its own (the style vote, the learnt confusions
 * and the token arrays are this part's). */
/* One sense per document. A pair of neighbouring words that the document
 * corrected together, surely and at least S_CONSIST_MIN times ("Phân
 * đầu" -> "Phấn đấu" in three items), is corrected the same way where
 * the same bytes stand unchanged: the scanner that made it once made it
 * there too, and a trigram that happens to prefer the wrong pair in one
 * clause ("; phần đầu ban thường vụ ...") does not outvote the document.
 * Only exact byte pairs, so case and tone style are the source's. The new
 * edits carry the least confidence of the pair's sure corrections.
 * Returns -1 when out of memory (edits untouched). */
#define S_CONSIST_MIN 2
#define S_CONSIST_CONF 0.999
static int S_consistency(const nqx_tok *toks, size_t ntok, nqx_norm_edit **edits,
                         size_t *nedits)
{
    /* the sure pairs, hashed by the canonical tokens of their bytes:
     * slot = {a + 1, b, count, first source}; a + 1 == 0: empty */
    size_t *hs = NULL, nslot = 16, i, k, nn = 0, cap = 0;
    int *te = NULL;
    nqx_norm_edit *add = NULL;
    int rc = 0;
    if (*nedits < 2 * S_CONSIST_MIN || ntok < 2)
        return 0;
    while (nslot < 2 * *nedits)
        nslot *= 2;
    te = malloc(ntok * sizeof *te);
    hs = calloc(nslot * 4, sizeof *hs);
    if (!te || !hs) {
        rc = -1;
        goto out;
    }
    for (i = 0; i < ntok; i++)
        te[i] = -1;
    /* te[i]: the first edit that starts at or after token i, when it is
     * the token's OCR edit (each edit looked up, not each token walked) */
    for (k = 0, i = 0; k < *nedits; k++) {
        const nqx_norm_edit *x = &(*edits)[k];
        i = S_tok_from(toks, i, ntok, x->start, 0);
        if (i < ntok && (k == 0 || (*edits)[k - 1].start < toks[i].start) &&
            x->start == toks[i].start && x->end == toks[i].end &&
            x->kind == NQX_CHANGE_OCR)
            te[i] = (int)k;
    }
    for (int pass = 0, twice = 0; pass < 2; pass++) {
        /* no sure pair seen twice: the second pass would add nothing */
        if (pass == 1 && !twice)
            break;
        for (i = 0; i + 1 < ntok; i++) {
            size_t a, b, h, *sl;
            /* the first pass takes pairs of edits, the second pairs of
             * unedited words: te[] tells most tokens apart first */
            if (pass == 0 ? te[i] < 0 || te[i + 1] < 0 : te[i] >= 0 || te[i + 1] >= 0)
                continue;
            if (toks[i + 1].boundary ||
                (pass == 0 && ((*edits)[te[i]].confidence < S_CONSIST_CONF ||
                               (*edits)[te[i + 1]].confidence < S_CONSIST_CONF)))
                continue;
            a = toks[i].first < 0 ? i : (size_t)toks[i].first;
            b = toks[i + 1].first < 0 ? i + 1 : (size_t)toks[i + 1].first;
            h = ((a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full)) >> 7;
            for (h &= nslot - 1;; h = (h + 1) & (nslot - 1)) {
                sl = hs + 4 * h;
                if (!sl[0] || (sl[0] == a + 1 && sl[1] == b))
                    break;
            }
            if (pass == 0) {
                if (!sl[0]) {
                    sl[0] = a + 1;
                    sl[1] = b;
                    sl[3] = i;
                }
                twice |= ++sl[2] >= S_CONSIST_MIN;
                continue;
            }
            if (!sl[0] || sl[2] < S_CONSIST_MIN)
                continue;
            {
                const nqx_norm_edit *e1 = &(*edits)[te[sl[3]]], *e2 = &(*edits)[te[sl[3] + 1]];
                double conf = e1->confidence < e2->confidence ? e1->confidence : e2->confidence;
                if (S_edit(&add, &nn, &cap, toks[i].start, toks[i].end, e1->repl,
                           e1->repl_len, conf) ||
                    S_edit(&add, &nn, &cap, toks[i + 1].start, toks[i + 1].end, e2->repl,
                           e2->repl_len, conf)) {
                    rc = -1;
                    goto out;
                }
            }
            i++;
        }
    }
    if (nqx_norm_edits_merge(edits, nedits, add, nn, 0)) {
        rc = -1;
        goto out;
    }
    add = NULL;
    nn = 0;
out:
    if (add)
        nqx_norm_edits_free(add, nn);
    free(te);
    free(hs);
    return rc;
}

/* How many distinct words the edits correct (*nw): with the known
 * syllables the part holds, numbers aside (nsyl, counted by S_ocr_part),
 * the document's error rate, as the corrector sees it. A text it finds
 * few errors in is clean or well scanned, and there a correction is less
 * likely to be right than the n-grams alone say. Returns -1 when out of
 * memory. */
static int S_density(const nqx_lm *lm, const nqx_tok *toks, const int *tid,
                     size_t ntok, const nqx_norm_edit *edits, size_t nedits,
                     size_t *nw)
{
    size_t i, k;
    uint64_t *seen = calloc(((size_t)lm->nvocab + 63) / 64, sizeof *seen);
    if (!seen)
        return -1;
    *nw = 0;
    for (i = 0, k = 0; k < nedits; k++) {
        i = S_tok_from(toks, i, ntok, edits[k].start, 0);
        if (i < ntok && toks[i].start == edits[k].start && tid[i] > 0 &&
            !(seen[tid[i] >> 6] >> (tid[i] & 63) & 1)) {
            seen[tid[i] >> 6] |= 1ull << (tid[i] & 63);
            ++*nw;
        }
    }
    free(seen);
    return 0;
}

/* 1 when changing toks[i] to the word `to` makes, with a title-case
 * neighbour in its clause, a name the model saw S_NAME_COMMON times or
 * more (nqx_model_name) where the written pair is none: "Viết Nam" is
 * "Việt Nam" even in clean text, while "Vũ Duy Thông" (neither pair
 * seen) or "Lê Văn Tân" (seen as written) stay. The clean-text rules
 * (S_own_phrase, S_keep_names) let such a change pass. Measured on the
 * 828 held-out files: clean text 428 -> 433 words changed, all five the
 * source's typos ("Luật Bao hiểm", "Điện Biện Phủ", "Thái Bình Dường",
 * "Hoa Kỹ", "Tống Bí thư"); noise and corpus unchanged. With any name
 * seen once: 462, mostly persons ("Phan Đinh Tùng" -> "Đình"). */
#define S_NAME_COMMON 200
static int S_title(const nqx_tok *t);
static int S_makes_name(const nqx_model *m, const nqx_tok *toks, const int *tid,
                        size_t ntok, size_t i, int to)
{
    int place;
    if (to <= 0 || tid[i] <= 0 || toks[i].syl.casing != NQX_CASE_TITLE)
        return 0;
    if (i > 0 && !toks[i].boundary && S_title(&toks[i - 1]) && tid[i - 1] > 0 &&
        nqx_model_name(m, tid[i - 1], to, &place) >= S_NAME_COMMON &&
        !nqx_model_name(m, tid[i - 1], tid[i], &place))
        return 1;
    return i + 1 < ntok && !toks[i + 1].boundary && S_title(&toks[i + 1]) &&
           tid[i + 1] > 0 && nqx_model_name(m, to, tid[i + 1], &place) >= S_NAME_COMMON &&
           !nqx_model_name(m, tid[i], tid[i + 1], &place);
}

/* The id of the word an edit writes, -1 when the model has none. */
static int S_edit_id(const nqx_model *m, const nqx_norm_edit *e)
{
    nqx_syl sy;
    char key[NQX_KEY_MAX];
    if (!nqx_syl_parse(e->repl, e->repl_len, &sy))
        return -1;
    nqx_syl_key(&sy, key);
    return nqx_model_id(m, key);
}

/* Q(count) of the bigram (a, b) of ids in the model, -1 when it has none. */
static int S_pair_q(const nqx_lm *lm, int a, int b)
{
    return a <= 0 || b <= 0 ? -1 : nqx_lm_pair_q(lm, a, b);
}

/* 1 when the written pair (a, b) is a misreading of (c, d) by the model's
 * counts: never seen (or, unless unseen_only, seen S_MISREAD_RATIO times
 * less), while (c, d) was seen S_WORD_PAIR times or more: "chi thị"
 * three times in a scan is the scanner's habit, not the author's term
 * ("cà vẹt", a pair the model knows, is). */
#define S_MISREAD_RATIO 50
#define S_WORD_PAIR 20
static int S_misread_pair(const nqx_lm *lm, int a, int b, int c, int d,
                          int unseen_only)
{
    int qw = S_pair_q(lm, a, b), qc = S_pair_q(lm, c, d);
    if (qc < (int)(log((double)S_WORD_PAIR) * NQX_Q_SCALE + 0.5))
        return 0;
    return qw < 0 ||
           (!unseen_only &&
            qc - qw >= (int)(log((double)S_MISREAD_RATIO) * NQX_Q_SCALE + 0.5));
}

/* The author's phrase. A word changed alone (its neighbour kept) that
 * the document writes S_OWN_MIN times or more, always next to that
 * neighbour, and never writes corrected next to it, is kept: a term or
 * name the text repeats ("cà vẹt xe" fourteen times, "thủy điện Đạ Dâng"
 * four) is the author's. Only in a document with fewer than one
 * corrected word in S_OWN_DOC syllables (S_density): a scanner's habit
 * misreads a syllable wherever it stands ("Viết Nam" three times, "Việt
 * Nam" never), and a text where the corrector finds many errors is that
 * scanner's. Measured on the 828 held-out files: clean text 614 -> 569
 * words changed; noise at 2% and a scanner's habits unchanged (fixed
 * 20360 / 114611, wrong 87 / 626); corpus recall 0.871, precision 1.000.
 * Without the density test the scanner's habits lost 2,332 fixes;
 * without "always next to that neighbour" corpus recall fell to 0.686.
 * Returns -1 when out of memory (edits untouched). */
#define S_OWN_MIN 2
#define S_OWN_DOC 200
static int S_own_phrase(const nqx_model *m, const S_doc *d, const nqx_tok *toks,
                        const int *tid, size_t ntok, nqx_norm_edit *edits,
                        size_t *nedits)
{
    size_t i, k, out = 0;
    uint32_t *cnt;
    if (!d->mask || !*nedits)
        return 0;
    cnt = calloc((size_t)d->nid, sizeof *cnt);
    if (!cnt)
        return -1;
    for (i = 0; i < ntok; i++)
        if (tid[i] > 0 && tid[i] < d->nid)
            cnt[tid[i]]++;
    for (i = 0, k = 0; k < *nedits; k++) {
        nqx_norm_edit *e = &edits[k];
        int keep = 0, side, to = -1;
        i = S_tok_from(toks, i, ntok, e->start, 0);
        if (i < ntok && toks[i].start == e->start && toks[i].end == e->end &&
            e->kind == NQX_CHANGE_OCR && tid[i] > 0 && tid[i] < d->nid) {
            to = S_edit_id(m, e);
            if (S_makes_name(m, toks, tid, ntok, i, to))
                to = -1; /* the change makes a known name */
        }
        for (side = 0; side < 2 && !keep && to > 0 && to < d->nid; side++) {
            size_t j = side ? i + 1 : i - 1;
            uint32_t n;
            if (side ? i + 1 >= ntok || toks[i + 1].boundary : i == 0 || toks[i].boundary)
                continue;
            if (tid[j] <= 0 || tid[j] >= d->nid ||
                (side == 0 && k > 0 && edits[k - 1].end > toks[j].start) ||
                (side == 1 && k + 1 < *nedits && edits[k + 1].start < toks[j].end))
                continue; /* the neighbour changes too */
            n = side ? S_doc_get(d, tid[i], tid[j]) : S_doc_get(d, tid[j], tid[i]);
            keep = n >= S_OWN_MIN && n == cnt[tid[i]] &&
                   !(side ? S_doc_get(d, to, tid[j]) : S_doc_get(d, tid[j], to)) &&
                   !S_misread_pair(nqx_model_lm(m), side ? tid[i] : tid[j],
                                   side ? tid[j] : tid[i], side ? to : tid[j],
                                   side ? tid[j] : to, 0);
        }
        if (keep)
            free(e->repl);
        else
            edits[out++] = *e;
    }
    *nedits = out;
    free(cnt);
    return 0;
}

/* The author's word. In a document with fewer than one corrected word
 * in S_CLEAN_DOC syllables (S_density), a change of a word is dropped
 * when the document writes that word unchanged S_OWN_KEPT times or more,
 * and more often than it is changed, writes the word it would become at
 * most one time in S_OWN_RATIO as often, and writes it S_OWN_BURST times
 * as often as the model's unigram expects: a term of the document's
 * topic ("sổ đo" of a survey, not "sổ đỏ"; "cát chảy", "Trần Văn Mý", a
 * sword's "thanh đao" beside one "đảo", "lốp" of tyres), which
 * S_own_phrase misses when its neighbours vary. Measured on the 828
 * held-out files (build/ocr-eval --rate 0): 460 -> 453 words changed
 * with the word it would become never written (5 of the 7 right words,
 * one a typo of the source, "nhắc nhỏ", one either), 442 -> 434 -> 417
 * with S_OWN_RATIO (12 of the 17 right words: "thanh đao" 4 times, "lốp"
 * twice, "phở Huế", "1.691 điếu", "răng có màu"; 5 typos: "được biến
 * chế", "văn hóa cố truyền", "Hiệp đình"); the noisy runs, make
 * ocr-real-eval and the corpus unchanged (4 to 6: the same; 3 or 2:
 * corpus recall 0.871 -> 0.857). Without the burst test, 441, but corpus
 * recall 0.871 -> 0.857: a scan's "công hiến" among many "công" is a
 * misreading (the common word says nothing of the document); at 2 or 3
 * times, the same. Returns -1 when out of memory (edits untouched). */
#define S_OWN_KEPT 2
#define S_OWN_BURST 5.0
#define S_OWN_RATIO 5u
static int S_own_word(const nqx_model *m, const nqx_tok *toks, const int *tid,
                      size_t ntok, nqx_norm_edit *edits, size_t *nedits)
{
    const nqx_lm *lm = nqx_model_lm(m);
    size_t i, k, out = 0, nv = (size_t)lm->nvocab;
    uint32_t *cnt = calloc(2 * nv, sizeof *cnt), *ned = cnt + nv;
    int *to = malloc((*nedits + 1) * sizeof *to);
    if (!cnt || !to) {
        free(cnt);
        free(to);
        return -1;
    }
    for (i = 0; i < ntok; i++)
        if (tid[i] > 0 && (size_t)tid[i] < nv)
            cnt[tid[i]]++;
    for (i = 0, k = 0; k < *nedits; k++) {
        to[k] = -1;
        i = S_tok_from(toks, i, ntok, edits[k].start, 0);
        if (i < ntok && toks[i].start == edits[k].start && toks[i].end == edits[k].end &&
            edits[k].kind == NQX_CHANGE_OCR && tid[i] > 0 && (size_t)tid[i] < nv) {
            to[k] = S_edit_id(m, &edits[k]);
            ned[tid[i]]++;
        }
    }
    for (i = 0, k = 0; k < *nedits; k++) {
        int o, keep = 0;
        i = S_tok_from(toks, i, ntok, edits[k].start, 0);
        if (to[k] > 0 && (size_t)to[k] < nv) {
            uint32_t kept;
            o = tid[i];
            kept = cnt[o] - ned[o];
            keep = kept >= S_OWN_KEPT && kept >= ned[o] &&
                   cnt[to[k]] * S_OWN_RATIO <= kept &&
                   (double)cnt[o] >= S_OWN_BURST * lm->p1[o] * (double)ntok;
        }
        if (keep)
            free(edits[k].repl);
        else
            edits[out++] = edits[k];
    }
    *nedits = out;
    free(to);
    free(cnt);
    return 0;
}

/* Names in clean text. The n-grams are counted in lower case, and a
 * capitalised word inside a clause is mostly a name ("Vũ Duy Thông",
 * "Lê Văn Tân", "huyện Văn Bàn") or a name's part of a title: what they
 * say of "thông" or "bàn" is no witness of a person's or a place's name.
 * In a document with fewer than one corrected word in S_CLEAN_DOC
 * syllables (S_density) such a word is left as written, and so is one
 * that starts a clause before another capitalised word ("Tâm Lụa (...)",
 * "Trân Văn"); where the corrector finds more errors, the scanner's
 * slips outweigh the names. Measured on the 828 held-out files: clean
 * text 569 -> 485 words changed, 457 with the clause starts; noise at
 * 2% and a scanner's habits unchanged (fixed 20360 / 114611, wrong 87 /
 * 626); corpus recall 0.871, precision 1.000 (place names are
 * S_places's, after this). At one in 300 noise at 2% lost a fix; with
 * the model's name syllables only (nameflag), rare names were still
 * changed (494). */
#define S_CLEAN_DOC 500
/* 1 when the written word at i makes with a lower-case neighbour in its
 * clause a pair the model never saw, or saw S_MISREAD_RATIO times less
 * often, while the change makes one it saw S_WORD_PAIR times or more: no
 * name's part but a common word misread, "Thánh ủy" for "Thành ủy",
 * "Đẳng bộ" for "Đảng bộ", "Chỉ cục" for "Chi cục" (a typo the training
 * text holds 10 times against 649), which the name rule (S_keep_names)
 * must let through. A name's neighbours are names ("Võ Trấn Phương",
 * "Mạc Đỉnh Chi" stay). Counting rare pairs too, on the 828 held-out
 * files without noise: 8 more changes, all the source's own typos ("Bộ
 * Chi huy", "Ban Chi đạo", "Chỉ cục Hải quan" 4 times, "Giáo dục và Đạo
 * tạo" twice); noise at 2%, a scanner's habits, real OCR and corpus/
 * unchanged; scan-eval heldout8's diacritics recall 0.620 -> 0.660. */
static int S_misread_word(const nqx_lm *lm, const nqx_tok *toks, const int *tid,
                          size_t ntok, size_t i, int to)
{
    if (to <= 0 || tid[i] <= 0)
        return 0;
    if (i > 0 && !toks[i].boundary && tid[i - 1] > 0 &&
        toks[i - 1].syl.casing == NQX_CASE_LOWER &&
        S_misread_pair(lm, tid[i - 1], tid[i], tid[i - 1], to, 0))
        return 1;
    return i + 1 < ntok && !toks[i + 1].boundary && tid[i + 1] > 0 &&
           toks[i + 1].syl.casing == NQX_CASE_LOWER &&
           S_misread_pair(lm, tid[i], tid[i + 1], to, tid[i + 1], 0);
}

static void S_keep_names(const nqx_model *m, const nqx_tok *toks, const int *tid,
                         size_t ntok, nqx_norm_edit *edits, size_t *nedits)
{
    size_t i = 0, k, out = 0;
    for (k = 0; k < *nedits; k++) {
        nqx_norm_edit *e = &edits[k];
        i = S_tok_from(toks, i, ntok, e->start, 0);
        if (i < ntok && toks[i].start == e->start && toks[i].end == e->end &&
            e->kind == NQX_CHANGE_OCR && toks[i].ok && toks[i].syl.casing == NQX_CASE_TITLE &&
            ((!toks[i].boundary && i > 0) ||
             (i + 1 < ntok && !toks[i + 1].boundary && toks[i + 1].ok &&
              toks[i + 1].syl.casing == NQX_CASE_TITLE)) &&
            !S_makes_name(m, toks, tid, ntok, i, S_edit_id(m, e)) &&
            !S_misread_word(nqx_model_lm(m), toks, tid, ntok, i, S_edit_id(m, e)))
            free(e->repl);
        else
            edits[out++] = *e;
    }
    *nedits = out;
}

/* Lone doubts in clean text. In a document with fewer than one
 * corrected word in S_CLEAN_DOC syllables, an error is rare enough that
 * a correction standing alone (neither neighbour changed) needs a
 * confidence of S_CLEAN_CONF rather than the caller's: "tập bơi", "bò
 * biển", "các lốp", "dông, lốc" are the author's words the n-grams
 * happen to like less. Pairs ("Phần đầu" -> "Phấn đấu") and place names
 * (S_places, after this) keep the caller's threshold. Measured on the
 * 828 held-out files: clean text 457 -> 428 words changed; noise at 2%
 * and a scanner's habits unchanged (fixed 20360 / 114611, wrong 87 /
 * 626); corpus recall 0.871, precision 1.000. At 0.9995: 409, corpus
 * unchanged; at 0.9998 corpus recall fell to 0.843 (its lone fixes
 * stand at 0.9997 and up): 0.999 keeps a margin to that. */
#define S_CLEAN_CONF 0.999
static void S_lone_doubts(const nqx_tok *toks, size_t ntok, nqx_norm_edit *edits,
                          size_t *nedits)
{
    size_t i = 0, k, out = 0, last = (size_t)-1; /* token of the last edit */
    for (k = 0; k < *nedits; k++) {
        nqx_norm_edit *e = &edits[k];
        size_t next = (size_t)-1;
        int lone;
        i = S_tok_from(toks, i, ntok, e->start, 1);
        if (k + 1 < *nedits) { /* the token of the next edit */
            next = S_tok_from(toks, i, ntok, edits[k + 1].start, 1);
        }
        lone = i < ntok && toks[i].start == e->start && toks[i].end == e->end &&
               (last == (size_t)-1 || last + 1 < i) && (next == (size_t)-1 || next > i + 1);
        last = i;
        if (lone && e->kind == NQX_CHANGE_OCR && e->confidence < S_CLEAN_CONF)
            free(e->repl);
        else
            edits[out++] = *e;
    }
    *nedits = out;
}

/* Place names. A scanner that reads "Phổ Thạnh" as "Phó Thạnh" makes a
 * title and a name the n-grams cannot tell apart (Phó is the everyday
 * deputy's title, and each commune is too rare for a kept bigram). The
 * model's list of names seen after xã, phường, huyện, ... (nqx_model_place)
 * can. A title-case pair that is no known place, one of whose syllables
 * with other marks makes a known place, is that place when
 *  - an administrative word stands right before it ("xã Phó Thạnh"), the
 *    change is the only one that makes a place, and the place was seen
 *    at least S_PLACE_MIN_SEEN times; or
 *  - it is in a list of names (commas, semicolons or "và" between them,
 *    at most S_PLACE_GAP words after each: "gồm: Phó Châu 02 cán bộ, Phó
 *    Cường 02 cán bộ, ...") where one change of one syllable makes known
 *    places of S_PLACE_RUN names or more. Then every name of the list
 *    with that syllable changes (a list of communes shares its prefix;
 *    "Phó Ninh" follows "Phổ Thạnh, Phổ Nhơn" even where the model never
 *    saw "Phổ Ninh"). A list of persons or titles does not turn into
 *    known places three times by one change.
 * Edits get the fixed confidence S_PLACE_CONF. Returns -1 when out of
 * memory (edits untouched). */
#define S_PLACE_MIN_SEEN 2
#define S_PLACE_RUN 3
#define S_PLACE_GAP 3
#define S_PLACE_VARS 4
#define S_PLACE_MAY 24 /* changes looked up per name */
#define S_PLACE_CONF 0.999
typedef struct {
    size_t i;                  /* the name is toks[i], toks[i + 1] */
    int nvar;                  /* changes that make a known place: */
    int pos[S_PLACE_VARS];     /* the syllable that changes (0, 1), */
    int to[S_PLACE_VARS];      /* its new id, */
    int seen[S_PLACE_VARS];    /* how often the place was seen */
    int checked;               /* the model was asked of the name: */
    int named;                 /* it saw it as a name */
    int admin;                 /* an administrative word before it, and
                                  the model never saw it as a name */
    int pick;                  /* the change made: index into pos/to + 1 */
    int done;                  /* the decoder made that change already */
    int list_pos, list_to;     /* or the list's change (list_to > 0) */
} S_place;

static int S_title(const nqx_tok *t)
{
    return t->ok && t->syl.casing == NQX_CASE_TITLE;
}

int nqx_ocr_name_at(const nqx_tok *toks, size_t ntok, size_t i)
{
    int admin = 0;
    if (i + 1 >= ntok || !S_title(&toks[i]) || !S_title(&toks[i + 1]) ||
        toks[i + 1].boundary ||
        (i + 2 < ntok && !toks[i + 2].boundary && S_title(&toks[i + 2])))
        return 0;
    if (i > 0 && !toks[i].boundary && toks[i - 1].ok) {
        int kind = nqx_syl_admin(&toks[i - 1].syl);
        admin = kind == 1 || (kind == 2 && i > 1 && !toks[i - 1].boundary &&
                               toks[i - 2].ok && nqx_syl_admin(&toks[i - 2].syl) == 3);
        if (!admin && S_title(&toks[i - 1]))
            return 0;
    }
    return 1 + admin;
}

/* 1 when toks[y] continues the list item that ends at toks[x - 1]: a
 * comma or semicolon between them, or "và" right before toks[y], on the
 * same line, at most S_PLACE_GAP words after the name. */
static int S_list_next(const nqx_tok *toks, const char *text, size_t x, size_t y)
{
    size_t z;
    int sep = 0;
    if (y < x || y - x > S_PLACE_GAP)
        return 0;
    for (z = toks[x - 1].end; z < toks[y].start; z++) {
        if (text[z] == '\n')
            return 0;
        sep |= text[z] == ',' || text[z] == ';';
    }
    if (!sep && y > x && toks[y - 1].end - toks[y - 1].start == 3 &&
        memcmp(text + toks[y - 1].start, "v\xc3\xa0", 3) == 0) /* và */
        sep = 1;
    return sep;
}

/* What the model says of one pair of words (S_place_lookup), kept for
 * the pair's later occurrences in the part. */
#define S_PLACE_CACHE 256
typedef struct {
    int a, b;       /* the pair's ids; a = -1: empty */
    int place;      /* the pair is a known place */
    int checked, named, nvar;
    int pos[S_PLACE_VARS], to[S_PLACE_VARS], seen[S_PLACE_VARS];
} S_place_memo;

/* The changes of one syllable of the pair toks[i], toks[i + 1] that make a
 * known place, into r. The syllables' flags and the places' bit table
 * rule out most without a lookup; the model is asked of the pair itself
 * only when some change may make a place. */
static void S_place_lookup(const nqx_model *m, const nqx_tok *toks, const int *tid,
                           size_t i, S_place_memo *r)
{
    const nqx_lm *lm = nqx_model_lm(m);
    int pos, nmay = 0, may_pos[S_PLACE_MAY], may_to[S_PLACE_MAY], x, named, place;
    for (pos = 0; pos < 2; pos++) {
        int id = tid[i + pos], f = lm->fid[id];
        uint32_t v;
        if (!(lm->nameflag[tid[i + 1 - pos]] & (pos ? NQX_PLACE_A : NQX_PLACE_B)))
            continue;
        for (v = lm->foff[f]; v < lm->foff[f + 1] && nmay < S_PLACE_MAY; v++) {
            int to = lm->fids[v];
            uint32_t bit;
            if (to == id || !(lm->nameflag[to] & (pos ? NQX_PLACE_B : NQX_PLACE_A)))
                continue;
            bit = (pos ? nqx_pair_bit(tid[i], to) : nqx_pair_bit(to, tid[i + 1])) &
                  NQX_PLACEBITS_MASK;
            if ((lm->placebits[bit >> 6] >> (bit & 63) & 1) && lm->syl_ok[to] &&
                lm->syl[to].n == toks[i + pos].syl.n) {
                may_pos[nmay] = pos;
                may_to[nmay++] = to;
            }
        }
    }
    if (!nmay)
        return;
    named = nqx_model_name(m, tid[i], tid[i + 1], &place);
    if (place) {
        r->place = 1;
        return;
    }
    r->checked = 1;
    r->named = named > 0;
    for (x = 0; x < nmay && r->nvar < S_PLACE_VARS; x++) {
        int seen, to = may_to[x];
        if (may_pos[x])
            nqx_model_name(m, tid[i], to, &seen);
        else
            nqx_model_name(m, to, tid[i + 1], &seen);
        if (seen) {
            r->pos[r->nvar] = may_pos[x];
            r->to[r->nvar] = to;
            r->seen[r->nvar++] = seen;
        }
    }
}

/* 1 when the decoder's edits from edits[k] on change one syllable of the
 * name at toks[i] into a known place: p then holds that change (done). */
static int S_place_done(const nqx_model *m, const nqx_tok *toks, const int *tid,
                        size_t i, const nqx_norm_edit *edits, size_t nedits,
                        size_t k, S_place *p)
{
    const nqx_norm_edit *e = &edits[k];
    int pos, to, place, named;
    nqx_syl sy;
    char key[NQX_KEY_MAX];
    if (e->start == toks[i].start && e->end == toks[i].end)
        pos = 0;
    else if (e->start == toks[i + 1].start && e->end == toks[i + 1].end)
        pos = 1;
    else
        return 0;
    if ((pos == 0 && k + 1 < nedits && edits[k + 1].start < toks[i + 1].end) ||
        !nqx_syl_parse(e->repl, e->repl_len, &sy))
        return 0;
    nqx_syl_key(&sy, key);
    if ((to = nqx_model_id(m, key)) <= 0)
        return 0;
    named = nqx_model_name(m, tid[i], tid[i + 1], &place);
    if (place)
        return 0;
    if (pos)
        nqx_model_name(m, tid[i], to, &place);
    else
        nqx_model_name(m, to, tid[i + 1], &place);
    if (!place)
        return 0;
    p->nvar = 1;
    p->pos[0] = pos;
    p->to[0] = to;
    p->seen[0] = place;
    p->checked = 1;
    p->named = named > 0;
    p->done = 1;
    return 1;
}

static int S_places(const nqx_model *m, const nqx_tok *toks, const int *tid,
                    const unsigned char *title, size_t ntok, const char *text,
                    int style, double threshold, nqx_norm_edit **edits,
                    size_t *nedits)
{
    const nqx_lm *lm = nqx_model_lm(m);
    S_place *c = NULL;
    nqx_norm_edit *add = NULL;
    size_t nc = 0, capc = 0, i, k, nn = 0, cap = 0;
    int rc = 0;
    S_place_memo cache[S_PLACE_CACHE];
    if (threshold > S_PLACE_CONF || ntok < 2)
        return 0;
    for (i = 0; i < S_PLACE_CACHE; i++)
        cache[i].a = -1;
    /* the names that are no known place, with the changes that make one
     * (k: the first edit that does not end before toks[i]) */
    for (i = 0, k = 0; i + 1 < ntok; i++) {
        int kind;
        S_place p;
        S_place_memo *cs;
        if (i + 9 < ntok) { /* most of a text: no two title-case words */
            uint64_t x, y;
            memcpy(&x, title + i, 8);
            memcpy(&y, title + i + 1, 8);
            if (!(x & y)) {
                i += 7;
                continue;
            }
        }
        if (!title[i] || !title[i + 1] || tid[i] <= 0 || tid[i + 1] <= 0)
            continue;
        while (k < *nedits && (*edits)[k].end <= toks[i].start)
            k++;
        kind = nqx_ocr_name_at(toks, ntok, i);
        if (!kind)
            continue;
        memset(&p, 0, sizeof p);
        p.i = i;
        if (k < *nedits && (*edits)[k].start < toks[i + 1].end) {
            /* the decoder changed it: a list's evidence when it changed
             * one syllable, and made a place */
            if (S_place_done(m, toks, tid, i, *edits, *nedits, k, &p))
                goto add;
            continue;
        }
        /* what the model says of this pair: looked up once per distinct
         * pair of words (a document repeats its names: "Ban Thường",
         * "Việt Nam") */
        cs = &cache[((uint32_t)tid[i] * 0x9E3779B1u ^ (uint32_t)tid[i + 1] * 0x85EBCA77u) >> 24 &
                    (S_PLACE_CACHE - 1)];
        if (cs->a != tid[i] || cs->b != tid[i + 1]) {
            memset(cs, 0, sizeof *cs);
            cs->a = tid[i];
            cs->b = tid[i + 1];
            S_place_lookup(m, toks, tid, i, cs);
        }
        if (cs->place)
            continue;
        p.checked = cs->checked;
        p.named = cs->named;
        p.admin = kind == 2 && cs->checked && !cs->named;
        p.nvar = cs->nvar;
        memcpy(p.pos, cs->pos, sizeof p.pos);
        memcpy(p.to, cs->to, sizeof p.to);
        memcpy(p.seen, cs->seen, sizeof p.seen);
        if (p.admin && p.nvar == 1 && p.seen[0] >= S_PLACE_MIN_SEEN)
            p.pick = 1;
    add:
        if (nc == capc) {
            S_place *q = realloc(c, (capc = capc ? 2 * capc : 16) * sizeof *c);
            if (!q) {
                rc = -1;
                goto out;
            }
            c = q;
        }
        c[nc++] = p;
    }
    /* lists: the change most of their names need, counted over distinct
     * names the model never saw ("Phù Nam 1, Phù Nam 2, Phù Nam 3" is one
     * name; "Đại Tư đồ, Đại Tư mã" one title) */
    for (k = 0; k < nc;) {
        size_t e = k + 1, j, x;
        int best = 0, bpos = 0, bto = 0;
        while (e < nc && S_list_next(toks, text, c[e - 1].i + 2, c[e].i))
            e++;
        for (j = k; j < e; j++)
            for (x = 0; x < (size_t)c[j].nvar; x++) {
                int n = 0, from = tid[c[j].i + (size_t)c[j].pos[x]];
                size_t y, z, w;
                for (y = k; y < e; y++) {
                    int same = 0;
                    if (c[y].named)
                        continue;
                    for (w = k; w < y && !same; w++) /* counted already */
                        same = !c[w].named && tid[c[w].i] == tid[c[y].i] &&
                               tid[c[w].i + 1] == tid[c[y].i + 1];
                    for (z = 0; z < (size_t)c[y].nvar && !same; z++)
                        if (c[y].pos[z] == c[j].pos[x] && c[y].to[z] == c[j].to[x] &&
                            tid[c[y].i + (size_t)c[y].pos[z]] == from) {
                            n++;
                            break;
                        }
                }
                if (n > best)
                    best = n, bpos = c[j].pos[x], bto = c[j].to[x];
            }
        if (best >= S_PLACE_RUN) {
            int from = -1;
            for (j = k; j < e && from < 0; j++)
                for (x = 0; x < (size_t)c[j].nvar; x++)
                    if (c[j].pos[x] == bpos && c[j].to[x] == bto)
                        from = tid[c[j].i + (size_t)bpos];
            for (j = k; j < e; j++)
                if (tid[c[j].i + (size_t)bpos] == from)
                    c[j].list_pos = bpos, c[j].list_to = bto;
        }
        k = e;
    }
    for (k = 0; k < nc; k++) {
        int pos = c[k].list_to ? c[k].list_pos : c[k].pick ? c[k].pos[c[k].pick - 1] : -1;
        int to = c[k].list_to ? c[k].list_to : c[k].pick ? c[k].to[c[k].pick - 1] : 0;
        const nqx_tok *t;
        nqx_syl sy;
        char buf[4 * NQX_SYL_MAX + 1];
        size_t len;
        if (pos < 0 || c[k].done)
            continue;
        if (!c[k].checked) { /* changed only as part of its list */
            int place;
            nqx_model_name(m, tid[c[k].i], tid[c[k].i + 1], &place);
            if (place)
                continue;
        }
        t = &toks[c[k].i + (size_t)pos];
        sy = lm->syl[to];
        memcpy(sy.upper, t->syl.upper, sizeof sy.upper);
        len = nqx_syl_render(&sy, nqx_syl_tone_pos(&sy, style), buf);
        if (S_edit(&add, &nn, &cap, t->start, t->end, buf, len, S_PLACE_CONF)) {
            rc = -1;
            goto out;
        }
    }
    if (nqx_norm_edits_merge(edits, nedits, add, nn, 0)) {
        rc = -1;
        goto out;
    }
    add = NULL;
    nn = 0;
out:
    if (add)
        nqx_norm_edits_free(add, nn);
    free(c);
    return rc;
}

/* The first pass's clauses, by their words: a document repeats its
 * clauses ("Ủy ban nhân dân tỉnh", a heading, a formula), and a clause
 * of the same words (the same bytes and folds, after the same break)
 * decodes the same wherever it stands: the decoder reads nothing outside
 * the clause but the document's counts, and the first pass applies no
 * learnt confusion. A repeat copies the first's edits (at its own
 * offsets) and the confusions it taught, in the same order. */
typedef struct {
    uint64_t hash;
    size_t at;     /* the clause's first token */
    size_t e0, e1; /* its edits, indices into the pass's list */
    int l0, l1;    /* its confusions, indices into ad->log */
} S_cmemo;

/* The word of token q for S_cmemo: the first token with its bytes */
#define S_WORD(toks, q) ((toks)[q].first >= 0 ? (size_t)(toks)[q].first : (q))

/* 1 when the clauses of n tokens at a and b hold the same words */
static int S_cmemo_same(const int *word, const unsigned char *bnd, const int *tfid,
                        size_t a, size_t b, size_t n)
{
    size_t q;
    if (bnd[a] != bnd[b])
        return 0;
    for (q = 0; q < n; q++)
        if (word[a + q] != word[b + q] || tfid[a + q] != tfid[b + q])
            return 0;
    return 1;
}

/* The first pass over the clauses (cend: see S_ocr_part), through the
 * memo; chash[k]: the hash of the k-th clause of two words or more.
 * Returns -1 when out of memory. */
static int S_first_pass(const nqx_model *m, const nqx_tok *toks, const int *tid,
                        const int *tfid, const int *word, const unsigned char *bnd,
                        const int *cend, const uint64_t *chash,
                        size_t ntok, size_t nc, int style, double min_margin,
                        S_pos *P, S_scratch *sc, int *best, double *margin,
                        S_adapt *ad, nqx_norm_edit **edits, size_t *nedits,
                        size_t *cap)
{
    /* slot: index into memo + 1, 0 empty; memo: the clauses decoded */
    uint32_t *slot;
    S_cmemo *memo;
    int *eoff = NULL; /* per edit of the pass: its token's offset in its clause */
    size_t i, j, h, slots = 16, mask, nmemo = 0, capeoff = 0, c = 0;
    int rc = 0;
    while (slots < 2 * nc)
        slots *= 2;
    mask = slots - 1;
    slot = calloc(slots, sizeof *slot);
    memo = malloc((nc + 1) * sizeof *memo);
    if (!slot || !memo) {
        rc = -1;
        goto out;
    }
    ad->logging = 1;
    for (i = 0; i < ntok; i = j) {
        size_t e0, k, q, n;
        int l0;
        if (tfid[i] < 0) {
            j = i + 1;
            continue;
        }
        j = (size_t)cend[i];
        n = j - i;
        if (n < 2)
            continue; /* S_clause leaves it */
        for (h = (size_t)chash[c] & mask; slot[h]; h = (h + 1) & mask) {
            const S_cmemo *x = &memo[slot[h] - 1];
            if (x->hash == chash[c] && cend[x->at] - (int)x->at == (int)n &&
                S_cmemo_same(word, bnd, tfid, x->at, i, n))
                break;
        }
        if (slot[h]) { /* a repeat */
            const S_cmemo *x = &memo[slot[h] - 1];
            for (k = x->e0; k < x->e1; k++) {
                nqx_norm_edit y = (*edits)[k]; /* S_edit may move the list */
                const nqx_tok *t = &toks[i + (size_t)eoff[k]];
                if (S_edit(edits, nedits, cap, t->start, t->end, y.repl, y.repl_len,
                           y.confidence)) {
                    rc = -1;
                    goto out;
                }
            }
            for (l0 = x->l0; l0 < x->l1; l0++)
                if (S_adapt_add(ad, ad->log[l0][0], ad->log[l0][1])) {
                    rc = -1;
                    goto out;
                }
            c++;
            continue;
        }
        e0 = *nedits;
        l0 = ad->nlog;
        if (S_clause(m, toks + i, tid + i, tfid + i, (int)n, style, min_margin, P, sc,
                     best, margin, ad, edits, nedits, cap)) {
            rc = -1;
            goto out;
        }
        if (*nedits > capeoff) {
            int *p = realloc(eoff, *nedits * 2 * sizeof *p);
            if (!p) {
                rc = -1;
                goto out;
            }
            eoff = p;
            capeoff = *nedits * 2;
        }
        for (k = e0, q = i; k < *nedits; k++) {
            while (toks[q].start < (*edits)[k].start)
                q++;
            eoff[k] = (int)(q - i);
        }
        memo[nmemo].hash = chash[c];
        memo[nmemo].at = i;
        memo[nmemo].e0 = e0;
        memo[nmemo].e1 = *nedits;
        memo[nmemo].l0 = l0;
        memo[nmemo].l1 = ad->nlog;
        slot[h] = (uint32_t)++nmemo;
        c++;
    }
out:
    ad->logging = 0;
    free(slot);
    free(memo);
    free(eoff);
    return rc;
}

/* ---- a letter dropped ---- */

/* A scan that damages a word drops a letter ("sản xuấ" for "sản xuất",
 * "bao nhiê", "kỳ th tuyển", "bảo tì công"): the lattice's candidates
 * share the word's letters, so the word is never among them. A
 * lower-case word that is no syllable the model knows is given the
 * syllables one letter longer that the model saw beside a neighbour
 * (a number too: "theo 3 bướ"; beside both, and no number, for a word
 * without marks: "th", "tr", "km" are also abbreviations, "tr 45");
 * so is a known word counted fewer than S_LETTER_RARE
 * times that the model never saw beside either neighbour, when the
 * longer word makes with both a trigram the model kept (at a clause's
 * end or start, with the two words on its one side: "hàng hó;"). Candidates are
 * scored by the bigrams on both sides (Witten-Bell as in S_lpx, without
 * the trigrams, the neighbours as corrected) and charged C_LETTER_DROP;
 * the best changes when it beats the written word and the runner-up by
 * the decoder's margin. The letter goes at the start, after the first
 * letter or at the end: where the dropped letters were (tr, ng, a
 * final). Counted in the three real-OCR sets (160 textcorpus documents
 * printed, scanned and read by Tesseract; OCR text against its source
 * word by word): 50 Vietnamese words lost a letter, 18 words gained one
 * (mostly "ttp", "wwww", "20252": not Vietnamese), 35 had one letter
 * replaced (8 of them "đấu" for "đất" in one document), against 1,669
 * words with a wrong mark. Measured there: 12 words changed, 11 right
 * ("cử tr" -> tri, "đề th" -> thi twice, xuấ, nhiê twice, buý, đượ, đâ ->
 * đây, "bảo tì" -> trì, "quốc gi" -> gia) and one wrong fix of a wrong
 * word ("điều lện" -> lệnh, for kiện); on the 828 held-out files' clean
 * text (build/ocr-eval --rate 0) 461 -> 469 words changed: seven of the
 * source's typos ("Nhân qyền", "các guyên tắc", "trong lịc", "Nhà
 * nướ*c", "xử phạ hành chính", "tại hông tư", "đối vớ cá nhân") and
 * one wrong ("kim tiêm và cưa" -> chưa). A stray first letter of a
 * word with marks that is no syllable goes too, where the rest makes a
 * trigram the model kept with both neighbours: "quyền tưu tiên" -> ưu
 * twice in the real sets; in clean text 469 -> 471, "nhạc dcổ điển",
 * "quy định nnhư sau" (the source's typos). Tried and dropped: any
 * letter deleted beside a neighbour the model saw (3 right in the real
 * sets, but in clean text "điểm qkhoản" -> khoản, "giádo" -> giáo, "tưn
 * nhiên" -> tư, and English "rap", "dot", "top", "win" lost a letter:
 * 461 -> 510), a doubled letter only ("TThông" is in capitals: 0 in the
 * real sets);
 * rare known words without the trigram test (3 right; clean text +16, 7
 * wrong: "cổng hông" -> thông, "sát mé" -> mép, "dữ liệu cứng" ->
 * chứng); with it, S_LETTER_RARE 1000 adds a wrong fix in the real
 * sets ("thực hi" -> thi, for hiện) and two changes in clean text
 * ("hiên nga" -> thiên, "cứng" -> chứng), no limit also "tờ tình" ->
 * trình (right) and clean text 475. C_LETTER_DROP at 4 or 8 changes the
 * same words: an unknown word scores far below. Normalizing 200
 * textcorpus files: 1.5% more instructions. */
#define C_LETTER_DROP 6.0
#define S_LETTER_RARE 200

/* ln P(b | a) from the bigram counts, a or b -1 (unknown) allowed */
static double S_lp2(const nqx_model *m, int a, int b)
{
    const nqx_lm *lm = nqx_model_lm(m);
    double p1 = b > 0 ? nqx_model_p1(m, b) : lm->p1_unknown, na, ta;
    int q;
    if (a <= 0)
        return log(p1);
    na = nqx_model_count(m, a);
    ta = nqx_model_types(m, a);
    q = b > 0 ? S_pair_q(lm, a, b) : -1;
    return log(((q >= 0 ? lm->qexp[q] : 0.0) + ta * p1) / (na + ta + 1e-9));
}

/* 0 when no letter added anywhere makes a syllable of y: too long, a
 * letter Vietnamese has not (f, j, w, z: English), or two runs of vowels
 * ("model", "quant ham" aside: a letter added never joins them). Most
 * words that are no syllable are English or names, and fail here. */
static int S_one_letter_short(const nqx_syl *y)
{
    int i, runs = 0, in = 0;
    if (y->n >= NQX_SYL_MAX - 1)
        return 0;
    for (i = 0; i < y->n; i++) {
        char c = y->base[i];
        int v = nqx_syl_vowel_base(c);
        if (c == 'f' || c == 'j' || c == 'w' || c == 'z')
            return 0;
        runs += v && !in;
        in = v;
    }
    return runs <= 1;
}

/* 0 when the letter x added at p to y surely makes no syllable: before a
 * first consonant only an initial's first letter (ch, gh, kh, ng, nh,
 * ph, th, tr), after a last consonant only a final's second (ch, ng,
 * nh), or a vowel where there is none ("th"). Spares lookups. */
static int S_may_join(const nqx_syl *y, int p, char x)
{
    if (p == 0 && !nqx_syl_vowel_base(y->base[0]))
        switch (y->base[0]) {
        case 'h': return x == 'c' || x == 'g' || x == 'k' || x == 'n' || x == 'p' || x == 't';
        case 'r': return x == 't';
        case 'g': return x == 'n';
        default: return 0;
        }
    if (p == y->n && !nqx_syl_vowel_base(y->base[p - 1])) {
        int i;
        for (i = 0; i < p && !nqx_syl_vowel_base(y->base[i]); i++)
            ;
        if (i == p) /* no vowel yet ("th", "tr"): a vowel */
            return nqx_syl_vowel_base(x);
        return (x == 'h' && (y->base[p - 1] == 'c' || y->base[p - 1] == 'n')) ||
               (x == 'g' && y->base[p - 1] == 'n');
    }
    return 1;
}

/* Appends to *edits (sorted, merged) the dropped letters put back in
 * words no edit touched. tid: the written words' ids. Returns -1 when
 * out of memory. */
/* The id of toks[j] after the sorted, disjoint edits e[0..n) (-1 when
 * the model has none); *hit is 1 when an edit touches it. */
static int S_id_after(const nqx_model *m, const nqx_tok *toks, const int *tid,
                      size_t j, const nqx_norm_edit *e, size_t n, int *hit)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first edit ending after the token's start */
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid].end <= toks[j].start)
            lo = mid + 1;
        else
            hi = mid;
    }
    *hit = lo < n && e[lo].start < toks[j].end;
    return *hit ? S_edit_id(m, &e[lo]) : tid[j];
}

/* (kept out of S_ocr_part: inlined, it changed how the compiler laid out
 * S_ocr_part's own loops, which cost more than the call) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int S_letters(const nqx_model *m, const nqx_tok *toks, const int *tid,
                     size_t ntok, int style, double min_margin, nqx_norm_edit **edits,
                     size_t *nedits)
{
    static const char abc[] = "abcdeghiklmnopqrstuvxy";
    const nqx_lm *lm = nqx_model_lm(m);
    nqx_norm_edit *add = NULL;
    size_t nadd = 0, cap = 0, i;
    for (i = 0; i < ntok; i++) {
        const nqx_tok *t = &toks[i];
        int L = -2, R = -2, L2 = -2, R2 = -2, o = tid[i], p, c, best = -1, bare, hit;
        double so, s1 = -1e300, s2 = -1e300, sc;
        nqx_syl y;
        char out[4 * NQX_SYL_MAX + 1];
        /* most words: known and common (den - typ: the count) */
        if (o > 0 && lm->den[o] - lm->typ[o] >= S_LETTER_RARE)
            continue;
        /* (a single letter: a list's "b", "đ") */
        if (!t->ok || t->num || t->syl.n < 2 || t->syl.casing != NQX_CASE_LOWER ||
            t->syl.foreign || !S_one_letter_short(&t->syl))
            continue;
        S_id_after(m, toks, tid, i, *edits, *nedits, &hit);
        if (hit)
            continue;
        bare = S_bare(&t->syl);
        /* a number beside a word without marks: "tr 45", "km 77" */
        if (i > 0 && !t->boundary && !(bare && toks[i - 1].num))
            L = S_id_after(m, toks, tid, i - 1, *edits, *nedits, &hit);
        if (i + 1 < ntok && !toks[i + 1].boundary && !(bare && toks[i + 1].num))
            R = S_id_after(m, toks, tid, i + 1, *edits, *nedits, &hit);
        if ((L <= 0 && R <= 0) || L == -1 || R == -1)
            continue; /* no known word beside it, or an unknown one */
        if (o > 0) { /* unseen beside its neighbours, which may be two
                      * on one side at a clause's end ("Bộ Chính tị.") */
            if ((L > 0 && S_pair_q(lm, L, o) >= 0) || (R > 0 && S_pair_q(lm, o, R) >= 0))
                continue;
            if (R <= 0 && i >= 2 && !toks[i - 1].boundary && !toks[i - 2].num)
                L2 = S_id_after(m, toks, tid, i - 2, *edits, *nedits, &hit);
            if (L <= 0 && i + 2 < ntok && !toks[i + 2].boundary && !toks[i + 2].num)
                R2 = S_id_after(m, toks, tid, i + 2, *edits, *nedits, &hit);
            if (!(L > 0 && R > 0) && L2 <= 0 && R2 <= 0)
                continue;
        }
        so = (L > 0 ? S_lp2(m, L, o) : 0) + (R > 0 ? S_lp2(m, o, R) : 0);
        /* a stray first letter ("tưu tiên", "nnhư sau"): only where the
         * rest makes a trigram the model kept with both neighbours */
        if (o <= 0 && !bare && t->syl.n >= 3 && L > 0 && R > 0 &&
            !toks[i - 1].num && !toks[i + 1].num) { /* ("điểm qkhoản 5") */
            char key[NQX_KEY_MAX];
            int id, j;
            y = t->syl;
            for (j = 0; j + 1 < y.n; j++) {
                y.base[j] = y.base[j + 1];
                y.mod[j] = y.mod[j + 1];
                y.upper[j] = y.upper[j + 1];
            }
            y.n--;
            if (y.tone_at > 0)
                y.tone_at--;
            nqx_syl_key(&y, key);
            if ((id = nqx_model_id(m, key)) > 0 && nqx_syl_valid(&y) &&
                nqx_lm_trigram(lm, L, id, R) >= 0 && S_pair_q(lm, L, id) >= 0 &&
                S_pair_q(lm, id, R) >= 0) {
                best = id;
                s1 = S_lp2(m, L, id) + S_lp2(m, id, R) - C_LETTER_DROP;
                y.tone_at = y.tone ? nqx_syl_tone_pos(&y, style) : -1;
                nqx_syl_render(&y, y.tone_at, out);
            }
        }
        /* at the start, after the first letter or at the end: where the
         * dropped letters were in the real-OCR sets (tr, gh, ng, a final) */
        for (p = 0; p <= t->syl.n; p = p == 1 && t->syl.n > 1 ? t->syl.n : p + 1)
            for (c = 0; c < (int)sizeof abc - 1; c++) { /* abc[c] at p */
                char key[NQX_KEY_MAX];
                int id, j;
                if (!S_may_join(&t->syl, p, abc[c]))
                    continue;
                y = t->syl;
                for (j = y.n; j > p; j--) {
                    y.base[j] = y.base[j - 1];
                    y.mod[j] = y.mod[j - 1];
                    y.upper[j] = y.upper[j - 1];
                }
                y.base[p] = abc[c];
                y.mod[p] = NQX_MOD_NONE;
                y.upper[p] = 0;
                y.n++;
                nqx_syl_key(&y, key); /* a lookup: cheaper than the rules */
                if ((id = nqx_model_id(m, key)) <= 0 || !nqx_syl_valid(&y))
                    continue;
                if (id == best || (L > 0 && S_pair_q(lm, L, id) >= 0) +
                                      (R > 0 && S_pair_q(lm, id, R) >= 0) <
                                      1 + (bare | (o > 0 && L > 0 && R > 0)))
                    continue;
                if (o > 0 && (L > 0 && R > 0 ? nqx_lm_trigram(lm, L, id, R)
                              : L2 > 0     ? nqx_lm_trigram(lm, L2, L, id)
                                           : nqx_lm_trigram(lm, id, R, R2)) < 0)
                    continue;
                sc = (L > 0 ? S_lp2(m, L, id) : 0) + (R > 0 ? S_lp2(m, id, R) : 0) -
                     C_LETTER_DROP;
                if (sc > s1) {
                    s2 = s1;
                    s1 = sc;
                    best = id;
                    y.tone_at = y.tone ? nqx_syl_tone_pos(&y, style) : -1;
                    nqx_syl_render(&y, y.tone_at, out);
                } else if (sc > s2)
                    s2 = sc;
            }
        if (best < 0)
            continue;
        sc = s1 - (s2 > so ? s2 : so);
        if (sc < min_margin)
            continue;
        if (S_edit(&add, &nadd, &cap, t->start, t->end, out, strlen(out),
                   1.0 / (1.0 + exp(-sc))))
            goto oom;
    }
    if (nqx_norm_edits_merge(edits, nedits, add, nadd, 0))
        goto oom;
    return 0;
oom:
    nqx_norm_edits_free(add, nadd);
    return -1;
}

static nqx_status S_ocr_part(const nqx_model *m, const char *text, size_t len,
                             double threshold, nqx_norm_edit **edits,
                             size_t *nedits, nqx_error *err)
{
    nqx_tok *toks = NULL;
    int *tid = NULL, *tfid, *tvote, *cend, num, numf;
    uint64_t *chash = NULL; /* see S_first_pass */
    size_t ntok = 0, i, j, cap = 0, nclause = 0;
    int votes[2] = {0, 0}, style, maxn = 0, round, *binv;
    int *word; /* per token: S_WORD, the first token with its bytes */
    unsigned char *bnd; /* per token: its boundary flag */
    size_t nsyl = 0; /* known syllables, numbers aside (S_density) */
    size_t nbinv = 0; /* tokens at binv[]: see S_bare_invalid */
    size_t last = (size_t)-1;
    S_pos *P = NULL;
    int *best = NULL;
    double *margin = NULL, min_margin;
    S_scratch sc = {NULL, NULL, 0, 0, NULL, 0, NULL, NULL, {NULL, 0, NULL, NULL, 0}, {0},
                    NULL, NULL, NULL, 0};
    S_adapt ad = {NULL, NULL, 0, 0, 1, NULL, 0, 0, 0},
            prev = {NULL, NULL, 0, 0, 0, NULL, 0, 0, 0};
    int *chg = NULL, nchg = 0;
    uint64_t *idset = NULL;
    unsigned char *title = NULL; /* per token: S_title */
    uint32_t *sent = NULL; /* per token: its sentence (S_ctx_gain) */
    nqx_status st = NQX_OK;

    *edits = NULL;
    *nedits = 0;
    if (!m || !len)
        return NQX_OK;
    if (threshold <= 0)
        threshold = DEFAULT_CONF;
    if (threshold >= 1)
        return NQX_OK;
    min_margin = log(threshold / (1 - threshold));
    sc.lm = nqx_model_lm(m);
    sc.tc = malloc(S_TC_SLOTS * sizeof *sc.tc);
    if (!sc.tc)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    for (i = 0; i < S_TC_SLOTS; i++)
        sc.tc[i].a = -1;
    if (nqx_ocr_tokenize(text, len, &toks, &ntok)) {
        free(sc.tc);
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    tid = malloc((ntok + 1) * 5 * sizeof *tid);
    idset = malloc(S_IDSET_WORDS * sizeof *idset);
    title = malloc(2 * (ntok + 1));
    if (!tid || !idset || !title)
        goto oom;
    tfid = tid + ntok + 1;
    tvote = tfid + ntok + 1;
    binv = tvote + ntok + 1;
    word = binv + ntok + 1;
    bnd = title + ntok + 1;
    num = nqx_model_id(m, NQX_NUM_KEY);
    numf = nqx_model_fid(m, NQX_NUM_KEY);
    for (i = 0; i < ntok; i++) {
        char key[NQX_KEY_MAX];
        bnd[i] = (unsigned char)toks[i].boundary;
        word[i] = (int)S_WORD(toks, i);
        if (toks[i].first >= 0) { /* a repeat: its first says it all */
            title[i] = title[toks[i].first];
            tid[i] = tid[toks[i].first];
            tfid[i] = tfid[toks[i].first];
            if ((tvote[i] = tvote[toks[i].first]) >= 0)
                votes[tvote[i]]++;
            nsyl += tid[i] > 0 && !toks[i].num;
            if (tfid[i] <= -2) /* for S_bare_invalid */
                binv[nbinv++] = (int)i;
            continue;
        }
        title[i] = (unsigned char)S_title(&toks[i]); /* for S_places */
        tvote[i] = toks[i].ok && !toks[i].num ? nqx_syl_style_vote(&toks[i].syl) : -1;
        if (tvote[i] >= 0)
            votes[tvote[i]]++;
        tid[i] = tfid[i] = -1;
        if (toks[i].num) { /* "ngày 21 tháng 11": context, never changed */
            tid[i] = num;
            tfid[i] = num > 0 ? numf : -1;
            continue;
        }
        /* (below: ok, no number) */
        if (!toks[i].ok)
            continue;
        /* a syllable the model knows is well formed; others are checked.
         * One that is no Vietnamese ("thưc", "it": a stop after a tone
         * it cannot take, as a scanner that lost the tone leaves it)
         * keeps its letters' fold: its words of the same letters are its
         * candidates, and keeping it costs C_INVALID (S_clause) */
        nqx_syl_key(&toks[i].syl, key);
        /* a foreign mark ("tÿ") is no word of the model's, though its
         * key, without the mark, may be one ("ty") */
        tid[i] = toks[i].syl.foreign ? -1 : nqx_model_id(m, key);
        if (tid[i] < 0 && S_bare(&toks[i].syl) && !nqx_syl_valid(&toks[i].syl)) {
            /* S_bare_invalid decides; -4: its letters make a common word
             * (worked out once a distinct word: repeats copy it) */
            tfid[i] = S_fold_top(m, &toks[i].syl) < S_COMMON_WORD ? -2 : -4;
            binv[nbinv++] = (int)i;
            continue;
        }
        nsyl += tid[i] > 0;
        if (tid[i] > 0 && sc.lm->fid_exact) {
            tfid[i] = sc.lm->fid[tid[i]];
            continue;
        }
        nqx_syl_fold(&toks[i].syl, key);
        tfid[i] = nqx_model_fid(m, key);
    }
    style = votes[1] > votes[0];
    S_bare_invalid(m, toks, tfid, ntok, binv, nbinv);
    if (sc.lm->ctxoff) { /* the sentence of each word, for S_ctx_gain */
        sent = malloc((ntok + 1) * sizeof *sent);
        if (!sent)
            goto oom;
        for (i = 0; i < ntok; i++)
            sent[i] = i == 0 ? 0
                             : sent[i - 1] + (uint32_t)nqx_ocr_sentence_break(
                                                 text, toks[i - 1].end, toks[i].start);
        sc.toks = toks, sc.tid = tid, sc.sent = sent, sc.ntok = ntok;
    }
    if (S_doc_build(&sc.dc, sc.lm, bnd, tid, ntok))
        goto oom;
    /* clauses: runs of syllables whose letters the model knows, with no
     * break between them; cend[i] is the end of the clause that starts
     * at i (the votes are counted: tvote's room is reused; a part holds
     * far fewer than INT_MAX tokens) */
    cend = tvote;
    chash = malloc((ntok / 2 + 1) * sizeof *chash);
    if (!chash)
        goto oom;
    for (i = 0; i < ntok; i = j) {
        uint64_t h; /* S_first_pass's: the words, their folds, the break */
        if (tfid[i] < 0) {
            j = i + 1;
            continue;
        }
        h = ((uint64_t)(uint32_t)word[i] ^ (uint64_t)(uint32_t)tfid[i] << 32 ^
             (uint64_t)bnd[i] << 63) * 0xBF58476D1CE4E5B9u;
        for (j = i + 1; j < ntok && tfid[j] >= 0 && !bnd[j]; j++)
            h = (h ^ (uint64_t)(uint32_t)word[j] ^ (uint64_t)(uint32_t)tfid[j] << 32) *
                0xBF58476D1CE4E5B9u;
        cend[i] = (int)j;
        if (j - i >= 2)
            chash[nclause++] = h ^ h >> 31;
        if ((int)(j - i) > maxn)
            maxn = (int)(j - i);
    }
    P = malloc(((size_t)maxn + 2) * sizeof *P);
    best = malloc(((size_t)maxn + 2) * sizeof *best);
    margin = malloc(((size_t)maxn + 2) * sizeof *margin);
    if (!P || !best || !margin)
        goto oom;
    ad.learn = 1;
    if (S_first_pass(m, toks, tid, tfid, word, bnd, cend, chash, ntok, nclause, style,
                     min_margin, P, &sc, best, margin, &ad, edits, nedits, &cap))
        goto oom;
    if (*nedits) { /* a clean text learns from a scanner only */
        size_t nw;
        if (S_density(sc.lm, toks, tid, ntok, *edits, *nedits, &nw))
            goto oom;
        if (nw * S_CLEAN_DOC <= nsyl && !S_shows_scanner(&ad, sc.lm, tid, ntok))
            ad.n = 0;
    }
    for (round = 0; round < S_ROUNDS; round++) {
        nqx_norm_edit *e2 = NULL;
        size_t n2 = 0, cap2 = 0, k, out = 0, d = 0;
        if (round > 0 && S_relearn(m, toks, tid, ntok, *edits, *nedits, &ad))
            goto oom;
        if (S_adapt_settle(&ad, sc.lm, tid, ntok))
            goto oom;
        if (!ad.n || *nedits == last)
            break;
        last = *nedits;
        /* after the first, a pass decodes only the clauses whose learnt
         * confusions changed: the others would come out the same */
        if (round > 0) {
            if (S_changed(&ad, &prev, &chg, &nchg))
                goto oom;
            if (!nchg)
                break;
        }
        if (S_adapt_keep(&ad, &prev))
            goto oom;
        /* another pass over the clauses holding a word the scanner was
         * caught confusing (after the first: one whose confusions
         * changed); their edits are replaced */
        ad.learn = 0;
        memset(idset, 0, S_IDSET_WORDS * sizeof *idset);
        if (round == 0) /* (pairs are only learnt for known words, id > 0) */
            for (k = 0; k < (size_t)ad.n; k++)
                S_idset_add(idset, ad.pair[k][0]);
        else
            for (k = 0; k < (size_t)nchg; k++)
                S_idset_add(idset, chg[k]);
        for (i = 0; i < ntok; i = j) {
            int hit = 0;
            if (tfid[i] < 0) {
                j = i + 1;
                continue;
            }
            for (j = i; j < (size_t)cend[i]; j++)
                hit |= S_idset_has(idset, tid[j]);
            if (!hit)
                continue;
            /* drop the first pass's edits inside this clause */
            while (d < *nedits && (*edits)[d].start < toks[i].start)
                (*edits)[out++] = (*edits)[d++];
            while (d < *nedits && (*edits)[d].start < toks[j - 1].end)
                free((*edits)[d++].repl);
            if (S_clause(m, toks + i, tid + i, tfid + i, (int)(j - i), style,
                         min_margin, P, &sc, best, margin, &ad, &e2, &n2, &cap2)) {
                nqx_norm_edits_free(e2, n2);
                while (d < *nedits)
                    (*edits)[out++] = (*edits)[d++];
                *nedits = out;
                goto oom;
            }
        }
        while (d < *nedits)
            (*edits)[out++] = (*edits)[d++];
        *nedits = out;
        /* merge the two sorted, disjoint lists */
        if (nqx_norm_edits_merge(edits, nedits, e2, n2, 0)) {
            nqx_norm_edits_free(e2, n2);
            goto oom;
        }
    }
    if (S_consistency(toks, ntok, edits, nedits))
        goto oom;
    if (*nedits) {
        size_t nw;
        if (S_density(sc.lm, toks, tid, ntok, *edits, *nedits, &nw))
            goto oom;
        if (nw * S_OWN_DOC <= nsyl &&
            S_own_phrase(m, &sc.dc, toks, tid, ntok, *edits, nedits))
            goto oom;
        if (nw * S_CLEAN_DOC <= nsyl) {
            if (S_own_word(m, toks, tid, ntok, *edits, nedits))
                goto oom;
            S_keep_names(m, toks, tid, ntok, *edits, nedits);
            S_lone_doubts(toks, ntok, *edits, nedits);
        }
    }
    if (S_letters(m, toks, tid, ntok, style, min_margin, edits, nedits))
        goto oom;
    if (S_places(m, toks, tid, title, ntok, text, style, threshold, edits, nedits))
        goto oom;
    goto done;
oom:
    st = nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    nqx_norm_edits_free(*edits, *nedits);
    *edits = NULL;
    *nedits = 0;
done:
    free(ad.pair);
    free(ad.cost);
    free(ad.log);
    free(chash);
    free(prev.pair);
    free(prev.cost);
    free(chg);
    free(idset);
    free(title);
    free(sent);
    free(toks);
    free(tid);
    free(P);
    free(best);
    free(margin);
    free(sc.buf);
    free(sc.buf2);
    free(sc.pairs);
    free(sc.tc);
    free(sc.dc.slot);
    free(sc.dc.right); /* and left */
    return st;
}

/* Parts decoded apart, so that memory does not grow with the input (the
 * token arrays take about 16 bytes per byte): far more than a document
 * (the textcorpus's largest is 0.4 MB), so that a document's confusions
 * are learnt from all of it; a 100 MB line is decoded 1 MB at a time. */
#define S_PART (1u << 20)

/* Where the part starting at text[0..len) ends: at a line end, else after
 * a space, in its second half; else at a character boundary. */
static size_t S_part_end(const char *text, size_t len)
{
    size_t i;
    if (len <= S_PART)
        return len;
    for (i = S_PART; i > S_PART / 2; i--)
        if (text[i - 1] == '\n')
            return i;
    for (i = S_PART; i > S_PART / 2; i--)
        if (text[i - 1] == ' ')
            return i;
    for (i = S_PART; i > 1 && ((unsigned char)text[i] & 0xC0) == 0x80; i--)
        ;
    return i;
}

nqx_status nqx_norm_ocr(const nqx_model *m, const char *text, size_t len,
                        double threshold, nqx_norm_edit **edits,
                        size_t *nedits, nqx_error *err)
{
    size_t at = 0, cap = 0;
    nqx_status st = NQX_OK;
    *edits = NULL;
    *nedits = 0;
    while (at < len) {
        size_t n = S_part_end(text + at, len - at), ne = 0, k;
        nqx_norm_edit *e = NULL;
        st = S_ocr_part(m, text + at, n, threshold, &e, &ne, err);
        if (st != NQX_OK)
            goto fail;
        if (at == 0) { /* the usual case: one part */
            *edits = e;
            *nedits = cap = ne;
        } else {
            if (*nedits + ne > cap) {
                nqx_norm_edit *p = realloc(*edits, (*nedits + ne) * 2 * sizeof *p);
                if (!p) {
                    nqx_norm_edits_free(e, ne);
                    st = nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
                    goto fail;
                }
                *edits = p;
                cap = (*nedits + ne) * 2;
            }
            for (k = 0; k < ne; k++) {
                e[k].start += at;
                e[k].end += at;
                (*edits)[(*nedits)++] = e[k];
            }
            free(e);
        }
        at += n;
    }
    return NQX_OK;
fail:
    nqx_norm_edits_free(*edits, *nedits);
    *edits = NULL;
    *nedits = 0;
    return st;
}
