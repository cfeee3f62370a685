import type { CallRecord } from './call-record';

/** Receives every finished call. Must not block or throw: enqueue and return. */
export type CallRecordListener = (record: CallRecord) => void;

/**
 * The in-process fan-out of finished data-plane calls: the call-log writer, metrics and traces
 * subscribe; the pipeline publishes exactly once per request. Listeners run synchronously, in
 * subscription order; one that throws is logged through `onListenerError` and does not stop the rest.
 */
export class CallRecords {
  private listeners: CallRecordListener[] = [];
  private bodyPolicy: (workspaceId: string) => boolean = () => false;

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: CallRecordListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((existing) => existing !== listener);
    };
  }

  publish(record: CallRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Whether the pipeline should attach request/response bodies for this workspace (set by the call-log module). */
  capturesBodies(workspaceId: string): boolean {
    return this.bodyPolicy(workspaceId);
  }

  setBodyPolicy(policy: (workspaceId: string) => boolean): void {
    this.bodyPolicy = policy;
  }
}
