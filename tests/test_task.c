/* test_task.c: tasks found in plan-like text, with exact records. The
 * texts are written for these tests in the style of provincial plans and
 * party resolutions; none is copied from the corpus. Each runs the whole
 * pipeline (normalize, outline, deadlines, tasks). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "nqx.h"
#include "../extractor/ext.h"
#include "fixture_util.h"
#include "fx_grammar.h"

static nqx_text *S_t;
static nqx_doc *S_d;

static void S_free(void)
{
    fx_drop(&S_d, &S_t);
    fx_grammar_unload();
}

static void S_run(const char *text)
{
    fx_drop(&S_d, &S_t);
    S_d = fx_extract_text(S_g, "test", text, strlen(text), &S_t);
}

static size_t S_ntasks(void)
{
    size_t i, n = 0;
    for (i = 0; i < S_d->nrecords; i++)
        n += S_d->records[i].kind == NQX_TASK;
    return n;
}

/* The one task whose text holds anchor. */
static const nqx_record *S_task(const char *anchor)
{
    size_t i;
    const nqx_record *hit = NULL;
    for (i = 0; i < S_d->nrecords; i++)
        if (S_d->records[i].kind == NQX_TASK &&
            strstr(S_d->records[i].text, anchor)) {
            cr_assert_null(hit, "two tasks hold %s", anchor);
            hit = &S_d->records[i];
        }
    cr_assert_not_null(hit, "no task holds %s", anchor);
    return hit;
}

/* agencies as "role:name;role:name;..." in record order */
static void S_expect_agencies(const nqx_record *r, const char *want)
{
    char got[1024] = "";
    size_t i;
    for (i = 0; i < r->nagencies; i++) {
        strncat(got, nqx_role_name(r->agencies[i].role),
                sizeof got - strlen(got) - 1);
        strncat(got, ":", sizeof got - strlen(got) - 1);
        strncat(got, r->agencies[i].name, sizeof got - strlen(got) - 1);
        strncat(got, ";", sizeof got - strlen(got) - 1);
    }
    cr_expect_str_eq(got, want, "agencies of %s", r->text);
}

static void S_expect_deadline(const nqx_record *r, const char *want)
{
    if (!want)
        cr_expect_null(r->deadline, "deadline of %s", r->text);
    else {
        cr_assert_not_null(r->deadline, "no deadline: %s", r->text);
        cr_expect_str_eq(r->deadline, want, "deadline of %s", r->text);
    }
}

static const char *S_plan =
    "KẾ HOẠCH\n"
    "Triển khai chuyển đổi số trong cơ quan nhà nước tỉnh năm 2024\n"
    "\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "\n"
    "- Nâng cao nhận thức của cán bộ, công chức về chuyển đổi số trong năm 2024.\n"
    "\n"
    "II. NHIỆM VỤ CỤ THỂ\n"
    "\n"
    "1. Tổ chức hội nghị quán triệt, triển khai Kế hoạch này đến cán bộ chủ chốt các cấp.\n"
    "- Cơ quan chủ trì: Sở Thông tin và Truyền thông.\n"
    "- Cơ quan phối hợp: Sở Nội vụ, Văn phòng UBND tỉnh.\n"
    "- Thời gian thực hiện: Trong tháng 3 năm 2024.\n"
    "\n"
    "2. Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư, Kho bạc Nhà "
    "nước tỉnh tham mưu UBND tỉnh bố trí kinh phí thực hiện; hằng năm báo cáo "
    "UBND tỉnh (qua Sở Nội vụ) kết quả thực hiện.\n"
    "\n"
    "III. PHÂN CÔNG NHIỆM VỤ\n"
    "\n"
    "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Xây dựng cơ sở dữ liệu cán bộ, công chức | Sở Nội vụ | Sở Thông tin "
    "và Truyền thông; UBND các huyện | Quý IV/2024 |\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Ban Tổ chức Tỉnh ủy\n"
    "\n"
    "1.1. Tham mưu Ban Thường vụ Tỉnh ủy ban hành quy định về đánh giá cán bộ.\n"
    "\n"
    "Thời gian thực hiện: Hoàn thành trong Quý II/2024.\n"
    "\n"
    "1.2. Hướng dẫn các cấp ủy trực thuộc rà soát quy hoạch cán bộ.\n"
    "\n"
    "Thời gian thực hiện: Thực hiện hằng năm.\n"
    "\n"
    "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị "
    "- xã hội tỉnh tuyên truyền, vận động Nhân dân tham gia thực hiện Kế hoạch.\n";

Test(task, plan_records, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_plan);
    /* the aim in section I sets a time but names no work: no task */
    cr_expect_eq(S_ntasks(), 6);

    /* role lines under an item */
    r = S_task("Tổ chức hội nghị quán triệt");
    S_expect_agencies(r, "lead:Sở Thông tin và Truyền thông;"
                         "coordinate:Sở Nội vụ;coordinate:Văn phòng UBND tỉnh;");
    S_expect_deadline(r, "2024-03");
    cr_expect_str_eq(r->section, "II.1");
    cr_expect(strstr(r->text, "Thời gian thực hiện") != NULL);
    cr_expect_eq(r->end - r->start, strlen(r->text));
    cr_expect(memcmp(S_t->text + r->start, r->text, strlen(r->text)) == 0);

    /* X chủ trì, phối hợp với Y, Z ...; báo cáo A (qua B) */
    r = S_task("Sở Tài chính chủ trì");
    S_expect_agencies(r, "lead:Sở Tài chính;coordinate:Sở Kế hoạch và Đầu tư;"
                         "coordinate:Kho bạc Nhà nước tỉnh;report_to:UBND tỉnh;");
    S_expect_deadline(r, "R/P1Y");

    /* a row of an assignment table */
    r = S_task("Xây dựng cơ sở dữ liệu cán bộ");
    S_expect_agencies(r, "lead:Sở Nội vụ;coordinate:Sở Thông tin và Truyền thông;"
                         "coordinate:UBND các huyện;");
    S_expect_deadline(r, "2024-Q4");

    /* an agency heading governs the items below it */
    r = S_task("Tham mưu Ban Thường vụ Tỉnh ủy ban hành");
    S_expect_agencies(r, "lead:Ban Tổ chức Tỉnh ủy;");
    S_expect_deadline(r, "2024-Q2");
    cr_expect_str_eq(r->section, "IV.1.1");
    r = S_task("Hướng dẫn các cấp ủy trực thuộc");
    S_expect_agencies(r, "lead:Ban Tổ chức Tỉnh ủy;");
    S_expect_deadline(r, "R/P1Y");

    /* courtesy words are not part of a name; a list under "và" splits */
    r = S_task("tuyên truyền, vận động Nhân dân");
    S_expect_agencies(r, "lead:Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh;"
                         "lead:các tổ chức chính trị - xã hội tỉnh;");
    S_expect_deadline(r, NULL);
}

static const char *S_blocks =
    "KẾ HOẠCH\n"
    "\n"
    "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    "\n"
    "1. Tổ chức quán triệt\n"
    "\n"
    "1.1. Các huyện ủy, thị ủy xây dựng chương trình hành động thực hiện Đề án; "
    "quý IV hằng năm báo cáo Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy).\n"
    "\n"
    "- Cơ quan lãnh đạo: Ban Thường vụ Tỉnh ủy.\n"
    "- Cơ quan tham mưu: Ban Tổ chức Tỉnh ủy.\n"
    "- Cơ quan thực hiện: Các huyện ủy, thị ủy; các sở, ban, ngành tỉnh.\n"
    "- Thời gian thực hiện: Thường xuyên.\n"
    "\n"
    "2. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp:\n"
    "\n"
    "- Rà soát các quy định về tuyển dụng công chức, hoàn thành trong năm 2025.\n"
    "- Ban Quản lý Khu kinh tế chủ trì xây dựng quy chế phối hợp.\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "Các sở, ban, ngành, đoàn thể tỉnh triển khai thực hiện Kế hoạch này. "
    "Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện.\n";

Test(task, blocks_and_bullets, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_blocks);
    cr_expect_eq(S_ntasks(), 5);

    /* the role lines decide the lead; the subject is not listed twice */
    r = S_task("Các huyện ủy, thị ủy xây dựng");
    S_expect_agencies(r, "lead:Ban Thường vụ Tỉnh ủy;advise:Ban Tổ chức Tỉnh ủy;"
                         "execute:Các huyện ủy, thị ủy;execute:các sở, ban, ngành tỉnh;"
                         "report_to:Ban Thường vụ Tỉnh ủy;");
    S_expect_deadline(r, "ongoing");

    /* "X chủ trì, phối hợp với Y:" then bullets: one task each */
    r = S_task("Rà soát các quy định về tuyển dụng");
    S_expect_agencies(r, "lead:Sở Nội vụ;coordinate:Sở Tư pháp;");
    S_expect_deadline(r, "2025");
    /* a bullet that names its own subject is led by it alone */
    r = S_task("Ban Quản lý Khu kinh tế chủ trì");
    S_expect_agencies(r, "lead:Ban Quản lý Khu kinh tế;");

    /* a collective under one determiner is one body; "Giao X" is a task */
    r = S_task("Các sở, ban, ngành, đoàn thể tỉnh triển khai");
    S_expect_agencies(r, "lead:Các sở, ban, ngành, đoàn thể tỉnh;");
    cr_expect(strstr(r->text, "Giao") == NULL);
    r = S_task("Giao Sở Nội vụ theo dõi");
    S_expect_agencies(r, "lead:Sở Nội vụ;");
}

static const char *S_resolution =
    "NGHỊ QUYẾT\n"
    "\n"
    "I. TÌNH HÌNH\n"
    "\n"
    "Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo công tác cán bộ hằng năm.\n"
    "\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n"
    "\n"
    "1. Đổi mới công tác đánh giá cán bộ\n"
    "\n"
    "Đánh giá cán bộ phải khách quan, toàn diện. Hằng năm, trên cơ sở kết quả "
    "thực hiện nhiệm vụ, các cấp ủy chủ động rà soát, bổ sung quy hoạch cán bộ. "
    "Xây dựng đội ngũ cán bộ có đủ phẩm chất, năng lực.\n"
    "\n"
    "Đến năm 2026, hoàn thành số hóa hồ sơ cán bộ thuộc diện Ban Thường vụ "
    "Tỉnh ủy quản lý. Chú trọng bồi dưỡng cán bộ trẻ.\n";

Test(task, resolution_prose, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_resolution);
    /* nothing from the situation section, nor from sentences with no body
     * and no time of their own */
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("các cấp ủy chủ động rà soát");
    S_expect_agencies(r, "lead:các cấp ủy;");
    S_expect_deadline(r, "R/P1Y");
    cr_expect(strncmp(r->text, "Hằng năm, trên cơ sở", 24) == 0);
    r = S_task("hoàn thành số hóa hồ sơ");
    S_expect_agencies(r, "");
    S_expect_deadline(r, "2026");
}

static const char *S_decree =
    "NGHỊ ĐỊNH\n"
    "\n"
    "Điều 1. Phạm vi điều chỉnh\n"
    "\n"
    "Người hưởng trợ cấp được chi trả hằng tháng qua tài khoản.\n"
    "\n"
    "Điều 2. Tổ chức thực hiện\n"
    "\n"
    "Sở Tài chính định kỳ hằng quý tổng hợp, báo cáo Ủy ban nhân dân tỉnh "
    "kết quả thực hiện.\n";

Test(task, legal_articles, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_decree);
    /* an article's time alone makes no task; a body's work does */
    cr_expect_eq(S_ntasks(), 1);
    r = S_task("Sở Tài chính định kỳ");
    S_expect_agencies(r, "lead:Sở Tài chính;report_to:Ủy ban nhân dân tỉnh;");
    S_expect_deadline(r, "R/P3M");
}

static const char *S_oneline =
    "KẾ HOẠCH\n"
    "\n"
    "II. NHIỆM VỤ\n"
    "\n"
    "1. Nâng cấp hệ thống quản lý văn bản điều hành.\n"
    "- Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Sở Tài chính, Sở Nội vụ; "
    "thời gian hoàn thành: Quý III/2024.\n";

Test(task, labels_on_one_line, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_oneline);
    cr_expect_eq(S_ntasks(), 1);
    r = S_task("Nâng cấp hệ thống");
    S_expect_agencies(r, "lead:Sở Y tế;coordinate:Sở Tài chính;coordinate:Sở Nội vụ;");
    S_expect_deadline(r, "2024-Q3");
}

static const char *S_table_exec =
    "KẾ HOẠCH\n"
    "\n"
    "III. PHÂN CÔNG NHIỆM VỤ\n"
    "\n"
    "| TT | Nội dung công việc | Đơn vị thực hiện | Thời gian hoàn thành (năm) |\n"
    "|---|---|---|---|\n"
    "| I | Nhiệm vụ chung | | |\n"
    "| 1 | Rà soát quy hoạch mạng lưới trường học | Sở Giáo dục và Đào tạo | 2025 |\n";

Test(task, table_without_lead_column, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_table_exec);
    /* the group row names no body: no task */
    cr_expect_eq(S_ntasks(), 1);
    r = S_task("Rà soát quy hoạch mạng lưới");
    S_expect_agencies(r, "execute:Sở Giáo dục và Đào tạo;");
    S_expect_deadline(r, "2025");
}

static const char *S_bold_heading =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "**Sở Nội vụ**\n"
    "\n"
    "- Hướng dẫn các cơ quan, đơn vị triển khai Kế hoạch.\n"
    "- Tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 15/12 hằng năm.\n";

Test(task, bold_agency_heading, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_bold_heading);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("Hướng dẫn các cơ quan");
    S_expect_agencies(r, "lead:Sở Nội vụ;");
    S_expect_deadline(r, NULL);
    r = S_task("Tổng hợp kết quả");
    S_expect_agencies(r, "lead:Sở Nội vụ;report_to:UBND tỉnh;");
    S_expect_deadline(r, "R/P1Y");
}

/* An appendix table: header before the first section row, section rows
 * between data rows, a row whose bodies wrapped onto the next line and a
 * short row of its own work under a merged time cell. */
static const char *S_table_sections =
    "KẾ HOẠCH\n"
    "\n"
    "PHỤ LỤC\n"
    "\n"
    "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |\n"
    "|---|---|---|---|---|---|\n"
    "| I. | NÂNG CAO NĂNG LỰC QUẢN LÝ | | | | |\n"
    "| 1 | Xây dựng cơ sở dữ liệu đất đai cấp xã | Sở Nông nghiệp và Môi trường | Sở Tài chính | Năm 2026 | Cơ sở dữ liệu |\n"
    "| Ủy ban nhân dân các xã, phường | Các hội, đoàn thể |\n"
    "| II. | ĐÀO TẠO | | | | |\n"
    "| 2 | Mở lớp tập huấn kỹ năng số cho cán bộ | Sở Nội vụ | Các sở, ngành | Quý III/2026 | Lớp học |\n"
    "| Biên soạn tài liệu tập huấn kỹ năng số | Trung tâm Chuyển đổi số tỉnh | Sở Nội vụ |\n";

Test(task, table_sections_and_wrapped_rows, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_table_sections);
    cr_expect_eq(S_ntasks(), 3);
    r = S_task("Xây dựng cơ sở dữ liệu đất đai");
    S_expect_agencies(r, "lead:Sở Nông nghiệp và Môi trường;coordinate:Sở Tài chính;"
                         "lead:Ủy ban nhân dân các xã, phường;coordinate:Các hội, đoàn thể;");
    S_expect_deadline(r, "2026");
    r = S_task("Mở lớp tập huấn");
    S_expect_agencies(r, "lead:Sở Nội vụ;coordinate:Các sở, ngành;");
    S_expect_deadline(r, "2026-Q3");
    r = S_task("Biên soạn tài liệu");
    S_expect_agencies(r, "lead:Trung tâm Chuyển đổi số tỉnh;coordinate:Sở Nội vụ;");
    S_expect_deadline(r, "2026-Q3");
}

/* A dash bullet that is only a body's name heads the "+" bullets under
 * it; a dash bullet with its own verb is a task of its own. */
static const char *S_dash_heads =
    "KẾ HOẠCH\n"
    "\n"
    "II. NHIỆM VỤ\n"
    "\n"
    "1. Hoàn thiện cơ chế quản lý chất thải\n"
    "\n"
    "- Sở Xây dựng\n"
    "+ Rà soát quy chuẩn kỹ thuật về bãi chôn lấp.\n"
    "+ Hướng dẫn cải tạo bãi chôn lấp cũ trong năm 2026.\n"
    "- Sở Văn hóa, Thể thao và Du lịch\n"
    "+ Lồng ghép nội dung bảo vệ môi trường vào lễ hội.\n"
    "- Sở Tài chính bố trí kinh phí thực hiện.\n";

Test(task, dash_bullet_agency_heads, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_dash_heads);
    cr_expect_eq(S_ntasks(), 4);
    r = S_task("Rà soát quy chuẩn");
    S_expect_agencies(r, "lead:Sở Xây dựng;");
    r = S_task("Hướng dẫn cải tạo");
    S_expect_agencies(r, "lead:Sở Xây dựng;");
    S_expect_deadline(r, "2026");
    r = S_task("Lồng ghép nội dung");
    S_expect_agencies(r, "lead:Sở Văn hóa, Thể thao và Du lịch;");
    r = S_task("bố trí kinh phí");
    S_expect_agencies(r, "lead:Sở Tài chính;");
}

/* Blocks opened with a courtesy word or followed by a role in brackets. */
static const char *S_courtesy_blocks =
    "KẾ HOẠCH\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Sở Công Thương (cơ quan thường trực)\n"
    "\n"
    "a) Theo dõi việc triển khai Kế hoạch.\n"
    "\n"
    "b) Tổng hợp kết quả trước ngày 20/12/2026.\n"
    "\n"
    "2. Đề nghị: Hiệp hội Du lịch tỉnh, Hội Nông dân tỉnh\n"
    "\n"
    "a) Vận động hội viên tham gia chương trình.\n"
    "\n"
    "3. Đề nghị Trung ương Hội Liên hiệp Phụ nữ Việt Nam\n"
    "\n"
    "- Chỉ đạo các cấp hội nhân rộng mô hình.\n"
    "\n"
    "4. Đề nghị các tổ chức tín dụng trên địa bàn\n"
    "\n"
    "a) Bố trí nguồn vốn cho vay ưu đãi.\n";

Test(task, courtesy_and_bracket_blocks, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_courtesy_blocks);
    cr_expect_eq(S_ntasks(), 5);
    r = S_task("Theo dõi việc triển khai");
    S_expect_agencies(r, "lead:Sở Công Thương;");
    r = S_task("Tổng hợp kết quả");
    S_expect_agencies(r, "lead:Sở Công Thương;");
    S_expect_deadline(r, "2026-12-20");
    r = S_task("Vận động hội viên");
    S_expect_agencies(r, "lead:Hiệp hội Du lịch tỉnh;lead:Hội Nông dân tỉnh;");
    r = S_task("nhân rộng mô hình");
    S_expect_agencies(r, "lead:Trung ương Hội Liên hiệp Phụ nữ Việt Nam;");
    r = S_task("Bố trí nguồn vốn");
    S_expect_agencies(r, "lead:các tổ chức tín dụng trên địa bàn;");
}

/* A table of indicators names who monitors each one: no tasks. */
static const char *S_indicator_table =
    "KẾ HOẠCH\n"
    "\n"
    "I. MỤC TIÊU\n"
    "\n"
    "| TT | Chỉ tiêu | Đơn vị tính | Mục tiêu năm 2030 | Cơ quan chủ trì theo dõi |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Tỷ lệ hồ sơ trực tuyến | % | 80 | Sở Khoa học và Công nghệ |\n";

Test(task, indicator_table_no_tasks, .init = fx_grammar_load, .fini = S_free)
{
    S_run(S_indicator_table);
    cr_expect_eq(S_ntasks(), 0);
}

/* A body followed by an ordinary verb of work is the task's lead. */
static const char *S_plain_verbs =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Ủy ban nhân dân cấp xã quyết định khen thưởng các tập thể tiêu biểu.\n"
    "\n"
    "2. Hội đồng thi đua họp xét danh sách đề nghị khen thưởng trước ngày 15/12/2026.\n";

Test(task, body_with_plain_verb_leads, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_plain_verbs);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("quyết định khen thưởng");
    S_expect_agencies(r, "lead:Ủy ban nhân dân cấp xã;");
    r = S_task("họp xét danh sách");
    S_expect_agencies(r, "lead:Hội đồng thi đua;");
    S_expect_deadline(r, "2026-12-15");
}

/* An adverbial between the subject and its verb, closed by a comma. */
static const char *S_inserted =
    "KẾ HOẠCH\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "3. Sở Tài chính trên cơ sở đề xuất của các sở, ngành, địa phương, chủ trì tổng hợp dự toán kinh phí.\n";

Test(task, adverbial_before_verb, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_inserted);
    cr_expect_eq(S_ntasks(), 1);
    r = S_task("tổng hợp dự toán");
    S_expect_agencies(r, "lead:Sở Tài chính;");
}

/* A closing paragraph: the reporting sentence without a subject of its
 * own belongs to the sentence before it. */
static const char *S_closing_report =
    "KẾ HOẠCH\n"
    "\n"
    "V. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "Các sở, ngành, địa phương chủ động triển khai Kế hoạch này. Định kỳ hằng năm báo cáo kết quả về Sở Nội vụ để tổng hợp.\n";

Test(task, closing_report_sentence_joins, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_closing_report);
    cr_expect_eq(S_ntasks(), 1);
    r = S_task("báo cáo kết quả về Sở Nội vụ");
    S_expect_agencies(r, "lead:Các sở, ngành, địa phương;report_to:Sở Nội vụ;");
    S_expect_deadline(r, "R/P1Y");
}

/* An intro paragraph whose subject takes on "the tasks below" is a task
 * and leads the numbered items after it. */
static const char *S_intro_block =
    "KẾT LUẬN\n"
    "\n"
    "1. Về đánh giá tình hình\n"
    "\n"
    "Công tác văn phòng có nhiều chuyển biến.\n"
    "\n"
    "2. Về nhiệm vụ trọng tâm đến năm 2027\n"
    "\n"
    "Thời gian tới, tình hình còn khó khăn. Quán triệt ý kiến chỉ đạo; căn cứ vào phương hướng đã nêu, "
    "Văn phòng Tỉnh ủy và các văn phòng huyện ủy cụ thể hoá để tổ chức thực hiện, trong đó tập trung một số nhiệm vụ sau:\n"
    "\n"
    "(1) Nâng cao chất lượng tham mưu tổng hợp.\n"
    "\n"
    "(2) Đẩy mạnh chuyển đổi số trong văn phòng.\n";

Test(task, intro_paragraph_block, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_intro_block);
    cr_expect_eq(S_ntasks(), 3);
    r = S_task("cụ thể hoá để tổ chức");
    S_expect_agencies(r, "lead:Văn phòng Tỉnh ủy;lead:các văn phòng huyện ủy;");
    S_expect_deadline(r, "2027");
    r = S_task("Nâng cao chất lượng tham mưu");
    S_expect_agencies(r, "lead:Văn phòng Tỉnh ủy;lead:các văn phòng huyện ủy;");
    S_expect_deadline(r, "2027");
}

/* The wrap-up paragraph hung under the last item is not that item's
 * work; its own subject leads it. */
static const char *S_wrapup =
    "KẾ HOẠCH\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Sở Lao động\n"
    "\n"
    "a) Hướng dẫn các xã triển khai chi trả.\n"
    "\n"
    "b) Theo dõi tiến độ chi trả hằng tháng.\n"
    "\n"
    "Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh. Trong quá trình thực hiện nếu có khó khăn, vướng mắc, "
    "các cơ quan, đơn vị báo cáo về Sở Lao động để tổng hợp.\n";

Test(task, wrapup_not_last_item, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_wrapup);
    cr_expect_eq(S_ntasks(), 3);
    r = S_task("Theo dõi tiến độ");
    cr_expect_null(strstr(r->text, "Trên đây"));
    S_expect_agencies(r, "lead:Sở Lao động;");
    r = S_task("báo cáo về Sở Lao động");
    S_expect_agencies(r, "lead:các cơ quan, đơn vị;report_to:Sở Lao động;");
}

/* Subjects after a label's colon and after a fronted clause's courtesy
 * word. */
static const char *S_late_subjects =
    "KẾ HOẠCH\n"
    "\n"
    "III. NHIỆM VỤ\n"
    "\n"
    "1. Cấp thẻ an sinh: Ủy ban nhân dân xã, phường phối hợp với ngân hàng rà soát danh sách.\n"
    "\n"
    "2. Trong quá trình thực hiện nếu có vướng mắc đề nghị các cơ quan, đơn vị phản ánh về Sở Tư pháp để hướng dẫn.\n";

Test(task, subjects_after_colon_and_courtesy, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_late_subjects);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("rà soát danh sách");
    S_expect_agencies(r, "lead:Ủy ban nhân dân xã, phường;");
    r = S_task("phản ánh về Sở Tư pháp");
    S_expect_agencies(r, "lead:các cơ quan, đơn vị;report_to:Sở Tư pháp;");
}

/* A block title naming bodies by what they do: the rest of the title
 * says which ones. */
static const char *S_title_rest =
    "KẾ HOẠCH\n"
    "\n"
    "V. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "4. Các doanh nghiệp hoạt động trong lĩnh vực vận tải, logistics trên địa bàn tỉnh\n"
    "\n"
    "- Ứng dụng nền tảng số trong quản lý phương tiện.\n"
    "- Chia sẻ dữ liệu hành trình với cơ quan quản lý.\n";

Test(task, title_with_rest_qualifier, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_title_rest);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("Ứng dụng nền tảng số");
    S_expect_agencies(r, "lead:Các doanh nghiệp hoạt động trong lĩnh vực vận tải, "
                         "logistics trên địa bàn tỉnh;");
}

/* A label's colon opens a clause of its own (with a fronted adverbial);
 * "nếu ... thì" puts the subject after "thì"; an evaluation section gives
 * no tasks. */
static const char *S_clauses =
    "BÁO CÁO KẾT LUẬN\n"
    "\n"
    "1. Về đánh giá tình hình năm 2025\n"
    "\n"
    "Các văn phòng huyện ủy đẩy mạnh cải cách hành chính.\n"
    "\n"
    "2. Về nhiệm vụ năm 2026\n"
    "\n"
    "a) Chi trả trợ cấp: Sau khi mở tài khoản, Ủy ban nhân dân xã phối hợp với ngân hàng chi trả.\n"
    "\n"
    "b) Quá trình thực hiện nếu có khó khăn thì các văn phòng huyện ủy kịp thời báo cáo.\n";

Test(task, label_clauses_and_thi, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_clauses);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("ngân hàng chi trả");
    S_expect_agencies(r, "lead:Ủy ban nhân dân xã;");
    r = S_task("kịp thời báo cáo");
    S_expect_agencies(r, "lead:các văn phòng huyện ủy;");
}

/* "X yêu cầu Y ...": Y does the work; an intro paragraph's block covers
 * the items after it but not a heading with its own structure. */
static const char *S_asks =
    "NGHỊ QUYẾT\n"
    "\n"
    "III. NHIỆM VỤ, GIẢI PHÁP\n"
    "\n"
    "Nhằm đạt được mục tiêu trên, các bộ, cơ quan trung ương cần tổ chức thực hiện các nhiệm vụ sau:\n"
    "\n"
    "1. Hoàn thiện thể chế\n"
    "\n"
    "a) Bộ Tư pháp rà soát các văn bản quy phạm pháp luật.\n"
    "\n"
    "b) Bộ Nội vụ sửa đổi quy định về khen thưởng.\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "Ủy ban nhân dân tỉnh yêu cầu Sở Tài chính bố trí kinh phí thực hiện.\n";

Test(task, asked_bodies_and_intro_scope, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_asks);
    cr_expect_eq(S_ntasks(), 4);
    r = S_task("cần tổ chức thực hiện");
    S_expect_agencies(r, "lead:các bộ, cơ quan trung ương;");
    r = S_task("rà soát các văn bản");
    S_expect_agencies(r, "lead:Bộ Tư pháp;");
    r = S_task("sửa đổi quy định");
    S_expect_agencies(r, "lead:Bộ Nội vụ;");
    r = S_task("bố trí kinh phí");
    S_expect_agencies(r, "lead:Sở Tài chính;");
}

/* A preamble whose last sentence asks bodies to carry out the work below
 * is a task; other preambles assign nothing. */
static const char *S_preamble_ask =
    "NGHỊ QUYẾT\n"
    "\n"
    "Năm 2026 có ý nghĩa quan trọng. Để triển khai hiệu quả nhiệm vụ trên, Chính phủ yêu cầu các bộ, ngành trung ương tập trung thực hiện các nhiệm vụ sau:\n"
    "\n"
    "I. MỤC TIÊU\n"
    "\n"
    "Nâng cao chất lượng môi trường sống.\n"
    "\n"
    "II. NHIỆM VỤ\n"
    "\n"
    "1. Bộ Xây dựng ban hành quy chuẩn về bãi chôn lấp.\n";

Test(task, preamble_that_asks, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_preamble_ask);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("Chính phủ yêu cầu");
    S_expect_agencies(r, "lead:các bộ, ngành trung ương;");
    r = S_task("ban hành quy chuẩn");
    S_expect_agencies(r, "lead:Bộ Xây dựng;");
}

/* A time cell that no time phrase reads is still the row's time: the
 * heading's year is not inherited. */
static const char *S_table_odd_time =
    "KẾ HOẠCH\n"
    "\n"
    "II. NHIỆM VỤ NĂM 2026\n"
    "\n"
    "| STT | Nội dung | Cơ quan chủ trì | Thời gian |\n"
    "|---|---|---|---|\n"
    "| 1 | Tập huấn nghiệp vụ cho cán bộ | Sở Nội vụ | Năm 2026 |\n"
    "| 2 | Điều chỉnh danh mục nhiệm vụ | Sở Tài chính | Theo tiến độ dự án |\n";

Test(task, table_time_cell_wins, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_table_odd_time);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("Tập huấn nghiệp vụ");
    S_expect_deadline(r, "2026");
    r = S_task("Điều chỉnh danh mục");
    S_expect_agencies(r, "lead:Sở Tài chính;");
    S_expect_deadline(r, NULL);
}

/* A time column holds what a label may say bare: a range of years is the
 * period, as "Thời gian thực hiện: 2026 - 2030" is. */
static const char *S_table_year_range =
    "KẾ HOẠCH\n"
    "\n"
    "PHỤ LỤC\n"
    "\n"
    "| STT | Tên nhiệm vụ/dự án | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả dự kiến | Thời gian triển khai |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | Xây dựng kho dữ liệu mô hình thông tin công trình | Bộ Xây dựng | Các địa phương | Kho dữ liệu | 2026-2028 |\n"
    "| 2 | Đào tạo cán bộ chuyển đổi số | Bộ Xây dựng | Các bộ, ngành | Khóa đào tạo | 2026 - 2030 |\n"
    "| 3 | Rà soát các văn bản quy phạm pháp luật | Bộ Tư pháp | Các bộ | Văn bản | 2026 |\n";

Test(task, table_time_column_year_range, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_table_year_range);
    cr_expect_eq(S_ntasks(), 3);
    r = S_task("Xây dựng kho dữ liệu");
    S_expect_agencies(r, "lead:Bộ Xây dựng;coordinate:Các địa phương;");
    S_expect_deadline(r, "2026/2028");
    r = S_task("Đào tạo cán bộ");
    S_expect_deadline(r, "2026/2030");
    r = S_task("Rà soát các văn bản");
    S_expect_deadline(r, "2026");
}

/* A header over two lines: "Cơ quan" above "Chủ trì | Phối hợp". */
static const char *S_table_two_line_header =
    "KẾ HOẠCH\n"
    "\n"
    "II. NHIỆM VỤ\n"
    "\n"
    "| STT | Nội dung công việc | Cơ quan | | Thời gian hoàn thành |\n"
    "|---|---|---|---|---|\n"
    "| | | Chủ trì | Phối hợp | |\n"
    "| 1 | Xây dựng cơ sở dữ liệu dân cư | Công an tỉnh | Sở Tư pháp | Quý I/2026 |\n"
    "| 2 | Số hóa hồ sơ hộ tịch | Sở Tư pháp | Ủy ban nhân dân các xã | Năm 2027 |\n";

Test(task, table_two_line_header, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_table_two_line_header);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("Xây dựng cơ sở dữ liệu dân cư");
    S_expect_agencies(r, "lead:Công an tỉnh;coordinate:Sở Tư pháp;");
    S_expect_deadline(r, "2026-Q1");
    r = S_task("Số hóa hồ sơ");
    S_expect_agencies(r, "lead:Sở Tư pháp;coordinate:Ủy ban nhân dân các xã;");
    S_expect_deadline(r, "2027");
}

/* A unit in brackets between the body and its verb. */
static const char *S_bracket_unit =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "- Sở Y tế (Chi cục Dân số) sẽ kiểm tra ngẫu nhiên hồ sơ của các xã.\n";

Test(task, bracketed_unit_before_verb, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_bracket_unit);
    cr_expect_eq(S_ntasks(), 1);
    r = S_task("kiểm tra ngẫu nhiên");
    S_expect_agencies(r, "lead:Sở Y tế;");
}

/* "N. Body: its work" on one line: the body named before the colon leads
 * (not the bodies named inside the work); an enterprise asked is a body;
 * "Body: gồm ..." and an award quota ("Body: Xét tối đa ...") are no
 * such lines; "Thủ trưởng các Sở: X, Y" names the bodies that execute
 * the decision, each title a lead. */
static const char *S_colon_heads =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Sở Văn hóa và Thể thao: Hướng dẫn các xã, phường tổ chức ngày hội đọc sách; phối hợp với Sở Tài chính bố trí kinh phí.\n"
    "\n"
    "2. Đề nghị Tổng công ty Bưu điện Miền Trung: Bảo đảm chuyển phát sách đến các điểm bưu điện văn hóa xã.\n"
    "\n"
    "3. Tổ biên tập: gồm Trưởng phòng Văn hóa và hai chuyên viên.\n"
    "\n"
    "5. Ủy ban nhân dân các xã, phường: Xét tối đa 03 tập thể và 05 cá nhân.\n"
    "\n"
    "4. Chánh Văn phòng UBND tỉnh, Thủ trưởng các Sở: Văn hóa và Thể thao, Tài chính chịu trách nhiệm thi hành Quyết định này.\n";

Test(task, colon_headings_lead, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_colon_heads);
    r = S_task("ngày hội đọc sách");
    S_expect_agencies(r, "lead:Sở Văn hóa và Thể thao;coordinate:Sở Tài chính;");
    r = S_task("chuyển phát sách");
    S_expect_agencies(r, "lead:Tổng công ty Bưu điện Miền Trung;");
    r = S_task("thi hành Quyết định này");
    S_expect_agencies(r, "lead:Chánh Văn phòng UBND tỉnh;"
                         "lead:Thủ trưởng các Sở: Văn hóa và Thể thao, Tài chính;");
    cr_expect_eq(S_ntasks(), 3);
}

/* An intro that only names bodies and hands them the items below is no
 * task; each item is, led by the intro's bodies unless it names its own
 * subject ("Giao X ...", "X phối hợp ..."). Body-subject sentences under
 * Yêu cầu count; an enterprise's block heading leads its bullets. */
static const char *S_bare_intro_doc =
    "KẾ HOẠCH\n"
    "\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "\n"
    "2. Yêu cầu\n"
    "\n"
    "- Các doanh nghiệp bưu chính phối hợp với các đơn vị liên quan bảo đảm phát hành báo đúng hạn.\n"
    "\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "Sở Nông nghiệp và Môi trường, UBND cấp xã và các cơ quan có liên quan có trách nhiệm:\n"
    "\n"
    "1. Giao Sở Nông nghiệp và Môi trường chủ động rà soát danh mục hồ chứa nước.\n"
    "\n"
    "2. Kiểm tra định kỳ các công trình thủy lợi trên địa bàn.\n"
    "\n"
    "III. CÁC DOANH NGHIỆP\n"
    "\n"
    "1. Các chủ đầu tư hạ tầng cụm công nghiệp\n"
    "\n"
    "- Bố trí mặt bằng lắp đặt trạm xử lý nước thải.\n";

Test(task, bare_intro_and_enterprises, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_bare_intro_doc);
    r = S_task("phát hành báo");
    S_expect_agencies(r, "lead:Các doanh nghiệp bưu chính;coordinate:các đơn vị liên quan;");
    r = S_task("danh mục hồ chứa");
    S_expect_agencies(r, "lead:Sở Nông nghiệp và Môi trường;");
    r = S_task("công trình thủy lợi");
    S_expect_agencies(r, "lead:Sở Nông nghiệp và Môi trường;lead:UBND cấp xã;"
                         "lead:các cơ quan có liên quan;");
    r = S_task("trạm xử lý nước thải");
    S_expect_agencies(r, "lead:Các chủ đầu tư hạ tầng cụm công nghiệp;");
    cr_expect_eq(S_ntasks(), 4);
}

/* A decision's article whose intro describes its bodies at length before
 * "có trách nhiệm:"; its items open with a label ("Đối với ...:") and
 * may assign a body of their own ("Giao Sở X ..."). */
static const char *S_article_intro =
    "QUYẾT ĐỊNH\n"
    "\n"
    "Điều 1. Thông qua phương án cắt giảm thủ tục hành chính lĩnh vực xây dựng.\n"
    "\n"
    "Điều 2. Sở Xây dựng, UBND cấp xã và các cơ quan, đơn vị có liên quan đến các thủ tục nêu tại Điều 1 của Quyết định này, có trách nhiệm:\n"
    "\n"
    "1. Đối với thủ tục cấp giấy phép: Giao Sở Xây dựng dự thảo quy trình nội bộ rút gọn.\n"
    "\n"
    "2. Đối với thủ tục thẩm định: Rà soát hồ sơ mẫu, đề xuất bãi bỏ giấy tờ trùng lặp.\n";

Test(task, article_intro_and_labelled_items, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_article_intro);
    r = S_task("quy trình nội bộ");
    S_expect_agencies(r, "lead:Sở Xây dựng;");
    r = S_task("giấy tờ trùng lặp");
    S_expect_agencies(r, "lead:Sở Xây dựng;lead:UBND cấp xã;"
                         "lead:các cơ quan, đơn vị có liên quan đến các thủ tục "
                         "nêu tại Điều 1 của Quyết định này;");
    cr_expect_eq(S_ntasks(), 2);
}

/* Enterprise blocks whose title says which ones ("... đang hoạt động
 * trong ...", "... xây dựng và kinh doanh ..."), and a funding section
 * whose sentence has an enterprise for subject. */
static const char *S_enterprise_blocks =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Các doanh nghiệp thứ cấp đang hoạt động trong cụm công nghiệp\n"
    "\n"
    "- Lắp đặt thiết bị quan trắc nước thải tự động.\n"
    "\n"
    "2. Các chủ đầu tư xây dựng và kinh doanh hạ tầng cụm công nghiệp\n"
    "\n"
    "- Bàn giao mặt bằng cho đơn vị thi công trạm xử lý.\n"
    "\n"
    "IV. KINH PHÍ\n"
    "\n"
    "Doanh nghiệp viễn thông bảo đảm kinh phí lắp đặt cáp quang đến các cụm công nghiệp.\n";

Test(task, enterprise_blocks_and_funding, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_enterprise_blocks);
    r = S_task("quan trắc nước thải");
    S_expect_agencies(r, "lead:Các doanh nghiệp thứ cấp đang hoạt động trong cụm công nghiệp;");
    r = S_task("Bàn giao mặt bằng");
    S_expect_agencies(r, "lead:Các chủ đầu tư xây dựng và kinh doanh hạ tầng cụm công nghiệp;");
    r = S_task("cáp quang");
    S_expect_agencies(r, "lead:Doanh nghiệp viễn thông;");
    cr_expect_eq(S_ntasks(), 3);
}

/* Under a body's block, a body named only in a later clause of an item
 * does not take the item from the block's body. */
static const char *S_block_keeps_lead =
    "KẾ HOẠCH\n"
    "\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Sở Công Thương\n"
    "\n"
    "- Theo dõi thị trường xăng dầu trên địa bàn; các doanh nghiệp đầu mối phối hợp báo cáo lượng hàng dự trữ.\n"
    "\n"
    "- Sở Tài chính phối hợp kiểm tra giá bán lẻ.\n";

Test(task, block_keeps_lead, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_block_keeps_lead);
    r = S_task("thị trường xăng dầu");
    S_expect_agencies(r, "lead:Sở Công Thương;");
    r = S_task("giá bán lẻ");
    S_expect_agencies(r, "lead:Sở Tài chính;");
    cr_expect_eq(S_ntasks(), 2);
}

/* Media bodies in a block heading with a colon, each a lead; a wrap-up
 * whose last clause asks bodies to carry the plan out. */
static const char *S_media_closing =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Các cơ quan thông tin của tỉnh: Mở chuyên mục về phòng chống dịch bệnh.\n"
    "\n"
    "2. Đài Phát thanh và Truyền hình tỉnh, Cổng Thông tin điện tử tỉnh và hệ thống truyền thanh cơ sở:\n"
    "\n"
    "- Đưa tin thường xuyên về lịch tiêm chủng.\n"
    "\n"
    "Trên đây là Kế hoạch phòng chống dịch bệnh năm 2026; các cơ quan, đơn vị, doanh nghiệp nghiêm túc triển khai thực hiện./.\n";

Test(task, media_bodies_and_closing, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_media_closing);
    r = S_task("Mở chuyên mục");
    S_expect_agencies(r, "lead:Các cơ quan thông tin của tỉnh;");
    r = S_task("lịch tiêm chủng");
    S_expect_agencies(r, "lead:Đài Phát thanh và Truyền hình tỉnh;"
                         "lead:Cổng Thông tin điện tử tỉnh;"
                         "lead:hệ thống truyền thanh cơ sở;");
    r = S_task("nghiêm túc triển khai");
    S_expect_agencies(r, "lead:các cơ quan, đơn vị, doanh nghiệp;");
    cr_expect_eq(S_ntasks(), 3);
}

/* Block headings whose colon is left out, and common-noun bodies whose
 * qualifier holds words no name list has ("cấp nước sạch trên địa bàn"):
 * the predicate only a subject takes ("có trách nhiệm") ends the name. */
static const char *S_no_colon_doc =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm\n"
    "\n"
    "a) Tiếp tục đầu tư mạng lưới cấp nước.\n"
    "\n"
    "b) Phối hợp, tạo điều kiện cho các tổ chức đấu nối.\n"
    "\n"
    "2. Sở Y tế\n"
    "\n"
    "a) Kiểm tra chất lượng nước.\n"
    "\n"
    "3. Các cơ quan xử lý phải có trách nhiệm cử một lãnh đạo làm đầu mối.\n";

Test(task, heading_without_colon_and_long_collective, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_no_colon_doc);
    r = S_task("mạng lưới cấp nước");
    S_expect_agencies(r, "lead:Các đơn vị cấp nước sạch trên địa bàn thành phố;");
    r = S_task("tạo điều kiện cho các tổ chức");
    S_expect_agencies(r, "lead:Các đơn vị cấp nước sạch trên địa bàn thành phố;");
    r = S_task("chất lượng nước");
    S_expect_agencies(r, "lead:Sở Y tế;");
    r = S_task("cử một lãnh đạo");
    S_expect_agencies(r, "lead:Các cơ quan xử lý;");
    cr_expect_eq(S_ntasks(), 4);
}

/* "X: Là ...": a body described after its colon leads the items of the
 * sub-headings below it; the description itself is no task. */
static const char *S_described_doc =
    "CHỈ THỊ\n"
    "\n"
    "I. TRÁCH NHIỆM\n"
    "\n"
    "1. Các sở, ban, ngành, địa phương: Là các đơn vị được lấy ý kiến thẩm định, có trách nhiệm:\n"
    "\n"
    "1.1. Trách nhiệm chung\n"
    "\n"
    "a) Đánh giá sự phù hợp của dự án với quy hoạch.\n"
    "\n"
    "b) Đánh giá hiệu quả kinh tế - xã hội của dự án.\n";

Test(task, described_body_leads_items_below, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_described_doc);
    r = S_task("phù hợp của dự án");
    S_expect_agencies(r, "lead:Các sở, ban, ngành, địa phương;");
    r = S_task("hiệu quả kinh tế");
    S_expect_agencies(r, "lead:Các sở, ban, ngành, địa phương;");
    cr_expect_eq(S_ntasks(), 2);
}

/* A heading whose bracket at the line's end says which bodies a common
 * noun means: the name stops at the bracket, and leads the items. */
static const char *S_bracket_doc =
    "CHỈ THỊ\n"
    "\n"
    "I. TRÁCH NHIỆM\n"
    "\n"
    "1. Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên):\n"
    "\n"
    "a) Là đầu mối chủ trì, tiếp nhận hồ sơ.\n"
    "\n"
    "b) Chịu trách nhiệm kiểm tra hồ sơ.\n";

Test(task, bracket_after_a_collective_heading, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_bracket_doc);
    r = S_task("đầu mối chủ trì");
    S_expect_agencies(r, "lead:Các cơ quan đăng ký đầu tư;");
    r = S_task("kiểm tra hồ sơ");
    S_expect_agencies(r, "lead:Các cơ quan đăng ký đầu tư;");
    cr_expect_eq(S_ntasks(), 2);
}

/* The wrap-up "Trên đây là ..., yêu cầu X ... triển khai" hands work to
 * the bodies after its comma; a wrap-up that asks no body gives nothing. */
static const char *S_wrapup_ask_doc =
    "CHỈ THỊ\n"
    "\n"
    "I. TRÁCH NHIỆM\n"
    "\n"
    "1. Sở Y tế kiểm tra.\n"
    "\n"
    "Trên đây là Chỉ thị về tăng cường phối hợp, yêu cầu Thủ trưởng các sở, ban, ngành, "
    "Chủ tịch UBND các xã, phường nghiêm túc triển khai thực hiện./.\n";

Test(task, wrapup_that_asks_bodies, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_wrapup_ask_doc);
    r = S_task("nghiêm túc triển khai");
    S_expect_agencies(r, "lead:Thủ trưởng các sở, ban, ngành;lead:Chủ tịch UBND các xã, phường;");
    cr_expect_eq(S_ntasks(), 2);
}

/* A step with no body of its own ("- Tổng hợp, báo cáo ở cấp thành
 * phố") over points that name theirs: each such point is a task. */
static const char *S_step_points_doc =
    "KẾ HOẠCH\n"
    "\n"
    "IV. CÁC BƯỚC ĐÁNH GIÁ\n"
    "\n"
    "- Tổng hợp, báo cáo ở cấp thành phố\n"
    "+ Các cơ quan, đơn vị liên quan thu thập thông tin theo các mẫu biểu.\n"
    "+ Sở Nông nghiệp và Môi trường tổng hợp chung các mẫu biểu.\n"
    "+ Thu thập các tài liệu liên quan.\n";

Test(task, step_without_body_over_points_with_bodies, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_step_points_doc);
    r = S_task("thu thập thông tin");
    S_expect_agencies(r, "lead:Các cơ quan, đơn vị liên quan;");
    r = S_task("tổng hợp chung");
    S_expect_agencies(r, "lead:Sở Nông nghiệp và Môi trường;");
    cr_expect_eq(S_ntasks(), 2);
}

/* A bodiless line that states a goal with a rate ("giảm hàng năm
 * 1%-1,5%") is a target: its recurrence is the rate's, not a time of
 * work; a line of work with the same recurrence stays a task. */
static const char *S_rate_goal_doc =
    "KẾ HOẠCH\n"
    "\n"
    "II. DỰ BÁO CÁC CHỈ TIÊU\n"
    "\n"
    "1. Dự báo các chỉ tiêu kinh tế - xã hội đến năm 2026\n"
    "- Tỷ lệ hộ nghèo giảm hàng năm 1%-1,5%.\n"
    "- Hằng năm, tổ chức hội nghị tổng kết.\n";

Test(task, rate_goal_is_no_task, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_rate_goal_doc);
    r = S_task("hội nghị tổng kết");
    S_expect_deadline(r, "R/P1Y");
    cr_expect_eq(S_ntasks(), 1);
}

/* "Điều 4. Trách nhiệm của Sở Khoa học và Công nghệ": the items below
 * are the duties of the body the title names; "Trách nhiệm thi hành"
 * names none. */
static const char *S_duties_doc =
    "QUY CHẾ\n"
    "\n"
    "Chương V\n"
    "TỔ CHỨC THỰC HIỆN\n"
    "Điều 4. Trách nhiệm của Sở Khoa học và Công nghệ\n"
    "1. Chủ trì tham mưu cải tiến Hệ thống.\n"
    "2. Hỗ trợ, hướng dẫn, tập huấn cho các cơ quan, đơn vị.\n"
    "Điều 5. Nhiệm vụ, trách nhiệm của Công an thành phố\n"
    "1. Giám sát công tác bảo đảm an toàn thông tin mạng.\n";

Test(task, duties_of_the_body_a_title_names, .init = fx_grammar_load, .fini = S_free)
{
    S_run(S_duties_doc);
    S_expect_agencies(S_task("cải tiến Hệ thống"), "lead:Sở Khoa học và Công nghệ;");
    S_expect_agencies(S_task("tập huấn"), "lead:Sở Khoa học và Công nghệ;");
    S_expect_agencies(S_task("an toàn thông tin"), "lead:Công an thành phố;");
    cr_expect_eq(S_ntasks(), 3);
}

/* "xã/phường": a slash between lower-case words lists them, so the body
 * is one name with it; dates and numbers keep their slashes. */
static const char *S_slash_doc =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Ủy ban nhân dân xã/phường chủ trì xây dựng kế hoạch trước ngày 15/5/2026.\n"
    "2. Chủ tịch Ủy ban nhân dân xã/phường ra quyết định hỗ trợ theo Nghị quyết số 28-NQ/TW.\n"
    "3. Trước ngày 20 tháng 12 hằng năm, Ủy ban nhân dân cấp xã lập danh sách hộ nghèo.\n";

Test(task, slash_between_words_lists_them, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_slash_doc);
    r = S_task("xây dựng kế hoạch");
    S_expect_agencies(r, "lead:Ủy ban nhân dân xã/phường;");
    S_expect_deadline(r, "2026-05-15");
    S_expect_agencies(S_task("ra quyết định"), "lead:Chủ tịch Ủy ban nhân dân xã/phường;");
    S_expect_agencies(S_task("lập danh sách"), "lead:Ủy ban nhân dân cấp xã;");
    cr_expect_eq(S_ntasks(), 3);
}

/* A state fund is a body ("Quỹ đầu tư phát triển Thành phố"); the land
 * fund in lower case ("quỹ đất") is none. */
static const char *S_fund_doc =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Định kỳ hàng năm, Quỹ đầu tư phát triển Thành phố có trách nhiệm báo cáo kết quả.\n"
    "2. Bảo đảm quỹ đất tái định cư được bố trí đầy đủ.\n";

Test(task, a_state_fund_is_a_body, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_fund_doc);
    r = S_task("báo cáo kết quả");
    S_expect_agencies(r, "lead:Quỹ đầu tư phát triển Thành phố;");
    S_expect_deadline(r, "R/P1Y");
    cr_expect_eq(S_ntasks(), 1);
}

/* "Năm 2026, tỷ lệ ... đạt 45%" is a goal in a plan dated 2026 and a
 * result in a report of that year, or for a year the plan looks back on
 * (target exclusion tg_x_baseline with its year, target.c). */
static size_t S_ntargets(void)
{
    size_t i, n = 0;
    for (i = 0; i < S_d->nrecords; i++)
        n += S_d->records[i].kind == NQX_TARGET;
    return n;
}

static const char *S_year_plan =
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nSố: 12/%s-UBND\n\n"
    "Quảng Ngãi, ngày 10 tháng 01 năm 2026\n\n%s\n\n"
    "Phát triển kinh tế - xã hội năm 2026\n\nI. MỤC TIÊU\n\n"
    "1. Năm 2026, tỷ lệ che phủ rừng đạt 45%%.\n\n"
    "2. Năm 2025, tỷ lệ che phủ rừng đạt 44%%.\n";

Test(task, a_year_not_yet_lived_is_a_goal_year, .init = fx_grammar_load, .fini = S_free)
{
    char buf[1024];
    size_t i;
    snprintf(buf, sizeof buf, S_year_plan, "KH", "KẾ HOẠCH");
    S_run(buf);
    cr_assert_eq(S_ntargets(), 1);
    for (i = 0; i < S_d->nrecords; i++)
        if (S_d->records[i].kind == NQX_TARGET) {
            cr_expect_eq(S_d->records[i].low, 45);
            cr_expect_str_eq(S_d->records[i].deadline, "2026");
        }
    snprintf(buf, sizeof buf, S_year_plan, "BC", "BÁO CÁO");
    S_run(buf);
    cr_expect_eq(S_ntargets(), 0);
}

/* Party plans shorten "các chi bộ, đảng bộ" to "các chi, đảng bộ". */
static const char *S_party_doc =
    "KẾ HOẠCH\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "1. Các chi, đảng bộ trực thuộc xây dựng kế hoạch thực hiện, hoàn thành trước ngày 30/6/2026.\n";

Test(task, chi_dang_bo_is_a_body, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_party_doc);
    r = S_task("xây dựng kế hoạch");
    S_expect_agencies(r, "lead:Các chi, đảng bộ trực thuộc;");
    S_expect_deadline(r, "2026-06-30");
    cr_expect_eq(S_ntasks(), 1);
}

/* Units below the commune (thôn, tổ dân phố, ...) qualify a body's name
 * as a commune does: "Các chi bộ thôn", "Ban công tác Mặt trận thôn". */
static const char *S_village_doc =
    "KẾ HOẠCH\n"
    "\n"
    "III. NHIỆM VỤ\n"
    "1. Các chi bộ thôn lãnh đạo thực hiện tốt nhiệm vụ chính trị ở địa bàn.\n"
    "2. Ban công tác Mặt trận tổ dân phố vận động Nhân dân tham gia.\n";

Test(task, bodies_of_villages, .init = fx_grammar_load, .fini = S_free)
{
    S_run(S_village_doc);
    S_expect_agencies(S_task("nhiệm vụ chính trị"), "lead:Các chi bộ thôn;");
    S_expect_agencies(S_task("vận động"), "lead:Ban công tác Mặt trận tổ dân phố;");
    cr_expect_eq(S_ntasks(), 2);
}

/* An office holder named after the address "Đồng chí", and the deputy
 * titles, lead the work they are given. */
static const char *S_officer_doc =
    "KẾ HOẠCH\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Đồng chí Bí thư Huyện ủy chỉ đạo chung việc thực hiện Kế hoạch.\n"
    "2. Phó Chủ tịch Ủy ban nhân dân huyện chỉ đạo các phòng, ban thực hiện.\n";

Test(task, office_holders_lead, .init = fx_grammar_load, .fini = S_free)
{
    S_run(S_officer_doc);
    S_expect_agencies(S_task("chỉ đạo chung"), "lead:Đồng chí Bí thư Huyện ủy;");
    S_expect_agencies(S_task("các phòng, ban"), "lead:Phó Chủ tịch Ủy ban nhân dân huyện;");
    cr_expect_eq(S_ntasks(), 2);
}

/* The lead named after the work: "... do X chủ trì, ...", "(X chủ trì,
 * Y phối hợp; ...)"; not bodies that lead something else ("(các Bộ chủ
 * trì dự án, ...)"). */
static const char *S_after_doc =
    "KẾ HOẠCH\n"
    "\n"
    "III. NHIỆM VỤ CỤ THỂ\n"
    "1. Tổ chức hội nghị quán triệt Nghị quyết (Ban Tuyên giáo và Dân vận Huyện ủy chủ trì, "
    "Văn phòng Huyện ủy phối hợp; thời gian: tháng 3/2026).\n"
    "2. Rà soát, bổ sung quy hoạch cán bộ do Ban Tổ chức Huyện ủy chủ trì, hoàn thành trong quý II/2026.\n";

Test(task, lead_named_after_the_work, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_after_doc);
    r = S_task("quán triệt");
    S_expect_agencies(r, "lead:Ban Tuyên giáo và Dân vận Huyện ủy;");
    S_expect_deadline(r, "2026-03");
    r = S_task("quy hoạch cán bộ");
    S_expect_agencies(r, "lead:Ban Tổ chức Huyện ủy;");
    S_expect_deadline(r, "2026-Q2");
    cr_expect_eq(S_ntasks(), 2);
}

/* A body that hands work to another ("X giao Y chủ trì ...") is not the
 * lead: Y is; a block intro after "Giao"/"Đề nghị" names its body, then
 * its verb; and an intro that only hands out the items below is no task
 * of its own. "Bộ Ngoại giao", "Cảnh sát giao thông" stay whole. */
static const char *S_assigned =
    "Điều 2. Tổ chức thực hiện\n"
    "1. Ban Thường vụ Tỉnh ủy giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy hướng dẫn thực hiện.\n"
    "2. Giao Ủy ban nhân dân tỉnh chỉ đạo thực hiện các nội dung sau:\n"
    "a) Rà soát quy hoạch sử dụng đất.\n"
    "b) Bố trí kinh phí thực hiện.\n"
    "3. Ủy ban nhân dân tỉnh có trách nhiệm thực hiện các nhiệm vụ sau:\n"
    "a) Hướng dẫn triển khai.\n"
    "4. Bộ Ngoại giao chủ trì tổng hợp ý kiến.\n"
    "5. Cục Cảnh sát giao thông có trách nhiệm quản lý cơ sở dữ liệu.\n";

Test(task, work_handed_to_another_body, .init = fx_grammar_load, .fini = S_free)
{
    S_run(S_assigned);
    S_expect_agencies(S_task("1. Ban Thường vụ"),
                      "lead:Ban Tổ chức Tỉnh ủy;coordinate:Văn phòng Tỉnh ủy;");
    S_expect_agencies(S_task("a) Rà soát"), "lead:Ủy ban nhân dân tỉnh;");
    S_expect_agencies(S_task("b) Bố trí"), "lead:Ủy ban nhân dân tỉnh;");
    S_expect_agencies(S_task("a) Hướng dẫn"), "lead:Ủy ban nhân dân tỉnh;");
    S_expect_agencies(S_task("4. Bộ Ngoại giao"), "lead:Bộ Ngoại giao;");
    S_expect_agencies(S_task("5. Cục Cảnh sát"), "lead:Cục Cảnh sát giao thông;");
    cr_expect_eq(S_ntasks(), 6);
}

/* The points of an item that name their own body ("+ Sở Xây dựng:
 * hướng dẫn ...") are tasks of their own, led by it; a time label on a
 * line of its own after the points is the whole item's. */
static const char *S_points =
    "IV. NHIỆM VỤ CỤ THỂ\n"
    "1.3. Sở Tài chính\n"
    "- Phối hợp hướng dẫn các cơ quan, đơn vị thực hiện kiểm kê tài sản kết cấu hạ tầng, cụ thể:\n"
    "+ Sở Xây dựng: hướng dẫn các cơ quan, đơn vị kiểm kê tài sản kết cấu hạ tầng giao thông;\n"
    "+ Sở Công Thương: hướng dẫn các cơ quan, đơn vị kiểm kê tài sản kết cấu hạ tầng thương mại.\n"
    "Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.\n"
    "- Cử công chức chuyên môn tham gia tổ công tác.\n";

Test(task, points_naming_their_own_body, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_points);
    r = S_task("- Phối hợp hướng dẫn");
    S_expect_agencies(r, "lead:Sở Tài chính;");
    S_expect_deadline(r, "ongoing");
    r = S_task("Sở Xây dựng: hướng dẫn");
    S_expect_agencies(r, "lead:Sở Xây dựng;");
    S_expect_deadline(r, "ongoing");
    r = S_task("Sở Công Thương: hướng dẫn");
    S_expect_agencies(r, "lead:Sở Công Thương;");
    S_expect_deadline(r, "ongoing");
    S_expect_agencies(S_task("- Cử công chức"), "lead:Sở Tài chính;");
    cr_expect_eq(S_ntasks(), 4);
}

/* A role after a body's name and a dash ("Sở Tài chính - Cơ quan thường
 * trực Ban Chỉ đạo") is not the name; a dash inside a name is. */
Test(task, role_after_a_dash, .init = fx_grammar_load, .fini = S_free)
{
    S_run("IV. NHIỆM VỤ\n"
          "1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo\n"
          "- Tham mưu triển khai kế hoạch.\n"
          "2. Sở Lao động - Thương binh và Xã hội chủ trì hướng dẫn.\n");
    S_expect_agencies(S_task("- Tham mưu"), "lead:Sở Tài chính;");
    S_expect_agencies(S_task("2. Sở Lao động"), "lead:Sở Lao động - Thương binh và Xã hội;");
    cr_expect_eq(S_ntasks(), 2);
}

/* The closing article of a council's resolution: its standing body, its
 * committees, its delegations and delegates supervise. */
Test(task, council_supervises, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 3. Tổ chức thực hiện\n"
          "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n"
          "2. Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu Hội đồng nhân dân tỉnh và các đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết này.\n");
    S_expect_agencies(S_task("2. Thường trực"),
                      "lead:Thường trực Hội đồng nhân dân tỉnh;lead:các Ban của Hội đồng nhân dân tỉnh;"
                      "lead:các Tổ đại biểu Hội đồng nhân dân tỉnh;lead:các đại biểu Hội đồng nhân dân tỉnh;");
    cr_expect_eq(S_ntasks(), 2);
}

/* A resolution that asks bodies after a comma ("..., đồng thời, đề nghị
 * Chính phủ và các cơ quan liên quan tập trung thực hiện các nhiệm vụ và
 * giải pháp chủ yếu sau đây:") gives them the items below. */
Test(task, bodies_asked_after_a_comma, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 2. Nhiệm vụ và giải pháp chủ yếu\n"
          "Quốc hội cơ bản tán thành các nhiệm vụ, giải pháp do Chính phủ kiến nghị, đồng thời, đề nghị Chính phủ và các cơ quan liên quan tập trung thực hiện các nhiệm vụ và giải pháp chủ yếu sau đây:\n"
          "1. Đẩy mạnh hoàn thiện thể chế, pháp luật.\n"
          "2. Tập trung nguồn lực hoàn thiện kết cấu hạ tầng chiến lược.\n");
    S_expect_agencies(S_task("1. Đẩy mạnh"), "lead:Chính phủ;lead:các cơ quan liên quan;");
    S_expect_agencies(S_task("2. Tập trung"), "lead:Chính phủ;lead:các cơ quan liên quan;");
    cr_expect_eq(S_ntasks(), 2);
}

/* A task table that lost its header: a numbered row whose third cell
 * names bodies gives the columns (lead, then coordinators; a cell that
 * reads as a time is the time). Header cells left one per line ("Cơ quan
 * phối hợp") are no body's block. */
Test(task, table_without_header, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run("II. NHIỆM VỤ CỤ THỂ\n"
          "Cơ quan phối hợp\n"
          "Thời gian hoàn thành\n"
          "1 | Triển khai thực hiện một số nội dung chi đặc thù cho hoạt động phòng thủ dân sự. | Sở Tài chính | Cơ quan, địa phương liên quan | Thường xuyên\n"
          "2 | Hướng dẫn thanh toán chi phí khám bệnh, chữa bệnh trong phòng thủ dân sự | Sở Y tế | Sở Tài chính | Quý IV/2025\n");
    r = S_task("Triển khai thực hiện một số");
    S_expect_agencies(r, "lead:Sở Tài chính;coordinate:Cơ quan, địa phương liên quan;");
    S_expect_deadline(r, "ongoing");
    r = S_task("Hướng dẫn thanh toán");
    S_expect_agencies(r, "lead:Sở Y tế;coordinate:Sở Tài chính;");
    S_expect_deadline(r, "2025-Q4");
    cr_expect_eq(S_ntasks(), 2);
}

/* A text with no numbered sections (a page that quotes a plan): the work
 * begins after the paragraph that opens it ("... được tổ chức thực hiện
 * như sau:"), not at the first heading, which it never has. */
Test(task, work_after_a_leadin_without_headings, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Ngày 28/10/2025, UBND tỉnh ban hành Kế hoạch 279/KH-UBND.\n"
          "- Mục đích: cụ thể hóa các bước triển khai.\n"
          "Theo Mục IV Kế hoạch 279/KH-UBND năm 2025, kế hoạch được tổ chức thực hiện như sau:\n"
          "- Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành định kỳ báo cáo tiến độ với UBND tỉnh.\n");
    S_expect_agencies(S_task("- Giao Sở Tài chính"),
                      "lead:Sở Tài chính;coordinate:các sở, ngành;report_to:UBND tỉnh;");
    cr_expect_eq(S_ntasks(), 1);
}

/* A council named by what it does: the verb is part of its name
 * ("Hội đồng thẩm định Nhà nước thẩm định ..."). */
Test(task, councils_named_by_their_work, .init = fx_grammar_load, .fini = S_free)
{
    S_run("III. TỔ CHỨC THỰC HIỆN\n"
          "1. Hội đồng thẩm định Nhà nước thẩm định Báo cáo đề xuất chủ trương đầu tư trước ngày 30/6/2026.\n"
          "2. Hội đồng thi đua - khen thưởng tỉnh tổng hợp, đề xuất khen thưởng.\n");
    S_expect_agencies(S_task("1. Hội đồng"), "lead:Hội đồng thẩm định Nhà nước;");
    S_expect_agencies(S_task("2. Hội đồng"), "lead:Hội đồng thi đua - khen thưởng tỉnh;");
    cr_expect_eq(S_ntasks(), 2);
}

/* Role labels in their longer forms ("Cơ quan chủ trì thực hiện:",
 * "Đơn vị chủ trì tham mưu:") are labels, not bodies of their own. */
Test(task, longer_role_labels, .init = fx_grammar_load, .fini = S_free)
{
    S_run("II. NHIỆM VỤ, GIẢI PHÁP\n"
          "1. Rà soát, bổ sung quy hoạch cán bộ các cấp.\n"
          "- Cơ quan chủ trì thực hiện: Ban Tổ chức Tỉnh ủy.\n"
          "- Cơ quan phối hợp: Các huyện ủy, thành ủy.\n"
          "- Tiến độ thực hiện: Quý II/2026.\n"
          "2. Xây dựng đề án đào tạo cán bộ trẻ.\n"
          "- Đơn vị chủ trì tham mưu: Ban Tổ chức Tỉnh ủy.\n"
          "- Thời hạn hoàn thành: Trước ngày 30/9/2026.\n");
    const nqx_record *r = S_task("1. Rà soát");
    S_expect_agencies(r, "lead:Ban Tổ chức Tỉnh ủy;coordinate:Các huyện ủy, thành ủy;");
    S_expect_deadline(r, "2026-Q2");
    r = S_task("2. Xây dựng");
    S_expect_agencies(r, "lead:Ban Tổ chức Tỉnh ủy;");
    S_expect_deadline(r, "2026-09-30");
    cr_expect_eq(S_ntasks(), 2);
}

/* A time label's value may be bare: "2026 - 2030" is the period, "Đầu
 * nhiệm kỳ 2025 - 2030" the term's first year. */
Test(task, bare_times_in_a_label, .init = fx_grammar_load, .fini = S_free)
{
    S_run("II. NHIỆM VỤ\n"
          "1. Sở Nội vụ rà soát quy hoạch cán bộ.\n"
          "- Thời gian thực hiện: 2026 - 2030.\n"
          "2. Sở Nội vụ kiện toàn tổ chức bộ máy.\n"
          "- Thời gian thực hiện: Đầu nhiệm kỳ 2025 - 2030.\n");
    S_expect_deadline(S_task("1. Sở Nội vụ"), "2026/2030");
    S_expect_deadline(S_task("2. Sở Nội vụ"), "2025");
    cr_expect_eq(S_ntasks(), 2);
}

/* Economic actors a plan binds are bodies. */
Test(task, economic_actors, .init = fx_grammar_load, .fini = S_free)
{
    S_run("IV. TỔ CHỨC THỰC HIỆN\n"
          "1. Các nhà thầu thi công có trách nhiệm che chắn công trường.\n"
          "2. Các hợp tác xã, tổ hợp tác chủ động tham gia chuỗi liên kết.\n");
    S_expect_agencies(S_task("1. Các nhà thầu"), "lead:Các nhà thầu thi công;");
    S_expect_agencies(S_task("2. Các hợp tác xã"), "lead:Các hợp tác xã, tổ hợp tác;");
    cr_expect_eq(S_ntasks(), 2);
}

/* A step that is one task itself ("- Phối hợp hướng dẫn ...", under a
 * heading that names no body) over points that each open with a body ("+ Sở Xây dựng: ...", "+ Sở Tài chính phối
 * hợp ..."): each point is a task of its body too, with the step's time
 * (a time line under the last point covers them all). */
static const char *S_handed =
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "1. Phối hợp kiểm kê\n"
    "- Phối hợp hướng dẫn các địa phương thực hiện kiểm kê tài sản thuộc ngành mình:\n"
    "+ Sở Xây dựng: hướng dẫn kiểm kê tài sản hạ tầng giao thông.\n"
    "+ Sở Tài chính phối hợp Ban Quản lý Khu kinh tế hướng dẫn kiểm kê tài sản hạ tầng khu kinh tế.\n"
    "Thời gian thực hiện: Thường xuyên.\n";

static const nqx_record *S_task_opening(const char *head)
{
    size_t i;
    for (i = 0; i < S_d->nrecords; i++)
        if (S_d->records[i].kind == NQX_TASK &&
            strncmp(S_d->records[i].text, head, strlen(head)) == 0)
            return &S_d->records[i];
    cr_assert_fail("no task opens with %s", head);
    return NULL;
}

Test(task, points_that_name_their_bodies, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_handed);
    cr_expect_eq(S_ntasks(), 3);
    r = S_task_opening("- Phối hợp hướng dẫn");
    S_expect_deadline(r, "ongoing");
    r = S_task_opening("+ Sở Xây dựng");
    S_expect_agencies(r, "lead:Sở Xây dựng;");
    S_expect_deadline(r, "ongoing");
    r = S_task_opening("+ Sở Tài chính");
    S_expect_agencies(r, "lead:Sở Tài chính;coordinate:Ban Quản lý Khu kinh tế;");
    S_expect_deadline(r, "ongoing");
}

/* A paragraph that hands the work below to bodies ("đề nghị Chính phủ và
 * các cơ quan liên quan tập trung thực hiện các nhiệm vụ sau đây:") over
 * numbered headings in sentence case with running text under them: each
 * heading with its paragraphs is one task of those bodies; a section title
 * in capitals over paragraphs is none. */
static const char *S_heading_items =
    "Điều 2. Nhiệm vụ và giải pháp chủ yếu\n"
    "Quốc hội cơ bản tán thành các nhiệm vụ, giải pháp, đồng thời, đề nghị Chính phủ và "
    "các cơ quan liên quan tập trung thực hiện các nhiệm vụ, giải pháp sau đây:\n"
    "2.1. Đẩy mạnh hoàn thiện thể chế, pháp luật\n"
    "Đổi mới tư duy xây dựng pháp luật theo hướng kiến tạo phát triển.\n"
    "Tiếp tục hoàn thiện khung pháp lý cho các loại thị trường.\n"
    "2.2. Đẩy mạnh các động lực tăng trưởng truyền thống\n"
    "Hoàn thiện các cơ chế, chính sách về thuế, tín dụng để kích cầu tiêu dùng.\n";

Test(task, numbered_headings_under_a_block, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_heading_items);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("2.1. Đẩy mạnh hoàn thiện thể chế");
    S_expect_agencies(r, "lead:Chính phủ;lead:các cơ quan liên quan;");
    cr_expect(strstr(r->text, "khung pháp lý") != NULL);
    r = S_task("2.2. Đẩy mạnh các động lực");
    S_expect_agencies(r, "lead:Chính phủ;lead:các cơ quan liên quan;");
}

/* A body that does the work itself does not report to itself: what
 * others send it ("các sở, ngành báo cáo Sở Tài chính") names no
 * report_to of its task; with executing bodies beside it, the lead may be
 * whom they report to (blocks_and_bullets). */
Test(task, lead_is_not_its_own_report_to, .init = fx_grammar_load, .fini = S_free)
{
    S_run("III. NHIỆM VỤ\n"
          "1. Sở Tài chính tổng hợp kết quả thực hiện của các sở, ngành báo cáo Sở Tài chính "
          "trước ngày 15/12 hằng năm để báo cáo Ủy ban nhân dân tỉnh.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("1. Sở Tài chính tổng hợp"),
                      "lead:Sở Tài chính;report_to:Ủy ban nhân dân tỉnh;");
}

/* A time limit before the body ("Trong thời hạn 05 ngày làm việc, kể từ
 * ngày nhận đủ hồ sơ, Sở Tư pháp ...", task_fronted; "Trong 02 ngày làm
 * việc, ...", task_fronted_limit): the body after the commas is the
 * subject. */
Test(task, subject_after_a_time_limit, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 4. Trình tự thực hiện\n"
          "1. Trong thời hạn 05 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Tư pháp "
          "cấp giấy đăng ký hoạt động cho tổ chức.\n"
          "2. Chậm nhất vào ngày 25 hằng tháng, Thủ trưởng cơ quan, đơn vị gửi báo cáo.\n"
          "3. Trong 02 ngày làm việc, kể từ ngày nhận đủ hồ sơ, Ủy ban nhân dân thành phố "
          "ban hành quyết định phê duyệt danh sách.\n");
    S_expect_agencies(S_task("3. Trong 02 ngày"), "lead:Ủy ban nhân dân thành phố;");
    S_expect_agencies(S_task("1. Trong thời hạn 05 ngày"), "lead:Sở Tư pháp;");
    S_expect_agencies(S_task("2. Chậm nhất"), "lead:Thủ trưởng cơ quan, đơn vị;");
    S_expect_deadline(S_task("2. Chậm nhất"), "R/P1M");
}

/* A role the body takes is its verb ("Ủy ban nhân dân cấp xã (nơi có dự
 * án) làm chủ đầu tư", "Sở X làm đầu mối"); "được giao làm chủ đầu tư"
 * stays in a name. */
Test(task, body_taking_a_role, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 7. Tổ chức thực hiện\n"
          "1. Ủy ban nhân dân cấp xã (nơi có dự án) làm chủ đầu tư dự án.\n"
          "2. Cơ quan, đơn vị được giao làm chủ đầu tư thành lập bộ phận giám sát.\n");
    S_expect_agencies(S_task("1. Ủy ban nhân dân cấp xã"), "lead:Ủy ban nhân dân cấp xã;");
    S_expect_agencies(S_task("2. Cơ quan, đơn vị"),
                      "lead:Cơ quan, đơn vị được giao làm chủ đầu tư;");
}

/* A competence line ("b) Cơ quan thẩm định: Sở X", task_competence_label):
 * the step the label names is the work of the bodies after the colon, one
 * task per line; "X hoặc Y" names two leads; a role label or a
 * procedure catalogue's "Cơ quan thực hiện thủ tục hành chính" is not
 * one. */
Test(task, competence_lines, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 9. Thẩm quyền lập, thẩm định, phê duyệt quy hoạch\n"
          "1. Cơ quan tổ chức lập quy hoạch: Ban Quản lý dự án giao thông tỉnh;\n"
          "2. Cơ quan thẩm định: Sở Xây dựng;\n"
          "3. Cơ quan phê duyệt: Ủy ban nhân dân tỉnh hoặc cơ quan được Ủy ban nhân "
          "dân tỉnh ủy quyền.\n"
          "Điều 10. Thủ tục cấp phép\n"
          "1. Cơ quan thực hiện thủ tục hành chính: Sở Công Thương.\n");
    cr_expect_eq(S_ntasks(), 3);
    S_expect_agencies(S_task("1. Cơ quan tổ chức lập"),
                      "lead:Ban Quản lý dự án giao thông tỉnh;");
    S_expect_agencies(S_task("2. Cơ quan thẩm định"), "lead:Sở Xây dựng;");
    S_expect_agencies(S_task("3. Cơ quan phê duyệt"),
                      "lead:Ủy ban nhân dân tỉnh;"
                      "lead:cơ quan được Ủy ban nhân dân tỉnh ủy quyền;");
}

/* A later sentence of an item that opens with a time limit and its number
 * and then names another body ("Trong thời hạn 10 ngày làm việc, kể từ
 * ngày nhận được đề nghị của Sở Tư pháp, Chủ tịch Ủy ban nhân dân tỉnh
 * ...") hands that body work of its own. */
Test(task, later_sentence_after_a_time_limit, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 5. Trình tự giải quyết\n"
          "2. Sở Tư pháp thẩm định hồ sơ xin cấp phép. "
          "Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được đề nghị của Sở Tư pháp, "
          "Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("2. Sở Tư pháp thẩm định"), "lead:Sở Tư pháp;");
    S_expect_agencies(S_task("Trong thời hạn 10 ngày"),
                      "lead:Chủ tịch Ủy ban nhân dân tỉnh;");
    S_expect_deadline(S_task("Trong thời hạn 10 ngày"), "conditional");
}

/* An adverbial between two commas after the subject ("X, Y, trong phạm
 * vi chức năng, nhiệm vụ, quyền hạn của mình, giám sát ...",
 * task_inserted): the bodies before it are the subject. */
Test(task, adverbial_between_commas, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 5. Tổ chức thực hiện\n"
          "2. Bộ, cơ quan ngang Bộ, trong phạm vi nhiệm vụ, quyền hạn của mình, có trách "
          "nhiệm phối hợp với Bộ Công an thực hiện quản lý nhà nước.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("2. Bộ, cơ quan ngang Bộ"),
                      "lead:Bộ, cơ quan ngang Bộ;coordinate:Bộ Công an;");
}

/* "Người có thẩm quyền" is the official a procedure names; an item that
 * introduces cases ("... trong các trường hợp sau đây:", task_cases_leadin)
 * is one task with its points, which are cases, not work. */
Test(task, competent_official_and_cases, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 9. Đình chỉ cưỡng chế\n"
          "1. Người có thẩm quyền ra quyết định cưỡng chế có trách nhiệm xác minh "
          "thông tin về tài sản.\n"
          "2. Thủ tướng Chính phủ quyết định chủ trương viện trợ trong các trường hợp sau:\n"
          "a) Chương trình;\n"
          "b) Dự án có quy mô viện trợ từ 500 tỷ đồng trở lên.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("1. Người có thẩm quyền"), "lead:Người có thẩm quyền;");
    S_expect_agencies(S_task("2. Thủ tướng Chính phủ"), "lead:Thủ tướng Chính phủ;");
}

/* A short numbered title without punctuation that names a body by what
 * it does ("3. Cơ quan chủ trì giải quyết thủ tục đầu tư dự án") heads
 * the lettered items below it; the whole title is the body's name. An
 * article's title ("Điều 6. Hội đồng kiểm tra") is not one. */
Test(task, numbered_title_naming_a_body, .init = fx_grammar_load, .fini = S_free)
{
    S_run("II. TRÁCH NHIỆM\n"
          "3. Cơ quan chủ trì giải quyết thủ tục đầu tư dự án\n"
          "a) Hướng dẫn và tạo điều kiện giải quyết nhanh các thủ tục đầu tư;\n"
          "b) Chủ động phối hợp với các cơ quan liên quan để giải quyết.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("a) Hướng dẫn"),
                      "lead:Cơ quan chủ trì giải quyết thủ tục đầu tư dự án;");
    S_expect_agencies(S_task("b) Chủ động"),
                      "lead:Cơ quan chủ trì giải quyết thủ tục đầu tư dự án;"
                      "coordinate:các cơ quan liên quan;");
    S_run("Điều 5. Phạm vi\n"
          "1. Quy chế này áp dụng cho kỳ kiểm tra.\n"
          "Điều 6. Hội đồng kiểm tra\n"
          "1. Hội đồng có 05 thành viên.\n"
          "2. Không bố trí những người có quan hệ gia đình.\n");
    cr_expect_eq(S_ntasks(), 0);
}

/* A paragraph under an item that opens with a fronted adverbial and
 * names other bodies ("Căn cứ ..., các sở ... xây dựng kế hoạch ...") is
 * their task; under a title that is only names, it is the title's work. */
Test(task, fronted_paragraph_under_an_item, .init = fx_grammar_load, .fini = S_free)
{
    S_run("IV. TỔ CHỨC THỰC HIỆN\n"
          "2. Giám đốc Sở Tư pháp chịu trách nhiệm thực hiện Kế hoạch này.\n"
          "Căn cứ nội dung Kế hoạch này, các sở, ban, ngành tỉnh xây dựng kế hoạch chi tiết.\n"
          "3. Các cơ quan, đơn vị liên quan\n"
          "Căn cứ chức năng quản lý, phối hợp với Công an tỉnh thực hiện Kế hoạch.\n");
    cr_expect_eq(S_ntasks(), 3);
    S_expect_agencies(S_task("2. Giám đốc Sở Tư pháp"), "lead:Giám đốc Sở Tư pháp;");
    S_expect_agencies(S_task("Căn cứ nội dung"), "lead:các sở, ban, ngành tỉnh;");
    S_expect_agencies(S_task("3. Các cơ quan"),
                      "lead:Các cơ quan, đơn vị liên quan;coordinate:Công an tỉnh;");
}

/* Under an item that opens with a body, or inside a body's block, a title
 * that addresses a kind of body ("9.1. Đối với các cơ sở sản xuất ...:",
 * task_addressee) gives the work below or after its colon to that body;
 * in a section of rules it sorts cases and assigns nothing. */
Test(task, addressee_title_under_a_body, .init = fx_grammar_load, .fini = S_free)
{
    S_run("III. TỔ CHỨC THỰC HIỆN\n"
          "9. Các cơ sở sản xuất, kinh doanh và đơn vị thực hiện dịch vụ vệ sinh.\n"
          "9.1. Đối với các cơ sở sản xuất có lưu lượng xả thải lớn:\n"
          "- Rà soát các hệ thống xử lý khí thải.\n"
          "- Đối với các doanh nghiệp xi măng, luyện thép: Tăng cường sử dụng nguyên liệu sạch.\n"
          "9.2. Đối với các đơn vị thu gom chất thải (theo danh sách gửi kèm):\n"
          "- Nghiêm cấm việc đốt lá cây.\n");
    cr_expect_eq(S_ntasks(), 3);
    S_expect_agencies(S_task("- Rà soát"),
                      "lead:các cơ sở sản xuất có lưu lượng xả thải lớn;");
    S_expect_agencies(S_task("- Đối với các doanh nghiệp"),
                      "lead:các doanh nghiệp xi măng, luyện thép;");
    S_expect_agencies(S_task("- Nghiêm cấm"), "lead:các đơn vị thu gom chất thải;");
    S_run("Điều 7. Nguồn kinh phí thực hiện\n"
          "1. Đối với các cơ quan, tổ chức, đơn vị sử dụng ngân sách nhà nước:\n"
          "a) Bố trí trong dự toán chi thường xuyên.\n");
    cr_expect_eq(S_ntasks(), 0);
}

/* The competent official's steps ("Người có thẩm quyền phê duyệt ...",
 * "... cho ý kiến") and the users a regulation binds ("Người sử dụng Hệ
 * thống có trách nhiệm ...", "Người sử dụng lao động có trách nhiệm ...")
 * are tasks of their subjects. */
Test(task, approver_and_user_subjects, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 7. Duyệt dự thảo\n"
          "1. Người có thẩm quyền phê duyệt dự thảo nội dung gửi lấy ý kiến.\n"
          "2. Người có thẩm quyền cho ý kiến trên Hệ thống.\n"
          "Điều 8. Kinh phí\n"
          "1. Hằng năm, Sở Y tế lập dự toán, gửi Sở Tài chính thẩm định, Ủy ban nhân dân tỉnh phê duyệt theo quy định.\n"
          "Điều 13. Bảo đảm an toàn thông tin\n"
          "1. Người sử dụng Hệ thống có trách nhiệm bảo vệ an toàn tài khoản.\n"
          "2. Người sử dụng lao động có trách nhiệm đóng đủ bảo hiểm thất nghiệp.\n");
    cr_expect_eq(S_ntasks(), 5);
    S_expect_agencies(S_task("1. Người có thẩm quyền"), "lead:Người có thẩm quyền;");
    S_expect_agencies(S_task("2. Người có thẩm quyền"), "lead:Người có thẩm quyền;");
    S_expect_agencies(S_task("1. Hằng năm"), "lead:Sở Y tế;report_to:Sở Tài chính;");
    S_expect_agencies(S_task("1. Người sử dụng"), "lead:Người sử dụng Hệ thống;");
    S_expect_agencies(S_task("2. Người sử dụng"), "lead:Người sử dụng lao động;");
}

/* An item whose first line ends by naming the parts of what its work
 * makes ("..., bao gồm:", task_cases_leadin) is one task with its points;
 * a body's duties ("... có trách nhiệm quản lý về nghiệp vụ, bao gồm:")
 * are still one task a point. */
Test(task, parts_leadin_is_one_task, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 5. Phân loại dữ liệu\n"
          "1. Cơ quan nhà nước phải phân loại dữ liệu, bao gồm:\n"
          "a) Phân loại theo tính chất chia sẻ dữ liệu;\n"
          "b) Phân loại theo tính chất quan trọng của dữ liệu.\n"
          "Điều 6. Trách nhiệm\n"
          "1. Sở Tài chính có trách nhiệm quản lý về nghiệp vụ, bao gồm:\n"
          "a) Cấp mới, thu hồi tài khoản;\n"
          "b) Kiểm tra, đôn đốc các cơ quan nhập liệu.\n");
    cr_expect_eq(S_ntasks(), 3);
    S_expect_agencies(S_task("1. Cơ quan nhà nước"), "lead:Cơ quan nhà nước;");
    S_expect_agencies(S_task("a) Cấp mới"), "lead:Sở Tài chính;");
    S_expect_agencies(S_task("b) Kiểm tra"), "lead:Sở Tài chính;");
}

/* A title "Trách nhiệm của X" makes X the lead of the items below even
 * when X is no body's name ("đối tượng thực hiện kiểm kê", "thí sinh"),
 * the name ending before what it is in ("trong việc ..."); not after
 * "Nhiệm vụ của", which may name a plan. */
Test(task, duties_title_names_any_bearer, .init = fx_grammar_load, .fini = S_free)
{
    S_run("II. TỔ CHỨC THỰC HIỆN\n"
          "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:\n"
          "- Thành lập Tổ kiểm kê.\n"
          "- Báo cáo kết quả kiểm kê cho cơ quan quản lý cấp trên.\n"
          "1.6. Trách nhiệm của Nhà nước trong việc hỗ trợ thị trường lao động, bao gồm:\n"
          "- Xây dựng hệ thống thông tin thị trường lao động.\n"
          "1.7. Nhiệm vụ của kế hoạch:\n"
          "- Nâng cao chất lượng nguồn nhân lực.\n");
    cr_expect_eq(S_ntasks(), 3);
    S_expect_agencies(S_task("- Thành lập Tổ"), "lead:đối tượng thực hiện kiểm kê;");
    S_expect_agencies(S_task("- Báo cáo kết quả"), "lead:đối tượng thực hiện kiểm kê;");
    S_expect_agencies(S_task("- Xây dựng hệ thống"), "lead:Nhà nước;");
}

/* A wrap-up's sentence on trouble met in the work ("Trong quá trình thực
 * hiện, nếu có vướng mắc, ...", task_followup_cues) has no body of its
 * own: it goes on with the sentence before it, which gets its condition
 * and the bodies reported to. */
Test(task, trouble_sentence_goes_on_with_the_work, .init = fx_grammar_load, .fini = S_free)
{
    S_run("IV. TỔ CHỨC THỰC HIỆN\n"
          "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành, địa phương triển khai thực hiện "
          "nghiêm túc Kế hoạch này. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, "
          "kịp thời phản ánh về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\n");
    cr_expect_eq(S_ntasks(), 1);
    const nqx_record *r = S_task("yêu cầu các sở, ngành");
    cr_expect(strstr(r->text, "báo cáo Ủy ban nhân dân tỉnh.") != NULL, "%s", r->text);
    /* Sở Nội vụ reports on to UBND tỉnh (task_report_relays) */
    S_expect_agencies(r, "lead:các sở, ngành, địa phương;report_to:Sở Nội vụ;");
    S_expect_deadline(r, "conditional");
}

/* An item that asks bodies ("2. Yêu cầu các cấp ủy, tổ chức đảng ... cần
 * hết sức khẩn trương, ...") over numbered items with no body of their
 * own hands them the items, as a colon would. */
Test(task, asking_item_over_numbered_items, .init = fx_grammar_load, .fini = S_free)
{
    S_run("1. Thống nhất với báo cáo của Ban Tổ chức.\n"
          "2. Yêu cầu các cấp ủy, tổ chức đảng, các cơ quan chức năng cần hết sức khẩn "
          "trương, chủ động, bảo đảm tiến độ.\n"
          "2.1. Tập trung lãnh đạo việc chuẩn bị đại hội cấp xã.\n"
          "2.2. Thực hiện nghiêm các quy định về bảo vệ bí mật nhà nước.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("2.1. Tập trung"),
                      "lead:các cấp ủy, tổ chức đảng;lead:các cơ quan chức năng;");
    S_expect_agencies(S_task("2.2. Thực hiện"),
                      "lead:các cấp ủy, tổ chức đảng;lead:các cơ quan chức năng;");
}

/* A page that quotes a plan's schedule, with no numbered section: after
 * its lead-in ("Về tiến độ thực hiện ..., Kế hoạch đã nêu như sau:",
 * task_work_leadin) each point that says when it must be finished
 * ("Hoàn thành trước ngày ...", task_completion_time) is a task with no
 * body; a point with no time is none. */
Test(task, schedule_points_on_a_page, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Ngày 28/10/2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch số 279/KH-UBND.\n"
          "Về tiến độ thực hiện, Kế hoạch đã nêu như sau:\n"
          "- Dự thảo lần 1 Điều chỉnh Quy hoạch tỉnh. Hoàn thành trước ngày 15/11/2025.\n"
          "- Dự thảo lần 2 Điều chỉnh Quy hoạch tỉnh. Hoàn thành trước ngày 30/11/2025.\n"
          "- Trình thẩm định Điều chỉnh Quy hoạch tỉnh theo quy định.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_deadline(S_task("Dự thảo lần 1"), "2025-11-15");
    S_expect_agencies(S_task("Dự thảo lần 1"), "");
    S_expect_deadline(S_task("Dự thảo lần 2"), "2025-11-30");
}

/* A table's time cell, or a time label, that holds a bare date
 * (task_label_bare_date): "31/12/2025" is that day, "12/2025" that month. */
Test(task, bare_dates_in_a_time_column, .init = fx_grammar_load, .fini = S_free)
{
    S_run("| STT | Tên nhiệm vụ | Cơ quan chủ trì | Thời hạn hoàn thành |\n"
          "|---|---|---|---|\n"
          "| 1 | Số hóa hồ sơ thủ tục hành chính | Văn phòng Bộ | 31/12/2025 |\n"
          "| 2 | Xây dựng cơ sở dữ liệu ngành | Cục Di sản văn hóa | 6/2026 |\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_deadline(S_task("Số hóa hồ sơ"), "2025-12-31");
    S_expect_deadline(S_task("Xây dựng cơ sở dữ liệu"), "2026-06");
    S_expect_agencies(S_task("Xây dựng cơ sở dữ liệu"), "lead:Cục Di sản văn hóa;");
}

/* A time label with nothing after its colon ("- Thời gian thực hiện:")
 * takes the points beneath it as its value: the item's time is their
 * first, and they hand no work of their own. */
Test(task, time_label_over_its_steps, .init = fx_grammar_load, .fini = S_free)
{
    S_run("II. NHIỆM VỤ\n"
          "4. Rà soát văn bản quy phạm pháp luật\n"
          "- Nội dung: rà soát các văn bản có liên quan đến Luật.\n"
          "- Cơ quan chủ trì: Bộ Công an.\n"
          "- Thời gian thực hiện:\n"
          "+ Các bộ, cơ quan ngang bộ gửi kết quả rà soát về Bộ Công an trước ngày 15 "
          "tháng 12 năm 2025.\n"
          "+ Bộ Công an tổng hợp kết quả, báo cáo Thủ tướng Chính phủ trước ngày 31 "
          "tháng 12 năm 2025.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_deadline(S_task("4. Rà soát"), "2025-12-15");
    S_expect_agencies(S_task("4. Rà soát"),
                      "lead:Bộ Công an;report_to:Thủ tướng Chính phủ;");
}

/* After a ";" inside an item, a body that takes its share ("có trách
 * nhiệm", "chịu trách nhiệm", "chủ trì") is a task of its own; a list of
 * addressees separated by ";" before their predicate, or a ";" that goes
 * on with the objects of the item's verb, is not. */
Test(task, semicolon_hands_work_to_another_body, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 5. Trách nhiệm thi hành\n"
          "1. Định kỳ, Ủy ban nhân dân cấp xã có trách nhiệm báo cáo Ủy ban nhân dân "
          "Thành phố kết quả thực hiện dự án; Sở Tài chính có trách nhiệm thực hiện "
          "giám sát, theo dõi tiến độ.\n"
          "2. Ban Tổ chức Thành ủy chủ trì hướng dẫn việc sắp xếp trong năm 2025; các "
          "huyện ủy, thị ủy chịu trách nhiệm hướng dẫn các nội dung theo thẩm quyền.\n"
          "3. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh hướng dẫn các sở, ban, ngành; các "
          "xã, phường tổ chức triển khai thực hiện tốt Phong trào thi đua.\n"
          "4. Chánh Văn phòng Ủy ban nhân dân tỉnh; Thủ trưởng các sở, ban, ngành; Chủ "
          "tịch Ủy ban nhân dân các xã chịu trách nhiệm thi hành Quyết định này.\n");
    cr_expect_eq(S_ntasks(), 6);
    const nqx_record *r = S_task("Ủy ban nhân dân cấp xã có trách nhiệm");
    cr_expect(strstr(r->text, "Sở Tài chính") == NULL, "%s", r->text);
    S_expect_agencies(r, "lead:Ủy ban nhân dân cấp xã;report_to:Ủy ban nhân dân Thành phố;");
    r = S_task("Sở Tài chính có trách nhiệm");
    cr_expect_str_eq(r->text, "Sở Tài chính có trách nhiệm thực hiện giám sát, theo dõi tiến độ.");
    S_expect_agencies(r, "lead:Sở Tài chính;");
    r = S_task("các huyện ủy, thị ủy chịu");
    S_expect_agencies(r, "lead:các huyện ủy, thị ủy;");
    S_expect_deadline(r, NULL);
    r = S_task("Ban Tổ chức Thành ủy chủ trì");
    S_expect_deadline(r, "2025");
    r = S_task("Sở Nội vụ tham mưu");
    cr_expect(strstr(r->text, "Phong trào thi đua.") != NULL, "%s", r->text);
    r = S_task("Chánh Văn phòng");
    cr_expect(strstr(r->text, "thi hành Quyết định này.") != NULL, "%s", r->text);
}

/* A letter's preamble that only asks bodies to carry out the items below
 * ("...; UBND Thành phố yêu cầu các Sở, ban, ngành ... thực hiện một số
 * nhiệm vụ trọng tâm như sau:") is no task; the items are. One whose
 * bodies are asked for work of their own stays a task. */
Test(task, preamble_that_only_asks_is_no_task, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Thực hiện Quyết định số 25/QĐ-TTg ngày 19/11/2025 của Thủ tướng Chính phủ; "
          "UBND Thành phố yêu cầu các Sở, ban, ngành, UBND các phường, xã nghiêm túc "
          "thực hiện một số nhiệm vụ trọng tâm như sau:\n"
          "1. Sở Y tế:\n"
          "- Chủ động xây dựng kế hoạch ứng phó bệnh tật.\n"
          "2. Sở Xây dựng:\n"
          "- Tăng cường kiểm tra các công trường xây dựng.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("ứng phó bệnh tật"), "lead:Sở Y tế;");
    S_expect_agencies(S_task("công trường"), "lead:Sở Xây dựng;");

    S_run("Để bảo đảm an toàn trong mùa mưa lũ, Ủy ban nhân dân tỉnh yêu cầu các sở, "
          "ngành rà soát phương án ứng phó, tập trung thực hiện các nhiệm vụ sau:\n"
          "1. Sở Y tế:\n"
          "- Chủ động xây dựng kế hoạch ứng phó bệnh tật.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("rà soát phương án"), "lead:các sở, ngành;");
}

/* An item with no body of its own that ends with a colon over points
 * that each name their body ("- Giao Ban X chủ trì ...") is no task; each
 * point is one, led by its body alone. */
Test(task, bodiless_item_over_points_naming_bodies, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾT LUẬN\n"
          "1. Cơ bản thống nhất với Báo cáo về tình hình sắp xếp tổ chức bộ máy.\n"
          "2. Để kịp thời giải quyết các khó khăn, vướng mắc, phát sinh trong quá trình "
          "sắp xếp tổ chức bộ máy, bảo đảm chính quyền địa phương 2 cấp đi vào hoạt động "
          "thông suốt theo đúng tiến độ, chất lượng:\n"
          "- Giao Ban Tổ chức Tỉnh ủy khẩn trương thành lập tổ công tác để tiếp nhận, "
          "giải đáp các kiến nghị.\n"
          "Quá trình thực hiện, theo dõi sát sao, chủ động giải quyết các nội dung theo "
          "thẩm quyền.\n"
          "- Giao Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì xây dựng kế hoạch tuyên truyền.\n"
          "- Giao Trường Chính trị tỉnh chủ trì tổ chức tập huấn trong tháng 5/2025.\n");
    cr_expect_eq(S_ntasks(), 3);
    const nqx_record *r = S_task("Ban Tổ chức Tỉnh ủy khẩn trương");
    cr_expect(strstr(r->text, "theo thẩm quyền.") != NULL, "%s", r->text);
    cr_expect(strstr(r->text, "Tuyên giáo") == NULL, "%s", r->text);
    S_expect_agencies(r, "lead:Ban Tổ chức Tỉnh ủy;");
    r = S_task("Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì");
    S_expect_agencies(r, "lead:Ban Tuyên giáo và Dân vận Tỉnh ủy;");
    S_expect_deadline(r, NULL);
    r = S_task("Trường Chính trị tỉnh");
    S_expect_agencies(r, "lead:Trường Chính trị tỉnh;");
    S_expect_deadline(r, "2025-05");
}

/* A report verb that ends its clause ("... do các địa phương phản ánh.",
 * "các công trình;") names no body it reports to after it. */
Test(task, report_verb_ends_at_its_clause, .init = fx_grammar_load, .fini = S_free)
{
    S_run("II. NHIỆM VỤ\n"
          "1. Sở Xây dựng tổng hợp danh mục các dự án, công trình; phối hợp với Đài "
          "Phát thanh và Truyền hình tỉnh chuẩn bị lễ khởi công.\n"
          "2. Sở Nội vụ tiếp nhận các kiến nghị do các địa phương phản ánh. Sở Tài "
          "chính bố trí kinh phí.\n"
          "3. Sở Y tế báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.\n");
    S_expect_agencies(S_task("Sở Xây dựng tổng hợp"),
                      "lead:Sở Xây dựng;coordinate:Đài Phát thanh và Truyền hình tỉnh;");
    S_expect_agencies(S_task("Sở Nội vụ tiếp nhận"), "lead:Sở Nội vụ;");
    S_expect_agencies(S_task("Sở Y tế báo cáo"),
                      "lead:Sở Y tế;report_to:Ủy ban nhân dân tỉnh;");
}

/* A point of a body's block that sets out the principles its work
 * follows ("theo một số nguyên tắc chính sau:") is one task with them;
 * the principles below are no tasks of their own. */
Test(task, principles_under_a_point_are_its_text, .init = fx_grammar_load, .fini = S_free)
{
    S_run("3. Giao Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo:\n"
          "- Khẩn trương hoàn thiện dự thảo các văn bản quy định chi tiết.\n"
          "- Triển khai thực hiện phân cấp, phân quyền theo một số nguyên tắc chính sau:\n"
          "(1) Tỉnh tập trung quản lý vĩ mô, xây dựng thể chế, chiến lược.\n"
          "(2) Ủy ban nhân dân cấp xã tập trung tổ chức thi hành pháp luật.\n");
    cr_expect_eq(S_ntasks(), 2);
    const nqx_record *r = S_task("theo một số nguyên tắc");
    cr_expect(strstr(r->text, "thi hành pháp luật.") != NULL, "%s", r->text);
    S_expect_agencies(r, "lead:Đảng ủy Ủy ban nhân dân tỉnh;");
}

/* A row the layout broke over three lines (its number, its work, then
 * the cells after the work) is still one task: the work line with the
 * cells' bodies and time. */
Test(task, table_row_broken_over_lines, .init = fx_grammar_load, .fini = S_free)
{
    S_run("PHỤ LỤC\n"
          "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM\n"
          "STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả dự kiến | Thời gian triển khai\n"
          "I | CƠ CHẾ, CHÍNH SÁCH\n"
          "1\n"
          "Rà soát toàn diện các quy định có liên quan đến quản lý, khai thác kết cấu hạ tầng\n"
          "Sở Xây dựng | Các sở, ngành liên quan | Các văn bản được sửa đổi, bổ sung | 2026\n"
          "2 | Xây dựng cơ sở dữ liệu kết cấu hạ tầng | Sở Xây dựng | Sở Tài chính | Cơ sở dữ liệu | 2026-2027\n");
    cr_expect_eq(S_ntasks(), 2);
    const nqx_record *r = S_task("Rà soát toàn diện");
    S_expect_agencies(r, "lead:Sở Xây dựng;coordinate:Các sở, ngành liên quan;");
    S_expect_deadline(r, "2026");
    r = S_task("Xây dựng cơ sở dữ liệu");
    S_expect_deadline(r, "2026/2027");
}

/* A body, then an inserted adverbial, then a predicate only a subject
 * takes, with no comma before it ("... trong phạm vi nhiệm vụ, quyền hạn
 * của mình có trách nhiệm phối hợp ..."): a task of that body. */
Test(task, adverbial_then_subject_predicate, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Điều 5. Trách nhiệm thi hành\n"
          "4. Công an tỉnh, Sở Ngoại vụ và các sở, ban, ngành trong phạm vi nhiệm vụ, "
          "quyền hạn của mình có trách nhiệm phối hợp với Sở Tư pháp thực hiện quản lý "
          "nhà nước về lý lịch tư pháp.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("có trách nhiệm phối hợp"),
                      "lead:Công an tỉnh;lead:Sở Ngoại vụ;lead:các sở, ban, ngành;"
                      "coordinate:Sở Tư pháp;");
}

/* In a section of aims ("2. Yêu cầu") a bodiless point is a task only when
 * it is work done all along: "Thường xuyên" opening it; "thường xuyên" as
 * an adjective in a list, or a year there, sets no task. */
Test(task, ongoing_work_under_requirements, .init = fx_grammar_load, .fini = S_free)
{
    S_run("I. MỤC ĐÍCH, YÊU CẦU\n"
          "2. Yêu cầu\n"
          "- Bảo đảm sự chỉ đạo thống nhất; sự phối hợp chặt chẽ, thường xuyên, hiệu quả "
          "giữa các cơ quan.\n"
          "- Hoàn thành việc sắp xếp trong năm 2025.\n"
          "- Thường xuyên kiểm tra, đôn đốc, hướng dẫn, kịp thời giải quyết những khó khăn, "
          "vướng mắc trong quá trình tổ chức thực hiện.\n"
          "II. NHIỆM VỤ\n"
          "1. Sở Nội vụ chủ trì tổ chức hội nghị quán triệt.\n");
    cr_expect_eq(S_ntasks(), 2);
    const nqx_record *r = S_task("Thường xuyên kiểm tra");
    S_expect_agencies(r, "");
    S_expect_deadline(r, "ongoing");
}

/* After a document's wrap-up ("Trên đây là ..."), what the outline hangs
 * below it (a web page's next question, the law it quotes) is in no block
 * named before it. */
Test(task, no_block_after_the_wrapup, .init = fx_grammar_load, .fini = S_free)
{
    S_run("2. Để thị trường bất động sản phát triển lành mạnh:\n"
          "b) Bộ Xây dựng:\n"
          "- Khẩn trương xây dựng hệ thống cơ sở dữ liệu thị trường bất động sản.\n"
          "Trên đây là thông tin về các nhiệm vụ của Bộ Xây dựng.\n"
          "Nhà ở xã hội được quản lý vận hành như thế nào?\n"
          "(1) Đối với nhà ở xã hội đầu tư bằng vốn đầu tư công, cơ quan có thẩm quyền "
          "quyết định lựa chọn đơn vị quản lý vận hành.\n"
          "(2) Hoạt động quản lý vận hành nhà ở xã hội được hưởng cơ chế ưu đãi.\n");
    S_expect_agencies(S_task("Khẩn trương xây dựng"), "lead:Bộ Xây dựng;");
    cr_expect_eq(S_ntasks(), 1);
}

/* A vision heading ("(2) Tầm nhìn đến năm 2045", "c) Tầm nhìn đến năm
 * 2035", "III. TẦM NHÌN ĐẾN NĂM 2050") is a section of aims
 * (task_aim_heading): its bodiless goals with a year are no tasks. */
Test(task, vision_is_an_aim, .init = fx_grammar_load, .fini = S_free)
{
    static const char *const yes[] = {"(2) Tầm nhìn đến năm 2045", "c) Tầm nhìn đến năm 2035",
                                      "III. TẦM NHÌN ĐẾN NĂM 2050", "2. Tầm nhìn"};
    static const char *const no[] = {"2. Xây dựng tầm nhìn chiến lược", "IV. TỔ CHỨC THỰC HIỆN"};
    const nqx_pattern *p = nqx_gram_pattern(S_g, "task_aim_heading");
    size_t ov[2], i;
    cr_assert_not_null(p);
    for (i = 0; i < sizeof yes / sizeof *yes; i++)
        cr_expect_gt(nqx_gram_match(p, yes[i], strlen(yes[i]), 0, ov, 1), 0, "%s", yes[i]);
    for (i = 0; i < sizeof no / sizeof *no; i++)
        cr_expect_leq(nqx_gram_match(p, no[i], strlen(no[i]), 0, ov, 1), 0, "%s", no[i]);
}

/* A legal web page's footer after the document ("Văn bản liên quan", the
 * list of related documents, the publisher's notices) holds no work. */
Test(task, no_work_in_a_site_footer, .init = fx_grammar_load, .fini = S_free)
{
    S_run("II. NHIỆM VỤ\n"
          "1. Sở Tài chính chủ trì tổ chức triển khai kế hoạch.\n"
          "2. Giao Sở Y tế thực hiện:\n"
          "- Tổ chức tập huấn trong tháng 12/2025.\n"
          "Văn bản liên quan\n"
          "Ban hành:\n"
          "25/11/2025 Hiệu lực: Đã biết Cập nhật:\n"
          "TP. HCM, ngày 31/05/2021 Thưa Quý khách, đúng 14 tháng trước, ngày 31/3/2020, "
          "chúng tôi đã bật Thông báo này.\n");
    cr_expect_eq(S_ntasks(), 2);
    const nqx_record *r = S_task("tập huấn");
    cr_expect_str_eq(r->text, "- Tổ chức tập huấn trong tháng 12/2025.");
    S_expect_deadline(r, "2025-12");
}

/* A wrap-up paragraph under the last block whose addressees are split by
 * ";": every body of the list leads, not the first only. */
Test(task, semicolon_list_of_subjects, .init = fx_grammar_load, .fini = S_free)
{
    S_run("CHỈ THỊ\n\n"
          "1. Sở Xây dựng\n\n"
          "- Rà soát quy hoạch các khu đô thị mới.\n\n"
          "Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, "
          "phường; Thủ trưởng các cơ quan, đơn vị có liên quan triển khai thực hiện "
          "nghiêm túc Chỉ thị này.\n");
    S_expect_agencies(S_task("Yêu cầu Giám đốc"),
                      "lead:Giám đốc các sở, ban, ngành;"
                      "lead:Chủ tịch Ủy ban nhân dân các xã, phường;"
                      "lead:Thủ trưởng các cơ quan, đơn vị có liên quan;");
    S_expect_agencies(S_task("Rà soát quy hoạch"), "lead:Sở Xây dựng;");
}

/* "công trình", "chương trình": the word "trình" of a noun is no report
 * verb, and the bodies after "phối hợp với" coordinate only */
Test(task, report_verb_inside_noun, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\n"
          "III. TỔ CHỨC THỰC HIỆN\n\n"
          "1. Sở Xây dựng chủ trì xây dựng chương trình phối hợp với Công an tỉnh "
          "bảo đảm an toàn giao thông.\n\n"
          "2. Sở Tài chính chủ trì, trình Ủy ban nhân dân tỉnh phân bổ kinh phí.\n");
    S_expect_agencies(S_task("an toàn giao thông"),
                      "lead:Sở Xây dựng;coordinate:Công an tỉnh;");
    S_expect_agencies(S_task("phân bổ kinh phí"),
                      "lead:Sở Tài chính;report_to:Ủy ban nhân dân tỉnh;");
}

/* "2. Các sở, ngành chủ trì, quản lý ... thuộc Chương trình" over its
 * points, between items that each name a body: a collective named by its
 * role heads a block; each point is its task, led by the whole title */
Test(task, collective_titled_by_role_block, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\n"
          "IV. TỔ CHỨC THỰC HIỆN\n\n"
          "1. Sở Nông nghiệp và Môi trường\n\n"
          "- Hướng dẫn các đơn vị xây dựng kế hoạch giám sát.\n\n"
          "2. Các sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án thuộc "
          "Chương trình\n\n"
          "- Phê duyệt kế hoạch giám sát, đánh giá.\n\n"
          "- Tổng hợp kết quả thực hiện các dự án.\n\n"
          "3. Ủy ban nhân dân cấp xã\n\n"
          "- Tổ chức giám sát, đánh giá theo Kế hoạch.\n");
    S_expect_agencies(S_task("Phê duyệt kế hoạch giám sát"),
                      "lead:Các sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án "
                      "thuộc Chương trình;");
    S_expect_agencies(S_task("Tổng hợp kết quả thực hiện"),
                      "lead:Các sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án "
                      "thuộc Chương trình;");
    S_expect_agencies(S_task("Tổ chức giám sát"), "lead:Ủy ban nhân dân cấp xã;");
}

/* "Thứ tư, các địa phương cần ...": a point of an enumeration written as
 * paragraphs names its body right after the ordinal's comma */
Test(task, ordinal_point_subject, .init = fx_grammar_load, .fini = S_free)
{
    S_run("THÔNG BÁO KẾT LUẬN\n\n"
          "II. NHIỆM VỤ TRỌNG TÂM\n\n"
          "Thứ nhất, tiếp tục đẩy nhanh tiến độ các dự án trọng điểm.\n\n"
          "Thứ hai, các địa phương cần chủ động tháo gỡ vướng mắc trong công tác giải "
          "phóng mặt bằng.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("tháo gỡ vướng mắc"), "lead:các địa phương;");
}

/* spec: a responsibility line after an item's points ("Trách nhiệm chỉ
 * đạo thực hiện: X, Y") makes a block of them, as a heading does, whether
 * it is a point of its own or a line hung under the last point */
Test(task, responsibility_line_after_points, .init = fx_grammar_load, .fini = S_free)
{
    static const char *const lines[] = {
        "Trách nhiệm chỉ đạo thực hiện: Ban Tổ chức Tỉnh ủy, Sở Nội vụ.\n",
        "- Trách nhiệm chỉ đạo thực hiện: Ban Tổ chức Tỉnh ủy, Sở Nội vụ.\n"};
    size_t i;
    for (i = 0; i < 2; i++) {
        char buf[1024];
        snprintf(buf, sizeof buf,
                 "KẾ HOẠCH\n\nIII. NHIỆM VỤ, GIẢI PHÁP\n\n"
                 "3. Nâng cao chất lượng đội ngũ cán bộ\n\n"
                 "- Rà soát đội ngũ cán bộ các cấp.\n\n"
                 "- Đào tạo, bồi dưỡng cán bộ trẻ.\n\n%s", lines[i]);
        S_run(buf);
        cr_expect_eq(S_ntasks(), 2, "layout %zu: %zu tasks", i, S_ntasks());
        S_expect_agencies(S_task("Rà soát đội ngũ"),
                          "lead:Ban Tổ chức Tỉnh ủy;lead:Sở Nội vụ;");
        S_expect_agencies(S_task("Đào tạo, bồi dưỡng"),
                          "lead:Ban Tổ chức Tỉnh ủy;lead:Sở Nội vụ;");
    }
}

/* "X là cơ quan đầu mối ..." hands X a role; "X là đơn vị sự nghiệp ...",
 * "X là cơ quan xét xử ..." say what X is: no task */
Test(task, role_not_definition, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUYẾT ĐỊNH\n\n"
          "Điều 3. Tổ chức thực hiện\n\n"
          "1. Sở Nội vụ là cơ quan đầu mối theo dõi, đôn đốc việc thực hiện Quyết định này.\n\n"
          "2. Trạm Y tế xã là đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân xã.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("cơ quan đầu mối"), "lead:Sở Nội vụ;");
}

/* "Hằng năm, phối hợp với A, B thực hiện ...": after a fronted time the
 * bodies worked with are a list; B is no subject, the block's body leads */
Test(task, fronted_time_coordinate_list, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nII. NHIỆM VỤ\n\n"
          "1. Sở Xây dựng\n\n"
          "a) Hằng năm, phối hợp với Sở Tài chính, Sở Nội vụ thực hiện kiểm tra "
          "công trình.\n\n"
          "b) Chủ trì thẩm định thiết kế các công trình.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("kiểm tra công trình"),
                      "lead:Sở Xây dựng;coordinate:Sở Tài chính;coordinate:Sở Nội vụ;");
}

/* the bodies a body told to act works with are its partners, not the
 * task's coordinators, unless the body told leads the task */
Test(task, told_body_partners, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nII. NHIỆM VỤ\n\n"
          "1. Ủy ban nhân dân tỉnh chỉ đạo Sở Y tế phối hợp với Sở Tài chính kiểm tra "
          "các cơ sở khám bệnh.\n\n"
          "2. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát biên chế.\n\n"
          "3. Sở Xây dựng\n\n"
          "a) Chỉ đạo các đơn vị trực thuộc phối hợp với Công an tỉnh kiểm tra công trình.\n\n"
          "b) Phối hợp với Công an tỉnh thẩm định thiết kế.\n");
    S_expect_agencies(S_task("kiểm tra các cơ sở khám bệnh"), "lead:Ủy ban nhân dân tỉnh;");
    S_expect_agencies(S_task("rà soát biên chế"),
                      "lead:Sở Nội vụ;coordinate:Sở Tài chính;");
    S_expect_agencies(S_task("kiểm tra công trình"), "lead:Sở Xây dựng;");
    S_expect_agencies(S_task("thẩm định thiết kế"),
                      "lead:Sở Xây dựng;coordinate:Công an tỉnh;");
}

/* after "phối hợp (chặt chẽ) với" a bare common noun that says which is
 * a coordinator ("cơ quan có liên quan"); "cấp trên" is none */
Test(task, coordinator_bare_common_noun, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nII. NHIỆM VỤ\n\n"
          "1. Sở Nội vụ\n\n"
          "a) Phối hợp với cơ quan có liên quan rà soát biên chế.\n\n"
          "b) Phối hợp chặt chẽ với các nhà mạng triển khai dịch vụ công.\n\n"
          "c) Phối hợp với cấp trên bảo đảm kinh phí.\n\n"
          "d) Phối hợp chặt chẽ Sở Tài chính hỗ trợ doanh nghiệp.\n");
    S_expect_agencies(S_task("rà soát biên chế"),
                      "lead:Sở Nội vụ;coordinate:cơ quan có liên quan;");
    S_expect_agencies(S_task("triển khai dịch vụ công"),
                      "lead:Sở Nội vụ;coordinate:các nhà mạng;");
    S_expect_agencies(S_task("bảo đảm kinh phí"), "lead:Sở Nội vụ;");
    S_expect_agencies(S_task("hỗ trợ doanh nghiệp"),
                      "lead:Sở Nội vụ;coordinate:Sở Tài chính;");
}

/* "gửi Sở X để tổng hợp, báo cáo UBND tỉnh": the body sent to reports on;
 * the task reports to it alone */
Test(task, report_relayed, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
          "1. Các chủ đầu tư định kỳ hằng quý báo cáo tiến độ giải ngân gửi Sở Tài chính "
          "để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\n\n"
          "2. Sở Nội vụ báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.\n");
    S_expect_agencies(S_task("tiến độ giải ngân"),
                      "lead:Các chủ đầu tư;report_to:Sở Tài chính;");
    S_expect_agencies(S_task("kết quả thực hiện"),
                      "lead:Sở Nội vụ;report_to:Ủy ban nhân dân tỉnh;");
}

/* a numbered table whose second cell names a body lists bodies (offices
 * and where they sit); it assigns nothing, though its third cell names
 * bodies or places too */
Test(task, table_of_bodies_no_tasks, .init = fx_grammar_load, .fini = S_free)
{
    S_run("DANH SÁCH\n\n"
          "| STT | Tên đơn vị | Địa bàn | Trụ sở |\n"
          "|---|---|---|---|\n"
          "| 1 | Chi cục Dự trữ Nhà nước khu vực II | Thành phố Hồ Chí Minh, Đồng Nai | Thành phố Hồ Chí Minh |\n"
          "| 2 | Công an quận 3 | Công an phường Nhiêu Lộc | 386/79 đường Lê Văn Sỹ |\n");
    cr_expect_eq(S_ntasks(), 0);
}

/* a capitalised cue after the title's colon or a full stop opens a
 * clause: "6. Sở Tài chính:\nPhối hợp với Sở Công Thương ..." */
Test(task, coordinator_after_title_colon, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
          "5. Sở Y tế: Chủ trì bảo đảm thuốc men cho vùng lũ.\n\n"
          "6. Sở Tài chính:\nPhối hợp với Sở Công Thương thẩm định kinh phí mua sắm.\n\n"
          "7. Sở Nội vụ: Rà soát biên chế. Phối hợp với Sở Y tế đánh giá nhân lực.\n");
    S_expect_agencies(S_task("thẩm định kinh phí"),
                      "lead:Sở Tài chính;coordinate:Sở Công Thương;");
    S_expect_agencies(S_task("Rà soát biên chế"),
                      "lead:Sở Nội vụ;coordinate:Sở Y tế;");
}

/* "phản hồi về X (qua Y)" reports to X as "phản ánh về X" does; the
 * channel Y is not listed */
Test(task, feedback_reports_to, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nVI. TỔ CHỨC THỰC HIỆN\n\n"
          "3. Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị phản hồi "
          "về Ban Chỉ đạo (qua Sở Tài chính) để xem xét, chỉ đạo.\n");
    S_expect_agencies(S_task("phản hồi"),
                      "lead:các cơ quan, đơn vị;report_to:Ban Chỉ đạo;");
}

/* a verb typed with a capital after the subject's place word ("xã/phường
 * Quyết định ...") is its predicate: the name ends before it and the
 * body leads */
Test(task, capitalised_verb_after_subject, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nII. TRÌNH TỰ THỰC HIỆN\n\n"
          "- Trong thời hạn 03 ngày làm việc, kể từ ngày hồ sơ được xét duyệt, "
          "Chủ tịch Ủy ban nhân dân xã/phường Quyết định hỗ trợ trợ cấp xã hội "
          "hằng tháng cho đối tượng.\n");
    S_expect_agencies(S_task("trợ cấp xã hội"),
                      "lead:Chủ tịch Ủy ban nhân dân xã/phường;");
}

/* "hoàn chỉnh" is a subject's verb as "hoàn thiện" is; "Chính phủ" is a
 * whole name, the verb after it not in it */
Test(task, whole_name_subject_finishes, .init = fx_grammar_load, .fini = S_free)
{
    S_run("NGHỊ QUYẾT\n\nĐiều 2. Tổ chức thực hiện\n\n"
          "- Chính phủ hoàn chỉnh hồ sơ trình Quốc hội xem xét, quyết định;\n");
    S_expect_agencies(S_task("hoàn chỉnh hồ sơ"),
                      "lead:Chính phủ;report_to:Quốc hội;");
}

/* "...; do vậy, yêu cầu các bộ, ngành, địa phương ...:": the bodies asked
 * after a consequence's comma head the items below; the intro, which
 * only hands them out, is no task (its remark "Từ nay đến hết năm 2025
 * chỉ còn ..." sets no time of a task) */
static const char *S_therefore =
    "THÔNG BÁO\n"
    "\n"
    "III. NHIỆM VỤ TRỌNG TÂM\n"
    "\n"
    "Từ nay đến hết năm 2025 chỉ còn gần 2 tháng, một số dự án còn khối lượng lớn; "
    "do vậy, yêu cầu các bộ, ngành, địa phương liên quan:\n"
    "\n"
    "a) Bộ Xây dựng đẩy nhanh tiến độ phê duyệt Báo cáo nghiên cứu khả thi.\n"
    "\n"
    "b) Khẩn trương khánh thành dự án vào ngày 19 tháng 12 năm 2025.\n";

Test(task, bodies_asked_after_therefore, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_therefore);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("phê duyệt Báo cáo");
    S_expect_agencies(r, "lead:Bộ Xây dựng;");
    r = S_task("Khẩn trương khánh thành");
    S_expect_agencies(r, "lead:các bộ, ngành, địa phương liên quan;");
    S_expect_deadline(r, "2025-12-19");
}

/* One numbered item is one task, however many sentences it has: a
 * sentence of a bodiless item that opens with a time ("Năm 2025, tập
 * trung ...") does not cut the item in two; the item's first time is
 * its deadline. A paragraph's running text is still cut there. */
static const char *S_item_times =
    "NGHỊ QUYẾT\n"
    "\n"
    "Điều 1. Mục tiêu, chỉ tiêu\n"
    "\n"
    "a) Mục tiêu tổng quát: Củng cố các yếu tố nền tảng trong giai đoạn 2026 - 2030. "
    "Năm 2025, tập trung thúc đẩy tăng trưởng.\n"
    "\n"
    "II. NHIỆM VỤ\n"
    "\n"
    "Đến năm 2026, hoàn thành cơ sở dữ liệu. Năm 2027, vận hành hệ thống.\n";

Test(task, numbered_item_not_cut_at_time, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_item_times);
    cr_expect_eq(S_ntasks(), 3);
    r = S_task("Củng cố các yếu tố nền tảng");
    cr_expect_str_eq(r->text, "a) Mục tiêu tổng quát: Củng cố các yếu tố nền tảng trong "
                              "giai đoạn 2026 - 2030. Năm 2025, tập trung thúc đẩy tăng trưởng.");
    S_expect_deadline(r, "2026/2030");
    S_expect_agencies(r, "");
    r = S_task("hoàn thành cơ sở dữ liệu");
    S_expect_deadline(r, "2026");
    r = S_task("vận hành hệ thống");
    S_expect_deadline(r, "2027");
}

/* A paragraph with no body of its own that opens work handed out body by
 * body ("Ngoài ..., một số đơn vị còn có trách nhiệm ... sau:" over "a)
 * Sở Nông nghiệp và Môi trường") is no task; the bodies' items are. */
static const char *S_intro_bodies =
    "KẾ HOẠCH\n"
    "\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "2. Các sở, ban, ngành, địa phương: Là các đơn vị thẩm định:\n"
    "\n"
    "2.1. Trách nhiệm cụ thể\n"
    "\n"
    "Ngoài các trách nhiệm chung nêu trên, một số đơn vị và địa phương còn có "
    "trách nhiệm có ý kiến thẩm định cụ thể một số nội dung sau:\n"
    "\n"
    "a) Sở Nông nghiệp và Môi trường\n"
    "\n"
    "- Đánh giá nhu cầu sử dụng đất của dự án.\n"
    "\n"
    "b) Sở Xây dựng\n"
    "\n"
    "- Đánh giá sự phù hợp với quy hoạch xây dựng.\n";

Test(task, intro_over_bodies_items, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_intro_bodies);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("nhu cầu sử dụng đất");
    S_expect_agencies(r, "lead:Sở Nông nghiệp và Môi trường;");
    r = S_task("quy hoạch xây dựng");
    S_expect_agencies(r, "lead:Sở Xây dựng;");
}

/* "Đối với các chủ đầu tư cần ...": in running text, the body addressed
 * right before a modal, with no comma or colon, is the sentence's
 * subject; a thing addressed ("Đối với các dự án chậm tiến độ cần ...")
 * names no body. */
static const char *S_addressed =
    "THÔNG BÁO\n"
    "\n"
    "II. MỘT SỐ YÊU CẦU\n"
    "\n"
    "Yêu cầu các địa phương chủ động khắc phục thiên tai. Đối với các chủ đầu tư "
    "cần nhanh chóng dọn dẹp mặt bằng, khôi phục lại thi công. Đối với các dự án "
    "chậm tiến độ cần rà soát lại kế hoạch.\n";

Test(task, addressed_body_before_modal, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_addressed);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("khắc phục thiên tai");
    S_expect_agencies(r, "lead:các địa phương;");
    r = S_task("dọn dẹp mặt bằng");
    S_expect_agencies(r, "lead:các chủ đầu tư;");
    cr_expect_str_eq(r->text, "Đối với các chủ đầu tư cần nhanh chóng dọn dẹp mặt bằng, "
                              "khôi phục lại thi công.");
}

/* A bodiless item's own time: not the horizon of the larger goal it
 * contributes to ("góp phần ... trong giai đoạn 2026 - 2030"); a time
 * after a comma is the work's again. */
static const char *S_contrib =
    "NGHỊ QUYẾT\n"
    "\n"
    "Điều 1. Mục tiêu, chỉ tiêu\n"
    "\n"
    "a) Mục tiêu tổng quát: Củng cố các yếu tố nền tảng, góp phần tạo nền tảng vững "
    "chắc để đạt tốc độ tăng trưởng hai con số trong giai đoạn 2026 - 2030. Năm "
    "2025, tập trung thúc đẩy tăng trưởng.\n"
    "\n"
    "b) Hoàn thiện hệ thống hóa đơn điện tử, góp phần nâng cao hiệu quả quản lý "
    "thuế, hoàn thành trong tháng 3 năm 2026.\n"
    "\n"
    "c) Đẩy mạnh chuyển đổi số, góp phần hoàn thành mục tiêu đến năm 2030.\n";

Test(task, contribution_horizon_is_no_own_time, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_contrib);
    cr_expect_eq(S_ntasks(), 2);
    r = S_task("Củng cố các yếu tố nền tảng");
    S_expect_deadline(r, "2025");
    r = S_task("hóa đơn điện tử");
    S_expect_deadline(r, "2026-03");
}

/* a case fronted before the body ("Trường hợp ..., X kiểm tra ...") is
 * an adverbial like a time limit: the body after its comma leads, and
 * the work is done when the case arises */
Test(task, fronted_case_subject, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUY ĐỊNH\n\nĐiều 5. Trình tự thực hiện\n\n"
          "- Hộ gia đình nộp hồ sơ tại bộ phận một cửa.\n"
          "- Trường hợp hồ sơ có sai sót, Phòng Tư pháp xã tổ chức kiểm tra lại hồ sơ.\n");
    cr_expect_eq(S_ntasks(), 1);
    const nqx_record *r = S_task("kiểm tra lại");
    S_expect_agencies(r, "lead:Phòng Tư pháp xã;");
    S_expect_deadline(r, "conditional");
}

/* a paragraph after a bullet's ";" that names another body is that
 * body's task, as any paragraph of the bullet would be; one with the
 * bullet's own body stays in it */
Test(task, paragraph_after_semicolon_own_task, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUY ĐỊNH\n\nĐiều 5. Trình tự thực hiện\n\n"
          "- Trong thời hạn 05 ngày làm việc, kể từ ngày nhận đủ hồ sơ, Phòng Kinh tế xã "
          "có trách nhiệm thẩm định hồ sơ, trình Chủ tịch Ủy ban nhân dân xã quyết định;\n\n"
          "Trường hợp có khiếu nại, trong thời hạn 07 ngày làm việc, kể từ ngày nhận được "
          "khiếu nại, Chủ tịch Ủy ban nhân dân xã tổ chức xem xét, kết luận;\n\n"
          "- Trong thời hạn 03 ngày làm việc, Chủ tịch Ủy ban nhân dân xã tổ chức chi trả;\n\n"
          "Trường hợp đối tượng không đủ điều kiện, Chủ tịch Ủy ban nhân dân xã trả lời bằng văn bản.\n");
    cr_expect_eq(S_ntasks(), 3);
    S_expect_agencies(S_task("thẩm định hồ sơ"),
                      "lead:Phòng Kinh tế xã;report_to:Chủ tịch Ủy ban nhân dân xã;");
    const nqx_record *r = S_task("xem xét, kết luận");
    cr_expect(strncmp(r->text, "Trường hợp có khiếu nại", 27) == 0, "text: %s", r->text);
    S_expect_agencies(r, "lead:Chủ tịch Ủy ban nhân dân xã;");
    S_expect_deadline(r, "conditional");
    S_expect_agencies(S_task("không đủ điều kiện"), "lead:Chủ tịch Ủy ban nhân dân xã;");
}

/* "X thông báo bằng văn bản / cho ..." is a step of X's work; a bare
 * "thông báo" closing a notice ("... thông báo để ... biết, thực hiện")
 * is not */
Test(task, notify_verb, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUY ĐỊNH\n\nĐiều 5. Trình tự thực hiện\n\n"
          "- Trong 05 ngày làm việc, Sở Tư pháp thông báo bằng văn bản cho người nộp hồ sơ.\n"
          "- Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan biết, thực hiện.\n");
    cr_expect_eq(S_ntasks(), 1);
    const nqx_record *r = S_task("người nộp hồ sơ");
    S_expect_agencies(r, "lead:Sở Tư pháp;");
    S_expect_deadline(r, "conditional");
}

/* a case that hands the work to the body the item opens with ("... thì
 * giao Ủy ban nhân dân cấp xã có phần diện tích lớn hơn làm chủ đầu tư")
 * goes on with the item's task; handed to another body it is its own */
Test(task, case_handed_to_own_body, .init = fx_grammar_load, .fini = S_free)
{
    S_run("NGHỊ QUYẾT\n\nĐiều 5. Chủ đầu tư\n\n"
          "1. Ủy ban nhân dân cấp xã (nơi có dự án) làm chủ đầu tư dự án xây dựng hạ tầng.\n\n"
          "Trường hợp dự án nằm trên địa bàn từ hai xã trở lên thì giao Ủy ban nhân dân "
          "cấp xã có diện tích lớn hơn làm chủ đầu tư dự án.\n\n"
          "2. Ủy ban nhân dân cấp xã rà soát danh mục dự án.\n\n"
          "Trường hợp danh mục cần điều chỉnh thì giao Sở Tài chính thẩm định.\n");
    cr_expect_eq(S_ntasks(), 3);
    const nqx_record *r = S_task("làm chủ đầu tư dự án xây dựng");
    cr_expect(strstr(r->text, "có diện tích lớn hơn") != NULL, "text: %s", r->text);
    S_expect_agencies(r, "lead:Ủy ban nhân dân cấp xã;");
    S_expect_deadline(r, "conditional");
    S_expect_agencies(S_task("giao Sở Tài chính"), "lead:Sở Tài chính;");
}

/* "Đơn vị được giao ... có trách nhiệm ...": a bare common noun given
 * work, then a subject's predicate, is the item's body; the last noun of
 * a list without its determiner is not ("sở, ban, ngành được giao chủ trì
 * có trách nhiệm": no body "ngành được giao chủ trì") */
Test(task, assigned_bare_subject, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUY ĐỊNH\n\nĐiều 5. Trách nhiệm thực hiện\n\n"
          "1. Đơn vị được giao quản lý tài sản kết cấu hạ tầng công viên có trách nhiệm "
          "ban hành nội quy công viên.\n\n"
          "2. Đối với kiến nghị có liên quan đến nhiều ngành thì sở, ban, ngành được giao "
          "chủ trì có trách nhiệm phối hợp với cơ quan liên quan để giải quyết.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("nội quy công viên"),
                      "lead:Đơn vị được giao quản lý tài sản kết cấu hạ tầng công viên;");
}

/* a paragraph that opens with a follow-up cue and names no subject goes
 * on with the task of the paragraph before it, in a body's block as in
 * an article's closing ("... chịu trách nhiệm thi hành Quy chế này." /
 * "Trong quá trình triển khai thực hiện, nếu phát sinh khó khăn, ...
 * phản ánh về Sở X"): one task, with its report_to and its time */
Test(task, followup_paragraph_joins_task, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUY CHẾ\n\nĐiều 1. Phạm vi điều chỉnh\n\n"
          "Quy chế này quy định việc sử dụng Hệ thống.\n\n"
          "Điều 2. Trách nhiệm thi hành\n\n"
          "Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường chịu "
          "trách nhiệm triển khai thực hiện Quy chế này.\n\n"
          "Trong quá trình triển khai thực hiện, nếu phát sinh khó khăn, vướng mắc các "
          "cơ quan, đơn vị kịp thời phản ánh về Sở Tư pháp để tổng hợp.\n");
    cr_expect_eq(S_ntasks(), 1);
    const nqx_record *r = S_task("Quy chế này");
    cr_expect(strstr(r->text, "phản ánh về Sở Tư pháp") != NULL, "text: %s", r->text);
    S_expect_agencies(r, "lead:Giám đốc các sở, ban, ngành;"
                         "lead:Chủ tịch Ủy ban nhân dân các xã, phường;"
                         "report_to:Sở Tư pháp;");
    S_expect_deadline(r, "conditional");
}

Test(task, followup_paragraph_in_block, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
          "1. Ủy ban nhân dân các huyện\n\n"
          "Rà soát, xử lý các cơ sở nhà, đất dôi dư trên địa bàn.\n\n"
          "Trường hợp có khó khăn, vướng mắc trong quá trình xử lý thì kịp thời tổng hợp, "
          "báo cáo Sở Tài chính để được hướng dẫn.\n\n"
          "Cập nhật quy hoạch sử dụng đất của huyện.\n\n"
          "- Tăng cường thanh tra, kiểm tra việc sử dụng nhà, đất.\n");
    cr_expect_eq(S_ntasks(), 3);
    const nqx_record *r = S_task("Rà soát, xử lý");
    cr_expect(strstr(r->text, "báo cáo Sở Tài chính") != NULL, "text: %s", r->text);
    S_expect_agencies(r, "lead:Ủy ban nhân dân các huyện;report_to:Sở Tài chính;");
    S_expect_deadline(r, "conditional");
}

/* a label line that lists the time among other attributes ("Thông số,
 * tần suất, thời gian và số lượng mẫu quan trắc: ...") is a time label,
 * the item's, not a point of work of its own */
Test(task, listed_time_label_no_task, .init = fx_grammar_load, .fini = S_free)
{
    size_t i;
    S_run("KẾ HOẠCH\n\nII. NỘI DUNG KẾ HOẠCH\n\n1. Quan trắc môi trường\n\n"
          "a) Ao nuôi tôm\n\n"
          "- Điểm quan trắc: Thực hiện quan trắc tại 21 vùng nuôi.\n\n"
          "- Thông số, tần suất, thời gian và số lượng mẫu quan trắc: pH, độ mặn, "
          "quan trắc từ tháng 3 đến tháng 10 năm 2026.\n");
    for (i = 0; i < S_d->nrecords; i++)
        cr_expect(S_d->records[i].kind != NQX_TASK ||
                      strncmp(S_d->records[i].text, "- Thông số", 13) != 0,
                  "a task of the label line: %s", S_d->records[i].text);
}

/* The issuer's own act ("1. Cơ bản thống nhất với Báo cáo ...") hands no
 * work to anyone: no task, whatever time the works it agrees with have;
 * an item with no body that sets its own time still is one. */
static const char *S_issuer_act =
    "KẾT LUẬN\n"
    "\n"
    "1. Cơ bản thống nhất với Báo cáo về tình hình sắp xếp tổ chức bộ máy.\n"
    "\n"
    "Thống nhất với những kiến nghị về những công việc cần tập trung thực hiện từ nay "
    "đến ngày 30/6/2025.\n"
    "\n"
    "2. Hoàn thành sắp xếp đơn vị hành chính cấp xã trước ngày 30/6/2025.\n";

Test(task, issuer_act_is_no_task, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_issuer_act);
    cr_expect_eq(S_ntasks(), 1);
    r = S_task("Hoàn thành sắp xếp");
    S_expect_deadline(r, "2025-06-30");
    S_expect_agencies(r, "");
}

/* ... but a paragraph the outline hung under an item, opening with its
 * own time, is running text: cut there as before */
static const char *S_item_paras =
    "NGHỊ QUYẾT\n"
    "\n"
    "II. NHIỆM VỤ\n"
    "\n"
    "5. Đầu tư cho công tác xây dựng pháp luật là đầu tư cho phát triển đến năm 2030.\n"
    "\n"
    "Năm 2025, cơ bản hoàn thành việc tháo gỡ những điểm nghẽn.\n"
    "\n"
    "Năm 2027, hoàn thành việc sửa đổi văn bản pháp luật.\n";

Test(task, item_child_paragraphs_cut_at_time, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run(S_item_paras);
    cr_expect_eq(S_ntasks(), 3);
    r = S_task("tháo gỡ những điểm nghẽn");
    S_expect_deadline(r, "2025");
    r = S_task("sửa đổi văn bản pháp luật");
    S_expect_deadline(r, "2027");
}

/* "..., đồng thời, X ..." / "Đồng thời, X có trách nhiệm ...": the body
 * after "đồng thời" and its comma is the clause's subject */
Test(task, subject_after_at_the_same_time, .init = fx_grammar_load, .fini = S_free)
{
    const nqx_record *r;
    S_run("KẾ HOẠCH\n"
          "\n"
          "II. NHIỆM VỤ\n"
          "\n"
          "1. Quản lý thu ngân sách\n"
          "\n"
          "- Triển khai đồng bộ các biện pháp quản lý thuế; đồng thời, ngành Thuế phối "
          "hợp chặt chẽ với các cấp thực hiện chống thất thu thuế.\n"
          "\n"
          "2. Dữ liệu\n"
          "\n"
          "Đồng thời, Chính phủ quy định chi tiết các nội dung này.\n");
    r = S_task("chống thất thu thuế");
    S_expect_agencies(r, "lead:ngành Thuế;coordinate:các cấp;");
    r = S_task("quy định chi tiết");
    S_expect_agencies(r, "lead:Chính phủ;");
}

/* an item of a plan's section that names no body but sets its time in a
 * label line among its points is one task with them (empty agencies);
 * not when a point names its body or sets a time of its own */
Test(task, bodiless_item_timed_by_label, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nII. NỘI DUNG KẾ HOẠCH\n\n1. Các hoạt động\n\n"
          "a) Tổ chức hội nghị sơ kết\n\n"
          "- Nội dung: đánh giá kết quả 5 năm.\n\n"
          "- Thời gian thực hiện: Quý II/2026.\n\n"
          "b) Tập huấn cán bộ\n\n"
          "- Tập huấn lớp 1: hoàn thành trước ngày 15/5/2026.\n\n"
          "- Tập huấn lớp 2: hoàn thành trước ngày 15/8/2026.\n\n"
          "- Thời gian thực hiện: năm 2026.\n");
    cr_expect_eq(S_ntasks(), 3);
    const nqx_record *r = S_task("hội nghị sơ kết");
    cr_expect(strstr(r->text, "Nội dung: đánh giá") != NULL, "text: %s", r->text);
    S_expect_agencies(r, "");
    S_expect_deadline(r, "2026-Q2");
    S_expect_deadline(S_task("lớp 1"), "2026-05-15");
    S_expect_deadline(S_task("lớp 2"), "2026-08-15");
}

/* "X có văn bản đề nghị Y ...": X, who writes, leads; Y, asked in the
 * letter, does not */
Test(task, writes_letter_subject, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUY ĐỊNH\n\nĐiều 5. Trình tự thực hiện\n\n"
          "- Trong thời hạn 10 ngày, kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Tư pháp có văn bản "
          "đề nghị Bộ trưởng Bộ Tư pháp miễn nhiệm Thừa phát lại.\n\n"
          "- Trường hợp hồ sơ cần giải trình, Ngân hàng Nhà nước có văn bản yêu cầu tổ chức "
          "hoàn thiện hồ sơ.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("miễn nhiệm"), "lead:Sở Tư pháp;");
    S_expect_agencies(S_task("hoàn thiện hồ sơ"), "lead:Ngân hàng Nhà nước;");
}

/* "- Sở Nội vụ: 01 cá nhân/01 đơn vị;": a number after a body's colon is
 * its share of a quota, no work; "- Sở Tư pháp: hướng dẫn ..." is work */
Test(task, quota_line_no_task, .init = fx_grammar_load, .fini = S_free)
{
    S_run("KẾ HOẠCH\n\nII. KHEN THƯỞNG\n\n2. Số lượng khen thưởng\n\n"
          "- Ban Chỉ đạo tỉnh: 02 cá nhân;\n\n"
          "- Sở Nội vụ: 01 cá nhân/01 đơn vị;\n\n"
          "- Sở Tư pháp: hướng dẫn hồ sơ khen thưởng.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("hướng dẫn hồ sơ"), "lead:Sở Tư pháp;");
}

/* "Trường hợp cơ quan, người có thẩm quyền quyết định ... thì Cục Hàng hải
 * Việt Nam tổ chức ...": the commas before "thì" are the case's; the
 * body after "thì" leads */
Test(task, case_commas_before_then, .init = fx_grammar_load, .fini = S_free)
{
    S_run("QUY ĐỊNH\n\nĐiều 5. Xử lý tài sản\n\n"
          "1. Trường hợp cơ quan, người có thẩm quyền quyết định phê duyệt phương án trục vớt "
          "thì Cục Hàng hải Việt Nam tổ chức trục vớt tài sản.\n\n"
          "2. Trường hợp không phê duyệt, Sở Tài chính thông báo bằng văn bản cho tổ chức.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("trục vớt tài sản"), "lead:Cục Hàng hải Việt Nam;");
    S_expect_agencies(S_task("thông báo bằng văn bản"), "lead:Sở Tài chính;");
}

/* A telegram's sender line ("THỦ TƯỚNG CHÍNH PHỦ điện:") addresses the
 * text; it is no body handing out the items below: an item that names
 * no body and sets no time is no task, one that names its body is led
 * by it */
Test(task, telegram_sender_line_no_block, .init = fx_grammar_load, .fini = S_free)
{
    size_t i;
    S_run("CÔNG ĐIỆN\n\nVỀ VIỆC CHỦ ĐỘNG ỨNG PHÓ MƯA LŨ\n\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n\n"
          "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Huế, Đà Nẵng;\n\n"
          "- Các Bộ: Quốc phòng, Công an.\n\n"
          "Để chủ động ứng phó với mưa lũ, Thủ tướng Chính phủ yêu cầu:\n\n"
          "1. Các Bộ: Quốc phòng, Công an chỉ đạo các đơn vị sẵn sàng lực lượng.\n\n"
          "2. Kêu gọi sự giúp đỡ, tương thân tương ái của nhân dân.\n\n"
          "3. Văn phòng Chính phủ theo dõi, đôn đốc.\n");
    cr_expect_eq(S_ntasks(), 2);
    for (i = 0; i < S_d->nrecords; i++)
        cr_expect(S_d->records[i].kind != NQX_TASK ||
                      !strstr(S_d->records[i].text, "Kêu gọi"),
                  "a task of the item with no body: %s", S_d->records[i].text);
    S_expect_agencies(S_task("sẵn sàng lực lượng"), "lead:Các Bộ: Quốc phòng, Công an;");
    S_expect_agencies(S_task("theo dõi, đôn đốc"), "lead:Văn phòng Chính phủ;");
}

/* A page's account of a directive ("..., Thủ tướng Chính phủ yêu cầu
 * Chủ tịch Ủy ban nhân dân các tỉnh khẩn trương thực hiện các nội dung
 * sau:") opens the work it quotes below, led by the bodies it asks, in a
 * text with no numbered sections; the page's next question ends it (the
 * law it then quotes is not the directive's work) */
Test(task, page_quotes_directive, .init = fx_grammar_load, .fini = S_free)
{
    size_t i;
    S_run("Toàn văn Công điện 234/CĐ-TTg phát động Chiến dịch Quang Trung?\n\n"
          "Ngày 30/11/2025, Thủ tướng Chính phủ ban hành Công điện 234/CĐ-TTg.\n\n"
          "Theo đó, để khẩn trương xây dựng lại nhà ở, Thủ tướng Chính phủ yêu cầu Chủ tịch "
          "Ủy ban nhân dân các tỉnh khẩn trương thực hiện các nội dung sau:\n\n"
          "- Tổ chức xây dựng kế hoạch cụ thể, phát động Chiến dịch vào ngày 01/12/2025.\n\n"
          "- Phát huy tinh thần tự lực, tự cường của địa phương.\n\n"
          "Hoạt động khắc phục hậu quả thiên tai được quy định như thế nào?\n\n"
          "Căn cứ Điều 30 Luật Phòng chống thiên tai, trách nhiệm như sau:\n\n"
          "- Bộ, cơ quan ngang bộ có trách nhiệm chủ động khắc phục hậu quả thiên tai.\n");
    cr_expect_eq(S_ntasks(), 2);
    const nqx_record *r = S_task("Tổ chức xây dựng kế hoạch");
    S_expect_agencies(r, "lead:Chủ tịch Ủy ban nhân dân các tỉnh;");
    S_expect_deadline(r, "2025-12-01");
    S_expect_agencies(S_task("Phát huy tinh thần"), "lead:Chủ tịch Ủy ban nhân dân các tỉnh;");
    for (i = 0; i < S_d->nrecords; i++)
        cr_expect(S_d->records[i].kind != NQX_TASK ||
                      !strstr(S_d->records[i].text, "có trách nhiệm chủ động"),
                  "a task of the quoted law: %s", S_d->records[i].text);
}

/* A telegram item whose bodies single out some places in a colon list a
 * line break split ("..., trong đó trọng tâm là các tỉnh:" / "Đắk Lắk,
 * Khánh Hòa, Gia Lai và Lâm Đồng:") leads the lettered points below; the
 * line that finishes the list is no task */
Test(task, item_bodies_colon_list_split, .init = fx_grammar_load, .fini = S_free)
{
    size_t i;
    S_run("Thủ tướng Chính phủ yêu cầu:\n\n"
          "1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng, trong đó "
          "trọng tâm là các tỉnh:\n\n"
          "Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng:\n\n"
          "a) Tổ chức xây dựng kế hoạch cụ thể, phát động Chiến dịch vào ngày 01/12/2025.\n\n"
          "b) Huy động lực lượng quân đội, công an hỗ trợ sửa chữa nhà.\n\n"
          "2. Bộ trưởng Bộ Tài chính chỉ đạo triển khai các chính sách hỗ trợ.\n");
    cr_expect_eq(S_ntasks(), 3);
    for (i = 0; i < S_d->nrecords; i++)
        cr_expect(S_d->records[i].kind != NQX_TASK ||
                      strncmp(S_d->records[i].text, "Đắk Lắk", strlen("Đắk Lắk")) != 0,
                  "a task of the list's last line: %s", S_d->records[i].text);
    S_expect_agencies(S_task("Tổ chức xây dựng kế hoạch"),
                      "lead:Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm "
                      "Đồng;lead:các tỉnh;");
    S_expect_agencies(S_task("Huy động lực lượng"),
                      "lead:Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm "
                      "Đồng;lead:các tỉnh;");
}

/* A web page's image caption ("... (Hình từ Internet)") ends the item
 * before it: the caption, which repeats the page's title, and the page's
 * next part are none of the item's text, and no task comes from them */
Test(task, page_caption_ends_item, .init = fx_grammar_load, .fini = S_free)
{
    size_t i;
    S_run("Thủ tướng yêu cầu xử lý nghiêm vi phạm về dạy thêm học thêm?\n\n"
          "Theo đó, Thủ tướng Chính phủ yêu cầu:\n\n"
          "- Bộ trưởng Bộ Giáo dục và Đào tạo chỉ đạo các địa phương rà soát việc dạy thêm.\n\n"
          "- Văn phòng Chính phủ theo dõi, đôn đốc các cơ quan thực hiện Công điện này.\n\n"
          "  Như vậy, Thủ tướng yêu cầu xử lý nghiêm vi phạm quy định về dạy thêm.\n\n"
          "Thủ tướng yêu cầu xử lý nghiêm vi phạm quy định về dạy thêm học thêm (Hình từ "
          "Internet)\n\n"
          "  Thông tư 29 quy định về dạy thêm học thêm có hiệu lực từ ngày 14/02/2025\n\n"
          "  Ngày 30/12/2024, Bộ trưởng Bộ Giáo dục và Đào tạo đã ký ban hành Thông tư 29.\n");
    cr_expect_eq(S_ntasks(), 2);
    for (i = 0; i < S_d->nrecords; i++)
        cr_expect(S_d->records[i].kind != NQX_TASK ||
                      !strstr(S_d->records[i].text, "Hình từ"),
                  "a task holds the caption: %s", S_d->records[i].text);
    S_expect_agencies(S_task("theo dõi, đôn đốc"), "lead:Văn phòng Chính phủ;");
}

/* The footnotes printed after a telegram's signature, a line of one broken
 * off by the page ("[2] Bộ" / "Giáo dục và Đào tạo, Bộ Ngoại giao, ..."),
 * are notes, no work */
Test(task, notes_after_signature_no_task, .init = fx_grammar_load, .fini = S_free)
{
    size_t i;
    S_run("CÔNG ĐIỆN\n"
          "\n"
          "THỦ TƯỚNG CHÍNH PHỦ điện:\n"
          "\n"
          "- Bộ trưởng các Bộ.\n"
          "\n"
          "Thủ tướng Chính phủ yêu cầu:\n"
          "\n"
          "1. Bộ Xây dựng chủ trì tổ chức Lễ khánh thành các dự án[1].\n"
          "\n"
          "2. Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện Công điện này.\n"
          "\n"
          "Nơi nhận: - Như trên; - Lưu: VT.\n"
          "\n"
          "THỦ TƯỚNG\n"
          "\n"
          "Phạm Minh Chính\n"
          "\n"
          "[1] Thông báo số 627/TB-VPCP ngày 18/11/2025 của\n"
          "\n"
          "Văn phòng Chính phủ.\n"
          "\n"
          "[2] Bộ\n"
          "\n"
          "Giáo dục và Đào tạo, Bộ Ngoại giao, Ngân hàng Nhà nước Việt Nam.\n");
    cr_expect_eq(S_ntasks(), 2);
    for (i = 0; i < S_d->nrecords; i++)
        cr_expect(S_d->records[i].kind != NQX_TASK ||
                      !strstr(S_d->records[i].text, "Bộ Ngoại giao"),
                  "a task of a footnote: %s", S_d->records[i].text);
    S_expect_agencies(S_task("theo dõi, đôn đốc"), "lead:Văn phòng Chính phủ;");
}

/* A page's account of a directive whose body "đã thảo luận và kết luận
 * như sau:" or "có ý kiến chỉ đạo như sau:" opens the work it quotes, as
 * "kết luận như sau:" does */
Test(task, page_quotes_discussed_conclusion, .init = fx_grammar_load, .fini = S_free)
{
    S_run("Thay mặt Bộ Chính trị, Thường trực Ban Bí thư đã ký Thông báo kết luận số "
          "75-TB/TW ngày 7/3/2025.\n\n"
          "Theo đó, tại phiên họp ngày 20/2, sau khi nghe Đảng uỷ Chính phủ báo cáo, Bộ Chính "
          "trị đã thảo luận và kết luận như sau:\n\n"
          "Cơ bản đồng ý chủ trương điều chỉnh phạm vi áp dụng Nghị định số 178/2024/NĐ-CP.\n\n"
          "Giao Đảng ủy Chính phủ tiếp thu ý kiến Bộ Chính trị, chỉ đạo Bộ Nội vụ rà soát các "
          "quy định.\n\n"
          "Các cơ quan, đơn vị, địa phương tăng cường công tác tuyên truyền.\n");
    cr_expect_eq(S_ntasks(), 2);
    S_expect_agencies(S_task("tiếp thu ý kiến"), "lead:Đảng ủy Chính phủ;");
    S_expect_agencies(S_task("tăng cường công tác tuyên truyền"),
                      "lead:Các cơ quan, đơn vị, địa phương;");
    S_run("Ngày 15/4/2025, Văn phòng Chính phủ ban hành Công văn 3180/VPCP-CN.\n\n"
          "Cụ thể, xét đề nghị của Ủy ban nhân dân thành phố Hà Nội, Phó Thủ tướng Chính phủ "
          "Mai Văn Chính có ý kiến chỉ đạo như sau:\n\n"
          "Các Bộ, cơ quan khẩn trương thực hiện công tác di dời, bàn giao mặt bằng.\n");
    cr_expect_eq(S_ntasks(), 1);
    S_expect_agencies(S_task("khẩn trương thực hiện"), "lead:Các Bộ, cơ quan;");
}
