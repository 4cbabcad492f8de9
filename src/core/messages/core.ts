/** Error messages of `src/core/`: one function per message (see README.md beside this file). */
export const coreMessages = {
};
