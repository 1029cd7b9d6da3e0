/* fixture_util.h: reading the documents the outline and metadata fixtures
 * describe (tests/fixtures/outline, tests/fixtures/meta), and running the
 * pipeline on a test's text. Header-only so that each suite stays one
 * file; every function is static inline (a suite uses some of them). */
#ifndef NQX_FIXTURE_UTIL_H
#define NQX_FIXTURE_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nqx.h"

#define FX_TARBALL "/work/shared/textcorpus/vi-text.tar.xz"

static inline int fx_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Read path whole; NULL when it cannot be read. Caller frees. */
static inline char *fx_slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    size_t n;
    nqx_error e;
    if (nqx_read_file(path, 0, &buf, &n, &e) != NQX_OK)
        return NULL;
    if (len)
        *len = n;
    return buf;
}

/* The bytes of document id: corpus/ID.txt, else the textcorpus file
 * ID.md from /tmp/vi-text or unpacked from the tarball into a temporary
 * folder. NULL when the textcorpus is absent. Caller frees. */
static inline char *fx_document(const char *id, size_t *len)
{
    char path[512], dir[64], cmd[1024];
    char *buf;
    snprintf(path, sizeof path, "%s/corpus/%s.txt", NQX_SRCDIR, id);
    if (fx_exists(path))
        return fx_slurp(path, len);
    snprintf(path, sizeof path, "/tmp/vi-text/%s.md", id);
    if (fx_exists(path))
        return fx_slurp(path, len);
    if (!fx_exists(FX_TARBALL))
        return NULL;
    strcpy(dir, "/tmp/nqx-tc-XXXXXX");
    if (!mkdtemp(dir))
        return NULL;
    snprintf(cmd, sizeof cmd, "tar -xJf %s -C %s vi-text/%s.md 2>/dev/null",
             FX_TARBALL, dir, id);
    buf = NULL;
    if (system(cmd) == 0) {
        snprintf(path, sizeof path, "%s/vi-text/%s.md", dir, id);
        buf = fx_slurp(path, len);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", dir);
    return buf;
}

/* Free a suite's records and text, leaving both NULL (for its next run
 * and its .fini). */
static inline void fx_drop(nqx_doc **d, nqx_text **t)
{
    nqx_doc_free(*d);
    *d = NULL;
    nqx_text_free(*t);
    *t = NULL;
}

/* Normalize (no OCR model) bytes[0..n) (name: for errors) and extract
 * them with grammar g: the records, and in *tp the normalized text (both
 * the caller's; *tp is set before extraction, so that a suite's .fini
 * frees it when extraction fails). */
static inline nqx_doc *fx_extract_text(const nqx_grammar *g, const char *name,
                                       const char *bytes, size_t n, nqx_text **tp)
{
    nqx_doc *d = NULL;
    nqx_error e;
    cr_assert_eq(nqx_norm_text(name, bytes, n, NULL, tp, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_ext_doc(g, *tp, &d, &e), NQX_OK, "%s", e.msg);
    return d;
}

/* fx_extract_text of document id (fx_document). NULL when the document
 * is absent (the caller skips). */
static inline nqx_doc *fx_extract(const nqx_grammar *g, const char *id,
                                  nqx_text **tp)
{
    size_t n = 0;
    char *bytes = fx_document(id, &n);
    nqx_doc *d;
    if (!bytes)
        return NULL;
    d = fx_extract_text(g, id, bytes, n, tp);
    free(bytes);
    return d;
}

/* Split line (modified in place) at tabs into at most max fields. */
static inline int fx_fields(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *tab = strchr(p, '\t');
        f[n++] = p;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

#endif
