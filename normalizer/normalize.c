/* normalize.c: the normalizer's entry point: decode, NFC, then repairs.
 * Each step appends to the change log and the offset map. */
#include "../core/internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *nqx_change_kind_name(nqx_change_kind k)
{
    switch (k) {
    case NQX_CHANGE_MARKUP: return "markup";
    case NQX_CHANGE_JOIN: return "join";
    case NQX_CHANGE_OCR: return "ocr";
    case NQX_CHANGE_SPACE: return "space";
    case NQX_CHANGE_TABLE: return "table";
    }
    return "?";
}

size_t nqx_utf8_valid_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

void nqx_text_free(nqx_text *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < t->nchanges; i++) {
        free(t->changes[i].from);
        free(t->changes[i].to);
    }
    free(t->changes);
    free(t->map);
    free(t->text);
    free(t);
}

size_t nqx_text_input_offset(const nqx_text *t, size_t out_off)
{
    size_t lo = 0, hi;
    if (!t->nmap)
        return out_off;
    hi = t->nmap;
    while (hi - lo > 1) { /* last piece with .out <= out_off */
        size_t mid = (lo + hi) / 2;
        if (t->map[mid].out <= out_off)
            lo = mid;
        else
            hi = mid;
    }
    return t->map[lo].in + (out_off - t->map[lo].out);
}

nqx_status nqx_norm_text(const char *name, const char *bytes, size_t n,
                         const nqx_norm_options *opt, nqx_text **out,
                         nqx_error *err)
{
    nqx_text *t;
    size_t skip = 0, valid;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m;
    (void)opt;

    *out = NULL;
    if (n == 0)
        return nqx_fail(err, NQX_EEMPTY, name, -1, -1, "empty file");
    if (memchr(bytes, '\0', n))
        return nqx_fail(err, NQX_EBINARY, name, -1,
                        (long)((const char *)memchr(bytes, '\0', n) - bytes),
                        "NUL byte: binary file, not text");
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    valid = nqx_utf8_valid_prefix(bytes + skip, n - skip);
    if (valid != n - skip)
        return nqx_fail(err, NQX_EENCODING, name, -1, (long)(skip + valid),
                        "invalid UTF-8");
    m = utf8proc_map((const utf8proc_uint8_t *)bytes + skip,
                     (utf8proc_ssize_t)(n - skip), &nfc,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0)
        return nqx_fail(err, NQX_EENCODING, name, -1, -1, "%s",
                        utf8proc_errmsg(m));
    t = calloc(1, sizeof *t);
    if (!t) {
        free(nfc);
        return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
    }
    t->text = (char *)nfc;
    t->len = (size_t)m;
    snprintf(t->encoding, sizeof t->encoding, "UTF-8");
    t->map = malloc(sizeof *t->map);
    if (!t->map) {
        nqx_text_free(t);
        return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
    }
    t->map[0].out = 0;
    t->map[0].in = skip;
    t->nmap = 1;
    *out = t;
    return NQX_OK;
}

struct nqx_model {
    int unused;
};

nqx_status nqx_model_load(const char *path, nqx_model **out, nqx_error *err)
{
    *out = NULL;
    return nqx_fail(err, NQX_EFORMAT, path, -1, -1,
                    "OCR model support is not built yet");
}

void nqx_model_free(nqx_model *m)
{
    free(m);
}
