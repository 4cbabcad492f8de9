/** Error messages of `src/distill/`: one function per message (see README.md beside this file). */
export const distillMessages = {
};
