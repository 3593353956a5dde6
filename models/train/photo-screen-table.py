"""
Markdown table of photo-screen rows, in models/photo/CARD.md's "Design choices" format, plus the head's size and
the verdict of the spatial-feature experiment (issue 10):

  python3 models/train/photo-screen-table.py tests/bench/results/photo-screen-spatial.jsonl > tests/bench/results/photo-screen-spatial.md

For each row: validation kind top-1/top-3 per source, department top-1 (home = kids vs adult), Myntra colour
top-1/top-3, kind ECE, the head's parameter count (standardisation mean/std per input → Dense Din→128 ReLU → 71 / 4 / 16, plus a shared
1280→k projection where used) and, against the baseline row (the last row named `baseline…` trained on the same
views, i.e. with or without the mirrored copies, and the same head loss weights), the change
in kind top-1 on home photos and Myntra. A design "wins" when both rise by ≥ 2 points (mean of 3 seeds) and neither
department (home, Myntra) nor colour top-1 falls by more than 0.5 (our reading of "without losing"; noise on the
242 home photos is about ±3 points).
"""
import json, sys

REGION_CELLS = {'grid2': 4, 'bands3': 3, 'centre3': 1, 'grid3': 9, 'cells49': 49}
H, OUT = 128, 71 + 4 + 16


def params(cfg):
    cells = sum(REGION_CELLS.get(n, 1) for n in cfg.get('spatial') or [])
    k = cfg.get('proj', 0)
    col = {'v2b': 162, 'v1': 67}.get(cfg.get('colour', 'v1'), 0)
    din = (0 if cfg.get('noPooled') else 1280) + col + (cells * k if k else cells * 1280)
    h = cfg.get('hidden', H)
    return 2 * din + din * h + h + h * OUT + OUT + (1280 * k if k else 0)  # mean/std per input, layers, projection


def top1(s):
    return float(s.split('/')[0])


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    aug = lambda r: (tuple(r['config'].get('aug', [])), str(r['config'].get('headWeights')))
    # each row against the last baseline row trained on the same views (with / without the mirrored copies) and loss weights
    bases = {aug(r): r for r in rows if r['name'].startswith('baseline')}
    print('| design | kind: home | kind: Myntra | kind: Flipkart | dept: home (kids vs adult) | dept: Myntra | colour: Myntra '
          '| kind ECE | head parameters | Δ kind top-1 home / Myntra | verdict |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for r in rows:
        base = bases[aug(r)]
        dh, dm = top1(r['cate.cloth']) - top1(base['cate.cloth']), top1(r['cate.myntr']) - top1(base['cate.myntr'])
        why = [] if dh >= 2 and dm >= 2 else ['kind < +2']
        for k, label in (('depa.cloth', 'dept home'), ('depa.myntr', 'dept Myntra'), ('colo.myntr', 'colour')):
            d = top1(r[k]) - top1(base[k])
            if d < -0.5:
                why.append(f'{label} {d:+.1f}')
        verdict = 'baseline' if r['name'].startswith('baseline') else '**wins**' if not why else 'no: ' + ', '.join(why)
        sd = r.get('sd1', {})
        sdt = f" (seed sd {sd['cate.cloth']} / {sd['cate.myntr']})" if 'cate.cloth' in sd else ''
        print(f"| {r['name']} | {r['cate.cloth']} | {r['cate.myntr']} | {r['cate.flipk']} | {top1(r['depa.cloth']):.1f} "
              f"| {top1(r['depa.myntr']):.1f} | {r['colo.myntr']} | {r['cate.ece']} | {params(r['config']):,} "
              f"| {dh:+.1f} / {dm:+.1f}{sdt} | {verdict} |")


main()
