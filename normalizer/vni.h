/* vni.h: the VNI-Windows encoding (internal to the normalizer).
 *
 * VNI is not in iconv (glibc, libiconv), so its table is hand-written in
 * vni.c. VNI writes a Vietnamese letter as an ASCII base letter followed by
 * one mark byte (a + 0xF9 = á, a + 0xE1 = ấ), with a few letters as single
 * bytes (0xF4 = ơ, 0xF6 = ư, 0xF1 = đ, 0xED = í); the fonts sit on the
 * Windows-1252 code page, so every other byte reads as Windows-1252. */
#ifndef NQX_VNI_H
#define NQX_VNI_H

#include "norm.h"

#include <stdint.h>

#define NQX_VNI_BAD 0xFFFFFFFFu /* a byte with no meaning */

/* Decode the VNI sequence at s[0..n) (n > 0), longest match first: a
 * base + mark pair, else a single letter byte, else cp1252[s[0]] (the
 * Windows-1252 table, NQX_VNI_BAD where undefined). Sets *cp and returns
 * the number of bytes read (1 or 2). */
size_t nqx_vni_decode_char(const unsigned char *s, size_t n,
                           const uint32_t cp1252[256], uint32_t *cp);

/* Encode NFC UTF-8 (ASCII and Vietnamese letters only) as VNI: the
 * inverse of the table, used to make test copies. On success *out (caller
 * frees with free()) holds the bytes. A code point VNI cannot write is
 * NQX_EENCODING with its byte offset in err. */
nqx_status nqx_vni_encode(const char *utf8, size_t len, char **out,
                          size_t *outlen, nqx_error *err);

#endif
