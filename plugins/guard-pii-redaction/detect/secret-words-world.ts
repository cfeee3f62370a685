/**
 * Round 22: the cue words of secret-words.ts audited language by language (the 86 languages of the corpus and the most spoken
 * others): the words for password, passcode, PIN, secret key, access key, passphrase, Wi-Fi or network key and login code, with
 * the possessive and case forms people write (`رمزم` "my password", `kodenya`, `heslu`, `সিক্রেট`), and the romanised forms of
 * the words of CJK scripts (`mima`, `pasuwado`, `amho`). Only the words the older lists did not take are here.
 *
 * Each word is a literal; a trailing `*` lets inflection letters and marks follow it glued (`پسورد*` takes `پسوردم`, `پسوردت`).
 * `strong` words name a password by themselves; `weak` words ("code", "PIN", "key") name one only sometimes (`the PIN of the
 * product`, a KRA PIN, an order code), so a value after them must look like a password with a symbol of its own; `glued`
 * words belong to scripts written without spaces, whose particles follow them glued (`パスコードは`).
 */
export interface CueWords {
  readonly strong?: readonly string[];
  readonly weak?: readonly string[];
  readonly glued?: readonly string[];
}

export const WORLD_CUE_WORDS: Readonly<Record<string, CueWords>> = {
  en: { strong: ['passwords', 'community string', 'snmp community', 'secret key', 'secret token', 'passkey', 'pass key', 'pass-phrase', 'wifi passcode'], weak: ['pin', 'pin code', 'login code', 'security code', 'access key'] },
  de: { strong: ['passworts', 'passwortes', 'passwörter', 'kennworts', 'geheimcode', 'geheimer schlüssel', 'geheime schlüssel', 'geheimen schlüssel'], weak: ['pin-code', 'geheimzahl', 'geheimnummer'] },
  fr: { strong: ['clé secrète', 'clef secrète', 'clé wpa', 'clé wpa2', 'clé wep', 'code confidentiel', 'mots de passe'], weak: ['code pin'] },
  es: { strong: ['contraseñas', 'clave secreta', 'palabra clave', 'clave de acceso'], weak: ['código pin', 'pin'] },
  pt: { strong: ['senhas', 'chave secreta', 'chave de acesso', 'chave wpa'], weak: ['código pin'] },
  it: { strong: ['chiave segreta', 'codice segreto', "parola d'ordine", 'parola d’ordine', 'chiave wpa'], weak: ['codice pin'] },
  ca: { strong: ['clau secreta', 'contrasenyes'], weak: ['clau'] },
  ro: { strong: ['cheie secretă', 'cheia secretă', 'parolei'], weak: ['cod pin'] },
  nl: { strong: ['geheime sleutel', 'wachtwoorden'], weak: ['pincode'] },
  sv: { strong: ['hemlig nyckel', 'lösenorden', 'wifi-kod', 'wifi-koden', 'wifikoden'], weak: ['pinkod', 'pinkoden'] },
  no: { strong: ['hemmelig nøkkel', 'wifi-kode', 'wifi-koden', 'wifikode', 'wifikoden', 'wi-fi-kode', 'wi-fi-koden'], weak: ['pinkode', 'pinkoden'] },
  da: { strong: ['hemmelig nøgle', 'adgangskoder', 'wifi-kode', 'wifi-koden', 'wifikode', 'wifikoden', 'wi-fi-kode', 'wi-fi-koden'], weak: ['pinkode', 'pinkoden'] },
  fo: { strong: ['loyniorð*'] },
  et: { strong: ['parool*', 'salasõna*'], weak: ['pin-kood'] },
  cs: { strong: ['heslu', 'heslech', 'tajný klíč'], weak: ['kód', 'pin kód'] },
  sk: { strong: ['tajný kľúč'], weak: ['kód'] },
  sl: { strong: ['gesla', 'geslu', 'geslom'] },
  pl: { strong: ['tajny klucz', 'klucz tajny'], weak: ['kod pin', 'pin-u', 'pinu'] },
  hu: { strong: ['titkos kulcs*', 'hozzáférési kód*'], weak: ['kód*', 'pin-kód*'] },
  ru: { strong: ['секретный ключ', 'секретного ключа', 'ключ доступа', 'кодовое слово'], weak: ['пин-код', 'пин код', 'пин', 'pin-код', 'код-пароль'] },
  uk: { strong: ['секретний ключ', 'ключ доступу'], weak: ['пін-код', 'пін'] },
  el: { strong: ['μυστικό κλειδί', 'κωδικού', 'κωδικούς', 'κωδικοί'] },
  tr: { strong: ['gizli anahtar*', 'erişim anahtarı*', 'wifi anahtarı*'], weak: ['kodum', 'kodun', 'kodunuz', 'pin kodu', 'pin kodum', 'giriş kodu'] },
  az: { strong: ['gizli açar*'], weak: ['pin kod*'] },
  fa: { strong: ['رمزم', 'رمزت', 'رمزمو', 'رمزتو', 'رمزمون', 'رمزتون', 'رمز عبور*', 'رمز ورود*', 'رمز دوم*', 'کلمه عبور*', 'کلمه‌عبور*', 'کلمه‌ی عبور*', 'گذرواژه*', 'پسورد*', 'پسوورد*'], weak: ['کد', 'پین'] },
  ur: { strong: ['پاسورڈ*', 'پاس ورڈ*', 'خفیہ کوڈ', 'خفیہ لفظ'], weak: ['کوڈ', 'پن کوڈ', 'پن'] },
  ar: { strong: ['كلمة المرور*', 'كلمة مرور*', 'كلمة السر*', 'كلمة سر*', 'الرقم السري', 'رقم سري', 'الرمز السري', 'رمز سري', 'رمز المرور', 'المفتاح السري', 'مفتاح سري', 'الباسورد*', 'باسوردي', 'الباسوورد'], weak: ['الرمز', 'الكود', 'كود'] },
  he: { strong: ['סיסמת*', 'סיסמאות', 'קוד סודי', 'מפתח סודי', 'קוד גישה'], weak: ['קוד'] },
  hi: { strong: ['पासकोड', 'गुप्त कोड', 'गुप्त शब्द', 'गुप्त कुंजी'], weak: ['कोड', 'पिन', 'पिन कोड'] },
  mr: { strong: ['संकेतशब्द*', 'पासवर्ड*'], weak: ['कोड', 'पिन'] },
  bn: { strong: ['পাসওয়ার্ড*', 'গোপন নম্বর', 'গোপন কোড', 'পাসকোড'], weak: ['কোড', 'পিন'] },
  ta: { strong: ['கடவுச்சொல்*', 'பாஸ்வேர்ட்*', 'ரகசிய குறியீடு'], weak: ['குறியீடு', 'பின்'] },
  te: { strong: ['పాస్‌వర్డ్*', 'పాస్వర్డ్*', 'రహస్య పదం'] },
  kn: { strong: ['ಪಾಸ್‌ವರ್ಡ್*', 'ಪಾಸ್ವರ್ಡ್*', 'ಗುಪ್ತಪದ*'] },
  ml: { strong: ['പാസ്‌വേഡ്*', 'പാസ്വേഡ്*'] },
  si: { strong: ['මුරපද*'] },
  gu: { strong: ['પાસવર્ડ*'] },
  pa: { strong: ['ਪਾਸਵਰਡ*'] },
  ne: { strong: ['पासवर्ड*'] },
  id: { strong: ['kata sandiku', 'kata sandimu', 'passwordku', 'passwordmu', 'sandiku', 'sandimu', 'pinnya'], weak: ['kodenya', 'kodeku', 'kodemu', 'pin', 'kuncinya'] },
  ms: { strong: ['kata laluanku', 'kata laluanmu'], weak: ['kodnya'] },
  vi: { strong: ['mật mã', 'khóa bí mật', 'khoá bí mật', 'mã bảo mật', 'mat khau'], weak: ['mã pin'] },
  tl: { strong: ['lihim na susi'], weak: ['pin'] },
  sw: { strong: ['nywila', 'neno siri', 'ufunguo wa siri', 'nambari ya siri', 'namba ya siri'], weak: ['pin'] },
  so: { strong: ['erayga sirta', 'erayga sirtu'], weak: ['furaha'] },
  ig: { strong: ['okwuntughe*'] },
  rw: { strong: ["ijambo ry'ibanga", 'ijambo ry’ibanga', 'ijambobanga'] },
  mg: { strong: ['teny miafina'] },
  mi: { strong: ['kupuhipa'] },
  ht: { strong: ['modpas', 'mo de pas'] },
  mn: { strong: ['нууц үг*', 'нууц код'] },
  kk: { strong: ['құпия кілт*'], weak: ['пин-код'] },
  eu: { strong: ['pasahitz*'] },
  ga: { strong: ['phasfhocal', 'bpasfhocal', 'focal faire'] },
  gd: { strong: ['facal-faire', 'facal faire'] },
  cy: { strong: ['gyfrinair', 'nghyfrinair', 'chyfrinair'] },
  eo: { strong: ['pasvorto*'] },
  ku: { strong: ['şîfre*', 'وشەی نهێنی', 'وشەی تێپەڕ'] },
  ps: { strong: ['پټنوم*', 'پټ نوم', 'پاسورډ*'] },
  tg: { strong: ['гузарвожа*', 'рамзи махфӣ'], weak: ['рамз'] },
  uz: { strong: ['maxfiy kalit*', 'maxfiy kod*'] },
  tk: { strong: ['açar söz*', 'gizlin söz*'] },
  be: { strong: ['сакрэтны ключ'] },
  jv: { strong: ['tembung sandhi', 'tembung sandi'] },
  or: { strong: ['ପାସୱାର୍ଡ*'] },
  as: { strong: ['পাছৱৰ্ড*'] },
  ti: { strong: ['መሕለፊ ቃል*'] },
  om: { strong: ['jecha icciitii', 'jecha darbii'] },
  sn: { strong: ['pasiwedhi'] },
  zh: { strong: ['mima', 'mìmǎ', 'kouling'], glued: ['登录密码', '通行码', '密匙', '支付密码'] },
  ja: { strong: ['pasuwado', 'pasuwādo', 'pasuwaado', 'ansho bango', 'anshō bangō', 'anshou bangou'], glued: ['wi-fiのキー', 'wifiのキー', 'wi-fiキー', 'wifiキー', 'wi-fi キー', 'wifi キー', 'パスコード', 'パスフレーズ', '暗証コード', '合言葉', 'ピンコード'] },
  ko: { strong: ['amho', 'bimilbeonho', 'bimil beonho', 'bibeon'], glued: ['핀번호', '패스코드', '비밀 번호', '접속 암호'] },
};

/** Every word of one kind across the languages. */
const wordsOf = (kind: keyof CueWords): string[] => Object.values(WORLD_CUE_WORDS).flatMap((words) => [...(words[kind] ?? [])]);
/** A word's literal part (no `*`), as the stem scan of password-stems.ts needs it. */
const literal = (word: string) => word.replace(/\*$/, '');
/**
 * What may not follow a word that is also a verb: English "pin" pins a version or a message (`pin the dependency to v2.3.1-rc#4`,
 * `pin it to the top`), the PIN is a noun.
 */
const NOT_AFTER: Readonly<Record<string, string>> = {
  pin: String.raw`(?!\s+(?:the|a|an|it|this|that|these|those|them|down|up|to|on|at|your|my|our|his|her|their|every|all|each)(?![\p{L}]))`,
};
/** A word as a pattern: the literal, escaped, and inflection letters and marks after it when it ends with `*`. */
const asPattern = (word: string) =>
  literal(word).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + (word.endsWith('*') ? String.raw`[\p{L}\p{M}]*` : '') + (NOT_AFTER[word] ?? '');
/** Longest first, so that an alternation prefers `pin code` over `pin`. */
const alternation = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length).map(asPattern).join('|');

export const WORLD_PASSWORD_WORDS = alternation(wordsOf('strong'));
export const WORLD_WEAK_WORDS = alternation(wordsOf('weak'));
export const WORLD_GLUED_WORDS = alternation(wordsOf('glued'));
/** The literal start of the strong and glued words, and of the weak ones, for the stem scans. */
export const WORLD_STEMS = [...new Set([...wordsOf('strong'), ...wordsOf('glued')].map(literal))];
export const WORLD_WEAK_STEMS = [...new Set(wordsOf('weak').map(literal))];
