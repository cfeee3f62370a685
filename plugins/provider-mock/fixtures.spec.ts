import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MOCK_CONFIG } from './config.schema.js';
import { recordFixtures } from './fixtures.js';
import { createMockAdapter } from './index.js';

const fixturesDir = join(__dirname, '__fixtures__');

describe('provider-mock recorded fixtures', () => {
  it('are byte for byte what the fake upstream produces (RECORD_FIXTURES=1 rewrites them)', async () => {
    const files = await recordFixtures(createMockAdapter(DEFAULT_MOCK_CONFIG));
    if (process.env.RECORD_FIXTURES === '1') {
      for (const [name, content] of Object.entries(files)) writeFileSync(join(fixturesDir, name), content);
    }
    expect(readdirSync(fixturesDir).sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files)) {
      expect(readFileSync(join(fixturesDir, name), 'utf8'), name).toBe(content);
    }
  });
});
