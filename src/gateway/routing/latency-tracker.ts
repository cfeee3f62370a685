/**
 * Latency of successful attempts per target key, read by `least_latency`. An interface so a
 * shared store (Redis) can replace the in-process one when several replicas run.
 */
export interface LatencyTracker {
  record(key: string, ms: number): void;
  /** The current estimate in ms, undefined for a target never measured. */
  estimate(key: string): number | undefined;
}

/** Exponentially weighted moving average: each sample moves the estimate by `alpha` of the difference. */
export class EwmaLatencyTracker implements LatencyTracker {
  private readonly estimates = new Map<string, number>();

  constructor(private readonly alpha = 0.3) {}

  record(key: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const previous = this.estimates.get(key);
    this.estimates.set(key, previous === undefined ? ms : previous + this.alpha * (ms - previous));
  }

  estimate(key: string): number | undefined {
    return this.estimates.get(key);
  }
}
