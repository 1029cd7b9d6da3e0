#!/usr/bin/python3
"""Deadline phrases: nqx against python3-dateparser.

usage: /usr/bin/python3 bench/dateparser.py --nqx build/deadline-bench CORPUS_DIR

The phrases come from the gold, not from nqx's grammar: for every gold
record (task or target) with a deadline, the anchor is found in
CORPUS_DIR/clean/<doc>.txt, and the phrase is the first line among the
anchor's own line, the lines of its item below it, and the headings above
it, that holds the gold value's key (its year, "hằng năm", "quý",
"thường xuyên", "khi ..."). Both tools read the same phrases.

nqx is right when it returns the gold value. dateparser
(search_dates(phrase, languages=['vi'])) returns dates, not this
vocabulary, so it is given every benefit: it is right when its first date
agrees with the gold value at the value's own precision (the year for
"2025", year and month for "2022-12", a month of the quarter for
"2023-Q2", the first year for "2023/2025"). Recurrences, "ongoing" and
"conditional" have no date form: dateparser cannot be right there, so the
accuracy is also printed over the phrases with a date form only.

Run by `make bench-deadlines`; needs python3-dateparser (Debian), hence
/usr/bin/python3.
"""
import json
import re
import subprocess
import sys
import time
import unicodedata
import warnings
from pathlib import Path


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("đ", "d").replace("Đ", "D").lower()
    s = re.sub(r"[*_#\\]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


LABEL = re.compile(r"^\W*(?:[IVX]+\s*[.\-–]|\d+(?:\.\d+)*\.?\s|\(\d+\)|[a-zđ]\))")


def keys(value):
    """Folded words one of which the phrase must hold for value."""
    if value == "R/P1Y":
        return ["hang nam", "thuong nien", "moi nam"]
    if value == "R/P3M":
        return ["hang quy", "moi quy"]
    if value == "R/P1M":
        return ["hang thang", "moi thang"]
    m = re.match(r"R/P(\d+)M$", value)
    if m:
        return [f"{int(m.group(1))} thang", f"{int(m.group(1)):02d} thang"]
    if value == "ongoing":
        return ["thuong xuyen", "tu ngay", "tu nam"]
    if value == "conditional":
        return ["khi "]
    m = re.match(r"(\d{4})/(\d{4})$", value)
    if m:
        return [m.group(1)]
    m = re.match(r"(\d{4})", value)
    return [m.group(1)] if m else []


def find_phrase(lines, folded, anchor, occurrence, value):
    a = fold(anchor)
    hits = [i for i, l in enumerate(folded) if a in l]
    if len(hits) < occurrence:
        return None
    i = hits[occurrence - 1]
    ks = keys(value)
    cands = [i]
    j = i + 1  # the item's own lines below it (labels such as "Thời gian")
    while j < len(lines) and j < i + 14 and not LABEL.match(lines[j]):
        cands.append(j)
        j += 1
    for j in range(i - 1, -1, -1):  # headings above
        if LABEL.match(lines[j]) and len(lines[j]) < 200:
            cands.append(j)
    for j in cands:
        if lines[j].lstrip()[:1] in "¹²³⁴⁵⁶⁷⁸⁹⁰" and lines[j].strip():
            continue  # a footnote body sets no time for the item
        if any(k in folded[j] for k in ks):
            line = lines[j].strip()
            if len(line) > 300:  # a window around the key
                pos = max(folded[j].find(k) for k in ks)
                line = line[max(0, pos - 150): pos + 150]
            return line
    return None


def dated(value):
    return not value.startswith("R/") and value not in ("ongoing", "conditional")


def dateparser_right(found, value):
    if not found or not dated(value):
        return False
    d = found[0][1]
    m = re.match(r"(\d{4})-Q(\d)$", value)
    if m:
        return d.year == int(m.group(1)) and (d.month - 1) // 3 + 1 == int(m.group(2))
    m = re.match(r"(\d{4})/(\d{4})$", value)
    if m:
        return d.year == int(m.group(1))
    parts = [int(x) for x in value.split("-")]
    got = [d.year, d.month, d.day][: len(parts)]
    return got == parts


def main(argv):
    if len(argv) < 3 or argv[0] != "--nqx":
        sys.exit(__doc__)
    nqx_bin, corpus = argv[1], Path(argv[2])
    phrases, want = [], []
    for gold in sorted((corpus / "gold").glob("*.jsonl")):
        clean = corpus / "clean" / (gold.stem + ".txt")
        lines = clean.read_text(encoding="utf-8").split("\n")
        folded = [fold(l) for l in lines]
        for line in gold.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            g = json.loads(line)
            if not g.get("deadline"):
                continue
            p = find_phrase(lines, folded, g["anchor"], g.get("occurrence", 1), g["deadline"])
            if p:
                phrases.append(p)
                want.append(g["deadline"])
    phrases_in = "".join(p.replace("\n", " ") + "\n" for p in phrases)

    run = subprocess.run([nqx_bin, "50"], input=phrases_in, capture_output=True,
                         text=True, check=True)
    got_nqx = run.stdout.split("\n")[: len(phrases)]
    nqx_time = run.stderr.strip()
    nqx_ok = sum(1 for g, w in zip(got_nqx, want) if g == w)

    # this file is named dateparser.py: keep its folder off the path
    here = Path(__file__).resolve().parent
    sys.path[:] = [d for d in sys.path if Path(d or ".").resolve() != here]
    sys.modules.pop("dateparser", None)
    warnings.filterwarnings("ignore")  # pytz deprecation notes from dateparser
    from dateparser.search import search_dates
    search_dates("đến năm 2025", languages=["vi"])  # load its tables first
    t0 = time.perf_counter()
    found = [search_dates(p, languages=["vi"]) for p in phrases]
    dp_ms = (time.perf_counter() - t0) * 1e3 / max(1, len(phrases))
    dp_ok = sum(1 for f, w in zip(found, want) if dateparser_right(f, w))
    pct = sum(1 for f in found if f and any("%" in s for s, _ in f))

    n = len(phrases)
    nd = sum(1 for w in want if dated(w))
    nqx_dok = sum(1 for g, w in zip(got_nqx, want) if g == w and dated(w))
    print(f"phrases: {n} (gold records with a deadline whose phrase was located;"
          f" {nd} with a date form, {n - nd} recurrences/ongoing/conditional)")
    print(f"nqx:        all {nqx_ok}/{n} = {nqx_ok / n:.3f}   dated {nqx_dok}/{nd} = "
          f"{nqx_dok / max(1, nd):.3f}   ({nqx_time})")
    print(f"dateparser: all {dp_ok}/{n} = {dp_ok / n:.3f}   dated {dp_ok}/{nd} = "
          f"{dp_ok / max(1, nd):.3f}   ({dp_ms:.4f} ms per phrase;"
          f" read a percentage as a date in {pct} phrases)")
    if "--show" in argv:
        for p, w, g, f in zip(phrases, want, got_nqx, found):
            if g != w or not dateparser_right(f, w):
                fd = f[0] if f else None
                print(f"want {w!r} nqx {g!r} dateparser {fd!r} :: {p[:120]}")


if __name__ == "__main__":
    main(sys.argv[1:])
