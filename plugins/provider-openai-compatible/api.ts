import type { HeaderMap, ModelInfo, ProviderTarget } from '../../src/plugin-sdk/index.js';
import { joinUrl } from '../../src/plugin-sdk/openai-wire/index.js';
import type { CompatibleSettings } from './config.schema.js';

export function compatibleUrl(target: Pick<ProviderTarget, 'baseUrl'>, path: string): string {
  if (!target.baseUrl) throw new Error('an OpenAI-compatible account needs a baseUrl (e.g. http://localhost:11434/v1)');
  return joinUrl(target.baseUrl, path);
}

/** JSON headers, a bearer key when the account has one, then the configured extra headers. */
export function compatibleHeaders(target: Pick<ProviderTarget, 'apiKey'>, settings: CompatibleSettings, stream = false): HeaderMap {
  const headers: HeaderMap = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return { ...headers, ...settings.extraHeaders };
}

export function listedModels(settings: CompatibleSettings): ModelInfo[] {
  return settings.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'openai-compatible' }));
}
