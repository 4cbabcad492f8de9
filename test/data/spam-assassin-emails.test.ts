import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { spamAssassinEmails } from "../../src/data/spam-assassin-emails.ts";
import * as understudy from "../../src/index.ts";

describe("spamAssassinEmails (the real SpamAssassin corpus: demo, examples, notebooks)", () => {
  it("reads the whole corpus: 1,896 spam and 4,150 ham, as the package documents", async () => {
    const all = await spamAssassinEmails({ rows: 6046 });
    expect(all.filter((e) => e.label === "spam")).toHaveLength(500 + 1396);
    expect(all.filter((e) => e.label === "ham")).toHaveLength(2500 + 1400 + 250);
    expect(new Set(all.map((e) => e.id)).size).toBe(6046);
    for (const e of all) expect(e.label).toBe(e.id.startsWith("spam") ? "spam" : "ham");
    // MIME parts are decoded: HTML parts come out without tags, base64 bodies as text.
    const html = all.filter((e) => e.html === 1);
    expect(html.length).toBeGreaterThan(500);
    expect(html.filter((e) => /<\/?(html|body|font|table|td)\b/i.test(e.body))).toEqual([]);
    // Only spam-1/00481 keeps base64 lines: a blank line inside its Subject header ends its headers early.
    const base64Line = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z0-9+/]{76}$/m;
    expect(all.filter((e) => base64Line.test(e.body)).map((e) => e.id)).toEqual(["spam-1/00481"]);
  }, 60_000);

  it("samples with a seed, in shuffled order, so any slice mixes ham and spam", async () => {
    const a = await spamAssassinEmails({ rows: 300, seed: 4 });
    const b = await spamAssassinEmails({ rows: 300, seed: 4 });
    expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
    expect(new Set(a.slice(0, 100).map((e) => e.label))).toEqual(new Set(["spam", "ham"]));
    const c = await spamAssassinEmails({ rows: 300, seed: 5 });
    expect(c.map((e) => e.id)).not.toEqual(a.map((e) => e.id));
  });

  it("decodes encoded subjects and counts links", async () => {
    const all = await spamAssassinEmails({ rows: 6046 });
    expect(all.filter((e) => /=\?[^?]+\?[bq]\?/i.test(e.subject))).toEqual([]);
    const first = all.find((e) => e.id === "spam-1/00001")!;
    expect(first.subject).toBe("Life Insurance - Why Pay More?");
    expect(first.links).toBeGreaterThan(0);
  }, 60_000);

  it("is public: exported from the package root, and reads the whole corpus by default", async () => {
    expect(understudy.spamAssassinEmails).toBe(spamAssassinEmails);
    const all = await understudy.spamAssassinEmails();
    expect(all).toHaveLength(6046);
    // The default order is the seed-0 shuffle, the same as asking for every row with seed 0.
    expect(all.slice(0, 20).map((e) => e.id)).toEqual((await spamAssassinEmails({ rows: 20, seed: 0 })).map((e) => e.id));
  }, 60_000);

  it("rejects a sample size outside the corpus with one clear error", async () => {
    await expect(spamAssassinEmails({ rows: 0 })).rejects.toThrow(messages.data.spamAssassinRows(0, 6046));
    await expect(spamAssassinEmails({ rows: 6047 })).rejects.toMatchObject({ code: "bad_option" });
    await expect(spamAssassinEmails({ rows: 2.5 })).rejects.toMatchObject({ code: "bad_option" });
  });
});
