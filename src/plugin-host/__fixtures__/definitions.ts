import type {
  ChatCompletionRequest,
  Guard,
  GuardPluginDefinition,
  ProviderAdapter,
  ProviderPluginDefinition,
} from '../../plugin-sdk/index.js';
import type { HostLogger } from '../host-logger.js';

export const echoAdapter: ProviderAdapter = {
  chat: {
    buildRequest: (request, target) => ({ method: 'POST', url: `${target.baseUrl}/chat`, headers: {}, body: JSON.stringify(request) }),
    parseResponse: (response) => JSON.parse(response.body),
    parseStreamEvent: (event, state) => {
      if (event.data === '[DONE]') {
        state.done = true;
        return [];
      }
      return [JSON.parse(event.data)];
    },
  },
  mapError: (status, _headers, body) => ({ class: status === 429 ? 'rate_limit' : 'server', status, message: body }),
};

export function providerDefinition(
  id: string,
  overrides: Partial<ProviderPluginDefinition['manifest']> & { hooks?: { onInit?: () => unknown; onDestroy?: () => unknown } } = {},
  adapter: ProviderAdapter = echoAdapter,
): ProviderPluginDefinition {
  const { hooks, ...manifest } = overrides;
  return {
    manifest: {
      id,
      kind: 'provider',
      version: '1.0.0',
      sdk: '^1.0.0',
      displayName: id,
      description: `test provider ${id}`,
      configSchema: { type: 'object', properties: {} },
      ...manifest,
    },
    create: () => ({ adapter, onInit: hooks?.onInit as never, onDestroy: hooks?.onDestroy as never }),
  };
}

export function guardDefinition(id: string, priority: number, guard: Guard): GuardPluginDefinition {
  return {
    manifest: {
      id,
      kind: 'guard',
      version: '1.0.0',
      sdk: '^1.0.0',
      priority,
      displayName: id,
      description: `test guard ${id}`,
      configSchema: { type: 'object', properties: {} },
    },
    create: () => ({ guard }),
  };
}

/** A bundled map serving the given module values. */
export function bundledOf(modules: Record<string, unknown>): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(Object.entries(modules).map(([id, value]) => [id, () => Promise.resolve({ default: value })]));
}

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export function memoryLogger(): HostLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const sampleRequest: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'hello' }] };
