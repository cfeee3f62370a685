// `npm run bench:pii:detectors`: the time of each pattern detector of guard-pii-redaction alone, on the same kind of
// 2 KB prompts as `bench:pii` (256 distinct prompts assembled from the corpus), in the default order, each detector
// seeing what the ones before it found. Prints the mean and p50 per detector in ms and the sum of the means; the first
// two of eight passes over the prompts are warm-up (BENCH_PII_PASSES=<n> for more). Also the mean of the least disturbed
// pass ("best pass"): on a shared, noisy host it moves least from run to run, so compare builds by it. Use it to find where the `onRequest` time goes and for alternating
// A/B runs of one detector (build the other side into its own folder with BENCH_PII_OUT=<dir>).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPiiPlugin, OUT, promptTexts, ROOT } from './pii-build.mjs';

const PROMPT_CHARS = 2048;
const PROMPTS = 256;
const PASSES = Math.max(3, Number(process.env.BENCH_PII_PASSES ?? 8));
const WARM_UP_PASSES = 2;
const require = createRequire(import.meta.url);

if (process.env.BENCH_PII_NO_BUILD !== '1') buildPiiPlugin();
const detect = (file) => require(join(OUT, 'plugins/guard-pii-redaction/detect', file));
const { readCorpus } = require(join(OUT, 'plugins/guard-pii-redaction/corpus.js'));
const { detectEmails } = detect('contact.js');
const { createPhoneDetector } = detect('phones.js');
const { detectCreditCards, detectIbans, detectSsns } = detect('financial.js');
const { detectIpAddresses } = detect('network.js');
const { detectSecrets } = detect('secrets.js');

// The order of the default binding (detect/index.ts PRIORITY): later detectors skip what earlier ones found.
const detectors = [
  ['secret', detectSecrets],
  ['email', detectEmails],
  ['iban', detectIbans],
  ['credit_card', detectCreditCards],
  ['ssn', detectSsns],
  ['ip_address', detectIpAddresses],
  ['phone', createPhoneDetector([])],
];

const corpus = readCorpus(join(ROOT, 'plugins/guard-pii-redaction/__fixtures__/corpus.jsonl'));
const prompts = promptTexts(corpus, PROMPTS, PROMPT_CHARS);

const times = new Map(detectors.map(([name]) => [name, []]));
const bestPass = new Map(detectors.map(([name]) => [name, Infinity]));
for (let pass = 0; pass < PASSES; pass += 1) {
  const passTotals = new Map(detectors.map(([name]) => [name, 0]));
  for (const text of prompts) {
    const found = [];
    for (const [name, run] of detectors) {
      const started = performance.now();
      run(text, found);
      const elapsed = performance.now() - started;
      if (pass >= WARM_UP_PASSES) times.get(name).push(elapsed);
      passTotals.set(name, passTotals.get(name) + elapsed);
    }
  }
  if (pass >= WARM_UP_PASSES) for (const [name, sum] of passTotals) bestPass.set(name, Math.min(bestPass.get(name), sum / prompts.length));
}

let total = 0;
console.log(`Pattern detectors alone on ${PROMPT_CHARS}-character prompts (${PROMPTS} prompts x ${PASSES - WARM_UP_PASSES} timed passes)`);
for (const [name, samples] of times) {
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  total += mean;
  console.log(`${name.padEnd(12)} mean ${mean.toFixed(3)} ms   p50 ${samples[samples.length >> 1].toFixed(3)} ms   best pass ${bestPass.get(name).toFixed(3)} ms`);
}
console.log(`${'sum of means'.padEnd(12)} ${total.toFixed(3)} ms`);
