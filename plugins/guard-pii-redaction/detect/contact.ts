import { type Detection, eachMatch } from './detection.js';
import { asciiWidth } from './width.js';

/**
 * A case ending or postposition joined to an address with a hyphen (Bengali `…@shop.com.bd-এ`, Hungarian `…@ceg.hu-ra`,
 * `…@ceg.hu-nak`): up to eight letters that end the word. The address ends before the hyphen.
 */
const CASE_SUFFIX = String.raw`[\p{L}\p{M}]{1,8}(?![\p{L}\p{M}\p{N}@_-]|\.[\p{L}\p{N}])`;
/** Any script: the whole run of address characters around an `@`, so a glued neighbour shows up as script mixing. */
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_%+'-]+(?:\.[\p{L}\p{N}_%+'-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,24}(?![\p{L}\p{N}]|-(?!${CASE_SUFFIX})|\.[\p{L}\p{N}])`, 'gu');
/**
 * Latin script only (ASCII plus accented letters, `zoë@exämple.de`), ending in an ASCII TLD: it stops where
 * Japanese, Chinese, Arabic or Cyrillic text is glued to the address without a space ("…は tanaka@example.co.jpです").
 */
const LATIN_EMAIL = new RegExp(
  String.raw`(?<![\p{Script=Latin}\p{N}._%+'-])[\p{Script=Latin}\p{N}_%+'-]+(?:\.[\p{Script=Latin}\p{N}_%+'-]+)*@[\p{Script=Latin}\p{N}](?:[\p{Script=Latin}\p{N}-]*[\p{Script=Latin}\p{N}])?(?:\.[\p{Script=Latin}\p{N}](?:[\p{Script=Latin}\p{N}-]*[\p{Script=Latin}\p{N}])?)*\.[A-Za-z]{2,24}(?![\p{Script=Latin}\p{N}]|-(?!${CASE_SUFFIX})|\.[\p{L}\p{N}])`,
  'gu',
);
const LATIN_LETTER = /\p{Script=Latin}/u;
const OTHER_LETTER = /(?!\p{Script=Latin})\p{L}/u;
/** `git@github.com:org/repo.git`, `deploy@host:/srv`: an scp-style remote, `user@host:path`. */
const REMOTE_PATH = /^:[\w~./-]/;
/** `ssh://git@host/…`, `ssh admin@host`, `git clone git@…`: a login at a host, not a mailbox. */
const REMOTE_CUE = /(?:[a-z][a-z0-9+.-]*:\/\/|(?<![\p{L}])(?:ssh|scp|sftp|rsync|git(?:\s+(?:clone|remote\s+add\s+\S+|fetch|pull|push))?)\s+(?:-\S+\s+(?:[^\s@-]+\s+)?)*)$/iu;

/**
 * A hyphen that joins a prefix of another script to the address (Hebrew `ל-office@…` "to", `מ-…` "from", `ב-…` "at"): the
 * address starts after it. A local part may start with `-` by the RFC, but no mailbox provider hands such an address out.
 */
const JOINING_HYPHENS = /^-+/;

/** `icon@2x.png`, `logo@3x.webp`: an asset name, whose "TLD" is a file extension no registry hands out. */
const FILE_NAME = /\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico|m?js|cjs|tsx?|jsx|s?css|json|html?|txt|csv|log|lock|ya?ml|toml|xml|mp[34]|wav|pdf|tgz|gz|java|kt|php|vue|wasm)$/i;

/** An internationalised address is written in one script per part: a local part or a label that mixes Latin with another script is glued text. */
function mixesScripts(part: string): boolean {
  return LATIN_LETTER.test(part) && OTHER_LETTER.test(part);
}

function isIdnAddress(address: string): boolean {
  const [local, domain] = address.split('@');
  return OTHER_LETTER.test(address) && !mixesScripts(local) && !domain.split('.').some(mixesScripts);
}

function isRemoteLogin(text: string, start: number, end: number): boolean {
  return REMOTE_PATH.test(text.slice(end, end + 2)) || REMOTE_CUE.test(text.slice(Math.max(0, start - 40), start));
}

/**
 * E-mail addresses: a dotted local part, `@`, a dotted domain ending in a letter-only TLD (so `pkg@1.2.3` is not one).
 * Latin-script addresses stop at letters of another script; an address wholly in another script per part
 * (`почта@пример.рф`) is an internationalised one. `user@host:path` and logins after `ssh`/`git clone` are not addresses.
 */
export function detectEmails(original: string, found: Detection[]): void {
  const text = asciiWidth(original);
  for (const [from, to] of addressWindows(text)) {
    const window = text.slice(from, to);
    const push = (matchStart: number, end: number) => {
      const start = window[matchStart] === '-' ? matchStart + (JOINING_HYPHENS.exec(window.slice(matchStart, end))?.[0].length ?? 0) : matchStart;
      if (FILE_NAME.test(window.slice(start, end)) || isRemoteLogin(text, from + start, from + end)) return;
      found.push({ start: from + start, end: from + end, label: 'EMAIL' });
    };
    eachMatch(LATIN_EMAIL, window, (match) => push(match.index, match.index + match[0].length));
    eachMatch(EMAIL, window, (match) => {
      if (isIdnAddress(match[0])) push(match.index, match.index + match[0].length);
    });
  }
}

/** How far from an `@` an address may start or end; an address holds no whitespace, so a window also stops at one. */
const ADDRESS_REACH = 256;

/** The stretches of text around each `@` (merged where they touch): the address patterns are slow to run over a whole prompt. */
function addressWindows(text: string): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const last = windows[windows.length - 1];
    if (last !== undefined && at < last[1]) continue;
    const floor = Math.max(at - ADDRESS_REACH, last?.[1] ?? 0);
    let from = at;
    while (from > floor && !/\s/.test(text[from - 1])) from -= 1;
    let to = at + 1;
    while (to < text.length && to - at < ADDRESS_REACH && !/\s/.test(text[to])) to += 1;
    if (last !== undefined && from <= last[1]) last[1] = to;
    else windows.push([from, to]);
  }
  return windows;
}
