/* sha256.c: SHA-256 (FIPS 180-4), the identity of a stored document.
 *
 * Why SHA-256 and why by hand: the id is shown to users, who can check it
 * with `nqx normalize FILE | sha256sum`; a collision must be out of reach
 * even for documents crafted to collide (FNV or xxHash are not). None of
 * the libraries nqx already links exposes it (SQLite's sha3 lives in the
 * shell, not the library), and it is 100 well-known lines. */
#include "store.h"

#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
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

static void S_block(S_sha256 *c, const unsigned char *p)
{
    uint32_t w[64], a, b, cc, d, e, f, g, h;
    int i;
    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (i = 16; i < 64; i++) {
        uint32_t s0 = S_ROR(w[i - 15], 7) ^ S_ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = S_ROR(w[i - 2], 17) ^ S_ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
    e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
    for (i = 0; i < 64; i++) {
        uint32_t t1 = h + (S_ROR(e, 6) ^ S_ROR(e, 11) ^ S_ROR(e, 25)) +
                      ((e & f) ^ (~e & g)) + S_k[i] + w[i];
        uint32_t t2 = (S_ROR(a, 2) ^ S_ROR(a, 13) ^ S_ROR(a, 22)) +
                      ((a & b) ^ (a & cc) ^ (b & cc));
        h = g; g = f; f = e; e = d + t1;
        d = cc; cc = b; b = a; a = t1 + t2;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
    c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void S_update(S_sha256 *c, const unsigned char *p, size_t n)
{
    c->len += n;
    while (n) {
        size_t k = 64 - c->nbuf;
        if (k > n)
            k = n;
        memcpy(c->buf + c->nbuf, p, k);
        c->nbuf += k;
        p += k;
        n -= k;
        if (c->nbuf == 64) {
            S_block(c, c->buf);
            c->nbuf = 0;
        }
    }
}

void nqx_sha256_hex(const void *data, size_t n, char out[65])
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
