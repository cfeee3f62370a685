// Child processes of the bench: pinned to a core with taskset, tracked, and always cleaned up.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const live = new Set();
let interrupted = false;
const exitTasks = [];

/** Registers a synchronous clean-up (e.g. removing a temporary folder) for whenever the bench exits. */
export const atExit = (task) => exitTasks.push(task);

/** True once SIGINT/SIGTERM asked the bench to stop (children dying then is expected). */
export const isInterrupted = () => interrupted;

/** Whether `taskset` can pin a process on this machine (present, and at least two cores). */
export const canPin = spawnSync('taskset', ['-c', '1', 'true'], { stdio: 'ignore' }).status === 0;

/** Spawns `node <args>` on `core` (unpinned when taskset is missing), in its own process group. */
export function spawnNode(core, args, { env = {}, stdout = 'pipe', stderr = 'pipe' } = {}) {
  const [command, argv] = canPin ? ['taskset', ['-c', String(core), process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, stderr],
    detached: true,
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Resolves with the JSON after the first stdout line starting with `tag `; rejects if the child dies first. */
export function waitForLine(child, tag, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error(`no ${tag} line within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code) => fail(new Error(`child exited (${code}) before printing ${tag}`));
    function fail(error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      reject(error);
    }
    lines.on('line', (line) => {
      if (!line.startsWith(`${tag} `)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.close();
      resolve(JSON.parse(line.slice(tag.length + 1)));
    });
    child.once('exit', onExit);
  });
}

/** Keeps the last `limit` characters a stream wrote, for error messages. */
export function tail(stream, limit = 4000) {
  let text = '';
  stream?.on('data', (piece) => {
    text = (text + piece.toString()).slice(-limit);
  });
  return () => text;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM, then SIGKILL of the whole process group after `graceMs`. */
export async function stop(child, graceMs = 10_000) {
  if (!live.has(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child, 'SIGKILL'); // stragglers of the group (e.g. an embedded database)
}

export async function stopAll() {
  await Promise.all([...live].map((child) => stop(child)));
}

/** On SIGINT/SIGTERM/crash: stop every child, then exit; on a plain exit: kill what is left. */
export function installCleanup() {
  const bail = (code) => {
    interrupted = true;
    stopAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => bail(130));
  process.once('SIGTERM', () => bail(143));
  process.once('uncaughtException', (error) => {
    console.error(error);
    bail(1);
  });
  process.once('exit', () => {
    for (const child of live) signalGroup(child, 'SIGKILL');
    for (const task of exitTasks) task();
  });
}

/** Resident set size of `pid` in MiB, or undefined when it cannot be read. */
export function rssMiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of `pid` every `everyMs` until the returned function is called; it returns the peak. */
export function sampleRss(pid, everyMs = 200) {
  let peak = 0;
  const take = () => {
    peak = Math.max(peak, rssMiB(pid) ?? 0);
  };
  take();
  const timer = setInterval(take, everyMs);
  return () => {
    clearInterval(timer);
    take();
    return peak || undefined;
  };
}

/** CPU time (user + system) a process has used, in clock ticks of 10 ms (`/proc/<pid>/stat`); 0 once it is gone. */
export function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Microseconds per clock tick of {@link cpuTicks}. */
export const TICK_US = 1e6 / 100;

/** Every process below `pid` (an embedded Postgres and its workers, for a Portico). */
export function descendants(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === pid) out.push(Number(entry), ...descendants(Number(entry)));
    } catch {}
  }
  return out;
}

/** CPU ticks of a process and everything below it. */
export function treeTicks(pid) {
  return [pid, ...descendants(pid)].reduce((sum, one) => sum + cpuTicks(one), 0);
}
