#!/bin/sh
# Extraction from scanned pages (make scan-eval): the corpus's five
# documents, as corrected by hand (corpus/clean, Markdown marks off), are
# printed to A4 pages (pango-view, a Times-like serif, 200 dpi), scanned
# down (ImageMagick: grey, scaled to SCALE, blurred, speckled) and read
# back by Tesseract with its Vietnamese data. nqx then extracts from the
# OCR text, and is scored against corpus/gold (targets and tasks, strict
# F1) and, for the diacritics, with ocr_score.py against the printed text.
# Everything a scan does to a document is here at once: wrapped lines,
# hyphens and spacing, page breaks mid-sentence, tables as OCR reads ruled
# text, and another engine's diacritic errors than corpus/ has.
#
# usage: scripts/scan-eval.sh [SCALE [SET]]   (default 50: a page at 100
#   dpi; SET: corpus, or a held-out folder such as tests/heldout2, whose
#   texts are taken from the unpacked textcorpus, $VITEXT)
# Pages and OCR output are cached in $SCAN_EVAL_DIR (Tesseract takes about
# 2 s a page); only nqx runs again.
# Needs: tesseract-ocr tesseract-ocr-vie pango1.0-tools imagemagick
# fonts-liberation2 (Debian), python3.
set -eu

scale=${1:-50}
set=${2:-corpus}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
nqx=${NQX:-$root/nqx}
scorer=${NQX_OCR_SCORER:-/work/shared/eval/ocr_score.py}
vitext=${VITEXT:-/tmp/vi-text}
cache=${SCAN_EVAL_DIR:-/tmp/nqx-scan-eval}/$scale-$(echo "$set" | tr / _)
if [ "$set" = corpus ]; then
    gold=corpus/gold
    sources=$(ls corpus/clean/*.txt)
else
    gold=$set/gold
    [ -d "$gold" ] || { echo "$0: $gold: no such folder" >&2; exit 2; }
    sources=$(grep -v '^#' "$set/docs.txt" | sed '/^$/d' | sed "s|.*|$vitext/&.md|")
fi

. "$root/scripts/scan-lib.sh"
scan_need_tools
[ -x "$nqx" ] || { echo "$0: $nqx not built (run make)" >&2; exit 2; }

# Markdown marks off, as a printed page has none
nomd() { sed -e 's/\*\*//g' -e 's/^#\{1,6\} *//' -e 's/\\\*/*/g' -e 's/^\*\([^*]*\)\*$/\1/'; }

if [ ! -f "$cache/done" ]; then
    rm -rf "$cache"
    mkdir -p "$cache/printed" "$cache/scanned" "$cache/img"
    for f in $sources; do
        id=$(basename "$f"); id=${id%.*}
        nomd < "$f" > "$cache/printed/$id.txt"
        # pages of about 3,000 bytes (some 450 words), cut at a line as
        # the paragraphs fall
        awk -v dir="$cache/img" -v id="$id" '
            BEGIN { pg = 1; n = 0 }
            { if (n > 3000 && $0 == "") { pg++; n = 0 }
              print > sprintf("%s/%s.p%03d", dir, id, pg); n += length($0) + 1 }
        ' "$cache/printed/$id.txt"
        : > "$cache/scanned/$id.txt"
        for p in "$cache/img/$id".p*; do
            # a page that cannot be printed (a line too long for an image)
            # is lost, as a page a scanner jams on
            scan_page "$p" "Liberation Serif 13" 480 "$scale" "$cache/scanned/$id.txt" ||
                echo "$0: $(basename "$p"): page not printed, left out" >&2
            rm -f "$p"
        done
    done
    touch "$cache/done"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nqx-scan-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/c/gold" "$tmp/pred"
cp "$gold"/*.jsonl "$tmp/c/gold/"
cp -r "$cache/printed" "$tmp/c/clean" # (eval scores its OCR part on it)
cp "$cache"/scanned/*.txt "$tmp/c/"
f1() { sed -n "s/^$1:.*strict P=[0-9.]* R=[0-9.]* F1=\([0-9.]*\).*/\1/p" | head -1; }
echo "| input | targets strict F1 | tasks strict F1 |"
echo "|---|---|---|"
for mode in ocr no-ocr; do
    opt=""
    [ $mode = no-ocr ] && opt=--no-ocr
    "$nqx" extract $opt "$tmp"/c/*.txt > "$tmp/pred.jsonl"
    ev=$("$nqx" eval --corpus "$tmp/c" --pred "$tmp/pred.jsonl" 2>/dev/null || true)
    printf '| %s scanned at %s%%, %s | %s | %s |\n' "$set" "$scale" \
        "$([ $mode = ocr ] && echo corrected || echo not corrected)" \
        "$(printf '%s\n' "$ev" | f1 targets)" "$(printf '%s\n' "$ev" | f1 tasks)"
done
for f in "$cache"/scanned/*.txt; do
    "$nqx" normalize "$f" > "$tmp/pred/$(basename "$f")" 2>/dev/null || cp "$f" "$tmp/pred/"
done
python3 "$scorer" "$cache/scanned" "$cache/printed" "$tmp/pred" > "$tmp/ocr"
printf '\ndiacritic errors of the scan: %s; ' \
    "$(sed -n 's/.*: errors=\([0-9]*\) .*/\1/p' "$tmp/ocr" | awk '{ n += $1 } END { print n }')"
tail -1 "$tmp/ocr"
