/* status.c: status names and the one-line error record. */
#include "nqx.h"

#include <stdio.h>
#include <string.h>

static const char *const S_names[NQX_STATUS_COUNT] = {
    [NQX_OK] = "ok",
    [NQX_ENOMEM] = "out of memory",
    [NQX_EIO] = "cannot read or write",
    [NQX_EEMPTY] = "empty input",
    [NQX_EBINARY] = "binary input, not text",
    [NQX_EENCODING] = "invalid or unknown text encoding",
    [NQX_ELIMIT] = "limit exceeded",
    [NQX_EGRAMMAR] = "bad grammar",
    [NQX_ESTORE] = "store error",
    [NQX_EINVAL] = "invalid argument",
    [NQX_EFORMAT] = "malformed data file",
};

const char *nqx_strerror(nqx_status st)
{
    if ((unsigned)st >= NQX_STATUS_COUNT)
        return "unknown status";
    return S_names[st];
}

void nqx_error_clear(nqx_error *e)
{
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->line = -1;
    e->offset = -1;
}

void nqx_error_format(const nqx_error *e, char *out, size_t outsz)
{
    char place[64] = "";
    size_t n = 0;
    if (!outsz)
        return;
    if (e->line >= 0)
        n += (size_t)snprintf(place + n, sizeof place - n, ":%ld", e->line);
    if (e->offset >= 0 && n < sizeof place)
        snprintf(place + n, sizeof place - n, ": offset %ld", e->offset);
    snprintf(out, outsz, "%s%s: %s", e->file[0] ? e->file : "nqx", place,
             e->msg[0] ? e->msg : nqx_strerror(e->status));
}
