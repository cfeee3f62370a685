import { isIP } from 'node:net';
import { testedAtLeadingCharacters } from './alternation.js';
import { before, type Detection, eachMatch } from './detection.js';
import { connectionLine } from './ipv6-ports.js';
import { asciiWidth } from './width.js';

const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)/g;
/** Ends in a hex digit, or in `::` ("2001:db8:cafe::"). Tried at one position at a time (see eachIpv6Candidate). */
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|:)?:[0-9A-Fa-f:.]*(?:[0-9A-Fa-f]|[0-9A-Fa-f]::)(?:%[\w.]+)?(?![\w:])/y;
/** A match of IPV6 holds a colon within its first five characters (at most four hex digits or one colon before it). */
const IPV6_COLON_REACH = 4;

/**
 * The matches of IPV6 in text order, as a global scan would find them, but tried only up to four characters before each colon:
 * a scan of every position ran the pattern's lookbehind and first group at each of a prompt's two thousand characters.
 */
function eachIpv6Candidate(text: string, visit: (match: RegExpExecArray) => void): void {
  let next = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    for (let at = Math.max(next, colon - IPV6_COLON_REACH); at <= colon; at += 1) {
      IPV6.lastIndex = at;
      const match = IPV6.exec(text);
      next = at + 1;
      if (match === null) continue;
      visit(match);
      next = at + match[0].length;
      break;
    }
  }
}
const VERSION_WORDS = String.raw`version\p{L}*|versión|versão|versione|versie|versjon|versio\p{L}*|versi|verze|verzi|wersj\p{L}*|верси\p{L}*|версі\p{L}*|sürüm\p{L}*|versiyon\p{L}*|έκδοσ\p{L}*|phiên bản|إصدار|الإصدار|الاصدار|نسخة|النسخة|גרסה|גרסת|संस्करण|release|build|ver\.?|sdk|firmware\p{L}*|υλικολογισμικ\p{L}*|λογισμικ\p{L}*|laiteohjelmisto\p{L}*|yazılım\p{L}*|קושחה|הקושחה|phần sụn|phần mềm|revision|révision|revisión|revisão|software|прошивк\p{L}*|микропрограмм\p{L}*|oprogramowani\p{L}*|kernel|linux|windows|macos|ios|ipados|android|chrome|chromium|firefox|safari|bios|uefi|microcode|logiciel|driver|treiber|patch|mise à jour|actualización|aktualisierung|section|clause|chapter|kapitel|abschnitt|article|artículo|oid`;
const VERSION_CJK = String.raw`バージョン|版本|버전|เวอร์ชัน|ビルド|ファームウェア|ファーム|固件|韌體|펌웨어|เฟิร์มแวร์`;
/** Right before a dotted quad, a version or a numbered section: "v1.2.3.4", "firmware es 1.4.2.9", "requests==2.31.0.1", "Version(\"1.0.0.0\")". */
export const VERSION_CUE = new RegExp(
  String.raw`(?:\bv|(?:(?<![\p{L}])(?:${VERSION_WORDS})|${VERSION_CJK})(?:\s+(?:del|de la|du|de|des|der|die|das|of|the|es|est|ist|is))*\s*[:=("'：]*\s*|[=~<>!]=\s*)$`,
  'u',
);
/**
 * A move between versions: "Upgrading from 10.2.0.14 to 10.2.1.3", "upgraded to", "Update auf", "mise à jour vers",
 * "actualizar a"; the words between the verb and the quad are only directions and other version numbers, and (Round 24) the
 * name of what is upgraded right before the quad ("Upgrade to agent 1.24.3.7"); a network word there makes it an address.
 */
// Round 25: tried at the first letters of its words only (see testedAtLeadingCharacters).
const UPGRADE_CUE = testedAtLeadingCharacters(new RegExp(
  String.raw`(?:(?<![\p{L}])(?:upgrad\w*|updat\w*|downgrad\w*|migrat\w*|roll(?:ed|ing)?[ -]?back|hotfix\w*|releas\w*|builds?|versions?|aktualisier\w*|actualiz\w*|atualiz\w*|aggiorn\p{L}*|bijgewerkt|bijwerk\p{L}*|güncelle\p{L}*|aktualizac\p{L}*|zaktualizow\p{L}*|päivit\p{L}*|oppdater\p{L}*|uppdater\p{L}*|opdater\p{L}*|обнов\p{L}*|оновл\p{L}*|cập nhật|nâng cấp|تحديث|ترقية|עדכון|mis\w* à (?:jour|niveau))|(?:アップデート|アップグレード|更新|升级|升級|업데이트|업그레이드)(?:到|至|为|為|成|로|으로|に|へ)?)(?:\s+(?:from|to|von|auf|nach|de|du|vers|à|a|desde|hasta|para|the|der|die|das|dem|den|la|le|el|is|was|do|na|до|на|с|naar|alla|al|lên|v?\d+(?:\.\d+)+))*(?:\s+[\p{L}][\p{L}_-]*)?\s*$`,
  'u',
));
/** Right after a dotted quad: "the 3.2.0.5 release", "2.1.0.4-rc1", "1.0.0.3 build". */
const VERSION_AFTER = /^(?:-(?:rc|beta|alpha|preview|snapshot)|\s+(?:release|build|hotfix|patch|version|update|upgrade)\b|\s*(?:버전|업데이트|업그레이드|バージョン|アップデート|版|更新|升级|версии|обновлени|sürüm|güncelleme))/iu;
/** A dotted quad of single digits ("2.0.3.7") is a version or a section number unless the text around it speaks of networks. */
const SMALL_QUAD = /^\d\.\d\.\d\.\d$/;
// Round 25: tried at the first letters of its words only (see testedAtLeadingCharacters).
const NETWORK_CUE = testedAtLeadingCharacters(
  /(?<![\p{L}])(?:ip|ipv4|ips|address|addr|adresse|dirección|direccion|host|hostname|server|serveur|servidor|dns|resolver|nameserver|gateway|router|routeur|ping|proxy|firewall|subnet|netmask|block|blocked|allow|deny|denied|connect\w*|listen\w*|bind|bound|peer|remote|client|src|dst|source|destination|login|request|адрес\p{L}*|сервер\p{L}*|хост\p{L}*|шлюз\p{L}*|sunucu\p{L}*|adres\p{L}*|endereço|indirizzo|serwer\p{L}*)(?![\p{L}])|サーバ|アドレス|ホスト|服务器|伺服器|地址|主机|서버|주소|호스트/u,
);

/**
 * A heading that names versions, then a colon: "firmware versions:", "Builds:", "Firmware-Stände:", "versiones de firmware:",
 * "バージョン：". Its own words are not network words ("Build server IPs:" heads a list of addresses).
 */
const VERSION_HEADING =
  /(?:(?<![a-zà-ÿ])(?:version|versión|versiones|versão|versões|versione|versioni|versie|versjon|versio|verze|verzi|wersj|верси|версі|sürüm|versiyon|έκδοσ|phiên bản|إصدار|الإصدار|الاصدار|גרסה|גרסאות|גרסת|संस्करण|release|build|firmware|revision|révision|прошивк|микропрограмм|driver|treiber|patch|bios|microcode)|バージョン|版本|버전|เวอร์ชัน|ファームウェア|固件|韌體|펌웨어|เฟิร์มแวร์)([^:：\n]{0,32})$/i;
/** What may follow such a heading before a quad: device or component labels and the versions of the items before. */
const LABEL = String.raw`[^\s\d.,;:=/|&()、，][^\s,;:=/|&()、，]*`;
const VERSION_LIST_REST = new RegExp(
  String.raw`^(?:\s*(?:${LABEL}\s+){0,3}[:=]?\s*v?\d+(?:\.\d+)+(?:[-+][\w.]+)?\s*(?:\([^()\n]{0,30}\))?\s*(?:[,;/|&、，]|and|und|et|y|e|и)\s*)*\s*(?:${LABEL}\s+){0,3}[:=]?\s*v?$`,
);
const ADDRESS_WORD = /(?<![a-zà-ÿ])(?:ips?(?![a-zà-ÿ])|ipv4|address|addr|adresse|direcci[oó]n|endereço|indirizz|adres|адрес)|アドレス|地址|주소/i;
/** Nouns (and plurals) of hosts and networks, which make a heading name addresses: "Build servers:", "Release hosts:", "Patch targets:". */
const NETWORK_NOUNS =
  /(?<![a-zà-ÿ])(?:(?:ips?|ipv[46]|vms?|addr|proxy|proxies)(?![a-zà-ÿ])|address|host|server|serveur|servidor|node|machine|target|peer|gateway|client|instance|agent|runner|worker|router|endpoint|subnet|network|netz|rechner|knoten|équipement|equipo|dispositiv|device|gerät)/i;
const LIST_REACH = 160;
/** A cheap first look for the stems of the heading words. */
const VERSION_STEM =
  /versi|versã|versõ|verz|wersj|верси|версі|sürüm|έκδοσ|phiên bản|إصدار|الاصدار|גרס|संस्करण|release|build|firmware|révision|прошивк|микропрограмм|driver|treiber|patch|bios|microcode|バージョン|版本|버전|เวอร์ชัน|ファームウェア|固件|韌體|펌웨어|เฟิร์มแวร์/i;
const HEADING_REACH = 56;
/**
 * Round 26: a log's heading (`Driver app crash log:`, `Build-Fehlerprotokoll:`, `journal d'erreurs du pilote :`): the version word
 * in it names the app or the job that logged (a delivery driver's app), and the quads a log lists are the addresses it saw.
 */
const LOG_HEADING =
  /(?<![a-zà-ÿ])(?:logs?|crash\w*|errors?|exceptions?|trace(?:back)?s?|stack ?traces?|dumps?|events?|audit|syslog|telemetry|diagnostics?|\w*protokoll\w*|absturz\w*|fehler\w*|journal|plantage|erreurs?|registros?|falhas?|fallos?|errore|errori|registro|arresto anomalo|лог\p{L}*|журнал\p{L}*|сбо\p{L}*|ошибк\p{L}*|hata\p{L}*|günlü\p{L}*|kayıt\p{L}*|dziennik\p{L}*|błęd\p{L}*|awari\p{L}*)|ログ|クラッシュ|日志|日誌|崩溃|崩潰|로그|크래시|오류/iu;

/** The heading's own phrase: the words before a colon back to the end of the clause before it. */
function headingPhrase(before: string): string {
  return before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf(', '), before.lastIndexOf('; '), before.lastIndexOf('! '), before.lastIndexOf('? ')) + 1);
}

/** "Firmware versions: router 4.3.2.1, AP 2.14.0.3, switch 7.0.12.4": a quad in a list headed by a version word is a version. */
export function inVersionList(text: string, start: number): boolean {
  const from = Math.max(0, start - LIST_REACH);
  const line = text.slice(from + text.slice(from, start).lastIndexOf('\n') + 1, start);
  // From the last colon back: what follows the colon must be a list of labelled versions, what precedes it a version heading.
  for (let colon = line.length; colon > 0; ) {
    colon = Math.max(line.lastIndexOf(':', colon - 1), line.lastIndexOf('：', colon - 1));
    if (colon < 0) return false;
    const rest = line.slice(colon + 1);
    if (!VERSION_LIST_REST.test(rest)) return false;
    const before = line.slice(Math.max(0, colon - HEADING_REACH), colon);
    const heading = VERSION_STEM.test(before) ? VERSION_HEADING.exec(before) : null;
    if (heading !== null) return !ADDRESS_WORD.test(rest) && !NETWORK_CUE.test(heading[1]) && !NETWORK_NOUNS.test(heading[1]) && !LOG_HEADING.test(headingPhrase(before));
  }
  return false;
}

/** "from 1.25.3 to 1.27.0.1", "de 2.4 a 2.4.1.7": a quad right after a move away from a shorter version number is a version too. */
const VERSION_MOVE = /(?<![\d.])v?\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?\s*(?:to|→|->|=>|a|à|auf|nach|vers|para|hasta|naar|in|till|til|do|на|до|в|へ|到|로)\s*v?$/u;

/**
 * Short forms that also name network gear (`fw` is firmware or a firewall, `hw`, `rev`): a quad after one is a version unless
 * network words are near or it lies in a private, shared or link-local range (`fw 10.0.0.254` is a firewall).
 */
const WEAK_VERSION_CUE = /(?<![\p{L}])(?:fw|f\/w|hw|h\/w|rev\.?)\s*[:=]?\s*$/u;
const PRIVATE_RANGE = /^(?:10\.|127\.|169\.254\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/;

/** A move from another quad (`3.14.159.2 → 3.14.160.0`): the target is a version when the quad it moves from is one. */
const QUAD_MOVE = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}\s*(?:to|→|->|=>)\s*v?$/u;

function isVersion(text: string, start: number, end: number): boolean {
  const context = before(text, start, 40);
  if (VERSION_CUE.test(context) || VERSION_MOVE.test(context) || VERSION_AFTER.test(text.slice(end, end + 12)) || inVersionList(text, start)) return true;
  const move = QUAD_MOVE.exec(context);
  if (move !== null) {
    const from = start - context.length + move.index;
    const quad = /^[\d.]+/.exec(move[0])![0];
    if (isVersion(text, from, from + quad.length)) return true;
  }
  const quad = text.slice(start, end);
  return !NETWORK_CUE.test(context) && (UPGRADE_CUE.test(context) || SMALL_QUAD.test(quad) || (WEAK_VERSION_CUE.test(context) && !PRIVATE_RANGE.test(quad)));
}

/** A CIDR prefix length right after an address: `/24` (not `/240`, nor a path `/24/x`). */
const PREFIX_AFTER = /^\/(\d{1,3})(?!\d|\.\d|\/\d)/;
/** A netmask after a network address: `10.8.0.0 255.255.0.0`, `192.168.1.0 mask 255.255.255.0`, `netmask 255.0.0.0`. */
const MASK_AFTER = /^\s+(?:(?:net)?mask\s+)?(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/i;

function ipv4Bits(address: string): number {
  return address.split('.').reduce((bits, part) => bits * 256 + Number(part), 0);
}

/** `255.255.255.0`, `255.255.240.0`: ones then zeros (and the wildcard form `0.0.0.255`), never `0.0.0.0` nor `255.255.255.255`. */
function isNetmask(address: string): boolean {
  const bits = ipv4Bits(address);
  if (bits === 0 || bits === 0xffffffff) return false;
  const ones = 0x100000000 - bits;
  const zeros = bits + 1;
  return (ones & (ones - 1)) === 0 || (zeros & (zeros - 1)) === 0;
}

/**
 * A network, not an address: the all-zero host part of a CIDR range (`10.50.0.0/16`, `192.168.178.0/24`) or of an address
 * followed by its netmask (`10.8.0.0 255.255.0.0`). An address with its prefix (`10.66.0.2/32`, `192.168.1.10/24`) is a host;
 * /31 and /32 are always hosts (RFC 3021).
 */
function isIpv4Network(text: string, address: string, end: number): boolean {
  const after = text.slice(end, end + 32);
  const prefix = PREFIX_AFTER.exec(after);
  const bits = ipv4Bits(address);
  if (prefix !== null) {
    const length = Number(prefix[1]);
    return length <= 30 && bits % 2 ** (32 - length) === 0;
  }
  const mask = MASK_AFTER.exec(after);
  if (mask === null || isIP(mask[1]) !== 4 || !isNetmask(mask[1]) || ipv4Bits(mask[1]) < 0x80000000) return false;
  const hostBits = 0x100000000 - ipv4Bits(mask[1]);
  return hostBits > 2 && bits % hostBits === 0;
}

/**
 * `2001:db8:abcd::/48`, `fe80::/64`: an IPv6 prefix whose host part is all zero (`2001:db8::1/64` is an address). One written
 * with a `::` tail is a prefix even where its last group reaches past the length (a delegated `2a02:9130:8:41::/56`).
 */
function isIpv6Network(text: string, address: string, end: number): boolean {
  const prefix = PREFIX_AFTER.exec(text.slice(end, end + 5));
  if (prefix === null || Number(prefix[1]) > 126) return false;
  if (address.endsWith('::')) return true;
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = groups(tail);
  if (right.some((group) => group.includes('.')) || left.some((group) => group.includes('.'))) return false;
  const all = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  const value = all.reduce((bits, group) => (bits << 16n) | BigInt(`0x${group || '0'}`), 0n);
  return value % (1n << BigInt(128 - Number(prefix[1]))) === 0n;
}

/**
 * Ports of common services (web, databases, queues, search, caches, remote desktops) that a log glues to an IPv6 address
 * without the brackets RFC 3986 asks for (`connect timed out to fd12:3456:789a:1::24:9200`). Only four- and five-digit ones:
 * `::1:80` and `::1:443` are as often addresses.
 */
const SERVICE_PORTS: ReadonlySet<string> = new Set([
  '1433', '1521', '2049', '2181', '2379', '3000', '3306', '3389', '4222', '5000', '5044', '5432', '5601', '5672', '5900', '6379',
  '6443', '7000', '7001', '8000', '8008', '8080', '8081', '8088', '8443', '8500', '8888', '9000', '9042', '9090', '9092', '9093',
  '9200', '9300', '9418', '9443', '11211', '15672', '27017',
]);

/** A decimal port number, 1 to 65535, as a flow log writes it. */
const PORT = /^(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5])$/;
/**
 * A line that writes ports after its addresses (`DENY TCP 52.6.55.150:51544 -> …`, `[2001:db8::1]:443`): there an IPv6 address's
 * last decimal group after `::` is its port too (`2a00:1450:2b:a8::c:443 -> …`), whatever the service.
 */
const PORTS_IN_LINE = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}(?!\d)|\]:\d{1,5}(?!\d)/;

function linePortsAround(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const lineEnd = text.indexOf('\n', start);
  return PORTS_IN_LINE.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
}

/**
 * The address without a service's port glued after it: only after a `::` and at least one group (a full address of eight groups
 * has no room for a port, `fe80::9200` is a host), and only when what is left is an address too.
 */
function withoutGluedPort(address: string, portsInLine: boolean, text: string, start: number): string {
  const compressed = address.indexOf('::');
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (compressed < 0 || lastColon <= compressed + 1 || !(SERVICE_PORTS.has(tail) || (portsInLine && PORT.test(tail)))) return address;
  // Round 28: a service's port only on a line that reads like a log or a connection message (see ipv6-ports.ts).
  if (!portsInLine && !connectionLine(text, start)) return address;
  const host = address.slice(0, lastColon);
  return isIP(host) === 6 ? host : address;
}

/**
 * IPv4 and IPv6 addresses, validated by `node:net` `isIP`; a dotted quad after a version cue, or one of single digits
 * away from network words, is a version; a netmask, and a network written as a CIDR range or with its netmask, are not addresses.
 */
export function detectIpAddresses(original: string, found: Detection[]): void {
  const text = asciiWidth(original);
  // Round 24: the first three numbers of each quad read as a version: a later quad that shares them (`agent 1.24.3.7 fixed it;
  // 1.24.3.6 is affected`) is another build of the same release.
  const releases: string[] = [];
  eachMatch(IPV4, text, (match) => {
    const end = match.index + match[0].length;
    if (isIP(match[0]) !== 4) return;
    const release = match[0].slice(0, match[0].lastIndexOf('.'));
    if (releases.includes(release) || isVersion(text, match.index, end)) {
      releases.push(release);
      return;
    }
    if (isNetmask(match[0]) || isIpv4Network(text, match[0], end)) return;
    found.push({ start: match.index, end, label: 'IP_ADDRESS' });
  });
  eachIpv6Candidate(text, (match) => {
    const candidate = match[0];
    const written = candidate.split('%')[0];
    if ((written.length < 6 && !/^::\p{Hex_Digit}+$/u.test(written)) || written.split(':').length < 3 || isIP(written) !== 6) return;
    if (candidate === written && isIpv6Network(text, written, match.index + candidate.length)) return;
    const address = withoutGluedPort(written, /:\d+$/.test(written) && linePortsAround(text, match.index), text, match.index);
    // A zone id (`fe80::1%eth0`, `%25en0` in a URL) names the interface of this host, not the address: the value ends before `%`.
    found.push({ start: match.index, end: match.index + address.length, label: 'IP_ADDRESS' });
  });
}
