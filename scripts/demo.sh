#!/bin/sh
# make demo: run the pipeline on corpus/ and show what it found.
set -e
cd "$(dirname "$0")/.."
echo "== nqx extract corpus/*.txt: obligations found per document"
./nqx extract corpus/*.txt > build/demo.jsonl
for f in corpus/*.txt; do
    id=$(basename "$f" .txt)
    t=$(grep -c "\"doc\": \"$id\", \"kind\": \"target\"" build/demo.jsonl || true)
    k=$(grep -c "\"doc\": \"$id\", \"kind\": \"task\"" build/demo.jsonl || true)
    printf '  %-26s targets=%-4s tasks=%s\n' "$id" "$t" "$k"
done
if ./nqx ingest --db demo.db corpus >/dev/null 2>&1; then
    echo "== stored in demo.db; targets compared across documents:"
    ./nqx compare --db demo.db --metric "cán bộ nữ" || true
    echo "== tasks by due date:"
    ./nqx tasks --db demo.db --due-before 2100-01-01 | head -30 || true
else
    echo "== (the SQLite store is not built yet: nqx ingest is issue 6)"
fi
