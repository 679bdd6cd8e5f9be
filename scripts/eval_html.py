#!/usr/bin/env python3
"""Main-text extraction from saved web pages: polyalign against trafilatura and Mozilla
Readability, on the pages of /work/shared/eval/html (page.html + expected.txt).

Metric: word-level precision, recall and F1 of the extracted text against the expected
text, as bags of words (multiset overlap; lowercased; a word is a run of letters or
digits), micro-averaged over words per language and per source.

Usage: scripts/eval_html.py [--data DIR] [--bin target/release/polyalign]
       [--systems polyalign,trafilatura,readability] [--pages]

The peers are installed on first use: trafilatura (pinned) into scripts/.venv-html,
@mozilla/readability and jsdom (pinned in scripts/peers-html/package.json) with npm.
A peer that cannot be installed (offline) is skipped with a message.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TRAFILATURA = ["trafilatura==2.0.0", "lxml_html_clean==0.4.2"]
VENV = os.path.join(HERE, ".venv-html")
PEERS = os.path.join(HERE, "peers-html")
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def note(msg):
    print(f"eval_html: {msg}", file=sys.stderr)


def run_polyalign(binary, pages):
    out = {}
    for name, path in pages:
        r = subprocess.run([binary, "extract", path, "--input-format", "html"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            note(f"polyalign failed on {name}: {r.stderr.strip()}")
        out[name] = r.stdout
    return out


def ensure_venv():
    py = os.path.join(VENV, "bin", "python")
    if os.path.exists(py):
        r = subprocess.run([py, "-c", "import trafilatura"], capture_output=True)
        if r.returncode == 0:
            return py
    try:
        if not os.path.exists(py):
            venv.create(VENV, with_pip=True)
        r = subprocess.run([py, "-m", "pip", "install", "-q", *TRAFILATURA],
                           capture_output=True, text=True, timeout=600)
    except Exception as e:  # noqa: BLE001 - any failure means: skip the peer
        note(f"cannot set up trafilatura ({e}); skipped")
        return None
    if r.returncode != 0:
        note(f"cannot install {' '.join(TRAFILATURA)} (offline?); skipped: {r.stderr.strip()[-300:]}")
        return None
    return py


def run_trafilatura(pages):
    py = ensure_venv()
    if py is None:
        return None
    code = r"""
import json, sys, trafilatura
pages = json.load(sys.stdin)
out = {}
for name, path in pages:
    with open(path, encoding="utf-8", errors="replace") as f:
        html = f.read()
    text = trafilatura.extract(html, include_comments=False)
    out[name] = (text or "").replace("\n", "\n\n")
json.dump(out, sys.stdout)
"""
    r = subprocess.run([py, "-c", code], input=json.dumps(pages), capture_output=True,
                       text=True)
    if r.returncode != 0:
        note(f"trafilatura failed: {r.stderr.strip()[-300:]}")
        return None
    return json.loads(r.stdout)


def ensure_npm():
    if os.path.isdir(os.path.join(PEERS, "node_modules", "@mozilla", "readability")) and \
            os.path.isdir(os.path.join(PEERS, "node_modules", "jsdom")):
        return True
    lock = os.path.exists(os.path.join(PEERS, "package-lock.json"))
    cmd = ["npm", "ci" if lock else "install", "--no-audit", "--no-fund", "--silent"]
    try:
        r = subprocess.run(cmd, cwd=PEERS, capture_output=True, text=True, timeout=600)
    except Exception as e:  # noqa: BLE001
        note(f"cannot run npm ({e}); Readability skipped")
        return False
    if r.returncode != 0:
        note(f"npm could not install the peers (offline?); Readability skipped: "
             f"{r.stderr.strip()[-300:]}")
        return False
    return True


def run_readability(pages):
    if not ensure_npm():
        return None
    r = subprocess.run(["node", os.path.join(PEERS, "extract.js")], input=json.dumps(pages),
                       capture_output=True, text=True, cwd=PEERS)
    if r.returncode != 0:
        note(f"Readability failed: {r.stderr.strip()[-300:]}")
        return None
    return json.loads(r.stdout)


def prf(tp, got, want):
    p = tp / got if got else 0.0
    r = tp / want if want else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/work/shared/eval/html")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "polyalign"))
    ap.add_argument("--systems", default="polyalign,trafilatura,readability")
    ap.add_argument("--pages", action="store_true", help="print the per-page table too")
    args = ap.parse_args()
    with open(os.path.join(args.data, "SOURCES.json"), encoding="utf-8") as f:
        meta = {e["id"]: e for e in json.load(f)}
    pages = [(name, os.path.join(args.data, name, "page.html")) for name in sorted(meta)
             if os.path.exists(os.path.join(args.data, name, "page.html"))]
    expected = {}
    for name, _ in pages:
        with open(os.path.join(args.data, name, "expected.txt"), encoding="utf-8") as f:
            expected[name] = words(f.read())
    outputs = {}
    for system in args.systems.split(","):
        if system == "polyalign":
            outputs[system] = run_polyalign(args.bin, pages)
        elif system == "trafilatura":
            got = run_trafilatura(pages)
            if got is not None:
                outputs[system] = got
        elif system == "readability":
            got = run_readability(pages)
            if got is not None:
                outputs[system] = got
    # counts[system][page] = (tp, got, want)
    counts = {}
    for system, out in outputs.items():
        counts[system] = {}
        for name, _ in pages:
            g = words(out.get(name, ""))
            e = expected[name]
            tp = sum((g & e).values())
            counts[system][name] = (tp, sum(g.values()), sum(e.values()))
    systems = list(outputs)
    if args.pages:
        print("per page: F1 (P/R)")
        print(f"{'page':44}" + "".join(f"{s:>22}" for s in systems))
        for name, _ in pages:
            row = f"{name[:44]:44}"
            for s in systems:
                p, r, f1 = prf(*counts[s][name])
                row += f"{f1:>8.3f} ({p:.2f}/{r:.2f})"
            print(row)
        print()
    groups = collections.OrderedDict()
    for lang in ("en", "ru", "uk"):
        groups[f"lang {lang}"] = [n for n, _ in pages if meta[n]["language"] == lang]
    for src in ("readability", "omnivore", "fundus", "scrapinghub"):
        groups[f"source {src}"] = [n for n, _ in pages if n.startswith(src + "__")]
    groups["all"] = [n for n, _ in pages]
    print(f"{'group':22}{'pages':>6}" + "".join(f"{s + ' P/R/F1':>28}" for s in systems))
    for group, names in groups.items():
        if not names:
            continue
        row = f"{group:22}{len(names):>6}"
        for s in systems:
            tp = sum(counts[s][n][0] for n in names)
            got = sum(counts[s][n][1] for n in names)
            want = sum(counts[s][n][2] for n in names)
            p, r, f1 = prf(tp, got, want)
            row += f"{'':>6}{p:.3f} / {r:.3f} / {f1:.3f}"
        print(row)


if __name__ == "__main__":
    main()
