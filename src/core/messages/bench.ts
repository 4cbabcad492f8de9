/** Error messages of `src/bench/`: one function per message (see README.md beside this file). */
export const benchMessages = {
};
