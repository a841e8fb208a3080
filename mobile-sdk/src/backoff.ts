/** Waiting between attempts: exponential backoff with full jitter, capped. */

/** The delay before attempt `attempt` (0 is the first retry): random in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt: number, baseMs = 500, capMs = 30_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(random() * ceiling);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
