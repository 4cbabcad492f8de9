/** Error messages of `src/cascade/`: one function per message (see README.md beside this file). */
export const cascadeMessages = {
};
