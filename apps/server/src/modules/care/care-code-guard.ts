/**
 * A centre-wide cap on wrong check-in codes, on top of the per-address rate limit. A 6-digit code
 * among a few hundred seniors is guessable by many addresses together, and a guessed code would
 * silence someone's welfare check; past the cap, code check-ins pause for the rest of the hour
 * (links and staff phone calls still work). In memory per server, like the rate limit.
 */
export class WrongCodeGuard {
  private windowStart = Number.NEGATIVE_INFINITY;
  private wrong = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether code check-ins are refused now; minutes until they resume when they are. */
  blockedFor(): number | null {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) return null;
    return this.wrong >= this.max ? Math.ceil((this.windowStart + this.windowMs - t) / 60_000) : null;
  }

  /** Counts one wrong code. */
  recordWrong(): void {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.wrong = 0;
    }
    this.wrong++;
  }
}
