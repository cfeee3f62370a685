import { isPromptRefusal } from '../../prompts/runtime/prompt-data-plane';
import type { PromptResolver } from '../../prompts/runtime/prompt-resolver';
import { ErrorCode } from '../../common/errors';
import type { ApiProductVersionView, ApiProductView } from '../api-product-catalog';
import { deprecationHeaders } from '../lifecycle/lifecycle-headers';
import { ApiCallRefusal } from './api-call-refusal';
import { structuredOutput } from './json-output';

/** The product and version a call names, with the headers every answer of that version carries. */
export interface CalledVersion {
  readonly product: ApiProductView;
  readonly version: ApiProductVersionView;
  readonly headers: Record<string, string>;
}

/** `/apis/<slug>` (the current version) or `/apis/<slug>/v<n>`, published, deprecated or retired. */
export function calledVersion(product: ApiProductView | undefined, slug: string, segment: string | undefined): CalledVersion {
  if (!product) throw new ApiCallRefusal(404, 'api_not_found', `no API '${slug}' is published for this key's workspace`, 'slug');
  const number = segment === undefined ? product.currentVersion : versionNumber(segment);
  const version = number === null ? undefined : product.versions.find((candidate) => candidate.number === number);
  if (!version) throw new ApiCallRefusal(404, 'api_version_not_found', segment === undefined ? `API '${slug}' has no version that answers` : `API '${slug}' has no published version ${segment}`, 'version');
  const lifecycle = version.state === 'deprecated' ? deprecationHeaders(version.deprecatedAt ?? new Date(0), version.sunsetAt, currentPath(product, version)) : {};
  return { product, version, headers: { ...lifecycle, 'x-portico-api-version': `v${version.number}` } };
}

/** The body: the prompt's variables, plus an optional `stream` flag. */
export function readBody(body: unknown): { variables: Record<string, unknown>; stream: boolean } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw inputInvalid([{ path: '(body)', message: 'must be a JSON object of the API\'s input variables' }]);
  const { stream, ...variables } = body as Record<string, unknown>;
  if (stream !== undefined && typeof stream !== 'boolean') throw inputInvalid([{ path: 'stream', message: 'must be a boolean' }]);
  return { variables, stream: stream === true };
}

/** The chat request the version stands for: rendered from memory, with structured output for JSON APIs. */
export function chatRequestOf(resolver: PromptResolver, called: CalledVersion, variables: Record<string, unknown>, stream: boolean): Record<string, unknown> {
  const { product, version } = called;
  const overrides: Record<string, unknown> = stream ? { stream: true, stream_options: { include_usage: true } } : {};
  if (version.output === 'json') overrides.response_format = structuredOutput(product.slug, version.outputSchema);
  try {
    return resolver.apply(product.workspaceId, { slug: version.promptSlug, version: version.promptVersion, variables }, overrides, () => undefined);
  } catch (error) {
    if (isPromptRefusal(error) && error.code === ErrorCode.PROMPT_VARIABLES_INVALID) throw inputInvalid(error.details.issues as readonly Record<string, unknown>[]);
    if (isPromptRefusal(error)) throw new ApiCallRefusal(503, 'api_unavailable', 'the prompt behind this API is not loaded yet; retry shortly');
    throw error;
  }
}

/** A retired version answers 410 naming its successor. */
export function refuseRetired({ product, version }: CalledVersion): void {
  if (version.state !== 'retired') return;
  const successor = `v${version.successorVersion}`;
  throw new ApiCallRefusal(410, 'api_version_retired', `v${version.number} of API '${product.slug}' is retired; call ${successor} instead`, 'version', { successor }, {
    link: `</apis/${product.slug}/${successor}>; rel="successor-version"`,
  });
}

function inputInvalid(issues: readonly Record<string, unknown>[]): ApiCallRefusal {
  const listed = issues.map((issue) => `${String(issue.path)} ${String(issue.message)}`).join('; ');
  return new ApiCallRefusal(422, 'input_invalid', `the body does not match the API's input schema: ${listed}`, 'body', { issues });
}

function versionNumber(segment: string): number | null {
  const match = /^v([1-9][0-9]{0,8})$/.exec(segment);
  return match ? Number(match[1]) : null;
}

/** Where a deprecated version's callers should go: the product's current version, when it is another one. */
function currentPath(product: ApiProductView, version: ApiProductVersionView): string | null {
  return product.currentVersion !== null && product.currentVersion !== version.number ? `/apis/${product.slug}/v${product.currentVersion}` : null;
}
