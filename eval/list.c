/* list.c: the files of a folder in the order the scorers visit them
 * (pathlib's sorted(glob("*.suffix"))). */
#include "eval.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void nqx_eval_list_free(char **names, size_t n)
{
    size_t i;
    if (!names)
        return;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

nqx_status nqx_eval_list(const char *dir, const char *suffix, char ***names,
                         size_t *n, nqx_error *err)
{
    DIR *d;
    struct dirent *e;
    char **v = NULL;
    size_t nv = 0, cap = 0, sl = strlen(suffix);
    nqx_buf path = {0};

    *names = NULL;
    *n = 0;
    d = opendir(dir);
    if (!d)
        return nqx_fail(err, NQX_EIO, dir, -1, -1, "cannot open folder: %s",
                        strerror(errno));
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        struct stat st;
        /* pathlib's glob keeps dot files too; a folder named *.txt is no
         * document */
        if (l < sl || strcmp(e->d_name + l - sl, suffix) != 0)
            continue;
        path.len = 0;
        if (nqx_buf_printf(&path, "%s/%s", dir, e->d_name))
            goto oom;
        if (stat(path.data, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (nv == cap) {
            char **nn;
            cap = cap ? cap * 2 : 16;
            nn = realloc(v, cap * sizeof *nn);
            if (!nn)
                goto oom;
            v = nn;
        }
        if (!(v[nv] = nqx_strndup(e->d_name, l)))
            goto oom;
        nv++;
    }
    closedir(d);
    nqx_buf_free(&path);
    if (nv) /* qsort(NULL, 0) is undefined */
        qsort(v, nv, sizeof *v, S_cmp);
    *names = v;
    *n = nv;
    return NQX_OK;
oom:
    closedir(d);
    nqx_buf_free(&path);
    nqx_eval_list_free(v, nv);
    return nqx_fail(err, NQX_ENOMEM, dir, -1, -1, "out of memory");
}
