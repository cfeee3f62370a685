import { type AuditRecord, type ChainPoint, entryHash, GENESIS_HASH } from './audit-entry';

export type BrokenLinkReason = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

export interface BrokenLink {
  seq: number;
  id: string;
  reason: BrokenLinkReason;
}

/**
 * Walks one chain, oldest first, fed in batches: each entry must follow the previous one (`seq`
 * one higher, `prevHash` its hash) and hash to what it stores. The walk starts from the retention
 * anchor when there is one, else from seq 1 and the genesis hash. The first failure is kept.
 */
export class ChainVerifier {
  private expected: ChainPoint;
  private checkedCount = 0;
  private broken: BrokenLink | null = null;

  constructor(anchor: ChainPoint | null) {
    this.expected = anchor ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Feeds the next entries; answers false once a link is broken (no need to read further). */
  feed(records: readonly AuditRecord[]): boolean {
    for (const record of records) {
      if (this.broken) return false;
      this.checkedCount += 1;
      this.broken = this.check(record);
      this.expected = { seq: record.seq, hash: record.hash };
    }
    return this.broken === null;
  }

  get checked(): number {
    return this.checkedCount;
  }

  get firstBroken(): BrokenLink | null {
    return this.broken;
  }

  /** The last entry walked. */
  get head(): ChainPoint {
    return this.expected;
  }

  private check(record: AuditRecord): BrokenLink | null {
    const broken = (reason: BrokenLinkReason): BrokenLink => ({ seq: record.seq, id: record.id, reason });
    if (record.seq !== this.expected.seq + 1) return broken('seq_gap');
    if (record.prevHash !== this.expected.hash) return broken('prev_hash_mismatch');
    const { hash, ...unhashed } = record;
    return entryHash(unhashed) === hash ? null : broken('hash_mismatch');
  }
}
