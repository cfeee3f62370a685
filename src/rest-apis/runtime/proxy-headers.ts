import type { IncomingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 connection-specific headers: they describe one hop, never the next. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
/** The caller's Portico credentials and what the upstream connection decides itself. */
const NEVER_FORWARDED = new Set(['authorization', 'x-api-key', 'host', 'cookie']);

type HeaderValues = Record<string, string | string[] | undefined>;

/** The headers a `Connection` header names are hop-by-hop too. */
function connectionTokens(headers: HeaderValues): Set<string> {
  const connection = headers.connection;
  const values = Array.isArray(connection) ? connection : connection ? [connection] : [];
  return new Set(values.flatMap((value) => value.split(',')).map((token) => token.trim().toLowerCase()).filter(Boolean));
}

function endToEnd(headers: HeaderValues, drop: ReadonlySet<string>): Record<string, string | string[]> {
  const named = connectionTokens(headers);
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || named.has(lower) || drop.has(lower)) continue;
    kept[lower] = value;
  }
  return kept;
}

/**
 * What goes to the upstream: the caller's end-to-end headers without its Portico key (neither
 * `Authorization` nor `x-api-key`, whatever the upstream credential is), cookies or `Host`, plus
 * the upstream credential and forwarding headers.
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  context: { requestId: string; clientIp: string; protocol: string; host: string | undefined; credential: { header: string; value: string } | null },
): Record<string, string | string[]> {
  const headers = endToEnd(incoming, NEVER_FORWARDED);
  const forwardedFor = typeof incoming['x-forwarded-for'] === 'string' ? `${incoming['x-forwarded-for']}, ${context.clientIp}` : context.clientIp;
  headers['x-forwarded-for'] = forwardedFor;
  headers['x-forwarded-proto'] = context.protocol;
  if (context.host) headers['x-forwarded-host'] = context.host;
  headers['x-request-id'] = context.requestId;
  if (context.credential) headers[context.credential.header.toLowerCase()] = context.credential.value;
  return headers;
}

/** What goes back to the caller: the upstream's end-to-end headers (its `Set-Cookie` included). */
export function callerResponseHeaders(upstream: HeaderValues): Record<string, string | string[]> {
  return endToEnd(upstream, new Set(['x-request-id']));
}
