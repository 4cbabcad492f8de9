/** Error messages of `src/evaluate/`: one function per message (see README.md beside this file). */
export const evaluateMessages = {
};
