import type { DataSource } from 'typeorm';
import type { ReadinessCheck, ReadinessResult } from './readiness-check';

/** The database answers `SELECT 1` within the time budget. */
export class DatabaseReadinessCheck implements ReadinessCheck {
  readonly name = 'database';

  constructor(
    private readonly dataSource: DataSource,
    private readonly timeoutMs = 2_000,
  ) {}

  async check(): Promise<ReadinessResult> {
    if (!this.dataSource.isInitialized) return { ready: false, detail: 'not connected' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, detail: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    const probe = this.dataSource
      .query('SELECT 1')
      .then((): ReadinessResult => ({ ready: true }))
      .catch((error: Error): ReadinessResult => ({ ready: false, detail: error.message }));
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
