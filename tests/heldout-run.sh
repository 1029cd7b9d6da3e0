#!/bin/sh
# Score nqx on one held-out set (tests/heldout*/README.md).
#
# usage: tests/heldout-run.sh SETDIR [--show-misses] [--keep]
#   (each set's run.sh calls this with its own folder)
#   run from the repository root after `make`.
#
# The texts are never committed: they are taken from /tmp/vi-text (the
# unpacked textcorpus) or, if that is absent, unpacked from
# /work/shared/textcorpus/vi-text.tar.xz into a temp dir (only the listed
# files).  nqx extracts them; the predictions are scored against
# SETDIR/gold with score.py when present, else with `nqx eval`.
set -eu

here=$(cd "$1" && pwd)
shift
root=$(cd "$here/../.." && pwd)
nqx=${NQX:-$root/nqx}
tarball=${VI_TEXT_TAR:-/work/shared/textcorpus/vi-text.tar.xz}
src=${VI_TEXT_DIR:-/tmp/vi-text}
scorer=${NQX_SCORER:-/work/shared/eval/score.py}

show=""
keep=0
for a in "$@"; do
    case $a in
    --show-misses) show=--show-misses ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--show-misses] [--keep]" >&2; exit 2 ;;
    esac
done

[ -x "$nqx" ] || { echo "$0: $nqx not built (run make)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nqx-$(basename "$here").XXXXXX")
if [ $keep -eq 0 ]; then trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/texts" "$work/corpus/gold"

docs=$(grep -v '^#' "$here/docs.txt" | sed '/^$/d')

if [ ! -d "$src" ]; then
    [ -f "$tarball" ] || { echo "$0: neither $src nor $tarball" >&2; exit 2; }
    members=""
    for d in $docs; do members="$members vi-text/$d.md"; done
    # shellcheck disable=SC2086
    tar -xJf "$tarball" -C "$work" $members
    src=$work/vi-text
fi

for d in $docs; do
    [ -f "$src/$d.md" ] || { echo "$0: missing $src/$d.md" >&2; exit 2; }
    ln -s "$src/$d.md" "$work/texts/$d.md"
    # nqx eval wants DIR/<doc>.txt next to DIR/gold
    ln -s "$src/$d.md" "$work/corpus/$d.txt"
    cp "$here/gold/$d.jsonl" "$work/corpus/gold/"
done

# one document at a time, so that a rejected document is named and the
# others are still scored
: > "$work/pred.jsonl"
for d in $docs; do
    if ! "$nqx" extract "$work/texts/$d.md" >> "$work/pred.jsonl" 2> "$work/err"; then
        echo "nqx extract failed on $d: $(head -c 300 "$work/err")" >&2
    fi
done
echo "predictions: $(wc -l < "$work/pred.jsonl") records" >&2

if [ -f "$scorer" ]; then
    python3 "$scorer" "$here/gold" "$work/pred.jsonl" $show
else
    # nqx eval also scores OCR against DIR/clean: give it nqx's own text,
    # so that part is void and only the extraction numbers matter
    mkdir -p "$work/corpus/clean"
    for d in $docs; do
        "$nqx" normalize "$work/texts/$d.md" > "$work/corpus/clean/$d.txt" || true
    done
    "$nqx" eval --corpus "$work/corpus" --pred "$work/pred.jsonl" $show || true
fi
if [ $keep -eq 1 ]; then echo "kept $work" >&2; fi
