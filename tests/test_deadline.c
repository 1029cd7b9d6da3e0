/* test_deadline.c: deadline phrases -> the spec's vocabulary, and the
 * deadline that headings hand down to the nodes beneath them. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "nqx.h"
#include "../extractor/ext.h"
#include "fx_grammar.h"

/* The value for s, or "null". */
static const char *S_dl(const char *s)
{
    static char out[64];
    if (!nqx_ext_deadline(S_g, s, strlen(s), out, sizeof out, NULL, NULL))
        return "null";
    return out;
}

#define S_EQ(phrase, want) cr_expect_str_eq(S_dl(phrase), want, "%s", phrase)

TestSuite(deadline, .init = fx_grammar_load, .fini = fx_grammar_unload);

Test(deadline, years)
{
    S_EQ("Đến năm 2025", "2025");
    S_EQ("đến 2025, cơ bản hoàn thành việc sắp xếp", "2025");
    S_EQ("Đến đầu nhiệm kỳ 2025 - 2030", "2025");
    S_EQ("2.1. Đến đầu nhiệm kỳ 2025 - 2030", "2025");
    S_EQ("Phấn đấu đến đại hội chi bộ nhiệm kỳ 2027-2032, đạt 90%", "2027");
    S_EQ("hoàn thành đến cuối nhiệm kỳ 2020 - 2025", "2025");
    S_EQ("Hoàn thành trong năm 2023.", "2023");
    S_EQ("Thực hiện năm 2026.", "2026");
    S_EQ("Năm 2024 và những năm tiếp theo.", "2024");
    S_EQ("Đến năm 2030 và định hướng đến năm 2035", "2030");
    S_EQ("từ nay đến năm 2030, phát triển mạng lưới", "2030");
    S_EQ("Thực hiện năm 2023 khi có văn bản hướng dẫn của Sở Nội vụ", "2023");
}

Test(deadline, months_days_quarters)
{
    S_EQ("Trong tháng 12 năm 2022", "2022-12");
    S_EQ("ban hành kế hoạch trong tháng 01/2026; báo cáo trước ngày 25 hằng tháng",
         "2026-01");
    S_EQ("trước ngày 15/5/2023", "2023-05-15");
    S_EQ("Hoàn thành trước ngày 15/5/2023", "2023-05-15");
    S_EQ("gửi báo cáo chậm nhất ngày 05/01/2027", "2027-01-05");
    S_EQ("xong trước ngày 30 tháng 9 năm 2024", "2024-09-30");
    /* "ngày" left out, an occasion named */
    S_EQ("Sở Nội vụ hoàn thành trước 15 tháng 5 năm 2023.", "2023-05-15");
    S_EQ("hoàn thành thông tuyến vào dịp 19 tháng 12 năm 2025", "2025-12-19");
    S_EQ("Quý II/2023", "2023-Q2");
    S_EQ("Hoàn thành trong Quý II/2023", "2023-Q2");
    S_EQ("trình Hội đồng nhân dân tỉnh trong quý IV năm 2025", "2025-Q4");
    S_EQ("Quý 1/2026", "2026-Q1");
    S_EQ("trong quý III-2024", "2024-Q3");
}

Test(deadline, periods)
{
    S_EQ("giai đoạn 2023-2025", "2023/2025");
    S_EQ("Thực hiện trong giai đoạn 2023-2025.", "2023/2025");
    S_EQ("trong nhiệm kỳ 2020-2025", "2020/2025");
    S_EQ("Thời gian thực hiện: từ năm 2026 đến năm 2030", "2026/2030");
    S_EQ("Năm 2024 - 2025", "2024/2025");
    /* Periods that only name a term or a document are no time. */
    S_EQ("rà soát quy hoạch nhiệm kỳ 2025-2030", "null");
    S_EQ("thực hiện Nghị quyết số 05-NQ/TU về phát triển du lịch giai đoạn 2021-2025",
         "null");
}

Test(deadline, recurrences)
{
    S_EQ("hằng năm", "R/P1Y");
    S_EQ("Báo cáo kết quả hàng năm", "R/P1Y");
    S_EQ("Định kỳ hằng năm", "R/P1Y");
    S_EQ("tổ chức hội nghị thường niên", "R/P1Y");
    S_EQ("mỗi năm tổ chức một đợt kiểm tra", "R/P1Y");
    S_EQ("xây dựng kế hoạch 5 năm và hằng năm", "R/P1Y");
    S_EQ("trước ngày 15/11 hằng năm", "R/P1Y");
    S_EQ("quý tư hằng năm", "R/P1Y");
    S_EQ("Định kỳ 06 tháng", "R/P6M");
    S_EQ("6 tháng một lần", "R/P6M");
    S_EQ("hằng quý", "R/P3M");
    S_EQ("hằng tháng", "R/P1M");
    S_EQ("trước ngày 20 hằng tháng", "R/P1M");
    S_EQ("giao ban hằng tuần", "R/P1W");
}

Test(deadline, ongoing_conditional)
{
    S_EQ("Thường xuyên.", "ongoing");
    S_EQ("Thực hiện thường xuyên", "ongoing");
    S_EQ("thường xuyên theo dõi, đôn đốc việc thực hiện", "ongoing");
    S_EQ("Thực hiện thường xuyên đến năm 2025.", "2025");
    S_EQ("Từ 01/7/2025", "ongoing");
    S_EQ("Khi Tỉnh ủy có văn bản chỉ đạo", "conditional");
    S_EQ("khi có hướng dẫn của Trung ương", "conditional");
    S_EQ("Thực hiện năm 2024 khi Tỉnh ủy có văn bản chỉ đạo.", "2024");
    /* the awaited text may be a regulation, decree or law */
    S_EQ("Sau khi có Quy chế của TW", "conditional");
    S_EQ("khi Chính phủ ban hành Nghị định hướng dẫn", "conditional");
    S_EQ("sau khi có Luật sửa đổi", "conditional");
}

/* A time limit counted from an event has no date: conditional, and a
 * date in the same item wins. */
Test(deadline, months_of_one_year)
{
    S_EQ("thực hiện từ tháng 3 đến tháng 6 năm 2026", "2026-03/2026-06");
    S_EQ("từ tháng 10 năm 2025 đến hết tháng 3 năm 2026", "2025-10/2026-03");
}

Test(deadline, relative_time_limits)
{
    S_EQ("gửi ý kiến góp ý trong vòng 07 ngày kể từ ngày nhận được", "conditional");
    S_EQ("Trong thời hạn 05 ngày làm việc, Sở Tài chính thẩm định", "conditional");
    S_EQ("Sau khi nhận được đề nghị của Ủy ban nhân dân cấp xã", "conditional");
    S_EQ("trong 05 ngày làm việc kể từ ngày nhận hồ sơ, trước ngày 15/5/2026",
         "2026-05-15");
    S_EQ("thời gian giải quyết 05 ngày", "null");
}

Test(deadline, no_time)
{
    S_EQ("kinh phí thực hiện từ ngân sách hằng năm", "null");
    S_EQ("bố trí trong dự toán (kinh phí) hằng năm của đơn vị", "null");
    S_EQ("củng cố trung tâm giáo dục thường xuyên", "null");
    S_EQ("sử dụng nguồn chi thường xuyên", "null");
    S_EQ("định kỳ", "null");
    S_EQ("đạt 15%", "null");
    S_EQ("tỷ lệ hộ nghèo giảm 2025%", "null");
    S_EQ("năm 2024 đạt 45%", "null");
    S_EQ("Nghị quyết số 39-NQ/TW, ngày 17/4/2015 của Bộ Chính trị", "null");
    S_EQ("Hà Nội, ngày 04 tháng 7 năm 2017", "null");
    S_EQ("từ 15 đến 20 người", "null");
    /* allowances, wages and budgets that come monthly or yearly */
    S_EQ("người hưởng phụ cấp ưu đãi nghề hằng tháng", "null");
    S_EQ("nâng mức tiền lương hàng tháng của giáo viên", "null");
    S_EQ("giao dự toán kinh phí sự nghiệp hằng quý", "null");
}

Test(deadline, money_paid_as_work_keeps_its_time)
{
    S_EQ("chi trả trợ cấp cho người cao tuổi hằng tháng", "R/P1M");
    S_EQ("Chi bộ sinh hoạt thường kỳ hằng tháng", "R/P1M");
    S_EQ("tổng hợp việc chi trả phụ cấp, báo cáo hằng quý", "R/P3M");
}

/* A roadmap item's own years in brackets at its end; an open start. */
Test(deadline, bracketed_roadmap_years)
{
    S_EQ("Xây dựng kho dữ liệu dùng chung, từng bước kết nối (2026 - 2027).",
         "2026/2027");
    S_EQ("Nâng cao nhận thức cộng đồng về dữ liệu (xuyên suốt 2026 - 2030)",
         "2026/2030");
    S_EQ("Mở rộng khai thác dữ liệu cho doanh nghiệp (2028 trở đi).", "ongoing");
    S_EQ("Tổng kết kinh nghiệm của Ban Chấp hành khóa XI (2011 - 2016), rút ra bài học",
         "null");
}

/* Work done when a case arises; a label whose value is a basis. */
Test(deadline, conditions_that_arise)
{
    S_EQ("Quá trình triển khai, nếu có vướng mắc, các phòng báo cáo về Văn phòng",
         "conditional");
    S_EQ("Khi có phát sinh.", "conditional");
    S_EQ("nếu thấy cần điều chỉnh nội dung Kế hoạch, các đơn vị đề xuất", "conditional");
    S_EQ("Căn cứ tình hình thực tế và hướng dẫn của cấp trên.", "conditional");
    S_EQ("Bổ sung hồ sơ còn thiếu (nếu có).", "null");
    S_EQ("Căn cứ Kế hoạch này, các phòng xây dựng kế hoạch chi tiết", "null");
}

/* Periods that name a plan, a strategy or a past stretch are no time. */
Test(deadline, named_periods_and_the_past)
{
    S_EQ("Bố trí tuyến cáp phù hợp Quy hoạch tỉnh Gia Lai thời kỳ 2021-2030, "
         "tầm nhìn đến năm 2050", "null");
    S_EQ("Triển khai Chiến lược phát triển nông nghiệp bền vững đến năm 2030",
         "null");
    S_EQ("Triển khai Chiến lược phát triển nông nghiệp đến năm 2030 trong quý "
         "II/2026", "2026-Q2");
    S_EQ("Điều chỉnh Quy hoạch chung đô thị Phú Mỹ, tỉnh Bà Rịa đến năm 2040",
         "null");
    S_EQ("Thực hiện Nghị quyết số 12-NQ/TU, phấn đấu đến năm 2027 hoàn thành", "2027");
    S_EQ("Kết quả hoạt động từ tháng 3/2023 đến nay", "null");
    S_EQ("tạo điều kiện thực hiện các nhiệm vụ nêu tại chương trình công tác "
         "từ nay đến tháng 12/2026", "null");
    /* a vision heading, or a resolution that sets a time, is a time */
    S_EQ("b) Tầm nhìn đến năm 2045", "2045");
    S_EQ("Nghị quyết đặt mục tiêu đến năm 2030 giảm tỷ lệ hộ nghèo", "2030");
}

/* Every day; times a day; daily life is no time. */
Test(deadline, daily)
{
    S_EQ("tổng hợp số liệu, gửi Sở Tài chính trước 17h00 hằng ngày", "R/P1D");
    S_EQ("Hàng ngày, cập nhật danh sách hộ cần hỗ trợ", "R/P1D");
    S_EQ("gửi báo cáo nhanh 03 lần/ngày về Ban Chỉ huy", "R/P1D");
    S_EQ("bảo đảm nhu cầu sinh hoạt hằng ngày của người dân vùng lũ", "null");
    S_EQ("rút ngắn thời hạn xuống 07 ngày làm việc", "null");
}

/* "khi ..." conditions are the item's time only when it sets no other. */
Test(deadline, when_conditions)
{
    S_EQ("cử cán bộ hỗ trợ các xã khi cần thiết", "conditional");
    S_EQ("tổ chức đưa học sinh trở lại trường khi điều kiện thời tiết cho phép",
         "conditional");
    S_EQ("triển khai thực hiện sau khi Đề án được cấp có thẩm quyền phê duyệt",
         "conditional");
    S_EQ("Khi nước rút, tổ chức vệ sinh môi trường tại các điểm ngập", "conditional");
    S_EQ("Khi có yêu cầu, báo cáo về Sở Nội vụ trước ngày 20/12/2026", "2026-12-20");
    S_EQ("bảo đảm công chức khi được điều động phải đủ tiêu chuẩn", "null");
    S_EQ("kiểm tra hồ sơ trước khi trình Ủy ban nhân dân tỉnh", "null");
    /* "(trong) trường hợp cần thiết" and "(nếu cần)" read as "khi cần thiết" */
    S_EQ("tháo gỡ vướng mắc, trường hợp cần thiết báo cáo UBND tỉnh",
         "conditional");
    S_EQ("đề xuất sửa đổi Đề án trong trường hợp cần thiết", "conditional");
    S_EQ("bổ sung vào danh mục dự án (nếu cần) để theo dõi", "conditional");
    S_EQ("trường hợp cần thiết, hoàn thành trước ngày 15/5/2026", "2026-05-15");
    S_EQ("hồ sơ (nếu có) gửi Sở Nội vụ", "null");
    /* work on a breach is done when it happens */
    S_EQ("chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để xảy ra ô nhiễm",
         "conditional");
    S_EQ("chuyển hồ sơ đến cơ quan điều tra nếu phát hiện hành vi vi phạm",
         "conditional");
    S_EQ("xử lý trong trường hợp phát hiện vi phạm", "conditional");
    S_EQ("kiểm tra, phát hiện và xử lý các vi phạm", "null");
}

/* When a text takes effect is no time for work (dl_x_in_force); an open
 * start of the work still is. */
Test(deadline, taking_effect_is_no_time)
{
    S_EQ("Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.", "null");
    S_EQ("Quyết định 391/QĐ-BTC có hiệu lực từ 01/3/2025.", "null");
    S_EQ("Quyết định này có hiệu lực kể từ ngày 30/11/2025.", "null");
    S_EQ("Thực hiện từ ngày 01/7/2025", "ongoing");
}

/* Work done when an event comes or a state holds ("khi mưa lũ tiếp
 * diễn", "khi thiếu hụt hàng hóa") is conditional; a later date wins. */
Test(deadline, event_conditions)
{
    S_EQ("chuẩn bị phương án cắt điện có kiểm soát khi mưa lũ tiếp diễn.", "conditional");
    S_EQ("kịp thời đề nghị bổ sung khi thiếu hụt hàng hóa hoặc lực lượng.", "conditional");
    S_EQ("Không cấp phép thi công trong giai đoạn cuối năm khi chất lượng không "
         "khí bị ô nhiễm nghiêm trọng.", "conditional");
    S_EQ("bổ sung khi thiếu hụt hàng hóa; báo cáo trước ngày 15/11/2025.", "2025-11-15");
    S_EQ("theo dõi chỉ số huyết áp tăng cao ở người già.", "null");
    S_EQ("sẵn sàng ứng phó trong trường hợp số lượng người dân bị mắc bệnh liên "
         "quan đến đường hô hấp đột ngột tăng cao.", "conditional");
}

/* A cut-off date that sorts cases ("trước ngày X thì ...", "trước X
 * là ...") is no time for the work; a date the work must meet is. */
Test(deadline, cutoff_dates_are_no_time)
{
    S_EQ("các bệnh mà các cơ sở KCB cấp ban đầu, cấp cơ bản trước 01/01/2025 "
         "là tuyến huyện không thực hiện được.", "null");
    S_EQ("Hợp đồng thuê đất được ký trước ngày 01/7/2025 thì còn hiệu lực.", "null");
    S_EQ("Mã số thuế đã được cấp trước ngày 01/7/2025 được cơ quan thuế "
         "chuyển đổi; báo cáo trước ngày 15/12/2025.", "2025-12-15");
    S_EQ("hoàn thành trước ngày 30/6/2025, báo cáo Ủy ban nhân dân tỉnh", "2025-06-30");
    S_EQ("Sở Tài chính. Năm 2025, phấn đấu đón 22 triệu lượt khách", "2025");
    S_EQ("Cuba 11 tỷ USD. Năm 2019, Nga bắt đầu sản xuất", "null");
}

/* Responsibility for a delay ("trong trường hợp chậm ...", "nếu để chậm
 * ...") holds when it happens: conditional; delays named as cases are
 * no condition. */
Test(deadline, delay_conditions)
{
    S_EQ("tuân thủ thời hạn tham gia ý kiến và chịu trách nhiệm trước Nhà đầu tư và "
         "Chủ tịch UBND tỉnh trong trường hợp chậm có ý kiến thẩm định.", "conditional");
    S_EQ("chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để chậm tiến độ.", "conditional");
    S_EQ("theo dõi, đôn đốc các trường hợp chậm tiến độ.", "null");
    S_EQ("xử phạt đối với trường hợp chậm nộp hồ sơ khai thuế.", "null");
    S_EQ("chịu trách nhiệm nếu chậm trễ; hoàn thành trước ngày 15/12/2025.", "2025-12-15");
}

/* The year of a budget estimate ("dự toán ... năm 2025") names which
 * estimate, no time for the work; a time the work sets next to it is. */
Test(deadline, budget_years_are_no_time)
{
    S_EQ("Thực hiện chế độ báo cáo tình hình chi phí KCB BHYT và sử dụng dự toán "
         "chi phí KCB BHYT năm 2025 với UBND Thành phố theo quy định.", "null");
    S_EQ("trình cấp có thẩm quyền phê duyệt kinh phí thực hiện kế hoạch trong dự "
         "toán đầu năm 2026 trên cơ sở đề nghị của Sở.", "null");
    S_EQ("xây dựng dự toán ngân sách nhà nước năm 2026, báo cáo trước ngày "
         "15/7/2025.", "2025-07-15");
    S_EQ("lập dự toán trình Ủy ban nhân dân tỉnh trong năm 2025.", "2025");
    S_EQ("lập dự toán, hoàn thành trong năm 2025.", "2025");
}

/* Periods of quarters or months are intervals. */
Test(deadline, quarter_and_month_ranges)
{
    S_EQ("Quý III/2026 - Quý I/2027", "2026-Q3/2027-Q1");
    S_EQ("triển khai từ quý II năm 2026 đến quý IV năm 2026", "2026-Q2/2026-Q4");
    S_EQ("Thời gian: từ tháng 9 năm 2026 đến hết tháng 02 năm 2027", "2026-09/2027-02");
    S_EQ("Quý III Năm 2027", "2027-Q3");
}

/* A lower-case plan's horizon names the plan. */
Test(deadline, plan_horizon_is_no_time)
{
    S_EQ("rà soát, cập nhật quy hoạch mạng lưới trạm y tế trên địa bàn đến năm 2035",
         "null");
    S_EQ("rà soát quy hoạch sử dụng đất cấp xã đến năm 2030, hoàn thành trong "
         "quý I/2027", "2027-Q1");
    S_EQ("bổ sung quy hoạch cán bộ đến năm 2026", "2026");
}

Test(deadline, span_of_phrase)
{
    const char *s = "Sở Nội vụ báo cáo trước ngày 15/5/2023.";
    char out[32];
    size_t a = 0, b = 0;
    cr_assert_eq(nqx_ext_deadline(S_g, s, strlen(s), out, sizeof out, &a, &b), 1);
    cr_expect_str_eq(out, "2023-05-15");
    cr_expect_eq(a, strstr(s, "trước") - s);
    cr_expect_eq(b, strstr(s, ".") - s);
}

Test(deadline, small_buffer_is_no_time)
{
    const char *s = "trước ngày 15/5/2023";
    char out[4];
    cr_expect_eq(nqx_ext_deadline(S_g, s, strlen(s), out, sizeof out, NULL, NULL), 0);
}

/* d holds one node a line of text (each line ends in a newline), with
 * the given kinds and parents: an outline without the outline reader. */
static void S_line_nodes(const char *text, const nqx_node_kind *kind,
                         const int *parent, nqx_node *nodes, size_t n,
                         nqx_doc *d)
{
    size_t i, off = 0;
    memset(d, 0, sizeof *d);
    memset(nodes, 0, n * sizeof *nodes);
    for (i = 0; i < n; i++) {
        const char *nl = strchr(text + off, '\n');
        nodes[i].kind = kind[i];
        nodes[i].parent = parent[i];
        nodes[i].start = off;
        nodes[i].end = (size_t)(nl - text);
        off = nodes[i].end + 1;
    }
    d->nodes = nodes;
    d->nnodes = n;
}

/* Inheritance: a heading's time reaches every node below it until a
 * heading of the same or a higher level. */
Test(deadline, node_inherits_from_headings)
{
    const char *text =
        "2.1. Đến năm 2025\n"
        "- Cấp tỉnh:\n"
        "(1) 100% cán bộ đạt chuẩn.\n"
        "2.2. Đến năm 2030\n"
        "(1) 60% xã đạt chuẩn.\n";
    nqx_node nodes[5];
    nqx_doc d;
    char out[32];
    const int parent[5] = {-1, 0, 1, -1, 3};
    const nqx_node_kind kind[5] = {NQX_NODE_HEADING, NQX_NODE_BULLET,
                                   NQX_NODE_ITEM, NQX_NODE_HEADING,
                                   NQX_NODE_ITEM};
    S_line_nodes(text, kind, parent, nodes, 5, &d);
    cr_assert_eq(nqx_ext_node_deadline(S_g, text, &d, 2, out, sizeof out), 1);
    cr_expect_str_eq(out, "2025");
    cr_assert_eq(nqx_ext_node_deadline(S_g, text, &d, 4, out, sizeof out), 1);
    cr_expect_str_eq(out, "2030");
    cr_expect_eq(nqx_ext_node_deadline(S_g, text, &d, 0, out, sizeof out), 0);
    cr_expect_eq(nqx_ext_node_deadline(S_g, text, &d, 9, out, sizeof out), 0);
}

/* A section on the present or the past: its heading starts with such
 * words, at any level, and it ends at the next heading of its level. */
Test(deadline, node_in_present_section)
{
    const char *text =
        "1. Về đánh giá kết quả triển khai từ tháng 3/2023 đến nay\n"
        "(1) Hằng năm, 100% xã đã tổ chức tập huấn.\n"
        "2. Nhiệm vụ trọng tâm, tiêu chí đánh giá\n"
        "(1) Hằng năm, tổ chức tập huấn cho cán bộ.\n"
        "(2) Đánh giá được hiện trạng dữ liệu.\n";
    nqx_node nodes[5];
    nqx_doc d;
    char out[32];
    const int parent[5] = {-1, 0, -1, 2, 2};
    const nqx_node_kind kind[5] = {NQX_NODE_HEADING, NQX_NODE_ITEM,
                                   NQX_NODE_HEADING, NQX_NODE_ITEM,
                                   NQX_NODE_ITEM};
    S_line_nodes(text, kind, parent, nodes, 5, &d);
    cr_expect_eq(nqx_ext_node_in_present(S_g, text, &d, 0), 1);
    cr_expect_eq(nqx_ext_node_in_present(S_g, text, &d, 1), 1);
    cr_expect_eq(nqx_ext_node_in_present(S_g, text, &d, 2), 0);
    cr_expect_eq(nqx_ext_node_in_present(S_g, text, &d, 3), 0);
    cr_expect_eq(nqx_ext_node_in_present(S_g, text, &d, 4), 0);
    cr_expect_eq(nqx_ext_node_in_present(S_g, text, &d, 7), 0);
    /* the past stretch of the heading hands no time down */
    cr_expect_eq(nqx_ext_node_deadline(S_g, text, &d, 1, out, sizeof out), 0);
}

/* nqx_ext_deadline_upto gives what nqx_ext_deadline_from gives when that
 * phrase starts by last, and nothing when it starts later. */
Test(deadline, upto_is_from_cut_at_last)
{
    const char *s = "Các sở thực hiện, hoàn thành trước ngày 15/5/2023.";
    char a[64], b[64];
    size_t ms, me, ms2, me2, n = strlen(s);
    cr_assert(nqx_ext_deadline_from(S_g, s, n, 0, a, sizeof a, &ms, &me));
    cr_expect_str_eq(a, "2023-05-15");
    cr_assert(nqx_ext_deadline_upto(S_g, s, n, 0, ms, b, sizeof b, &ms2, &me2));
    cr_expect_str_eq(b, a);
    cr_expect_eq(ms2, ms);
    cr_expect_eq(me2, me);
    cr_expect_not(nqx_ext_deadline_upto(S_g, s, n, 0, ms - 1, b, sizeof b,
                                        &ms2, &me2));
    /* a sentence that opens with its time */
    s = "Hằng năm, báo cáo";
    cr_expect(nqx_ext_deadline_upto(S_g, s, strlen(s), 0, 0, b, sizeof b,
                                    &ms2, &me2));
    cr_expect_str_eq(b, "R/P1Y");
}

/* Each anchor of an[0..nan) matches inside the span that each @match
 * example of p matches (the subject cut at the span's end). Returns how
 * many examples were checked. */
static size_t S_anchors_in_examples(const char *key, const nqx_pattern *p,
                                    const nqx_pattern *const *an, size_t nan)
{
    size_t j, k, checked = 0;
    const char *ex;
    int must;
    for (j = 0; (ex = nqx_gram_example(p, j, &must)); j++) {
        size_t ov[2], aov[2];
        if (!must)
            continue;
        cr_assert_gt(nqx_gram_match(p, ex, strlen(ex), 0, ov, 1), 0, "%s: %s", key, ex);
        for (k = 0; k < nan; k++)
            cr_expect_gt(nqx_gram_match(an[k], ex, ov[1], ov[0], aov, 1), 0,
                         "%s: anchor %zu not in the match of \"%s\"", key, k, ex);
        checked++;
    }
    return checked;
}

/* deadline_anchors lets the scan skip a pattern whose anchors are absent
 * from the text: sound only if every match holds them. Each anchor must
 * match inside the span that each @match example of its pattern matches,
 * so a new branch with another anchor fails here until the lexicon (or
 * the anchor) says so. */
Test(deadline, anchors_hold_in_every_match_example)
{
    const nqx_lexicon *al = nqx_gram_lexicon(S_g, "deadline_anchors"),
                      *pl = nqx_gram_lexicon(S_g, "deadline_patterns");
    size_t i, j;
    cr_assert(al && pl && al->n > 0);
    for (i = 0; i < al->n; i++) {
        const char *key = al->entries[i].key, *v = al->entries[i].value;
        const nqx_pattern *p = nqx_gram_pattern(S_g, key), *an[4];
        size_t nan = 0;
        int listed = 0;
        cr_assert(p, "%s: no such pattern", key);
        for (j = 0; j < pl->n; j++)
            listed |= strcmp(pl->entries[j].key, key) == 0;
        cr_expect(listed, "%s is no deadline pattern", key);
        cr_assert(v, "%s names no anchor", key);
        while (*v) {
            char name[64];
            size_t l = strcspn(v, " \t");
            if (l == 0) {
                v++;
                continue;
            }
            cr_assert_lt(l, sizeof name);
            cr_assert_lt(nan, 4, "%s: more than 4 anchors", key);
            memcpy(name, v, l);
            name[l] = '\0';
            v += l;
            an[nan] = nqx_gram_pattern(S_g, name);
            cr_assert(an[nan], "%s: no anchor pattern %s", key, name);
            nan++;
        }
        cr_expect_gt(S_anchors_in_examples(key, p, an, nan), 0,
                     "%s has no @match example", key);
    }
}

/* deadline_exclusion_anchors, likewise: each anchor matches inside the
 * span that each @match example of its exclusion matches. */
Test(deadline, exclusion_anchors_hold_in_every_match_example)
{
    const nqx_lexicon *al = nqx_gram_lexicon(S_g, "deadline_exclusion_anchors"),
                      *xl = nqx_gram_lexicon(S_g, "deadline_exclusions");
    size_t i, j;
    cr_assert(al && xl && al->n > 0);
    for (i = 0; i < al->n; i++) {
        const char *key = al->entries[i].key, *v = al->entries[i].value;
        const nqx_pattern *p = nqx_gram_pattern(S_g, key), *an;
        int listed = 0;
        cr_assert(p, "%s: no such pattern", key);
        for (j = 0; j < xl->n; j++)
            listed |= strcmp(xl->entries[j].key, key) == 0;
        cr_expect(listed, "%s is no deadline exclusion", key);
        /* (one anchor each, as the lexicon has now) */
        cr_assert(v && !strpbrk(v, " \t"), "%s: one anchor wanted", key);
        an = nqx_gram_pattern(S_g, v);
        cr_assert(an, "%s: no anchor pattern %s", key, v);
        cr_expect_gt(S_anchors_in_examples(key, p, &an, 1), 0,
                     "%s has no @match example", key);
    }
}

/* With the anchors or without, the same phrase wins: a long sentence
 * whose only time is late, and one with no anchor at all. */
Test(deadline, anchored_scan_finds_late_and_absent_phrases)
{
    S_EQ("Các cơ quan, đơn vị tiếp tục rà soát, sắp xếp tổ chức bộ máy, "
         "tinh giản biên chế theo đúng quy định, báo cáo kết quả hằng quý",
         "R/P3M");
    S_EQ("Các cơ quan, đơn vị tiếp tục rà soát, sắp xếp tổ chức bộ máy, "
         "tinh giản biên chế theo đúng quy định của pháp luật",
         "null");
    S_EQ("Các cơ quan, đơn vị tiếp tục rà soát, sắp xếp tổ chức bộ máy; "
         "khi có văn bản hướng dẫn của Trung ương thì triển khai ngay",
         "conditional");
}

/* OCR and old spelling in quarters: the numeral I read as l, the tone
 * of "Quý" placed the old way. */
Test(deadline, quarters_as_scanned)
{
    S_EQ("hoàn thành trong Quý ll/2023", "2023-Q2");
    S_EQ("hoàn thành trong Quý lll năm 2024", "2024-Q3");
    S_EQ("hoàn thành trong Qúy III/2024", "2024-Q3");
    S_EQ("từ Quý l/2025 đến Quý lV/2025", "2025-Q1/2025-Q4");
}

/* a time limit counted from an event that opens the item is the step's
 * own time: a later date is another thing's (a benefit's end, a card's
 * validity); inside the item (a case's limit) it yields to a later date,
 * as other conditions do */
Test(deadline, opening_time_limit_holds)
{
    S_EQ("- Trong thời hạn 03 ngày làm việc, kể từ ngày hồ sơ được xét duyệt, Chủ tịch "
         "Ủy ban nhân dân xã quyết định hỗ trợ cho đối tượng.\nThời gian hỗ trợ kể từ "
         "ngày ban hành quyết định cho đến ngày 31/12/2025.",
         "conditional");
    S_EQ("3. Trong thời hạn 20 ngày kể từ ngày nhận đủ hồ sơ, Công an tỉnh cấp lại thẻ. "
         "Thẻ thường trú được cấp lại định kỳ 10 năm một lần.",
         "conditional");
    S_EQ("- Trường hợp cần thiết thì bàn giao trong thời hạn 30 ngày, kể từ ngày tiếp nhận.\n"
         "- Thông báo cho địa phương trước ngày 20/6/2025.",
         "2025-06-20");
    S_EQ("4. Trong thời hạn 10 ngày đầu tiên hằng tháng, Tổ giám sát lập báo cáo.", "R/P1M");
}

/* a budget estimate named by its year names which estimate: no time */
Test(deadline, budget_named_by_year)
{
    S_EQ("trình cấp có thẩm quyền phê duyệt kinh phí thực hiện kế hoạch trong dự toán "
         "đầu năm 2026 trên cơ sở đề nghị của Sở Nông nghiệp và Môi trường",
         "null");
    S_EQ("bố trí kinh phí trong dự toán ngân sách năm 2026, hoàn thành trong quý II/2026",
         "2026-Q2");
}

/* "Hằng năm, bố trí kinh phí ...", "Hàng năm ưu tiên dành từ nguồn vốn
 * ngân sách ...": yearly money written before its money word is no
 * yearly deadline either */
Test(deadline, yearly_money_fronted)
{
    S_EQ("Hàng năm ưu tiên dành từ nguồn vốn ngân sách đầu tư phát triển của Thành phố;",
         "null");
    S_EQ("Hằng năm, bố trí kinh phí thực hiện hỗ trợ chi phí tư vấn pháp luật", "null");
    S_EQ("Hằng năm, tổ chức sơ kết việc bố trí vốn", "R/P1Y");
}

/* the yearly review whose result a rule is read by is no yearly time */
Test(deadline, result_of_yearly_review)
{
    S_EQ("Người thuộc hộ gia đình cận nghèo được Chủ tịch Ủy ban nhân dân xã quyết định "
         "công nhận theo kết quả rà soát hộ nghèo, hộ cận nghèo hằng năm.",
         "null");
    S_EQ("Tiêu chí thưởng theo kết quả đánh giá, xếp loại mức độ hoàn thành nhiệm vụ hằng "
         "năm của người hưởng lương", "null");
    S_EQ("Hằng năm, rà soát hộ nghèo theo kết quả điều tra", "R/P1Y");
}
