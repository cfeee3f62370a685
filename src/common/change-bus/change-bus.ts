import type { EntityManager } from 'typeorm';

/** What changed, e.g. `{ topic: 'api_keys', id: '…' }`. Payloads carry ids, never secrets. */
export interface ChangeEvent {
  topic: ChangeTopic;
  id?: string;
  workspaceId?: string;
}

export type ChangeTopic = 'policies' | 'api_keys' | 'provider_accounts' | 'workspaces' | 'sessions' | 'users' | 'routes' | 'prices' | 'limits' | 'budgets' | 'call_log_settings' | 'prompts' | 'guard_bindings' | 'api_products' | 'subscriptions' | 'rest_apis';

/**
 * Tells every Portico process that configuration changed, so in-memory snapshots refresh.
 * `resync` handlers run when notifications may have been missed (e.g. after a reconnect):
 * they must reload everything they cache.
 */
export interface ChangeBus {
  subscribe(topic: ChangeTopic, handler: (event: ChangeEvent) => void | Promise<void>): () => void;
  onResync(handler: () => void | Promise<void>): () => void;
}

export const CHANGE_BUS = Symbol('ChangeBus');
export const CHANGE_CHANNEL = 'portico_changes';

/**
 * Publishes a change inside the writer's transaction: Postgres delivers it on commit and
 * drops it on rollback, so a snapshot never sees a change that did not happen.
 */
export async function publishChange(manager: EntityManager, event: ChangeEvent): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(event)]);
}
