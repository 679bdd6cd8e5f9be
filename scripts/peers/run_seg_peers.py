#!/usr/bin/env python3
"""Peer sentence segmenters on the segmentation gold files, side by side with polyalign.

    scripts/.venv-seg/bin/python scripts/peers/run_seg_peers.py --bin target/release/polyalign \
        ../shared/eval/segment/*.jsonl

For every gold file (`{"text": ..., "sentences": [...]}` per line) and every segmenter that
supports the file's language (the last `_xx` of its name), each row's `text` is segmented
and scored with the metric of ../shared/eval/README.md: a boundary is the number of
non-whitespace characters before a sentence end, the end of the text is not one; boundary
P/R/F1 micro-averaged over the file, and the exact-match rate (rows whose boundary set
equals the gold one).

Input given to the segmenters: polyalign gets each row's text whole (it finds paragraphs
itself). The peers have no paragraph logic, so they get the text split at line breaks, one
line at a time, and a line end counts as a sentence end (as polyalign's blank-line and
headline rules do). The gold texts have almost no line breaks (one in tokenize_uk), so this
choice moves no score beyond that row.

Peers: pySBD (en, ru; it has no Ukrainian), razdel (ru; also run on uk), sentencex (en, ru,
uk), NLTK punkt (en, ru models, from scripts/.venv-seg/nltk_data), tokenize-uk (uk).
`--check` also scores the gold sentences against themselves (must be 1.0 everywhere).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NLTK_DATA = os.path.join(HERE, "..", ".venv-seg", "nltk_data")


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Non-whitespace character counts before each sentence end, the text's end excluded."""
    total = len(re.sub(r"\s+", "", text))
    out, n = set(), 0
    for s in sentences:
        n += len(re.sub(r"\s+", "", s))
        if 0 < n < total:
            out.add(n)
    return out


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.rows = self.exact = self.mismatch = 0

    def add(self, text: str, gold: set[int], pred_sents: list[str]) -> None:
        if re.sub(r"\s+", "", "".join(pred_sents)) != re.sub(r"\s+", "", text):
            self.mismatch += 1
        pred = boundaries(text, pred_sents)
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        self.rows += 1
        self.exact += pred == gold

    def prf(self) -> tuple[float, float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, self.exact / self.rows if self.rows else 0.0


def by_lines(seg):
    """Runs a segmenter line by line; each line's end is a sentence end."""
    def run(text: str) -> list[str]:
        out = []
        for line in text.split("\n"):
            if line.strip():
                out.extend(seg(line))
        return out
    return run


def make_peers() -> dict:
    """name -> (languages, factory(lang) -> segment(text) -> sentences)."""
    def pysbd_f(lang):
        import pysbd
        s = pysbd.Segmenter(language=lang, clean=False)
        return s.segment

    def razdel_f(lang):
        import razdel
        return lambda t: [x.text for x in razdel.sentenize(t)]

    def sentencex_f(lang):
        import sentencex
        return lambda t: list(sentencex.segment(lang, t))

    def punkt_f(lang):
        import nltk
        from nltk.tokenize.punkt import PunktTokenizer
        nltk.data.path.insert(0, os.path.abspath(NLTK_DATA))
        tok = PunktTokenizer({"en": "english", "ru": "russian"}[lang])
        return tok.tokenize

    def tokenize_uk_f(lang):
        import tokenize_uk
        return tokenize_uk.tokenize_sents

    return {
        "pysbd": ({"en", "ru"}, pysbd_f),
        "razdel": ({"ru", "uk"}, razdel_f),
        "sentencex": ({"en", "ru", "uk"}, sentencex_f),
        "punkt": ({"en", "ru"}, punkt_f),
        "tokenize_uk": ({"uk"}, tokenize_uk_f),
    }


def file_lang(path: str) -> str:
    m = re.search(r"_([a-z]{2})\.jsonl$", os.path.basename(path))
    return m.group(1) if m else "en"


def polyalign_sentences(binary: str, lang: str, rows: list[dict]) -> list[list[str]]:
    inp = "".join(json.dumps({"text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
    res = subprocess.run([binary, "segment", "--lang", lang, "--jsonl", "-"], input=inp,
                         capture_output=True, text=True, check=True)
    out = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    if len(out) != len(rows):
        raise SystemExit(f"polyalign segment --jsonl gave {len(out)} lines for {len(rows)} rows")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="segmentation gold files (*.jsonl)")
    ap.add_argument("--bin", help="polyalign binary (its column is left out without it)")
    ap.add_argument("--peers", default="pysbd,razdel,sentencex,punkt,tokenize_uk")
    ap.add_argument("--check", action="store_true", help="also score the gold against itself")
    ap.add_argument("--dump", help="write polyalign's sentences per row to this JSONL file")
    args = ap.parse_args()

    peers = make_peers()
    names = [n for n in args.peers.split(",") if n]
    systems = (["polyalign"] if args.bin else []) + names
    segs: dict = {}
    seconds = {n: 0.0 for n in systems}
    chars = {n: 0 for n in systems}
    table = []
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for path in args.gold:
        lang = file_lang(path)
        rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        golds = [boundaries(r["text"], r["sentences"]) for r in rows]
        size = sum(len(r["text"]) for r in rows)
        scores = {}
        if args.check:
            sc = Score()
            for r, g in zip(rows, golds):
                sc.add(r["text"], g, r["sentences"])
            assert sc.prf()[2] == 1.0 and sc.prf()[3] == 1.0, path
        if args.bin:
            t0 = time.perf_counter()
            pred = polyalign_sentences(args.bin, lang, rows)
            seconds["polyalign"] += time.perf_counter() - t0
            chars["polyalign"] += size
            sc = Score()
            for r, g, p in zip(rows, golds, pred):
                sc.add(r["text"], g, p)
                if dump:
                    dump.write(json.dumps({"file": os.path.basename(path), "text": r["text"],
                                          "gold": r["sentences"], "pred": p},
                                         ensure_ascii=False) + "\n")
            scores["polyalign"] = sc
        for name in names:
            langs, factory = peers[name]
            if lang not in langs:
                continue
            key = (name, lang)
            if key not in segs:
                segs[key] = by_lines(factory(lang))
            seg = segs[key]
            sc = Score()
            t0 = time.perf_counter()
            for r, g in zip(rows, golds):
                sc.add(r["text"], g, seg(r["text"]))
            seconds[name] += time.perf_counter() - t0
            chars[name] += size
            scores[name] = sc
        table.append((os.path.basename(path), lang, len(rows), scores))
    if dump:
        dump.close()

    cell = 13
    head = f"{'file':<24} {'lang':<4} {'rows':>5} " + " ".join(f"{s:>{cell}}" for s in systems)
    head += f" {'best peer':>12} {'margin':>7}"
    print("F1 / exact-match rate per file; margin = polyalign F1 - best peer F1; '-' = language not supported")
    print(head)
    for name, lang, n, scores in table:
        line = f"{name.removesuffix('.jsonl'):<24} {lang:<4} {n:>5} "
        cells = []
        for s in systems:
            if s in scores:
                _, _, f, e = scores[s].prf()
                cells.append(f"{f:.3f} / {e:.3f}".rjust(cell))
            else:
                cells.append("-".rjust(cell))
        line += " ".join(cells)
        peer_f = {s: scores[s].prf()[2] for s in names if s in scores}
        if peer_f:
            best = max(peer_f, key=peer_f.get)
            margin = f"{scores['polyalign'].prf()[2] - peer_f[best]:+.3f}" if "polyalign" in scores else ""
            line += f" {best:>12} {margin:>7}"
        print(line)
    mism = {s: sum(sc[3][s].mismatch for sc in table if s in sc[3]) for s in systems}
    if any(mism.values()):
        print("rows whose sentences do not rebuild the text (non-whitespace): "
              + ", ".join(f"{s} {m}" for s, m in mism.items() if m))
    print("time: " + ", ".join(f"{s} {seconds[s]:.1f} s ({chars[s] / 1e6 / seconds[s]:.2f} MB/s)"
                               for s in systems if seconds[s] > 0))


if __name__ == "__main__":
    main()
