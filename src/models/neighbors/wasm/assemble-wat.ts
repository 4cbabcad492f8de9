/**
 * A WebAssembly text (.wat) assembler for the small subset the k-NN kernels use, so the
 * kernels' source stays readable in the repository without a dependency (wabt is large and
 * not installed). Supported: one module with an optional exported memory (`(memory (export
 * "name") pages)`), functions with `(export "name")`, `(param $x type)`, `(result type)` and
 * `(local $x type)`, and bodies in the flat (non-folded) instruction form using the opcodes
 * in OPCODES below; `block`/`loop` take a `$label` that `br`/`br_if` name; memory
 * instructions take optional `offset=N` and `align=N`. Anything else is an error naming the
 * token, so an unsupported instruction cannot assemble into wrong bytes.
 */

const VALUE_TYPES: Record<string, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Immediate kinds: none, a local, a label, an i32/f64 constant, a memory argument (natural alignment in log2 bytes), a block. */
type Immediate = "none" | "local" | "label" | "i32" | "f64" | { mem: number } | "block";

/** Opcode bytes (after the 0xfd prefix for SIMD) and immediates of every supported instruction. */
const OPCODES: Record<string, { code: number[]; imm: Immediate }> = {
  block: { code: [0x02], imm: "block" },
  loop: { code: [0x03], imm: "block" },
  end: { code: [0x0b], imm: "none" },
  br: { code: [0x0c], imm: "label" },
  br_if: { code: [0x0d], imm: "label" },
  "local.get": { code: [0x20], imm: "local" },
  "local.set": { code: [0x21], imm: "local" },
  "local.tee": { code: [0x22], imm: "local" },
  "i32.load": { code: [0x28], imm: { mem: 2 } },
  "i32.store": { code: [0x36], imm: { mem: 2 } },
  "i32.const": { code: [0x41], imm: "i32" },
  "f64.const": { code: [0x44], imm: "f64" },
  "i32.eqz": { code: [0x45], imm: "none" },
  "i32.ge_u": { code: [0x4f], imm: "none" },
  "i32.add": { code: [0x6a], imm: "none" },
  "i32.sub": { code: [0x6b], imm: "none" },
  "i32.mul": { code: [0x6c], imm: "none" },
  "i32.shl": { code: [0x74], imm: "none" },
  "i32.shr_u": { code: [0x76], imm: "none" },
  "v128.load": { code: [0xfd, 0x00], imm: { mem: 4 } },
  "v128.load32_splat": { code: [0xfd, 0x09], imm: { mem: 2 } },
  "v128.store": { code: [0xfd, 0x0b], imm: { mem: 4 } },
  "f64x2.splat": { code: [0xfd, 0x14], imm: "none" },
  "v128.or": { code: [0xfd, 0x50], imm: "none" },
  "v128.any_true": { code: [0xfd, 0x53], imm: "none" },
  "f32x4.le": { code: [0xfd, 0x45], imm: "none" },
  "f32x4.add": { code: [0xfd, 0xe4, 0x01], imm: "none" },
  "f32x4.mul": { code: [0xfd, 0xe6, 0x01], imm: "none" },
};

type SExpr = string | SExpr[];

/**
 * Assembles the supported subset of the WebAssembly text format into a binary module.
 *
 * @example
 * const bytes = assembleWat('(module (func (export "one") (result i32) i32.const 1))');
 * new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.one(); // 1
 */
export function assembleWat(text: string): Uint8Array<ArrayBuffer> {
  const module = parse(text);
  if (!Array.isArray(module) || module[0] !== "module") throw new Error("wat: expected (module ...)");
  const types: string[] = [];
  const funcTypes: number[] = [];
  const exports: number[][] = [];
  const bodies: number[][] = [];
  let memory: number[] | undefined;
  for (const field of module.slice(1)) {
    if (!Array.isArray(field)) throw new Error(`wat: unexpected ${field} in module`);
    if (field[0] === "memory") memory = memoryField(field, exports);
    else if (field[0] === "func") {
      const f = funcField(field, funcTypes.length, exports);
      if (!types.includes(f.type)) types.push(f.type);
      funcTypes.push(types.indexOf(f.type));
      bodies.push(f.body);
    } else throw new Error(`wat: unsupported module field ${String(field[0])}`);
  }
  const typeEntries = types.map((key) => {
    const [params, results] = key.split("|").map((s) => (s ? s.split(" ").map(Number) : []));
    return [0x60, ...vector(params.map((t) => [t])), ...vector(results.map((t) => [t]))];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(typeEntries)),
    ...section(3, vector(funcTypes.map((t) => u32(t)))),
    ...(memory ? section(5, vector([memory])) : []),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies.map((b) => [...u32(b.length), ...b]))),
  ]);
}

function memoryField(field: SExpr[], exports: number[][]): number[] {
  let pages: number | undefined;
  for (const part of field.slice(1)) {
    if (Array.isArray(part) && part[0] === "export") exports.push([...name(part[1]), 0x02, 0x00]);
    else if (typeof part === "string" && /^\d+$/.test(part)) pages = Number(part);
    else throw new Error(`wat: unsupported memory part ${JSON.stringify(part)}`);
  }
  if (pages === undefined) throw new Error("wat: memory needs a page count");
  return [0x00, ...u32(pages)];
}

function funcField(field: SExpr[], index: number, exports: number[][]): { type: string; body: number[] } {
  const locals = new Map<string, number>();
  const params: number[] = [];
  const results: number[] = [];
  const localTypes: number[] = [];
  const code: string[] = [];
  for (const part of field.slice(1)) {
    if (typeof part === "string") {
      if (code.length === 0 && part.startsWith("$") && locals.size === 0 && params.length === 0) continue; // the function's own name
      code.push(part);
    } else if (part[0] === "export") exports.push([...name(part[1]), 0x00, ...u32(index)]);
    else if (part[0] === "param" || part[0] === "local") {
      const [, id, type] = part as string[];
      if (!(type in VALUE_TYPES) || !id?.startsWith("$")) throw new Error(`wat: write ${part[0]} as ($name type): ${JSON.stringify(part)}`);
      locals.set(id, locals.size);
      (part[0] === "param" ? params : localTypes).push(VALUE_TYPES[type]);
    } else if (part[0] === "result") results.push(VALUE_TYPES[part[1] as string]);
    else throw new Error(`wat: folded instructions are not supported: ${JSON.stringify(part)}`);
  }
  // Locals are declared as runs of one type.
  const runs: number[][] = [];
  for (const t of localTypes) {
    const last = runs[runs.length - 1];
    if (last && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  const body = [...vector(runs.map(([count, t]) => [...u32(count), t])), ...instructions(code, locals), 0x0b];
  // The signature as a key ("params|results") that the type section decodes back.
  return { type: `${params.join(" ")}|${results.join(" ")}`, body };
}

function instructions(code: string[], locals: Map<string, number>): number[] {
  const out: number[] = [];
  const labels: (string | undefined)[] = [];
  for (let i = 0; i < code.length; i++) {
    const op = OPCODES[code[i]];
    if (!op) throw new Error(`wat: unsupported instruction ${code[i]}`);
    out.push(...op.code);
    const next = (): string => {
      if (i + 1 >= code.length) throw new Error(`wat: ${code[i]} needs an immediate`);
      return code[++i];
    };
    if (op.imm === "block") {
      labels.push(code[i + 1]?.startsWith("$") ? next() : undefined);
      out.push(0x40);
    } else if (code[i] === "end") {
      labels.pop();
    } else if (op.imm === "local") {
      const id = next();
      const at = locals.get(id);
      if (at === undefined) throw new Error(`wat: unknown local ${id}`);
      out.push(...u32(at));
    } else if (op.imm === "label") {
      const id = next();
      const depth = labels.length - 1 - labels.lastIndexOf(id);
      if (depth >= labels.length) throw new Error(`wat: unknown label ${id}`);
      out.push(...u32(depth));
    } else if (op.imm === "i32") {
      out.push(...s32(Number(next())));
    } else if (op.imm === "f64") {
      out.push(...new Uint8Array(Float64Array.of(Number(next())).buffer));
    } else if (typeof op.imm === "object") {
      let offset = 0;
      let align = op.imm.mem;
      while (/^(offset|align)=/.test(code[i + 1] ?? "")) {
        const [key, value] = next().split("=");
        if (key === "offset") offset = Number(value);
        else align = Math.log2(Number(value));
      }
      out.push(...u32(align), ...u32(offset));
    }
  }
  if (labels.length > 0) throw new Error("wat: a block or loop has no end");
  return out;
}

function parse(text: string): SExpr {
  const tokens = text.replace(/;;[^\n]*/g, " ").match(/\(|\)|"[^"]*"|[^\s()]+/g) ?? [];
  let at = 0;
  const read = (): SExpr => {
    const token = tokens[at++];
    if (token !== "(") return token;
    const list: SExpr[] = [];
    while (tokens[at] !== ")") {
      if (at >= tokens.length) throw new Error("wat: unbalanced parentheses");
      list.push(read());
    }
    at++;
    return list;
  };
  const tree = read();
  if (at !== tokens.length) throw new Error("wat: text after the module");
  return tree;
}

function name(quoted: SExpr): number[] {
  if (typeof quoted !== "string" || !quoted.startsWith('"')) throw new Error(`wat: expected a quoted name, got ${JSON.stringify(quoted)}`);
  const bytes = new TextEncoder().encode(quoted.slice(1, -1));
  return [...u32(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...u32(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

/** Unsigned LEB128. */
function u32(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128. */
function s32(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) { out.push(byte); return out; }
    out.push(byte | 0x80);
  }
}
