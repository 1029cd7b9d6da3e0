/* pyjson.c: one JSON text parsed as Python's json.loads() parses it.
 *
 * Why not SQLite's JSON functions: the scorer's numbers depend on what
 * Python makes of a line, and SQLite differs where it matters: it keeps
 * the first of two equal keys (Python the last), accepts JSON5 (comments,
 * trailing commas, hex) that Python refuses, and does not tell an int
 * from a float (Python prints 15 and 15.0 apart in WRONG lines and
 * compares true == 1). A tree with Python's types is also what the ==,
 * repr() and set comparisons of the scorer need. So this mirrors the C
 * scanner of CPython's _json module (3.11), messages included.
 */
#include "eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_DEPTH 900 /* CPython raises RecursionError near 1000 */

typedef struct {
    const char *s;
    size_t n;
    const char *msg; /* first error */
    size_t at;       /* its byte offset */
    int oom;
    int depth;
} S_parser;

static nqx_ej *S_value(S_parser *p, size_t *idx);

static void S_err(S_parser *p, const char *msg, size_t at)
{
    if (!p->msg) {
        p->msg = msg;
        p->at = at;
    }
}

static nqx_ej *S_new(S_parser *p, nqx_ej_type t)
{
    nqx_ej *v = calloc(1, sizeof *v);
    if (!v) {
        p->oom = 1;
        S_err(p, "out of memory", 0);
        return NULL;
    }
    v->type = t;
    return v;
}

void nqx_ej_free(nqx_ej *v)
{
    size_t i;
    if (!v)
        return;
    for (i = 0; i < v->n; i++) {
        nqx_ej_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->keylens);
    free(v->str);
    free(v);
}

const nqx_ej *nqx_ej_get(const nqx_ej *v, const char *key)
{
    size_t i, kl = strlen(key);
    if (!v || v->type != NQX_EJ_OBJ)
        return NULL;
    for (i = 0; i < v->n; i++)
        if (v->keylens[i] == kl && memcmp(v->keys[i], key, kl) == 0)
            return v->items[i];
    return NULL;
}

/* json's WHITESPACE: only these four, not Unicode spaces. */
static size_t S_ws(const S_parser *p, size_t i)
{
    while (i < p->n && (p->s[i] == ' ' || p->s[i] == '\t' ||
                        p->s[i] == '\n' || p->s[i] == '\r'))
        i++;
    return i;
}

static int S_hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int S_hex4(const S_parser *p, size_t at, int32_t *out)
{
    int32_t c = 0;
    size_t k;
    for (k = 0; k < 4; k++) {
        int h = S_hex((unsigned char)p->s[at + k]);
        if (h < 0)
            return -1;
        c = (c << 4) | h;
    }
    *out = c;
    return 0;
}

/* scanstring_unicode: *idx is just past the opening quote. */
static nqx_ej *S_string(S_parser *p, size_t *idx)
{
    size_t begin = *idx - 1, i = *idx;
    nqx_buf b = {0};
    nqx_ej *v;
    for (;;) {
        size_t run = i;
        unsigned char c = 0;
        while (i < p->n) {
            c = (unsigned char)p->s[i];
            if (c == '"' || c == '\\')
                break;
            if (c <= 0x1f) {
                S_err(p, "Invalid control character at", i);
                goto fail;
            }
            i++;
        }
        if (i >= p->n) {
            S_err(p, "Unterminated string starting at", begin);
            goto fail;
        }
        if (nqx_buf_append(&b, p->s + run, i - run))
            goto oom;
        i++;
        if (c == '"')
            break;
        if (i == p->n) {
            S_err(p, "Unterminated string starting at", begin);
            goto fail;
        }
        c = (unsigned char)p->s[i];
        if (c != 'u') {
            char e = 0;
            switch (c) {
            case '"': e = '"'; break;
            case '\\': e = '\\'; break;
            case '/': e = '/'; break;
            case 'b': e = '\b'; break;
            case 'f': e = '\f'; break;
            case 'n': e = '\n'; break;
            case 'r': e = '\r'; break;
            case 't': e = '\t'; break;
            }
            if (!e) {
                S_err(p, "Invalid \\escape", i - 1);
                goto fail;
            }
            if (nqx_buf_append(&b, &e, 1))
                goto oom;
            i++;
        } else {
            int32_t cp, c2;
            size_t end;
            i++;
            end = i + 4;
            if (end >= p->n) {
                S_err(p, "Invalid \\uXXXX escape", i - 1);
                goto fail;
            }
            if (S_hex4(p, i, &cp)) {
                S_err(p, "Invalid \\uXXXX escape", end - 5);
                goto fail;
            }
            i = end;
            if (cp >= 0xD800 && cp <= 0xDBFF && end + 6 < p->n &&
                p->s[i] == '\\' && p->s[i + 1] == 'u') {
                if (S_hex4(p, i + 2, &c2)) {
                    S_err(p, "Invalid \\uXXXX escape", i + 1);
                    goto fail;
                }
                if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (c2 - 0xDC00);
                    i += 6;
                }
            }
            /* Python keeps a lone surrogate; UTF-8 cannot hold one, so it
             * becomes U+FFFD (only a malformed file has one). */
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            if (nqx_cps_to_utf8(&b, &cp, 1))
                goto oom;
        }
    }
    v = S_new(p, NQX_EJ_STR);
    if (!v)
        goto fail;
    v->len = b.len;
    v->str = nqx_buf_steal(&b); /* "" too owns its NUL */
    if (!v->str) {
        free(v);
        goto oom;
    }
    *idx = i;
    return v;
oom:
    p->oom = 1;
    S_err(p, "out of memory", i);
fail:
    nqx_buf_free(&b);
    return NULL;
}

static int S_digit(const S_parser *p, size_t i)
{
    return i < p->n && p->s[i] >= '0' && p->s[i] <= '9';
}

/* _match_number_unicode, with its backtracking on a bare 'e'. */
static nqx_ej *S_number(S_parser *p, size_t *idx)
{
    size_t start = *idx, i = *idx;
    int is_float = 0;
    nqx_ej *v;
    if (i < p->n && p->s[i] == '-') {
        i++;
        if (i >= p->n) {
            S_err(p, "Expecting value", start);
            return NULL;
        }
    }
    if (p->s[i] >= '1' && p->s[i] <= '9') {
        i++;
        while (S_digit(p, i))
            i++;
    } else if (p->s[i] == '0')
        i++;
    else {
        S_err(p, "Expecting value", start);
        return NULL;
    }
    if (i + 1 < p->n && p->s[i] == '.' && S_digit(p, i + 1)) {
        is_float = 1;
        i += 2;
        while (S_digit(p, i))
            i++;
    }
    if (i + 1 < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        size_t e_start = i++;
        if (i + 1 < p->n && (p->s[i] == '-' || p->s[i] == '+'))
            i++;
        while (S_digit(p, i))
            i++;
        if (p->s[i - 1] >= '0' && p->s[i - 1] <= '9')
            is_float = 1;
        else
            i = e_start;
    }
    v = S_new(p, is_float ? NQX_EJ_FLOAT : NQX_EJ_INT);
    if (!v)
        return NULL;
    v->str = nqx_strndup(p->s + start, i - start);
    if (!v->str) {
        free(v);
        p->oom = 1;
        S_err(p, "out of memory", start);
        return NULL;
    }
    v->len = i - start;
    /* JSON's number grammar is a subset of strtod's (C locale) */
    v->num = strtod(v->str, NULL);
    *idx = i;
    return v;
}

static int S_lit(const S_parser *p, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= p->n && memcmp(p->s + i, w, l) == 0;
}

static int S_push(S_parser *p, nqx_ej *arr, nqx_ej *item, char *key,
                  size_t keylen)
{
    size_t i;
    if (arr->type == NQX_EJ_OBJ)
        for (i = 0; i < arr->n; i++)
            if (arr->keylens[i] == keylen &&
                memcmp(arr->keys[i], key, keylen) == 0) {
                /* dict(pairs): first place, last value */
                nqx_ej_free(arr->items[i]);
                arr->items[i] = item;
                free(key);
                return 0;
            }
    if ((arr->n & (arr->n - 1)) == 0) { /* grow at powers of two */
        size_t cap = arr->n ? arr->n * 2 : 4;
        nqx_ej **ni = realloc(arr->items, cap * sizeof *ni);
        if (!ni)
            goto oom;
        arr->items = ni;
        if (arr->type == NQX_EJ_OBJ) {
            char **nk = realloc(arr->keys, cap * sizeof *nk);
            size_t *nl;
            if (!nk)
                goto oom;
            arr->keys = nk;
            nl = realloc(arr->keylens, cap * sizeof *nl);
            if (!nl)
                goto oom;
            arr->keylens = nl;
        }
    }
    arr->items[arr->n] = item;
    if (arr->type == NQX_EJ_OBJ) {
        arr->keys[arr->n] = key;
        arr->keylens[arr->n] = keylen;
    }
    arr->n++;
    return 0;
oom:
    nqx_ej_free(item);
    free(key);
    p->oom = 1;
    S_err(p, "out of memory", 0);
    return -1;
}

static nqx_ej *S_object(S_parser *p, size_t *idx)
{
    size_t i = S_ws(p, *idx);
    nqx_ej *o = S_new(p, NQX_EJ_OBJ);
    if (!o)
        return NULL;
    if (i < p->n && p->s[i] == '}') {
        *idx = i + 1;
        return o;
    }
    for (;;) {
        nqx_ej *k, *v;
        char *key;
        size_t keylen;
        if (i >= p->n || p->s[i] != '"') {
            S_err(p, "Expecting property name enclosed in double quotes", i);
            goto fail;
        }
        i++;
        k = S_string(p, &i);
        if (!k)
            goto fail;
        key = k->str;
        keylen = k->len;
        k->str = NULL;
        nqx_ej_free(k);
        i = S_ws(p, i);
        if (i >= p->n || p->s[i] != ':') {
            free(key);
            S_err(p, "Expecting ':' delimiter", i);
            goto fail;
        }
        i = S_ws(p, i + 1);
        v = S_value(p, &i);
        if (!v) {
            free(key);
            goto fail;
        }
        if (S_push(p, o, v, key, keylen))
            goto fail;
        i = S_ws(p, i);
        if (i < p->n && p->s[i] == '}')
            break;
        if (i >= p->n || p->s[i] != ',') {
            S_err(p, "Expecting ',' delimiter", i);
            goto fail;
        }
        i = S_ws(p, i + 1);
    }
    *idx = i + 1;
    return o;
fail:
    nqx_ej_free(o);
    return NULL;
}

static nqx_ej *S_array(S_parser *p, size_t *idx)
{
    size_t i = S_ws(p, *idx);
    nqx_ej *a = S_new(p, NQX_EJ_ARR);
    if (!a)
        return NULL;
    if (i < p->n && p->s[i] == ']') {
        *idx = i + 1;
        return a;
    }
    for (;;) {
        nqx_ej *v = S_value(p, &i);
        if (!v || S_push(p, a, v, NULL, 0))
            goto fail;
        i = S_ws(p, i);
        if (i < p->n && p->s[i] == ']')
            break;
        if (i >= p->n || p->s[i] != ',') {
            S_err(p, "Expecting ',' delimiter", i);
            goto fail;
        }
        i = S_ws(p, i + 1);
    }
    *idx = i + 1;
    return a;
fail:
    nqx_ej_free(a);
    return NULL;
}

/* scan_once_unicode */
static nqx_ej *S_value(S_parser *p, size_t *idx)
{
    size_t i = *idx;
    nqx_ej *v = NULL;
    if (i >= p->n) {
        S_err(p, "Expecting value", i);
        return NULL;
    }
    if (++p->depth > S_MAX_DEPTH) {
        S_err(p, "maximum recursion depth exceeded", i);
        return NULL;
    }
    switch (p->s[i]) {
    case '"':
        *idx = i + 1;
        v = S_string(p, idx);
        break;
    case '{':
        *idx = i + 1;
        v = S_object(p, idx);
        break;
    case '[':
        *idx = i + 1;
        v = S_array(p, idx);
        break;
    case 'n':
        if (S_lit(p, i, "null") && (v = S_new(p, NQX_EJ_NULL)))
            *idx = i + 4;
        break;
    case 't':
        if (S_lit(p, i, "true") && (v = S_new(p, NQX_EJ_TRUE))) {
            v->num = 1;
            *idx = i + 4;
        }
        break;
    case 'f':
        if (S_lit(p, i, "false") && (v = S_new(p, NQX_EJ_FALSE)))
            *idx = i + 5;
        break;
    case 'N':
        if (S_lit(p, i, "NaN") && (v = S_new(p, NQX_EJ_FLOAT))) {
            v->num = NAN;
            *idx = i + 3;
        }
        break;
    case 'I':
        if (S_lit(p, i, "Infinity") && (v = S_new(p, NQX_EJ_FLOAT))) {
            v->num = INFINITY;
            *idx = i + 8;
        }
        break;
    case '-':
        if (S_lit(p, i, "-Infinity") && (v = S_new(p, NQX_EJ_FLOAT))) {
            v->num = -INFINITY;
            *idx = i + 9;
        }
        break;
    }
    if (!v && !p->msg) {
        switch (p->s[i]) {
        case '"': case '{': case '[':
            break;
        default:
            v = S_number(p, idx);
        }
    }
    p->depth--;
    return v;
}

nqx_ej *nqx_ej_parse(const char *s, size_t n, char *why, size_t whysz,
                     int *oom)
{
    S_parser p;
    size_t i, chars = 0, k;
    nqx_ej *v;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.n = n;
    *oom = 0;
    if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
        S_err(&p, "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
        v = NULL;
    } else {
        i = S_ws(&p, 0);
        v = S_value(&p, &i);
    }
    if (v) {
        i = S_ws(&p, i);
        if (i != n) {
            S_err(&p, "Extra data", i);
            nqx_ej_free(v);
            v = NULL;
        }
    }
    if (v)
        return v;
    *oom = p.oom;
    /* Python counts characters, not bytes; lines and columns as it does */
    {
        long line = 1, col;
        size_t last_nl = (size_t)-1, last_nl_chars = 0;
        for (k = 0; k < p.at && k < n; k++) {
            if (((unsigned char)s[k] & 0xC0) != 0x80)
                chars++;
            if (s[k] == '\n') {
                line++;
                last_nl = k;
                last_nl_chars = chars;
            }
        }
        col = last_nl == (size_t)-1 ? (long)chars + 1
                                    : (long)(chars - last_nl_chars) + 1;
        snprintf(why, whysz, "%s: line %ld column %ld (char %zu)", p.msg,
                 line, col, chars);
    }
    return NULL;
}
