import { DEFAULT_FAKE_REPLY } from '../../support/fakes/openai-upstream';

/**
 * What one caller saw, judged strictly:
 * - `ok`: a 200 whose body is complete (a `chat.completion` with the whole reply and `finish_reason: stop`,
 *   or a stream of valid chunks carrying the whole reply that ends with `data: [DONE]`);
 * - `error`: a non-200 in OpenAI's error envelope with a stable code (429s with `retry-after`);
 * - `stream-error`: a 200 stream of valid chunks whose last event is an error event (the gateway's rule
 *   for a failure after bytes were sent) and no `[DONE]`;
 * - `broken`: anything else the gateway answered, e.g. a 200 that does not parse, a stream that stops
 *   without `[DONE]` or an error event, or an error without the envelope: always a failure.
 */
export type Verdict = 'ok' | 'error' | 'stream-error' | 'broken';

export interface Judgement {
  verdict: Verdict;
  reason?: string;
  /** The envelope's `error.code` of an `error` or `stream-error`. */
  code?: string;
}

const TRUTHFUL_STATUSES = new Set([400, 401, 403, 404, 413, 422, 429, 502, 503, 504]);

export function judge(status: number, headers: Record<string, string | string[] | undefined>, body: string, streamed: boolean): Judgement {
  const contentType = String(headers['content-type'] ?? '');
  if (status !== 200) return judgeError(status, headers, body);
  if (streamed) {
    if (!contentType.startsWith('text/event-stream')) return broken(`streamed 200 with content-type ${contentType}`);
    return judgeStream(body);
  }
  if (!contentType.startsWith('application/json')) return broken(`200 with content-type ${contentType}`);
  return judgeCompletion(body);
}

function broken(reason: string): Judgement {
  return { verdict: 'broken', reason };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorEnvelope(value: unknown): boolean {
  const error = (value as { error?: { message?: unknown; type?: unknown; code?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' && typeof error.type === 'string' && typeof error.code === 'string' && error.code.length > 0;
}

function errorCode(text: string): string {
  return (parse(text) as { error: { code: string } }).error.code;
}

function judgeError(status: number, headers: Record<string, string | string[] | undefined>, body: string): Judgement {
  if (!TRUTHFUL_STATUSES.has(status)) return broken(`status ${status}`);
  if (!isErrorEnvelope(parse(body))) return broken(`${status} without an OpenAI error envelope and code: ${body.slice(0, 200)}`);
  if (status === 429 && headers['retry-after'] === undefined) return broken('429 without retry-after');
  return { verdict: 'error', code: errorCode(body) };
}

function judgeCompletion(body: string): Judgement {
  const completion = parse(body) as
    | { object?: string; choices?: Array<{ message?: { content?: string }; finish_reason?: string }>; usage?: { total_tokens?: number } }
    | undefined;
  if (!completion) return broken(`200 body is not JSON (${body.length} bytes)`);
  if (completion.object !== 'chat.completion') return broken(`200 object ${String(completion.object)}`);
  const choice = completion.choices?.[0];
  if (choice?.message?.content !== DEFAULT_FAKE_REPLY) return broken(`200 with an incomplete reply: ${JSON.stringify(choice?.message?.content)}`);
  if (choice.finish_reason !== 'stop') return broken(`200 with finish_reason ${String(choice.finish_reason)}`);
  if (typeof completion.usage?.total_tokens !== 'number') return broken('200 without usage');
  return { verdict: 'ok' };
}

function judgeStream(body: string): Judgement {
  if (!body.endsWith('\n\n')) return broken(`stream ends mid-event: ${JSON.stringify(body.slice(-80))}`);
  const events = body.slice(0, -2).split('\n\n');
  const last = events.pop() ?? '';
  let text = '';
  let finished = false;
  for (const event of events) {
    if (!event.startsWith('data: ')) return broken(`stream event without data: ${JSON.stringify(event.slice(0, 80))}`);
    const chunk = parse(event.slice(6)) as { object?: string; choices?: Array<{ delta?: { content?: string }; finish_reason?: string | null }> } | undefined;
    if (chunk?.object !== 'chat.completion.chunk') return broken(`stream event is not a chunk: ${event.slice(0, 120)}`);
    for (const choice of chunk.choices ?? []) {
      text += choice.delta?.content ?? '';
      if (choice.finish_reason === 'stop') finished = true;
    }
  }
  if (last === 'data: [DONE]') {
    if (!finished || text !== DEFAULT_FAKE_REPLY) return broken(`stream ended with [DONE] but carried ${JSON.stringify(text)} (finished: ${finished})`);
    return { verdict: 'ok' };
  }
  if (last.startsWith('data: ') && isErrorEnvelope(parse(last.slice(6)))) return { verdict: 'stream-error', code: errorCode(last.slice(6)) };
  return broken(`stream ends without [DONE] or an error event: ${JSON.stringify(last.slice(0, 120))}`);
}
