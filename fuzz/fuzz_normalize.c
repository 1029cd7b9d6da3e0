/* fuzz_normalize.c: libFuzzer target: any bytes through the normalizer:
 * decoding, NFC, layout, and the OCR corrector with the model named by
 * NQX_MODEL (default models/vi.model, as make fuzz runs from the
 * repository root; without a model file the corrector is skipped). */
#include <stdint.h>
#include <stdlib.h>

#include "nqx.h"

static nqx_model *S_model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = getenv("NQX_MODEL");
    nqx_error err;
    (void)argc;
    (void)argv;
    if (nqx_model_load(path ? path : "models/vi.model", &S_model, &err) != NQX_OK)
        S_model = NULL;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nqx_text *t = NULL;
    nqx_error err;
    nqx_norm_options opt = {0};
    opt.model = S_model;
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
