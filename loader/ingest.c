/* ingest.c: one document -> one transaction; the file pipeline (read,
 * HTML, sidecar metadata, normalize, extract, load); due dates. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Inputs larger than this are refused whole (bounded memory). */
#define S_MAX_INPUT (256u << 20)

/* ------------------------------------------------------------------ */
/* due dates                                                           */

static int S_digits(const char *s, int n)
{
    int i, v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int S_month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int nqx_store_due_date(const char *dl, char out[11])
{
    const char *slash;
    size_t n;
    int y, m, d;
    if (!dl)
        return 0;
    slash = strchr(dl, '/');
    if (slash) { /* a period "2023/2025" is due at its end; "R/P1Y" never */
        if (dl[0] == 'R')
            return 0;
        return nqx_store_due_date(slash + 1, out);
    }
    n = strlen(dl);
    if (n < 4 || (y = S_digits(dl, 4)) < 0)
        return 0;
    if (n == 4) {
        m = 12;
        d = 31;
    } else if (n == 7 && dl[4] == '-' && dl[5] == 'Q' && dl[6] >= '1' &&
               dl[6] <= '4') {
        m = (dl[6] - '0') * 3;
        d = S_month_days(y, m);
    } else if (n == 7 && dl[4] == '-' && (m = S_digits(dl + 5, 2)) >= 1 &&
               m <= 12) {
        d = S_month_days(y, m);
    } else if (n == 10 && dl[4] == '-' && dl[7] == '-' &&
               (m = S_digits(dl + 5, 2)) >= 1 && m <= 12 &&
               (d = S_digits(dl + 8, 2)) >= 1 && d <= S_month_days(y, m)) {
        /* a day is due on itself */
    } else
        return 0;
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m, d);
    return 1;
}

/* ------------------------------------------------------------------ */
/* statements                                                          */

/* Bind s, or NULL. Static: every value bound here outlives the step that
 * reads it (S_done), and SQLite then copies it into the row; a transient
 * binding copied each string once more (a malloc and a free). */
static void S_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* Keep the first error message of a write (see nqx_store.last). */
static int S_note(nqx_store *s, int rc)
{
    if (rc != SQLITE_OK && !s->last[0])
        snprintf(s->last, sizeof s->last, "%s", sqlite3_errmsg(s->db));
    return rc;
}

/* Step a statement that returns no row (or whose row is not wanted). */
static int S_done(nqx_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    rc = S_note(s, rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc);
    sqlite3_reset(st); /* (clears the message, hence S_note first) */
    return rc;
}

/* Outline nodes and lines are inserted S_BIG to a statement where there
 * are that many, then S_ROWS, then one at a time: one step then does the
 * work of 32 (the statement's own cost per step, its cursors opened and
 * closed, was a quarter of a node's insert; with 32 rows instead of 8,
 * ingest --no-ocr of 2,000 textcorpus files took 1.5% less time). The
 * rows and their order are those of one at a time. */
#define S_ROWS 8
#define S_BIG 32
#define S_X8(x) x "," x "," x "," x "," x "," x "," x "," x
#define S_X32(x) S_X8(x) "," S_X8(x) "," S_X8(x) "," S_X8(x)
#define S_NODE_COLS                                                          \
    "INSERT INTO nodes (doc_id, idx, kind, label, path, level, parent, "    \
    "start, end, body_end, flags, part) VALUES "
#define S_NODE_ROW "(?,?,?,?,?,?,?,?,?,?,?,?)"
#define S_NODE_NCOL 12
#define S_PASSAGE_COLS                                                       \
    "INSERT INTO passages (doc_id, kind, start, end, section, text) VALUES "
#define S_PASSAGE_ROW "(?,?,?,?,?,?)"
#define S_PASSAGE_NCOL 6

static const char *const S_sql[NQX_ST_COUNT] = {
    [NQX_ST_FIND] = "SELECT id, file, superseded FROM documents"
                    " WHERE text_sha256 = ?",
    [NQX_ST_DOC] =
        "INSERT INTO documents (name, file, input_sha256, text_sha256, "
        "encoding, text_bytes, changes, kind, number, date, issuer, "
        "locality, locality_key, title, signer_name, signer_title, cites, "
        "recipients) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [NQX_ST_SUPERSEDE] =
        "UPDATE documents SET superseded = 1, superseded_by = ?1"
        " WHERE name = ?2 AND superseded = 0 AND id <> ?1",
    [NQX_ST_PART] =
        "INSERT INTO parts (doc_id, idx, kind, number, date, issuer, "
        "locality, title, signer_name, signer_title, cites, recipients, "
        "start, end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [NQX_ST_NODE] = S_NODE_COLS S_NODE_ROW,
    [NQX_ST_NODES] = S_NODE_COLS S_X8(S_NODE_ROW),
    [NQX_ST_NODES32] = S_NODE_COLS S_X32(S_NODE_ROW),
    [NQX_ST_CORRECTION] =
        "INSERT INTO corrections (doc_id, in_off, out_off, from_text, "
        "to_text, confidence) VALUES (?,?,?,?,?,?)",
    [NQX_ST_TARGET] =
        "INSERT INTO targets (doc_id, pos, part, text, start, end, section, "
        "deadline, due, comparator, low, high, unit, aspirational, metric, "
        "metric_key, scope) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [NQX_ST_TASK] =
        "INSERT INTO tasks (doc_id, pos, part, text, start, end, section, "
        "deadline, due) VALUES (?,?,?,?,?,?,?,?,?)",
    [NQX_ST_AGENCY] = "INSERT INTO agencies (key) VALUES (?) "
                      "ON CONFLICT (key) DO NOTHING",
    [NQX_ST_AGENCY_ID] = "SELECT id FROM agencies WHERE key = ?",
    [NQX_ST_AGENCY_NAME] = "INSERT OR IGNORE INTO agency_names "
                           "(agency_id, name) VALUES (?, ?)",
    [NQX_ST_TASK_AGENCY] = "INSERT INTO task_agencies (task_id, pos, "
                           "agency_id, name, role) VALUES (?,?,?,?,?)",
    [NQX_ST_PASSAGE] = S_PASSAGE_COLS S_PASSAGE_ROW,
    [NQX_ST_PASSAGES] = S_PASSAGE_COLS S_X8(S_PASSAGE_ROW),
    [NQX_ST_PASSAGES32] = S_PASSAGE_COLS S_X32(S_PASSAGE_ROW),
    [NQX_ST_FTS] = "INSERT INTO passages_fts (rowid, folded) VALUES (?, ?)"};

/* The handle's statement `which`, prepared on first use (see
 * nqx_store.st); NULL after noting the error. */
static sqlite3_stmt *S_stmt(nqx_store *s, int which)
{
    if (!s->st[which] &&
        S_note(s, sqlite3_prepare_v3(s->db, S_sql[which], -1,
                                     SQLITE_PREPARE_PERSISTENT,
                                     &s->st[which], NULL)) != SQLITE_OK)
        return NULL;
    return s->st[which];
}

/* The base name without directory and extension: the document id. */
static char *S_doc_id(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;
    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    if (!dot || dot == base)
        dot = base + strlen(base);
    return nqx_strndup(base, (size_t)(dot - base));
}

/* A JSON array of strings, or NULL when there are none (caller frees). */
static char *S_json_list(char **v, size_t n)
{
    nqx_buf b = {0};
    size_t i;
    if (!n)
        return NULL;
    nqx_buf_puts(&b, "[");
    for (i = 0; i < n; i++) {
        if (i)
            nqx_buf_puts(&b, ", ");
        nqx_buf_json_str(&b, v[i] ? v[i] : "", v[i] ? strlen(v[i]) : 0);
    }
    if (nqx_buf_puts(&b, "]")) {
        nqx_buf_free(&b);
        return NULL;
    }
    return nqx_buf_steal(&b);
}

char *nqx_store_agency_key(const nqx_grammar *g, const char *name)
{
    /* the extractor's key: folded, abbreviations expanded, so that the
     * store joins the agencies the extractor would join */
    return nqx_ext_agency_key(g, name);
}

typedef struct {
    nqx_store *s;
    const nqx_grammar *g;
    int no_lines;       /* t is not the document's text: index no lines */
    long long doc;
    sqlite3_stmt *target, *task, *agency, *agency_id, *agency_name,
        *task_agency, *passage, *passages, *passages32; /* the handle's
                                                          (S_stmt) */
} S_load;

static const char *S_or(const char *a, const char *b) { return a ? a : b; }

/* nqx_fold() fails only on invalid UTF-8 or no memory. */
static int S_fold_failed(nqx_store *s)
{
    if (!s->last[0])
        snprintf(s->last, sizeof s->last,
                 "cannot fold text (invalid UTF-8 or out of memory)");
    return SQLITE_NOMEM;
}

static int S_nomem(nqx_store *s)
{
    if (!s->last[0])
        snprintf(s->last, sizeof s->last, "out of memory");
    return SQLITE_NOMEM;
}

static int S_space_char(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Append nqx_fold(text[0..n)) to b word by word, for a text that holds a
 * code point beyond nqx_fold_fast's tables (a Chinese name, an arrow):
 * nqx_fold's utf8proc path then ran over the whole line, ten times the
 * cost of the tables, and on 200 textcorpus files 1% of the lines took a
 * third of the folding time. The same result: folding maps each code
 * point alone (decompose, case-fold, strip marks: none of it reaches
 * across code points), and its spacing makes each run of these six
 * ASCII spaces one space and trims the ends, so fold(text) is the folds
 * of its words, non-empty ones joined by one space. Only a word with such
 * a code point goes through utf8proc. -1 on invalid UTF-8 or no memory. */
static int S_fold_words(nqx_buf *b, const char *text, size_t n)
{
    size_t a = 0, e;
    int first = 1;
    while (a < n) {
        long f;
        size_t at;
        if (S_space_char(text[a])) {
            a++;
            continue;
        }
        for (e = a; e < n && !S_space_char(text[e]); e++)
            ;
        if (nqx_buf_reserve(b, 2 * (e - a) + 2))
            return -1;
        at = b->len + !first; /* after the space that joins it */
        f = nqx_fold_fast(text + a, e - a, b->data + at);
        if (f < 0) {
            char *w = nqx_fold(text + a, e - a);
            if (!w)
                return -1;
            f = (long)strlen(w);
            if (nqx_buf_reserve(b, (size_t)f + 2)) {
                free(w);
                return -1;
            }
            memcpy(b->data + at, w, (size_t)f + 1);
            free(w);
        }
        if (f > 0) {
            if (!first)
                b->data[b->len] = ' ';
            b->len = at + (size_t)f;
            first = 0;
        }
        a = e;
    }
    if (nqx_buf_reserve(b, 1))
        return -1;
    b->data[b->len] = '\0';
    return 0;
}

/* Queue the folded text of passage id for the FTS5 index, folded straight
 * into s->pend (no copy of its own: nqx_fold_fast writes in place). */
static int S_pend(nqx_store *s, long long id, const char *text, size_t n)
{
    long f;
    if (s->npend == s->pend_cap) {
        size_t cap = s->pend_cap ? 2 * s->pend_cap : 1024;
        long long *ids = realloc(s->pend_id, cap * sizeof *ids);
        size_t *ends;
        if (ids)
            s->pend_id = ids;
        ends = ids ? realloc(s->pend_end, cap * sizeof *ends) : NULL;
        if (!ends)
            return S_nomem(s);
        s->pend_end = ends;
        s->pend_cap = cap;
    }
    if (nqx_buf_reserve(&s->pend, 2 * n + 1))
        return S_nomem(s);
    /* (the index's tokens are nqx_fold's: core/internal.h) */
    f = nqx_fold_tokens_fast(text, n, s->pend.data + s->pend.len);
    if (f < 0)
        f = nqx_fold_fast(text, n, s->pend.data + s->pend.len);
    if (f >= 0)
        s->pend.len += (size_t)f;
    else if (!memchr(text, '\0', n)) { /* (a NUL ends what nqx_fold folds) */
        size_t len = s->pend.len;
        if (S_fold_words(&s->pend, text, n)) {
            s->pend.len = len;
            return S_fold_failed(s);
        }
    } else {
        char *folded = nqx_fold(text, n);
        int bad = !folded || nqx_buf_append(&s->pend, folded, strlen(folded));
        free(folded);
        if (bad)
            return S_fold_failed(s);
    }
    s->pend_id[s->npend] = id;
    s->pend_end[s->npend++] = s->pend.len;
    return SQLITE_OK;
}

/* Forget the queued passages from the k-th on (their rows rolled back). */
static void S_pend_cut(nqx_store *s, size_t k)
{
    s->npend = k;
    s->pend.len = k ? s->pend_end[k - 1] : 0;
}

/* Index the queued passages (one FTS5 segment for all of them) and
 * empty the queue, whatever the outcome. */
static int S_pend_flush(nqx_store *s)
{
    sqlite3_stmt *st = S_stmt(s, NQX_ST_FTS);
    size_t i, from = 0;
    int rc = st ? SQLITE_OK : SQLITE_ERROR;
    for (i = 0; rc == SQLITE_OK && i < s->npend; i++) {
        sqlite3_bind_int64(st, 1, s->pend_id[i]);
        sqlite3_bind_text(st, 2, s->pend.data + from,
                          (int)(s->pend_end[i] - from), SQLITE_STATIC);
        rc = S_done(s, st);
        from = s->pend_end[i];
    }
    S_pend_cut(s, 0);
    return rc;
}

static int S_passage(S_load *L, const char *kind, size_t start, size_t end,
                     const char *section, const char *text, size_t n)
{
    int rc;
    sqlite3_bind_int64(L->passage, 1, L->doc);
    sqlite3_bind_text(L->passage, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(L->passage, 3, (long long)start);
    sqlite3_bind_int64(L->passage, 4, (long long)end);
    S_text(L->passage, 5, section);
    /* (static: text outlives the step, which copies it into the row) */
    sqlite3_bind_text(L->passage, 6, text, (int)n, SQLITE_STATIC);
    rc = S_done(L->s, L->passage);
    if (rc == SQLITE_OK)
        rc = S_pend(L->s, sqlite3_last_insert_rowid(L->s->db), text, n);
    return rc;
}

static int S_agency(S_load *L, long long task, size_t pos,
                    const nqx_agency *a)
{
    char *key = nqx_store_agency_key(L->g, a->name ? a->name : "");
    long long id = 0;
    int rc;
    if (!key)
        return S_fold_failed(L->s);
    sqlite3_bind_text(L->agency, 1, key, -1, SQLITE_STATIC);
    rc = S_done(L->s, L->agency);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(L->agency_id, 1, key, -1, SQLITE_STATIC);
        rc = sqlite3_step(L->agency_id);
        if (rc == SQLITE_ROW) {
            id = sqlite3_column_int64(L->agency_id, 0);
            rc = SQLITE_OK;
        }
        sqlite3_reset(L->agency_id);
    }
    free(key);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(L->agency_name, 1, id);
    S_text(L->agency_name, 2, S_or(a->name, ""));
    if ((rc = S_done(L->s, L->agency_name)) != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(L->task_agency, 1, task);
    sqlite3_bind_int64(L->task_agency, 2, (long long)pos);
    sqlite3_bind_int64(L->task_agency, 3, id);
    S_text(L->task_agency, 4, S_or(a->name, ""));
    sqlite3_bind_text(L->task_agency, 5, nqx_role_name(a->role), -1,
                      SQLITE_STATIC);
    return S_done(L->s, L->task_agency);
}

static int S_record(S_load *L, size_t pos, const nqx_record *r)
{
    char due[11];
    int has_due = nqx_store_due_date(r->deadline, due);
    sqlite3_stmt *st = r->kind == NQX_TARGET ? L->target : L->task;
    char *key = NULL; /* the metric's, bound until the step */
    long long id;
    size_t i;
    int rc;
    sqlite3_bind_int64(st, 1, L->doc);
    sqlite3_bind_int64(st, 2, (long long)pos);
    sqlite3_bind_int(st, 3, r->doc_index);
    S_text(st, 4, r->text);
    sqlite3_bind_int64(st, 5, (long long)r->start);
    sqlite3_bind_int64(st, 6, (long long)r->end);
    S_text(st, 7, r->section);
    S_text(st, 8, r->deadline);
    S_text(st, 9, has_due ? due : NULL);
    if (r->kind == NQX_TARGET) {
        key = r->metric ? nqx_fold(r->metric, strlen(r->metric)) : NULL;
        sqlite3_bind_text(st, 10, r->comparator, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 11, r->low);
        sqlite3_bind_double(st, 12, r->high);
        S_text(st, 13, r->unit);
        sqlite3_bind_int(st, 14, r->aspirational != 0);
        S_text(st, 15, r->metric);
        S_text(st, 16, key);
        S_text(st, 17, r->scope);
    }
    rc = S_done(L->s, st);
    free(key);
    if (rc != SQLITE_OK)
        return rc;
    id = sqlite3_last_insert_rowid(L->s->db);
    if (r->kind == NQX_TASK)
        for (i = 0; i < r->nagencies; i++)
            if ((rc = S_agency(L, id, i, &r->agencies[i])) != SQLITE_OK)
                return rc;
    if (r->text)
        return S_passage(L, r->kind == NQX_TARGET ? "target" : "task",
                         r->start, r->end, r->section, r->text,
                         strlen(r->text));
    return SQLITE_OK;
}

typedef struct {
    size_t start, end;
    const char *section;
} S_line;

/* rows (S_ROWS or S_BIG) lines of t as passages in one statement, st
 * (L->passages or L->passages32). The rows get
 * consecutive ids ending at the last one inserted: a new row's id is one
 * more than the table's largest (SQLite's rule below the largest
 * possible id, 2^63 - 1, which the lines of every document ever written
 * would not reach). */
static int S_lines(S_load *L, const nqx_text *t, const S_line *v, int rows,
                   sqlite3_stmt *st)
{
    long long last;
    int r, rc;
    for (r = 0; r < rows; r++) {
        int b = r * S_PASSAGE_NCOL;
        sqlite3_bind_int64(st, b + 1, L->doc);
        sqlite3_bind_text(st, b + 2, "para", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, b + 3, (long long)v[r].start);
        sqlite3_bind_int64(st, b + 4, (long long)v[r].end);
        S_text(st, b + 5, v[r].section);
        sqlite3_bind_text(st, b + 6, t->text + v[r].start,
                          (int)(v[r].end - v[r].start), SQLITE_STATIC);
    }
    if ((rc = S_done(L->s, st)) != SQLITE_OK)
        return rc;
    last = sqlite3_last_insert_rowid(L->s->db);
    for (r = 0; rc == SQLITE_OK && r < rows; r++)
        rc = S_pend(L->s, last - (rows - 1) + r, t->text + v[r].start,
                    v[r].end - v[r].start);
    return rc;
}

/* One passage per line of the text, with the numbering path of the
 * deepest outline node that holds it (one sweep: nodes are in order). */
static int S_paragraphs(S_load *L, const nqx_text *t, const nqx_doc *d)
{
    size_t pos = 0, k = 0, depth = 0, nv = 0, i;
    size_t *stack = NULL;
    S_line v[S_BIG];
    int rc = SQLITE_OK;
    if (d->nnodes) {
        stack = malloc(d->nnodes * sizeof *stack);
        if (!stack)
            return SQLITE_NOMEM;
    }
    while (pos < t->len && rc == SQLITE_OK) {
        const char *nl = memchr(t->text + pos, '\n', t->len - pos);
        size_t end = nl ? (size_t)(nl - t->text) : t->len, s = pos, e = end;
        while (s < e && (t->text[s] == ' ' || t->text[s] == '\t' ||
                         t->text[s] == '\r'))
            s++;
        while (e > s && (t->text[e - 1] == ' ' || t->text[e - 1] == '\t' ||
                         t->text[e - 1] == '\r'))
            e--;
        while (k < d->nnodes && d->nodes[k].start <= s)
            stack[depth++] = k++;
        while (depth && d->nodes[stack[depth - 1]].body_end <= s)
            depth--;
        if (e > s) {
            v[nv].start = s;
            v[nv].end = e;
            v[nv].section = depth ? d->nodes[stack[depth - 1]].path : NULL;
            if (++nv == S_BIG) {
                rc = S_lines(L, t, v, S_BIG, L->passages32);
                nv = 0;
            }
        }
        pos = end + 1;
    }
    for (i = 0; rc == SQLITE_OK && nv - i >= S_ROWS; i += S_ROWS)
        rc = S_lines(L, t, v + i, S_ROWS, L->passages);
    for (; rc == SQLITE_OK && i < nv; i++)
        rc = S_passage(L, "para", v[i].start, v[i].end, v[i].section,
                       t->text + v[i].start, v[i].end - v[i].start);
    free(stack);
    return rc;
}

/* Bind node i of the document at parameters b + 1 ... b + S_NODE_NCOL. */
static void S_bind_node(sqlite3_stmt *st, int b, long long doc, size_t i,
                        const nqx_node *n)
{
    static const char *const kinds[] = {
        "?", "heading", "item", "bullet", "table", "row",
        "para", "footnote", "signature", "recipients"};
    unsigned kind = (unsigned)n->kind < 10 ? (unsigned)n->kind : 0;
    sqlite3_bind_int64(st, b + 1, doc);
    sqlite3_bind_int64(st, b + 2, (long long)i);
    sqlite3_bind_text(st, b + 3, kinds[kind], -1, SQLITE_STATIC);
    S_text(st, b + 4, n->label);
    S_text(st, b + 5, n->path);
    sqlite3_bind_int(st, b + 6, n->level);
    if (n->parent >= 0)
        sqlite3_bind_int(st, b + 7, n->parent);
    else
        sqlite3_bind_null(st, b + 7);
    sqlite3_bind_int64(st, b + 8, (long long)n->start);
    sqlite3_bind_int64(st, b + 9, (long long)n->end);
    sqlite3_bind_int64(st, b + 10, (long long)n->body_end);
    sqlite3_bind_int(st, b + 11, n->flags);
    sqlite3_bind_int(st, b + 12, n->doc_index);
}

static int S_load_body(S_load *L, const nqx_text *t, const nqx_doc *d)
{
    nqx_store *s = L->s;
    sqlite3_stmt *st = NULL, *many = NULL, *big = NULL;
    size_t i;
    int rc = SQLITE_OK;
    if (d->nmetas && !(st = S_stmt(s, NQX_ST_PART)))
        return SQLITE_ERROR;
    for (i = 0; rc == SQLITE_OK && i < d->nmetas; i++) {
        const nqx_meta *m = &d->metas[i];
        char *cites = S_json_list(m->cites, m->ncites);
        char *rcp = S_json_list(m->recipients, m->nrecipients);
        sqlite3_bind_int64(st, 1, L->doc);
        sqlite3_bind_int64(st, 2, (long long)i);
        S_text(st, 3, m->kind);
        S_text(st, 4, m->number);
        S_text(st, 5, m->date);
        S_text(st, 6, m->issuer);
        S_text(st, 7, m->locality);
        S_text(st, 8, m->title);
        S_text(st, 9, m->signer_name);
        S_text(st, 10, m->signer_title);
        S_text(st, 11, cites);
        S_text(st, 12, rcp);
        sqlite3_bind_int64(st, 13, (long long)m->start);
        sqlite3_bind_int64(st, 14, (long long)m->end);
        rc = S_done(s, st);
        free(cites);
        free(rcp);
    }
    if (rc == SQLITE_OK && d->nnodes &&
        (!(st = S_stmt(s, NQX_ST_NODE)) ||
         (d->nnodes >= S_ROWS && !(many = S_stmt(s, NQX_ST_NODES))) ||
         (d->nnodes >= S_BIG && !(big = S_stmt(s, NQX_ST_NODES32)))))
        return SQLITE_ERROR;
    for (i = 0; rc == SQLITE_OK && i < d->nnodes;) {
        size_t left = d->nnodes - i, r,
               rows = left >= S_BIG ? S_BIG : left >= S_ROWS ? S_ROWS : 1;
        sqlite3_stmt *q = rows == S_BIG ? big : rows > 1 ? many : st;
        for (r = 0; r < rows; r++, i++)
            S_bind_node(q, (int)r * S_NODE_NCOL, L->doc, i, &d->nodes[i]);
        rc = S_done(s, q);
    }
    if (rc == SQLITE_OK && t->nchanges &&
        !(st = S_stmt(s, NQX_ST_CORRECTION)))
        return SQLITE_ERROR;
    for (i = 0; rc == SQLITE_OK && i < t->nchanges; i++) {
        const nqx_change *c = &t->changes[i];
        if (c->kind != NQX_CHANGE_OCR)
            continue;
        sqlite3_bind_int64(st, 1, L->doc);
        sqlite3_bind_int64(st, 2, (long long)c->in_off);
        sqlite3_bind_int64(st, 3, (long long)c->out_off);
        S_text(st, 4, S_or(c->from, ""));
        S_text(st, 5, S_or(c->to, ""));
        sqlite3_bind_double(st, 6, c->confidence);
        rc = S_done(s, st);
    }
    if (rc != SQLITE_OK)
        return rc;
    if (!(L->target = S_stmt(s, NQX_ST_TARGET)) ||
        !(L->task = S_stmt(s, NQX_ST_TASK)) ||
        !(L->agency = S_stmt(s, NQX_ST_AGENCY)) ||
        !(L->agency_id = S_stmt(s, NQX_ST_AGENCY_ID)) ||
        !(L->agency_name = S_stmt(s, NQX_ST_AGENCY_NAME)) ||
        !(L->task_agency = S_stmt(s, NQX_ST_TASK_AGENCY)) ||
        !(L->passage = S_stmt(s, NQX_ST_PASSAGE)) ||
        !(L->passages = S_stmt(s, NQX_ST_PASSAGES)) ||
        !(L->passages32 = S_stmt(s, NQX_ST_PASSAGES32)))
        return SQLITE_ERROR;
    for (i = 0; rc == SQLITE_OK && i < d->nrecords; i++)
        rc = S_record(L, i, &d->records[i]);
    if (rc == SQLITE_OK && !L->no_lines)
        rc = S_paragraphs(L, t, d);
    return rc;
}

/* Look up a text hash; returns 1 (and the row's id and name) when stored. */
static int S_find(nqx_store *s, const char *sha, nqx_ingest_result *res,
                  int *rc)
{
    sqlite3_stmt *st = S_stmt(s, NQX_ST_FIND);
    int found = 0;
    if (!st) {
        *rc = SQLITE_ERROR;
        return 0;
    }
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    *rc = sqlite3_step(st);
    if (*rc == SQLITE_ROW) {
        res->doc_id = sqlite3_column_int64(st, 0);
        snprintf(res->existing, sizeof res->existing, "%s",
                 (const char *)sqlite3_column_text(st, 1));
        res->superseded = sqlite3_column_int(st, 2);
        found = 1;
    }
    *rc = S_note(s, *rc == SQLITE_ROW || *rc == SQLITE_DONE ? SQLITE_OK : *rc);
    sqlite3_reset(st);
    return found;
}

nqx_status nqx_store_ingest_doc(nqx_store *s, const nqx_grammar *g,
                                const char *name,
                                const char *input, size_t input_len,
                                const nqx_text *t, const nqx_doc *d,
                                const nqx_store_meta *fill,
                                nqx_ingest_result *res, nqx_error *err)
{
    return nqx_store_load(s, g, name, NULL, 0, input, input_len, t, d, fill,
                          res, err);
}

nqx_status nqx_store_load(nqx_store *s, const nqx_grammar *g,
                          const char *name, const char *doc_id, int no_lines,
                          const char *input, size_t input_len,
                          const nqx_text *t, const nqx_doc *d,
                          const nqx_store_meta *fill, nqx_ingest_result *res,
                          nqx_error *err)
{
    static const nqx_store_meta none;
    const nqx_meta *m0 = d->nmetas ? &d->metas[0] : NULL;
    nqx_meta empty;
    S_load L;
    sqlite3_stmt *st = NULL;
    char in_sha[65], *id = NULL, *cites = NULL, *rcp = NULL, *lockey = NULL;
    const char *locality;
    int rc;
    size_t i, mark = s->npend; /* this document's passages queue from here */

    memset(res, 0, sizeof *res);
    memset(&L, 0, sizeof L);
    memset(&empty, 0, sizeof empty);
    if (!m0)
        m0 = &empty;
    if (!fill)
        fill = &none;
    if (s->readonly)
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                        "store opened read-only");
    s->last[0] = '\0';
    nqx_sha256_hex(t->text, t->len, res->sha256);
    if (input)
        nqx_sha256_hex(input, input_len, in_sha);
    res->input_bytes = input ? input_len : t->len;
    id = doc_id ? nqx_strndup(doc_id, strlen(doc_id)) : S_doc_id(name);
    if (!id)
        return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
    /* IMMEDIATE takes the write lock now, so two ingests queue on the busy
     * timeout instead of failing half-way on a lock upgrade. Inside a
     * batch the document is a savepoint of the batch's transaction. */
    if (nqx_store_exec(s, s->batch ? "SAVEPOINT nqx_doc" : "BEGIN IMMEDIATE",
                       err)) {
        free(id);
        return NQX_ESTORE;
    }
    if (S_find(s, res->sha256, res, &rc)) {
        res->outcome = NQX_INGEST_UNCHANGED;
        free(id);
        return nqx_store_exec(s, s->batch ? "RELEASE nqx_doc" : "COMMIT",
                              err);
    }
    if (rc != SQLITE_OK)
        goto fail;
    L.s = s;
    L.g = g;
    L.no_lines = no_lines;
    locality = S_or(m0->locality, fill->locality);
    if (locality && !(lockey = nqx_fold(locality, strlen(locality)))) {
        rc = S_fold_failed(s);
        goto fail;
    }
    cites = S_json_list(m0->cites, m0->ncites);
    rcp = S_json_list(m0->recipients, m0->nrecipients);
    if (!(st = S_stmt(s, NQX_ST_DOC))) {
        rc = SQLITE_ERROR;
        goto fail;
    }
    S_text(st, 1, id);
    S_text(st, 2, name);
    S_text(st, 3, input ? in_sha : NULL);
    S_text(st, 4, res->sha256);
    S_text(st, 5, t->encoding[0] ? t->encoding : NULL);
    sqlite3_bind_int64(st, 6, (long long)t->len);
    sqlite3_bind_int64(st, 7, (long long)t->nchanges);
    S_text(st, 8, S_or(m0->kind, fill->kind));
    S_text(st, 9, S_or(m0->number, fill->number));
    S_text(st, 10, S_or(m0->date, fill->date));
    S_text(st, 11, S_or(m0->issuer, fill->issuer));
    S_text(st, 12, locality);
    S_text(st, 13, lockey);
    S_text(st, 14, S_or(m0->title, fill->title));
    S_text(st, 15, S_or(m0->signer_name, fill->signer_name));
    S_text(st, 16, S_or(m0->signer_title, fill->signer_title));
    S_text(st, 17, cites);
    S_text(st, 18, rcp);
    if ((rc = S_done(s, st)) != SQLITE_OK)
        goto fail;
    L.doc = res->doc_id = sqlite3_last_insert_rowid(s->db);
    if (!(st = S_stmt(s, NQX_ST_SUPERSEDE))) {
        rc = SQLITE_ERROR;
        goto fail;
    }
    sqlite3_bind_int64(st, 1, L.doc);
    S_text(st, 2, id);
    if ((rc = S_done(s, st)) != SQLITE_OK)
        goto fail;
    res->outcome = sqlite3_changes(s->db) ? NQX_INGEST_VERSION : NQX_INGEST_NEW;
    if ((rc = S_load_body(&L, t, d)) != SQLITE_OK)
        goto fail;
    for (i = 0; i < d->nrecords; i++) {
        if (d->records[i].kind == NQX_TARGET)
            res->ntargets++;
        else
            res->ntasks++;
    }
    for (i = 0; i < t->nchanges; i++)
        res->ncorrections += t->changes[i].kind == NQX_CHANGE_OCR;
    rc = s->batch ? SQLITE_OK : S_pend_flush(s);
fail:
    if (rc != SQLITE_OK)
        S_note(s, rc);
    free(id);
    free(cites);
    free(rcp);
    free(lockey);
    if (rc == SQLITE_OK &&
        sqlite3_exec(s->db, s->batch ? "RELEASE nqx_doc" : "COMMIT", NULL,
                     NULL, NULL) != SQLITE_OK) {
        S_note(s, SQLITE_ERROR);
        rc = SQLITE_ERROR;
    }
    if (rc != SQLITE_OK) {
        S_pend_cut(s, mark);
        nqx_fail(err, NQX_ESTORE, s->path, -1, -1, "%s", s->last);
        /* the document is wholly out: nothing of it stays (an error that
         * ended the batch's transaction fails its commit too) */
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, s->batch ? "ROLLBACK TO nqx_doc; "
                                           "RELEASE nqx_doc"
                                         : "ROLLBACK", NULL, NULL, NULL);
        res->outcome = 0;
        return NQX_ESTORE;
    }
    return NQX_OK;
}

nqx_status nqx_store_batch_begin(nqx_store *s, nqx_error *err)
{
    if (s->readonly)
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1,
                        "store opened read-only");
    if (nqx_store_exec(s, "BEGIN IMMEDIATE", err))
        return NQX_ESTORE;
    S_pend_cut(s, 0);
    s->batch = 1;
    return NQX_OK;
}

nqx_status nqx_store_batch_commit(nqx_store *s, nqx_error *err)
{
    if (!s->batch)
        return NQX_OK;
    s->batch = 0;
    if (sqlite3_get_autocommit(s->db)) { /* an error rolled it all back */
        S_pend_cut(s, 0);
        return nqx_fail(err, NQX_ESTORE, s->path, -1, -1, "%s",
                        s->last[0] ? s->last : "transaction rolled back");
    }
    /* the batch's passages in one go: one FTS5 segment */
    s->last[0] = '\0';
    if (S_pend_flush(s) != SQLITE_OK ||
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        if (s->last[0])
            nqx_fail(err, NQX_ESTORE, s->path, -1, -1, "%s", s->last);
        else
            nqx_store_fail(s, err, NULL);
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return NQX_ESTORE;
    }
    return NQX_OK;
}

/* ------------------------------------------------------------------ */
/* the file pipeline                                                   */

#define S_NFIELDS 8
static const char *const S_fields[S_NFIELDS] = {
    "kind", "number", "date", "issuer", "locality", "title",
    "signer_name", "signer_title"};

static const char **S_field(nqx_store_meta *m, int i)
{
    const char **f[S_NFIELDS] = {&m->kind, &m->number, &m->date, &m->issuer,
                                 &m->locality, &m->title, &m->signer_name,
                                 &m->signer_title};
    return f[i];
}

/* Read PATH.meta.json when present: its fields fill m (owned strings in
 * vals[]). JSON is parsed by SQLite's json functions: no extra library. */
static nqx_status S_sidecar(nqx_store *s, const char *path, nqx_store_meta *m,
                            char *vals[S_NFIELDS], nqx_error *err)
{
    nqx_buf name = {0};
    char *json = NULL;
    size_t n;
    sqlite3_stmt *st = NULL;
    struct stat stt;
    nqx_status rcs = NQX_OK;
    int i;
    if (nqx_buf_printf(&name, "%s.meta.json", path))
        return nqx_fail(err, NQX_ENOMEM, path, -1, -1, "out of memory");
    if (stat(name.data, &stt) != 0) {
        nqx_buf_free(&name);
        return NQX_OK;
    }
    rcs = nqx_read_file(name.data, 1u << 20, &json, &n, err);
    if (rcs)
        goto done;
    /* json_type() raises an error on malformed JSON: validate first */
    if (sqlite3_prepare_v2(s->db,
            "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) END",
            -1, &st, NULL) != SQLITE_OK) {
        rcs = nqx_store_fail(s, err, NULL);
        goto done;
    }
    sqlite3_bind_text(st, 1, json, (int)n, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rcs = nqx_store_fail(s, err, NULL);
        goto done;
    }
    if (!sqlite3_column_text(st, 0) ||
        strcmp((const char *)sqlite3_column_text(st, 0), "object") != 0) {
        rcs = nqx_fail(err, NQX_EFORMAT, name.data, -1, -1,
                       "not a JSON object");
        goto done;
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(s->db,
            "SELECT 1, json_extract(?1, '$.' || ?2), "
            "json_type(?1, '$.' || ?2)", -1, &st, NULL) != SQLITE_OK) {
        rcs = nqx_store_fail(s, err, NULL);
        goto done;
    }
    sqlite3_bind_text(st, 1, json, (int)n, SQLITE_STATIC);
    for (i = 0; i < S_NFIELDS; i++) {
        const char *type;
        sqlite3_bind_text(st, 2, S_fields[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rcs = nqx_store_fail(s, err, NULL);
            goto done;
        }
        type = (const char *)sqlite3_column_text(st, 2);
        if (type && strcmp(type, "text") != 0 && strcmp(type, "null") != 0) {
            rcs = nqx_fail(err, NQX_EFORMAT, name.data, -1, -1,
                           "\"%s\" is a JSON %s, not a string", S_fields[i],
                           type);
            goto done;
        }
        if (type && strcmp(type, "text") == 0) {
            vals[i] = nqx_strndup((const char *)sqlite3_column_text(st, 1),
                                  (size_t)sqlite3_column_bytes(st, 1));
            if (!vals[i]) {
                rcs = nqx_fail(err, NQX_ENOMEM, path, -1, -1, "out of memory");
                goto done;
            }
            *S_field(m, i) = vals[i];
        }
        sqlite3_reset(st);
    }
done:
    sqlite3_finalize(st);
    free(json);
    nqx_buf_free(&name);
    return rcs;
}

void nqx_store_prep_clear(nqx_store_prep *p)
{
    nqx_doc_free(p->d);
    nqx_text_free(p->t);
    free(p->html);
    free(p->bytes);
    memset(p, 0, sizeof *p);
}

nqx_status nqx_store_prepare(const nqx_grammar *g,
                             const nqx_norm_options *norm, const char *path,
                             nqx_store_prep *p)
{
    const char *in;
    size_t inn;
    nqx_status st;
    memset(p, 0, sizeof *p);
    nqx_error_clear(&p->err);
    st = nqx_read_file(path, S_MAX_INPUT, &p->bytes, &p->n, &p->err);
    if (st) {
        p->read_failed = 1;
        return p->st = st;
    }
    in = p->bytes;
    inn = p->n;
    if (nqx_html_detect(path, p->bytes, p->n)) {
        st = nqx_html_to_text(path, p->bytes, p->n, &p->html, &inn, &p->err);
        in = p->html;
    }
    if (!st)
        st = nqx_norm_text(path, in, inn, norm, &p->t, &p->err);
    if (!st) {
        st = nqx_ext_doc(g, p->t, &p->d, &p->err);
        if (st && !p->err.file[0])
            snprintf(p->err.file, sizeof p->err.file, "%s", path);
    }
    return p->st = st;
}

nqx_status nqx_store_finish(nqx_store *s, const nqx_grammar *g,
                            const char *path, nqx_store_prep *p,
                            const nqx_store_meta *fill,
                            nqx_ingest_result *res, nqx_error *err)
{
    nqx_store_meta m;
    char *vals[S_NFIELDS] = {0};
    nqx_status st;
    int i;

    memset(res, 0, sizeof *res);
    /* the errors come in the order the steps run one file at a time:
     * reading, then the sidecar, then HTML, normalizing, extracting */
    if (p->read_failed) {
        if (err)
            *err = p->err;
        return p->st;
    }
    if (fill)
        m = *fill;
    else
        memset(&m, 0, sizeof m);
    st = S_sidecar(s, path, &m, vals, err);
    if (!st && p->st) {
        if (err)
            *err = p->err;
        st = p->st;
    }
    if (!st)
        st = nqx_store_ingest_doc(s, g, path, p->bytes, p->n, p->t, p->d, &m,
                                  res, err);
    for (i = 0; i < S_NFIELDS; i++)
        free(vals[i]);
    return st;
}

nqx_status nqx_store_ingest_file(nqx_store *s, const nqx_grammar *g,
                                 const nqx_norm_options *norm,
                                 const char *path, const nqx_store_meta *fill,
                                 nqx_ingest_result *res, nqx_error *err)
{
    nqx_store_prep p;
    nqx_status st;
    nqx_store_prepare(g, norm, path, &p);
    st = nqx_store_finish(s, g, path, &p, fill, res, err);
    nqx_store_prep_clear(&p);
    return st;
}
