/** Error messages of `src/cli/`: one function per message (see README.md beside this file). */
export const cliMessages = {
};
