/** Error messages of `src/explain/`: one function per message (see README.md beside this file). */
export const explainMessages = {
};
