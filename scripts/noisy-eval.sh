#!/bin/sh
# Extraction on OCR-like text: the hand-corrected corpus (corpus/clean)
# with diacritic noise injected by build/ocr-eval, scored against
# corpus/gold, with the OCR corrector and without it. The noise is drawn
# with several seeds and the scores averaged, so that a change is not
# judged on one draw. Two kinds of noise (tools/ocr_eval.c):
#   random:  2% of syllables get one confusion (tone lost, swapped, ...)
#   scanner: each stacked tone misread with probability 0.3, always the
#            same way in a document, plus 0.5% random noise
#   any:     2% of syllables get any confusion, also into no syllable
#            ("thưc"), as a naive injector makes
#   strip:   2% of words lose all their marks ("người" -> "nguoi")
# usage: scripts/noisy-eval.sh [SEEDS]   (default "1 2 3 4 5")
set -eu
cd "$(dirname "$0")/.."
seeds=${1:-1 2 3 4 5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x build/ocr-eval ] || make -s build/ocr-eval >/dev/null
f1() { sed -n "s/^$1:.*strict P=[0-9.]* R=[0-9.]* F1=\([0-9.]*\).*/\1/p" | head -1; }
echo "| noise | OCR corrector | targets strict F1 | tasks strict F1 |"
echo "|---|---|---|---|"
for kind in none random scanner any strip; do
    for ocr in on off; do
        tsum=0; ksum=0; n=0
        for seed in $seeds; do
            mkdir -p "$tmp/$seed-$kind"
            case $kind in
            none) cp corpus/clean/*.txt "$tmp/$seed-$kind/" ;;
            random) build/ocr-eval --rate 0.02 --seed "$seed" \
                        --noisy "$tmp/$seed-$kind" corpus/clean/*.txt >/dev/null ;;
            scanner) build/ocr-eval --rate 0.005 --scanner 0.3 --seed "$seed" \
                         --noisy "$tmp/$seed-$kind" corpus/clean/*.txt >/dev/null ;;
            any | strip) build/ocr-eval --$kind --rate 0.02 --seed "$seed" \
                         --noisy "$tmp/$seed-$kind" corpus/clean/*.txt >/dev/null ;;
            esac
            if [ $ocr = on ]; then
                ./nqx extract "$tmp/$seed-$kind"/*.txt > "$tmp/pred.jsonl"
            else
                ./nqx extract --no-ocr "$tmp/$seed-$kind"/*.txt > "$tmp/pred.jsonl"
            fi
            ev=$(./nqx eval --pred "$tmp/pred.jsonl" 2>/dev/null || true)
            t=$(printf '%s\n' "$ev" | f1 targets)
            k=$(printf '%s\n' "$ev" | f1 tasks)
            tsum=$(awk "BEGIN{print $tsum + $t}"); ksum=$(awk "BEGIN{print $ksum + $k}")
            n=$((n + 1))
            [ $kind = none ] && break # no noise: one run is enough
        done
        awk -v k=$kind -v o=$ocr -v t="$tsum" -v s="$ksum" -v n=$n \
            'BEGIN { printf "| %s | %s | %.3f | %.3f |\n", k, o, t / n, s / n }'
    done
done
