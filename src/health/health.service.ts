import { Inject, Injectable } from '@nestjs/common';
import { READINESS_CHECKS, type ReadinessCheck, type ReadinessResult } from './readiness-check';

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, ReadinessResult>;
}

@Injectable()
export class HealthService {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  async readiness(): Promise<ReadinessReport> {
    const results = await Promise.all(this.checks.map(async (check) => [check.name, await check.check()] as const));
    return {
      status: results.every(([, result]) => result.ready) ? 'ready' : 'not_ready',
      checks: Object.fromEntries(results),
    };
  }
}
