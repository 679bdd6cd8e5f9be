#!/usr/bin/env python3
"""Draws the reliability diagram of polyalign's calibrated scores as an SVG (no plotting
library): the share of links (and units) that are right against their mean score, in 10
equal-width bins, from the JSON that `polyalign eval align --reliability FILE` writes.

    target/release/polyalign eval align --task align --gold ntrex-dev.jsonl --reliability rel.json
    python3 scripts/reliability_svg.py rel.json docs/reliability.svg [--set ntrex-dev]
"""
import argparse
import json
import sys

W, H = 640, 330          # whole picture
PW, PH = 240, 240        # one plot
TOP, LEFT, GAP = 40, 50, 80


def plot(x0, title, part, colour):
    """One panel: diagonal, bars of the share right per bin, dots at the mean scores."""
    out = []
    y0 = TOP
    sx = lambda v: x0 + v * PW
    sy = lambda v: y0 + PH - v * PH
    out.append(f'<rect x="{x0}" y="{y0}" width="{PW}" height="{PH}" fill="#fff" stroke="#555"/>')
    for k in range(1, 10):
        t = k / 10
        out.append(f'<line x1="{sx(t):.1f}" y1="{y0}" x2="{sx(t):.1f}" y2="{y0 + PH}" stroke="#eee"/>')
        out.append(f'<line x1="{x0}" y1="{sy(t):.1f}" x2="{x0 + PW}" y2="{sy(t):.1f}" stroke="#eee"/>')
    total = sum(b["count"] for b in part["bins"]) or 1
    for b in part["bins"]:
        if not b["count"]:
            continue
        bw = (b["hi"] - b["lo"]) * PW
        x = sx(b["lo"])
        y = sy(b["accuracy"])
        out.append(
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bw - 2:.1f}" height="{y0 + PH - y:.1f}" '
            f'fill="{colour}" fill-opacity="0.35" stroke="{colour}">'
            f'<title>{b["lo"]:.1f}-{b["hi"]:.1f}: {b["count"]} of {total}, mean score '
            f'{b["mean_score"]:.3f}, right {b["accuracy"]:.3f}</title></rect>'
        )
        r = 2 + 6 * (b["count"] / total) ** 0.5
        out.append(
            f'<circle cx="{sx(b["mean_score"]):.1f}" cy="{sy(b["accuracy"]):.1f}" r="{r:.1f}" '
            f'fill="{colour}"/>'
        )
    out.append(f'<line x1="{sx(0)}" y1="{sy(0)}" x2="{sx(1)}" y2="{sy(1)}" stroke="#999" stroke-dasharray="4 3"/>')
    for k in range(0, 11, 2):
        t = k / 10
        out.append(f'<text x="{sx(t):.1f}" y="{y0 + PH + 14}" text-anchor="middle">{t:.1f}</text>')
        out.append(f'<text x="{x0 - 6}" y="{sy(t) + 4:.1f}" text-anchor="end">{t:.1f}</text>')
    out.append(f'<text x="{x0 + PW / 2}" y="{y0 + PH + 30}" text-anchor="middle">score</text>')
    out.append(
        f'<text x="{x0 - 36}" y="{y0 + PH / 2}" text-anchor="middle" '
        f'transform="rotate(-90 {x0 - 36} {y0 + PH / 2})">share right</text>'
    )
    out.append(
        f'<text x="{x0 + PW / 2}" y="{y0 - 10}" text-anchor="middle" font-weight="bold">'
        f'{title}: ECE {part["ece"]:.4f} ({total})</text>'
    )
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json")
    ap.add_argument("svg")
    ap.add_argument("--set", default=None, help="which gold set (default: the first)")
    args = ap.parse_args()
    with open(args.json, encoding="utf-8") as f:
        sets = json.load(f)
    chosen = [s for s in sets if args.set in (None, s["set"])]
    if not chosen:
        sys.exit(f"reliability_svg: no set {args.set!r} in {args.json}")
    data = chosen[0]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
             f'viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="11">',
             f'<rect width="{W}" height="{H}" fill="#fafafa"/>']
    parts += plot(LEFT, f'{data["set"]} links', data["links"], "#2b6cb0")
    parts += plot(LEFT + PW + GAP, f'{data["set"]} units', data["units"], "#c05621")
    parts.append(
        f'<text x="{W / 2}" y="{H - 6}" text-anchor="middle" fill="#555">'
        'bars: share right per bin of 10; dots: at the bin\'s mean score, area by count; '
        'dashed: perfect calibration</text>'
    )
    parts.append("</svg>")
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
