import type { HeaderMap, ProviderTarget } from '../../src/plugin-sdk/index.js';
import type { GeminiProviderConfig } from './config.schema.js';

/** Used when an account gives no base URL. */
export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Where the adapter gets time and fresh ids; tests pin both so fixtures are byte-stable. */
export interface GeminiRuntime {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A unique token for ids the upstream did not give (response and tool-call ids). */
  newId(): string;
}

export const defaultRuntime: GeminiRuntime = {
  now: () => Date.now(),
  newId: () => globalThis.crypto.randomUUID().replaceAll('-', ''),
};

/** Everything the transforms need besides the canonical request. */
export interface GeminiContext {
  config: GeminiProviderConfig;
  runtime: GeminiRuntime;
}

/** `models/gemini-2.0-flash` and `gemini-2.0-flash` name one model; tuned models keep their own collection. */
export function modelResource(model: string): string {
  const name = model.trim();
  if (name.startsWith('models/') || name.startsWith('tunedModels/')) return name;
  return `models/${name}`;
}

export function bareModelName(model: string): string {
  return modelResource(model).replace(/^models\//, '');
}

export function apiRoot(target: Pick<ProviderTarget, 'baseUrl'>, config: Pick<GeminiProviderConfig, 'apiVersion'>): string {
  const base = (target.baseUrl || GEMINI_BASE_URL).replace(/\/+$/, '');
  return /\/v1(beta\d*|alpha)?$/.test(base) ? base : `${base}/${config.apiVersion}`;
}

export function modelUrl(target: ProviderTarget, config: GeminiProviderConfig, method: string, query = ''): string {
  return `${apiRoot(target, config)}/${modelResource(target.model)}:${method}${query}`;
}

export function geminiHeaders(target: Pick<ProviderTarget, 'apiKey'>, accept = 'application/json'): HeaderMap {
  const headers: HeaderMap = { 'content-type': 'application/json', accept };
  if (target.apiKey) headers['x-goog-api-key'] = target.apiKey;
  return headers;
}
