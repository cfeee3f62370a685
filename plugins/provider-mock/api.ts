import type { HeaderMap, ModelInfo, ProviderTarget } from '../../src/plugin-sdk/index.js';

/** Used when an account gives no base URL; the host never reaches it (the upstream is local). */
export const MOCK_BASE_URL = 'http://provider-mock.invalid/v1';

/** Fixed so that equal input gives equal bytes. */
export const MOCK_CREATED_AT = 1735689600;

export interface MockModel extends ModelInfo {
  context_window: number;
}

export const MOCK_MODELS: MockModel[] = [
  { id: 'mock-chat', object: 'model', created: MOCK_CREATED_AT, owned_by: 'portico-mock', capabilities: ['chat'], context_window: 8192 },
  { id: 'mock-chat-large', object: 'model', created: MOCK_CREATED_AT, owned_by: 'portico-mock', capabilities: ['chat'], context_window: 131072 },
  { id: 'mock-embed', object: 'model', created: MOCK_CREATED_AT, owned_by: 'portico-mock', capabilities: ['embeddings'], context_window: 8192 },
];

export function mockUrl(target: Pick<ProviderTarget, 'baseUrl'>, path: string): string {
  return `${(target.baseUrl || MOCK_BASE_URL).replace(/\/+$/, '')}${path}`;
}

export function mockHeaders(target: Pick<ProviderTarget, 'apiKey'>): HeaderMap {
  const headers: HeaderMap = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return headers;
}
