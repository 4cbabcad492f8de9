/** Error messages of `src/teach/`: one function per message (see README.md beside this file). */
export const teachMessages = {
};
