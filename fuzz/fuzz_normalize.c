/* fuzz_normalize.c: libFuzzer target: any bytes through the normalizer
 * (decoding, NFC, layout, and OCR when NQX_MODEL names a model). */
#include <stdint.h>
#include <stdlib.h>

#include "nqx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nqx_text *t = NULL;
    nqx_error err;
    nqx_norm_options opt = {0};
    if (nqx_norm_text("fuzz", (const char *)data, size, &opt, &t, &err) == NQX_OK) {
        size_t i;
        /* the offset map must stay inside the input */
        for (i = 0; i <= t->len; i += 1 + t->len / 64)
            if (nqx_text_input_offset(t, i) > size)
                abort();
        nqx_text_free(t);
    }
    return 0;
}
