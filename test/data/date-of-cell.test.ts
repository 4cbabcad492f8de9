import { describe, expect, it } from "vitest";
import { dateOfCell } from "../../src/data/date-of-cell.ts";

describe("dateOfCell", () => {
  it("reads ISO dates and date-times as epoch milliseconds, UTC when no zone is given", () => {
    expect(dateOfCell("2024-03-01")).toBe(Date.UTC(2024, 2, 1));
    expect(dateOfCell(" 2024-03-01 09:30 ")).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(dateOfCell("2024-03-01T09:30:15.250Z")).toBe(Date.UTC(2024, 2, 1, 9, 30, 15, 250));
    expect(dateOfCell("2024-03-01T09:30+02:00")).toBe(Date.UTC(2024, 2, 1, 7, 30));
    expect(dateOfCell(new Date(Date.UTC(2000, 0, 1)))).toBe(Date.UTC(2000, 0, 1));
  });

  it("is NaN for anything that is not a real ISO date", () => {
    for (const v of ["2024-02-30", "2024-13-01", "1999", "March 1st", "01/03/2024", 1709251200000, null, "", new Date("nope")]) {
      expect(dateOfCell(v)).toBeNaN();
    }
  });
});
