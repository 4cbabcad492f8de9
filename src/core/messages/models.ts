/** Error messages of `src/models/`: one function per message (see README.md beside this file). */
export const modelsMessages = {
  // loading saved models (load-model.ts, check-saved-model.ts, tree/tree-json.ts)
  notAModel: (format: unknown) =>
    `loadModel: this is not an Understudy model (expected format "understudy-model", got ${JSON.stringify(format)}). Pass the object that toJSON() returned.`,
  modelVersion: (version: unknown) =>
    `loadModel: model format version ${JSON.stringify(version)} is not supported by this version of understudy-ml (it reads version 1); upgrade the package.`,
  unknownModelKind: (kind: unknown, known: string[]) => `loadModel: unknown model kind ${JSON.stringify(kind)}; known kinds: ${known.join(", ")}.`,
  damagedJSON: (kind: string, problem: string) =>
    `${kind}.fromJSON: ${problem}; the JSON is damaged or was edited: pass the object toJSON() returned.`,
  damagedTree: (kind: string, tree: number, problem: string) =>
    `${kind}.fromJSON: tree ${tree}: ${problem}; the JSON is damaged or was edited: pass the object toJSON() returned.`,
};
