/* deadline.c: deadline phrases -> the spec vocabulary. (Not built yet.) */
#include "ext.h"

int nqx_ext_deadline(const nqx_grammar *g, const char *s, size_t n,
                     char *out, size_t outsz, size_t *ms, size_t *me)
{
    (void)g; (void)s; (void)n; (void)out; (void)outsz; (void)ms; (void)me;
    return 0;
}
