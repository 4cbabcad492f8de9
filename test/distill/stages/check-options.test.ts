import { describe, expect, it } from "vitest";
import { messages } from "../../../src/core/messages/index.ts";
import { checkOptions } from "../../../src/distill/check-options.ts";

describe("checkOptions (stage 1)", () => {
  const base = { data: [{ a: 1 }], task: "Is it big?", labels: ["big", "small"] };

  it("fills in the documented defaults and turns one text column into a list", () => {
    const o = checkOptions({ ...base, text: "body" });
    expect(o).toMatchObject({ seed: 0, model: "auto", split: { train: 0.6, validation: 0.2, test: 0.2 }, cascadeTarget: 0.99, text: ["body"] });
    // No default tolerance: model choice then uses the best candidate's standard error (at most 0.005).
    expect(o.tolerance).toBeUndefined();
  });

  it("rejects each bad option with its code and message", () => {
    expect(() => checkOptions(null as never)).toThrow(messages.distill.optionsNotObject());
    expect(() => checkOptions({ ...base, maxLabels: 0 })).toThrow(messages.distill.badMaxLabels(0));
    expect(() => checkOptions({ ...base, concepts: { k: 51 } })).toThrow(messages.distill.badConceptsK(51));
    expect(() => checkOptions({ ...base, cascadeTarget: 0 })).toThrow(messages.distill.badCascadeTarget(0));
    expect(() => checkOptions({ ...base, teacher: {} as never })).toThrow(expect.objectContaining({ code: "bad_teacher", message: messages.distill.notATeacher() }));
    expect(() => checkOptions({ ...base, command: ["understudy"] as never })).toThrow(expect.objectContaining({ code: "bad_option", message: messages.distill.badCommand(["understudy"]) }));
  });
});
