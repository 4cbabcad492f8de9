/** Error messages of `src/llm/`: one function per message (see README.md beside this file). */
export const llmMessages = {
};
