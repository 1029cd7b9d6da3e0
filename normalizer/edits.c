/* edits.c: the edit lists every step of the normalizer returns (layout,
 * NFC, OCR, labels) and normalize.c applies: one merge and one free for
 * all of them.
 */
#include "norm.h"

#include <stdlib.h>

void nqx_norm_edits_free(nqx_norm_edit *e, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(e[i].repl);
    free(e);
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
