/** Error messages of `src/models/`: one function per message (see README.md beside this file). */
export const modelsMessages = {
};
