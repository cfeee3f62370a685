import { CREDENTIAL_NAME, GLUED_CREDENTIAL_WORDS, GLUED_PASSWORD_WORDS, LAST_WORD_CREDENTIAL_NAME, PASSWORD_STEMS, SPOKEN_ONLY_STEMS, literalTrie } from './secret-words';

/**
 * A `:`/`=` and the value after it (at most 256 characters; JWTs, PEM keys and vendor tokens have their own patterns), which stops at
 * the next query parameter (`&user=`); the key name before it is checked separately (scanning for names everywhere is slow).
 */
export const ASSIGNED_VALUE = /(?:[:=：]|=>)\s*["'`]?((?:[^\s"'`,;<>&，。；：、（）「」『』【】！？،؛]|&(?![\w.-]+=)){8,256})/g;

/** A word every credential key name contains, to skip the name pattern before most separators. */
export const CREDENTIAL_STEM = new RegExp(
  literalTrie(['pass', 'pw', 'key', 'secret', 'token', 'pat', ...PASSWORD_STEMS, 'シークレット', 'アクセスキー', '秘密鍵', '密钥', '密鑰', '秘钥', '秘鑰', '令牌', '시크릿', '비밀', '액세스', '토큰']),
  'iu',
);
/** The key name right before an {@link ASSIGNED_VALUE} (camelCase names split at their humps first); words of scripts without spaces may be glued to the word before. */
export const CREDENTIAL_KEY = new RegExp(String.raw`(?:(?<![\p{L}\p{N}])(?:${CREDENTIAL_NAME}|${GLUED_PASSWORD_WORDS})|${GLUED_CREDENTIAL_WORDS})$`, 'iu');
/** A key name of {@link LAST_WORD_CREDENTIAL_NAME}, tried only when the name ends with one of its last words ({@link LOOSE_KEY_END}). */
export const LOOSE_CREDENTIAL_KEY = new RegExp(String.raw`(?<![\p{L}\p{N}])${LAST_WORD_CREDENTIAL_NAME}$`, 'iu');
export const LOOSE_KEY_END = /(?:auth|creds?|credentials?|psk|shared[_-]?key|hmac[_-]?(?:key|secret)|jwt[_-]?key|cookie[_-]?secret|session[_-]?key|enc(?:ryption)?[_-]?key|bindpw|rootpw|authkey|auth[_-]?string|requirepass)$/i;
export const NOT_A_CREDENTIAL_NAME =
  /(?:^|[_.-])(?:public|publishable|pub|id|ids|type|types|page|next|prev|expires?|expiry|ttl|url|uri|path|file|name|length|len|count|limit|max|min|header|endpoint|prefix|format|usage|hint|policy|rotation|version|enabled|required)(?:$|[_.-])/i;

/**
 * A pattern of {@link CUED_PATTERNS} and literals one of which every match holds (none: always scanned): a text without any is
 * not scanned (see `holds` in secret-first-pass.ts).
 */
export interface CuedPattern {
  pattern: RegExp;
  needles: readonly string[];
}
const cued = (pattern: RegExp, ...needles: string[]): CuedPattern => ({ pattern, needles });

/** A value after a cue (a header, a URL's user, a query parameter); group 1 is the secret part. */
export const CUED_PATTERNS: readonly CuedPattern[] = [
  // AWS secret access keys: after their key name (`SecretAccessKey`, `aws_secret_access_key =`, `secret key:`), or after an access key id.
  cued(/\b(?:aws[ _]?secret[ _]?access[ _]?key|secret[ _]?access[ _]?key|aws[ _]?secret(?:[ _]?key)?|secret[ _-]?key(?:\s+(?:aws|amazon|iam|de la|de|da|do|der|del))?)["']?\s*(?:[:=]|\bis\b|\bist\b|\bes\b|\best\b|é)?\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi, 'ecret', 'ECRET'),
  cued(/\b(?:AKIA|ASIA)[A-Z0-9]{16}["'`]?\s*(?:[/:,|;]|\band\b|\bund\b|\bet\b|\be\b|\by\b)?\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g, 'AKIA', 'ASIA'),
  // PHP constants: `define('DB_PASSWORD', '…')`, WordPress salts and keys.
  cued(/\bdefine\s*\(\s*['"]\w*(?:PASSWORD|PASSWD|PASS|PWD|SECRET|_KEY|TOKEN|SALT)\w*['"]\s*,\s*['"]([^'"\s]{6,128})['"]/gi, 'efine', 'EFINE'),
  cued(/(https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,})/g, 'hooks.slack.com'), // Slack webhook, all of it
  cued(/(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,})/g, 'discord'), // Discord webhook
  cued(/(https:\/\/[\w-]+\.webhook\.office\.com\/webhookb2\/[^\s"'<>]+)/g, 'webhook.office.com'), // Microsoft Teams webhook
  cued(/\bBearer\s+([A-Za-z0-9\-._~+/]{16,}=*)/g, 'Bearer'), // Bearer token
  cued(/\bSSWS\s+([A-Za-z0-9_-]{30,60})(?![A-Za-z0-9_-])/g, 'SSWS'), // Round 17: an Okta API token after its scheme word, with no header name
  cued(/\bAuthorization["']?\s*[:=]\s*["']?(?:Token|token|Bot|Key|ApiKey|SSWS|Splunk|GenieKey|Api-Key)\s+([A-Za-z0-9._~+/=-]{16,})/g, 'Authorization'), // other authorisation schemes
  // Credentials in a URL or connection string; the password may hold an `@` of its own when another `@` follows before the host
  // (`mysql://root:Pa@ss99@db:3306`: the last `@` of the authority ends it). Round 24: a `;name=` is the next property of a
  // JDBC URL (`sqlserver://host:1433;user=sa;password=S@_…`), not part of a password: the host's port is no user.
  cued(/:\/\/(?<=\b[a-z][a-z0-9+.-]{0,15}:\/\/)[^\s:/@]{0,64}:((?:[^\s:/@;]|;(?![A-Za-z]\w*=)|@(?=[^\s/@]+@)){6,128})@/gi, '://'),
  // Twilio's pair passed together (`Client('SK…', '…')`, `AC…:…`): the 32 hex digits after an account or API key SID are its auth token or secret.
  cued(/\b(?:AC|SK)[0-9a-f]{32}["'`]?\s*[,:]\s*["'`]?([0-9a-f]{32})(?![0-9A-Za-z])/g, 'AC', 'SK'),
  // The ftp client's `user NAME PASSWORD` command (the password given as its second argument), on a line of its own.
  cued(/(?<=(?:^|\n)[ \t]*(?:ftp>[ \t]*)?)user[ \t]+[^\s]+[ \t]+([^\s]{6,128})[ \t]*(?=\r?\n|$)/g, 'ftp'),
  cued(/\bhttps?:\/\/([0-9a-f]{32})@[\w.-]*sentry[\w.-]*\/\d+/g, 'sentry'), // Sentry DSN key
  cued(/[?&;]sig=([A-Za-z0-9%+/=]{16,})/g, 'sig='), // Azure shared access signature
  // Passwords on a command line: `mysql -pSECRET`, `sshpass -p SECRET`, `docker login -p SECRET`, `curl -u user:SECRET`.
  cued(/\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n|;&]*?\s-p([^\s'"-][^\s'"]{3,})/g, 'mysql', 'mariadb'),
  cued(/\b(?:sshpass|docker login|podman login|helm registry login)\b[^\n|;&]*?\s(?:-p|--password)\s+['"]?([^\s'"]{6,})/g, 'sshpass', 'login'),
  cued(/\bcurl\b[^\n|;&]*?\s(?:-u|--user|--proxy-user|-U)\s+['"]?[^\s:'"]+:([^\s'"]{4,})/g, 'curl'),
  cued(/\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n|;&]*?\s-p'([^'\n]{4,128})'/g, 'mysql', 'mariadb'), // `mysql -u root -p'…'`
  cued(/\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n|;&]*?\s-p"([^"\n]{4,128})"/g, 'mysql', 'mariadb'),
  // A password piped into a login (`echo "…" | docker login … --password-stdin`) or into chpasswd (`echo 'bob:…' | chpasswd`).
  cued(/\b(?:echo|printf)\s+(?:-n\s+|'%s\\?n?'\s+|"%s\\?n?"\s+)?["']?([^\s'"|]{6,128})["']?\s*\|[^\n;&]*?--password-stdin/g, '--password-stdin'),
  cued(/\b(?:echo|printf)\s+(?:-e\s+)?["']?[\w.-]+:([^\s'"|]{4,128})["']?\s*\|\s*(?:sudo\s+)?chpasswd/g, 'chpasswd'),
  // `user:password` after an authentication option or directive: HAProxy `stats auth`, `--auth`, `--basic-auth`; HAProxy `insecure-password`.
  cued(/(?:\bstats\s+auth|\s--(?:basic-|http-)?auth)[= ]['"]?[^\s:'"]+:([^\s'"，。、；：！？）」』】،]{4,})/g, 'auth'),
  cued(/\binsecure-password\s+['"]?([^\s'"，。、；：！？）」』】،]{4,})/g, 'insecure-password'),
  // Positional connection arguments: `new mysqli('host', 'user', 'password', 'db')`, `new PDO($dsn, 'user', 'password')`.
  cued(/\b(?:new\s+mysqli|mysqli_connect|mysql_connect|new\s+PDO|DriverManager\.getConnection|pymysql\.connect|MySQLdb\.connect)\s*\(\s*(?:(?:'[^'\n]*'|"[^"\n]*"|\$?[\w.>-]+)\s*,\s*){2}['"]([^'"\s]{4,128})['"]/g, 'mysql', 'MySQL', 'PDO', 'getConnection'),
  // Access data written `host / user / password` (`10.0.4.2 / admin / …`): the third part, with a letter, a digit and a symbol.
  // The scan stops at a slash only; the host before it is checked behind it.
  cued(/\/(?<=(?<![\w.])(?:\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d{2,5})?\s\/)\s+[\w.@-]{2,32}\s+\/\s+((?=[^\s]*\d)(?=[^\s]*[A-Za-z])(?=[^\s]*[^\w\s])[^\s/'"]{8,64})(?=\s|$)/gi),
  // Keystore passwords of keytool and jarsigner (`-storepass X`, `-srcstorepass X`; not `-storepass:env VAR`), openssl's `-passin pass:X`.
  cued(/\s-(?:src|dest|new)?(?:store|key)pass\s+['"]?([^\s'"]{6,128})/g, 'storepass', 'keypass'),
  cued(/\s-pass(?:in|out|word)?\s+['"]?pass:([^\s'"]{4,128})/g, 'pass:'),
  // `net user svc_app X /add`: the password after the account's name (`*` asks for it, `/delete` is an option).
  cued(/\bnet\s+user\s+[^\s/]+\s+['"]?(?![/*])([^\s'"]{6,128})/gi, 'net user', 'NET USER', 'Net User', 'Net user'),
  cued(/\b(?:requirepass|masterauth)\s+["']?([^\s"'，。、；：！？）」』】]{6,})/g, 'requirepass', 'masterauth'), // redis.conf
  cued(/\bredis-cli\b[^\n|;&]*?\s(?:-a|--pass)\s+['"]?([^\s'"，。、；：！？）」』】]{6,})/g, 'redis-cli'),
  cued(/--(?<=\s--)(?:password|passwd|pass|db-password|admin-password)[= ]['"]?([^\s'"，。、；：！？）」』】]{6,})/g, '--'),
  // Credentials passed to a login or auth call: `server.login("a@b.it", "…")`, `auth=("user", "…")`, `HTTPBasicAuth('u', '…')`,
  // `new NetworkCredential("u", "…")`, `client.signIn(email, '…')`: a quoted second argument with a digit or a symbol.
  cued(
    /[(\[](?<=(?:\b(?:login|log_in|logIn|signin|sign_in|signIn|authenticate|auth|basic_auth|basicAuth|setBasicAuth|withBasicAuth)|BasicAuth|DigestAuth|NetworkCredential|Credentials?|PasswordAuthentication)\s*[=:]?\s*[(\[])\s*(?:'[^'\n]{1,128}'|"[^"\n]{1,128}"|[\w.$]{1,64})\s*,\s*['"](?=[^'"\s]*[\d!#$%&*+=?@^~_])([^'"\s]{4,128})['"]\s*[,)\]]/g,
    // Every name above holds one of these (`login`, `signIn`, `authenticate`, `BasicAuth`, `NetworkCredential`).
    'log', 'sign', 'auth', 'Auth', 'Credential',
  ),
];

/**
 * Hex strings right after a credential word (`o token 3f9a…`, `the signing secret is 9c1e…`, `API-Schlüssel: a7d2…`, `le jeton …`, `met geheim …`) are
 * credentials; the same hex with no such word before it is a hash or a commit id. Tested on the text before a hex run. Round 22: a
 * payment gateway's `merchant salt` / `salt key` (PayU, PhonePe sign requests with it; a hash's salt alone is no cue), and a bracketed
 * section name among the words between (`the PrivateKey in the [Interface] block is …`).
 */
export const HEX_CUE = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:[והלבש]{1,2}(?=[מטס])|(?:و|ف)?(?:ال|لل)(?=[مس]))?(?:app|client|api|access|auth|secret|private|master|signing|server|channel|consumer|refresh|bot|bearer|merchant|webhook)?(?:merchant[\s_-]?salt|salt[\s_-]?key|token|tokens|jeton|jetons|geheim|pat|pats|credentials?|creds|secret|key|session[_-]?id|sessionid|sessid|session(?:\s+cookie)?|signature|sig|hmac|chave|clave|clé|cle|schlüssel|schluessel|chiave|sleutel|nyckel|nøkkel|nøgle|klucz|klíč|kľúč|anahtar|anahtarı|kunci|ключ|ключа|кілті?|құпиясы|токен|секрет|подпись|مفتاح|سر|رمز|توکن|کلید|מפתח|טוקן|assinatura|firma|signatur|podpis|imza|khóa|விசை|டோக்கன்|कुंजी|टोकन|सीक्रेट|কী|টোকেন|সিক্রেট|คีย์|โทเค็น|ซีเคร็ต)|(?:密钥|密鑰|秘钥|令牌|签名|簽名|トークン|署名|キー|シークレット|토큰|서명|키|시크릿))(?:,?[\s-]+(?:(?!(?:hash|sha\d*|md5|commit|id|fingerprint|digest|checksum|file|files|path|name|size|length|rotation)(?![\p{L}]))[\p{L}\p{M}'’]{1,24}|[（(\[][^）)\]\n]{1,12}[）)\]])){0,9}?(?:\s+(?:is|was|é|era|es|est|ist|lautet|war|è|är|er|var|jest|je|adalah|là|это|είναι|هو|هي|foi|fue|était))?\s*(?:[（(\[][^）)\]\n]{1,12}[）)\]])?\s*(?:[:=：—–]|は|が|を|是|为|為|는|은|이|가|를|을|도)?\s*[("'\u0060«“„「『（\[]{0,2}$`,
  'iu',
);
/**
 * A word one of which every {@link HEX_CUE} match holds, tested first: the cue, anchored at the end and free at the start, tries
 * every start of the text before a run, which costs several times more than finding no cue word at all.
 */
export const HEX_CUE_WORD = new RegExp(
  literalTrie([
    'merchant salt', 'merchant_salt', 'merchant-salt', 'merchantsalt', 'salt key', 'salt_key', 'salt-key', 'saltkey', 'token', 'jeton', 'geheim', 'pat', 'cred', 'secret', 'key', 'session', 'sessid', 'sig', 'hmac', 'chave', 'clave', 'clé', 'cle', 'schlüssel', 'schluessel', 'chiave',
    'sleutel', 'nyckel', 'nøkkel', 'nøgle', 'klucz', 'klíč', 'kľúč', 'anahtar', 'kunci', 'ключ', 'кілт', 'құпия', 'токен', 'секрет', 'подпись', 'مفتاح', 'سر', 'رمز', 'توکن',
    'کلید', 'מפתח', 'טוקן', 'assinatura', 'firma', 'podpis', 'imza', 'khóa', 'விசை', 'டோக்கன்', 'कुंजी', 'टोकन', 'सीक्रेट', 'কী', 'টোকেন', 'সিক্রেট', 'คีย์',
    'โทเค็น', 'ซีเคร็ต', '密钥', '密鑰', '秘钥', '令牌', '签名', '簽名', 'トークン', '署名', 'キー', 'シークレット', '토큰', '서명', '키', '시크릿',
  ]),
  'iu',
);
/**
 * A run of 20–512 base64 or base64url characters, the candidates for {@link HEX_CUE} that are not hex: vendor tokens without a
 * known prefix (base64url, 20–128: Vercel's have 24), and base64 keys with `+` or `/` (a LINE channel token, an AWS secret key).
 */
export const TOKEN_RUN = /(?:^|[^\w+/-])(?=[\w+/-]*?\d)([\w+/-]{10,512}={0,2})(?![\w+/=-])/g; // with a digit: words are not visited
/**
 * Runs of 10–19 characters (a Naver or Twitch client secret, a short app secret) are taken only after a word for "secret" or
 * "token", not after "key" (licence keys, product keys, booking keys).
 */
export const SHORT_TOKEN_CUE = new RegExp(
  String.raw`(?:secret|secreto|secreta|segredo|segreto|geheimnis|sekret|секрет|token|токен|シークレット|トークン|시크릿|토큰|令牌|密钥|密鑰)(?:(?:\s+(?!(?:count|counts|limit|limits|length|type|name|id|format|usage|budget|size|expiry|santa|window)(?![\p{L}]))[\p{L}\p{M}'’-]+){0,3}\s+(?:is|was|es|est|ist|é|è|är|er|jest|je|là|adalah|это|είναι|era|foi|war|lautet)|\s*(?:[:=：]|は|が|を|是|为|為|는|은|이|가|를|을))?\s*["'\u0060「(]?$`,
  'iu',
);
/** A key in a URL's path after a credential segment: `…/with/key/<key>`, `/api/token/<token>/`. */
export const URL_PATH_KEY = /\/(?:key|keys|token|tokens|api[_-]?key|apikey|api[_-]?token|secret|access[_-]?token|auth)\/([A-Za-z0-9_-]{16,128})(?=[/?#\s"'<>)\]]|$)/gi;
/** The directive names {@link DIRECTIVE_VALUE} is scanned for (a case-sensitive look, as before). */
export const DIRECTIVE_WORDS = ['bindpw', 'rootpw', 'BindPassword', 'auth_pass'];
/** Credentials in space-separated config directives at a line's start: LDAP `bindpw`/`rootpw`, Apache `AuthLDAPBindPassword`, keepalived `auth_pass`. */
export const DIRECTIVE_VALUE = /^[ \t]*(?:bindpw|rootpw|AuthLDAPBindPassword|auth_pass)[ \t]+["']?([^\s"']{6,128})/gim;
/** A `.netrc` line: `machine <host> login <user> password <value>` (scanned only in a text holding `machine`). */
export const NETRC_PASSWORD = /\bmachine[ \t]+\S+[ \t]+login[ \t]+\S+[ \t]+password[ \t]+(\S{6,128})/g;
/**
 * A run of 32–128 hex digits of one case (group 1), the candidates for {@link HEX_CUE}; the character before it is consumed
 * rather than looked behind at, which scans a quarter faster.
 */
export const HEX_RUN = /(?:^|[^0-9A-Za-z])([0-9a-f]{32,128}|[0-9A-F]{32,128})(?![0-9A-Za-z])/g;
/** A word before the cue that makes the hex public or a digest: `public key`, `key id`, `hash of the token`. */
export const NOT_A_SECRET_HEX =
  /(?:public|pub|publishable|öffentlich\p{L}*|pública|publique|hash|sha-?\d*|md5|checksum|digest|fingerprint|commit|id|cache|idempotency|object|partition|primary|foreign|sort|dedup\p{L}*|trace|correlation|etag|gpg|pgp|host|routing|lookup|license|licence)[\s_-]*$/iu;

/**
 * Where a password word may start: the only places {@link SPOKEN_PASSWORD}, {@link BARE_PASSWORD} and {@link GAP_PASSWORD}
 * are tried (they check the word boundary themselves; a lookbehind here would make this scan four times slower).
 */
export const PASSWORD_WORD = new RegExp(literalTrie([...PASSWORD_STEMS, ...SPOKEN_ONLY_STEMS]), 'giu');
/** The words of {@link PASSWORD_WORD}, for the scan of a text already in lower case (see password-stems.ts). */
export const PASSWORD_SCAN_WORDS: readonly string[] = [...PASSWORD_STEMS, ...SPOKEN_ONLY_STEMS];

/**
 * The copulas and verbs that stand between a password word and its value, present and past ("the password was X",
 * "Passwort war", "contraseña … fue", "lösenordet … var", "heslo … je", "nenosiri … ni", "kalmar sirri … ce", "iphasiwedi
 * … ithi", "senha … continua", "كانت", "הייתה").
 */
const COPULAS = literalTrie([
  'is', 'was', 'are', 'be', "it's", 'it’s', 'it is', "that's", 'that’s', 'that is', 'jadi', 'menjadi', 'remains', 'stays', 'ist', 'war', 'lautet', 'lautete', 'bleibt', 'heißt', 'heisst', 'est', "c'est", 'c’est', 'était', 'etait', 'reste', 'sera',
  'es', 'era', 'fue', 'será', 'sigue siendo', 'sigue', 'queda', 'quedó en', 'quedó como', 'é', 'foi', 'continua', 'continúa', 'fica', 'ficou', 'è', 'resta', 'rimane',
  'sarà', 'és', 'va ser', 'är', 'var', 'blir', 'er', 'on', 'oli', 'je', 'bylo', 'byl', 'byla', 'bilo', 'bila', 'glasi', 'jest', 'był', 'była',
  'było', 'brzmi', 'to', 'este', 'a fost', 'е', 'беше', 'это', 'был', 'была', 'было', 'будет', 'є', 'був', 'була', 'було', 'είναι', 'ήταν',
  'adalah', 'ialah', 'yaitu', 'yakni', 'là', 'ni', 'ilikuwa', 'ne', 'ce', 'ay', 'ithi', 'yi', 'ngu', 'هي', 'هو', 'كانت', 'كان', 'היא', 'הוא',
  'הייתה', 'היה', 'је', 'yw', 'ydy', 'ná', 'dia', 'waa', 'bụ', 'passou a ser', 'passa a ser', 'passou para', 'hija', 'huwa', 'volt', 'luidt', 'blijft', 'wordt', 'yra', 'buvo', 'ir', 'bija', 'është', 'ishte', 'არის', 'იყო', 'ass',
]);
/**
 * Romanian and colloquial Portuguese "e" (is) is also Italian and Portuguese "and": a copula before a value, never after one.
 * Round 22: so are Hindi `है` in chat word order (`राउटर का कोड है X`; after a value it ends a verb-final sentence) and Indonesian
 * `itu` ("that": `password MySQL di server … itu X`; after a value it points back at it).
 */
const COPULAS_BEFORE_VALUE = String.raw`${COPULAS}|e|है|हैं|itu`;
/** "new", "old", "temporary": `salasana vaihtui: uusi on X`, `password changed, the new one is X`, `Det gamla var X`. */
const NEW_OR_OLD = String.raw`new|neue[sn]?|neu|nieuwe?|nya|nye|nytt|ny|uusi|uus|nouveau|nouvelle|nueva|nuevo|nuova|nuovo|nova|novo|nowe|nowy|nowa|nové|nový|nová|новый|новий|новое|нове|нова|yeni|baru|mới|jipya|old|alte[sn]?|alt|gamla|gamle|vanha|ancien|ancienne|antigua|antiguo|vecchia|vecchio|antiga|antigo|stare|stary|старый|старий|eski|lama|cũ|temporary|temporäre?s?|provisoire|provisional|provisória|temporanea|tymczasowe|временный`;
/**
 * "always", "also", "probably" after the copula (`è sempre X`, `es siempre X`, `ist auch X`, `is probably X`, `jest zawsze X`,
 * `всегда X`, `selalu X`): the value still follows.
 */
const ALWAYS_WORDS = ['always', 'also', 'just', 'probably', 'sempre', 'siempre', 'también', 'tambien', 'immer', 'auch', 'wohl', 'vermutlich', 'altijd', 'ook', 'alltid', 'altid', 'också', 'også', 'aina', 'myös', 'zawsze', 'też', 'także', 'vždy', 'také', 'всегда', 'тоже', 'также', 'завжди', 'теж', 'також', 'her zaman', 'hep', 'selalu', 'juga', 'luôn', 'cũng', 'palagi', 'kila wakati', 'πάντα', 'επίσης', 'دائما', 'أيضا', 'תמיד', 'גם', 'mindig', 'visada', 'vienmēr', 'alati', 'uvijek', 'također', 'mereu', 'anche', 'aussi', 'encore', 'também', 'provavelmente', 'probablemente', 'probabilmente', 'peut-être', 'talvez', 'forse', 'quizás', 'uh', 'uhm', 'um', 'umm', 'erm', 'euh', 'äh', 'ähm', 'ehm', 'eh', 'ehh', 'hmm', 'tipo', 'ну', 'эээ', 'ээ']; // Round 25: a spoken filler (`my password is uh X`)
/**
 * "now", "still", "currently" after a copula or a comma: `het wachtwoord … is nu X`, `a senha mudou, agora é X`, `Passwort
 * geändert, jetzt ist es X`, `la contraseña sigue siendo todavía X`.
 */
const NOW_WORDS = literalTrie([
  'now', 'still', 'currently', 'nu', 'nou', 'jetzt', 'nun', 'noch', 'immer noch', 'derzeit', 'aktuell', 'maintenant', 'désormais', 'toujours', 'ahora', 'todavía', 'aún', 'ya', 'agora', 'ainda', 'ora', 'adesso', 'ancora', 'nyt', 'nå', 'teraz', 'nadal', 'teď', 'nyní', 'stále', 'теперь', 'сейчас', 'зараз', 'тепер', 'şimdi', 'hâlâ', 'sekarang', 'kini', 'masih', 'bây giờ', 'giờ', 'vẫn', 'ngayon', 'sasa', 'τώρα', 'ακόμα', 'الآن', 'עכשיו', 'acum', 'most', 'dabar', 'tagad', 'nüüd', 'zdaj', 'sedaj', 'sada', 'сада', 'сега', 'сейчас уже', 'ara', 'elo', // round 24: Catalan `és ara X`, Luxembourgish `ass elo X`
  ...ALWAYS_WORDS,
]);
/**
 * "now" standing for the copula, in languages that drop it or where people do (`Пароль від вайфаю тепер X`, `heslo teď X`,
 * `password now X`): a short list, tried after every word between the password word and its value.
 */
const NOW_INTRODUCERS = literalTrie(['now', 'jetzt', 'nun', 'maintenant', 'ahora', 'agora', 'adesso', 'nyt', 'nå', 'teraz', 'teď', 'zdaj', 'sedaj', 'sada', 'сада', 'сега', 'теперь', 'сейчас', 'тепер', 'зараз', 'şimdi', 'sekarang', 'bây giờ', 'sasa', 'τώρα', 'الآن', 'עכשיו', 'acum', 'dabar', 'tagad', 'nüüd']);
/** "it is", "that's" after a comma or a colon (`…yesterday, it's now X`, `mot de passe changé : c'est X`); Round 25: "it was", hedged, after an ellipsis (`…, acho que era X`, `PrestaShop… c'était X`). */
const POINTING_COPULAS = String.raw`it['’]s|it is|that['’]s|that is|c['’]est|das ist|es ist|eso es|det är|det er|het is|dat is|to je|to jest|это|(?:(?:i think|acho que|creo que|je crois que|je pense que|penso che|ich glaube,?|ik denk)\s+)?(?:it was|c['’]était|c['’]etait|era|foi|fue|es war|das war|het was|det var)`;
/** A pronoun after the copula: `jetzt ist es X`, `nu is het X`, `nå er det X`. */
const COPULA_PRONOUN = String.raw`es|het|det|dat|ele|ela|lo|to|it`;
/** "changed to X", "geändert auf X", "cambiada a X": a verb of change and its preposition. */
const CHANGED_TO = String.raw`(?<=(?:changed|reset|set|updated|diganti|diubah|geändert|gesetzt|cambiad[ao]|cambiat[ao]|changé|modifié|alterad[ao]|mudad[ao]|gewijzigd|veranderd|ändrat|endret|ændret|zmienion[oey]|změněno|изменен[оа]?|змінено)\s+)(?:to|auf|à|a|en|para|in|naar|till|til|na|на|ke|jadi|menjadi)(?![\p{L}])`;
/** Scripts a value is never written in (the value of a Chinese, Japanese, Korean or Thai sentence is Latin). */
const NOT_VALUE_SCRIPTS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}`;
/**
 * Round 14: sentence and clause marks of other scripts, never the last character of a value (`密碼 X；`, `पासवर्ड: X।`,
 * `գաղտնաբառ՝ X։`): the full-width semicolon and colon, the Devanagari danda, the Armenian full stop, the Ethiopic marks,
 * the Urdu full stop.
 */
const SCRIPT_STOPS = '；：！？।॥։።፣፤۔';
/** {@link SCRIPT_STOPS} at the end of a value found by any form: left outside it. */
export const TRAILING_SCRIPT_STOPS = new RegExp(`[${SCRIPT_STOPS}]+$`);
/** Characters a spoken value never holds: spaces, quotes, CJK and Arabic punctuation, {@link SCRIPT_STOPS}. */
const VALUE_CHAR = String.raw`[^\s"'”“«»「」（${NOT_VALUE_SCRIPTS}，。、،؛${SCRIPT_STOPS}]`;
/**
 * Where a spoken value ends: a space or a comma, a full stop or question mark that ends the sentence, CJK text, a closing
 * quote (`”`, or `“` after `„` in Serbian, Croatian, German, Czech), Round 25: an ellipsis (`era X... alguém lembra?`). An
 * exclamation mark glued to the value is part of it (`Tzafon2024!!`, `chai@4pm! है`), as people write them.
 */
const VALUE_END = String.raw`["'”“»」’]?(?=[\s,;，。、،؛)（${SCRIPT_STOPS}]|[.?](?:\s|$|\))|\.{2,}|…|$|[${NOT_VALUE_SCRIPTS}])`;
/** A value candidate holds a digit or a symbol inside it (not only a full stop or a comma at its end); round 26: or is `Three.Joined.Words!`. */
const VALUE_SHAPE = String.raw`(?=[^\s]*?(?:\d|[^\p{L}\p{M}\p{N}\s.,;:!?'"”’»」)])|(?:\p{Lu}\p{Ll}+\.){2,}\p{Lu}\p{Ll}+[!?])`;
/** A word opening a password word's value: an optional quote, or a Wi-Fi standard (`WPA2 X`). */
const VALUE_OPEN = String.raw`\s*(?:[\p{Extended_Pictographic}→➡⇒]\uFE0F?\s*){0,3}(?:(?:WPA[23]?|WEP|PSK)\s+)?["'“„«「‘]?\s*`;
/** The value of the spoken form: holds a digit or a symbol, and is not followed by another copula (`password to router01 is X`); French `X je crois` is no copula (Round 25). */
/** Or a run of twelve lower-case letters and more (`sunflowerfield`), judged in secrets.ts. */
const LOWER_RUN_SHAPE = String.raw`(?=[a-z]{12,24}(?:[\s.,;)"'”’»]|$))`;
const SPOKEN_VALUE = String.raw`${VALUE_OPEN}(?:${VALUE_SHAPE}|${LOWER_RUN_SHAPE})(?<value>${VALUE_CHAR}{6,64}?)${VALUE_END}(?!\s+(?!je\s+(?:crois|pense|suppose)(?![\p{L}]))(?:${COPULAS})(?![\p{L}\p{M}]))`;

/**
 * Imperatives that hand over a password (`password? try X`, `Passwort: nimm X`, `contraseña: usa X`, `пароль — введи X`, `pakai X
 * aja`): group `verb` of {@link SPOKEN_PASSWORD}; secrets.ts asks the value to look like a password on its own.
 */
const IMPERATIVES = literalTrie([
  'use', 'try', 'type', 'enter', 'put in', 'put', 'nimm', 'nehmt', 'benutze', 'benutz', 'verwende', 'versuch', 'versuche', 'probier', 'probiere', 'gib ein', 'gib', 'tippe', 'tipp', 'utilise', 'utilisez', 'essaie', 'essayez', 'tape', 'tapez', 'mets', 'mettez', 'entre', 'entrez', 'saisis', 'saisissez', 'usa', 'usad', 'usá', 'prueba', 'pruebe', 'probá', 'escribe', 'escriba', 'pon', 'ponga', 'ingresa', 'ingrese', 'introduce', 'introduzca', 'usate', 'prova', 'provate', 'metti', 'inserisci', 'digita', 'scrivi', 'tenta', 'tente', 'experimenta', 'digite', 'coloca', 'coloque', 'insira', 'gebruik', 'probeer', 'typ', 'använd', 'testa', 'skriv', 'brug', 'bruk', 'prøv', 'tast', 'käytä', 'kokeile', 'kirjoita', 'syötä', 'użyj', 'spróbuj', 'wpisz', 'wprowadź', 'použij', 'zkus', 'zadej', 'napiš', 'используй', 'используйте', 'попробуй', 'попробуйте', 'введи', 'введите', 'набери', 'використовуй', 'спробуй', 'введіть', 'kullan', 'dene', 'gir', 'yaz', 'pakai', 'gunakan', 'coba', 'cuba', 'ketik', 'masukkan', 'dùng', 'thử', 'nhập', 'gamitin', 'subukan', 'ilagay', 'tumia', 'jaribu', 'andika', 'weka', 'χρησιμοποίησε', 'δοκίμασε', 'βάλε', 'השתמש', 'תשתמש', 'נסה', 'תנסה', 'הקלד', 'استخدم', 'جرب', 'جرّب', 'اكتب', 'أدخل', 'használd', 'próbáld', 'folosește', 'încearcă', 'introdu',
]);

/**
 * A gap word of {@link SPOKEN_PASSWORD}: the same words as `[\p{L}\p{M}\p{N}\u200c\u200d'’.@_/#+~-]+`, less backtracking (session 12, speed only).
 * A word of letters only is taken whole (a copula, verb or `to` right after a letter never matches: each has a lookbehind or
 * starts with a sign); a word with another character first takes its letters whole, then backtracks only in the rest, where
 * `c'` must give back `était` (its ends right after the letters are as useless). Checked in secret-cues-speed12.spec.ts.
 */
export const GAP_WORD = String.raw`(?=(?<w>\p{L}*))\k<w>(?:(?![\p{L}\p{M}\p{N}\u200c\u200d'’.@_/#+~-])(?<=\p{L})|[\p{M}\p{N}\u200c\u200d'’.@_/#+~-][\p{L}\p{M}\p{N}\u200c\u200d'’.@_/#+~-]*)`;
/**
 * After a password word: "the password is X", "das Passwort war X", "le mot de passe de la base : X", "la contraseña
 * provisional que me dieron fue X", "heslo k wifi v pokoji 214 je X", "Ο κωδικός του wifi είναι X": up to ten words (digits
 * allowed) between the word and its copula, verb or colon (groups `gap` and `value`); secrets.ts judges X further.
 */
export const SPOKEN_PASSWORD = new RegExp(
  String.raw`(?<gap>(?:\s+\(?${GAP_WORD}(?::(?!\s)[\p{L}\p{M}\p{N}.@_/-]+)*\)?|(?:\s?[:,…]|\s+[–—])(?=\s+(?:(?:\p{L}{1,4}\s+)?(?:${NEW_OR_OLD}|${NOW_WORDS})|${POINTING_COPULAS})(?![\p{L}]))|\s?\?(?=\s)){0,10}?)\s*(?:(?<![\p{L}\p{N}])(?:${COPULAS_BEFORE_VALUE})(?![\p{L}\p{M}-])(?:\s+(?:${NOW_WORDS}|${COPULA_PRONOUN})(?![\p{L}\p{M}])){0,2}(?:\s*:)?|${CHANGED_TO}|(?<![\p{L}])(?<now>${NOW_INTRODUCERS})(?![\p{L}\p{M}])|(?:[:：,?—–]\s*)?(?<![\p{L}])(?<verb>${IMPERATIVES})(?![\p{L}\p{M}])(?:\s*:)?|[—–]|:(?=\s)|[：՝]|(?<=\s)(?:=|->|=>|→)(?=\s))${SPOKEN_VALUE}`,
  'yiu',
);
/**
 * Round 16: `to` right after a password word whose verb of setting stands before it (`i set the admin password to
 * correct-horse-battery-staple-42 on the staging box`, `changed my wifi password to X`): secrets.ts asks for the verb before the
 * word ({@link SET_BEFORE_PASSWORD}). Unlike the spoken form, a word after the value may be a copula (`… to X on the box`).
 */
export const SET_TO_PASSWORD = new RegExp(String.raw`\s+(?:to|para|en|a)\s+["'“„«]?(?<value>${VALUE_CHAR}{6,64}?)${VALUE_END}`, 'yiu');
/** A verb of setting or changing, then the rest of its clause up to the password word. */
export const SET_BEFORE_PASSWORD =
  /(?<![\p{L}])(?:set|changed|change|reset|updated|update|switched|cambié|cambiamos|changé|mudei|mudamos|alterei|troquei)(?![\p{L}])[^.!?;\n]{0,50}$/iu;

/**
 * After a word of a script without spaces: "パスワードは X", "비밀번호가 X", "密码已改为X", "アクセスキー（本番）：X"; Thai puts
 * its words between รหัสผ่าน and คือ without spaces, and a value is never Thai. Round 17: Lao and Khmer the same (`ແມ່ນ`, `គឺ`),
 * and their password word, a Latin device word and a word of the script for its place may stand right before the value
 * with no copula (`ລະຫັດ wifi ຮ້ານ X`).
 */
export const GLUED_PASSWORD = new RegExp(
  String.raw`(?:[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\sA-Za-z-]{0,40}?(?:คือ|ແມ່ນ|គឺ|:)|[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]{1,30}(?=\s)|(?:\s+[A-Za-z-]{2,12}){0,2}(?:\s+[\p{Script=Lao}\p{Script=Khmer}]{1,20}){1,2}(?=\s)|(?:\s+(?:wi-?fi|wlan|router|modem|admin|vpn|nas|pc|laptop|e-?mail)){1,2}(?=\s)|(?:\s*[（(][^）)\n]{1,12}[）)])?\s*(?:\p{Script=Han}{0,4}?(?:是|为|為|成)|は|が|も|を|는|은|이|가|를|을|도|：|:)?)${SPOKEN_VALUE}`,
  'yiu',
);

/**
 * A Korean password made of Hangul words and digits after a word of that script and a space (`비번 하늘바다0415`, `비밀번호
 * 우리강아지77!`): the digits end it, a symbol may follow; Hangul after the digits makes it a count (`오류3회`).
 */
export const HANGUL_VALUE = /\s*[:：]?\s*(?<value>\p{Script=Hangul}{2,10}\d{3,8}[!@#$%^&*?~]*)(?=[\s,.)]|$)/yu;

/**
 * A network key of digits only, as routers print them on their sticker (`WLAN-Schlüssel: 5521 0837 4412 9968 3307`, `the wifi key
 * is 88214457330691258840`): twelve or more digits in groups of four or five, or in one run, after a copula or a colon (or right
 * after the word); secrets.ts takes it only where the text names a network.
 */
export const NUMERIC_KEY = new RegExp(
  String.raw`(?<gap>(?:\s+\(?[\p{L}\p{M}'’.-]+\)?){0,6}?)\s*(?:(?<![\p{L}])(?:${COPULAS_BEFORE_VALUE})(?![\p{L}\p{M}-])(?:\s+(?:${NOW_WORDS})(?![\p{L}\p{M}]))?(?:\s*:)?|[:：=]|\s[—–-](?=\s)|は|が|是|为|為|는|은|이|가|คือ|(?=\s))\s*["'“„«「]?(?<value>\d{4,5}(?:[ \u00a0.-]\d{4,5}){2,5}|\d{12,32})(?![\d\p{L}])`,
  'yiu',
);
/** Where a numeric {@link NUMERIC_KEY} is a network's key: a Wi-Fi, WLAN, WPA, router or network word near it. */
export const NETWORK_CONTEXT =
  /wi-?fi|wlan|wpa|wep|psk|router|ssid|fritz|speedport|hotspot|netzwerk|network|réseau|red |rede|rete|netwerk|nätverk|netværk|nettverk|verkko|sieci|síťov|sieťov|hálózat|ağ |сет[ьи]|мереж|δικτύ|jaringan|mạng|ネットワーク|無線|网络|網路|무선|네트워크|ไวไฟ|واي فاي|وای‌?فای|شبکه|شبكة/iu;

/**
 * Four groups of four lower-case letters after a password word, on its line, within 48 characters (`pass: "abcd efgh ijkl mnop"`,
 * `App-Passwort lautet abcd-efgh-…`): group `near` is the separator and quote right before it when nothing else is between.
 */
export const APP_PASSWORD = new RegExp(
  String.raw`(?:(?<near>["'\u0060]?\s*[:=：]\s*["'“„«「]?)|[^\n.!?。]{0,48}?(?<![\p{L}\p{N}]))(?<value>[a-z]{4}([ -])[a-z]{4}\3[a-z]{4}\3[a-z]{4}|[a-z]{16})(?![\p{L}\p{N}])`,
  'yu',
);

/** `Authorization: Basic dXNlcjpwYXNz`: base64 of `user:password`. */
export const BASIC_AUTH = /\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g;

/**
 * After a password word, the value with no verb between, or an emoji or an arrow (`Passwort 👉 X`) (`Şifrem Rt6&uV3kHj`, `passcode Hj6*kL9mNb`, `parolası "…"`,
 * `(PSK) …`, `password na …`, `user bob / pass …`, `ይለፍ ቃሉ … ነው`): the value must look like a password on its own (see
 * `looksLikePassword` in secrets.ts).
 */
export const BARE_PASSWORD = new RegExp(
  String.raw`\)?(?:\s*[:：]\s*|\s*\?\s+|\s+(?:na\s+|ay\s+)?|\s+[-–]\s+|\s*(?:[\p{Extended_Pictographic}→➡⇒]\uFE0F?\s*)+)["'“„«]?(?<value>${VALUE_CHAR}{6,64}?)${VALUE_END}`,
  'yiu',
);

/**
 * After a password word, up to six words and the value with no verb between: `hasło tymczasowe X`, `pw wifi kos nya X`,
 * `كلمة مرور لوحة التحكم X`, `әкімші құпиясөзі X`. The words between hold letters only (round 26: or a short name with a digit, `от 1С`), so the value is the first token
 * with something else; secrets.ts asks more of it when the words between are Latin (at most three, none naming a user).
 */
export const GAP_PASSWORD = new RegExp(
  String.raw`(?<gap>(?:-[\p{L}\p{M}]+)?(?:\s+\(?(?:[\p{L}\p{M}\u200c\u200d'’-]+|(?=[\p{L}\p{N}]{2,5}[\s)])\p{L}*\d\p{L}*\d?\p{L}*)\)?){1,6}?)\s*[:：]?\s*(?<pointer>(?:[\p{Extended_Pictographic}→➡⇒]\uFE0F?\s*)+)?["'“„«]?(?=[^\s]*?(?:\d|[^\p{L}\p{M}\p{N}\s.,;:!?'"”’»」)\-]))(?<value>${VALUE_CHAR}{6,64}?)${VALUE_END}`,
  'yiu',
);
/** Words between a password word and a value that make the value something else: a user, an account, a policy. */
export const NOT_A_PASSWORD_GAP =
  /(?<![\p{L}])(?:user(?:name)?s?|login|account|e-?mail|mail|id|hint|policy|policies|length|field|requirements?|rules?|reset|expir\p{L}*|format|strength|hash|history|manager|changed?|benutzer\p{L}*|konto|usuario|cuenta|utilisateur|compte|utente|conta|usuário|gebruiker|użytkownik\p{L}*|uživatel\p{L}*|пользовател\p{L}*|kullanıcı\p{L}*|pengguna|akun|tài khoản)(?![\p{L}])/iu;
/**
 * What follows a value that makes it the subject of a sentence (`password for Bob_Smith2 expired`), not a password. Round 19:
 * the Finnish copula `on` before where an English text says the value is written (`the admin password is X on the sticker`)
 * is not one.
 */
export const STATUS_AFTER =
  new RegExp(String.raw`^\s+(?!on\s+(?:(?:the|a|an|my|your|its|this|that)\s+)?(?:sticker|label|back|bottom|underside|side|router|modem|box|fridge|card|paper|note|whiteboard|screen|page)(?![\p{L}]))(?:${COPULAS}|has|had|expired|expires|changed|reset|updated|wurde|hat|a été|fue|foi|è stato|został\p{L}*|был\p{L}*)(?![\p{L}\p{M}])`, 'iu');

/**
 * A value after the first colon a few words after a password word, across commas and dashes (`пароль от аккаунта — а, нашёл:
 * X`, `the password for the drive, hang on, found it: X`), not across a sentence end; secrets.ts asks for a value with a symbol.
 */
export const FAR_COLON_PASSWORD = new RegExp(
  String.raw`(?<gap>(?:[^\n.:：!。！;→]|\.(?![\s]|$)){1,80}?)(?:[:：→]|\s[—–](?=\s)|\s->(?=\s))\s*["'“„«]?${VALUE_SHAPE}(?<value>${VALUE_CHAR}{6,64}?)${VALUE_END}`,
  'yiu',
);
/** Words right before a colon that make what follows something else than a password: a user, a reference, an error. */
export const NOT_A_PASSWORD_LABEL =
  /(?<![\p{L}])(?:user(?:name)?s?|login|account|e-?mail|mail|id|ref|reference|ticket|order|case|error|code|hint|nutzer|benutzer(?:name)?|konto|fehler|usuario|cuenta|error|utilisateur|identifiant|compte|erreur|utente|errore|usuário|conta|erro|gebruiker|fout|логин|пользовател\p{L}*|аккаунт\p{L}*|ошибк\p{L}*|помилк\p{L}*|користувач\p{L}*)\s*$/iu;
/**
 * Verb-final languages put the copula after the value, often in the sentence after the one naming the password (`رمز عبور …
 * کردم. قبلی X بود`, `पासवर्ड बदल दिया। नया वाला X है।`): Persian, Urdu, Hindi, Bengali, Amharic.
 */
export const FINAL_COPULA_PASSWORD = new RegExp(
  String.raw`(?<gap>[^\n]{0,100}?)(?<=[\s:«"“(])["'“«]?(?<value>[!-~]{6,64}?)["'”»]?\s*(?:بود|است|هست|بوده|ہے|تھا|تھی|है|था|थी|थे|ছিল|হল|হলো|আছে|ነው|ነበር|oldu|idi|olacak)(?=[\s.!?،,۔।:]|$)`,
  'yu',
);
const ARTICLES = String.raw`the|my|our|your|a|an|this|his|her|their|current|das|die|der|den|dem|ein|eine|einen|mein|meine|unser|unsere|dein|deine|aktuelle[sn]?|le|la|l['’]|les|un|une|mon|ma|notre|votre|ton|ta|actuel|el|los|una|mi|tu|nuestra|nuestro|su|actual|il|lo|i|gli|mia|mio|nostra|nostro|attuale|o|os|as|um|uma|minha|meu|nossa|nosso|sua|seu|atual|het|de|een|mijn|onze|huidige|det|ett|en|mitt|min|vårt|vår|ditt|din|mój|moja|moje|nasz|nasza|nasze|nowym|nowe|můj|naše|naš|naša|moj|moja|мой|моя|наш|наша|твой|текущий|ang|aking|yung`;
/** Copulas and "as" words between a value and the password word after it: `X is the new password`, `use X as the password`. */
const BEFORE_LINK = String.raw`(?:(?:[—–-]\s*)?(?:that['’]s|that is|that was|this is|it['’]s|which is|das ist|das war|eso es|esa es|questa è|dat is|det är|to je|to jest|is|was|'s|are|will be|ist|war|wird|bleibt|est|c['’]est|était|sera|es|era|fue|será|è|é|foi|será|wordt|blijft|är|var|blir|er|on|oli|jest|był|była|będzie|je|bylo|byl|byla|to|это|є|е|adalah|ialah|merupakan|là|ni|ay|yra|ir|este|e)|[—–]|as|als|comme|como|come|jako|som|sebagai|làm|как|в качестве|kao|ca|mint|olarak|bilang)`;
/**
 * A value before a password word (`X is the new password`, `nimm X als Passwort`, `X — это новый пароль`): tested on the text
 * before the word, with at most one free word (`staff`, `WLAN-`) before it.
 */
export const BEFORE_PASSWORD = new RegExp(
  String.raw`(?:^|[\s(（"'“„«:：,，、])["'“„«]?(?<value>${VALUE_CHAR}{6,64}?)["'”»]?,?\s+${BEFORE_LINK}(?:\s+(?:${ARTICLES}|${NEW_OR_OLD}|nouveau|nouvelle|neue|nieuwe|nuova|nova|nowe|nové|новый|новым|baru|mới)){0,3}(?:\s+[\p{L}\p{M}]+)?[\s-]*$`,
  'iu',
);
/** The same before a word of a script without spaces: `Xが新しいパスワード`, `用X作为新密码`, `X를 비밀번호로`. */
export const BEFORE_GLUED_PASSWORD = new RegExp(
  String.raw`(?<![!-~])["'“「]?(?<value>[!-~]{6,64}?)["'”」]?\s*(?:が|は|を|是|作为|作為|当作|當作|当|當|为|為|를|을|가|이|는|은)\s*(?:新しい|新的|新|새|새로운|現在の|当前的?)?\s*(?:的)?\s*$`,
  'u',
);
/** What a password word followed by these names is not a password: `password manager`, `Passwort-Manager`, `password hashing`. */
export const NOT_A_PASSWORD_AFTER =
  /^[\s-]*(?:hint|policy|policies|length|field|requirements?|rules?|format|strength|hash\p{L}*|history|managers?|manager\p{L}*|generator|reset|prompt|dialog|box|screen|page|form|input|algorithm|scheme|expiry|expiration|richtlinie|länge|feld|política|longitud|campo|politique|longueur|champ|gestionnaire|gestor|algorithme|algoritmo|マネージャー|管理|ポリシー|管理器|策略|规则|規則|관리자|정책)(?![\p{L}])/iu;
/** A shell prompt's last character and a space: the literals the gate of the {@link COMMAND_OUTPUT} scan needs, one of them. */
export const PROMPT_ENDS = ['$ ', '# ', '% ', '> '];
/**
 * The output line of a command that prints a credential: `$ vault kv get -field=password …`, `$ echo $DB_PASSWORD`,
 * `$ kubectl get secret … | base64 -d`, `$ security find-generic-password … -w`, then the value alone on the next line.
 */
export const COMMAND_OUTPUT = /^(?:[\w.-]+@[\w.-]+:[^\n$#]*[$#]|[$#%>]|PS [^\n>]*>)[ \t]+([^\n]*)\n[ \t]*([^\s]{8,128})[ \t]*$/gm;
export const PRINTS_A_CREDENTIAL =
  /pass|pwd|secret|token|credential|api[_-]?key|private[_-]?key|base64 (?:-d|--decode|-D)|find-generic-password|get-secret|secretsmanager|secrets versions access|keyvault|\bvault (?:kv )?(?:get|read)|\bop read|\bbw get|gopass|openssl rand/i;

/**
 * Access data given as a pair after a credentials word: `Creds for staging are deploy / X`, `Zugangsdaten: admin | X`,
 * `login: ops:X`: the second part of the pair.
 */
export const CREDENTIAL_PAIR = new RegExp(
  // Round 18: with no colon or copula after the word, the pair itself is written `user:password` (`default creds admin:…`).
  String.raw`(?:creds|credentials|logins?|login data|access data|zugangsdaten|anmeldedaten|identifiants|credenciales|datos de acceso|credenciais|dados de acesso|credenziali|dati di accesso|inloggegevens|inloggningsuppgifter|dane logowania|přihlašovací údaje|данные для входа|учетные данные|учётные данные|доступы)(?:\s+[\p{L}\p{N}._-]+){0,4}?\s*(?:[:：]|\s(?:are|is|sind|lauten|sont|son|são|sono|zijn|är|er|to|jest|—|–)|\s(?=[^\s/|:,;"']*\p{L}[^\s/|:,;"']*:\S))\s*(?<user>[^\s/|:,;"']{2,64})(?:\s*\/\s*|\s*\|\s*|:|\s*,\s*)(?<value>${VALUE_CHAR}{6,64}?)${VALUE_END}`,
  'yiu',
);
/**
 * A setting written as a name and a value (`<add key="Billing.ApiSecret" value="…" />`, a Kubernetes env entry `{"name":
 * "DB_PASSWORD", "value": "…"}`): group 1 the name, judged as a key name in secrets.ts, group 2 the value.
 */
export const NAME_VALUE = /\b(?:key|name)["']?\s*[=:]\s*["']([\w.:-]{2,80})["']\s*,?\s*["']?value["']?\s*[=:]\s*["']([^"'\s]{6,256})["']/g;
/** Where a {@link CREDENTIAL_PAIR} may start (the pair pattern is then tried there only). */
export const CREDENTIAL_PAIR_START = new RegExp(
  literalTrie(['cred', 'login', 'access data', 'zugangsdaten', 'anmeldedaten', 'identifiants', 'datos de acceso', 'dados de acesso', 'dati di accesso', 'inlog', 'dane logowania', 'přihlašovací', 'данные для входа', 'учетные данные', 'учётные данные', 'доступы']),
  'gi',
);
/** The same for a text already in lower case. */
export const CREDENTIAL_PAIR_START_LOWER = new RegExp(CREDENTIAL_PAIR_START.source, 'g');
/** The verb-final copulas of {@link FINAL_COPULA_PASSWORD}: the form is tried only in a text that holds one. */
export const FINAL_COPULA_GATE = /بود|است|هست|ہے|تھا|تھی|है|था|थी|थे|ছিল|হল|আছে|ነው|ነበር|oldu|idi|olacak/;
