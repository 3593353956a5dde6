"""
Screening of photo-head designs on the validation fold (fold 0 of photo-train.ts), fast: a numpy re-implementation
of models/train/photo-head-model.ts (same model, partial-label loss, Adam, cosine decay, L2, head weights; dropout and
label smoothing as options), mean of 3 seeds per config. Reads the cached features only. Used for
models/photo/CARD.md "Design choices"; the shipped head is trained by the TypeScript trainer (npm run train:photo).
Config "dumpVal": a JSON file for the first repetition's calibrated validation outputs (its `seeds` averaged;
{hash: [category, department, colour]}; models/train/photo-fusion-screen.ts reads it).

  npx tsx models/train/photo-screen.ts --dump /tmp/rows.json
  OPENBLAS_NUM_THREADS=1 flock -s /tmp/cpu.lock python3 models/train/photo-screen-numpy.py /tmp/rows.json '{"name":"x","colour":"v2b","l2":1e-2}' ...

Appends one JSON line per config to tests/bench/results/photo-screen-numpy.jsonl (env PHOTO_SCREEN_OUT: another file
under the repo). Env PHOTO_CACHE_DIR, PHOTO_KEY (the engine cache folder, default the tfjs one). Config "spatial":
[parts of models/train/photo_spatial_features.py] adds MobileNet's spatial features (photo-spatial-cache.ts).
"""
import json, os, sys, time
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
C = os.environ.get('PHOTO_CACHE_DIR', os.path.join(ROOT, '.cache/photo-embeddings'))
K = os.environ.get('PHOTO_KEY', 'tfjs-115ec0edd7e9')
rows = json.load(open(sys.argv[1]))
N = len(rows)
_cache = {}


def load(kind, dim):
    if kind in _cache:
        return _cache[kind]
    d = {'centre': K, 'flip': K + '-flip', 'crop88': K + '-crop88', 'pad': K + '-pad'}.get(kind, kind.lstrip('@'))
    X = np.zeros((N, dim), np.float32)
    ok = np.zeros(N, bool)
    for i, r in enumerate(rows):
        p = f'{C}/{d}/{r["hash"]}.f32'
        if os.path.exists(p):
            v = np.fromfile(p, '<f4')
            if len(v) == dim:
                X[i] = v
                ok[i] = True
    _cache[kind] = (X, ok)
    return X, ok


HEADS = [('category', 71, 'cls'), ('department', 4, 'dept'), ('colour', 16, 'colour')]
src = np.array([r['source'] for r in rows])
fold = np.array([r['fold'] for r in rows])
masks = []
for name, k, key in HEADS:
    M = np.zeros((N, k), np.float32)
    for i, r in enumerate(rows):
        for c in r[key]:
            M[i, c] = 1
    masks.append(M)


masks0 = [m.copy() for m in masks]


def features(cfg, view):
    emb, ok = load(view, 2280)
    parts = [emb[:, :1280]]
    col = cfg.get('colour', 'v1')
    if col == 'v1':
        c, ok2 = load('colour-v1', 67)
    elif col == 'v2b':
        c, ok2 = load('colour-v2b-pad' if cfg.get('crop') == 'pad' else 'colour-v2b', 162)
    else:
        c, ok2 = np.zeros((N, 0), np.float32), np.ones(N, bool)
    if cfg.get('colourOnly'):  # only the region part of v2b
        c = c[:, 67:]
    parts.append(c)
    if cfg.get('probs'):
        parts.append(np.log(emb[:, 1280:] + 1e-4))
    if cfg.get('spatial') is not None:  # photo_spatial_features.py; 'noPooled': leave the global pool out
        sp, ok3 = spatial(cfg['spatial'], view)
        parts = ([] if cfg.get('noPooled') else parts[:1]) + parts[1:] + [sp]
        ok = ok & ok3
    return np.concatenate(parts, 1), ok & ok2


def spatial(names, view):
    import photo_spatial_features as psf
    if view not in _maps:
        _maps.clear()  # one view's maps at a time (1 GB each)
        _maps[view] = psf.load_maps(f'{C}/{K}-spatial' + ('-flip' if view == 'flip' else ''), rows)
    S, W, Wn, ok = _maps[view]
    parts = []
    for nm in names:
        if (view, nm) not in _cache:
            _cache[(view, nm)] = psf.part(nm, S, W, Wn)
        parts.append(_cache[(view, nm)])
    return np.concatenate(parts, 1) if parts else np.zeros((N, 0), np.float32), ok


_maps = {}


def softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def train(X, Ms, cfg, seed, W):
    rs = np.random.RandomState(seed)
    D = X.shape[1]
    H = cfg.get('hidden', 128)
    mean = X.mean(0)
    std = np.sqrt(np.maximum(1e-6, X.var(0)))
    Z = ((X - mean) / std).astype(np.float32)
    kp, nc = cfg.get('proj', 0), cfg.get('_cells', 0)  # proj: one learned 1280->kp map shared by the nc spatial cells
    Din = D - nc * 1280 + nc * kp if kp else D
    P = {'w1': rs.uniform(-1, 1, (Din, H)).astype(np.float32) * np.sqrt(6 / (Din + H)), 'b1': np.zeros(H, np.float32)}
    if kp:
        P['wp'] = rs.uniform(-1, 1, (1280, kp)).astype(np.float32) * np.sqrt(6 / (1280 + kp))
    for name, k, _ in HEADS:
        P['w_' + name] = rs.uniform(-1, 1, (H, k)).astype(np.float32) * np.sqrt(6 / (H + k)) * 0.1
        P['b_' + name] = np.zeros(k, np.float32)
    m = {k: np.zeros_like(v) for k, v in P.items()}
    v2 = {k: np.zeros_like(v) for k, v in P.items()}
    lr, l2, B, E = cfg.get('lr', 4e-3), cfg.get('l2', 1e-4), cfg.get('batch', 64), cfg.get('epochs', 12)
    hw = cfg.get('headWeights', [1, 0.7, 0.7])
    drop, eps = cfg.get('dropout', 0), cfg.get('smoothing', 0)
    t = 0
    n = len(Z)
    for ep in range(E):
        scale = 0.5 * (1 + np.cos(np.pi * ep / E))
        order = rs.permutation(n)
        for s in range(0, n, B):
            idx = order[s:s + B]
            z = Z[idx]
            zi = project(P, z, nc) if kp else z
            h = np.maximum(0, zi @ P['w1'] + P['b1'])
            if drop:
                keep = (rs.rand(*h.shape) >= drop).astype(np.float32) / (1 - drop)
                h = h * keep
            gh = np.zeros_like(h)
            G = {}
            for hi, (name, k, _) in enumerate(HEADS):
                M = Ms[hi][idx]
                has = M.sum(1) > 0
                p = softmax(h @ P['w_' + name] + P['b_' + name])
                ps = np.maximum((p * M).sum(1, keepdims=True), 1e-12)
                g = p - eps / k - (1 - eps) * p * M / ps
                g = g * (has * W[idx])[:, None] * hw[hi] / len(idx)
                G['w_' + name] = h.T @ g
                G['b_' + name] = g.sum(0)
                gh += g @ P['w_' + name].T
            gh = gh * (h > 0)
            if drop:
                gh = gh * keep
            G['w1'] = zi.T @ gh
            if kp:
                G['wp'] = z[:, -nc * 1280:].reshape(-1, 1280).T @ (gh @ P['w1'].T)[:, -nc * kp:].reshape(-1, kp)
            G['b1'] = gh.sum(0)
            t += 1
            a = lr * scale * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            for key in P:
                g = G[key] + (l2 * P[key] if key.startswith('w') else 0)
                m[key] = 0.9 * m[key] + 0.1 * g
                v2[key] = 0.999 * v2[key] + 0.001 * g * g
                P[key] -= a * m[key] / (np.sqrt(v2[key]) + 1e-8)
    return lambda Xv: logits(P, project(P, (Xv - mean) / std, nc) if kp else (Xv - mean) / std)


def project(P, z, nc):
    kp = P['wp'].shape[1]
    return np.concatenate([z[:, :-nc * 1280], (z[:, -nc * 1280:].reshape(len(z), nc, 1280) @ P['wp']).reshape(len(z), nc * kp)], 1)


def logits(P, z):
    h = np.maximum(0, z @ P['w1'] + P['b1'])
    return [h @ P['w_' + name] + P['b_' + name] for name, _, _ in HEADS]


def fit_t(z, M):
    has = M.sum(1) > 0
    best = (1e9, 1)
    for lt in np.linspace(np.log(0.2), np.log(10), 80):
        p = softmax(z[has] / np.exp(lt))
        nll = -np.log(np.maximum((p * M[has]).sum(1), 1e-12)).mean()
        best = min(best, (nll, np.exp(lt)))
    return best[1]


def ece(conf, ok, bins=10):
    e = 0
    for b in range(bins):
        s = (conf > b / bins) & (conf <= (b + 1) / bins)
        if s.any():
            e += s.sum() / len(conf) * abs(conf[s].mean() - ok[s].mean())
    return 100 * e


def run(cfg):
    global masks
    masks = [m.copy() for m in masks0]
    if cfg.get('mergeNavy'):
        masks[2][:, 4] = np.maximum(masks[2][:, 4], masks[2][:, 3]); masks[2][:, 3] = 0
    t0 = time.time()
    if cfg.get('proj'):
        import photo_spatial_features as psf
        cfg = {**cfg, '_cells': sum(len(psf.REGIONS.get(nm, [0])) for nm in cfg['spatial'])}
    base = 'pad' if cfg.get('crop') == 'pad' else 'centre'
    X, ok = features(cfg, base)
    Xe = X
    if cfg.get('evalKey'):  # validate on another engine's embeddings (same photos, same colour statistics)
        Xe, oke = features(cfg, '@' + cfg['evalKey'])
        ok = ok & oke
    tr = ok & (fold != 0)
    va = ok & (fold == 0)
    Xt, Mt = [X[tr]], [[M[tr] for M in masks]]
    for v in cfg.get('aug', []):
        Xa, oka = features(cfg, v)
        s = oka & (fold != 0)
        Xt.append(Xa[s])
        Mt.append([M[s] for M in masks])
    St = np.concatenate([src[tr]] + [src[oka & (fold != 0)] for v in cfg.get('aug', [])]) if cfg.get('aug') else src[tr]
    W = np.where(St == 'clothing-dataset', cfg.get('homeWeight', 1.0), 1.0).astype(np.float32)
    Xt = np.concatenate(Xt)
    Mt = [np.concatenate([mm[hi] for mm in Mt]) for hi in range(3)]
    acc = {}
    for rep in range(cfg.get('reps', 3)):
        fs = [train(Xt, Mt, cfg, 1000 * rep + cfg.get('seed', 1) + 101 * s, W) for s in range(cfg.get('seeds', 1))]
        zs = [f(Xe[va]) for f in fs]
        z = [sum(zz[hi] for zz in zs) / len(zs) for hi in range(3)]
        one(z, va, acc)
        if cfg.get('dumpVal') and rep == 0:  # the fold head's calibrated validation outputs, for the fusion screen
            ps = [softmax(z[hi] / fit_t(z[hi], masks[hi][va])) for hi in range(3)]
            hashes = [rows[i]['hash'] for i in np.where(va)[0]]
            json.dump({h: [[round(float(x), 6) for x in p[j]] for p in ps] for j, h in enumerate(hashes)}, open(cfg['dumpVal'], 'w'))
    res = {'name': cfg['name'], 'train': int(len(Xt)), 'val': int(va.sum())}
    for k, v in acc.items():
        res[k] = v if k == 'colConf' else f'{np.mean([a for a, _ in v]):.1f}/{np.mean([b for _, b in v]):.1f}' if isinstance(v[0], tuple) else round(float(np.mean(v)), 1)
    if cfg.get('spatial') is not None:  # spread of top-1 over the seeds (sample sd), for the spatial screen's verdict
        res['sd1'] = {k: round(float(np.std([a for a, _ in v], ddof=1)), 1) for k, v in acc.items() if k != 'colConf' and isinstance(v[0], tuple) and len(v) > 1}
    res['s'] = round(time.time() - t0)
    print(json.dumps(res), flush=True)
    with open(os.path.join(ROOT, os.environ.get('PHOTO_SCREEN_OUT', 'tests/bench/results/photo-screen-numpy.jsonl')), 'a') as f:
        f.write(json.dumps({'config': cfg, **res}) + '\n')


def one(z, va, res):
    src_va = src[va]
    for hi, (name, k, _) in enumerate(HEADS):
        M = masks[hi][va]
        T = fit_t(z[hi], M)
        p = softmax(z[hi] / T)
        top = np.argsort(-p, 1)[:, :3]
        hit1 = M[np.arange(len(M)), top[:, 0]] > 0
        hit3 = (np.take_along_axis(M, top, 1) > 0).any(1)
        has = M.sum(1) > 0
        for s_ in ['clothing-dataset', 'myntra', 'flipkart']:
            sel = has & (src_va == s_)
            if sel.sum() > 20:
                res.setdefault(f'{name[:4]}.{s_[:5]}', []).append((100 * hit1[sel].mean(), 100 * hit3[sel].mean()))
        res.setdefault(f'{name[:4]}.ece', []).append(ece(p.max(1)[has], hit1[has]))
        if name == 'colour':
            conf = {}
            for i in np.where(has & ~hit1)[0]:
                key = f'{int(M[i].argmax())}>{int(top[i, 0])}'
                conf[key] = conf.get(key, 0) + 1
            res['colConf'] = sorted(conf.items(), key=lambda x: -x[1])[:10]


for a in sys.argv[2:]:
    run(json.loads(a))
