import { Inject, Injectable } from '@nestjs/common';
import type { ApiProductCatalog, ApiProductView } from '../prompt-apis/api-product-catalog';
import { notFound } from '../common/http/problems';
import { isCallable, PORTAL_PRODUCTS } from './catalog/portal-catalog';
import { openApiDocument, type OpenApiDocument } from './openapi/openapi-document';
import { apiPage } from './pages/api-page';
import { catalogPage, type CatalogQuery } from './pages/catalog-page';
import { html, layout } from './pages/html';
import { ANONYMOUS, type PortalVisitor } from './portal-visitor';

/** A rendered page and its status. */
export interface PortalPage {
  readonly status: number;
  readonly html: string;
}

/**
 * The developer portal: API products with a callable version that the visitor may see (public
 * ones for everybody, plus their own workspaces' products when signed in), read from the in-memory
 * catalog (no database on any portal page). Where a slug is both a public product of another
 * workspace and one of the visitor's own, the visitor's own is shown (as `/apis/<slug>` resolves it).
 */
@Injectable()
export class PortalService {
  constructor(@Inject(PORTAL_PRODUCTS) private readonly catalog: ApiProductCatalog) {}

  /** The workspaces that have API products: a signed-in visitor's memberships are checked among these. */
  workspacesWithProducts(): string[] {
    return [...new Set(this.catalog.list().map((product) => product.workspaceId))];
  }

  catalogPage(query: CatalogQuery, visitor: PortalVisitor = ANONYMOUS): PortalPage {
    return { status: 200, html: catalogPage(this.visible(visitor), query) };
  }

  apiPage(slug: string, origin: string, visitor: PortalVisitor = ANONYMOUS): PortalPage {
    const product = this.find(slug, visitor);
    if (!product) return { status: 404, html: layout('Not found', html`<h1>API not found</h1><p>No published API is called <code>${slug}</code>. <a href="/portal">All APIs</a></p>`) };
    return { status: 200, html: apiPage(product, origin) };
  }

  openApi(origin: string, visitor: PortalVisitor = ANONYMOUS): OpenApiDocument {
    return openApiDocument(this.visible(visitor), { serverUrl: origin });
  }

  openApiFor(slug: string, origin: string, visitor: PortalVisitor = ANONYMOUS): OpenApiDocument {
    const product = this.find(slug, visitor);
    if (!product) throw notFound('API');
    return openApiDocument([product], { serverUrl: origin, title: product.title });
  }

  /** Callable products the visitor may see, by title; one per slug, the visitor's own first. */
  private visible(visitor: PortalVisitor): ApiProductView[] {
    const own = new Set(visitor.workspaceIds);
    const bySlug = new Map<string, ApiProductView>();
    for (const product of this.catalog.visibleTo(visitor.workspaceIds)) {
      if (!isCallable(product)) continue;
      const seen = bySlug.get(product.slug);
      if (!seen || (!own.has(seen.workspaceId) && own.has(product.workspaceId))) bySlug.set(product.slug, product);
    }
    return [...bySlug.values()].sort((a, b) => a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug));
  }

  private find(slug: string, visitor: PortalVisitor): ApiProductView | undefined {
    return this.visible(visitor).find((product) => product.slug === slug);
  }
}

