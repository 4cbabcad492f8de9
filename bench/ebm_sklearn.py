# HistGradientBoostingClassifier on the rows bench/ebm.ts writes; prints accuracy, fit wall time and fit CPU time as JSON.
import json, sys, time
import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier

d = json.load(open(sys.argv[1]))
Xtr = np.array(d["Xtr"], dtype=float)  # null (missing) becomes NaN, which HGB routes
Xte = np.array(d["Xte"], dtype=float)
t = time.perf_counter()
c = time.process_time()
m = HistGradientBoostingClassifier(random_state=0).fit(Xtr, d["ytr"])
fit = time.perf_counter() - t
cpu = time.process_time() - c
print(json.dumps({"version": sklearn.__version__, "fit": fit, "cpu": cpu, "accuracy": float((m.predict(Xte) == np.array(d["yte"])).mean())}))
