import type { Logger } from 'pino';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { CoalescedReloads } from '../../common/coalesced-reloads';
import type { ApiProductCatalog, ApiProductVersionView, ApiProductView } from '../api-product-catalog';
import type { ApiProductRow, CatalogVersionRow } from '../prompt-apis.repository';

/** Where the snapshot loads from (the repository; a stub in unit specs). */
export interface ApiCatalogSource {
  loadCatalog(workspaceIds?: readonly string[]): Promise<{ products: ApiProductRow[]; versions: CatalogVersionRow[] }>;
}

/**
 * Published API products in memory, for `/apis/...` and the portal: reloaded per workspace on
 * `api_products` changes, in full on resync. Prompt renames do not matter (a slug never changes).
 */
export class ApiProductSnapshot implements ApiProductCatalog {
  private byWorkspace = new Map<string, ReadonlyMap<string, ApiProductView>>();
  private ids = new Map<string, ApiProductView>();
  private publicSlugs = new Map<string, ApiProductView>();
  private readonly reloads: CoalescedReloads;
  private unfollow?: () => void;

  constructor(
    private readonly source: ApiCatalogSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
  ) {
    this.reloads = new CoalescedReloads(
      (workspaceIds) => this.load(workspaceIds),
      (error) => this.logger.error({ err: error }, 'reloading API products failed; keeping the previous ones'),
    );
  }

  async start(): Promise<void> {
    await this.load(undefined);
    this.unfollow = this.reloads.follow(this.changes, ['api_products', 'workspaces']);
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
  }

  reloadAll(): Promise<void> {
    return this.reloads.all();
  }

  list(): readonly ApiProductView[] {
    return [...this.ids.values()];
  }

  visibleTo(workspaceIds: readonly string[]): readonly ApiProductView[] {
    const own = new Set(workspaceIds);
    return this.list().filter((product) => product.visibility === 'public' || own.has(product.workspaceId));
  }

  byId(apiProductId: string): ApiProductView | undefined {
    return this.ids.get(apiProductId);
  }

  bySlug(workspaceId: string, slug: string): ApiProductView | undefined {
    return this.byWorkspace.get(workspaceId)?.get(slug);
  }

  /**
   * What `/apis/<slug>` names for a key of `workspaceId`: its workspace's own product, else the public
   * product of that slug (a public slug is unique across workspaces).
   */
  forCaller(workspaceId: string, slug: string): ApiProductView | undefined {
    return this.bySlug(workspaceId, slug) ?? this.publicSlugs.get(slug);
  }

  private async load(workspaceIds: string[] | undefined): Promise<void> {
    const { products, versions } = await this.source.loadCatalog(workspaceIds);
    const next = workspaceIds ? new Map(this.byWorkspace) : new Map<string, ReadonlyMap<string, ApiProductView>>();
    for (const id of workspaceIds ?? []) next.delete(id);
    for (const product of products) {
      const views = versions.filter((version) => version.productId === product.id).map(toVersionView);
      const bySlug = new Map(next.get(product.workspaceId) ?? []);
      bySlug.set(product.slug, Object.freeze(toProductView(product, views)));
      next.set(product.workspaceId, bySlug);
    }
    this.byWorkspace = next;
    this.ids = new Map([...next.values()].flatMap((bySlug) => [...bySlug.values()].map((view) => [view.id, view] as const)));
    this.publicSlugs = new Map([...this.ids.values()].filter((view) => view.visibility === 'public').map((view) => [view.slug, view] as const));
  }
}

function toProductView(product: ApiProductRow, versions: ApiProductVersionView[]): ApiProductView {
  const newest = (state: ApiProductVersionView['state']) => versions.filter((version) => version.state === state).at(-1)?.number;
  return {
    id: product.id,
    workspaceId: product.workspaceId,
    slug: product.slug,
    title: product.title,
    description: product.description,
    tags: product.tags,
    visibility: product.visibility,
    versions: Object.freeze(versions),
    currentVersion: newest('published') ?? newest('deprecated') ?? null,
  };
}

function toVersionView(row: CatalogVersionRow): ApiProductVersionView {
  return Object.freeze({
    number: row.number,
    state: row.state as ApiProductVersionView['state'],
    promptId: row.promptId,
    promptSlug: row.promptSlug,
    promptVersion: row.promptVersion!,
    inputSchema: row.inputSchema,
    output: row.output,
    outputSchema: row.outputSchema,
    publishedAt: row.publishedAt,
    deprecatedAt: row.deprecatedAt,
    sunsetAt: row.sunsetAt,
    successorVersion: row.successorVersion,
  });
}
