import type { RestApiVersionView } from '../../prompt-apis/api-product-catalog';
import { deprecationHeaders } from '../../prompt-apis/lifecycle/lifecycle-headers';
import { ApiCallRefusal } from '../../prompt-apis/runtime/api-call-refusal';
import type { RestApiRuntime } from './rest-api-snapshot';

/** Where a call goes: the API, the version, the operation path below `/rest/<slug>[/v<n>]` and the query. */
export interface RestCallTarget {
  readonly api: RestApiRuntime;
  readonly version: RestApiVersionView;
  readonly operationPath: string;
  readonly query: string;
  /** Headers every answer of this version carries (version, deprecation). */
  readonly headers: Record<string, string>;
}

/**
 * Reads `/rest/<slug>/v<n>/<path>` or `/rest/<slug>/<path>` (the current version) from the raw URL,
 * so the path is forwarded exactly as the caller encoded it. A first segment `v<digits>` always
 * names a version.
 */
export function splitRestUrl(rawUrl: string): { slug: string; versionSegment: string | undefined; operationPath: string; query: string } | undefined {
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  const match = /^\/rest\/([^/]+)(?:\/(v[0-9]+)(?=\/|$))?(\/.*)?$/.exec(path);
  if (!match) return undefined;
  return { slug: match[1]!, versionSegment: match[2], operationPath: match[3] ?? '/', query };
}

export function restCallTarget(api: RestApiRuntime | undefined, rawUrl: string): RestCallTarget {
  const parts = splitRestUrl(rawUrl);
  if (!api || !parts) throw new ApiCallRefusal(404, 'api_not_found', `no REST API '${parts?.slug ?? ''}' is published for this key's workspace`, 'slug');
  const { view } = api;
  const number = parts.versionSegment === undefined ? view.currentVersion : versionNumber(parts.versionSegment);
  const version = number === null ? undefined : view.versions.find((candidate) => candidate.number === number);
  if (!version) {
    const message = parts.versionSegment === undefined ? `REST API '${view.slug}' has no version that answers` : `REST API '${view.slug}' has no published version ${parts.versionSegment}`;
    throw new ApiCallRefusal(404, 'api_version_not_found', message, 'version');
  }
  const successorPath = view.currentVersion !== null && view.currentVersion !== version.number ? `/rest/${view.slug}/v${view.currentVersion}` : null;
  const lifecycle = version.state === 'deprecated' ? deprecationHeaders(version.deprecatedAt ?? new Date(0), version.sunsetAt, successorPath) : {};
  return { api, version, operationPath: parts.operationPath, query: parts.query, headers: { ...lifecycle, 'x-portico-api-version': `v${version.number}` } };
}

/** A retired version answers 410 naming its successor. */
export function refuseRetiredRest(target: RestCallTarget): void {
  const { version, api } = target;
  if (version.state !== 'retired') return;
  const successor = `v${version.successorVersion}`;
  throw new ApiCallRefusal(410, 'api_version_retired', `v${version.number} of REST API '${api.view.slug}' is retired; call ${successor} instead`, 'version', { successor }, {
    link: `</rest/${api.view.slug}/${successor}>; rel="successor-version"`,
  });
}

/**
 * A path an upstream could resolve to another operation than the one matched: dot segments (also
 * percent-encoded), encoded slashes or backslashes, NUL. Matching sees `{petId}` = `..`; an
 * upstream normalising `/pets/..` would serve `/`.
 */
export function isAmbiguousPath(path: string): boolean {
  if (/%2f|%5c|%00|\\/i.test(path)) return true;
  return path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/** Only operations the version's OpenAPI document declares are forwarded. */
export function refuseUndeclared(target: RestCallTarget, method: string): void {
  if (isAmbiguousPath(target.operationPath)) {
    throw new ApiCallRefusal(400, 'path_invalid', 'the path has dot segments or encoded slashes; Portico forwards only unambiguous paths to declared operations', 'path');
  }
  const matcher = target.api.matchers.get(target.version.number);
  if (matcher?.match(method, target.operationPath)) return;
  const allowed = matcher?.allows(target.operationPath) ?? [];
  const detail = allowed.length > 0 ? ` (it declares ${allowed.join(', ')} there)` : '';
  throw new ApiCallRefusal(404, 'operation_not_found', `v${target.version.number} of REST API '${target.api.view.slug}' declares no operation ${method.toUpperCase()} ${target.operationPath}${detail}`, 'path', {
    ...(allowed.length > 0 ? { allowed } : {}),
  });
}

function versionNumber(segment: string): number | null {
  const match = /^v([1-9][0-9]{0,8})$/.exec(segment);
  return match ? Number(match[1]) : null;
}
