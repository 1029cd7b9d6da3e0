/* outline.c: headings, items, bullets, tables. (Not built yet.) */
#include "ext.h"

nqx_status nqx_ext_outline(const nqx_grammar *g, const char *text, size_t len,
                           const nqx_meta *metas, size_t nmetas,
                           nqx_node **nodes, size_t *nnodes, nqx_error *err)
{
    (void)g; (void)text; (void)len; (void)metas; (void)nmetas; (void)err;
    *nodes = NULL;
    *nnodes = 0;
    return NQX_OK;
}
