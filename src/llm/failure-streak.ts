import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { scrubSecrets } from "./scrub-secrets.ts";

/** Calls that must all fail the same way, with no success yet, before the teacher gives up. */
export const FAILURE_STREAK_LIMIT = 8;

/** Why one call failed, as data: the failure code and, for an HTTP error, its status. */
export interface CallFailure {
  code: "http_error" | "connection_error";
  status?: number;
}

/**
 * Stops a teacher that cannot work at all: once {@link FAILURE_STREAK_LIMIT} calls in a row
 * have failed (after their retries) for the same cause and no call has ever succeeded, every
 * further call throws `teacher_failed` naming the cause and the host (never its credentials).
 * Without it a server that answers 500 to everything runs the whole label budget through
 * retries and ends, minutes later, with "too few usable labels". One success disarms it.
 *
 * @example
 * const streak = new FailureStreak("https://api.example.com/v1");
 * streak.check();                                  // throws once the streak has tripped
 * streak.failed({ code: "http_error", status: 500 });
 * streak.succeeded();
 */
export class FailureStreak {
  private everSucceeded = false;
  private count = 0;
  private last: CallFailure | undefined;
  private tripped: UnderstudyError | undefined;

  constructor(private readonly baseURL: string | undefined) {}

  /** Throws the `teacher_failed` error once the streak has tripped. */
  check(): void {
    if (this.tripped) throw this.tripped;
  }

  /** Records a call that got an answer: the teacher works, so it never trips. */
  succeeded(): void {
    this.everSucceeded = true;
    this.count = 0;
  }

  /** Records a call that failed after its retries; throws when this failure completes the streak. */
  failed(failure: CallFailure): void {
    if (this.everSucceeded) return;
    const same = this.last !== undefined && this.last.code === failure.code && this.last.status === failure.status;
    this.count = same ? this.count + 1 : 1;
    this.last = failure;
    if (this.count >= FAILURE_STREAK_LIMIT) {
      const cause = failure.code === "http_error" ? `HTTP ${failure.status}` : "a connection error (no reply)";
      this.tripped ??= new UnderstudyError("teacher_failed", messages.llm.teacherFailing(this.count, cause, hostOf(this.baseURL)));
      throw this.tripped;
    }
  }
}

/** The server's host and port, without credentials, path or query: safe to print. */
export function hostOf(baseURL: string | undefined): string {
  if (baseURL === undefined) return "api.openai.com";
  try {
    return new URL(baseURL).host;
  } catch {
    return scrubSecrets(baseURL);
  }
}
