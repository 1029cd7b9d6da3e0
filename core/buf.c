/* buf.c: the one growable buffer type, and small string helpers. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nqx_buf_reserve(nqx_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1, cap = b->cap ? b->cap : 64;
    char *p;
    if (need < b->len)
        return -1; /* overflow */
    if (need <= b->cap)
        return 0;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int nqx_buf_append(nqx_buf *b, const char *s, size_t n)
{
    if (nqx_buf_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int nqx_buf_puts(nqx_buf *b, const char *s)
{
    return nqx_buf_append(b, s, strlen(s));
}

int nqx_buf_printf(nqx_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || nqx_buf_reserve(b, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void nqx_buf_free(nqx_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *nqx_buf_steal(nqx_buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

int nqx_buf_json_str(nqx_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    if (nqx_buf_append(b, "\"", 1))
        return -1;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[7];
        const char *e = NULL;
        size_t elen = 2;
        switch (c) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default:
            if (c < 0x20) {
                esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
                esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; esc[6] = 0;
                e = esc;
                elen = 6;
            }
        }
        if (e) {
            if (nqx_buf_append(b, s + run, i - run) || nqx_buf_append(b, e, elen))
                return -1;
            run = i + 1;
        }
    }
    if (nqx_buf_append(b, s + run, n - run))
        return -1;
    return nqx_buf_append(b, "\"", 1);
}

char *nqx_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Length of a UTF-8 sequence by its first byte (1 for a stray byte). */
static size_t S_seq_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

size_t nqx_trim_head(const char *set, const char *s, size_t n)
{
    size_t i = 0, k;
    while (set[i]) {
        k = S_seq_len((unsigned char)set[i]);
        if (k <= n && memcmp(set + i, s, k) == 0)
            return k;
        i += k;
    }
    return 0;
}

size_t nqx_trim_tail(const char *set, const char *s, size_t n)
{
    size_t i = 0, k;
    while (set[i]) {
        k = S_seq_len((unsigned char)set[i]);
        if (k <= n && memcmp(set + i, s + n - k, k) == 0)
            return k;
        i += k;
    }
    return 0;
}

nqx_status nqx_fail(nqx_error *err, nqx_status st, const char *file,
                    long line, long offset, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return st;
    nqx_error_clear(err);
    err->status = st;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return st;
}
