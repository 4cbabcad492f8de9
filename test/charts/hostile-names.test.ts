import { describe, expect, it } from "vitest";
import { distill, setLogger } from "../../src/index.ts";

// Column names and class labels are user data: newlines, dots, brackets, quotes, backslashes
// and prototype names must not break any chart of the report.
const cols = ["a.b", "c[0]", 'q"uote\\x', "line\nbreak\r", "constructor", "__proto__x"];
const labels = ["yes.\nno", 'la"b[1]\\'];
const rows = Array.from({ length: 120 }, (_, i) => {
  const row: Record<string, unknown> = {};
  cols.forEach((c, j) => { row[c] = ((i * (j + 3)) % 17) + (j === 0 ? (i % 2) * 20 : 0); });
  row.label = labels[i % 2];
  return row;
});

describe("charts with hostile names", () => {
  it("the HTML report renders every chart with such column names and labels", async () => {
    const previous = setLogger({ warn: () => {}, info: () => {} });
    try {
      for (const model of ["tree", "logistic"] as const) {
        const u = await distill({ data: rows, task: "Which?", labels, target: "label", teacher: false, model });
        const html = await u.report({ format: "html" });
        expect(html).not.toMatch(/chart could not be rendered|Error:/i);
        expect((html.match(/<svg/g) ?? []).length).toBeGreaterThan(2);
      }
    } finally {
      setLogger(previous);
    }
  }, 60_000);
});
