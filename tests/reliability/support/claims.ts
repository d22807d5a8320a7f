/**
 * Independent claims of one scenario, checked all before failing: a fault test then reports every
 * broken claim at once instead of stopping at the first (restoring the fault takes time).
 */
export class Claims {
  private readonly broken: string[] = [];

  /** Records a broken claim unless `actual` equals `expected` (compared as JSON). */
  equal(claim: string, actual: unknown, expected: unknown): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      this.broken.push(`${claim}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }

  that(claim: string, holds: boolean, detail = ""): void {
    if (!holds) this.broken.push(`${claim}${detail ? `: ${detail}` : ""}`);
  }

  get problems(): readonly string[] {
    return this.broken;
  }
}
