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
      // refused calls consumed nothing: the 10 leave together, one bucket (1 s) after the window
      clock = 60_000 + 60_999;
      expect((await s.consume('k', 1, 10, 60_000)).allowed).toBe(false);
      clock = 60_000 + 61_000;
      const later = await s.consume('k', 10, 10, 60_000);
      expect(later).toMatchObject({ allowed: true, remaining: 0 });
      expect((await s.consume('k', 1, 10, 60_000)).allowed).toBe(false);
    });

    it('counts amounts (tokens) and refuses an amount that does not fit while a smaller one does', async () => {
      const s = make(0);
      expect((await s.consume('t', 900, 1000, 60_000)).allowed).toBe(true);
      expect((await s.consume('t', 101, 1000, 60_000)).allowed).toBe(false);
      const edge = await s.consume('t', 100, 1000, 60_000);
      expect(edge).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('holds over every sliding window, not only aligned ones: a late burst is not forgiven at the boundary', async () => {
      const s = make(0);
      clock = 45_000; // a burst late in one minute
      expect((await s.consume('k', 100, 100, 60_000)).allowed).toBe(true);
      clock = 61_000; // the next clock minute has begun, but the burst is 16 s old
      expect(await s.consume('k', 1, 100, 60_000)).toMatchObject({ allowed: false, remaining: 0, resetMs: 45_000 });
      clock = 106_000; // 61 s after the burst its bucket has left the window
      expect(await s.consume('k', 100, 100, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('admits at most the limit in any window under steady overload', async () => {
      const s = make(0);
      const admitted: number[] = [];
      for (clock = 0; clock < 240_000; clock += 50) if ((await s.consume('k', 1, 600, 60_000)).allowed) admitted.push(clock);
      let highest = 0;
      for (let from = 0; from + 60_000 <= 240_000; from += 250) {
        highest = Math.max(highest, admitted.filter((at) => at >= from && at < from + 60_000).length);
      }
      expect(highest).toBeLessThanOrEqual(600);
      expect(admitted.filter((at) => at >= 180_000).length).toBeGreaterThanOrEqual(590);
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

    it('windowUsage counts what consume counts, until the bucket leaves the window', async () => {
      const s = make(0);
      await s.consume('k', 100, 100, 60_000);
      clock = 60_999;
      expect(await s.windowUsage('k', 60_000)).toBe(100);
      clock = 61_000;
      expect(await s.windowUsage('k', 60_000)).toBe(0);
      expect(await s.windowUsage('unknown', 60_000)).toBe(0);
    });

    it('corrects the bucket the amount was counted in, so the correction leaves with it', async () => {
      const s = make(0);
      const first = await s.consume('t', 50, 1_000, 60_000);
      clock = 10_000;
      await s.consume('t', 50, 1_000, 60_000);
      await s.adjust('t', -30, 60_000, first.bucket);
      expect(await s.windowUsage('t', 60_000)).toBe(70);
      clock = 61_000; // the first bucket (20 after the correction) left
      expect(await s.windowUsage('t', 60_000)).toBe(50);
      await s.adjust('t', -20, 60_000, first.bucket); // already gone: nothing to correct
      expect(await s.windowUsage('t', 60_000)).toBe(50);
      await s.adjust('t', -20, 60_000); // no bucket: from the newest
      expect(await s.windowUsage('t', 60_000)).toBe(30);
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
