/* test_task.c: tasks found in plan-like text, with exact records. The
 * texts are written for these tests in the style of provincial plans and
 * party resolutions; none is copied from the corpus. Each runs the whole
 * pipeline (normalize, outline, deadlines, tasks). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "nqx.h"

static nqx_grammar *S_g;
static nqx_text *S_t;
static nqx_doc *S_d;

static void S_load(void)
{
    nqx_error e;
    cr_assert_eq(nqx_gram_load(NULL, &S_g, &e), NQX_OK, "%s", e.msg);
}

static void S_free(void)
{
    nqx_doc_free(S_d);
    S_d = NULL;
    nqx_text_free(S_t);
    S_t = NULL;
    nqx_gram_free(S_g);
    S_g = NULL;
}

static void S_run(const char *text)
{
    nqx_error e;
    nqx_norm_options opt;
    memset(&opt, 0, sizeof opt);
    nqx_doc_free(S_d);
    S_d = NULL;
    nqx_text_free(S_t);
    S_t = NULL;
    cr_assert_eq(nqx_norm_text("test", text, strlen(text), &opt, &S_t, &e),
                 NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_ext_doc(S_g, S_t, &S_d, &e), NQX_OK, "%s", e.msg);
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

Test(task, plan_records, .init = S_load, .fini = S_free)
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

Test(task, blocks_and_bullets, .init = S_load, .fini = S_free)
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

Test(task, resolution_prose, .init = S_load, .fini = S_free)
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

Test(task, legal_articles, .init = S_load, .fini = S_free)
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

Test(task, labels_on_one_line, .init = S_load, .fini = S_free)
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

Test(task, table_without_lead_column, .init = S_load, .fini = S_free)
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

Test(task, bold_agency_heading, .init = S_load, .fini = S_free)
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
