// `npm run bench:pii:secret-steps`: where the secret detector's time goes, step by step, on the same 256 distinct 2 KB prompts
// as `bench:pii:detectors`. It copies the built plugin, adds a timer around each call of `detectSecrets` (secrets.ts) and a
// lap timer before each top-level scan of `detectCuedValues` (secret-cued.ts), and prints µs per prompt for each step: the
// least disturbed of 11 timed passes (on a shared host, the figure that repeats between runs). The timers cost a little
// themselves; compare builds by running both (BENCH_PII_OUT=<dir>, BENCH_PII_NO_BUILD=1 as in bench:pii:detectors).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPiiPlugin, OUT, promptTexts, ROOT } from './pii-build.mjs';

const PASSES = 14;
const WARM_UP_PASSES = 3;

if (process.env.BENCH_PII_NO_BUILD !== '1') buildPiiPlugin();
const TIMED = `${OUT}-steps`;
cpSync(OUT, TIMED, { recursive: true });
const detectDir = join(TIMED, 'plugins/guard-pii-redaction/detect');
const steps = [];

/** A step called on its own line in `detectSecrets` (`(0, _mod.detectX)(text, …);`, `const runs = …`, `detectVendorTokens(…)`). */
const STEP_CALL = /^(\s+)(?:const \w+ = )?(?:\(0, _\w+\.(\w+)\)|(detect\w+))\(/;
/** The start of a top-level scan in `detectCuedValues`, at the function body's indentation. */
const CUED_SCAN = /^ {4}(?:for \(|if \(|\(0, _\w+\.eachMatch\)|const \{ lower|return )/;

function instrument(file, functionName, edit) {
  const path = join(detectDir, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith(`function ${functionName}(`));
  if (start < 0) throw new Error(`${functionName} not found in ${file}: the build's shape changed, update this bench`);
  const before = steps.length;
  for (let index = start + 1; index < lines.length && !lines[index].startsWith('}'); index += 1) lines[index] = edit(lines[index]);
  if (steps.length === before) throw new Error(`no step of ${functionName} found in ${file}: the build's shape changed, update this bench`);
  writeFileSync(path, lines.join('\n'));
}

instrument('secrets.js', 'detectSecrets', (line) => {
  const call = STEP_CALL.exec(line);
  const statement = line.replace(/\/\/.*$/, '').trim();
  if (call === null || !statement.endsWith(');')) return line; // one call on one line; the PEM/JWT scans are left untimed
  const slot = steps.push(`detectSecrets: ${call[2] ?? call[3]}`) - 1;
  return `${call[1]}{ const t = globalThis.__piiSteps.now(); ${statement.startsWith('const ') ? statement.replace(/^const /, 'var ') : statement} globalThis.__piiSteps.clock[${slot}] += globalThis.__piiSteps.now() - t; }`;
});
instrument('secret-cued.js', 'detectCuedValues', (line) => {
  if (!CUED_SCAN.test(line)) return line;
  const slot = line.trim().startsWith('return ') ? -1 : steps.push(`  detectCuedValues: ${line.trim().slice(0, 72)}`) - 1;
  return `globalThis.__piiSteps.lap(${slot}); ${line}`;
});
// What the added lines call: one clock per step found above.
const clock = new Float64Array(steps.length);
const state = { last: -1, at: 0 };
globalThis.__piiSteps = {
  clock,
  now: () => performance.now(),
  lap(slot) {
    const now = performance.now();
    if (state.last >= 0) clock[state.last] += now - state.at;
    state.last = slot;
    state.at = now;
  },
};

const require = createRequire(import.meta.url);
const { readCorpus } = require(join(TIMED, 'plugins/guard-pii-redaction/corpus.js'));
const { detectSecrets } = require(join(detectDir, 'secrets.js'));
const prompts = promptTexts(readCorpus(join(ROOT, 'plugins/guard-pii-redaction/__fixtures__/corpus.jsonl')), 256, 2048);

const best = new Float64Array(steps.length).fill(Infinity);
let bestTotal = Infinity;
for (let pass = 0; pass < PASSES; pass += 1) {
  clock.fill(0);
  const started = performance.now();
  for (const text of prompts) detectSecrets(text, []);
  if (pass < WARM_UP_PASSES) continue;
  bestTotal = Math.min(bestTotal, ((performance.now() - started) * 1000) / prompts.length);
  for (let slot = 0; slot < steps.length; slot += 1) best[slot] = Math.min(best[slot], (clock[slot] * 1000) / prompts.length);
}
console.log(`Secret detector by step, µs per 2 KB prompt (least disturbed of ${PASSES - WARM_UP_PASSES} passes over ${prompts.length} prompts)`);
for (const [slot, name] of steps.entries()) console.log(`${best[slot].toFixed(1).padStart(7)}  ${name}`);
console.log(`${bestTotal.toFixed(1).padStart(7)}  detectSecrets as a whole (timers included)`);
