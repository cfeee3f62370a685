// `npm run bench:pii:cold`: the first prompts of a new process. Each run is a fresh Node process that creates the plugin as
// the host does (`create`, then `onInit`, which starts the background warm-up), waits BENCH_PII_COLD_WAIT_MS (default 3000,
// about a boot's length), then times `onRequest` on its first ten 2 KB prompts. `without warm-up` builds the guard alone
// (`createPiiGuard`, no `onInit`): what every new process paid before the warm-up. Env: BENCH_PII_COLD_RUNS (default 3),
// BENCH_PII_OUT and BENCH_PII_NO_BUILD as in bench:pii.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPiiPlugin, OUT, promptTexts, ROOT } from './pii-build.mjs';

const FIRST_CALLS = 10;
const require = createRequire(import.meta.url);
const mode = process.argv[2];

async function child(withWarmUp) {
  const { readCorpus } = require(join(OUT, 'plugins/guard-pii-redaction/corpus.js'));
  const texts = promptTexts(readCorpus(join(ROOT, 'plugins/guard-pii-redaction/__fixtures__/corpus.jsonl')), FIRST_CALLS, 2048);
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  let guard;
  if (withWarmUp) {
    const instance = await require(join(OUT, 'plugins/guard-pii-redaction/index.js')).default.create({ pluginId: 'guard-pii-redaction', config: { nlp: true, nlpMaxChars: 16_384 }, logger });
    await instance.onInit?.();
    guard = instance.guard;
  } else {
    guard = require(join(OUT, 'plugins/guard-pii-redaction/guard.js')).createPiiGuard({});
  }
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_PII_COLD_WAIT_MS ?? 3000)));
  const times = [];
  for (const text of texts) {
    const started = performance.now();
    await guard.onRequest({ requestId: 'cold', workspaceId: 'cold', config: {}, logger, callState: {} }, { model: 'm', messages: [{ role: 'user', content: text }] });
    times.push(performance.now() - started);
  }
  console.log(JSON.stringify(times));
}

if (mode === '--child-with' || mode === '--child-without') {
  await child(mode === '--child-with');
} else {
  if (process.env.BENCH_PII_NO_BUILD !== '1') buildPiiPlugin();
  const runs = Number(process.env.BENCH_PII_COLD_RUNS ?? 3);
  const ms = (values) => values.map((value) => value.toFixed(1)).join(' ');
  console.log(`First ${FIRST_CALLS} onRequest calls (ms) on 2 KB prompts in a new process, default binding, ${runs} runs each, alternating:`);
  for (let run = 0; run < runs; run += 1) {
    for (const [label, flag] of [['with warm-up   ', '--child-with'], ['without warm-up', '--child-without']]) {
      const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), flag], { env: process.env, encoding: 'utf8' });
      console.log(`  ${label}: ${ms(JSON.parse(output.trim().split('\n').pop()))}`);
    }
  }
}
