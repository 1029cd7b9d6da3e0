/* jsonl.c: loading records in the spec's JSON Lines form, the output of
 * `nqx extract` run elsewhere (the way past one machine: extract under any
 * batch engine, load here). Lines are read with SQLite's JSON functions,
 * as sidecars are: no JSON library of our own. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#define S_MAX_JSONL (1u << 30) /* a file of records, not a document */

typedef struct {
    char *id;
    size_t start, end; /* the document's lines in the file */
    nqx_doc *d;
} S_group;

typedef struct {
    nqx_store *s;
    const char *path;
    sqlite3_stmt *valid, *fields, *agencies;
    nqx_error *err;
    long line;
} S_parse;

static nqx_status S_bad(S_parse *p, const char *why, const char *what)
{
    return nqx_fail(p->err, NQX_EFORMAT, p->path, p->line, -1, why, what);
}

static int S_is(sqlite3_stmt *st, int i, const char *type)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t && strcmp((const char *)t, type) == 0;
}

/* Agencies of a task line into r. */
static nqx_status S_agencies(S_parse *p, const char *line, size_t n,
                             nqx_record *r)
{
    static const char *const roles[] = {"lead", "advise", "execute",
                                        "coordinate", "report_to"};
    nqx_status st = NQX_OK;
    int rc;
    sqlite3_bind_text(p->agencies, 1, line, (int)n, SQLITE_STATIC);
    while ((rc = sqlite3_step(p->agencies)) == SQLITE_ROW) {
        nqx_agency *a;
        int k;
        if (!S_is(p->agencies, 2, "text") || !S_is(p->agencies, 3, "text")) {
            st = S_bad(p, "%s", "an agency needs a \"name\" and a \"role\" string");
            break;
        }
        for (k = 0; k < 5; k++)
            if (strcmp((const char *)sqlite3_column_text(p->agencies, 1),
                       roles[k]) == 0)
                break;
        if (k == 5) {
            st = S_bad(p, "unknown role \"%s\"",
                       (const char *)sqlite3_column_text(p->agencies, 1));
            break;
        }
        a = realloc(r->agencies, (r->nagencies + 1) * sizeof *a);
        if (!a) {
            st = nqx_fail(p->err, NQX_ENOMEM, p->path, p->line, -1,
                          "out of memory");
            break;
        }
        r->agencies = a;
        a[r->nagencies].name = nqx_store_col_str(p->agencies, 0);
        a[r->nagencies].role = (nqx_role)(k + 1);
        r->nagencies++;
    }
    if (!st && rc != SQLITE_DONE)
        st = S_bad(p, "%s", "\"agencies\" is not a list of objects");
    sqlite3_reset(p->agencies);
    return st;
}

typedef struct {
    S_group *v;
    size_t n;
} S_groups;

static void S_groups_free(S_groups *G)
{
    size_t i;
    for (i = 0; i < G->n; i++) {
        free(G->v[i].id);
        nqx_doc_free(G->v[i].d);
    }
    free(G->v);
}

/* The group of the document id: the current one, or a new one opened at
 * pos; NULL (err filled) when it appeared before another document. */
static S_group *S_group_of(S_parse *p, S_groups *G, const char *id,
                           size_t pos)
{
    size_t i;
    S_group *grown;
    if (G->n && strcmp(G->v[G->n - 1].id, id) == 0)
        return &G->v[G->n - 1];
    for (i = 0; i < G->n; i++)
        if (strcmp(G->v[i].id, id) == 0) {
            S_bad(p, "\"doc\": \"%s\" appears again after another document",
                  id);
            return NULL;
        }
    grown = realloc(G->v, (G->n + 1) * sizeof *grown);
    if (!grown)
        goto oom;
    G->v = grown;
    memset(&G->v[G->n], 0, sizeof *grown);
    G->v[G->n].start = pos;
    if (!(G->v[G->n].id = nqx_strndup(id, strlen(id))) ||
        !(G->v[G->n].d = calloc(1, sizeof(nqx_doc)))) {
        free(G->v[G->n].id);
        goto oom;
    }
    return &G->v[G->n++];
oom:
    nqx_fail(p->err, NQX_ENOMEM, p->path, p->line, -1, "out of memory");
    return NULL;
}

/* One line [a, b) of the file (the line starts at pos, the next at next)
 * -> one record of its document's group. */
static nqx_status S_line(S_parse *p, const char *bytes, size_t a, size_t b,
                         size_t pos, size_t next, S_groups *G)
{
    sqlite3_stmt *f = p->fields;
    const char *line = bytes + a;
    size_t n = b - a;
    nqx_record *r, *grown;
    S_group *grp;
    nqx_status st = NQX_OK;
    int target;
    sqlite3_bind_text(p->valid, 1, line, (int)n, SQLITE_STATIC);
    if (sqlite3_step(p->valid) != SQLITE_ROW)
        return nqx_store_fail(p->s, p->err, NULL);
    if (!S_is(p->valid, 0, "object")) {
        sqlite3_reset(p->valid);
        return S_bad(p, "%s", "not a JSON object");
    }
    sqlite3_reset(p->valid);
    sqlite3_bind_text(f, 1, line, (int)n, SQLITE_STATIC);
    if (sqlite3_step(f) != SQLITE_ROW) {
        st = nqx_store_fail(p->s, p->err, NULL);
        goto done;
    }
    /* columns: 0 doc 1 kind 2 text 3,4 span 5 section 6 deadline
     * 7 comparator 8 low 9 high 10 unit 11 aspirational 12 metric 13 scope,
     * then the JSON types of the same, from 14 */
    if (!S_is(f, 14, "text") || !sqlite3_column_bytes(f, 0)) {
        st = S_bad(p, "%s", "\"doc\" must be a non-empty string");
        goto done;
    }
    target = S_is(f, 1, "target") ? 1 : S_is(f, 1, "task") ? 0 : -1;
    if (target < 0 || !S_is(f, 15, "text")) {
        st = S_bad(p, "%s", "\"kind\" must be \"target\" or \"task\"");
        goto done;
    }
    if (!S_is(f, 17, "integer") || !S_is(f, 18, "integer") ||
        sqlite3_column_int64(f, 3) < 0 ||
        sqlite3_column_int64(f, 4) < sqlite3_column_int64(f, 3)) {
        st = S_bad(p, "%s",
                   "\"span\" must be [start, end] with 0 <= start <= end");
        goto done;
    }
    if (!S_is(f, 16, "text") ||
        (!S_is(f, 19, "text") && !S_is(f, 19, "null")) ||
        (!S_is(f, 20, "text") && !S_is(f, 20, "null"))) {
        st = S_bad(p, "%s", "\"text\" must be a string, \"section\" and "
                            "\"deadline\" strings or null");
        goto done;
    }
    if (target &&
        (!S_is(f, 21, "text") || sqlite3_column_bytes(f, 7) >= 8 ||
         !(S_is(f, 22, "integer") || S_is(f, 22, "real")) ||
         !(S_is(f, 23, "integer") || S_is(f, 23, "real")) ||
         !(S_is(f, 25, "true") || S_is(f, 25, "false")) ||
         !S_is(f, 24, "text") || !S_is(f, 26, "text") ||
         !(S_is(f, 27, "text") || S_is(f, 27, "null")))) {
        st = S_bad(p, "%s", "a target needs \"comparator\", \"low\", "
                            "\"high\", \"unit\", \"aspirational\", "
                            "\"metric\" and \"scope\"");
        goto done;
    }
    if (!(grp = S_group_of(p, G, (const char *)sqlite3_column_text(f, 0),
                           pos))) {
        st = p->err ? p->err->status : NQX_EFORMAT;
        goto done;
    }
    grown = realloc(grp->d->records, (grp->d->nrecords + 1) * sizeof *grown);
    if (!grown) {
        st = nqx_fail(p->err, NQX_ENOMEM, p->path, p->line, -1,
                      "out of memory");
        goto done;
    }
    grp->d->records = grown;
    grp->end = next;
    r = &grp->d->records[grp->d->nrecords++];
    memset(r, 0, sizeof *r);
    r->kind = target ? NQX_TARGET : NQX_TASK;
    nqx_store_record_cols(f, r);
    if (!target)
        st = S_agencies(p, line, n, r);
done:
    sqlite3_reset(f);
    return st;
}

/* Split the file into documents, every line checked. */
static nqx_status S_parse_all(S_parse *p, const char *bytes, size_t len,
                              S_groups *G)
{
    size_t pos = 0;
    nqx_status st = NQX_OK;
    while (pos < len && !st) {
        const char *nl = memchr(bytes + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - bytes) : len, a = pos, b = end;
        size_t next = nl ? end + 1 : len;
        p->line++;
        while (a < b && (bytes[a] == ' ' || bytes[a] == '\t'))
            a++;
        while (b > a && (bytes[b - 1] == ' ' || bytes[b - 1] == '\t' ||
                         bytes[b - 1] == '\r'))
            b--;
        if (a < b)
            st = S_line(p, bytes, a, b, pos, next, G);
        pos = next;
    }
    if (!st && !G->n)
        st = nqx_fail(p->err, NQX_EEMPTY, p->path, -1, -1, "no records");
    return st;
}

nqx_status nqx_store_ingest_jsonl(nqx_store *s, const nqx_grammar *g,
                                  const char *path,
                                  const nqx_store_meta *fill,
                                  nqx_ingest_fn fn, void *ctx,
                                  nqx_error *err)
{
    S_parse p;
    S_groups G = {NULL, 0};
    size_t i, n, valid;
    char *bytes;
    nqx_status st;
    if (s->readonly)
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                        "store opened read-only");
    st = nqx_read_file(path, S_MAX_JSONL, &bytes, &n, err);
    if (st)
        return st;
    valid = nqx_utf8_valid_prefix(bytes, n);
    if (valid != n) {
        free(bytes);
        return nqx_fail(err, NQX_EENCODING, path, -1, (long)valid,
                        "invalid UTF-8");
    }
    memset(&p, 0, sizeof p);
    p.s = s;
    p.path = path;
    p.err = err;
    if (sqlite3_prepare_v2(s->db,
            "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) END",
            -1, &p.valid, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
            "SELECT json_extract(?1, '$.doc'), json_extract(?1, '$.kind'),"
            " json_extract(?1, '$.text'), json_extract(?1, '$.span[0]'),"
            " json_extract(?1, '$.span[1]'), coalesce(json_extract(?1,"
            " '$.section'), ''), json_extract(?1, '$.deadline'),"
            " json_extract(?1, '$.comparator'), json_extract(?1, '$.low'),"
            " json_extract(?1, '$.high'), json_extract(?1, '$.unit'),"
            " json_extract(?1, '$.aspirational'), json_extract(?1, '$.metric'),"
            " json_extract(?1, '$.scope'),"
            " json_type(?1, '$.doc'), json_type(?1, '$.kind'),"
            " json_type(?1, '$.text'), json_type(?1, '$.span[0]'),"
            " json_type(?1, '$.span[1]'),"
            " coalesce(json_type(?1, '$.section'), 'null'),"
            " coalesce(json_type(?1, '$.deadline'), 'null'),"
            " json_type(?1, '$.comparator'), json_type(?1, '$.low'),"
            " json_type(?1, '$.high'), json_type(?1, '$.unit'),"
            " json_type(?1, '$.aspirational'), json_type(?1, '$.metric'),"
            " coalesce(json_type(?1, '$.scope'), 'null')",
            -1, &p.fields, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
            "SELECT json_extract(value, '$.name'), json_extract(value,"
            " '$.role'), json_type(value, '$.name'), json_type(value,"
            " '$.role') FROM json_each(?1, '$.agencies')",
            -1, &p.agencies, NULL) != SQLITE_OK) {
        st = nqx_store_fail(s, err, NULL);
        goto done;
    }
    st = S_parse_all(&p, bytes, n, &G);
    for (i = 0; !st && i < G.n; i++) {
        /* the identity is the document's lines: no text was given */
        nqx_text t;
        nqx_ingest_result res;
        memset(&t, 0, sizeof t);
        t.text = bytes + G.v[i].start;
        t.len = G.v[i].end - G.v[i].start;
        st = nqx_store_load(s, g, path, G.v[i].id, 1, NULL, 0, &t,
                            G.v[i].d, fill, &res, err);
        if (!st && fn)
            fn(ctx, G.v[i].id, &res);
    }
done:
    sqlite3_finalize(p.valid);
    sqlite3_finalize(p.fields);
    sqlite3_finalize(p.agencies);
    S_groups_free(&G);
    free(bytes);
    return st;
}
