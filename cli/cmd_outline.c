/* cmd_outline.c: nqx outline, nqx meta. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the first `words` words of s[0..n), cut at a space so that a
 * UTF-8 sequence is never split. */
static size_t S_first_words(const char *s, size_t n, int words)
{
    size_t i;
    int w = 0, in = 0;
    for (i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in && ++w > words)
            break;
        in = !sp;
    }
    while (i && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    return i;
}

/* Shared by both commands: options, grammars, model, one call per file. */
typedef struct {
    int json;
    int no_ocr;
    const char *gdir;
} S_opts;

static int S_parse(const char *cmd, int argc, char **argv, S_opts *o)
{
    int i, nfiles = 0;
    const char *val;
    memset(o, 0, sizeof *o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_opt(a, "--format", &val, argc, argv, &i)) {
            if (!val) return -1;
            if (strcmp(val, "json") == 0) o->json = 1;
            else if (strcmp(val, "text") != 0) {
                cli_errorf("%s: --format must be text or json", cmd);
                return -1;
            }
        } else if (cli_opt(a, "--grammars", &val, argc, argv, &i)) {
            if (!val) return -1;
            o->gdir = val;
        } else if (strcmp(a, "--no-ocr") == 0) {
            o->no_ocr = 1;
        } else if (strcmp(a, "--help") == 0) {
            printf("usage: nqx %s [--format text|json] [--grammars DIR] [--no-ocr] FILE...\n", cmd);
            return -2;
        } else if (a[0] == '-' && a[1]) {
            cli_errorf("%s: unknown option %s", cmd, a);
            return -1;
        } else
            nfiles++;
    }
    if (!nfiles) {
        cli_errorf("%s: no input file", cmd);
        return -1;
    }
    return 0;
}

typedef void (*S_print_fn)(const char *path, const nqx_text *t,
                           const nqx_doc *d, int json, int first);

/* What cli_each_doc hands each file to: the command's printer. */
typedef struct {
    S_print_fn print;
    int json, first;
} S_printer;

static void S_print(void *ctx, const char *path, const nqx_text *t,
                    const nqx_doc *d)
{
    S_printer *p = ctx;
    p->print(path, t, d, p->json, p->first);
    p->first = 0;
}

static int S_run(const char *cmd, int argc, char **argv, S_print_fn print)
{
    S_opts o;
    int rc, r;
    nqx_grammar *g;
    nqx_model *model;
    S_printer p;

    r = S_parse(cmd, argc, argv, &o);
    if (r == -2)
        return EXIT_OK;
    if (r)
        return EXIT_USAGE;
    if (cli_load_extraction(o.gdir, o.no_ocr, &g, &model))
        return EXIT_INTERNAL;
    if (o.json)
        fputs("[", stdout);
    p.print = print;
    p.json = o.json;
    p.first = 1;
    rc = cli_each_doc(argc, argv, g, model, S_print, &p);
    if (o.json)
        fputs("]\n", stdout);
    nqx_model_free(model);
    nqx_gram_free(g);
    return rc;
}

static void S_print_outline(const char *path, const nqx_text *t,
                            const nqx_doc *d, int json, int first)
{
    nqx_buf b = {0};
    size_t i;
    if (json) {
        nqx_buf_puts(&b, first ? "\n{\"file\": " : ",\n{\"file\": ");
        nqx_buf_json_str(&b, path, strlen(path));
        nqx_buf_puts(&b, ", \"nodes\": [");
    } else if (!first)
        nqx_buf_puts(&b, "\n");
    if (!json)
        nqx_buf_printf(&b, "# %s\n", path);
    for (i = 0; i < d->nnodes; i++) {
        const nqx_node *n = &d->nodes[i];
        const char *s = t->text + n->start;
        size_t len = n->end - n->start;
        if (json) {
            nqx_buf_puts(&b, i ? ",\n  {\"kind\": \"" : "\n  {\"kind\": \"");
            nqx_buf_printf(&b, "%s\", \"label\": ", nqx_node_kind_name(n->kind));
            nqx_buf_json_str(&b, n->label, strlen(n->label));
            nqx_buf_puts(&b, ", \"path\": ");
            nqx_buf_json_str(&b, n->path, strlen(n->path));
            nqx_buf_printf(&b, ", \"level\": %d, \"parent\": %d, \"start\": %zu,"
                           " \"end\": %zu, \"body_end\": %zu, \"doc\": %d, \"flags\": [",
                           n->level, n->parent, n->start, n->end, n->body_end,
                           n->doc_index);
            if (n->flags & NQX_NODE_FLAG_SKIP)
                nqx_buf_puts(&b, "\"skip\"");
            if (n->flags & NQX_NODE_FLAG_REPEAT)
                nqx_buf_puts(&b, (n->flags & NQX_NODE_FLAG_SKIP) ? ", \"repeat\"" : "\"repeat\"");
            nqx_buf_puts(&b, "], \"text\": ");
            nqx_buf_json_str(&b, s, len);
            nqx_buf_puts(&b, "}");
        } else {
            int k;
            if (n->doc_index && (!i || d->nodes[i - 1].doc_index != n->doc_index))
                nqx_buf_printf(&b, "# document %d\n", n->doc_index);
            for (k = 0; k < n->level; k++)
                nqx_buf_puts(&b, "  ");
            nqx_buf_printf(&b, "%s %s", nqx_node_kind_name(n->kind),
                           n->path[0] ? n->path : "-");
            if (n->flags & NQX_NODE_FLAG_SKIP)
                nqx_buf_puts(&b, " [skip]");
            if (n->flags & NQX_NODE_FLAG_REPEAT)
                nqx_buf_puts(&b, " [repeat]");
            if (n->label[0]) {
                size_t ll = strlen(n->label);
                const char *at = NULL;
                size_t o;
                /* the label sits at the line start, after any markup */
                for (o = 0; o + ll <= len && o <= 16 && !at; o++)
                    if (memcmp(s + o, n->label, ll) == 0)
                        at = s + o;
                nqx_buf_printf(&b, " %s", n->label);
                if (at) {
                    /* the words after the label */
                    len -= (size_t)(at - s) + ll;
                    s = at + ll;
                    while (len && (*s == ' ' || *s == '*' || *s == ':')) {
                        s++;
                        len--;
                    }
                }
            }
            nqx_buf_puts(&b, " | ");
            {
                size_t k0, fw = S_first_words(s, len, 10);
                for (k0 = 0; k0 < fw; k0++)
                    nqx_buf_append(&b, s[k0] == '\n' ? " " : s + k0, 1);
            }
            nqx_buf_puts(&b, "\n");
        }
    }
    if (json)
        nqx_buf_puts(&b, "]}");
    if (b.len)
        fwrite(b.data, 1, b.len, stdout);
    nqx_buf_free(&b);
}

static void S_field(nqx_buf *b, const char *name, const char *v, int json)
{
    if (json) {
        nqx_buf_printf(b, ", \"%s\": ", name);
        if (v)
            nqx_buf_json_str(b, v, strlen(v));
        else
            nqx_buf_puts(b, "null");
    } else
        nqx_buf_printf(b, "  %-13s %s\n", name, v ? v : "-");
}

static void S_list(nqx_buf *b, const char *name, char **v, size_t n, int json)
{
    size_t i;
    if (json) {
        nqx_buf_printf(b, ", \"%s\": [", name);
        for (i = 0; i < n; i++) {
            if (i)
                nqx_buf_puts(b, ", ");
            nqx_buf_json_str(b, v[i], strlen(v[i]));
        }
        nqx_buf_puts(b, "]");
    } else {
        for (i = 0; i < n; i++)
            nqx_buf_printf(b, "  %-13s %s\n", i ? "" : name, v[i]);
        if (!n)
            nqx_buf_printf(b, "  %-13s -\n", name);
    }
}

static void S_print_meta(const char *path, const nqx_text *t,
                         const nqx_doc *d, int json, int first)
{
    nqx_buf b = {0};
    size_t i;
    (void)t;
    if (json) {
        nqx_buf_puts(&b, first ? "\n{\"file\": " : ",\n{\"file\": ");
        nqx_buf_json_str(&b, path, strlen(path));
        nqx_buf_puts(&b, ", \"documents\": [");
    } else if (!first)
        nqx_buf_puts(&b, "\n");
    for (i = 0; i < d->nmetas; i++) {
        const nqx_meta *m = &d->metas[i];
        if (json)
            nqx_buf_printf(&b, "%s\n  {\"start\": %zu, \"end\": %zu",
                           i ? "," : "", m->start, m->end);
        else
            nqx_buf_printf(&b, "# %s [%zu] bytes %zu-%zu\n", path, i,
                           m->start, m->end);
        S_field(&b, "kind", m->kind, json);
        S_field(&b, "number", m->number, json);
        S_field(&b, "date", m->date, json);
        S_field(&b, "issuer", m->issuer, json);
        S_field(&b, "locality", m->locality, json);
        S_field(&b, "title", m->title, json);
        S_field(&b, "signer_name", m->signer_name, json);
        S_field(&b, "signer_title", m->signer_title, json);
        S_list(&b, "cites", m->cites, m->ncites, json);
        S_list(&b, "recipients", m->recipients, m->nrecipients, json);
        if (json)
            nqx_buf_puts(&b, "}");
    }
    if (json)
        nqx_buf_puts(&b, "]}");
    if (b.len)
        fwrite(b.data, 1, b.len, stdout);
    nqx_buf_free(&b);
}

int cmd_outline(int argc, char **argv)
{
    return S_run("outline", argc, argv, S_print_outline);
}

int cmd_meta(int argc, char **argv)
{
    return S_run("meta", argc, argv, S_print_meta);
}
