import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/progress-bar.ts";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 120, write: (text: string) => { writes.push(text); return true; } } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe("progressBar", () => {
  it("off a terminal, prints a line only when the phase or the whole percent changes", () => {
    const { stream, writes } = fakeStream(false);
    const bar = progressBar(stream);
    for (let done = 0; done <= 400; done++) bar.update({ phase: "label", done, total: 400 });
    bar.update({ phase: "label", done: 400, total: 400, message: "again" });
    bar.update({ phase: "fit", done: 1, total: 1 });
    bar.done();
    // 0%..100% once each (401 events over 400 units: every whole percent appears), then fit.
    expect(writes).toHaveLength(101 + 1);
    expect(writes[0]).toBe("label: 0% (0/400)\n");
    expect(writes[1]).toBe("label: 1% (4/400)\n");
    expect(writes[100]).toBe("label: 100% (400/400)\n");
    expect(writes[101]).toBe("fit: 100% (1/1)\n");
    expect(new Set(writes).size).toBe(writes.length);
  });

  it("without a total, prints a line per count", () => {
    const { stream, writes } = fakeStream(false);
    const bar = progressBar(stream);
    [1, 1, 2, 2, 3].forEach((done) => bar.update({ phase: "load", done }));
    expect(writes).toEqual(["load: 1\n", "load: 2\n", "load: 3\n"]);
  });

  it("on a terminal, redraws only when what it shows changes, and ends the line once", () => {
    const { stream, writes } = fakeStream(true);
    const bar = progressBar(stream);
    for (let k = 0; k < 5; k++) bar.update({ phase: "fit", done: 1, total: 2 });
    bar.update({ phase: "fit", done: 2, total: 2 });
    bar.done();
    expect(writes.filter((w) => w.startsWith("\r"))).toHaveLength(2);
    expect(writes.at(-1)).toBe("\n");
  });
});
