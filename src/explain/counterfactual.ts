import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix } from "../data/matrix.ts";
import type { Label, LinearModel, TreeStructure } from "../models/estimator.ts";
import { isLinearModel, isNeighborModel, isTreeModel } from "../models/model-kinds.ts";
import { classIndex, inputRow, modelOutputs, type FittedModel } from "./model-access.ts";

/** One feature that has to change. */
export interface CounterfactualChange {
  feature: number;
  name: string;
  from: number;
  to: number;
}

/** The smallest change found that flips a classifier's decision. */
export interface Counterfactual {
  found: boolean;
  /** The class the changed row is predicted as (or the one asked for when none was found). */
  target: Label;
  /** The original prediction. */
  original: Label;
  /** The changed row (the original row when none was found). */
  x: number[];
  changes: CounterfactualChange[];
  /** Σ |to − from| / scale over the changes (a missing value that gets filled costs 1). */
  distance: number;
  /** "tree" (exact over a single tree's leaves), "linear" (exact closed form) or "search" (bounded). */
  method: "tree" | "linear" | "search";
}

/** Options for `counterfactual`. */
export interface CounterfactualOptions {
  /** The class wanted; default any class other than the current prediction. */
  target?: Label;
  /** Features (names or indices) that must not change. */
  immutable?: (string | number)[];
  /** Allowed [min, max] per feature name. */
  ranges?: Record<string, [number, number]>;
  /** Per-feature scale for the L1 distance; default the model's featureScales, else the training standard deviation (k-NN), else 1. */
  scale?: ArrayLike<number>;
  /** Bounded search: the most features changed at once (default 3). */
  maxChanges?: number;
}

/**
 * The nearest row (in standardized L1 distance Σ|Δ_j|/scale_j) that the classifier predicts
 * as another class, respecting immutable features and allowed ranges. Exact for a single tree
 * (every leaf of the wanted class is a box: project x into each and keep the nearest) and for
 * binary linear models (the optimum of a linear program with one constraint: move the
 * features with the largest |w_j|·scale_j first). Forests, softmax and k-NN models get a
 * bounded beam search over candidate values (tree thresholds, training values, scaled steps),
 * which may miss the optimum. Values that must cross a tree threshold are set just above it.
 * Classifiers only (a regressor throws); when no row within the ranges flips the decision,
 * `found` is false and `changes` is empty.
 *
 * @example
 * const cf = counterfactual(model, row, { immutable: ["age"], ranges: { links: [0, 50] } });
 * cf.changes; // [{ name: "links", from: 7, to: 2.5 }]
 */
export function counterfactual(model: FittedModel, x: ArrayLike<number>, options: CounterfactualOptions = {}): Counterfactual {
  if (model.capabilities.task !== "classification" || !model.classes) {
    throw new UnderstudyError("unsupported_model", messages.explain.needsClassifier("counterfactual"));
  }
  const row = inputRow(model, x, "counterfactual");
  const F = row.length;
  const classes = model.classes;
  const original = model.predict([row])[0];
  const targets =
    options.target !== undefined ? [classIndex(model, options.target, "counterfactual")] : classes.map((_, k) => k).filter((k) => classes[k] !== original);
  if (options.target !== undefined && options.target === original) {
    return { found: true, target: original, original, x: Array.from(row), changes: [], distance: 0, method: "search" };
  }
  const bounds = allowedRanges(model, row, options);
  // A k-NN model's stored rows (a copy) inform the scales and the candidate values: read once.
  const training = isNeighborModel(model) ? model.trainingX : undefined;
  const scale = scales(model, options.scale, F, training);
  const ctx: Context = { model, row, targets, bounds, scale, classes, training };
  const trees = isTreeModel(model) ? model.trees : undefined;
  let best: Float64Array | null;
  let method: Counterfactual["method"];
  if (trees?.length === 1) {
    best = treeExact(ctx, trees[0]);
    method = "tree";
  } else if (isLinearModel(model) && model.link === "logistic") {
    best = linearExact(ctx, model);
    method = "linear";
  } else {
    best = beamSearch(ctx, trees, options.maxChanges ?? 3);
    method = "search";
  }
  if (!best) {
    return { found: false, target: classes[targets[0]], original, x: Array.from(row), changes: [], distance: Infinity, method };
  }
  const predicted = model.predict([best])[0];
  const changes: CounterfactualChange[] = [];
  for (let j = 0; j < F; j++) {
    if (!Object.is(best[j], row[j])) changes.push({ feature: j, name: model.featureNames[j] ?? `x${j}`, from: row[j], to: best[j] });
  }
  return { found: true, target: predicted, original, x: Array.from(best), changes, distance: cost(ctx, best), method };
}

interface Context {
  model: FittedModel;
  row: Float64Array;
  targets: number[];
  /** Allowed [min, max] per feature; immutable features have min = max = x (or NaN for missing). */
  bounds: [number, number][];
  scale: Float64Array;
  classes: Label[];
  /** k-NN models: the stored training rows. */
  training?: Matrix;
}

function allowedRanges(model: FittedModel, row: Float64Array, options: CounterfactualOptions): [number, number][] {
  const bounds: [number, number][] = Array.from(row, () => [-Infinity, Infinity] as [number, number]);
  const index = (f: string | number) => {
    const j = typeof f === "number" ? f : model.featureNames.indexOf(f);
    if (!Number.isInteger(j) || j < 0 || j >= row.length) {
      throw new UnderstudyError("bad_option", messages.explain.unknownFeature("counterfactual", f, model.featureNames));
    }
    return j;
  };
  for (const [name, range] of Object.entries(options.ranges ?? {})) {
    const j = index(/^\d+$/.test(name) && !model.featureNames.includes(name) ? Number(name) : name);
    if (!Array.isArray(range) || range.length !== 2 || !(range[0] <= range[1])) {
      throw new UnderstudyError("bad_option", messages.explain.badRange("counterfactual", name, range));
    }
    bounds[j] = [range[0], range[1]];
  }
  for (const f of options.immutable ?? []) {
    const j = index(f);
    bounds[j] = [row[j], row[j]];
  }
  return bounds;
}

function scales(model: FittedModel, given: ArrayLike<number> | undefined, F: number, training: Matrix | undefined): Float64Array {
  const out = new Float64Array(F).fill(1);
  const fromModel = isLinearModel(model) ? model.featureScales : undefined;
  if (given) {
    if (given.length !== F) throw new UnderstudyError("bad_option", messages.explain.scaleCount("counterfactual", given.length, F));
    out.set(given);
  } else if (fromModel) out.set(fromModel);
  else if (training) {
    for (let j = 0; j < F; j++) {
      const col = training.column(j).filter((v) => v === v);
      const mean = col.reduce((a, b) => a + b, 0) / (col.length || 1);
      out[j] = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / (col.length || 1));
    }
  }
  for (let j = 0; j < F; j++) if (!(out[j] > 0) || !Number.isFinite(out[j])) out[j] = 1;
  return out;
}

function cost(ctx: Context, z: ArrayLike<number>): number {
  let d = 0;
  for (let j = 0; j < ctx.row.length; j++) {
    const a = ctx.row[j];
    const b = z[j];
    if (Object.is(a, b)) continue;
    d += a !== a || b !== b ? 1 : Math.abs(b - a) / ctx.scale[j];
  }
  return d;
}

function isTarget(ctx: Context, label: Label): boolean {
  return ctx.targets.some((k) => ctx.classes[k] === label);
}

/** The smallest value strictly above a threshold, readable enough to show a person. */
function above(t: number): number {
  return Number.isFinite(t) ? t + 1e-6 * Math.max(1, Math.abs(t)) : t;
}

function treeExact(ctx: Context, tree: TreeStructure): Float64Array | null {
  const F = ctx.row.length;
  const K = tree.nOutputs;
  const lo = new Float64Array(F);
  const hi = new Float64Array(F);
  const missingOk = new Uint8Array(F);
  let best: Float64Array | null = null;
  let bestCost = Infinity;
  const leafPaths: { leaf: number; path: { node: number; left: boolean }[] }[] = [];
  const walk = (node: number, path: { node: number; left: boolean }[]) => {
    if (tree.left[node] === -1) {
      let arg = 0;
      for (let k = 1; k < K; k++) if (tree.value[node * K + k] > tree.value[node * K + arg]) arg = k;
      if (ctx.targets.includes(arg)) leafPaths.push({ leaf: node, path });
      return;
    }
    walk(tree.left[node], [...path, { node, left: true }]);
    walk(tree.right[node], [...path, { node, left: false }]);
  };
  walk(0, []);
  for (const { path } of leafPaths) {
    lo.fill(-Infinity);
    hi.fill(Infinity);
    missingOk.fill(1);
    for (const { node, left } of path) {
      const f = tree.feature[node];
      const t = tree.threshold[node];
      if (left) hi[f] = Math.min(hi[f], t);
      else lo[f] = Math.max(lo[f], t);
      if ((tree.missingGoesLeft[node] === 1) !== left) missingOk[f] = 0;
    }
    const z = projectIntoBox(ctx, lo, hi, missingOk);
    if (!z) continue;
    const c = cost(ctx, z);
    if (c < bestCost && isTarget(ctx, ctx.model.predict([z])[0])) {
      best = z;
      bestCost = c;
    }
  }
  return best;
}

/** The nearest point of the box (lo, hi] (per feature) within the allowed ranges, or null. */
function projectIntoBox(ctx: Context, lo: Float64Array, hi: Float64Array, missingOk: Uint8Array): Float64Array | null {
  const z = Float64Array.from(ctx.row);
  for (let j = 0; j < z.length; j++) {
    const [rlo, rhi] = ctx.bounds[j];
    const v = ctx.row[j];
    const immutable = Object.is(rlo, rhi) && (Object.is(rlo, v) || (rlo !== rlo && v !== v));
    if (v !== v) {
      if (missingOk[j] || (lo[j] === -Infinity && hi[j] === Infinity)) continue;
      if (immutable) return null;
      // Fill the missing value with the feasible point nearest 0 (a neutral choice).
      const a = Math.max(lo[j] === -Infinity ? -Infinity : above(lo[j]), rlo);
      const b = Math.min(hi[j], rhi);
      if (a > b) return null;
      z[j] = Math.min(Math.max(0, a), b);
      continue;
    }
    if (v > lo[j] && v <= hi[j]) continue;
    if (immutable) return null;
    const a = Math.max(above(lo[j]), rlo);
    const b = Math.min(hi[j], rhi);
    if (a > b) return null;
    z[j] = v <= lo[j] ? a : b;
  }
  return z;
}

function linearExact(ctx: Context, linear: LinearModel): Float64Array | null {
  const { row, bounds, scale } = ctx;
  const w = linear.coefficients[0];
  let s = linear.intercepts[0];
  for (let j = 0; j < row.length; j++) s += w[j] * row[j];
  if (s !== s) return null;
  // Class 1 needs a positive logit, class 0 a negative one; cross zero by a hair.
  const up = ctx.targets.includes(1);
  const margin = 1e-9 * Math.max(1, Math.abs(linear.intercepts[0]));
  let need = up ? -s + margin : s + margin;
  if (need <= 0) return Float64Array.from(row);
  // Fractional knapsack: the score moves |w_j| per raw unit at a cost of 1/scale_j.
  const order = w.map((_, j) => j).filter((j) => w[j] !== 0).sort((a, b) => Math.abs(w[b]) * scale[b] - Math.abs(w[a]) * scale[a]);
  const z = Float64Array.from(row);
  for (const j of order) {
    const increase = up === w[j] > 0;
    const room = increase ? bounds[j][1] - row[j] : row[j] - bounds[j][0];
    if (!(room > 0)) continue;
    const step = Math.min(need / Math.abs(w[j]), room);
    // At the edge of the range, land exactly on the bound rather than a rounding away from it.
    z[j] = step === room ? (increase ? bounds[j][1] : bounds[j][0]) : row[j] + (increase ? step : -step);
    need -= step * Math.abs(w[j]);
    if (need <= 1e-15) return z;
  }
  return null;
}

function candidateValues(ctx: Context, j: number, trees: TreeStructure[] | undefined): number[] {
  const v = ctx.row[j];
  const [rlo, rhi] = ctx.bounds[j];
  if (Object.is(rlo, rhi)) return [];
  const set = new Set<number>();
  if (trees) {
    for (const t of trees) {
      for (let n = 0; n < t.nodeCount; n++) {
        if (t.feature[n] !== j || t.left[n] === -1) continue;
        set.add(t.threshold[n]);
        set.add(above(t.threshold[n]));
      }
    }
  }
  const training = ctx.training;
  if (training) {
    const col = Array.from(training.column(j)).filter((a) => a === a).sort((a, b) => a - b);
    for (let q = 0; q <= 40; q++) set.add(col[Math.round((q / 40) * (col.length - 1))]);
  }
  const centre = v === v ? v : 0;
  for (const m of [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8]) {
    set.add(centre + m * ctx.scale[j]);
    set.add(centre - m * ctx.scale[j]);
  }
  const values = [...set].filter((c) => c >= rlo && c <= rhi && !Object.is(c, v));
  // A forest has many thresholds near x: keep the nearest few on each side and spread the rest
  // over the whole range, so the bounded search can still make large moves.
  const below = spread(values.filter((c) => !(c > centre)).sort((a, b) => b - a), 24);
  const aboveC = spread(values.filter((c) => c > centre).sort((a, b) => a - b), 24);
  return [...below, ...aboveC];
}

/** Up to `count` values of a list sorted by distance: the 4 nearest, then evenly spaced ones. */
function spread(sorted: number[], count: number): number[] {
  if (sorted.length <= count) return sorted;
  const picked = new Set<number>(sorted.slice(0, 4));
  for (let q = 0; q < count - 4; q++) picked.add(sorted[4 + Math.round((q * (sorted.length - 5)) / (count - 5))]);
  return [...picked];
}

function beamSearch(ctx: Context, trees: TreeStructure[] | undefined, maxChanges: number): Float64Array | null {
  const F = ctx.row.length;
  const candidates = Array.from({ length: F }, (_, j) => candidateValues(ctx, j, trees));
  const targetShare = (outputs: number[]) => Math.max(...ctx.targets.map((k) => outputs[k]));
  const start = targetShare(modelOutputs(ctx.model, new Matrix(Float64Array.from(ctx.row), 1, F))[0]);
  const half = 8;
  let beam: { z: Float64Array; changed: Set<number> }[] = [{ z: Float64Array.from(ctx.row), changed: new Set() }];
  let best: Float64Array | null = null;
  let bestCost = Infinity;
  for (let depth = 0; depth < maxChanges && beam.length > 0; depth++) {
    const next: { z: Float64Array; changed: Set<number>; c: number }[] = [];
    for (const state of beam) {
      for (let j = 0; j < F; j++) {
        if (state.changed.has(j)) continue;
        for (const value of candidates[j]) {
          const z = Float64Array.from(state.z);
          z[j] = value;
          const c = cost(ctx, z);
          if (c < bestCost) next.push({ z, changed: new Set([...state.changed, j]), c });
        }
      }
    }
    if (next.length === 0) break;
    const scored = evaluate(ctx, next).map((s) => ({ ...s, gain: targetShare(s.outputs) - start }));
    for (const s of scored) {
      if (s.flips && s.c < bestCost) {
        best = s.z;
        bestCost = s.c;
      }
    }
    // Keep the states that moved most toward the target per unit of distance, and those that
    // moved most outright (a large step may be needed to cross a plateau).
    const open = scored.filter((s) => !s.flips && s.c < bestCost && s.gain > 0);
    const byRate = [...open].sort((a, b) => b.gain / b.c - a.gain / a.c).slice(0, half);
    const byGain = [...open].sort((a, b) => b.gain - a.gain || a.c - b.c).slice(0, half);
    beam = [...new Set([...byRate, ...byGain])];
  }
  return best ? shrink(ctx, best, candidates) : null;
}

/** Moves each changed feature back toward x as far as the decision stays flipped. */
function shrink(ctx: Context, found: Float64Array, candidates: number[][]): Float64Array {
  let best = found;
  for (let j = 0; j < best.length; j++) {
    const from = ctx.row[j];
    const to = best[j];
    if (Object.is(from, to) || from !== from) continue;
    const closer = [from, ...candidates[j]].filter((c) => Math.abs(c - from) < Math.abs(to - from) && (c - from) * (to - from) >= 0);
    if (closer.length === 0) continue;
    const trials = closer.map((c) => {
      const z = Float64Array.from(best);
      z[j] = c;
      return { z, c: cost(ctx, z) };
    });
    const ok = evaluate(ctx, trials).filter((t) => t.flips).sort((a, b) => a.c - b.c);
    if (ok.length > 0) best = ok[0].z;
  }
  return best;
}

function evaluate<T extends { z: Float64Array }>(ctx: Context, states: T[]): (T & { flips: boolean; outputs: number[] })[] {
  const F = ctx.row.length;
  const data = new Float64Array(states.length * F);
  states.forEach((s, i) => data.set(s.z, i * F));
  const X = new Matrix(data, states.length, F, ctx.model.featureNames);
  const predicted = ctx.model.predict(X);
  const outputs = modelOutputs(ctx.model, X);
  return states.map((s, i) => ({ ...s, flips: isTarget(ctx, predicted[i]), outputs: outputs[i] }));
}
