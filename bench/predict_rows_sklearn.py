"""scikit-learn's side of bench/predict-rows.ts: Pipeline(ColumnTransformer, model).predict(DataFrame).

    /usr/bin/python3 bench/predict_rows_sklearn.py bench/out/predict-rows   # called by predict-rows.ts

Reads train.json, fresh.json, spam.json and settings.json written by bench/predict-rows.ts and
prints one JSON list: per model, rows/s on the fresh rows (CPU time, best of 3 after a warm-up)
and one-row latency p50 / p99 in microseconds (a one-row DataFrame per call).
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier


def best_cpu_seconds(fn):
    fn()
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def one_row_micros(fn, frames, calls):
    for i in range(min(50, calls)):
        fn(frames[i % len(frames)])
    times = np.empty(calls)
    for i in range(calls):
        t = time.perf_counter()
        fn(frames[i % len(frames)])
        times[i] = (time.perf_counter() - t) * 1e6
    times.sort()
    return float(times[int(calls * 0.5)]), float(times[int(calls * 0.99)])


def timed(name, pipe, fresh, calls):
    seconds = best_cpu_seconds(lambda: pipe.predict(fresh))
    frames = [fresh.iloc[i : i + 1] for i in range(min(1000, len(fresh)))]
    p50, p99 = one_row_micros(pipe.predict, frames, calls)
    return {"model": name, "input": "DataFrame", "rowsPerSec": len(fresh) / seconds, "p50": p50, "p99": p99}


def main(out):
    settings = json.load(open(os.path.join(out, "settings.json")))
    numeric, categorical = settings["numeric"], settings["categorical"]
    calls = settings["oneRowCalls"]
    train = pd.DataFrame(json.load(open(os.path.join(out, "train.json"))))
    fresh = pd.DataFrame(json.load(open(os.path.join(out, "fresh.json")))).drop(columns=["label"])
    for c in numeric:
        train[c] = train[c].astype(float)
        fresh[c] = fresh[c].astype(float)
    features = ColumnTransformer([
        ("numeric", Pipeline([("impute", SimpleImputer(strategy="median", add_indicator=True)), ("scale", StandardScaler())]), numeric),
        ("categorical", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="(missing)")), ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
    ])
    models = [
        ("tree (depth 6)", DecisionTreeClassifier(max_depth=6, random_state=0)),
        ("logistic", LogisticRegression(C=1, max_iter=100)),
        ("forest (100 trees)", RandomForestClassifier(n_estimators=100, max_features="sqrt", n_jobs=1, random_state=0)),
    ]
    results = []
    for name, model in models:
        pipe = Pipeline([("features", features), ("model", model)]).fit(train[numeric + categorical], train["label"])
        results.append(timed(name, pipe, fresh, calls))

    emails = pd.DataFrame(json.load(open(os.path.join(out, "spam.json"))))
    n = settings["textTrain"]
    text = Pipeline([("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=1000)), ("model", LogisticRegression(C=1, max_iter=100))])
    text.fit(emails["body"][:n], emails["label"][:n])
    seconds = best_cpu_seconds(lambda: text.predict(emails["body"]))
    bodies = [emails["body"][i : i + 1] for i in range(1000)]
    p50, p99 = one_row_micros(text.predict, bodies, calls)
    results.append({"model": "TF-IDF + logistic", "input": "Series of text", "rowsPerSec": len(emails) / seconds, "p50": p50, "p99": p99})
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
