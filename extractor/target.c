/* target.c: targets. (Not built yet.) */
#include "ext.h"

nqx_status nqx_ext_targets(const nqx_grammar *g, const char *text, size_t len,
                           nqx_doc *d, nqx_error *err)
{
    (void)g; (void)text; (void)len; (void)d; (void)err;
    return NQX_OK;
}
