/* offmap.c: piecewise offset maps, from a buffer's offsets to those of the
 * buffer it was made from (nqx_offset_piece: linear inside a piece).
 *
 * Every step of the normalizer (decoding, NFC, layout, OCR) builds one, and
 * normalize.c composes them down to the input bytes. One builder for all
 * of them, so that every map is as compact as unchanged text allows.
 */
#include "norm.h"

#include <stdlib.h>

/* Drops empty pieces and merges collinear ones, so that unchanged text
 * stays one piece. */
int nqx_norm_map_add(nqx_norm_map *m, size_t out, size_t in)
{
    if (!m)
        return 0;
    if (m->n) {
        nqx_offset_piece *l = &m->v[m->n - 1];
        if (l->out == out) {
            l->in = in;
            if (m->n > 1) {
                nqx_offset_piece *p = &m->v[m->n - 2];
                if (in >= p->in && in - p->in == out - p->out)
                    m->n--;
            }
            return 0;
        }
        if (in >= l->in && in - l->in == out - l->out)
            return 0;
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        nqx_offset_piece *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return -1;
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n].out = out;
    m->v[m->n].in = in;
    m->n++;
    return 0;
}

static size_t S_map_find(const nqx_offset_piece *v, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) { /* last piece with .out <= off */
        size_t mid = (lo + hi) / 2;
        if (v[mid].out <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t nqx_norm_map_lookup(const nqx_norm_map *m, size_t off)
{
    size_t k;
    if (!m->n)
        return off;
    k = S_map_find(m->v, m->n, off);
    return m->v[k].in + (off - m->v[k].out);
}

/* h = g after f: f maps A (alen bytes) to B, g maps B to C. */
int nqx_norm_map_compose(const nqx_norm_map *f, size_t alen,
                         const nqx_norm_map *g, nqx_norm_map *h)
{
    size_t i, nf = f->n ? f->n : 1;
    static const nqx_offset_piece ident = {0, 0};
    const nqx_offset_piece *fv = f->n ? f->v : &ident; /* empty = identity */
    h->n = 0;
    for (i = 0; i < nf; i++) {
        size_t a0 = fv[i].out, b0 = fv[i].in, j, lim;
        size_t a1 = i + 1 < nf ? fv[i + 1].out : alen;
        size_t len = a1 > a0 ? a1 - a0 : 0;
        if (!g->n) {
            if (nqx_norm_map_add(h, a0, b0))
                return -1;
            continue;
        }
        /* a piece whose output grew (a longer replacement) covers only
         * its own source: its tail must not pick up the breakpoints of
         * the text after it */
        if (i + 1 < nf && fv[i + 1].in >= b0 && fv[i + 1].in - b0 < len)
            lim = fv[i + 1].in - b0;
        else
            lim = len;
        j = S_map_find(g->v, g->n, b0);
        if (nqx_norm_map_add(h, a0, g->v[j].in + (b0 - g->v[j].out)))
            return -1;
        for (j++; j < g->n && g->v[j].out < b0 + lim; j++)
            if (g->v[j].out > b0 && nqx_norm_map_add(h, a0 + (g->v[j].out - b0), g->v[j].in))
                return -1;
    }
    return 0;
}
