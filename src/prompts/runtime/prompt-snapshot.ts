import type { Logger } from 'pino';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { CoalescedReloads } from '../../common/coalesced-reloads';
import { LabelSplit } from '../labels/label-split';
import type { RegistryRows } from '../prompts.repository';
import type { PromptVersion } from '../versions/prompt-version';

/** Where the snapshot loads from (the repository; a stub in unit specs). */
export interface PromptRegistrySource {
  loadRegistry(workspaceIds?: readonly string[]): Promise<RegistryRows>;
}

/** One prompt as the data plane sees it: every version by number, every label as a ready split. */
export interface LivePrompt {
  readonly id: string;
  readonly workspaceId: string;
  readonly slug: string;
  readonly versions: ReadonlyMap<number, PromptVersion>;
  readonly labels: ReadonlyMap<string, LabelSplit>;
}

/**
 * Every prompt, version and label, in memory by workspace and slug, so resolving a prompt on
 * `/v1/chat/completions` never waits on the database. Reloaded per workspace on a `prompts` (or
 * `workspaces`) change and in full on resync; a failed load keeps the previous state.
 */
export class PromptSnapshot {
  private byWorkspace = new Map<string, ReadonlyMap<string, LivePrompt>>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;

  constructor(
    private readonly source: PromptRegistrySource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      (workspaceIds) => this.load(workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading prompts failed; keeping the previous ones'),
    );
  }

  async start(): Promise<void> {
    await this.load(undefined);
    this.unfollow = this.reloads.follow(this.changes, ['prompts', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  prompt(workspaceId: string, slug: string): LivePrompt | undefined {
    return this.byWorkspace.get(workspaceId)?.get(slug);
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  reloadWorkspace(workspaceId: string): Promise<void> {
    return this.reloads.workspace(workspaceId);
  }

  private async load(workspaceIds: string[] | undefined): Promise<void> {
    const rows = await this.source.loadRegistry(workspaceIds);
    const next = workspaceIds ? new Map(this.byWorkspace) : new Map<string, ReadonlyMap<string, LivePrompt>>();
    for (const id of workspaceIds ?? []) next.delete(id);
    for (const [workspaceId, prompts] of group(rows)) next.set(workspaceId, prompts);
    this.byWorkspace = next;
  }
}

function group(rows: RegistryRows): Map<string, Map<string, LivePrompt>> {
  const versions = new Map<string, Map<number, PromptVersion>>();
  for (const version of rows.versions) {
    const byNumber = versions.get(version.promptId) ?? new Map<number, PromptVersion>();
    byNumber.set(version.number, Object.freeze(version));
    versions.set(version.promptId, byNumber);
  }
  const labels = new Map<string, Map<string, LabelSplit>>();
  for (const label of rows.labels) {
    if (label.targets.length === 0) continue;
    const byName = labels.get(label.promptId) ?? new Map<string, LabelSplit>();
    byName.set(label.name, new LabelSplit(label.targets));
    labels.set(label.promptId, byName);
  }
  const byWorkspace = new Map<string, Map<string, LivePrompt>>();
  for (const prompt of rows.prompts) {
    const prompts = byWorkspace.get(prompt.workspaceId) ?? new Map<string, LivePrompt>();
    prompts.set(prompt.slug, {
      id: prompt.id,
      workspaceId: prompt.workspaceId,
      slug: prompt.slug,
      versions: versions.get(prompt.id) ?? new Map(),
      labels: labels.get(prompt.id) ?? new Map(),
    });
    byWorkspace.set(prompt.workspaceId, prompts);
  }
  return byWorkspace;
}
