/**
 * Round 28: passwords and keys in the formats of configuration files and connection strings that the key/value scans do not
 * read, each gated by a literal every match holds:
 *
 * - an XML element named for a credential: `<password>Gulyas-Budapest-56</password>`, `<Password>…</Password>`,
 *   `<clientSecret>…</clientSecret>` (Jenkins' credentials.xml, Maven's settings.xml, .NET configs, FileZilla's sitemanager);
 * - a key and a quoted value with only spaces between, the Source/GoldSrc `server.cfg` style and its kin: `"rcon_password" "…"`,
 *   `rcon_password "…"`, `sv_password "…"`; and the lines of a PgBouncer `userlist.txt`, `"user" "password"` (not its md5/SCRAM
 *   hashes);
 * - the password field of a Wi-Fi QR code: `WIFI:T:WPA;S:BasementStudio;P:K9s8X2tIpBGPQJ;;`;
 * - the literal default of an environment lookup for a credential: Ruby's `ENV.fetch("DB_PASSWORD") { "…" }` and
 *   `ENV.fetch("DB_PASSWORD", "…")`, Python's `os.environ.get("API_KEY", "…")` / `os.getenv(…)`, Laravel's `env('DB_PASSWORD', '…')`;
 * - a connection string with no scheme: Go's MySQL DSN `user:GoPher!88q@tcp(10.3.3.14:3306)/orders`, `user:pass@unix(/tmp/…)`;
 * - a 0x-prefixed 64-digit hex key named a private key shortly before it (`exported the private key of account 0 as 0x…`,
 *   `clé privée : 0x…`, `私钥 0x…`): Ethereum and most EVM wallets print their private keys so; a transaction hash has the same
 *   shape, hence the cue.
 */
import { type Detection, eachMatch } from './detection.js';
import { holds } from './secret-first-pass.js';
import { hasAny, isOtherValue, isPlaceholder, pushSpanIfFree } from './secret-values.js';

const CREDENTIAL_NAME =
  String.raw`(?:[A-Za-z][\w.-]*?)?(?:password|passwd|passphrase|pass|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|client[_-]?secret)`;

const XML_ELEMENT = new RegExp(String.raw`<(${CREDENTIAL_NAME})>([^<>\n]{4,200})</\1>`, 'gi');
/** The last word of the key (`rcon_password`, `"sv_password"`), a quote, spaces and the quoted value: the key's start is not read. */
const QUOTED_PAIR = /(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key)"?[ \t]+"([^"\n]{4,128})"/gi;
const QUOTED_PAIR_NEEDLES = ['password "', 'password" "', 'passwd "', 'pass "', 'secret "', 'secret" "', 'token "', 'token" "', 'PASSWORD "', 'Password "'];
/** A line of a PgBouncer `userlist.txt` (or the first, after a colon): a quoted user and a quoted password. */
const USERLIST_LINE = /(?:^|:)[ \t]*"[^"\n]{1,64}"[ \t]+"([^"\n]{4,128})"/gm;
/** A hash a userlist may hold instead of the password. */
const USERLIST_HASH = /^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\$)/;
const WIFI_QR = /WIFI:(?:[^;\n]*;)*?P:((?:\\.|[^;\\\n])+);/g;
const ENV_DEFAULT =
  /(?:ENV\.fetch|os\.environ\.get|os\.getenv|getenv|\benv)\(\s*["'][A-Za-z0-9_]*(?:PASS|PASSWORD|PWD|SECRET|TOKEN|KEY)[A-Za-z0-9_]*["']\s*(?:,\s*|\)\s*\{\s*|\)\s*(?:\?:|\|\||or)\s*)["']([^"'\s]{6,128})["']/gi;
const ENV_NEEDLES = ['ENV.fetch', 'environ.get', 'getenv', 'env('];
/** `user:password@tcp(` / `@unix(` / `@udp(`: Go's MySQL DSN, with no scheme before the user. */
const BARE_DSN = /(?<![\w@:/.%+-])[A-Za-z_][\w.+-]{0,63}:([^\s:@"'`/()]{4,128})@(?:tcp|unix|udp)\(/g;
const DSN_NEEDLES = ['@tcp(', '@unix(', '@udp('];
const HEX_KEY = /(?<![\w])0x[0-9a-fA-F]{64}(?![0-9a-zA-Z])/g;
const PRIVATE_KEY_CUE =
  /(?:private[\s_-]?key|priv[\s_-]?key|privkey|secret[\s_-]?key|clé privée|cle privee|clave privada|chave privada|chiave privata|privater? schlüssel|klucz prywatny|privé[\s-]?sleutel|приватн\p{L}* ключ|закрыт\p{L}* ключ|私钥|私鑰|秘密鍵|プライベートキー|개인\s?키|özel anahtar|kunci privat|khóa riêng)/iu;

const acceptValue = (value: string) => !isPlaceholder(value) && !isOtherValue(value) && !/^\{[^}]*\}$|^\$\{|^%\w+%$|^\*+$/.test(value);

export function detectConfigValues(text: string, found: Detection[]): void {
  if (holds(text, '</')) {
    eachMatch(XML_ELEMENT, text, (match) => {
      const value = match[2].trim();
      if (acceptValue(value)) pushSpanIfFree(found, match.index + match[0].indexOf(value, match[1].length + 2), value);
    });
  }
  if (hasAny(text, QUOTED_PAIR_NEEDLES)) {
    eachMatch(QUOTED_PAIR, text, (match) => {
      if (acceptValue(match[1])) pushSpanIfFree(found, match.index + match[0].length - match[1].length - 1, match[1]);
    });
  }
  if (holds(text, 'userlist')) {
    eachMatch(USERLIST_LINE, text, (match) => {
      if (!USERLIST_HASH.test(match[1]) && acceptValue(match[1])) pushSpanIfFree(found, match.index + match[0].length - match[1].length - 1, match[1]);
    });
  }
  if (holds(text, 'WIFI:')) {
    eachMatch(WIFI_QR, text, (match) => {
      if (acceptValue(match[1])) pushSpanIfFree(found, match.index + match[0].length - match[1].length - 1, match[1]);
    });
  }
  if (hasAny(text, ENV_NEEDLES)) {
    eachMatch(ENV_DEFAULT, text, (match) => {
      if (acceptValue(match[1])) pushSpanIfFree(found, match.index + match[0].length - match[1].length - 1, match[1]);
    });
  }
  if (hasAny(text, DSN_NEEDLES)) {
    eachMatch(BARE_DSN, text, (match) => {
      const value = match[1];
      if (/[\p{L}]/u.test(value) && !isPlaceholder(value)) pushSpanIfFree(found, match.index + match[0].indexOf(`:${value}@`) + 1, value);
    });
  }
  if (holds(text, '0x')) {
    eachMatch(HEX_KEY, text, (match) => {
      const head = text.slice(Math.max(0, match.index - 80), match.index);
      if (PRIVATE_KEY_CUE.test(head) && !/public|address|adresse|dirección|endereço|アドレス|地址|tx|hash/i.test(head.slice(head.search(PRIVATE_KEY_CUE)))) {
        pushSpanIfFree(found, match.index, match[0]);
      }
    });
  }
}
