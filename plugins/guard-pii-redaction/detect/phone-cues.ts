/**
 * The cue words that make a number a phone number: words before it in the languages of the corpus and the field reports
 * (PHONE_CUE), a relative's number, and the German call-back verbs after it (CUE_AFTER).
 */
import { prefixTree, withFirstCharacterCheck } from './alternation.js';
import type { Detection } from './detection.js';
import { namesOwnIdNumber } from './phone-id-kinds.js';

/**
 * Words before a number that make it a phone number, in the languages of the corpus and the field reports. The short ones
 * that end or hide in other words must start one: `Patel`, `hotel`, `during`, `bringe`, `recall`, `cordial`, `label`, `breach`,
 * `automobile` and `автомобиль` hold none.
 */
/** Words for whoever is on call or on duty (`Vakt`, `On-call`, `Rufbereitschaft`, `astreinte`, `dyżur`): a cue word, and a roster's heading. */
const ON_CALL_WORDS = String.raw`vakt|vagt|vakthavende|on-?call|on call|bereitschaft|rufbereitschaft|astreinte|pikett|päivystys|päivystäjä|dyżur\p{L}*`;

/** Relatives' stems (a few letters of inflection may follow), as a prefix tree: the cue is tried at every word of the context. */
const KIN_WORDS = prefixTree([
  'grandma', 'grandpa', 'grandmother', 'grandfather', 'granny', 'nana', 'mom', 'mum', 'dad', 'mother', 'father',
  'sister', 'brother', 'aunt', 'uncle', 'mormor', 'farmor', 'morfar', 'farfar', 'mamma', 'pappa', 'moster', 'faster',
  'bror', 'søster', 'syster', 'oma', 'opa', 'mama', 'papa', 'tante', 'onkel', 'oom', 'moeder', 'vader', 'babci',
  'babcia', 'dziad', 'wujk', 'cioci', 'nagyi', 'nagymam', 'nagypap', 'anyu', 'vecmām', 'vecvec', 'mamm', 'tēt', 'močiut',
  'senel', 'mummo', 'ukki', 'äiti', 'isä', 'babičk', 'dědečk', 'maminc', 'abuel', 'avó', 'avô', 'nonn', 'zi[oa]', 'tía',
  'tío', 'bunic', 'baba', 'babushk', 'bak', 'djed', 'bestemor', 'bestefar', 'anneanne', 'babaanne', 'dede', 'бабушк',
  'дедушк', 'мам', 'пап', 'тёт', 'дяд',
]);
const KIN_NOUNS_AFTER = prefixTree(['nr\\.?', 'no\\.', 'nummer', 'numurs', 'numeris', 'numer', 'number', 'numéro', 'número', 'numero', 'numara\\p{L}*', 'broj', 'številk\\p{L}*', 'čísl\\p{L}*', 'száma', 'номер']);
const KIN_NOUNS_BEFORE = prefixTree(['nr\\.?', 'nummer', 'numurs', 'numeris', 'numer', 'number', 'numéro', 'número', 'numero', 'номер']);
const KIN_NUMBER = String.raw`(?<![\p{L}])(?:(?:${KIN_WORDS})\p{L}{0,4}['’]?s?\s+(?:${KIN_NOUNS_AFTER})|(?:${KIN_NOUNS_BEFORE})\s+(?:(?:de|di|da|do|van|von|od|of)\s+)?(?:${KIN_WORDS}))`;
const PHONE_CUE_SOURCE = prefixTree([
  'phone', '(?<!\\p{L})(?:tel\\b|tel\\.|mobil|cell|call|dial|ring|reach(?!ed)|bel |моб)', 'tél', 'tlf', 'telefon', 'teléfono', 'telefono',
  'telefone', 'telepon', 'telp', 'móvil', 'movil', 'celular', 'cellulare', 'handy', 'portable', 'fax', 'anrufen', 'appel', 'llam', 'llám', 'ligue', 'ligar', 'chiama',
  'whatsapp', 'viber', 'sms', 'text me', 'contact', 'kontakt', 'contato', 'contatto', 'contacto', 'erreichbar', 'joignable', 'hotline',
  'helpline', 'switchboard', 'landline', 'puhelin', 'soita', 'zadzwoń', 'hubungi', '\\bhp\\b', 'gsm', 'телефон', 'тел\\.', 'тел:', 'звон',
  'номер', '電話', '电话', '手机', '手機', '携帯', '連絡', '联系', '聯繫', '致电', '拨打', '撥打', '전화', '연락', '휴대', '핸드폰', 'هاتف', 'جوال',
  'marca(?:r|me)', 'márca', 'marque', 'disque', 'office line', 'direct line', 'phone line', 'help line', 'refund line', 'customer line', 'customer service line', 'service line', 'sales line', 'booking line',
  'reservations line', 'enquiry line', 'enquiries line', 'inquiry line', 'emergency line', 'hot line', 'care line', 'claims line', 'advice line', 'línea directa', 'ligne directe', 'durchwahl', 'linha direta', 'linea diretta', 'موبايل', 'اتصل', 'واتس', 'تلفن', 'موبایل', 'همراه', 'טלפון', 'נייד', 'τηλ', 'κινητό', 'โทร', 'điện thoại', 'sđt', 'gọi', 'फोन', 'फ़ोन', 'मोबाइल', 'ফোন', 'মোবাইল',
  // A home or landline number: Hungarian otthoni/vezetékes, Polish stacjonarny/domowy, German Festnetz, Spanish/Portuguese/Italian fijo/fixo/fisso.
  'otthoni', 'vezetékes', 'stacjonarn', 'domowy', 'festnetz', 'fijo', 'fixo', 'fisso', 'vaste lijn', 'fastnet', 'pevná linka', 'домашн', 'стационарн',
  // Whoever is on call or on duty (`Vakt: Ingrid Solberg, 926 41 877`, `On-call: Sam Reed, 0412 …`, `Rufbereitschaft:`,
  // `astreinte`, `dyżur`, `päivystys`): a roster gives the name and the number to call, as a word of its own (not `vaktmester`).
  `(?<!\\p{L})(?:${ON_CALL_WORDS})(?!\\p{L})`,
  'tālr', 'sími', 'síma', '\\bcep\\b', '\\bpuh\\.', 'simu', 'nambari ya simu', 'telèfon', 'telefoon', 'tfn',
  // Mob. (Baltic and Central European signatures), mobiel; Spanish and Portuguese "call me"; Mongolian утас/залга, Kazakh
  // қоңырау, Uzbek qoʻngʻiroq, Azerbaijani zəng/əlaqə, Estonian helista, Lithuanian skambin-, Latvian zvani.
  '\\bmob\\b', 'mobiel', 'me marcas', 'marcas al', 'márcale', 'marcale', 'me liga', 'liga pra', 'утас', 'залга', 'қоңырау',
  'qo[ʻ‘\']ng[ʻ‘\']iroq', 'zəng', 'əlaqə', 'helista', 'skambin', 'zvani',
  // Round 28: Belarusian тэлефон/тэл./мабільны/нумар, Estonian `mu number`/`minu number`/`mobiil`, Latvian `mans numurs`,
  // Lithuanian `mano numeris`, Finnish `numeroni`.
  'тэлефон', 'тэл.', 'тэл:', 'мабільн', 'нумар', 'mu number', 'minu number', 'mobiil', 'mans numurs', 'mano numeris', 'numeroni',
  // Chat apps and their slang names, "call me" verbs in more languages (Zulu shayela, Xhosa fowunela/tsalela, Sotho
  // letsetsa, Afrikaans skakel, Swahili nipigie, Maltese ċempel, Irish, Welsh, Icelandic, Turkish, Greek, Czech, Slovak,
  // Croatian, Serbian, Bulgarian, Romanian, Tagalog, Hindi, Urdu, Bengali, Persian, Hebrew, Chinese, Amharic), and a
  // person's own or new number ("my number", "mon numéro", "رقمي", "رقم صاحب البيت"); colloquial Arabic "call me / ring me"
  // (Egyptian `كلمني على`, Levantine `رن علي`, `دقلي`), never the bare stem `كلم`, which starts `كلمة` (a word, `كلمة السر`).
  'telegram', 'телеграм', 'вайбер', 'ватсап', 'вотсап', 'вацап', 'wasap', 'guasap', 'watsap', 'wassap', 'watsapp',
  'shayel', 'fonele', 'fowunel', 'tsalel', 'letsetse', 'letsetsa', 'skakel', 'nipigie', 'piga simu', 'kira ni', 'soo wac', 'ċempel', 'ċemplu',
  'cempel', 'glaoigh', 'ffonio', 'hringdu', 'hringja', 'arayın', 'beni ara', 'arayabilir', 'καλέστε', 'καλέσ', 'πάρε με', 'hívj', 'volejte',
  'zavolej', 'volajte', 'zavolaj', 'dzwoń', 'nazovi', 'zovi', 'nazovite', 'pozovite', 'зовите', 'обадете', 'обади', 'sunați', 'sunati', 'sună',
  'tawagan', 'tumawag', 'i-text', 'कॉल', '(?<![\\p{L}\\p{M}\\u200c])کال(?![\\p{L}\\p{M}])', '(?<![\\p{L}\\p{M}])কল', 'تماس', 'زنگ', 'תתקשר', 'חייג', '打给', '打給', '打我', 'ደውል', 'ስልክ',
  // A support line or a questions desk (`Support:`, `IT-support:`, `Podrška:`, `IT atbalsts:`, `Apoio informático:`, `Dúvidas:`,
  // `Dudas al`), someone reachable at it (`raggiungibile al`, `erreichbar`) and the short `cel` of Spanish chats (`mi cel es`).
  'support', 'soporte', 'supporto', 'suporte', 'podršk', 'podrsk', 'atbalst', 'apoio', 'dúvidas:', 'dúvidas?', 'duvidas:', 'dudas al', 'dudas:', 'dudas?', 'raggiungibil', 'mi cel ', 'tu cel ', 'su cel ', 'cel:',
  'my number', 'new number', 'mon numéro', 'nouveau numéro', 'mi número', 'nuevo número', 'meu número', 'meu numero', 'novo número',
  'novo numero', 'mio numero', 'nuovo numero', 'mijn nummer', 'nieuwe nummer', 'meine nummer', 'neue nummer', 'min nummer', 'mitt nummer',
  'nytt nummer', 'mój numer', 'nowy numer', 'numaram', 'nomor saya', 'nomorku', 'nomor baru', 'numărul meu', 'رقمي', 'رقمه', 'رقمها',
  'رقم صاحب', 'رقم المالك', 'كلمني', 'كلمنى', 'كلّمني', 'كلمه على', 'كلمها على', 'رن علي', 'رنلي', 'دق لي', 'دقلي', 'رقم السائق', 'رقم المندوب', 'رقم التواصل', 'رقم الاتصال', 'للتواصل', 'شمارم', 'شماره من', 'میرا نمبر',
  'मेरा नंबर', 'আমার নম্বর',
  // Round 26: a person's own or new number in Nepali (`मेरो नम्बर`, spelt with म्ब as often as with the anusvara), Hindi's other
  // spelling, Marathi, Gujarati, Punjabi, Sinhala, Telugu, Kannada and Malayalam.
  // The noun comes first and the possessive is looked behind it: the cue is tried at the noun's first letter, not at every
  // `म` and `ह` of a Devanagari context.
  '(?<=(?:मेरो|हाम्रो|नयाँ|मेरा|नया|माझा) )(?:नम्बर|नंबर)', '(?<=મારો )નંબર', '(?<=ਮੇਰਾ )ਨੰਬਰ', '(?<=මගේ )(?:අංකය|නම්බර්)', '(?<=నా )(?:నంబర్|నెంబర్)',
  '(?<=ನನ್ನ )ನಂಬರ್', '(?<=എന്റെ )നമ്പർ',
  // The Urdu/Persian loanword `کال` (a call) only as a word of its own: not `کالا` (goods; the shop `دیجی‌کالا` joins its
  // parts with a zero-width non-joiner), `کالج` (college) or `کالم` (column).
  // German "call back" without an- (`rufen Sie mich unter … zurück`, `ruf mich an`, `Rückruf`), and helpline, contact and customer-care
  // words written in Devanagari, Bengali, Gurmukhi, Urdu and Tamil script (`हेल्पलाइन`, `संपर्क करें`, `যোগাযোগ`, `ہیلپ لائن`).
  'rufen', 'ruf mich', 'ruft ', 'rückruf', 'हेल्पलाइन', 'हेल्प लाइन', 'संपर्क', 'कस्टमर केयर', 'टेलीफोन', 'নম্বরে', 'হেল্পলাইন', 'যোগাযোগ', 'ਹੈਲਪਲਾਈਨ', 'ਫ਼ੋਨ', 'ਫੋਨ', 'ہیلپ لائن', 'رابطہ', 'فون', 'தொலைபேசி', 'உதவி எண்',
  // A relative's number (`farmors nr.`, `vecmāmiņas numurs`, `numer babci`, `Nagyi száma`): a grandparent, parent, sibling, aunt
  // or uncle (a few letters of inflection) and a number noun, in either order.
  KIN_NUMBER,
]);
/** Tried at every position of a context: a lookahead on the characters a cue can start with skips the others at once. */
const PHONE_CUE_WORDS = new RegExp(withFirstCharacterCheck(PHONE_CUE_SOURCE), 'u');
/**
 * A cue word before the number, unless the context names the number a student's or an employee's (Round 28: `mon numéro
 * étudiant c'est`, `رقمي الجامعي`; see phone-id-kinds.ts), asked only where a cue word was found.
 */
export const PHONE_CUE = {
  test: (context: string): boolean => PHONE_CUE_WORDS.test(context) && !namesOwnIdNumber(context),
};
/**
 * German puts the verb of a call-back or of being reached at the end of the clause, after the number (`Bitte unter 0445123876
 * zurückrufen`, `… unter 412 34 567 erreichbar`, `ihn unter … anzurufen`): such a word right after the number cues it as one
 * before it does. Only a few short words may stand between (`bitte`, `morgen`, `jederzeit`), not a verb of its own (`Das Ziel von
 * 21 904 817 ist erreichbar` is no phone).
 */
export const CUE_AFTER = /^[\s,]*(?:(?:bitte|gerne?|jederzeit|morgen|heute|tagsüber|abends|wieder|kurz|direkt|auch|mich|uns|ihn|sie)\s+){0,2}(?:zurück(?:zu|ge)?rufen|an(?:zu|ge)?rufen|erreichbar|zu erreichen)(?![\p{L}])/iu;
export const CUE_AFTER_REACH = 48;

/**
 * What joins a second number to a phone just before it (`Llamar a Valentina al +56 9 7989 7608 o al 300 967 9514`, `call
 * +44 20 7946 0958 or 020 7946 0321`): the cue word of the first number, often more than a context away, stands for both.
 * Only conjunctions and a slash, not a comma (`+1 212 555 0147, 2024 1234 5678` may go on with anything).
 */
const PHONE_LIST_JOIN =
  /^\s*(?:\/|or|o|ou|oder|of|eller|tai|или|або|lub|albo|nebo|vagy|ya da|veya|atau|hoặc|ή|או|أو|或|或者|또는)\s*(?:(?:al|au|à|a|at|on|unter|op|på|на|pod|ao|no|na|al número|ke|στο)\s+)?$/iu;
const PHONE_LIST_REACH = 16;

/** Whether a phone found before `start` ends at most a short conjunction before it (see PHONE_LIST_JOIN). */
export function joinedToPhoneBefore(text: string, start: number, found: readonly Detection[]): boolean {
  for (let at = found.length - 1; at >= 0; at -= 1) {
    const { end, label } = found[at];
    if (label === 'PHONE' && end <= start && start - end <= PHONE_LIST_REACH && PHONE_LIST_JOIN.test(text.slice(end, start))) return true;
  }
  return false;
}

const GREEK_MOBILE = /^69\d{8}$/;
const GREEK_LETTER = /\p{Script=Greek}/u;
/** How far around the number Greek letters are looked for: the sentence it stands in, not the whole prompt. */
const SCRIPT_REACH = 60;

/**
 * A Greek mobile written compact (`6907473835`): Greek numbers have no trunk 0 and every mobile starts 69, so ten such digits
 * in Greek text are a phone even when the cue word (`Επικοινωνία:`) stands a name and more before it.
 */
export function greekMobileInGreekText(text: string, start: number, raw: string): boolean {
  return GREEK_MOBILE.test(raw) && GREEK_LETTER.test(text.slice(Math.max(0, start - SCRIPT_REACH), start + raw.length + SCRIPT_REACH));
}

/**
 * Round 24: a roster line names who is on call, then their name and the number (`Vakt denne uka: Ingrid Solberg, 926 41 877`,
 * `On-call this week — Dr. Tomasz Wróbel, 512 480 377`): the on-call word often stands more than a context before the number.
 * Up to ON_CALL_REACH characters back on the same line, with no digit between (a date or another number ends the roster entry).
 */
const ON_CALL_BEFORE = new RegExp(String.raw`(?<!\p{L})(?:${ON_CALL_WORDS})(?!\p{L})[^\d\n!?;]*$`, 'iu');
const ON_CALL_STEMS = ['vakt', 'vagt', 'call', 'bereitschaft', 'astreinte', 'pikett', 'päivyst', 'dyżur'];
const ON_CALL_REACH = 80;

/** Whether an on-call word stands before `start` on its line, only a heading and a name between (see ON_CALL_BEFORE). */
export function onCallBefore(text: string, start: number): boolean {
  const line = text.slice(Math.max(0, start - ON_CALL_REACH), start).toLowerCase();
  return ON_CALL_STEMS.some((stem) => line.includes(stem)) && ON_CALL_BEFORE.test(line);
}
