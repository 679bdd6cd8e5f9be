"""The NTREX dev set as the translation memory scripts use it.

Imported by scripts/tm_quality.py and scripts/bench/tm_make_memory.py.
"""

import json


def trilingual_units(path):
    """(document id, en, ru, uk) for every English sentence linked one to one to a Russian
    and a Ukrainian sentence, in document order."""
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        s = d["sentences"]
        ru = {a[0]: b[0] for a, b in d["links"]["en-ru"] if len(a) == 1 and len(b) == 1}
        uk = {a[0]: b[0] for a, b in d["links"]["en-uk"] if len(a) == 1 and len(b) == 1}
        for i in sorted(set(ru) & set(uk)):
            out.append((d["id"], s["en"][i], s["ru"][ru[i]], s["uk"][uk[i]]))
    return out


def xml_escape(s):
    """Text escaped for XML element content."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
