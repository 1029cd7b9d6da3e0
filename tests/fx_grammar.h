/* fx_grammar.h: the default grammars (grammars/ folder), loaded by a
 * suite's .init and freed by its .fini. Header-only, included by one
 * suite per file: S_g is that file's. */
#ifndef NQX_FX_GRAMMAR_H
#define NQX_FX_GRAMMAR_H

#include <criterion/criterion.h>

#include "nqx.h"

static nqx_grammar *S_g;

static void fx_grammar_load(void)
{
    nqx_error e;
    cr_assert_eq(nqx_gram_load(NULL, &S_g, &e), NQX_OK, "%s", e.msg);
}

static void fx_grammar_unload(void)
{
    nqx_gram_free(S_g);
    S_g = NULL;
}

#endif
