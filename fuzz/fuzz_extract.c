/* fuzz_extract.c: libFuzzer target: any bytes through normalize + extract
 * (metadata, outline, targets, tasks) with the project's grammars. */
#include <stdint.h>
#include <stdlib.h>

#include "nqx.h"
#include "../core/internal.h" /* nqx_utf8_valid_prefix */

static nqx_grammar *S_g;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nqx_text *t = NULL;
    nqx_doc *d = NULL;
    nqx_error err;
    nqx_buf b = {0};
    size_t i;
    if (!S_g && nqx_gram_load(NULL, &S_g, &err) != NQX_OK)
        abort(); /* the grammars themselves must load */
    if (nqx_norm_text("fuzz", (const char *)data, size, NULL, &t, &err) != NQX_OK)
        return 0;
    if (nqx_ext_doc(S_g, t, &d, &err) == NQX_OK) {
        for (i = 0; i < d->nrecords; i++) {
            if (d->records[i].start > d->records[i].end || d->records[i].end > t->len)
                abort(); /* spans must lie in the text */
            nqx_record_json(&b, "fuzz", &d->records[i]);
        }
        if (nqx_utf8_valid_prefix(b.data, b.len) != b.len)
            abort(); /* the export is UTF-8: no field ends inside a letter */
        for (i = 0; i < d->nnodes; i++)
            if (d->nodes[i].parent >= (int)i)
                abort(); /* parents come before children */
        nqx_doc_free(d);
    }
    nqx_buf_free(&b);
    nqx_text_free(t);
    return 0;
}
