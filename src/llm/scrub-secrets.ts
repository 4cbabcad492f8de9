/**
 * Removes credentials from a text before it reaches an error, a log or a file: the given
 * secrets verbatim, `Bearer …` tokens, `api-key:` headers, anything shaped like an OpenAI
 * key (`sk-…`), passwords in URLs (`https://user:pass@host`) and secret-looking query
 * parameters (`?token=…`, `&sig=…`). SDK errors can carry request
 * headers; everything Understudy reports about a failed call goes through this.
 *
 * @example
 * scrubSecrets("401 for Bearer sk-test-SECRET-123", ["sk-test-SECRET-123"]); // "401 for Bearer [redacted]"
 */
export function scrubSecrets(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out
    .replace(/(bearer\s+)(?!\[redacted\])[^\s"',;]+/gi, "$1[redacted]")
    .replace(/((?:api[-_]?key|authorization)["']?\s*[:=]\s*["']?(?:bearer\s+)?)(?!bearer\b|\[redacted\])[^\s"',;]+/gi, "$1[redacted]")
    .replace(/\bsk-[A-Za-z0-9_-]{6,}/g, "[redacted]")
    .replace(/(\/\/)[^/@\s:]+:[^/@\s]+@/g, "$1[redacted]@") // user:password@ in URLs
    .replace(/([?&][\w-]*(?:key|token|secret|password|sig|signature)=)(?!\[redacted\])[^&#\s"']+/gi, "$1[redacted]"); // ?token=... in URLs
}
