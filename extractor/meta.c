/* meta.c: document splitting and metadata. (First version: one document
 * spanning the text, no fields read yet.) */
#include "ext.h"

#include <stdlib.h>

nqx_status nqx_ext_meta(const nqx_grammar *g, const char *text, size_t len,
                        nqx_meta **metas, size_t *nmetas, nqx_error *err)
{
    (void)g;
    (void)text;
    *metas = calloc(1, sizeof **metas);
    if (!*metas)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    (*metas)[0].start = 0;
    (*metas)[0].end = len;
    *nmetas = 1;
    return NQX_OK;
}
