/* normalize.c: the normalizer's entry point: decode, NFC, then repairs.
 * Each step appends to the change log and the offset map. */
#include "norm.h"

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

void nqx_norm_edits_free(nqx_norm_edit *e, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(e[i].repl);
    free(e);
}

nqx_status nqx_norm_text(const char *name, const char *bytes, size_t n,
                         const nqx_norm_options *opt, nqx_text **out,
                         nqx_error *err)
{
    nqx_text *t;
    char *utf8 = NULL, encname[32];
    size_t ulen = 0, nin = 0;
    nqx_offset_piece *in_map = NULL;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m;
    nqx_status st;

    *out = NULL;
    st = nqx_norm_decode(name, bytes, n, opt ? opt->encoding : NULL, &utf8,
                         &ulen, encname, &in_map, &nin, err);
    if (st)
        return st;
    m = utf8proc_map((const utf8proc_uint8_t *)utf8, (utf8proc_ssize_t)ulen,
                     &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(utf8);
    if (m < 0) {
        free(in_map);
        return nqx_fail(err, NQX_EENCODING, name, -1, -1, "%s",
                        utf8proc_errmsg(m));
    }
    t = calloc(1, sizeof *t);
    if (!t) {
        free(nfc);
        free(in_map);
        return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
    }
    t->text = (char *)nfc;
    t->len = (size_t)m;
    snprintf(t->encoding, sizeof t->encoding, "%s", encname);
    t->map = in_map;
    t->nmap = nin;
    *out = t;
    return NQX_OK;
}

