"""Precision / recall of db.refs.extract_refs on a small hand-labelled corpus.

Run: python bench/refs_quality.py [--verbose]

bench/refs_corpus/NAME.md is a text, NAME.labels.json the references a careful
reader would register from it: [{"number": canonical, "date": "YYYY-MM-DD" | null}].
01 is the real sample report (shared/sample-report-2020.md); 02–07 were written
for this benchmark from the patterns in shared/domain.md — constructed, not
collected — so the scores measure the patterns we know about, not real-world
coverage. 07 holds variants the extractor is known to miss.

(a) "number": a hit is a found canonical number that is labelled (compared by key).
(b) "number+date": the date must match too (a missing date counts as wrong
    unless the label has none).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.numbers import parse_number  # noqa: E402
from db.refs import extract_refs  # noqa: E402

CORPUS = ROOT / "bench" / "refs_corpus"


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def score_file(text_path: Path) -> dict:
    labels = json.loads(text_path.with_suffix(".labels.json").read_text(encoding="utf-8"))
    truth_n = {parse_number(item["number"]).key for item in labels}
    truth_nd = {(parse_number(item["number"]).key, item["date"]) for item in labels}
    refs = extract_refs(text_path.read_text(encoding="utf-8"))
    got_n = {ref.number.key for ref in refs}
    got_nd = {(ref.number.key, ref.date.isoformat() if ref.date else None) for ref in refs}
    return {
        "file": text_path.name,
        "labels": len(labels),
        "found": len(refs),
        "n": (len(got_n & truth_n), len(got_n), len(truth_n)),
        "nd": (len(got_nd & truth_nd), len(got_nd), len(truth_nd)),
        "missed": sorted(truth_nd - got_nd, key=str),
        "extra": sorted(got_nd - truth_nd, key=str),
    }


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    rows = [score_file(path) for path in sorted(CORPUS.glob("*.md"))]
    header = f"{'file':32} {'lab':>4} {'got':>4} | {'P num':>6} {'R num':>6} | {'P n+d':>6} {'R n+d':>6}"
    print(header)
    print("-" * len(header))
    totals = {"n": [0, 0, 0], "nd": [0, 0, 0]}
    for row in rows:
        for key in ("n", "nd"):
            for i, value in enumerate(row[key]):
                totals[key][i] += value
        (tp, got, truth), (tp2, got2, truth2) = row["n"], row["nd"]
        print(f"{row['file']:32} {row['labels']:>4} {row['found']:>4} | "
              f"{_ratio(tp, got):6.1%} {_ratio(tp, truth):6.1%} | {_ratio(tp2, got2):6.1%} {_ratio(tp2, truth2):6.1%}")
        if verbose or row["missed"] or row["extra"]:
            for item in row["missed"]:
                print(f"    missed: {item}")
            for item in row["extra"]:
                print(f"    extra:  {item}")
    print("-" * len(header))
    (tp, got, truth), (tp2, got2, truth2) = totals["n"], totals["nd"]
    print(f"{'TOTAL':32} {sum(r['labels'] for r in rows):>4} {sum(r['found'] for r in rows):>4} | "
          f"{_ratio(tp, got):6.1%} {_ratio(tp, truth):6.1%} | {_ratio(tp2, got2):6.1%} {_ratio(tp2, truth2):6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
