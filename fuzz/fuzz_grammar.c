/* fuzz_grammar.c: libFuzzer target: any bytes as a grammar file; loading
 * fails cleanly or the examples run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nqx.h"

static char S_dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[96];
    FILE *f;
    nqx_grammar *g = NULL;
    nqx_error err;
    int n;
    if (!S_dir[0]) {
        strcpy(S_dir, "/tmp/nqx-fuzz-gram-XXXXXX");
        if (!mkdtemp(S_dir))
            abort();
    }
    snprintf(path, sizeof path, "%s/f.pcre", S_dir);
    f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    if (nqx_gram_load(S_dir, &g, &err) == NQX_OK) {
        nqx_gram_check(g, NULL, NULL, &n);
        nqx_gram_free(g);
    }
    return 0;
}
