#!/usr/bin/env python3
"""The errors of `polyalign check` on the cecot article against its gold omissions.

Usage: check_cecot.py GOLD.json REPORT.json
REPORT is `polyalign check en.txt ru.txt uk.txt --severity error --format json`. Target:
every gold 1-0 link between the reference (en) and another version is reported as a
`missing` error naming that sentence, and there is no other error (the gold's 1-2 and
2-1 links are translation, not errors). Exits 1 when the target is missed.
"""
import json
import sys

gold = json.load(open(sys.argv[1], encoding="utf-8"))
report = json.load(open(sys.argv[2], encoding="utf-8"))
ref = "en"
expected = []
for pair, links in gold["links"].items():
    a, b = pair.split("-")
    if a != ref:
        continue
    for s, t in links:
        if s and not t:
            expected.append((b, " ".join(gold["sentences"][ref][i] for i in s)))
errors = [f for f in report["findings"] if f["severity"] == "error"]
found = []
for f in errors:
    text = next(t["text"] for t in f["texts"] if t["lang"] == ref)
    found.append((f["kind"], f["langs"], text))
ok = len(errors) == len(expected) and all(
    any(k == "missing" and langs == [lang] and text == want for k, langs, text in found)
    for lang, want in expected
)
for kind, langs, text in found:
    print(f"  error {kind} {','.join(langs)}: {text[:100]}")
print(f"gold omissions {len(expected)}, errors {len(errors)}: {'met' if ok else 'NOT MET'}")
sys.exit(0 if ok else 1)
