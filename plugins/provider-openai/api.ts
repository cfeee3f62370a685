import type { HeaderMap, ProviderTarget } from '../../src/plugin-sdk/index.js';
import { joinUrl } from '../../src/plugin-sdk/openai-wire/index.js';
import { readAccountSettings } from './account.js';
import type { OpenAiProviderConfig } from './config.schema.js';

export type OpenAiOperation = 'chat/completions' | 'embeddings';

/** Where one operation of one target goes, and with which headers. */
export interface OpenAiEndpoint {
  url: string;
  headers: HeaderMap;
  azure: boolean;
}

function baseHeaders(stream: boolean): HeaderMap {
  return { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
}

function azureResourceUrl(baseUrl: string): string {
  if (!baseUrl) throw new Error('an Azure OpenAI account needs its resource endpoint as baseUrl (https://<name>.openai.azure.com)');
  return baseUrl.replace(/\/+$/, '').replace(/\/openai$/, '');
}

/**
 * OpenAI: `{baseUrl}/{operation}` with `Authorization: Bearer` and the optional organization and
 * project headers. Azure: `{resource}/openai/deployments/{deployment}/{operation}?api-version=…`
 * with `api-key`.
 */
export function resolveEndpoint(target: ProviderTarget, config: OpenAiProviderConfig, operation: OpenAiOperation, stream = false): OpenAiEndpoint {
  const settings = readAccountSettings(target.extra);
  const headers = baseHeaders(stream);
  if (settings.azure) {
    const { deployments, deployment, apiVersion } = settings.azure;
    const chosen = deployments?.[target.model] ?? (operation === 'chat/completions' ? deployment : undefined) ?? target.model;
    const query = new URLSearchParams({ 'api-version': apiVersion ?? config.azureApiVersion });
    if (target.apiKey) headers['api-key'] = target.apiKey;
    const url = `${azureResourceUrl(target.baseUrl)}/openai/deployments/${encodeURIComponent(chosen)}/${operation}?${query}`;
    return { url, headers, azure: true };
  }
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  if (settings.organization) headers['openai-organization'] = settings.organization;
  if (settings.project) headers['openai-project'] = settings.project;
  return { url: joinUrl(target.baseUrl || config.defaultBaseUrl, operation), headers, azure: false };
}
