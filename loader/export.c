/* export.c: the store's records as JSON Lines (byte for byte what
 * `nqx extract` prints: both go through nqx_record_json), CSV for
 * spreadsheets and XML (docs/nqx-export.xsd) through xmlTextWriter. */
#include "store.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    nqx_store *s;
    nqx_export_format fmt;
    FILE *out;
    xmlTextWriterPtr xw;
    sqlite3_stmt *recs, *agencies;
    nqx_buf line;
    int fail;
} S_export;

char *nqx_store_col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? nqx_strndup((const char *)t, (size_t)sqlite3_column_bytes(st, i))
             : NULL;
}

void nqx_store_record_cols(sqlite3_stmt *st, nqx_record *r)
{
    const unsigned char *cmp;
    r->text = nqx_store_col_str(st, 2);
    r->start = (size_t)sqlite3_column_int64(st, 3);
    r->end = (size_t)sqlite3_column_int64(st, 4);
    r->section = nqx_store_col_str(st, 5);
    r->deadline = nqx_store_col_str(st, 6);
    if (r->kind != NQX_TARGET)
        return;
    cmp = sqlite3_column_text(st, 7);
    snprintf(r->comparator, sizeof r->comparator, "%s",
             cmp ? (const char *)cmp : "");
    r->low = sqlite3_column_double(st, 8);
    r->high = sqlite3_column_double(st, 9);
    r->unit = nqx_store_col_str(st, 10);
    r->aspirational = sqlite3_column_int(st, 11);
    r->metric = nqx_store_col_str(st, 12);
    r->scope = nqx_store_col_str(st, 13);
}

static nqx_role S_role(const char *name)
{
    static const char *const names[] = {"lead", "advise", "execute",
                                        "coordinate", "report_to"};
    int i;
    for (i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0)
            return (nqx_role)(i + 1);
    return NQX_ROLE_LEAD;
}

/* Rebuild the extractor's record from its row (columns of S_RECS). */
static int S_record(S_export *x, nqx_record *r, long long *id)
{
    sqlite3_stmt *st = x->recs;
    int rc;
    memset(r, 0, sizeof *r);
    r->kind = sqlite3_column_int(st, 0) == 1 ? NQX_TARGET : NQX_TASK;
    *id = sqlite3_column_int64(st, 1);
    nqx_store_record_cols(st, r);
    r->doc_index = sqlite3_column_int(st, 14);
    if (r->kind == NQX_TARGET)
        return SQLITE_OK;
    sqlite3_bind_int64(x->agencies, 1, *id);
    while ((rc = sqlite3_step(x->agencies)) == SQLITE_ROW) {
        nqx_agency *g = realloc(r->agencies, (r->nagencies + 1) * sizeof *g);
        if (!g) {
            sqlite3_reset(x->agencies);
            return SQLITE_NOMEM;
        }
        r->agencies = g;
        g[r->nagencies].name = nqx_store_col_str(x->agencies, 0);
        g[r->nagencies].role =
            S_role((const char *)sqlite3_column_text(x->agencies, 1));
        r->nagencies++;
    }
    sqlite3_reset(x->agencies);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* ------------------------------------------------------------------ */
/* CSV: RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so that
 * spreadsheets do not read Vietnamese as Latin-1. */

static void S_num(char *out, size_t n, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(out, n, "%.0f", v);
    else
        snprintf(out, n, "%.10g", v);
}

static void S_csv(S_export *x, const char *doc, const char *locality,
                  const nqx_record *r, const char *due)
{
    nqx_record_csv(&x->line, doc, locality, due, r);
}

/* ------------------------------------------------------------------ */
/* XML                                                                 */

/* XML 1.0 cannot hold most control characters, even escaped. */
static char *S_xml_clean(const char *s)
{
    char *c = nqx_strndup(s, strlen(s)), *p;
    if (c)
        for (p = c; *p; p++)
            if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' &&
                *p != '\r')
                *p = ' ';
    return c;
}

static void S_xattr(S_export *x, const char *name, const char *val)
{
    char *c;
    if (!val)
        return;
    c = S_xml_clean(val);
    if (!c || xmlTextWriterWriteAttribute(x->xw, BAD_CAST name, BAD_CAST c) < 0)
        x->fail = 1;
    free(c);
}

static void S_xelem(S_export *x, const char *name, const char *val)
{
    char *c;
    if (!val)
        return;
    c = S_xml_clean(val);
    if (!c ||
        xmlTextWriterWriteElement(x->xw, BAD_CAST name, BAD_CAST c) < 0)
        x->fail = 1;
    free(c);
}

static void S_xml(S_export *x, const nqx_record *r, const char *due)
{
    char buf[32];
    size_t i;
    int target = r->kind == NQX_TARGET;
    x->fail |= xmlTextWriterStartElement(x->xw, BAD_CAST(target ? "target"
                                                                : "task")) < 0;
    S_xattr(x, "section", r->section ? r->section : "");
    snprintf(buf, sizeof buf, "%zu", r->start);
    S_xattr(x, "start", buf);
    snprintf(buf, sizeof buf, "%zu", r->end);
    S_xattr(x, "end", buf);
    S_xattr(x, "deadline", r->deadline);
    S_xattr(x, "due", due);
    if (target) {
        S_xattr(x, "comparator", r->comparator);
        S_num(buf, sizeof buf, r->low);
        S_xattr(x, "low", buf);
        S_num(buf, sizeof buf, r->high);
        S_xattr(x, "high", buf);
        S_xattr(x, "unit", r->unit ? r->unit : "");
        S_xattr(x, "aspirational", r->aspirational ? "true" : "false");
    }
    S_xelem(x, "text", r->text ? r->text : "");
    if (target) {
        S_xelem(x, "metric", r->metric ? r->metric : "");
        S_xelem(x, "scope", r->scope);
    }
    for (i = 0; i < r->nagencies; i++) {
        char *c = S_xml_clean(r->agencies[i].name ? r->agencies[i].name : "");
        x->fail |= !c;
        x->fail |= xmlTextWriterStartElement(x->xw, BAD_CAST "agency") < 0;
        S_xattr(x, "role", nqx_role_name(r->agencies[i].role));
        x->fail |= c && xmlTextWriterWriteString(x->xw, BAD_CAST c) < 0;
        x->fail |= xmlTextWriterEndElement(x->xw) < 0;
        free(c);
    }
    x->fail |= xmlTextWriterEndElement(x->xw) < 0;
}

/* ------------------------------------------------------------------ */

#define S_RECS                                                              \
    "SELECT 1, id, text, start, end, section, deadline, comparator, low,"  \
    " high, unit, aspirational, metric, scope, part, due, pos"              \
    " FROM targets WHERE doc_id = ?1 UNION ALL"                             \
    " SELECT 2, id, text, start, end, section, deadline, NULL, NULL, NULL," \
    " NULL, NULL, NULL, NULL, part, due, pos FROM tasks WHERE doc_id = ?1"  \
    " ORDER BY 17, 1"

static int S_document(S_export *x, sqlite3_stmt *docs)
{
    long long doc = sqlite3_column_int64(docs, 0);
    const char *name = (const char *)sqlite3_column_text(docs, 1);
    const char *locality = (const char *)sqlite3_column_text(docs, 3);
    int rc, i;
    if (x->fmt == NQX_EXPORT_XML) {
        static const char *const attrs[] = {"kind", "number", "date",
                                            "issuer", "locality"};
        x->fail |= xmlTextWriterStartElement(x->xw, BAD_CAST "document") < 0;
        S_xattr(x, "id", name);
        S_xattr(x, "file", (const char *)sqlite3_column_text(docs, 2));
        S_xattr(x, "sha256", (const char *)sqlite3_column_text(docs, 4));
        for (i = 0; i < 5; i++)
            S_xattr(x, attrs[i], (const char *)sqlite3_column_text(docs, 5 + i));
        S_xelem(x, "title", (const char *)sqlite3_column_text(docs, 10));
    }
    sqlite3_bind_int64(x->recs, 1, doc);
    while ((rc = sqlite3_step(x->recs)) == SQLITE_ROW) {
        nqx_record r;
        long long id;
        const unsigned char *due = sqlite3_column_text(x->recs, 15);
        char *due_s = due ? nqx_strndup((const char *)due, strlen((const char *)due)) : NULL;
        rc = S_record(x, &r, &id);
        if (rc == SQLITE_OK) {
            x->line.len = 0;
            if (x->fmt == NQX_EXPORT_JSONL)
                x->fail |= nqx_record_json(&x->line, name, &r) != 0;
            else if (x->fmt == NQX_EXPORT_CSV)
                S_csv(x, name, locality, &r, due_s);
            else
                S_xml(x, &r, due_s);
            if (x->line.len &&
                fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len)
                x->fail = 1;
        }
        nqx_record_clear(&r);
        free(due_s);
        if (rc != SQLITE_OK)
            break;
    }
    sqlite3_reset(x->recs);
    if (x->fmt == NQX_EXPORT_XML)
        x->fail |= xmlTextWriterEndElement(x->xw) < 0;
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

nqx_status nqx_store_export(nqx_store *s, nqx_export_format fmt, FILE *out,
                            nqx_error *err)
{
    S_export x;
    sqlite3_stmt *docs = NULL;
    nqx_status res = NQX_OK;
    int rc;
    if (fmt != NQX_EXPORT_JSONL && fmt != NQX_EXPORT_CSV &&
        fmt != NQX_EXPORT_XML)
        return nqx_fail(err, NQX_EINVAL, NULL, -1, -1, "unknown export format");
    memset(&x, 0, sizeof x);
    x.s = s;
    x.fmt = fmt;
    x.out = out;
    /* one read transaction: a concurrent ingest cannot tear the export */
    if (nqx_store_exec(s, "BEGIN", err))
        return NQX_ESTORE;
    if (sqlite3_prepare_v2(s->db,
            "SELECT id, name, file, locality, text_sha256, kind, number, date,"
            " issuer, locality, title FROM documents WHERE superseded = 0"
            " ORDER BY name, id", -1, &docs, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, S_RECS, -1, &x.recs, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
            "SELECT name, role FROM task_agencies WHERE task_id = ?"
            " ORDER BY pos", -1, &x.agencies, NULL) != SQLITE_OK) {
        res = nqx_store_fail(s, err, NULL);
        goto done;
    }
    if (fmt == NQX_EXPORT_CSV)
        x.fail |= fputs("\xEF\xBB\xBF", out) < 0 || fputs(nqx_record_csv_header(), out) < 0;
    if (fmt == NQX_EXPORT_XML) {
        xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(out, NULL);
        x.xw = ob ? xmlNewTextWriter(ob) : NULL;
        if (!x.xw) {
            if (ob)
                xmlOutputBufferClose(ob);
            res = nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
            goto done;
        }
        xmlTextWriterSetIndent(x.xw, 1);
        xmlTextWriterSetIndentString(x.xw, BAD_CAST "  ");
        x.fail |= xmlTextWriterStartDocument(x.xw, "1.0", "UTF-8", NULL) < 0;
        x.fail |= xmlTextWriterStartElement(x.xw, BAD_CAST "nqx-export") < 0;
        S_xattr(&x, "version", "1");
    }
    while ((rc = sqlite3_step(docs)) == SQLITE_ROW)
        if ((rc = S_document(&x, docs)) != SQLITE_OK)
            break;
    if (rc != SQLITE_DONE && rc != SQLITE_OK) {
        res = nqx_store_fail(s, err, NULL);
        goto done;
    }
    if (x.xw) {
        x.fail |= xmlTextWriterEndDocument(x.xw) < 0;
        x.fail |= xmlTextWriterFlush(x.xw) < 0;
    }
done:
    if (x.xw)
        xmlFreeTextWriter(x.xw);
    sqlite3_finalize(docs);
    sqlite3_finalize(x.recs);
    sqlite3_finalize(x.agencies);
    nqx_buf_free(&x.line);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (!res && (x.fail || fflush(out) != 0 || ferror(out)))
        res = nqx_fail(err, NQX_EIO, NULL, -1, -1, "cannot write the export");
    return res;
}
