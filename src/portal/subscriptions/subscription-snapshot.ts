import type { Logger } from 'pino';
import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { CoalescedReloads } from '../../common/coalesced-reloads';
import type { SubscriptionCheck, SubscriptionStatus } from '../subscription-check.contract';
import { effectiveState, type SubscriberType, type Subscription } from './subscription';

/** Where the snapshot loads from (the repository; a stub in unit specs). */
export interface OpenSubscriptionSource {
  loadOpen(workspaceIds?: readonly string[]): Promise<Subscription[]>;
}

const NONE: SubscriptionStatus = Object.freeze({ state: 'none' });

/**
 * Every pending and active subscription, in memory by API product and subscriber, so `/apis/...`
 * checks a key without a database round trip. A `subscriptions` change (published in the writing
 * transaction, delivered by LISTEN/NOTIFY on commit) reloads that workspace on every process;
 * a resync reloads everything. Expiry is read at call time, so an expired subscription stops
 * the moment it expires, with no reload.
 */
export class SubscriptionSnapshot implements SubscriptionCheck {
  private byWorkspace = new Map<string, readonly Subscription[]>();
  private bySubscriber = new Map<string, Subscription>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;

  constructor(
    private readonly source: OpenSubscriptionSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    /** Told what each load brought (the plan gate seeds the budgets of active plans from it). */
    private readonly onLoaded: (loaded: readonly Subscription[]) => Promise<void> = () => Promise.resolve(),
  ) {
    this.reloads = new CoalescedReloads(
      (workspaceIds) => this.load(workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading subscriptions failed; keeping the previous ones'),
    );
  }

  async start(): Promise<void> {
    await this.load(undefined);
    this.unfollow = this.reloads.follow(this.changes, ['subscriptions', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  statusFor(key: ApiKeyRecord, apiProductId: string): SubscriptionStatus {
    const subscriberType = subscriberTypeOf(key);
    if (!subscriberType) return NONE;
    const subscription = this.bySubscriber.get(subscriberKey(apiProductId, subscriberType, key.ownerId));
    if (!subscription || subscription.subscriberWorkspaceId !== key.workspaceId) return NONE;
    const state = effectiveState(subscription, this.now());
    if (state === 'active') return { state: 'active', subscriptionId: subscription.id, plan: subscription.plan };
    if (state === 'pending') return { state: 'pending', subscriptionId: subscription.id };
    return NONE;
  }

  private async load(workspaceIds: string[] | undefined): Promise<void> {
    const loaded = await this.source.loadOpen(workspaceIds);
    const next = workspaceIds ? new Map(this.byWorkspace) : new Map<string, readonly Subscription[]>();
    for (const id of workspaceIds ?? []) next.delete(id);
    const grouped = new Map<string, Subscription[]>();
    for (const subscription of loaded) grouped.set(subscription.workspaceId, [...(grouped.get(subscription.workspaceId) ?? []), Object.freeze(subscription)]);
    for (const [workspaceId, subscriptions] of grouped) next.set(workspaceId, Object.freeze(subscriptions));
    this.byWorkspace = next;
    this.bySubscriber = new Map(
      [...next.values()].flat().map((subscription) => [subscriberKey(subscription.apiProductId, subscription.subscriberType, subscription.subscriberId), subscription]),
    );
    await this.onLoaded(loaded).catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'seeding subscription plan budgets failed'));
  }
}

function subscriberTypeOf(key: ApiKeyRecord): SubscriberType | undefined {
  if (key.ownerType === 'service_account') return 'service_account';
  if (key.ownerType === 'user') return 'user';
  return undefined;
}

function subscriberKey(apiProductId: string, type: SubscriberType, id: string): string {
  return `${apiProductId}|${type}|${id}`;
}
