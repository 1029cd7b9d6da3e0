/* sha256.c: SHA-256 (FIPS 180-4), the identity of a stored document.
 *
 * Why SHA-256 and why by hand: the id is shown to users, who can check it
 * with `nqx normalize FILE | sha256sum`; a collision must be out of reach
 * even for documents crafted to collide (FNV or xxHash are not). None of
 * the libraries nqx already links exposes it (SQLite's sha3 lives in the
 * shell, not the library), and it is 100 well-known lines. */
#include "store.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
    int ni; /* use the CPU's SHA instructions */
} S_sha256;

static const uint32_t S_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define S_ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void S_blocks_c(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
    for (; nblocks; nblocks--, p += 64) {
        uint32_t w[64], a, b, cc, d, e, f, g, hh;
        int i;
        for (i = 0; i < 16; i++)
            w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
                   (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
        for (i = 16; i < 64; i++) {
            uint32_t s0 = S_ROR(w[i - 15], 7) ^ S_ROR(w[i - 15], 18) ^
                          (w[i - 15] >> 3);
            uint32_t s1 = S_ROR(w[i - 2], 17) ^ S_ROR(w[i - 2], 19) ^
                          (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        a = h[0]; b = h[1]; cc = h[2]; d = h[3];
        e = h[4]; f = h[5]; g = h[6]; hh = h[7];
        for (i = 0; i < 64; i++) {
            uint32_t t1 = hh + (S_ROR(e, 6) ^ S_ROR(e, 11) ^ S_ROR(e, 25)) +
                          ((e & f) ^ (~e & g)) + S_k[i] + w[i];
            uint32_t t2 = (S_ROR(a, 2) ^ S_ROR(a, 13) ^ S_ROR(a, 22)) +
                          ((a & b) ^ (a & cc) ^ (b & cc));
            hh = g; g = f; f = e; e = d + t1;
            d = cc; cc = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += cc; h[3] += d;
        h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* x86 SHA extensions (Intel since Goldmont/Ice Lake, AMD since Zen): about
 * ten times the portable loop, which was a sixth of the store's cost
 * (every input is hashed twice: as read and as normalized). The layout
 * follows Intel's white paper "Intel SHA Extensions" (2013). */
#include <cpuid.h>
#include <immintrin.h>
#define S_HAVE_NI 1

__attribute__((target("sha,sse4.1,ssse3")))
static void S_blocks_ni(uint32_t h[8], const unsigned char *p,
                        size_t nblocks)
{
    const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL,
                                        0x0405060700010203LL);
    __m128i st0, st1, tmp, m[4];
    /* h[0..7] = A..H into the ABEF / CDGH pair the instructions take */
    tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);
    st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);
    st0 = _mm_alignr_epi8(tmp, st1, 8);
    st1 = _mm_blend_epi16(st1, tmp, 0xF0);
    for (; nblocks; nblocks--, p += 64) {
        __m128i abef = st0, cdgh = st1, msg;
        int i;
        for (i = 0; i < 16; i++) {
            __m128i w;
            if (i < 4)
                w = _mm_shuffle_epi8(
                    _mm_loadu_si128((const __m128i *)(p + 16 * i)), swap);
            else { /* m[i%4] holds words 4i-16.., m[(i+3)%4] 4i-4.. */
                w = _mm_sha256msg1_epu32(m[i % 4], m[(i + 1) % 4]);
                w = _mm_add_epi32(w, _mm_alignr_epi8(m[(i + 3) % 4],
                                                     m[(i + 2) % 4], 4));
                w = _mm_sha256msg2_epu32(w, m[(i + 3) % 4]);
            }
            m[i % 4] = w;
            msg = _mm_add_epi32(w,
                _mm_loadu_si128((const __m128i *)&S_k[4 * i]));
            st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
            st0 = _mm_sha256rnds2_epu32(st0, st1,
                                        _mm_shuffle_epi32(msg, 0x0E));
        }
        st0 = _mm_add_epi32(st0, abef);
        st1 = _mm_add_epi32(st1, cdgh);
    }
    tmp = _mm_shuffle_epi32(st0, 0x1B);
    st1 = _mm_shuffle_epi32(st1, 0xB1);
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(tmp, st1, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(st1, tmp, 8));
}

static int S_cpu_has_ni(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) ||
        !(c & bit_SSE4_1))
        return 0;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}
#endif

static int S_ni;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static void S_detect(void)
{
#ifdef S_HAVE_NI
    S_ni = S_cpu_has_ni();
#endif
}

static void S_blocks(S_sha256 *c, const unsigned char *p, size_t nblocks)
{
#ifdef S_HAVE_NI
    if (c->ni) {
        S_blocks_ni(c->h, p, nblocks);
        return;
    }
#endif
    S_blocks_c(c->h, p, nblocks);
}

static void S_update(S_sha256 *c, const unsigned char *p, size_t n)
{
    c->len += n;
    if (c->nbuf) {
        size_t k = 64 - c->nbuf < n ? 64 - c->nbuf : n;
        memcpy(c->buf + c->nbuf, p, k);
        c->nbuf += k;
        p += k;
        n -= k;
        if (c->nbuf < 64)
            return;
        S_blocks(c, c->buf, 1);
        c->nbuf = 0;
    }
    if (n >= 64) { /* whole blocks straight from the input, no copy */
        S_blocks(c, p, n / 64);
        p += n / 64 * 64;
        n %= 64;
    }
    memcpy(c->buf, p, n);
    c->nbuf = n;
}

static void S_hex(const void *data, size_t n, int ni, char out[65])
{
    static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                     0xa54ff53a, 0x510e527f, 0x9b05688c,
                                     0x1f83d9ab, 0x5be0cd19};
    static const char hex[] = "0123456789abcdef";
    S_sha256 c;
    unsigned char pad[72];
    uint64_t bits;
    size_t padn, i;
    memcpy(c.h, init, sizeof init);
    c.len = 0;
    c.nbuf = 0;
    c.ni = ni;
    S_update(&c, (const unsigned char *)data, n);
    bits = c.len * 8;
    padn = (c.nbuf < 56 ? 56 : 120) - c.nbuf;
    memset(pad, 0, sizeof pad);
    pad[0] = 0x80;
    for (i = 0; i < 8; i++)
        pad[padn + i] = (unsigned char)(bits >> (56 - 8 * i));
    S_update(&c, pad, padn + 8);
    for (i = 0; i < 32; i++) {
        unsigned char byte = (unsigned char)(c.h[i / 4] >> (24 - 8 * (i % 4)));
        out[2 * i] = hex[byte >> 4];
        out[2 * i + 1] = hex[byte & 15];
    }
    out[64] = '\0';
}

void nqx_sha256_hex(const void *data, size_t n, char out[65])
{
    pthread_once(&S_once, S_detect);
    S_hex(data, n, S_ni, out);
}

int nqx_sha256_hex_portable(const void *data, size_t n, char out[65])
{
    pthread_once(&S_once, S_detect);
    S_hex(data, n, 0, out);
    return S_ni;
}
