# scan-lib.sh: what scripts/ocr-real-eval.sh and scripts/scan-eval.sh share
# (sourced, not run): the tools a scan needs, and one page printed,
# scanned down and read back by Tesseract.

# Exits 2 with the packages to install when a tool or Tesseract's
# Vietnamese data is missing.
scan_need_tools() {
    for t in tesseract pango-view convert python3; do
        command -v $t >/dev/null 2>&1 || {
            echo "$0: $t not found (apt-get install tesseract-ocr tesseract-ocr-vie pango1.0-tools imagemagick fonts-liberation2)" >&2
            exit 2
        }
    done
    tesseract --list-langs 2>/dev/null | grep -qx vie || {
        echo "$0: Tesseract has no Vietnamese data (apt-get install tesseract-ocr-vie)" >&2
        exit 2
    }
}

# scan_page TEXT FONT WIDTH SCALE OUT: prints the text file TEXT at 200 dpi
# (pango-view, FONT, WIDTH points), greys it, scales it to SCALE percent,
# blurs and speckles it (ImageMagick; a fixed seed, so that a page scans
# the same each run), and appends what Tesseract (vie)
# reads to OUT. Returns 1, OUT untouched, when the page cannot be printed
# (a line too long for an image). Removes its images.
scan_page() {
    if pango-view --font="$2" --dpi=200 --width="$3" --margin=60 -q \
        -o "$1.png" "$1" 2>/dev/null &&
        convert "$1.png" -seed 1 -colorspace Gray -resize "$4%" -blur 0x0.5 \
            -attenuate 0.3 +noise Gaussian "$1.scan.png" 2>/dev/null; then
        tesseract "$1.scan.png" - -l vie 2>/dev/null >> "$5"
        rm -f "$1.png" "$1.scan.png"
        return 0
    fi
    rm -f "$1.png" "$1.scan.png"
    return 1
}
