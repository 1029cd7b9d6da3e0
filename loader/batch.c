/* batch.c: nqx_store_ingest_files(): worker threads normalize and
 * extract, the calling thread stores, in input order.
 *
 * POSIX threads, not processes: a worker hands the writer an nqx_text and
 * an nqx_doc, trees of pointers that threads pass as they are, where
 * processes would have to serialize them (change log, offset map, outline
 * and records) and parse them back. Not C11 <threads.h>: it is optional
 * (__STDC_NO_THREADS__), reached glibc only in 2.28 and is absent from
 * several libcs, while pthreads is in every POSIX libc (in glibc's libc.so
 * itself since 2.34, so no extra library to link).
 *
 * Ordering: file k goes to slot k % window; a worker may run at most
 * window files ahead of the writer, so memory stays bounded by window
 * prepared documents however long the batch. The writer takes the slots
 * in index order, so the store and the callback see exactly the sequence
 * one thread would produce. */
#include "store.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double S_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

typedef struct {
    int ready;
    nqx_store_prep prep;
} S_slot;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t filled; /* a worker filled a slot (the writer waits) */
    pthread_cond_t room;   /* the writer emptied a slot, or stop */
    const char *const *paths;
    const nqx_norm_options *norm;
    size_t n, next, taken, window;
    S_slot *slots;
    int stop;
} S_batch;

typedef struct {
    S_batch *b;
    nqx_grammar *g; /* this worker's own: a grammar serves one thread */
    pthread_t tid;
} S_worker;

static void *S_work(void *arg)
{
    S_worker *w = arg;
    S_batch *b = w->b;
    for (;;) {
        nqx_store_prep p;
        size_t k;
        pthread_mutex_lock(&b->mu);
        while (!b->stop && b->next < b->n && b->next >= b->taken + b->window)
            pthread_cond_wait(&b->room, &b->mu);
        if (b->stop || b->next >= b->n) {
            pthread_mutex_unlock(&b->mu);
            return NULL;
        }
        k = b->next++;
        pthread_mutex_unlock(&b->mu);
        nqx_store_prepare(w->g, b->norm, b->paths[k], &p);
        pthread_mutex_lock(&b->mu);
        b->slots[k % b->window].prep = p;
        b->slots[k % b->window].ready = 1;
        pthread_cond_signal(&b->filled);
        pthread_mutex_unlock(&b->mu);
    }
}

/* A transaction takes up to S_BATCH files, S_BATCH_BYTES of input
 * (memory) and S_BATCH_MS of preparing (what a crash can undo, and how
 * long readers wait to see a file). Each transaction costs an FTS5
 * segment to write and later merge (store.h): 32 files instead of 8 save
 * a fifth of what storing still costs. With worker threads a batch is the
 * files already prepared, at most the window. */
#define S_BATCH 32
#define S_BATCH_BYTES (64u << 20)
#ifndef S_BATCH_MS /* (callgrind runs set it higher: under valgrind 250 ms
                    * prepares a few files, not a native batch) */
#define S_BATCH_MS 250
#endif
#define S_WINDOW 8

typedef struct {
    nqx_ingest_result res;
    nqx_error e;
    nqx_status st;
} S_out;

/* ------------------------------------------------------------------ */
/* checkpoints in a thread of their own                                */

/* A checkpoint copies the WAL's pages into the store and waits for two
 * fsyncs; done by the writer itself (SQLite's autocheckpoint, every 64
 * MB: schema.c) it stopped the writing for that long, 4% of a whole
 * textcorpus ingest's time, more on a busy disk. SQLite lets another
 * connection copy while the writer goes on (a PASSIVE checkpoint takes
 * no lock a writer needs), so nqx_store_ingest_files gives the copying
 * to a thread with its own connection. What a crash can lose is what it
 * lost before: commits not yet copied, which the WAL still holds (the
 * same synchronous = NORMAL). The writer's commits tell the thread when
 * the WAL has grown by ckpt_pages (SQLite's WAL hook); a WAL four times
 * that makes the writer wait for the copy. */
typedef struct {
    nqx_store *s;
    sqlite3 *db; /* the thread's own connection */
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    int want, busy, stop, pages;
} S_ckpt;

static void *S_ckpt_run(void *arg)
{
    S_ckpt *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        int nlog = -1, rc;
        while (!c->want && !c->stop)
            pthread_cond_wait(&c->go, &c->mu);
        if (!c->want)
            break;
        c->want = 0;
        c->busy = 1;
        pthread_mutex_unlock(&c->mu);
        /* (SQLITE_BUSY or an error: the next one, or the last
         * connection's close, copies what this one could not) */
        rc = sqlite3_wal_checkpoint_v2(c->db, "main",
                                       SQLITE_CHECKPOINT_PASSIVE, &nlog, NULL);
        pthread_mutex_lock(&c->mu);
        c->busy = 0;
        c->s->nckpt += rc == SQLITE_OK && nlog >= 0; /* (-1: not WAL) */
        pthread_cond_broadcast(&c->done);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

/* The writer's WAL hook: called after each commit with the WAL's size. */
static int S_ckpt_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
    S_ckpt *c = arg;
    (void)db;
    (void)name;
    if (pages < c->pages)
        return SQLITE_OK;
    pthread_mutex_lock(&c->mu);
    if (!c->busy) {
        c->want = 1;
        pthread_cond_signal(&c->go);
    }
    while (pages >= 4 * c->pages && (c->want || c->busy))
        pthread_cond_wait(&c->done, &c->mu);
    pthread_mutex_unlock(&c->mu);
    return SQLITE_OK;
}

/* Start the thread; 0 when it runs. Otherwise (a store in memory or not
 * in WAL mode, no memory, no thread) the writer goes on checkpointing
 * itself, as a lone document's ingest does. */
static int S_ckpt_start(nqx_store *s, S_ckpt *c)
{
    const char *file = sqlite3_db_filename(s->db, "main");
    sqlite3_stmt *st = NULL;
    int wal;
    memset(c, 0, sizeof *c);
    c->s = s;
    c->pages = s->ckpt_pages > 0 ? s->ckpt_pages : NQX_CKPT_PAGES;
    if (s->readonly || !file || !*file) /* ("": in memory) */
        return -1;
    wal = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL) ==
              SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
          sqlite3_column_text(st, 0) &&
          strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (!wal)
        return -1;
    if (sqlite3_open_v2(file, &c->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        sqlite3_close(c->db);
        return -1;
    }
    sqlite3_busy_timeout(c->db, 5000);
    /* a connection that has read nothing does not know the store is in
     * WAL mode yet, and its checkpoints do nothing */
    if (sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema", NULL,
                     NULL, NULL) != SQLITE_OK) {
        sqlite3_close(c->db);
        return -1;
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->go, NULL);
    pthread_cond_init(&c->done, NULL);
    if (pthread_create(&c->tid, NULL, S_ckpt_run, c) != 0) {
        pthread_cond_destroy(&c->done);
        pthread_cond_destroy(&c->go);
        pthread_mutex_destroy(&c->mu);
        sqlite3_close(c->db);
        return -1;
    }
    sqlite3_wal_hook(s->db, S_ckpt_hook, c);
    return 0;
}

/* Stop the thread (after the copy it is making) and give the writer its
 * own checkpoints back. */
static void S_ckpt_stop(S_ckpt *c)
{
    sqlite3_wal_autocheckpoint(c->s->db, NQX_AUTOCKPT_PAGES);
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_cond_signal(&c->go);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->tid, NULL);
    pthread_cond_destroy(&c->done);
    pthread_cond_destroy(&c->go);
    pthread_mutex_destroy(&c->mu);
    sqlite3_close(c->db);
}

/* Store p[0..n) (files k0...) in one transaction, then report them in
 * order. A store error ends the run there, as it ended one file at a time
 * (fn decides whether to go on). Returns how many of p were used (and
 * cleared); *stop when fn said so. */
static size_t S_store_run(nqx_store *s, const nqx_grammar *g,
                          const nqx_batch_options *opt,
                          const char *const *paths, size_t k0,
                          nqx_store_prep *p, size_t n, nqx_batch_fn fn,
                          void *ctx, int *stop)
{
    S_out out[S_BATCH];
    nqx_error be;
    nqx_status bst;
    size_t i, m = 0;
    nqx_error_clear(&be);
    bst = nqx_store_batch_begin(s, &be);
    for (i = 0; i < n; i++) {
        S_out *o = &out[m++];
        nqx_error_clear(&o->e);
        if (bst) { /* no transaction: the first file fails with it */
            memset(&o->res, 0, sizeof o->res);
            o->st = bst;
            o->e = be;
            break;
        }
        o->st = nqx_store_finish(s, g, paths[k0 + i], &p[i], opt->fill,
                                 &o->res, &o->e);
        if (o->st == NQX_ESTORE)
            break;
    }
    if (!bst && (bst = nqx_store_batch_commit(s, &be)) != NQX_OK)
        for (i = 0; i < m; i++) /* what the run stored is not */
            if (!out[i].st && (out[i].res.outcome == NQX_INGEST_NEW ||
                               out[i].res.outcome == NQX_INGEST_VERSION)) {
                memset(&out[i].res, 0, sizeof out[i].res);
                out[i].st = bst;
                out[i].e = be;
            }
    for (i = 0; i < m; i++) {
        nqx_store_prep_clear(&p[i]);
        if (!*stop && fn &&
            fn(ctx, k0 + i, paths[k0 + i], out[i].st, &out[i].res,
               &out[i].e))
            *stop = 1;
    }
    return m;
}

static nqx_status S_ingest_files(nqx_store *s, const nqx_grammar *g,
                                 const char *const *paths, size_t n,
                                 const nqx_batch_options *opt,
                                 nqx_batch_fn fn, void *ctx, nqx_error *err);

nqx_status nqx_store_ingest_files(nqx_store *s, const nqx_grammar *g,
                                  const char *const *paths, size_t n,
                                  const nqx_batch_options *opt,
                                  nqx_batch_fn fn, void *ctx, nqx_error *err)
{
    S_ckpt c;
    int ck = S_ckpt_start(s, &c) == 0;
    nqx_status st = S_ingest_files(s, g, paths, n, opt, fn, ctx, err);
    if (ck)
        S_ckpt_stop(&c);
    return st;
}

static nqx_status S_ingest_files(nqx_store *s, const nqx_grammar *g,
                                 const char *const *paths, size_t n,
                                 const nqx_batch_options *opt,
                                 nqx_batch_fn fn, void *ctx, nqx_error *err)
{
    static const nqx_batch_options none;
    S_batch b;
    S_worker *w = NULL;
    size_t k, nw = 0, jobs;
    nqx_status st = NQX_OK;

    if (!opt)
        opt = &none;
    jobs = opt->jobs > 1 ? (size_t)opt->jobs : 1;
    if (jobs > n)
        jobs = n;
    if (jobs <= 1) {
        nqx_store_prep p[S_BATCH];
        size_t have = 0, used;
        int stop = 0;
        for (k = 0; k < n && !stop; k += used) {
            size_t bytes = 0, i;
            double t0 = S_ms();
            for (i = 0; i < have; i++)
                bytes += p[i].n;
            while (have < S_BATCH && k + have < n && bytes < S_BATCH_BYTES &&
                   (!have || S_ms() - t0 < S_BATCH_MS)) {
                nqx_store_prepare(g, opt->norm, paths[k + have], &p[have]);
                bytes += p[have++].n;
            }
            used = S_store_run(s, g, opt, paths, k, p, have, fn, ctx, &stop);
            memmove(p, p + used, (have - used) * sizeof *p);
            have -= used;
        }
        while (have)
            nqx_store_prep_clear(&p[--have]);
        return NQX_OK;
    }

    memset(&b, 0, sizeof b);
    b.paths = paths;
    b.norm = opt->norm;
    b.n = n;
    /* each worker one file ahead while one waits, and a batch's worth */
    b.window = 2 * jobs > S_WINDOW ? 2 * jobs : S_WINDOW;
    b.slots = calloc(b.window, sizeof *b.slots);
    w = calloc(jobs, sizeof *w);
    if (!b.slots || !w) {
        free(b.slots);
        free(w);
        return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
    }
    for (k = 0; k < jobs; k++) {
        w[k].b = &b;
        if ((st = nqx_gram_load(opt->grammar_dir, &w[k].g, err)) != NQX_OK)
            goto done;
    }
    /* libxml2 wants its one-time setup done before threads parse HTML */
    xmlInitParser();
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.filled, NULL);
    pthread_cond_init(&b.room, NULL);
    for (nw = 0; nw < jobs; nw++)
        if (pthread_create(&w[nw].tid, NULL, S_work, &w[nw]) != 0)
            break;
    if (!nw) {
        st = nqx_fail(err, NQX_ENOMEM, NULL, -1, -1,
                      "cannot start a worker thread");
        goto destroy;
    }
    {
        nqx_store_prep p[S_BATCH];
        size_t have = 0, used;
        int stop = 0;
        /* a batch: the next file, waited for, then those already done */
        for (k = 0; k < n && !stop; k += used) {
            size_t bytes = 0, i;
            for (i = 0; i < have; i++)
                bytes += p[i].n;
            pthread_mutex_lock(&b.mu);
            while (have < S_BATCH && k + have < n && bytes < S_BATCH_BYTES) {
                S_slot *sl = &b.slots[(k + have) % b.window];
                if (!sl->ready) {
                    if (have)
                        break;
                    pthread_cond_wait(&b.filled, &b.mu);
                    continue;
                }
                p[have] = sl->prep;
                sl->ready = 0;
                bytes += p[have++].n;
                b.taken = k + have;
                pthread_cond_broadcast(&b.room);
            }
            pthread_mutex_unlock(&b.mu);
            used = S_store_run(s, g, opt, paths, k, p, have, fn, ctx, &stop);
            memmove(p, p + used, (have - used) * sizeof *p);
            have -= used;
        }
        while (have)
            nqx_store_prep_clear(&p[--have]);
    }
    pthread_mutex_lock(&b.mu);
    b.stop = 1;
    pthread_cond_broadcast(&b.room);
    pthread_mutex_unlock(&b.mu);
    for (k = 0; k < nw; k++)
        pthread_join(w[k].tid, NULL);
    for (k = 0; k < b.window; k++) /* prepared, never stored (a stop) */
        if (b.slots[k].ready)
            nqx_store_prep_clear(&b.slots[k].prep);
destroy:
    pthread_cond_destroy(&b.room);
    pthread_cond_destroy(&b.filled);
    pthread_mutex_destroy(&b.mu);
done:
    for (k = 0; k < jobs; k++)
        nqx_gram_free(w[k].g);
    free(w);
    free(b.slots);
    return st;
}
