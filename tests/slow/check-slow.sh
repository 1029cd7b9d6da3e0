#!/bin/bash
# check-slow.sh: huge inputs through nqx normalize, extract and ingest
# (make check-slow). Each run must end with a result (exit 0) or one
# clear error line naming the input (exit 1), under a hang guard, and
# within a peak-memory bound measured with /usr/bin/time -f %M. Prints
# the measured time and peak of every run. bash, not sh: dash mangles
# some UTF-8 bytes in strings.
#
#   NQX_BIN      the binary (default ./nqx)
#   SLOW_GUARD   seconds before a run counts as hung (default 900)
set -u
NQX=${NQX_BIN:-./nqx}
case $NQX in /*) ;; *) NQX=$PWD/$NQX ;; esac  # (the runs cd elsewhere)
GUARD=${SLOW_GUARD:-900}
T=$(mktemp -d /tmp/nqx-slow-XXXXXX) || exit 2
trap 'rm -rf "$T"' EXIT
fails=0

# run NAME BOUND_MB EXPECT INPUT ARGS...: run nqx ARGS, check its exit
# (EXPECT: ok = 0 and output; refused = 1 and one stderr line naming
# INPUT) and its peak memory against BOUND_MB.
run() {
    local name=$1 bound=$2 expect=$3 input=$4 rc secs kb mb
    shift 4
    /usr/bin/time -f '%e %M' -o "$T/time" timeout "$GUARD" "$NQX" "$@" \
        > "$T/out" 2> "$T/err"
    rc=$?
    read -r secs kb < <(tail -n 1 "$T/time")
    mb=$((kb / 1024))
    printf '%-44s exit %d  %7.1f s  peak %5d MB (bound %d MB)\n' \
        "$name" "$rc" "$secs" "$mb" "$bound"
    if [ "$rc" -eq 124 ]; then
        echo "  FAIL: still running after ${GUARD} s"; fails=$((fails + 1))
        return
    fi
    if [ "$expect" = ok ]; then
        if [ "$rc" -ne 0 ] || [ ! -s "$T/out" ]; then
            echo "  FAIL: expected exit 0 and a result"; head -c 300 "$T/err"
            fails=$((fails + 1))
        fi
    else
        if [ "$rc" -ne 1 ] || [ "$(wc -l < "$T/err")" -ne 1 ] ||
           ! grep -q "^nqx: $input: " "$T/err"; then
            echo "  FAIL: expected exit 1 and one line naming $input"
            head -c 300 "$T/err"; fails=$((fails + 1))
        else
            echo "  $(cat "$T/err")"
        fi
    fi
    if [ "$kb" -gt $((bound * 1024)) ]; then
        echo "  FAIL: peak ${mb} MB over the bound of ${bound} MB"
        fails=$((fails + 1))
    fi
}

cd "$T" || exit 2
S='Sở Nội vụ chủ trì, phối hợp với Sở Tài chính phấn đấu đến năm 2025 có 50% xã đạt chuẩn nông thôn mới; '
L=$(printf %s "$S" | wc -c)

# 1 GB of plan text, 100 bytes a line: over the 256 MB input limit, so
# refused before it is read (memory stays that of an empty run).
yes "${S%; }." | head -c 1073741824 > big.txt
run "1 GB file: normalize" 64 refused big.txt normalize big.txt
run "1 GB file: extract" 64 refused big.txt extract big.txt
run "1 GB file: ingest" 64 refused big.txt ingest --db s.db big.txt
rm -f big.txt s.db s.db-wal s.db-shm

# one 100 MB line of whole sentences (no newline at all). The bounds:
# the normalizer holds the input, its NFC form and the layout output
# (about 3 bytes per input byte, 0.3 GB here); the OCR corrector adds
# little, as it decodes 1 MB at a time (it took 1.6 GB before it did);
# the extractor's records and outline add about 0.4 GB, the store 0.2 GB.
yes "$S" | head -n $((100000000 / L)) | tr -d '\n' > line.txt
run "100 MB line: normalize --no-ocr" 512 ok line.txt normalize --no-ocr line.txt
run "100 MB line: normalize" 512 ok line.txt normalize line.txt
run "100 MB line: extract" 1024 ok line.txt extract line.txt
grep -c '"kind": "target"' "$T/out" | sed 's/^/  targets extracted: /'
run "100 MB line: ingest" 1280 ok line.txt ingest --db s.db line.txt
cat "$T/out" | sed 's/^/  /'

if [ "$fails" -ne 0 ]; then
    echo "check-slow: $fails failure(s)"
    exit 1
fi
echo "check-slow: all runs ended in bounded time and memory"
