"""Precision / recall of db.refs.extract_refs on a hand-labelled corpus, real and constructed apart.

Run: python bench/refs_quality.py [--verbose] [--json]

bench/refs_corpus/NAME.md is a passage, NAME.labels.json what a careful reader
registers from it:

    {"kind": "real" | "constructed",
     "source": {"url": ..., "title": ...},
     "refs": [{"number": canonical, "date": "YYYY-MM-DD" | null, "own": true?}]}

"real" passages were copied verbatim from published texts (their source is in
the labels file; their damage — OCR, lost fonts, flattened headers — is kept);
"constructed" ones were written for this benchmark from shared/domain.md, so
they measure the patterns we know about, not real-world coverage. Labels were
written before the extractor was run on a passage; a passage's own number
(its header "Số: …") is labelled with ``"own": true`` and the header date.

Scores (each over the set of distinct references of a passage):
(a) "number": a hit is a found number that is labelled (compared by key).
(b) "number+date": the date must match too (a missing date is wrong unless
    the label has none).
(c) "invented": a found number that is not labelled and cannot be traced to
    its own span of the text — its digits and letters, in order, are not in
    the text it was read from. A misread boundary is a precision error; an
    invented number is content that is not there.
(d) "own": labelled own numbers found and marked own.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.numbers import try_parse_number  # noqa: E402
from db.refs import extract_refs  # noqa: E402
from db.text import fold  # noqa: E402

CORPUS = ROOT / "bench" / "refs_corpus"
PARTS = ("real", "constructed")


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def label_key(number: str) -> str:
    parsed = try_parse_number(number)
    return parsed.key if parsed else fold(number)


def load_labels(text_path: Path) -> dict:
    data = json.loads(text_path.with_suffix(".labels.json").read_text(encoding="utf-8"))
    if isinstance(data, list):  # the first format: a bare list, constructed
        data = {"kind": "constructed", "source": {}, "refs": data}
    return data


def _traceable(number_key: str, raw: str) -> bool:
    """Every letter and digit of the number appears, in order, in the raw span."""
    wanted = re.sub(r"[^0-9a-z]", "", number_key)
    have = iter(re.sub(r"[^0-9a-z]", "", fold(raw)))
    return all(ch in have for ch in wanted)


def score_file(text_path: Path) -> dict:
    data = load_labels(text_path)
    labels = data["refs"]
    truth_n = {label_key(item["number"]) for item in labels}
    truth_nd = {(label_key(item["number"]), item["date"]) for item in labels}
    truth_own = {label_key(item["number"]) for item in labels if item.get("own")}
    refs = extract_refs(text_path.read_text(encoding="utf-8"))
    got_n = {ref.number.key for ref in refs}
    got_nd = {(ref.number.key, ref.date.isoformat() if ref.date else None) for ref in refs}
    got_own = {ref.number.key for ref in refs if getattr(ref, "own", False)}
    invented = sorted({ref.number.canonical for ref in refs
                       if ref.number.key not in truth_n and not _traceable(ref.number.key, ref.raw)})
    return {
        "file": text_path.name,
        "kind": data.get("kind", "constructed"),
        "labels": len(labels),
        "found": len(refs),
        "n": (len(got_n & truth_n), len(got_n), len(truth_n)),
        "nd": (len(got_nd & truth_nd), len(got_nd), len(truth_nd)),
        "own": (len(got_own & truth_own), len(truth_own)),
        "invented": invented,
        "missed": sorted(truth_nd - got_nd, key=str),
        "extra": sorted(got_nd - truth_nd, key=str),
    }


def totals(rows: list[dict]) -> dict:
    out = {"passages": len(rows), "labels": 0, "found": 0, "n": [0, 0, 0], "nd": [0, 0, 0], "own": [0, 0],
           "invented": 0}
    for row in rows:
        out["labels"] += row["labels"]
        out["found"] += row["found"]
        out["invented"] += len(row["invented"])
        for key in ("n", "nd", "own"):
            for i, value in enumerate(row[key]):
                out[key][i] += value
    (tp, got, truth), (tp2, got2, truth2) = out["n"], out["nd"]
    out.update(p_n=_ratio(tp, got), r_n=_ratio(tp, truth), p_nd=_ratio(tp2, got2), r_nd=_ratio(tp2, truth2))
    return out


def score_corpus() -> tuple[list[dict], dict[str, dict]]:
    rows = [score_file(path) for path in sorted(CORPUS.glob("*.md"))]
    return rows, {part: totals([r for r in rows if r["kind"] == part]) for part in PARTS}


def _line(name: str, t: dict) -> str:
    own_found, own_truth = t["own"]
    return (f"{name:40} {t['labels']:>4} {t['found']:>4} | {t['p_n']:6.1%} {t['r_n']:6.1%} | "
            f"{t['p_nd']:6.1%} {t['r_nd']:6.1%} | {t['invented']:>4} | {own_found:>3}/{own_truth:<3}")


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    rows, parts = score_corpus()
    if "--json" in argv:
        print(json.dumps({"parts": parts, "files": rows}, ensure_ascii=False, indent=1, default=list))
        return 0
    header = (f"{'file':40} {'lab':>4} {'got':>4} | {'P num':>6} {'R num':>6} | {'P n+d':>6} {'R n+d':>6} | "
              f"{'inv':>4} | {'own':>7}")
    for part in PARTS:
        print(f"\n== {part} ==")
        print(header)
        print("-" * len(header))
        for row in (r for r in rows if r["kind"] == part):
            print(_line(row["file"], totals([row])))
            if verbose or row["missed"] or row["extra"] or row["invented"]:
                for item in row["missed"]:
                    print(f"    missed:   {item}")
                for item in row["extra"]:
                    print(f"    extra:    {item}")
                for item in row["invented"]:
                    print(f"    INVENTED: {item}")
        print("-" * len(header))
        print(_line(f"TOTAL {part} ({parts[part]['passages']} passages)", parts[part]))
    print("\nsummary")
    for part in PARTS:
        t = parts[part]
        print(f"  {part:12} number P {t['p_n']:.3f} R {t['r_n']:.3f} | number+date P {t['p_nd']:.3f} "
              f"R {t['r_nd']:.3f} | invented {t['invented']} | own {t['own'][0]}/{t['own'][1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
