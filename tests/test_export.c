/* test_export.c: nqx export: JSON Lines byte for byte as nqx extract
 * prints, CSV for spreadsheets (BOM, RFC 4180), XML valid against
 * docs/nqx-export.xsd once parsed back with libxml2. */
#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>

#include "nqx.h"
#include "store_fixture.h"

#ifndef NQX_SRCDIR
#define NQX_SRCDIR "."
#endif

/* A store holding the fixture (plus an older, superseded version). */
static nqx_store *S_store(char **path)
{
    nqx_store *s;
    nqx_ingest_result r;
    nqx_error e;
    nqx_store_meta m = {0};
    *path = fx_db_path();
    cr_assert_eq(nqx_store_open(*path, 0, 0, &s, &e), NQX_OK, "%s", e.msg);
    m.locality = "Tỉnh Quảng Ngãi";
    cr_assert_eq(fx_ingest(s, "kh-7.txt", "old text\n", &m, &r, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(fx_ingest(s, "kh-7.txt", FX_TEXT, &m, &r, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(r.outcome, NQX_INGEST_VERSION);
    return s;
}

static char *S_export(nqx_store *s, nqx_export_format f, size_t *n)
{
    char *data = NULL;
    FILE *mem = open_memstream(&data, n);
    nqx_error e;
    cr_assert_eq(nqx_store_export(s, f, mem, &e), NQX_OK, "%s", e.msg);
    fclose(mem);
    return data;
}

Test(export, jsonl_is_exactly_what_extract_prints)
{
    char *path, *got;
    size_t n, k;
    nqx_store *s = S_store(&path);
    nqx_doc *d = fx_doc(FX_TEXT);
    nqx_buf want = {0};
    for (k = 0; k < d->nrecords; k++)
        nqx_record_json(&want, "kh-7", &d->records[k]);
    got = S_export(s, NQX_EXPORT_JSONL, &n);
    cr_assert_str_eq(got, want.data);
    cr_assert_eq(n, want.len);
    /* and the spec's field order, spelled out once */
    {
        static const char first[] =
            "{\"doc\": \"kh-7\", \"kind\": \"target\", \"text\": \"1. Phấn đấu "
            "tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\", \"span\": [13, 92], "
            "\"section\": \"1.\", \"deadline\": \"2025\", \"comparator\": \">=\", "
            "\"low\": 18, \"high\": 18, \"unit\": \"%\", \"aspirational\": true, "
            "\"metric\": \"tỷ lệ cán bộ nữ trong cấp ủy\", \"scope\": null}\n";
        cr_assert_eq(strncmp(got, first, sizeof first - 1), 0, "%s", got);
    }
    free(got);
    nqx_buf_free(&want);
    nqx_doc_free(d);
    nqx_store_close(s);
    fx_rm(path);
}

Test(export, csv_has_bom_header_and_rfc4180_quoting)
{
    char *path, *got, *line2;
    size_t n;
    nqx_store *s = S_store(&path);
    got = S_export(s, NQX_EXPORT_CSV, &n);
    cr_assert_eq(memcmp(got, "\xEF\xBB\xBF" "doc,kind,locality,section,deadline,due,"
                        "comparator,low,high,unit,aspirational,metric,scope,"
                        "agencies,start,end,text\r\n", 112), 0, "%s", got);
    line2 = strstr(got, "\r\n") + 2;
    cr_assert_eq(strncmp(line2,
        "kh-7,target,Tỉnh Quảng Ngãi,1.,2025,2025-12-31,>=,18,18,%,true,"
        "tỷ lệ cán bộ nữ trong cấp ủy,,,", 95), 0, "%s", line2);
    /* a field with a comma and quotes is quoted, its quotes doubled */
    cr_assert_not_null(strstr(got,
        "kh-7,task,Tỉnh Quảng Ngãi,2.,2023-Q2,2023-06-30,,,,,,,,"
        "Sở Nội vụ (lead); Sở Tài chính (coordinate),"));
    cr_assert_not_null(strstr(got,
        ",\"2. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng đề án, "
        "\"\"quy chế\"\"; hoàn thành trong Quý II/2023.\"\r\n"));
    /* header + 3 records, the superseded version left out */
    cr_assert_eq(n, strlen(got));
    {
        size_t rows = 0;
        const char *p;
        for (p = got; (p = strstr(p, "\r\n")); p += 2)
            rows++;
        cr_assert_eq(rows, 4);
    }
    free(got);
    nqx_store_close(s);
    fx_rm(path);
}

Test(export, xml_parses_back_and_is_valid_against_the_xsd)
{
    char *path, *got;
    size_t n;
    nqx_store *s = S_store(&path);
    xmlDocPtr doc;
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr vc;
    xmlNodePtr root, d, r;
    xmlChar *v;
    int ntarget = 0, ntask = 0;
    got = S_export(s, NQX_EXPORT_XML, &n);
    doc = xmlReadMemory(got, (int)n, "export.xml", NULL, XML_PARSE_NONET);
    cr_assert_not_null(doc, "%s", got);
    pc = xmlSchemaNewParserCtxt(NQX_SRCDIR "/docs/nqx-export.xsd");
    schema = xmlSchemaParse(pc);
    cr_assert_not_null(schema);
    vc = xmlSchemaNewValidCtxt(schema);
    cr_assert_eq(xmlSchemaValidateDoc(vc, doc), 0, "%s", got);
    root = xmlDocGetRootElement(doc);
    cr_assert_str_eq((const char *)root->name, "nqx-export");
    d = xmlFirstElementChild(root);
    cr_assert_null(xmlNextElementSibling(d)); /* one current document */
    v = xmlGetProp(d, BAD_CAST "locality");
    cr_assert_str_eq((const char *)v, "Tỉnh Quảng Ngãi");
    xmlFree(v);
    for (r = xmlFirstElementChild(d); r; r = xmlNextElementSibling(r)) {
        if (strcmp((const char *)r->name, "target") == 0) {
            ntarget++;
            v = xmlGetProp(r, BAD_CAST "comparator");
            cr_assert_str_eq((const char *)v, ">=");
            xmlFree(v);
        } else if (strcmp((const char *)r->name, "task") == 0) {
            xmlNodePtr a = xmlLastElementChild(r);
            ntask++;
            v = xmlNodeGetContent(a);
            cr_assert(strcmp((const char *)v, "Sở Tài chính") == 0 ||
                      strcmp((const char *)v, "Ban Thường vụ") == 0, "%s", v);
            xmlFree(v);
        }
    }
    cr_assert_eq(ntarget, 1);
    cr_assert_eq(ntask, 2);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    xmlFreeDoc(doc);
    free(got);
    nqx_store_close(s);
    fx_rm(path);
}

Test(export, empty_store_exports_valid_empty_files)
{
    char *path = fx_db_path(), *got;
    size_t n;
    nqx_store *s;
    nqx_error e;
    cr_assert_eq(nqx_store_open(path, 0, 0, &s, &e), NQX_OK);
    got = S_export(s, NQX_EXPORT_JSONL, &n);
    cr_assert_eq(n, 0);
    free(got);
    got = S_export(s, NQX_EXPORT_XML, &n);
    cr_assert_str_eq(got, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<nqx-export version=\"1\"/>\n");
    free(got);
    nqx_store_close(s);
    fx_rm(path);
}
