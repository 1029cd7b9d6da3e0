/* ocr_eval.c: measure the OCR corrector on clean text with injected
 * diacritic noise, and time it.
 *
 *   build/ocr-eval [--model FILE] [--rate R] [--scanner P] [--seed N]
 *                  [--threshold T] [--show | --show-all] FILE...
 *       For each file (NFC): give a fraction R (default 0.02) of its
 *       well-formed syllables one confusion (tone lost, tone swapped, tone
 *       added, hook lost, đ -> d) that yields another syllable the model
 *       knows, as OCR does; run nqx_norm_ocr; count fixed, wrong and broken
 *       words. recall = fixed / injected, precision = fixed / edits.
 *       Also prints MB/s of nqx_norm_ocr over the noisy text.
 *       --any keeps every confusion, also those that make a syllable the
 *       model does not know or no Vietnamese syllable ("thưc", "kêt").
 *       --strip makes each confusion lose all the marks of its word
 *       ("người" -> "nguoi"), and implies --any.
 *       --scanner P adds a scanner with a habit, as real OCR has: in each
 *       file, a tone stacked over a hat, breve or horn (phấn, đấu, ở) is
 *       misread with probability P, each syllable always the same way
 *       (phấn -> phần wherever it is misread), so that a document holds
 *       the same confusion many times. This is what the corrector's
 *       document-level learning is for.
 *       --noisy DIR also writes each noisy text to DIR/basename, so that
 *       the whole pipeline can be scored on it (`make noisy-eval`).
 *   build/ocr-eval --apply DIR [--model FILE] FILE...
 *       Writes each file with the corrections applied to DIR/basename
 *       (for scoring with ocr_score.py before the normalizer applies
 *       them), and prints the edits.
 *
 * Files used here must not be among the model's training files: `make
 * model` leaves out /tmp/vi-text/f*.md for this purpose. */
#include "../normalizer/syl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

static uint64_t S_rng = 88172645463325252ull;

static uint32_t S_rand(void)
{
    S_rng ^= S_rng << 13;
    S_rng ^= S_rng >> 7;
    S_rng ^= S_rng << 17;
    return (uint32_t)(S_rng >> 32);
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One confusion of s, in place; 0 when that kind does not apply. */
/* --any: keep every confusion, also those that make no syllable the
 * model knows or no Vietnamese syllable at all ("thực" -> "thưc", a stop
 * after no tone), as a naive injector or a scanner that loses a tone
 * does */
static int S_any;
/* --strip: every injected confusion loses all the marks of its word
 * ("người" -> "nguoi"), as text retyped without Vietnamese input is */
static int S_strip;

static int S_confuse(nqx_syl *s, int kind)
{
    int i, cands[NQX_SYL_MAX], nc = 0;
    switch (kind) {
    case 0: /* tone lost */
        if (!s->tone)
            return 0;
        s->tone = 0;
        return 1;
    case 1: /* tone swapped */
        if (!s->tone)
            return 0;
        s->tone = 1 + (int)((s->tone + S_rand() % 4) % 5);
        return 1;
    case 2: /* tone added */
        if (s->tone)
            return 0;
        s->tone = 1 + (int)(S_rand() % 5);
        return 1;
    case 3: /* hook / breve / circumflex lost */
        for (i = 0; i < s->n; i++)
            if (s->mod[i] && s->base[i] != 'd')
                cands[nc++] = i;
        if (!nc)
            return 0;
        s->mod[cands[S_rand() % (uint32_t)nc]] = 0;
        return 1;
    case 4: /* đ -> d */
        for (i = 0; i < s->n; i++)
            if (s->base[i] == 'd' && s->mod[i]) {
                s->mod[i] = 0;
                return 1;
            }
        return 0;
    }
    return 0;
}

typedef struct {
    size_t start, end; /* in the noisy text */
    char key[NQX_KEY_MAX];
} S_inj;

typedef struct {
    long injected, fixed, wrong, broken, edits;
    double secs, bytes;
} S_tot;

static char *S_nfc(const char *path, size_t *len)
{
    char *raw;
    size_t n;
    nqx_error err;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m;
    if (nqx_read_file(path, 0, &raw, &n, &err)) {
        fprintf(stderr, "ocr-eval: %s: %s\n", path, err.msg);
        return NULL;
    }
    n = nqx_utf8_valid_prefix(raw, n);
    m = utf8proc_map((const utf8proc_uint8_t *)raw, (utf8proc_ssize_t)n, &nfc,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(raw);
    if (m < 0)
        return NULL;
    *len = (size_t)m;
    return (char *)nfc;
}

static int S_key_of(const char *s, size_t n, char key[NQX_KEY_MAX])
{
    nqx_syl syl;
    if (!nqx_syl_parse(s, n, &syl))
        return 0;
    nqx_syl_key(&syl, key);
    return 1;
}

/* The scanner's habit for s (a stacked tone), the same for every
 * occurrence of s in a file: 1 when it yields a syllable the model knows. */
static int S_habit(const nqx_model *m, nqx_syl *s, uint64_t file_seed)
{
    char key[NQX_KEY_MAX];
    uint64_t h = file_seed;
    int i, stacked = 0, tries;
    nqx_syl o = *s;
    for (i = 0; i < s->n; i++)
        if (s->mod[i] && s->base[i] != 'd')
            stacked = 1;
    if (!s->tone || !stacked)
        return 0;
    nqx_syl_key(s, key);
    for (i = 0; key[i]; i++)
        h = (h ^ (unsigned char)key[i]) * 0x100000001B3ull;
    for (tries = 0; tries < 6; tries++, h = h * 6364136223846793005ull + 1) {
        *s = o;
        switch ((h >> 33) % 3) {
        case 0: /* the tone read as another: sắc <-> huyền, hỏi <-> ngã */
            s->tone = s->tone == 1 ? 2 : s->tone == 2 ? 1 : s->tone == 3 ? 4
                    : s->tone == 4 ? 3 : 1;
            break;
        case 1: /* the tone lost */
            s->tone = 0;
            break;
        default: /* another tone */
            s->tone = 1 + (int)((o.tone + (h >> 40) % 4) % 5);
            break;
        }
        if (s->tone == o.tone || !nqx_syl_valid(s))
            continue;
        nqx_syl_key(s, key);
        if (nqx_model_id(m, key) > 0)
            return 1;
    }
    *s = o;
    return 0;
}

/* Write n bytes to dir/basename(path); 0 on success. */
static int S_write_to(const char *dir, const char *path, const char *s,
                      size_t n)
{
    const char *base = strrchr(path, '/');
    char *outpath;
    FILE *f;
    int bad;
    base = base ? base + 1 : path;
    outpath = malloc(strlen(dir) + strlen(base) + 2);
    if (!outpath)
        return -1;
    sprintf(outpath, "%s/%s", dir, base);
    f = fopen(outpath, "wb");
    bad = !f || fwrite(s, 1, n, f) != n;
    if (f && fclose(f))
        bad = 1;
    if (bad)
        fprintf(stderr, "ocr-eval: %s: cannot write\n", outpath);
    free(outpath);
    return bad ? -1 : 0;
}

/* --show: one line per change, the context's line breaks written as
 * U+23CE so that each change stays on its line, then the file's name. */
static void S_show_context(const char *s, size_t n, const char *path)
{
    size_t i;
    const char *base = strrchr(path, '/');
    for (i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == '\r')
            fputs("\xe2\x8f\x8e", stdout);
        else
            putchar(s[i]);
    }
    printf(" | %s\n", base ? base + 1 : path);
}

static void S_eval_file(const nqx_model *m, const char *path, double rate,
                        double scanner, double threshold, int show,
                        const char *noisy, S_tot *tot)
{
    size_t len, ntok, i, ninj = 0, e, nedits;
    uint64_t file_seed;
    char *text = S_nfc(path, &len);
    nqx_tok *toks;
    nqx_buf out = {0};
    size_t last = 0;
    S_inj *inj;
    nqx_norm_edit *edits;
    nqx_error err;
    double t0;
    if (!text)
        return;
    if (nqx_ocr_tokenize(text, len, &toks, &ntok)) {
        free(text);
        return;
    }
    inj = malloc((ntok + 1) * sizeof *inj);
    file_seed = S_rng;
    for (i = 0; i < ntok; i++) {
        nqx_syl s = toks[i].syl;
        char key[NQX_KEY_MAX], buf[4 * NQX_SYL_MAX + 1];
        int tries, ok = 0;
        size_t rl;
        if (!toks[i].ok || s.casing == NQX_CASE_UPPER)
            continue;
        if (scanner > 0 && (double)S_rand() / 4294967296.0 < scanner &&
            S_habit(m, &s, file_seed))
            ok = 1;
        else if ((double)S_rand() / 4294967296.0 >= rate)
            continue;
        for (tries = 0; tries < 8 && !ok; tries++) {
            s = toks[i].syl;
            if (S_strip) {
                int k, any = s.tone != 0;
                for (k = 0; k < s.n; k++)
                    any |= s.mod[k] != 0;
                if (!any)
                    break;
                s.tone = 0;
                for (k = 0; k < s.n; k++)
                    s.mod[k] = 0;
            } else if (!S_confuse(&s, (int)(S_rand() % 5)))
                continue;
            if (!nqx_syl_valid(&s)) { /* "thưc", "kêt": no Vietnamese */
                ok = S_any;
                continue;
            }
            nqx_syl_key(&s, key);
            ok = nqx_model_id(m, key) > 0 || S_any;
        }
        if (!ok)
            continue;
        rl = nqx_syl_render(&s, nqx_syl_tone_pos(&s, 0), buf);
        nqx_buf_append(&out, text + last, toks[i].start - last);
        inj[ninj].start = out.len;
        nqx_buf_append(&out, buf, rl);
        inj[ninj].end = out.len;
        nqx_syl_key(&toks[i].syl, inj[ninj].key);
        ninj++;
        last = toks[i].end;
    }
    nqx_buf_append(&out, text + last, len - last);
    free(toks);
    free(text);
    if (noisy)
        S_write_to(noisy, path, out.data, out.len);
    t0 = S_now();
    if (nqx_norm_ocr(m, out.data, out.len, threshold, &edits, &nedits, &err)) {
        fprintf(stderr, "ocr-eval: %s: %s\n", path, err.msg);
        nqx_buf_free(&out);
        free(inj);
        return;
    }
    tot->secs += S_now() - t0;
    tot->bytes += (double)out.len;
    tot->injected += (long)ninj;
    tot->edits += (long)nedits;
    for (e = 0, i = 0; e < nedits; e++) {
        char key[NQX_KEY_MAX];
        const char *what;
        while (i < ninj && inj[i].end <= edits[e].start)
            i++;
        if (i < ninj && inj[i].start == edits[e].start) {
            S_key_of(edits[e].repl, edits[e].repl_len, key);
            if (strcmp(key, inj[i].key) == 0)
                tot->fixed++, what = "fixed";
            else
                tot->wrong++, what = "wrong";
        } else
            tot->broken++, what = "broke";
        if (show > 1 || (show && strcmp(what, "fixed") != 0)) {
            size_t a = edits[e].start > 40 ? edits[e].start - 40 : 0;
            size_t b = edits[e].end + 40 < out.len ? edits[e].end + 40 : out.len;
            while (a > 0 && ((unsigned char)out.data[a] & 0xC0) == 0x80)
                a--;
            while (b < out.len && ((unsigned char)out.data[b] & 0xC0) == 0x80)
                b++;
            printf("%s %.3f %.*s -> %s | ", what, edits[e].confidence,
                   (int)(edits[e].end - edits[e].start),
                   out.data + edits[e].start, edits[e].repl);
            S_show_context(out.data + a, b - a, path);
        }
    }
    if (show) { /* injected errors left as they were */
        for (i = 0, e = 0; i < ninj; i++) {
            while (e < nedits && edits[e].end <= inj[i].start)
                e++;
            if (e < nedits && edits[e].start == inj[i].start)
                continue;
            size_t a = inj[i].start > 30 ? inj[i].start - 30 : 0;
            size_t b = inj[i].end + 30 < out.len ? inj[i].end + 30 : out.len;
            printf("missed %.*s (was %s) | ",
                   (int)(inj[i].end - inj[i].start), out.data + inj[i].start,
                   inj[i].key);
            S_show_context(out.data + a, b - a, path);
        }
    }
    nqx_norm_edits_free(edits, nedits);
    nqx_buf_free(&out);
    free(inj);
}

static void S_apply_file(const nqx_model *m, const char *path, const char *dir,
                         double threshold)
{
    size_t len, nedits, e, last = 0;
    char *text = S_nfc(path, &len), *outpath;
    const char *base = strrchr(path, '/');
    nqx_norm_edit *edits;
    nqx_error err;
    FILE *f;
    if (!text)
        return;
    if (nqx_norm_ocr(m, text, len, threshold, &edits, &nedits, &err)) {
        fprintf(stderr, "ocr-eval: %s: %s\n", path, err.msg);
        free(text);
        return;
    }
    base = base ? base + 1 : path;
    outpath = malloc(strlen(dir) + strlen(base) + 2);
    sprintf(outpath, "%s/%s", dir, base);
    f = fopen(outpath, "wb");
    for (e = 0; f && e < nedits; e++) {
        fwrite(text + last, 1, edits[e].start - last, f);
        fwrite(edits[e].repl, 1, edits[e].repl_len, f);
        printf("%s:%zu: %.*s -> %s (%.3f)\n", base, edits[e].start,
               (int)(edits[e].end - edits[e].start), text + edits[e].start,
               edits[e].repl, edits[e].confidence);
        last = edits[e].end;
    }
    if (f) {
        fwrite(text + last, 1, len - last, f);
        fclose(f);
    }
    free(outpath);
    nqx_norm_edits_free(edits, nedits);
    free(text);
}

int main(int argc, char **argv)
{
    const char *model_path = "models/vi.model", *apply = NULL, *noisy = NULL;
    double rate = 0.02, threshold = 0, scanner = 0;
    int i, show = 0;
    nqx_model *m;
    nqx_error err;
    S_tot tot;
    memset(&tot, 0, sizeof tot);
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            model_path = argv[++i];
        else if (strcmp(argv[i], "--rate") == 0 && i + 1 < argc)
            rate = atof(argv[++i]);
        else if (strcmp(argv[i], "--scanner") == 0 && i + 1 < argc)
            scanner = atof(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            S_rng ^= strtoull(argv[++i], NULL, 10) * 0x9E3779B97F4A7C15ull;
        else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc)
            threshold = atof(argv[++i]);
        else if (strcmp(argv[i], "--apply") == 0 && i + 1 < argc)
            apply = argv[++i];
        else if (strcmp(argv[i], "--noisy") == 0 && i + 1 < argc)
            noisy = argv[++i];
        else if (strcmp(argv[i], "--show") == 0)
            show = 1;
        else if (strcmp(argv[i], "--any") == 0)
            S_any = 1;
        else if (strcmp(argv[i], "--strip") == 0)
            S_strip = S_any = 1;
        else if (strcmp(argv[i], "--show-all") == 0)
            show = 2;
        else {
            fprintf(stderr, "usage: ocr-eval [--model F] [--rate R] [--scanner P] [--seed N] "
                            "[--threshold T] [--any] [--strip] [--show|--show-all] [--noisy DIR] [--apply DIR] FILE...\n");
            return 2;
        }
    }
    if (nqx_model_load(model_path, &m, &err)) {
        char line[1024];
        nqx_error_format(&err, line, sizeof line);
        fprintf(stderr, "ocr-eval: %s\n", line);
        return 3;
    }
    for (; i < argc; i++) {
        if (apply)
            S_apply_file(m, argv[i], apply, threshold);
        else
            S_eval_file(m, argv[i], rate, scanner, threshold, show, noisy,
                        &tot);
    }
    if (!apply)
        printf("injected=%ld fixed=%ld wrong=%ld broken=%ld recall=%.3f "
               "precision=%.3f speed=%.1f MB/s (%.1f MB)\n",
               tot.injected, tot.fixed, tot.wrong, tot.broken,
               tot.injected ? (double)tot.fixed / (double)tot.injected : 1.0,
               tot.edits ? (double)tot.fixed / (double)tot.edits : 1.0,
               tot.secs > 0 ? tot.bytes / 1e6 / tot.secs : 0.0, tot.bytes / 1e6);
    nqx_model_free(m);
    return 0;
}
