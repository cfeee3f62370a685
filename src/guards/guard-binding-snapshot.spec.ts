import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChangeBus } from '../common/change-bus/change-bus';
import type { GuardBindingRule } from './guard-binding';
import { GuardBindingSnapshot } from './guard-binding-snapshot';

const bus: ChangeBus = { subscribe: () => () => undefined, onResync: () => () => undefined };
const rule = (overrides: Partial<GuardBindingRule>): GuardBindingRule => ({
  id: 'b',
  workspaceId: 'ws',
  pluginId: 'guard-a',
  scope: 'workspace',
  scopeRef: null,
  config: {},
  failMode: 'closed',
  timeoutMs: 1000,
  ...overrides,
});

describe('GuardBindingSnapshot', () => {
  it("picks a call's bindings by workspace, route, key and prompt API", async () => {
    const rules = [
      rule({ id: '1', pluginId: 'everywhere' }),
      rule({ id: '2', pluginId: 'on-route', scope: 'route', scopeRef: 'chat' }),
      rule({ id: '3', pluginId: 'on-key', scope: 'api_key', scopeRef: 'key-1', failMode: 'open', timeoutMs: 50, config: { a: 1 } }),
      rule({ id: '4', pluginId: 'on-api', scope: 'prompt_api', scopeRef: 'api-1' }),
      rule({ id: '5', pluginId: 'elsewhere', workspaceId: 'other' }),
    ];
    const snapshot = new GuardBindingSnapshot({ loadEnabled: async () => rules }, bus, pino({ level: 'silent' }));
    await snapshot.start();
    const ids = (target: { apiKeyId: string; route: string | null; promptApiId: string | null }) => snapshot.bindingsFor('ws', target).map((binding) => binding.pluginId);
    expect(ids({ apiKeyId: 'key-2', route: null, promptApiId: null })).toEqual(['everywhere']);
    expect(ids({ apiKeyId: 'key-1', route: 'chat', promptApiId: 'api-1' })).toEqual(['everywhere', 'on-route', 'on-key', 'on-api']);
    expect(snapshot.bindingsFor('ws', { apiKeyId: 'key-1', route: null, promptApiId: null })[1]).toEqual({ pluginId: 'on-key', config: { a: 1 }, failMode: 'open', timeoutMs: 50 });
    expect(snapshot.bindingsFor('nobody', { apiKeyId: 'k', route: null, promptApiId: null })).toEqual([]);
  });

  it('hands every call the same frozen binding, so guards that cache per config object resolve it once', async () => {
    const config = { entities: { EMAIL: 'redact' } };
    const snapshot = new GuardBindingSnapshot({ loadEnabled: async () => [rule({ id: '1', pluginId: 'pii', config })] }, bus, pino({ level: 'silent' }));
    await snapshot.start();
    const target = { apiKeyId: 'k', route: null, promptApiId: null };
    const first = snapshot.bindingsFor('ws', target)[0]!;
    expect(snapshot.bindingsFor('ws', target)[0]).toBe(first);
    expect(first.config).toBe(snapshot.bindingsFor('ws', target)[0]!.config);
    expect(Object.isFrozen(first.config) && Object.isFrozen(first.config!.entities)).toBe(true);
    expect(first.config).not.toBe(config); // a copy: the loaded row stays the caller's
  });
});
