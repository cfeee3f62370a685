import { Agent, request } from 'undici';
import { ErrorCode } from '../common/errors';
import type { WebhookUrlPolicy } from './url-policy';

export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_BODY_LIMIT = 2_048;
const USER_AGENT = 'Portico-Webhooks/1';

/** What became of one POST: delivered (2xx), worth retrying, not worth retrying, or abandoned at shutdown. */
export type SendVerdict = 'delivered' | 'retry' | 'give_up' | 'aborted';

export interface SendResult {
  verdict: SendVerdict;
  statusCode: number | null;
  durationMs: number;
  /** Why it failed, for the attempt log; null for an HTTP answer. */
  error: string | null;
  /** The start of the response body, at most `RESPONSE_BODY_LIMIT` bytes. */
  responseBody: string | null;
  retryAfterMs?: number;
}

/**
 * POSTs one signed webhook with undici: 10 s for the whole exchange, redirects never followed,
 * every connection through the URL policy's `lookup` (no private addresses unless allowed).
 * Network errors, 5xx and 429 are worth a retry; any other non-2xx is not.
 */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(
    private readonly policy: WebhookUrlPolicy,
    private readonly timeoutMs = DELIVERY_TIMEOUT_MS,
  ) {
    this.agent = new Agent({ connect: { lookup: policy.lookup, timeout: timeoutMs }, keepAliveTimeout: 10_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  async send(url: string, headers: Record<string, string>, body: string, shutdown: AbortSignal): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      const target = new URL(url);
      this.policy.assertLiteralHostAllowed(target);
      const response = await request(target, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': USER_AGENT },
        body,
        signal: AbortSignal.any([shutdown, deadline]),
      });
      const responseBody = await readPrefix(response.body);
      const statusCode = response.statusCode;
      const result = { statusCode, durationMs: elapsed(), responseBody };
      if (statusCode >= 200 && statusCode < 300) return { ...result, verdict: 'delivered', error: null };
      if (statusCode === 429 || statusCode >= 500) return { ...result, verdict: 'retry', error: null, retryAfterMs: retryAfterMs(response.headers['retry-after']) };
      const error = statusCode >= 300 && statusCode < 400 ? 'redirects are not followed; point the endpoint at the final URL' : null;
      return { ...result, verdict: 'give_up', error };
    } catch (error) {
      const base = { statusCode: null, durationMs: elapsed(), responseBody: null };
      if (shutdown.aborted) return { ...base, verdict: 'aborted', error: 'abandoned at shutdown' };
      if (deadline.aborted) return { ...base, verdict: 'retry', error: `timeout: no complete answer within ${this.timeoutMs} ms` };
      const refusal = findCode(error, ErrorCode.WEBHOOK_URL_REFUSED);
      if (refusal) return { ...base, verdict: 'give_up', error: `${ErrorCode.WEBHOOK_URL_REFUSED}: ${refusal.message}` };
      return { ...base, verdict: 'retry', error: `connection: ${describe(error)}` };
    }
  }

  close(): Promise<void> {
    return this.agent.close().catch(() => this.agent.destroy());
  }
}

async function readPrefix(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_BODY_LIMIT) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
}

/** `retry-after` as delay-seconds or an HTTP date, in ms from now. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  // An HTTP date names its day or month; anything else (e.g. "-5") is not one, whatever Date.parse thinks.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function findCode(error: unknown, code: string): Error | undefined {
  for (let current = error as (Error & { code?: string; cause?: unknown }) | undefined; current; current = current.cause as typeof current) {
    if (current.code === code) return current;
  }
  return undefined;
}

function describe(error: unknown): string {
  const failure = error as Error & { code?: string; cause?: Error & { code?: string } };
  const code = failure.cause?.code ?? failure.code;
  const message = failure.cause?.message ?? failure.message;
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
