import { describe, expect, it } from 'vitest';
import { autoGrain, decompose, grainRefusal, MINUTE_RETENTION_MS } from './grains';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-03-20T12:34:56Z');

describe('rollup grains', () => {
  it('picks minute up to 6 hours, hour up to 14 days, day beyond', () => {
    expect(autoGrain(at('2026-03-20T07:00:00Z'), NOW, NOW)).toBe('minute');
    expect(autoGrain(at('2026-03-20T06:00:00Z'), NOW, NOW)).toBe('hour');
    expect(autoGrain(at('2026-03-07T00:00:00Z'), NOW, NOW)).toBe('hour');
    expect(autoGrain(at('2026-02-01T00:00:00Z'), NOW, NOW)).toBe('day');
  });

  it('never picks minute for a range older than the minute retention', () => {
    const from = NOW - MINUTE_RETENTION_MS - 3_600_000;
    expect(autoGrain(from, from + 3_600_000, NOW)).toBe('hour');
  });

  it('refuses minute over more than a day or beyond its retention, hour over more than 62 days', () => {
    expect(grainRefusal('minute', at('2026-03-19T12:00:00Z'), NOW, NOW)).toMatch(/at most 1 day/);
    expect(grainRefusal('minute', at('2026-03-20T00:00:00Z'), NOW, NOW)).toBeNull();
    expect(grainRefusal('minute', at('2026-03-01T00:00:00Z'), at('2026-03-01T01:00:00Z'), NOW)).toMatch(/kept for 7 days/);
    expect(grainRefusal('hour', at('2026-01-01T00:00:00Z'), NOW, NOW)).toMatch(/at most 62 day/);
    expect(grainRefusal('day', at('2025-01-01T00:00:00Z'), NOW, NOW)).toBeNull();
  });

  it('cuts a range into minutes | hours | days | hours | minutes that tile it exactly', () => {
    const { from, to, segments } = decompose(at('2026-03-17T10:15:00Z'), at('2026-03-20T12:34:56Z'), NOW);
    expect(new Date(from).toISOString()).toBe('2026-03-17T10:15:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-03-20T12:35:00.000Z');
    expect(segments.map((s) => [s.grain, new Date(s.from).toISOString(), new Date(s.to).toISOString()])).toEqual([
      ['minute', '2026-03-17T10:15:00.000Z', '2026-03-17T11:00:00.000Z'],
      ['hour', '2026-03-17T11:00:00.000Z', '2026-03-18T00:00:00.000Z'],
      ['day', '2026-03-18T00:00:00.000Z', '2026-03-20T00:00:00.000Z'],
      ['hour', '2026-03-20T00:00:00.000Z', '2026-03-20T12:00:00.000Z'],
      ['minute', '2026-03-20T12:00:00.000Z', '2026-03-20T12:35:00.000Z'],
    ]);
  });

  it('reads one grain when the range is aligned, and minutes only inside one hour', () => {
    expect(decompose(at('2026-03-18T00:00:00Z'), at('2026-03-20T00:00:00Z'), NOW).segments.map((s) => s.grain)).toEqual(['day']);
    expect(decompose(at('2026-03-20T10:05:00Z'), at('2026-03-20T10:50:00Z'), NOW).segments.map((s) => s.grain)).toEqual(['minute']);
    expect(decompose(at('2026-03-20T10:00:00Z'), at('2026-03-20T10:00:00Z'), NOW).segments).toEqual([]);
  });

  it('snaps edges older than the minute retention outward to the hour', () => {
    const { from, to, segments } = decompose(at('2026-03-01T10:15:00Z'), at('2026-03-02T08:20:00Z'), NOW);
    expect(new Date(from).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(segments.every((segment) => segment.grain === 'hour')).toBe(true);
  });
});
