/* doc.c: the nqx_doc result type: freeing and the spec's JSON Lines form. */
#include "../core/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *nqx_role_name(nqx_role r)
{
    switch (r) {
    case NQX_ROLE_LEAD: return "lead";
    case NQX_ROLE_ADVISE: return "advise";
    case NQX_ROLE_EXECUTE: return "execute";
    case NQX_ROLE_COORDINATE: return "coordinate";
    case NQX_ROLE_REPORT_TO: return "report_to";
    }
    return "?";
}

static void S_meta_free(nqx_meta *m)
{
    size_t i;
    free(m->kind);
    free(m->number);
    free(m->date);
    free(m->issuer);
    free(m->locality);
    free(m->title);
    free(m->signer_name);
    free(m->signer_title);
    for (i = 0; i < m->ncites; i++)
        free(m->cites[i]);
    free(m->cites);
    for (i = 0; i < m->nrecipients; i++)
        free(m->recipients[i]);
    free(m->recipients);
}

void nqx_doc_free(nqx_doc *d)
{
    size_t i, j;
    if (!d)
        return;
    for (i = 0; i < d->nmetas; i++)
        S_meta_free(&d->metas[i]);
    free(d->metas);
    for (i = 0; i < d->nnodes; i++) {
        free(d->nodes[i].label);
        free(d->nodes[i].path);
    }
    free(d->nodes);
    for (i = 0; i < d->nrecords; i++) {
        nqx_record *r = &d->records[i];
        free(r->text);
        free(r->section);
        free(r->deadline);
        free(r->unit);
        free(r->metric);
        free(r->scope);
        for (j = 0; j < r->nagencies; j++)
            free(r->agencies[j].name);
        free(r->agencies);
    }
    free(d->records);
    free(d);
}

static int S_str_or_null(nqx_buf *b, const char *s)
{
    return s ? nqx_buf_json_str(b, s, strlen(s)) : nqx_buf_puts(b, "null");
}

/* Numbers as the spec writes them: integers without a fraction. */
static int S_num(nqx_buf *b, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        return nqx_buf_printf(b, "%.0f", v);
    return nqx_buf_printf(b, "%.10g", v);
}

int nqx_record_json(nqx_buf *b, const char *doc_id, const nqx_record *r)
{
    size_t i;
    int rc = 0;
    rc |= nqx_buf_puts(b, "{\"doc\": ");
    rc |= nqx_buf_json_str(b, doc_id, strlen(doc_id));
    rc |= nqx_buf_printf(b, ", \"kind\": \"%s\", \"text\": ",
                         r->kind == NQX_TARGET ? "target" : "task");
    rc |= S_str_or_null(b, r->text ? r->text : "");
    rc |= nqx_buf_printf(b, ", \"span\": [%zu, %zu], \"section\": ", r->start, r->end);
    rc |= S_str_or_null(b, r->section ? r->section : "");
    rc |= nqx_buf_puts(b, ", \"deadline\": ");
    rc |= S_str_or_null(b, r->deadline);
    if (r->kind == NQX_TARGET) {
        rc |= nqx_buf_puts(b, ", \"comparator\": ");
        rc |= nqx_buf_json_str(b, r->comparator, strlen(r->comparator));
        rc |= nqx_buf_puts(b, ", \"low\": ");
        rc |= S_num(b, r->low);
        rc |= nqx_buf_puts(b, ", \"high\": ");
        rc |= S_num(b, r->high);
        rc |= nqx_buf_puts(b, ", \"unit\": ");
        rc |= S_str_or_null(b, r->unit ? r->unit : "");
        rc |= nqx_buf_printf(b, ", \"aspirational\": %s, \"metric\": ",
                             r->aspirational ? "true" : "false");
        rc |= S_str_or_null(b, r->metric ? r->metric : "");
        rc |= nqx_buf_puts(b, ", \"scope\": ");
        rc |= S_str_or_null(b, r->scope);
    } else {
        rc |= nqx_buf_puts(b, ", \"agencies\": [");
        for (i = 0; i < r->nagencies; i++) {
            rc |= nqx_buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
            rc |= S_str_or_null(b, r->agencies[i].name);
            rc |= nqx_buf_printf(b, ", \"role\": \"%s\"}",
                                 nqx_role_name(r->agencies[i].role));
        }
        rc |= nqx_buf_puts(b, "]");
    }
    rc |= nqx_buf_puts(b, "}\n");
    return rc ? -1 : 0;
}
