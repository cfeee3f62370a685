import { describe, expect, it } from 'vitest';
import { type AuditRecord, entryHash, GENESIS_HASH } from './audit-entry';
import { ChainVerifier } from './chain-verifier';

function chain(length: number, start = { seq: 0, hash: GENESIS_HASH }): AuditRecord[] {
  const records: AuditRecord[] = [];
  let previous = start;
  for (let i = 1; i <= length; i++) {
    const unhashed: Omit<AuditRecord, 'hash'> = {
      id: `00000000-0000-4000-8000-${String(previous.seq + 1).padStart(12, '0')}`,
      workspaceId: null,
      seq: previous.seq + 1,
      occurredAt: new Date(1_700_000_000_000 + i),
      actor: { kind: 'system', id: 'test', apiKeyId: null, email: null },
      action: 'thing.update',
      resourceType: 'thing',
      resourceId: String(i),
      before: { n: i - 1 },
      after: { n: i },
      changes: ['n'],
      ip: null,
      userAgent: null,
      requestId: null,
      prevHash: previous.hash,
    };
    const record = { ...unhashed, hash: entryHash(unhashed) };
    records.push(record);
    previous = { seq: record.seq, hash: record.hash };
  }
  return records;
}

const verify = (records: AuditRecord[], anchor: { seq: number; hash: string } | null = null) => {
  const verifier = new ChainVerifier(anchor);
  verifier.feed(records.slice(0, 2));
  verifier.feed(records.slice(2));
  return { checked: verifier.checked, firstBroken: verifier.firstBroken };
};

describe('ChainVerifier', () => {
  it('accepts an intact chain fed in batches', () => {
    expect(verify(chain(5))).toEqual({ checked: 5, firstBroken: null });
  });

  it('names an entry whose content changed', () => {
    const records = chain(5);
    records[2] = { ...records[2], after: { n: 999 } };
    expect(verify(records)).toEqual({ checked: 3, firstBroken: { seq: 3, id: records[2].id, reason: 'hash_mismatch' } });
  });

  it('names the entry after one that was rewritten with a fresh hash', () => {
    const records = chain(5);
    const { hash: _old, ...forged } = { ...records[1], action: 'thing.delete' };
    records[1] = { ...forged, hash: entryHash(forged) };
    expect(verify(records).firstBroken).toEqual({ seq: 3, id: records[2].id, reason: 'prev_hash_mismatch' });
  });

  it('names the entry after a gap', () => {
    const records = chain(5);
    records.splice(1, 1);
    expect(verify(records).firstBroken).toEqual({ seq: 3, id: records[1].id, reason: 'seq_gap' });
  });

  it('starts from the retention anchor, and refuses a chain that does not continue it', () => {
    const records = chain(6);
    const anchor = { seq: records[2].seq, hash: records[2].hash };
    expect(verify(records.slice(3), anchor)).toEqual({ checked: 3, firstBroken: null });
    expect(verify(records.slice(3)).firstBroken).toMatchObject({ seq: 4, reason: 'seq_gap' });
    expect(verify(records.slice(3), { seq: 3, hash: 'f'.repeat(64) }).firstBroken).toMatchObject({ seq: 4, reason: 'prev_hash_mismatch' });
  });
});
