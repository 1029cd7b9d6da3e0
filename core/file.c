/* file.c: reading inputs whole, with a clear refusal for what is not a
 * regular file. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

nqx_status nqx_read_file(const char *path, size_t max_bytes, char **out,
                         size_t *outlen, nqx_error *err)
{
    struct stat st;
    FILE *f;
    char *data;
    size_t len = 0, cap;

    *out = NULL;
    *outlen = 0;
    if (stat(path, &st) != 0)
        return nqx_fail(err, NQX_EIO, path, -1, -1, "cannot open: %s",
                        strerror(errno));
    if (S_ISDIR(st.st_mode))
        return nqx_fail(err, NQX_EIO, path, -1, -1, "is a directory");
    if (!S_ISREG(st.st_mode))
        return nqx_fail(err, NQX_EIO, path, -1, -1,
                        "not a regular file (FIFO, device or socket)");
    if (max_bytes && (size_t)st.st_size > max_bytes)
        return nqx_fail(err, NQX_ELIMIT, path, -1, -1,
                        "file is %lld bytes, over the limit of %zu",
                        (long long)st.st_size, max_bytes);
    f = fopen(path, "rb");
    if (!f)
        return nqx_fail(err, NQX_EIO, path, -1, -1, "cannot open: %s",
                        strerror(errno));
    /* a byte more than the file and its NUL: reading the whole file then
     * leaves room, so that only a file that grew since stat is copied
     * into a larger buffer (with + 1 every file was, once) */
    cap = (size_t)st.st_size + 2;
    data = malloc(cap);
    if (!data) {
        fclose(f);
        return nqx_fail(err, NQX_ENOMEM, path, -1, -1, "out of memory");
    }
    for (;;) {
        size_t got = fread(data + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
        if (len + 1 == cap) { /* file grew while reading */
            char *p;
            if (max_bytes && len >= max_bytes)
                break;
            p = realloc(data, cap * 2);
            if (!p) {
                free(data);
                fclose(f);
                return nqx_fail(err, NQX_ENOMEM, path, -1, -1,
                                "out of memory");
            }
            data = p;
            cap *= 2;
        }
    }
    if (ferror(f)) {
        free(data);
        fclose(f);
        return nqx_fail(err, NQX_EIO, path, -1, -1, "read error");
    }
    fclose(f);
    data[len] = '\0';
    *out = data;
    *outlen = len;
    return NQX_OK;
}
