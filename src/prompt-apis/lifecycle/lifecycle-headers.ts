/**
 * `Deprecation: @<epoch seconds>` (RFC 9745, a Structured Field Date) and `Sunset: <HTTP-date>`
 * (RFC 8594), plus links to what callers should read or move to.
 */
export function deprecationHeaders(deprecatedAt: Date, sunsetAt: Date | null, successorPath: string | null): Record<string, string> {
  const headers: Record<string, string> = { deprecation: `@${Math.floor(deprecatedAt.getTime() / 1000)}` };
  if (sunsetAt) headers.sunset = sunsetAt.toUTCString();
  if (successorPath) headers.link = `<${successorPath}>; rel="successor-version"`;
  return headers;
}
