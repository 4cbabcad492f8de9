/** Error messages of `src/data/`: one function per message (see README.md beside this file). */
export const dataMessages = {
};
