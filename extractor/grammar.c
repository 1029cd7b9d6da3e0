/* grammar.c: loads grammars/NAME.pcre (patterns and lexicons as data),
 * compiles them with PCRE2 JIT, runs their examples, and matches under
 * limits so that hostile text fails one match instead of hanging. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "grammar.h"
#include "../core/internal.h"

#include <dirent.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NQX_SRCDIR
#define NQX_SRCDIR "."
#endif
#ifndef NQX_DATADIR
#define NQX_DATADIR "/usr/local/share/nqx"
#endif

/* Limits: generous for real sentences, small enough that catastrophic
 * backtracking on crafted input ends in milliseconds. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000
#define HEAP_LIMIT_KB 20480

/* At most this many first bytes among a @flags w pattern's words. */
#define S_MAXLEAD NQX_GRAM_MAXLEAD

typedef struct {
    char *text;
    int must_match;
    char *captures; /* "a=1; b=2" or NULL */
    long line;
} S_example;

struct nqx_pattern {
    char *name;
    char *file;
    long line;
    pcre2_code *code;
    pcre2_match_data *md;
    int jit; /* JIT-compiled: matched through pcre2_jit_match */
    /* every match starts at the subject's start or at this byte; -1 when
     * unknown (S_bol_or_byte) */
    int bol_byte;
    /* opens with (?:^|\G): every match starts where the search does or,
     * with the m flag, after a newline (S_match) */
    int at_start, multiline;
    /* no \\G and no (*VERB) in the text, and neither of the above: a
     * match starts at a byte or not whatever byte the search began at
     * (nqx_gram_offset_free) */
    int offset_free;
    /* the bytes a match can start with, bit b of first[b / 8]
     * (S_first_bytes); has_first 0 when unknown, 1 for a pattern that
     * opens with ^ (tried at byte 0 only), 2 for one that PCRE2 tries
     * at many bytes (the table then serves a search at a single byte) */
    unsigned char first[32];
    int has_first;
    /* an ASCII byte that every match holds at or after where its try
     * began (PCRE2's last code unit), or -1 (S_required) */
    int req;
    S_example *ex;
    size_t nex;
    struct nqx_grammar *owner;
    /* @flags w: the opening words, one pattern per first byte (S_lead) */
    pcre2_code *lead[S_MAXLEAD];
    pcre2_match_data *lead_md[S_MAXLEAD];
    unsigned lead_jit; /* bit i: lead[i] JIT-compiled */
    size_t nlead;
};

#define S_CACHE_SLOTS 8

struct nqx_grammar {
    struct {
        const void *tag;
        void *p;
        void (*free_fn)(void *);
    } cache[S_CACHE_SLOTS];
    nqx_pattern **pats;
    size_t npats;
    nqx_lexicon *lexs;
    size_t nlexs;
    pcre2_match_context *mctx;
    pcre2_match_context *mctx_lim; /* mctx plus an offset limit */
    /* the JIT's stack, made once: without one, every pcre2_jit_match
     * sets up 32 kB of the machine stack (344,000 calls on 200
     * textcorpus files: extract --no-ocr 1,274.95M -> 1,269.19M
     * instructions); the same size, so the same matches and limits */
    pcre2_jit_stack *jst;
    unsigned long limit_hits;
    /* name -> index + 1 (0 = empty), open addressing; the extractor looks
     * names up per node and per match, a linear strcmp scan cost ~5% */
    size_t *pat_ix, *lex_ix;
    size_t pat_cap, lex_cap;
};

const char *nqx_gram_default_dir(void)
{
    const char *e = getenv("NQX_GRAMMARS");
    if (e && *e)
        return e;
    /* The source tree when run from it, else the installed copy. */
    if (access(NQX_SRCDIR "/grammars/core.pcre", R_OK) == 0)
        return NQX_SRCDIR "/grammars";
    return NQX_DATADIR "/grammars";
}

static void S_pattern_free(nqx_pattern *p)
{
    size_t i;
    if (!p)
        return;
    for (i = 0; i < p->nex; i++) {
        free(p->ex[i].text);
        free(p->ex[i].captures);
    }
    free(p->ex);
    for (i = 0; i < p->nlead; i++) {
        pcre2_match_data_free(p->lead_md[i]);
        pcre2_code_free(p->lead[i]);
    }
    pcre2_match_data_free(p->md);
    pcre2_code_free(p->code);
    free(p->name);
    free(p->file);
    free(p);
}

void nqx_gram_free(nqx_grammar *g)
{
    size_t i, j;
    if (!g)
        return;
    for (i = 0; i < S_CACHE_SLOTS; i++)
        if (g->cache[i].tag && g->cache[i].free_fn)
            g->cache[i].free_fn(g->cache[i].p);
    for (i = 0; i < g->npats; i++)
        S_pattern_free(g->pats[i]);
    free(g->pats);
    for (i = 0; i < g->nlexs; i++) {
        for (j = 0; j < g->lexs[i].n; j++) {
            free(g->lexs[i].entries[j].key);
            free(g->lexs[i].entries[j].value);
        }
        free(g->lexs[i].entries);
        free(g->lexs[i].name);
    }
    free(g->lexs);
    free(g->pat_ix);
    free(g->lex_ix);
    pcre2_match_context_free(g->mctx);
    pcre2_match_context_free(g->mctx_lim);
    pcre2_jit_stack_free(g->jst);
    free(g);
}

static char *S_trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

typedef struct {
    nqx_grammar *g;
    const char *file;
    nqx_error *err;
    /* pattern under construction */
    char *name;
    long line;
    uint32_t flags;
    int words; /* @flags w */
    nqx_buf src;
    S_example *ex;
    size_t nex;
    /* lexicon under construction: index or -1 */
    long lex;
} S_loader;

/* Scan the pattern text q, inside a group: the ')' that closes the group,
 * the '|' that opens another branch of it, or the end of the text when
 * the parentheses balance; escapes and classes are skipped. NULL when
 * unsure (a trailing '\\', an unclosed class, a POSIX class). */
static const char *S_group_end(const char *q)
{
    int depth = 0;
    for (; *q; q++) {
        if (*q == '\\') {
            if (!*++q)
                return NULL;
        } else if (*q == '[') { /* a class: skip to its closing ] */
            q++;
            if (*q == '^')
                q++;
            if (*q == ']')
                q++;
            for (; *q && *q != ']'; q++)
                if (*q == '\\' && !*++q)
                    return NULL;
                else if (*q == '[' && q[1] == ':')
                    return NULL; /* POSIX classes: not worth parsing */
            if (!*q)
                return NULL;
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')') {
            if (depth-- == 0)
                return q;
        } else if (*q == '|' && depth == 0) {
            return q;
        }
    }
    return depth == 0 ? q : NULL;
}

/* The byte c when the pattern src opens with "(?:^|\\c" and that group
 * has no further branch: then every match starts at the subject's start
 * (^ without the m flag) or at a byte c (meta_date's "(?:^|\\|[ \t]*)").
 * -1 otherwise, or when unsure. PCRE2 itself sees no start byte there:
 * the ^ branch hides it, and such a pattern is tried at every byte. */
static int S_bol_or_byte(const char *src)
{
    const char *q;
    int c;
    if (!src || strncmp(src, "(?:^|\\", 6) != 0)
        return -1;
    c = (unsigned char)src[6];
    /* an escaped ASCII punctuation byte stands for itself */
    if (c >= 0x80 || !strchr("|.*+?()[]{}^$\\/-#", c) || !c)
        return -1;
    q = S_group_end(src + 7);
    return q && *q == ')' ? c : -1;
}

/* 1 when src may set the i option inside ("(?i)", "(?xi:", "(?-i)"
 * counts too: the test only has to be safe). */
static int S_sets_caseless(const char *src)
{
    const char *q = src;
    while ((q = strstr(q, "(?"))) {
        for (q += 2; *q && *q != ')' && *q != ':'; q++)
            if (*q == 'i')
                return 1;
    }
    return 0;
}

/* The bytes a match of p can start with. For a pattern that PCRE2
 * anchors and whose text opens with ^ (no m flag), every match starts at
 * byte 0 and is a match of the text after the ^ there: its first byte is
 * one that PCRE2 finds for that rest. For other patterns PCRE2's own
 * table for them. From the start bitmap, or from the first code unit (an
 * ASCII letter in both cases: PCRE2 does not say whether it is caseless;
 * another byte only when nothing in the pattern is caseless). has_first
 * stays 0 when PCRE2 knows neither. Most tries of a line against the
 * line patterns of outline.c and meta.c, or of a word against the
 * deadline patterns at one byte, fail at the first byte: this test is
 * much cheaper than a call into PCRE2. */
static void S_first_bytes(nqx_pattern *p, const char *src, uint32_t flags)
{
    int ec, kind = 2;
    PCRE2_SIZE eo;
    uint32_t opts = 0, fct = 0, u = 0;
    const uint8_t *bm = NULL;
    pcre2_code *rest = NULL;
    const pcre2_code *from = p->code;
    pcre2_pattern_info(p->code, PCRE2_INFO_ALLOPTIONS, &opts);
    if (opts & PCRE2_ANCHORED) {
        if (src[0] != '^' || (flags & PCRE2_MULTILINE))
            return;
        rest = pcre2_compile((PCRE2_SPTR)src + 1, strlen(src + 1),
                             PCRE2_UTF | PCRE2_UCP | flags, &ec, &eo, NULL);
        if (!rest)
            return;
        from = rest;
        kind = 1;
    }
    pcre2_pattern_info(from, PCRE2_INFO_FIRSTBITMAP, &bm);
    pcre2_pattern_info(from, PCRE2_INFO_FIRSTCODETYPE, &fct);
    pcre2_pattern_info(from, PCRE2_INFO_FIRSTCODEUNIT, &u);
    memset(p->first, 0, sizeof p->first);
    if (bm) {
        memcpy(p->first, bm, sizeof p->first);
        p->has_first = kind;
    } else if (fct == 1 && u < 0x80) {
        p->first[u / 8] |= (unsigned char)(1u << (u % 8));
        if ((u | 0x20) >= 'a' && (u | 0x20) <= 'z')
            p->first[(u ^ 0x20) / 8] |= (unsigned char)(1u << ((u ^ 0x20) % 8));
        p->has_first = kind;
    } else if (fct == 1 && u < 0x100 && !(flags & PCRE2_CASELESS) &&
               !S_sets_caseless(src)) {
        p->first[u / 8] |= (unsigned char)(1u << (u % 8));
        p->has_first = kind;
    }
    pcre2_code_free(rest);
}

/* The ASCII byte that PCRE2 found every match must hold after where
 * its try begins (its "last code unit": never one inside a lookbehind),
 * or -1. A letter only when nothing in the pattern is caseless: a
 * caseless k or s also matches a character with no such byte (the
 * Kelvin sign, the long s). S_match looks for it with memchr before
 * calling PCRE2, whose own look for it comes after the call's set-up:
 * most tries of the line patterns (ol_row's '|', the labels' ':') are
 * on lines without it (extract --no-ocr, 200 textcorpus files:
 * 1,282.3M -> 1,271.8M instructions). */
static int S_required(const nqx_pattern *p, const char *src, uint32_t flags)
{
    uint32_t type = 0, u = 0;
    pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODETYPE, &type);
    pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODEUNIT, &u);
    if (type != 1 || u >= 0x80)
        return -1;
    if ((u | 0x20) >= 'a' && (u | 0x20) <= 'z' &&
        ((flags & PCRE2_CASELESS) || S_sets_caseless(src)))
        return -1;
    return (int)u;
}

/* src with each \d as [0-9] (0-9 inside a class) and \D as [^0-9]
 * outside one. The normalizer makes every decimal digit ASCII (its NFC
 * stage), so they mean the same on its text; but PCRE2 in UCP mode
 * tries every UTF-8 lead byte as the start of a \d, and the deadline
 * patterns' scans spent most of their time there (dl_a_relative: 128M ->
 * 30M cycles on a seventh of the textcorpus). Escapes, \Q...\E and
 * POSIX classes are copied as they are. Returns -1 when out of memory. */
static int S_ascii_digits(const char *src, size_t len, nqx_buf *out)
{
    size_t i = 0;
    int cls = 0; /* inside [...] */
    out->len = 0;
    while (i < len) {
        char c = src[i];
        int r = 0;
        if (c == '\\' && i + 1 < len) {
            char n = src[i + 1];
            if (n == 'd')
                r = nqx_buf_puts(out, cls ? "0-9" : "[0-9]");
            else if (n == 'D' && !cls)
                r = nqx_buf_puts(out, "[^0-9]");
            else if (n == 'Q') { /* quoted to \E: as it is */
                const char *e = strstr(src + i + 2, "\\E");
                size_t end = e && (size_t)(e - src) < len ? (size_t)(e - src) + 2 : len;
                r = nqx_buf_append(out, src + i, end - i);
                i = end;
                if (r)
                    return -1;
                continue;
            } else
                r = nqx_buf_append(out, src + i, 2);
            i += 2;
        } else if (cls && c == '[' && i + 1 < len && src[i + 1] == ':') {
            const char *e = strstr(src + i + 2, ":]"); /* [:alpha:] */
            size_t end = e && (size_t)(e - src) < len ? (size_t)(e - src) + 2 : i + 1;
            r = nqx_buf_append(out, src + i, end - i);
            i = end;
        } else if (!cls && c == '[') {
            size_t j = i + 1;
            if (j < len && src[j] == '^')
                j++;
            if (j < len && src[j] == ']') /* a leading ] is a member */
                j++;
            r = nqx_buf_append(out, src + i, j - i);
            i = j;
            cls = 1;
        } else {
            if (cls && c == ']')
                cls = 0;
            r = nqx_buf_append(out, &c, 1);
            i++;
        }
        if (r)
            return -1;
    }
    return 0;
}

/* 1 when every match of a pattern whose opening group ends just before
 * rest goes through that group: rest does not make it optional (?, *,
 * {) and has no '|' outside parentheses (another way to match). */
static int S_rest_follows(const char *rest)
{
    const char *q;
    if (*rest == '?' || *rest == '*' || *rest == '{')
        return 0;
    q = S_group_end(rest);
    return q && !*q;
}

/* @flags w: src opens with a group of plain words, "(?<name>W|W...)" or
 * "(?:W|W...)"; compile, for each first byte, the words that open with
 * it as one pattern (flags as the pattern's: caseless words fall in the
 * same group whatever their case). Each such pattern has one first
 * letter, which PCRE2 finds by a vector scan, where a scan for the whole
 * pattern tries a table of several bytes at every byte (meta_cite: 36 ->
 * 13 ms on 2,000 textcorpus files). S_match then tries the pattern only
 * where one of its words starts. Returns 0 when src does not open so,
 * is an x-mode pattern (spaces would not be words'), has more than
 * S_MAXLEAD first bytes, or on failure. */
static int S_lead(nqx_pattern *p, const char *src, uint32_t flags)
{
    const char *q = src, *end;
    char words[1024];
    size_t n, i;
    int ec;
    PCRE2_SIZE eo;
    if (flags & PCRE2_EXTENDED)
        return 0;
    if (strncmp(q, "(?<", 3) == 0) {
        q = strchr(q, '>');
        if (!q)
            return 0;
        q++;
    } else if (strncmp(q, "(?:", 3) == 0) {
        q += 3;
    } else {
        return 0;
    }
    end = strchr(q, ')');
    n = end ? (size_t)(end - q) : 0;
    if (!n || n >= sizeof words || !S_rest_follows(end + 1))
        return 0;
    memcpy(words, q, n);
    words[n] = '\0';
    /* plain words only: no byte that means anything to PCRE2 but '|',
     * and no empty word */
    if (strpbrk(words, "\\^$.[]()*+?{}") || words[0] == '|' ||
        words[n - 1] == '|' || strstr(words, "||"))
        return 0;
    p->nlead = 0;
    for (i = 0; i < n; i++) {
        /* each first byte not yet seen (its case pair too when caseless)
         * starts a group of every word that opens with it */
        unsigned char c = (unsigned char)words[i], d;
        nqx_buf b = {0};
        size_t j;
        int bad = 0;
        if (i > 0 && words[i - 1] != '|')
            continue;
        for (j = 0; j < i; j++) {
            d = (unsigned char)words[j];
            if ((j == 0 || words[j - 1] == '|') &&
                (d == c || ((flags & PCRE2_CASELESS) && c < 0x80 &&
                            (d | 0x20) == (c | 0x20) && (c | 0x20) >= 'a' &&
                            (c | 0x20) <= 'z')))
                break;
        }
        if (j < i)
            continue;
        if (p->nlead == S_MAXLEAD)
            return 0;
        for (j = i; j < n; j++) {
            size_t l = strcspn(words + j, "|");
            d = (unsigned char)words[j];
            if (d == c || ((flags & PCRE2_CASELESS) && c < 0x80 &&
                           (d | 0x20) == (c | 0x20) && (c | 0x20) >= 'a' &&
                           (c | 0x20) <= 'z')) {
                if (b.len)
                    bad |= nqx_buf_puts(&b, "|");
                bad |= nqx_buf_append(&b, words + j, l);
            }
            j += l; /* (then past the '|') */
        }
        if (bad || !b.len) {
            nqx_buf_free(&b);
            return 0;
        }
        p->lead[p->nlead] = pcre2_compile((PCRE2_SPTR)b.data, b.len,
                                          PCRE2_UTF | PCRE2_UCP | flags, &ec,
                                          &eo, NULL);
        nqx_buf_free(&b);
        if (!p->lead[p->nlead])
            return 0;
        if (pcre2_jit_compile(p->lead[p->nlead], PCRE2_JIT_COMPLETE) == 0)
            p->lead_jit |= 1u << p->nlead;
        p->lead_md[p->nlead] =
            pcre2_match_data_create_from_pattern(p->lead[p->nlead], NULL);
        if (!p->lead_md[p->nlead++])
            return 0;
    }
    return p->nlead > 0;
}

static nqx_status S_finish_pattern(S_loader *L)
{
    int ec;
    PCRE2_SIZE eo;
    nqx_pattern *p, **np;
    size_t i;
    if (!L->name)
        return NQX_OK;
    if (!L->src.len) {
        return nqx_fail(L->err, NQX_EGRAMMAR, L->file, L->line, -1,
                        "pattern %s has no body", L->name);
    }
    for (i = 0; i < L->g->npats; i++)
        if (strcmp(L->g->pats[i]->name, L->name) == 0)
            return nqx_fail(L->err, NQX_EGRAMMAR, L->file, L->line, -1,
                            "pattern %s is defined twice (first in %s:%ld)",
                            L->name, L->g->pats[i]->file, L->g->pats[i]->line);
    p = calloc(1, sizeof *p);
    if (!p)
        return nqx_fail(L->err, NQX_ENOMEM, L->file, L->line, -1, "out of memory");
    {
        nqx_buf a = {0};
        if (S_ascii_digits(L->src.data, L->src.len, &a)) {
            nqx_buf_free(&a);
            free(p);
            return nqx_fail(L->err, NQX_ENOMEM, L->file, L->line, -1, "out of memory");
        }
        p->code = pcre2_compile((PCRE2_SPTR)a.data, a.len,
                                PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT |
                                    L->flags, &ec, &eo, NULL);
        if (!p->code) /* the error's offset in the source as written */
            pcre2_code_free(pcre2_compile((PCRE2_SPTR)L->src.data, L->src.len,
                                          PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT |
                                              L->flags, &ec, &eo, NULL));
        else { /* the tests below read the source compiled */
            nqx_buf t = L->src;
            L->src = a;
            a = t;
        }
        nqx_buf_free(&a);
    }
    if (!p->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        free(p);
        return nqx_fail(L->err, NQX_EGRAMMAR, L->file, L->line + 1, (long)eo,
                        "pattern %s: %s", L->name, (char *)msg);
    }
    p->bol_byte = (L->flags & (PCRE2_MULTILINE | PCRE2_EXTENDED))
                      ? -1 : S_bol_or_byte(L->src.data);
    {
        uint32_t nl = 0;
        pcre2_pattern_info(p->code, PCRE2_INFO_NEWLINE, &nl);
        p->at_start = nl == PCRE2_NEWLINE_LF &&
                      strncmp(L->src.data, "(?:^|\\G)", 8) == 0;
        p->multiline = (L->flags & PCRE2_MULTILINE) != 0;
    }
    p->offset_free = p->bol_byte < 0 && !p->at_start &&
                     !strstr(L->src.data, "\\G") && !strstr(L->src.data, "(*");
    S_first_bytes(p, L->src.data, L->flags);
    p->req = S_required(p, L->src.data, L->flags);
    /* JIT is an optimisation: when unavailable the interpreter runs. */
    p->jit = pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == 0;
    if (L->words && !S_lead(p, L->src.data, L->flags)) {
        S_pattern_free(p);
        return nqx_fail(L->err, NQX_EGRAMMAR, L->file, L->line, -1,
                        "pattern %s: @flags w wants it to open with a group "
                        "of plain words, (?<name>A|B) or (?:A|B), and no "
                        "more than %d first letters", L->name, S_MAXLEAD);
    }
    p->md = pcre2_match_data_create_from_pattern(p->code, NULL);
    np = realloc(L->g->pats, (L->g->npats + 1) * sizeof *np);
    if (!p->md || !np) {
        if (np)
            L->g->pats = np;
        S_pattern_free(p);
        return nqx_fail(L->err, NQX_ENOMEM, L->file, L->line, -1, "out of memory");
    }
    L->g->pats = np;
    p->name = L->name;
    p->file = nqx_strndup(L->file, strlen(L->file));
    p->line = L->line;
    p->ex = L->ex;
    p->nex = L->nex;
    p->owner = L->g;
    L->g->pats[L->g->npats++] = p;
    L->name = NULL;
    L->ex = NULL;
    L->nex = 0;
    L->src.len = 0;
    if (L->src.data)
        L->src.data[0] = '\0';
    return NQX_OK;
}

static nqx_status S_add_example(S_loader *L, char *arg, int must, long line)
{
    S_example *ne;
    char *sep = must ? strstr(arg, " => ") : NULL;
    if (!L->name)
        return nqx_fail(L->err, NQX_EGRAMMAR, L->file, line, -1,
                        "example outside a @pattern");
    ne = realloc(L->ex, (L->nex + 1) * sizeof *ne);
    if (!ne)
        return nqx_fail(L->err, NQX_ENOMEM, L->file, line, -1, "out of memory");
    L->ex = ne;
    if (sep)
        *sep = '\0';
    ne[L->nex].text = nqx_strndup(arg, strlen(arg));
    ne[L->nex].captures = sep ? nqx_strndup(sep + 4, strlen(sep + 4)) : NULL;
    ne[L->nex].must_match = must;
    ne[L->nex].line = line;
    L->nex++;
    return NQX_OK;
}

static nqx_status S_add_lex_entry(S_loader *L, char *s, long line)
{
    nqx_lexicon *lx = &L->g->lexs[L->lex];
    nqx_lex_entry *ne = realloc(lx->entries, (lx->n + 1) * sizeof *ne);
    char *eq = strstr(s, " = ");
    if (!ne)
        return nqx_fail(L->err, NQX_ENOMEM, L->file, line, -1, "out of memory");
    lx->entries = ne;
    if (eq) {
        *eq = '\0';
        ne[lx->n].value = nqx_strndup(S_trim(eq + 3), strlen(S_trim(eq + 3)));
    } else {
        ne[lx->n].value = NULL;
    }
    s = S_trim(s);
    ne[lx->n].key = nqx_strndup(s, strlen(s));
    lx->n++;
    return NQX_OK;
}

static nqx_status S_load_file(nqx_grammar *g, const char *path, nqx_error *err)
{
    char *data, *line, *next;
    size_t len;
    long lineno = 0;
    nqx_status st;
    S_loader L;

    st = nqx_read_file(path, 16u << 20, &data, &len, err);
    if (st)
        return st;
    {
        size_t ok = nqx_utf8_valid_prefix(data, len);
        if (ok != len) { /* (the offset is taken before data is freed) */
            free(data);
            return nqx_fail(err, NQX_EGRAMMAR, path, -1, (long)ok, "invalid UTF-8");
        }
    }
    memset(&L, 0, sizeof L);
    L.g = g;
    L.file = path;
    L.err = err;
    L.lex = -1;
    st = NQX_OK;
    for (line = data; line && !st; line = next) {
        char *s;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        s = S_trim(line);
        if (*s == '#' && L.lex < 0 && !(L.name && L.src.len && (L.flags & PCRE2_EXTENDED)))
            continue;
        if (*s == '\0') {
            st = S_finish_pattern(&L);
            L.lex = -1;
            continue;
        }
        if (*s == '@') {
            char *arg = s + 1;
            char *word = arg;
            while (*arg && *arg != ' ' && *arg != '\t')
                arg++;
            if (*arg)
                *arg++ = '\0';
            arg = S_trim(arg);
            if (strcmp(word, "pattern") == 0) {
                st = S_finish_pattern(&L);
                L.lex = -1;
                if (!st) {
                    L.name = nqx_strndup(arg, strlen(arg));
                    L.line = lineno;
                    L.flags = 0;
                    L.words = 0;
                    if (!*arg)
                        st = nqx_fail(err, NQX_EGRAMMAR, path, lineno, -1,
                                      "@pattern needs a name");
                }
            } else if (strcmp(word, "flags") == 0) {
                for (; *arg; arg++) {
                    if (*arg == 'i') L.flags |= PCRE2_CASELESS;
                    else if (*arg == 'x') L.flags |= PCRE2_EXTENDED;
                    else if (*arg == 'm') L.flags |= PCRE2_MULTILINE;
                    else if (*arg == 's') L.flags |= PCRE2_DOTALL;
                    else if (*arg == 'w') L.words = 1;
                    else if (*arg != ' ')
                        st = nqx_fail(err, NQX_EGRAMMAR, path, lineno, -1,
                                      "unknown flag '%c'", *arg);
                }
            } else if (strcmp(word, "match") == 0) {
                st = S_add_example(&L, arg, 1, lineno);
            } else if (strcmp(word, "nomatch") == 0) {
                st = S_add_example(&L, arg, 0, lineno);
            } else if (strcmp(word, "lexicon") == 0) {
                nqx_lexicon *nl;
                st = S_finish_pattern(&L);
                if (st)
                    break;
                nl = realloc(g->lexs, (g->nlexs + 1) * sizeof *nl);
                if (!nl) {
                    st = nqx_fail(err, NQX_ENOMEM, path, lineno, -1, "out of memory");
                    break;
                }
                g->lexs = nl;
                memset(&nl[g->nlexs], 0, sizeof *nl);
                nl[g->nlexs].name = nqx_strndup(arg, strlen(arg));
                L.lex = (long)g->nlexs++;
            } else {
                st = nqx_fail(err, NQX_EGRAMMAR, path, lineno, -1,
                              "unknown directive @%s", word);
            }
            continue;
        }
        if (L.lex >= 0) {
            st = S_add_lex_entry(&L, s, lineno);
        } else if (L.name) {
            if (L.nex)
                st = nqx_fail(err, NQX_EGRAMMAR, path, lineno, -1,
                              "pattern text after the examples of %s", L.name);
            else if ((L.src.len && nqx_buf_append(&L.src, "\n", 1)) ||
                     nqx_buf_puts(&L.src, s))
                st = nqx_fail(err, NQX_ENOMEM, path, lineno, -1, "out of memory");
        } else {
            st = nqx_fail(err, NQX_EGRAMMAR, path, lineno, -1,
                          "text outside a @pattern or @lexicon");
        }
    }
    if (!st)
        st = S_finish_pattern(&L);
    if (st) {
        size_t i;
        free(L.name);
        for (i = 0; i < L.nex; i++) {
            free(L.ex[i].text);
            free(L.ex[i].captures);
        }
        free(L.ex);
    }
    nqx_buf_free(&L.src);
    free(data);
    return st;
}

static size_t S_hash(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Build a table of n names (name(i) gives the i-th); a power-of-two
 * capacity at least twice n. NULL on out of memory. */
static size_t *S_index(size_t n, const char *(*name)(const nqx_grammar *, size_t),
                       const nqx_grammar *g, size_t *cap)
{
    size_t c = 16, i, *t;
    while (c < 2 * n)
        c *= 2;
    t = calloc(c, sizeof *t);
    if (!t)
        return NULL;
    for (i = 0; i < n; i++) {
        size_t h = S_hash(name(g, i)) & (c - 1);
        while (t[h])
            h = (h + 1) & (c - 1);
        t[h] = i + 1;
    }
    *cap = c;
    return t;
}

static const char *S_pat_name(const nqx_grammar *g, size_t i)
{
    return g->pats[i]->name;
}

static const char *S_lex_name(const nqx_grammar *g, size_t i)
{
    return g->lexs[i].name;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

nqx_status nqx_gram_load(const char *dir, nqx_grammar **out, nqx_error *err)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t nnames = 0, i;
    nqx_status st = NQX_OK;
    nqx_grammar *g;

    *out = NULL;
    if (!dir)
        dir = nqx_gram_default_dir();
    d = opendir(dir);
    if (!d)
        return nqx_fail(err, NQX_EIO, dir, -1, -1,
                        "cannot open grammar directory");
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        char **nn;
        if (l < 6 || strcmp(e->d_name + l - 5, ".pcre") != 0)
            continue;
        nn = realloc(names, (nnames + 1) * sizeof *nn);
        if (!nn) {
            st = NQX_ENOMEM;
            break;
        }
        names = nn;
        names[nnames] = malloc(strlen(dir) + l + 2);
        if (!names[nnames]) {
            st = NQX_ENOMEM;
            break;
        }
        sprintf(names[nnames++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    g = calloc(1, sizeof *g);
    if (!g || st) {
        st = nqx_fail(err, NQX_ENOMEM, dir, -1, -1, "out of memory");
        goto done;
    }
    g->mctx = pcre2_match_context_create(NULL);
    if (!g->mctx) {
        st = nqx_fail(err, NQX_ENOMEM, dir, -1, -1, "out of memory");
        goto done;
    }
    pcre2_set_match_limit(g->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(g->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(g->mctx, HEAP_LIMIT_KB);
    g->jst = pcre2_jit_stack_create(32768, 32768, NULL);
    if (g->jst) /* (none: the machine stack, as before) */
        pcre2_jit_stack_assign(g->mctx, NULL, g->jst);
    g->mctx_lim = pcre2_match_context_copy(g->mctx);
    if (!g->mctx_lim) {
        st = nqx_fail(err, NQX_ENOMEM, dir, -1, -1, "out of memory");
        goto done;
    }
    /* Sorted so that load order, and thus errors, are reproducible. */
    qsort(names, nnames, sizeof *names, S_cmp_str);
    for (i = 0; i < nnames && !st; i++)
        st = S_load_file(g, names[i], err);
    if (!st && !nnames)
        st = nqx_fail(err, NQX_EGRAMMAR, dir, -1, -1, "no *.pcre grammar files");
    if (!st && (!(g->pat_ix = S_index(g->npats, S_pat_name, g, &g->pat_cap)) ||
                !(g->lex_ix = S_index(g->nlexs, S_lex_name, g, &g->lex_cap))))
        st = nqx_fail(err, NQX_ENOMEM, dir, -1, -1, "out of memory");
done:
    for (i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    if (st) {
        nqx_gram_free(g);
        return st;
    }
    *out = g;
    return NQX_OK;
}

const nqx_pattern *nqx_gram_pattern(const nqx_grammar *g, const char *name)
{
    size_t h = S_hash(name) & (g->pat_cap - 1);
    /* names are unique (checked at load): the first equal one is it */
    for (; g->pat_ix[h]; h = (h + 1) & (g->pat_cap - 1))
        if (strcmp(g->pats[g->pat_ix[h] - 1]->name, name) == 0)
            return g->pats[g->pat_ix[h] - 1];
    return NULL;
}

const nqx_lexicon *nqx_gram_lexicon(const nqx_grammar *g, const char *name)
{
    size_t h = S_hash(name) & (g->lex_cap - 1);
    /* lexicon names may repeat: the first loaded wins, as with a scan */
    size_t best = 0;
    for (; g->lex_ix[h]; h = (h + 1) & (g->lex_cap - 1))
        if (strcmp(g->lexs[g->lex_ix[h] - 1].name, name) == 0 &&
            (!best || g->lex_ix[h] < best))
            best = g->lex_ix[h];
    return best ? &g->lexs[best - 1] : NULL;
}

void *nqx_gram_cache_get(const nqx_grammar *g, const void *tag)
{
    size_t i;
    for (i = 0; i < S_CACHE_SLOTS; i++)
        if (g->cache[i].tag == tag)
            return g->cache[i].p;
    return NULL;
}

int nqx_gram_cache_put(const nqx_grammar *g, const void *tag, void *p,
                       void (*free_fn)(void *))
{
    /* the cache is derived state, not the grammar's meaning: filling it
     * through a const handle keeps the matching API const */
    nqx_grammar *m = (nqx_grammar *)(uintptr_t)g;
    size_t i;
    for (i = 0; i < S_CACHE_SLOTS; i++)
        if (!m->cache[i].tag) {
            m->cache[i].tag = tag;
            m->cache[i].p = p;
            m->cache[i].free_fn = free_fn;
            return 0;
        }
    return -1;
}

unsigned long nqx_gram_limit_hits(const nqx_grammar *g)
{
    return g->limit_hits;
}

int nqx_gram_scan_cost(const nqx_pattern *p)
{
    uint32_t fct = 0, opts = 0;
    const uint8_t *bm = NULL;
    pcre2_pattern_info(p->code, PCRE2_INFO_ALLOPTIONS, &opts);
    pcre2_pattern_info(p->code, PCRE2_INFO_FIRSTCODETYPE, &fct);
    pcre2_pattern_info(p->code, PCRE2_INFO_FIRSTBITMAP, &bm);
    if ((opts & PCRE2_ANCHORED) || fct != 0)
        return 0;
    return bm ? 1 : 2;
}

int nqx_gram_offset_free(const nqx_pattern *p)
{
    return p->offset_free;
}

const char *nqx_gram_example(const nqx_pattern *p, size_t i, int *must_match)
{
    if (i >= p->nex)
        return NULL;
    if (must_match)
        *must_match = p->ex[i].must_match;
    return p->ex[i].text;
}

int nqx_gram_group(const nqx_pattern *p, const char *name)
{
    int n = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)name);
    return n < 0 ? -1 : n;
}

static inline int S_match(const nqx_pattern *p, const char *subj,
                          size_t len, size_t start, size_t *ov, int ovn,
                          pcre2_match_context *mc, int one);

/* The first start of p's words (@flags w) in subj[from..len), or
 * SIZE_MAX: the earliest of its lead patterns' first matches. A lead
 * whose next start is known (at[i], at or after from) is not looked
 * for again. */
static size_t S_lead_next(const nqx_pattern *p, const char *subj, size_t len,
                          size_t from, size_t *at)
{
    size_t i, best = SIZE_MAX;
    for (i = 0; i < p->nlead; i++) {
        if (at[i] == SIZE_MAX - 1 || (at[i] != SIZE_MAX && at[i] < from)) {
            int rc = p->lead_jit & (1u << i)
                         ? pcre2_jit_match(p->lead[i], (PCRE2_SPTR)subj, len,
                                           from, PCRE2_NO_UTF_CHECK,
                                           p->lead_md[i], NULL)
                         : pcre2_match(p->lead[i], (PCRE2_SPTR)subj, len, from,
                                       PCRE2_NO_UTF_CHECK, p->lead_md[i], NULL);
            at[i] = rc > 0 ? pcre2_get_ovector_pointer(p->lead_md[i])[0]
                           : SIZE_MAX;
        }
        if (at[i] < best)
            best = at[i];
    }
    return best;
}

/* Every lead of p not looked for yet (S_lead_next). */
static void S_leads_unknown(const nqx_pattern *p, size_t *at)
{
    size_t i;
    for (i = 0; i < p->nlead; i++)
        at[i] = SIZE_MAX - 1;
}

/* A search for a @flags w pattern: tried where one of its words starts,
 * in order, each try with its start as the offset limit. The same match
 * as one search from start: every match opens with a word, and the try
 * at a byte finds what the search finds there. last: no match starting
 * after it (SIZE_MAX: none). at: the leads' next starts (S_lead_next),
 * found by earlier searches of the subject from start or before (a
 * lead's first start from there is its first from start when it lies at
 * or after start, and none from there means none from start). */
static int S_match_words(const nqx_pattern *p, const char *subj, size_t len,
                         size_t start, size_t last, size_t *ov, int ovn,
                         size_t *at)
{
    size_t c, i;
    for (c = S_lead_next(p, subj, len, start, at); c != SIZE_MAX && c <= last;
         c = S_lead_next(p, subj, len, c, at)) {
        int rc;
        pcre2_set_offset_limit(p->owner->mctx_lim, c);
        rc = S_match(p, subj, len, c, ov, ovn, p->owner->mctx_lim, 2);
        if (rc != 0)
            return rc;
        /* past the character at c (the leads start at characters) */
        for (c++; c < len && ((unsigned char)subj[c] & 0xC0) == 0x80;)
            c++;
        for (i = 0; i < p->nlead; i++)
            if (at[i] < c)
                at[i] = SIZE_MAX - 1;
        if (c >= len)
            break;
    }
    return 0;
}

/* S_match past its first-byte test (PCRE2 called, or a memchr) */
static int S_match_run(const nqx_pattern *p, const char *subj, size_t len,
                       size_t start, size_t *ov, int ovn,
                       pcre2_match_context *mc);

/* one: the match may start at start only (an offset limit there); 2: the
 * same, the limit set by the caller (S_match_words). Inline: most calls
 * end at the first byte (the line patterns of outline.c and meta.c, the
 * deadline patterns tried at one word), and as a call of its own each
 * paid the whole function's entry and exit (extract --no-ocr, 200
 * textcorpus files: 1,346.7M -> 1,340.2M instructions) */
static inline int S_match(const nqx_pattern *p, const char *subj, size_t len,
                          size_t start, size_t *ov, int ovn,
                          pcre2_match_context *mc, int one)
{
    if (start > len)
        return 0;
    if ((p->has_first == 1 || (p->has_first == 2 && one)) &&
        (start >= len || !(p->first[(unsigned char)subj[start] / 8] >>
                           ((unsigned char)subj[start] % 8) & 1)))
        return 0; /* no match starts with this byte */
    return S_match_run(p, subj, len, start, ov, ovn, mc);
}

static int S_match_run(const nqx_pattern *p, const char *subj, size_t len,
                       size_t start, size_t *ov, int ovn,
                       pcre2_match_context *mc)
{
    int rc, i;
    PCRE2_SIZE *v;
    if (p->req >= 0 && !memchr(subj + start, p->req, len - start))
        return 0; /* no byte every match holds */
    if (p->bol_byte >= 0 &&
        !memchr(subj + start, p->bol_byte, len - start)) {
        /* no byte a match could start at: only the subject's start is
         * left, and only when the search begins there */
        if (start > 0)
            return 0;
        mc = p->owner->mctx_lim;
        pcre2_set_offset_limit(mc, 0);
    } else if (p->at_start &&
               (!p->multiline || !memchr(subj + start, '\n', len - start))) {
        /* ^ holds at byte 0 only, or after a newline, and there is none
         * after start: the match can start at start alone (\G), instead
         * of being looked for at every byte up to len */
        mc = p->owner->mctx_lim;
        pcre2_set_offset_limit(mc, start);
    }
    /* The normalizer guarantees valid UTF-8: skip PCRE2's O(n) check,
     * which would otherwise run on the whole subject at every call. */
    /* pcre2_jit_match skips pcre2_match's argument checks: the extractor
     * makes many short matches, where those checks cost */
    if (p->jit)
        rc = pcre2_jit_match(p->code, (PCRE2_SPTR)subj, len, start,
                             PCRE2_NO_UTF_CHECK, p->md, mc);
    else
        rc = pcre2_match(p->code, (PCRE2_SPTR)subj, len, start,
                         PCRE2_NO_UTF_CHECK, p->md, mc);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        p->owner->limit_hits++;
        return -1;
    }
    if (rc == 0)
        rc = (int)pcre2_get_ovector_count(p->md);
    v = pcre2_get_ovector_pointer(p->md);
    if (rc > ovn)
        rc = ovn;
    for (i = 0; i < rc; i++) {
        ov[2 * i] = v[2 * i] == PCRE2_UNSET ? SIZE_MAX : v[2 * i];
        ov[2 * i + 1] = v[2 * i + 1] == PCRE2_UNSET ? SIZE_MAX : v[2 * i + 1];
    }
    return rc;
}

int nqx_gram_match(const nqx_pattern *p, const char *subj, size_t len,
                   size_t start, size_t *ov, int ovn)
{
    size_t at[S_MAXLEAD];
    if (p->nlead && start < len) {
        S_leads_unknown(p, at);
        return S_match_words(p, subj, len, start, SIZE_MAX, ov, ovn, at);
    }
    return S_match(p, subj, len, start, ov, ovn, p->owner->mctx, start == len);
}

int nqx_gram_match_next(const nqx_pattern *p, nqx_gram_scan *sc,
                        const char *subj, size_t len, size_t start,
                        size_t *ov, int ovn)
{
    if (!p->nlead || start >= len)
        return nqx_gram_match(p, subj, len, start, ov, ovn);
    if (sc->subj != subj || sc->len != len || start < sc->from) {
        sc->subj = subj;
        sc->len = len;
        S_leads_unknown(p, sc->at);
    }
    sc->from = start;
    return S_match_words(p, subj, len, start, SIZE_MAX, ov, ovn, sc->at);
}

int nqx_gram_match_upto(const nqx_pattern *p, const char *subj, size_t len,
                        size_t start, size_t last, size_t *ov, int ovn)
{
    if (last < start)
        return 0;
    if (p->nlead && start < len && last > start) {
        size_t at[S_MAXLEAD];
        S_leads_unknown(p, at);
        return S_match_words(p, subj, len, start, last, ov, ovn, at);
    }
    if (last >= len)
        return S_match(p, subj, len, start, ov, ovn, p->owner->mctx,
                       start == len);
    pcre2_set_offset_limit(p->owner->mctx_lim, last);
    return S_match(p, subj, len, start, ov, ovn, p->owner->mctx_lim,
                   last == start);
}

/* Check "a=1; b=2" against the match held in p->md. */
static int S_check_captures(const nqx_pattern *p, const char *subj,
                            const char *spec, char *why, size_t whysz)
{
    char *copy = nqx_strndup(spec, strlen(spec)), *tok, *save = NULL;
    int ok = 1;
    PCRE2_SIZE *v = pcre2_get_ovector_pointer(p->md);
    for (tok = strtok_r(copy, ";", &save); tok && ok;
         tok = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(tok, '='), *name, *want;
        int gnum;
        size_t glen;
        if (!eq) {
            snprintf(why, whysz, "capture spec '%s' lacks '='", tok);
            ok = 0;
            break;
        }
        *eq = '\0';
        name = S_trim(tok);
        want = S_trim(eq + 1);
        gnum = nqx_gram_group(p, name);
        if (gnum < 0) {
            snprintf(why, whysz, "no group named %s", name);
            ok = 0;
            break;
        }
        if (v[2 * gnum] == PCRE2_UNSET) {
            if (*want) {
                snprintf(why, whysz, "group %s unset, want '%s'", name, want);
                ok = 0;
            }
            continue;
        }
        glen = v[2 * gnum + 1] - v[2 * gnum];
        if (glen != strlen(want) || memcmp(subj + v[2 * gnum], want, glen) != 0) {
            snprintf(why, whysz, "group %s is '%.*s', want '%s'", name,
                     (int)glen, subj + v[2 * gnum], want);
            ok = 0;
        }
    }
    free(copy);
    return ok;
}

int nqx_gram_check(const nqx_grammar *g, nqx_gram_report_fn report,
                   void *ctx, int *nexamples)
{
    size_t i, j;
    int fails = 0, count = 0;
    for (i = 0; i < g->npats; i++) {
        const nqx_pattern *p = g->pats[i];
        for (j = 0; j < p->nex; j++) {
            const S_example *ex = &p->ex[j];
            size_t ov[2];
            int rc = nqx_gram_match(p, ex->text, strlen(ex->text), 0, ov, 1);
            char why[384] = "";
            count++;
            if (rc < 0)
                snprintf(why, sizeof why, "%s: match hit a limit", p->name);
            else if (ex->must_match && rc == 0)
                snprintf(why, sizeof why, "%s: does not match: %s", p->name,
                         ex->text);
            else if (!ex->must_match && rc > 0)
                snprintf(why, sizeof why, "%s: matches but must not: %s",
                         p->name, ex->text);
            else if (ex->must_match && ex->captures) {
                char sub[300];
                if (!S_check_captures(p, ex->text, ex->captures, sub, sizeof sub))
                    snprintf(why, sizeof why, "%s: %s", p->name, sub);
            }
            if (why[0]) {
                fails++;
                if (report)
                    report(ctx, p->file, ex->line, why);
            }
        }
    }
    if (nexamples)
        *nexamples = count;
    return fails;
}
