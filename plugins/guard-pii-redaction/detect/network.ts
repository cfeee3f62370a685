import { isIP } from 'node:net';
import { before, type Detection, eachMatch } from './detection.js';

const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)/g;
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|:)?:[0-9A-Fa-f:.]*[0-9A-Fa-f](?:%[\w.]+)?(?![\w:])/g;
const VERSION_CUE = /(?:\bv|\b(?:version|versión|release|build|ver\.|sdk|firmware|oid)\s*)$/;

/** IPv4 and IPv6 addresses, validated by `node:net` `isIP`; a dotted quad after "v"/"version" is a version string. */
export function detectIpAddresses(text: string, found: Detection[]): void {
  eachMatch(IPV4, text, (match) => {
    if (isIP(match[0]) !== 4 || VERSION_CUE.test(before(text, match.index, 12))) return;
    found.push({ start: match.index, end: match.index + match[0].length, label: 'IP_ADDRESS' });
  });
  eachMatch(IPV6, text, (match) => {
    const candidate = match[0];
    const address = candidate.split('%')[0];
    if (address.length < 6 || address.split(':').length < 3 || isIP(address) !== 6) return;
    found.push({ start: match.index, end: match.index + candidate.length, label: 'IP_ADDRESS' });
  });
}
