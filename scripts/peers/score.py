#!/usr/bin/env python3
"""Score predicted sentence links against gold links.

    python3 scripts/peers/score.py --gold FILE --pred FILE [--json]

Both files hold documents in the evaluation format (JSONL, or one JSON
document like gold.json); predictions are matched to gold documents by "id".
For every language pair of the gold links it prints strict and lax precision,
recall and F1, micro-averaged over documents:

- strict: a predicted link counts when the same link (same source ids and same
  target ids) is in the gold;
- lax: a predicted link counts when some gold link shares at least one source
  id and one target id with it (and, for recall, a gold link counts when some
  predicted link shares at least one source and one target id with it);
- precision is over predicted links, recall over gold links; links empty on
  one side (1-0, 0-1) are left out of both.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys


def load_docs(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        return [whole]
    if isinstance(whole, list):
        return whole
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def two_sided(links) -> list[tuple[frozenset, frozenset]]:
    return [(frozenset(s), frozenset(t)) for s, t in links if s and t]


def overlaps(a, b) -> bool:
    return bool(a[0] & b[0]) and bool(a[1] & b[1])


def count(gold_links, pred_links) -> dict:
    gold = two_sided(gold_links)
    pred = two_sided(pred_links)
    gold_set = set(gold)
    pred_set = set(pred)
    return {
        "pred": len(pred),
        "gold": len(gold),
        "strict_p": sum(1 for p in pred if p in gold_set),
        "strict_r": sum(1 for g in gold if g in pred_set),
        "lax_p": sum(1 for p in pred if any(overlaps(p, g) for g in gold)),
        "lax_r": sum(1 for g in gold if any(overlaps(g, p) for p in pred)),
    }


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    ap = argparse.ArgumentParser(description="strict and lax P/R/F1 of sentence links per language pair")
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args()

    gold_docs = load_docs(args.gold)
    pred_by_id = {d.get("id"): d for d in load_docs(args.pred)}

    totals: dict[str, dict] = {}
    missing = 0
    for doc in gold_docs:
        pred = pred_by_id.get(doc.get("id"))
        for pair, gold_links in doc["links"].items():
            pred_links = (pred or {}).get("links", {}).get(pair)
            if pred_links is None:
                missing += 1
                pred_links = []
            c = count(gold_links, pred_links)
            for key in (pair, "all"):
                acc = totals.setdefault(key, dict.fromkeys(c, 0))
                for k, v in c.items():
                    acc[k] += v
    if missing:
        print(f"score: {missing} document pair(s) missing from {args.pred}, scored as empty", file=sys.stderr)

    pairs = [p for p in totals if p != "all"] + ["all"]
    result = {}
    for pair in pairs:
        c = totals[pair]
        sp, sr, sf = prf(c["strict_p"], c["pred"], c["strict_r"], c["gold"])
        lp, lr, lf = prf(c["lax_p"], c["pred"], c["lax_r"], c["gold"])
        result[pair] = {
            "strict": {"p": sp, "r": sr, "f1": sf},
            "lax": {"p": lp, "r": lr, "f1": lf},
            "gold_links": c["gold"],
            "pred_links": c["pred"],
        }
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{'pair':<6} {'strict P':>8} {'R':>6} {'F1':>6}   {'lax P':>6} {'R':>6} {'F1':>6}   {'gold':>5} {'pred':>5}")
    for pair in pairs:
        r = result[pair]
        s, l = r["strict"], r["lax"]
        print(
            f"{pair:<6} {s['p']:>8.3f} {s['r']:>6.3f} {s['f1']:>6.3f}   "
            f"{l['p']:>6.3f} {l['r']:>6.3f} {l['f1']:>6.3f}   {r['gold_links']:>5} {r['pred_links']:>5}"
        )


if __name__ == "__main__":
    main()
