import type { Logger } from 'pino';
import { PROVIDER_CREDENTIAL_PURPOSE, PROVIDER_EXTRA_CREDENTIAL_PURPOSE } from '../auth/secrets/encrypted-columns';
import type { ChangeBus } from '../common/change-bus/change-bus';
import { CoalescedReloads } from '../common/coalesced-reloads';
import type { SecretBox } from '../common/crypto/secret-box';
import type { ProviderAccount } from '../plugin-sdk/index.js';
import type { SealedProviderAccount } from './provider-accounts.repository';

/** An enabled provider account as the data plane sees it, credential decrypted (in memory only). */
export interface LiveProviderAccount {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly pluginId: string;
  readonly baseUrl: string | null;
  /** The primary credential (the account's own `credential`). */
  readonly credential?: string;
  /**
   * Every credential to try, in order: the primary one first, then the extra ones by position.
   * The executor rotates to the next on 401 and 429. Empty when the account has none.
   */
  readonly credentials: readonly string[];
  readonly config: Readonly<Record<string, unknown>>;
}

/** Where the snapshot reads sealed rows from (the repository; a stub in unit specs). */
export interface SealedAccountSource {
  loadEnabled(workspaceIds?: readonly string[]): Promise<SealedProviderAccount[]>;
}

/**
 * Every enabled provider account, per workspace, in memory, with decrypted credentials: the data
 * plane's only way to a credential. Loaded at start, reloaded per workspace on each
 * `provider_accounts` (or `workspaces`) change and in full on resync. Reloads are coalesced and
 * a failed reload keeps the previous state. An account whose credential cannot be opened is left
 * out (and logged) rather than served without its key.
 */
export class ProviderAccountSnapshot {
  private byWorkspace = new Map<string, readonly LiveProviderAccount[]>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;
  private generation = 0;

  constructor(
    private readonly source: SealedAccountSource,
    private readonly box: SecretBox,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      async (workspaceIds) => this.apply(await this.source.loadEnabled(workspaceIds), workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading provider accounts failed; keeping the previous snapshot'),
    );
  }

  async start(): Promise<void> {
    await this.reloadAll();
    this.unfollow = this.reloads.follow(this.changes, ['provider_accounts', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  /** Increments on every applied reload; lets callers cache what they derive from the snapshot. */
  get version(): number {
    return this.generation;
  }

  /** The workspace's enabled accounts, sorted by name. */
  list(workspaceId: string): readonly LiveProviderAccount[] {
    return this.byWorkspace.get(workspaceId) ?? [];
  }

  /** The account a model name `<account>/<model>` points at. */
  get(workspaceId: string, name: string): LiveProviderAccount | undefined {
    return this.list(workspaceId).find((account) => account.name === name);
  }

  getById(workspaceId: string, id: string): LiveProviderAccount | undefined {
    return this.list(workspaceId).find((account) => account.id === id);
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  reloadWorkspace(workspaceId: string): Promise<void> {
    return this.reloads.workspace(workspaceId);
  }

  private apply(rows: SealedProviderAccount[], workspaces?: string[]): void {
    const next = workspaces ? new Map(this.byWorkspace) : new Map<string, readonly LiveProviderAccount[]>();
    for (const id of workspaces ?? []) next.delete(id);
    const grouped = new Map<string, LiveProviderAccount[]>();
    for (const row of rows) {
      const account = this.open(row);
      if (!account) continue;
      const list = grouped.get(row.workspaceId) ?? [];
      list.push(account);
      grouped.set(row.workspaceId, list);
    }
    for (const [workspaceId, accounts] of grouped) next.set(workspaceId, Object.freeze(accounts.sort((a, b) => a.name.localeCompare(b.name))));
    this.byWorkspace = next;
    this.generation += 1;
  }

  private open(row: SealedProviderAccount): LiveProviderAccount | undefined {
    let credential: string | undefined;
    if (row.credentialEnc) {
      try {
        credential = this.box.open(row.credentialEnc, PROVIDER_CREDENTIAL_PURPOSE);
      } catch (error) {
        this.logger.error({ accountId: row.id, workspaceId: row.workspaceId, code: (error as { code?: string }).code }, 'cannot decrypt a provider credential; account left out');
        return undefined;
      }
    }
    const extras = (row.extraCredentialsEnc ?? []).flatMap((sealed) => this.openExtra(row, sealed));
    return Object.freeze({
      id: row.id,
      workspaceId: row.workspaceId,
      name: row.name,
      pluginId: row.pluginId,
      baseUrl: row.baseUrl,
      ...(credential !== undefined && { credential }),
      credentials: Object.freeze(credential === undefined ? extras : [credential, ...extras]),
      config: Object.freeze({ ...row.config }),
    });
  }

  /** An extra credential that cannot be opened is left out (and logged); the account keeps the others. */
  private openExtra(row: SealedProviderAccount, sealed: string): string[] {
    try {
      return [this.box.open(sealed, PROVIDER_EXTRA_CREDENTIAL_PURPOSE)];
    } catch (error) {
      this.logger.error({ accountId: row.id, workspaceId: row.workspaceId, code: (error as { code?: string }).code }, 'cannot decrypt an extra provider credential; left out');
      return [];
    }
  }
}

/** The plugin SDK's view of an account (`ProviderAccount`), for building a `ProviderTarget`. */
export function toPluginAccount(account: LiveProviderAccount): ProviderAccount {
  return { baseUrl: account.baseUrl ?? '', ...(account.credential !== undefined && { apiKey: account.credential }), extra: { ...account.config } };
}
