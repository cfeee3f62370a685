import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditRecord, entryHash, GENESIS_HASH } from '../../src/audit/audit-log/audit-entry';
import { AuditChainRepository } from '../../src/audit/audit-log/audit-chain.repository';
import { AuditLogRepository } from '../../src/audit/audit-log/audit-log.repository';
import { AuditLogService } from '../../src/audit/audit-log/audit-log.service';
import { AuditRetention } from '../../src/audit/audit-log/audit-retention';
import { AuditTrail, type AuditEntryInput } from '../../src/audit/audit-log/audit-trail';
import type { RequestContext } from '../../src/auth/principal';
import type { PorticoConfig } from '../../src/config/portico-config';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DAY_MS = 86_400_000;

describe('audit log on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: AuditLogRepository;
  let trail: AuditTrail;
  let service: AuditLogService;
  let retention: AuditRetention;
  let wsA: string;
  let wsB: string;

  const ctx: RequestContext = {
    requestId: 'req-medium-1',
    ip: '203.0.113.7',
    userAgent: 'medium-spec/1.0',
    principal: { kind: 'user', id: randomUUID(), subject: 'user:x', isSuperadmin: false, via: 'access_token', email: 'auditor@example.com' },
  };
  const entry = (workspaceId: string | null, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
    action: 'route.update',
    workspaceId,
    resourceType: 'route',
    resourceId: randomUUID(),
    before: { alias: 'old' },
    after: { alias: 'new' },
    ...overrides,
  });
  const record = (input: AuditEntryInput, actor: Parameters<AuditTrail['record']>[1] = ctx) =>
    dataSource.transaction((manager) => trail.record(manager, actor, input));
  const rows = (workspaceId: string | null) =>
    dataSource.query(`SELECT id, seq::int AS seq, prev_hash, hash FROM audit_entries WHERE workspace_id IS NOT DISTINCT FROM $1 ORDER BY seq`, [workspaceId]);
  const verify = (workspaceId: string | null) => service.verify(ctx, workspaceId);
  /** Entries with a chosen time, hashed and chained exactly as the trail does (the trail always uses the database clock). */
  const appendAt = (workspaceId: string | null, occurredAt: Date) =>
    dataSource.transaction(async (manager) => {
      const chain = new AuditChainRepository();
      const { head } = await chain.lockChain(manager, workspaceId);
      const unhashed: Omit<AuditRecord, 'hash'> = {
        id: randomUUID(),
        workspaceId,
        seq: (head?.seq ?? 0) + 1,
        occurredAt,
        actor: { kind: 'system', id: 'medium-spec', apiKeyId: null, email: null },
        action: 'thing.create',
        resourceType: 'thing',
        resourceId: null,
        before: null,
        after: { at: occurredAt.toISOString() },
        changes: ['at'],
        ip: null,
        userAgent: null,
        requestId: null,
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      await chain.insert(manager, { ...unhashed, hash: entryHash(unhashed) });
    });
  /** What an attacker with SQL access does: bypass the triggers for one transaction. */
  const tamper = (sql: string, params: unknown[]) =>
    dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(sql, params);
    });

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 12 });
    await runPendingMigrations(dataSource);
    [{ id: wsA }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('a', 'A') RETURNING id`);
    [{ id: wsB }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('b', 'B') RETURNING id`);
    repository = new AuditLogRepository(dataSource);
    trail = new AuditTrail();
    service = new AuditLogService(repository);
    retention = new AuditRetention(repository, trail, { audit: { retentionDays: 365 } } as PorticoConfig, pino({ level: 'silent' }));
  });
  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('records who, what, from where, with secrets masked at any depth and the changed paths listed', async () => {
    await record(
      entry(wsA, {
        action: 'provider_account.update',
        resourceType: 'provider_account',
        resourceId: 'acc-1',
        before: { name: 'openai', credential: 'sk-old-aaaaaaaaaaaaaaaaaaaa', config: { clientSecret: 's1', region: 'eu' }, hint: 'sk-…aaaa' },
        after: { name: 'openai', credential: 'sk-new-bbbbbbbbbbbbbbbbbbbb', config: { clientSecret: 's1', region: 'us' }, hint: 'sk-…bbbb', at: new Date('2026-01-01T00:00:00Z') },
      }),
    );
    const [stored] = await dataSource.query('SELECT * FROM audit_entries');
    expect(stored).toMatchObject({
      workspace_id: wsA,
      seq: '1',
      actor_kind: 'user',
      actor_id: ctx.principal.id,
      actor_api_key_id: null,
      actor_email: 'auditor@example.com',
      action: 'provider_account.update',
      resource_type: 'provider_account',
      resource_id: 'acc-1',
      ip: '203.0.113.7',
      user_agent: 'medium-spec/1.0',
      request_id: 'req-medium-1',
      prev_hash: GENESIS_HASH,
      before: { name: 'openai', credential: '***', config: { clientSecret: '***', region: 'eu' }, hint: 'sk-…aaaa' },
      after: { name: 'openai', credential: '***', config: { clientSecret: '***', region: 'us' }, hint: 'sk-…bbbb', at: '2026-01-01T00:00:00.000Z' },
      // The changed secret is listed (without its values); the unchanged one is not.
      changes: ['at', 'config.region', 'credential', 'hint'],
    });
    expect(JSON.stringify(stored)).not.toMatch(/sk-old|sk-new|"s1"/);
    expect(await verify(wsA)).toMatchObject({ ok: true, checked: 1, firstBroken: null, head: { seq: 1, hash: stored.hash } });
  });

  it('names a system actor, and looks up the e-mail of a user acting through an API key', async () => {
    const [{ id: userId }] = await dataSource.query(`INSERT INTO users (email, display_name) VALUES ('keyed@example.com', 'Keyed') RETURNING id`);
    const keyId = randomUUID();
    await record(entry(wsA), { ...ctx, principal: { kind: 'user', id: userId, subject: `user:${userId}`, isSuperadmin: false, via: 'api_key', apiKeyId: keyId } });
    await record(entry(null, { action: 'workspace.create' }), { system: 'first-run' });
    expect(await dataSource.query('SELECT actor_kind, actor_id, actor_api_key_id, actor_email, ip FROM audit_entries ORDER BY workspace_id NULLS LAST')).toEqual([
      { actor_kind: 'user', actor_id: userId, actor_api_key_id: keyId, actor_email: 'keyed@example.com', ip: '203.0.113.7' },
      { actor_kind: 'system', actor_id: 'first-run', actor_api_key_id: null, actor_email: null, ip: null },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database, on entries and on anchors', async () => {
    await record(entry(wsA));
    await expect(dataSource.query(`UPDATE audit_entries SET action = 'forged'`)).rejects.toThrow(/append-only: UPDATE is refused/);
    await expect(dataSource.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only: DELETE is refused/);
    await expect(dataSource.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only: TRUNCATE is refused/);
    await expect(
      dataSource.query(`INSERT INTO audit_chain_anchors (chain, seq, hash, occurred_at, purged_total) VALUES ($1, 5, $2, now(), 5)`, [wsA, 'a'.repeat(64)]),
    ).rejects.toThrow(/only through the retention purge/);
    await expect(dataSource.query('TRUNCATE audit_chain_anchors')).rejects.toThrow(/only through the retention purge/);
    // The retention switch does not open entries younger than the retention.
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL portico.audit_retention = 'on'`);
        await manager.query(`SET LOCAL portico.audit_retention_days = '1'`);
        await manager.query('DELETE FROM audit_entries');
      }),
    ).rejects.toThrow(/younger than the retention/);
    expect(await rows(wsA)).toHaveLength(1);
  });

  it('keeps each chain gap-free under 50 concurrent writers, with entries of a rolled-back change gone without a trace', async () => {
    const writes = Array.from({ length: 50 }, (_, i) => record(entry(i % 5 === 0 ? wsB : wsA, { resourceId: `r${i}` })));
    const failing = dataSource
      .transaction(async (manager) => {
        await trail.record(manager, ctx, entry(wsA, { resourceId: 'rolled-back' }));
        throw new Error('the change failed after it was recorded');
      })
      .catch((error: Error) => error.message);
    await Promise.all(writes);
    expect(await failing).toBe('the change failed after it was recorded');

    for (const [workspaceId, count] of [
      [wsA, 40],
      [wsB, 10],
    ] as const) {
      const chain = await rows(workspaceId);
      expect(chain.map((row: { seq: number }) => row.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      chain.forEach((row: { prev_hash: string }, i: number) => expect(row.prev_hash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1].hash));
      expect(await verify(workspaceId)).toMatchObject({ ok: true, checked: count, firstBroken: null });
    }
    expect(await dataSource.query(`SELECT 1 FROM audit_entries WHERE resource_id = 'rolled-back'`)).toEqual([]);
  });

  it('names exactly the entry whose row was changed in SQL, and the one after an entry deleted or re-hashed', async () => {
    for (let i = 0; i < 6; i++) await record(entry(wsA, { resourceId: `r${i}` }));
    await record(entry(wsB));
    const chain = await rows(wsA);
    expect(await verify(wsA)).toMatchObject({ ok: true, checked: 6 });

    await tamper(`UPDATE audit_entries SET after = '{"alias": "forged"}' WHERE id = $1`, [chain[3].id]);
    expect(await verify(wsA)).toEqual({
      ok: false,
      checked: 4,
      firstBroken: { seq: 4, id: chain[3].id, reason: 'hash_mismatch' },
      anchor: null,
      head: { seq: 4, hash: chain[3].hash },
    });
    // Another workspace's chain is untouched.
    expect(await verify(wsB)).toMatchObject({ ok: true, checked: 1 });

    await tamper('DELETE FROM audit_entries WHERE id = $1', [chain[1].id]);
    expect((await verify(wsA)).firstBroken).toEqual({ seq: 3, id: chain[2].id, reason: 'seq_gap' });

    await tamper(`UPDATE audit_entries SET hash = $2, actor_id = 'someone-else' WHERE id = $1`, [chain[0].id, 'b'.repeat(64)]);
    expect((await verify(wsA)).firstBroken).toEqual({ seq: 1, id: chain[0].id, reason: 'hash_mismatch' });
  });

  it('purges only entries older than the retention, leaves an anchor, records the purge, and verify stays green', async () => {
    const old = Date.now() - 400 * DAY_MS;
    for (let i = 0; i < 4; i++) await appendAt(wsA, new Date(old + i * 1000));
    for (let i = 0; i < 3; i++) await record(entry(wsA, { resourceId: `fresh-${i}` }));
    for (let i = 0; i < 2; i++) await appendAt(wsB, new Date(old + i * 1000));
    const before = await rows(wsA);
    expect(await verify(wsA)).toMatchObject({ ok: true, checked: 7 });

    const purged = await retention.purgeExpired(365);
    expect(purged).toEqual(
      expect.arrayContaining([
        { workspaceId: wsA, purged: 4, throughSeq: 4 },
        { workspaceId: wsB, purged: 2, throughSeq: 2 },
      ]),
    );
    const after = await rows(wsA);
    expect(after.map((row: { seq: number }) => row.seq)).toEqual([5, 6, 7, 8]);
    const [purge] = await dataSource.query(`SELECT actor_kind, actor_id, action, after FROM audit_entries WHERE workspace_id = $1 AND seq = 8`, [wsA]);
    expect(purge).toEqual({ actor_kind: 'system', actor_id: 'audit-retention', action: 'audit.purge', after: { purged: 4, throughSeq: 4, anchorHash: before[3].hash, retentionDays: 365 } });
    expect(await verify(wsA)).toMatchObject({ ok: true, checked: 4, firstBroken: null, anchor: { seq: 4, hash: before[3].hash } });

    // A chain purged down to nothing but its purge entry continues from the anchor.
    expect(await verify(wsB)).toMatchObject({ ok: true, checked: 1, anchor: { seq: 2 } });
    await record(entry(wsB));
    expect(await verify(wsB)).toMatchObject({ ok: true, checked: 2, head: { seq: 4 } });

    // Nothing older is left: a second purge finds nothing, and anchors never move backwards.
    expect(await retention.purgeExpired(365)).toEqual([]);
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL portico.audit_retention = 'on'`);
        await manager.query(`SET LOCAL portico.audit_retention_days = '365'`);
        await manager.query('UPDATE audit_chain_anchors SET seq = 1 WHERE chain = $1', [wsA]);
      }),
    ).rejects.toThrow(/only moves forward/);
  });

  it('pages newest first with a keyset cursor and filters by action, resource, actor and time', async () => {
    const target = randomUUID();
    for (let i = 0; i < 7; i++) await record(entry(wsA, { action: i % 2 ? 'route.update' : 'route.create', resourceId: i < 3 ? target : `other-${i}` }));
    await record(entry(wsA, { action: 'prices.create' }), { system: 'first-run' });

    const first = await service.page(ctx, wsA, { limit: 3 });
    expect(first.items.map((item) => item.seq)).toEqual([8, 7, 6]);
    const second = await service.page(ctx, wsA, { limit: 3, cursor: decode(first.nextCursor) });
    expect(second.items.map((item) => item.seq)).toEqual([5, 4, 3]);
    const last = await service.page(ctx, wsA, { limit: 3, cursor: decode(second.nextCursor) });
    expect(last.items.map((item) => item.seq)).toEqual([2, 1]);
    expect(last.nextCursor).toBeNull();

    expect((await service.page(ctx, wsA, { limit: 100, action: 'route.create' })).items.map((item) => item.seq)).toEqual([7, 5, 3, 1]);
    expect((await service.page(ctx, wsA, { limit: 100, resourceType: 'route', resourceId: target })).items.map((item) => item.seq)).toEqual([3, 2, 1]);
    expect((await service.page(ctx, wsA, { limit: 100, actorId: 'first-run' })).items.map((item) => item.action)).toEqual(['prices.create']);
    expect((await service.page(ctx, wsA, { limit: 100, to: new Date(Date.now() - DAY_MS) })).items).toEqual([]);
    expect((await service.page(ctx, wsA, { limit: 100, from: new Date(Date.now() - DAY_MS) })).items).toHaveLength(8);
    expect((await service.page(ctx, wsB, { limit: 100 })).items).toEqual([]);
  });
});

/** The cursor is opaque to clients; the service takes the seq the query schema decoded from it. */
function decode(cursor: string | null): number {
  return Number(Buffer.from(cursor!, 'base64url').toString('utf8').replace(/^seq:/, ''));
}
