/** Error messages of `src/core/`: one function per message (see README.md beside this file). */
export const coreMessages = {
  denoPermission: (flag: string, what: string, detail: string) =>
    `Deno refused ${what} (${detail}); run Deno with ${flag} (see the README's Deno section for what each feature needs).`,
};
