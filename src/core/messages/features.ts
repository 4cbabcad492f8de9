/** Error messages of `src/features/`: one function per message (see README.md beside this file). */
export const featuresMessages = {
};
