#!/usr/bin/env python3
"""Fault-injection benchmark of `polyalign check`: recall per kind of fault.

Usage: check_faults.py POLYALIGN GOLD.jsonl [GOLD.json ...] [--trials N] [--seed S] [--out TRIALS.jsonl]

GOLD is a file of trilingual documents (en, ru, uk) with gold sentences, paragraphs and
links (ntrex-dev.jsonl, cecot/gold.json's format). Each trial takes one document, rebuilds
its three texts from the gold sentences (one space between the sentences of a paragraph, a
blank line between paragraphs), injects ONE fault into the Russian or the Ukrainian
version, and runs `polyalign check --jsonl` on all trials at once (with the clean trios).

A fault is found when a finding of an expected kind, at warning or above, names the faulty
version in its `langs` and points at the fault: its position in the faulty version (or
where the content would be) overlaps the sentences around the fault. Printed per fault:
recall at warning or above and at error, and how many trials opened the gate (the faulty
trio shows nothing at the default severity, or fewer errors than the clean trio).
Seeded and reproducible: the same seed gives the same trials.
"""
import argparse
import json
import random
import re
import subprocess
import sys
from collections import defaultdict

MONTHS = {
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
    "uk": ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"],
}
NAMES = {"ru": ["Мендоса", "Карпенко", "Гарсия", "Оливейра"],
         "uk": ["Мендоса", "Карпенко", "Гарсія", "Олівейра"]}

# fault kind -> the finding kinds that report it
EXPECTED = {
    "number-digit": {"number"}, "number-transposed": {"number"}, "number-x10": {"number"},
    "number-day": {"number"}, "number-month": {"number"}, "number-year": {"number"},
    "drop-any": {"missing"}, "drop-first": {"missing"}, "drop-last": {"missing"},
    "drop-after-heading": {"missing"}, "drop-two": {"missing"},
    "add-sentence": {"extra"}, "swap-adjacent": {"moved"}, "swap-distant": {"moved"},
    "drop-paragraph": {"missing"}, "english-left": {"untranslated"},
    "russian-in-uk": {"language"}, "ukrainian-in-ru": {"language"},
    "name-changed": {"name"}, "duplicated": {"extra"}, "cut-in-half": {"missing", "length"},
}
# The kinds that must be errors (the issue's second target), by fault.
MUST_BE_ERROR = {k for k in EXPECTED if k.startswith(("number", "drop", "add", "english",
                                                      "russian", "ukrainian"))}


class Version:
    """One version as sentences with paragraph numbers."""

    def __init__(self, sentences, paragraphs):
        self.s = list(sentences)
        self.p = list(paragraphs)

    def text(self):
        out = []
        for i, (s, p) in enumerate(zip(self.s, self.p)):
            if i:
                out.append(" " if p == self.p[i - 1] else "\n\n")
            out.append(s)
        return "".join(out)

    def paragraphs(self):
        """(paragraph number, [sentence indices]) in order."""
        out = []
        for i, p in enumerate(self.p):
            if not out or out[-1][0] != p:
                out.append((p, []))
            out[-1][1].append(i)
        return out


def version(doc, lang):
    s = doc["sentences"][lang]
    p = doc.get("paragraph_of", {}).get(lang) or list(range(len(s)))
    return Version(s, p)


def one_to_one(doc, a, b):
    """Gold 1-1 links a -> b as {a index: b index}."""
    key, flip = f"{a}-{b}", False
    if key not in doc["links"]:
        key, flip = f"{b}-{a}", True
    out = {}
    for s, t in doc["links"].get(key, []):
        if len(s) == 1 and len(t) == 1:
            x, y = (t[0], s[0]) if flip else (s[0], t[0])
            out[x] = y
    return out


NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")


def change_number(v, rng, how, lang):
    """Changes a number in one sentence; returns the sentence index or None."""
    candidates = []
    for i, s in enumerate(v.s):
        for m in NUMBER.finditer(s):
            d = m.group()
            if how == "digit" and len(d) <= 4:
                candidates.append((i, m))
            elif how == "transposed" and len(d) >= 2 and len(set(d[:2])) == 2 and d[1] != "0":
                candidates.append((i, m))
            elif how == "x10" and len(d) <= 3 and d != "0":
                candidates.append((i, m))
            elif how == "year" and len(d) == 4 and d[:2] in ("19", "20"):
                candidates.append((i, m))
            elif how == "day" and 1 <= int(d) <= 28 and len(d) <= 2:
                rest = s[m.end():].lstrip().lower()
                if any(rest.startswith(w) for w in MONTHS.get(lang, [])):
                    candidates.append((i, m))
    if not candidates:
        return None
    i, m = rng.choice(candidates)
    d = m.group()
    if how == "digit":
        k = rng.randrange(len(d))
        choices = [c for c in "0123456789" if c != d[k] and not (k == 0 and c == "0")]
        new = d[:k] + rng.choice(choices) + d[k + 1:]
    elif how == "transposed":
        new = d[1] + d[0] + d[2:]
    elif how == "x10":
        new = d + "0"
    elif how == "year":
        new = str(int(d) + rng.choice([-3, -2, -1, 1, 2, 3]))
    else:  # day
        day = int(d)
        new = str(day + 1 if day < 28 else day - 1)
    s = v.s[i]
    v.s[i] = s[:m.start()] + new + s[m.end():]
    return i


def change_month(v, rng, lang):
    words = MONTHS.get(lang, [])
    found = []
    for i, s in enumerate(v.s):
        for k, w in enumerate(words):
            for m in re.finditer(r"\b\d{1,2}\s+(" + w + r")\b", s):
                found.append((i, k, m.start(1), m.end(1)))
    if not found:
        return None
    i, k, a, b = rng.choice(found)
    other = rng.choice([j for j in range(12) if j != k])
    v.s[i] = v.s[i][:a] + words[other] + v.s[i][b:]
    return i


def change_name(v, rng, lang):
    found = []
    for i, s in enumerate(v.s):
        for m in re.finditer(r"(?<=[\w,] )([А-ЯЁІЇЄҐ][а-яёіїєґ']{3,})\b", s):
            found.append((i, m))
    if not found:
        return None
    i, m = rng.choice(found)
    new = rng.choice([n for n in NAMES[lang] if n != m.group(1)])
    v.s[i] = v.s[i][:m.start(1)] + new + v.s[i][m.end(1):]
    return i


def inject(doc, lang, kind, rng, others):
    """Returns (faulty version, fault sentence index in the faulty version) or None; for
    swapped paragraphs, also the first sentence of the other paragraph moved."""
    v = version(doc, lang)
    n = len(v.s)
    paras = v.paragraphs()
    if kind.startswith("number-"):
        how = kind.split("-", 1)[1]
        if how == "month":
            at = change_month(v, rng, lang)
        else:
            at = change_number(v, rng, how, lang)
        return None if at is None else (v, at)
    if kind == "name-changed":
        at = change_name(v, rng, lang)
        return None if at is None else (v, at)
    if kind.startswith("drop-") and kind != "drop-paragraph":
        if n < 3:
            return None
        if kind == "drop-any":
            at = rng.randrange(n)
            drop = [at]
        elif kind == "drop-first":
            ok = [ix[0] for _, ix in paras if len(ix) >= 2]
            if not ok:
                return None
            at = rng.choice(ok)
            drop = [at]
        elif kind == "drop-last":
            ok = [ix[-1] for _, ix in paras if len(ix) >= 2]
            if not ok:
                return None
            at = rng.choice(ok)
            drop = [at]
        elif kind == "drop-after-heading":
            ok = [paras[k + 1][1][0] for k in range(len(paras) - 1)
                  if len(paras[k][1]) == 1 and not v.s[paras[k][1][0]].rstrip().endswith((".", "!", "?", "…"))]
            if not ok:
                return None
            at = rng.choice(ok)
            drop = [at]
        else:  # drop-two
            at = rng.randrange(n - 1)
            drop = [at, at + 1]
        for i in reversed(drop):
            del v.s[i], v.p[i]
        return v, min(at, len(v.s) - 1) if v.s else 0
    if kind == "drop-paragraph":
        ok = [ix for _, ix in paras if len(ix) >= 1 and len(ix) < n]
        if len(paras) < 3 or not ok:
            return None
        ix = rng.choice(ok)
        for i in reversed(ix):
            del v.s[i], v.p[i]
        return v, min(ix[0], len(v.s) - 1)
    if kind == "add-sentence":
        pool = [s for d in others for s in d["sentences"].get(lang, []) if len(s) > 40]
        if not pool:
            return None
        at = rng.randrange(n + 1)
        para = v.p[at - 1] if at > 0 else v.p[0]
        v.s.insert(at, rng.choice(pool))
        v.p.insert(at, para)
        return v, at
    if kind == "duplicated":
        long = [i for i, s in enumerate(v.s) if len(s) > 40]
        if not long:
            return None
        i = rng.choice(long)
        v.s.insert(i + 1, v.s[i])
        v.p.insert(i + 1, v.p[i])
        return v, i + 1
    if kind in ("swap-adjacent", "swap-distant"):
        if kind == "swap-adjacent":
            pairs = [(k, k + 1) for k in range(len(paras) - 1)]
        else:
            pairs = [(a, b) for a in range(len(paras)) for b in range(a + 3, len(paras))]
        pairs = [(a, b) for a, b in pairs
                 if " ".join(v.s[i] for i in paras[a][1]) != " ".join(v.s[i] for i in paras[b][1])]
        if not pairs:
            return None
        a, b = rng.choice(pairs)
        order = list(range(len(paras)))
        order[a], order[b] = order[b], order[a]
        s, p = [], []
        for new_p, k in enumerate(order):
            for i in paras[k][1]:
                s.append(v.s[i])
                p.append(new_p)
        v.s, v.p = s, p
        # Both paragraphs moved: the fault is at either (b's first sentence is now where
        # a's was; a's first sentence is where b's was, less the length difference).
        other = sum(len(paras[k][1]) for k in order[:b])
        return v, paras[a][1][0], other
    if kind == "english-left":
        links = one_to_one(doc, lang, "en")
        ok = [i for i, j in links.items() if len(doc["sentences"]["en"][j]) > 40]
        if not ok:
            return None
        i = rng.choice(ok)
        v.s[i] = doc["sentences"]["en"][links[i]]
        return v, i
    if kind in ("russian-in-uk", "ukrainian-in-ru"):
        other = "ru" if lang == "uk" else "uk"
        links = one_to_one(doc, lang, other)
        ok = [i for i, j in links.items()
              if len(doc["sentences"][other][j]) > 40 and doc["sentences"][other][j] != v.s[i]]
        if not ok:
            return None
        i = rng.choice(ok)
        v.s[i] = doc["sentences"][other][links[i]]
        return v, i
    if kind == "cut-in-half":
        ok = [i for i, s in enumerate(v.s) if len(s.split()) >= 12]
        if not ok:
            return None
        i = rng.choice(ok)
        words = v.s[i].split()
        v.s[i] = " ".join(words[: len(words) // 2]).rstrip(",;:") + "."
        return v, i
    raise ValueError(kind)


def points_at(finding, lang, at, para):
    """Whether the finding's position in the faulty version is at the fault: its sentences
    (counted by polyalign's segmenter, which may cut the gold sentences otherwise) within
    one of the fault's, or its first sentence in the fault's paragraph (paragraphs are the
    blank-line blocks of the text, the same for both)."""
    for pos in finding.get("positions", []):
        if pos["lang"] != lang:
            continue
        start = pos["sentence"] - 1
        end = start + max(pos["sentences"], 1)
        return (start - 1 <= at + 1 and at - 1 <= end) or pos["paragraph"] - 1 == para
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("gold", nargs="+", help="gold files: JSON lines, or one JSON document (.json)")
    ap.add_argument("--trials", type=int, default=100, help="trials per kind of fault")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="write the trials and their verdicts here")
    ap.add_argument("--dump", help="write check's input (one trio per line, trials t0.. "
                    "then the clean trios c0..) here, to rerun one trial")
    args = ap.parse_args()
    docs = []
    records = []
    for path in args.gold:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        records += [text] if path.endswith(".json") else text.splitlines()
    for line in records:
        if line.strip():
            d = json.loads(line)
            if all(l in d.get("sentences", {}) for l in ("en", "ru", "uk")):
                docs.append(d)
    rng = random.Random(args.seed)
    trials = []
    for kind in EXPECTED:
        tries = 0
        made = 0
        while made < args.trials and tries < args.trials * 20:
            tries += 1
            doc = rng.choice(docs)
            if kind == "russian-in-uk":
                lang = "uk"
            elif kind == "ukrainian-in-ru":
                lang = "ru"
            else:
                lang = rng.choice(["ru", "uk"])
            got = inject(doc, lang, kind, rng, [d for d in docs if d is not doc][:20])
            if got is None:
                continue
            v, at = got[0], got[1]
            also = got[2] if len(got) > 2 else None
            # The fault's paragraph, counted as the text's blank-line blocks.
            para = len({p for p in v.p[:at + 1]}) - 1 if v.s else 0
            if also is not None:
                also = (also, len({p for p in v.p[:also + 1]}) - 1)
            trials.append({"kind": kind, "doc": doc["id"], "lang": lang, "at": at, "para": para, "also": also,
                           "texts": {l: (v.text() if l == lang else version(doc, l).text())
                                     for l in ("en", "ru", "uk")}})
            made += 1
    clean_ids = sorted({t["doc"] for t in trials})
    by_id = {d["id"]: d for d in docs}
    lines = []
    for n, t in enumerate(trials):
        lines.append(json.dumps({"id": f"t{n}", "langs": ["en", "ru", "uk"], "text": t["texts"]},
                                ensure_ascii=False))
    for n, i in enumerate(clean_ids):
        d = by_id[i]
        lines.append(json.dumps({"id": f"c{n}", "langs": ["en", "ru", "uk"],
                                 "text": {l: version(d, l).text() for l in ("en", "ru", "uk")}},
                                ensure_ascii=False))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    out = subprocess.run([args.binary, "check", "--jsonl", "--severity", "warning", "-"],
                         input="\n".join(lines) + "\n", capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"polyalign check failed: {out.stderr.strip()[-500:]}")
    results = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        results[r["id"]] = r
    clean_errors = {i: results[f"c{n}"]["summary"]["error"] for n, i in enumerate(clean_ids)}
    table = defaultdict(lambda: [0, 0, 0, 0])
    verdicts = []
    for n, t in enumerate(trials):
        r = results[f"t{n}"]
        want = EXPECTED[t["kind"]]
        places = [(t["at"], t["para"])] + ([tuple(t["also"])] if t["also"] else [])
        hits = [f for f in r["findings"]
                if f["kind"] in want and t["lang"] in f["langs"]
                and any(points_at(f, t["lang"], at, para) for at, para in places)]
        warn = bool(hits)
        err = any(f["severity"] == "error" for f in hits)
        gate_open = r["summary"]["shown"] == 0 or r["summary"]["error"] < clean_errors[t["doc"]]
        row = table[t["kind"]]
        row[0] += 1
        row[1] += warn
        row[2] += err
        row[3] += gate_open
        verdicts.append({"trial": f"t{n}", "kind": t["kind"], "doc": t["doc"], "lang": t["lang"], "at": t["at"], "para": t["para"],
                         "found": warn, "error": err, "gate_open": gate_open})
    print(f"{'fault':20} {'trials':>6} {'warning+':>9} {'error':>7} {'gate open':>9}")
    total = [0, 0, 0, 0]
    for kind in EXPECTED:
        t, w, e, g = table[kind]
        total = [a + b for a, b in zip(total, (t, w, e, g))]
        mark = "" if w >= 0.95 * t and (kind not in MUST_BE_ERROR or e >= 0.90 * t) else "  below target"
        print(f"{kind:20} {t:6} {w / max(t, 1):9.3f} {e / max(t, 1):7.3f} {g:9}{mark}")
    t, w, e, g = total
    print(f"{'all':20} {t:6} {w / max(t, 1):9.3f} {e / max(t, 1):7.3f} {g:9}")
    print("targets: warning+ >= 0.95 for every fault; error >= 0.90 for numbers, dropped and "
          "added sentences, untranslated and wrong-language text; gate open: 0")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for v in verdicts:
                f.write(json.dumps(v, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
