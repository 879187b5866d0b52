"""Time every parser on every hostile family at 10 KB and 100 KB (issue 14 item 1).

Run: python bench/linear_time.py [--issue]

--issue times the three inputs of issue 14 (those took 29 s to forever before
the rewrite). Prints CPU seconds (min of a few runs) and the 100 KB / 10 KB
ratio: ~10 is linear, 100 quadratic.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.db.adversarial import FAMILIES, build  # noqa: E402
from tests.db.test_linear_time import PARSERS  # noqa: E402


def best(parse, text: str, runs: int = 3) -> float:
    out = float("inf")
    for _ in range(runs):
        start = time.process_time()
        parse(text)
        out = min(out, time.process_time() - start)
    return out


def issue_inputs() -> None:
    cases = [
        ('parse_number("số "*26+"x")', "parse_number", "số " * 26 + "x"),
        ('extract_refs("Kế hoạch số 4094/KH-UBND của "+"&"*40+"x")', "extract_refs",
         "Kế hoạch số 4094/KH-UBND của " + "&" * 40 + "x"),
        ('extract_refs(("số "*21+"#4094/KH-UBND ")*10)', "extract_refs", ("số " * 21 + "#4094/KH-UBND ") * 10),
    ]
    for label, parser, text in cases:
        print(f"{label:60} {best(PARSERS[parser], text):8.4f} s")


def main(argv: list[str]) -> int:
    if "--issue" in argv:
        issue_inputs()
        return 0
    worst = (0.0, "")
    print(f"{'family':22} {'parser':18} {'10 KB':>8} {'100 KB':>8} {'ratio':>6}")
    for name, head, unit, tail in FAMILIES:
        for parser, parse in PARSERS.items():
            small, large = build(head, unit, tail, 10_000), build(head, unit, tail, 100_000)
            t_small, t_large = best(parse, small), best(parse, large, 2)
            print(f"{name:22} {parser:18} {t_small:8.4f} {t_large:8.4f} {t_large / max(t_small, 1e-6):6.1f}")
            worst = max(worst, (t_large, f"{parser} on {name}"))
    print(f"\nslowest at 100 KB: {worst[1]} {worst[0]:.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
