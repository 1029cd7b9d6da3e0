/* test_grammar.c: the grammar engine: loading, examples, errors, limits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nqx.h"
#include "../extractor/grammar.h"
#include "fx_tmpdir.h"

Test(grammar, project_grammars_load_and_pass)
{
    nqx_grammar *g;
    nqx_error e;
    int n = 0;
    cr_assert_eq(nqx_gram_load(NULL, &g, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_gram_check(g, NULL, NULL, &n), 0);
    cr_assert_gt(n, 0);
    nqx_gram_free(g);
}

/* Write text as grammar file name: loading the folder must fail with the
 * message "DIR/" + msg. Returns what the load left in its grammar. */
static nqx_grammar *S_refused(const char *name, const char *text, const char *msg)
{
    nqx_grammar *g = NULL;
    nqx_error e;
    char line[600], want[600];
    S_write(name, text);
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_EGRAMMAR);
    nqx_error_format(&e, line, sizeof line);
    snprintf(want, sizeof want, "%s/%s", S_dir, msg);
    cr_assert_str_eq(line, want);
    return g;
}

Test(grammar, bad_pattern_reports_file_line_offset, .init = S_mkdir, .fini = S_rmdir)
{
    S_refused("bad.pcre", "# comment\n\n@pattern broken\nab(c\n",
              "bad.pcre:4: offset 4: pattern broken: missing closing parenthesis");
}

Test(grammar, examples_and_captures_are_checked, .init = S_mkdir, .fini = S_rmdir)
{
    nqx_grammar *g;
    nqx_error e;
    int n = 0;
    S_write("q.pcre",
            "@pattern quarter\n@flags i\nqu[ýy]\\s+(?<q>IV|I{1,3})\\s*/\\s*(?<y>\\d{4})\n"
            "@match Hoàn thành trong Quý II/2023 => q=II; y=2023\n"
            "@match QUÝ IV/2025 => q=IV; y=2024\n"
            "@nomatch đạt 15%\n"
            "@nomatch quý III/2026\n"
            "\n@lexicon abbr\nUBND = Ủy ban nhân dân\nHĐND\n");
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_OK, "%s", e.msg);
    /* y=2024 is wrong and quý III/2026 does match: two failures */
    cr_assert_eq(nqx_gram_check(g, NULL, NULL, &n), 2);
    cr_assert_eq(n, 4);
    {
        const nqx_lexicon *lx = nqx_gram_lexicon(g, "abbr");
        cr_assert_not_null(lx);
        cr_assert_eq(lx->n, 2);
        cr_assert_str_eq(lx->entries[0].key, "UBND");
        cr_assert_str_eq(lx->entries[0].value, "Ủy ban nhân dân");
        cr_assert_null(lx->entries[1].value);
    }
    nqx_gram_free(g);
}

/* \d is an ASCII digit (the normalizer makes all digits ASCII), in and
 * out of classes; \D its complement; \Q...\E, escapes and POSIX classes
 * keep their meaning; an error's offset is in the pattern as written. */
Test(grammar, digits_are_ascii, .init = S_mkdir, .fini = S_rmdir)
{
    nqx_grammar *g;
    nqx_error e;
    int n = 0;
    S_write("d.pcre",
            "@pattern year\n^\\d{4}[\\d.,]*\\D\\Q\\d\\E[[:digit:]\\]]$\n"
            "@match 2025.1,x\\d7\n"
            "@match 2025x\\d]\n"
            "@nomatch \xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x95x\\d7\n"
            "@nomatch 20257\\d7\n");
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_gram_check(g, NULL, NULL, &n), 0);
    cr_assert_eq(n, 4);
    nqx_gram_free(g);
    S_refused("d.pcre", "@pattern broken\n\\d\\d(\n",
              "d.pcre:2: offset 5: pattern broken: missing closing parenthesis");
}

/* A grammar file that is not UTF-8 is refused with the offset of its
 * first bad byte (make fuzz found its error path reading freed memory:
 * fuzz/crash-132ccf0b..., one byte 0xE7). */
Test(grammar, invalid_utf8_file_is_refused_with_its_offset, .init = S_mkdir, .fini = S_rmdir)
{
    cr_assert_null(S_refused("u.pcre", "\xe7", "u.pcre: offset 0: invalid UTF-8"));
    S_refused("u.pcre", "@pattern a\nab\xc3\n", "u.pcre: offset 13: invalid UTF-8");
}

Test(grammar, catastrophic_backtracking_hits_limit, .init = S_mkdir, .fini = S_rmdir)
{
    nqx_grammar *g;
    nqx_error e;
    size_t ov[2], n = 30000;
    char *subj = malloc(n + 2);
    S_write("evil.pcre", "@pattern evil\n(a+)+$\n");
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_OK, "%s", e.msg);
    memset(subj, 'a', n);
    subj[n] = '!';
    subj[n + 1] = '\0';
    cr_assert_eq(nqx_gram_match(nqx_gram_pattern(g, "evil"), subj, n + 1, 0, ov, 1), -1);
    cr_assert_eq(nqx_gram_limit_hits(g), 1);
    free(subj);
    nqx_gram_free(g);
}

/* The JIT's stack is the grammar's own (grammar.c), as small as the
 * machine stack PCRE2 used before: a match that needs more still stops
 * at the limit, and a short one runs. */
Test(grammar, jit_stack_stays_bounded, .init = S_mkdir, .fini = S_rmdir)
{
    nqx_grammar *g;
    nqx_error e;
    size_t ov[2], n = 200000;
    char *subj = malloc(n + 1);
    S_write("deep.pcre", "@pattern deep\n(a|b)*c\n");
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_OK, "%s", e.msg);
    memset(subj, 'a', n);
    subj[n - 1] = 'c';
    subj[n] = '\0';
    cr_assert_eq(nqx_gram_match(nqx_gram_pattern(g, "deep"), subj, n, 0, ov, 1), -1);
    cr_assert_eq(nqx_gram_limit_hits(g), 1);
    cr_assert_eq(nqx_gram_match(nqx_gram_pattern(g, "deep"), "xabac", 5, 0, ov, 1), 1);
    cr_assert_eq(ov[0], 1);
    cr_assert_eq(ov[1], 5);
    free(subj);
    nqx_gram_free(g);
}

static int S_freed;
static void S_count_free(void *p)
{
    S_freed++;
    free(p);
}

Test(grammar, cache_slots_hold_derived_data_until_free)
{
    nqx_grammar *g;
    nqx_error e;
    static const char tag1 = 0, tags[8] = {0};
    int k, dummy;
    cr_assert_eq(nqx_gram_load(NULL, &g, &e), NQX_OK, "%s", e.msg);
    cr_assert_null(nqx_gram_cache_get(g, &tag1));
    cr_assert_eq(nqx_gram_cache_put(g, &tag1, malloc(4), S_count_free), 0);
    cr_assert_not_null(nqx_gram_cache_get(g, &tag1));
    cr_assert_null(nqx_gram_cache_get(g, &tags[0]));
    /* eight slots in all: seven more fit, the ninth put is refused */
    for (k = 0; k < 7; k++)
        cr_assert_eq(nqx_gram_cache_put(g, &tags[k], &dummy, NULL), 0);
    cr_assert_eq(nqx_gram_cache_put(g, &tags[7], &dummy, NULL), -1);
    cr_assert_eq(nqx_gram_cache_get(g, &tags[6]), &dummy);
    S_freed = 0;
    nqx_gram_free(g);
    cr_assert_eq(S_freed, 1);
}

/* nqx_gram_match_upto finds only a match that starts by last. */
Test(grammar, match_upto_stops_at_last)
{
    nqx_grammar *g;
    nqx_error e;
    const nqx_pattern *p;
    const char *s = "đến năm 2025 và đến năm 2030";
    size_t ov[4], n = strlen(s);
    cr_assert_eq(nqx_gram_load(NULL, &g, &e), NQX_OK, "%s", e.msg);
    p = nqx_gram_pattern(g, "dl_year");
    cr_assert_not_null(p);
    /* from byte 7 ("năm 2025 ..."), the match is the second "đến" */
    cr_assert_gt(nqx_gram_match(p, s, n, 7, ov, 2), 0);
    cr_expect_eq(ov[0], 21);
    cr_expect_eq(nqx_gram_match_upto(p, s, n, 7, 20, ov, 2), 0);
    cr_expect_gt(nqx_gram_match_upto(p, s, n, 7, 21, ov, 2), 0);
    cr_expect_eq(ov[0], 21);
    cr_expect_eq(ov[1], n);
    nqx_gram_free(g);
}

/* @flags w searches for the opening words first: every start, match and
 * group is the plain search's (the same pattern without w, in the same
 * grammar), from each byte, with and without a last start; words that
 * share a first letter, are prefixes of one another, are caseless or
 * open with a letter beyond ASCII; a word where the rest fails. */
Test(grammar, words_first_finds_what_the_plain_search_finds, .init = S_mkdir,
     .fini = S_rmdir)
{
    static const char *const subj[] = {
        "Thực hiện Kế hoạch số 12/KH-UBND và Kế hoạch 15-KH/TU; Kết luận 3/KL",
        "Kế hoạch chung. Đề án 06/ĐA-UBND, đề án 7/ĐA, KẾT LUẬN 9/KL",
        "không có gì ở đây cả",
        "Kế hoạch Kế hoạch Kế 5/KH Kết luận số 8/KL-TW",
        ""};
    static const char *const pat =
        "(?<kind>Kế hoạch|Kết luận|Đề án|Kế)\\s+(?:số\\s+)?(?<num>[0-9]+/[A-ZĐ]+)\n";
    nqx_grammar *g;
    nqx_error e;
    char text[1024];
    size_t i, k;
    snprintf(text, sizeof text,
             "@pattern w_plain\n%s@pattern w_words\n@flags w\n%s"
             "@pattern w_plain_i\n@flags i\n%s@pattern w_words_i\n@flags iw\n%s",
             pat, pat, pat, pat);
    S_write("w.pcre", text);
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_OK, "%s", e.msg);
    for (k = 0; k < 2; k++) {
        const nqx_pattern *a = nqx_gram_pattern(g, k ? "w_plain_i" : "w_plain"),
                          *b = nqx_gram_pattern(g, k ? "w_words_i" : "w_words");
        size_t found = 0;
        for (i = 0; i < sizeof subj / sizeof *subj; i++) {
            size_t n = strlen(subj[i]), at, last;
            for (at = 0; at <= n; at++) {
                size_t ova[6], ovb[6];
                int ra, rb;
                if (((unsigned char)subj[i][at] & 0xC0) == 0x80)
                    continue;
                ra = nqx_gram_match(a, subj[i], n, at, ova, 3);
                rb = nqx_gram_match(b, subj[i], n, at, ovb, 3);
                cr_assert_eq(ra, rb, "%s from %zu", subj[i], at);
                if (ra > 0) {
                    found++;
                    cr_assert_arr_eq(ova, ovb, 2 * (size_t)ra * sizeof *ova,
                                     "%s from %zu", subj[i], at);
                }
                for (last = at; last <= n; last += 7) {
                    ra = nqx_gram_match_upto(a, subj[i], n, at, last, ova, 3);
                    rb = nqx_gram_match_upto(b, subj[i], n, at, last, ovb, 3);
                    cr_assert_eq(ra, rb, "%s from %zu to %zu", subj[i], at, last);
                    if (ra > 0)
                        cr_assert_arr_eq(ova, ovb, 2 * (size_t)ra * sizeof *ova);
                }
            }
        }
        cr_expect_gt(found, 20); /* (the subjects do hold matches) */
    }
    nqx_gram_free(g);
}

/* A byte every match holds (PCRE2's last code unit) is looked for before
 * PCRE2 is called (grammar.c, S_required): a try from after the last
 * such byte finds nothing, one from before it finds what PCRE2 finds, a
 * byte inside a lookbehind or before the try's start does not count,
 * and a caseless letter is never required (a caseless k also matches
 * the Kelvin sign, U+212A). */
Test(grammar, required_byte_skips_only_tries_that_cannot_match, .init = S_mkdir,
     .fini = S_rmdir)
{
    nqx_grammar *g;
    nqx_error e;
    size_t ov[4];
    const nqx_pattern *cell, *behind, *ahead, *kel;
    S_write("r.pcre", "@pattern r_cell\n(?<=\\s)\\w+\\s*\\|\n"
                      "@pattern r_behind\n(?<=\\|)xy\n"
                      "@pattern r_ahead\nx(?=[^;]*;)y\n"
                      "@pattern r_kelvin\n@flags i\nok\n");
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_OK, "%s", e.msg);
    cell = nqx_gram_pattern(g, "r_cell");
    behind = nqx_gram_pattern(g, "r_behind");
    ahead = nqx_gram_pattern(g, "r_ahead");
    kel = nqx_gram_pattern(g, "r_kelvin");
    cr_assert_eq(nqx_gram_match(cell, "ab cd | ef | g", 14, 0, ov, 2), 1);
    cr_assert_eq(ov[0], 3);
    cr_assert_eq(ov[1], 7);
    cr_assert_eq(nqx_gram_match(cell, "ab cd | ef | g", 14, 7, ov, 2), 1);
    cr_assert_eq(ov[0], 8);
    cr_assert_eq(ov[1], 12);
    cr_assert_eq(nqx_gram_match(cell, "ab cd | ef | g", 14, 12, ov, 2), 0);
    cr_assert_eq(nqx_gram_match_upto(cell, "ab cd | ef | g", 14, 1, 3, ov, 2), 1);
    cr_assert_eq(ov[0], 3);
    cr_assert_eq(nqx_gram_match(behind, "a |xy", 5, 3, ov, 2), 1);
    cr_assert_eq(ov[0], 3);
    cr_assert_eq(ov[1], 5);
    cr_assert_eq(nqx_gram_match(ahead, "x;y", 3, 0, ov, 2), 0);
    cr_assert_eq(nqx_gram_match(ahead, "xy;", 3, 0, ov, 2), 1);
    cr_assert_eq(ov[1], 2);
    cr_assert_eq(nqx_gram_match(kel, "O\xe2\x84\xaa", 4, 0, ov, 2), 1);
    cr_assert_eq(ov[1], 4);
    nqx_gram_free(g);
}

/* @flags w on a pattern that does not open with plain words fails the
 * load, naming the pattern. */
Test(grammar, words_first_needs_opening_words, .init = S_mkdir, .fini = S_rmdir)
{
    nqx_grammar *g;
    nqx_error e;
    /* a word that is no plain text; a match that need not open with the
     * words (another branch, an optional group) */
    static const char *const bad[] = {
        "@pattern w_bad\n@flags w\n(?:ab|c.d)\\s+x\n",
        "@pattern w_bad\n@flags w\n(?:ab|cd)\\s+x|yz\n",
        "@pattern w_bad\n@flags w\n(?:ab|cd)?x\n",
        "@pattern w_bad\n@flags w\nab|cd\n"};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        S_write("w.pcre", bad[i]);
        cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_EGRAMMAR, "%s", bad[i]);
        cr_expect_not_null(strstr(e.msg, "w_bad"), "%s", e.msg);
        cr_expect_not_null(strstr(e.msg, "@flags w"), "%s", e.msg);
    }
    /* a branch inside parentheses after the words is fine */
    S_write("w.pcre", "@pattern w_ok\n@flags w\n(?:ab|cd)\\s+(?:x|y)\n@match cd y\n");
    cr_assert_eq(nqx_gram_load(S_dir, &g, &e), NQX_OK, "%s", e.msg);
    cr_expect_eq(nqx_gram_check(g, NULL, NULL, NULL), 0);
    nqx_gram_free(g);
}
