/* common.c: helpers shared by the subcommands. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NQX_SRCDIR
#define NQX_SRCDIR "."
#endif
#ifndef NQX_DATADIR
#define NQX_DATADIR "/usr/local/share/nqx"
#endif

/* Inputs larger than this are refused whole rather than read (bounded
 * memory); a document is never near it. */
#define MAX_INPUT (256u << 20)

void cli_error(const nqx_error *e)
{
    char line[1024];
    nqx_error_format(e, line, sizeof line);
    fprintf(stderr, "nqx: %s\n", line);
}

void cli_errorf(const char *fmt, ...)
{
    va_list ap;
    fputs("nqx: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

char *cli_doc_id(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;
    char *id;
    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    if (!dot || dot == base)
        dot = base + strlen(base);
    id = malloc((size_t)(dot - base) + 1);
    if (!id)
        return NULL;
    memcpy(id, base, (size_t)(dot - base));
    id[dot - base] = '\0';
    return id;
}

nqx_text *cli_normalize_file(const char *path, const nqx_norm_options *opt)
{
    char *bytes;
    size_t n;
    nqx_error err;
    nqx_text *t = NULL;
    nqx_status st;
    nqx_error_clear(&err);
    st = nqx_read_file(path, MAX_INPUT, &bytes, &n, &err);
    if (st) {
        cli_error(&err);
        return NULL;
    }
    st = nqx_norm_text(path, bytes, n, opt, &t, &err);
    free(bytes);
    if (st) {
        cli_error(&err);
        return NULL;
    }
    return t;
}

int cli_extract_file(const char *path, const nqx_norm_options *opt,
                     const nqx_grammar *g, nqx_text **t, nqx_doc **d)
{
    nqx_error err;
    *d = NULL;
    *t = cli_normalize_file(path, opt);
    if (!*t)
        return -1;
    nqx_error_clear(&err);
    if (nqx_ext_doc(g, *t, d, &err)) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", path);
        cli_error(&err);
        nqx_text_free(*t);
        *t = NULL;
        return -1;
    }
    return 0;
}

int cli_load_extraction(const char *gdir, int no_ocr, nqx_grammar **g,
                        nqx_model **model)
{
    int failed = 0;
    *model = NULL;
    if (!(*g = cli_load_grammars(gdir)))
        return -1;
    if (!no_ocr) {
        *model = cli_load_model(NULL, &failed);
        if (failed) {
            nqx_gram_free(*g);
            *g = NULL;
            return -1;
        }
    }
    return 0;
}

int cli_each_doc(int argc, char **argv, const nqx_grammar *g,
                 const nqx_model *model, cli_doc_fn fn, void *ctx)
{
    int i, rc = EXIT_OK;
    nqx_norm_options opt;
    memset(&opt, 0, sizeof opt);
    opt.model = model;
    opt.no_changes = 1; /* extract and outline read the text and map only */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        nqx_text *t;
        nqx_doc *d = NULL;
        if (a[0] == '-' && a[1]) {
            if (strcmp(a, "--format") == 0 || strcmp(a, "--grammars") == 0)
                i++;
            continue;
        }
        if (cli_extract_file(a, &opt, g, &t, &d)) {
            rc = EXIT_REJECTED;
            continue;
        }
        fn(ctx, a, t, d);
        nqx_doc_free(d);
        nqx_text_free(t);
    }
    return rc;
}

nqx_grammar *cli_load_grammars(const char *dir)
{
    nqx_grammar *g;
    nqx_error err;
    nqx_error_clear(&err);
    if (nqx_gram_load(dir, &g, &err)) {
        cli_error(&err);
        return NULL;
    }
    return g;
}

nqx_model *cli_load_model(const char *path, int *failed)
{
    nqx_model *m = NULL;
    nqx_error err;
    int explicit = path != NULL;
    *failed = 0;
    if (!path)
        path = getenv("NQX_MODEL");
    if (!path || !*path) {
        /* The source tree's model when run from it, else the installed. */
        path = NQX_SRCDIR "/models/vi.model";
        if (access(path, R_OK) != 0)
            path = NQX_DATADIR "/vi.model";
    } else
        explicit = 1;
    if (!explicit && access(path, R_OK) != 0)
        return NULL;
    nqx_error_clear(&err);
    if (nqx_model_load(path, &m, &err)) {
        if (explicit) {
            cli_error(&err);
            *failed = 1;
        }
        return NULL;
    }
    return m;
}

int cli_opt(const char *arg, const char *name, const char **val, int argc,
            char **argv, int *i)
{
    size_t l = strlen(name);
    if (strncmp(arg, name, l) != 0)
        return 0;
    if (arg[l] == '=') {
        *val = arg + l + 1;
        return 1;
    }
    if (arg[l] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        cli_errorf("%s needs a value", name);
        *val = NULL;
        return 1;
    }
    *val = argv[++*i];
    return 1;
}
