/**
 * The words that cue a secret: "password" in some 70 languages, its short and weak forms, the credential key names of
 * configs, and their literal stems (the fast gates of secret-cues.ts). Kept apart from the patterns built on them.
 */
import { WORLD_GLUED_WORDS, WORLD_PASSWORD_WORDS, WORLD_STEMS, WORLD_WEAK_STEMS, WORLD_WEAK_WORDS } from './secret-words-world.js';

/**
 * The word for "password" in the languages of the corpus and the field reports (Latin, Cyrillic, Greek, Arabic, Hebrew,
 * Indic, Ethiopic scripts): some 70 languages, with the inflected forms of the agglutinative ones (`şifresi`, `parolası`,
 * `salasanani`, `jelszava`, `құпиясөзі`, `пароля`).
 */
export const PASSWORD_WORDS = String.raw`${WORLD_PASSWORD_WORDS}|password|passwort|passwuert|wireless (?:security |network )?key|kennwort|mot[ _]de[ _]passe|contraseña|contrasena|contrasenya|contrasinal|pasahitza|clave|senha|palavra-passe|palavra passe|parola|wachtwoord|wagwoord|lösenord(?:et)?|passord(?:et)?|adgangskode(?:n)?|kodeord(?:et)?|lykilorð(?:ið)?|salasana\p{L}*|salasõna|parool|hasł\p{L}*|heslo|hesla|heslom|heslem|hesle|geslo|lozink\p{L}*|jelsz\p{L}*|parolă|parole|paroli|slaptažod\p{L}*|fjalëkalim\p{L}*|şifre\p{L}*|sifre\p{L}*|şifrə\p{L}*|parola\p{L}*|parol\p{L}*|пароль|пароля|паролем|паролі|парол\p{L}*|лозинк\p{L}*|құпиясөз\p{L}*|сырсөз\p{L}*|нууц үг|գաղտնաբառ\p{L}*|პაროლ\p{L}*|κωδικός(?:\s+πρόσβασης)?|κωδικό|συνθηματικό|mật khẩu|kata sandi(?:nya)?|kata laluan(?:nya)?|sandi(?:nya)?|passwordnya|pwnya|nenosiri|neno la siri|kalmar sirri\p{L}*|i?phasiwedi|paswọọdụ|ọ̀?rọ̀? [iì]gbaniwọl[eé]|passwoord|pasfhocal|cyfrinair|tenimiafina|furaha sirta|كلمة (?:ال)?مرور|كلمة (?:ال)?سر|كلمة(?:\s+ال)?مرور|رمز عبور|گذرواژه|پسورد|باسوورد|باسورد|پاسورڈ|پاس ورڈ|סיסמה|סיסמא|סיסמת|पासवर्ड|कूटशब्द|পাসওয়ার্ড|ਪਾਸਵਰਡ|પાસવર્ડ|கடவுச்சொல்\p{L}*|పాస్‌?వర్డ్|ಪಾಸ್‌?ವರ್ಡ್|പാസ്‌?വേഡ്|මුරපදය|passphrase|pass phrase|pasword|passwrod|passowrd|passwrd|paswort|பாஸ்வேர்டு|பாஸ்வேர்ட்|ፓስወርድ\p{L}*|құпия сөз\p{L}*|pre-?shared[ -]key|wpa2?[ -]key|wi-?fi key|network (?:security )?key|wlan[ -]?(?:schlüssel|key)|netzwerk(?:sicherheits)?schlüssel|wlan-netzwerkschlüssel|wlan-kennwort|wi-?fi-?(?:schlüssel|schlëssel|kennwort)|klucz (?:sieci|sieciowy|wi-?fi)|nätverksnyckel(?:n)?|netværksnøgle(?:n)?|nettverksnøkkel(?:en)?|verkkoavain|verkon suojausavain|síťový klíč|sieťový kľúč|hálózati kulcs|ağ (?:güvenlik )?anahtarı|сетевой ключ|ключ (?:безопасности )?сети|ключ мережі|κλειδί (?:ασφαλείας )?δικτύου|kunci (?:keamanan )?jaringan|khóa mạng|chave d[ae] rede|clé (?:de sécurité )?(?:du )?réseau|clé (?:du )?wi-?fi|clave (?:de seguridad )?de (?:la )?red|clave (?:del )?wi-?fi|chave de segurança da rede|chiave di rete|netwerksleutel|code d['’]accès|code secret|access code|zugangscode|zugangspasswort|código de acc?es[so]|codice di accesso|toegangscode|tilgangskode|pääsykoodi|kod dostępu|код доступа|erişim kodu`;
/**
 * Words glued to a prefix in their script (Arabic و/ب/ل/ف, Hebrew ה/ו/ב/ל/ש, Amharic የ) or compounded with the word before
 * (`Routerpasswort`, `wifisalasana`): tried without a word boundary before them.
 */
export const PREFIXED_PASSWORD_WORDS = String.raw`كلمة (?:ال)?مرور|كلمة (?:ال)?سر|باسوورد|باسورد|סיסמ[הא]|סיסמת|ይለፍ ቃ\p{L}*|passwort|kennwort|lösenord(?:et)?|passord(?:et)?|wachtwoord|wagwoord|adgangskode(?:n)?|salasana\p{L}*`;
/**
 * Short forms and the Yoruba word (written with tone marks, composed or not): `pw`, `pwd`, `mdp`, `passwd`, `ọ̀rọ̀ aṣínà`; Redis's
 * password directives named in prose (`requirepass in redis.conf is X`, round 20).
 * Not key names on their own (`pw` in `pw_hash`), only spoken.
 */
export const SHORT_PASSWORD_WORDS = String.raw`requirepass|masterauth|pw|pwd|pword|passwd|passcode|mdp|a(?:ṣ|ṣ?)(?:í|í?)n(?:à|à?)|kalmar wucewa`;
/**
 * "pass" is a password only in a login context: `wifi pass`, `admin pass`, `pass wifi là …`, `user bob / pass …`, `Wifi name:
 * CafeNet, pass X` (but not the verb: `…, pass it to Bob`).
 */
export const PASS_WORD = String.raw`(?<=@[\w-]+(?:\.[\w-]+)+\s*[/|,;]?\s*)pass(?![\p{L}])|(?<=(?:wi-?fi|wlan|router|admin|root|ftp|ssh|vpn|db|login|mail|email|acc|account|smtp|imap|pop3?)[ -])pass(?![\p{L}])|pass(?=\s+(?:wi-?fi|wlan|router|admin|root|ftp|ssh|vpn|db|login|akun|tài khoản|mạng|mới|cũ)(?![\p{L}]))|(?<=^|\n[ \t]*)pass(?=[ \t]*[:：])|(?<=(?:user(?:name)?|login|usr|benutzer|usuario|utilisateur|utente|usuário|gebruiker|kullanıcı)\s*[:=]?\s*[^\s/|,;]{1,64}\s*[/|,;]?\s*)pass(?![\p{L}])|(?<=(?:wi-?fi|wlan|ssid|network|router)(?: name)?\s*[:=]\s*[^\n.!?]{1,40}[,;]\s*)pass(?![\p{L}])(?!\s+(?:it|them|this|that|on|along|over|by|through|to|me|him|her|us)(?![\p{L}]))`;
/**
 * Round 22: English "key" after a network named on its line (`Guest wifi: BeachHouse_Guest key is X`, `router … key: X`): weak, as
 * the other "key" words; not `the key of the house`, nor a key with no network before it.
 */
const NETWORK_KEY = String.raw`(?<=(?:wi-?fi|wlan|ssid|network|router|hotspot)[^\n]{0,60}[\s:,;])key`;
/**
 * Words for "code" and "key" that name a password only sometimes (`Koden til e-conomic er …`, `la clé du wifi est …`,
 * not `the discount code is SAVE-20`): their values must look like a password with a symbol of its own (see secrets.ts).
 */
export const WEAK_PASSWORD_WORDS = String.raw`${WORLD_WEAK_WORDS}|${NETWORK_KEY}|(?<=(?:la|le|el|il|my|mi|ma|the|your|tu|ta)\s)pass|code|koden|kode|kod|kodu|koodi|код|código|codigo|codice|clé|clef|schlüssel|schlëssel|chiave|chave|รหัส|sleutel|nyckel(?:n)?|nøkkel(?:en)?|nøgle(?:n)?|klucz|ключ|спільний ключ|общий ключ|psk|mã|رمز|סוד|шифра|шифру|шифре|шифр|šifra|šifru|šifre|sifra|sifru`;
/** The same in scripts written without spaces, where no word boundary can be asked for (`비번` is the colloquial Korean one). */
export const GLUED_PASSWORD_WORDS = String.raw`${WORLD_GLUED_WORDS}|(?:事前)?共有(?:キー|鍵)|共享密钥|共用金鑰|ネットワーク\s?(?:セキュリティ\s?)?キー|暗号化キー|预共享密钥|預共享金鑰|預共用金鑰|网络安全密钥|網路安全性金鑰|사전\s?공유\s?키|네트워크\s?보안\s?키|パスワード|暗証番号|密码|密碼|口令|비밀번호|비번|패스워드|암호|รหัสผ่าน|รหัส(?:ไวไฟ|วายฟาย|\s?wi-?fi|เข้าระบบ|เข้าสู่ระบบ)|ລະຫັດຜ່ານ|ລະຫັດ\s?(?:wi-?fi|ວາຍຟາຍ)|ពាក្យសម្ងាត់|စကားဝှက်`;
/** Other credential words of those scripts, for key names: `APIキーのシークレット：`, `访问密钥：`, `시크릿 키:`. */
export const GLUED_CREDENTIAL_WORDS = String.raw`シークレット|アクセスキー|秘密鍵|密钥|密鑰|秘钥|秘鑰|令牌|시크릿(?:\s?키)?|비밀\s?키|액세스\s?키|토큰`;

/** Vendors whose name before `_KEY` makes the key a credential (`OPENAI_KEY=`, `DD_API_KEY=`). */
const VENDOR_NAMES = String.raw`(?:stripe|openai|anthropic|claude|google|gemini|mistral|cohere|groq|twilio|sendgrid|mailgun|mailchimp|datadog|dd|algolia|pinecone|replicate|deepseek|together|fireworks|perplexity|xai|azure[_-]?openai|aws|gcp|firebase|supabase|pusher|mapbox|segment|sentry|newrelic|new[_-]?relic|honeycomb|rollbar|bugsnag|openrouter|elevenlabs|deepl|weather|maps)`;

/**
 * Key names whose value is a credential: `DB_PASSWORD=`, `"api_key":`, `JWT_SECRET:`, `x-api-key:`, `github_token=`,
 * `Пароль:`, `パスワード：`. A name that only describes a credential (`token_type`, `public_key`, `secret_name`,
 * `next_page_token`) is not a cue.
 */
export const CREDENTIAL_NAME = String.raw`(?:[A-Za-z0-9]+[_.-])*?(?:${PASSWORD_WORDS}|[a-z0-9]*pass(?:word|wd)|passwd|pwd|pw|passcode|passphrase|pass|[a-z0-9]+_pass|api[_-]?key|apikey|x-api-key|api[_-]?secret|secret[_-]?key|secret|client[_-]?secret|private[_-]?key|account[_-]?key|shared[_-]?access[_-]?key|access[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|auth[_-]?key|subscription[_-]?key|app[_-]?(?:key|secret)|license[_-]?key|consumer[_-]?(?:key|secret)|webhook[_-]?secret|${VENDOR_NAMES}[_-]?(?:api[_-]?)?key|token|pat|(?:access|auth|refresh|session|bearer|bot|api|id|private)[_-]?token)(?:[_.-][A-Za-z0-9]+)*?`;
/**
 * Key names of credentials in the configs of more tools, as the last word of the name only (`redis_auth`, `MQTT_AUTH`, docker's
 * `"auth":`, npm's `_auth=`, `credentials =`, wpa_supplicant's `psk=`, WireGuard's `PresharedKey`, `hmac_key`, LDAP `bindpw`): not
 * `auth_type`, `auth_url`, `credentials_file`. Their values are judged harder (see `acceptKeyValue` in secrets.ts).
 */
export const LAST_WORD_CREDENTIAL_NAME = String.raw`(?:[A-Za-z0-9]+[_.-])*?_?(?:auth|credentials?|creds|psk|wpa[_-]?psk|pre[_-]?shared[_-]?key|preshared[_-]?key|hmac[_-]?key|hmac[_-]?secret|jwt[_-]?key|cookie[_-]?secret|session[_-]?key|enc(?:ryption)?[_-]?key|bindpw|rootpw|masterauth|requirepass|authkey|auth[_-]?string)`;

/**
 * An alternation of literal words as a trie (`pass(?:w(?:ord|ort)|phrase)?`): a scan for 150 words then costs about what a
 * scan for 40 did, since the regex engine tests one branch per character instead of every word at every position.
 */
export function literalTrie(words: readonly string[]): string {
  interface Node { end: boolean; next: Map<string, Node> }
  const root: Node = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const char of word.toLowerCase()) {
      if (!node.next.has(char)) node.next.set(char, { end: false, next: new Map() });
      node = node.next.get(char) as Node;
    }
    node.end = true;
  }
  const emit = (node: Node): string => {
    const branches = [...node.next].map(([char, child]) => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

/** The literal start of every word of {@link PASSWORD_WORDS} and {@link GLUED_PASSWORD_WORDS}. */
export const PASSWORD_STEMS = [
  'password', 'passwort', 'passwuert', 'wireless', 'chave', 'kennwort', 'mot de passe', 'mot_de_passe', 'contrase', 'contrasinal', 'pasahitza', 'clave', 'senha', 'palavra',
  'parol', 'parool', 'wachtwoord', 'wagwoord', 'lösenord', 'passord', 'adgangskode', 'kodeord', 'lykilorð', 'salasan', 'salasõna', 'hasł',
  'hesl', 'geslo', 'lozink', 'jelsz', 'slaptažod', 'fjalëkalim', 'şifr', 'sifre', 'парол', 'лозинк', 'құпиясөз', 'сырсөз', 'нууц үг',
  'գաղտնաբառ', 'პაროლ', 'κωδικ', 'συνθηματικ', 'mật khẩu', 'kata sandi', 'kata laluan', 'sandi', 'nenosiri', 'neno la siri', 'kalmar',
  'iphasiwedi', 'phasiwedi', 'passwordnya', 'pwnya', 'paswọọdụ', 'ọrọ igbaniwọl', 'ọrọ ìgbaniwọl', 'ọ̀rọ̀ ', 'passwoord', 'pasfhocal', 'cyfrinair', 'tenimiafina', 'furaha sirta', 'كلمة', 'رمز', 'گذرواژه', 'پسورد', 'باسوورد', 'باسورد', 'پاسورڈ', 'پاس ورڈ', 'סיסמ', 'pasword', 'passwrod', 'passowrd', 'passwrd', 'paswort', 'பாஸ்வேர்', 'ፓስወርድ', 'құпия сөз', 'पासवर्ड', 'कूटशब्द',
  'পাসওয়ার্ড', 'ਪਾਸਵਰਡ', 'પાસવર્ડ', 'கடவுச்சொல்', 'పాస్', 'ಪಾಸ್', 'പാസ്', 'මුරපදය', 'passphrase', 'pass phrase', 'pre-shared', 'preshared',
  'pre shared', 'wpa', 'wi-fi key', 'wifi key', 'code d', 'code secret', 'access code', 'zugangs', 'código de acc', 'codice di accesso',
  'toegangscode', 'tilgangskode', 'pääsykoodi', 'kod dostępu', 'код доступа', 'erişim kodu', 'ይለፍ', 'network', 'wlan', 'netzwerk',
  'clé de', 'clé du', 'clé wi', 'wi-fi-', 'wifi-', 'klucz', 'nätverks', 'netværks', 'nettverks', 'verkko', 'verkon', 'síťový', 'sieťový', 'hálózati', 'ağ ', 'сетевой', 'ключ безопасности', 'ключ сети', 'ключ мережі', 'κλειδί', 'kunci', 'khóa mạng', 'chave de', 'chave da', 'clave de', 'clave del', 'clave wi', 'chave de segurança', 'chiave di rete', 'netwerksleutel',
  '事前共有', '共有キー', '共有鍵', '共享密钥', '共用金鑰', 'ネットワーク', '暗号化キー', '预共享', '預共', '网络安全', '網路安全', '사전', '네트워크',
  'パスワード', '暗証番号', '密码', '密碼', '口令', '비밀번호', '비번', '패스워드', '암호', 'รหัส', 'ລະຫັດ', 'ពាក្យសម្ងាត់', 'စကားဝှက်',
  ...WORLD_STEMS,
];
/**
 * "Wi-Fi" standing for its password (`the cabin wifi is X`, `wifi: X`, `el wifi de la casa es X`): tried only with a copula
 * or a colon, and only when no password word is near and the value is not a network name (see secrets.ts). Round 24: the
 * Serbian and Macedonian spelling with `ј` (`Шифра за вајфај је …`).
 */
export const WIFI_WORDS = String.raw`wi-?fi|wlan|вай-?фай|вайфай|вај-?фај|واي فاي|وای‌?فای`;
/** The literal start of the short, "pass" and weak words (spoken forms only). */
export const SPOKEN_ONLY_STEMS = [
  'requirepass', 'masterauth', 'pw', 'passwd', 'passcode', 'pass', 'mdp', 'psk', 'aṣí', 'aṣi', 'as\u0323', 'code', 'kod', 'koodi', 'код', 'código', 'codigo', 'codice', 'clé', 'clef',
  'schlüssel', 'schlëssel', 'chiave', 'sleutel', 'nyckel', 'nøkkel', 'nøgle', 'klucz', 'ключ', 'спільний ключ', 'общий ключ', 'mã', 'סוד', 'шифр', 'šifr', 'sifr',
  'wifi', 'wi-fi', 'вайфай', 'вай-фай', 'вай фай', 'вајфај', 'вај-фај', 'واي فاي', 'وای',
  'key', ...WORLD_WEAK_STEMS,
];
