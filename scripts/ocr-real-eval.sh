#!/bin/sh
# OCR correction measured on real OCR output (make ocr-real-eval).
#
# Injected noise (make ocr-eval) only makes the confusions we thought of.
# Here the errors come from a real OCR engine: textcorpus documents the
# model never saw ($VITEXT/f*.md) are printed to page images (pango-view,
# a Times-like serif at 200 dpi), scanned down (ImageMagick: grey, scaled
# to SCALE, blurred, speckled) and read back by Tesseract with its
# Vietnamese data. The page text is the answer key; ocr_score.py counts
# the words the OCR engine got right but for their marks (errors), how many
# of them nqx fixes, and how many right words it breaks.
#
# usage: scripts/ocr-real-eval.sh [--show] [NDOCS [SCALE]]   (defaults 40, 50%)
#   --show: list every miss and break (ocr_score.py --show)
# The pages and OCR output are cached in $OCR_REAL_DIR (Tesseract takes
# about 2 s a page); only normalizing and scoring run again.
# Needs: tesseract-ocr tesseract-ocr-vie pango1.0-tools imagemagick
# fonts-liberation2 (Debian), python3.
set -eu

show=""
if [ "${1:-}" = --show ]; then show=--show; shift; fi
ndocs=${1:-40}
scale=${2:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
nqx=${NQX:-$root/nqx}
vitext=${VITEXT:-/tmp/vi-text}
scorer=${NQX_OCR_SCORER:-/work/shared/eval/ocr_score.py}
cache=${OCR_REAL_DIR:-/tmp/nqx-ocr-real}/$ndocs-$scale

. "$root/scripts/scan-lib.sh"
scan_need_tools
[ -x "$nqx" ] || { echo "$0: $nqx not built (run make)" >&2; exit 2; }
[ -d "$vitext" ] || { echo "$0: $vitext missing (make /tmp/vi-text)" >&2; exit 2; }

if [ ! -f "$cache/done" ]; then
    rm -rf "$cache"
    mkdir -p "$cache/clean" "$cache/raw" "$cache/img"
    n=0
    # the first documents (by name) of 3 KB or more: each gives its first
    # 4,500 bytes, cut at a line, as two pages
    for f in $(ls "$vitext"/f*.md | sort); do
        [ $n -lt "$ndocs" ] || break
        [ "$(wc -c < "$f")" -ge 3000 ] || continue
        id=$(basename "$f" .md)
        "$nqx" normalize --no-ocr "$f" 2>/dev/null | head -c 4500 |
            sed '$d' | fold -s -w 95 > "$cache/clean/$id.txt" || continue
        [ -s "$cache/clean/$id.txt" ] || continue
        : > "$cache/raw/$id.txt"
        split -l 45 -d "$cache/clean/$id.txt" "$cache/img/$id.p"
        for p in "$cache/img/$id".p*; do
            scan_page "$p" "Liberation Serif 12" 1500 "$scale" "$cache/raw/$id.txt" ||
                echo "$0: $(basename "$p"): page not printed, left out" >&2
            rm -f "$p"
        done
        n=$((n + 1))
    done
    echo "$n" > "$cache/done"
fi

pred=$(mktemp -d "${TMPDIR:-/tmp}/nqx-ocr-real.XXXXXX")
trap 'rm -rf "$pred"' EXIT
for f in "$cache"/raw/*.txt; do
    "$nqx" normalize "$f" > "$pred/$(basename "$f")" 2>/dev/null || cp "$f" "$pred/"
done
echo "real OCR (Tesseract, vie) of $(cat "$cache/done") unseen documents, pages scanned at $scale%:"
python3 "$scorer" "$cache/raw" "$cache/clean" "$pred" $show > "$pred/score"
if [ -n "$show" ]; then cat "$pred/score"; fi
# the total of diacritic errors the OCR made, then the scorer's last line
sed -n 's/.*: errors=\([0-9]*\) .*/\1/p' "$pred/score" |
    awk '{ n += $1 } END { printf "errors=%d ", n }'
tail -1 "$pred/score"
