import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { ErrorCode, PorticoError } from '../common/errors';
import { DEFAULT_WORKER_RESTART_POLICY, WorkerRestartPolicy, type WorkerRestartPolicyOptions } from './worker-restarts';

export interface ClusterPrimaryOptions {
  readonly workers: number;
  /** Added to each worker's environment (e.g. the embedded database's URL). */
  readonly workerEnv: Readonly<Record<string, string>>;
  /** How long workers get to drain after SIGTERM before they are killed. */
  readonly shutdownTimeoutMs: number;
  readonly logger: Logger;
  readonly restartPolicy?: WorkerRestartPolicyOptions;
}

/** One place in the cluster: the worker filling it now, and its restart history. */
interface Slot {
  readonly index: number;
  readonly restarts: WorkerRestartPolicy;
  worker?: Worker;
  forkedAt: number;
  listening: boolean;
  restartTimer?: NodeJS.Timeout;
}

/**
 * Forks the workers (they share the listening port through `node:cluster`), replaces a worker
 * that dies with exponential backoff, and drains them all on `stop()`. The primary itself never
 * serves a request and never opens the application.
 */
export class ClusterPrimary {
  private readonly slots: Slot[];
  private stopping = false;
  private booting = true;
  private bootFailed?: (error: Error) => void;
  private readonly exits = new Set<Promise<boolean>>();

  constructor(private readonly options: ClusterPrimaryOptions) {
    this.slots = Array.from({ length: options.workers }, (_, index) => ({
      index,
      restarts: new WorkerRestartPolicy(options.restartPolicy ?? DEFAULT_WORKER_RESTART_POLICY),
      forkedAt: 0,
      listening: false,
    }));
  }

  /** Forks every worker; resolves once all listen, rejects (after stopping the others) if one dies first. */
  async start(): Promise<void> {
    const allListening = new Promise<void>((resolve, reject) => {
      this.bootFailed = reject;
      let pending = this.slots.length;
      for (const slot of this.slots) {
        this.fork(slot, () => {
          if (--pending === 0) resolve();
        });
      }
    });
    try {
      await allListening;
      this.booting = false;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Sends SIGTERM to every worker and waits for them; true when every worker drained cleanly (exit 0). */
  async stop(): Promise<boolean> {
    if (!this.stopping) {
      this.stopping = true;
      for (const slot of this.slots) {
        clearTimeout(slot.restartTimer);
        slot.worker?.process.kill('SIGTERM');
      }
    }
    const deadline = setTimeout(() => {
      this.options.logger.error({ timeoutMs: this.options.shutdownTimeoutMs }, 'workers did not drain in time; killing them');
      for (const slot of this.slots) slot.worker?.process.kill('SIGKILL');
    }, this.options.shutdownTimeoutMs + 2_000);
    deadline.unref();
    const outcomes = await Promise.all([...this.exits]);
    clearTimeout(deadline);
    return outcomes.every(Boolean);
  }

  /** A second signal while draining: the workers exit at once (their own second-signal path). */
  forceStop(): void {
    for (const slot of this.slots) slot.worker?.process.kill('SIGTERM');
  }

  /** The workers serving now (not those booting, nor the slots waiting for a restart). */
  listeningWorkers(): Worker[] {
    return this.slots.flatMap((slot) => (slot.worker && slot.listening ? [slot.worker] : []));
  }

  private fork(slot: Slot, onFirstListening?: () => void): void {
    const worker = cluster.fork({ ...this.options.workerEnv });
    slot.worker = worker;
    slot.forkedAt = Date.now();
    slot.listening = false;
    const log = this.options.logger;
    worker.once('listening', () => {
      slot.listening = true;
      log.info({ worker: worker.id, pid: worker.process.pid }, 'worker listening');
      onFirstListening?.();
    });
    const exited = new Promise<boolean>((resolve) => {
      worker.once('exit', (code, signal) => {
        const wasListening = slot.listening;
        if (slot.worker === worker) slot.worker = undefined;
        // A worker stopped before it ever listened served nothing, so nothing was lost.
        resolve(code === 0 || (this.stopping && !wasListening));
        this.onExit(slot, worker, code, signal, wasListening);
      });
    });
    this.exits.add(exited);
    void exited.then(() => this.exits.delete(exited));
  }

  private onExit(slot: Slot, worker: Worker, code: number | null, signal: string | null, wasListening: boolean): void {
    const log = this.options.logger;
    if (this.stopping) {
      log.info({ worker: worker.id, code, signal }, 'worker stopped');
      return;
    }
    if (this.booting && !wasListening) {
      log.error({ worker: worker.id, code, signal }, 'worker exited during boot; stopping the cluster');
      this.bootFailed?.(
        new PorticoError(ErrorCode.WORKER_BOOT_FAILED, `worker ${worker.id} exited with ${signal ?? code} before listening (its own error is printed above)`),
      );
      return;
    }
    const delayMs = slot.restarts.delayAfterCrash(Date.now() - slot.forkedAt);
    log.error({ worker: worker.id, code, signal, restartInMs: delayMs, consecutiveCrashes: slot.restarts.crashes }, 'worker died; restarting it');
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = undefined;
      if (!this.stopping) this.fork(slot);
    }, delayMs);
  }
}
