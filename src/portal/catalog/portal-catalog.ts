import type { AnyApiProductCatalog, AnyApiProductView, ApiProductCatalog, ApiProductView, RestApiProductView } from '../../prompt-apis/api-product-catalog';

/**
 * What the portal shows of the API products (prompt APIs from the prompt APIs module, REST APIs
 * from the REST APIs module): the version a bare call reaches, and which products a visitor sees.
 * Anonymous visitors see public products that answer calls; nothing else is listed.
 */
export function currentVersionOf<P extends AnyApiProductView>(product: P): P['versions'][number] | undefined {
  return product.currentVersion === null ? undefined : (product.versions as readonly P['versions'][number][]).find((version) => version.number === product.currentVersion);
}

export function isCallable(product: AnyApiProductView): boolean {
  const version = currentVersionOf(product);
  return version !== undefined && (version.state === 'published' || version.state === 'deprecated');
}

export function isRestApi(product: AnyApiProductView): product is RestApiProductView {
  return product.kind === 'rest';
}

/** Public products with a callable version, by title. */
export function publicProducts<P extends AnyApiProductView>(products: readonly P[]): P[] {
  return products.filter((product) => product.visibility === 'public' && isCallable(product)).sort((a, b) => a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug));
}

/** The portal's view of the catalog: every kind of API product; empty until a module provides one. */
export const PORTAL_PRODUCTS = Symbol('PortalProducts');

export const NO_PRODUCTS: ApiProductCatalog & AnyApiProductCatalog = {
  list: () => [],
  visibleTo: () => [],
  byId: () => undefined,
  bySlug: () => undefined,
};

/**
 * Prompt APIs and REST APIs as one catalog (slugs are unique across both kinds in a workspace).
 * Typed as the prompt catalog for the portal code that reads it through {@link PORTAL_PRODUCTS}
 * and uses only what every kind has (id, slug, title, versions' states); read a product's
 * `kind` before anything kind-specific.
 */
export function portalProducts(prompts: ApiProductCatalog, rest: AnyApiProductCatalog): ApiProductCatalog {
  const merged: AnyApiProductCatalog = {
    list: () => [...prompts.list(), ...rest.list()],
    visibleTo: (workspaceIds) => [...prompts.visibleTo(workspaceIds), ...rest.visibleTo(workspaceIds)],
    byId: (id) => prompts.byId(id) ?? rest.byId(id),
    bySlug: (workspaceId, slug) => prompts.bySlug(workspaceId, slug) ?? rest.bySlug(workspaceId, slug),
  };
  return merged as ApiProductCatalog;
}

export type { ApiProductView };
