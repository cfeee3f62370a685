import type { FastifyReply } from 'fastify';
import type { WireError } from '../../gateway/errors/openai-errors';

/**
 * A refusal of `/apis/...` itself (unknown API, retired version, no subscription, bad input, bad
 * output), in the data plane's OpenAI-shaped envelope with a stable `code` and, where they help,
 * `issues` (each problem) or `successor` (the version to move to).
 */
export class ApiCallRefusal extends Error {
  /** Whose failure it was, for the call log's error class. */
  origin: 'gateway' | 'upstream' = 'gateway';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiCallRefusal';
  }

  fromUpstream(): this {
    this.origin = 'upstream';
    return this;
  }

  get type(): WireError['type'] {
    if (this.status === 403) return 'permission_error';
    if (this.status === 404) return 'not_found_error';
    return this.status >= 500 ? 'server_error' : 'invalid_request_error';
  }

  send(reply: FastifyReply, headers: Record<string, string> = {}): FastifyReply {
    const type = this.type === 'not_found_error' ? 'invalid_request_error' : this.type;
    return reply
      .code(this.status)
      .headers({ ...headers, ...this.headers })
      .header('content-type', 'application/json; charset=utf-8')
      .send({ error: { message: this.message, type, code: this.code, param: this.param, ...this.extra } });
  }
}

export function isApiCallRefusal(value: unknown): value is ApiCallRefusal {
  return value instanceof ApiCallRefusal;
}
