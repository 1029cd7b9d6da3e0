/* doc.c: the nqx_doc result type: freeing and the spec's JSON Lines form. */
#include "ext.h"

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

const char *nqx_node_kind_name(nqx_node_kind k)
{
    switch (k) {
    case NQX_NODE_HEADING: return "heading";
    case NQX_NODE_ITEM: return "item";
    case NQX_NODE_BULLET: return "bullet";
    case NQX_NODE_TABLE: return "table";
    case NQX_NODE_ROW: return "row";
    case NQX_NODE_PARA: return "para";
    case NQX_NODE_FOOTNOTE: return "footnote";
    case NQX_NODE_SIGNATURE: return "signature";
    case NQX_NODE_RECIPIENTS: return "recipients";
    }
    return "?";
}

void nqx_meta_clear(nqx_meta *m)
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
    memset(m, 0, sizeof *m);
}

void nqx_record_clear(nqx_record *r)
{
    size_t j;
    free(r->text);
    free(r->section);
    free(r->deadline);
    free(r->unit);
    free(r->metric);
    free(r->scope);
    for (j = 0; j < r->nagencies; j++)
        free(r->agencies[j].name);
    free(r->agencies);
    memset(r, 0, sizeof *r);
}

void nqx_ext_nodes_free(nqx_node *nodes, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(nodes[i].label);
        free(nodes[i].path);
    }
    free(nodes);
}

void nqx_doc_free(nqx_doc *d)
{
    size_t i;
    if (!d)
        return;
    for (i = 0; i < d->nmetas; i++)
        nqx_meta_clear(&d->metas[i]);
    free(d->metas);
    nqx_ext_nodes_free(d->nodes, d->nnodes);
    for (i = 0; i < d->nrecords; i++)
        nqx_record_clear(&d->records[i]);
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

/* CSV: RFC 4180 (CRLF, quotes doubled). The caller writes the UTF-8 BOM
 * (spreadsheets otherwise read Vietnamese as Latin-1) and the header. */
static int S_csv_field(nqx_buf *b, const char *s, int first)
{
    const char *p;
    int rc = 0;
    if (!first)
        rc |= nqx_buf_puts(b, ",");
    if (!s)
        return rc;
    if (!strpbrk(s, ",\"\r\n"))
        return rc | nqx_buf_puts(b, s);
    rc |= nqx_buf_puts(b, "\"");
    for (p = s; *p; p++) {
        if (*p == '"')
            rc |= nqx_buf_puts(b, "\"");
        rc |= nqx_buf_append(b, p, 1);
    }
    return rc | nqx_buf_puts(b, "\"");
}

const char *nqx_record_csv_header(void)
{
    return "doc,kind,locality,section,deadline,due,comparator,low,high,unit,"
           "aspirational,metric,scope,agencies,start,end,text\r\n";
}

int nqx_record_csv(nqx_buf *b, const char *doc_id, const char *locality,
                   const char *due, const nqx_record *r)
{
    char lo[32] = "", hi[32] = "", sp[32], ep[32];
    nqx_buf ag = {0}, num = {0};
    size_t i;
    int rc = 0, target = r->kind == NQX_TARGET;
    if (target) {
        rc |= S_num(&num, r->low);
        snprintf(lo, sizeof lo, "%s", num.data ? num.data : "");
        num.len = 0;
        rc |= S_num(&num, r->high);
        snprintf(hi, sizeof hi, "%s", num.data ? num.data : "");
    }
    for (i = 0; i < r->nagencies; i++)
        rc |= nqx_buf_printf(&ag, "%s%s (%s)", i ? "; " : "",
                             r->agencies[i].name,
                             nqx_role_name(r->agencies[i].role));
    snprintf(sp, sizeof sp, "%zu", r->start);
    snprintf(ep, sizeof ep, "%zu", r->end);
    rc |= S_csv_field(b, doc_id, 1);
    rc |= S_csv_field(b, target ? "target" : "task", 0);
    rc |= S_csv_field(b, locality, 0);
    rc |= S_csv_field(b, r->section, 0);
    rc |= S_csv_field(b, r->deadline, 0);
    rc |= S_csv_field(b, due, 0);
    rc |= S_csv_field(b, target ? r->comparator : NULL, 0);
    rc |= S_csv_field(b, target ? lo : NULL, 0);
    rc |= S_csv_field(b, target ? hi : NULL, 0);
    rc |= S_csv_field(b, r->unit, 0);
    rc |= S_csv_field(b, target ? (r->aspirational ? "true" : "false") : NULL, 0);
    rc |= S_csv_field(b, r->metric, 0);
    rc |= S_csv_field(b, r->scope, 0);
    rc |= S_csv_field(b, ag.len ? ag.data : NULL, 0);
    rc |= S_csv_field(b, sp, 0);
    rc |= S_csv_field(b, ep, 0);
    rc |= S_csv_field(b, r->text, 0);
    rc |= nqx_buf_puts(b, "\r\n");
    nqx_buf_free(&ag);
    nqx_buf_free(&num);
    return rc ? -1 : 0;
}
