import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import type { Principal } from '../principal';
import { CASBIN_MODEL } from './casbin-model';
import { CasbinTypeormAdapter } from './casbin-typeorm-adapter';
import type { Action, Resource } from './permissions';
import { PolicyRepository } from './policy.repository';

/**
 * Answers "may this principal do this in that workspace?" from an in-memory casbin enforcer.
 * Policies load from Postgres at start and reload on every `policies` change or resync.
 */
export class AuthorizationService {
  private enforcer?: Enforcer;
  private reloading?: Promise<void>;
  private reloadAgain = false;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await new PolicyRepository().syncBuiltinRoles(this.dataSource);
    this.enforcer = await this.loadEnforcer();
    this.unsubscribe.push(this.changes.subscribe('policies', () => this.reload()));
    this.unsubscribe.push(this.changes.onResync(() => this.reload()));
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
  }

  can(principal: Principal, workspaceId: string, resource: Resource, action: Action): boolean {
    if (principal.workspaceId && principal.workspaceId !== workspaceId) return false;
    if (principal.isSuperadmin) return true;
    return this.requireEnforcer().enforceSync(principal.subject, workspaceId, resource, action);
  }

  /** The roles the principal holds in the workspace (empty: not a member). */
  async rolesIn(principal: Principal, workspaceId: string): Promise<string[]> {
    if (principal.workspaceId && principal.workspaceId !== workspaceId) return [];
    return this.requireEnforcer().getRolesForUserInDomain(principal.subject, workspaceId);
  }

  async isMember(principal: Principal, workspaceId: string): Promise<boolean> {
    if (principal.isSuperadmin && !principal.workspaceId) return true;
    return (await this.rolesIn(principal, workspaceId)).length > 0;
  }

  /** Coalesces bursts of changes into one reload at a time; the last change always lands. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        try {
          // casbin's loadPolicy() empties the live policies before it reads the database; checks
          // during that await would be refused. Build a complete enforcer, then swap it in.
          this.enforcer = await this.loadEnforcer();
        } catch (error) {
          this.logger.error({ err: error }, 'reloading authorization policies failed; keeping the previous ones');
        }
      } while (this.reloadAgain);
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private loadEnforcer(): Promise<Enforcer> {
    return newEnforcer(newModelFromString(CASBIN_MODEL), new CasbinTypeormAdapter(this.dataSource));
  }

  private requireEnforcer(): Enforcer {
    if (!this.enforcer) throw new Error('AuthorizationService used before start()');
    return this.enforcer;
  }
}
