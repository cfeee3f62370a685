import { createHash } from 'node:crypto';

/** Where cached answers live: in process by default; a shared store (Redis) plugs in here. */
export interface CacheStore {
  get(key: string): CachedAnswer | undefined;
  set(key: string, value: CachedAnswer, ttlSeconds: number): void;
}

export interface CachedAnswer {
  body: unknown;
  target: string;
}

/**
 * The exact-match response cache: a route opts in with a TTL; the key is the workspace plus the
 * canonical request (keys sorted, so field order does not matter), hashed — never shared across
 * workspaces. Streamed requests are not cached.
 */
export class ResponseCache {
  constructor(private readonly store: CacheStore) {}

  keyFor(workspaceId: string, request: unknown): string {
    return createHash('sha256').update(workspaceId).update('\n').update(canonicalJson(request)).digest('base64url');
  }

  get(key: string): CachedAnswer | undefined {
    return this.store.get(key);
  }

  set(key: string, value: CachedAnswer, ttlSeconds: number): void {
    if (ttlSeconds > 0) this.store.set(key, value, ttlSeconds);
  }
}

/** A bounded in-process LRU with per-entry expiry. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { value: CachedAnswer; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: CachedAnswer, ttlSeconds: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** JSON with object keys sorted at every level: the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
