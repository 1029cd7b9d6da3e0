/* edits.c: the edit lists every step of the normalizer returns (layout,
 * NFC, OCR, labels) and normalize.c applies: one append, one merge and
 * one free for all of them.
 */
#include "norm.h"

#include <stdlib.h>
#include <string.h>

void nqx_norm_edits_free(nqx_norm_edit *e, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(e[i].repl);
    free(e);
}

int nqx_norm_edit_push(nqx_norm_edit **v, size_t *n, size_t *cap, size_t start,
                       size_t end, const char *repl, size_t rlen,
                       nqx_change_kind kind, double conf)
{
    nqx_norm_edit *d;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        nqx_norm_edit *p = realloc(*v, c * sizeof *p);
        if (!p)
            return -1;
        *v = p;
        *cap = c;
    }
    d = &(*v)[*n];
    memset(d, 0, sizeof *d); /* fields added later stay 0 */
    if (rlen) { /* a deletion keeps repl NULL: most layout edits are */
        d->repl = malloc(rlen + 1);
        if (!d->repl)
            return -1;
        memcpy(d->repl, repl, rlen);
        d->repl[rlen] = '\0';
    }
    d->start = start;
    d->end = end;
    d->repl_len = rlen;
    d->kind = kind;
    d->confidence = conf;
    (*n)++;
    return 0;
}

int nqx_norm_edits_merge(nqx_norm_edit **edits, size_t *nedits,
                         nqx_norm_edit *add, size_t nadd, int drop)
{
    nqx_norm_edit *e = *edits, *all;
    size_t i = 0, j = 0, k = 0, n = *nedits;
    if (!nadd) {
        free(add);
        return 0;
    }
    if (!(all = malloc((n + nadd) * sizeof *all)))
        return -1;
    while (i < n || j < nadd) {
        if (j < nadd && (i == n || add[j].start <= e[i].start))
            all[k++] = add[j++]; /* add's edit first at equal starts */
        else if (drop && ((j < nadd && e[i].end > add[j].start) ||
                          (k && e[i].start < all[k - 1].end)))
            free(e[i++].repl); /* overlaps an edit of add */
        else
            all[k++] = e[i++];
    }
    free(e);
    free(add);
    *edits = all;
    *nedits = k;
    return 0;
}
