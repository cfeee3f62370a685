import type { ApiProductCatalog, ApiProductVersionView, ApiProductView } from '../../prompt-apis/api-product-catalog';

/**
 * What the portal shows of the prompt APIs module's {@link ApiProductView}s: the version that
 * `POST /apis/<slug>` reaches, and which products a visitor sees. Anonymous visitors see public
 * products that answer calls; nothing else is listed.
 */
export function currentVersionOf(product: ApiProductView): ApiProductVersionView | undefined {
  return product.currentVersion === null ? undefined : product.versions.find((version) => version.number === product.currentVersion);
}

export function isCallable(product: ApiProductView): boolean {
  const version = currentVersionOf(product);
  return version !== undefined && (version.state === 'published' || version.state === 'deprecated');
}

/** Public products with a callable version, by title. */
export function publicProducts(products: readonly ApiProductView[]): ApiProductView[] {
  return products.filter((product) => product.visibility === 'public' && isCallable(product)).sort((a, b) => a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug));
}

/** The portal's view of the catalog; empty until the prompt APIs module provides one. */
export const PORTAL_PRODUCTS = Symbol('PortalProducts');

export const NO_PRODUCTS: ApiProductCatalog = {
  list: () => [],
  visibleTo: () => [],
  byId: () => undefined,
  bySlug: () => undefined,
};
