import type { Logger } from 'pino';
import type { ChangeBus } from '../../../common/change-bus/change-bus';
import { CoalescedReloads } from '../../../common/coalesced-reloads';
import type { CallRecords } from '../../call-records/call-records';

/** Where the snapshot reads from (the repository; a stub in unit specs). */
export interface BodyCaptureSource {
  /** Of `workspaceIds` (or of all, without it), the workspaces that store bodies. */
  workspacesStoringBodies(workspaceIds?: readonly string[]): Promise<string[]>;
}

/**
 * Which workspaces store request/response bodies, in memory, so the data plane asks without a
 * query: installed as `CallRecords`' body policy. Reloaded per workspace on `call_log_settings`
 * (and `workspaces`) changes, in full on resync; a failed reload keeps the previous state.
 */
export class CallLogSettingsSnapshot {
  private storing: ReadonlySet<string> = new Set();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;

  constructor(
    private readonly source: BodyCaptureSource,
    private readonly changes: ChangeBus,
    private readonly records: CallRecords,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      async (workspaceIds) => this.apply(await this.source.workspacesStoringBodies(workspaceIds), workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading call-log settings failed; keeping the previous ones'),
    );
  }

  async start(): Promise<void> {
    await this.reloads.all();
    this.unfollow = this.reloads.follow(this.changes, ['call_log_settings', 'workspaces']);
    this.records.setBodyPolicy((workspaceId) => this.storing.has(workspaceId));
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  storesBodies(workspaceId: string): boolean {
    return this.storing.has(workspaceId);
  }

  private apply(storing: readonly string[], workspaceIds?: readonly string[]): void {
    const next = new Set(workspaceIds ? [...this.storing].filter((id) => !workspaceIds.includes(id)) : []);
    for (const id of storing) next.add(id);
    this.storing = next;
  }
}
