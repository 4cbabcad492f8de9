/** Error messages of `src/report/`: one function per message (see README.md beside this file). */
export const reportMessages = {
  /** `buildReport({ format })` that is not html, md or json. */
  format: (format: unknown): string => `buildReport: format must be "html", "md" or "json", got ${JSON.stringify(format)}.`,
  /** A report input without a task description. */
  noTaskDescription: (): string => "buildReport: input.task.description is required; describe the task the model does.",
};
