import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WARMUP_LINES, warmUpInBackground } from './warmup.js';

describe('warm-up at start', () => {
  it('is one subject long enough for V8 to compile the expressions to machine code (1,000 characters and up)', () => {
    expect(WARMUP_LINES.join('\n').length).toBeGreaterThan(2_000);
  });

  it('runs the detector over the whole text twice, each pass in a later turn of the event loop', async () => {
    const seen: string[] = [];
    warmUpInBackground((text) => (seen.push(text), []));
    expect(seen).toEqual([]);
    await nextTurn();
    await nextTurn();
    await nextTurn();
    expect(seen).toEqual([WARMUP_LINES.join('\n'), WARMUP_LINES.join('\n')]);
  });

  it('stops before the next pass when asked (at shutdown)', async () => {
    const seen: string[] = [];
    const stop = warmUpInBackground((text) => (seen.push(text), []));
    await nextTurn();
    stop();
    await nextTurn();
    await nextTurn();
    expect(seen).toHaveLength(1);
  });
});
