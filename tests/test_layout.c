/* test_layout.c: layout repair: markup, wraps, page breaks, tables,
 * footnotes, hostile sizes. Each case runs the whole normalizer (no OCR
 * model) and asserts the exact text. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nqx.h"

static char *S_norm(const char *in)
{
    nqx_text *t = NULL;
    nqx_error e;
    char *s;
    cr_assert_eq(nqx_norm_text("t.md", in, strlen(in), NULL, &t, &e), NQX_OK,
                 "%s", e.msg);
    s = strdup(t->text);
    cr_assert_eq(strlen(s), t->len);
    nqx_text_free(t);
    return s;
}

#define CHECK(in, want)                      \
    do {                                     \
        char *got_ = S_norm(in);             \
        cr_assert_str_eq(got_, want);        \
        free(got_);                          \
    } while (0)

/* A regularly wrapped paragraph (three lines, no blank line) and the one
 * line it joins to: the body of the wrapped-text tests. */
#define S_PARA_IN                                                             \
    "Xây dựng Đảng bộ và hệ thống chính trị các cấp của Thành phố thực sự trong\n" \
    "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo\n" \
    "chuyển biến mạnh về chất lượng hoạt động.\n"
#define S_PARA_OUT                                                            \
    "Xây dựng Đảng bộ và hệ thống chính trị các cấp của Thành phố thực sự trong " \
    "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo " \
    "chuyển biến mạnh về chất lượng hoạt động.\n"

/* n copies of pin appended to in and of pout to want: a text long
 * enough to be read as wrapped (30 lines or more) */
static void S_times(int n, char *in, const char *pin, char *want, const char *pout)
{
    while (n-- > 0) {
        strcat(in, pin);
        strcat(want, pout);
    }
}

/* CHECK of tail after ten wrapped paragraphs (S_PARA_IN, joined as
 * S_PARA_OUT): a text long enough to be read as wrapped. */
static void S_check_after_paras(const char *tail, const char *want_tail)
{
    char in[8192] = "", want[8192] = "";
    S_times(10, in, S_PARA_IN, want, S_PARA_OUT);
    strcat(in, tail);
    strcat(want, want_tail);
    CHECK(in, want);
}

Test(layout, heading_marks_and_bold_stripped)
{
    CHECK("## **KẾ HOẠCH**\n", "KẾ HOẠCH\n");
    CHECK("### **I- TÌNH HÌNH**\n\nNội dung.\n", "I- TÌNH HÌNH\nNội dung.\n");
    CHECK("Vai trò *“tự diễn biến”* và __rõ__.\n", "Vai trò “tự diễn biến” và rõ.\n");
}

/* Where the crawl glued a bold run to the next word, the mark's place
 * becomes a space; not after a quote or before punctuation. */
Test(layout, bold_glued_to_a_word_leaves_a_space)
{
    CHECK("**Tổng cục Hậu cần**thuộc Bộ Quốc phòng**Cục Quân nhu**\n",
          "Tổng cục Hậu cần thuộc Bộ Quốc phòng Cục Quân nhu\n");
    CHECK("Nghị quyết số**203**/2025, gọi là “**Bắc Việt**”.\n",
          "Nghị quyết số 203/2025, gọi là “Bắc Việt”.\n");
    /* letters in bold inside a word ("**i**n**f**o") stay one word */
    CHECK("Thư: **i**n**f**o@x.vn\n", "Thư: info@x.vn\n");
    CHECK("Luật Nhập cảnh, xuất cảnh, qu**á** cảnh\n", "Luật Nhập cảnh, xuất cảnh, quá cảnh\n");
    CHECK("**Di****ện tích (ha)**\n", "Diện tích (ha)\n");
}

Test(layout, stars_that_are_text_stay)
{
    CHECK("2 * 3 = 6\n", "2 * 3 = 6\n");
    CHECK("a \\- b \\* c\n", "a - b * c\n");
    CHECK("ten_bien_x\n", "ten_bien_x\n");
}

Test(layout, markdown_bullet_star_becomes_dash)
{
    CHECK("Gồm:\n* Sở Tài chính;\n* Sở Nội vụ.\n", "Gồm:\n- Sở Tài chính;\n- Sở Nội vụ.\n");
}

Test(layout, lone_escaped_star_and_rules_dropped)
{
    CHECK("ĐẢNG CỘNG SẢN VIỆT NAM\n\n\\*  \nSố 256-KH/TU\n\n-----\n\nNội dung.\n",
          "ĐẢNG CỘNG SẢN VIỆT NAM\nSố 256-KH/TU\nNội dung.\n");
}

Test(layout, sup_and_br)
{
    CHECK("Kế hoạch<sup>1</sup> số 5<br>năm 2024.\n", "Kế hoạch¹ số 5 năm 2024.\n");
    CHECK("<sup>12</sup> Chú thích.\n", "¹² Chú thích.\n");
    CHECK("Câu chưa xong\n\n⁽¹⁾ Chú thích.\n\nvà tiếp.\n",
          "Câu chưa xong và tiếp.\n⁽¹⁾ Chú thích.\n");
}

Test(layout, hard_wrap_inside_block_joins)
{
    CHECK("**V. TỔ CHỨC\nTHỰC HIỆN**\n\nGiao Sở Nội vụ\ntheo dõi.\n",
          "V. TỔ CHỨC THỰC HIỆN\nGiao Sở Nội vụ theo dõi.\n");
    /* a title in capitals, then the subject in sentence case */
    CHECK("**NGHỊ QUYẾT\nCỦA BAN CHẤP HÀNH\nVề nâng cao chất lượng\ncán bộ**\n",
          "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH\nVề nâng cao chất lượng cán bộ\n");
    CHECK("**NGHỊ QUYẾT\nCỦA BAN CHẤP HÀNH\nvề nâng cao chất lượng\ncán bộ**\n",
          "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH\nvề nâng cao chất lượng cán bộ\n");
}

Test(layout, items_stay_at_line_start)
{
    CHECK("Nhiệm vụ gồm\n- một;\n+ hai;\n• ba;\n1.1. bốn;\n(1) năm;\na) sáu;\nđ1) bảy;\nII. TÁM\n",
          "Nhiệm vụ gồm\n- một;\n+ hai;\n• ba;\n1.1. bốn;\n(1) năm;\na) sáu;\nđ1) bảy;\nII. TÁM\n");
    /* numbers that are not item labels continue the line */
    CHECK("Số cán bộ tăng\n1.000 người và giảm\nđáng kể trong giai đoạn\n2015-2020\n",
          "Số cán bộ tăng 1.000 người và giảm đáng kể trong giai đoạn 2015-2020\n");
}

Test(layout, page_breaks_rejoin_sentences)
{
    CHECK("thực hiện các\n\n===== Trang 2 =====\n\nnhiệm vụ.\n", "thực hiện các nhiệm vụ.\n");
    CHECK("quản lý cán\n\n12\n\nbộ.\n", "quản lý cán bộ.\n");
    CHECK("quản lý cán\fbộ.\n", "quản lý cán bộ.\n");
    CHECK("cạnh tranh;\n\nmột số chức danh.\n", "cạnh tranh; một số chức danh.\n");
}

Test(layout, paragraphs_stay_apart)
{
    CHECK("Một câu.\n\n\n\nHai câu.\n", "Một câu.\nHai câu.\n");
    CHECK("I. MỤC TIÊU\n\nPhấn đấu.\n", "I. MỤC TIÊU\nPhấn đấu.\n");
    CHECK("1. Mục đích\n\nTổ chức quán triệt.\n", "1. Mục đích\nTổ chức quán triệt.\n");
    CHECK("**Trần Văn A**\n\nNơi nhận:\n", "Trần Văn A\nNơi nhận:\n");
}

Test(layout, long_paragraph_cut_before_capital_rejoins)
{
    CHECK("- Quá trình tổ chức thực hiện phải tạo sự đồng bộ, gắn với thực hiện Kết luận "
          "của Ban Chấp hành Trung ương khóa\n\nXIII và các nghị quyết.\n",
          "- Quá trình tổ chức thực hiện phải tạo sự đồng bộ, gắn với thực hiện Kết luận "
          "của Ban Chấp hành Trung ương khóa XIII và các nghị quyết.\n");
}

Test(layout, crlf_and_spaces)
{
    CHECK("Dòng một\r\ntiếp   theo.\r\n", "Dòng một tiếp theo.\n");
    CHECK("  \n\nA\xc2\xa0" "b.", "A b.\n");
}

Test(layout, pipe_table_rows)
{
    CHECK("Bảng:\n\n| **TT** | Nội dung |  |\n|---|:---:|---|\n| 1 | Lập *quy hoạch* | x |\n\nSau.\n",
          "Bảng:\nTT | Nội dung\n1 | Lập quy hoạch | x\nSau.\n");
}

Test(layout, exploded_table_rows)
{
    CHECK("|\n**TT**\n|\n**Nội dung**\n|\n|\n1\n|\nLập quy\nhoạch\n|\n|\n2\n|\nBáo cáo\n|\n\nSau bảng.\n",
          "TT | Nội dung\n1 | Lập quy hoạch\n2 | Báo cáo\nSau bảng.\n");
}

/* the footnotes follow the paragraph they cut, not the document's end:
 * next to the text they annotate */
Test(layout, footnote_cutting_a_sentence_moves_past_its_paragraph)
{
    CHECK("Phải có cán bộ nữ bảo đảm\n\n¹ Chú thích một.\n\n² Chú thích\nhai.\n\n"
          "các tiêu chuẩn.\n\nĐoạn sau.\n",
          "Phải có cán bộ nữ bảo đảm các tiêu chuẩn.\n¹ Chú thích một.\n² Chú thích hai.\nĐoạn sau.\n");
    /* a paragraph that goes on over more lines keeps them before its notes */
    CHECK("Phải có cán bộ nữ bảo đảm\n\n³ Chú thích.\n\ncác tiêu chuẩn\nquy định.\n\nĐoạn sau.\n",
          "Phải có cán bộ nữ bảo đảm các tiêu chuẩn quy định.\n³ Chú thích.\nĐoạn sau.\n");
}

Test(layout, footnote_between_paragraphs_stays)
{
    CHECK("Câu một.\n\n² Chú thích.\n\nCâu hai.\n", "Câu một.\n² Chú thích.\nCâu hai.\n");
}

Test(layout, nothing_but_markup)
{
    CHECK("**\n\n-----\n", "");
    CHECK("Điều 3. Thi hành./.\n\n* *\n\nNơi nhận:\n", "Điều 3. Thi hành./.\nNơi nhận:\n");
}

/* A few MB on one line: layout must stay linear (a quadratic pass would
 * not finish) and exact. */
Test(layout, multi_megabyte_single_line, .timeout = 60)
{
    const char unit[] = "cán bộ **lãnh đạo** ";
    const char want_unit[] = "cán bộ lãnh đạo ";
    size_t reps = 200000, i, ul = sizeof unit - 1, wl = sizeof want_unit - 1;
    char *in = malloc(reps * ul + 1), *want = malloc(reps * wl + 2);
    nqx_text *t;
    nqx_error e;
    for (i = 0; i < reps; i++) {
        memcpy(in + i * ul, unit, ul);
        memcpy(want + i * wl, want_unit, wl);
    }
    /* the trailing space of the line goes, a final newline comes */
    memcpy(want + reps * wl - 1, "\n", 2);
    cr_assert_eq(nqx_norm_text("big", in, reps * ul, NULL, &t, &e), NQX_OK);
    cr_assert_eq(t->len, reps * wl);
    cr_assert(memcmp(t->text, want, t->len) == 0);
    cr_assert_eq(t->nchanges, 2 * reps + 1); /* + the final " " -> "\n" */
    /* the last "lãnh" maps back to its place in the input */
    cr_assert_eq(nqx_text_input_offset(t, (reps - 1) * wl + strlen("cán bộ ")),
                 (reps - 1) * ul + strlen("cán bộ **"));
    nqx_text_free(t);
    free(in);
    free(want);
}

/* A comma between two words with no space after it ("Huế,chính", "Sở
 * Tài chính,Sở Xây dựng", "2025,cầu": OCR, careless typing) gets one,
 * logged as a spacing change at the comma's end; numbers ("1,5", "1,a"),
 * titles in capitals ("PGS,TS", "O.P,M.A.") and a URL's query keep
 * theirs. */
Test(layout, a_space_after_a_comma_between_words)
{
    const char *in = "Sở Tài chính,Sở Xây dựng và Huế,chính quyền; 1,5 triệu; "
                     "PGS,TS Lê; O.P,M.A.; http://a.vn/?x=b,c; NQ-HĐND,ngày 5.\n"
                     "Năm 2025,cầu Trần Hưng Đạo; điểm 1,a.\n"
                     "Hồng Phong**,**Ủy viên; tập 2,*Nhà xuất bản*.\n";
    nqx_text *t;
    nqx_error e;
    CHECK(in, "Sở Tài chính, Sở Xây dựng và Huế, chính quyền; 1,5 triệu; "
              "PGS,TS Lê; O.P,M.A.; http://a.vn/?x=b,c; NQ-HĐND, ngày 5.\n"
              "Năm 2025, cầu Trần Hưng Đạo; điểm 1,a.\n"
              "Hồng Phong, Ủy viên; tập 2, Nhà xuất bản.\n");
    cr_assert_eq(nqx_norm_text("t.md", in, strlen(in), NULL, &t, &e), NQX_OK);
    cr_assert_eq(t->nchanges, 10); /* 6 spaces, 4 emphasis runs */
    cr_assert_eq(t->changes[0].kind, NQX_CHANGE_SPACE);
    cr_assert_eq(t->changes[0].in_off, strlen("Sở Tài chính,"));
    nqx_text_free(t);
}

/* An exploded table's last bar with no blank line after it: the text that
 * follows, longer than any cell (S_CELL_MAX_LINES lines and more), is the
 * document after the table, not one cell of it joined into a line. */
Test(layout, a_run_of_text_longer_than_a_cell_ends_an_exploded_table)
{
    char in[8192] = "Số: 12/KH-UBND |\n|\nKẾ HOẠCH\n", want[8192] = "Số: 12/KH-UBND\nKẾ HOẠCH\n";
    int k;
    for (k = 1; k <= 41; k++) {
        char line[128];
        snprintf(line, sizeof line, "Ủy ban nhân dân tỉnh giao nhiệm vụ số %d cho các sở, ngành.\n", k);
        strcat(in, line);
        strcat(want, line);
    }
    CHECK(in, want);
}

Test(layout, heading_glued_to_next_item_is_split)
{
    CHECK("**I. TÌNH HÌNH VÀ NGUYÊN NHÂN**1. Tình hình**\n\nThủ đô.\n",
          "I. TÌNH HÌNH VÀ NGUYÊN NHÂN\n1. Tình hình\nThủ đô.\n");
}

Test(layout, exploded_table_ends_where_the_body_begins)
{
    /* no blank line after the last "|": the body is not one more cell */
    CHECK("|\nSố: 60/NQ-HĐND\n|\n*Hà Nội, ngày 27*\n|\n**NGHỊ QUYẾT**\nVề học phí\n"
          "Căn cứ Luật A;\nCăn cứ Luật B;\nCăn cứ Luật C;\nCăn cứ Luật D;\n"
          "**Điều 1.** Phạm vi\n",
          "Số: 60/NQ-HĐND | Hà Nội, ngày 27\nNGHỊ QUYẾT\nVề học phí\nCăn cứ Luật A;\nCăn cứ Luật B;\n"
          "Căn cứ Luật C;\nCăn cứ Luật D;\nĐiều 1. Phạm vi\n");
    /* rows of different widths stay one table */
    CHECK("|\nA\n|\nB\n|\n|\nC\n|\nD\n|\nE\n|\nF\n|\n", "A | B\nC | D | E | F\n");
}

Test(layout, gfm_table_without_outer_pipes)
{
    CHECK("Phân công:\n\nSTT | Tên dự án | Cơ quan trình |\n|---|---|---|\n"
          "1 | Luật Thuế | Chính phủ | |\n2 |  | Bộ Tư pháp\n\nNghị quyết này có hiệu lực.\n",
          "Phân công:\nSTT | Tên dự án | Cơ quan trình\n1 | Luật Thuế | Chính phủ\n2 |  | Bộ Tư pháp\n"
          "Nghị quyết này có hiệu lực.\n");
}

Test(layout, bracket_footnotes)
{
    CHECK("hỗ trợ kinh phí cho\n\n[1] Các văn bản của Văn phòng\nTrung ương.\n[2]\nRiêng các đồng chí.\n\n"
          "cán bộ cơ sở.\n",
          "hỗ trợ kinh phí cho cán bộ cơ sở.\n[1] Các văn bản của Văn phòng Trung ương.\n[2] Riêng các đồng chí.\n");
}

Test(layout, star_before_a_numbered_item_is_emphasis)
{
    CHECK("* 1. Phát triển đô thị *là giải pháp.\n", "1. Phát triển đô thị là giải pháp.\n");
}

/* One paragraph per line, no blank lines, lines far longer than a wrap
 * width: a newline ends a paragraph unless the sentence plainly goes on. */
#define L1 "Công tác cán bộ cơ bản bám sát các quan điểm, nguyên tắc của Đảng, các chủ trương, " \
           "chỉ thị, kết luận của Trung ương, của tỉnh; kịp thời cụ thể hóa thành các nghị quyết"
#define L3 "Quy trình công tác cán bộ ngày càng chặt chẽ, đồng bộ, công khai, minh bạch và dân chủ " \
           "hơn; công tác đánh giá cán bộ nhiều chiều từng bước gắn với kết quả công tác, so sánh"
Test(layout, unwrapped_text_keeps_its_lines)
{
    cr_assert_gt(strlen(L1), 200);
    cr_assert_gt(strlen(L3), 200);
    CHECK(L1 "\nTổ chức thực hiện tốt.\n" L3 "\nvới chức danh tương đương.\nII. NHIỆM VỤ\n",
          L1 "\nTổ chức thực hiện tốt.\n" L3 " với chức danh tương đương.\nII. NHIỆM VỤ\n");
    /* short lines that run on in lower case: a text wrapped at a width,
     * where a soft wrap joins even before a capital */
    CHECK("Công tác cán bộ cơ bản bám sát các\nquan điểm, nguyên tắc của\nTrung ương, của tỉnh.\n",
          "Công tác cán bộ cơ bản bám sát các quan điểm, nguyên tắc của Trung ương, của tỉnh.\n");
    /* short lines that do not: one unit per line (plain text, or text
     * normalized already) */
    CHECK("Công tác cán bộ cơ bản bám sát\nTổ chức thực hiện tốt.\n",
          "Công tác cán bộ cơ bản bám sát\nTổ chức thực hiện tốt.\n");
    /* text wrapped at a width, cut before a hyphen: no point */
    CHECK("Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện tốt\n"
          "công tác quy hoạch cán bộ; phấn đấu đến năm 2025 bố trí cán bộ trẻ ở 10\n"
          "- 15% số xã, phường; phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị\n"
          "- xã hội Thành phố tuyên truyền, vận động Nhân dân thực hiện chủ trương.\n",
          "Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện tốt "
          "công tác quy hoạch cán bộ; phấn đấu đến năm 2025 bố trí cán bộ trẻ ở 10 "
          "- 15% số xã, phường; phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị "
          "- xã hội Thành phố tuyên truyền, vận động Nhân dân thực hiện chủ trương.\n");
    /* inside a point that already ran over a line, a percentage's high
     * end goes on too */
    CHECK("Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện tốt\n"
          "công tác quy hoạch cán bộ như sau:\n"
          "- Bố trí cán bộ trẻ giữ chức vụ chủ chốt, lựa chọn từ nguồn cán bộ đang giữ chức vụ\n"
          "trưởng, phó trưởng phòng trở lên cấp tỉnh, cấp huyện; bố trí 10\n"
          "- 15% số xã, phường có cán bộ trẻ giữ các chức danh chủ chốt.\n",
          "Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện tốt "
          "công tác quy hoạch cán bộ như sau:\n"
          "- Bố trí cán bộ trẻ giữ chức vụ chủ chốt, lựa chọn từ nguồn cán bộ đang giữ chức vụ "
          "trưởng, phó trưởng phòng trở lên cấp tỉnh, cấp huyện; bố trí 10 "
          "- 15% số xã, phường có cán bộ trẻ giữ các chức danh chủ chốt.\n");
    /* a list whose colon was left out keeps its points: a digit after a
     * word is no range */
    CHECK("Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện tốt\n"
          "công tác quy hoạch cán bộ; phấn đấu đến năm 2025 đạt các chỉ tiêu sau\n"
          "- 100% số xã có cán bộ trẻ giữ chức danh chủ chốt trong hệ thống chính trị\n"
          "- 50% số phường có cán bộ nữ.\n",
          "Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện tốt "
          "công tác quy hoạch cán bộ; phấn đấu đến năm 2025 đạt các chỉ tiêu sau\n"
          "- 100% số xã có cán bộ trẻ giữ chức danh chủ chốt trong hệ thống chính trị\n"
          "- 50% số phường có cán bộ nữ.\n");
    /* a list's points stay points: after a colon, or after a point */
    CHECK("Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện các\n"
          "chỉ tiêu sau:\n- 15% số xã có cán bộ trẻ giữ chức danh chủ chốt trong năm 2025\n"
          "- 20% số phường có cán bộ nữ giữ chức danh chủ chốt trong năm 2025.\n",
          "Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện các "
          "chỉ tiêu sau:\n- 15% số xã có cán bộ trẻ giữ chức danh chủ chốt trong năm 2025\n"
          "- 20% số phường có cán bộ nữ giữ chức danh chủ chốt trong năm 2025.\n");
    /* ... unless the line ends with a word no sentence ends with */
    CHECK(L1 ".\nChỉ đạo theo Nghị quyết số 380/NQ-CP của\nChính phủ, đồng thời chủ động.\n",
          L1 ".\nChỉ đạo theo Nghị quyết số 380/NQ-CP của Chính phủ, đồng thời chủ động.\n");
    CHECK(L1 ".\nThời gian: năm 2025 và các năm tiếp theo\nCơ quan phối hợp: Sở Y tế.\n",
          L1 ".\nThời gian: năm 2025 và các năm tiếp theo\nCơ quan phối hợp: Sở Y tế.\n");
}

/* A page break cuts a sentence: the page's number stands between its
 * halves. After a number, a capital goes on a line of 60 characters that
 * stopped without a mark; after a mere blank line it starts a paragraph. */
Test(layout, page_number_between_the_halves_of_a_sentence)
{
    CHECK("2. Các tỉnh uỷ, thành uỷ, các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc\n\n"
          "3\n\nTrung ương lãnh đạo, chỉ đạo thực hiện.\n",
          "2. Các tỉnh uỷ, thành uỷ, các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc "
          "Trung ương lãnh đạo, chỉ đạo thực hiện.\n");
    /* a footnote cut by the page goes on after it */
    CHECK("Cán bộ nữ đạt 15%¹.\n\n¹ 15% trở lên là để phù hợp với Đề án số 10-ĐA/TU;\n\n"
          "4\n\ntrong Đề án số 12 chỉ quy định 10% trở lên.\n",
          "Cán bộ nữ đạt 15%¹.\n¹ 15% trở lên là để phù hợp với Đề án số 10-ĐA/TU; "
          "trong Đề án số 12 chỉ quy định 10% trở lên.\n");
    CHECK("2. Các tỉnh uỷ, thành uỷ, các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc\n\n"
          "Trung ương lãnh đạo, chỉ đạo thực hiện.\n",
          "2. Các tỉnh uỷ, thành uỷ, các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc\n"
          "Trung ương lãnh đạo, chỉ đạo thực hiện.\n");
}

/* OCR lines: wrapped at a width, no blank line between paragraphs. A line
 * that ends a sentence or a clause before a capital, a number or a point
 * ends its paragraph; other newlines are wraps. */
Test(layout, wrapped_text_without_blank_lines)
{
    char in[4096] = "", want[4096] = "";
    /* 30 lines: a text this long with no blank line is read this way */
    S_times(10, in,
            "Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực\n"
            "hiện tốt công tác cán bộ; Ủy ban nhân dân Thành phố chủ trì, phối hợp\n"
            "với các sở, ngành triển khai thực hiện.\n",
            want,
            "Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực "
            "hiện tốt công tác cán bộ; Ủy ban nhân dân Thành phố chủ trì, phối hợp "
            "với các sở, ngành triển khai thực hiện.\n");
    CHECK(in, want);
}

/* ... and so is a shorter text with no blank line at all (10 lines or
 * more): not a Markdown block, whose soft breaks would join its sentences
 * into one paragraph. */
Test(layout, a_short_wrapped_text_without_blank_lines)
{
    char in[4096] = "", want[4096] = "";
    S_times(4, in, S_PARA_IN, want, S_PARA_OUT);
    CHECK(in, want);
}

/* ... and where such text is wrapped regularly (the lines that run on
 * reach the width), a line that stops well short of it ends where its
 * author ended it: a heading before its first sentence. */
Test(layout, regularly_wrapped_text_keeps_its_short_lines)
{
    char in[8192] = "", want[8192] = "";
    S_times(10, in, "2. Yêu cầu\n" S_PARA_IN, want, "2. Yêu cầu\n" S_PARA_OUT);
    CHECK(in, want);
}

/* ... but not a line that ends with a comma or with a word no sentence
 * ends with ("của", "và"): that is no heading, and the wrap moved the
 * next word down for its glyphs' width (a proportional font), or an OCR
 * line's end was read short. A short line that ends with a comma stays
 * (a poem's line). */
Test(layout, a_line_ending_with_a_comma_or_a_link_word_runs_on)
{
    char in[8192] = "", want[8192] = "";
    S_times(10, in, S_PARA_IN, want, S_PARA_OUT);
    strcat(in, "Ủy ban nhân dân Thành phố chủ trì, phối hợp với Sở Tài chính,\n"
               "Sở Xây dựng và các quận, huyện triển khai thực hiện nghiêm túc.\n"
               "Ủy ban nhân dân Thành phố chủ trì, phối hợp với các sở của\n"
               "Thành phố triển khai thực hiện nghiêm túc các nhiệm vụ.\n");
    strcat(want, "Ủy ban nhân dân Thành phố chủ trì, phối hợp với Sở Tài chính, "
                 "Sở Xây dựng và các quận, huyện triển khai thực hiện nghiêm túc.\n"
                 "Ủy ban nhân dân Thành phố chủ trì, phối hợp với các sở của "
                 "Thành phố triển khai thực hiện nghiêm túc các nhiệm vụ.\n");
    strcat(in, "Trên đồng cạn, dưới đồng sâu,\nChồng cày, vợ cấy, con trâu đi bừa.\n");
    strcat(want, "Trên đồng cạn, dưới đồng sâu,\nChồng cày, vợ cấy, con trâu đi bừa.\n");
    CHECK(in, want);
}

/* ... and a line that had room for the next line's first word was ended
 * by its author, though it is longer than a short line: a heading that
 * reaches three quarters of the width, then its first sentence in a
 * capital. Wrapping is in characters, as on a page: the heading's 54
 * characters are 72 bytes. A line that had no room for it goes on ("tạo" / "Chương
 * trình"). */
Test(layout, a_line_with_room_for_the_next_word_ends_its_paragraph)
{
    char in[8192] = "", want[8192] = "";
    S_times(10, in,
            "2. Nâng cao chất lượng công tác tuyên truyền, giáo dục\n"
            "Các cấp ủy xây dựng Đảng bộ và hệ thống chính trị các cấp thực sự trong\n"
            "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo\n"
            "Chương trình hành động và chuyển biến mạnh về chất lượng hoạt động.\n",
            want,
            "2. Nâng cao chất lượng công tác tuyên truyền, giáo dục\n"
            "Các cấp ủy xây dựng Đảng bộ và hệ thống chính trị các cấp thực sự trong "
            "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo "
            "Chương trình hành động và chuyển biến mạnh về chất lượng hoạt động.\n");
    CHECK(in, want);
}

/* ... and a numbered item's line with no mark at its end, the width
 * reached, then a line opened by a word the document writes in lower case
 * inside its lines and never with a capital after a word in lower case
 * ("Các": "các tổ chức"): the item's heading, then its body. A name's
 * word goes on ("triển khai" / "Kế hoạch này": "thực hiện Kế hoạch"). */
Test(layout, an_items_heading_before_a_sentences_first_word)
{
    char in[8192] = "", want[8192] = "";
    S_times(6, in,
            "2. Nâng cao chất lượng công tác tuyên truyền, giáo dục chính trị tư tưởng\n"
            "Các cấp ủy lãnh đạo, chỉ đạo các tổ chức đảng xây dựng Đảng bộ thực sự trong\n"
            "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo\n"
            "chuyển biến mạnh về chất lượng hoạt động và thực hiện Kế hoạch của Thành ủy.\n"
            "3. Ủy ban nhân dân Thành phố chủ trì, phối hợp với các sở, ngành triển khai\n"
            "Kế hoạch này đến các cấp ủy, tổ chức đảng; tổ chức sơ kết, tổng kết hằng năm.\n",
            want,
            "2. Nâng cao chất lượng công tác tuyên truyền, giáo dục chính trị tư tưởng\n"
            "Các cấp ủy lãnh đạo, chỉ đạo các tổ chức đảng xây dựng Đảng bộ thực sự trong "
            "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo "
            "chuyển biến mạnh về chất lượng hoạt động và thực hiện Kế hoạch của Thành ủy.\n"
            "3. Ủy ban nhân dân Thành phố chủ trì, phối hợp với các sở, ngành triển khai "
            "Kế hoạch này đến các cấp ủy, tổ chức đảng; tổ chức sơ kết, tổng kết hằng năm.\n");
    CHECK(in, want);
}

/* ... as is an article's heading ("Điều 2. Tổ chức thực hiện ..."); and
 * the document naming itself as the subject of its scope's clause
 * ("Nghị quyết này quy định", "Thông tư này áp dụng") opens a sentence,
 * though its words are a name's, written with capitals inside lines
 * ("thực hiện Nghị quyết này"). */
Test(layout, an_articles_heading_and_the_documents_own_name)
{
    char in[8192] = "", want[8192] = "";
    S_times(5, in,
            "Điều 2. Tổ chức thực hiện công tác tuyên truyền, giáo dục chính trị tư tưởng\n"
            "Các cấp ủy lãnh đạo, chỉ đạo các tổ chức đảng xây dựng Đảng bộ thực sự trong\n"
            "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo\n"
            "chuyển biến mạnh về chất lượng hoạt động và thực hiện Nghị quyết của Thành ủy.\n"
            "1. Phạm vi điều chỉnh các khoản chi cho cơ sở giáo dục mầm non và giáo dục\n"
            "Nghị quyết này quy định mức học phí đối với các cơ sở giáo dục mầm non, giáo dục\n"
            "phổ thông công lập chất lượng cao; cơ sở giáo dục phổ thông công lập do các trường.\n",
            want,
            "Điều 2. Tổ chức thực hiện công tác tuyên truyền, giáo dục chính trị tư tưởng\n"
            "Các cấp ủy lãnh đạo, chỉ đạo các tổ chức đảng xây dựng Đảng bộ thực sự trong "
            "sạch, vững mạnh, đáp ứng yêu cầu nhiệm vụ chính trị trong thời kỳ mới, tạo "
            "chuyển biến mạnh về chất lượng hoạt động và thực hiện Nghị quyết của Thành ủy.\n"
            "1. Phạm vi điều chỉnh các khoản chi cho cơ sở giáo dục mầm non và giáo dục\n"
            "Nghị quyết này quy định mức học phí đối với các cơ sở giáo dục mầm non, giáo dục "
            "phổ thông công lập chất lượng cao; cơ sở giáo dục phổ thông công lập do các trường.\n");
    CHECK(in, want);
}

/* "Nơi nhận:", "Kính gửi:", the motto and the document's number open
 * blocks of the document's frame: no line runs on into them, whatever it
 * ended with. ("Số lượng" is no number.) */
Test(layout, the_recipients_label_starts_a_block)
{
    S_check_after_paras("(Kèm theo Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương khóa XIII)\n"
                        "Nơi nhận:\n- Thường trực Tỉnh ủy (báo cáo),\n",
                        "(Kèm theo Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương khóa XIII)\n"
                        "Nơi nhận:\n- Thường trực Tỉnh ủy (báo cáo),\n");
    CHECK("Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau\n\nKính gửi: Các sở, ngành.\n",
          "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau\nKính gửi: Các sở, ngành.\n");
    /* a two-column header's motto and number, on lines of their own */
    CHECK("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-UBND Quảng Ngãi, ngày 3 tháng 4 năm 2024\n"
          "Số lượng cán bộ\nđược giao.\n",
          "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-UBND Quảng Ngãi, ngày 3 tháng 4 năm 2024 "
          "Số lượng cán bộ được giao.\n");
}

/* A wrap between "khóa" and its term's number puts the number first on a
 * line, where it reads as a Roman heading ("XII. Thời gian ..."): it goes
 * back to its sentence, and the next line starts its own. */
Test(layout, a_terms_number_after_a_wrap_is_no_heading)
{
    CHECK("Sơ kết Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương khóa\n"
          "XII.\nThời gian thực hiện: Hoàn thành trong năm 2023.\n",
          "Sơ kết Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương khóa XII.\n"
          "Thời gian thực hiện: Hoàn thành trong năm 2023.\n");
    /* a heading after a line that ends otherwise stays one */
    CHECK("Sơ kết Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương.\n"
          "II. NHIỆM VỤ\n",
          "Sơ kết Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương.\n"
          "II. NHIỆM VỤ\n");
}

/* A footnote wrapped in such text keeps its own lines: "sinh từ năm" /
 * "1985 về sau ..." is the footnote going on, no paragraph of the text. */
Test(layout, a_wrapped_footnote_keeps_its_lines)
{
    S_check_after_paras("³ Hiện nay cán bộ cấp xã diện Ban Thường vụ Thị ủy quản lý, sinh từ năm\n"
                        "1985 về sau có 05 cán bộ.\n",
                        "³ Hiện nay cán bộ cấp xã diện Ban Thường vụ Thị ủy quản lý, sinh từ năm "
                        "1985 về sau có 05 cán bộ.\n");
}

/* A table typed as plain text: no outer pipes, no delimiter row, no blank
 * lines. Each line with " | " is a row, never joined to its neighbours. */
Test(layout, plain_text_table_rows_stay_apart)
{
    CHECK("KẾ HOẠCH\nII. NHIỆM VỤ\nNội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
          "Xây dựng đề án | Sở Tài chính | Sở Nội vụ | Quý II/2025\n"
          "Tổ chức tập huấn | Sở Nội vụ | Các sở, ngành | Hằng năm\n",
          "KẾ HOẠCH\nII. NHIỆM VỤ\nNội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
          "Xây dựng đề án | Sở Tài chính | Sở Nội vụ | Quý II/2025\n"
          "Tổ chức tập huấn | Sở Nội vụ | Các sở, ngành | Hằng năm\n");
    /* the same inside a hard-wrapped Markdown block */
    CHECK("Phân công:\nNội dung | Chủ trì | Thời gian\nLập đề án | Sở Tư pháp | Năm 2025\n\nSau bảng.\n",
          "Phân công:\nNội dung | Chủ trì | Thời gian\nLập đề án | Sở Tư pháp | Năm 2025\nSau bảng.\n");
}

/* A row whose cell text wrapped onto the next line: the next line starts
 * in lower case and holds the separators the row lacks. Only in a table
 * whose other rows are all as wide as the widest. */
Test(layout, plain_text_table_wrapped_cell_joins_its_row)
{
    CHECK("Nội dung | Chủ trì | Phối hợp | Thời gian\n"
          "Tổ chức tập huấn | Sở Nội vụ | Các sở,\nngành | Hằng năm\n"
          "Xây dựng đề án | Sở Tài chính | Sở Nội vụ, Sở Tư pháp và Ủy ban nhân dân các\n"
          "huyện | Quý II/2025\n"
          "Báo cáo | Sở Nội vụ | Các sở, ngành, địa\nphương | Hằng năm\n",
          "Nội dung | Chủ trì | Phối hợp | Thời gian\n"
          "Tổ chức tập huấn | Sở Nội vụ | Các sở, ngành | Hằng năm\n"
          "Xây dựng đề án | Sở Tài chính | Sở Nội vụ, Sở Tư pháp và Ủy ban nhân dân các huyện | Quý II/2025\n"
          "Báo cáo | Sở Nội vụ | Các sở, ngành, địa phương | Hằng năm\n");
    CHECK("A | B | C\nLập đề án | Sở Nội vụ | Quý II/\n2025 và\nD | E | F\n",
          "A | B | C\nLập đề án | Sở Nội vụ | Quý II/\n2025 và\nD | E | F\n");
    /* a row with all its cells, then text in lower case: no cell */
    CHECK("A | B | C\nD | E | F\nvà các nội dung khác.\n",
          "A | B | C\nD | E | F\nvà các nội dung khác.\n");
    CHECK("A | B | C\nD | E\nphối hợp | F\n", "A | B | C\nD | E phối hợp | F\n");
    /* a mark or an item label in lower case opens a row */
    CHECK("A | B | C\nD | E\nx | x\ni | F | G\n", "A | B | C\nD | E\nx | x\ni | F | G\n");
    /* rows of differing widths (merged cells): no wrap to mend */
    CHECK("A | B | C | D\nE | F\nG | H | I | J\ntỉnh K | L\nx | y\n",
          "A | B | C | D\nE | F\nG | H | I | J\ntỉnh K | L\nx | y\n");
}

/* "-" cells are data, "---" cells a delimiter row; " |" at the start of a
 * line closes an empty first cell, as normalized text writes it. */
Test(layout, pipe_rows_dash_cells_and_empty_first_cell)
{
    CHECK("| A | B |\n|---|---|\n| - | - |\n", "A | B\n- | -\n");
    CHECK("| STT | Cơ quan | |\n|---|---|---|\n| | | Chủ trì | Phối hợp |\n",
          "STT | Cơ quan\n |  | Chủ trì | Phối hợp\n");
    CHECK("STT | Cơ quan\n |  | Chủ trì | Phối hợp\n", "STT | Cơ quan\n |  | Chủ trì | Phối hợp\n");
    /* an outer pipe with no closing one: still an outer pipe */
    CHECK("| 1 | Văn phòng\nTổng cục | Sư đoàn |\n", "1 | Văn phòng\nTổng cục | Sư đoàn\n");
}

Test(layout, stray_stars_at_line_end)
{
    CHECK("**Điều 16. Tách thửa hoặc hợp\nthửa đất **** **\n1. Thời gian\n",
          "Điều 16. Tách thửa hoặc hợp thửa đất\n1. Thời gian\n");
}

/* A row of empty cells is no line of text. */
Test(layout, empty_pipe_row_dropped)
{
    CHECK("| A | B |\n|---|---|\n| | |\n| ||||\n| C | D |\n", "A | B\nC | D\n");
}

/* A cell line of an exploded table may end with the bar that closes it. */
Test(layout, exploded_cell_line_ending_with_a_bar)
{
    CHECK("|\nCà Mau\n|\nHồ Việt Triều\n(1973) |\nPhó Cục trưởng\n|\n\nSau.\n",
          "Cà Mau | Hồ Việt Triều (1973) | Phó Cục trưởng\nSau.\n");
}

/* A bar closing a cell at the end of a text line goes; a line of stars
 * and such a bar is no text. A block quote mark goes, inside emphasis too. */
Test(layout, trailing_bar_and_quote_marks)
{
    CHECK("VIỆT NAM\n*** |\n|\nSố: 12/ĐA |\n|\n\nĐỀ ÁN\n", "VIỆT NAM\nSố: 12/ĐA\nĐỀ ÁN\n");
    CHECK("Mở đầu.\n\n*> Xem chi tiết: Hướng dẫn*\n\n> Trích dẫn.\n",
          "Mở đầu.\nXem chi tiết: Hướng dẫn\nTrích dẫn.\n");
}

/* An amendment quotes whole items: the quoted item opens its own line. */
Test(layout, quoted_item_stays_at_line_start)
{
    CHECK("4. Bổ sung điểm d vào khoản 1 Điều 19 như sau:\n\n\"d) Số nhân khẩu được hỗ trợ\n\n"
          "“2. Phạm vi điều chỉnh\n",
          "4. Bổ sung điểm d vào khoản 1 Điều 19 như sau:\n\"d) Số nhân khẩu được hỗ trợ\n"
          "“2. Phạm vi điều chỉnh\n");
}

/* In one-unit-per-line text a number after a heading opens a paragraph. */
Test(layout, number_after_a_heading_line)
{
    CHECK("Lịch sử hình thành\n1989 – 1999: Công ty xây dựng.\nNgôn ngữ\n160 nhóm sắc tộc.\n",
          "Lịch sử hình thành\n1989 – 1999: Công ty xây dựng.\nNgôn ngữ\n160 nhóm sắc tộc.\n");
    /* a title block in capitals does not make the text look wrapped */
    CHECK("NGHỊ QUYẾT\nvề cán bộ\nMột câu.\nHai câu.\nBa câu.\n",
          "NGHỊ QUYẾT\nvề cán bộ\nMột câu.\nHai câu.\nBa câu.\n");
}

/* Text from a PDF runs the next point on after the full stop of the one
 * before: it opens a line when its label follows the last one. */
Test(layout, point_run_on_after_a_full_stop)
{
    CHECK("e) Cấm rải tiền Việt Nam và\ncác loại tiền trên đường đưa tang. f) Người qua đời phải được\n"
          "chôn cất trong nghĩa trang.\n",
          "e) Cấm rải tiền Việt Nam và các loại tiền trên đường đưa tang.\n"
          "f) Người qua đời phải được chôn cất trong nghĩa trang.\n");
    CHECK("d) Kiểm tra. đ) Báo cáo. e) Tổng hợp.\n", "d) Kiểm tra.\nđ) Báo cáo.\ne) Tổng hợp.\n");
    CHECK("Các biện pháp:\n\ne)\nĐào kênh khi cần thiết. g) Các biện pháp khác.\n",
          "Các biện pháp:\ne) Đào kênh khi cần thiết.\ng) Các biện pháp khác.\n");
    CHECK("Các biện pháp:\n\ne)\nQuyết định cấp kinh phí. g)\nThống kê, báo cáo.\n",
          "Các biện pháp:\ne) Quyết định cấp kinh phí.\ng) Thống kê, báo cáo.\n");
    /* a list inside one sentence, or a label out of order, stays */
    CHECK("Hội đồng gồm: a) Chủ tịch; b) Các Phó Chủ tịch.\n",
          "Hội đồng gồm: a) Chủ tịch; b) Các Phó Chủ tịch.\n");
    CHECK("b) Lập đề án. d) Báo cáo.\n", "b) Lập đề án. d) Báo cáo.\n");
}

/* A numbering mark on a line of its own numbers the line after it (Word
 * and PDF copies), across a blank line; a year in brackets, a label
 * "8.C" or "C)" is no such mark, and a mark never swallows an item. */
Test(layout, a_lone_numbering_mark_joins_the_line_after_it)
{
    CHECK("**1.****\n**Sở Y tế**\n\na) Chủ trì.\n", "1. Sở Y tế\na) Chủ trì.\n");
    CHECK("2.\n\nSở Xây dựng\n", "2. Sở Xây dựng\n");
    CHECK("II.\nNHIỆM VỤ\n", "II. NHIỆM VỤ\n");
    CHECK("b)\nTổ chức tập huấn.\n", "b) Tổ chức tập huấn.\n");
    CHECK("1.1.\nMục tiêu\n", "1.1. Mục tiêu\n");
    CHECK("(3)\nKiểm tra.\n", "(3) Kiểm tra.\n");
    CHECK("1.\n2. Sở Nội vụ\n", "1.\n2. Sở Nội vụ\n");
    CHECK("(1932)\nNguyên Tư lệnh.\n", "(1932)\nNguyên Tư lệnh.\n");
    CHECK("8.C\nPhần Viết\n", "8.C\nPhần Viết\n");
    CHECK("C)\nTuổi Carbon\n", "C)\nTuổi Carbon\n");
}

/* A crawl that wraps "**Điều 12. Bảo đảm ...**" after the word leaves
 * "Điều" alone and the number at the start of the next line, where it
 * reads as an item: the word takes its number back. A word that is not a
 * part's ("Mục tiêu") or one followed by text stays apart. */
Test(layout, the_word_of_an_article_joins_its_number)
{
    CHECK("**Điều\n12. Bảo đảm hạ tầng kỹ thuật**\n\n1. Các cơ quan.\n",
          "Điều 12. Bảo đảm hạ tầng kỹ thuật\n1. Các cơ quan.\n");
    CHECK("**Chương\nIV**\n", "Chương IV\n");
    CHECK("Mục tiêu\n1. Tăng trưởng.\n", "Mục tiêu\n1. Tăng trưởng.\n");
    CHECK("Điều\nkiện bảo đảm.\n", "Điều kiện bảo đảm.\n");
    /* a reference the wrap put at a line's start is no part */
    CHECK("9. Theo dõi, giám sát, đánh giá, báo cáo và thanh\ntra, kiểm toán.\n\n"
          "11. Đối với các khoản viện trợ cụ thể, tùy thuộc loại\n"
          "hình, lĩnh vực, hình thức, phương thức viện trợ, phương thức thực hiện viện trợ:\n"
          "Thực hiện quy trình, thủ tục quy định tại Chương II, Chương III, Chương IV,\n"
          "Chương V của Nghị định này.\n",
          "9. Theo dõi, giám sát, đánh giá, báo cáo và thanh tra, kiểm toán.\n"
          "11. Đối với các khoản viện trợ cụ thể, tùy thuộc loại hình, lĩnh vực, hình "
          "thức, phương thức viện trợ, phương thức thực hiện viện trợ: Thực hiện quy "
          "trình, thủ tục quy định tại Chương II, Chương III, Chương IV, Chương V của "
          "Nghị định này.\n");
}

/* An exploded table from rows written "a|b||c" (one row a line): each
 * row "|", then every cell's text (none when empty) and a "|". */
static char *S_explode(const char *rows)
{
    size_t n = strlen(rows), k = 0, i;
    char *out = malloc(4 * n + 16);
    cr_assert_not_null(out);
    out[k++] = '|';
    out[k++] = '\n';
    for (i = 0; i < n; i++) {
        if (rows[i] == '|' || rows[i] == '\n') {
            if (i > 0 && rows[i - 1] != '|' && rows[i - 1] != '\n')
                out[k++] = '\n';
            out[k++] = '|';
            out[k++] = '\n';
            if (rows[i] == '\n' && i + 1 < n) {
                out[k++] = '|';
                out[k++] = '\n';
            }
        } else {
            out[k++] = rows[i];
        }
    }
    out[k] = '\0';
    return out;
}

#define CHECK_EXPLODED(rows, after, want)             \
    do {                                              \
        char *in_ = S_explode(rows), *all_;           \
        all_ = malloc(strlen(in_) + strlen(after) + 1); \
        cr_assert_not_null(all_);                     \
        strcpy(all_, in_);                            \
        strcat(all_, after);                          \
        CHECK(all_, want);                            \
        free(in_);                                    \
        free(all_);                                   \
    } while (0)

/* "|" twice is an empty cell or the gap between two rows: the table's
 * width decides, so empty cells stay in their columns. */
Test(layout, exploded_empty_cells_keep_their_columns)
{
    CHECK_EXPLODED("STT|Nội dung|ĐVT|Năm 2025|Năm 2026|Năm 2027\n"
                   "1|2|3|4|5|6\n"
                   "1|Cơ cấu kinh tế|||||\n"
                   "|- Dịch vụ|%|36,49|37,30|38,14\n"
                   "|- Thuế sản phẩm|%||4,19|4,07\n"
                   "2|Chỉ số giá|%|5,04|5,21|\n"
                   "|Trong đó:||||\n"
                   "|+ Giường cấp huyện|Giường|610||\n",
                   "\nSau bảng.\n",
                   "STT | Nội dung | ĐVT | Năm 2025 | Năm 2026 | Năm 2027\n"
                   "1 | 2 | 3 | 4 | 5 | 6\n"
                   "1 | Cơ cấu kinh tế\n"
                   " | - Dịch vụ | % | 36,49 | 37,30 | 38,14\n"
                   " | - Thuế sản phẩm | % |  | 4,19 | 4,07\n"
                   "2 | Chỉ số giá | % | 5,04 | 5,21\n"
                   "Trong đó:\n"
                   " | + Giường cấp huyện | Giường | 610\n"
                   "Sau bảng.\n");
}

/* Header rows above the first full-width row may span columns: they
 * keep their cells as written. */
Test(layout, exploded_header_rows_with_spans)
{
    CHECK_EXPLODED("STT|Nội dung|Năm hiện hành 2025|Năm 2026\n"
                   "Kế hoạch|Ước thực hiện\n"
                   "1|2|3|4|5\n"
                   "1|GRDP|8,00|8,00|10,00\n",
                   "\nSau bảng.\n",
                   "STT | Nội dung | Năm hiện hành 2025 | Năm 2026\n"
                   "Kế hoạch | Ước thực hiện\n"
                   "1 | 2 | 3 | 4 | 5\n"
                   "1 | GRDP | 8,00 | 8,00 | 10,00\n"
                   "Sau bảng.\n");
}

/* A row spanning the table ("A. Cấp tỉnh") before a row of text is a row
 * of its own: only short cells like values join a row across "| |". */
Test(layout, exploded_spanning_row_stays_apart)
{
    CHECK_EXPLODED("TT|Tên thủ tục|Căn cứ|Ghi chú\n"
                   "A. Cấp tỉnh\n"
                   "1|Chấm dứt việc hưởng hỗ trợ phí bảo hiểm nông nghiệp|QĐ 13/2022\n",
                   "\nSau bảng.\n",
                   "TT | Tên thủ tục | Căn cứ | Ghi chú\n"
                   "A. Cấp tỉnh\n"
                   "1 | Chấm dứt việc hưởng hỗ trợ phí bảo hiểm nông nghiệp | QĐ 13/2022\n"
                   "Sau bảng.\n");
}

/* Cells written as blank markup ("** **") are cells, never the gap
 * between rows; a row's number opens its row. */
Test(layout, exploded_blank_markup_cells)
{
    CHECK("|\nA\n|\nB\n|\n1\n|\n2\n|\n|\nTổng thu\n|\n1\n|\n** **\n|\n** **\n|\n|\n"
          "Thu nội địa\n|\n2\n|\n** **\n|\n5\n|\n\nSau bảng.\n",
          "A | B | 1 | 2\nTổng thu | 1\nThu nội địa | 2 |  | 5\nSau bảng.\n");
}

/* Cells of words ("Toàn trình | Một phần") or the next row's number
 * ("28" after row 27) never join a row across "| |": only values do. */
Test(layout, exploded_only_values_join_a_row)
{
    CHECK_EXPLODED("TT|Mã|Tên|Cấp|Hình thức|Ghi chú\n"
                   "Trực tuyến|Trực tiếp\n"
                   "Toàn trình|Một phần\n"
                   "27|1.0001|Cấp phép|Tỉnh|x|\n"
                   "28|1.0002|Gia hạn|Tỉnh|x|Mới\n",
                   "\nSau bảng.\n",
                   "TT | Mã | Tên | Cấp | Hình thức | Ghi chú\n"
                   "Trực tuyến | Trực tiếp\n"
                   "Toàn trình | Một phần\n"
                   "27 | 1.0001 | Cấp phép | Tỉnh | x\n"
                   "28 | 1.0002 | Gia hạn | Tỉnh | x | Mới\n"
                   "Sau bảng.\n");
}

/* A table that starts right after text began inside a cell cut off as
 * text: its first bar closes that cell, so no empty cell opens the row. */
Test(layout, exploded_table_resumed_after_a_long_cell)
{
    CHECK("Nội dung dài\n|\n|\n5\n|\nGiải pháp\n|\n\nSau.\n",
          "Nội dung dài\n5 | Giải pháp\nSau.\n");
}

/* A numbered line cut after its acronym goes on in lower case; a title
 * in capitals stays apart from the line in sentence case after it. */
Test(layout, numbered_acronym_line_joins_its_lower_case_rest)
{
    CHECK("**8. UBND\ncác xã, phường:**\n\n- Chủ trì kiểm tra.\n",
          "8. UBND các xã, phường:\n- Chủ trì kiểm tra.\n");
    CHECK("NGHỊ QUYẾT\nvề tăng cường công tác cán bộ\n",
          "NGHỊ QUYẾT\nvề tăng cường công tác cán bộ\n");
}

/* A scan reads a point's dash as "~": before a letter it is the dash,
 * and it keeps the point off the line before; before a number only
 * where the document's scanner shows the habit ("~200.000" and a lone
 * "~ 5 km" are "about"). */
Test(layout, scanned_tilde_is_a_points_dash)
{
    CHECK("Hỗ trợ các hộ gia đình bị ảnh hưởng\n~ Hướng dẫn người dân sử dụng nước.\n",
          "Hỗ trợ các hộ gia đình bị ảnh hưởng\n- Hướng dẫn người dân sử dụng nước.\n");
    CHECK("Mục tiêu:\n\n~ Đến năm 2030, phủ sóng.\n\n~ 100% các khu công nghệ cao.\n",
          "Mục tiêu:\n- Đến năm 2030, phủ sóng.\n- 100% các khu công nghệ cao.\n");
    CHECK("Quãng đường:\n\n~ 5 km đường đất.\n", "Quãng đường:\n~ 5 km đường đất.\n");
    CHECK("~~Đã bãi bỏ~~\n", "~~Đã bãi bỏ~~\n");
}

/* A point whose letter a scan misread ("©)" for "c)", labels.c puts it
 * back) opens a line in wrapped text as "c)" does: it is not run into
 * the sentence before. */
Test(layout, misread_point_letter_opens_a_line)
{
    S_check_after_paras("b) Thông qua phong trào thi đua, các cấp ủy thực hiện tốt công tác cán bộ.\n"
                        "©) Thi đua thực hiện tốt công tác phòng, chống tham nhũng, lãng phí.\n",
                        "b) Thông qua phong trào thi đua, các cấp ủy thực hiện tốt công tác cán bộ.\n"
                        "©) Thi đua thực hiện tốt công tác phòng, chống tham nhũng, lãng phí.\n");
}

/* A scan puts a full stop after a line's last word ("lương.") and a
 * blank line after a paragraph's first line: a line that ends so, then
 * one that goes on with a word in lower case, is one sentence (labels.c
 * drops the stop). A point's mark in lower case ("b.1)", "b2-") and a
 * stop after an abbreviation ("v.v.") still end the line. */
Test(layout, scanned_stray_stop_before_lower_case_joins)
{
    CHECK("- Hỗ trợ khẩn cấp lương.\n\nthực, thực phẩm, nước uống.\n",
          "- Hỗ trợ khẩn cấp lương. thực, thực phẩm, nước uống.\n");
    CHECK("Tài sản gắn liền với đất.\n\nb.1) Nhà ở.\n\nb2- Kết cấu hạ tầng.\n",
          "Tài sản gắn liền với đất.\nb.1) Nhà ở.\nb2- Kết cấu hạ tầng.\n");
    CHECK("Các giấy tờ, v.v.\n\nvà các tài liệu khác.\n",
          "Các giấy tờ, v.v.\nvà các tài liệu khác.\n");
}

/* ... and so does a word in title case that opens a sentence, the line's
 * first or after ": " or ". " ("nội dung về: Tổng." / "hợp tình hình"):
 * no sentence is one word. A name in title case inside a sentence ("Sở
 * Công." / "trình ...") does not join on that. */
Test(layout, scanned_stray_stop_after_a_one_word_sentence_joins)
{
    CHECK("- Tập trung báo cáo các nội dung về: Tổng.\n\nhợp tình hình thực hiện.\n",
          "- Tập trung báo cáo các nội dung về: Tổng. hợp tình hình thực hiện.\n");
    CHECK("Mở.\n\nrộng dân chủ ở cơ sở.\n", "Mở. rộng dân chủ ở cơ sở.\n");
    CHECK("Giao nhiệm vụ cho Sở Công.\n\ntrình bày tại hội nghị.\n",
          "Giao nhiệm vụ cho Sở Công.\ntrình bày tại hội nghị.\n");
}

/* ... and after an acronym of three letters or more ("Tham mưu UBND." /
 * "tỉnh theo dõi"; labels.c drops the stop): an acronym of two ("TP.")
 * and a line after it in title case stay apart. */
Test(layout, scanned_stray_stop_after_an_acronym_joins)
{
    CHECK("6. Sở Nội vụ: Tham mưu UBND.\n\ntỉnh theo dõi, đôn đốc, hướng dẫn.\n",
          "6. Sở Nội vụ: Tham mưu UBND. tỉnh theo dõi, đôn đốc, hướng dẫn.\n");
    CHECK("Thành phố trực thuộc: TP.\n\nthủ đô và các tỉnh.\n",
          "Thành phố trực thuộc: TP.\nthủ đô và các tỉnh.\n");
    CHECK("Báo cáo gửi UBND.\n\nTỉnh ủy chỉ đạo.\n", "Báo cáo gửi UBND.\nTỉnh ủy chỉ đạo.\n");
}

/* A dash's point of one printed line that ends with a comma goes on
 * after the blank line a scan put there ("- Chủ trì phối hợp UBND
 * tỉnh," / "Sở Công Thương ..."); a point longer than a line, one
 * ended by a full stop, and a line that opens with a number stay apart. */
Test(layout, scanned_short_point_ended_by_a_comma_joins)
{
    CHECK("- Chủ trì phối hợp UBND tỉnh,\n\nSở Công Thương và các cơ quan liên quan tổ chức tiếp nhận.\n",
          "- Chủ trì phối hợp UBND tỉnh, Sở Công Thương và các cơ quan liên quan tổ chức tiếp nhận.\n");
    CHECK("- Khi nộp hồ sơ tại cơ quan theo hình thức quy định tại các điểm (1), (2) và (3) thì người "
          "yêu cầu đăng ký được lựa chọn nộp bản sao giấy tờ,\n\nViệc nộp hồ sơ không áp dụng.\n",
          "- Khi nộp hồ sơ tại cơ quan theo hình thức quy định tại các điểm (1), (2) và (3) thì người "
          "yêu cầu đăng ký được lựa chọn nộp bản sao giấy tờ,\nViệc nộp hồ sơ không áp dụng.\n");
    CHECK("- Chủ trì phối hợp UBND tỉnh.\n\nSở Công Thương tổ chức tiếp nhận.\n",
          "- Chủ trì phối hợp UBND tỉnh.\nSở Công Thương tổ chức tiếp nhận.\n");
    CHECK("- Các xã, phường,\n\n2025 là năm đầu tiên.\n",
          "- Các xã, phường,\n2025 là năm đầu tiên.\n");
}

/* A paragraph of one printed line that ends with the first word of an
 * agency's name after a word in lower case ("phối với Bộ") goes on with
 * the name a scan set apart ("Tài chính và ..."). A place ("Hải Phòng"),
 * "các Sở", a long paragraph, and a next line opened by a word only a
 * sentence's start writes with a capital ("trực thuộc Bộ" / "Thực hiện
 * ...", where "thực hiện" stands in the text) stay apart. */
Test(layout, scanned_line_ended_by_a_name_head_joins_the_name)
{
    CHECK("Giao Bộ Giáo dục và Đào tạo chủ trì, phối với Bộ\n\n"
          "Tài chính và các cơ quan liên quan rà soát.\n",
          "Giao Bộ Giáo dục và Đào tạo chủ trì, phối với Bộ "
          "Tài chính và các cơ quan liên quan rà soát.\n");
    CHECK("Ông sinh ra tại thành phố Hải Phòng\n\nTrước năm 2011, công tác tại Quân đoàn 1.\n",
          "Ông sinh ra tại thành phố Hải Phòng\nTrước năm 2011, công tác tại Quân đoàn 1.\n");
    CHECK("Trách nhiệm của các Sở\n\nTài chính là đầu mối.\n",
          "Trách nhiệm của các Sở\nTài chính là đầu mối.\n");
    CHECK("Kính gửi các cơ sở đào tạo trực thuộc Bộ\n\n"
          "Thực hiện Thông báo số 460/TB-VPCP, Bộ đề nghị các cơ sở thực hiện ngay.\n",
          "Kính gửi các cơ sở đào tạo trực thuộc Bộ\n"
          "Thực hiện Thông báo số 460/TB-VPCP, Bộ đề nghị các cơ sở thực hiện ngay.\n");
}

/* ... asked of at most 64 such lines a text (S_sentence_word reads the
 * whole text): past them, the line after is taken to open a sentence and
 * stays apart, and a text of such lines stays linear. */
Test(layout, name_head_join_asks_a_bounded_number_of_times)
{
    const char *pin = "Giao Sở Y tế chủ trì, phối với Bộ\n\nTài chính rà soát.\n\n";
    char *in = calloc(80, 70), *want = calloc(80, 70), *got;
    int i;
    cr_assert(in && want);
    for (i = 0; i < 70; i++) {
        strcat(in, pin);
        strcat(want, i < 64 ? "Giao Sở Y tế chủ trì, phối với Bộ Tài chính rà soát.\n"
                            : "Giao Sở Y tế chủ trì, phối với Bộ\nTài chính rà soát.\n");
    }
    got = S_norm(in);
    cr_assert_str_eq(got, want);
    free(got);
    free(in);
    free(want);
}

/* A scan reads a speck before a line's first capital as an apostrophe
 * ("'Tập trung", "'Tổ quốc" after a wrap): it goes. A line quoted with
 * apostrophes keeps both, and one before a lower-case letter stays. */
Test(layout, scanned_apostrophe_before_a_line_capital_dropped)
{
    CHECK("Nghị quyết về công tác cán bộ.\n\n'Tập trung nâng cao chất lượng quy hoạch.\n",
          "Nghị quyết về công tác cán bộ.\nTập trung nâng cao chất lượng quy hoạch.\n");
    CHECK("Ủy ban Mặt trận\n'Tổ quốc Việt Nam tỉnh tuyên truyền.\n",
          "Ủy ban Mặt trận\nTổ quốc Việt Nam tỉnh tuyên truyền.\n");
    CHECK("'Vụ việc' cuối cùng chấm dứt.\n\n'n quyết đưa ra.\n",
          "'Vụ việc' cuối cùng chấm dứt.\n'n quyết đưa ra.\n");
}

/* A Roman number whose I a scan read as 1 ("1V.", "V1.") before a heading
 * in capitals opens a line as "IV." does (labels.c puts the number back):
 * it is not run into the sentence before. */
Test(layout, scanned_misread_roman_heading_opens_a_line)
{
    CHECK("5. Tổng hợp, báo cáo, công bố kết quả.\n1V. NHIỆM VỤ CỤ THỂ\n\n"
          "Nhiệm vụ của Ban.\nV1. TỔ CHỨC THỰC HIỆN\n\nCác sở thực hiện.\n",
          "5. Tổng hợp, báo cáo, công bố kết quả.\n1V. NHIỆM VỤ CỤ THỂ\n"
          "Nhiệm vụ của Ban.\nV1. TỔ CHỨC THỰC HIỆN\nCác sở thực hiện.\n");
}

/* A scan reads a point's dash as "~-" too: the "~" goes, and the point
 * opens its line. */
Test(layout, scanned_tilde_before_a_dash_dropped)
{
    CHECK("Thời gian thực hiện: Từ tháng 11/2025.\n\n~- Tổng hợp kết quả kiểm kê.\n",
          "Thời gian thực hiện: Từ tháng 11/2025.\n- Tổng hợp kết quả kiểm kê.\n");
    CHECK("~-~ ngăn cách\n", "~-~ ngăn cách\n");
}

/* A point of one word that opens an agency's name ("+ Sở", "- Bộ") was
 * cut there: a scan sets the rest apart, in title case ("Nông nghiệp và
 * Môi trường: ..."), and it joins. A point of another word may be a
 * heading of its own ("- Gió" / "Nằm trong ..."), and a point after it
 * stays apart. */
Test(layout, scanned_point_of_a_name_head_joins_its_rest)
{
    CHECK("Trong đó:\n\n+ Sở\n\nNông nghiệp và Môi trường: hướng dẫn kiểm kê.\n\n"
          "+Sở\n\nCông Thương: hướng dẫn kiểm kê.\n",
          "Trong đó:\n+ Sở Nông nghiệp và Môi trường: hướng dẫn kiểm kê.\n"
          "+Sở Công Thương: hướng dẫn kiểm kê.\n");
    CHECK("- Gió\n\nNằm trong khu vực gió mùa nên có hai mùa gió:\n",
          "- Gió\nNằm trong khu vực gió mùa nên có hai mùa gió:\n");
    CHECK("- Bộ\n- Ngành\n", "- Bộ\n- Ngành\n");
}

/* A scan reads an item's full stop as a comma ("3, Tổ chức thực hiện
 * ...", labels.c puts it back): in a block of lines with no blank line,
 * such a line after one that ends a sentence opens its own paragraph at
 * any length (S_item takes it only as a short heading). A wrap's "12,
 * Điều 13" and a number after a line cut mid-sentence go on. */
Test(layout, scanned_long_comma_label_after_a_sentence_opens_a_line)
{
    CHECK("Thời gian thực hiện: Thực hiện thường xuyên.\n"
          "3, Tổ chức thực hiện bảo đảm nguyên tắc, đúng quy trình, quy định các nhiệm vụ liên quan\n"
          "đến công tác cán bộ.\n",
          "Thời gian thực hiện: Thực hiện thường xuyên.\n"
          "3, Tổ chức thực hiện bảo đảm nguyên tắc, đúng quy trình, quy định các nhiệm vụ liên quan "
          "đến công tác cán bộ.\n");
    CHECK("Theo quy định tại khoản 2 Điều 11.\n"
          "12, Điều 13 Nghị định số 268/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành\n"
          "một số điều.\n",
          "Theo quy định tại khoản 2 Điều 11. "
          "12, Điều 13 Nghị định số 268/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành "
          "một số điều.\n");
    CHECK("Cùng với các nội dung tại mục\n"
          "3, Tổ chức thực hiện bảo đảm nguyên tắc, đúng quy trình, quy định các nhiệm vụ liên quan\n"
          "đến công tác cán bộ.\n",
          "Cùng với các nội dung tại mục "
          "3, Tổ chức thực hiện bảo đảm nguyên tắc, đúng quy trình, quy định các nhiệm vụ liên quan "
          "đến công tác cán bộ.\n");
}

/* A scan reads the "|" lines of a table exploded one cell per line as
 * "l", "I" or "Ị", with blank lines about them: where the document has
 * bars already, such a line next to a blank one is a bar; and in a
 * document so read, blank lines between bars close together are the
 * scan's, and go: the rows come out as they were typed. A typed table's
 * cell "I" (no blank line beside it), its blank lines when no bar was
 * misread, and a document with no bars keep theirs. */
Test(layout, scanned_exploded_table_bars_read_as_glyphs)
{
    const char *want = "Bảng phân công:\nTT | Nhiệm vụ | Cơ quan chủ trì\n"
                       "1 | Tổ chức điều chỉnh quy hoạch | Sở Xây dựng\n"
                       "2 | Khảo sát, đánh giá thực trạng | Sở Công Thương\n";
    CHECK("Bảng phân công:\n|\nTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n\n|\n|\n1\n|\n"
          "Tổ chức điều chỉnh quy hoạch\n|\n\nSở Xây dựng\n|\n\n|\n2\n|\n"
          "Khảo sát, đánh giá thực trạng\n|\nSở Công Thương\n|\n",
          "Bảng phân công:\nTT | Nhiệm vụ\nCơ quan chủ trì\n"
          " | 1 | Tổ chức điều chỉnh quy hoạch\nSở Xây dựng\n"
          "2 | Khảo sát, đánh giá thực trạng | Sở Công Thương\n");
    CHECK("Bảng phân công:\n|\nTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n\nl\n|\n1\n|\n"
          "Tổ chức điều chỉnh quy hoạch\nI\n\nSở Xây dựng\n|\n\nỊ\n2\n|\n"
          "Khảo sát, đánh giá thực trạng\n|\nSở Công Thương\n|\n",
          want);
    CHECK("Bảng:\n|\nTT\n|\nLoại\n|\n|\nI\n|\nTrồng cây hàng năm\n|\n",
          "Bảng:\nTT | Loại\nI | Trồng cây hàng năm\n");
    CHECK("Danh sách:\n\nI\n\nSở Xây dựng\n\nl\n", "Danh sách:\nI\nSở Xây dựng l\n");
}

/* A wrap (a scan's or a typed one) cuts a document number after its '-'
 * or '/' ("179-QĐ/" / "TW, ngày", "19-" / "NQ/TW", "2021-" / "2025"):
 * the parts join with no space. A dash after a space ("Sở Tài chính -")
 * and a word in lower case after the cut ("động/" / "nghìn") are no
 * number's. */
Test(layout, wrapped_document_number_joins_with_no_space)
{
    CHECK("Thực hiện Quy định số 179-QĐ/\nTW, ngày 25/02/2013 và Nghị quyết số 19-\n"
          "NQ/TW về ANCT-\nTTATXH. Giai đoạn 2021-\n2025 và các năm tiếp theo; số lao động/\n"
          "nghìn dân.\n",
          "Thực hiện Quy định số 179-QĐ/TW, ngày 25/02/2013 và Nghị quyết số 19-NQ/TW về "
          "ANCT-TTATXH. Giai đoạn 2021-2025 và các năm tiếp theo; số lao động/ nghìn dân.\n");
    CHECK("Quyết định số 30/2025/QĐ-\n\nUBND ngày 30/9/2025 của UBND tỉnh.\n",
          "Quyết định số 30/2025/QĐ-UBND ngày 30/9/2025 của UBND tỉnh.\n");
}

/* A number's word at a line's end ("số", "ngày", "Khoản") and the number
 * opening the next line are one phrase, across a scan's blank line too;
 * a numbered item after such a word still starts its own line, and so
 * does a date after a count of days. */
Test(layout, number_word_and_its_number_join)
{
    CHECK("Căn cứ Thông tư số\n\n06/2022/TT-BTTTT ngày 30 tháng 6 năm 2022;\n\n"
          "Căn cứ Kế hoạch số 12-KH/TW, ngày\n\n28/11/2022 của Bộ Chính trị;\n\n"
          "Thực hiện theo Khoản\n\n1 Điều 7 Nghị định này.\n",
          "Căn cứ Thông tư số 06/2022/TT-BTTTT ngày 30 tháng 6 năm 2022;\n"
          "Căn cứ Kế hoạch số 12-KH/TW, ngày 28/11/2022 của Bộ Chính trị;\n"
          "Thực hiện theo Khoản 1 Điều 7 Nghị định này.\n");
    CHECK("Các nhiệm vụ theo thứ tự số\n\n1. Rà soát văn bản.\n",
          "Các nhiệm vụ theo thứ tự số\n1. Rà soát văn bản.\n");
    /* "Dân số" / "1400" is an infobox's key and value */
    CHECK("Diện tích\n12 km²\nDân số\n1400\nMật độ\n", "Diện tích\n12 km²\nDân số\n1400\nMật độ\n");
    /* "353 ngày" counts days: the date after it is another entry */
    CHECK("Ngày mất\nThọ 26 năm, 353 ngày\n19 tháng 4 năm 1931\nNơi an táng\n",
          "Ngày mất\nThọ 26 năm, 353 ngày\n19 tháng 4 năm 1931\nNơi an táng\n");
    CHECK("Ngày mất\nHưởng lương từ ngày\n19 tháng 4 năm 1931\nNơi an táng\n",
          "Ngày mất\nHưởng lương từ ngày 19 tháng 4 năm 1931\nNơi an táng\n");
    CHECK("Theo Nghị quyết số 174/2024/QH15 ngày\n\n30/11/2024 của Quốc hội.\n",
          "Theo Nghị quyết số 174/2024/QH15 ngày 30/11/2024 của Quốc hội.\n");
}
