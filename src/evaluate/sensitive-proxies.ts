import { correlationRatio } from "./correlation-ratio.ts";
import { cramersV } from "./cramers-v.ts";

/** The default association from which a feature is listed as a likely proxy. */
export const PROXY_THRESHOLD = 0.3;

/** One feature column against one sensitive attribute. */
export interface ProxyAssociation {
  feature: string;
  attribute: string;
  /** Cramér's V for a categorical feature, the correlation ratio η for a numeric one. */
  measure: "cramersV" | "correlationRatio";
  value: number;
  /** Rows where both the feature (numeric) and the attribute have a value. */
  n: number;
  /** value ≥ threshold. */
  proxy: boolean;
}

/** Associations of every feature with every sensitive attribute, strongest first. */
export interface SensitiveProxies {
  threshold: number;
  associations: ProxyAssociation[];
}

/** The sensitive attributes of a run, read once so fairness and proxies agree on groups and missing cells. */
export interface SensitiveColumns {
  /** Per attribute, each row's group as text (null where the cell is missing). */
  attributes: { name: string; groups: (string | null)[] }[];
  /** True only with `useSensitiveAsFeature: true`. */
  asFeature: boolean;
  /** Association of every feature column with every attribute, over all rows (before any split: a proxy is one in any part). */
  proxies: SensitiveProxies & { rows: "all"; n: number };
}

/** A feature column for {@link sensitiveProxies}: numbers (null = missing) or categories (null = its own level). */
export type ProxyFeature =
  | { name: string; kind: "numeric"; values: readonly (number | null)[] }
  | { name: string; kind: "categorical"; values: readonly (string | null)[] };

/**
 * Which feature columns could stand in for a sensitive attribute that was kept out of the
 * features: Cramér's V for a categorical feature, the correlation ratio η for a numeric one
 * (both 0 to 1), flagged at `threshold` (default 0.3, a "moderate" association in Cohen's
 * conventions for V). Rows missing the attribute are left out; a missing categorical value is
 * a level of its own ("(missing)"), a missing number leaves its row out of that pair.
 *
 * @example
 * sensitiveProxies({ attributes: [{ name: "sex", groups }], features: [{ name: "income", kind: "numeric", values }] }).associations[0];
 * // { feature: "income", attribute: "sex", measure: "correlationRatio", value: 0.41, n: 1000, proxy: true }
 */
export function sensitiveProxies(input: {
  attributes: readonly { name: string; groups: readonly (string | null)[] }[];
  features: readonly ProxyFeature[];
  threshold?: number;
}): SensitiveProxies {
  const threshold = input.threshold ?? PROXY_THRESHOLD;
  const associations: ProxyAssociation[] = [];
  for (const a of input.attributes) {
    for (const f of input.features) {
      const rows = a.groups.map((_, i) => i).filter((i) => a.groups[i] !== null && (f.kind === "categorical" || f.values[i] !== null));
      const groups = rows.map((i) => a.groups[i]!);
      const value = f.kind === "numeric"
        ? correlationRatio(groups, rows.map((i) => f.values[i] as number))
        : cramersV(rows.map((i) => (f.values[i] as string | null) ?? "(missing)"), groups);
      associations.push({ feature: f.name, attribute: a.name, measure: f.kind === "numeric" ? "correlationRatio" : "cramersV", value, n: rows.length, proxy: value >= threshold });
    }
  }
  associations.sort((x, y) => y.value - x.value || x.feature.localeCompare(y.feature) || x.attribute.localeCompare(y.attribute));
  return { threshold, associations };
}
