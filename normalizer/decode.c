/* decode.c: encoding detection and conversion to UTF-8. (First version:
 * UTF-8 with or without BOM only.) */
#include "norm.h"

#include <stdlib.h>
#include <string.h>

nqx_status nqx_norm_decode(const char *name, const char *bytes, size_t n,
                           const char *encoding, char **out, size_t *outlen,
                           char encname[32], nqx_offset_piece **in_map,
                           size_t *nin_map, nqx_error *err)
{
    size_t skip = 0, valid;
    (void)encoding;
    *out = NULL;
    *outlen = 0;
    if (in_map)
        *in_map = NULL;
    if (nin_map)
        *nin_map = 0;
    if (n == 0)
        return nqx_fail(err, NQX_EEMPTY, name, -1, -1, "empty file");
    if (memchr(bytes, '\0', n))
        return nqx_fail(err, NQX_EBINARY, name, -1,
                        (long)((const char *)memchr(bytes, '\0', n) - bytes),
                        "NUL byte: binary file, not text");
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    valid = nqx_utf8_valid_prefix(bytes + skip, n - skip);
    if (valid != n - skip)
        return nqx_fail(err, NQX_EENCODING, name, -1, (long)(skip + valid),
                        "invalid UTF-8");
    *out = nqx_strndup(bytes + skip, n - skip);
    if (!*out)
        return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
    *outlen = n - skip;
    snprintf(encname, 32, "UTF-8");
    if (in_map) {
        *in_map = malloc(sizeof **in_map);
        if (!*in_map) {
            free(*out);
            *out = NULL;
            return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
        }
        (*in_map)[0].out = 0;
        (*in_map)[0].in = skip;
        *nin_map = 1;
    }
    return NQX_OK;
}
