import { describe, expect, it } from "vitest";
import { csvCell } from "../../src/cli/csv-cell.ts";

describe("csvCell (OWASP CSV injection)", () => {
  it("neutralises text a spreadsheet would run as a formula with a leading '", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+cmd")).toBe("'+cmd");
    expect(csvCell("-rf")).toBe("'-rf");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe("\"'\rx\"");
  });

  it("leaves numbers alone, negative ones included", () => {
    expect(csvCell(-42)).toBe("-42");
    expect(csvCell("-42")).toBe("-42");
    expect(csvCell("+3.5")).toBe("+3.5");
    expect(csvCell("-1e-3")).toBe("-1e-3");
    expect(csvCell(0.25)).toBe("0.25");
  });

  it("quotes cells with commas, quotes or line breaks (RFC 4180), after neutralising", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(undefined)).toBe("");
  });
});
