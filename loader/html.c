/* html.c: HTML input -> text lines, through libxml2's HTML parser (it
 * detects the charset from the <meta> and recovers from broken markup).
 *
 * The output is the plain Markdown the normalizer reads best: blocks
 * (headings, paragraphs, lists, tables) apart by a blank line, one list
 * item per line ("- " or "N. "), one table row per line as a pipe row
 * "| a | b |" ("|" in a cell escaped "\|"). The normalizer then makes
 * its contract of it (one paragraph per line, rows as "a | b"). */
#include "store.h"

#include <libxml/HTMLparser.h>
#include <strings.h>
#include <string.h>

typedef struct {
    nqx_buf out;
    size_t line_start;  /* offset in out where the current line starts */
    int space;          /* a space is pending before the next text */
    int cell;           /* inside a table cell: blocks stay inline */
    int pre;            /* inside <pre>: keep line breaks */
    int blank;          /* the output ends with a blank line */
    int fail;
} S_html;

static int S_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           strcasecmp((const char *)n->name, name) == 0;
}

static int S_any(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (S_is(n, *names))
            return 1;
    return 0;
}

static const char *const S_skip[] = {"script", "style", "head", "noscript",
                                     "template", NULL};
static const char *const S_block[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "blockquote", "pre", "dt", "dd", "ul", "ol", "dl",
    "center", "address", "main", "nav", "aside", "figure", "figcaption",
    "caption", "hr", "form", "fieldset", "body", "html", NULL};

static void S_newline(S_html *h)
{
    if (h->cell) {
        h->space = 1;
        return;
    }
    if (h->out.len > h->line_start)
        h->fail |= nqx_buf_puts(&h->out, "\n");
    h->line_start = h->out.len;
    h->space = 0;
}

/* End the block: a blank line (once) before whatever follows. */
static void S_para(S_html *h)
{
    S_newline(h);
    if (!h->cell && h->out.len && !h->blank) {
        h->fail |= nqx_buf_puts(&h->out, "\n");
        h->line_start = h->out.len;
        h->blank = 1;
    }
}

static void S_put(S_html *h, const char *s, size_t n)
{
    if (h->space && h->out.len > h->line_start)
        h->fail |= nqx_buf_puts(&h->out, " ");
    h->space = 0;
    h->blank = 0;
    if (h->cell) { /* a "|" of the text is not a cell boundary */
        const char *bar;
        while ((bar = memchr(s, '|', n)) != NULL) {
            h->fail |= nqx_buf_append(&h->out, s, (size_t)(bar - s));
            h->fail |= nqx_buf_puts(&h->out, "\\|");
            n -= (size_t)(bar - s) + 1;
            s = bar + 1;
        }
    }
    h->fail |= nqx_buf_append(&h->out, s, n);
}

static void S_textnode(S_html *h, const char *s)
{
    while (*s) {
        size_t k = 0;
        if (*s == '\n' && h->pre) {
            S_newline(h);
            s++;
            continue;
        }
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
            *s == '\f') {
            h->space = 1;
            s++;
            continue;
        }
        if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
            h->space = 1; /* &nbsp; */
            s += 2;
            continue;
        }
        while (s[k] && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' &&
               s[k] != '\r' && s[k] != '\f' &&
               !((unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA0))
            k++;
        S_put(h, s, k);
        s += k;
    }
}

/* Recursive: the depth is bounded by libxml2's parser, which stops
 * nesting at xmlParserMaxDepth (256) without XML_PARSE_HUGE. */
static void S_walk(S_html *h, const xmlNode *n);

static void S_row(S_html *h, const xmlNode *tr)
{
    const xmlNode *c;
    int was = h->cell;
    S_newline(h);
    h->fail |= nqx_buf_puts(&h->out, "|");
    h->blank = 0;
    for (c = tr->children; c; c = c->next) {
        if (!S_is(c, "td") && !S_is(c, "th"))
            continue;
        h->space = 1;
        h->cell = 1;
        S_walk(h, c->children);
        h->cell = was;
        h->fail |= nqx_buf_puts(&h->out, " |");
    }
    h->cell = was;
    S_newline(h);
}

static void S_rows(S_html *h, const xmlNode *n)
{
    for (; n; n = n->next) {
        if (S_is(n, "tr"))
            S_row(h, n);
        else if (S_is(n, "thead") || S_is(n, "tbody") || S_is(n, "tfoot"))
            S_rows(h, n->children);
        else if (S_is(n, "caption")) {
            S_para(h);
            S_walk(h, n->children);
            S_para(h);
        }
    }
}

static void S_walk(S_html *h, const xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                S_textnode(h, (const char *)n->content);
        } else if (n->type != XML_ELEMENT_NODE || S_any(n, S_skip)) {
            continue;
        } else if (S_is(n, "br")) {
            S_newline(h);
        } else if (S_is(n, "table") && !h->cell) {
            S_para(h);
            S_rows(h, n->children);
            S_para(h);
        } else if (S_is(n, "tr") && !h->cell) {
            S_row(h, n);
        } else if (S_is(n, "li")) {
            S_newline(h);
            if (!h->cell && n->parent && S_is(n->parent, "ol")) {
                int k = 1;
                const xmlNode *p;
                for (p = n->prev; p; p = p->prev)
                    k += S_is(p, "li");
                h->fail |= nqx_buf_printf(&h->out, "%d. ", k);
                h->blank = 0;
            } else if (!h->cell)
                S_put(h, "- ", 2);
            S_walk(h, n->children);
            S_newline(h);
        } else if (S_any(n, S_block)) {
            int was = h->pre;
            S_para(h);
            h->pre = was || S_is(n, "pre");
            S_walk(h, n->children);
            h->pre = was;
            S_para(h);
        } else {
            S_walk(h, n->children);
        }
    }
}

int nqx_html_detect(const char *name, const char *bytes, size_t n)
{
    const char *dot = strrchr(name, '.');
    size_t i = 0;
    if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
                strcasecmp(dot, ".xhtml") == 0))
        return 1;
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' ||
                     bytes[i] == '\r'))
        i++;
    return (n - i >= 14 && strncasecmp(bytes + i, "<!doctype html", 14) == 0) ||
           (n - i >= 5 && strncasecmp(bytes + i, "<html", 5) == 0);
}

nqx_status nqx_html_to_text(const char *name, const char *bytes, size_t n,
                            char **out, size_t *outlen, nqx_error *err)
{
    htmlDocPtr doc;
    S_html h;
    *out = NULL;
    *outlen = 0;
    if (n > (size_t)0x7fffffff)
        return nqx_fail(err, NQX_ELIMIT, name, -1, -1, "HTML file too large");
    doc = htmlReadMemory(bytes, (int)n, name, NULL,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc)
        return nqx_fail(err, NQX_EFORMAT, name, -1, -1,
                        "libxml2 cannot parse it as HTML");
    memset(&h, 0, sizeof h);
    S_walk(&h, xmlDocGetRootElement(doc));
    S_newline(&h);
    xmlFreeDoc(doc);
    while (h.out.len && h.out.data[h.out.len - 1] == '\n' &&
           h.out.len > 1 && h.out.data[h.out.len - 2] == '\n')
        h.out.data[--h.out.len] = '\0'; /* no blank line at the end */
    if (h.fail) {
        nqx_buf_free(&h.out);
        return nqx_fail(err, NQX_ENOMEM, name, -1, -1, "out of memory");
    }
    if (!h.out.len) {
        nqx_buf_free(&h.out);
        return nqx_fail(err, NQX_EEMPTY, name, -1, -1, "HTML holds no text");
    }
    *outlen = h.out.len;
    *out = nqx_buf_steal(&h.out);
    return NQX_OK;
}
