// `node bench/injection.mjs`: quality and latency of guard-prompt-injection.
// Quality: precision and recall at the default binding on the labelled corpus
// (plugins/guard-prompt-injection/__fixtures__/injection-corpus.jsonl), per split and per category.
// `dev`, `holdout`, `blind` and `blind2` were used while writing and tuning the patterns; `blind3` was
// written after the last change and never tuned on, so it is the honest estimate for new phrasings.
// Latency: p50/p95 of `onRequest` on 2 KB prompts assembled from benign corpus texts.
// Env: BENCH_INJECTION_N (timed calls, default 2000), BENCH_INJECTION_ERRORS=1 (list misses and false alarms).
// The plugin and the SDK are compiled with swc into node_modules/.cache (dist/ is left alone).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'node_modules', '.cache', 'portico-bench-injection');
const CALLS = Number(process.env.BENCH_INJECTION_N ?? 2000);
const PROMPT_CHARS = 2048;
const require = createRequire(import.meta.url);

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !['__fixtures__', 'testing'].includes(entry.name)) yield* sources(path);
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) yield path;
  }
}

function compile() {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'package.json'), '{ "type": "commonjs" }\n');
  for (const folder of ['plugins/guard-prompt-injection', 'src/plugin-sdk']) {
    for (const file of sources(join(ROOT, folder))) {
      const options = { swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } };
      const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, swc.transformFileSync(file, options).code);
    }
  }
}

compile();
const load = (path) => require(join(OUT, 'plugins/guard-prompt-injection', path));
const { readCorpus, measure } = load('corpus.js');
const { DEFAULT_PROMPT_INJECTION_BINDING: binding, DEFAULT_PROMPT_INJECTION_CONFIG: config } = load('config.schema.js');
const { assessRequest } = load('guard.js');

const corpus = readCorpus(join(ROOT, 'plugins/guard-prompt-injection/__fixtures__/injection-corpus.jsonl'));
const fixed = (value) => value.toFixed(3);
const SPLITS = ['dev', 'holdout', 'blind', 'blind2', 'blind3'];

function row(label, examples, withBinding = binding) {
  const quality = measure(examples, withBinding, config);
  const attacks = quality.truePositives + quality.falseNegatives;
  const benign = quality.examples - attacks;
  console.log(
    `${label.padEnd(26)} ${String(attacks).padStart(7)} ${String(benign).padStart(7)} ${String(quality.truePositives).padStart(4)} ${String(quality.falsePositives).padStart(4)} ${String(quality.falseNegatives).padStart(4)}  ${fixed(quality.precision)}  ${fixed(quality.recall)}`,
  );
  if (process.env.BENCH_INJECTION_ERRORS) {
    for (const id of [...quality.misses, ...quality.falseAlarms]) {
      const example = corpus.find((candidate) => candidate.id === id);
      console.log(`    ${id} ${example.label.padEnd(6)} ${JSON.stringify(example.text).slice(0, 110)}`);
    }
  }
}

const HEADER = `${''.padEnd(26)} attacks  benign   TP   FP   FN  precision recall`;
console.log(`guard-prompt-injection on ${corpus.length} labelled examples, default binding (threshold ${binding.threshold}, untrusted ${binding.untrustedThreshold})\n`);
console.log(HEADER);
for (const split of SPLITS) row(`split ${split}${split === 'blind3' ? ' (never tuned)' : ''}`, corpus.filter((example) => example.split === split));
row('all', corpus);

console.log(`\nper category (all splits)\n${HEADER}`);
for (const category of [...new Set(corpus.map((example) => example.category))].sort()) {
  row(category, corpus.filter((example) => example.category === category));
}

console.log(`\nthreshold sweep (untrusted = threshold - 0.1)\n${HEADER}`);
for (const threshold of [0.3, 0.4, 0.5, 0.6, 0.7]) {
  const swept = { ...binding, threshold, untrustedThreshold: threshold - 0.1 };
  row(`all @ ${threshold}`, corpus, swept);
  row(`blind3 @ ${threshold}`, corpus.filter((example) => example.split === 'blind3'), swept);
}

const benignTexts = corpus.filter((example) => example.label === 'benign' && example.role === 'user').map((example) => example.text);
function prompt(seed) {
  let text = '';
  for (let index = seed; text.length < PROMPT_CHARS; index++) text += `${benignTexts[index % benignTexts.length]}\n`;
  return { model: 'bench', messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: text.slice(0, PROMPT_CHARS) }] };
}
const prompts = Array.from({ length: 64 }, (_, seed) => prompt(seed * 7));
for (let index = 0; index < 200; index++) assessRequest(prompts[index % prompts.length], binding, config);
const timings = [];
for (let index = 0; index < CALLS; index++) {
  const started = performance.now();
  assessRequest(prompts[index % prompts.length], binding, config);
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);
const at = (quantile) => timings[Math.min(timings.length - 1, Math.floor(quantile * timings.length))];
console.log(`\nlatency of a 2 KB prompt (${CALLS} calls): p50 ${fixed(at(0.5))} ms, p95 ${fixed(at(0.95))} ms, p99 ${fixed(at(0.99))} ms`);
