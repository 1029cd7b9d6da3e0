/* model.c: the OCR language model file. (Not built yet.) */
#include "norm.h"

#include <stdlib.h>

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
