import type { Logger } from 'pino';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { CoalescedReloads } from '../../common/coalesced-reloads';
import type { AnyApiProductCatalog, RestApiProductView, RestApiVersionView } from '../../prompt-apis/api-product-catalog';
import { operationsOf } from '../openapi/upstream-document';
import { OperationMatcher } from '../openapi/operation-matcher';
import type { RestApiRow, RestVersionRow } from '../rest-apis.repository';

/** Where the snapshot loads from (the repository; a stub in unit specs). */
export interface RestCatalogSource {
  loadCatalog(workspaceIds?: readonly string[]): Promise<{ apis: RestApiRow[]; versions: RestVersionRow[] }>;
}

/** What the proxy needs of an API beyond its catalog view: the sealed credential and each version's matcher. */
export interface RestApiRuntime {
  readonly view: RestApiProductView;
  readonly credentialHeader: string | null;
  readonly credentialSealed: string | null;
  readonly matchers: ReadonlyMap<number, OperationMatcher>;
}

/**
 * Published REST APIs in memory, for `/rest/...` and the portal: reloaded per workspace on
 * `rest_apis` changes, in full on resync. The request path never reads the database.
 */
export class RestApiSnapshot implements AnyApiProductCatalog {
  private byWorkspace = new Map<string, ReadonlyMap<string, RestApiRuntime>>();
  private ids = new Map<string, RestApiRuntime>();
  private publicSlugs = new Map<string, RestApiRuntime>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;

  constructor(
    private readonly source: RestCatalogSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      (workspaceIds) => this.load(workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading REST APIs failed; keeping the previous ones'),
    );
  }

  async start(): Promise<void> {
    await this.load(undefined);
    this.unfollow = this.reloads.follow(this.changes, ['rest_apis', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  list(): readonly RestApiProductView[] {
    return [...this.ids.values()].map((entry) => entry.view);
  }

  visibleTo(workspaceIds: readonly string[]): readonly RestApiProductView[] {
    const own = new Set(workspaceIds);
    return this.list().filter((api) => api.visibility === 'public' || own.has(api.workspaceId));
  }

  byId(apiProductId: string): RestApiProductView | undefined {
    return this.ids.get(apiProductId)?.view;
  }

  bySlug(workspaceId: string, slug: string): RestApiProductView | undefined {
    return this.runtime(workspaceId, slug)?.view;
  }

  runtime(workspaceId: string, slug: string): RestApiRuntime | undefined {
    return this.byWorkspace.get(workspaceId)?.get(slug);
  }

  /**
   * What `/rest/<slug>` names for a key of `workspaceId`: its workspace's own API, else the public
   * API of that slug (a public slug is unique across workspaces).
   */
  forCaller(workspaceId: string, slug: string): RestApiRuntime | undefined {
    return this.runtime(workspaceId, slug) ?? this.publicSlugs.get(slug);
  }

  private async load(workspaceIds: string[] | undefined): Promise<void> {
    const { apis, versions } = await this.source.loadCatalog(workspaceIds);
    const next = workspaceIds ? new Map(this.byWorkspace) : new Map<string, ReadonlyMap<string, RestApiRuntime>>();
    for (const id of workspaceIds ?? []) next.delete(id);
    for (const api of apis) {
      const views = versions.filter((version) => version.productId === api.id).map(toVersionView);
      const bySlug = new Map(next.get(api.workspaceId) ?? []);
      bySlug.set(api.slug, {
        view: Object.freeze(toApiView(api, views)),
        credentialHeader: api.credentialHeader,
        credentialSealed: api.credentialSealed,
        matchers: new Map(views.map((view) => [view.number, new OperationMatcher(view.operations)])),
      });
      next.set(api.workspaceId, bySlug);
    }
    this.byWorkspace = next;
    this.ids = new Map([...next.values()].flatMap((bySlug) => [...bySlug.values()].map((entry) => [entry.view.id, entry] as const)));
    this.publicSlugs = new Map([...this.ids.values()].filter((entry) => entry.view.visibility === 'public').map((entry) => [entry.view.slug, entry] as const));
  }
}

function toApiView(api: RestApiRow, versions: RestApiVersionView[]): RestApiProductView {
  const newest = (state: RestApiVersionView['state']) => versions.filter((version) => version.state === state).at(-1)?.number;
  return {
    kind: 'rest',
    id: api.id,
    workspaceId: api.workspaceId,
    slug: api.slug,
    title: api.title,
    description: api.description,
    tags: api.tags,
    visibility: api.visibility,
    versions: Object.freeze(versions),
    currentVersion: newest('published') ?? newest('deprecated') ?? null,
  };
}

function toVersionView(row: RestVersionRow): RestApiVersionView {
  return Object.freeze({
    number: row.number,
    state: row.state as RestApiVersionView['state'],
    baseUrl: row.baseUrl,
    document: row.document,
    operations: operationsOf(row.document),
    publishedAt: row.publishedAt,
    deprecatedAt: row.deprecatedAt,
    sunsetAt: row.sunsetAt,
    successorVersion: row.successorVersion,
  });
}
