import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CallRecord } from '../call-records/call-record';
import { AnalyticsRepository } from './analytics.repository';
import { floorTo, GRAIN_MS, minuteCutoff } from './grains';
import { summarise } from './rollup-rows';

/**
 * Keeps the rollups equal to `call_logs`. The call-log writer calls `applyBatch` in the
 * transaction that inserted the calls, with exactly the calls it inserted; `rebuildRollups`
 * recomputes them from `call_logs` (after a restore, or to seed a benchmark).
 */
@Injectable()
export class CallRollups {
  constructor(private readonly repository: AnalyticsRepository) {}

  /** Sums the batch per bucket and key in memory, then per grain (minute, hour, day) one upsert of rollups and one of facets. */
  async applyBatch(manager: EntityManager, records: readonly CallRecord[]): Promise<void> {
    for (const { grain, rows, facets } of summarise(records)) await this.repository.upsert(manager, grain, rows, facets);
  }

  /**
   * Recomputes the rollups of every UTC day overlapping [from, to) from `call_logs`, one day per
   * transaction (minute rollups only inside their retention). Writers wait for each day's turn.
   */
  async rebuildRollups(from: Date, to: Date, onDay: (day: Date) => void = () => undefined): Promise<{ days: number }> {
    const minutesFrom = minuteCutoff(Date.now());
    let days = 0;
    for (let day = floorTo('day', from.getTime()); day < to.getTime(); day += GRAIN_MS.day) {
      await this.repository.rebuildDay(day, minutesFrom);
      onDay(new Date(day));
      days++;
    }
    return { days };
  }
}
