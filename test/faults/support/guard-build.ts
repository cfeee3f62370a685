import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from '@swc/core';
import { REPO_ROOT } from '../../support/portico-process';

const SOURCE = join(REPO_ROOT, 'test/support/fixtures/guard-faulty/index.ts');
const SDK_IMPORT = '../../../../src/plugin-sdk/index.js';

/**
 * The built server loads only `index.js` from a plugin folder, and `nest build` compiles no test
 * fixture: this compiles the `guard-faulty` fixture into `<dir>/guard-faulty/index.js` (the folder
 * name is the plugin id), importing the SDK from the build, and answers the folder for PORTICO_PLUGINS.
 */
export function buildFaultyGuard(dir: string, distDir: string): string {
  const source = readFileSync(SOURCE, 'utf8');
  if (!source.includes(SDK_IMPORT)) throw new Error(`${SOURCE} no longer imports ${SDK_IMPORT}; update buildFaultyGuard`);
  const rewritten = source.replace(SDK_IMPORT, join(distDir, 'src/plugin-sdk/index.js'));
  const { code } = transformSync(rewritten, {
    filename: 'index.ts',
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const folder = join(dir, 'guard-faulty');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'index.js'), code);
  return folder;
}
