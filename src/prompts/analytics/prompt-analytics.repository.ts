import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One version's calls in a time range, from the call logs. */
export interface VersionUsage {
  readonly version: number | null;
  readonly calls: number;
  readonly errors: number;
  readonly p50LatencyMs: number | null;
  readonly p95LatencyMs: number | null;
  /** Sum over priced calls; null when none of them had a price. */
  readonly costNanoUsd: number | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

interface Row {
  version: number | null;
  calls: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  cost: string | null;
  prompt_tokens: string;
  completion_tokens: string;
}

/**
 * Reads `call_logs` for one prompt over a bounded time range (index `workspace_id, prompt_id,
 * started_at`, and partition pruning on `started_at`). Control plane only: never on a request path.
 */
@Injectable()
export class PromptAnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async perVersion(workspaceId: string, promptId: string, from: Date, to: Date): Promise<VersionUsage[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT prompt_version AS version,
              count(*)::integer AS calls,
              count(*) FILTER (WHERE error_class IS NOT NULL)::integer AS errors,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
              sum(cost_nano_usd) AS cost,
              sum(prompt_tokens) AS prompt_tokens,
              sum(completion_tokens) AS completion_tokens
         FROM call_logs
        WHERE workspace_id = $1 AND prompt_id = $2 AND started_at >= $3 AND started_at < $4
        GROUP BY prompt_version
        ORDER BY prompt_version NULLS LAST`,
      [workspaceId, promptId, from, to],
    );
    return rows.map((row) => ({
      version: row.version,
      calls: row.calls,
      errors: row.errors,
      p50LatencyMs: row.p50,
      p95LatencyMs: row.p95,
      costNanoUsd: row.cost === null ? null : Number(row.cost),
      promptTokens: Number(row.prompt_tokens),
      completionTokens: Number(row.completion_tokens),
    }));
  }
}
