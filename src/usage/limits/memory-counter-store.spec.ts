import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCounterStore } from './memory-counter-store';

describe('MemoryCounterStore', () => {
  let clock = 0;
  let store: MemoryCounterStore;
  const make = (start = 1_000_000): MemoryCounterStore => {
    clock = start;
    store = new MemoryCounterStore({ now: () => clock, sweepIntervalMs: 0 });
    return store;
  };
  afterEach(() => store?.close());

  describe('consume (sliding window)', () => {
    it('admits exactly up to the limit and refuses the next without counting it', async () => {
      const s = make(60_000); // start of a window
      for (let i = 0; i < 10; i++) expect((await s.consume('k', 1, 10, 60_000)).allowed).toBe(true);
      const refused = await s.consume('k', 1, 10, 60_000);
      expect(refused).toMatchObject({ allowed: false, remaining: 0, limit: 10 });
      expect(refused.resetMs).toBeGreaterThan(0);
      // refused calls consumed nothing: the previous window still holds exactly 10
      clock += 60_000 + 30_000; // halfway into the next window: 10 * 0.5 = 5 used
      const half = await s.consume('k', 5, 10, 60_000);
      expect(half).toMatchObject({ allowed: true, remaining: 0 });
      expect((await s.consume('k', 1, 10, 60_000)).allowed).toBe(false);
    });

    it('counts amounts (tokens) and refuses an amount that does not fit while a smaller one does', async () => {
      const s = make(0);
      expect((await s.consume('t', 900, 1000, 60_000)).allowed).toBe(true);
      expect((await s.consume('t', 101, 1000, 60_000)).allowed).toBe(false);
      const edge = await s.consume('t', 100, 1000, 60_000);
      expect(edge).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('weights the previous window by its overlap and forgets it after two windows', async () => {
      const s = make(0);
      await s.consume('k', 100, 100, 1_000);
      clock = 1_250; // 75% of the previous window still overlaps → 75 used
      expect(await s.consume('k', 26, 100, 1_000)).toMatchObject({ allowed: false, remaining: 25 });
      expect(await s.consume('k', 25, 100, 1_000)).toMatchObject({ allowed: true, remaining: 0 });
      clock = 3_000; // two windows later: nothing left
      expect(await s.consume('k', 100, 100, 1_000)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('gives a retry-after that is exactly long enough', async () => {
      const s = make(0);
      await s.consume('k', 10, 10, 1_000);
      clock = 1_000;
      const refused = await s.consume('k', 1, 10, 1_000);
      expect(refused.allowed).toBe(false);
      clock += refused.resetMs - 1;
      expect((await s.consume('k', 1, 10, 1_000)).allowed).toBe(false);
      clock += 1;
      expect((await s.consume('k', 1, 10, 1_000)).allowed).toBe(true);
    });

    it('never admits an amount above the limit', async () => {
      const s = make(0);
      expect(await s.consume('k', 11, 10, 1_000)).toMatchObject({ allowed: false, resetMs: 1_000 });
    });

    it('keeps keys apart', async () => {
      const s = make(0);
      await s.consume('a', 1, 1, 1_000);
      expect((await s.consume('b', 1, 1, 1_000)).allowed).toBe(true);
      expect((await s.consume('a', 1, 1, 1_000)).allowed).toBe(false);
    });
  });

  describe('acquire / release', () => {
    it('holds at most limit leases and frees a slot on release', async () => {
      const s = make();
      const a = await s.acquire('c', 2, 10_000);
      const b = await s.acquire('c', 2, 10_000);
      expect(a && b).toBeTruthy();
      expect(a!.leaseId).not.toBe(b!.leaseId);
      expect(await s.acquire('c', 2, 10_000)).toBeNull();
      await s.release('c', a!.leaseId);
      await s.release('c', a!.leaseId); // double release is a no-op
      expect(await s.acquire('c', 2, 10_000)).not.toBeNull();
      expect(await s.acquire('c', 2, 10_000)).toBeNull();
    });

    it('expires a lease whose holder died', async () => {
      const s = make();
      expect(await s.acquire('c', 1, 5_000)).not.toBeNull();
      clock += 4_999;
      expect(await s.acquire('c', 1, 5_000)).toBeNull();
      clock += 1;
      expect(await s.acquire('c', 1, 5_000)).not.toBeNull();
    });
  });

  describe('reserve / settle / cancel', () => {
    it('grants up to the limit exactly and refuses beyond', async () => {
      const s = make();
      const granted = [];
      for (let i = 0; i < 12; i++) granted.push(await s.reserve('b', 100, 1_000, 60_000));
      expect(granted.filter((r) => r.ok)).toHaveLength(10);
      expect(granted[9]).toMatchObject({ ok: true, remaining: 0 });
      expect(granted[10]).toEqual({ ok: false, remaining: 0 });
      expect(await s.spent('b')).toEqual({ settled: 0, reserved: 1_000 });
    });

    it('settle replaces the hold by the actual cost; cancel frees it', async () => {
      const s = make();
      const r1 = await s.reserve('b', 400, 1_000, 60_000);
      const r2 = await s.reserve('b', 400, 1_000, 60_000);
      if (!r1.ok || !r2.ok) throw new Error('expected grants');
      expect(await s.settle('b', r1.reservationId, 150)).toBe(true);
      expect(await s.spent('b')).toEqual({ settled: 150, reserved: 400 });
      await s.cancel('b', r2.reservationId);
      expect(await s.spent('b')).toEqual({ settled: 150, reserved: 0 });
      expect(await s.reserve('b', 850, 1_000, 60_000)).toMatchObject({ ok: true, remaining: 0 });
      expect(await s.reserve('b', 1, 1_000, 60_000)).toEqual({ ok: false, remaining: 0 });
    });

    it('releases an expired reservation and still records a late settle', async () => {
      const s = make();
      const r = await s.reserve('b', 1_000, 1_000, 5_000);
      if (!r.ok) throw new Error('expected grant');
      expect((await s.reserve('b', 1, 1_000, 5_000)).ok).toBe(false);
      clock += 5_000;
      expect(await s.spent('b')).toEqual({ settled: 0, reserved: 0 });
      expect(await s.settle('b', r.reservationId, 300)).toBe(false);
      expect(await s.spent('b')).toEqual({ settled: 300, reserved: 0 });
      expect(await s.reserve('b', 701, 1_000, 5_000)).toEqual({ ok: false, remaining: 700 });
    });

    it('reports a negative remaining when actual costs overshoot', async () => {
      const s = make();
      const r = await s.reserve('b', 100, 1_000, 5_000);
      if (!r.ok) throw new Error('expected grant');
      await s.settle('b', r.reservationId, 1_200);
      expect(await s.reserve('b', 1, 1_000, 5_000)).toEqual({ ok: false, remaining: -200 });
    });

    it('rejects non-integer money', async () => {
      const s = make();
      expect(() => s.reserveSync('b', 1.5, 10, 1_000)).toThrow(RangeError);
    });
  });

  describe('adjust, windowUsage and seed', () => {
    it('adjust corrects the current window both ways, never below zero, without a limit check', async () => {
      const s = make(0);
      await s.consume('t', 500, 1_000, 60_000);
      await s.adjust('t', 700, 60_000);
      expect(await s.windowUsage('t', 60_000)).toBe(1_200);
      expect((await s.consume('t', 1, 1_000, 60_000)).allowed).toBe(false);
      await s.adjust('t', -5_000, 60_000);
      expect(await s.windowUsage('t', 60_000)).toBe(0);
      expect((await s.consume('t', 1_000, 1_000, 60_000)).allowed).toBe(true);
    });

    it('windowUsage weights the previous window like consume does', async () => {
      const s = make(0);
      await s.consume('k', 100, 100, 1_000);
      clock = 1_250;
      expect(await s.windowUsage('k', 1_000)).toBe(75);
      expect(await s.windowUsage('unknown', 1_000)).toBe(0);
    });

    it('seed raises the settled total and never lowers it', async () => {
      const s = make();
      await s.seed('b', 600);
      await s.seed('b', 200);
      expect(await s.spent('b')).toEqual({ settled: 600, reserved: 0 });
      expect(await s.reserve('b', 401, 1_000, 5_000)).toEqual({ ok: false, remaining: 400 });
    });
  });
});
