/* ocr.c: OCR diacritic correction in context. (Not built yet.) */
#include "norm.h"

nqx_status nqx_norm_ocr(const nqx_model *m, const char *text, size_t len,
                        double threshold, nqx_norm_edit **edits,
                        size_t *nedits, nqx_error *err)
{
    (void)m; (void)text; (void)len; (void)threshold; (void)err;
    *edits = NULL;
    *nedits = 0;
    return NQX_OK;
}
