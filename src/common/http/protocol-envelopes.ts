import type { ErrorEnvelope } from './error-envelope';

/**
 * The data plane answers in each protocol's own error format. These render a control-plane
 * error (from Nest or Fastify: unknown route, malformed JSON, body too large) for `/v1/...`.
 */
const OPENAI_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  413: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'overloaded_error',
};

export type Protocol = 'portico' | 'openai' | 'anthropic';

/** `/v1/messages` speaks Anthropic's; the rest of `/v1` and the published prompt APIs (`/apis/...`) speak OpenAI's. */
export function protocolOf(url: string): Protocol {
  if (url.startsWith('/v1/messages')) return 'anthropic';
  if (url.startsWith('/v1/') || url === '/v1' || url.startsWith('/apis/') || url === '/apis') return 'openai';
  return 'portico';
}

export function renderForProtocol(protocol: Protocol, envelope: ErrorEnvelope): unknown {
  const { status, message, code } = envelope.error;
  if (protocol === 'openai') {
    const type = OPENAI_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    return { error: { message, type, code: code.replace(/^PORTICO_ERR_/, '').toLowerCase(), param: null } };
  }
  if (protocol === 'anthropic') {
    return { type: 'error', error: { type: ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message } };
  }
  return envelope;
}
