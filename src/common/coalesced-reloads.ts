/**
 * Reloads per workspace or in full, coalesced: while one load runs, further requests collapse
 * into the next one. `load(undefined)` means everything. A failed load is reported and dropped
 * (the caller keeps its previous state).
 */
import type { ChangeBus, ChangeTopic } from './change-bus/change-bus';

export class CoalescedReloads {
  private pendingAll = false;
  private readonly pending = new Set<string>();
  private running?: Promise<void>;

  constructor(
    private readonly load: (workspaceIds: string[] | undefined) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  all(): Promise<void> {
    this.pendingAll = true;
    return this.schedule();
  }

  workspace(workspaceId: string): Promise<void> {
    this.pending.add(workspaceId);
    return this.schedule();
  }

  /**
   * Keeps a snapshot current: a change on any of `topics` reloads the workspace it names (or
   * everything when it names none), and a resync reloads everything. Returns the unsubscribe.
   */
  follow(changes: ChangeBus, topics: readonly ChangeTopic[]): () => void {
    const byWorkspace = (event: { workspaceId?: string }) => (event.workspaceId ? this.workspace(event.workspaceId) : this.all());
    const unsubscribers = [...topics.map((topic) => changes.subscribe(topic, byWorkspace)), changes.onResync(() => this.all())];
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  }

  private schedule(): Promise<void> {
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.pendingAll || this.pending.size > 0) void this.schedule();
      });
    }
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.pendingAll || this.pending.size > 0) {
      const workspaces = this.pendingAll ? undefined : [...this.pending];
      this.pendingAll = false;
      this.pending.clear();
      try {
        await this.load(workspaces);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
