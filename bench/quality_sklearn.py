"""The scikit-learn side of bench/quality.ts.

  /usr/bin/python3 bench/quality_sklearn.py bench/out/quality/<name>.json

reads the rows bench/quality.ts wrote (train = the 75% distill saw, test = the other 25%),
fits GridSearchCV-tuned (5-fold) logistic regression (C) or ridge (alpha) and decision tree
(depth, min leaf), a default RandomForest and HistGradientBoosting, and prints JSON: test
accuracy (classification) or R² (regression) of each. Numeric columns: median-imputed
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
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

warnings.filterwarnings("ignore")


def main(path):
    d = json.load(open(path))
    train, test = pd.DataFrame(d["train"]), pd.DataFrame(d["test"])
    target, cls = d["target"], d["kind"] == "classification"
    feats = [c for c in d["features"] if c != target]
    num = [c for c in feats if pd.api.types.is_numeric_dtype(train[c])]
    cat = [c for c in feats if c not in num]
    y_train, y_test = train[target], test[target]
    if cls:
        y_train, y_test = y_train.astype(str), y_test.astype(str)

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

    Xtr, Xte = prepared(train), prepared(test)
    cv = StratifiedKFold(5, shuffle=True, random_state=0) if cls else KFold(5, shuffle=True, random_state=0)
    linear = GridSearchCV(Pipeline([("x", columns(True)), ("m", LogisticRegression(max_iter=2000) if cls else Ridge())]),
                          {"m__C": [0.01, 0.1, 1, 10, 100]} if cls else {"m__alpha": [0.01, 0.1, 1, 10, 100]}, cv=cv)
    tree = GridSearchCV(Pipeline([("x", columns(False)), ("m", DecisionTreeClassifier(random_state=0) if cls else DecisionTreeRegressor(random_state=0))]),
                        {"m__max_depth": [2, 3, 4, 6, 8, None], "m__min_samples_leaf": [1, 5, 25]}, cv=cv)
    forest = Pipeline([("x", columns(False)), ("m", RandomForestClassifier(random_state=0) if cls else RandomForestRegressor(random_state=0))])
    hgb = Pipeline([("x", columns(False)), ("m", HistGradientBoostingClassifier(random_state=0) if cls else HistGradientBoostingRegressor(random_state=0))])
    out = {}
    for name, model in [("linear", linear), ("tree", tree), ("forest", forest), ("hgb", hgb)]:
        model.fit(Xtr, y_train)
        out[name] = float(model.score(Xte, y_test))
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
