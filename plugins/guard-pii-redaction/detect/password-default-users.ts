/**
 * Round 21: a device's login written as `user/password` with no spaces (`NAS - admin/X`, `ssh ubnt/X`, `pi/X`): the user is one
 * of the default device accounts, so what follows its slash is the password, not a path segment. A path has no strong symbol
 * and no mix of cases and digits in one segment; the value must have both, and nothing path-like may follow it.
 */
import type { Detection } from './detection.js';
import { STRONG_SYMBOL, hasAny, isOtherValue, isPlaceholder } from './secret-values.js';

/** A default device account, then its slash and a value up to a blank or the end of the text. */
const DEFAULT_USER_PAIR = /(?<![\w./-])(?:admin|root|ubnt|pi|administrator|operator)\/([^\s/]{8,64})(?=\s|$)/g;
/** A path's query string (`admin/Users?page=2`): a route, not a password. */
const QUERY = /[?&#][\w.-]+=/;
/**
 * What every {@link DEFAULT_USER_PAIR} holds, looked for first: an account and its slash (`/(?:admin|root|ubnt|pi|operator)\//`,
 * whose letters the regex engine met at most positions of a text).
 */
export const DEFAULT_USER_GATE = ['admin/', 'root/', 'ubnt/', 'pi/', 'operator/'];

export function detectDefaultUserPasswords(text: string, found: Detection[]): void {
  if (!hasAny(text, DEFAULT_USER_GATE)) return; // session 12: through the first pass, not a regex
  DEFAULT_USER_PAIR.lastIndex = 0;
  for (let match = DEFAULT_USER_PAIR.exec(text); match !== null; match = DEFAULT_USER_PAIR.exec(text)) {
    const value = match[1].replace(/[.,;:)]+$/, '');
    if (!STRONG_SYMBOL.test(value) || !/\d/.test(value) || !/\p{Lu}/u.test(value) || !/\p{Ll}/u.test(value) || QUERY.test(value) || isPlaceholder(value) || isOtherValue(value)) continue;
    const start = match.index + match[0].length - match[1].length;
    found.push({ start, end: start + value.length, label: 'SECRET' });
  }
}
