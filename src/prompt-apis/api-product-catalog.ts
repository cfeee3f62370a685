import type { JsonSchema } from '../prompts/templates/prompt-variables';

/**
 * The contract between prompt APIs (`src/prompt-apis`) and the developer portal (`src/portal`): the
 * API products a caller may find and call, answered from memory (rebuilt on `api_products` changes).
 * REST APIs (`src/rest-apis`) are API products too (`kind: 'rest'`, `REST_API_CATALOG`); the portal
 * merges both into one {@link AnyApiProductCatalog}.
 * Only versions that left the draft stage are listed: `published`, `deprecated`, `retired`
 * (`in_review` and `draft` versions are private to the workspace's admin API).
 */
export type ApiVersionState = 'draft' | 'in_review' | 'published' | 'deprecated' | 'retired';

export type ApiVisibility = 'public' | 'workspace';

export type ApiOutputFormat = 'text' | 'json';

/** One version of an API product as callers see it: `POST /apis/<slug>/v<number>`. */
export interface ApiProductVersionView {
  readonly number: number;
  readonly state: Extract<ApiVersionState, 'published' | 'deprecated' | 'retired'>;
  /** The prompt and its fixed version that serve this API version. */
  readonly promptId: string;
  readonly promptSlug: string;
  readonly promptVersion: number;
  /** The request body's JSON Schema (the prompt version's variables; `stream` is accepted beside them). */
  readonly inputSchema: JsonSchema;
  readonly output: ApiOutputFormat;
  /** The JSON Schema `output` satisfies when `output` is `json` (null: any JSON value). */
  readonly outputSchema: JsonSchema | null;
  readonly publishedAt: Date | null;
  readonly deprecatedAt: Date | null;
  /** Set on deprecated versions: when the version is expected to stop answering. */
  readonly sunsetAt: Date | null;
  /** Set on retired versions: the version number callers should move to. */
  readonly successorVersion: number | null;
}

/** A published prompt API product (at least one version published, deprecated or retired). */
export interface ApiProductView {
  /** Prompt products leave it out or say `prompt`; REST products ({@link RestApiProductView}) say `rest`. */
  readonly kind?: 'prompt';
  /** The id subscriptions refer to (`SubscriptionCheck.statusFor(key, apiProductId)`). */
  readonly id: string;
  readonly workspaceId: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string | null;
  readonly tags: readonly string[];
  readonly visibility: ApiVisibility;
  /** Ascending by number. */
  readonly versions: readonly ApiProductVersionView[];
  /** What `POST /apis/<slug>` serves: the newest published version, else the newest deprecated one; null when none answers. */
  readonly currentVersion: number | null;
}

export interface ApiProductCatalog {
  /** Every product with a non-draft version, of every workspace. */
  list(): readonly ApiProductView[];
  /** The products a visitor may see: `public` ones, plus every product of `workspaceIds` (the visitor's workspaces). */
  visibleTo(workspaceIds: readonly string[]): readonly ApiProductView[];
  byId(apiProductId: string): ApiProductView | undefined;
  bySlug(workspaceId: string, slug: string): ApiProductView | undefined;
}

/** One operation an upstream's OpenAPI document declares (the only requests Portico forwards). */
export interface RestOperationView {
  readonly method: 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
  /** As the document writes it, e.g. `/pets/{petId}`. */
  readonly path: string;
  readonly operationId: string | null;
  readonly summary: string | null;
}

/** One version of a REST API as callers see it: `ANY /rest/<slug>/v<number>/<operation path>`. */
export interface RestApiVersionView {
  readonly number: number;
  readonly state: Extract<ApiVersionState, 'published' | 'deprecated' | 'retired'>;
  /** The upstream this version forwards to (never shown to callers). */
  readonly baseUrl: string;
  /** The upstream's OpenAPI 3.0/3.1 document as registered. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly operations: readonly RestOperationView[];
  readonly publishedAt: Date | null;
  readonly deprecatedAt: Date | null;
  readonly sunsetAt: Date | null;
  readonly successorVersion: number | null;
}

/** A published REST API (an upstream HTTP API fronted by Portico under `/rest/<slug>`). */
export interface RestApiProductView {
  readonly kind: 'rest';
  readonly id: string;
  readonly workspaceId: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string | null;
  readonly tags: readonly string[];
  readonly visibility: ApiVisibility;
  readonly versions: readonly RestApiVersionView[];
  readonly currentVersion: number | null;
}

/** Any API product the portal lists and subscriptions name: a prompt API or a REST API. */
export type AnyApiProductView = ApiProductView | RestApiProductView;

/** The same look-ups over {@link AnyApiProductView}s. */
export interface AnyApiProductCatalog {
  list(): readonly AnyApiProductView[];
  visibleTo(workspaceIds: readonly string[]): readonly AnyApiProductView[];
  byId(apiProductId: string): AnyApiProductView | undefined;
  bySlug(workspaceId: string, slug: string): AnyApiProductView | undefined;
}

/** Injection token; `PromptApisModule` (global) provides it. */
export const API_PRODUCT_CATALOG = Symbol('ApiProductCatalog');

/** Injection token of the published REST APIs (an {@link AnyApiProductCatalog} of `kind: 'rest'` views); `RestApisModule` (global) provides it. */
export const REST_API_CATALOG = Symbol('RestApiCatalog');
