/**
 * Round 28: what stands where a secret would and is none, in the templates, configs and tables people paste.
 *
 * - Template fillers in the languages of their writers: "your token here" (`TU_TOKEN_AQUI`, `SEU_TOKEN_AQUI`, `VOTRE_CLE_ICI`,
 *   `DEIN_TOKEN_HIER`, `ваш_ключ_здесь`), "put the key here" (`ضع_المفتاح_هنا`, `ใส่คีย์ที่นี่`, `INSERISCI_QUI`), "change me"
 *   (`сменете_ме`, `змініть_мене`, `zmeň_ma`), and a vendor's prefix with a filler (`test_xxxxxxxxxxxx`, `live_XXXXXXXX`).
 * - A hash of a password, which the labelling rules do not count as the secret (it is what a server keeps instead): bcrypt
 *   (`$2b$12$…`), the crypt(3) schemes (`$6$salt$…`, `$argon2id$v=19$…`, `$apr1$…`), Django's `pbkdf2_sha256$…`.
 * - A reference to where the secret is kept: Terraform's `var.db_password`, Ruby's `ENV.fetch(`, `local.x`, `data.vault_generic_secret.db.data["x"]`,
 *   a GitHub Actions `${{ secrets.X }}`, a CloudFormation `!Ref DbPassword`, a Helm `.Values.x`; and a key's NAME in camel case
 *   (`adminPasswordKey`, `dbPasswordSecretRef`): Helm charts name the key of a Kubernetes Secret that holds the password.
 */

/** "Here" in the languages templates are written in: the filler says where to put the value. */
const HERE = String.raw`aqui|aquí|aca|acá|ici|hier|qui|qua|tutaj|tu|tady|здесь|сюда|тут|тук|овде|ovde|ovdje|tukaj|itt|aici|tähän|tänne|här|her|burada|buraya|di[_-]?sini|sini|dito|đây|εδώ|هنا|כאן|यहाँ|यहां|ここ|ここに|这里|此处|這裡|此處|여기|여기에`;
/** "Your" and "put / enter" in the same languages. */
const YOUR = String.raw`tu|tú|tus|su|sus|seu|sua|teu|tua|tuo|tuoi|votre|vos|ton|ta|dein|deine|deinen|ihr|ihre|ihren|jouw|uw|je|twoj|twój|twoje|tvůj|tvoj|tvoje|váš|vaš|ваш|ваша|твой|твоя|вашия|вашата|sizin|senin|anda|kamu|của|bạn|σου|σας|الخاص|your`;
const PUT = String.raw`pon|ponga|poner|pone|inserta|inserte|insertar|introduce|introduzca|coloque|coloca|insira|insere|mettre|mettez|mets|inserisci|inserire|metti|einfügen|eintragen|einsetzen|vul|invullen|wpisz|wstaw|vlož|vložte|zadej|zadejte|вставьте|вставь|введите|впишите|въведете|поставете|въведи|внесіть|введіть|ضع|أدخل|ادخل|ใส่|กรอก|הכנס|masukkan|nhập|gir|girin|yaz|yazın|put|enter|insert|paste`;
/** "Change" in the languages the round-17 list lacks, with its "me". */
const CHANGE = String.raw`сменете|смени|сменить|смените|промени|промените|промијени|змініть|змінити|зміни|zmeň|zmeňte|změň|změňte|muuta|schimbă|schimba|άλλαξε|αλλάξτε|غيرني|غيّرني|غير|เปลี่ยน|שנה`;
const ME = String.raw`me|ме|мене|мя|ma|mě|mnie|minua|mă|με|ني|ฉัน`;
/** The key words of a filler: token, key, password in the languages above (the value names what it stands for). */
const KEY_WORD = String.raw`token|key|clave|chave|chiave|clé|cle|schlüssel|schluessel|sleutel|klucz|klíč|kljuc|ključ|ключ|ключа|ключът|токен|токена|парола|паролата|пароль|contraseña|contrasena|senha|password|passwort|wachtwoord|hasło|haslo|heslo|şifre|sifre|sifreniz|şifreniz|kunci|sandi|mật[_-]?khẩu|secret|secreto|segredo|segreto|api|المفتاح|مفتاح|كلمة|رمز|คีย์|รหัส|รหัสผ่าน|โทเค็น|מפתח|סיסמה|키|토큰|비밀번호|キー|トークン|パスワード|密钥|密鑰|密码|密碼|令牌|κλειδί|κωδικός`;

const part = (words: string) => String.raw`(?:${words})`;
const SEP = String.raw`[_\-. ]`;
/** A filler of two to six words of the lists above (with `de`, `di`, `the`, `la`, `el` between): no digit, no symbol. */
const WORLD_FILLER = new RegExp(
  String.raw`^(?=.*(?:^|${SEP})${part(KEY_WORD)}(?:$|${SEP}))(?=.*(?:^|${SEP})(?:${HERE}|${YOUR}|${PUT})(?:$|${SEP}))(?:[\p{L}\p{M}]+(?:${SEP}|$)){2,6}$`,
  'iu',
);
/** Scripts written without spaces (Thai, Japanese, Chinese): "put" or "your" and a key word and "here" anywhere in the value. */
const UNSPACED_FILLER = new RegExp(String.raw`^(?=.*(?:${PUT}|${YOUR}|${HERE}))(?=.*(?:${KEY_WORD}))[\p{L}\p{M}_]{2,24}$`, 'iu');
const CHANGE_ME = new RegExp(String.raw`^(?:${CHANGE})(?:${SEP}(?:${ME}|това|это|це|to|this))?$`, 'iu');
/** A word prefix and a filler: `test_xxxxxxxxxxxxxxxx`, `live-XXXXXXXX`, `sk_test_********`, `key_00000000`. */
const PREFIXED_FILLER = /^[A-Za-z]+(?:[_-][A-Za-z]+)*[_-](?:x{6,}|X{6,}|\*{6,}|0{8,}|\.{6,}|…+)$/;

/** A hash of a password in a crypt(3) or framework format. */
const PASSWORD_HASH =
  /^(?:\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$(?:1|5|6|apr1|md5)\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}|\$(?:argon2(?:id|i|d)|scrypt|yescrypt|y|7|pbkdf2(?:-sha\d+)?)\$\S*|(?:pbkdf2_sha\d+|argon2|bcrypt_sha256)\$[^\s]{20,}|\{(?:SSHA|SHA|SSHA256|SSHA512|CRYPT|MD5)\}[A-Za-z0-9+/=$.]{16,})$/;

/** Where a value is kept, written as a reference in a configuration language. */
const REFERENCE =
  /^(?:(?:var|local|module|data)\.[A-Za-z_][\w.\-[\]"']*|ENV\.fetch\(?\S*|\$\{\{\s*(?:secrets|vars|env|inputs)\.\w+\s*\}\}|(?:secrets|vars)\.[A-Z_][A-Z0-9_]*|!Ref\s+\w+|!Sub\s+\S+|\.Values(?:\.\w+)+|\{\{\s*\.Values(?:\.\w+)+\s*\}\}|ref\+\w+:\/\/\S+|arn:aws:secretsmanager:\S+)$/;
/** A key's name in camel case ending with what names a key: `adminPasswordKey`, `dbPasswordSecretRef`, `tokenSecretName`. */
const KEY_NAME = /^[a-z]+(?:[A-Z][a-z]+)+(?:Key|Ref|SecretName|KeyName|KeyRef):?$/;

/**
 * Whether a value the scans took is one of the above (asked of each SECRET found, in secret-value-tails.ts, not of each candidate:
 * the candidates are many). Each pattern is tried only when a character test says it may match: the fillers and key names hold no digit, the
 * prefixed fillers end with four of one character, the hashes and references start with one of a few characters.
 */
/** The first letters of the references' prefixes (`var.`, `local.`, `module.`, `data.`, `secrets.`, `ref+`, `arn:`, `ENV.`). */
const REFERENCE_STARTS = 'vlmdsraE';

export function isNotSecretValue(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first === 36 || first === 123 || first === 33 || first === 46) return PASSWORD_HASH.test(value) || REFERENCE.test(value); // $ { ! .
  if (value.includes('$')) return PASSWORD_HASH.test(value);
  if (REFERENCE_STARTS.includes(value[0]) && /^(?:var|local|module|data|secrets|vars|ref\+|arn:|ENV)[.:+]/.test(value)) return REFERENCE.test(value);
  const last = value.charCodeAt(value.length - 1);
  if (value.length > 8 && value.charCodeAt(value.length - 2) === last && value.charCodeAt(value.length - 4) === last && PREFIXED_FILLER.test(value)) return true;
  if (/\d/.test(value)) return false;
  if (/^[\x21-\x7e]*$/.test(value)) return KEY_NAME.test(value) || (/[_.-]/.test(value) && WORLD_FILLER.test(value));
  return CHANGE_ME.test(value) || WORLD_FILLER.test(value) || UNSPACED_FILLER.test(value);
}

/**
 * A key whose value names the Kubernetes Secret (or the key inside it) that holds the password: Helm's `existingSecret`,
 * `secretName`, `secretRef`, `passwordSecret`, `existingSecretPasswordKey`, `passwordKey`, Vault's `secretPath`: the text right
 * before a value, up to its `:` or `=`.
 */
export const SECRET_HOLDER_KEY =
  /(?:existing[_-]?secret\w*|secret[_-]?(?:name|ref|path|key[_-]?ref)|(?:password|token)[_-]?(?:key|ref|secret[_-]?(?:name|ref|key))|password[_-]?secret|secretKeyRef\.\w+)["']?\s*[:=]\s*["']?$/i;
