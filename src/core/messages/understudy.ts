/** Error messages of `src/understudy/`: one function per message (see README.md beside this file). */
export const understudyMessages = {
};
