/* test_agency.c: names of bodies: lists split into one agency each,
 * collectives kept whole, names ending before the verb, and keys. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "nqx.h"
#include "../extractor/ext.h"
#include "fx_grammar.h"

static nqx_agx *S_a;

static void S_load(void)
{
    fx_grammar_load();
    cr_assert_eq(nqx_agx_new(S_g, &S_a), NQX_OK);
}

static void S_free(void)
{
    nqx_agx_free(S_a);
    S_a = NULL;
    fx_grammar_unload();
}

/* The list at the start of s as "name|name|...", and the word after it. */
static void S_list(const char *s, const char *want, const char *next)
{
    nqx_toks t;
    nqx_span sp[32];
    size_t n = 0, e, i;
    char got[512] = "";
    cr_assert_eq(nqx_ext_tokens(s, 0, strlen(s), &t), NQX_OK);
    e = nqx_agx_list(S_a, &t, 0, t.n, 1, sp, 32, &n);
    for (i = 0; i < n; i++) {
        if (i)
            strcat(got, "|");
        strncat(got, s + sp[i].start, sp[i].end - sp[i].start);
    }
    cr_expect_str_eq(got, want, "list of %s: got %s", s, got);
    if (next) {
        cr_assert_lt(e, t.n, "%s: nothing after the list", s);
        cr_expect_eq(strncmp(s + t.v[e].start, next, strlen(next)), 0,
                     "%s: after the list comes %s", s, s + t.v[e].start);
    }
    nqx_toks_free(&t);
}

/* The list of s read as the object of "với" (NQX_AGX_OBJECT), as
 * "name|name|..." ("" when none). */
static void S_obj(const char *s, const char *want)
{
    nqx_toks t;
    nqx_span sp[32];
    size_t n = 0, i;
    char got[512] = "";
    cr_assert_eq(nqx_ext_tokens(s, 0, strlen(s), &t), NQX_OK);
    nqx_agx_list(S_a, &t, 0, t.n, NQX_AGX_OBJECT, sp, 32, &n);
    for (i = 0; i < n; i++) {
        if (i)
            strcat(got, "|");
        strncat(got, s + sp[i].start, sp[i].end - sp[i].start);
    }
    cr_expect_str_eq(got, want, "object list of %s: got %s", s, got);
    nqx_toks_free(&t);
}

/* after "với" a bare common noun names a body when it says which; a
 * common noun with its proper name is one body of its own */
Test(agency, object_of_with, .init = S_load, .fini = S_free)
{
    S_obj("cơ quan có liên quan tổng hợp", "cơ quan có liên quan");
    S_obj("cơ quan, tổ chức, đơn vị tổ chức các phong trào", "cơ quan, tổ chức, đơn vị");
    S_obj("cơ quan công an cấp xã trong việc", "cơ quan công an cấp xã");
    S_obj("lực lượng Kiểm lâm, lực lượng Quân đội, chính quyền địa phương tăng cường",
          "lực lượng Kiểm lâm|lực lượng Quân đội|chính quyền địa phương");
    S_obj("các nhà mạng triển khai", "các nhà mạng");
    S_obj("các lực lượng và UBND các xã, phường huy động", "các lực lượng|UBND các xã, phường");
    /* no body: the common noun alone, or a level */
    S_obj("cơ quan chủ trì thực hiện", "");
    S_obj("cấp trên để bảo đảm", "");
    /* and without "với", a bare common noun opens no list */
    S_list("cơ quan có liên quan tổng hợp", "", NULL);
    /* a collective keeps its named member ("các bộ, ngành, cơ quan Trung ương") */
    S_obj("các bộ, ngành, cơ quan Trung ương triển khai", "các bộ, ngành, cơ quan Trung ương");
}

Test(agency, lists_split, .init = S_load, .fini = S_free)
{
    /* a role in brackets inside the list: the list goes on after it;
     * a condition in brackets ends it */
    S_list("Ban Quản lý dự án khu vực Đông Sơn (Chủ đầu tư), Sở Xây dựng, Sở Tài chính chịu trách nhiệm",
           "Ban Quản lý dự án khu vực Đông Sơn|Sở Xây dựng|Sở Tài chính", "chịu trách nhiệm");
    S_list("Sở Tài chính (cơ quan thường trực), Sở Nội vụ triển khai",
           "Sở Tài chính|Sở Nội vụ", "triển khai");
    S_list("chi bộ trực thuộc (nơi không có chi uỷ), đảng uỷ bộ phận chịu trách nhiệm",
           "chi bộ trực thuộc", NULL);
    /* the abbreviated social insurance office, of a province or of
     * districts together */
    S_list("BHXH Thành phố, Sở Y tế kiểm tra", "BHXH Thành phố|Sở Y tế", "kiểm tra");
    S_list("BHXH liên huyện Chương Mỹ - Thanh Oai tiếp nhận hồ sơ",
           "BHXH liên huyện Chương Mỹ - Thanh Oai", "tiếp nhận");
    /* two names run together (a table cell's lines joined): no name
     * repeats its head; an office holder's title does ("Tổ trưởng Tổ
     * ...") */
    S_list("Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã",
           "Sở Khoa học và Công nghệ|Sở Công Thương|UBND các phường, xã", NULL);
    /* the board of an economic zone "và các khu công nghiệp" is one */
    S_list("Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp, Sở Xây dựng chủ trì",
           "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp|Sở Xây dựng", "chủ trì");
    S_list("Sở Tài chính, Sở Nội vụ và Công an tỉnh chủ trì thực hiện",
           "Sở Tài chính|Sở Nội vụ|Công an tỉnh", "chủ trì");
    S_list("Hội đồng nhân dân, Ủy ban nhân dân huyện chỉ đạo",
           "Hội đồng nhân dân|Ủy ban nhân dân huyện", "chỉ đạo");
    S_list("Ban Tổ chức Tỉnh ủy, các ban Đảng và Văn phòng Tỉnh ủy tham mưu",
           "Ban Tổ chức Tỉnh ủy|các ban Đảng|Văn phòng Tỉnh ủy", "tham mưu");
    S_list("Thường trực HĐND huyện, UBND huyện; các xã, thị trấn triển khai",
           "Thường trực HĐND huyện|UBND huyện|các xã, thị trấn", "triển khai");
    S_list("MTTQ, tổ chức chính trị - xã hội và các ngành tỉnh hướng dẫn",
           "MTTQ|tổ chức chính trị - xã hội|các ngành tỉnh", "hướng dẫn");
    /* either of two named bodies; a common noun after "hoặc" stays out */
    S_list("Công an xã, phường hoặc UBND các xã, phường chủ động",
           "Công an xã, phường|UBND các xã, phường", "chủ động");
    S_list("Hội đồng thẩm định hoặc cơ quan chủ trì thẩm định gửi",
           "Hội đồng thẩm định", "hoặc");
    /* a footnote's mark is no part of a name, and its "]" ends no list */
    S_list("Bộ Nội vụ[4], Bộ Tài chính chịu trách nhiệm",
           "Bộ Nội vụ|Bộ Tài chính", "chịu trách nhiệm");
    S_list("Bộ Nội vụ⁴, Bộ Tài chính¹² chịu trách nhiệm",
           "Bộ Nội vụ|Bộ Tài chính", "chịu trách nhiệm");
}

Test(agency, collectives_whole, .init = S_load, .fini = S_free)
{
    /* kinds of enterprise and unit in the collective's name */
    S_list("các doanh nghiệp viễn thông, các doanh nghiệp công nghệ số triển khai",
           "các doanh nghiệp viễn thông|các doanh nghiệp công nghệ số", "triển khai");
    S_list("Các doanh nghiệp đầu tư hạ tầng chủ động", "Các doanh nghiệp đầu tư hạ tầng",
           "chủ động");
    S_list("các đơn vị điện lực trên địa bàn tỉnh thực hiện",
           "các đơn vị điện lực trên địa bàn tỉnh", "thực hiện");
    S_list("Các sở, ban, ngành, đoàn thể Thành phố triển khai",
           "Các sở, ban, ngành, đoàn thể Thành phố", "triển khai");
    /* capitalised, the nouns of the list are still one collective */
    S_list("các Sở, Ban, ngành liên quan rà soát",
           "các Sở, Ban, ngành liên quan", "rà soát");
    S_list("Các Sở, Ban, Ngành thực hiện rà soát",
           "Các Sở, Ban, Ngành", "thực hiện");
    S_list("các cơ quan, đơn vị trong toàn hệ thống chính trị tỉnh phải xây dựng",
           "các cơ quan, đơn vị trong toàn hệ thống chính trị tỉnh", "phải");
    S_list("Cấp ủy, tổ chức đảng thường xuyên tự kiểm tra",
           "Cấp ủy, tổ chức đảng", "thường xuyên");
    S_list("Ban Thường vụ huyện, thị, thành ủy và các đảng ủy trực thuộc rà soát",
           "Ban Thường vụ huyện, thị, thành ủy|các đảng ủy trực thuộc", "rà soát");
    S_list("các đoàn thể chính trị - xã hội tỉnh, đảng ủy, chi ủy cơ sở tổ chức quán triệt",
           "các đoàn thể chính trị - xã hội tỉnh|đảng ủy, chi ủy cơ sở", "tổ chức");
}

Test(agency, proper_names_hold_and_commas, .init = S_load, .fini = S_free)
{
    S_list("Sở Tài nguyên và Môi trường chủ trì",
           "Sở Tài nguyên và Môi trường", "chủ trì");
    S_list("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế phối hợp",
           "Sở Văn hóa, Thể thao và Du lịch|Sở Y tế", "phối hợp");
    /* after a body's capitalised name, a small word is its verb */
    S_list("Bộ Tài chính đưa nội dung Phương án vào Luật",
           "Bộ Tài chính", "đưa");
    S_list("Ban Quản lý Khu kinh tế tỉnh chủ trì",
           "Ban Quản lý Khu kinh tế tỉnh", "chủ trì");
    S_list("Cơ quan Tổ chức - Nội vụ huyện tham mưu",
           "Cơ quan Tổ chức - Nội vụ huyện", "tham mưu");
    S_list("Các cơ quan tham mưu, giúp việc Huyện ủy, Trung tâm Chính trị huyện tham mưu",
           "Các cơ quan tham mưu, giúp việc Huyện ủy|Trung tâm Chính trị huyện",
           "tham mưu");
}

Test(agency, not_names, .init = S_load, .fini = S_free)
{
    /* verbs that start like heads */
    S_list("Ban hành quy chế làm việc", "", NULL);
    S_list("Tổ chức hội nghị sơ kết", "", NULL);
    S_list("Phòng chống tham nhũng", "", NULL);
    S_list("Đoàn kết các tầng lớp Nhân dân", "", NULL);
}

static void S_same_key(const char *a, const char *b)
{
    char *ka = nqx_ext_agency_key(S_g, a), *kb = nqx_ext_agency_key(S_g, b);
    cr_assert_not_null(ka);
    cr_assert_not_null(kb);
    cr_expect_str_eq(ka, kb, "%s / %s", a, b);
    free(ka);
    free(kb);
}

Test(agency, keys, .init = S_load, .fini = S_free)
{
    char *k = nqx_ext_agency_key(S_g, "UBND tỉnh");
    cr_expect_str_eq(k, "uy ban nhan dan tinh");
    free(k);
    S_same_key("UBND tỉnh", "Ủy ban nhân dân tỉnh");
    S_same_key("UBND Tỉnh", "Uỷ ban Nhân dân tỉnh");
    S_same_key("HĐND huyện", "Hội đồng nhân dân huyện");
    S_same_key("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh");
    S_same_key("các tổ chức CT-XH", "các tổ chức chính trị-xã hội");
    S_same_key("các tổ chức chính trị - xã hội", "các tổ chức chính trị-xã hội");
    S_same_key("Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy");
    /* an abbreviation is a word in capitals, not a syllable */
    k = nqx_ext_agency_key(S_g, "Ban tu thư");
    cr_expect_str_eq(k, "ban tu thu");
    free(k);
    /* without a grammar: folding only */
    k = nqx_ext_agency_key(NULL, "UBND Tỉnh");
    cr_expect_str_eq(k, "ubnd tinh");
    free(k);
}

Test(agency, small_words_inside_names, .init = S_load, .fini = S_free)
{
    /* lower-case words between the capitals of one name */
    S_list("Trung tâm Chuyển đổi số tỉnh chủ trì",
           "Trung tâm Chuyển đổi số tỉnh", "chủ trì");
    S_list("Viện Nghiên cứu phát triển Thành phố, Sở Nội vụ phối hợp",
           "Viện Nghiên cứu phát triển Thành phố|Sở Nội vụ", "phối hợp");
    /* but a verb and its object stay outside */
    S_list("Sở Y tế thành lập Đoàn kiểm tra", "Sở Y tế", "thành lập");
    S_list("Bộ Tài chính đưa nội dung Phương án vào Luật",
           "Bộ Tài chính", "đưa");
}

Test(agency, associations_and_central_bodies, .init = S_load, .fini = S_free)
{
    S_list("Hiệp hội Du lịch tỉnh, Liên minh Hợp tác xã tỉnh tham gia",
           "Hiệp hội Du lịch tỉnh|Liên minh Hợp tác xã tỉnh", "tham gia");
    S_list("Trung ương Hội Nông dân Việt Nam chỉ đạo",
           "Trung ương Hội Nông dân Việt Nam", "chỉ đạo");
    S_list("Ban Tuyên giáo và Dân vận Trung ương hướng dẫn",
           "Ban Tuyên giáo và Dân vận Trung ương", "hướng dẫn");
    S_list("thường trực các huyện ủy, thị ủy tiếp tục quan tâm",
           "thường trực các huyện ủy, thị ủy", "tiếp tục");
}

Test(agency, names_stop_at_verbs_keep_places, .init = S_load, .fini = S_free)
{
    S_list("Chủ tịch UBND thành phố xem xét, quyết định",
           "Chủ tịch UBND thành phố", "xem xét");
    S_list("Ủy ban nhân dân cấp xã quyết định khen thưởng",
           "Ủy ban nhân dân cấp xã", "quyết định");
    S_list("Hội đồng thi đua họp xét khen thưởng", "Hội đồng thi đua", "họp");
    /* "trung ương và địa phương" qualifies the press, it is no body */
    S_list("Đài Phát thanh tỉnh và các cơ quan báo chí trung ương và địa phương có trách nhiệm",
           "Đài Phát thanh tỉnh|các cơ quan báo chí trung ương và địa phương",
           "có trách nhiệm");
    S_list("Hội Nông dân tại địa phương vận động",
           "Hội Nông dân tại địa phương", "vận động");
    /* a draft, the matters or a time after the body reported to */
    S_list("Hội đồng nhân dân tỉnh dự thảo nghị quyết",
           "Hội đồng nhân dân tỉnh", "dự thảo");
    S_list("Thủ tướng Chính phủ những nội dung vượt thẩm quyền",
           "Thủ tướng Chính phủ", "những");
    S_list("Chính phủ trong ngày 25 tháng 01 năm 2025",
           "Chính phủ", "trong ngày");
}

Test(agency, press_and_academies, .init = S_load, .fini = S_free)
{
    /* the national news agency's "xã" is no commune */
    S_list("Bộ Tư pháp, Thông tấn xã Việt Nam phối hợp",
           "Bộ Tư pháp|Thông tấn xã Việt Nam", "phối hợp");
    S_list("Tạp chí Cộng sản, Nhà xuất bản Chính trị quốc gia Sự thật tuyên truyền",
           "Tạp chí Cộng sản|Nhà xuất bản Chính trị quốc gia Sự thật", "tuyên truyền");
    S_list("Học viện Chính trị quốc gia Hồ Chí Minh chủ trì",
           "Học viện Chính trị quốc gia Hồ Chí Minh", "chủ trì");
}

Test(agency, office_holders, .init = S_load, .fini = S_free)
{
    /* titles each written with a capital are each one lead */
    S_list("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh chỉ đạo",
           "Bộ trưởng|Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ|"
           "Chủ tịch Ủy ban nhân dân các tỉnh", "chỉ đạo");
    S_list("Giám đốc, Thủ trưởng các sở, ban, ngành tỉnh chỉ đạo",
           "Giám đốc|Thủ trưởng các sở, ban, ngành tỉnh", "chỉ đạo");
    /* a title's body keeps its name through "và" */
    S_list("Giám đốc Sở Giáo dục và Đào tạo phê duyệt",
           "Giám đốc Sở Giáo dục và Đào tạo", "phê duyệt");
    S_list("Sở Giáo dục và Đào tạo và các cơ sở giáo dục, đào tạo lồng ghép",
           "Sở Giáo dục và Đào tạo|các cơ sở giáo dục, đào tạo", "lồng ghép");
    /* the Government's and ministries' office holders, with a person's
     * name after the title */
    /* places of one kind named by a list of proper names are one body */
    S_list("Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương",
           "Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng", "khẩn trương");
    S_list("Ủy ban nhân dân tỉnh Lâm Đồng, Sở Xây dựng chủ trì",
           "Ủy ban nhân dân tỉnh Lâm Đồng|Sở Xây dựng", "chủ trì");
    S_list("Phó Thủ tướng Chính phủ Trần Hồng Hà chỉ đạo",
           "Phó Thủ tướng Chính phủ Trần Hồng Hà", "chỉ đạo");
    S_list("Cục trưởng Cục Thuế ban hành quyết định",
           "Cục trưởng Cục Thuế", "ban hành");
    S_list("Chánh Văn phòng Bộ, Vụ trưởng Vụ Pháp chế, Thủ trưởng các đơn vị có liên quan chịu trách nhiệm",
           "Chánh Văn phòng Bộ|Vụ trưởng Vụ Pháp chế|Thủ trưởng các đơn vị có liên quan",
           "chịu trách nhiệm");
}

Test(agency, comma_ends_lexicon_words, .init = S_load, .fini = S_free)
{
    /* "tỉnh, Ủy ban" is not the word "tỉnh ủy" */
    S_list("Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường tổ chức",
           "Các sở, ban, ngành tỉnh|Ủy ban nhân dân các xã, phường", "tổ chức");
}

Test(agency, cells_run_together, .init = S_load, .fini = S_free)
{
    /* a place word, then a body's capital head: two bodies */
    S_list("Các sở, ngành, UBND xã, phường, đặc khu Sở Tư pháp",
           "Các sở, ngành|UBND xã, phường, đặc khu|Sở Tư pháp", NULL);
    S_list("Ủy ban nhân dân tỉnh Quảng Nam chỉ đạo",
           "Ủy ban nhân dân tỉnh Quảng Nam", "chỉ đạo");
}

/* enterprises and investors are bodies; the kind of enterprise and the
 * zones a management board runs stay in the name */
Test(agency, enterprises_and_zone_boards, .init = S_load, .fini = S_free)
{
    S_list("Các doanh nghiệp viễn thông lắp đặt trạm phát sóng",
           "Các doanh nghiệp viễn thông", "lắp");
    S_list("Các chủ đầu tư hạ tầng cụm công nghiệp bố trí mặt bằng",
           "Các chủ đầu tư hạ tầng cụm công nghiệp", "bố");
    S_list("Công ty Cấp nước Hòa Bình bảo đảm nguồn nước",
           "Công ty Cấp nước Hòa Bình", "bảo");
    S_list("Ban Quản lý các khu kinh tế hướng dẫn doanh nghiệp",
           "Ban Quản lý các khu kinh tế", "hướng");
    /* "tổ chức" between commas is a member, not the verb */
    S_list("Các doanh nghiệp, tổ chức, cá nhân có liên quan bảo đảm an toàn",
           "Các doanh nghiệp, tổ chức, cá nhân có liên quan", "bảo");
    S_list("Các cơ quan, đơn vị tổ chức hội nghị", "Các cơ quan, đơn vị", "tổ");
    /* where a body sits is part of its name */
    S_list("Các cơ quan Trung ương đóng trên địa bàn thành phố; các hội, đoàn thể triển khai",
           "Các cơ quan Trung ương đóng trên địa bàn thành phố|các hội, đoàn thể", "triển");
}

/* "Giám đốc các Sở: X, Y;": the colon lists which bodies, inside the name */
Test(agency, plural_title_enumeration, .init = S_load, .fini = S_free)
{
    S_list("Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Giáo dục và Đào tạo, Tư pháp; Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành",
           "Chánh Văn phòng UBND tỉnh|Giám đốc các Sở: Giáo dục và Đào tạo, Tư pháp|Chủ tịch UBND các xã, phường",
           "chịu");
}

/* An office holder's title holds the bodies it heads, common nouns in
 * lower case ("Người đứng đầu cơ quan, tổ chức, đơn vị"); "được giao
 * nhiệm vụ" is a qualifier whole. A capitalised body after the comma is
 * one of its own. */
Test(agency, office_holder_of_several_bodies, .init = S_load, .fini = S_free)
{
    S_list("Người đứng đầu cơ quan, tổ chức, đơn vị được giao nhiệm vụ chủ động triển khai",
           "Người đứng đầu cơ quan, tổ chức, đơn vị được giao nhiệm vụ", "chủ động");
    S_list("Thủ trưởng cơ quan, đơn vị phải tích cực",
           "Thủ trưởng cơ quan, đơn vị", "phải");
    S_list("Giám đốc Sở Tài chính, Sở Nội vụ phối hợp",
           "Giám đốc Sở Tài chính|Sở Nội vụ", "phối hợp");
}

/* A slash before a capital starts another name ("xã/Phòng ..."); between
 * lower-case places it stays inside one ("xã/phường"). */
Test(agency, slash_before_another_name, .init = S_load, .fini = S_free)
{
    S_list("Phòng Kinh tế xã/Phòng Kinh tế, Hạ tầng và Đô thị phường phối hợp",
           "Phòng Kinh tế xã|Phòng Kinh tế, Hạ tầng và Đô thị phường", "phối hợp");
    S_list("Chủ tịch Ủy ban nhân dân xã/phường xem xét",
           "Chủ tịch Ủy ban nhân dân xã/phường", "xem xét");
}

/* After the place word that ends a name, a verb typed with a capital is
 * the predicate; a place's own name (every word capitalised) and a
 * capitalised head right after its head word stay in the name. */
Test(agency, capitalised_verb_after_a_place, .init = S_load, .fini = S_free)
{
    S_list("Chủ tịch Ủy ban nhân dân xã/phường Quyết định hỗ trợ",
           "Chủ tịch Ủy ban nhân dân xã/phường", "Quyết định");
    S_list("Công an tỉnh Phối hợp với Sở Y tế",
           "Công an tỉnh", "Phối hợp");
    S_list("Ủy ban nhân dân huyện Lập Thạch chỉ đạo",
           "Ủy ban nhân dân huyện Lập Thạch", "chỉ đạo");
    S_list("Ban Tổ chức Thành ủy chủ trì",
           "Ban Tổ chức Thành ủy", "chủ trì");
}

/* ", cấp xã" after a name that ends with a level is one more level of the
 * same body (agency_levels); another body after the comma is not. */
Test(agency, levels_listed_after_a_comma, .init = S_load, .fini = S_free)
{
    S_list("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã chủ trì",
           "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã", "chủ trì");
    S_list("Viện kiểm sát nhân dân cấp tỉnh, cấp huyện phối hợp",
           "Viện kiểm sát nhân dân cấp tỉnh, cấp huyện", "phối hợp");
    S_list("Ủy ban nhân dân cấp tỉnh, Công an tỉnh chủ trì",
           "Ủy ban nhân dân cấp tỉnh|Công an tỉnh", "chủ trì");
}

/* After "được giao" / "được phân công" (agency_assigned) the work given is
 * in the name, up to the subject's predicate; a comma only inside a list
 * a determiner opened there, never before another body. */
Test(agency, assigned_body_keeps_its_work, .init = S_load, .fini = S_free)
{
    S_list("Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này "
           "có trách nhiệm lập kế hoạch",
           "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này",
           "có trách nhiệm");
    S_list("Các cơ quan, đơn vị được phân công chủ trì thực hiện các nội dung, nhiệm vụ "
           "cụ thể quy định trong Kế hoạch này có trách nhiệm chủ động",
           "Các cơ quan, đơn vị được phân công chủ trì thực hiện các nội dung, nhiệm vụ "
           "cụ thể quy định trong Kế hoạch này",
           "có trách nhiệm");
    S_list("Các cơ quan, đơn vị được giao phối hợp có trách nhiệm trả lời",
           "Các cơ quan, đơn vị được giao phối hợp", "có trách nhiệm");
    /* no predicate in the sentence: the participle alone */
    S_list("Các cơ quan được giao chủ trì triển khai. Sở Y tế có trách nhiệm",
           "Các cơ quan được giao", "chủ trì");
    /* the comma before another body ends the search */
    S_list("Các cơ quan được giao quản lý về tiêm chủng cấp huyện, Sở Y tế có trách nhiệm",
           "Các cơ quan được giao", NULL);
}

/* A common-noun body's qualifier runs to a predicate only a subject takes
 * (agency_subject_ends), within its clause, and stops at a verb before it. */
Test(agency, collective_up_to_its_predicate, .init = S_load, .fini = S_free)
{
    S_list("Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm",
           "Các đơn vị cấp nước sạch trên địa bàn thành phố", "có trách nhiệm");
    S_list("Các cơ quan chủ quản dữ liệu có trách nhiệm phân loại dữ liệu",
           "Các cơ quan chủ quản dữ liệu", "có trách nhiệm");
    S_list("Các cơ quan xử lý phải có trách nhiệm cử", "Các cơ quan xử lý", "phải");
    /* an adverbial right before its predicate is in the name: it says
     * which bodies */
    S_list("Sở Tài chính và các Sở, ban, ngành quản lý quy hoạch theo chức năng, "
           "nhiệm vụ được giao có trách nhiệm phối hợp",
           "Sở Tài chính|các Sở, ban, ngành quản lý quy hoạch theo chức năng, nhiệm vụ được giao",
           "có trách nhiệm");
    /* a comma between: the adverbial is the task's, not the name's */
    S_list("Các Bộ, ngành có liên quan trong phạm vi thẩm quyền được giao, có trách nhiệm",
           "Các Bộ, ngành có liên quan", "trong");
    /* a determiner opens the object of a verb: no name runs over it */
    S_list("Các sở hướng dẫn các địa phương có trách nhiệm", "Các sở", NULL);
    /* a capitalised head with a lower-case word after it is a name when
     * such a predicate follows; not in a question, not over a verb */
    S_list("Cơ quan đăng ký đầu tư có trách nhiệm lấy ý kiến",
           "Cơ quan đăng ký đầu tư", "có trách nhiệm");
    S_list("Cơ quan nào có trách nhiệm ban hành quy chuẩn?", "", NULL);
    /* the work that names a collective, with its object, up to the
     * predicate: a relative clause, not the verb of the sentence */
    S_list("Cơ quan, đơn vị tổ chức lập quy hoạch khu vực TOD có trách nhiệm lấy ý kiến",
           "Cơ quan, đơn vị tổ chức lập quy hoạch khu vực TOD", "có trách nhiệm");
    S_list("Các cơ quan, đơn vị thực hiện dự án có trách nhiệm báo cáo",
           "Các cơ quan, đơn vị thực hiện dự án", "có trách nhiệm");
    S_list("Các sở thực hiện dự án, có trách nhiệm báo cáo", "Các sở", "thực hiện");
    S_list("Cơ quan tiếp nhận hồ sơ có trách nhiệm thực hiện các công việc sau",
           "Cơ quan tiếp nhận hồ sơ", "có trách nhiệm");
    /* a named body takes no such clause */
    S_list("Sở Y tế thực hiện dự án có trách nhiệm báo cáo", "Sở Y tế", "thực hiện");
    S_list("Cơ quan thực hiện chịu trách nhiệm về thông tin", "", NULL);
    /* a capitalised head with no name after it, first in its sentence,
     * is the common noun of a collective */
    S_list("Cơ quan, đơn vị được phân công phải gửi văn bản",
           "Cơ quan, đơn vị được phân công", "phải");
    /* a body named by its role in a procedure */
    S_list("Cơ quan phối hợp có trách nhiệm trả lời bằng văn bản",
           "Cơ quan phối hợp", "có trách nhiệm");
    S_list("Ban quản lý Khu Kinh tế Phú Yên có trách nhiệm",
           "Ban quản lý Khu Kinh tế Phú Yên", "có trách nhiệm");
    /* a comma ends the reach: the list is read as before */
    S_list("Các doanh nghiệp khai thác, chế biến có trách nhiệm", "Các doanh nghiệp", NULL);
    /* the clause may run to sixteen words: who decides, under which act */
    S_list("Các cơ quan, đơn vị, cá nhân có thẩm quyền quyết định được phân cấp tại "
           "Quyết định này có trách nhiệm:",
           "Các cơ quan, đơn vị, cá nhân có thẩm quyền quyết định được phân cấp tại "
           "Quyết định này", "có trách nhiệm");
    S_list("Cơ quan tiếp nhận khai báo tạm trú của người nước ngoài có trách nhiệm thông báo",
           "Cơ quan tiếp nhận khai báo tạm trú của người nước ngoài", "có trách nhiệm");
}

/* An office holder after a collective of named bodies (capitals after
 * "các") is a body of its own; after a collective of common nouns it
 * stays in it ("Các cấp ủy và lãnh đạo cơ quan, đơn vị"). */
Test(agency, office_holder_after_a_named_collective, .init = S_load, .fini = S_free)
{
    S_list("các Đoàn đại biểu Quốc hội và đại biểu Quốc hội giám sát",
           "các Đoàn đại biểu Quốc hội|đại biểu Quốc hội", "giám sát");
    S_list("các Tổ đại biểu, đại biểu Hội đồng nhân dân tỉnh giám sát",
           "các Tổ đại biểu|đại biểu Hội đồng nhân dân tỉnh", "giám sát");
    S_list("Các cấp ủy và lãnh đạo cơ quan, đơn vị có trách nhiệm",
           "Các cấp ủy và lãnh đạo cơ quan, đơn vị", "có");
}

/* A noun that is also a verb (tổ chức) is one more member of a list of
 * common nouns after "và" or a comma, and before "có liên quan". */
Test(agency, listed_noun_after_and, .init = S_load, .fini = S_free)
{
    S_list("Các sở, ban, ngành, Ủy ban nhân dân các xã, phường và cơ quan, tổ chức có "
           "liên quan triển khai",
           "Các sở, ban, ngành|Ủy ban nhân dân các xã, phường|cơ quan, tổ chức có liên quan",
           "triển khai");
    S_list("các cơ quan, tổ chức có liên quan theo dõi",
           "các cơ quan, tổ chức có liên quan", "theo dõi");
    S_list("Cơ quan, tổ chức hội nghị", "Cơ quan", "tổ chức");
}

/* A word of a collective's list after "và" ("cơ quan, tổ chức và cá
 * nhân có liên quan") stays in the collective. */
Test(agency, collective_word_after_and, .init = S_load, .fini = S_free)
{
    S_list("Chủ tịch Ủy ban nhân dân xã; cơ quan, tổ chức và cá nhân có liên quan chịu "
           "trách nhiệm thi hành",
           "Chủ tịch Ủy ban nhân dân xã|cơ quan, tổ chức và cá nhân có liên quan", "chịu");
}

/* "thành viên" heads a body under a determiner ("các thành viên Ban Chỉ
 * đạo tỉnh"), its own in a list. */
Test(agency, members_of_a_board, .init = S_load, .fini = S_free)
{
    S_list("Chủ tịch Ủy ban nhân dân các xã, phường và các thành viên Ban Chỉ đạo tỉnh "
           "chịu trách nhiệm",
           "Chủ tịch Ủy ban nhân dân các xã, phường|các thành viên Ban Chỉ đạo tỉnh", "chịu");
}

/* "quản lý nhà nước", "quản lý chuyên ngành" say which bodies manage;
 * "quản lý" alone stays a verb. */
Test(agency, managing_bodies, .init = S_load, .fini = S_free)
{
    S_list("Các cơ quan quản lý nhà nước, doanh nghiệp, tổ chức và cá nhân có liên quan "
           "chủ động triển khai",
           "Các cơ quan quản lý nhà nước, doanh nghiệp, tổ chức và cá nhân có liên quan",
           "chủ");
    S_list("các cơ quan quản lý chuyên ngành hướng dẫn",
           "các cơ quan quản lý chuyên ngành", "hướng");
    S_list("Các sở quản lý chặt chẽ", "Các sở", "quản");
}

/* Facilities a text binds ("các cơ sở khám bệnh, chữa bệnh", "Các cơ sở
 * KCB BHYT trên địa bàn Thành phố", "các cơ sở nuôi trồng thủy sản"): a
 * common noun after a determiner, as "các cơ sở y tế" was. */
Test(agency, facilities_after_a_determiner, .init = S_load, .fini = S_free)
{
    S_list("Các cơ sở KCB BHYT trên địa bàn Thành phố", "Các cơ sở KCB BHYT trên địa bàn Thành phố",
           NULL);
    S_list("các cơ sở nuôi trồng thủy sản chủ động theo dõi",
           "các cơ sở nuôi trồng thủy sản", "chủ động");
    S_list("các cơ sở khám bệnh, chữa bệnh thực hiện", "các cơ sở khám bệnh, chữa bệnh",
           "thực hiện");
    S_list("cơ sở vật chất được đầu tư", "", NULL);
}

/* Hospitals and plants after a determiner, with their levels of care
 * ("cấp chuyên sâu", "tuyến tỉnh"): bodies a text binds. */
Test(agency, hospitals_plants_and_levels, .init = S_load, .fini = S_free)
{
    S_list("Các bệnh viện cấp chuyên sâu, cấp cơ bản tập trung khám bệnh",
           "Các bệnh viện cấp chuyên sâu, cấp cơ bản", "tập trung");
    S_list("các bệnh viện tuyến tỉnh tiếp nhận người bệnh", "các bệnh viện tuyến tỉnh",
           "tiếp nhận");
    S_list("các nhà máy chủ động giảm công suất", "các nhà máy", "chủ động");
}

/* Departments whose names go on in lower case (agency_fields): "Cục Di
 * sản văn hóa", "Vụ Pháp chế", "Cục Trồng trọt và Bảo vệ thực vật". */
Test(agency, department_names_in_lower_case, .init = S_load, .fini = S_free)
{
    S_list("Cục Di sản văn hóa chủ trì thực hiện", "Cục Di sản văn hóa", "chủ trì");
    S_list("Vụ Pháp chế, Cục Thống kê phối hợp", "Vụ Pháp chế|Cục Thống kê", "phối hợp");
    S_list("Cục Trồng trọt và Bảo vệ thực vật chỉ đạo",
           "Cục Trồng trọt và Bảo vệ thực vật", "chỉ đạo");
}

/* The address after an assignment word is courtesy, not name: "Giao
 * đồng chí Bộ trưởng Bộ Xây dựng ..." names "Bộ trưởng Bộ Xây dựng". */
Test(agency, address_after_assignment_is_courtesy, .init = S_load, .fini = S_free)
{
    nqx_toks t;
    const char *s = "Giao đồng chí Bộ trưởng Bộ Xây dựng trực tiếp chỉ đạo";
    cr_assert_eq(nqx_ext_tokens(s, 0, strlen(s), &t), NQX_OK);
    cr_expect_eq(nqx_agx_courtesy(S_a, &t, 0, t.n), 3);
    nqx_toks_free(&t);
    S_list("Bộ trưởng Bộ Xây dựng trực tiếp chỉ đạo", "Bộ trưởng Bộ Xây dựng", "trực tiếp");
}

/* A province or city named by its proper name is a body without a
 * determiner: capitalised first in a list, or after a comma or "và"
 * inside one; a place word alone, or in lower case first, is not. */
Test(agency, named_places_are_bodies, .init = S_load, .fini = S_free)
{
    S_list("Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh tiến độ",
           "Thành phố Hà Nội|các tỉnh Bắc Ninh, Gia Lai", "đẩy nhanh");
    S_list("Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh việc lựa chọn",
           "Thành phố Hồ Chí Minh|tỉnh Lâm Đồng", "đẩy nhanh");
    S_list("Tỉnh Quảng Ninh khẩn trương hoàn thành", "Tỉnh Quảng Ninh", "khẩn trương");
    S_list("Ủy ban nhân dân tỉnh Lâm Đồng, Sở Xây dựng chủ trì",
           "Ủy ban nhân dân tỉnh Lâm Đồng|Sở Xây dựng", "chủ trì");
    S_list("tỉnh Lâm Đồng khẩn trương hoàn thành", "", NULL);
    S_list("Tỉnh, thành phố chủ động", "", NULL);
    /* a heading or a description: no verb after the proper name */
    S_list("Tỉnh Bạc Liêu", "", NULL);
    S_list("Tỉnh Lâm Đồng giáp các tỉnh Đắk Lắk, Đồng Nai", "", NULL);
    S_list("Thành phố Cao Bằng sẽ được rút lui hoàn toàn", "", NULL);
    S_list("Tỉnh Bạc Liêu có 1 thành phố", "", NULL);
}

/* A collective of places under a determiner whose colon lists which
 * ones ("Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai")
 * holds the list in its name, up to the verb. */
Test(agency, places_listed_after_a_colon, .init = S_load, .fini = S_free)
{
    S_list("Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai, Hồ Chí Minh, "
           "Đồng Tháp quyết liệt chỉ đạo",
           "Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, Đồng Nai, Hồ Chí Minh, "
           "Đồng Tháp", "quyết liệt");
    S_list("Chủ tịch Ủy ban nhân dân các tỉnh: Cần Thơ, An Giang và Cà Mau chỉ đạo",
           "Chủ tịch Ủy ban nhân dân các tỉnh: Cần Thơ, An Giang và Cà Mau", "chỉ đạo");
    /* no determiner before the places: the colon ends the name */
    S_list("Ủy ban nhân dân tỉnh: Tổ chức thực hiện", "Ủy ban nhân dân tỉnh", NULL);
    /* after the list, "và" and another body */
    S_list("Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Gia Lai và lãnh đạo các Bộ, "
           "ngành theo chức năng",
           "Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Gia Lai|lãnh đạo các Bộ, ngành",
           "theo");
    /* the work after the colon is no place */
    S_list("UBND các xã, phường: Phối hợp với Sở Nông nghiệp và Môi trường",
           "UBND các xã, phường", NULL);
}

/* "từng" (each) and "tất cả" (all) open a collective as "các" does. */
Test(agency, each_and_all_as_determiners, .init = S_load, .fini = S_free)
{
    S_list("từng bộ, ngành, địa phương phải nỗ lực", "từng bộ, ngành, địa phương", "phải");
    S_list("Tất cả cơ quan, đơn vị phải tuân thủ", "Tất cả cơ quan, đơn vị", "phải");
    /* the determiner of a next name the list cannot read is not the
     * last word of the one before */
    S_list("từng bộ, ngành, địa phương, từng cán bộ, công chức tích cực đổi mới",
           "từng bộ, ngành, địa phương", "từng");
}

/* nqx_ext_tokens_around: the words of a span made from those of a part
 * cut earlier (a node's own line inside its body) are the words a whole
 * cut gives, flags included: the line's last word takes the line end
 * that follows it, a lone "(" before the part or at its edges, a
 * no-break space at an edge and a part that starts inside a word send
 * it to a whole cut. Every (ms, me) pair of character starts is tried. */
static void S_around_same(const char *s)
{
    size_t n = strlen(s), ms, me, i;
    nqx_toks whole;
    cr_assert_eq(nqx_ext_tokens(s, 0, n, &whole), NQX_OK);
    for (ms = 0; ms <= n; ms++)
        for (me = ms; me <= n; me++) {
            nqx_toks mid, got;
            /* (spans of whole characters only) */
            if ((ms < n && ((unsigned char)s[ms] & 0xC0) == 0x80) ||
                (me < n && ((unsigned char)s[me] & 0xC0) == 0x80))
                continue;
            cr_assert_eq(nqx_ext_tokens(s, ms, me, &mid), NQX_OK);
            cr_assert_eq(nqx_ext_tokens_around(s, 0, n, &mid, ms, me, &got),
                         NQX_OK);
            cr_assert_null(mid.v);
            cr_assert_eq(got.n, whole.n, "%s [%zu, %zu): %zu words, want %zu",
                         s, ms, me, got.n, whole.n);
            for (i = 0; i < got.n; i++) {
                const nqx_tok *a = &got.v[i], *b = &whole.v[i];
                cr_assert(a->start == b->start && a->end == b->end &&
                              a->flags == b->flags && a->cap == b->cap &&
                              a->allcaps == b->allcaps &&
                              strcmp(a->fold, b->fold) == 0 &&
                              strcmp(a->lower, b->lower) == 0,
                          "%s [%zu, %zu): word %zu differs", s, ms, me, i);
            }
            nqx_toks_free(&got);
        }
    nqx_toks_free(&whole);
}

Test(agency, tokens_around_match_a_whole_cut)
{
    S_around_same("a) Sở Tài chính chủ trì;\n- Sở Nội vụ ( phối hợp ):\n+ UBND xã/phường.");
    S_around_same("1. Giao ( Sở X ) thực hiện\xC2\xA0trước ngày 15/5 - hằng năm");
    S_around_same("(1) “Bộ Y tế”, … báo cáo ( \n Sở Nội vụ⁴, cơ quan[4] –");
}

/* ", nhất là X", ", đặc biệt là X": the member singled out is a body of
 * its own, not the last body's qualifier, and the list goes on to the
 * verb after it */
Test(agency, emphasis_member, .init = S_load, .fini = S_free)
{
    S_list("Đảng uỷ Chính phủ, đảng uỷ các bộ, cơ quan ngang bộ, đặc biệt là "
           "người đứng đầu chịu trách nhiệm thực hiện",
           "Đảng uỷ Chính phủ|đảng uỷ các bộ, cơ quan ngang bộ|người đứng đầu",
           "chịu trách nhiệm");
    S_list("Các địa phương, nhất là người đứng đầu phải chủ động",
           "Các địa phương|người đứng đầu", "phải");
    S_list("Các cấp ủy, trước hết là người đứng đầu cấp ủy chịu trách nhiệm",
           "Các cấp ủy|người đứng đầu cấp ủy", "chịu trách nhiệm");
    /* no body after it: the list ends at the comma */
    S_list("Các địa phương, nhất là vùng sâu, vùng xa tập trung",
           "Các địa phương", "nhất là");
}

/* "tổ chức", a noun and a verb, after a comma in a list of common nouns:
 * the noun when a predicate only a subject takes or a modal follows */
Test(agency, listed_noun_before_modal, .init = S_load, .fini = S_free)
{
    S_list("Các cơ quan, đơn vị, tổ chức chủ động đặt hàng",
           "Các cơ quan, đơn vị, tổ chức", "chủ động");
    S_list("Các cơ quan, đơn vị, tổ chức phải báo cáo",
           "Các cơ quan, đơn vị, tổ chức", "phải");
    S_list("Các cơ quan, tổ chức có trách nhiệm tiếp nhận",
           "Các cơ quan, tổ chức", "có trách nhiệm");
    /* the verb: "tổ chức thực hiện" */
    S_list("Các cơ quan, đơn vị, tổ chức thực hiện", "Các cơ quan, đơn vị", "tổ chức");
}

/* a union of associations, its name going on after "các" */
Test(agency, union_of_associations, .init = S_load, .fini = S_free)
{
    S_list("Liên hiệp các hội Khoa học và Kỹ thuật tỉnh có trách nhiệm tổ chức",
           "Liên hiệp các hội Khoa học và Kỹ thuật tỉnh", "có trách nhiệm");
    S_list("Liên hiệp các tổ chức hữu nghị tỉnh chủ trì",
           "Liên hiệp các tổ chức hữu nghị tỉnh", "chủ trì");
}

/* "cơ quan chủ quản": the body a project or unit answers to, one name */
Test(agency, governing_body, .init = S_load, .fini = S_free)
{
    S_list("Bộ Tài chính, cơ quan chủ quản tổ chức theo dõi",
           "Bộ Tài chính|cơ quan chủ quản", "tổ chức");
    S_list("các bộ, ngành, cơ quan chủ quản, nhất là người đứng đầu cần khẩn trương",
           "các bộ, ngành, cơ quan chủ quản|người đứng đầu", "cần");
}

/* "có thẩm quyền" after a common noun is in its name; after a place or a
 * capital it says what the body may do */
Test(agency, competent_body, .init = S_load, .fini = S_free)
{
    S_list("các cơ quan có thẩm quyền giải quyết",
           "các cơ quan có thẩm quyền", "giải quyết");
    S_list("Chủ tịch Ủy ban nhân dân cấp có thẩm quyền ban hành quyết định",
           "Chủ tịch Ủy ban nhân dân cấp có thẩm quyền", "ban hành");
    S_list("Uỷ ban nhân dân cấp xã có thẩm quyền cấp giấy phép",
           "Uỷ ban nhân dân cấp xã", "có");
    S_list("Sở Xây dựng có thẩm quyền quyết định", "Sở Xây dựng", "có");
}

/* "UBND", like "ủy ban nhân dân" written out, is a common noun's head:
 * its name keeps only the words such names use, and ends before a verb
 * the lists do not know */
Test(agency, abbreviated_people_committee, .init = S_load, .fini = S_free)
{
    S_list("UBND các xã, phường dựng nhà bạt, bố trí điểm lưu trú",
           "UBND các xã, phường", "dựng");
    S_list("UBND tỉnh kết quả thi đua", "UBND tỉnh", "kết quả");
    S_list("UBND Thành phố Hà Nội chỉ đạo", "UBND Thành phố Hà Nội", "chỉ đạo");
    S_list("UBND tỉnh, Sở Tài chính chủ trì", "UBND tỉnh|Sở Tài chính", "chủ trì");
}

/* after the administrative level that ends a capitalised name, a word
 * no name uses is the verb; "nhân dân", "nhà nước" and "nơi ..." go on */
Test(agency, name_ends_after_level, .init = S_load, .fini = S_free)
{
    S_list("Công an tỉnh dựng nhà bạt", "Công an tỉnh", "dựng");
    S_list("Ban Chỉ huy quân sự xã dựng nhà bạt", "Ban Chỉ huy quân sự xã", "dựng");
    S_list("Bảo hiểm xã hội cấp huyện không tổ chức bộ máy",
           "Bảo hiểm xã hội cấp huyện", "không");
    S_list("Tòa án nhân dân tối cao chủ trì", "Tòa án nhân dân tối cao", "chủ trì");
    S_list("Công an tỉnh nơi người nước ngoài thường trú cấp lại thẻ",
           "Công an tỉnh nơi người nước ngoài thường trú", "cấp lại");
}

/* "các bộ phận ...": a unit of a body, not "các bộ" (ministries) and a
 * stray "phận"; bare, only after a determiner or in a list */
Test(agency, units_of_a_body, .init = S_load, .fini = S_free)
{
    S_list("Các bộ phận thường trực có trách nhiệm", "Các bộ phận thường trực",
           "có trách nhiệm");
    S_list("Văn phòng Hội đồng nhân dân, bộ phận giúp việc Hội đồng nhân dân cấp xã "
           "có trách nhiệm",
           "Văn phòng Hội đồng nhân dân|bộ phận giúp việc Hội đồng nhân dân cấp xã",
           "có trách nhiệm");
    S_list("Các bộ, ngành chủ trì", "Các bộ, ngành", "chủ trì");
    S_list("Bộ phận cơ thể", "", NULL);
}

/* the office of two councils is one body: "Văn phòng Đoàn đại biểu Quốc
 * hội và Hội đồng nhân dân tỉnh", "Văn phòng HĐND và UBND huyện" */
Test(agency, office_of_two_councils, .init = S_load, .fini = S_free)
{
    S_list("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh chủ trì",
           "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "chủ trì");
    S_list("Văn phòng Đoàn ĐBQH và HĐND tỉnh, Sở Nội vụ phối hợp",
           "Văn phòng Đoàn ĐBQH và HĐND tỉnh|Sở Nội vụ", "phối hợp");
    S_list("Văn phòng HĐND và UBND huyện tham mưu", "Văn phòng HĐND và UBND huyện",
           "tham mưu");
    /* two offices stay two */
    S_list("Văn phòng UBND tỉnh và Sở Nội vụ chủ trì", "Văn phòng UBND tỉnh|Sở Nội vụ",
           "chủ trì");
}

/* the service centres and investment boards of provinces and communes,
 * their lower-case words part of the name */
Test(agency, service_centres_and_boards, .init = S_load, .fini = S_free)
{
    S_list("Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ",
           "Trung tâm Phục vụ hành chính công tỉnh", "tiếp nhận");
    S_list("Trung tâm Dịch vụ tổng hợp xã thực hiện", "Trung tâm Dịch vụ tổng hợp xã",
           "thực hiện");
    S_list("Ban Quản lý dự án đầu tư xây dựng khu vực Nghi Sơn chủ trì",
           "Ban Quản lý dự án đầu tư xây dựng khu vực Nghi Sơn", "chủ trì");
    S_list("Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh tổ chức",
           "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh", "tổ chức");
}

/* a commune's bodies and office holders: "Trạm Y tế xã", "các thôn, tổ
 * dân phố", "Trưởng thôn", "Các trường học" */
Test(agency, commune_bodies, .init = S_load, .fini = S_free)
{
    S_list("Trạm Y tế xã chủ trì", "Trạm Y tế xã", "chủ trì");
    S_list("các thôn, tổ dân phố tổ chức", "các thôn, tổ dân phố", "tổ chức");
    S_list("Các trường học cần sơ kết thi đua", "Các trường học", "cần");
    S_list("Trưởng thôn có trách nhiệm", "Trưởng thôn", "có trách nhiệm");
    S_list("Bưu điện tỉnh phối hợp", "Bưu điện tỉnh", "phối hợp");
    /* bare, no body */
    S_list("Trạm bơm hoạt động", "", NULL);
    S_list("thôn Bản Cầm tổ chức", "", NULL);
}

/* "khác" after a noun that is also a verb ("tổ chức") in a collective's
 * list shows it is the noun, one more member, not the verb that ends the
 * name */
Test(agency, listed_noun_before_other, .init = S_load, .fini = S_free)
{
    S_list("Sở Nội vụ, các cơ quan, tổ chức khác có liên quan thực hiện",
           "Sở Nội vụ|các cơ quan, tổ chức khác có liên quan", "thực hiện");
    S_list("Các đơn vị, tổ chức khác phải báo cáo",
           "Các đơn vị, tổ chức khác", "phải");
    S_list("Các cơ quan, đơn vị tổ chức hội nghị",
           "Các cơ quan, đơn vị", "tổ chức");
}

/* An adverbial right before a subject's predicate is in the name (it
 * says which bodies), and only when the predicate is in the same clause:
 * after a semicolon it is the next clause's ("... để phối hợp xử lý theo
 * thẩm quyền; chịu trách nhiệm") */
Test(agency, adverbial_before_predicate_same_clause, .init = S_load, .fini = S_free)
{
    S_list("các cơ quan quản lý nhà nước có liên quan để phối hợp xử lý theo "
           "thẩm quyền; chịu trách nhiệm trước Chủ tịch UBND Thành phố",
           "các cơ quan quản lý nhà nước có liên quan", "để");
    S_list("Các sở, ban, ngành quản lý quy hoạch theo chức năng, nhiệm vụ được "
           "giao có trách nhiệm rà soát",
           "Các sở, ban, ngành quản lý quy hoạch theo chức năng, nhiệm vụ được giao",
           "có trách nhiệm");
}

/* "Quốc hội", "Chính phủ" (flag whole) are whole names: a small word
 * after them is the verb, a capital or a place goes on */
Test(agency, whole_name_heads, .init = S_load, .fini = S_free)
{
    S_list("Quốc hội thông qua dự thảo", "Quốc hội", "thông qua");
    S_list("Quốc hội thảo luận, cho ý kiến", "Quốc hội", "thảo luận");
    S_list("Chính phủ kèm theo hồ sơ", "Chính phủ", "kèm");
    S_list("Quốc hội bầu, miễn nhiệm Phó Chủ tịch", "Quốc hội", "bầu");
    S_list("Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam ban hành",
           "Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam", "ban hành");
}

/* After "với", a common-noun body named by what it does runs to the work
 * done with it (agency_object_verbs) within four words; a stop, a
 * capital or punctuation before it leaves the name as it was */
Test(agency, object_named_by_its_work, .init = S_load, .fini = S_free)
{
    S_obj("các tổ chức chi trả dịch vụ thực hiện ký kết hợp đồng",
          "các tổ chức chi trả dịch vụ");
    S_obj("các tổ chức cung cấp dịch vụ chi trả thực hiện mở tài khoản",
          "các tổ chức cung cấp dịch vụ chi trả");
    S_obj("các đơn vị liên quan giải phóng mặt bằng để bàn giao",
          "các đơn vị liên quan");
    S_obj("các tổ chức quốc tế nghiên cứu, thực hiện", "các tổ chức");
}

/* "được lựa chọn" is an assignment participle: as the object of "với" the
 * body chosen runs to the work done with it */
Test(agency, chosen_body_as_object, .init = S_load, .fini = S_free)
{
    S_obj("Sở Nông nghiệp và Môi trường, đơn vị được lựa chọn quan trắc môi "
          "trường triển khai Kế hoạch",
          "Sở Nông nghiệp và Môi trường|đơn vị được lựa chọn quan trắc môi trường");
}

/* "trực tiếp quản lý" after a common noun names the body that manages
 * one directly; after a named body it is the verb */
Test(agency, directly_managing_body, .init = S_load, .fini = S_free)
{
    S_obj("Sở Nông nghiệp và Môi trường, bộ, ngành trực tiếp quản lý.",
          "Sở Nông nghiệp và Môi trường|bộ, ngành trực tiếp quản lý");
    S_list("Các đơn vị trực tiếp quản lý xác nhận hồ sơ",
           "Các đơn vị trực tiếp quản lý", "xác nhận");
    S_list("UBND tỉnh trực tiếp quản lý các dự án", "UBND tỉnh", "trực tiếp");
}

/* "cơ quan quản lý nhà nước về X": the field a body manages is in its
 * name, up to the verb; "về việc ..." (a matter) and a named body's
 * "quản lý về ..." (its verb) are not */
Test(agency, field_managed_after_about, .init = S_load, .fini = S_free)
{
    S_list("Các sở, ngành, cơ quan quản lý nhà nước về đất đai tiếp tục chỉ đạo",
           "Các sở, ngành, cơ quan quản lý nhà nước về đất đai", "tiếp tục");
    S_list("Các cơ quan quản lý nhà nước về quyền sở hữu công nghiệp xem xét hồ sơ",
           "Các cơ quan quản lý nhà nước về quyền sở hữu công nghiệp", "xem xét");
    S_list("Các cơ quan quản lý nhà nước về xây dựng tại địa phương kiểm tra",
           "Các cơ quan quản lý nhà nước về xây dựng tại địa phương", "kiểm tra");
    S_list("Các cơ quan quản lý nhà nước về thủy sản cấp tỉnh thực hiện giám sát",
           "Các cơ quan quản lý nhà nước về thủy sản cấp tỉnh", "thực hiện");
    S_list("Các cơ quan quản lý nhà nước về việc cấp phép phải báo cáo",
           "Các cơ quan quản lý nhà nước", "về");
    S_list("Sở Xây dựng quản lý về xây dựng", "Sở Xây dựng", "quản lý");
}

/* "Khu nông nghiệp ứng dụng công nghệ cao", a statutory zone, is one
 * field of a board's name ("ứng dụng" alone is the verb) */
Test(agency, high_tech_farming_zone_board, .init = S_load, .fini = S_free)
{
    S_list("Sở Tài chính, Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên, "
           "UBND cấp xã có trách nhiệm phối hợp",
           "Sở Tài chính|Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên|UBND cấp xã",
           "có trách nhiệm");
    S_list("Sở Khoa học và Công nghệ ứng dụng công nghệ cao vào sản xuất",
           "Sở Khoa học và Công nghệ", "ứng dụng");
}

/* "tối cao" ends no name: the supreme court's and procuracy's party
 * committees are whole ("Đảng uỷ Toà án nhân dân tối cao") */
Test(agency, supreme_court_committees, .init = S_load, .fini = S_free)
{
    S_list("Đảng uỷ Toà án nhân dân tối cao, Đảng uỷ Viện Kiểm sát nhân dân tối cao "
           "khẩn trương triển khai",
           "Đảng uỷ Toà án nhân dân tối cao|Đảng uỷ Viện Kiểm sát nhân dân tối cao",
           "khẩn trương");
    S_list("Ban cán sự đảng Tòa án nhân dân tối cao chỉ đạo",
           "Ban cán sự đảng Tòa án nhân dân tối cao", "chỉ đạo");
}

/* A department's field after the head of the body inside an office
 * holder's or committee's name, in lower case as after a part's own
 * head ("Sở Giao thông vận tải") */
Test(agency, field_after_inner_head, .init = S_load, .fini = S_free)
{
    S_list("Bộ trưởng Bộ Giao thông vận tải quy định chi tiết",
           "Bộ trưởng Bộ Giao thông vận tải", "quy định");
    S_list("Chủ tịch UBND tỉnh, Giám đốc Sở Kế hoạch và đầu tư chủ trì",
           "Chủ tịch UBND tỉnh|Giám đốc Sở Kế hoạch và đầu tư", "chủ trì");
    S_list("Đảng ủy Bộ Giáo dục và đào tạo lãnh đạo", "Đảng ủy Bộ Giáo dục và đào tạo",
           "lãnh đạo");
}

/* Under a determiner, the bodies whose committees are meant, listed with
 * the inner head word again, are one body as written; without the
 * determiner, or with another head word, they are split */
Test(agency, committees_of_listed_bodies, .init = S_load, .fini = S_free)
{
    S_list("Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ khẩn trương thực hiện",
           "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ", "khẩn trương");
    S_list("các Ban cán sự đảng Bộ Y tế, Bộ Tài chính, Bộ Công an chỉ đạo",
           "các Ban cán sự đảng Bộ Y tế, Bộ Tài chính, Bộ Công an", "chỉ đạo");
    S_list("Đảng uỷ Bộ Tài chính, Bộ Nội vụ khẩn trương",
           "Đảng uỷ Bộ Tài chính|Bộ Nội vụ", "khẩn trương");
    S_list("Các Sở Y tế, Sở Tài chính thực hiện", "Các Sở Y tế|Sở Tài chính", "thực hiện");
    S_list("Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ, Ban Tổ chức Trung ương thực hiện",
           "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ|Ban Tổ chức Trung ương", "thực hiện");
}

/* a bare common noun opening a sentence is a body when the work it was
 * given and a subject's predicate follow ("Đơn vị được giao ... có
 * trách nhiệm"); the work is in its name */
Test(agency, assigned_bare_subject, .init = S_load, .fini = S_free)
{
    S_list("Đơn vị được giao tổ chức đấu giá quyền sử dụng đất có trách nhiệm báo cáo",
           "Đơn vị được giao tổ chức đấu giá quyền sử dụng đất", "có");
    S_list("Cơ quan được giao tổ chức xây dựng đề án có trách nhiệm lấy ý kiến",
           "Cơ quan được giao tổ chức xây dựng đề án", "có");
    S_list("Đơn vị tổ chức hội nghị", "", NULL);
}

/* a sector named by its field is a body without a determiner; "ngành"
 * alone still needs one */
Test(agency, sector_named_by_field, .init = S_load, .fini = S_free)
{
    S_list("ngành Thuế phối hợp chặt chẽ với các ngành", "ngành Thuế", "phối hợp");
    S_list("Ngành Y tế chủ trì", "Ngành Y tế", "chủ trì");
    S_list("ngành nghề kinh doanh có điều kiện", "", NULL);
}

/* election bodies are named in lower case after their head ("Ban",
 * "Ủy ban" alone want a capital after them) */
Test(agency, election_bodies, .init = S_load, .fini = S_free)
{
    S_list("Ban bầu cử phải báo cáo với Ủy ban bầu cử", "Ban bầu cử", "phải");
    S_list("Ủy ban bầu cử ở tỉnh phải công bố danh sách", "Ủy ban bầu cử ở tỉnh", "phải");
}

/* A plural title's colon lists which ministries or departments by their
 * fields; a field with verb-like words ("Đào tạo", "Du lịch") is one
 * member, also first in the list or after a lower-case "sở:" */
Test(agency, colon_list_of_fields, .init = S_load, .fini = S_free)
{
    S_list("Các Bộ: Giáo dục và Đào tạo, Y tế chủ động chỉ đạo",
           "Các Bộ: Giáo dục và Đào tạo, Y tế", "chủ động");
    S_list("Các Bộ: Giáo dục và Đào tạo, Y tế, Khoa học và Công nghệ, Văn hóa, Thể thao "
           "và Du lịch theo chức năng, nhiệm vụ được giao chỉ đạo",
           "Các Bộ: Giáo dục và Đào tạo, Y tế, Khoa học và Công nghệ, Văn hóa, Thể thao "
           "và Du lịch",
           "theo");
    S_list("Các sở: Nông nghiệp và Môi trường, Xây dựng, Tài chính; UBND các xã, phường.",
           "Các sở: Nông nghiệp và Môi trường, Xây dựng, Tài chính|UBND các xã, phường",
           NULL);
    S_list("Bộ Giáo dục và Đào tạo chủ trì", "Bộ Giáo dục và Đào tạo", "chủ trì");
}

/* In such a list a head word alone up to the next comma, semicolon or
 * "và" is one more field ("Công an"), not a new body; a head with words
 * of its own still is. "nêu trên" (the bodies named before) stays in the
 * name. */
Test(agency, colon_list_head_word_member, .init = S_load, .fini = S_free)
{
    S_list("Bộ trưởng các Bộ: Quốc phòng, Công an, Xây dựng chỉ đạo",
           "Bộ trưởng các Bộ: Quốc phòng, Công an, Xây dựng", "chỉ đạo");
    S_list("Các Bộ: Quốc phòng, Công an; Chủ tịch Ủy ban nhân dân các tỉnh, thành phố "
           "nêu trên chỉ đạo",
           "Các Bộ: Quốc phòng, Công an|Chủ tịch Ủy ban nhân dân các tỉnh, thành phố nêu trên",
           "chỉ đạo");
    S_list("UBND các xã: Tân An, Công an tỉnh phối hợp", "UBND các xã: Tân An|Công an tỉnh",
           "phối hợp");
}

/* The steering committee typed in lower case ("Ban chỉ đạo", "chỉ đạo"
 * alone a verb) is a head, also inside another body's name, where the
 * words after it qualify it */
Test(agency, steering_committee_lower_case, .init = S_load, .fini = S_free)
{
    S_list("Ban chỉ đạo các tỉnh chỉ đạo các địa phương", "Ban chỉ đạo các tỉnh",
           "chỉ đạo");
    S_list("Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia theo dõi sát",
           "Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia", "theo dõi");
    S_list("Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia phối hợp với",
           "Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia", "phối hợp");
    S_list("Sở Y tế chỉ đạo các cơ sở", "Sở Y tế", "chỉ đạo");
}

/* broadcasters typed in lower case ("phát" alone is a verb) */
Test(agency, broadcaster_lower_case, .init = S_load, .fini = S_free)
{
    S_list("Đài truyền hình Việt Nam chủ trì đạo diễn", "Đài truyền hình Việt Nam", "chủ trì");
    S_list("Đài phát thanh và truyền hình tỉnh chỉ đạo đưa tin",
           "Đài phát thanh và truyền hình tỉnh", "chỉ đạo");
    S_list("Bộ Xây dựng, Đài truyền hình Việt Nam phối hợp",
           "Bộ Xây dựng|Đài truyền hình Việt Nam", "phối hợp");
}

/* a range of places by name after a place word ("các tỉnh, thành phố từ
 * Hà Tĩnh đến Lâm Đồng") is in the name; "từ" after a body that is no
 * place word is not */
Test(agency, place_range_in_name, .init = S_load, .fini = S_free)
{
    S_list("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng khẩn trương "
           "chỉ đạo",
           "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng", "khẩn trương");
    S_list("Ủy ban nhân dân các tỉnh từ Quảng Trị đến Quảng Ngãi chỉ đạo",
           "Ủy ban nhân dân các tỉnh từ Quảng Trị đến Quảng Ngãi", "chỉ đạo");
    S_list("Bộ Tài chính từ Quý I đến Quý III báo cáo", "Bộ Tài chính", "từ");
}

/* the kind of place a level names ("các tỉnh biên giới", "các xã ven
 * biển", "các huyện miền núi") is in the name, lower case after a level
 * word that would end it */
Test(agency, place_kind_after_level, .init = S_load, .fini = S_free)
{
    S_list("Uỷ ban nhân dân các tỉnh biên giới phối hợp với Bộ Nông nghiệp",
           "Uỷ ban nhân dân các tỉnh biên giới", "phối hợp");
    S_list("Ủy ban nhân dân các xã ven biển tổ chức sơ tán",
           "Ủy ban nhân dân các xã ven biển", "tổ chức");
    S_list("Các huyện miền núi chủ động bố trí lực lượng", "Các huyện miền núi",
           "chủ động");
    S_list("Công an tỉnh dựng chốt", "Công an tỉnh", "dựng");
}

/* ", trong đó trọng tâm là ..." singles out a member of the bodies before
 * it, as ", nhất là ..." does; a place word with a colon lists which
 * places ("các tỉnh: Đắk Lắk, Khánh Hòa ...") */
Test(agency, singled_out_places_colon_list, .init = S_load, .fini = S_free)
{
    S_list("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng, trong đó "
           "trọng tâm là các tỉnh: Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng khẩn trương thực "
           "hiện",
           "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng|các tỉnh: Đắk "
           "Lắk, Khánh Hòa, Gia Lai và Lâm Đồng",
           "khẩn trương");
    S_list("Các tỉnh: Đắk Lắk, Khánh Hòa chủ động sơ tán", "Các tỉnh: Đắk Lắk, Khánh Hòa",
           "chủ động");
    S_list("Các địa phương: Phối hợp với Bộ Y tế", "Các địa phương", "Phối");
}

/* trading firms: "xuất khẩu", "nhập khẩu" after "doanh nghiệp" are a kind
 * of enterprise, words of the name */
Test(agency, trading_firms, .init = S_load, .fini = S_free)
{
    S_list("Các doanh nghiệp xuất khẩu chủ động xây dựng kế hoạch",
           "Các doanh nghiệp xuất khẩu", "chủ động");
    S_list("Các Tập đoàn, Tổng Công ty nhà nước, doanh nghiệp xuất khẩu: xây dựng kế hoạch",
           "Các Tập đoàn|Tổng Công ty nhà nước|doanh nghiệp xuất khẩu", "xây");
    S_list("Các doanh nghiệp xuất nhập khẩu phải khai báo", "Các doanh nghiệp xuất nhập khẩu",
           "phải");
}

/* the Front's central committee is one body: "Trung ương", which closes a
 * name, does not end it before "Mặt trận" */
Test(agency, front_central_committee, .init = S_load, .fini = S_free)
{
    S_list("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam tiếp tục vận động",
           "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "tiếp tục");
    S_list("Chính phủ, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam, Tòa án nhân dân tối cao "
           "chỉ đạo",
           "Chính phủ|Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam|Tòa án nhân dân tối cao",
           "chỉ đạo");
}

/* the other office holders a Công điện addresses are heads of a name */
Test(agency, governor_and_general_heads, .init = S_load, .fini = S_free)
{
    S_list("Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các ngân hàng",
           "Thống đốc Ngân hàng Nhà nước Việt Nam", "chỉ đạo");
    S_list("Tổng Giám đốc Bảo hiểm xã hội Việt Nam cấp Giấy chứng nhận",
           "Tổng Giám đốc Bảo hiểm xã hội Việt Nam", "cấp");
    S_list("Tổng Kiểm toán nhà nước quyết định thu hồi thẻ", "Tổng Kiểm toán nhà nước",
           "quyết định");
}
