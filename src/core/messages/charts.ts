/** Error messages of `src/charts/`: one function per message (see README.md beside this file). */
export const chartsMessages = {
  /** A chart builder given no rows. */
  noRows: (builder: string): string => `${builder}: no rows to chart; pass a non-empty array.`,
  /** A chart field that must be a finite number and is not. */
  notFinite: (builder: string, where: string, value: unknown): string =>
    `${builder}: ${where} must be a finite number, got ${String(value)}.`,
  /** `shapeFunctionChart` given a term whose scores do not fit its bins. */
  badShapeTerm: (names: readonly string[], cells: number, got: number): string =>
    `shapeFunctionChart: a term of one or two features needs one finite score per cell (${cells} for ${JSON.stringify(names)}), got ${got}; pass a term from model.terms().`,
  /** A confusion matrix that is not labels × labels. */
  matrixShape: (builder: string, labels: number): string =>
    `${builder}: matrix must be ${labels}×${labels} to match labels; pass one row and one column per label.`,
  /** `fairnessChart({ referenceGroup })` names no group of the data. */
  unknownReferenceGroup: (group: unknown, groups: readonly string[]): string =>
    `fairnessChart: referenceGroup "${group}" is not among the groups (${groups.join(", ")}).`,
  /** A benchmark row without a system name. */
  systemName: (row: number, system: unknown): string =>
    `benchmarkChart: [${row}].system must be a non-empty name, got ${String(system)}.`,
  /** A benchmark row whose latencies a logarithmic axis cannot show. */
  latencies: (row: number, p50: number, p95: number): string =>
    `benchmarkChart: [${row}] latencies must be above 0 ms (the latency axis is logarithmic), got p50 ${p50}, p95 ${p95}.`,
  /** A rules chart with no rules. */
  noRules: (builder: string): string => `${builder}: no rules to chart; pass at least one leaf.`,
  /** A partial dependence grid too short, or averages not one per grid point. */
  dependenceGrid: (builder: string, grid: number, average: number): string =>
    `${builder}: grid needs at least 2 values and average one value per grid point (got ${grid} and ${average}).`,
  /** An ICE curve whose length differs from the grid's. */
  iceLength: (builder: string, curve: number, values: number, grid: number): string =>
    `${builder}: ice[${curve}] has ${values} values; each ICE curve needs one per grid point (${grid}).`,
  /** `renderSVG` given a spec vega-lite cannot compile. */
  uncompilableSpec: (reason: string): string =>
    `renderSVG: vega-lite could not compile the spec (${reason}); build it with one of the chart builders.`,
  /** `renderPNG({ scale })` outside (0, 10]. */
  pngScale: (scale: unknown): string => `renderPNG: scale must be a number in (0, 10], got ${String(scale)}.`,
};
