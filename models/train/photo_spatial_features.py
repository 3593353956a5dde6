"""
Spatial MobileNet features for the numpy photo-head screen (models/train/photo-screen-numpy.py, config key
"spatial"), derived from the cache of models/train/photo-spatial-cache.ts: per photo the 7x7x1280 map of
MobilenetV2/Conv_1/Relu6 (float16) and per cell the share of item pixels (plain / skin at 0.2).

Parts (each a block of 1280 columns per region, concatenated in the order given):
  grid2    2x2 grid, overlapping cells rows/cols 0-3 and 3-6 (4 x 1280)
  bands3   top / middle / bottom bands, rows 0-2, 2-4, 4-6, all columns (3 x 1280)
  centre3  the middle 3x3 cells (1 x 1280)
  grid3    3x3 grid of overlapping 3x3-cell blocks (rows/cols 0-2, 2-4, 4-6; 9 x 1280)
  cells49  every cell on its own (49 x 1280; with "proj" a 1x1 conv to k channels, then the dense layer)
  masked   item-masked average pool: cell weight = share of the cell's pixels that differ from the border colour
           (falls back to the plain average when the item covers < 5% of the crop, as colour-region.ts does)
  maskedSkin  the same with skin-like pixels at 0.2
  bg       the complement: background-weighted average
  max      global max pool over the 49 cells
  energy   saliency-weighted average: cell weight = the cell's mean activation (a mask from MobileNet itself, not pixels)
  gem3     generalised-mean pool, p = 3 ((mean x^3)^(1/3) per channel; between average and max)
"""
import os
import numpy as np

G, D = 7, 1280
LEN = G * G * D + 2 * G * G


def load_maps(cache_dir, rows):
    """(N, 49, 1280) float16 maps, (N, 49) item shares, (N, 49) skin-down-weighted shares, ok mask."""
    n = len(rows)
    S = np.zeros((n, G * G, D), np.float16)
    W = np.zeros((n, G * G), np.float32)
    Wn = np.zeros((n, G * G), np.float32)
    ok = np.zeros(n, bool)
    for i, r in enumerate(rows):
        p = f'{cache_dir}/{r["hash"]}.f16'
        if os.path.exists(p) and os.path.getsize(p) == LEN * 2:
            v = np.fromfile(p, '<f2')
            S[i] = v[:G * G * D].reshape(G * G, D)
            W[i] = v[G * G * D:G * G * D + G * G]
            Wn[i] = v[G * G * D + G * G:]
            ok[i] = True
    return S, W, Wn, ok


def _cells(r0, r1, c0, c1):
    return [r * G + c for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


REGIONS = {
    'grid2': [_cells(0, 3, 0, 3), _cells(0, 3, 3, 6), _cells(3, 6, 0, 3), _cells(3, 6, 3, 6)],
    'bands3': [_cells(0, 2, 0, 6), _cells(2, 4, 0, 6), _cells(4, 6, 0, 6)],
    'centre3': [_cells(2, 4, 2, 4)],
    'grid3': [_cells(r, r + 2, c, c + 2) for r in (0, 2, 4) for c in (0, 2, 4)],
    'cells49': [[k] for k in range(G * G)],
}


def _weighted(S, w, chunk=512):
    out = np.zeros((len(S), D), np.float32)
    for s in range(0, len(S), chunk):
        ww = w[s:s + chunk]
        out[s:s + chunk] = np.einsum('nc,ncd->nd', ww, S[s:s + chunk].astype(np.float32)) / ww.sum(1, keepdims=True)
    return out


def _mask_weights(W):
    w = W.copy()
    low = w.mean(1) < 0.05  # item under 5% of the crop: plain average
    w[low] = 1
    return w + 1e-6


def part(name, S, W, Wn, chunk=512):
    n = len(S)
    if name in REGIONS:
        regs = REGIONS[name]
        out = np.zeros((n, len(regs) * D), np.float32)
        for s in range(0, n, chunk):
            x = S[s:s + chunk].astype(np.float32)
            for k, cells in enumerate(regs):
                out[s:s + chunk, k * D:(k + 1) * D] = x[:, cells].mean(1)
        return out
    if name == 'masked':
        return _weighted(S, _mask_weights(W))
    if name == 'maskedSkin':
        return _weighted(S, _mask_weights(Wn))
    if name == 'bg':
        return _weighted(S, 1 - W + 1e-3)
    if name == 'max':
        out = np.zeros((n, D), np.float32)
        for s in range(0, n, chunk):
            out[s:s + chunk] = S[s:s + chunk].astype(np.float32).max(1)
        return out
    if name == 'energy':
        e = np.zeros((n, G * G), np.float32)
        for s in range(0, n, chunk):
            e[s:s + chunk] = S[s:s + chunk].astype(np.float32).mean(2)
        return _weighted(S, e + 1e-6)
    if name == 'gem3':
        out = np.zeros((n, D), np.float32)
        for s in range(0, n, chunk):
            out[s:s + chunk] = np.cbrt((S[s:s + chunk].astype(np.float32) ** 3).mean(1))
        return out
    raise ValueError(f'unknown spatial part {name}')
