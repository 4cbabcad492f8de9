// Internal: JSON.parse keeps only the last of repeated keys, so a data file with a column
// named twice would silently lose the first one. This scan finds such a key first.

interface Frame {
  kind: "object" | "array";
  /** Keys seen so far, for objects whose keys are column names; null for other objects. */
  keys: Set<string> | null;
  expectKey: boolean;
}

/**
 * The first key repeated within one row object of JSON text — the top-level object (columns
 * of arrays) or an object directly inside a top-level array (rows) — or undefined. Nested
 * values (objects inside cells) are not columns and are not checked. The text is assumed to
 * be valid JSON (JSON.parse reports syntax errors).
 *
 * @example
 * duplicateJsonKey('[{"x": 1, "x": 2}]');  // "x"
 * duplicateJsonKey('{"a": [1], "b": [2]}'); // undefined
 */
export function duplicateJsonKey(text: string): string | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.kind === "object" && top.expectKey) {
        top.expectKey = false;
        if (top.keys) {
          const key = JSON.parse(text.slice(i, end + 1)) as string;
          if (top.keys.has(key)) return key;
          top.keys.add(key);
        }
      }
      i = end;
    } else if (c === 123 /* { */) {
      const columns = stack.length === 0 || (stack.length === 1 && stack[0].kind === "array");
      stack.push({ kind: "object", keys: columns ? new Set() : null, expectKey: true });
    } else if (c === 91 /* [ */) stack.push({ kind: "array", keys: null, expectKey: false });
    else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === "object") top.expectKey = true;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return text.length - 1;
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}
