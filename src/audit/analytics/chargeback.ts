import type { ChargebackGrouping, ChargebackRow } from './analytics.repository';
import { type CsvValue, nanoUsdToDecimal, toCsv } from './csv';

export interface ChargebackFile {
  filename: string;
  csv: string;
}

const LABEL_COLUMNS: Record<ChargebackGrouping, readonly string[]> = {
  team: ['owner_type', 'owner_id', 'owner_name'],
  apiKey: ['api_key_id', 'api_key_name', 'owner_type', 'owner_id', 'owner_name'],
  model: ['provider', 'model'],
};

const SUM_COLUMNS = ['requests', 'errors', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'reasoning_tokens', 'total_tokens', 'cost_usd', 'unpriced_requests'];

/**
 * The finance export: one line per team (the API key's owner: a service account or a user),
 * per key or per model, with the period on every line so exports concatenate. Cost is exact USD
 * with 9 decimals, from integer nano-USD; calls without a price are counted, not costed.
 */
export function chargebackFile(grouping: ChargebackGrouping, from: number, to: number, rows: readonly ChargebackRow[]): ChargebackFile {
  const period = [new Date(from).toISOString(), new Date(to).toISOString()];
  const lines = rows.map((row): CsvValue[] => [
    ...period,
    ...LABEL_COLUMNS[grouping].map((column) => row.labels[column] ?? null),
    row.requests,
    row.errors,
    row.promptTokens,
    row.completionTokens,
    row.cachedTokens,
    row.reasoningTokens,
    row.promptTokens + row.completionTokens,
    nanoUsdToDecimal(row.costNanoUsd),
    row.unpriced,
  ]);
  const stamp = (at: number) => new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '');
  return {
    filename: `portico-chargeback-${grouping}-${stamp(from)}-${stamp(to)}.csv`,
    csv: toCsv(['period_start', 'period_end', ...LABEL_COLUMNS[grouping], ...SUM_COLUMNS], lines),
  };
}
