/* fold.c: the folding key (case, diacritics, đ=d, spacing) that matching,
 * agency keys and search all share, so the three never disagree. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* utf8proc does the Unicode work; đ/Đ are letters, not marks, so
 * STRIPMARK keeps them and we map them to d ourselves. */
static utf8proc_int32_t S_fold_cp(utf8proc_int32_t c, void *data)
{
    (void)data;
    if (c == 0x0111 || c == 0x0110 || c == 0x00D0)
        return 'd';
    return c;
}

char *nqx_fold(const char *s, size_t n)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m;
    char *out;
    size_t i, j = 0;
    int space = 1;

    m = utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                            &mapped,
                            UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                UTF8PROC_CASEFOLD,
                            S_fold_cp, NULL);
    if (m < 0)
        return NULL;
    out = malloc((size_t)m + 1);
    if (!out) {
        free(mapped);
        return NULL;
    }
    for (i = 0; i < (size_t)m; i++) {
        unsigned char c = mapped[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v') {
            if (!space)
                out[j++] = ' ';
            space = 1;
            continue;
        }
        out[j++] = (char)c;
        space = 0;
    }
    if (j && out[j - 1] == ' ')
        j--;
    out[j] = '\0';
    free(mapped);
    return out;
}
