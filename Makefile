# nqx: one Makefile builds the library, the command, the tests and the docs.
# Quick start: `make demo`, `make check`. See README.md for every target.

CC ?= cc
AR ?= ar
prefix ?= /usr/local
DESTDIR ?=
bindir = $(prefix)/bin
datadir = $(prefix)/share/nqx
mandir = $(prefix)/share/man/man1

PKGS = libpcre2-8 libutf8proc sqlite3 libxml-2.0
# Lazy (=) so that they are read after build/.deps has installed packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm
CRIT_CFLAGS = $(shell pkg-config --cflags criterion)
CRIT_LIBS = $(shell pkg-config --libs criterion)

OPT ?= -O2 -g
WARN = -Wall -Wextra -Werror -pedantic -Wshadow
CFLAGS ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
  -Iinclude -DNQX_SRCDIR='"$(CURDIR)"' -DNQX_DATADIR='"$(datadir)"' \
  $(PKG_CFLAGS) $(CFLAGS) $(SANFLAGS)
LDFLAGS ?=
B ?= build

LIB_SRC = $(wildcard core/*.c normalizer/*.c extractor/*.c loader/*.c eval/*.c)
CLI_SRC = $(wildcard cli/*.c)
TEST_SRC = $(wildcard tests/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(B)/%.o)
HDRS = include/nqx.h $(wildcard */*.h)

.DELETE_ON_ERROR:
.PHONY: all deps check check-grammars check-slow asan ubsan valgrind demo accuracy layout-eval \
  bench install uninstall clean model fuzz noisy-eval ocr-real-eval scan-eval

all: nqx

# Installs missing Debian packages (once per build folder) before building.
$(B)/.deps: scripts/install-deps.sh
	@sh scripts/install-deps.sh
	@mkdir -p $(B) && touch $@

deps: $(B)/.deps

$(B)/%.o: %.c $(HDRS) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libnqx.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

nqx: $(CLI_OBJ) $(B)/libnqx.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libnqx.a $(PKG_LIBS)

$(B)/tests/%.o: tests/%.c $(HDRS) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CRIT_CFLAGS) -c $< -o $@

$(B)/test-nqx: $(TEST_OBJ) $(B)/libnqx.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJ) $(B)/libnqx.a $(PKG_LIBS) $(CRIT_LIBS)

# make check: grammars first (they are data the tests rely on), then tests.
check: nqx $(B)/test-nqx
	./nqx check-grammars
	$(B)/test-nqx --jobs 2 $(TEST_ARGS)

check-grammars: nqx
	./nqx check-grammars

# Sanitizer builds keep their objects apart so they never mix with -O2 ones.
asan:
	$(MAKE) B=build/asan OPT='-O1 -g -fno-omit-frame-pointer' \
	  SANFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=undefined' \
	  build/asan/test-nqx nqx-asan
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  build/asan/test-nqx --jobs 2 $(TEST_ARGS)

ubsan: asan

nqx-asan: $(CLI_OBJ) $(B)/libnqx.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $(B)/nqx $(CLI_OBJ) $(B)/libnqx.a $(PKG_LIBS)

# make valgrind: the whole suite under memcheck. Criterion runs each test
# in a child process and tests run ./nqx through sh, so children are
# traced (sh too, or the nqx it starts would run natively); the other tools
# the tests call run natively. One log per process in $(B)/valgrind/; the
# target fails when any process reports an error or a definite leak.
# tests/valgrind.supp says what is suppressed and why. Left out: the 20 MB
# line of test_hostile (over its suite's 60 s timeout at valgrind's speed;
# make asan and make check-slow cover it). test_faults uses 120 documents (fewer let a whole batch land in one commit before a kill).
VG_SKIP = */rm,*/mkdir,*/mkfifo,*/timeout,*/tar,*/xz,*/cat,*/sleep,*/python3*
VG_FILTER = !(hostile/twenty_megabyte_single_line)
valgrind: nqx $(B)/test-nqx
	rm -rf $(B)/valgrind && mkdir -p $(B)/valgrind
	-NQX_FAULT_DOCS=120 valgrind --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=definite --trace-children=yes \
	  --trace-children-skip='$(VG_SKIP)' \
	  --suppressions=$(CURDIR)/tests/valgrind.supp \
	  --log-file=$(CURDIR)/$(B)/valgrind/%p.log \
	  $(B)/test-nqx --jobs 1 --filter '$(VG_FILTER)' $(TEST_ARGS) \
	  > $(B)/valgrind/suite.txt 2>&1; echo $$? > $(B)/valgrind/status
	@tail -n 1 $(B)/valgrind/suite.txt
	@n=$$(ls $(B)/valgrind/*.log | wc -l); \
	bad=$$(grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]' \
	  $(B)/valgrind/*.log); \
	echo "valgrind: $$n processes checked, $$(echo $$bad | wc -w) with errors"; \
	for f in $$bad; do grep -m1 'Command:' $$f; \
	  grep -E 'ERROR SUMMARY|definitely lost' $$f; done; \
	[ -z "$$bad" ] && [ "$$(cat $(B)/valgrind/status)" = 0 ]

demo: nqx
	sh scripts/demo.sh

install: nqx
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(mandir) $(DESTDIR)$(datadir)/grammars
	install -m 755 nqx $(DESTDIR)$(bindir)/nqx
	install -m 644 man/nqx.1 $(DESTDIR)$(mandir)/nqx.1
	install -m 644 grammars/*.pcre $(DESTDIR)$(datadir)/grammars/
	if [ -f models/vi.model ]; then install -m 644 models/vi.model $(DESTDIR)$(datadir)/; fi

uninstall:
	rm -f $(DESTDIR)$(bindir)/nqx $(DESTDIR)$(mandir)/nqx.1
	rm -rf $(DESTDIR)$(datadir)

clean:
	rm -rf build nqx demo.db demo.db-wal demo.db-shm

# Owned by later work (see README): each prints what it measured.
model: nqx | $(VITEXT)
	@mkdir -p models
	./nqx model train -o models/vi.model $(MODEL_FLAGS) $(VITEXT)/[0-9a-e]*.md

bench: nqx
	sh bench/bench.sh

# libFuzzer targets (clang); FUZZ_SECONDS each. Crashes land in fuzz/ as
# crash-* files: turn each into a regression test in tests/test_hostile.c.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = normalize extract grammar
fuzz:
	$(MAKE) B=build/fuzz CC=clang OPT='-O1 -g' \
	  SANFLAGS='-fsanitize=fuzzer-no-link,address,undefined' build/fuzz/libnqx.a
	@for t in $(FUZZ_TARGETS); do \
	  clang -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -O1 -g \
	    -fsanitize=fuzzer,address,undefined fuzz/fuzz_$$t.c build/fuzz/libnqx.a \
	    $(PKG_LIBS) -o build/fuzz/fuzz_$$t || exit 1; \
	  mkdir -p build/fuzz/corpus-$$t; \
	  if [ $$t != grammar ]; then cp corpus/*.txt build/fuzz/corpus-$$t/ 2>/dev/null; \
	  else cp grammars/*.pcre build/fuzz/corpus-$$t/; fi; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=fuzz/ \
	    build/fuzz/corpus-$$t > build/fuzz/$$t.log 2>&1; rc=$$?; \
	  grep -E '^(#[0-9]+ +DONE|SUMMARY|Done)' build/fuzz/$$t.log; \
	  [ $$rc = 0 ] || { echo "fuzz_$$t found a crash: see build/fuzz/$$t.log and fuzz/crash-*"; exit 1; }; \
	done

# make check-slow: make check, then huge inputs (tests/slow/check-slow.sh:
# a 1 GB file and a 100 MB line through normalize, extract and ingest;
# prints the time and peak memory of each run and checks their bounds).
check-slow: check
	NQX_BIN=./nqx bash tests/slow/check-slow.sh

# Deadline phrases: nqx against python3-dateparser on the corpus gold's
# deadline phrases (bench/dateparser.py prints accuracy and time of both).
$(B)/deadline-bench: bench/deadline_bench.c $(B)/libnqx.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/deadline_bench.c $(B)/libnqx.a $(PKG_LIBS)

.PHONY: bench-deadlines
bench-deadlines: $(B)/deadline-bench
	/usr/bin/python3 bench/dateparser.py --nqx $(B)/deadline-bench corpus

# The OCR model (`make model` above): syllable n-gram counts over the
# textcorpus (unpacked to /tmp once). Not corpus/clean (the answer key),
# and not the raw corpus/*.txt either: their repeated OCR errors ("Phần
# đầu tỷ lệ" 3 times) become trigrams that vouch for the errors. The
# $(VITEXT)/f*.md files are left out so that `make ocr-eval` measures on
# documents the model has not seen.
VITEXT ?= /tmp/vi-text
TEXTCORPUS ?= /work/shared/textcorpus/vi-text.tar.xz
MODEL_FLAGS ?=

$(VITEXT):
	tar -xJf $(TEXTCORPUS) -C $(dir $(VITEXT))

$(B)/ocr-eval: tools/ocr_eval.c $(B)/libnqx.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tools/ocr_eval.c $(B)/libnqx.a $(PKG_LIBS)

# Injected diacritic noise on the 828 documents the model was not trained
# on: random confusions, then a scanner that misreads stacked tones the same
# way all through a document, then naive noise (any confusion, all marks
# lost), then clean text. Recall, precision and MB/s of the corrector.
ocr-eval: $(B)/ocr-eval | $(VITEXT)
	@echo "random noise, 2% of syllables:"
	$(B)/ocr-eval --rate 0.02 --seed 7 $(VITEXT)/f*.md
	@echo "a scanner with a habit (stacked tones, 0.3) and 0.5% random noise:"
	$(B)/ocr-eval --rate 0.005 --scanner 0.3 --seed 7 $(VITEXT)/f*.md
	@echo "random noise, 2%, also into no syllable the model knows ('thưc'):"
	$(B)/ocr-eval --any --rate 0.02 --seed 7 $(VITEXT)/f*.md
	@echo "2% of words with all their marks lost ('người' -> 'nguoi'):"
	$(B)/ocr-eval --strip --rate 0.02 --seed 7 $(VITEXT)/f*.md
	@echo "clean text (no noise: every edit breaks a word or fixes a typo of the source):"
	$(B)/ocr-eval --rate 0 $(VITEXT)/f*.md

# Real OCR errors: unseen textcorpus pages printed, scanned down and read
# by Tesseract (scripts/ocr-real-eval.sh; needs tesseract-ocr-vie,
# pango1.0-tools, imagemagick; pages cached in /tmp/nqx-ocr-real).
ocr-real-eval: nqx | $(VITEXT)
	sh scripts/ocr-real-eval.sh 40 50

# Extraction from scanned pages: corpus/clean printed, scanned down and
# read by Tesseract, scored against corpus/gold (scripts/scan-eval.sh;
# the same packages; pages cached in /tmp/nqx-scan-eval).
scan-eval: nqx
	sh scripts/scan-eval.sh 50

# Extraction on the hand-corrected corpus with injected OCR noise, with
# and without the corrector (scripts/noisy-eval.sh).
noisy-eval: nqx $(B)/ocr-eval
	sh scripts/noisy-eval.sh

# Extraction on the corpus laid out other ways (no Markdown, wrapped at a
# width, one paragraph per line, other points, CRLF), against corpus/gold.
layout-eval: nqx
	sh scripts/layout-eval.sh

# Measure accuracy (corpus, held-out, OCR) and rewrite the README's table.
accuracy: nqx
	sh scripts/accuracy.sh
