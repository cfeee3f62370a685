export interface WorkerRestartPolicyOptions {
  /** Delay before the first restart after a crash. */
  readonly initialDelayMs: number;
  /** The delay doubles with each consecutive crash, up to this. */
  readonly maxDelayMs: number;
  /** A worker that stayed up this long before crashing starts the count afresh. */
  readonly stableAfterMs: number;
}

export const DEFAULT_WORKER_RESTART_POLICY: WorkerRestartPolicyOptions = { initialDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/**
 * Exponential backoff for one worker slot: a worker that crashes right after starting is
 * restarted ever more slowly (a crash loop must not burn the CPU the other workers serve with),
 * while a crash after a long healthy run is restarted at once-ish.
 */
export class WorkerRestartPolicy {
  private consecutiveCrashes = 0;

  constructor(private readonly options: WorkerRestartPolicyOptions = DEFAULT_WORKER_RESTART_POLICY) {}

  /** How long to wait before replacing a worker that crashed after running for `upForMs`. */
  delayAfterCrash(upForMs: number): number {
    if (upForMs >= this.options.stableAfterMs) this.consecutiveCrashes = 0;
    const delay = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** this.consecutiveCrashes);
    this.consecutiveCrashes++;
    return delay;
  }

  get crashes(): number {
    return this.consecutiveCrashes;
  }
}
