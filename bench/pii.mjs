// `npm run bench:pii`: quality and latency of guard-pii-redaction.
// Quality: precision and recall per entity type on the labelled corpus
// (plugins/guard-pii-redaction/__fixtures__/corpus.jsonl; `dev` sentences were used while building the
// detectors, `holdout` ones were written afterwards and never tuned on, `holdout2` was written and frozen before
// the second round of detector work and never tuned on either, `holdout3` was written blind, without reading or
// running the detectors, and frozen before its first score, and so were `holdout4` and `holdout5`, by other authors), exact spans
// and any-overlap, plus compromise alone (people(), places()) for comparison. Latency: p50/p99 of `onRequest` on
// 2 KB prompts assembled from the corpus (a different prompt each call), default binding and with names/addresses on.
// Env: BENCH_PII_N (timed calls per binding, default 2000), BENCH_PII_ERRORS=1 (print every miss and false alarm of
// the dev split; the held-out splits print only their scores, so nobody tunes against them by accident), or
// BENCH_PII_ERRORS=<split> to print the errors of that split instead (for the error analysis of a frozen held-out run),
// BENCH_PII_OUT=<dir> (build into another folder) and BENCH_PII_NO_BUILD=1 (time the build already there), as in bench:pii:detectors.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPiiPlugin, OUT, promptTexts, ROOT } from './pii-build.mjs';

const CALLS = Number(process.env.BENCH_PII_N ?? 2000);
const ERRORS_OF = process.env.BENCH_PII_ERRORS === '1' ? 'dev' : process.env.BENCH_PII_ERRORS;
const PROMPT_CHARS = 2048;
const TARGET_P50_MS = 1;
const require = createRequire(import.meta.url);

if (process.env.BENCH_PII_NO_BUILD !== '1') buildPiiPlugin();
const plugin = require(join(OUT, 'plugins/guard-pii-redaction/index.js')).default;
const { createTextDetector } = require(join(OUT, 'plugins/guard-pii-redaction/detect/index.js'));
const { CORPUS_SPLITS, readCorpus, scoreCorpus, PATTERN_LABELS } = require(join(OUT, 'plugins/guard-pii-redaction/corpus.js'));
const { DEFAULT_BINDING, ENTITY_TYPES } = require(join(OUT, 'plugins/guard-pii-redaction/config.schema.js'));
const nlp = require('compromise');

const corpus = readCorpus(join(ROOT, 'plugins/guard-pii-redaction/__fixtures__/corpus.jsonl'));
const ALL_LABELS = [...PATTERN_LABELS, 'PERSON', 'ADDRESS'];
const pct = (value) => value.toFixed(3);

function table(title, records, detect, labels, showErrors = false) {
  const exact = scoreCorpus(records, detect, labels, 'exact');
  const overlap = scoreCorpus(records, detect, labels, 'overlap');
  console.log(`\n${title} (${records.length} sentences)`);
  console.log('label          gold  precision  recall   | overlap: precision  recall');
  for (const [index, score] of [...exact.byLabel, exact.overall].entries()) {
    const loose = [...overlap.byLabel, overlap.overall][index];
    const gold = score.truePositives + score.falseNegatives;
    console.log(
      `${score.label.padEnd(14)} ${String(gold).padStart(4)}  ${pct(score.precision).padStart(9)}  ${pct(score.recall).padStart(6)}   |          ${pct(loose.precision).padStart(9)}  ${pct(loose.recall).padStart(6)}`,
    );
  }
  if (showErrors) for (const error of exact.errors) console.log(`  ${error.id} ${error.kind} ${error.label} ${JSON.stringify(error.value)}`);
  return { exact, overlap };
}

function compromiseAlone(text) {
  const doc = nlp(text);
  const spans = (list, label) =>
    list.map(({ text: value, offset }) => {
      const trimmed = value.replace(/[\s.,;:!?'")]+$/u, '');
      return { start: offset.start, end: offset.start + trimmed.length, label };
    });
  return [...spans(doc.people().json({ offset: true }), 'PERSON'), ...spans(doc.places().json({ offset: true }), 'ADDRESS')];
}

function qualityReport() {
  const full = createTextDetector({ types: ENTITY_TYPES, binding: DEFAULT_BINDING, nlp });
  const results = {};
  for (const split of CORPUS_SPLITS) {
    const records = corpus.filter((record) => (record.split ?? 'dev') === split);
    if (records.length === 0) continue;
    results[split] = table(`Quality, ${split} split, every type on`, records, full, ALL_LABELS, split === ERRORS_OF);
  }
  table('compromise alone (people() as PERSON, places() as ADDRESS), whole corpus', corpus, compromiseAlone, ['PERSON', 'ADDRESS'], false);
  return results;
}

function prompts(count) {
  return promptTexts(corpus, count, PROMPT_CHARS).map((text) => ({
    model: 'bench',
    messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: text }],
  }));
}

async function latency(guard, binding, requests) {
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  const call = (request) => guard.onRequest({ requestId: 'bench', workspaceId: 'bench', config: binding, logger, callState: {} }, request);
  for (let index = 0; index < 200; index += 1) await call(requests[index % requests.length]);
  const times = [];
  for (let index = 0; index < CALLS; index += 1) {
    const request = requests[index % requests.length];
    const started = performance.now();
    await call(request);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)] };
}

const results = qualityReport();
const { guard } = await plugin.create({ pluginId: 'guard-pii-redaction', config: { nlp: true }, logger: console });
const requests = prompts(256);
console.log(`\nLatency of onRequest on ${PROMPT_CHARS}-character prompts (${CALLS} calls, 256 distinct prompts)`);
const bindings = [
  ['default binding (names/addresses off)', {}],
  ['every type on, incl. compromise names', { entities: { person: 'tokenize', address: 'tokenize' } }],
];
let defaultP50 = Infinity;
for (const [name, binding] of bindings) {
  const { p50, p99 } = await latency(guard, binding, requests);
  if (defaultP50 === Infinity) defaultP50 = p50;
  console.log(`${name.padEnd(40)} p50 ${p50.toFixed(3)} ms   p99 ${p99.toFixed(3)} ms`);
}

const worst = (mode, pick) => Math.min(...Object.values(results).flatMap((result) => pick(result[mode])));
const recallOf = (scores) => scores.byLabel.filter((score) => PATTERN_LABELS.includes(score.label)).map((score) => score.recall);
const precisionOf = (scores) => [scores.overall.precision];
console.log(
  `\ntargets, worst over the splits (exact / overlap spans): pattern-type recall ≥ 0.98: ${pct(worst('exact', recallOf))} / ${pct(worst('overlap', recallOf))}; ` +
    `overall precision ≥ 0.95: ${pct(worst('exact', precisionOf))} / ${pct(worst('overlap', precisionOf))}; default p50 ≤ ${TARGET_P50_MS} ms: ${defaultP50.toFixed(3)} ms`,
);
