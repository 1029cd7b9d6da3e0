/* internal.h: helpers shared inside libnqx, not part of the public API. */
#ifndef NQX_INTERNAL_H
#define NQX_INTERNAL_H

#include "nqx.h"

#include <stdarg.h>

/* Fill err (if not NULL) and return st. file may be NULL. */
nqx_status nqx_fail(nqx_error *err, nqx_status st, const char *file,
                    long line, long offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* strdup of n bytes; NULL on out of memory. */
char *nqx_strndup(const char *s, size_t n);

/* Lower case (Unicode case folding, NFC), diacritics kept; malloc'ed,
 * NULL on invalid UTF-8 or out of memory. Shares nqx_fold's fast tables. */
char *nqx_lower(const char *s, size_t n);

/* nqx_fold / nqx_lower written into out, which has room for 2n + 1 bytes
 * (no allocation, for callers that fold many words into one buffer).
 * Returns the length written (NUL-terminated), or -1 when s holds a code
 * point outside the fast tables: then call nqx_fold / nqx_lower. */
long nqx_fold_fast(const char *s, size_t n, char *out);
long nqx_lower_fast(const char *s, size_t n, char *out);
/* nqx_fold_fast without its spacing (white space is copied as it is)
 * and with ASCII letters as they are written: what the store hands its
 * FTS5 index (unicode61), which lower-cases ASCII and splits at white
 * space itself, so the tokens are nqx_fold's. Each other character is
 * its fold. out has room for 2n + 1 bytes; returns the length written
 * (NUL-terminated), or -1 when s holds a NUL or a code point that
 * nqx_fold_fast would leave to utf8proc or respace. */
long nqx_fold_tokens_fast(const char *s, size_t n, char *out);
/* Both at once (one decoding of s): fold and lower each have room for
 * 2n + 1 bytes; returns fold's length and sets *nlower, or -1 when either
 * needs the calls above (a NUL in s, a code point outside the tables). */
long nqx_fold_lower_fast(const char *s, size_t n, char *fold, char *lower,
                         long *nlower);

/* The length of the character of set (UTF-8, each character matched
 * whole) that s[0..n) starts with (head) or ends with (tail); 0 when
 * none. For trimming punctuation such as "–" or "”" off a span: a byte
 * test would also strip the last byte of "ồ" or "ờ", which share it. */
size_t nqx_trim_head(const char *set, const char *s, size_t n);
size_t nqx_trim_tail(const char *set, const char *s, size_t n);

/* Length of the valid UTF-8 prefix of s[0..n). Returns n when all valid. */
size_t nqx_utf8_valid_prefix(const char *s, size_t n);

#endif
