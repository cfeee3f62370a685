import type { HeaderMap, ProviderTarget } from '../../src/plugin-sdk/index.js';

/** Used when an account gives no base URL. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** Accepts a base URL with or without the `/v1` suffix, as admins paste both. */
export function messagesUrl(target: Pick<ProviderTarget, 'baseUrl'>): string {
  const base = (target.baseUrl || ANTHROPIC_BASE_URL).replace(/\/+$/, '');
  return base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
}

export function anthropicHeaders(target: Pick<ProviderTarget, 'apiKey'>, anthropicVersion: string, stream: boolean): HeaderMap {
  const headers: HeaderMap = {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    'anthropic-version': anthropicVersion,
  };
  if (target.apiKey) headers['x-api-key'] = target.apiKey;
  return headers;
}
