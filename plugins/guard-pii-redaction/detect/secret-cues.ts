/** The word for "password" in the languages of the corpus and the field reports (Latin, Cyrillic, Greek, Arabic, Hebrew scripts). */
const PASSWORD_WORDS = String.raw`password|passwort|kennwort|mot[ _]de[ _]passe|contraseña|contrasena|clave|senha|palavra-passe|parola|wachtwoord|lösenord(?:et)?|passord(?:et)?|adgangskode(?:n)?|kodeord(?:et)?|salasana|hasło|heslo|şifre\p{L}*|sifre|jelszó|parolă|пароль|κωδικός(?:\s+πρόσβασης)?|mật khẩu|kata sandi|كلمة (?:ال)?مرور|كلمة (?:ال)?سر|סיסמה|पासवर्ड|passphrase|pre-?shared[ -]key|wpa2?[ -]key|wi-?fi key`;
/** The same in scripts written without spaces, where no word boundary can be asked for. */
const GLUED_PASSWORD_WORDS = String.raw`パスワード|暗証番号|密码|密碼|口令|비밀번호|암호|รหัสผ่าน`;
/** Other credential words of those scripts, for key names: `APIキーのシークレット：`, `访问密钥：`, `시크릿 키:`. */
const GLUED_CREDENTIAL_WORDS = String.raw`シークレット|アクセスキー|秘密鍵|密钥|密鑰|秘钥|秘鑰|令牌|시크릿(?:\s?키)?|비밀\s?키|액세스\s?키|토큰`;

/** Vendors whose name before `_KEY` makes the key a credential (`OPENAI_KEY=`, `DD_API_KEY=`). */
const VENDOR_NAMES = String.raw`(?:stripe|openai|anthropic|claude|google|gemini|mistral|cohere|groq|twilio|sendgrid|mailgun|mailchimp|datadog|dd|algolia|pinecone|replicate|deepseek|together|fireworks|perplexity|xai|azure[_-]?openai|aws|gcp|firebase|supabase|pusher|mapbox|segment|sentry|newrelic|new[_-]?relic|honeycomb|rollbar|bugsnag|openrouter|elevenlabs|deepl|weather|maps)`;

/**
 * Key names whose value is a credential: `DB_PASSWORD=`, `"api_key":`, `JWT_SECRET:`, `x-api-key:`, `github_token=`,
 * `Пароль:`, `パスワード：`. A name that only describes a credential (`token_type`, `public_key`, `secret_name`,
 * `next_page_token`) is not a cue.
 */
const CREDENTIAL_NAME = String.raw`(?:[A-Za-z0-9]+[_.-])*?(?:${PASSWORD_WORDS}|[a-z0-9]*pass(?:word|wd)|passwd|pwd|pw|passcode|passphrase|pass|[a-z0-9]+_pass|api[_-]?key|apikey|x-api-key|api[_-]?secret|secret[_-]?key|secret|client[_-]?secret|private[_-]?key|account[_-]?key|shared[_-]?access[_-]?key|access[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|auth[_-]?key|subscription[_-]?key|app[_-]?(?:key|secret)|consumer[_-]?(?:key|secret)|webhook[_-]?secret|${VENDOR_NAMES}[_-]?(?:api[_-]?)?key|token|(?:access|auth|refresh|session|bearer|bot|api|id|private)[_-]?token)(?:[_.-][A-Za-z0-9]+)*?`;
/**
 * A `:`/`=` and the value after it (at most 256 characters; JWTs, PEM keys and vendor tokens have their own patterns), which stops at
 * the next query parameter (`&user=`); the key name before it is checked separately (scanning for names everywhere is slow).
 */
export const ASSIGNED_VALUE = /["']?\s*(?:[:=：]|=>)\s*["'`]?((?:[^\s"'`,;<>&，。；：、）」』】！？]|&(?![\w.-]+=)){8,256})/g;
/** A word every credential key name contains, to skip the name pattern before most separators. */
export const CREDENTIAL_STEM = new RegExp(String.raw`pass|pw|key|secret|token|${PASSWORD_WORDS}|${GLUED_PASSWORD_WORDS}|${GLUED_CREDENTIAL_WORDS}`, 'iu');
/** The key name right before an {@link ASSIGNED_VALUE} (camelCase names split at their humps first); words of scripts without spaces may be glued to the word before. */
export const CREDENTIAL_KEY = new RegExp(String.raw`(?:(?<![\p{L}\p{N}])(?:${CREDENTIAL_NAME}|${GLUED_PASSWORD_WORDS})|${GLUED_CREDENTIAL_WORDS})$`, 'iu');
export const NOT_A_CREDENTIAL_NAME =
  /(?:^|[_.-])(?:public|publishable|pub|id|ids|type|types|page|next|prev|expires?|expiry|ttl|url|uri|path|file|name|length|len|count|limit|max|min|header|endpoint|prefix|format|usage|hint|policy|rotation|version|enabled|required)(?:$|[_.-])/i;

/** A value after a cue (a header, a URL's user, a query parameter); group 1 is the secret part. */
export const CUED_PATTERNS: readonly RegExp[] = [
  // AWS secret access keys: after their key name (`SecretAccessKey`, `aws_secret_access_key =`, `secret key:`), or after an access key id.
  /\b(?:aws[ _]?secret[ _]?access[ _]?key|secret[ _]?access[ _]?key|aws[ _]?secret(?:[ _]?key)?|secret[ _-]?key(?:\s+(?:aws|amazon|iam|de la|de|da|do|der|del))?)["']?\s*(?:[:=]|\bis\b|\bist\b|\bes\b|\best\b|é)?\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}["'`]?\s*(?:[/:,|;]|\band\b|\bund\b|\bet\b|\be\b|\by\b)?\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
  // PHP constants: `define('DB_PASSWORD', '…')`, WordPress salts and keys.
  /\bdefine\s*\(\s*['"]\w*(?:PASSWORD|PASSWD|PASS|PWD|SECRET|_KEY|TOKEN|SALT)\w*['"]\s*,\s*['"]([^'"\s]{6,128})['"]/gi,
  /(https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,})/g, // Slack webhook, all of it
  /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,})/g, // Discord webhook
  /(https:\/\/[\w-]+\.webhook\.office\.com\/webhookb2\/[^\s"'<>]+)/g, // Microsoft Teams webhook
  /\bBearer\s+([A-Za-z0-9\-._~+/]{16,}=*)/g, // Bearer token
  /\bAuthorization["']?\s*[:=]\s*["']?(?:Token|token|Bot|Key|ApiKey|SSWS|Splunk|GenieKey|Api-Key)\s+([A-Za-z0-9._~+/=-]{16,})/g, // other authorisation schemes
  /\b[a-z][a-z0-9+.-]{0,15}:\/\/[^\s:/@]{0,64}:([^\s:/@]{6,128})@/gi, // credentials in a URL or connection string
  /\bhttps?:\/\/([0-9a-f]{32})@[\w.-]*sentry[\w.-]*\/\d+/g, // Sentry DSN key
  /[?&;]sig=([A-Za-z0-9%+/=]{16,})/g, // Azure shared access signature
  // Passwords on a command line: `mysql -pSECRET`, `sshpass -p SECRET`, `docker login -p SECRET`, `curl -u user:SECRET`.
  /\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n|;&]*?\s-p([^\s'"-][^\s'"]{3,})/g,
  /\b(?:sshpass|docker login|podman login|helm registry login)\b[^\n|;&]*?\s(?:-p|--password)\s+['"]?([^\s'"]{6,})/g,
  /\bcurl\b[^\n|;&]*?\s(?:-u|--user)\s+['"]?[^\s:'"]+:([^\s'"@]{4,})/g,
  // Access data written `host / user / password` (`10.0.4.2 / admin / …`): the third part, with a letter, a digit and a symbol.
  // The host is checked behind the first ` / ` so that the scan only stops at a slash between spaces.
  /\s(?<=(?<![\w.])(?:\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d{2,5})?\s)\/\s+[\w.@-]{2,32}\s+\/\s+((?=[^\s]*\d)(?=[^\s]*[A-Za-z])(?=[^\s]*[^\w\s])[^\s/'"]{8,64})(?=\s|$)/gi,
  /\b(?:requirepass|masterauth)\s+["']?([^\s"'，。、；：！？）」』】]{6,})/g, // redis.conf
  /\bredis-cli\b[^\n|;&]*?\s(?:-a|--pass)\s+['"]?([^\s'"，。、；：！？）」』】]{6,})/g,
  /(?<=\s)--(?:password|passwd|pass|db-password|admin-password)[= ]['"]?([^\s'"，。、；：！？）」』】]{6,})/g,
];

/**
 * Hex strings right after a credential word (`o token 3f9a…`, `the signing secret is 9c1e…`, `API-Schlüssel: a7d2…`) are
 * credentials; the same hex with no such word before it is a hash or a commit id. Tested on the text before a hex run.
 */
export const HEX_CUE = new RegExp(
  String.raw`(?<![\p{L}])(?:token|tokens|secret|key|session[_-]?id|sessionid|sessid|session(?:\s+cookie)?|signature|sig|hmac|chave|clave|clé|cle|schlüssel|schluessel|chiave|sleutel|nyckel|nøkkel|klucz|klíč|anahtar|anahtarı|kunci|ключ|токен|секрет|подпись|密钥|密鑰|令牌|签名|簽名|トークン|署名|キー|토큰|서명|키|مفتاح|رمز|מפתח|טוקן|assinatura|firma|signatur|podpis|imza|khóa)(?:[\s-]+(?!(?:hash|sha\d*|md5|commit|id|fingerprint|digest|checksum|file|files|path|name|size|length|rotation)(?![\p{L}]))[\p{L}'’]{2,12}){0,4}?(?:\s+(?:is|was|é|era|es|est|ist|lautet|è|är|er|jest|je|adalah|là|это|είναι|هو|هي))?\s*(?:[:=：—–]|は|是|为|為|는|은|이)?\s*[("'\u0060«“„「『（\[]{0,2}$`,
  'iu',
);
/** A run of 20–128 base64url characters, the candidates for {@link HEX_CUE} that are not hex: vendor tokens without a known prefix (Vercel's have 24). */
export const TOKEN_RUN = /(?<![\w-])[\w-]{20,128}(?![\w-])/g;
/** A run of 32–128 hex digits of one case, the candidates for {@link HEX_CUE}. */
export const HEX_RUN = /(?<![0-9A-Za-z])(?:[0-9a-f]{32,128}|[0-9A-F]{32,128})(?![0-9A-Za-z])/g;
/** A word before the cue that makes the hex public or a digest: `public key`, `key id`, `hash of the token`. */
export const NOT_A_SECRET_HEX =
  /(?:public|pub|öffentlich\p{L}*|pública|publique|hash|sha-?\d*|md5|checksum|digest|fingerprint|commit|id|cache|idempotency|object|partition|primary|foreign|sort|dedup\p{L}*|trace|correlation|etag|gpg|pgp|host|routing|lookup|license|licence)[\s_-]*$/iu;

/**
 * Where a password word may start: the only places {@link SPOKEN_PASSWORD} and {@link BARE_PASSWORD} are tried (they check
 * the word boundary themselves; a lookbehind here would make this scan four times slower).
 */
export const PASSWORD_WORD = new RegExp(String.raw`${PASSWORD_WORDS}|passcode|pwd?|${GLUED_PASSWORD_WORDS}`, 'giu');

/**
 * "the password is X", "das Passwort lautet X", "le mot de passe de la base : X", "la password dell'account admin è X",
 * "Ο κωδικός του wifi είναι X", "パスワードは X", "รหัสผ่านไวไฟคือ X": X needs a digit or a symbol (and a letter, a digit and a
 * symbol when more than four words stand between; groups `gap` and `value`). Thai is written without spaces: the words
 * between รหัสผ่าน and คือ are Thai letters, and a value is never Thai.
 */
export const SPOKEN_PASSWORD = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:${PASSWORD_WORDS})(?<gap>(?:\s+\(?[\p{L}\p{M}'’.-]+\)?){0,10}?)\s*(?:(?<![\p{L}])(?:is|ist|lautet|est|es|é|è|är|er|on|je|to|adalah|là|это|هي|هو|היא|הוא|είναι)(?![\p{L}])|—|:|：|(?<=\s)=(?=\s))|รหัสผ่าน[\p{Script=Thai}\s]{0,40}?(?:คือ|:)|(?:${GLUED_PASSWORD_WORDS})\s*(?:は|是|为|為|는|은|이|：|:)?)\s*(?:(?:WPA[23]?|WEP|PSK)\s+)?["'“„«「]?\s*(?<value>[^\s"'”“«»」\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}，。、]{8,64}?)["'”»」]?(?=[\s,;，。、]|[.!?](?:\s|$)|$|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])`,
  'yiu',
);

/** `Authorization: Basic dXNlcjpwYXNz`: base64 of `user:password`. */
export const BASIC_AUTH = /\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g;

/**
 * A password word right before a value with no verb between (`Şifrem Rt6&uV3kHj`, `passcode Hj6*kL9mNb`): the value
 * must look like a password on its own (see `looksLikePassword` in secrets.ts).
 */
export const BARE_PASSWORD = new RegExp(
  String.raw`(?<![\p{L}])(?:${PASSWORD_WORDS}|passcode|pw|pwd)(?:\s*[:：]\s*|\s+)["'“„«]?([^\s"'”“«»]{8,64}?)["'”»]?(?=[\s,;]|[.!?](?:\s|$)|$)`,
  'yiu',
);
