/* cmd_store.c: nqx ingest, targets, tasks, compare, search, sql, export.
 * Flags -> libnqx store calls -> rows printed as aligned tables (on a
 * terminal, widths counted with utf8proc_charwidth), CSV, JSON or JSONL. */
#include "cli.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#define S_DEFAULT_DB "nqx.db"
#define S_MAX_CELL 50 /* display columns of a table cell (but the last) */

/* ------------------------------------------------------------------ */
/* output of rows                                                      */

typedef enum { S_TABLE, S_CSV, S_JSON, S_JSONL } S_fmt;

typedef struct {
    S_fmt fmt;
    int tty;
    int set;          /* statement the buffered rows belong to */
    int ncols;
    char **names;
    nqx_cell_type *types; /* of the last row, for JSON numbers */
    char **cells;     /* buffered rows (table): nrows * ncols, NULL = null */
    size_t nrows, cap;
    size_t nout;      /* JSON: objects written */
    int started;
} S_out;

static size_t S_width(const char *s, size_t maxw, size_t *cut)
{
    size_t w = 0, i = 0, n = strlen(s);
    *cut = n;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        int cw;
        if (k <= 0) {
            k = 1;
            cw = 1;
        } else
            cw = cp == '\t' ? 1 : utf8proc_charwidth(cp);
        if (cw < 0)
            cw = 0;
        if (maxw && w + (size_t)cw > maxw) {
            *cut = i;
            return w;
        }
        w += (size_t)cw;
        i += (size_t)k;
    }
    return w;
}

static void S_json_cell(nqx_buf *b, const char *v, nqx_cell_type t)
{
    if (!v)
        nqx_buf_puts(b, "null");
    else if (t == NQX_CELL_INT || t == NQX_CELL_REAL)
        nqx_buf_puts(b, v);
    else
        nqx_buf_json_str(b, v, strlen(v));
}

static void S_csv_cell(const char *v, int first)
{
    const char *p;
    if (!first)
        fputc(',', stdout);
    if (!v)
        return;
    if (!strpbrk(v, ",\"\r\n")) {
        fputs(v, stdout);
        return;
    }
    fputc('"', stdout);
    for (p = v; *p; p++) {
        if (*p == '"')
            fputc('"', stdout);
        fputc(*p, stdout);
    }
    fputc('"', stdout);
}

static void S_free_names(S_out *o)
{
    int i;
    for (i = 0; i < o->ncols; i++)
        free(o->names[i]);
    free(o->names);
    free(o->types);
    o->names = NULL;
    o->types = NULL;
    o->ncols = 0;
}

/* Width of s within limit display columns (0 = no limit): *cut is the
 * byte length shown and *ell says that "…" ends it. */
static size_t S_fit(const char *s, size_t limit, size_t *cut, int *ell)
{
    size_t full = S_width(s, 0, cut);
    *ell = 0;
    if (!limit || full <= limit)
        return full;
    *ell = 1;
    return S_width(s, limit - 1, cut) + 1;
}

static size_t S_term_cols(void)
{
    struct winsize ws;
    const char *env = getenv("COLUMNS");
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return env && atoi(env) > 0 ? (size_t)atoi(env) : 120;
}

/* Print the buffered table (one statement's rows) and forget it. Cells
 * but the last are cut at S_MAX_CELL columns ("…" says so); on a terminal
 * the last is cut at the screen's edge. --format gives whole values. */
static void S_flush(S_out *o)
{
    size_t *w, *lim, r, cut, used = 0;
    int c, ell, last = o->ncols - 1;
    if (o->fmt != S_TABLE || !o->ncols)
        return;
    w = calloc((size_t)o->ncols, sizeof *w);
    lim = calloc((size_t)o->ncols, sizeof *lim);
    if (!w || !lim) {
        free(w);
        free(lim);
        return;
    }
    for (c = 0; c < o->ncols; c++) {
        w[c] = S_width(o->names[c], 0, &cut);
        lim[c] = c < last ? S_MAX_CELL : 0;
    }
    for (r = 0; r < o->nrows; r++)
        for (c = 0; c < last; c++) {
            const char *v = o->cells[r * (size_t)o->ncols + (size_t)c];
            size_t cw = S_fit(v ? v : "", lim[c], &cut, &ell);
            if (cw > w[c])
                w[c] = cw;
        }
    for (c = 0; c < last; c++)
        used += w[c] + 2;
    if (o->tty) {
        size_t cols = S_term_cols();
        lim[last] = cols > used + 20 ? cols - used : 20;
    }
    for (r = 0; r < o->nrows; r++) {
        const char *v = o->cells[r * (size_t)o->ncols + (size_t)last];
        size_t cw = S_fit(v ? v : "", lim[last], &cut, &ell);
        if (cw > w[last])
            w[last] = cw;
    }
    if (o->started)
        fputc('\n', stdout);
    for (c = 0; c < o->ncols; c++) {
        size_t k, hw = S_width(o->names[c], 0, &cut);
        fputs(c ? "  " : "", stdout);
        fputs(o->names[c], stdout);
        for (k = hw; c < last && k < w[c]; k++)
            fputc(' ', stdout);
    }
    fputc('\n', stdout);
    for (c = 0; c < o->ncols; c++) {
        size_t k, hw = S_width(o->names[c], 0, &cut);
        /* the last column is not padded: a rule as long as its longest
         * cell would only wrap */
        size_t n = c < last || w[c] <= S_MAX_CELL
                       ? w[c] : (hw > S_MAX_CELL ? hw : S_MAX_CELL);
        fputs(c ? "  " : "", stdout);
        for (k = 0; k < n; k++)
            fputc('-', stdout);
    }
    fputc('\n', stdout);
    for (r = 0; r < o->nrows; r++) {
        for (c = 0; c < o->ncols; c++) {
            char **cell = &o->cells[r * (size_t)o->ncols + (size_t)c];
            const char *v = *cell ? *cell : "";
            size_t cw = S_fit(v, lim[c], &cut, &ell), k;
            fputs(c ? "  " : "", stdout);
            fwrite(v, 1, cut, stdout);
            if (ell)
                fputs("…", stdout);
            for (k = cw; c < last && k < w[c]; k++)
                fputc(' ', stdout);
            free(*cell);
        }
        fputc('\n', stdout);
    }
    printf("(%zu row%s)\n", o->nrows, o->nrows == 1 ? "" : "s");
    o->nrows = 0;
    o->started = 1;
    free(w);
    free(lim);
}

/* A cell for a table: line breaks and tabs become spaces (caller frees). */
static char *S_cell(const char *v)
{
    char *c = strdup(v), *p;
    if (c)
        for (p = c; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    return c;
}

static int S_row(void *ctx, const nqx_row *row)
{
    S_out *o = ctx;
    int c;
    if (!o->names || row->set != o->set) {
        S_flush(o);
        S_free_names(o);
        o->set = row->set;
        o->ncols = row->ncols;
        o->names = calloc((size_t)row->ncols + 1, sizeof *o->names);
        o->types = calloc((size_t)row->ncols + 1, sizeof *o->types);
        if (!o->names || !o->types)
            return 1;
        for (c = 0; c < row->ncols; c++)
            o->names[c] = strdup(row->names[c]);
        if (o->fmt == S_CSV) {
            for (c = 0; c < row->ncols; c++)
                S_csv_cell(row->names[c], c == 0);
            fputs("\r\n", stdout);
        }
    }
    if (!row->values)
        return 0;
    if (o->fmt == S_TABLE) {
        if (o->nrows == o->cap) {
            size_t cap = o->cap ? o->cap * 2 : 64;
            char **g = realloc(o->cells, cap * (size_t)o->ncols * sizeof *g);
            if (!g)
                return 1;
            o->cells = g;
            o->cap = cap;
        }
        for (c = 0; c < row->ncols; c++)
            o->cells[o->nrows * (size_t)o->ncols + (size_t)c] =
                row->values[c] ? S_cell(row->values[c]) : NULL;
        o->nrows++;
    } else if (o->fmt == S_CSV) {
        for (c = 0; c < row->ncols; c++)
            S_csv_cell(row->values[c], c == 0);
        fputs("\r\n", stdout);
    } else {
        nqx_buf b = {0};
        if (o->fmt == S_JSON)
            nqx_buf_puts(&b, o->nout ? ",\n  {" : "[\n  {");
        else
            nqx_buf_puts(&b, "{");
        for (c = 0; c < row->ncols; c++) {
            nqx_buf_puts(&b, c ? ", " : "");
            nqx_buf_json_str(&b, row->names[c], strlen(row->names[c]));
            nqx_buf_puts(&b, ": ");
            S_json_cell(&b, row->values[c], row->types[c]);
        }
        nqx_buf_puts(&b, o->fmt == S_JSON ? "}" : "}\n");
        if (b.data)
            fputs(b.data, stdout);
        nqx_buf_free(&b);
        o->nout++;
    }
    return 0;
}

static void S_out_end(S_out *o)
{
    S_flush(o);
    if (o->fmt == S_JSON)
        fputs(o->nout ? "\n]\n" : "[]\n", stdout);
    S_free_names(o);
    free(o->cells);
}

static int S_parse_fmt(const char *v, S_fmt *f)
{
    if (strcmp(v, "table") == 0) *f = S_TABLE;
    else if (strcmp(v, "csv") == 0) *f = S_CSV;
    else if (strcmp(v, "json") == 0) *f = S_JSON;
    else if (strcmp(v, "jsonl") == 0) *f = S_JSONL;
    else {
        cli_errorf("--format %s: use table, csv, json or jsonl", v);
        return -1;
    }
    return 0;
}

/* Open the store read-only for a query; prints the error. */
static nqx_store *S_open_ro(const char *db, int busy)
{
    nqx_store *s;
    nqx_error err;
    nqx_error_clear(&err);
    if (nqx_store_open(db, NQX_STORE_READONLY, busy, &s, &err)) {
        cli_error(&err);
        return NULL;
    }
    return s;
}

static int S_status_exit(nqx_status st, const nqx_error *err)
{
    if (!st)
        return EXIT_OK;
    cli_error(err);
    return st == NQX_EINVAL ? EXIT_USAGE : EXIT_INTERNAL;
}

/* A command's options that only set a string: its name and where the
 * value goes. A table of them ends with a NULL name. */
typedef struct {
    const char *name;
    const char **val;
} S_stropt;

/* Options every store command takes, and the command's own string
 * options str (NULL: none). Returns 1 when a was one of them, -1 on a
 * usage error. */
static int S_common(const char *a, int argc, char **argv, int *i,
                    const char **db, S_fmt *fmt, int *busy, const S_stropt *str)
{
    const char *v;
    if (cli_opt(a, "--db", &v, argc, argv, i)) {
        if (!v) return -1;
        *db = v;
        return 1;
    }
    for (; str && str->name; str++)
        if (cli_opt(a, str->name, &v, argc, argv, i)) {
            if (!v) return -1;
            *str->val = v;
            return 1;
        }
    if (fmt && cli_opt(a, "--format", &v, argc, argv, i)) {
        if (!v || S_parse_fmt(v, fmt)) return -1;
        return 1;
    }
    if (cli_opt(a, "--busy-timeout", &v, argc, argv, i)) {
        if (!v || (*busy = atoi(v)) <= 0) {
            cli_errorf("--busy-timeout needs milliseconds");
            return -1;
        }
        return 1;
    }
    return 0;
}

#define S_COMMON_OR_USAGE(name, str)                                       \
    {                                                                      \
        int k_ = S_common(a, argc, argv, &i, &db, &o.fmt, &busy, str);     \
        if (k_ < 0)                                                        \
            return EXIT_USAGE;                                             \
        if (k_ > 0)                                                        \
            continue;                                                      \
    }                                                                      \
    if (strcmp(a, "--help") == 0) {                                        \
        puts(S_help_##name);                                               \
        return EXIT_OK;                                                    \
    }

static void S_out_init(S_out *o)
{
    memset(o, 0, sizeof *o);
    o->fmt = S_TABLE;
    o->tty = isatty(1);
}

/* ------------------------------------------------------------------ */
/* queries                                                             */

static const char S_help_targets[] =
    "usage: nqx targets [--db FILE] [--metric WORDS] [--locality L] "
    "[--year Y]\n                   [--aspirational] "
    "[--format table|csv|json|jsonl]";

int cmd_targets(int argc, char **argv)
{
    const char *db = S_DEFAULT_DB, *v;
    int i, busy = 0, rc;
    nqx_target_query q;
    nqx_store *s;
    nqx_error err;
    S_out o;
    const S_stropt str[] = {{"--metric", &q.metric}, {"--locality", &q.locality},
                            {NULL, NULL}};
    S_out_init(&o);
    memset(&q, 0, sizeof q);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        S_COMMON_OR_USAGE(targets, str)
        if (cli_opt(a, "--year", &v, argc, argv, &i)) {
            if (!v || (q.year = atoi(v)) < 1000 || q.year > 9999) {
                cli_errorf("targets: --year needs a year such as 2025");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--aspirational") == 0) {
            q.aspirational = 1;
        } else {
            cli_errorf("targets: unknown argument %s", a);
            return EXIT_USAGE;
        }
    }
    if (!(s = S_open_ro(db, busy)))
        return EXIT_INTERNAL;
    nqx_error_clear(&err);
    rc = S_status_exit(nqx_store_targets(s, &q, S_row, &o, &err), &err);
    S_out_end(&o);
    nqx_store_close(s);
    return rc;
}

static const char S_help_tasks[] =
    "usage: nqx tasks [--db FILE] [--agency NAME] [--role R] "
    "[--due-before DATE]\n                 [--overdue [--today DATE]] "
    "[--format table|csv|json|jsonl]\n"
    "roles: lead, advise, execute, coordinate, report_to";

int cmd_tasks(int argc, char **argv)
{
    const char *db = S_DEFAULT_DB;
    int i, busy = 0, rc;
    nqx_task_query q;
    nqx_grammar *g = NULL;
    nqx_store *s;
    nqx_error err;
    S_out o;
    const S_stropt str[] = {{"--agency", &q.agency}, {"--role", &q.role},
                            {"--due-before", &q.due_before}, {"--today", &q.today},
                            {NULL, NULL}};
    S_out_init(&o);
    memset(&q, 0, sizeof q);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        S_COMMON_OR_USAGE(tasks, str)
        if (strcmp(a, "--overdue") == 0) {
            q.overdue = 1;
        } else {
            cli_errorf("tasks: unknown argument %s", a);
            return EXIT_USAGE;
        }
    }
    /* the grammars' abbreviations make "UBND" find "Ủy ban nhân dân" */
    if (q.agency && !(g = cli_load_grammars(NULL)))
        return EXIT_INTERNAL;
    q.grammar = g;
    if (!(s = S_open_ro(db, busy))) {
        nqx_gram_free(g);
        return EXIT_INTERNAL;
    }
    nqx_error_clear(&err);
    rc = S_status_exit(nqx_store_tasks(s, &q, S_row, &o, &err), &err);
    S_out_end(&o);
    nqx_store_close(s);
    nqx_gram_free(g);
    return rc;
}

static const char S_help_compare[] =
    "usage: nqx compare [--db FILE] --metric WORDS [--by locality|year|document]"
    "\n                   [--format table|csv|json|jsonl]";

int cmd_compare(int argc, char **argv)
{
    const char *db = S_DEFAULT_DB, *metric = NULL, *by = NULL;
    int i, busy = 0, rc;
    nqx_store *s;
    nqx_error err;
    S_out o;
    const S_stropt str[] = {{"--metric", &metric}, {"--by", &by}, {NULL, NULL}};
    S_out_init(&o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        S_COMMON_OR_USAGE(compare, str)
        cli_errorf("compare: unknown argument %s", a);
        return EXIT_USAGE;
    }
    if (!metric) {
        cli_errorf("compare: --metric WORDS is required");
        return EXIT_USAGE;
    }
    if (!(s = S_open_ro(db, busy)))
        return EXIT_INTERNAL;
    nqx_error_clear(&err);
    rc = S_status_exit(nqx_store_compare(s, metric, by, S_row, &o, &err), &err);
    S_out_end(&o);
    nqx_store_close(s);
    return rc;
}

static const char S_help_search[] =
    "usage: nqx search [--db FILE] [--format table|csv|json|jsonl] WORDS...\n"
    "case and diacritics are ignored: 'phan dau' finds 'phấn đấu'";

int cmd_search(int argc, char **argv)
{
    const char *db = S_DEFAULT_DB;
    int i, busy = 0, rc;
    nqx_store *s;
    nqx_error err;
    nqx_buf words = {0};
    S_out o;
    S_out_init(&o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        S_COMMON_OR_USAGE(search, NULL)
        if (a[0] == '-' && a[1] == '-') {
            cli_errorf("search: unknown option %s", a);
            nqx_buf_free(&words);
            return EXIT_USAGE;
        }
        nqx_buf_printf(&words, "%s%s", words.len ? " " : "", a);
    }
    if (!words.len) {
        cli_errorf("search: no words given");
        return EXIT_USAGE;
    }
    if (!(s = S_open_ro(db, busy))) {
        nqx_buf_free(&words);
        return EXIT_INTERNAL;
    }
    nqx_error_clear(&err);
    rc = S_status_exit(nqx_store_search(s, words.data, S_row, &o, &err), &err);
    S_out_end(&o);
    nqx_store_close(s);
    nqx_buf_free(&words);
    return rc;
}

static const char S_help_sql[] =
    "usage: nqx sql [--db FILE] [--format table|csv|json|jsonl] 'SELECT ...'\n"
    "the store is opened read-only; statements that would write are refused";

int cmd_sql(int argc, char **argv)
{
    const char *db = S_DEFAULT_DB, *sql = NULL;
    int i, busy = 0, rc;
    nqx_store *s;
    nqx_error err;
    S_out o;
    S_out_init(&o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        S_COMMON_OR_USAGE(sql, NULL)
        if (sql || (a[0] == '-' && a[1] == '-')) {
            cli_errorf("sql: unexpected argument %s (quote the SQL)", a);
            return EXIT_USAGE;
        }
        sql = a;
    }
    if (!sql) {
        cli_errorf("sql: no statement given");
        return EXIT_USAGE;
    }
    if (!(s = S_open_ro(db, busy)))
        return EXIT_INTERNAL;
    nqx_error_clear(&err);
    rc = nqx_store_sql(s, sql, S_row, &o, &err);
    S_out_end(&o);
    nqx_store_close(s);
    if (rc == NQX_EINVAL) { /* a write refused: usage, not an internal fault */
        cli_error(&err);
        return EXIT_USAGE;
    }
    return S_status_exit(rc, &err);
}

int cmd_export(int argc, char **argv)
{
    const char *db = S_DEFAULT_DB, *v;
    nqx_export_format fmt = 0;
    int i, busy = 0;
    nqx_store *s;
    nqx_error err;
    nqx_status st;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int k = S_common(a, argc, argv, &i, &db, NULL, &busy, NULL);
        if (k < 0)
            return EXIT_USAGE;
        if (k > 0)
            continue;
        if (cli_opt(a, "--format", &v, argc, argv, &i)) {
            if (!v) return EXIT_USAGE;
            if (strcmp(v, "jsonl") == 0) fmt = NQX_EXPORT_JSONL;
            else if (strcmp(v, "csv") == 0) fmt = NQX_EXPORT_CSV;
            else if (strcmp(v, "xml") == 0) fmt = NQX_EXPORT_XML;
            else {
                cli_errorf("export: --format %s: use jsonl, csv or xml", v);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--help") == 0) {
            puts("usage: nqx export [--db FILE] --format jsonl|csv|xml");
            return EXIT_OK;
        } else {
            cli_errorf("export: unknown argument %s", a);
            return EXIT_USAGE;
        }
    }
    if (!fmt) {
        cli_errorf("export: --format jsonl|csv|xml is required");
        return EXIT_USAGE;
    }
    if (!(s = S_open_ro(db, busy)))
        return EXIT_INTERNAL;
    nqx_error_clear(&err);
    st = nqx_store_export(s, fmt, stdout, &err);
    nqx_store_close(s);
    return S_status_exit(st, &err);
}

/* ------------------------------------------------------------------ */
/* ingest                                                              */

typedef struct {
    char **paths;
    size_t n, cap;
    double bytes;
    int jsonl;    /* --from-jsonl: folders give their .jsonl files */
} S_files;

static int S_add(S_files *f, const char *path, off_t size)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        char **g = realloc(f->paths, cap * sizeof *g);
        if (!g)
            return -1;
        f->paths = g;
        f->cap = cap;
    }
    if (!(f->paths[f->n] = strdup(path)))
        return -1;
    f->n++;
    f->bytes += (double)size;
    return 0;
}

/* In a folder, the text documents nqx reads (or, with --from-jsonl, the
 * record files); sidecars and other data are not. */
static int S_wanted(const char *name, int jsonl)
{
    static const char *const ext[] = {".txt", ".md", ".html", ".htm",
                                      ".xhtml", NULL};
    const char *dot = strrchr(name, '.');
    int i;
    if (name[0] == '.' || !dot)
        return 0;
    if (jsonl)
        return strcasecmp(dot, ".jsonl") == 0;
    for (i = 0; ext[i]; i++)
        if (strcasecmp(dot, ext[i]) == 0)
            return 1;
    return 0;
}

/* Collect path (a file, or a folder walked in name order). */
static int S_collect(S_files *f, const char *path, int top)
{
    struct stat st;
    struct dirent **ents;
    int n, i, rc = 0;
    if (stat(path, &st) != 0) /* reported when read */
        return top ? S_add(f, path, 0) : 0;
    if (!S_ISDIR(st.st_mode))
        return top || S_ISREG(st.st_mode) ? S_add(f, path, st.st_size) : 0;
    n = scandir(path, &ents, NULL, alphasort);
    if (n < 0)
        return S_add(f, path, 0); /* reported when read */
    for (i = 0; i < n; i++) {
        const char *nm = ents[i]->d_name;
        size_t pl = strlen(path);
        while (pl > 1 && path[pl - 1] == '/')
            pl--;
        if (!rc && nm[0] != '.') {
            char *sub = malloc(pl + strlen(nm) + 2);
            struct stat ss;
            if (!sub)
                rc = -1;
            else {
                sprintf(sub, "%.*s/%s", (int)pl, path, nm);
                /* symbolic links to folders are not walked (no loops) */
                if (lstat(sub, &ss) == 0 && S_ISDIR(ss.st_mode))
                    rc = S_collect(f, sub, 0);
                else if (S_wanted(nm, f->jsonl) && stat(sub, &ss) == 0 &&
                         S_ISREG(ss.st_mode))
                    rc = S_add(f, sub, ss.st_size);
                free(sub);
            }
        }
        free(ents[i]);
    }
    free(ents);
    return rc;
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void S_progress(size_t done, size_t total, double bytes,
                       double all_bytes, double t0)
{
    double el = S_now() - t0, rate = el > 0 ? bytes / el : 0, eta = 0;
    if (rate > 0)
        eta = (all_bytes - bytes) / rate;
    fprintf(stderr, "\r\033[K%zu/%zu files  %.2f MB/s  ETA %d:%02d", done,
            total, rate / 1e6, (int)eta / 60, (int)eta % 60);
    fflush(stderr);
}

static const char S_help_ingest[] =
    "usage: nqx ingest [--db FILE] [--locality L] [--issuer I] [--kind K]\n"
    "                  [--date D] [--no-ocr] [--grammars DIR]\n"
    "                  [--busy-timeout MS] [-j N] [--from-jsonl] PATH...\n"
    "-j N (--jobs N): N threads normalize and extract while one stores;\n"
    "the store and the output are those of -j 1 (the default).\n"
    "Folders are walked for .txt, .md and .html files (.jsonl with\n"
    "--from-jsonl: records as nqx extract prints them). Metadata the text\n"
    "lacks comes from FILE.meta.json beside a file, then from these flags.";

/* What the batch did, for the summary. */
typedef struct {
    size_t nnew, nver, nsame, nbad, ntg, ntk, ncor;
    int tty;
} S_tally;

static void S_count(S_tally *t, const char *what, const nqx_ingest_result *res)
{
    if (t->tty && res->outcome != NQX_INGEST_NEW)
        fputs("\r\033[K", stderr); /* a line follows: clear the bar */
    if (res->outcome == NQX_INGEST_UNCHANGED) {
        printf("unchanged: %s (already stored from %s%s)\n", what,
               res->existing,
               res->superseded ? ", an older version, kept superseded" : "");
        t->nsame++;
        return;
    }
    if (res->outcome == NQX_INGEST_VERSION) {
        printf("new version: %s (the older text is kept, marked "
               "superseded)\n", what);
        t->nver++;
    } else
        t->nnew++;
    t->ntg += res->ntargets;
    t->ntk += res->ntasks;
    t->ncor += res->ncorrections;
}

static void S_count_doc(void *ctx, const char *doc,
                        const nqx_ingest_result *res)
{
    S_count(ctx, doc, res);
}

/* The batch as it goes: for the summary and the progress line. */
typedef struct {
    S_tally *tally;
    S_files *files;
    double done_bytes, t0, shown;
    int rc;
} S_batch;

/* After each file, in input order: print what it did; stop on a store
 * error (the store, not the file, failed: the rest would fail too). */
static int S_file_done(void *ctx, size_t k, const char *path, nqx_status st,
                       const nqx_ingest_result *res, const nqx_error *e)
{
    S_batch *b = ctx;
    S_tally *tally = b->tally;
    struct stat sb;
    nqx_error err = *e;
    b->done_bytes += stat(path, &sb) == 0 ? (double)sb.st_size : 0;
    if (tally->tty && st)
        fputs("\r\033[K", stderr);
    if (st == NQX_ESTORE) {
        cli_error(&err);
        b->rc = EXIT_INTERNAL;
        return 1;
    }
    if (st) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", path);
        cli_error(&err);
        tally->nbad++;
        b->rc = EXIT_REJECTED;
    } else if (res)
        S_count(tally, path, res);
    if (tally->tty && (k + 1 == b->files->n || S_now() - b->shown >= 0.2)) {
        S_progress(k + 1, b->files->n, b->done_bytes, b->files->bytes, b->t0);
        b->shown = S_now();
    }
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    const char *db = S_DEFAULT_DB, *v, *gdir = NULL;
    int i, busy = 0, no_ocr = 0, failed = 0, rc = EXIT_OK, jobs = 1;
    nqx_store_meta fill;
    S_files files;
    S_tally tally;
    S_batch batch;
    nqx_status st;
    nqx_grammar *g = NULL;
    nqx_model *model = NULL;
    nqx_norm_options opt;
    nqx_store *s = NULL;
    nqx_error err;
    size_t k;
    const S_stropt str[] = {{"--locality", &fill.locality}, {"--issuer", &fill.issuer},
                            {"--kind", &fill.kind}, {"--date", &fill.date},
                            {"--grammars", &gdir}, {NULL, NULL}};

    memset(&batch, 0, sizeof batch);
    memset(&fill, 0, sizeof fill);
    memset(&files, 0, sizeof files);
    memset(&opt, 0, sizeof opt);
    memset(&tally, 0, sizeof tally);
    tally.tty = isatty(2);
    for (i = 1; i < argc; i++) /* (before the paths: it decides the walk) */
        if (strcmp(argv[i], "--from-jsonl") == 0)
            files.jsonl = 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int c = S_common(a, argc, argv, &i, &db, NULL, &busy, str);
        if (c < 0)
            goto usage;
        if (c > 0)
            continue;
        if (cli_opt(a, "--jobs", &v, argc, argv, &i) ||
                   cli_opt(a, "-j", &v, argc, argv, &i) ||
                   (strncmp(a, "-j", 2) == 0 && (v = a + 2))) {
            char *end;
            long nj;
            if (!v) goto usage;
            nj = strtol(v, &end, 10);
            if (*end || nj < 1 || nj > 256) {
                cli_errorf("ingest: -j needs a number of workers, 1 to 256");
                goto usage;
            }
            jobs = (int)nj;
        } else if (strcmp(a, "--no-ocr") == 0) {
            no_ocr = 1;
        } else if (strcmp(a, "--from-jsonl") == 0) {
            continue; /* read above */
        } else if (strcmp(a, "--help") == 0) {
            puts(S_help_ingest);
            return EXIT_OK;
        } else if (a[0] == '-' && a[1]) {
            cli_errorf("ingest: unknown option %s", a);
            goto usage;
        } else if (S_collect(&files, a, 1)) {
            cli_errorf("ingest: out of memory");
            rc = EXIT_INTERNAL;
            goto done;
        }
    }
    if (!files.n) {
        cli_errorf("ingest: no input file (give files or folders)");
        goto usage;
    }
    if (!(g = cli_load_grammars(gdir))) {
        rc = EXIT_INTERNAL;
        goto done;
    }
    if (!no_ocr && !files.jsonl &&
        (model = cli_load_model(NULL, &failed), failed)) {
        rc = EXIT_INTERNAL;
        goto done;
    }
    opt.model = model;
    nqx_error_clear(&err);
    if (nqx_store_open(db, 0, busy, &s, &err)) {
        cli_error(&err);
        rc = EXIT_INTERNAL;
        goto done;
    }
    batch.tally = &tally;
    batch.files = &files;
    batch.t0 = S_now();
    batch.rc = EXIT_OK;
    if (files.jsonl) { /* parsing records is cheap: no workers */
        for (k = 0; k < files.n; k++) {
            nqx_error_clear(&err);
            st = nqx_store_ingest_jsonl(s, g, files.paths[k], &fill,
                                        S_count_doc, &tally, &err);
            if (S_file_done(&batch, k, files.paths[k], st, NULL, &err))
                break;
        }
    } else {
        nqx_batch_options bo;
        memset(&bo, 0, sizeof bo);
        bo.jobs = jobs;
        bo.grammar_dir = gdir;
        bo.norm = &opt;
        bo.fill = &fill;
        nqx_error_clear(&err);
        if (nqx_store_ingest_files(s, g, (const char *const *)files.paths,
                                   files.n, &bo, S_file_done, &batch,
                                   &err)) {
            cli_error(&err);
            batch.rc = EXIT_INTERNAL;
        }
    }
    rc = batch.rc;
    if (tally.tty)
        fputs("\r\033[K", stderr);
    printf("documents: %zu new, %zu new versions, %zu unchanged, %zu "
           "rejected; stored %zu targets, %zu tasks, %zu corrections in %s\n",
           tally.nnew, tally.nver, tally.nsame, tally.nbad, tally.ntg,
           tally.ntk, tally.ncor, db);
    goto done;
usage:
    rc = EXIT_USAGE;
done:
    nqx_store_close(s);
    nqx_model_free(model);
    nqx_gram_free(g);
    for (k = 0; k < files.n; k++)
        free(files.paths[k]);
    free(files.paths);
    return rc;
}
