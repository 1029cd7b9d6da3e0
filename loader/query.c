/* query.c: the questions users ask of the store. Every filter is folded
 * like the stored keys and bound as a parameter, never pasted into SQL. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

/* Stream the rows of a prepared statement to fn (see nqx_row). */
static nqx_status S_stream(nqx_store *s, sqlite3_stmt *st, int set,
                           nqx_row_fn fn, void *ctx, nqx_error *err)
{
    int ncols = sqlite3_column_count(st), i, rc, rows = 0;
    const char **names = calloc((size_t)ncols + 1, sizeof *names);
    const char **vals = calloc((size_t)ncols + 1, sizeof *vals);
    char (*num)[32] = calloc((size_t)ncols + 1, sizeof *num);
    nqx_cell_type *types = calloc((size_t)ncols + 1, sizeof *types);
    nqx_row row;
    nqx_status res = NQX_OK;
    if (!names || !vals || !types || !num) {
        res = nqx_fail(err, NQX_ENOMEM, s->path, -1, -1, "out of memory");
        goto done;
    }
    for (i = 0; i < ncols; i++)
        names[i] = sqlite3_column_name(st, i);
    row.set = set;
    row.ncols = ncols;
    row.names = names;
    row.types = types;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (i = 0; i < ncols; i++) {
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_NULL:
                types[i] = NQX_CELL_NULL;
                vals[i] = NULL;
                break;
            case SQLITE_INTEGER:
                types[i] = NQX_CELL_INT;
                vals[i] = (const char *)sqlite3_column_text(st, i);
                break;
            case SQLITE_FLOAT: {
                /* as the spec's records write numbers: 18, not 18.0 */
                double v = sqlite3_column_double(st, i);
                types[i] = NQX_CELL_REAL;
                if (v == (double)(long long)v && v < 1e15 && v > -1e15)
                    snprintf(num[i], sizeof num[i], "%lld", (long long)v);
                else
                    snprintf(num[i], sizeof num[i], "%.10g", v);
                vals[i] = num[i];
                break;
            }
            default:
                types[i] = NQX_CELL_TEXT;
                vals[i] = (const char *)sqlite3_column_text(st, i);
            }
        }
        row.values = vals;
        rows++;
        if (fn(ctx, &row))
            goto done;
    }
    if (rc != SQLITE_DONE) {
        res = nqx_store_fail(s, err, NULL);
        goto done;
    }
    if (!rows) {
        row.values = NULL;
        fn(ctx, &row);
    }
done:
    free(names);
    free(vals);
    free(types);
    free(num);
    return res;
}

/* The folded words (or agency key, when agency) as a LIKE pattern body
 * (\ escapes % and _), or NULL for no filter. *bad is set on invalid
 * UTF-8. Caller frees. */
static char *S_like_key(const char *words, int *bad, int agency,
                        const nqx_grammar *g)
{
    char *f, *out;
    size_t i, j = 0;
    if (!words)
        return NULL;
    f = agency ? nqx_store_agency_key(g, words) : nqx_fold(words, strlen(words));
    if (!f) {
        *bad = 1;
        return NULL;
    }
    out = malloc(strlen(f) * 2 + 1);
    if (!out) {
        free(f);
        *bad = 1;
        return NULL;
    }
    for (i = 0; f[i]; i++) {
        if (f[i] == '%' || f[i] == '_' || f[i] == '\\')
            out[j++] = '\\';
        out[j++] = f[i];
    }
    out[j] = '\0';
    free(f);
    return out;
}

static char *S_like(const char *words, int *bad)
{
    return S_like_key(words, bad, 0, NULL);
}

static nqx_status S_prep(nqx_store *s, const char *sql, sqlite3_stmt **st,
                         nqx_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return nqx_store_fail(s, err, NULL);
    return NQX_OK;
}

static int S_iso_date(const char *d)
{
    char due[11];
    return d && strlen(d) == 10 && nqx_store_due_date(d, due);
}

nqx_status nqx_store_targets(nqx_store *s, const nqx_target_query *q,
                             nqx_row_fn fn, void *ctx, nqx_error *err)
{
    static const nqx_target_query all;
    sqlite3_stmt *st = NULL;
    char *metric, *loc;
    int bad = 0;
    nqx_status rc;
    if (!q)
        q = &all;
    metric = S_like(q->metric, &bad);
    loc = S_like(q->locality, &bad);
    if (bad) {
        rc = nqx_fail(err, NQX_EINVAL, s->path, -1, -1,
                      "filter is not valid UTF-8");
        goto done;
    }
    rc = S_prep(s,
        "SELECT doc, locality, section, metric, comparator, low, high, unit,"
        " aspirational, deadline, due FROM target_list"
        " WHERE (?1 IS NULL OR metric_key LIKE '%' || ?1 || '%' ESCAPE '\\')"
        " AND (?2 IS NULL OR locality_key LIKE '%' || ?2 || '%' ESCAPE '\\')"
        " AND (?3 = 0 OR substr(due, 1, 4) = printf('%04d', ?3))"
        " AND (?4 = 0 OR aspirational = 1)"
        " ORDER BY doc, id", &st, err);
    if (rc)
        goto done;
    sqlite3_bind_text(st, 1, metric, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, loc, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, q->year);
    sqlite3_bind_int(st, 4, q->aspirational != 0);
    rc = S_stream(s, st, 0, fn, ctx, err);
done:
    sqlite3_finalize(st);
    free(metric);
    free(loc);
    return rc;
}

nqx_status nqx_store_tasks(nqx_store *s, const nqx_task_query *q,
                           nqx_row_fn fn, void *ctx, nqx_error *err)
{
    static const nqx_task_query all;
    static const char *const roles[] = {"lead", "advise", "execute",
                                        "coordinate", "report_to", NULL};
    sqlite3_stmt *st = NULL;
    char *agency;
    int bad = 0, i;
    nqx_status rc;
    if (!q)
        q = &all;
    if (q->role) {
        for (i = 0; roles[i] && strcmp(roles[i], q->role) != 0; i++)
            ;
        if (!roles[i])
            return nqx_fail(err, NQX_EINVAL, NULL, -1, -1,
                            "unknown role '%s' (lead, advise, execute, "
                            "coordinate, report_to)", q->role);
    }
    if (q->due_before && !S_iso_date(q->due_before))
        return nqx_fail(err, NQX_EINVAL, NULL, -1, -1,
                        "'%s' is not a date (YYYY-MM-DD)", q->due_before);
    if (q->today && !S_iso_date(q->today))
        return nqx_fail(err, NQX_EINVAL, NULL, -1, -1,
                        "'%s' is not a date (YYYY-MM-DD)", q->today);
    agency = S_like_key(q->agency, &bad, 1, q->grammar);
    if (bad)
        return nqx_fail(err, NQX_EINVAL, s->path, -1, -1,
                        "filter is not valid UTF-8");
    rc = S_prep(s,
        "SELECT doc, section, agencies, deadline, due, text FROM task_list k"
        " WHERE ((?1 IS NULL AND ?2 IS NULL) OR EXISTS (SELECT 1"
        "   FROM task_agencies a JOIN agencies g ON g.id = a.agency_id"
        "   WHERE a.task_id = k.id"
        "   AND (?1 IS NULL OR g.key LIKE '%' || ?1 || '%' ESCAPE '\\')"
        "   AND (?2 IS NULL OR a.role = ?2)))"
        " AND (?3 IS NULL OR due < ?3)"
        " AND (?4 = 0 OR due < coalesce(?5, date('now')))"
        " ORDER BY due IS NULL, due, doc, id", &st, err);
    if (rc)
        goto done;
    sqlite3_bind_text(st, 1, agency, -1, SQLITE_STATIC);
    if (q->role)
        sqlite3_bind_text(st, 2, q->role, -1, SQLITE_STATIC);
    if (q->due_before)
        sqlite3_bind_text(st, 3, q->due_before, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, q->overdue != 0);
    if (q->today)
        sqlite3_bind_text(st, 5, q->today, -1, SQLITE_STATIC);
    rc = S_stream(s, st, 0, fn, ctx, err);
done:
    sqlite3_finalize(st);
    free(agency);
    return rc;
}

nqx_status nqx_store_compare(nqx_store *s, const char *metric, const char *by,
                             nqx_row_fn fn, void *ctx, nqx_error *err)
{
    /* the grouping column comes from this fixed list, never from the user */
    static const char *const sql[] = {
        "SELECT doc, metric, comparator, low, high, unit, deadline, due,"
        " locality FROM target_list WHERE metric_key LIKE '%' || ?1 || '%'"
        " ESCAPE '\\' ORDER BY doc, id",
        "SELECT coalesce(locality, '?') AS locality, doc, metric, comparator,"
        " low, high, unit, deadline, due FROM target_list"
        " WHERE metric_key LIKE '%' || ?1 || '%' ESCAPE '\\'"
        " ORDER BY 1, doc, id",
        "SELECT substr(due, 1, 4) AS year, doc, locality, metric, comparator,"
        " low, high, unit, deadline FROM target_list"
        " WHERE metric_key LIKE '%' || ?1 || '%' ESCAPE '\\'"
        " ORDER BY year IS NULL, year, doc, id"};
    sqlite3_stmt *st = NULL;
    char *like;
    int bad = 0, k = 0;
    nqx_status rc;
    if (!metric || !*metric)
        return nqx_fail(err, NQX_EINVAL, NULL, -1, -1,
                        "compare needs the words of a metric");
    if (by && strcmp(by, "locality") == 0)
        k = 1;
    else if (by && strcmp(by, "year") == 0)
        k = 2;
    else if (by && strcmp(by, "document") != 0 && strcmp(by, "doc") != 0)
        return nqx_fail(err, NQX_EINVAL, NULL, -1, -1,
                        "cannot compare by '%s' (locality, year, document)",
                        by);
    like = S_like(metric, &bad);
    if (bad)
        return nqx_fail(err, NQX_EINVAL, NULL, -1, -1,
                        "metric is not valid UTF-8");
    rc = S_prep(s, sql[k], &st, err);
    if (!rc) {
        sqlite3_bind_text(st, 1, like, -1, SQLITE_STATIC);
        rc = S_stream(s, st, 0, fn, ctx, err);
    }
    sqlite3_finalize(st);
    free(like);
    return rc;
}

/* ------------------------------------------------------------------ */
/* search                                                              */

/* The letter-and-digit tokens of a folded string, one space apart and
 * with a space at each end, so that strstr() matches whole words. */
static char *S_tokens(const char *folded)
{
    nqx_buf b = {0};
    const unsigned char *p = (const unsigned char *)folded;
    int sep = 1;
    nqx_buf_puts(&b, " ");
    for (; *p; p++) {
        if (*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z')) {
            nqx_buf_append(&b, (const char *)p, 1);
            sep = 0;
        } else if (!sep) {
            nqx_buf_puts(&b, " ");
            sep = 1;
        }
    }
    if (!sep)
        nqx_buf_puts(&b, " ");
    return nqx_buf_steal(&b);
}

/* The tokens as one FTS5 phrase: tokens are letters and digits, so
 * nothing the user types can become FTS5 syntax. Caller frees. */
static char *S_phrase(const char *tokens)
{
    nqx_buf b = {0};
    size_t n = strlen(tokens);
    if (n < 3)
        return NULL;
    nqx_buf_puts(&b, "\"");
    nqx_buf_append(&b, tokens + 1, n - 2);
    if (nqx_buf_puts(&b, "\"")) {
        nqx_buf_free(&b);
        return NULL;
    }
    return nqx_buf_steal(&b);
}

/* The sentence of text that holds the phrase: [*s, *e). */
static void S_sentence(const char *text, const char *want, size_t *s,
                       size_t *e)
{
    size_t len = strlen(text), a = 0, i;
    *s = 0;
    *e = len;
    for (i = 0; i <= len; i++) {
        int end = i == len ||
                  ((text[i] == '.' || text[i] == ';' || text[i] == '?' ||
                    text[i] == '!') &&
                   (i + 1 == len || text[i + 1] == ' '));
        /* a segment without a space is a label ("1.", "II.") or one
         * word: it belongs to the sentence that follows */
        if (end && i < len && !memchr(text + a, ' ', i - a))
            end = 0;
        if (end) {
            size_t b = i < len ? i + 1 : len;
            char *f = nqx_fold(text + a, b - a);
            char *tok = f ? S_tokens(f) : NULL;
            free(f);
            if (tok && strstr(tok, want)) {
                free(tok);
                *s = a;
                *e = b;
                break;
            }
            free(tok);
            a = b;
            while (a < len && text[a] == ' ')
                a++;
        }
    }
}

typedef struct {
    nqx_row_fn fn;
    void *ctx;
    const char *want;   /* the query's tokens, " a b " */
    char *doc;          /* current document */
    char **seen;        /* sentences already given for it */
    size_t nseen;
    long long *spans;   /* [start, end) of the passages given for it */
    size_t nspans;
    int stop, fail;
} S_search;

static void S_seen_reset(S_search *q)
{
    size_t i;
    for (i = 0; i < q->nseen; i++)
        free(q->seen[i]);
    q->nseen = 0;
    q->nspans = 0;
}

static int S_search_row(void *ctx, const nqx_row *row)
{
    S_search *q = ctx;
    static const char *const names[3] = {"doc", "section", "sentence"};
    static const nqx_cell_type types[3] = {NQX_CELL_TEXT, NQX_CELL_TEXT,
                                           NQX_CELL_TEXT};
    const char *vals[3];
    nqx_row out;
    size_t s, e, i;
    char *sent, **grown;
    out.set = 0;
    out.ncols = 3;
    out.names = names;
    out.types = types;
    if (!row->values) {
        out.values = NULL;
        return q->fn(q->ctx, &out);
    }
    if (!q->doc || strcmp(q->doc, row->values[0]) != 0) {
        S_seen_reset(q);
        free(q->doc);
        q->doc = nqx_strndup(row->values[0], strlen(row->values[0]));
    }
    {
        /* a line and the record made of it (or a record spanning lines
         * and its lines) overlap: the first given stands for both */
        long long ps = atoll(row->values[3]), pe = atoll(row->values[4]);
        long long *sp = realloc(q->spans, (q->nspans + 1) * 2 * sizeof *sp);
        if (!sp) {
            q->fail = 1;
            return 1;
        }
        q->spans = sp;
        for (i = 0; i < q->nspans; i++)
            if (sp[2 * i] < pe && ps < sp[2 * i + 1])
                return 0;
        sp[2 * q->nspans] = ps;
        sp[2 * q->nspans + 1] = pe;
        q->nspans++;
    }
    S_sentence(row->values[2], q->want, &s, &e);
    sent = nqx_strndup(row->values[2] + s, e - s);
    grown = realloc(q->seen, (q->nseen + 1) * sizeof *grown);
    if (!sent || !grown || !q->doc) {
        free(sent);
        if (grown)
            q->seen = grown;
        q->fail = 1;
        return 1;
    }
    q->seen = grown;
    for (i = 0; i < q->nseen; i++)
        if (strcmp(q->seen[i], sent) == 0) {
            free(sent);
            return 0;
        }
    q->seen[q->nseen++] = sent;
    vals[0] = row->values[0];
    vals[1] = row->values[1];
    vals[2] = sent;
    out.values = vals;
    q->stop = q->fn(q->ctx, &out);
    return q->stop;
}

nqx_status nqx_store_search(nqx_store *s, const char *words, nqx_row_fn fn,
                            void *ctx, nqx_error *err)
{
    sqlite3_stmt *st = NULL;
    char *folded = words ? nqx_fold(words, strlen(words)) : NULL;
    char *want = folded ? S_tokens(folded) : NULL;
    char *phrase = want ? S_phrase(want) : NULL;
    S_search q;
    nqx_status rc;
    free(folded);
    if (!phrase) {
        free(want);
        return nqx_fail(err, NQX_EINVAL, NULL, -1, -1,
                        "nothing to search for (give words)");
    }
    memset(&q, 0, sizeof q);
    q.fn = fn;
    q.ctx = ctx;
    q.want = want;
    rc = S_prep(s,
        "SELECT d.name, p.section, p.text, p.start, p.end FROM passages_fts f"
        " JOIN passages p ON p.id = f.rowid"
        " JOIN documents d ON d.id = p.doc_id"
        " WHERE passages_fts MATCH ?1 AND d.superseded = 0"
        " ORDER BY d.name, d.id, p.start, p.kind = 'para' DESC", &st, err);
    if (!rc) {
        sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
        rc = S_stream(s, st, 0, S_search_row, &q, err);
    }
    if (!rc && q.fail)
        rc = nqx_fail(err, NQX_ENOMEM, s->path, -1, -1, "out of memory");
    sqlite3_finalize(st);
    S_seen_reset(&q);
    free(q.seen);
    free(q.spans);
    free(q.doc);
    free(phrase);
    free(want);
    return rc;
}

/* ------------------------------------------------------------------ */
/* read-only SQL                                                       */

nqx_status nqx_store_sql(nqx_store *s, const char *sql, nqx_row_fn fn,
                         void *ctx, nqx_error *err)
{
    const char *tail = sql;
    int set = 0;
    while (tail && *tail) {
        sqlite3_stmt *st = NULL;
        const char *start = tail;
        nqx_status rc;
        if (sqlite3_prepare_v2(s->db, tail, -1, &st, &tail) != SQLITE_OK)
            return nqx_store_fail(s, err, NULL);
        if (!st) /* only spaces or comments */
            continue;
        if (!sqlite3_stmt_readonly(st)) {
            int n = (int)(tail - start);
            while (n > 0 && (*start == ' ' || *start == '\n' || *start == '\t')) {
                start++;
                n--;
            }
            sqlite3_finalize(st);
            return nqx_fail(err, NQX_EINVAL, s->path, -1, -1,
                            "refused, not a read-only statement: %.*s",
                            n > 80 ? 80 : n, start);
        }
        rc = S_stream(s, st, set++, fn, ctx, err);
        sqlite3_finalize(st);
        if (rc)
            return rc;
    }
    return NQX_OK;
}
