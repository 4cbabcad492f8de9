/** Error messages of `src/charts/`: one function per message (see README.md beside this file). */
export const chartsMessages = {
};
