#!/bin/sh
# make demo: ingest corpus/ into a fresh demo.db and show what the store
# answers. Everything printed comes from the store: as extraction improves,
# the tables fill up; nothing here is made up.
set -e
cd "$(dirname "$0")/.."
rm -f demo.db demo.db-wal demo.db-shm
echo "== nqx ingest --db demo.db corpus/*.txt"
./nqx ingest --db demo.db corpus/*.txt
echo
echo "== what the store holds per document"
./nqx sql --db demo.db "
SELECT d.name AS doc, coalesce(d.kind, '') AS kind,
       coalesce(d.locality, '') AS locality, d.text_bytes AS bytes,
       (SELECT count(*) FROM targets t WHERE t.doc_id = d.id) AS targets,
       (SELECT count(*) FROM tasks k WHERE k.doc_id = d.id) AS tasks,
       (SELECT count(*) FROM corrections c WHERE c.doc_id = d.id) AS ocr_fixes
FROM current_documents d ORDER BY d.name"
echo
echo "== one metric across documents: nqx compare --metric 'cán bộ nữ'"
./nqx compare --db demo.db --metric "cán bộ nữ"
echo
echo "== the same by due year: nqx compare --metric 'cán bộ' --by year"
./nqx compare --db demo.db --metric "cán bộ" --by year | head -23
echo
echo "== tasks by due date: nqx tasks --due-before 2031-01-01 (first 20)"
./nqx tasks --db demo.db --due-before 2031-01-01 | head -23
echo
echo "== full-text search, diacritics ignored: nqx search 'phan dau' (first 8)"
./nqx search --db demo.db phan dau | head -11
