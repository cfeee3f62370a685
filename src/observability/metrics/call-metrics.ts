import { Counter, Histogram, type Registry } from 'prom-client';
import type { CallRecord } from '../../audit/call-records/call-record';
import { LabelBudget } from './label-budget';

/** 1 ms .. 120 s, roughly ×2.5 per step: cache hits and auth refusals at the bottom, long generations at the top. */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];

/**
 * Whether the call looked the response cache up. A record says whether it hit, not whether the
 * route caches at all, so misses need this to tell "missed" from "never looked".
 */
export type CacheLookupPolicy = (record: CallRecord) => boolean;

const TOKEN_KINDS = [
  ['prompt', 'promptTokens'],
  ['completion', 'completionTokens'],
  ['cached', 'cachedTokens'],
  ['reasoning', 'reasoningTokens'],
] as const;

/**
 * The data-plane metrics, all derived from finished {@link CallRecord}s.
 *
 * Labels are deliberately coarse: never a request id, key id or workspace id. Each distinct label
 * set is a time series held forever by this process and by Prometheus, so a per-request or
 * per-tenant label would grow without bound (and would leak tenant structure to whoever scrapes).
 * Per-key and per-workspace views belong to the call logs and analytics. Route, target and model
 * names come from admin configuration; {@link LabelBudget} still caps them, since a caller can name
 * any `<account>/<model>` directly.
 */
export class CallMetrics {
  private readonly requests: Counter<'endpoint' | 'route' | 'target' | 'status' | 'error_class'>;
  private readonly duration: Histogram<'endpoint' | 'target'>;
  private readonly ttfb: Histogram<'endpoint' | 'target'>;
  private readonly tokens: Counter<'kind' | 'model'>;
  private readonly cost: Counter<'model'>;
  private readonly upstreamErrors: Counter<'target' | 'class'>;
  private readonly cacheLookups: Counter<'endpoint' | 'route' | 'result'>;
  private readonly limitRejections: Counter<'kind'>;
  private readonly guardBlocks: Counter<'guard' | 'phase'>;
  private readonly labels: LabelBudget;

  constructor(
    registry: Registry,
    private readonly lookedUpCache: CacheLookupPolicy,
    labels?: LabelBudget,
  ) {
    const registers = [registry];
    this.labels = labels ?? new LabelBudget(registry);
    this.requests = new Counter({
      name: 'portico_requests_total',
      help: 'Data-plane requests by endpoint, route alias, target that answered (or was tried last), HTTP status and error class',
      labelNames: ['endpoint', 'route', 'target', 'status', 'error_class'],
      registers,
    });
    this.duration = new Histogram({
      name: 'portico_request_duration_seconds',
      help: 'Data-plane request duration, from arrival to the last byte sent',
      labelNames: ['endpoint', 'target'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.ttfb = new Histogram({
      name: 'portico_stream_ttfb_seconds',
      help: 'Time to the first byte of a streamed answer',
      labelNames: ['endpoint', 'target'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.tokens = new Counter({
      name: 'portico_tokens_total',
      help: 'Tokens by kind (prompt, completion, cached, reasoning) and upstream model',
      labelNames: ['kind', 'model'],
      registers,
    });
    this.cost = new Counter({
      name: 'portico_cost_usd_total',
      help: 'Cost in USD of the calls, by upstream model (calls without a known price add nothing)',
      labelNames: ['model'],
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'portico_upstream_errors_total',
      help: 'Failed upstream attempts (retries and fallbacks included) by target and error class',
      labelNames: ['target', 'class'],
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'portico_cache_lookups_total',
      help: 'Response-cache lookups by endpoint, route and result (hit, miss)',
      labelNames: ['endpoint', 'route', 'result'],
      registers,
    });
    this.limitRejections = new Counter({
      name: 'portico_limit_rejections_total',
      help: 'Requests refused by a rate limit or a budget',
      labelNames: ['kind'],
      registers,
    });
    this.guardBlocks = new Counter({
      name: 'portico_guard_blocks_total',
      help: 'Requests or responses blocked by a guard, by guard id and phase',
      labelNames: ['guard', 'phase'],
      registers,
    });
  }

  observe(record: CallRecord): void {
    const endpoint = record.endpoint;
    const route = this.labels.admit('route', record.routeName ?? '');
    const target = this.labels.admit('target', servingTarget(record));
    this.requests.inc({ endpoint, route, target, status: String(record.status), error_class: record.errorClass ?? '' });
    this.duration.observe({ endpoint, target }, record.latencyMs / 1000);
    if (record.stream && record.ttfbMs !== null) this.ttfb.observe({ endpoint, target }, record.ttfbMs / 1000);
    this.observeUsage(record);
    for (const attempt of record.attempts) {
      if (attempt.errorClass === undefined && attempt.status === undefined) continue;
      this.upstreamErrors.inc({ target: this.labels.admit('target', attempt.target), class: attempt.errorClass ?? 'unknown' });
    }
    if (record.cacheHit || this.lookedUpCache(record)) {
      this.cacheLookups.inc({ endpoint, route, result: record.cacheHit ? 'hit' : 'miss' });
    }
    if (record.errorClass === 'rate_limited' || record.errorClass === 'budget_exceeded') this.limitRejections.inc({ kind: record.errorClass });
    for (const verdict of record.guardVerdicts) {
      if (verdict.action === 'block') this.guardBlocks.inc({ guard: this.labels.admit('guard', verdict.guardId), phase: verdict.phase });
    }
  }

  private observeUsage(record: CallRecord): void {
    if (record.model === null) return;
    const model = this.labels.admit('model', record.model);
    for (const [kind, field] of TOKEN_KINDS) {
      if (record[field] > 0) this.tokens.inc({ kind, model }, record[field]);
    }
    if (record.costNanoUsd !== null && record.costNanoUsd > 0) this.cost.inc({ model }, nanoUsdToUsd(record.costNanoUsd));
  }
}

/** The target that answered; for a failed call, the one tried last; '' when none was tried. */
export function servingTarget(record: CallRecord): string {
  return record.target ?? record.attempts.at(-1)?.target ?? '';
}

export function nanoUsdToUsd(nanoUsd: number): number {
  return nanoUsd / 1e9;
}
