import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { judge, type Verdict } from './verdict';

/** One request of the load, as the caller saw it. Times are `performance.now()` ms. */
export interface CallOutcome {
  requestId: string;
  streamed: boolean;
  startedAt: number;
  endedAt: number;
  /** HTTP status, or undefined when no response came (connection refused or closed before headers). */
  status?: number;
  /** The response carried our `x-request-id`: Portico handled it as a call (a call-log row is owed). */
  answered: boolean;
  verdict: Verdict | 'refused' | 'unreachable';
  reason?: string;
  /** The error code callers were given (envelope or stream error event). */
  code?: string;
}

export interface LoadOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Request ids are `<prefix>-<n>`; call-log rows are matched by this prefix. */
  prefix: string;
  ratePerSecond: number;
  /** Requests in flight beyond this are not sent (counted as `skipped`), so a hanging upstream cannot pile up unbounded. */
  maxInFlight?: number;
  /** Per-request deadline on the caller's side. */
  timeoutMs?: number;
}

const TICK_MS = 10;

/**
 * An open-loop load at a fixed rate (undici, keep-alive), every other request streamed and every
 * fourth asking for usage in the stream; bounded in time by whoever calls `stop`.
 */
export class SteadyLoad {
  readonly outcomes: CallOutcome[] = [];
  skipped = 0;
  private sent = 0;
  private inFlight = new Set<Promise<void>>();
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly agent = new Agent({ connections: 256, keepAliveTimeout: 4_000, headersTimeout: 0, bodyTimeout: 0 });

  constructor(private readonly options: LoadOptions) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  get answered(): Set<string> {
    return new Set(this.outcomes.filter((outcome) => outcome.answered).map((outcome) => outcome.requestId));
  }

  /** Stops sending and waits for every request in flight. */
  async stop(): Promise<CallOutcome[]> {
    clearInterval(this.timer);
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await this.agent.close();
    return this.outcomes;
  }

  private tick(): void {
    const due = Math.floor(((performance.now() - this.started) * this.options.ratePerSecond) / 1_000);
    while (this.sent < due) {
      const sequence = this.sent++;
      if (this.inFlight.size >= (this.options.maxInFlight ?? 400)) {
        this.skipped += 1;
        continue;
      }
      const call = this.call(sequence).finally(() => this.inFlight.delete(call));
      this.inFlight.add(call);
    }
  }

  private async call(sequence: number): Promise<void> {
    const requestId = `${this.options.prefix}-${sequence}`;
    const streamed = sequence % 2 === 1;
    const body: Record<string, unknown> = { model: this.options.model, messages: [{ role: 'user', content: `fault call ${sequence}` }] };
    if (streamed) body.stream = true;
    if (sequence % 4 === 3) body.stream_options = { include_usage: true };
    const startedAt = performance.now();
    const outcome: CallOutcome = { requestId, streamed, startedAt, endedAt: startedAt, answered: false, verdict: 'unreachable' };
    this.outcomes.push(outcome);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(`${this.options.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      outcome.endedAt = performance.now();
      outcome.reason = (error as { code?: string }).code ?? String(error);
      return;
    }
    outcome.status = response.statusCode;
    outcome.answered = response.headers['x-request-id'] === requestId;
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      outcome.endedAt = performance.now();
      outcome.verdict = outcome.answered ? 'broken' : 'refused';
      outcome.reason = `body cut: ${(error as { code?: string }).code ?? String(error)}`;
      return;
    }
    outcome.endedAt = performance.now();
    if (!outcome.answered) {
      // Not handled as a call (e.g. Fastify's 503 while the server closes): no row is owed.
      outcome.verdict = 'refused';
      outcome.reason = `${response.statusCode} without our x-request-id`;
      return;
    }
    const judged = judge(response.statusCode, response.headers, text, streamed);
    outcome.verdict = judged.verdict;
    outcome.reason = judged.reason;
    outcome.code = judged.code;
  }
}

/** Status counts, e.g. `{ "200": 812, "504": 40, "refused": 3 }`, where a missing status is the verdict. */
export function statusCounts(outcomes: readonly CallOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key =
      outcome.status === undefined || outcome.verdict === 'refused'
        ? outcome.verdict
        : outcome.verdict === 'stream-error'
          ? '200+error-event'
          : outcome.verdict === 'broken'
            ? `${outcome.status} BROKEN`
            : String(outcome.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** From `since` to the end of the first fully good answer to a request sent at or after `since`. */
export function recoveryMs(outcomes: readonly CallOutcome[], since: number): number | undefined {
  const ends = outcomes.filter((outcome) => outcome.verdict === 'ok' && outcome.startedAt >= since).map((outcome) => outcome.endedAt);
  return ends.length > 0 ? Math.round(Math.min(...ends) - since) : undefined;
}

/** Error codes callers were given, e.g. `{ "503 circuit_open": 310 }`. */
export function errorCodes(outcomes: readonly CallOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.code === undefined) continue;
    const key = `${outcome.status} ${outcome.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
