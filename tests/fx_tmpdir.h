/* fx_tmpdir.h: a temporary folder per test (S_mkdir as .init, S_rmdir as
 * .fini) and files written into it. Header-only, included by one suite per
 * file: S_dir is that file's. */
#ifndef NQX_FX_TMPDIR_H
#define NQX_FX_TMPDIR_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char S_dir[64];

static void S_mkdir(void)
{
    strcpy(S_dir, "/tmp/nqx-test-XXXXXX");
    cr_assert_not_null(mkdtemp(S_dir));
}

static void S_rmdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", S_dir);
    cr_assert_eq(system(cmd), 0);
}

/* S_dir/name holding text. */
static void S_write(const char *name, const char *text)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

#endif
