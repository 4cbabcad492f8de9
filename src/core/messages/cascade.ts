/** Error messages of `src/cascade/`: one function per message (see README.md beside this file). */
export const cascadeMessages = {
  /** `chooseCascadeThreshold({ targetAgreement })` outside (0, 1]. */
  targetAgreement: (target: unknown): string =>
    `chooseCascadeThreshold: targetAgreement is ${target}; give a share in (0, 1], e.g. 0.99.`,
  /** Validation arrays of different lengths. */
  rowsLength: (confidence: number, student: number, teacher: number, gold?: number): string =>
    `cascadeFrontier: confidence has ${confidence} rows but student has ${student}, teacher ${teacher}${gold !== undefined ? `, gold ${gold}` : ""}; pass one value per validation row.`,
  /** No validation rows. */
  noRows: (): string => "cascadeFrontier: no validation rows; the cascade threshold is chosen on held-out rows.",
};
