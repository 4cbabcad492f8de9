import type { ChatMessage } from "../../src/llm/teacher.ts";

/** Reads the delimited rows back out of a prompt, as a scripted teacher would see them. */
export function promptRows(messages: ChatMessage[]): { id: string; content: string; label?: string }[] {
  const user = messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
  const out: { id: string; content: string; label?: string }[] = [];
  const re = /<row id="([^"]*)"(?: label="([^"]*)")?>\n([\s\S]*?)\n<\/row>/g;
  for (let m = re.exec(user); m; m = re.exec(user)) {
    out.push({ id: m[1], label: m[2], content: m[3].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") });
  }
  return out;
}
