/* labels.c: numbering labels that OCR misread, at the start of a line.
 *
 * The outline is read from the labels that open lines (I., 1., 2.1.), and a
 * label misread moves everything under it: "III. NHIỆM VỤ, GIẢI PHÁP" read
 * as "1II." leaves the tasks of a plan inside its targets' section. OCR
 * confuses I with 1, l and |, and a full stop with a comma. Three repairs,
 * each where nothing else could be meant:
 *   - a run of Roman letters with 1, l or | among them ("1II.", "Il.",
 *     "V1.") before a heading in capitals is that Roman number when the
 *     letters make one (III, II, VI);
 *   - a number with a comma for its full stop before a capital ("6, Ủy
 *     ban Kiểm tra") is a label: no sentence starts "6, Ủy ban";
 *   - "1." before a heading in capitals, where the first "II." heading
 *     comes later and no "I." heading before it, is "I.";
 *   - a point's letter misread ("€)", "©)", "4)", "ø)") is the letter
 *     that follows the point before ("b)" -> "c)"), when the glyph looks
 *     like it;
 *   - and inside a line, the quarter after "Quý" ("Quý I1/2023": II);
 *   - a two-level label whose inner stop a scan lost or misread ("34.",
 *     "3,4.", "3:4.") where "3.3." came before (or "2.x." for "3.1.");
 *   - a full stop between two words in lower case ("báo. cáo"), and with
 *     the model a comma at a line's end that cuts a word ("ứng, / dụng").
 * Runs on the text after layout repair (one paragraph a line), with the
 * OCR corrector: the edits are of kind NQX_CHANGE_OCR. */
#include "norm.h"
#include "syl.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define S_CONF 0.99
#define S_MAX_ROMAN 6

/* The value of the Roman number r[0..n) written canonically (I..XXXIX),
 * else 0. */
static int S_roman_value(const char *r, size_t n)
{
    static const char *const ones[] = {"", "I", "II", "III", "IV", "V",
                                       "VI", "VII", "VIII", "IX"};
    char canon[16];
    int v = 0, tens = 0, k;
    size_t i = 0;
    while (i < n && r[i] == 'X' && tens < 3)
        i++, tens++;
    for (k = 9; k >= 1; k--) {
        size_t l = strlen(ones[k]);
        if (l == n - i && memcmp(r + i, ones[k], l) == 0)
            break;
    }
    if (k < 1 && i != n)
        return 0;
    v = tens * 10 + (k > 0 ? k : 0);
    snprintf(canon, sizeof canon, "%.*s%s", tens, "XXX", ones[k > 0 ? k : 0]);
    return v > 0 && strlen(canon) == n && memcmp(canon, r, n) == 0 ? v : 0;
}

/* The capitals in t[a..b), or -1 when a lower-case letter (or, with
 * only_caps, anything but a capital) or a broken sequence is there. */
static int S_capitals(const unsigned char *t, size_t a, size_t b, int only_caps)
{
    int letters = 0;
    while (a < b) {
        int32_t cp;
        size_t k;
        utf8proc_category_t cat;
        if (t[a] < 0x80) {
            cp = t[a];
            k = 1;
        } else if (!(k = nqx_norm_utf8(t + a, b - a, &cp))) {
            return -1;
        }
        cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU)
            letters++;
        else if (only_caps || cat == UTF8PROC_CATEGORY_LL)
            return -1;
        a += k;
    }
    return letters;
}

/* 1 when t[a..b) holds letters and none in lower case (a heading in
 * capitals), at least two of them. */
static int S_caps_rest(const unsigned char *t, size_t a, size_t b)
{
    return S_capitals(t, a, b, 0) >= 2;
}

/* Is t[i] a separator after a label, followed by a space or a capital? */
static int S_after_label(const unsigned char *t, size_t i, size_t e)
{
    if (i >= e || (t[i] != '.' && t[i] != ')' && t[i] != '-' && t[i] != ':'))
        return 0;
    return i + 1 < e && (t[i + 1] == ' ' || (t[i + 1] >= 'A' && t[i + 1] <= 'Z') ||
                         t[i + 1] >= 0xC0);
}

static int S_add(nqx_norm_edit **v, size_t *n, size_t *cap, size_t s,
                 size_t e, const char *r, size_t rl)
{
    return nqx_norm_edit_push(v, n, cap, s, e, r, rl, NQX_CHANGE_OCR, S_CONF);
}

/* The Roman number at t[s..) with OCR's look-alikes of I in it: its
 * length (0: none) and the number in out. */
static size_t S_misread_roman(const unsigned char *t, size_t s, size_t e,
                              char out[S_MAX_ROMAN + 1])
{
    size_t i = s;
    int roman = 0, alike = 0;
    while (i < e && i - s < S_MAX_ROMAN &&
           (t[i] == 'I' || t[i] == 'V' || t[i] == 'X' || t[i] == 'l' ||
            t[i] == '1' || t[i] == '|')) {
        int a = t[i] == 'l' || t[i] == '1' || t[i] == '|';
        alike += a;
        roman += !a;
        out[i - s] = a ? 'I' : (char)t[i];
        i++;
    }
    out[i - s] = '\0';
    if (!roman || !alike || !S_after_label(t, i, e) ||
        !S_roman_value(out, i - s))
        return 0;
    return i - s;
}

/* A number with a comma where its full stop was: "6, Ủy ban", "2.1, Về".
 * The offset of the comma, or 0. */
static size_t S_comma_label(const unsigned char *t, size_t s, size_t e)
{
    size_t i = s;
    int groups = 0;
    for (;;) {
        size_t d = i;
        while (i < e && i - d < 3 && t[i] >= '0' && t[i] <= '9')
            i++;
        if (i == d || i - d > 2)
            return 0;
        groups++;
        if (groups < 4 && i + 1 < e && t[i] == '.' && t[i + 1] >= '0' && t[i + 1] <= '9') {
            i++;
            continue;
        }
        break;
    }
    if (i + 2 >= e || t[i] != ',' || t[i + 1] != ' ')
        return 0;
    {
        int32_t cp;
        size_t k = t[i + 2] < 0x80 ? (cp = t[i + 2], 1)
                                   : nqx_norm_utf8(t + i + 2, e - i - 2, &cp);
        if (!k || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
            return 0;
    }
    return i;
}

/* A quarter with OCR's look-alikes of I in it, after "Quý " at q: "I1",
 * "l1", "1V". Its length, the number in out. */
static size_t S_misread_quarter(const unsigned char *t, size_t q, size_t len,
                                char out[S_MAX_ROMAN + 1])
{
    size_t i = q;
    int roman = 0, alike = 0;
    while (i < len && i - q < 4 &&
           (t[i] == 'I' || t[i] == 'V' || t[i] == 'l' || t[i] == '1' || t[i] == '|')) {
        int a = t[i] == 'l' || t[i] == '1' || t[i] == '|';
        alike += a;
        roman += !a;
        out[i - q] = a ? 'I' : (char)t[i];
        i++;
    }
    out[i - q] = '\0';
    if (!roman || !alike ||
        (i < len && t[i] != '/' && t[i] != ' ' && t[i] != ',' && t[i] != '.' &&
         t[i] != ';' && t[i] != ')' && t[i] != '\n'))
        return 0;
    return S_roman_value(out, i - q) >= 1 && S_roman_value(out, i - q) <= 4 ? i - q : 0;
}

/* The letters that number points, in order ("đ" after "d", no "f",
 * "j", "w", "z"). */
static const char *const S_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h",
                                        "i", "k", "l", "m", "n", "o", "p", "q",
                                        "r", "s", "t", "u", "v", "x", "y"};
#define S_NLETTERS (sizeof S_letters / sizeof *S_letters)

/* The index in S_letters of the point's letter at t[s..) ("c) ", "đ) "),
 * or -1; *digit set when a number labels the line instead ("4) ",
 * "2. "). */
static int S_point_letter(const unsigned char *t, size_t s, size_t e, int *digit)
{
    size_t i, k;
    *digit = 0;
    if (s < e && t[s] >= '0' && t[s] <= '9') {
        for (i = s; i < e && t[i] >= '0' && t[i] <= '9'; i++)
            ;
        *digit = i < e && (t[i] == ')' || t[i] == '.');
        return -1;
    }
    /* most lines: no ')' where a letter of one or two bytes would end */
    if (!(s + 2 < e && t[s + 1] == ')') && !(s + 3 < e && t[s + 2] == ')'))
        return -1;
    for (k = 0; k < S_NLETTERS; k++) {
        size_t l = strlen(S_letters[k]);
        if (s + l + 1 < e && !memcmp(t + s, S_letters[k], l) && t[s + l] == ')' &&
            t[s + l + 1] == ' ')
            return (int)k;
    }
    return -1;
}

/* A point's letter misread at t[s..): "€)" or "©)" for "c)", "4)" for
 * "d)" or "đ)", "ø)" for "g)". It is the letter after the last point's
 * (next: its index), and only when that letter looks like the glyph.
 * The glyph's length, 0 if none. */
static size_t S_misread_point(const unsigned char *t, size_t s, size_t e, int next)
{
    static const struct {
        const char *glyph, *as[2];
    } alike[] = {{"€", {"c", "e"}}, {"©", {"c", NULL}}, {"ø", {"g", "o"}},
                 {"4", {"d", "đ"}}};
    size_t k, j;
    if (next < 0 || next >= (int)S_NLETTERS)
        return 0;
    /* most lines: no ')' where a glyph of one to three bytes would end */
    if (!(s + 2 < e && t[s + 1] == ')') && !(s + 3 < e && t[s + 2] == ')') &&
        !(s + 4 < e && t[s + 3] == ')'))
        return 0;
    for (k = 0; k < sizeof alike / sizeof *alike; k++) {
        size_t l = strlen(alike[k].glyph);
        if (s + l + 1 >= e || memcmp(t + s, alike[k].glyph, l) || t[s + l] != ')' ||
            t[s + l + 1] != ' ')
            continue;
        for (j = 0; j < 2 && alike[k].as[j]; j++)
            if (!strcmp(alike[k].as[j], S_letters[next]))
                return l;
    }
    return 0;
}

/* Is t[a..b) a Vietnamese syllable of two letters or more written in
 * casing? */
static int S_cased_syllable(const unsigned char *t, size_t a, size_t b, int casing)
{
    nqx_syl y;
    return b > a + 1 && b - a <= 4 * NQX_SYL_MAX &&
           nqx_syl_parse((const char *)t + a, b - a, &y) && y.n >= 2 &&
           (int)y.casing == casing && nqx_syl_valid(&y);
}

/* Is t[a..b) a Vietnamese syllable in lower case of two letters or
 * more ("báo", "lương"; not "v", "tr", "vol")? */
static int S_lower_syllable(const unsigned char *t, size_t a, size_t b)
{
    return S_cased_syllable(t, a, b, NQX_CASE_LOWER);
}

/* "ngày", "tháng", "năm", "quý", "trang": a date's or a page's word. */
static int S_date_word(const unsigned char *w, size_t n)
{
    static const char *const words[] = {"ngày", "tháng", "năm", "quý", "trang",
                                        NULL};
    return nqx_norm_word_in(words, w, n);
}

/* Is t[a..b) a syllable in title case ("Mở", "Bảo"), and does it open a
 * sentence: first on its line, or after ". ", ": ", "; " or a list's
 * "- "? */
static int S_title_opener(const unsigned char *t, size_t a, size_t b)
{
    if (!S_cased_syllable(t, a, b, NQX_CASE_TITLE))
        return 0;
    return a == 0 || t[a - 1] == '\n' ||
           (a >= 2 && t[a - 1] == ' ' &&
            (t[a - 2] == '.' || t[a - 2] == ':' || t[a - 2] == ';' ||
             (t[a - 2] == '-' && (a == 2 || t[a - 3] == '\n'))));
}

/* Is t[a..b) three capitals or more and nothing else ("UBND", "HĐND")? */
static int S_acronym(const unsigned char *t, size_t a, size_t b)
{
    return S_capitals(t, a, b, 1) >= 3;
}

/* A two-level label of one digit each at t[s..e), then a space and a
 * capital: its length (0: none), *a and *b its numbers, and *right 1 when
 * it is written "3.4." ("34.", "3,4.", "3:4.": a scan lost or misread the
 * inner stop; "34:", "3.4:": and read the last one as a colon). */
static size_t S_two_level(const unsigned char *t, size_t s, size_t e, int *a,
                          int *b, int *right)
{
    size_t i = s, q;
    int32_t cp;
    if (i + 4 > e || t[i] < '1' || t[i] > '9')
        return 0;
    *a = t[i++] - '0';
    *right = t[i] == '.';
    if (t[i] == '.' || t[i] == ',' || t[i] == ':')
        i++;
    if (i >= e || t[i] < '1' || t[i] > '9')
        return 0;
    *b = t[i++] - '0';
    if (i + 2 >= e || (t[i] != '.' && t[i] != ':') || t[i + 1] != ' ')
        return 0;
    *right &= t[i] == '.';
    /* '15. "Trách nhiệm': a speck before the heading too */
    q = i + 2 + (t[i + 2] == '"' || t[i + 2] == '\'');
    if (q >= e)
        return 0;
    if (t[q] < 0x80)
        cp = t[q];
    else if (!nqx_norm_utf8(t + q, e - q, &cp))
        return 0;
    if (utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
        return 0;
    return i + 1 - s;
}

/* A speck a scan read before a line's label at t[s..e) ("®1.1.",
 * '"12:', "“1.2."): its length, 0 if none. A quote before a label may
 * be the author's (an amendment: "“1. Phạm vi"), so the caller drops
 * one only where the label was misread too. */
static size_t S_speck(const unsigned char *t, size_t s, size_t e)
{
    static const char *const g[] = {"®", "©", "°", "«", "»", "\"", "'", "`",
                                    "“", "‘", "”", "’"};
    size_t k;
    for (k = 0; k < sizeof g / sizeof *g; k++) {
        size_t l = strlen(g[k]);
        if (s + l < e && !memcmp(t + s, g[k], l) && t[s + l] >= '1' && t[s + l] <= '9')
            return l;
    }
    return 0;
}

/* A full stop that a scan put between two words of a sentence ("báo.
 * cáo", "Sở Văn hóa, Thể thao. và Du lịch", a line's "lương." that the
 * layout joined to "thực, thực phẩm"): a syllable in lower case, the
 * stop, a space and a syllable in lower case. A sentence is not ended
 * before a word in lower case, nor is a sentence one word ("Mở. rộng",
 * "- Tổng. hợp"), and an acronym takes no stop ("UBND. các xã"). Not
 * "của. Mặt trận": "cướp của. Số dân", "nội các. Theo hiến pháp" end
 * sentences. The offset of the stop, from p on; len if none. */
static size_t S_stray_stop(const unsigned char *t, size_t p, size_t len)
{
    const unsigned char *q;
    while (p < len && (q = memchr(t + p, '.', len - p)) != NULL) {
        size_t d = (size_t)(q - t), w = d, e = d + 2;
        p = d + 1;
        if (d + 2 >= len || t[d + 1] != ' ')
            continue;
        while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '\n' && t[w - 1] != '(' &&
               d - w <= 4 * NQX_SYL_MAX)
            w--;
        while (e < len && e - d <= 4 * NQX_SYL_MAX && t[e] != ' ' && t[e] != '\n' &&
               t[e] != ',' && t[e] != ';' && t[e] != '.' && t[e] != ':')
            e++;
        /* an agency's acronym: "UBND. các xã" (a 2-letter one may be an
         * abbreviation: "TP. Hà Nội", "Th. sĩ") */
        if (S_acronym(t, w, d) && S_lower_syllable(t, d + 2, e) &&
            !(e + 1 < len && t[e] == ' ' && t[e + 1] >= '0' && t[e + 1] <= '9'))
            return d;
        /* not before a date or a page ("... Chính phủ. ngày 19 tháng 5",
         * "Nhà xuất bản thế giới. trang 196", a crawl's "vào không gian.
         * năm 1957 vệ tinh ..."); "hồ sơ. từ 25 ngày" goes */
        if ((S_lower_syllable(t, w, d) || S_title_opener(t, w, d)) &&
            S_lower_syllable(t, d + 2, e) &&
            !(e + 1 < len && t[e] == ' ' && t[e + 1] >= '0' && t[e + 1] <= '9' &&
              S_date_word(t + d + 2, e - d - 2)))
            return d;
    }
    return len;
}

/* A comma that a scan put at the end of a line, inside a sentence the
 * layout joined across the line's end ("100% cán bộ ứng," / "dụng công
 * nghệ", "trong," / "toàn Đảng bộ"): Tesseract reads a speck at the
 * line's end as a comma, and a comma cut into a word or after a word that
 * no comma follows loses the phrase it cuts. The comma goes when the word
 * before it is a function word that opens a phrase (what follows it
 * belongs to it), or when the model saw the two syllables side by side
 * about as often as the first ended a clause (S_WRAP_BIND in Q units:
 * "ứng dụng", "công tác", "hướng dẫn"; not "đào tạo, bồi dưỡng" nor "xã,
 * phường"), or the three words ending there went on far more often than
 * the first two ended a clause (S_WRAP_TRI: "quyền của công, / dân",
 * "xây dựng trường, / học"; not "đổi mới, / sáng tạo"). Only at a join (joins: offsets of the spaces that replaced a
 * line's end), never inside a line: there a comma between "cha, mẹ" is
 * the author's. */
#define S_WRAP_BIND 4
#define S_WRAP_TRI 30 /* the three words side by side ~6 times as often */

/* A word that opens a phrase: what follows it belongs to it, so no comma
 * comes after it ("trong", "nhằm"; not "của", "các": "của cải", "nội
 * các"). */
static int S_opens_phrase(const unsigned char *w, size_t n)
{
    static const char *const words[] = {
        "và", "những", "với", "để", "nhằm", "mà", "thì", "trong", NULL};
    /* not "tại", "do", "được", "bị": "hiện tại, tự do, đạt được, thiết
     * bị," end phrases */
    return nqx_norm_word_in(words, w, n);
}

/* The model's id of the syllable t[a..b) (any case), -1 none. */
static int S_syl_id(const nqx_model *m, const unsigned char *t, size_t a,
                    size_t b, nqx_syl *y)
{
    char key[NQX_KEY_MAX];
    if (b <= a || b - a > 4 * NQX_SYL_MAX ||
        !nqx_syl_parse((const char *)t + a, b - a, y) || !nqx_syl_valid(y))
        return -1;
    nqx_syl_key(y, key);
    return nqx_model_id(m, key);
}

static int S_wrap_comma(const nqx_model *m, const unsigned char *t, size_t len,
                        size_t j)
{
    size_t w = j - 1, e = j + 1;
    nqx_syl y1, y2;
    int a, b, q, q0;
    if (j < 2 || j + 1 >= len || t[j] != ' ' || t[j - 1] != ',')
        return 0;
    while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '\n' &&
           j - 1 - w <= 4 * NQX_SYL_MAX)
        w--;
    while (e < len && e - j <= 4 * NQX_SYL_MAX && t[e] != ' ' && t[e] != '\n' &&
           t[e] != ',' && t[e] != ';' && t[e] != '.' && t[e] != ':')
        e++;
    if (!S_lower_syllable(t, j + 1, e))
        return 0;
    if (S_opens_phrase(t + w, j - 1 - w))
        return 1;
    if ((a = S_syl_id(m, t, w, j - 1, &y1)) <= 0 ||
        (b = S_syl_id(m, t, j + 1, e, &y2)) <= 0 || y1.casing == NQX_CASE_UPPER)
        return 0;
    q = nqx_lm_pair_q(nqx_model_lm(m), a, b);
    q0 = nqx_lm_pair_q(nqx_model_lm(m), a, 0);
    if (q >= 0 && q >= (q0 > 0 ? q0 : 0) - S_WRAP_BIND)
        return 1;
    /* the word before too: "của công, / dân" ("công dân" alone is as
     * often "công, dân" as not) */
    if (w >= 2 && t[w - 1] == ' ') {
        size_t v = w - 1;
        nqx_syl y0;
        int z, tq, tq0;
        while (v > 0 && t[v - 1] != ' ' && t[v - 1] != '\n' &&
               w - 1 - v <= 4 * NQX_SYL_MAX)
            v--;
        if ((z = S_syl_id(m, t, v, w - 1, &y0)) <= 0)
            return 0;
        tq = nqx_lm_trigram(nqx_model_lm(m), z, a, b);
        tq0 = nqx_lm_trigram(nqx_model_lm(m), z, a, 0);
        return tq >= 0 && tq >= (tq0 > 0 ? tq0 : 0) + S_WRAP_TRI;
    }
    return 0;
}

static int S_by_start(const void *a, const void *b)
{
    const nqx_norm_edit *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

nqx_status nqx_norm_labels(const char *text, size_t len, const nqx_model *m,
                           const size_t *joins, size_t njoins,
                           nqx_norm_edit **edits, size_t *nedits, nqx_error *err)
{
    const unsigned char *t = (const unsigned char *)text;
    nqx_norm_edit *v = NULL;
    size_t n = 0, cap = 0, ls = 0, one = (size_t)-1;
    int seen_i = 0, seen_ii = 0, seen_two = 0;
    int point = -1; /* the last point's letter (S_letters), -1: none */
    int sec = -1, sub = -1; /* the last "a.b." label (-1: none) */
    int top = -1;           /* the last "n." label's number */
    *edits = NULL;
    *nedits = 0;
    while (ls < len) {
        const unsigned char *nl = memchr(t + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - t) : len, s = ls, k, c, sp;
        char r[S_MAX_ROMAN + 1];
        while (s < le && (t[s] == ' ' || t[s] == '\t'))
            s++;
        sp = S_speck(t, s, le);
        {
            /* points lettered a), b), "€)": the letter after b) */
            int digit, p = S_point_letter(t, s, le, &digit);
            size_t g = S_misread_point(t, s, le, point + 1);
            if (g) {
                const char *l = S_letters[point + 1];
                if (S_add(&v, &n, &cap, s, s + g, l, strlen(l)))
                    goto oom;
                point++;
            } else if (p >= 0) {
                point = p;
            } else if (digit) {
                point = -1;
            }
        }
        {
            /* "3.4." read as "34.", "3,4." or "3:4." after "3.3." */
            int a, b, right;
            size_t g = S_two_level(t, s + sp, le, &a, &b, &right);
            if (g && right) {
                /* "®1.1.": a speck that is no quote before the label */
                if (sp && t[s] != '"' && t[s] != '\'' && t[s] != 0xE2 &&
                    S_add(&v, &n, &cap, s, s + sp, "", 0))
                    goto oom;
                sec = a;
                sub = b;
            } else if (g && sec >= 0 && !(g == 3 && top == 10 * a + b - 1) &&
                       ((a == sec && b == sub + 1) || (a == sec + 1 && b == 1))) {
                char fix[5] = {(char)('0' + a), '.', (char)('0' + b), '.', '\0'};
                /* '"12:': a quote too, the label being misread anyway */
                if (S_add(&v, &n, &cap, s, s + sp + g, fix, 4))
                    goto oom;
                sec = a;
                sub = b;
            } else {
                /* "34." after "33." is a list's, not "3.4." */
                size_t q = s;
                int num = 0;
                while (q < le && q - s < 3 && t[q] >= '0' && t[q] <= '9')
                    num = num * 10 + (t[q++] - '0');
                if (q > s && q + 1 < le && t[q] == '.' && t[q + 1] == ' ')
                    top = num;
            }
        }
        if ((k = S_misread_roman(t, s, le, r)) && S_caps_rest(t, s + k, le)) {
            if (S_add(&v, &n, &cap, s, s + k, r, k))
                goto oom;
            seen_i |= strcmp(r, "I") == 0;
            seen_ii |= strcmp(r, "II") == 0;
        } else if ((c = S_comma_label(t, s, le)) != 0) {
            if (S_add(&v, &n, &cap, c, c + 1, ".", 1))
                goto oom;
        } else if (s + 2 < le && S_after_label(t, s + 1, le) && t[s + 1] != ')' &&
                   S_caps_rest(t, s + 2, le) && !seen_ii) {
            /* "I." and "II." as written; "1." before the first "II." */
            if (t[s] == 'I')
                seen_i = 1;
            else if (t[s] == '1' && one == (size_t)-1)
                one = s;
            else if (t[s] == '2')
                seen_two = 1; /* "1." and "2." in capitals: a list */
        } else if (s + 3 < le && t[s] == 'I' && t[s + 1] == 'I' &&
                   S_after_label(t, s + 2, le) && S_caps_rest(t, s + 3, le)) {
            seen_ii = 1;
        }
        ls = le + 1;
    }
    if (seen_ii && !seen_i && !seen_two && one != (size_t)-1 &&
        S_add(&v, &n, &cap, one, one + 1, "I", 1))
        goto oom;
    {
        /* "Quý " is Q u, then ý (C3 BD), then a space */
        const unsigned char *p = t, *end = t + len;
        while ((p = memchr(p, 0xBD, (size_t)(end - p))) != NULL) {
            size_t at = (size_t)(p - t), k;
            char r[S_MAX_ROMAN + 1];
            p++;
            if (at < 3 || at + 2 >= len || t[at - 1] != 0xC3 || t[at + 1] != ' ' ||
                t[at - 2] != 'u' || (t[at - 3] != 'Q' && t[at - 3] != 'q'))
                continue;
            if ((k = S_misread_quarter(t, at + 2, len, r)) &&
                S_add(&v, &n, &cap, at + 2, at + 2 + k, r, k))
                goto oom;
        }
    }
    {
        size_t d = 0;
        while ((d = S_stray_stop(t, d, len)) < len) {
            if (S_add(&v, &n, &cap, d, d + 1, "", 0))
                goto oom;
            d++;
        }
        for (d = 0; m && d < njoins; d++)
            if (S_wrap_comma(m, t, len, joins[d]) &&
                S_add(&v, &n, &cap, joins[d] - 1, joins[d], "", 0))
                goto oom;
        if (n > 1) /* the "I.", quarters, stops and commas come after the lines */
            qsort(v, n, sizeof *v, S_by_start);
    }
    *edits = v;
    *nedits = n;
    return NQX_OK;
oom:
    nqx_norm_edits_free(v, n);
    return nqx_fail(err, NQX_ENOMEM, NULL, -1, -1, "out of memory");
}
