"""
Fine-tuning screen for the photo head (issue 10): can training MobileNet V2's last layers, or adding the explicit-photo
check's MobileNet (a second backbone the app already runs on every photo), lift the head past the frozen pooled
feature? Reads models/train/photo-finetune-cache.ts's features; same fold, labels, loss, Adam, cosine decay, L2 and
head weights as the numpy head screen (models/train/photo-screen-numpy.py, which this reproduces for mode "frozen"),
with the backbone layers as extra parameters: Adam at their own learning rate "lrb", optionally pulled towards the
pretrained weights ("l2b", L2-SP). Input standardisation stays that of the pretrained pooled feature.

Modes: frozen (the shipped design: pooled 1280 + colour 162 -> 128 -> heads), conv1 (Conv_1, 320->1280 + ReLU6 +
average pool, trained; block 16 fixed), proj (block 16's projection 960->320 and Conv_1 trained). Options: aug
["flip"] (mirrored training copies), nsfw "flat" | "d1" (the second backbone's pooled 1280 / dense 256 as extra
inputs), nsfwOnly (its pooled feature instead of MobileNet's), reps (repetitions with other seeds, averaged).

  npx tsx models/train/photo-screen.ts --dump .cache/photo-finetune/rows.json
  OPENBLAS_NUM_THREADS=1 python3 models/train/photo-finetune-screen.py '{"name":"x","mode":"conv1","aug":["flip"]}' ...

One JSON line per config on stdout, appended to tests/bench/results/photo-screen-finetune.jsonl.
"""
import hashlib, json, os, sys, time
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
D = os.path.join(ROOT, '.cache/photo-finetune')
rows = json.load(open(os.path.join(D, 'rows.json')))
N = len(rows)
HEADS = [('category', 71, 'cls'), ('department', 4, 'dept'), ('colour', 16, 'colour')]
src = np.array([r['source'] for r in rows])
fold = np.array([r['fold'] for r in rows])
masks = []
for _, k, key in HEADS:
    M = np.zeros((N, k), np.float32)
    for i, r in enumerate(rows):
        for c in r[key]:
            M[i, c] = 1
    masks.append(M)
_W = {}


def weights():
    if not _W:
        w = json.load(open(os.path.join(D, 'weights.json')))
        _W.update({k.replace('MobilenetV2/', ''): np.array(v['data'], np.float32).reshape(v['shape']) for k, v in w.items()})
    return _W


def relu6(x):
    return np.clip(x, 0, 6)


def block16_depthwise(a):
    """[n,7,7,160] (expanded_conv_15/add) -> block 16's depthwise output [n,7,7,960] (pretrained weights, SAME pad)."""
    w = weights()
    e = relu6(a @ w['expanded_conv_16/expand/weights'][0, 0] + w['expanded_conv_16/expand/biases'])
    k = w['expanded_conv_16/depthwise/weights'][:, :, :, 0]
    p = np.pad(e, ((0, 0), (1, 1), (1, 1), (0, 0)))
    d = np.zeros_like(e)
    for i in range(3):
        for j in range(3):
            d += p[:, i:i + 7, j:j + 7, :] * k[i, j]
    return relu6(d + w['expanded_conv_16/depthwise/biases'])


def project(d):
    w = weights()
    return d @ w['expanded_conv_16/project/weights'][0, 0] + w['expanded_conv_16/project/biases']


def conv1_pool(b):
    w = weights()
    return relu6(b @ w['Conv_1/weights'][0, 0] + w['Conv_1/biases']).mean((1, 2))


_views = {}


def view(v, level):
    """Rows of photos-train in rows.json order: (backbone input for `level`, pooled, colour, nsfw, present)."""
    if (v, level) in _views:
        return _views[(v, level)]
    base = os.path.join(D, f'photos-train-{v}')
    index = json.load(open(base + '.index.json'))
    n = len(index)
    hp = os.path.join(D, f'hashes-{v}.json')  # the photos' sha256 in index order, redone when the cache is rebuilt
    if not os.path.exists(hp) or os.path.getmtime(hp) < os.path.getmtime(base + '.index.json'):
        json.dump([hashlib.sha256(open(os.path.join(ROOT, p), 'rb').read()).hexdigest() for p in index], open(hp, 'w'))
    pos = {h: i for i, h in enumerate(json.load(open(hp)))}
    sel = np.array([pos.get(r['hash'], -1) for r in rows])
    ok = sel >= 0
    sel = np.where(ok, sel, 0)
    block = np.memmap(base + '.block', np.float16, 'r', shape=(n, 7, 7, 160))
    pool = np.fromfile(base + '.pool', np.float32).reshape(n, 1280)[sel]
    colour = np.fromfile(base + '.colour', np.float32).reshape(n, -1)[sel]
    nsfw = np.fromfile(base + '.nsfw', np.float32).reshape(n, 1536)[sel]
    S = None
    if level:
        S = np.zeros((N, 49, 320 if level == 'b16' else 960), np.float32 if level == 'b16' else np.float16)
        for a in range(0, N, 256):
            d = block16_depthwise(np.asarray(block[sel[a:a + 256]], np.float32))
            S[a:a + 256] = (project(d) if level == 'b16' else d).reshape(-1, 49, S.shape[2])
        if level == 'b16':  # the recomputed pooled feature must be the engine's
            some = np.where(ok)[0][:64]
            err = np.abs(conv1_pool(S[some].reshape(-1, 7, 7, 320)) - pool[some]).max()
            assert len(some) and err < 5e-3, f'recomputed pool differs from the cached AvgPool by {err}'
    _views[(v, level)] = (S, pool, colour, nsfw, ok)
    return _views[(v, level)]


def softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def train(S, C, Ms, cfg, seed, mean, std):
    rs = np.random.RandomState(seed)
    w = weights()
    mode = cfg.get('mode', 'frozen')
    H, Din = cfg.get('hidden', 128), 1280 + C.shape[1]
    P = {'w1': rs.uniform(-1, 1, (Din, H)).astype(np.float32) * np.sqrt(6 / (Din + H)), 'b1': np.zeros(H, np.float32)}
    for name, k, _ in HEADS:
        P['w_' + name] = rs.uniform(-1, 1, (H, k)).astype(np.float32) * np.sqrt(6 / (H + k)) * 0.1
        P['b_' + name] = np.zeros(k, np.float32)
    B0 = {}
    if mode in ('conv1', 'proj'):
        B0['wc'], B0['bc'] = w['Conv_1/weights'][0, 0].copy(), w['Conv_1/biases'].copy()
    if mode == 'proj':
        B0['wp'], B0['bp'] = w['expanded_conv_16/project/weights'][0, 0].copy(), w['expanded_conv_16/project/biases'].copy()
    P.update({k: v.copy() for k, v in B0.items()})
    m = {k: np.zeros_like(v) for k, v in P.items()}
    v2 = {k: np.zeros_like(v) for k, v in P.items()}
    lr, l2, B, E = cfg.get('lr', 4e-3), cfg.get('l2', 1e-2), cfg.get('batch', 64), cfg.get('epochs', 12)
    lrb, l2b = cfg.get('lrb', 3e-4), cfg.get('l2b', 0.0)
    hw, t, n = [1, 0.7, 0.7], 0, len(C)

    def forward(Sx, idx):
        if mode == 'frozen':
            return Sx[idx], None, None, None
        xd = Sx[idx].astype(np.float32).reshape(-1, 960) if mode == 'proj' else None
        x1 = xd @ P['wp'] + P['bp'] if mode == 'proj' else Sx[idx].reshape(-1, 320)
        a = x1 @ P['wc'] + P['bc']
        return relu6(a).reshape(len(idx), 49, 1280).mean(1), a, x1, xd

    for ep in range(E):
        scale = 0.5 * (1 + np.cos(np.pi * ep / E))
        order = rs.permutation(n)
        for s0 in range(0, n, B):
            idx = order[s0:s0 + B]
            pooled, a, x1, xd = forward(S, idx)
            z = (np.concatenate([pooled, C[idx]], 1) - mean) / std
            h = np.maximum(0, z @ P['w1'] + P['b1'])
            gh, G = np.zeros_like(h), {}
            for hi, (name, k, _) in enumerate(HEADS):
                M = Ms[hi][idx]
                p = softmax(h @ P['w_' + name] + P['b_' + name])
                g = (p - p * M / np.maximum((p * M).sum(1, keepdims=True), 1e-12)) * (M.sum(1) > 0)[:, None] * hw[hi] / len(idx)
                G['w_' + name], G['b_' + name] = h.T @ g, g.sum(0)
                gh += g @ P['w_' + name].T
            gh = gh * (h > 0)
            G['w1'], G['b1'] = z.T @ gh, gh.sum(0)
            if mode != 'frozen':
                gp = (gh @ P['w1'].T)[:, :1280] / std[:1280] / 49
                ga = np.repeat(gp, 49, 0) * ((a > 0) & (a < 6))
                G['wc'], G['bc'] = x1.T @ ga, ga.sum(0)
                if mode == 'proj':
                    g1 = ga @ P['wc'].T
                    G['wp'], G['bp'] = xd.T @ g1, g1.sum(0)
            t += 1
            corr = np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            for key in P:
                bb = key in B0
                g = G[key] + (l2b * (P[key] - B0[key]) if bb else l2 * P[key] if key.startswith('w') else 0)
                m[key] = 0.9 * m[key] + 0.1 * g
                v2[key] = 0.999 * v2[key] + 0.001 * g * g
                P[key] -= (lrb if bb else lr) * scale * corr * m[key] / (np.sqrt(v2[key]) + 1e-8)

    def predict(Sv, Cv):
        out = []
        for a0 in range(0, len(Cv), 256):
            pooled = forward(Sv, np.arange(a0, min(a0 + 256, len(Cv))))[0]
            z = (np.concatenate([pooled, Cv[a0:a0 + 256]], 1) - mean) / std
            h = np.maximum(0, z @ P['w1'] + P['b1'])
            out.append([h @ P['w_' + nm] + P['b_' + nm] for nm, _, _ in HEADS])
        return [np.concatenate([o[i] for o in out]) for i in range(3)]

    return predict


def fit_t(z, M):
    has, best = M.sum(1) > 0, (1e9, 1)
    for lt in np.linspace(np.log(0.2), np.log(10), 80):
        p = softmax(z[has] / np.exp(lt))
        best = min(best, (-np.log(np.maximum((p * M[has]).sum(1), 1e-12)).mean(), np.exp(lt)))
    return best[1]


def run(cfg):
    t0 = time.time()
    mode = cfg.get('mode', 'frozen')
    level = {'frozen': '', 'conv1': 'b16', 'proj': 'dw'}[mode]
    data = []
    for v in ['centre'] + cfg.get('aug', []):
        S, pool, colour, nsfw, ok = view(v, level)
        extra = {'flat': nsfw[:, :1280], 'd1': nsfw[:, 1280:]}.get(cfg.get('nsfw'), colour[:, :0])
        if cfg.get('nsfwOnly'):
            pool = nsfw[:, :1280]
        data.append((pool if mode == 'frozen' else S, pool, np.concatenate([colour, extra], 1), ok))
    va = data[0][3] & (fold == 0)
    tr = [d[3] & (fold != 0) for d in data]
    St = np.concatenate([d[0][t] for d, t in zip(data, tr)])
    Ct = np.concatenate([d[2][t] for d, t in zip(data, tr)])
    Mt = [np.concatenate([M[t] for t in tr]) for M in masks]
    X = np.concatenate([np.concatenate([d[1][t] for d, t in zip(data, tr)]), Ct], 1)
    mean, std = X.mean(0), np.sqrt(np.maximum(1e-6, X.var(0)))
    acc = {}
    for rep in range(cfg.get('reps', 1)):
        z = train(St, Ct, Mt, cfg, 1000 * rep + 1, mean, std)(data[0][0][va], data[0][2][va])
        for hi, (name, _, _) in enumerate(HEADS):
            M = masks[hi][va]
            p = softmax(z[hi] / fit_t(z[hi], M))
            top = np.argsort(-p, 1)[:, :3]
            h1 = M[np.arange(len(M)), top[:, 0]] > 0
            h3 = (np.take_along_axis(M, top, 1) > 0).any(1)
            for s_ in ['clothing-dataset', 'myntra', 'flipkart']:
                sel = (M.sum(1) > 0) & (src[va] == s_)
                if sel.sum() > 20:
                    acc.setdefault(f'{name[:4]}.{s_[:5]}', []).append((100 * h1[sel].mean(), 100 * h3[sel].mean()))
    res = {'name': cfg['name'], 'train': int(len(Ct)), 'val': int(va.sum())}
    for k, v in acc.items():
        res[k] = f'{np.mean([a for a, _ in v]):.1f}/{np.mean([b for _, b in v]):.1f}'
    res['s'] = round(time.time() - t0)
    print(json.dumps(res), flush=True)
    with open(os.path.join(ROOT, 'tests/bench/results/photo-screen-finetune.jsonl'), 'a') as f:
        f.write(json.dumps({'config': cfg, **res}) + '\n')


for a in sys.argv[1:]:
    run(json.loads(a))
