/* cli.h: shared by the nqx command's files. Only the CLI prints or exits. */
#ifndef NQX_CLI_H
#define NQX_CLI_H

#include "nqx.h"

/* Documented exit codes (nqx --help, nqx.1). */
enum {
    EXIT_OK = 0,       /* everything done */
    EXIT_REJECTED = 1, /* some inputs were rejected; the rest were done */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_INTERNAL = 3  /* store, grammar, model or internal error */
};

typedef int (*cli_cmd_fn)(int argc, char **argv);

/* Print "nqx: FILE:LINE: offset N: reason" to stderr. */
void cli_error(const nqx_error *e);
/* Print "nqx: FMT" to stderr. */
void cli_errorf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The document id of a path: basename without the extension. Caller
 * frees. */
char *cli_doc_id(const char *path);

/* Read and normalize one file (the model, when non-NULL, corrects OCR).
 * Prints the error and returns NULL on failure. Caller frees. */
nqx_text *cli_normalize_file(const char *path, const nqx_norm_options *opt);

/* Normalize and extract one file. On success returns 0 with *t and *d
 * (caller frees both); on failure prints the error and returns -1. */
int cli_extract_file(const char *path, const nqx_norm_options *opt,
                     const nqx_grammar *g, nqx_text **t, nqx_doc **d);

/* For the commands that extract each file (extract, outline, meta): fn
 * gets each file argument's text and records (not to keep). */
typedef void (*cli_doc_fn)(void *ctx, const char *path, const nqx_text *t,
                           const nqx_doc *d);

/* The grammars of gdir (NULL = default) and, unless no_ocr, the OCR model
 * (NULL when there is none): 0, or -1 with the error printed. The caller
 * frees both. */
int cli_load_extraction(const char *gdir, int no_ocr, nqx_grammar **g,
                        nqx_model **model);

/* Extract each file argument of argv (skipping options; --format and
 * --grammars take a value) with g and model, calling fn on each that
 * succeeds. EXIT_OK, or EXIT_REJECTED when some file failed (its error
 * printed). */
int cli_each_doc(int argc, char **argv, const nqx_grammar *g,
                 const nqx_model *model, cli_doc_fn fn, void *ctx);

/* Load grammars from dir (NULL = default). Prints the error on failure. */
nqx_grammar *cli_load_grammars(const char *dir);

/* Load the default OCR model, or NULL (silently) when it is absent and
 * path was not given explicitly. */
nqx_model *cli_load_model(const char *path, int *failed);

/* Is s the option name (exact) or "name=value"? Sets *val. */
int cli_opt(const char *arg, const char *name, const char **val, int argc,
            char **argv, int *i);

/* Commands, one file per group. */
int cmd_normalize(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_outline(int argc, char **argv);
int cmd_meta(int argc, char **argv);
int cmd_check_grammars(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_tasks(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
