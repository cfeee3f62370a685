import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const MAIN_JS = join(REPO_ROOT, 'dist/src/main.js');

export interface PorticoProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  waitForReady(baseUrl: string, timeoutMs?: number): Promise<number>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built server (`npm run build` first) with exactly the given environment plus PATH; `mainJs` for another copy of the build. */
export function spawnPortico(env: Record<string, string>, mainJs = MAIN_JS): PorticoProcess {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npm run build\` before the e2e tests (npm test does)`);
  const child = spawn(process.execPath, [mainJs], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForReady(baseUrl, timeoutMs = 30_000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        if (child.exitCode !== null) throw new Error(`portico exited with ${child.exitCode}: ${err}${out.slice(-2000)}`);
        try {
          const response = await fetch(`${baseUrl}/readyz`);
          if (response.status === 200) return Date.now() - started;
        } catch {
          // not listening yet
        }
        await new Promise((tick) => setTimeout(tick, 100));
      }
      throw new Error(`portico not ready within ${timeoutMs} ms: ${err}${out.slice(-2000)}`);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the server expecting it to fail at boot; resolves with its exit code and output. */
export async function bootFailure(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const portico = spawnPortico(env);
  const timer = setTimeout(() => portico.child.kill('SIGKILL'), 30_000);
  const code = await portico.exited;
  clearTimeout(timer);
  return { code, stderr: portico.stderr(), stdout: portico.stdout() };
}
