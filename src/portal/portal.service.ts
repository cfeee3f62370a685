import { Inject, Injectable } from '@nestjs/common';
import type { ApiProductCatalog, ApiProductView } from '../prompt-apis/api-product-catalog';
import { notFound } from '../common/http/problems';
import { PORTAL_PRODUCTS, publicProducts } from './catalog/portal-catalog';
import { openApiDocument, type OpenApiDocument } from './openapi/openapi-document';
import { apiPage } from './pages/api-page';
import { catalogPage, type CatalogQuery } from './pages/catalog-page';
import { html, layout } from './pages/html';

/** A rendered page and its status. */
export interface PortalPage {
  readonly status: number;
  readonly html: string;
}

/**
 * The developer portal for anonymous visitors: public API products with a callable version, read
 * from the in-memory catalog (no database on any portal page). Signed-in views of a workspace's
 * private products are not served here: members read them through the admin API.
 */
@Injectable()
export class PortalService {
  constructor(@Inject(PORTAL_PRODUCTS) private readonly catalog: ApiProductCatalog) {}

  catalogPage(query: CatalogQuery): PortalPage {
    return { status: 200, html: catalogPage(this.visible(), query) };
  }

  apiPage(slug: string, origin: string): PortalPage {
    const product = this.find(slug);
    if (!product) return { status: 404, html: layout('Not found', html`<h1>API not found</h1><p>No published API is called <code>${slug}</code>. <a href="/portal">All APIs</a></p>`) };
    return { status: 200, html: apiPage(product, origin) };
  }

  openApi(origin: string): OpenApiDocument {
    return openApiDocument(this.visible(), { serverUrl: origin });
  }

  openApiFor(slug: string, origin: string): OpenApiDocument {
    const product = this.find(slug);
    if (!product) throw notFound('API');
    return openApiDocument([product], { serverUrl: origin, title: product.title });
  }

  private visible(): ApiProductView[] {
    return publicProducts(this.catalog.visibleTo([]));
  }

  private find(slug: string): ApiProductView | undefined {
    return this.visible().find((product) => product.slug === slug);
  }
}

