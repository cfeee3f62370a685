import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GEMINI_CONFIG } from './config.schema.js';
import { FIXTURE_RUNTIME, recordFixtures } from './fixtures.js';
import { createGeminiAdapter } from './index.js';

const fixturesDir = join(__dirname, '__fixtures__');

describe('provider-gemini recorded fixtures', () => {
  it('are what the adapter derives from the recorded Gemini bodies (RECORD_FIXTURES=1 rewrites them)', () => {
    const files = recordFixtures(createGeminiAdapter(DEFAULT_GEMINI_CONFIG, FIXTURE_RUNTIME), fixturesDir);
    if (process.env.RECORD_FIXTURES === '1') {
      for (const [name, content] of Object.entries(files)) writeFileSync(join(fixturesDir, name), content);
    }
    const caseFiles = readdirSync(fixturesDir).filter((name) => name.endsWith('.json') && !name.endsWith('.body.json'));
    expect(caseFiles.sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files)) {
      expect(readFileSync(join(fixturesDir, name), 'utf8'), name).toBe(content);
    }
  });
});
