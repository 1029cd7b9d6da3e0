#!/bin/sh
# Extraction on the corpus laid out the ways real files come: the five
# documents rewritten (words unchanged) as text without Markdown, wrapped
# at a width as crawled text is, one paragraph per line with no blank
# lines (with its Markdown, and without: a Word document saved as text), as OCR lines (no Markdown, wrapped, no blank line between
# paragraphs), cut by page breaks with the page's number, with "•"
# points, with CRLF line ends, and with another locality's words (gold
# rewritten the same way); each scored against corpus/gold as it stands.
# A rule that reads one layout or one city's names only shows here.
# usage: scripts/layout-eval.sh
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f1() { sed -n "s/^$1:.*strict P=[0-9.]* R=[0-9.]* F1=\([0-9.]*\).*/\1/p" | head -1; }

# Markdown marks off: bold and italic stars, heading hashes, escapes
nomd() { sed -e 's/\*\*//g' -e 's/^#\{1,6\} *//' -e 's/\\\*/*/g'; }
# wrapped at $1 bytes (100 is about 75 letters) at spaces, as crawled
# text is (not Markdown headings: a "#" line cannot go on in the next);
# three widths, so that the cuts fall in different places
wrap() {
    awk -v w="$1" '/^#/ { print; next } {
        line = $0
        while (length(line) > w) {
            cut = 0
            for (i = w; i > 40; i--) if (substr(line, i, 1) == " ") { cut = i; break }
            if (!cut) break
            print substr(line, 1, cut - 1)
            line = substr(line, cut + 1)
        }
        print line
    }'
}
# the same, counting characters as a scanned page's lines do (perl, as
# mawk counts bytes: a line of marked letters is shorter on the page)
wrapc() {
    W=$1 perl -CSD -ne 'BEGIN { $w = $ENV{W} } chomp; s/\r$//;
        if (/^#/) { print "$_\n"; next }
        while (length($_) > $w) { my $cut = 0;
            for (my $i = $w; $i > 30; $i--) { if (substr($_, $i, 1) eq " ") { $cut = $i; last } }
            last unless $cut; print substr($_, 0, $cut), "\n"; $_ = substr($_, $cut + 1) }
        print "$_\n"'
}
noblank() { awk 'NF'; }
# a page break in every seventh long line: its number on a line of its
# own between blank lines, cutting the sentence as a scanned page does
pages() {
    awk 'BEGIN { pg = 1 } {
        if (length($0) > 200 && NR % 7 == 0) {
            n = length($0); cut = 0
            for (i = int(n / 2); i < n; i++) if (substr($0, i, 1) == " ") { cut = i; break }
            if (cut) { pg++; print substr($0, 1, cut - 1); print ""; print pg; print ""; print substr($0, cut + 1); next }
        }
        print
    }'
}
bullets() { sed 's/^\( *\)- /\1• /'; }
# another locality: the city's Party and government words made a
# province's, its places others; applied to the gold as well, so that a
# rule tied to one city's names shows here
province() {
    sed -e 's/Thành ủy/Tỉnh ủy/g; s/thành ủy/tỉnh ủy/g; s/THÀNH ỦY/TỈNH ỦY/g' \
        -e 's/Thành uỷ/Tỉnh uỷ/g; s/thành uỷ/tỉnh uỷ/g' \
        -e 's/Ủy ban nhân dân Thành phố/Ủy ban nhân dân tỉnh/g; s/Hội đồng nhân dân Thành phố/Hội đồng nhân dân tỉnh/g' \
        -e 's/UBND Thành phố/UBND tỉnh/g; s/HĐND Thành phố/HĐND tỉnh/g; s/Đảng bộ Thành phố/Đảng bộ tỉnh/g' \
        -e 's/quận, huyện, thị xã/huyện, thị xã, thành phố/g; s/quận, huyện/huyện, thị xã/g' \
        -e 's/phường, xã, thị trấn/xã, phường, thị trấn/g' \
        -e 's/Vũng Tàu/Quảng Ngãi/g; s/Hà Nội/Cần Thơ/g; s/Hồ Chí Minh/Đồng Nai/g'
}
# a district's: the city's and the town's Party and government words made
# a district's (Thành ủy, Thị ủy -> Huyện ủy; Thành phố, thị xã -> huyện),
# their units one level down; the gold rewritten alike
district() {
    sed -e 's/Thành ủy/Huyện ủy/g; s/thành ủy/huyện ủy/g; s/THÀNH ỦY/HUYỆN ỦY/g' \
        -e 's/Thị ủy/Huyện ủy/g; s/thị ủy/huyện ủy/g; s/THỊ ỦY/HUYỆN ỦY/g' \
        -e 's/Thành uỷ/Huyện uỷ/g; s/thành uỷ/huyện uỷ/g' \
        -e 's/quận, huyện, thị xã/xã, thị trấn/g; s/quận, huyện/xã, thị trấn/g' \
        -e 's/phường, xã, thị trấn/thôn, tổ dân phố/g; s/xã, phường, thị trấn/thôn, tổ dân phố/g' \
        -e 's/Thành phố/Huyện/g; s/thành phố/huyện/g; s/THÀNH PHỐ/HUYỆN/g' \
        -e 's/Thị xã/Huyện/g; s/thị xã/huyện/g; s/THỊ XÃ/HUYỆN/g' \
        -e 's/Vũng Tàu/Mộ Đức/g; s/Hà Nội/Phong Điền/g; s/Hồ Chí Minh/Tân Phú/g'
}
crlf() { sed 's/$/\r/'; }

printf '| layout | targets strict F1 | tasks strict F1 |\n|---|---|---|\n'
for v in as-given no-markdown wrapped-80 wrapped-100 wrapped-120 no-markdown+wrapped-100 \
    no-blank-lines word ocr-lines wrapped-chars-80 ocr-lines-chars page-breaks bullets crlf province district; do
    d="$tmp/$v"
    mkdir -p "$d/gold"
    for g in corpus/gold/*.jsonl; do
        case $v in
        province) province < "$g" ;;
        district) district < "$g" ;;
        *) cat "$g" ;;
        esac > "$d/gold/$(basename "$g")"
    done
    cp -r corpus/clean "$d/clean" # (eval reads it; the OCR lines are not used here)
    for f in corpus/*.txt; do
        case $v in
        as-given) cat "$f" ;;
        no-markdown) nomd < "$f" ;;
        wrapped-chars-*) wrapc "${v#wrapped-chars-}" < "$f" ;;
        wrapped-*) wrap "${v#wrapped-}" < "$f" ;;
        no-markdown+wrapped-100) nomd < "$f" | wrap 100 ;;
        no-blank-lines) noblank < "$f" ;;
        word) nomd < "$f" | noblank ;;
        ocr-lines) nomd < "$f" | wrap 100 | noblank ;;
        ocr-lines-chars) nomd < "$f" | wrapc 80 | noblank ;;
        page-breaks) pages < "$f" ;;
        bullets) bullets < "$f" ;;
        crlf) crlf < "$f" ;;
        province) province < "$f" ;;
        district) district < "$f" ;;
        esac > "$d/$(basename "$f")"
    done
    ./nqx extract "$d"/*.txt > "$tmp/pred.jsonl"
    ev=$(./nqx eval --corpus "$d" --pred "$tmp/pred.jsonl" 2>/dev/null || true)
    printf '| %s | %s | %s |\n' "$v" "$(printf '%s\n' "$ev" | f1 targets)" \
        "$(printf '%s\n' "$ev" | f1 tasks)"
done
