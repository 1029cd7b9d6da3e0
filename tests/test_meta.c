/* test_meta.c: document splitting and metadata: small texts first, then
 * every corpus document (and four crawled plans from the textcorpus, when
 * present) field by field against tests/fixtures/meta/ID.tsv, written by
 * reading each document. */
#include "fixture_util.h"
#include "../extractor/ext.h"
#include "fx_grammar.h"

TestSuite(meta, .init = fx_grammar_load, .fini = fx_grammar_unload, .timeout = 60);

static nqx_doc *S_meta(const char *text)
{
    nqx_doc *d = calloc(1, sizeof *d);
    nqx_error e;
    cr_assert_not_null(d);
    cr_assert_eq(nqx_ext_meta(S_g, text, strlen(text), &d->metas, &d->nmetas, &e),
                 NQX_OK, "%s", e.msg);
    return d;
}

Test(meta, header_fields_are_read_and_normalised)
{
    nqx_doc *d = S_meta("TỈNH ỦY BẮC NINH\nSố 15 - NQ/TU\nBắc Ninh, ngày 04 tháng 7 năm 2017\n"
                        "NGHỊ QUYẾT\nVề phát triển đội ngũ cán bộ\n\n"
                        "Thực hiện Nghị quyết số 26-NQ/TW, ngày 19/5/2018 của Ban Chấp hành "
                        "Trung ương, Ban Thường vụ Tỉnh ủy ban hành Nghị quyết như sau:\n"
                        "I. MỤC TIÊU\nNơi nhận:\n- Ban Tổ chức Trung ương,\n- Lưu.\n"
                        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn An\n");
    const nqx_meta *m = &d->metas[0];
    cr_assert_eq(d->nmetas, 1);
    cr_assert_str_eq(m->kind, "Nghị quyết");
    cr_assert_str_eq(m->number, "15-NQ/TU");
    cr_assert_str_eq(m->date, "2017-07-04");
    cr_assert_str_eq(m->locality, "Bắc Ninh");
    cr_assert_str_eq(m->issuer, "Ban Thường vụ Tỉnh ủy");
    cr_assert_str_eq(m->title, "Về phát triển đội ngũ cán bộ");
    cr_assert_str_eq(m->signer_name, "Nguyễn Văn An");
    cr_assert_str_eq(m->signer_title, "Phó Bí thư");
    cr_assert_eq(m->ncites, 1);
    cr_assert_str_eq(m->cites[0], "Nghị quyết số 26-NQ/TW, ngày 19/5/2018 của Ban Chấp hành Trung ương");
    cr_assert_eq(m->nrecipients, 2);
    cr_assert_str_eq(m->recipients[0], "Ban Tổ chức Trung ương");
    cr_assert_str_eq(m->recipients[1], "Lưu");
    nqx_doc_free(d);
}

Test(meta, issuer_in_capitals_is_recased_and_missing_fields_stay_null)
{
    nqx_doc *d = S_meta("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "KẾ HOẠCH\nTRIỂN KHAI CHƯƠNG TRÌNH CHUYỂN ĐỔI SỐ\n\nCăn cứ Luật.\n");
    const nqx_meta *m = &d->metas[0];
    cr_assert_str_eq(m->kind, "Kế hoạch");
    cr_assert_str_eq(m->issuer, "Ủy ban nhân dân tỉnh Lạng Sơn");
    cr_assert_str_eq(m->locality, "Lạng Sơn");
    cr_assert_str_eq(m->title, "TRIỂN KHAI CHƯƠNG TRÌNH CHUYỂN ĐỔI SỐ");
    cr_assert_null(m->number);
    cr_assert_null(m->date);
    cr_assert_null(m->signer_name);
    cr_assert_null(m->signer_title);
    cr_assert_eq(m->ncites, 0);
    cr_assert_eq(m->nrecipients, 0);
    nqx_doc_free(d);
}

/* Text taken from a two-column header puts the columns side by side on
 * one line: the issuer beside the party's name, the number beside the
 * place and date. The party's name is no part of the issuer, and the
 * date is read after the number. */
Test(meta, a_two_column_header_on_one_line)
{
    nqx_doc *d = S_meta("ĐẢNG BỘ TỈNH QUẢNG NGÃI ĐẢNG CỘNG SẢN VIỆT NAM\n"
                        "Số 123-KH/TU Quảng Ngãi, ngày 15 tháng 5 năm 2023\n\n"
                        "KẾ HOẠCH\nthực hiện Nghị quyết về công tác cán bộ\n\n"
                        "1. Các cấp ủy thực hiện.\n");
    const nqx_meta *m = &d->metas[0];
    cr_assert_str_eq(m->kind, "Kế hoạch");
    cr_assert_str_eq(m->number, "123-KH/TU");
    cr_assert_str_eq(m->date, "2023-05-15");
    cr_assert_str_eq(m->issuer, "Đảng bộ tỉnh Quảng Ngãi");
    cr_assert_str_eq(m->locality, "Quảng Ngãi");
    nqx_doc_free(d);
}

/* A scanned header's date in figures, or with its comma lost after the
 * place; a sentence that opens "Theo đó, ngày 3/6/2025" is no header. */
Test(meta, a_header_date_in_figures_or_without_its_comma)
{
    static const char *const lines[] = {"Quảng Ngãi, ngày 15/5/2023",
                                        "Quảng Ngãi ngày 15 tháng 5 năm 2023"};
    size_t k;
    for (k = 0; k < 2; k++) {
        char text[512];
        nqx_doc *d;
        snprintf(text, sizeof text, "TỈNH ỦY QUẢNG NGÃI\nSố 12-KH/TU\n%s\n\nKẾ HOẠCH\n"
                                    "về công tác cán bộ\n\n1. Các cấp ủy thực hiện.\n", lines[k]);
        d = S_meta(text);
        cr_assert_str_eq(d->metas[0].date, "2023-05-15", "%s", lines[k]);
        cr_assert_str_eq(d->metas[0].locality, "Quảng Ngãi");
        nqx_doc_free(d);
    }
    {
        nqx_doc *d = S_meta("KẾ HOẠCH\nvề công tác cán bộ\n\nTheo đó, ngày 3/6/2025 "
                            "Ban Thường vụ họp.\n");
        cr_assert_null(d->metas[0].date);
        nqx_doc_free(d);
    }
}

/* A letter has no kind word: its "V/v ..." line under the number is its
 * subject, and it is a công văn; a telegram's kind word is "CÔNG ĐIỆN";
 * a kind word that is a value of a library page's table has no title
 * (its next line is a label). */
Test(meta, a_letter_a_telegram_and_a_library_page)
{
    nqx_doc *d = S_meta("BỘ NỘI VỤ\nSố: 1234/BNV-CCVC\nV/v hướng dẫn đánh giá cán bộ\n"
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                        "Hà Nội, ngày 20 tháng 11 năm 2024\n\nKính gửi: Các bộ, ngành.\n\n"
                        "Bộ Nội vụ hướng dẫn như sau:\n1. Các bộ thực hiện.\n");
    cr_assert_str_eq(d->metas[0].kind, "Công văn");
    cr_assert_str_eq(d->metas[0].title, "hướng dẫn đánh giá cán bộ");
    cr_assert_str_eq(d->metas[0].number, "1234/BNV-CCVC");
    cr_assert_str_eq(d->metas[0].issuer, "Bộ Nội vụ");
    nqx_doc_free(d);
    d = S_meta("THỦ TƯỚNG CHÍNH PHỦ\nSố: 229/CĐ-TTg\n\nCÔNG ĐIỆN\n"
               "Về tập trung khắc phục hậu quả mưa lũ\n\n1. Các bộ thực hiện.\n");
    cr_assert_str_eq(d->metas[0].kind, "Công điện");
    cr_assert_str_eq(d->metas[0].title, "Về tập trung khắc phục hậu quả mưa lũ");
    nqx_doc_free(d);
    d = S_meta("Loại văn bản:\n\nCông văn\n\nNơi ban hành:\n\nCục Thuế\n\n"
               "1. Các chi cục thực hiện.\n");
    cr_assert_str_eq(d->metas[0].kind, "Công văn");
    cr_assert_null(d->metas[0].title);
    nqx_doc_free(d);
}

/* One city, one locality: the date line's "Thành phố Hồ Chí Minh" and
 * "TP. Hồ Chí Minh" are "Hồ Chí Minh", as the issuer's place is; a place
 * at the end of a title in capitals is recased ("NINH BÌNH"), where its
 * first letter was taken; recasing keeps the marks ("QUẢN LÝ" is no
 * "quận"). */
Test(meta, localities_are_names_and_recasing_keeps_the_marks)
{
    nqx_doc *d = S_meta("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\nSố: 12/KH-UBND\n"
                        "Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025\n\nKẾ HOẠCH\n"
                        "về công tác cán bộ\n\n1. Các sở thực hiện.\n");
    cr_assert_str_eq(d->metas[0].locality, "Hồ Chí Minh");
    nqx_doc_free(d);
    d = S_meta("QUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ QUẢN LÝ CHỨNG THƯ SỐ TRONG CÁC CƠ QUAN "
               "HÀNH CHÍNH NHÀ NƯỚC TỈNH NINH BÌNH\n\nĐiều 1. Ban hành.\n");
    cr_assert_str_eq(d->metas[0].locality, "Ninh Bình");
    nqx_doc_free(d);
    d = S_meta("CỤC QUẢN LÝ GIÁ\nSố: 5/KH-QLG\n\nKẾ HOẠCH\nvề kiểm tra giá\n\n"
               "1. Các phòng thực hiện.\n");
    cr_assert_str_eq(d->metas[0].issuer, "Cục Quản Lý Giá");
    cr_assert_null(d->metas[0].locality);
    nqx_doc_free(d);
}

Test(meta, a_new_header_after_a_signature_starts_a_document)
{
    const char *t = "Số 256-KH/TU\nKẾ HOẠCH\nThực hiện Nghị quyết số 28-NQ/TW\n"
                    "I. MỤC ĐÍCH\nNơi nhận:\n- Lưu.\nT/M THÀNH ỦY\nBÍ THƯ\nTrần Văn B\n\n"
                    "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 28-NQ/TW\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                    "Hà Nội, ngày 17 tháng 11 năm 2022\nNGHỊ QUYẾT\nvề đổi mới\n"
                    "I. TÌNH HÌNH\nNghị quyết này phổ biến đến chi bộ.\n";
    nqx_doc *d = S_meta(t);
    cr_assert_eq(d->nmetas, 2);
    cr_assert_eq(d->metas[0].start, 0);
    cr_assert_eq(d->metas[0].end, (size_t)(strstr(t, "BAN CHẤP HÀNH") - t));
    cr_assert_eq(d->metas[1].start, d->metas[0].end);
    cr_assert_eq(d->metas[1].end, strlen(t));
    cr_assert_str_eq(d->metas[0].number, "256-KH/TU");
    cr_assert_str_eq(d->metas[0].signer_name, "Trần Văn B");
    cr_assert_str_eq(d->metas[1].kind, "Nghị quyết");
    cr_assert_str_eq(d->metas[1].number, "28-NQ/TW");
    cr_assert_str_eq(d->metas[1].date, "2022-11-17");
    cr_assert_str_eq(d->metas[1].issuer, "Ban Chấp hành Trung ương");
    cr_assert_null(d->metas[1].signer_name);
    nqx_doc_free(d);
}

Test(meta, end_matter_in_one_table_row)
{
    /* a crawled plan's last table row: recipients | signature */
    nqx_doc *d = S_meta("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "Số: 1026/KH-UBND | Nghệ An, ngày 26 tháng 11 năm 2025\n"
                        "KẾ HOẠCH\nTRIỂN KHAI CHỈ THỊ\nI. MỤC ĐÍCH\n"
                        "Nơi nhận: - Văn phòng Chính phủ - Bộ Công an (để báo cáo); "
                        "- Các tổ chức chính trị - xã hội; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN "
                        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Bùi Thanh An\n");
    const nqx_meta *m = &d->metas[0];
    cr_assert_str_eq(m->number, "1026/KH-UBND");
    cr_assert_str_eq(m->date, "2025-11-26");
    cr_assert_str_eq(m->issuer, "Ủy ban nhân dân tỉnh Nghệ An");
    cr_assert_str_eq(m->signer_name, "Bùi Thanh An");
    cr_assert_str_eq(m->signer_title, "Phó Chủ tịch");
    cr_assert_eq(m->nrecipients, 4);
    cr_assert_str_eq(m->recipients[0], "Văn phòng Chính phủ");
    cr_assert_str_eq(m->recipients[1], "Bộ Công an (để báo cáo)");
    cr_assert_str_eq(m->recipients[2], "Các tổ chức chính trị - xã hội");
    cr_assert_str_eq(m->recipients[3], "Lưu: VT");
    nqx_doc_free(d);
}

Test(meta, capacity_and_name_in_one_cell)
{
    nqx_doc *d = S_meta("NGHỊ QUYẾT\nĐiều 1. Phạm vi\nNơi nhận: - Chính phủ; - Lưu: VT. | "
                        "CHỦ TỊCH Phùng Thị Hồng Hà\n");
    cr_assert_str_eq(d->metas[0].signer_title, "Chủ tịch");
    cr_assert_str_eq(d->metas[0].signer_name, "Phùng Thị Hồng Hà");
    cr_assert_eq(d->metas[0].nrecipients, 2);
    nqx_doc_free(d);
}

Test(meta, a_kind_word_in_the_body_does_not_split)
{
    nqx_doc *d = S_meta("KẾ HOẠCH\nI. NỘI DUNG\nKẾ HOẠCH\nII. TỔ CHỨC\n");
    cr_assert_eq(d->nmetas, 1);
    nqx_doc_free(d);
}

/* ---- fixtures ---------------------------------------------------------- */

static void S_field(const char *id, int doc, const char *name, const char *got,
                    const char *want)
{
    if (strcmp(want, "NULL") == 0)
        cr_assert_null(got, "%s doc %d %s: want NULL, got %s", id, doc, name, got);
    else {
        cr_assert_not_null(got, "%s doc %d %s: want %s, got NULL", id, doc, name, want);
        cr_assert_str_eq(got, want, "%s doc %d %s", id, doc, name);
    }
}

/* Compare document id's metadata with tests/fixtures/meta/ID.tsv: "doc N"
 * starts a document, then FIELD<TAB>VALUE; cite and recipient lines list
 * every one in order. "#nocites" leaves cites unchecked (crawled text cuts
 * citations over lines until the normalizer joins them). */
static void S_fixture(const char *id)
{
    char path[512], *data, *line, *next;
    nqx_text *t = NULL;
    nqx_doc *d = fx_extract(S_g, id, &t);
    int doc = -1, nocites = 0;
    size_t ncite = 0, nrec = 0;
    const nqx_meta *m = NULL;
    if (!d) {
        cr_skip("textcorpus document %s is not present: skipped", id);
        return;
    }
    snprintf(path, sizeof path, "%s/tests/fixtures/meta/%s.tsv", NQX_SRCDIR, id);
    data = fx_slurp(path, NULL);
    cr_assert_not_null(data, "missing %s", path);
    for (line = data; line && *line; line = next) {
        char *f[2];
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strcmp(line, "#nocites") == 0)
            nocites = 1;
        if (line[0] == '#' || !line[0])
            continue;
        cr_assert_eq(fx_fields(line, f, 2), 2, "%s: %s", id, line);
        if (strcmp(f[0], "doc") == 0) {
            if (m && !nocites)
                cr_assert_eq(m->ncites, ncite, "%s doc %d: cites", id, doc);
            if (m)
                cr_assert_eq(m->nrecipients, nrec, "%s doc %d: recipients", id, doc);
            doc = atoi(f[1]);
            cr_assert_lt((size_t)doc, d->nmetas, "%s: only %zu documents", id, d->nmetas);
            m = &d->metas[doc];
            ncite = nrec = 0;
            continue;
        }
        cr_assert_not_null(m, "%s: field before a doc line", id);
        if (strcmp(f[0], "kind") == 0) S_field(id, doc, f[0], m->kind, f[1]);
        else if (strcmp(f[0], "number") == 0) S_field(id, doc, f[0], m->number, f[1]);
        else if (strcmp(f[0], "date") == 0) S_field(id, doc, f[0], m->date, f[1]);
        else if (strcmp(f[0], "issuer") == 0) S_field(id, doc, f[0], m->issuer, f[1]);
        else if (strcmp(f[0], "locality") == 0) S_field(id, doc, f[0], m->locality, f[1]);
        else if (strcmp(f[0], "title") == 0) S_field(id, doc, f[0], m->title, f[1]);
        else if (strcmp(f[0], "signer_name") == 0) S_field(id, doc, f[0], m->signer_name, f[1]);
        else if (strcmp(f[0], "signer_title") == 0) S_field(id, doc, f[0], m->signer_title, f[1]);
        else if (strcmp(f[0], "cite") == 0) {
            cr_assert_lt(ncite, m->ncites, "%s doc %d: missing cite %s", id, doc, f[1]);
            cr_assert_str_eq(m->cites[ncite], f[1], "%s doc %d cite %zu", id, doc, ncite);
            ncite++;
        } else if (strcmp(f[0], "recipient") == 0) {
            cr_assert_lt(nrec, m->nrecipients, "%s doc %d: missing recipient %s", id, doc, f[1]);
            cr_assert_str_eq(m->recipients[nrec], f[1], "%s doc %d recipient %zu", id, doc, nrec);
            nrec++;
        } else
            cr_assert_fail("%s: unknown field %s", id, f[0]);
    }
    cr_assert_not_null(m, "%s: empty fixture", id);
    if (!nocites)
        cr_assert_eq(m->ncites, ncite, "%s doc %d: cites", id, doc);
    cr_assert_eq(m->nrecipients, nrec, "%s doc %d: recipients", id, doc);
    cr_assert_eq(d->nmetas, (size_t)doc + 1, "%s: documents", id);
    free(data);
    nqx_doc_free(d);
    nqx_text_free(t);
}

Test(meta, corpus_000) { S_fixture("000_345a409d5e9dd220"); }
Test(meta, corpus_001) { S_fixture("001_327d61877dd096d8"); }
Test(meta, corpus_002) { S_fixture("002_a693fad91d7fa2f3"); }
Test(meta, corpus_003) { S_fixture("003_b9a2a529d159b678"); }
Test(meta, corpus_004) { S_fixture("004_31b05915bd2b756c"); }
/* crawled plans of four provinces (textcorpus; skipped when absent) */
Test(meta, textcorpus_hcm_172_kh_ubnd) { S_fixture("2f6f80b9918e52de"); }
Test(meta, textcorpus_nghe_an_1026_kh_ubnd) { S_fixture("0a97eb9c3c536047"); }
Test(meta, textcorpus_can_tho_160_kh_ubnd) { S_fixture("5d99697f14bcf68a"); }
Test(meta, textcorpus_dak_lak_0129_kh_ubnd) { S_fixture("62f25a030c183151"); }
