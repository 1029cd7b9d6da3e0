/* store_fixture.h: small synthetic documents for the store's tests
 * (test_store.c, test_export.c, test_faults.c). They are built by hand rather than
 * extracted so that the store is tested apart from extraction, which is
 * changing under it. */
#ifndef NQX_STORE_FIXTURE_H
#define NQX_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nqx.h"

#define FX_TEXT                                                              \
    "KẾ HOẠCH\n"                                                             \
    "1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.\n"             \
    "2. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng đề án, "       \
    "\"quy chế\"; hoàn thành trong Quý II/2023.\n"                           \
    "3. Ban Tổ chức Thành ủy báo cáo Ban Thường vụ trước ngày 15/5/2023.\n"

/* Every table's row count, in one row: what a store must keep across a
 * fault or a repeated ingest (test_store.c, test_faults.c). */
#define FX_COUNTS                                                            \
    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM parts)," \
    " (SELECT count(*) FROM nodes), (SELECT count(*) FROM targets),"         \
    " (SELECT count(*) FROM tasks), (SELECT count(*) FROM agencies),"        \
    " (SELECT count(*) FROM agency_names),"                                  \
    " (SELECT count(*) FROM task_agencies),"                                 \
    " (SELECT count(*) FROM corrections), (SELECT count(*) FROM passages),"  \
    " (SELECT count(DISTINCT doc) FROM temp.fts_rows)"

static inline char *fx_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* A normalized text holding s (as if the normalizer returned it). */
static inline nqx_text *fx_text(const char *s)
{
    nqx_text *t = calloc(1, sizeof *t);
    t->text = strdup(s);
    t->len = strlen(s);
    strcpy(t->encoding, "UTF-8");
    return t;
}

static inline nqx_record *fx_add(nqx_doc *d, nqx_record_kind kind,
                                 const char *text, const char *line,
                                 const char *section, const char *deadline)
{
    nqx_record *r;
    const char *at = strstr(text, line);
    d->records = realloc(d->records, (d->nrecords + 1) * sizeof *r);
    r = &d->records[d->nrecords++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->text = fx_dup(line);
    r->start = at ? (size_t)(at - text) : 0;
    r->end = r->start + strlen(line);
    r->section = fx_dup(section);
    r->deadline = fx_dup(deadline);
    return r;
}

static inline void fx_agency(nqx_record *r, const char *name, nqx_role role)
{
    r->agencies = realloc(r->agencies, (r->nagencies + 1) * sizeof *r->agencies);
    r->agencies[r->nagencies].name = fx_dup(name);
    r->agencies[r->nagencies].role = role;
    r->nagencies++;
}

/* The extraction of FX_TEXT: one target, two tasks. */
static inline nqx_doc *fx_doc(const char *text)
{
    nqx_doc *d = calloc(1, sizeof *d);
    nqx_record *r;
    d->metas = calloc(1, sizeof *d->metas);
    d->nmetas = 1;
    d->metas[0].kind = fx_dup("Kế hoạch");
    d->metas[0].end = strlen(text);
    r = fx_add(d, NQX_TARGET, text,
               "1. Phấn đấu tỷ lệ cán bộ nữ trong cấp ủy từ 18% trở lên.",
               "1.", "2025");
    strcpy(r->comparator, ">=");
    r->low = r->high = 18;
    r->unit = fx_dup("%");
    r->aspirational = 1;
    r->metric = fx_dup("tỷ lệ cán bộ nữ trong cấp ủy");
    r = fx_add(d, NQX_TASK, text,
               "2. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng đề "
               "án, \"quy chế\"; hoàn thành trong Quý II/2023.",
               "2.", "2023-Q2");
    fx_agency(r, "Sở Nội vụ", NQX_ROLE_LEAD);
    fx_agency(r, "Sở Tài chính", NQX_ROLE_COORDINATE);
    r = fx_add(d, NQX_TASK, text,
               "3. Ban Tổ chức Thành ủy báo cáo Ban Thường vụ trước ngày "
               "15/5/2023.", "3.", "2023-05-15");
    fx_agency(r, "Ban Tổ chức Thành ủy", NQX_ROLE_LEAD);
    fx_agency(r, "Ban Thường vụ", NQX_ROLE_REPORT_TO);
    return d;
}

/* A fresh path for a store in a new temporary folder (caller frees). */
static inline char *fx_db_path(void)
{
    char dir[] = "/tmp/nqx-store-XXXXXX", *p;
    if (!mkdtemp(dir))
        return NULL;
    p = malloc(strlen(dir) + 16);
    sprintf(p, "%s/t.db", dir);
    return p;
}

/* Remove the store at path (from fx_db_path), its WAL files and its
 * folder, and free path. */
static inline void fx_rm(char *path)
{
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    char buf[512];
    size_t i;
    for (i = 0; i < 4; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, ext[i]);
        unlink(buf);
    }
    *strrchr(path, '/') = '\0';
    rmdir(path);
    free(path);
}

/* Ingest FX_TEXT (or text) as name with the fixture's records. */
static inline nqx_status fx_ingest(nqx_store *s, const char *name,
                                   const char *text, const nqx_store_meta *m,
                                   nqx_ingest_result *res, nqx_error *e)
{
    nqx_text *t = fx_text(text);
    nqx_doc *d = fx_doc(text);
    nqx_status st = nqx_store_ingest_doc(s, NULL, name, text, strlen(text), t, d, m,
                                         res, e);
    nqx_doc_free(d);
    nqx_text_free(t);
    return st;
}

#endif
