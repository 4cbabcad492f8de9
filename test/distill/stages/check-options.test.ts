import { describe, expect, it } from "vitest";
import { messages } from "../../../src/core/messages/index.ts";
import { checkOptions } from "../../../src/distill/check-options.ts";

describe("checkOptions (stage 1)", () => {
  const base = { data: [{ a: 1 }], task: "Is it big?", labels: ["big", "small"] };

  it("fills in the documented defaults and turns one text column into a list", () => {
    const o = checkOptions({ ...base, text: "body" });
    expect(o).toMatchObject({ seed: 0, model: "auto", split: { train: 0.6, validation: 0.2, test: 0.2 }, cascadeTarget: 0.99, text: ["body"] });
    // No fixed tolerance: model choice uses the best candidate's standard error (at most 0.005).
    expect(o.tolerance).toBeUndefined();
  });

  it("checks the decision options: positive among the labels, a target rate in (0, 1), calibrate and classWeight of a classification", () => {
    expect(() => checkOptions({ ...base, positive: "huge" })).toThrow(messages.distill.badPositive("huge", base.labels));
    expect(() => checkOptions({ ...base, targetRate: 1 })).toThrow(messages.distill.badTargetRate(1));
    expect(() => checkOptions({ ...base, calibrate: "yes" as unknown as boolean })).toThrow(messages.distill.badCalibrate("yes"));
    expect(() => checkOptions({ data: base.data, task: base.task, calibrate: true })).toThrow(messages.distill.calibrateNeedsLabels());
    expect(() => checkOptions({ ...base, classWeight: "equal" as "balanced" })).toThrow(messages.distill.badClassWeight("equal"));
    expect(checkOptions({ ...base, positive: "small", costs: { falsePositive: 0, falseNegative: 3 } })).toMatchObject({ positive: "small", costs: { falsePositive: 0, falseNegative: 3 } });
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
