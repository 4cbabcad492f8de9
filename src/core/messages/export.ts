/** Error messages of `src/export/`: one function per message (see README.md beside this file). */
export const exportMessages = {
};
