// Compiles guard-pii-redaction and the plugin SDK to CommonJS for the PII benchmark, with the same
// swc settings as the unit tests, into node_modules/.cache/portico-bench-pii (so `dist/`, which other
// runs may be using, is left alone and no full `nest build` is needed), or into $BENCH_PII_OUT.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_PII_OUT: another output folder (worktrees that share one node_modules must not share this one); outside
// node_modules/.cache, run with NODE_PATH=<repository>/node_modules so that the plugin's packages resolve.
export const OUT = process.env.BENCH_PII_OUT ? resolve(process.env.BENCH_PII_OUT) : join(ROOT, 'node_modules', '.cache', 'portico-bench-pii');
const SOURCES = ['plugins/guard-pii-redaction', 'src/plugin-sdk'];

function* typescriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== '__fixtures__' && entry.name !== 'testing') yield* typescriptFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) yield path;
  }
}

export function buildPiiPlugin() {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'package.json'), '{ "type": "commonjs" }\n');
  let count = 0;
  for (const source of SOURCES) {
    for (const file of typescriptFiles(join(ROOT, source))) {
      const { code } = swc.transformFileSync(file, {
        swcrc: false,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
      });
      const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
      count += 1;
    }
  }
  return count;
}

/**
 * The texts the PII benchmarks time: `count` prompts of `chars` characters, each made of corpus sentences drawn by a seeded
 * generator, so that every run (and both sides of an A/B run) times the same prompts.
 */
export function promptTexts(corpus, count, chars) {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < chars) text += `${corpus[Math.floor(random() * corpus.length)].text} `;
    return text.slice(0, chars);
  });
}
