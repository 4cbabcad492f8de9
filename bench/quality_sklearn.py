"""The scikit-learn side of bench/quality.ts.

  /usr/bin/python3 bench/quality_sklearn.py bench/out/quality/<name>.json

reads the rows and the outer splits bench/quality.ts wrote (`outer`: train / test row indices;
one split, or the K folds of pooled cross-validation), and on each outer split fits on its train
rows GridSearchCV-tuned (5-fold) logistic regression (C) or ridge (alpha) and decision tree
(depth, min leaf), a default RandomForest and HistGradientBoosting, and predicts its test rows.
The predictions of all outer splits are pooled and scored once: accuracy (classification) or
R² (regression, around the mean of every scored row). Prints JSON: {"scores": {model: score},
"params": {"linear" | "tree": the settings GridSearchCV chose on each outer split}}. Numeric columns: median-imputed
(+ missing indicators; scaled for the linear model); categoricals: one-hot (missing as its own
level); text: TF-IDF (unigrams + bigrams, min_df 2, 1,000 terms), as distill's featurizer does.
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

warnings.filterwarnings("ignore")


def main(path):
    d = json.load(open(path))
    rows = pd.DataFrame(d["rows"])
    target, cls = d["target"], d["kind"] == "classification"
    feats = [c for c in d["features"] if c != target]
    num = [c for c in feats if pd.api.types.is_numeric_dtype(rows[c])]
    cat = [c for c in feats if c not in num]
    y = rows[target].astype(str) if cls else rows[target].astype(float)

    def columns(scale):
        parts = []
        if num:
            steps = [SimpleImputer(strategy="median", add_indicator=True)] + ([StandardScaler()] if scale else [])
            parts.append(("num", make_pipeline(*steps), num))
        if cat:
            parts.append(("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="(missing)"), OneHotEncoder(handle_unknown="ignore")), cat))
        if d.get("text"):
            parts.append(("text", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=1000), d["text"]))
        return ColumnTransformer(parts, sparse_threshold=0)

    def prepared(df):
        df = df.copy()
        for c in cat:
            df[c] = df[c].astype(object).where(df[c].notna(), None).astype(str)
        return df

    X = prepared(rows)
    names = ["linear", "tree", "forest", "hgb"]
    truth, pooled, params = [], {n: [] for n in names}, {"linear": [], "tree": []}
    for split in d["outer"]:
        tr, te = split["train"], split["test"]
        truth.extend(y.iloc[te])
        for name, model in models(cls, columns).items():
            model.fit(X.iloc[tr], y.iloc[tr])
            pooled[name].extend(model.predict(X.iloc[te]))
            if name in params:
                params[name].append({k[3:]: v for k, v in model.best_params_.items()})
    truth = np.array(truth)
    score = (lambda p: float(np.mean(np.array(p) == truth))) if cls else (lambda p: float(r2_score(truth, p)))
    print(json.dumps({"scores": {n: score(pooled[n]) for n in names}, "params": params}))


def models(cls, columns):
    """Fresh, unfitted: the tuned linear model and tree (GridSearchCV, 5 inner folds), the default forest and HistGB."""
    cv = StratifiedKFold(5, shuffle=True, random_state=0) if cls else KFold(5, shuffle=True, random_state=0)
    linear = GridSearchCV(Pipeline([("x", columns(True)), ("m", LogisticRegression(max_iter=2000) if cls else Ridge())]),
                          {"m__C": [0.01, 0.1, 1, 10, 100]} if cls else {"m__alpha": [0.01, 0.1, 1, 10, 100]}, cv=cv)
    tree = GridSearchCV(Pipeline([("x", columns(False)), ("m", DecisionTreeClassifier(random_state=0) if cls else DecisionTreeRegressor(random_state=0))]),
                        {"m__max_depth": [2, 3, 4, 6, 8, None], "m__min_samples_leaf": [1, 5, 25]}, cv=cv)
    forest = Pipeline([("x", columns(False)), ("m", RandomForestClassifier(random_state=0) if cls else RandomForestRegressor(random_state=0))])
    hgb = Pipeline([("x", columns(False)), ("m", HistGradientBoostingClassifier(random_state=0) if cls else HistGradientBoostingRegressor(random_state=0))])
    return {"linear": linear, "tree": tree, "forest": forest, "hgb": hgb}


if __name__ == "__main__":
    main(sys.argv[1])
