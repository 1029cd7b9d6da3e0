/* test_outline.c: the outline: levels from the numbering styles, paths,
 * flags, tables, blocks kept apart from the body; then every corpus
 * document (and four crawled plans from the textcorpus, when present)
 * against tests/fixtures/outline/ID.tsv, written by reading each document.
 */
#include "fixture_util.h"
#include "../extractor/ext.h"
#include "fx_grammar.h"

TestSuite(outline, .init = fx_grammar_load, .fini = fx_grammar_unload, .timeout = 60);

/* Outline of text given whole (one document, no normalizer). */
typedef struct {
    nqx_meta *metas;
    size_t nmetas;
    nqx_node *nodes;
    size_t n;
} S_out;

static void S_outline(const char *text, S_out *o)
{
    nqx_error e;
    size_t len = strlen(text);
    cr_assert_eq(nqx_ext_meta(S_g, text, len, &o->metas, &o->nmetas, &e), NQX_OK, "%s", e.msg);
    cr_assert_eq(nqx_ext_outline(S_g, text, len, o->metas, o->nmetas, &o->nodes, &o->n, &e),
                 NQX_OK, "%s", e.msg);
}

static void S_out_free(S_out *o)
{
    /* an nqx_doc owns and frees what the extractor returned */
    nqx_doc *d = calloc(1, sizeof *d);
    cr_assert_not_null(d);
    d->metas = o->metas;
    d->nmetas = o->nmetas;
    d->nodes = o->nodes;
    d->nnodes = o->n;
    nqx_doc_free(d);
}

/* Index of the k-th node (0-based) that is not a paragraph. */
static size_t S_nth(const S_out *o, size_t k)
{
    size_t i;
    for (i = 0; i < o->n; i++)
        if (o->nodes[i].kind != NQX_NODE_PARA && k-- == 0)
            return i;
    cr_assert_fail("fewer than %zu nodes", k);
    return 0;
}

#define NODE(o, k) (&(o).nodes[S_nth(&(o), (k))])

Test(outline, first_style_is_top_and_styles_return_to_their_level)
{
    S_out o;
    const char *t = "a) Mục một\n- ý một\n+ chi tiết\nb) Mục hai\n- ý hai\n";
    S_outline(t, &o);
    cr_assert_eq(o.n, 5);
    cr_assert_eq(o.nodes[0].level, 0);
    cr_assert_str_eq(o.nodes[0].path, "a");
    cr_assert_eq(o.nodes[1].kind, NQX_NODE_BULLET);
    cr_assert_eq(o.nodes[1].level, 1);
    cr_assert_str_eq(o.nodes[1].path, "a");
    cr_assert_eq(o.nodes[2].level, 2);
    cr_assert_eq(o.nodes[2].parent, 1);
    cr_assert_eq(o.nodes[3].level, 0);
    cr_assert_str_eq(o.nodes[3].label, "b)");
    cr_assert_eq(o.nodes[3].parent, -1);
    cr_assert_eq(o.nodes[4].parent, 3);
    S_out_free(&o);
}

Test(outline, paths_join_labels_and_arabic_parts_extend_their_parent)
{
    S_out o;
    const char *t = "II. NHIỆM VỤ\n2. Giải pháp\n2.1. Về tổ chức\n(5) Rà soát quy chế.\n"
                    "- Thời gian: năm 2025.\n";
    S_outline(t, &o);
    cr_assert_eq(o.n, 5);
    cr_assert_str_eq(o.nodes[0].path, "II");
    cr_assert_str_eq(o.nodes[1].path, "II.2");
    cr_assert_str_eq(o.nodes[2].path, "II.2.1");
    cr_assert_eq(o.nodes[2].parent, 1);
    cr_assert_eq(o.nodes[2].level, 2);
    cr_assert_str_eq(o.nodes[3].label, "(5)");
    cr_assert_str_eq(o.nodes[3].path, "II.2.1.(5)");
    cr_assert_eq(o.nodes[3].kind, NQX_NODE_ITEM);
    cr_assert_str_eq(o.nodes[4].path, "II.2.1.(5)"); /* a bullet adds nothing */
    S_out_free(&o);
}

Test(outline, skipped_and_repeated_numbers_are_kept_and_flagged)
{
    S_out o;
    S_outline("1. Một\n3. Ba\n3. Ba nữa\n4. Bốn\n", &o);
    cr_assert_eq(o.n, 4);
    cr_assert_eq(o.nodes[0].flags, 0);
    cr_assert_eq(o.nodes[1].flags, NQX_NODE_FLAG_SKIP);
    cr_assert_str_eq(o.nodes[1].path, "3");
    cr_assert_eq(o.nodes[2].flags, NQX_NODE_FLAG_REPEAT);
    cr_assert_str_eq(o.nodes[2].path, "3");
    cr_assert_eq(o.nodes[3].flags, 0);
    S_out_free(&o);
}

Test(outline, a_number_does_not_nest_under_a_bullet_unless_it_leads_in)
{
    S_out o;
    S_outline("1. Mục tiêu\n- Đến năm 2025, hoàn thành việc rà soát các quy chế.\n"
              "2. Nhiệm vụ\n- Cấp thành phố:\n(1) Một\n(2) Hai\n- Cấp xã:\n(1) Ba\n", &o);
    cr_assert_eq(o.n, 8);
    cr_assert_eq(o.nodes[2].level, 0); /* "2." returns to the top */
    cr_assert_eq(o.nodes[4].parent, 3);  /* (1) under "- Cấp thành phố:" */
    cr_assert_str_eq(o.nodes[4].path, "2.(1)");
    cr_assert_eq(o.nodes[6].parent, 2);  /* "- Cấp xã:" back at the bullet level */
    cr_assert_eq(o.nodes[7].parent, 6);
    cr_assert_eq(o.nodes[7].flags, 0);   /* a new list, not a repeat */
    S_out_free(&o);
}

Test(outline, tables_rows_and_rules)
{
    S_out o;
    S_outline("1. Phân công\nNội dung | Đơn vị chủ trì | Thời gian\n|---|---|---|\n"
              "Tuyên truyền | Sở Nội vụ | Năm 2025\nHết bảng.\n", &o);
    cr_assert_eq(o.n, 5);
    cr_assert_eq(o.nodes[1].kind, NQX_NODE_TABLE);
    cr_assert_eq(o.nodes[1].parent, 0);
    cr_assert_eq(o.nodes[2].kind, NQX_NODE_ROW);
    cr_assert_eq(o.nodes[2].parent, 1);
    cr_assert_eq(o.nodes[3].kind, NQX_NODE_ROW);
    cr_assert_str_eq(o.nodes[3].path, "1");
    cr_assert_eq(o.nodes[4].kind, NQX_NODE_PARA);
    cr_assert_eq(o.nodes[4].parent, 0);
    S_out_free(&o);
}

Test(outline, footnotes_recipients_and_signature_stand_apart)
{
    S_out o;
    const char *t = "I. NHIỆM VỤ\n1. Ban Tổ chức Thành ủy\nTham mưu thực hiện.\n"
                    "⁽¹⁾ Theo số liệu năm 2022.\nNơi nhận:\n- Thường trực Tỉnh ủy,\n- Lưu.\n"
                    "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn A\n";
    S_outline(t, &o);
    cr_assert_eq(NODE(o, 1)->kind, NQX_NODE_HEADING); /* agency heading */
    cr_assert_eq(NODE(o, 2)->kind, NQX_NODE_FOOTNOTE);
    cr_assert_eq(NODE(o, 2)->parent, -1);
    cr_assert_eq(NODE(o, 3)->kind, NQX_NODE_RECIPIENTS);
    cr_assert_eq(NODE(o, 3)->parent, -1);
    cr_assert_eq(NODE(o, 4)->parent, (int)S_nth(&o, 3));
    cr_assert_eq(NODE(o, 6)->kind, NQX_NODE_SIGNATURE);
    cr_assert_str_eq(NODE(o, 6)->label, "T/M");
    cr_assert_eq(NODE(o, 6)->end, strlen(t) - 1); /* through the name */
    /* the footnote does not end the item's body */
    cr_assert_eq(o.nodes[1].body_end, (size_t)(strstr(t, "Tham mưu thực hiện.") - t) +
                 strlen("Tham mưu thực hiện."));
    S_out_free(&o);
}

/* A web page's image caption ("... (Hình từ Internet)") stands apart from
 * the body as a footnote does: no record comes from it. */
Test(outline, image_caption_stands_apart)
{
    S_out o;
    const char *t = "1. Mục tiêu\n- Phấn đấu có 2 triệu doanh nghiệp.\n"
                    "Nghị quyết 68: Phấn đấu có 2 triệu doanh nghiệp (Hình từ Internet)\n"
                    "- Tỷ lệ đô thị hóa đạt 50%.\n";
    S_outline(t, &o);
    cr_assert_eq(NODE(o, 2)->kind, NQX_NODE_FOOTNOTE);
    cr_assert_eq(NODE(o, 2)->parent, -1);
    cr_assert_eq(NODE(o, 3)->kind, NQX_NODE_BULLET);
    cr_assert_eq(NODE(o, 3)->parent, (int)S_nth(&o, 0));
    S_out_free(&o);
}

Test(outline, end_matter_in_one_table_row_is_not_a_table)
{
    S_out o;
    S_outline("1. Giao Sở Nội vụ theo dõi.\nNơi nhận: - Văn phòng Chính phủ; - Lưu: VT. | "
              "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Bùi Thanh An\nPHỤ LỤC\n", &o);
    cr_assert_eq(o.n, 4);
    cr_assert_eq(o.nodes[1].kind, NQX_NODE_RECIPIENTS);
    cr_assert_eq(o.nodes[2].kind, NQX_NODE_SIGNATURE);
    cr_assert_eq(o.nodes[2].parent, -1);
    cr_assert_eq(o.nodes[3].kind, NQX_NODE_HEADING); /* the appendix */
    S_out_free(&o);
}

Test(outline, body_end_and_paragraphs_belong_to_the_enclosing_item)
{
    S_out o;
    const char *t = "I. MỤC TIÊU\nMở đầu.\n1. Chung\nNội dung chung.\nII. NHIỆM VỤ\n";
    S_outline(t, &o);
    cr_assert_eq(o.n, 5);
    cr_assert_eq(o.nodes[1].kind, NQX_NODE_PARA);
    cr_assert_eq(o.nodes[1].parent, 0);
    cr_assert_eq(o.nodes[3].parent, 2);
    cr_assert_eq(o.nodes[0].start, 0);
    cr_assert_eq(o.nodes[0].end, strlen("I. MỤC TIÊU"));
    cr_assert_eq(o.nodes[0].body_end, (size_t)(strstr(t, "II.") - t) - 1);
    cr_assert_eq(o.nodes[2].body_end, o.nodes[0].body_end);
    cr_assert_eq(o.nodes[4].body_end, strlen(t) - 1);
    S_out_free(&o);
}

Test(outline, parts_and_articles_are_levels_of_their_own)
{
    S_out o;
    S_outline("Chương I. QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Nội dung.\nĐiều 2. Hiệu lực\n"
              "Chương II. TỔ CHỨC\nĐiều 3. Trách nhiệm\n", &o);
    cr_assert_eq(o.n, 6);
    cr_assert_str_eq(o.nodes[0].path, "Chương I");
    cr_assert_str_eq(o.nodes[1].path, "Chương I.Điều 1");
    cr_assert_eq(o.nodes[1].level, 1);
    cr_assert_str_eq(o.nodes[2].path, "Chương I.Điều 1.1");
    cr_assert_eq(o.nodes[3].parent, 0);
    cr_assert_eq(o.nodes[4].level, 0);
    cr_assert_eq(o.nodes[5].parent, 4);
    cr_assert_eq(o.nodes[5].flags, 0); /* articles number on across chapters */
    S_out_free(&o);
}

/* Articles number on across chapters, so "Điều 12." opening a chapter
 * is an article, not a stray number; an appendix closes the sections
 * before it: its items nest under it, not under the last article. */
Test(outline, articles_after_ten_and_appendices)
{
    S_out o;
    S_outline("Chương I\nĐiều 1. Phạm vi\nĐiều 2. Đối tượng\nĐiều 3. Nguyên tắc\n"
              "Điều 4. Hồ sơ\nĐiều 5. Thẩm định\nĐiều 6. Phê duyệt\nĐiều 7. Gửi\n"
              "Điều 8. Nhận\nĐiều 9. Xử lý\nĐiều 10. Lưu\nĐiều 11. Báo cáo\n"
              "Chương II\nĐiều 12. Trách nhiệm của Sở Nội vụ\n1. Hướng dẫn.\n"
              "Phụ lục 01\na) Ưu điểm ......\n", &o);
    cr_assert_eq(o.n, 17);
    cr_assert_eq(o.nodes[13].kind, NQX_NODE_HEADING);
    cr_assert_str_eq(o.nodes[13].path, "Chương II.Điều 12");
    cr_assert_eq(o.nodes[13].flags, 0);
    cr_assert_str_eq(o.nodes[14].path, "Chương II.Điều 12.1");
    cr_assert_eq(o.nodes[15].kind, NQX_NODE_HEADING);
    cr_assert_eq(o.nodes[15].parent, -1);
    cr_assert_str_eq(o.nodes[15].path, "Phụ lục 01");
    cr_assert_eq(o.nodes[16].parent, 15);
    cr_assert_str_eq(o.nodes[16].path, "Phụ lục 01.a");
    S_out_free(&o);
}

/* A decision that approves a plan inline ("Điều 1. Phê duyệt Đề án ...")
 * then lists the plan's I. ... II.1.a: the next article stands where
 * "Điều 1" stood, not under the plan's last point. */
Test(outline, next_article_after_an_inline_plan)
{
    S_out o;
    S_outline("Điều 1. Phê duyệt Đề án chuyển đổi số với các nội dung sau:\n"
              "I. QUAN ĐIỂM\n1. Dữ liệu là tài sản.\nII. TỔ CHỨC THỰC HIỆN\n"
              "1. Ủy ban nhân dân các tỉnh\na) Xem xét cân đối nguồn lực.\n"
              "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
              "Điều 3. Các Bộ trưởng chịu trách nhiệm thi hành.\n", &o);
    cr_assert_eq(o.n, 8);
    cr_assert_str_eq(o.nodes[6].path, "Điều 2");
    cr_assert_eq(o.nodes[6].parent, -1);
    cr_assert_eq(o.nodes[6].level, 0);
    cr_assert_str_eq(o.nodes[7].path, "Điều 3");
    S_out_free(&o);
}

Test(outline, capital_headings_nest_by_where_they_appear)
{
    S_out o;
    S_outline("I. CĂN CỨ\nVăn bản.\nMỤC TIÊU CHUNG\n- Một\nII. NHIỆM VỤ\n", &o);
    cr_assert_eq(o.n, 5);
    cr_assert_eq(o.nodes[2].kind, NQX_NODE_HEADING);
    cr_assert_str_eq(o.nodes[2].label, "");
    cr_assert_str_eq(o.nodes[2].path, "I");
    cr_assert_eq(o.nodes[2].parent, 0);
    cr_assert_eq(o.nodes[3].parent, 2);
    cr_assert_eq(o.nodes[4].level, 0);
    S_out_free(&o);
}

/* ---- fixtures ---------------------------------------------------------- */

static const char *S_flags(int f)
{
    if ((f & NQX_NODE_FLAG_SKIP) && (f & NQX_NODE_FLAG_REPEAT))
        return "skip,repeat";
    if (f & NQX_NODE_FLAG_SKIP)
        return "skip";
    if (f & NQX_NODE_FLAG_REPEAT)
        return "repeat";
    return "-";
}

/* Compare the outline of document id with tests/fixtures/outline/ID.tsv:
 * doc, level, kind, path, label, flags per node ("-" = empty), paragraphs
 * left out. */
static void S_fixture(const char *id)
{
    char path[512], *data, *line, *next;
    nqx_text *t = NULL;
    nqx_doc *d = fx_extract(S_g, id, &t);
    size_t i = 0, row = 0;
    if (!d) {
        cr_skip("textcorpus document %s is not present: skipped", id);
        return;
    }
    snprintf(path, sizeof path, "%s/tests/fixtures/outline/%s.tsv", NQX_SRCDIR, id);
    data = fx_slurp(path, NULL);
    cr_assert_not_null(data, "missing %s", path);
    for (line = data; line && *line; line = next) {
        char *f[6];
        const nqx_node *n;
        char want_flags[32];
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        row++;
        cr_assert_eq(fx_fields(line, f, 6), 6, "%s row %zu: 6 fields", id, row);
        while (i < d->nnodes && d->nodes[i].kind == NQX_NODE_PARA)
            i++;
        cr_assert_lt(i, d->nnodes, "%s row %zu (%s %s): no node left", id, row, f[3], f[4]);
        n = &d->nodes[i++];
        cr_assert_eq(n->doc_index, atoi(f[0]), "%s row %zu: doc", id, row);
        cr_assert_eq(n->level, atoi(f[1]), "%s row %zu (%s): level %d", id, row, f[3], n->level);
        cr_assert_str_eq(nqx_node_kind_name(n->kind), f[2], "%s row %zu (%s)", id, row, f[3]);
        cr_assert_str_eq(n->path[0] ? n->path : "-", f[3], "%s row %zu", id, row);
        cr_assert_str_eq(n->label[0] ? n->label : "-", f[4], "%s row %zu", id, row);
        snprintf(want_flags, sizeof want_flags, "%s", f[5]);
        cr_assert_str_eq(S_flags(n->flags), want_flags, "%s row %zu (%s)", id, row, f[3]);
    }
    for (; i < d->nnodes; i++)
        cr_assert(d->nodes[i].kind == NQX_NODE_PARA,
                  "%s: node %zu (%s %s) not in the fixture", id, i,
                  nqx_node_kind_name(d->nodes[i].kind), d->nodes[i].path);
    cr_assert_gt(row, 0);
    free(data);
    nqx_doc_free(d);
    nqx_text_free(t);
}

Test(outline, corpus_000) { S_fixture("000_345a409d5e9dd220"); }
Test(outline, corpus_001) { S_fixture("001_327d61877dd096d8"); }
Test(outline, corpus_002) { S_fixture("002_a693fad91d7fa2f3"); }
Test(outline, corpus_003) { S_fixture("003_b9a2a529d159b678"); }
Test(outline, corpus_004) { S_fixture("004_31b05915bd2b756c"); }
/* crawled plans of four provinces (textcorpus; skipped when absent) */
Test(outline, textcorpus_hcm_172_kh_ubnd) { S_fixture("2f6f80b9918e52de"); }
Test(outline, textcorpus_nghe_an_1026_kh_ubnd) { S_fixture("0a97eb9c3c536047"); }
Test(outline, textcorpus_can_tho_160_kh_ubnd) { S_fixture("5d99697f14bcf68a"); }
Test(outline, textcorpus_dak_lak_0129_kh_ubnd) { S_fixture("62f25a030c183151"); }
