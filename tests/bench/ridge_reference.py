#!/usr/bin/python3
"""TF-IDF + Ridge reference for eval-price (a benchmark, not a dependency; Debian python3-sklearn).

usage: ridge_reference.py train.jsonl valid.jsonl test1.jsonl [test2.jsonl ...] > out.json
Rows: name, item_description, brand_name, category_name, item_condition_id, shipping, price (train/valid).
Alpha is chosen on valid (never on a test file), then the model is refit on train + valid.
Prints {"alpha": a, "valid_rmsle": {...}, "preds": [[log1p pred, ...] per test file]}.
"""
import json
import sys

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.preprocessing import OneHotEncoder


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cols(rows):
    def s(r, k):
        v = r.get(k)
        return "" if v is None else str(v)

    desc = [s(r, "item_description") for r in rows]
    desc = ["" if d == "No description yet" else d for d in desc]
    cat = [[s(r, "brand_name").lower(), s(r, "category_name").lower(), s(r, "item_condition_id"), s(r, "shipping")] for r in rows]
    return [s(r, "name") for r in rows], desc, cat


class Feats:
    def fit(self, rows):
        name, desc, cat = cols(rows)
        self.vn = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        self.vd = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=100000, sublinear_tf=True)
        self.oh = OneHotEncoder(handle_unknown="ignore")
        self.vn.fit(name)
        self.vd.fit(desc)
        self.oh.fit(cat)
        return self

    def transform(self, rows):
        name, desc, cat = cols(rows)
        return hstack([self.vn.transform(name), self.vd.transform(desc), self.oh.transform(cat)]).tocsr()


def main():
    train, valid = load(sys.argv[1]), load(sys.argv[2])
    tests = [load(p) for p in sys.argv[3:]]
    ytr = np.log1p([r["price"] for r in train])
    yva = np.log1p([r["price"] for r in valid])
    f = Feats().fit(train)
    xtr, xva = f.transform(train), f.transform(valid)
    scores = {}
    for a in [0.5, 1.0, 2.0, 4.0, 8.0]:
        m = Ridge(alpha=a, solver="auto", random_state=0).fit(xtr, ytr - ytr.mean())
        p = m.predict(xva) + ytr.mean()
        scores[a] = float(np.sqrt(np.mean((p - yva) ** 2)))
    alpha = min(scores, key=scores.get)
    both = train + valid
    yb = np.log1p([r["price"] for r in both])
    f = Feats().fit(both)
    m = Ridge(alpha=alpha, solver="auto", random_state=0).fit(f.transform(both), yb - yb.mean())
    preds = [(m.predict(f.transform(t)) + yb.mean()).tolist() if t else [] for t in tests]
    json.dump({"alpha": alpha, "valid_rmsle": {str(k): v for k, v in scores.items()}, "preds": preds}, sys.stdout)


if __name__ == "__main__":
    main()
