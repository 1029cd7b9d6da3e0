/* extract.c: the extractor's entry point: split documents, read metadata,
 * build the outline, then find obligations, in document order. */
#include "ext.h"

#include <stdlib.h>
#include <string.h>

nqx_record *nqx_ext_new_record(nqx_doc *d)
{
    nqx_record *r;
    /* grow by doubling; capacity is implied by the power-of-two count */
    if ((d->nrecords & (d->nrecords - 1)) == 0) {
        size_t cap = d->nrecords ? d->nrecords * 2 : 16;
        nqx_record *nr;
        if (d->nrecords && d->nrecords < 16)
            cap = 16;
        nr = realloc(d->records, cap * sizeof *nr);
        if (!nr)
            return NULL;
        d->records = nr;
    }
    r = &d->records[d->nrecords++];
    memset(r, 0, sizeof *r);
    return r;
}

static int S_by_span(const void *a, const void *b)
{
    const nqx_record *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return 0;
}

nqx_status nqx_ext_doc(const nqx_grammar *g, const nqx_text *t,
                       nqx_doc **out, nqx_error *err)
{
    nqx_doc *d;
    nqx_status st;
    *out = NULL;
    d = calloc(1, sizeof *d);
    if (!d)
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    st = nqx_ext_meta(g, t->text, t->len, &d->metas, &d->nmetas, err);
    if (!st)
        st = nqx_ext_outline(g, t->text, t->len, d->metas, d->nmetas,
                             &d->nodes, &d->nnodes, err);
    if (!st)
        st = nqx_ext_targets(g, t->text, t->len, d, err);
    if (!st)
        st = nqx_ext_tasks(g, t->text, t->len, d, err);
    if (st) {
        nqx_doc_free(d);
        return st;
    }
    /* qsort is not stable; ties on (start, kind) keep no promised order */
    if (d->nrecords > 1)
        qsort(d->records, d->nrecords, sizeof *d->records, S_by_span);
    *out = d;
    return NQX_OK;
}
