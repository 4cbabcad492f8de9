/** Error messages of `src/report/`: one function per message (see README.md beside this file). */
export const reportMessages = {
};
