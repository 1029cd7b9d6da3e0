/* test_target.c: targets found in plan-like text, with exact fields.
 * The sentences are written for these tests in the style of provincial
 * plans; none is copied from the corpus. */
#include <criterion/criterion.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nqx.h"
#include "../extractor/ext.h"
#include "fixture_util.h"
#include "fx_grammar.h"

static nqx_doc *S_d;

static nqx_text *S_t; /* S_run_doc's normalized text */

static void S_free(void)
{
    fx_drop(&S_d, &S_t);
    fx_grammar_unload();
}

/* Run the target finder on text read line by line (no outline given). */
static void S_run(const char *text)
{
    nqx_error e;
    nqx_doc_free(S_d);
    S_d = calloc(1, sizeof *S_d);
    cr_assert_not_null(S_d);
    cr_assert_eq(nqx_ext_targets(S_g, text, strlen(text), S_d, &e), NQX_OK,
                 "%s", e.msg);
}

/* The k-th target (0-based) whose text holds anchor: targets of one
 * clause share its text, in document order. */
static const nqx_record *S_find(const char *anchor, int k)
{
    size_t i;
    for (i = 0; i < S_d->nrecords; i++)
        if (S_d->records[i].kind == NQX_TARGET &&
            strstr(S_d->records[i].text, anchor) && k-- == 0)
            return &S_d->records[i];
    cr_assert_fail("no target %s", anchor);
    return NULL;
}

static void S_check(const char *anchor, int k, const char *cmp, double lo,
                    double hi, const char *unit, const char *deadline, int asp)
{
    const nqx_record *r = S_find(anchor, k);
    cr_expect_str_eq(r->comparator, cmp, "%s: comparator", anchor);
    cr_expect(fabs(r->low - lo) < 1e-9, "%s: low %g", anchor, r->low);
    cr_expect(fabs(r->high - hi) < 1e-9, "%s: high %g", anchor, r->high);
    cr_expect_str_eq(r->unit, unit, "%s: unit", anchor);
    if (deadline)
        cr_expect(r->deadline && strcmp(r->deadline, deadline) == 0,
                  "%s: deadline %s, want %s", anchor,
                  r->deadline ? r->deadline : "null", deadline);
    else
        cr_expect_null(r->deadline, "%s: deadline %s", anchor, r->deadline);
    cr_expect_eq(r->aspirational, asp, "%s: aspirational", anchor);
}

static size_t S_count(void)
{
    size_t i, n = 0;
    for (i = 0; i < S_d->nrecords; i++)
        n += S_d->records[i].kind == NQX_TARGET;
    return n;
}

TestSuite(target, .init = fx_grammar_load, .fini = S_free);

static const char S_plan[] =
    "II. MỤC TIÊU, CHỈ TIÊU\n"
    "\n"
    "2. Chỉ tiêu cụ thể\n"
    "\n"
    "2.1. Đến năm 2027\n"
    "\n"
    "- Cấp huyện:\n"
    "\n"
    "(1) 90% công chức cấp huyện có trình độ đại học trở lên; 100% trưởng "
    "phòng có trình độ cao cấp lý luận chính trị.\n"
    "\n"
    "(2) Phấn đấu tỷ lệ nữ trong ban chấp hành từ 22% trở lên; ban thường vụ "
    "có 2 - 3 cán bộ nữ.\n"
    "\n"
    "(3) Tốc độ tăng trưởng kinh tế bình quân đạt 8 - 8,5%/năm.\n"
    "\n"
    "(4) Kim ngạch xuất khẩu đạt 1,5 tỷ USD; trồng mới 1.200 ha rừng sản xuất.\n"
    "\n"
    "2.2. Đến năm 2030\n"
    "\n"
    "(1) Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm; khoảng trên 500 ha cây ăn quả.\n"
    "\n"
    "(2) Tỷ lệ đô thị hóa khoảng 45 - 50%; năm 2024 đạt 38%.\n"
    "\n"
    "(3) Thời gian giữ một chức vụ không quá 10 năm; cán bộ dưới 35 tuổi "
    "chiếm 15%.\n"
    "\n"
    "III. NHIỆM VỤ, GIẢI PHÁP\n"
    "\n"
    "1. Tổng kinh phí dự kiến 7.080 tỷ đồng, trong đó ngân sách tỉnh 1.200 "
    "tỷ đồng.\n"
    "\n"
    "2. Sau 10 năm thực hiện Nghị quyết số 26-NQ/TU, toàn tỉnh có 145 xã đạt "
    "chuẩn nông thôn mới.\n"
    "\n"
    "3. Hằng năm, phấn đấu 100% cơ quan, đơn vị hoàn thành kế hoạch; ít nhất "
    "80% đảng viên được bồi dưỡng.\n";

Test(target, plan_values_units_comparators)
{
    S_run(S_plan);
    cr_expect_eq(S_count(), 14);
    S_check("90% công chức", 0, "=", 90, 90, "%", "2027", 0);
    S_check("100% trưởng phòng", 0, "=", 100, 100, "%", "2027", 0);
    S_check("từ 22% trở lên", 0, ">=", 22, 22, "%", "2027", 1);
    S_check("2 - 3 cán bộ nữ", 0, "range", 2, 3, "cán bộ", "2027", 1);
    S_check("8 - 8,5%/năm", 0, "range", 8, 8.5, "%/năm", "2027", 0);
    S_check("1,5 tỷ USD", 0, "=", 1.5, 1.5, "tỷ USD", "2027", 0);
    S_check("1.200 ha", 0, "=", 1200, 1200, "ha", "2027", 0);
    S_check("giảm bình quân", 0, "=", 1.5, 1.5, "%/năm", "2030", 0);
    S_check("khoảng trên 500 ha", 0, ">", 500, 500, "ha", "2030", 0);
    S_check("khoảng 45 - 50%", 0, "range", 45, 50, "%", "2030", 0);
    S_check("không quá 10 năm", 0, "<=", 10, 10, "năm", "2030", 0);
    S_check("chiếm 15%", 0, "=", 15, 15, "%", "2030", 0);
    S_check("100% cơ quan", 0, "=", 100, 100, "%", "R/P1Y", 1);
    S_check("ít nhất 80%", 0, ">=", 80, 80, "%", "R/P1Y", 1);
}

Test(target, plan_text_span_section_scope)
{
    const nqx_record *r;
    const char *anchor = "90% công chức";
    S_run(S_plan);
    r = S_find(anchor, 0);
    /* the item's first clause keeps its label */
    cr_expect_str_eq(r->text, "(1) 90% công chức cấp huyện có trình độ đại học trở lên");
    cr_expect_eq(r->end - r->start, strlen(r->text));
    cr_expect_eq(memcmp(S_plan + r->start, r->text, strlen(r->text)), 0);
    cr_expect_str_eq(r->section, "II.2.1.(1)");
    cr_expect_str_eq(r->scope, "cấp huyện");
    cr_expect_str_eq(r->metric, "công chức cấp huyện có trình độ đại học trở lên");
    cr_expect_str_eq(S_find("từ 22% trở lên", 0)->metric, "tỷ lệ nữ trong ban chấp hành");
    cr_expect_str_eq(S_find("khoảng 45 - 50%", 0)->metric, "Tỷ lệ đô thị hóa");
}

Test(target, non_targets_produce_nothing)
{
    size_t i;
    S_run(S_plan);
    for (i = 0; i < S_d->nrecords; i++) {
        const char *t = S_d->records[i].text;
        cr_expect_null(strstr(t, "7.080"), "budget read as target: %s", t);
        cr_expect_null(strstr(t, "145 xã"), "present count read as target: %s", t);
        cr_expect(S_d->records[i].low != 38, "baseline read as target: %s", t);
        cr_expect(S_d->records[i].low != 35, "qualifier read as target: %s", t);
    }
}

Test(target, deadlines_inside_clauses)
{
    S_run("I. MỤC TIÊU\n"
          "- Đến năm 2026 có 60% xã đạt chuẩn, đến năm 2028 đạt 80%; tỷ lệ che "
          "phủ rừng đạt 65%.\n"
          "- 100% thôn có nhà văn hóa, duy trì hằng năm, phấn đấu tỷ lệ hộ dùng "
          "nước sạch từ 98% trở lên.\n"
          "- Tỷ lệ lao động qua đào tạo đạt 75% vào năm 2029.\n");
    cr_expect_eq(S_count(), 6);
    S_check("60% xã", 0, "=", 60, 60, "%", "2026", 0);
    S_check("đạt 80%", 1, "=", 80, 80, "%", "2028", 0);
    S_check("che phủ rừng", 0, "=", 65, 65, "%", "2026", 0);
    S_check("100% thôn", 0, "=", 100, 100, "%", "R/P1Y", 0);
    S_check("từ 98% trở lên", 1, ">=", 98, 98, "%", NULL, 1);
    S_check("75% vào năm 2029", 0, "=", 75, 75, "%", "2029", 0);
}

Test(target, outside_goal_sections_needs_a_cue)
{
    S_run("I. TÌNH HÌNH\n"
          "Năm 2023, tỷ lệ hộ nghèo đạt 3,2%, có 45% xã đạt chuẩn.\n"
          "III. NHIỆM VỤ, GIẢI PHÁP\n"
          "1. Tiếp tục rà soát, phấn đấu trên 70% xã có điểm bưu điện văn hóa.\n"
          "2. Quy mô dân số đạt 1,2 triệu người, diện tích 500 ha.\n"
          "3. Thời gian luân chuyển phải bảo đảm tối thiểu 03 năm.\n");
    cr_expect_eq(S_count(), 2);
    S_check("trên 70% xã", 0, ">", 70, 70, "%", NULL, 1);
    S_check("tối thiểu 03 năm", 0, ">=", 3, 3, "năm", NULL, 0);
}

/* A sentence that introduces goals ("... các chỉ tiêu chủ yếu ..., cụ
 * thể:", tg_goal_leadin) makes its whole list goals, the fifteenth item
 * too, and after a list of its own; not a later list with its own
 * lead-in sentence; a period's goals ("mục tiêu cụ thể giai đoạn 2026-2030 ... như
 * sau:") are due in it. */
Test(target, goal_leadin_sentence_governs_its_list)
{
    S_run("Theo đó, mục tiêu tổng quát như sau:\n"
          "- Ưu tiên thúc đẩy tăng trưởng.\n"
          "Căn cứ tại Điều 2 Nghị quyết nêu rõ các chỉ tiêu chủ yếu về Kế hoạch năm 2026, cụ thể:\n"
          "(1) Tốc độ tăng năng suất lao động bình quân khoảng 8,5%.\n"
          "(2) Tỷ lệ số 2.\n(3) Tỷ lệ số 3.\n(4) Tỷ lệ số 4.\n(5) Tỷ lệ số 5.\n"
          "(6) Tỷ lệ số 6.\n(7) Tỷ lệ số 7.\n(8) Tỷ lệ số 8.\n(9) Tỷ lệ số 9.\n"
          "(10) Tỷ lệ số 10.\n(11) Tỷ lệ số 11.\n(12) Tỷ lệ số 12.\n"
          "(13) Tỷ lệ tham gia bảo hiểm y tế đạt 95,5%.\n"
          "(14) Tỷ lệ thất nghiệp ở khu vực thành thị dưới 4%.\n");
    cr_expect_eq(S_count(), 3);
    S_check("khoảng 8,5%", 0, "~", 8.5, 8.5, "%", NULL, 0);
    S_check("đạt 95,5%", 0, "=", 95.5, 95.5, "%", NULL, 0);
    S_check("dưới 4%", 0, "<", 4, 4, "%", NULL, 0);

    /* a later list with a lead-in sentence of its own is not the goals' */
    S_run("Mục tiêu cụ thể đến năm 2030 như sau:\n"
          "- Phấn đấu 100% trẻ em được nuôi dưỡng.\n"
          "Nhiệm vụ và quyền hạn của cơ sở giáo dục được quy định tại Điều 3 như sau:\n"
          "- Xây dựng kế hoạch thực hiện chương trình giáo dục.\n"
          "- Tổ chức việc giáo dục trẻ em từ 03 tháng tuổi đến 06 tuổi.\n");
    cr_expect_eq(S_count(), 1);
    S_check("Phấn đấu 100%", 0, "=", 100, 100, "%", "2030", 1);

    S_run("Theo đó, mục tiêu cụ thể giai đoạn 2026-2030 của chương trình như sau:\n"
          "- Đối với trẻ em\n"
          "+ Tại địa bàn đô thị: phấn đấu 100% trẻ em được nuôi dưỡng.\n");
    cr_expect_eq(S_count(), 1);
    S_check("phấn đấu 100%", 0, "=", 100, 100, "%", "2026/2030", 1);
}

/* An index has no unit: a decimal right after a comparator word is a
 * target ("HDI đạt trên 0,8", "Gini dưới 0,35"); without the comparator,
 * or a whole number, it is not. */
Test(target, unitless_index_values)
{
    S_run("Mục tiêu đến năm 2030:\n"
          "- Chỉ số HDI đạt trên 0,8, trong đó chỉ số bất bình đẳng giảm xuống dưới 10%.\n"
          "- Hệ số Gini dưới 0,35.\n"
          "- Chỉ số năng lực cạnh tranh đạt 15,5.\n"
          "- Xếp hạng chỉ số đổi mới trên 40.\n");
    cr_expect_eq(S_count(), 3);
    S_check("trên 0,8", 0, ">", 0.8, 0.8, "", "2030", 0);
    S_check("trên 0,8", 1, "<", 10, 10, "%", "2030", 0);
    S_check("Gini", 0, "<", 0.35, 0.35, "", "2030", 0);
}

/* "35%, trong đó có ít nhất 6.000 nghiên cứu sinh": the breakdown after
 * a share's comma is a goal of its own, not the share's qualifier; "100%
 * các khu ... có tối thiểu 1 trạm" still is one. */
Test(target, breakdown_after_a_share)
{
    S_run("Mục tiêu đến năm 2030:\n"
          "- Tỉ lệ người học đạt ít nhất 35%, trong đó có ít nhất 6.000 nghiên cứu sinh.\n"
          "- Phấn đấu 100% các khu công nghiệp có tối thiểu 1 trạm.\n");
    cr_expect_eq(S_count(), 3);
    S_check("35%", 0, ">=", 35, 35, "%", "2030", 0);
    S_check("35%", 1, ">=", 6000, 6000, "nghiên cứu sinh", "2030", 0);
    S_check("100% các khu", 0, "=", 100, 100, "%", "2030", 1);
}

Test(target, stacked_comparators_and_numbers)
{
    S_run("II. CHỈ TIÊU\n"
          "(1) Tối đa không quá 05 năm; không dưới 2.500 lao động.\n"
          "(2) Ít nhất vào năm 2025 đạt 40% doanh nghiệp; khoảng 60-70% hộ.\n"
          "(3) Giảm tỷ lệ nợ đọng dưới 2%; 12 - 15 dự án.\n"
          "(4) Tỷ lệ bao phủ bảo hiểm y tế ≥ 95%; năng suất lao động tăng 1,5 lần.\n");
    S_check("không quá 05 năm", 0, "<=", 5, 5, "năm", NULL, 0);
    S_check("2.500 lao động", 0, ">=", 2500, 2500, "lao động", NULL, 0);
    S_check("40% doanh nghiệp", 0, ">=", 40, 40, "%", "2025", 0);
    S_check("60-70% hộ", 0, "range", 60, 70, "%", "2025", 0);
    S_check("dưới 2%", 0, "<", 2, 2, "%", NULL, 0);
    S_check("12 - 15 dự án", 0, "range", 12, 15, "dự án", NULL, 0);
    S_check("≥ 95%", 0, ">=", 95, 95, "%", NULL, 0);
    S_check("tăng 1,5 lần", 0, "=", 1.5, 1.5, "lần", NULL, 0);
}

Test(target, footnotes_and_markup)
{
    S_run("II. MỤC TIÊU\n"
          "a) **Phấn đấu** có trên 30% cán bộ nữ<sup>2</sup>.\n"
          "² Hiện đang có 04/12 cán bộ nữ, chiếm 33%.\n");
    cr_expect_eq(S_count(), 1);
    S_check("trên 30%", 0, ">", 30, 30, "%", NULL, 1);
}

Test(target, table_cells_are_targets)
{
    const nqx_record *r;
    S_run("II. CHỈ TIÊU CHỦ YẾU\n"
          "| TT | Chỉ tiêu | Đơn vị tính | Ước thực hiện 2025 | Năm 2026 | Năm 2030 |\n"
          "|---|---|---|---|---|---|\n"
          "| 1 | Tỷ lệ hộ nghèo đa chiều | % | 4,1 | 3,5 | ≤ 2 |\n"
          "| 2 | Thu nhập bình quân đầu người | triệu đồng | 68 | 75 | 100 - 110 |\n"
          "3 | Số xã đạt chuẩn nông thôn mới | xã | 20 | 24 | trên 30\n"
          "Ghi chú: số liệu năm 2025 là ước tính.\n"
          "| 4 | Dòng không thuộc bảng | % | 1 | 2 | 3 |\n");
    cr_expect_eq(S_count(), 6);
    S_check("Tỷ lệ hộ nghèo", 0, "=", 3.5, 3.5, "%", "2026", 0);
    S_check("Tỷ lệ hộ nghèo", 1, "<=", 2, 2, "%", "2030", 0);
    S_check("Thu nhập bình quân", 0, "=", 75, 75, "triệu đồng", "2026", 0);
    S_check("Thu nhập bình quân", 1, "range", 100, 110, "triệu đồng", "2030", 0);
    S_check("nông thôn mới", 1, ">", 30, 30, "xã", "2030", 0);
    r = S_find("nông thôn mới", 0);
    cr_expect_str_eq(r->metric, "Số xã đạt chuẩn nông thôn mới");
    cr_expect_str_eq(r->text, "3 | Số xã đạt chuẩn nông thôn mới | xã | 20 | 24 | trên 30");
}

Test(target, task_tables_are_not_target_tables)
{
    S_run("IV. TỔ CHỨC THỰC HIỆN\n"
          "| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n"
          "| 1 | Ban hành kế hoạch | Sở Nội vụ | Quý II/2026 |\n"
          "| 2 | Tổng kết 5 năm | Sở Tài chính | 2030 |\n");
    cr_expect_eq(S_count(), 0);
}

Test(target, tables_without_goal_context_are_not_target_tables)
{
    S_run("| Lịch | Năm 2024 |\n"
          "| Lịch Ethiopia | 2016 - 2017 |\n"
          "| Tỉnh | Dân số năm 2024 | Diện tích năm 2024 |\n"
          "| Bắc Ninh | 1.500 | 822 |\n"
          "| Chỉ số | Đơn vị | Năm 2026 |\n"
          "| Số trang | trang | 166 |\n");
    cr_expect_eq(S_count(), 0);
}

/* A present or past section is one whose heading starts with such words,
 * at any level; words later in a heading ("TIÊU CHÍ ĐÁNH GIÁ") do not make
 * one, and the section ends at the next heading of its level. */
Test(target, present_sections_by_heading_start)
{
    S_run("1. Về đánh giá kết quả triển khai năm 2024\n"
          "(1) Đến nay, 100% trường học đã kết nối mạng diện rộng.\n"
          "(2) Tỷ lệ hồ sơ trực tuyến bảo đảm 92% tổng số hồ sơ.\n"
          "2. Nhiệm vụ trọng tâm năm 2026\n"
          "(1) Phấn đấu 95% hồ sơ được xử lý trực tuyến.\n"
          "IV. NỘI DUNG, TIÊU CHÍ ĐÁNH GIÁ VÀ KHEN THƯỞNG\n"
          "1. Nội dung\n"
          "Các chỉ tiêu cần đạt như sau:\n"
          "(1) 100% hộ kinh doanh được hướng dẫn thanh toán điện tử;\n"
          "(2) Ít nhất 60% hộ kinh doanh mở tài khoản thanh toán.\n");
    cr_expect_eq(S_count(), 3);
    S_check("95% hồ sơ", 0, "=", 95, 95, "%", NULL, 1);
    S_check("(1) 100% hộ kinh doanh", 0, "=", 100, 100, "%", NULL, 0);
    S_check("(2) Ít nhất 60%", 0, ">=", 60, 60, "%", NULL, 0);
}

/* A comparator written once before a list of quantities covers the list;
 * quantities may be written in words. */
Test(target, shared_comparators_and_number_words)
{
    S_run("II. CHỈ TIÊU\n"
          "(1) Số người được khen thưởng không quá 15% tập thể, 8% cá nhân "
          "tham gia.\n"
          "(2) Mỗi đơn vị kiểm tra ít nhất hai lần/năm; tối đa mười hai lần / năm.\n"
          "(3) Có ít nhất hai mươi lăm cán bộ; tỷ lệ nữ đạt 30%, 20% là dân "
          "tộc thiểu số.\n"
          "(4) Bố trí một cán bộ chuyên trách.\n");
    cr_expect_eq(S_count(), 7);
    S_check("15% tập thể", 0, "<=", 15, 15, "%", NULL, 0);
    S_check("15% tập thể", 1, "<=", 8, 8, "%", NULL, 0);
    S_check("hai lần/năm", 0, ">=", 2, 2, "lần/năm", NULL, 0);
    S_check("mười hai lần", 0, "<=", 12, 12, "lần / năm", NULL, 0);
    S_check("hai mươi lăm", 0, ">=", 25, 25, "cán bộ", NULL, 0);
    S_check("đạt 30%", 0, "=", 30, 30, "%", NULL, 0);
    S_check("đạt 30%", 1, "=", 20, 20, "%", NULL, 0);
}

/* A time at the end of a long first clause belongs to that work, not to
 * the quantities of the item's later clauses. */
Test(target, late_time_in_first_clause_is_not_the_items)
{
    S_run("III. NHIỆM VỤ\n"
          "- Xây dựng và trình phê duyệt kế hoạch bảo trì hệ thống máy chủ, "
          "sao lưu dữ liệu và bảo đảm an toàn thông tin mạng hằng năm; "
          "trong đó kiểm tra khả năng phục hồi tối thiểu 02 lần/năm.\n");
    cr_expect_eq(S_count(), 1);
    S_check("02 lần/năm", 0, ">=", 2, 2, "lần/năm", NULL, 0);
}

/* An allowance paid monthly sets no time for the target that counts it. */
Test(target, monthly_allowance_is_no_deadline)
{
    S_run("II. MỤC TIÊU\n"
          "(1) 100% người nhận phụ cấp ưu đãi hằng tháng được chi trả qua tài "
          "khoản.\n");
    cr_expect_eq(S_count(), 1);
    S_check("100% người", 0, "=", 100, 100, "%", NULL, 0);
}

/* In a plan's task section, an item that opens with a percentage of a
 * population and a goal verb is a target; a present fact is not. */
Test(target, items_opening_with_a_share_are_goals)
{
    S_run("III. NHIỆM VỤ, GIẢI PHÁP\n"
          "1. Tuyên truyền, vận động\n"
          "- 100% hộ gia đình trên địa bàn được hướng dẫn phân loại rác tại nguồn;\n"
          "- Ít nhất 75% tiểu thương chợ truyền thống mở tài khoản thanh toán.\n"
          "- 100% các xã đã hoàn thành kế hoạch năm trước.\n"
          "- Tổ chức 12 hội nghị tập huấn cho cán bộ.\n");
    cr_expect_eq(S_count(), 2);
    S_check("100% hộ gia đình", 0, "=", 100, 100, "%", NULL, 0);
    S_check("Ít nhất 75%", 0, ">=", 75, 75, "%", NULL, 0);
}

/* Scoring rules and the conditions of a rating are not goals. */
Test(target, scoring_rules_and_rating_criteria)
{
    S_run("II. CHỈ TIÊU THI ĐUA\n"
          "1. Tỷ lệ hộ tham gia đạt từ 90% trở lên được cộng 10 điểm.\n"
          "2. Xếp loại\n"
          "Đơn vị bị xếp loại không hoàn thành khi có một trong các tiêu chí sau:\n"
          "a) Có trên 40% chỉ tiêu không đạt;\n"
          "b) Ít nhất 30% hồ sơ bị trả lại.\n");
    cr_expect_eq(S_count(), 0);
}

/* A list writes its comparator once, or once per item; a verb between
 * two quantities makes two statements. */
Test(target, list_comparators_written_once_or_per_item)
{
    S_run("II. MỤC TIÊU\n"
          "(1) Nâng mức hỗ trợ lên tối thiểu 60% cho hộ nghèo, tối thiểu 40% "
          "cho hộ cận nghèo, 20% cho hộ mới thoát nghèo.\n"
          "(2) Phấn đấu 100% trạm y tế và ít nhất 85% phòng khám đạt chuẩn, "
          "15% phòng khám có bác sĩ gia đình.\n"
          "(3) Tối thiểu 25% xã miền núi và 30% xã đồng bằng có chợ văn minh.\n");
    S_check("tối thiểu 60%", 0, ">=", 60, 60, "%", NULL, 0);
    S_check("tối thiểu 60%", 1, ">=", 40, 40, "%", NULL, 0);
    S_check("tối thiểu 60%", 2, "=", 20, 20, "%", NULL, 0);
    S_check("100% trạm y tế", 0, "=", 100, 100, "%", NULL, 1);
    S_check("100% trạm y tế", 1, ">=", 85, 85, "%", NULL, 1);
    S_check("100% trạm y tế", 2, "=", 15, 15, "%", NULL, 1);
    S_check("25% xã miền núi", 0, ">=", 25, 25, "%", NULL, 0);
    S_check("25% xã miền núi", 1, ">=", 30, 30, "%", NULL, 0);
}

/* The population a share counts is its scope: "trợ cấp xã hội" names no
 * level, and a count word before the population is not part of it. */
Test(target, scope_of_a_share)
{
    S_run("II. MỤC TIÊU\n"
          "(1) 95% số người hưởng trợ cấp xã hội hằng tháng chưa có tài khoản "
          "được hướng dẫn mở tài khoản.\n"
          "(2) 100% các thôn, bản tổ chức ra quân vệ sinh môi trường.\n");
    cr_expect_eq(S_count(), 2);
    cr_expect_str_eq(S_find("95%", 0)->scope, "người hưởng trợ cấp xã hội hằng tháng");
    cr_expect_str_eq(S_find("100% các thôn", 0)->scope, "các thôn, bản");
    S_check("95%", 0, "=", 95, 95, "%", NULL, 0);
}

/* Counted nouns come from a word list, several words long where the noun
 * is ("trường hợp", "hộ gia đình"); a quota per number of nouns keeps its
 * rate; technical rates and short time limits are no goals. */
Test(target, counted_nouns_from_the_lexicon)
{
    S_run("II. MỤC TIÊU\n"
          "- Phấn đấu tiếp nhận tối thiểu 12 trường hợp đủ điều kiện.\n"
          "- Hỗ trợ ít nhất 150 hộ gia đình bị ảnh hưởng.\n"
          "- Xây mới 04 trạm phát sóng tại các cụm công nghiệp.\n"
          "- Mỗi cơ sở chọn 01 cá nhân/01 tổ để biểu dương.\n"
          "- Bồi dưỡng cán bộ dưới 40 tuổi theo 8 Chương trình công tác.\n"
          "- Công suất lò đốt tối thiểu 100 tấn/ngày đêm.\n"
          "- Trả lời kiến nghị trong thời hạn không quá 05 ngày làm việc.\n");
    cr_expect_eq(S_count(), 4);
    S_check("12 trường hợp", 0, ">=", 12, 12, "trường hợp", NULL, 1);
    S_check("150 hộ gia đình", 0, ">=", 150, 150, "hộ gia đình", NULL, 0);
    S_check("04 trạm", 0, "=", 4, 4, "trạm phát sóng", NULL, 0);
    S_check("01 cá nhân/01 tổ", 0, "=", 1, 1, "cá nhân/01 tổ", NULL, 0);
}

/* Routes, rounds and scientists are counted nouns too; a chainage
 * ("Km41+550 tuyến ĐT.520") is a place on a road, no count. */
Test(target, routes_rounds_and_chainages)
{
    S_run("II. MỤC TIÊU\n"
          "Đến năm 2030, cơ bản hoàn thành các mục tiêu cụ thể sau:\n"
          "- Doanh nghiệp tư nhân sở hữu thêm tối thiểu 04 tuyến cáp quang biển quốc tế.\n"
          "- Phấn đấu thu hút được ít nhất 100 nhà khoa học tham gia giảng dạy.\n"
          "- Tổ chức tối thiểu 02 đợt tập huấn cho cán bộ.\n"
          "- Bảo đảm giao thông tại Km41+550 tuyến ĐT.520 khi có mưa, lũ.\n");
    cr_expect_eq(S_count(), 3);
    S_check("04 tuyến", 0, ">=", 4, 4, "tuyến", "2030", 0);
    S_check("100 nhà khoa học", 0, ">=", 100, 100, "nhà khoa học", "2030", 1);
    S_check("02 đợt", 0, ">=", 2, 2, "đợt", "2030", 0);
}

/* A lead-in that names the goals by their strategy's name ("mục tiêu
 * Chiến lược ... đến năm 2030 như sau:") gives them its horizon, through
 * nested bullets; not the end of a period nor a time a narrower clause
 * replaces (there no time is read: "năm học 2025 - 2026" is not one). */
Test(target, horizon_of_a_named_strategy_lead_in)
{
    S_run("Mục tiêu Chiến lược đến năm 2030?\n"
          "Tại tiểu mục 3 Mục II Nghị quyết 36-NQ/TW năm 2018 xác định mục tiêu Chiến lược "
          "phát triển bền vững kinh tế biển Việt Nam đến năm 2030, tầm nhìn đến năm 2045 như sau:\n"
          "- Mục tiêu cụ thể\n"
          "+ Về kinh tế biển: Các ngành kinh tế thuần biển đóng góp khoảng 10% GDP cả nước.\n"
          "+ Tối thiểu 50% diện tích vùng biển được điều tra cơ bản tài nguyên.\n"
          "Căn cứ mục tiêu của Đề án giai đoạn từ năm 2025 đến năm 2030, trong đó, đối với "
          "năm học 2025 - 2026, phấn đấu:\n"
          "- 100% học sinh được học Tin học quốc tế.\n");
    cr_expect_eq(S_count(), 3);
    S_check("khoảng 10%", 0, "~", 10, 10, "%", "2030", 0);
    S_check("Tối thiểu 50%", 0, ">=", 50, 50, "%", "2030", 0);
    S_check("100% học sinh", 0, "=", 100, 100, "%", NULL, 1);
}

/* A question sets no figure: a Q&A page's title, a quiz's question; the
 * quoted answer under it does. */
Test(target, questions_set_no_goal)
{
    S_run("Mục tiêu đến năm 2030 phải thu hút được 02 doanh nghiệp công nghệ hàng đầu "
          "thế giới đầu tư trung tâm dữ liệu tại Việt Nam phải không?\n"
          "Câu 29: Theo Nghị quyết 71-NQ/TW, mục tiêu về số cơ sở giáo dục đại học thuộc "
          "nhóm 200 đại học hàng đầu châu Á là ít nhất bao nhiêu?\n"
          "Tại Mục I Điều 1 Quyết định 2161/QĐ-TTg, mục tiêu cụ thể như sau:\n"
          "- Thu hút ít nhất 02 doanh nghiệp công nghệ hàng đầu thế giới đầu tư trung tâm dữ liệu.\n");
    cr_expect_eq(S_count(), 1);
    S_check("Thu hút ít nhất", 0, ">=", 2, 2, "doanh nghiệp", NULL, 0);
}

/* What has already passed a figure reports it: "đã vượt", "đã tăng",
 * "đã giảm", like "đã đạt". */
Test(target, already_passed_is_a_result)
{
    S_run("II. MỤC TIÊU\n"
          "- Chi phí sinh hoạt tối thiểu ở vùng đô thị đã vượt 4,5 đến 5 triệu đồng/người/tháng.\n"
          "- Số hộ nghèo đã giảm ít nhất 1.200 hộ so với năm 2020.\n"
          "- Phấn đấu giảm tối thiểu 1.000 hộ nghèo.\n");
    cr_expect_eq(S_count(), 1);
    S_check("1.000 hộ", 0, ">=", 1000, 1000, "hộ", NULL, 1);
}

/* A quiz's answer options are choices, not goals; a list under a line
 * that asks nothing is not a quiz. */
Test(target, quiz_answer_options)
{
    S_run("Câu 14: Theo Nghị quyết 71-NQ/TW, tỷ lệ chi đầu tư cho giáo dục là tối thiểu bao nhiêu?\n"
          "A. Chi đầu tư đạt ít nhất 10% tổng chi ngân sách nhà nước\n"
          "B. Chi đầu tư đạt ít nhất 6% tổng chi ngân sách nhà nước\n"
          "C. Chi đầu tư đạt ít nhất 5% tổng chi ngân sách nhà nước\n"
          "D. Chi đầu tư đạt ít nhất 8% tổng chi ngân sách nhà nước\n"
          "II. MỤC TIÊU\n"
          "A. Tỷ lệ xã đạt chuẩn nông thôn mới đạt ít nhất 80%.\n"
          "B. Tỷ lệ che phủ rừng đạt tối thiểu 42%.\n");
    cr_expect_eq(S_count(), 2);
    S_check("80%", 0, ">=", 80, 80, "%", NULL, 0);
    S_check("42%", 0, ">=", 42, 42, "%", NULL, 0);
}

/* A cut or a rise that a clause opens with sets its new value; the old
 * value and a reported change are no goals. */
Test(target, cuts_take_the_new_value)
{
    S_run("1. Nội dung đơn giản hóa\n"
          "Giảm thời gian giải quyết thủ tục từ 15 ngày làm việc còn 12 ngày làm "
          "việc kể từ ngày nhận đủ hồ sơ.\n"
          "- Rút ngắn thời gian cấp phép: từ 20 ngày xuống còn 16 ngày.\n"
          "- Nâng tỷ lệ hồ sơ trực tuyến từ 40% lên 65%.\n"
          "2. Lợi ích của phương án\n"
          "Sau hai lần sáp nhập, số thôn giảm từ 420 xuống còn 310 thôn.\n"
          "- Chi phí tiết kiệm: 1.500.000 đồng/năm; tỷ lệ cắt giảm chi phí: 12%.\n");
    cr_expect_eq(S_count(), 3);
    S_check("còn 12 ngày", 0, "=", 12, 12, "ngày làm việc", NULL, 0);
    S_check("còn 16 ngày", 0, "=", 16, 16, "ngày", NULL, 0);
    S_check("lên 65%", 0, "=", 65, 65, "%", NULL, 0);
}

/* A "phấn đấu ...:" lead-in over a section makes its listed counts goals
 * ("metric: N unit", a breakdown in brackets too), aspired to and due in
 * the lead-in's time; present counts and a count inside a share's
 * predicate are not. */
Test(target, counts_listed_under_an_aspiring_lead_in)
{
    S_run("II. NỘI DUNG\n"
          "1. Hiện trạng\n"
          "Hiện nay, các cụm công nghiệp của tỉnh có tổng cộng 64 trạm, trong đó có 9 trạm 5G.\n"
          "2. Lộ trình phát triển\n"
          "Trong giai đoạn 2027 - 2031, phấn đấu mở rộng mạng lưới cáp quang, cụ thể như sau:\n"
          "2.1. Hạ tầng truyền dẫn\n"
          "- Kéo cáp quang đến các cụm công nghiệp:\n"
          "+ Lắp mới tủ cáp: 40 trạm (Trong đó: Đơn vị A: 15 trạm, Đơn vị B: 25 trạm);\n"
          "+ Nâng cấp thiết bị đầu cuối: 12 trạm.\n"
          "3. Mục tiêu chung\n"
          "- 100% cụm công nghiệp có ít nhất 2 tuyến cáp quang dự phòng.\n");
    cr_expect_eq(S_count(), 5);
    S_check("Lắp mới tủ cáp", 0, "=", 40, 40, "trạm", "2027/2031", 1);
    S_check("Lắp mới tủ cáp", 1, "=", 15, 15, "trạm", "2027/2031", 1);
    S_check("Lắp mới tủ cáp", 2, "=", 25, 25, "trạm", "2027/2031", 1);
    S_check("Nâng cấp thiết bị", 0, "=", 12, 12, "trạm", "2027/2031", 1);
    S_check("100% cụm", 0, "=", 100, 100, "%", NULL, 0);
}

/* Under a heading over quotas, each allotted count is a goal: caps,
 * "N unit/N body" and "Mỗi X chọn N"; whom a plan serves first and the
 * conditions of an award are not. */
Test(target, quotas_priorities_and_award_conditions)
{
    S_run("III. TIÊU CHUẨN KHEN THƯỞNG\n"
          "- Tặng cho các xã đạt các tiêu chuẩn sau:\n"
          "+ Có tỷ lệ hộ tham gia đạt từ 95% trở lên.\n"
          "IV. SỐ LƯỢNG ĐỀ NGHỊ KHEN THƯỞNG\n"
          "- Hội đồng phối hợp liên ngành: Không quá 04 cá nhân;\n"
          "- Tổ công tác liên ngành: 01 cá nhân/01 tổ;\n"
          "- Mỗi phường chọn 03 trường hợp (tập thể hoặc cá nhân).\n"
          "V. TỔ CHỨC THỰC HIỆN\n"
          "Bảo đảm hàng đến đúng đối tượng, ưu tiên 25 thôn bị chia cắt.\n");
    cr_expect_eq(S_count(), 3);
    S_check("Hội đồng phối hợp", 0, "<=", 4, 4, "cá nhân", NULL, 0);
    S_check("01 cá nhân/01 tổ", 0, "=", 1, 1, "cá nhân/01 tổ", NULL, 0);
    S_check("Mỗi phường chọn", 0, "=", 3, 3, "trường hợp", NULL, 0);
}

/* Is every match of qt_quantity in s[0..n) at a byte that
 * nqx_ext_qty_start offers? Walks the candidates as target.c does and
 * returns the number of matches checked. */
static size_t S_starts_cover(const nqx_qty_words *qw, const char *s, size_t n)
{
    const nqx_pattern *p = nqx_gram_pattern(S_g, "qt_quantity");
    size_t ov[2], from = 0, st = 0, next = 0, checked = 0;
    cr_assert_not_null(p);
    while (from < n && nqx_gram_match(p, s, n, from, ov, 1) > 0) {
        /* the candidates from the last one up to the match */
        while (st < ov[0] && st < n)
            st = nqx_ext_qty_start(qw, s, next, n, &next);
        cr_expect_eq(st, ov[0], "qt_quantity matches \"%s\" at %zu, the scan "
                     "offers %zu", s, ov[0], st);
        checked++;
        from = ov[0] + 1;
        while (from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
            from++;
    }
    return checked;
}

/* The scan that spares qt_quantity in prose: every @match example's
 * matches start where it offers, from the lexicon qt_number_words. */
Test(target, quantity_scan_covers_examples)
{
    const nqx_pattern *p = nqx_gram_pattern(S_g, "qt_quantity");
    nqx_qty_words qw;
    const char *ex;
    size_t j, checked = 0;
    int must;
    nqx_ext_qty_words(nqx_gram_lexicon(S_g, "qt_number_words"), &qw);
    cr_assert_eq(qw.every, 0, "qt_number_words is not usable by the scan");
    for (j = 0; (ex = nqx_gram_example(p, j, &must)); j++)
        if (must)
            checked += S_starts_cover(&qw, ex, strlen(ex));
    cr_expect_geq(checked, 11);
    /* a word that no key folds to is not offered; a key, in any case */
    cr_expect_eq(nqx_ext_qty_start(&qw, "các cán bộ", 0, 14, &j), 14);
    cr_expect_eq(nqx_ext_qty_start(&qw, "có HAI cán bộ", 0, 15, &j), 4);
    cr_expect_eq(j, 7);
    cr_expect_eq(nqx_ext_qty_start(&qw, "năm 2025", 0, 9, &j), 0);
    cr_expect_eq(nqx_ext_qty_start(&qw, "x 2025", 2, 6, &j), 2);
    cr_expect_eq(j, 6);
}

/* Every word of every grammar file (the number words of qt_quantity's own
 * source among them), as written, in lower, upper and title case, before
 * a counted noun and before "mươi": wherever qt_quantity matches, the scan
 * offers the match's start. A number word added to the pattern and not to
 * qt_number_words fails here. */
Test(target, quantity_scan_covers_grammar_words)
{
    char path[4096], *text = NULL;
    nqx_qty_words qw;
    glob_t gl;
    size_t f, nwords = 0, checked = 0;
    nqx_ext_qty_words(nqx_gram_lexicon(S_g, "qt_number_words"), &qw);
    cr_assert_eq(qw.every, 0);
    snprintf(path, sizeof path, "%s/*.pcre", nqx_gram_default_dir());
    cr_assert_eq(glob(path, 0, NULL, &gl), 0, "%s", path);
    cr_assert_geq(gl.gl_pathc, 9);
    for (f = 0; f < gl.gl_pathc; f++) {
        FILE *fp;
        long len;
        size_t i = 0;
        fp = fopen(gl.gl_pathv[f], "rb");
        cr_assert_not_null(fp, "%s", gl.gl_pathv[f]);
        fseek(fp, 0, SEEK_END);
        len = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        text = realloc(text, (size_t)len + 1);
        cr_assert_not_null(text);
        cr_assert_eq(fread(text, 1, (size_t)len, fp), (size_t)len);
        text[len] = '\0';
        fclose(fp);
        while (i < (size_t)len) { /* each run of letters is a word */
            size_t ws = i, k;
            utf8proc_int32_t c;
            utf8proc_ssize_t w;
            while (i < (size_t)len &&
                   (w = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                         (utf8proc_ssize_t)len - (utf8proc_ssize_t)i, &c)) > 0 &&
                   utf8proc_category(c) >= UTF8PROC_CATEGORY_LU &&
                   utf8proc_category(c) <= UTF8PROC_CATEGORY_LO)
                i += (size_t)w;
            if (i == ws) {
                i++;
                continue;
            }
            nwords++;
            for (k = 0; k < 4; k++) { /* as written, lower, upper, title */
                char word[256], buf[600];
                size_t o = 0, a = ws;
                int first = 1;
                if (i - ws >= 60)
                    break;
                while (a < i) {
                    w = utf8proc_iterate((const utf8proc_uint8_t *)text + a,
                                         (utf8proc_ssize_t)(i - a), &c);
                    if (k == 1 || (k == 3 && !first))
                        c = utf8proc_tolower(c);
                    else if (k == 2 || (k == 3 && first))
                        c = utf8proc_toupper(c);
                    o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)word + o);
                    a += (size_t)w;
                    first = 0;
                }
                word[o] = '\0';
                snprintf(buf, sizeof buf, "đạt %s người", word);
                checked += S_starts_cover(&qw, buf, strlen(buf));
                snprintf(buf, sizeof buf, "(%s mươi lăm người", word);
                checked += S_starts_cover(&qw, buf, strlen(buf));
            }
        }
    }
    free(text);
    globfree(&gl);
    /* the number words themselves matched: một ... mười, each form */
    cr_expect_gt(nwords, 1000);
    cr_expect_gt(checked, 40);
}

/* A header cell over two sub-header cells spans them (crawled tables
 * lose the spans): the present year's two columns are baselines, each
 * year after is a deadline; rows under a group ("Cơ cấu kinh tế") open
 * with an empty cell, keep their unit and name the group in their
 * metric; a line between rows ("Trong đó:") does not end the table; the
 * row numbering the columns is no data. */
Test(target, table_two_row_header_with_spans)
{
    S_run("II. DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU\n"
          "STT | Nội dung | Đơn vị tính | Năm hiện hành 2025 | Năm 2026 | Năm 2027\n"
          "Kế hoạch | Ước thực hiện\n"
          "1 | 2 | 3 | 4 | 5 | 6 | 7\n"
          "1 | Tốc độ tăng trưởng GRDP | % | 8,00 | 8,00 | 10,00 | 10,5\n"
          "2 | Cơ cấu kinh tế\n"
          " | - Dịch vụ | % | 36,49 | 36,49 | 37,30 | 38,14\n"
          " | - Thuế sản phẩm | % |  |  | 4,19 | 4,07\n"
          "Trong đó:\n"
          " | + Thuế nhập khẩu | Tỷ đồng | 2.940 | 6.080 | 6.740\n");
    cr_expect_eq(S_count(), 7);
    S_check("Tốc độ tăng trưởng", 0, "=", 10, 10, "%", "2026", 0);
    S_check("Tốc độ tăng trưởng", 1, "=", 10.5, 10.5, "%", "2027", 0);
    S_check("Dịch vụ", 0, "=", 37.3, 37.3, "%", "2026", 0);
    S_check("Dịch vụ", 1, "=", 38.14, 38.14, "%", "2027", 0);
    S_check("Thuế sản phẩm", 0, "=", 4.19, 4.19, "%", "2026", 0);
    S_check("Thuế sản phẩm", 1, "=", 4.07, 4.07, "%", "2027", 0);
    S_check("Thuế nhập khẩu", 0, "=", 6740, 6740, "tỷ đồng", "2026", 0);
    cr_expect_str_eq(S_find("Dịch vụ", 0)->metric, "Cơ cấu kinh tế: Dịch vụ");
    cr_expect_str_eq(S_find("Thuế nhập khẩu", 0)->metric, "Thuế sản phẩm: Thuế nhập khẩu");
    cr_expect_str_eq(S_find("Tốc độ tăng trưởng", 0)->metric, "Tốc độ tăng trưởng GRDP");
}

/* Sub-header cells that name years belong under the header cell that
 * names none ("Kế hoạch giai đoạn" over "2026 | 2030"). */
Test(target, table_years_in_the_sub_header)
{
    S_run("II. CHỈ TIÊU CHỦ YẾU\n"
          "TT | Chỉ tiêu | ĐVT | Thực hiện 2025 | Kế hoạch giai đoạn\n"
          "Năm 2026 | Năm 2030\n"
          "1 | Tỷ lệ đô thị hóa | % | 40 | 42 | 50\n");
    cr_expect_eq(S_count(), 2);
    S_check("đô thị hóa", 0, "=", 42, 42, "%", "2026", 0);
    S_check("đô thị hóa", 1, "=", 50, 50, "%", "2030", 0);
}

/* Budgets are not targets, even in a table of years under goal words. */
Test(target, budget_tables_are_not_target_tables)
{
    S_run("II. DỰ BÁO CÁC CHỈ TIÊU, KHUNG CÂN ĐỐI NGÂN SÁCH\n"
          "STT | Nội dung | Năm hiện hành 2025 | Dự kiến 03 năm kế hoạch\n"
          "Dự toán TTg giao | Đánh giá thực hiện | Năm 2026 | Năm 2027\n"
          "A | B | 1 | 2 | 3 | 4\n"
          "I | Thu nội địa | 10.052.700 | 11.080.000 | 11.132.000 | 13.000.000\n");
    cr_expect_eq(S_count(), 0);
}

/* The row numbering the columns may skip hidden columns and leave cells
 * empty: it is no data row. */
Test(target, column_number_row_with_gaps_is_no_data)
{
    S_run("II. CHỈ TIÊU CHỦ YẾU\n"
          "Chỉ tiêu | Mã số | Năm 2024 | Năm 2025\n"
          "A | B |  | 1 | 2 | 4 | 6\n");
    cr_expect_eq(S_count(), 0);
}

/* Spans padded with empty cells: every cell stands in its column, a
 * sub cell under the header cell left of it. */
Test(target, table_padded_spans)
{
    S_run("II. CHỈ TIÊU CHỦ YẾU\n"
          "| STT | Chỉ tiêu | ĐVT | Năm 2025 |  | Kế hoạch 2026 - 2030 |  |\n"
          "|  |  |  | Kế hoạch | Ước thực hiện | 2026 | 2030 |\n"
          "| 1 | Tỷ lệ đô thị hóa | % | 40 | 41 | 42 | 50 |\n");
    cr_expect_eq(S_count(), 3);
    S_check("đô thị hóa", 0, "=", 40, 40, "%", "2025", 0);
    S_check("đô thị hóa", 1, "=", 42, 42, "%", "2026", 0);
    S_check("đô thị hóa", 2, "=", 50, 50, "%", "2030", 0);
}

/* Of two periods, the plan's (not the one done) spans the years below. */
Test(target, table_sub_years_under_the_plan_period)
{
    S_run("II. CHỈ TIÊU CHỦ YẾU\n"
          "TT | Chỉ tiêu | ĐVT | Thực hiện 2021 - 2025 | Kế hoạch 2026 - 2030\n"
          "Năm 2026 | Năm 2027 | Năm 2030\n"
          "1 | Tỷ lệ đô thị hóa | % | 40 | 42 | 45 | 50\n");
    cr_expect_eq(S_count(), 3);
    S_check("đô thị hóa", 0, "=", 42, 42, "%", "2026", 0);
    S_check("đô thị hóa", 2, "=", 50, 50, "%", "2030", 0);
}

/* A computed column ("4=3/2") in the row numbering the columns. */
Test(target, column_number_row_with_a_formula)
{
    S_run("II. CHỈ TIÊU CHỦ YẾU\n"
          "STT | Chỉ tiêu | ĐVT | Năm hiện hành 2025 | Năm 2026 | So sánh (%)\n"
          "Kế hoạch | Ước thực hiện\n"
          "A | B | C | 1 | 2 | 3 | 4=3/2\n"
          "1 | Giá trị sản xuất | Tỷ đồng | 100 | 110 | 120 | 109\n");
    cr_expect_eq(S_count(), 1);
    S_check("Giá trị sản xuất", 0, "=", 120, 120, "tỷ đồng", "2026", 0);
}

/* A metric ends in a letter whose last UTF-8 byte is also a byte of a
 * punctuation mark the metric is trimmed of ("ờ" E1 BB 9D and "”" E2 80
 * 9D; "ồ" E1 BB 93 and "–" E2 80 93): the letter stays whole. */
Test(target, metric_trim_keeps_letters_whole)
{
    S_run("II. MỤC TIÊU\n"
          "1. Đến năm 2027, tỷ lệ hồ sơ giải quyết trực tuyến không cần giấy tờ: 80%.\n"
          "2. Đến năm 2027, số xã có bản đồ: 100%.\n");
    cr_assert_eq(S_count(), 2);
    cr_expect_str_eq(S_find("giấy tờ", 0)->metric,
                     "tỷ lệ hồ sơ giải quyết trực tuyến không cần giấy tờ");
    cr_expect_str_eq(S_find("bản đồ", 0)->metric, "số xã có bản đồ");
}

/* A scale word before a counted noun heads the unit, as in "1,5 tỷ USD";
 * "tỉ" is the other spelling of "tỷ". */
Test(target, scale_word_before_a_counted_noun)
{
    S_run("II. MỤC TIÊU\n"
          "1. Đến năm 2030, phấn đấu có 2 triệu doanh nghiệp hoạt động trong nền kinh tế.\n"
          "2. Đến năm 2030, quy mô GDP đạt khoảng 500 tỉ đô la Mỹ.\n");
    cr_assert_eq(S_count(), 2);
    S_check("2 triệu doanh nghiệp", 0, "=", 2, 2, "triệu doanh nghiệp", "2030", 1);
    S_check("500 tỉ đô la Mỹ", 0, "~", 500, 500, "tỉ đô la mỹ", "2030", 0);
}

/* The year a metric names before the clause's first quantity is its
 * deadline; a year after a quantity is that quantity's; a referenced
 * document's date is none. */
Test(target, year_named_by_the_metric)
{
    S_run("II. MỤC TIÊU\n"
          "1. Phấn đấu tổng mức bán lẻ hàng hóa năm 2025 tăng khoảng 12% trở lên.\n"
          "2. Phấn đấu giá trị sản xuất tăng 10% so với năm 2020.\n");
    cr_assert_eq(S_count(), 2);
    S_check("bán lẻ", 0, ">=", 12, 12, "%", "2025", 1);
    cr_expect_null(S_find("so với năm 2020", 0)->deadline);
}

/* Money per person or per year is a goal when it is to be reached, not
 * when a policy pays it; a breakdown with its own "đạt" is a goal too. */
Test(target, money_rates_and_breakdowns)
{
    S_run("II. MỤC TIÊU\n"
          "1. Thu nhập bình quân đầu người đạt 75 triệu đồng/người/năm.\n"
          "2. Mức hỗ trợ tối đa 13 triệu đồng/hộ/năm.\n"
          "3. Đến năm 2030, tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.\n");
    cr_assert_eq(S_count(), 3);
    S_check("75 triệu đồng", 0, "=", 75, 75, "triệu đồng/người/năm", NULL, 0);
    S_check("lao động qua đào tạo", 0, "=", 75, 75, "%", "2030", 0);
    S_check("lao động qua đào tạo", 1, "=", 35, 35, "%", "2030", 0);
}

/* A list of goals introduced by a sentence (a web page quoting a plan,
 * "... mục tiêu ... đến năm 2030 như sau:"), not a heading, is due in the
 * horizon that sentence names; a sentence without goals or chỉ tiêu
 * gives its list nothing. */
Test(target, goals_listed_after_a_sentence_with_their_horizon)
{
    S_run("Theo tiểu mục 1 Mục II Nghị quyết nêu rõ mục tiêu phát triển kinh tế tư nhân đến năm 2030 như sau:\n"
          "- Có ít nhất 20 doanh nghiệp lớn tham gia chuỗi giá trị toàn cầu.\n"
          "- Tốc độ tăng trưởng đạt khoảng 10 - 12%/năm.\n"
          "Kế hoạch được thực hiện trong năm 2026 với các nội dung:\n"
          "- Bảo đảm 100% hồ sơ được giải quyết đúng hạn.\n");
    cr_expect_eq(S_count(), 3);
    S_check("Có ít nhất 20", 0, ">=", 20, 20, "doanh nghiệp", "2030", 0);
    S_check("Tốc độ tăng trưởng", 0, "range", 10, 12, "%/năm", "2030", 0);
    S_check("Bảo đảm 100%", 0, "=", 100, 100, "%", NULL, 0);
}

/* An item that opens with its time, then a share of a population; a
 * second share with its own later time ("... và đạt tỷ lệ 100% vào năm
 * 2035"); a comparator before a list of shares whose nouns end with a
 * number ("học sinh lớp 5, 65% học sinh lớp 9 và 75% ..."). */
Test(target, opening_time_own_later_time_and_listed_shares)
{
    S_run("II. MỤC TIÊU CỤ THỂ\n"
          "- Tăng cường bồi dưỡng cho giáo viên\n"
          "+ Đến năm 2030, 70% cán bộ quản lý, giáo viên được bồi dưỡng nâng cao năng lực và đạt tỷ lệ 95% vào năm 2035.\n"
          "+ Đến năm 2030, tối thiểu 55% học sinh lớp 5, 65% học sinh lớp 9 và 75% học sinh lớp 12 biết bơi an toàn.\n");
    cr_expect_eq(S_count(), 5);
    S_check("+ Đến năm 2030, 70%", 0, "=", 70, 70, "%", "2030", 0);
    S_check("+ Đến năm 2030, 70%", 1, "=", 95, 95, "%", "2035", 0);
    S_check("tối thiểu 55%", 0, ">=", 55, 55, "%", "2030", 0);
    S_check("tối thiểu 55%", 1, ">=", 65, 65, "%", "2030", 0);
    S_check("tối thiểu 55%", 2, ">=", 75, 75, "%", "2030", 0);
}

/* The year a quantity's own words name right after it is its deadline
 * ("... 15 - 20% năm 2030 và 65 - 70% năm 2045", "giải ngân đạt 100% kế
 * hoạch vốn năm 2025"); a year before 2000 there is a baseline. */
Test(target, year_named_after_the_quantity)
{
    S_run("II. MỤC TIÊU\n"
          "- Tỷ trọng năng lượng tái tạo đạt 15 - 20% năm 2030 và 65 - 70% năm 2045.\n"
          "- Phấn đấu giải ngân đạt 100% kế hoạch vốn đầu tư công năm 2025.\n"
          "- Phấn đấu tỷ lệ hộ nghèo dưới 2% so với mức hơn 60% năm 1986.\n");
    S_check("Tỷ trọng năng lượng", 0, "range", 15, 20, "%", "2030", 0);
    S_check("Tỷ trọng năng lượng", 1, "range", 65, 70, "%", "2045", 0);
    S_check("Phấn đấu giải ngân", 0, "=", 100, 100, "%", "2025", 1);
    S_check("Phấn đấu tỷ lệ hộ nghèo", 0, "<", 2, 2, "%", NULL, 1);
}

/* A floor said by negation: none below N is each at least N. */
Test(target, negated_floor)
{
    S_run("II. MỤC TIÊU\n"
          "- Đến năm 2030, ít nhất 85% người trong độ tuổi hoàn thành cấp trung học phổ thông, không có tỉnh, thành phố đạt dưới 60%.\n"
          "- Tỷ lệ hộ nghèo giảm còn dưới 2%.\n"
          "- Phấn đấu người không có hợp đồng lao động có thu nhập không quá 15 triệu đồng.\n");
    cr_expect_eq(S_count(), 4);
    S_check("- Phấn đấu người không có", 0, "<=", 15, 15, "triệu đồng", NULL, 1);
    S_check("- Đến năm 2030", 1, ">=", 60, 60, "%", "2030", 0);
    S_check("- Tỷ lệ hộ nghèo", 0, "<", 2, 2, "%", NULL, 0);
}

/* Countries are a goal only as a rank ("thuộc nhóm 3 nước đứng đầu
 * ASEAN"); a count of them is a fact ("có ít nhất 132 quốc gia ..."). */
Test(target, country_rank)
{
    S_run("II. MỤC TIÊU\n"
          "- Đến năm 2030, năng lực đổi mới sáng tạo thuộc nhóm 3 nước đứng đầu ASEAN.\n"
          "- Đến năm 2045, đứng vào nhóm 20 quốc gia hàng đầu thế giới.\n"
          "- Phấn đấu hợp tác với ít nhất 30 quốc gia.\n");
    cr_expect_eq(S_count(), 2);
    S_check("- Đến năm 2030", 0, "=", 3, 3, "nước", "2030", 0);
    S_check("- Đến năm 2045", 0, "=", 20, 20, "quốc gia", "2045", 0);
}

/* A rate per population keeps its denominator in the unit ("bác
 * sĩ/vạn dân"); words between the noun and "/" say which ones and stay
 * out of it ("doanh nghiệp hoạt động/nghìn dân" -> "doanh nghiệp/nghìn
 * dân"). */
Test(target, rate_per_population)
{
    S_run("II. MỤC TIÊU\n"
          "- Đến năm 2030, đạt 15 bác sĩ/vạn dân.\n"
          "- Đến năm 2030, có 20 doanh nghiệp hoạt động/nghìn dân.\n"
          "- Đến năm 2030, đạt 12 người /1 vạn dân.\n");
    cr_expect_eq(S_count(), 3);
    S_check("- Đến năm 2030, đạt 15", 0, "=", 15, 15, "bác sĩ/vạn dân", "2030", 0);
    S_check("- Đến năm 2030, có 20", 0, "=", 20, 20, "doanh nghiệp/nghìn dân", "2030", 0);
    S_check("- Đến năm 2030, đạt 12", 0, "=", 12, 12, "người/1 vạn dân", "2030", 0);
}

/* An aspiration in the middle of a sentence governs the ";" clauses after
 * it, with its time, up to the sentence's end; not the clauses before it
 * nor the next sentence. */
Test(target, aspiration_governs_later_clauses)
{
    S_run("II. NHIỆM VỤ\n"
          "2. Doanh nghiệp\n"
          "Năm 2024 đạt 7%; phấn đấu đến năm 2045 có ít nhất 3 triệu doanh nghiệp; "
          "đóng góp khoảng trên 60% GDP. Thu ngân sách đạt 5.000 tỷ đồng.\n");
    cr_expect_eq(S_count(), 2);
    S_check("phấn đấu đến năm 2045", 0, ">=", 3, 3, "triệu doanh nghiệp", "2045", 1);
    S_check("đóng góp khoảng", 0, ">", 60, 60, "%", "2045", 1);
}

/* "vượt" before the goal it exceeds, the goal's value in brackets after
 * it, is above that value; naming the goal's value with "là" in a
 * report is no comparator. */
Test(target, exceed_named_goal)
{
    S_run("II. NHIỆM VỤ\n"
          "1. Năm 2026, phấn đấu tăng trưởng GRDP vượt mục tiêu Trung ương giao (9%).\n"
          "2. Phấn đấu năm 2026 tăng trưởng đạt mục tiêu Trung ương giao (9%).\n");
    cr_expect_eq(S_count(), 2);
    S_check("1. Năm 2026", 0, ">", 9, 9, "%", "2026", 1);
    S_check("2. Phấn đấu", 0, "=", 9, 9, "%", "2026", 1);
}

/* The whole pipeline (normalizer, metadata, outline, then targets):
 * for rules that read the document's metadata. */
static void S_run_doc(const char *text)
{
    fx_drop(&S_d, &S_t);
    S_d = fx_extract_text(S_g, "test", text, strlen(text), &S_t);
}

/* After a share and a comma, a metric with its own "đạt" is a goal of
 * its own, with the year it names (the share's too); a bare figure
 * of a design after the comma ("mật độ xây dựng khoảng 40%, diện tích
 * sàn xây dựng khoảng 5.600 m2") stays read as the share's qualifier. */
Test(target, second_metric_after_comma)
{
    S_run_doc("KẾ HOẠCH\n\nCăn cứ Nghị quyết số 12/2026/NQ-HĐND;\n\n"
              "II. MỤC TIÊU, CHỈ TIÊU\n\n"
              "1. Tốc độ tăng GRDP đạt 8% trở lên, quy mô GRDP năm 2027 đạt khoảng "
              "trên 20 tỉ đô la Mỹ.\n\n"
              "2. Mật độ xây dựng khoảng 40%, diện tích sàn xây dựng khoảng 5.600 m2.\n");
    /* item 2 is a design's parameters (tg_x_zoning): neither a goal */
    cr_expect_eq(S_count(), 2);
    S_check("1. Tốc độ", 0, ">=", 8, 8, "%", "2027", 0);
    S_check("1. Tốc độ", 1, ">", 20, 20, "tỉ đô la mỹ", "2027", 0);
}

/* The document's title, and a closing that names the document by it,
 * restate the body's goal: no target of their own. */
Test(target, title_restated)
{
    S_run_doc("NGHỊ QUYẾT\n\n"
              "Về Kế hoạch phát triển kinh tế - xã hội năm 2027 với mục tiêu tăng trưởng đạt 9% trở lên\n\n"
              "Căn cứ Nghị quyết số 12/2026/NQ-HĐND;\n\n"
              "Điều 1. Mục tiêu, chỉ tiêu\n\n"
              "1. Tốc độ tăng GRDP đạt 9% trở lên.\n\n"
              "Điều 2. Tổ chức thực hiện\n\n"
              "Hội đồng nhân dân tỉnh kêu gọi nhân dân thực hiện thành công Kế hoạch phát triển "
              "kinh tế - xã hội năm 2027 với mục tiêu tăng trưởng đạt 9% trở lên.\n");
    cr_expect_eq(S_count(), 1);
    S_check("1. Tốc độ", 0, ">=", 9, 9, "%", NULL, 0);
}

/* A slash between two counted nouns says either: the unit keeps both;
 * a yield per area too; a rate per time stays a technical figure. */
Test(target, either_noun)
{
    S_run("II. NHIỆM VỤ\n"
          "1. Mỗi xã phấn đấu có ít nhất 02 công trình/dự án khởi công.\n"
          "2. Phấn đấu năng suất lúa đạt tối thiểu 6,5 tấn/ha.\n"
          "3. Phấn đấu công suất xử lý tối thiểu 50 tấn/ngày.\n");
    cr_expect_eq(S_count(), 2);
    S_check("1. Mỗi xã", 0, ">=", 2, 2, "công trình/dự án", NULL, 1);
    S_check("2. Phấn đấu", 0, ">=", 6.5, 6.5, "tấn/ha", NULL, 1);
}

/* "đại học" is a counted noun; the size of the ranked group the counted
 * ones belong to is no goal, a rank with no count before it is. */
Test(target, ranked_group)
{
    S_run("II. MỤC TIÊU\n"
          "- Phấn đấu ít nhất 3 đại học thuộc nhóm 200 đại học hàng đầu châu Á.\n"
          "- Đến năm 2030, thuộc nhóm 4 nước dẫn đầu ASEAN về chính phủ số.\n");
    cr_expect_eq(S_count(), 2);
    S_check("- Phấn đấu", 0, ">=", 3, 3, "đại học", NULL, 1);
    S_check("- Đến năm 2030", 0, "=", 4, 4, "nước", "2030", 0);
}

/* A goal named again as the purpose of some work is no new record; a
 * purpose naming a value the document did not set before stays one. */
Test(target, purpose_restated)
{
    S_run("I. MỤC TIÊU\n"
          "1. Hoàn thành đưa vào khai thác trên 500 km đường cao tốc trong năm 2026.\n"
          "II. NHIỆM VỤ\n"
          "1. Bộ Xây dựng đẩy nhanh tiến độ, góp phần hoàn thành mục tiêu 500 km đường cao tốc.\n"
          "2. Các địa phương bảo đảm mục tiêu có ít nhất 20 km đường ven biển.\n");
    cr_expect_eq(S_count(), 2);
    S_check("1. Hoàn thành", 0, ">", 500, 500, "km", "2026", 0);
    S_check("2. Các địa phương", 0, ">=", 20, 20, "km", NULL, 0);
}

/* A page with no document header: its unnumbered first line, and a
 * paragraph repeating it, are the publisher's headline, not targets;
 * the quoted bullet is. */
Test(target, page_headline)
{
    S_run_doc("Đến năm 2030, tối thiểu 30% trường học có bể bơi\n\n"
              "Nội dung chính\n\n"
              "Đến năm 2030, tối thiểu 30% trường học có bể bơi\n\n"
              "Chương trình nêu rõ mục tiêu cụ thể như sau:\n\n"
              "- Đến năm 2030, tối thiểu 30% trường học có bể bơi.\n");
    cr_expect_eq(S_count(), 1);
    S_check("- Đến năm 2030", 0, ">=", 30, 30, "%", "2030", 0);
}

/* A figure whose time is before its document's year (its date, else
 * the latest year it cites; with neither, before 2000) is a result, not
 * a goal; a period counts by its end. */
Test(target, past_time)
{
    S_run_doc("KẾ HOẠCH\n\nCăn cứ Nghị quyết số 12/2024/NQ-HĐND;\n\n"
              "II. MỤC TIÊU\n\n"
              "1. Đến năm 2020, phấn đấu có trên 130 xã đạt chuẩn nông thôn mới.\n\n"
              "2. Giai đoạn 2021 - 2025, phấn đấu có trên 150 xã đạt chuẩn nông thôn mới.\n\n"
              "3. Đến năm 2030, phấn đấu có trên 180 xã đạt chuẩn nông thôn mới.\n");
    cr_expect_eq(S_count(), 2);
    S_check("2. Giai đoạn", 0, ">", 150, 150, "xã", "2021/2025", 1);
    S_check("3. Đến năm 2030", 0, ">", 180, 180, "xã", "2030", 1);
}

/* Counted places and facilities of economic plans ("khu công nghiệp",
 * "trung tâm"); a number that labels a part of a zoning plan is none. */
Test(target, facility_counts)
{
    S_run("II. MỤC TIÊU\n"
          "- Có từ 3 đến 5 khu công nghiệp được thành lập mới.\n"
          "- Xây dựng được ít nhất 05 trung tâm logistics.\n"
          "- Lập quy hoạch phân khu 06 Khu du lịch Bắc Vân Phong.\n");
    cr_expect_eq(S_count(), 2);
    S_check("- Có từ 3", 0, "range", 3, 5, "khu công nghiệp", NULL, 0);
    S_check("- Xây dựng", 0, ">=", 5, 5, "trung tâm", NULL, 0);
}

/* In a circular (a normative act: tg_rule_kinds) a floor or cap is a
 * rule; "phấn đấu" still sets a goal there. The same floor in a plan is
 * a goal. */
Test(target, rules_of_a_circular)
{
    S_run_doc("THÔNG TƯ\n\nQuy định về lưu trữ hồ sơ điện tử\n\n"
              "Điều 5. Thời hạn lưu trữ\n\n"
              "1. Hồ sơ được lưu trữ tối thiểu 05 năm kể từ ngày hoàn thành.\n\n"
              "2. Mỗi lớp bồi dưỡng có tối thiểu 25 học viên.\n\n"
              "Điều 6. Tổ chức thực hiện\n\n"
              "Các cơ quan phấn đấu đến năm 2027 có 100% hồ sơ được số hóa.\n");
    cr_expect_eq(S_count(), 1);
    S_check("Các cơ quan", 0, "=", 100, 100, "%", "2027", 1);
    S_run_doc("KẾ HOẠCH\n\nBồi dưỡng cán bộ năm 2027\n\n"
              "II. NỘI DUNG\n\n"
              "1. Mỗi lớp bồi dưỡng có tối thiểu 25 học viên.\n");
    cr_expect_eq(S_count(), 1);
    S_check("1. Mỗi lớp", 0, ">=", 25, 25, "học viên", NULL, 0);
}

/* A sentence that opens with "Như vậy," sums up the text above it: no
 * record of its own; the goal it sums up stays one. */
Test(target, summary_sentence)
{
    S_run("II. MỤC TIÊU\n"
          "- Đến năm 2030, tối thiểu 40% trường học có bể bơi.\n"
          "Như vậy, mục tiêu đến năm 2030, tối thiểu 40% trường học có bể bơi.\n");
    cr_expect_eq(S_count(), 1);
    S_check("- Đến năm 2030", 0, ">=", 40, 40, "%", "2030", 0);
}

/* A legal web page's footer ("Văn bản liên quan", then the publisher's
 * notices) sets no target. */
Test(target, no_target_in_a_site_footer)
{
    S_run_doc("KẾ HOẠCH\n\nII. MỤC TIÊU\n\n"
              "1. Phấn đấu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới.\n\n"
              "Văn bản liên quan\n\n"
              "Quý khách đăng nhập vào thì sẽ có 1 người khác bị đăng xuất.\n");
    cr_expect_eq(S_count(), 1);
    S_check("100% xã", 0, "=", 100, 100, "%", "2030", 1);
}

/* "phấn đấu" between a year and its figure makes a goal, even where the
 * text has no date to tell the year ahead (a page with no document
 * header); a bare year's figure there stays a result. */
Test(target, year_then_aspiration)
{
    S_run("Năm 2025, phấn đấu tăng trưởng kinh tế đạt từ 8% trở lên.\n"
          "Năm 2024, tỷ lệ hộ nghèo đạt 3,5%.\n");
    cr_expect_eq(S_count(), 1);
    S_check("Năm 2025", 0, ">=", 8, 8, "%", "2025", 1);
}

/* The whole of a population as the object of a task's work is a goal
 * with no cue word: "số hóa 100% hồ sơ", "cho 100% các bề mặt", "tại 100%
 * công trình"; a share of money ("nộp 100% số tiền") and work already
 * done ("đã khắc phục 100%") are not. */
Test(target, full_cover_of_the_work)
{
    S_run("III. NHIỆM VỤ\n"
          "1. Sở Xây dựng:\n"
          "- Yêu cầu 100% các công trường thi công phải che chắn; bổ sung vật "
          "liệu che phủ cho 100% các bề mặt đất đang thi công; lắp camera tại "
          "100% công trình lớn.\n"
          "- Tập trung số hóa 100% hồ sơ, hoàn thành trước 30/11/2026.\n"
          "- Tổ chức thu phí nộp 100% số tiền phí thu được vào ngân sách.\n"
          "- Các đơn vị đã khắc phục 100% hạn chế.\n");
    cr_expect_eq(S_count(), 4);
    S_check("Yêu cầu 100%", 0, "=", 100, 100, "%", NULL, 0);
    S_check("cho 100%", 0, "=", 100, 100, "%", NULL, 0);
    S_check("tại 100%", 0, "=", 100, 100, "%", NULL, 0);
    S_check("số hóa 100%", 0, "=", 100, 100, "%", "2026-11-30", 0);
}

/* The parameters of a zoning plan are rules for what may be built, not
 * goals, even under a "chỉ tiêu" heading. */
Test(target, zoning_parameters)
{
    S_run("II. CÁC CHỈ TIÊU QUY HOẠCH\n"
          "- Đất khách sạn: mật độ xây dựng tối đa là 40%, hệ số sử dụng đất "
          "tối đa là 2,8 lần, diện tích đất xây dựng khoảng 5.654 m2.\n"
          "- Tổng diện tích phạm vi lập quy hoạch khoảng 328,52 ha.\n"
          "- Phấn đấu tỷ lệ cây xanh đạt tối thiểu 30%.\n");
    cr_expect_eq(S_count(), 1);
    S_check("- Phấn đấu", 0, ">=", 30, 30, "%", NULL, 1);
}

/* A term counted from an event ("thời hạn tối đa 50 năm kể từ ...") is a
 * rule's time limit, not a goal; a plan's duration with no "thời hạn"
 * and no event to count from stays one. */
Test(target, legal_terms)
{
    S_run("II. MỤC TIÊU, CHỈ TIÊU\n"
          "- Thẻ tạm trú có thời hạn không quá 05 năm.\n"
          "- Gia hạn một lần, tối đa 50 năm kể từ khi hết hạn sở hữu.\n"
          "- Thời gian luân chuyển cán bộ phải đảm bảo tối thiểu 02 năm.\n");
    cr_expect_eq(S_count(), 1);
    S_check("- Thời gian", 0, ">=", 2, 2, "năm", NULL, 0);
}

/* A legal Q&A page: a question on goals, then "Căn cứ ... như sau:" and
 * the quoted list; the list holds goals though neither line is a heading
 * and the lead-in names none. A question on something else does not. */
Test(target, qa_question_then_citation)
{
    S_run("Định hướng các chỉ tiêu chủ yếu về phát triển kinh tế 5 năm 2026 - 2030 ra sao?\n"
          "Căn cứ Nghị quyết Đại hội quy định cụ thể như sau:\n"
          "- Về xã hội: tỉ lệ lao động qua đào tạo là 75%; tỉ lệ đô thị hóa khoảng 50%.\n"
          "Người lao động được nghỉ bao nhiêu ngày?\n"
          "Căn cứ Điều 113 Bộ luật Lao động quy định như sau:\n"
          "- Người lao động làm việc đủ 12 tháng được nghỉ hằng năm 12 ngày làm việc; tỉ lệ 75%.\n");
    cr_expect_eq(S_count(), 2);
    S_check("- Về xã hội", 0, "=", 75, 75, "%", NULL, 0);
    S_check("tỉ lệ đô thị hóa", 0, "~", 50, 50, "%", NULL, 0);
}

/* A rate per a counted population with a number and a scale word
 * ("giường bệnh/1 vạn dân") keeps the whole denominator in the unit. */
Test(target, rate_per_number_and_scale)
{
    S_run("II. MỤC TIÊU\n"
          "- Đến năm 2030, có 30 giường bệnh/1 vạn dân.\n");
    cr_expect_eq(S_count(), 1);
    S_check("- Đến năm 2030", 0, "=", 30, 30, "giường bệnh/1 vạn dân", "2030", 0);
}

/* A short unnumbered line naming a goal's horizon ("Mục tiêu đến năm
 * 2025") gives its time to the list below it, up to the next such line;
 * a sentence between ends its reach. */
Test(target, horizon_line_over_list)
{
    S_run("(2) Mục tiêu cụ thể\n"
          "Mục tiêu đến năm 2025\n"
          "- Xóa mù chữ:\n"
          "+ 70% các tỉnh đạt chuẩn xóa mù chữ mức độ 2;\n"
          "+ 50% các tỉnh đạt chuẩn phổ cập giáo dục tiểu học.\n"
          "Mục tiêu đến năm 2030\n"
          "- Xóa mù chữ:\n"
          "+ 90% các tỉnh đạt chuẩn xóa mù chữ mức độ 2.\n"
          "Các địa phương chủ động bố trí nguồn lực.\n"
          "+ 95% các xã đạt chuẩn.\n");
    cr_expect_eq(S_count(), 4);
    S_check("+ 70%", 0, "=", 70, 70, "%", "2025", 0);
    S_check("+ 50%", 0, "=", 50, 50, "%", "2025", 0);
    S_check("+ 90%", 0, "=", 90, 90, "%", "2030", 0);
    S_check("+ 95%", 0, "=", 95, 95, "%", NULL, 0);
}

/* A bound on a share of some base said with "bằng" ("ít nhất bằng 150%"
 * of the wage) is a pay or contribution rule; "đạt tối thiểu 95%" a goal. */
Test(target, share_of_a_base)
{
    S_run("II. MỤC TIÊU\n"
          "- Làm thêm giờ vào ngày thường được trả ít nhất bằng 150% tiền lương.\n"
          "- Mức đóng tối đa bằng 6% tiền lương tháng.\n"
          "- Giải ngân đạt tối thiểu 95% kế hoạch vốn.\n");
    cr_expect_eq(S_count(), 1);
    S_check("- Giải ngân", 0, ">=", 95, 95, "%", NULL, 0);
}

/* "Trường hợp/Nếu ... thì ..." sets a rule for when the case arises, to
 * the clause's end; a goal clause after it stays one. */
Test(target, conditional_rule)
{
    S_run("II. MỤC TIÊU\n"
          "- Trường hợp người lao động làm việc ban đêm thì được trả thêm ít nhất "
          "30% tiền lương ngày thường và 20% tiền lương ngày nghỉ; phấn đấu 100% "
          "doanh nghiệp có nội quy lao động.\n");
    cr_expect_eq(S_count(), 1);
    S_check("phấn đấu 100%", 0, "=", 100, 100, "%", NULL, 1);
}
