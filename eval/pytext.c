/* pytext.c: the Python string semantics the reference scorers rely on.
 *
 * score.py and ocr_score.py are short, but their numbers rest on Python's
 * rules for \w and \s, str.lower() (final sigma, U+0130), str.isupper(),
 * unicodedata.combining(), ==, float() and repr(). utf8proc gives the
 * Unicode data; the few properties it lacks (Other_Lowercase,
 * Other_Uppercase, the case-ignorable punctuation) are listed below from
 * Unicode's PropList.txt / DerivedCoreProperties.txt. Where utf8proc's
 * Unicode version is older than Python's, characters added since differ;
 * no Vietnamese text has them.
 */
#include "eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- code point arrays ------------------------------------------------ */

int nqx_cps_push(nqx_cps *a, int32_t c)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        int32_t *nv = realloc(a->v, cap * sizeof *nv);
        if (!nv)
            return -1;
        a->v = nv;
        a->cap = cap;
    }
    a->v[a->n++] = c;
    return 0;
}

int nqx_cps_from_utf8(nqx_cps *a, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0 || nqx_cps_push(a, c))
            return -1;
        i += (size_t)k;
    }
    return 0;
}

int nqx_cps_to_utf8(nqx_buf *b, const int32_t *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        utf8proc_uint8_t tmp[4];
        utf8proc_ssize_t k = utf8proc_encode_char(v[i], tmp);
        if (nqx_buf_append(b, (const char *)tmp, (size_t)k))
            return -1;
    }
    /* NUL-terminated even when nothing was appended to a reused buffer */
    return nqx_buf_append(b, "", 0);
}

/* utf8proc_decompose measures when given no room; then fill. */
static int S_decompose(nqx_cps *out, const char *s, size_t n, int compose)
{
    utf8proc_option_t opt = compose ? UTF8PROC_COMPOSE : UTF8PROC_DECOMPOSE;
    utf8proc_ssize_t m;
    out->n = 0;
    m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                           NULL, 0, opt);
    if (m < 0)
        return -1;
    if ((size_t)m + 1 > out->cap) {
        int32_t *nv = realloc(out->v, ((size_t)m + 1) * sizeof *nv);
        if (!nv)
            return -1;
        out->v = nv;
        out->cap = (size_t)m + 1;
    }
    m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                           out->v, m, opt);
    if (m < 0)
        return -1;
    if (compose) {
        m = utf8proc_normalize_utf32(out->v, m, opt);
        if (m < 0)
            return -1;
    }
    out->n = (size_t)m;
    return 0;
}

int nqx_cps_nfd(nqx_cps *out, const char *s, size_t n)
{
    return S_decompose(out, s, n, 0);
}

int nqx_cps_nfc(nqx_cps *out, const char *s, size_t n)
{
    return S_decompose(out, s, n, 1);
}

/* ---- character classes ------------------------------------------------ */

typedef struct {
    int32_t lo, hi;
} S_range;

static int S_in(const S_range *r, size_t n, int32_t c)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (c >= r[i].lo && c <= r[i].hi)
            return 1;
    return 0;
}

#define S_N(a) (sizeof a / sizeof a[0])

/* Py_UNICODE_ISSPACE (bidi WS/B/S or Zs), which is also re's \s. */
static const S_range S_space[] = {
    {0x09, 0x0D}, {0x1C, 0x20}, {0x85, 0x85}, {0xA0, 0xA0},
    {0x1680, 0x1680}, {0x2000, 0x200A}, {0x2028, 0x2029},
    {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};

/* Other_Lowercase: lower case in Python though not category Ll. */
static const S_range S_other_lower[] = {
    {0xAA, 0xAA}, {0xBA, 0xBA}, {0x2B0, 0x2B8}, {0x2C0, 0x2C1},
    {0x2E0, 0x2E4}, {0x345, 0x345}, {0x37A, 0x37A}, {0x1D2C, 0x1D6A},
    {0x1D78, 0x1D78}, {0x1D9B, 0x1DBF}, {0x2071, 0x2071},
    {0x207F, 0x207F}, {0x2090, 0x209C}, {0x2170, 0x217F},
    {0x24D0, 0x24E9}, {0x2C7C, 0x2C7D}, {0xA69C, 0xA69D},
    {0xA770, 0xA770}, {0xA7F8, 0xA7F9}, {0xAB5C, 0xAB5F},
    {0x10780, 0x10780}, {0x10783, 0x10785}, {0x10787, 0x107B0},
    {0x107B2, 0x107BA}};

/* Other_Uppercase: Roman numerals, circled and squared letters. */
static const S_range S_other_upper[] = {
    {0x2160, 0x216F}, {0x24B6, 0x24CF}, {0x1F130, 0x1F149},
    {0x1F150, 0x1F169}, {0x1F170, 0x1F189}};

/* Case_Ignorable beyond Mn, Me, Cf, Lm, Sk: Word_Break MidLetter,
 * MidNumLet and Single_Quote. */
static const S_range S_ignorable[] = {
    {0x27, 0x27}, {0x2E, 0x2E}, {0x3A, 0x3A}, {0xB7, 0xB7},
    {0x387, 0x387}, {0x55F, 0x55F}, {0x5F4, 0x5F4}, {0x2018, 0x2019},
    {0x2024, 0x2024}, {0x2027, 0x2027}, {0xFE13, 0xFE13},
    {0xFE52, 0xFE52}, {0xFE55, 0xFE55}, {0xFF07, 0xFF07},
    {0xFF0E, 0xFF0E}, {0xFF1A, 0xFF1A}};

int nqx_py_isspace(int32_t c)
{
    return S_in(S_space, S_N(S_space), c);
}

int nqx_py_isword(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return c == '_' || (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

int nqx_py_combining(int32_t c)
{
    return utf8proc_get_property(c)->combining_class != 0;
}

static int S_islower(int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL ||
           S_in(S_other_lower, S_N(S_other_lower), c);
}

static int S_isupper(int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LU ||
           S_in(S_other_upper, S_N(S_other_upper), c);
}

static int S_istitle(int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

static int S_cased(int32_t c)
{
    return S_islower(c) || S_isupper(c) || S_istitle(c);
}

static int S_case_ignorable(int32_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_SK:
        return 1;
    default:
        return S_in(S_ignorable, S_N(S_ignorable), c);
    }
}

/* CPython's handle_capital_sigma: Σ is final after a cased letter (case-
 * ignorable ones skipped) when no cased letter follows. */
static int S_final_sigma(const int32_t *v, size_t n, size_t i)
{
    size_t j = i;
    int32_t c = 0;
    int final;
    while (j > 0) {
        c = v[--j];
        if (!S_case_ignorable(c))
            break;
        c = 0;
    }
    final = c != 0 && S_cased(c);
    if (final && i + 1 < n) {
        for (j = i + 1; j < n; j++) {
            c = v[j];
            if (!S_case_ignorable(c))
                break;
        }
        final = j == n || !S_cased(c);
    }
    return final;
}

int nqx_py_lower(nqx_cps *out, const int32_t *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int32_t c = v[i];
        if (c == 0x130) { /* the one unconditional full mapping */
            if (nqx_cps_push(out, 'i') || nqx_cps_push(out, 0x307))
                return -1;
            continue;
        }
        if (c == 0x3A3)
            c = S_final_sigma(v, n, i) ? 0x3C2 : 0x3C3;
        else
            c = utf8proc_tolower(c);
        if (nqx_cps_push(out, c))
            return -1;
    }
    return 0;
}

int nqx_py_isupper(const int32_t *v, size_t n)
{
    size_t i;
    int cased = 0;
    for (i = 0; i < n; i++) {
        if (S_islower(v[i]) || S_istitle(v[i]))
            return 0;
        if (!cased && S_isupper(v[i]))
            cased = 1;
    }
    return cased;
}

/* ---- score.py's fold() ----------------------------------------------- */

/* MARKUP = <[^>]{1,20}>|[*#_`\\|]: a tag of 1-20 characters (newlines
 * included) closed by '>', or one markup character; each becomes ' '. */
static int S_unmarkup(nqx_cps *out, const int32_t *v, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t c = v[i];
        if (c == '<') {
            size_t j = i + 1, m = 0;
            while (j < n && v[j] != '>' && m <= 20) {
                j++;
                m++;
            }
            if (m >= 1 && m <= 20 && j < n && v[j] == '>') {
                if (nqx_cps_push(out, ' '))
                    return -1;
                i = j + 1;
                continue;
            }
        } else if (c == '*' || c == '#' || c == '_' || c == '`' ||
                   c == '\\' || c == '|')
            c = ' ';
        if (nqx_cps_push(out, c))
            return -1;
        i++;
    }
    return 0;
}

/* Why not core's nqx_fold: it agrees on Vietnamese text, but the scorer
 * folds with Python's rules, and they differ elsewhere: \s collapses
 * Unicode spaces (NBSP is common in crawled text) where nqx_fold collapses
 * ASCII ones only; lower() is not case folding (ß stays); combining() is
 * the combining class, not the Mn/Mc/Me categories utf8proc strips; Ð
 * (eth) is not đ; and markup goes first. */
char *nqx_py_fold(const char *s, size_t n, size_t *outlen)
{
    nqx_cps a = {0}, b = {0};
    nqx_buf u = {0};
    size_t i, j;
    char *res = NULL;
    int space;

    if (nqx_cps_from_utf8(&a, s, n) || S_unmarkup(&b, a.v, a.n) ||
        nqx_cps_to_utf8(&u, b.v, b.n) || nqx_cps_nfd(&a, u.data, u.len))
        goto done;
    for (i = j = 0; i < a.n; i++) { /* marks out, đ -> d */
        int32_t c = a.v[i];
        if (nqx_py_combining(c))
            continue;
        if (c == 0x111)
            c = 'd';
        else if (c == 0x110)
            c = 'D';
        a.v[j++] = c;
    }
    a.n = j;
    b.n = 0;
    if (nqx_py_lower(&b, a.v, a.n))
        goto done;
    /* \s+ -> ' ', then strip() */
    space = 1;
    for (i = j = 0; i < b.n; i++) {
        if (nqx_py_isspace(b.v[i])) {
            if (!space)
                b.v[j++] = ' ';
            space = 1;
            continue;
        }
        b.v[j++] = b.v[i];
        space = 0;
    }
    if (j && b.v[j - 1] == ' ')
        j--;
    u.len = 0;
    if (nqx_cps_to_utf8(&u, b.v, j))
        goto done;
    *outlen = u.len;
    res = nqx_buf_steal(&u);
done:
    free(a.v);
    free(b.v);
    nqx_buf_free(&u);
    return res;
}

/* ---- Python values ---------------------------------------------------- */

static int S_intlike(const nqx_ej *v)
{
    return v->type == NQX_EJ_INT || v->type == NQX_EJ_TRUE ||
           v->type == NQX_EJ_FALSE;
}

/* The integer's decimal digits, "-0" read as "0". */
static const char *S_intstr(const nqx_ej *v)
{
    if (v->type == NQX_EJ_TRUE)
        return "1";
    if (v->type == NQX_EJ_FALSE)
        return "0";
    if (strcmp(v->str, "-0") == 0)
        return "0";
    return v->str;
}

/* Python compares int with float exactly, not through a rounded double. */
static int S_num_eq(const nqx_ej *a, const nqx_ej *b)
{
    const nqx_ej *i, *f;
    char tmp[400];
    if (S_intlike(a) && S_intlike(b))
        return strcmp(S_intstr(a), S_intstr(b)) == 0;
    if (!S_intlike(a) && !S_intlike(b))
        return a->num == b->num;
    i = S_intlike(a) ? a : b;
    f = S_intlike(a) ? b : a;
    if (!isfinite(f->num) || f->num != floor(f->num))
        return 0;
    snprintf(tmp, sizeof tmp, "%.0f", f->num); /* glibc prints exactly */
    if (strcmp(tmp, "-0") == 0)
        strcpy(tmp, "0");
    return strcmp(tmp, S_intstr(i)) == 0;
}

static int S_isnum(const nqx_ej *v)
{
    return S_intlike(v) || v->type == NQX_EJ_FLOAT;
}

int nqx_py_eq(const nqx_ej *a, const nqx_ej *b)
{
    size_t i;
    int anull = !a || a->type == NQX_EJ_NULL;
    int bnull = !b || b->type == NQX_EJ_NULL;
    if (anull || bnull)
        return anull && bnull;
    if (S_isnum(a) && S_isnum(b))
        return S_num_eq(a, b);
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case NQX_EJ_STR:
        return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
    case NQX_EJ_ARR:
        if (a->n != b->n)
            return 0;
        for (i = 0; i < a->n; i++)
            if (!nqx_py_eq(a->items[i], b->items[i]))
                return 0;
        return 1;
    case NQX_EJ_OBJ:
        if (a->n != b->n)
            return 0;
        for (i = 0; i < a->n; i++) {
            const nqx_ej *o = nqx_ej_get(b, a->keys[i]);
            if (!o || !nqx_py_eq(a->items[i], o))
                return 0;
        }
        return 1;
    default:
        return 0;
    }
}

int nqx_py_truthy(const nqx_ej *v)
{
    if (!v)
        return 0;
    switch (v->type) {
    case NQX_EJ_NULL:
    case NQX_EJ_FALSE:
        return 0;
    case NQX_EJ_TRUE:
        return 1;
    case NQX_EJ_INT:
    case NQX_EJ_FLOAT:
        return v->num != 0; /* NaN is true, as in Python */
    case NQX_EJ_STR:
        return v->len > 0;
    default:
        return v->n > 0;
    }
}

/* The value of a decimal digit (category Nd): Unicode puts every 0-9 run
 * on consecutive code points, so count back to its zero. */
static int S_digit_value(int32_t c)
{
    int32_t z = c;
    int k = 0;
    while (k < 10 && utf8proc_category(z - 1) == UTF8PROC_CATEGORY_ND) {
        z--;
        k++;
    }
    /* runs may touch (mathematical digits): position modulo 10 */
    return (int)((c - z) % 10);
}

static int S_ci_eq(const char *s, size_t n, const char *w)
{
    size_t i;
    if (strlen(w) != n)
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* float(str): Unicode spaces stripped, Unicode digits read, '_' only
 * between digits, inf/infinity/nan in any case, no hex (strtod's). */
static int S_float_str(const char *s, size_t n, double *out)
{
    nqx_cps a = {0};
    nqx_buf t = {0};
    size_t i, lo, hi, p;
    int ok = 0;
    char prev = 0;
    if (nqx_cps_from_utf8(&a, s, n))
        goto done;
    for (lo = 0; lo < a.n && nqx_py_isspace(a.v[lo]); lo++)
        ;
    for (hi = a.n; hi > lo && nqx_py_isspace(a.v[hi - 1]); hi--)
        ;
    for (i = lo; i < hi; i++) {
        int32_t c = a.v[i];
        char ch;
        if (c >= 0x80 && utf8proc_category(c) == UTF8PROC_CATEGORY_ND)
            ch = (char)('0' + S_digit_value(c));
        else if (c >= 0x80 || c == 0)
            goto done;
        else
            ch = (char)c;
        if (ch == '_') {
            if (!(prev >= '0' && prev <= '9'))
                goto done;
        } else {
            if (prev == '_' && !(ch >= '0' && ch <= '9'))
                goto done;
            if (nqx_buf_append(&t, &ch, 1))
                goto done;
        }
        prev = ch;
    }
    if (prev == '_' || !t.len)
        goto done;
    /* [+-]? (digits [. digits?] | . digits) ([eE][+-]?digits)? | words */
    p = 0;
    if (t.data[p] == '+' || t.data[p] == '-')
        p++;
    if (S_ci_eq(t.data + p, t.len - p, "inf") ||
        S_ci_eq(t.data + p, t.len - p, "infinity"))
        *out = t.data[0] == '-' ? -INFINITY : INFINITY;
    else if (S_ci_eq(t.data + p, t.len - p, "nan"))
        *out = NAN;
    else {
        size_t digits = 0;
        while (p < t.len && t.data[p] >= '0' && t.data[p] <= '9')
            p++, digits++;
        if (p < t.len && t.data[p] == '.') {
            p++;
            while (p < t.len && t.data[p] >= '0' && t.data[p] <= '9')
                p++, digits++;
        }
        if (!digits)
            goto done;
        if (p < t.len && (t.data[p] == 'e' || t.data[p] == 'E')) {
            size_t e = 0;
            p++;
            if (p < t.len && (t.data[p] == '+' || t.data[p] == '-'))
                p++;
            while (p < t.len && t.data[p] >= '0' && t.data[p] <= '9')
                p++, e++;
            if (!e)
                goto done;
        }
        if (p != t.len)
            goto done;
        *out = strtod(t.data, NULL);
    }
    ok = 1;
done:
    free(a.v);
    nqx_buf_free(&t);
    return ok;
}

int nqx_py_float(const nqx_ej *v, double *out)
{
    if (!v)
        return 0;
    switch (v->type) {
    case NQX_EJ_TRUE:
    case NQX_EJ_FALSE:
    case NQX_EJ_INT:
    case NQX_EJ_FLOAT:
        *out = v->num;
        return 1;
    case NQX_EJ_STR:
        return S_float_str(v->str, v->len, out);
    default:
        return 0;
    }
}

void nqx_py_float_repr(double x, char out[40])
{
    char buf[40], digits[24];
    int prec, exp10, decpt, nd = 0, k;
    const char *p;
    size_t o = 0;
    if (isnan(x)) {
        strcpy(out, "nan");
        return;
    }
    if (isinf(x)) {
        strcpy(out, x > 0 ? "inf" : "-inf");
        return;
    }
    if (x == 0) {
        strcpy(out, signbit(x) ? "-0.0" : "0.0");
        return;
    }
    /* the shortest digits that read back as x (float_repr_style 'short') */
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    p = buf;
    if (*p == '-')
        out[o++] = *p++;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    exp10 = atoi(p + 1);
    decpt = exp10 + 1;
    if (decpt <= -4 || decpt > 16) {
        out[o++] = digits[0];
        if (nd > 1) {
            out[o++] = '.';
            for (k = 1; k < nd; k++)
                out[o++] = digits[k];
        }
        snprintf(out + o, 40 - o, "e%c%02d", exp10 < 0 ? '-' : '+',
                 exp10 < 0 ? -exp10 : exp10);
        return;
    }
    if (decpt <= 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (k = 0; k < -decpt; k++)
            out[o++] = '0';
        for (k = 0; k < nd; k++)
            out[o++] = digits[k];
    } else {
        for (k = 0; k < decpt; k++)
            out[o++] = k < nd ? digits[k] : '0';
        out[o++] = '.';
        if (decpt >= nd)
            out[o++] = '0';
        for (k = decpt; k < nd; k++)
            out[o++] = digits[k];
    }
    out[o] = '\0';
}

/* unicode_repr: quotes chosen as Python chooses them; non-printable
 * characters (categories C*, Z* but the space) escaped. */
int nqx_py_repr_str(nqx_buf *b, const char *s, size_t n)
{
    nqx_cps a = {0};
    size_t i;
    int32_t quote = '\'';
    int rc = -1;
    if (nqx_cps_from_utf8(&a, s, n))
        goto done;
    if (memchr(s, '\'', n) && !memchr(s, '"', n))
        quote = '"';
    if (nqx_cps_to_utf8(b, &quote, 1))
        goto done;
    for (i = 0; i < a.n; i++) {
        int32_t c = a.v[i];
        int e = 0;
        if (c == quote || c == '\\')
            e = nqx_buf_printf(b, "\\%c", (char)c);
        else if (c == '\t')
            e = nqx_buf_puts(b, "\\t");
        else if (c == '\n')
            e = nqx_buf_puts(b, "\\n");
        else if (c == '\r')
            e = nqx_buf_puts(b, "\\r");
        else if (c < ' ' || c == 0x7F)
            e = nqx_buf_printf(b, "\\x%02x", (unsigned)c);
        else if (c < 0x7F)
            e = nqx_cps_to_utf8(b, &c, 1);
        else {
            utf8proc_category_t k = utf8proc_category(c);
            int printable = !(k == UTF8PROC_CATEGORY_CN ||
                              k >= UTF8PROC_CATEGORY_ZS);
            if (printable)
                e = nqx_cps_to_utf8(b, &c, 1);
            else if (c <= 0xFF)
                e = nqx_buf_printf(b, "\\x%02x", (unsigned)c);
            else if (c <= 0xFFFF)
                e = nqx_buf_printf(b, "\\u%04x", (unsigned)c);
            else
                e = nqx_buf_printf(b, "\\U%08x", (unsigned)c);
        }
        if (e)
            goto done;
    }
    rc = nqx_cps_to_utf8(b, &quote, 1);
done:
    free(a.v);
    return rc;
}

int nqx_py_repr(nqx_buf *b, const nqx_ej *v)
{
    size_t i;
    char tmp[40];
    if (!v)
        return nqx_buf_puts(b, "None");
    switch (v->type) {
    case NQX_EJ_NULL:
        return nqx_buf_puts(b, "None");
    case NQX_EJ_TRUE:
        return nqx_buf_puts(b, "True");
    case NQX_EJ_FALSE:
        return nqx_buf_puts(b, "False");
    case NQX_EJ_INT:
        return nqx_buf_puts(b, S_intstr(v));
    case NQX_EJ_FLOAT:
        nqx_py_float_repr(v->num, tmp);
        return nqx_buf_puts(b, tmp);
    case NQX_EJ_STR:
        return nqx_py_repr_str(b, v->str, v->len);
    case NQX_EJ_ARR:
        if (nqx_buf_puts(b, "["))
            return -1;
        for (i = 0; i < v->n; i++)
            if ((i && nqx_buf_puts(b, ", ")) || nqx_py_repr(b, v->items[i]))
                return -1;
        return nqx_buf_puts(b, "]");
    case NQX_EJ_OBJ:
        if (nqx_buf_puts(b, "{"))
            return -1;
        for (i = 0; i < v->n; i++)
            if ((i && nqx_buf_puts(b, ", ")) ||
                nqx_py_repr_str(b, v->keys[i], v->keylens[i]) ||
                nqx_buf_puts(b, ": ") || nqx_py_repr(b, v->items[i]))
                return -1;
        return nqx_buf_puts(b, "}");
    }
    return -1;
}

int nqx_py_str(nqx_buf *b, const nqx_ej *v)
{
    if (v && v->type == NQX_EJ_STR)
        return nqx_buf_append(b, v->str, v->len);
    return nqx_py_repr(b, v);
}
