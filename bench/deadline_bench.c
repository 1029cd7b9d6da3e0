/* deadline_bench.c: run nqx_ext_deadline over phrases, one per line of
 * stdin; print each value ("null" when none) on stdout and the time per
 * phrase on stderr. Used by bench/dateparser.py (make bench-deadlines).
 *
 *   build/deadline-bench [REPEAT] < phrases.txt
 *
 * REPEAT (default 20) runs the whole list that many times so that the
 * clock has something to measure; the values come from the first run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nqx.h"
#include "../extractor/ext.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    nqx_grammar *g;
    nqx_error e;
    char **lines = NULL, buf[8192], out[64];
    size_t n = 0, cap = 0, i;
    long rep, r;
    double t0, t1;
    rep = argc > 1 ? strtol(argv[1], NULL, 10) : 20;
    if (rep < 1)
        rep = 1;
    if (nqx_gram_load(NULL, &g, &e)) {
        char msg[900];
        nqx_error_format(&e, msg, sizeof msg);
        fprintf(stderr, "deadline-bench: %s\n", msg);
        return 2;
    }
    while (fgets(buf, sizeof buf, stdin)) {
        size_t l = strcspn(buf, "\r\n");
        buf[l] = '\0';
        if (n == cap) {
            char **nl = realloc(lines, (cap ? cap * 2 : 64) * sizeof *nl);
            if (!nl)
                return 2;
            lines = nl;
            cap = cap ? cap * 2 : 64;
        }
        lines[n++] = nqx_strndup(buf, l);
    }
    for (i = 0; i < n; i++)
        puts(nqx_ext_deadline(g, lines[i], strlen(lines[i]), out, sizeof out,
                              NULL, NULL) ? out : "null");
    t0 = S_now();
    for (r = 0; r < rep; r++)
        for (i = 0; i < n; i++)
            (void)nqx_ext_deadline(g, lines[i], strlen(lines[i]), out,
                                   sizeof out, NULL, NULL);
    t1 = S_now();
    fprintf(stderr, "nqx: %zu phrases x %ld runs, %.4f ms per phrase\n", n,
            rep, n ? (t1 - t0) * 1e3 / ((double)n * (double)rep) : 0.0);
    for (i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    nqx_gram_free(g);
    return 0;
}
