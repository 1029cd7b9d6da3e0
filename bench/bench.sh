#!/bin/sh
# make bench: throughput and peak memory of each stage on the unpacked
# textcorpus (../shared/textcorpus), medians of RUNS runs, beside the floor
# of reading the bytes (cat, iconv). Writes bench/results.md and the
# README's benchmark table (between the bench markers).
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
TC=${TC:-/tmp/vi-text}
TAR=../shared/textcorpus/vi-text.tar.xz
if [ ! -d "$TC" ]; then
    [ -f "$TAR" ] || { echo "bench: no $TC and no $TAR" >&2; exit 1; }
    tar -xJf "$TAR" -C "$(dirname "$TC")"
fi
LIST=build/bench-files.txt
find "$TC" -name '*.md' | sort > "$LIST"
NF=$(wc -l < "$LIST")
BYTES=$(xargs cat < "$LIST" | wc -c)
MB=$(echo "$BYTES / 1048576" | bc -l)

# median wall time (s) and max peak RSS (KB) of a command over RUNS runs
measure() {
    ts=""; rss=0; rm -f build/bench-j2.db*
    i=0
    while [ $i -lt "$RUNS" ]; do
        if ! /usr/bin/time -f '%e %M' -o build/bench-time.txt sh -c "$1" >/dev/null 2>build/bench-err.txt; then
            echo "fail 0"; return 0
        fi
        set -- "$1" "$(cat build/bench-time.txt | tail -1)"
        t=${2% *}; m=${2#* }
        ts="$ts $t"; [ "$m" -gt "$rss" ] && rss=$m
        i=$((i + 1))
    done
    med=$(echo $ts | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$med $rss"
}

row() { # name command
    r=$(measure "$2")
    t=${r% *}; m=${r#* }
    if [ "$t" = fail ]; then printf '| %s | failed: %s | | |\n' "$1" "$(head -c 80 build/bench-err.txt | tr '\n' ' ')"; return 0; fi
    mbs=$(echo "$MB / $t" | bc -l 2>/dev/null || echo 0)
    printf '| %s | %.2f | %.1f | %d |\n' "$1" "$t" "$mbs" "$((m / 1024))"
}

OUT=bench/results.md
{
echo "Corpus: $NF files, $(printf '%.1f' "$MB") MB ($TC); median of $RUNS runs; $(nproc) cores; $(date -u +%Y-%m-%d)."
echo
echo "| what | seconds | MB/s | peak RSS MB |"
echo "|---|---|---|---|"
row "floor: cat" "xargs cat < $LIST"
row "floor: iconv UTF-8 to UTF-16" "xargs cat < $LIST | iconv -f UTF-8 -t UTF-16"
row "nqx normalize --no-ocr" "xargs ./nqx normalize --no-ocr < $LIST"
row "nqx normalize (OCR model)" "xargs ./nqx normalize < $LIST"
row "nqx extract" "xargs ./nqx extract < $LIST"
row "nqx extract --no-ocr" "xargs ./nqx extract --no-ocr < $LIST"
rm -f build/bench.db*
row "nqx ingest (fresh store each run)" "rm -f build/bench.db*; xargs ./nqx ingest --db build/bench.db < $LIST"
row "nqx ingest --no-ocr (fresh store)" "rm -f build/bench.db*; xargs ./nqx ingest --no-ocr --db build/bench.db < $LIST"
# cost growth: the first 2,000 files 1x, 2x, 4x in one process (one run
# each): time should grow linearly and peak memory not at all
head -2000 "$LIST" > build/bench-list-0.txt
SMB=$(echo "$(xargs cat < build/bench-list-0.txt | wc -c) / 1048576" | bc -l)
for k in 1 2 4; do
    : > build/bench-list-$k.txt
    j=0; while [ $j -lt $k ]; do cat build/bench-list-0.txt >> build/bench-list-$k.txt; j=$((j + 1)); done
    r=$(RUNS=1 measure "xargs -s 2000000 ./nqx extract < build/bench-list-$k.txt")
    printf '| extract, 2,000 files x%d (%.0f MB) | %.2f | %.1f | %d |\n' "$k" "$(echo "$SMB * $k" | bc -l)" "${r% *}" "$(echo "$SMB * $k / ${r% *}" | bc -l)" "$((${r#* } / 1024))"
done
r=$(RUNS=1 measure "xargs ./nqx ingest -j 2 --db build/bench-j2.db < $LIST; rm -f build/bench-j2.db*")
printf '| nqx ingest -j 2 (all files, one run) | %.2f | %.1f | %d |\n' "${r% *}" "$(echo "$MB / ${r% *}" | bc -l)" "$((${r#* } / 1024))"
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
# Deadline finding beside python3-dateparser (Debian package) on the
# corpus's deadline phrases.
if ! /usr/bin/python3 -c 'import dateparser' 2>/dev/null && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-dateparser >/dev/null 2>&1 || true
fi
if /usr/bin/python3 -c 'import dateparser' 2>/dev/null; then
    { echo; echo "Deadline phrases of corpus/gold, nqx vs python3-dateparser (make bench-deadlines):"; echo;
      make -s bench-deadlines 2>/dev/null | grep -E '^(phrases|nqx|dateparser):' | sed 's/^/    /'; } >> "$OUT"
fi
cat "$OUT"
# README table between the markers
if grep -q '<!-- bench:start -->' README.md; then
    awk -v f="$OUT" '
        /<!-- bench:start -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
        /<!-- bench:end -->/ { skip = 0 }
        !skip { print }' README.md > README.md.tmp && mv README.md.tmp README.md
fi
