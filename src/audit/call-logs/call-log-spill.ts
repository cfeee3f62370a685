import { mkdir, open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { CallRecord } from '../call-records/call-record';

/** One line of a quarantine file: what could not be stored, and why. */
export interface QuarantineEntry {
  readonly reason: 'record_rejected' | 'spill_corrupt' | 'unencodable';
  readonly error: string;
  readonly record?: unknown;
  /** A spill line that was not JSON (a write torn by a crash). */
  readonly line?: string;
}

/** A slice of a spill file handed to the writer; `commit` once the database took it. */
export interface SpillReplayBatch {
  readonly records: readonly CallRecord[];
  commit(): Promise<void>;
}

export interface CallLogSpillOptions {
  /** A file is closed (and becomes replayable) past this size. */
  readonly maxFileBytes?: number;
  /** Told about lines that could not be replayed (already quarantined). */
  readonly onCorrupt?: (count: number) => void;
}

const FILE = /^spill-\d{13}-(\d+)-\d+\.jsonl$/;
const OPEN = /^(spill-\d{13}-(\d+)-\d+\.jsonl)\.open$/;
const CLAIMED = /^(spill-\d{13}-\d+-\d+\.jsonl)\.replaying-(\d+)$/;

/**
 * Append-only JSONL files of call records the database could not take yet, one record a line,
 * fsync'd after every append. The file being appended to is `<name>.open`; closed files are
 * replayed oldest first, claimed by an atomic rename so processes sharing the folder never replay
 * the same file at once, and deleted only when every line was written (replaying twice is harmless:
 * inserts are idempotent). `open()` adopts what a stopped or crashed process left behind.
 * Records that can never be stored go to `call-logs-<day>.rejected.jsonl`, kept for an operator.
 */
export class CallLogSpill {
  private active?: { path: string; closedPath: string; handle: FileHandle; bytes: number };
  private readonly closed: string[] = [];
  private replaying?: { path: string; records: CallRecord[]; next: number };
  private chain: Promise<unknown> = Promise.resolve();
  private sequence = 0;
  private readonly maxFileBytes: number;

  constructor(
    readonly dir: string,
    private readonly options: CallLogSpillOptions = {},
  ) {
    this.maxFileBytes = options.maxFileBytes ?? 16 * 1024 * 1024;
  }

  /** Creates the folder and adopts closed, orphaned and abandoned files, oldest first. */
  open(): Promise<void> {
    return this.exclusive(async () => {
      await mkdir(this.dir, { recursive: true });
      for (const name of await readdir(this.dir)) {
        const orphan = OPEN.exec(name) ?? CLAIMED.exec(name);
        if (FILE.test(name)) this.closed.push(name);
        else if (orphan && !isOtherLiveProcess(Number(orphan[2]))) {
          await rename(join(this.dir, name), join(this.dir, orphan[1]));
          this.closed.push(orphan[1]);
        }
      }
      this.closed.sort();
    });
  }

  /** Something is waiting to be replayed (including the file being appended to). */
  get hasPending(): boolean {
    return this.replaying !== undefined || this.closed.length > 0 || (this.active?.bytes ?? 0) > 0;
  }

  /** Appends the records and fsyncs; answers how many were spilled (unencodable ones are quarantined instead). */
  append(records: readonly CallRecord[]): Promise<number> {
    return this.exclusive(async () => {
      const lines: string[] = [];
      const unencodable: QuarantineEntry[] = [];
      for (const record of records) {
        try {
          lines.push(JSON.stringify(record));
        } catch (error) {
          unencodable.push({ reason: 'unencodable', error: String(error), record: inspect(record, { depth: 4 }) });
        }
      }
      if (unencodable.length > 0) await this.writeQuarantine(unencodable);
      if (lines.length === 0) return 0;
      const text = `${lines.join('\n')}\n`;
      const file = this.active ?? (this.active = await this.createFile());
      try {
        await file.handle.write(text);
        await file.handle.datasync();
      } catch (error) {
        // A torn write stays in the file as one corrupt line; new appends start a fresh file.
        await this.rotate().catch(() => undefined);
        throw error;
      }
      file.bytes += Buffer.byteLength(text);
      if (file.bytes >= this.maxFileBytes) await this.rotate();
      return lines.length;
    });
  }

  /** The next up-to-`max` spilled records, oldest file first; the file being appended to is closed first when nothing else waits. */
  nextBatch(max: number): Promise<SpillReplayBatch | undefined> {
    return this.exclusive(async () => {
      while (!this.replaying || this.replaying.next >= this.replaying.records.length) {
        if (this.replaying) await this.finishReplaying();
        if (this.closed.length === 0 && (this.active?.bytes ?? 0) > 0) await this.rotate();
        const name = this.closed.shift();
        if (!name) return undefined;
        await this.claim(name);
      }
      const replaying = this.replaying;
      const end = Math.min(replaying.next + max, replaying.records.length);
      return {
        records: replaying.records.slice(replaying.next, end),
        commit: () =>
          this.exclusive(async () => {
            replaying.next = Math.max(replaying.next, end);
            if (replaying.next >= replaying.records.length && this.replaying === replaying) await this.finishReplaying();
          }),
      };
    });
  }

  quarantine(entries: readonly QuarantineEntry[]): Promise<void> {
    return this.exclusive(() => this.writeQuarantine(entries));
  }

  /** Closes the file being appended to, so it is replayable by the next start. */
  close(): Promise<void> {
    return this.exclusive(() => this.rotate());
  }

  private async claim(name: string): Promise<void> {
    const path = join(this.dir, `${name}.replaying-${process.pid}`);
    try {
      await rename(join(this.dir, name), path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another process took it
      throw error;
    }
    const records: CallRecord[] = [];
    const corrupt: QuarantineEntry[] = [];
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      if (line.length === 0) continue;
      try {
        records.push(reviveRecord(JSON.parse(line)));
      } catch (error) {
        corrupt.push({ reason: 'spill_corrupt', error: String(error), line });
      }
    }
    if (corrupt.length > 0) {
      await this.writeQuarantine(corrupt);
      this.options.onCorrupt?.(corrupt.length);
    }
    this.replaying = { path, records, next: 0 };
  }

  private async finishReplaying(): Promise<void> {
    const done = this.replaying;
    this.replaying = undefined;
    if (done) await unlink(done.path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  }

  private async createFile(): Promise<NonNullable<CallLogSpill['active']>> {
    await mkdir(this.dir, { recursive: true });
    const name = `spill-${String(Date.now()).padStart(13, '0')}-${process.pid}-${String(this.sequence++).padStart(6, '0')}.jsonl`;
    const path = join(this.dir, `${name}.open`);
    return { path, closedPath: join(this.dir, name), handle: await open(path, 'a', 0o600), bytes: 0 };
  }

  private async rotate(): Promise<void> {
    const file = this.active;
    if (!file) return;
    this.active = undefined;
    await file.handle.close();
    if (file.bytes === 0) {
      await unlink(file.path);
      return;
    }
    await rename(file.path, file.closedPath);
    this.closed.push(file.closedPath.slice(this.dir.length + 1));
  }

  private async writeQuarantine(entries: readonly QuarantineEntry[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    const handle = await open(join(this.dir, `call-logs-${day}.rejected.jsonl`), 'a', 0o600);
    try {
      const at = new Date().toISOString();
      await handle.write(entries.map((entry) => JSON.stringify({ at, ...entry })).join('\n') + '\n');
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** A spilled line back into a record: JSON made `startedAt` a string. */
function reviveRecord(value: unknown): CallRecord {
  const record = value as CallRecord & { startedAt: string };
  if (typeof record !== 'object' || record === null || typeof record.callId !== 'string' || typeof record.startedAt !== 'string') {
    throw new TypeError('not a call record');
  }
  return { ...record, startedAt: new Date(record.startedAt) };
}

/** Files carry their writer's pid; ours (a previous run with the same pid) or a dead one's are adoptable. */
function isOtherLiveProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
