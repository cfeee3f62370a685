import { type CountryCode, findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { prefixTree, withFirstCharacterCheck } from './alternation.js';
import { columnHeader, isRecordField, lineNear } from './columns.js';
import { before, type Detection, eachMatch } from './detection.js';
import { luhnValid } from './checksums.js';
import { afterIbanHead } from './financial.js';
import { inVersionList, VERSION_CUE } from './network.js';
import { formatNationalReading, readInternational, readNational, validInternational, validParse, validReading } from './phone-parse.js';
import { formatsWithTrunkZero, mayWriteTrunkZero, plausibleIn } from './phone-plans.js';
import { appRegions, CUED_REGIONS, EIGHT_DIGIT_REGIONS, RegionHints } from './phone-regions.js';
import { IDENTITY_MENTION, REFERENCE_CUE, SAMPLE_CUE } from './reference.js';
import { asciiWidth } from './width.js';

/**
 * Runs of digits and phone punctuation with at least 7 digits: the only places libphonenumber is asked to look.
 * An extension ("ext. 42", "x204") is not part of the value: the number alone reaches the person. A run glued to
 * a code before or after it (`BLK-415-738-2671`, `415-738-2671-BLK`) is part of that code; a Nguni locative prefix
 * (`ku-082 …`, `e-011 …`) is not a code. Up to 34 characters: two numbers of a list (`030 298 1147 / 03 231 88 14`) are one run.
 */
const PHONE_REGION = /(?:\(?\+|(?<![\w+#]|\w(?<!(?:^|[^\w-])(?:ku|ka|kwa|ko|e|ngo|nge))-)\(?)\d[\d ().\/\-\u00a0\u2011]{5,32}\d(?!\d|[-\u2011.\/][A-Za-z0-9]|[A-Za-z_])/g;
/**
 * Words before a number that make it a phone number, in the languages of the corpus and the field reports. The short ones
 * that end or hide in other words must start one: `Patel`, `hotel`, `during`, `bringe`, `recall`, `cordial`, `label`, `breach`,
 * `automobile` and `автомобиль` hold none.
 */
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
  'marca(?:r|me)', 'márca', 'marque', 'disque', 'office line', 'direct line', 'phone line', 'línea directa', 'ligne directe', 'durchwahl', 'linha direta', 'linea diretta', 'موبايل', 'اتصل', 'واتس', 'تلفن', 'موبایل', 'همراه', 'טלפון', 'נייד', 'τηλ', 'κινητό', 'โทร', 'điện thoại', 'sđt', 'gọi', 'फोन', 'फ़ोन', 'मोबाइल', 'ফোন', 'মোবাইল',
  // A home or landline number: Hungarian otthoni/vezetékes, Polish stacjonarny/domowy, German Festnetz, Spanish/Portuguese/Italian fijo/fixo/fisso.
  'otthoni', 'vezetékes', 'stacjonarn', 'domowy', 'festnetz', 'fijo', 'fixo', 'fisso', 'vaste lijn', 'fastnet', 'pevná linka', 'домашн', 'стационарн',
  'tālr', 'sími', 'síma', '\\bcep\\b', '\\bpuh\\.', 'simu', 'nambari ya simu', 'telèfon', 'telefoon', 'tfn',
  // Mob. (Baltic and Central European signatures), mobiel; Spanish and Portuguese "call me"; Mongolian утас/залга, Kazakh
  // қоңырау, Uzbek qoʻngʻiroq, Azerbaijani zəng/əlaqə, Estonian helista, Lithuanian skambin-, Latvian zvani.
  '\\bmob\\b', 'mobiel', 'me marcas', 'marcas al', 'márcale', 'marcale', 'me liga', 'liga pra', 'утас', 'залга', 'қоңырау',
  'qo[ʻ‘\']ng[ʻ‘\']iroq', 'zəng', 'əlaqə', 'helista', 'skambin', 'zvani',
  // Chat apps and their slang names, "call me" verbs in more languages (Zulu shayela, Xhosa fowunela/tsalela, Sotho
  // letsetsa, Afrikaans skakel, Swahili nipigie, Maltese ċempel, Irish, Welsh, Icelandic, Turkish, Greek, Czech, Slovak,
  // Croatian, Serbian, Bulgarian, Romanian, Tagalog, Hindi, Urdu, Bengali, Persian, Hebrew, Chinese, Amharic), and a
  // person's own or new number ("my number", "mon numéro", "رقمي", "رقم صاحب البيت").
  'telegram', 'телеграм', 'вайбер', 'ватсап', 'вотсап', 'вацап', 'wasap', 'guasap', 'watsap', 'wassap', 'watsapp',
  'shayel', 'fonele', 'fowunel', 'tsalel', 'letsetse', 'letsetsa', 'skakel', 'nipigie', 'piga simu', 'kira ni', 'soo wac', 'ċempel', 'ċemplu',
  'cempel', 'glaoigh', 'ffonio', 'hringdu', 'hringja', 'arayın', 'beni ara', 'arayabilir', 'καλέστε', 'καλέσ', 'πάρε με', 'hívj', 'volejte',
  'zavolej', 'volajte', 'zavolaj', 'dzwoń', 'nazovi', 'zovi', 'nazovite', 'pozovite', 'зовите', 'обадете', 'обади', 'sunați', 'sunati', 'sună',
  'tawagan', 'tumawag', 'i-text', 'कॉल', '(?<![\\p{L}\\p{M}])کال', '(?<![\\p{L}\\p{M}])কল', 'تماس', 'زنگ', 'תתקשר', 'חייג', '打给', '打給', '打我', 'ደውል', 'ስልክ',
  // A support line or a questions desk (`Support:`, `IT-support:`, `Podrška:`, `IT atbalsts:`, `Apoio informático:`, `Dúvidas:`,
  // `Dudas al`), someone reachable at it (`raggiungibile al`, `erreichbar`) and the short `cel` of Spanish chats (`mi cel es`).
  'support', 'soporte', 'supporto', 'suporte', 'podršk', 'podrsk', 'atbalst', 'apoio', 'dúvidas:', 'dúvidas?', 'duvidas:', 'dudas al', 'dudas:', 'dudas?', 'raggiungibil', 'mi cel ', 'tu cel ', 'su cel ', 'cel:',
  'my number', 'new number', 'mon numéro', 'nouveau numéro', 'mi número', 'nuevo número', 'meu número', 'meu numero', 'novo número',
  'novo numero', 'mio numero', 'nuovo numero', 'mijn nummer', 'nieuwe nummer', 'meine nummer', 'neue nummer', 'min nummer', 'mitt nummer',
  'nytt nummer', 'mój numer', 'nowy numer', 'numaram', 'nomor saya', 'nomorku', 'nomor baru', 'numărul meu', 'رقمي', 'رقمه', 'رقمها',
  'رقم صاحب', 'رقم المالك', 'رقم السائق', 'رقم المندوب', 'رقم التواصل', 'رقم الاتصال', 'للتواصل', 'شمارم', 'شماره من', 'میرا نمبر',
  'मेरा नंबर', 'আমার নম্বর',
  // German "call back" without an- (`rufen Sie mich unter … zurück`, `ruf mich an`, `Rückruf`), and helpline, contact and customer-care
  // words written in Devanagari, Bengali, Gurmukhi, Urdu and Tamil script (`हेल्पलाइन`, `संपर्क करें`, `যোগাযোগ`, `ہیلپ لائن`).
  'rufen', 'ruf mich', 'ruft ', 'rückruf', 'हेल्पलाइन', 'हेल्प लाइन', 'संपर्क', 'कस्टमर केयर', 'टेलीफोन', 'নম্বরে', 'হেল্পলাইন', 'যোগাযোগ', 'ਹੈਲਪਲਾਈਨ', 'ਫ਼ੋਨ', 'ਫੋਨ', 'ہیلپ لائن', 'رابطہ', 'فون', 'தொலைபேசி', 'உதவி எண்',
  // A relative's number (`farmors nr.`, `vecmāmiņas numurs`, `numer babci`, `Nagyi száma`): a grandparent, parent, sibling, aunt
  // or uncle (a few letters of inflection) and a number noun, in either order.
  KIN_NUMBER,
]);
/** Tried at every position of a context: a lookahead on the characters a cue can start with skips the others at once. */
const PHONE_CUE = new RegExp(withFirstCharacterCheck(PHONE_CUE_SOURCE), 'u');
/**
 * German puts the verb of a call-back or of being reached at the end of the clause, after the number (`Bitte unter 0445123876
 * zurückrufen`, `… unter 412 34 567 erreichbar`, `ihn unter … anzurufen`): such a word right after the number cues it as one
 * before it does. Only a few short words may stand between (`bitte`, `morgen`, `jederzeit`), not a verb of its own (`Das Ziel von
 * 21 904 817 ist erreichbar` is no phone).
 */
const CUE_AFTER = /^[\s,]*(?:(?:bitte|gerne?|jederzeit|morgen|heute|tagsüber|abends|wieder|kurz|direkt|auch|mich|uns|ihn|sie)\s+){0,2}(?:zurück(?:zu|ge)?rufen|an(?:zu|ge)?rufen|erreichbar|zu erreichen)(?![\p{L}])/iu;
const CUE_AFTER_REACH = 48;
const INTERNATIONAL = /^\(?(?:\+|00)/;
/**
 * Numbers reserved for fiction, which libphonenumber calls invalid but which are written as phone numbers all the
 * same: North American 555 (area code or exchange 555-01xx is valid already), UK drama mobiles 07700 900xxx.
 */
const FICTIONAL = /^(?:1?555\d{7}|(?:44|0)7700900\d{3})$/;
/**
 * Arabic-Indic, Persian and full-width digits, full-width punctuation, thin spaces and dashes, read as their ASCII counterparts
 * (one code unit each). An en or em dash between spaces separates the items of a list (`Jomar – (02) 8724 3019 – 14 Rizal St.`),
 * so it stays a dash that ends a number.
 */
const WIDE_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\uff08\uff09\uff0b\uff0d\u3000\u2009\u202f\u2010-\u2015]/g;
const SPACE = /\s/;

function asciiDigits(text: string): string {
  return text.replace(WIDE_DIGITS, (char, at: number) => {
    const code = char.charCodeAt(0);
    if (code >= 0x2013 && code <= 0x2015 && SPACE.test(text[at - 1] ?? '') && SPACE.test(text[at + 1] ?? '')) return char;
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    if (code >= 0xff10 && code <= 0xff19) return String(code - 0xff10);
    if (code >= 0x2010 && code <= 0x2015) return '-';
    return { '\uff08': '(', '\uff09': ')', '\uff0b': '+', '\uff0d': '-', '\u3000': ' ', '\u2009': ' ', '\u202f': ' ' }[char] ?? char;
  });
}
/** A range of years, 2019-2024: never a phone, even grouped 4-4 like one. */
const YEAR_RANGE = /^(?:19|20)\d\d[ -](?:19|20)\d\d$/;
/** Shapes that libphonenumber may accept for some region but that are dates, SSNs, drug codes (NDC 4-4-2, 5-3-2, 5-4-1) or CPFs. */
/**
 * 2-7 (`12-3456789`) is a US employer number, unless a cue word stands before it and it starts with a trunk 0: an area code
 * and a seven-digit number (Kathmandu `01-4123906`, `02-5123456`).
 */
const EMPLOYER_NUMBER = /^\d{2}-\d{7}$/;
const TRUNK_AREA_HYPHEN = /^0\d-\d{7}$/;
const NOT_A_NATIONAL_NUMBER = [
  /(?<![\d.])(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?![\d.])/,
  /(?<![\d.])(?:0?[1-9]|[12]\d|3[01])[./]\s?(?:0?[1-9]|1[0-2])[./]\s?(?:19|20)?\d\d(?![\d.])/,
  /^(?:19|20)\d\d\.\d{1,2}\.\d{1,2}\./, // a dated build, 2024.11.22.1
  /^[1-9]\d?(?:[ .\u00a0]\d{3}){2,}$/, // an amount or a count in thousands, 25 000 000 (0 800 123 456 is a French toll-free number)
  /^(?:19|20)\d\d\/\d+(?:\/\d+)*$/, // a year-led bill or file number, 2026/0318/22
  /^\d{3}-\d{2}-\d{4}$/,
  /^\d{4,5}-\d{3,4}-\d{1,2}$/,
  /^\d{3}\.\d{3}\.\d{3}-\d{2}$/, // Brazilian CPF
  /^\d{1,3}(?:\.\d{3,5}){1,3}-\d{1,2}$/, // dotted groups and a check digit: PIS 120.56378.83-1, RG 12.345.678-9, RUT 12.345.678-5
  YEAR_RANGE,
  /^\d{5}-\d{3}$/, // a Brazilian postcode (CEP 01310-100; cep is also Turkish for a mobile)
  /(?:^|\.)\d\.\d\.\d(?:\.|$)/,
  /^[1-9]\d*\/(?:(?:0?[1-9]|1[0-2])\/)?(?:19|20)\d\d$/, // a file or protocol number with its (month and) year, 64284/2026, 771/05/2024
  /^\d+\.\d+$/, // a decimal number, 60451.92251
  /^[1-9]\d{4,}-(?:19|20)\d\d$/, // an order number with its year, 448871-2026
  /^(?:19|20)\d\d[ -]\d{5,}$/, // a year and a number, 2025-318804, "in 2024 448213 visitors" (4-6 is no country's grouping of such digits)
  /^\d{8}-\d-\d{2}$/, // a Hungarian tax number, 12345678-2-41
  /^(?=(?:[^0]*0){6})\(?0?[1-9]\d{0,2}\)?(?:[ .-]?0)+$/, // a placeholder, every subscriber digit zero: 0800 000 000, 01 00 00 00 00
  /^[1-9]\d{0,2}(?:\.(?:0|[1-9]\d{0,2})){3}(?:\/\d{1,3})?$/, // a dotted quad, alone or as a CIDR range (51.89.166.0/24): an address, a network or a version
  /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\.\d/, // a build or image named by its date, 20240609.1.1
];
/**
 * How eight-digit national numbers are grouped: 2-2-2-2, 4-4 and the 3-2-3 of Norwegian mobiles (`922 48 317`, never a
 * thousands grouping); 2-3-3 is also how amounts are written, so it needs a cue word, as do eight digits written compact.
 */
const EIGHT_DIGIT_GROUPS = /^(?:\d{2}(?:[ \u00a0]\d{2}){3}|\d{4}[ \u00a0-]\d{4}|\d{3}[ \u00a0]\d{2}[ \u00a0]\d{3})$/;
const EIGHT_DIGIT_GROUPS_CUED = /^(?:\d{2}[ \u00a0.-]\d{3}[ \u00a0.-]\d{3}|\d{8})$/;
const IBAN_COUNTRY = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}[ ]?\d{4}[ ]?\d{4}/g;
/** An amount or a count: the number followed by a currency or a unit. */
const AMOUNT_AFTER = /^\s?(?:kr\b|,-|nok|dkk|sek|eur|usd|€|\$|£|dt\b|tnd|qar|kwd|bhd|omr|sgd|hkd|min|minut|calls|users|units|stk|pcs|personer|people|items|kunder|brukere)/i;
/** Any national number followed by a currency is an amount: `33 1847 2290 pesos`, `4 500 000 soles`, `1 200 300 MXN`. */
const CURRENCY_AFTER = /^\s?(?:pesos?\b|soles\b|reais\b|euros?\b|dollars?\b|dólares\b|rupees?\b|rupiah\b|rp\b|lei\b|forint\b|ft\b|(?:mxn|cop|clp|ars|pen|brl|idr|inr|ron|huf|try|eur|usd|gbp)\b|€|\$|£|₹|₽|₺)/i;
const MIN_NATIONAL_DIGITS = 9;
/** Nordic, Gulf, Singapore and Hong Kong numbers have eight digits: a national number that short needs a cue word. */
const MIN_CUED_NATIONAL_DIGITS = 8;
/** Iceland's numbers have seven digits, written 3-4 (`581 2345`): only after a cue word, in a text that points to Iceland. */
const ICELANDIC_GROUPS = /^\d{3}[ \u00a0-]\d{4}$/;
/** A run longer than one number (E.164 allows 15 digits) may hold a number and something else: only then is the matcher asked to look inside. */
const MAX_DIGITS = 15;
const MAX_NATIONAL_DIGITS = 12;
const MIN_DIGITS_WITH_COUNTRY_CODE = 11;
/** The matcher costs ~60 µs a run: a text full of digit runs (a CSV of amounts) gets this many looks inside, then parses only. */
const MATCHER_BUDGET = 32;
/** National numbers are written in groups of two or more digits ("0 800 123 456" has one single digit). */
const SINGLE_DIGIT_GROUPS = /(?:(?:^|[^\d])\d(?!\d)[^\d]*){3}/;

const IMAGE_BEFORE = /(?<![\p{L}])(?:image|img|tag|rev\.?|revision)\s*[:=]?\s*$/u;
/** Words before a dotted run that make it a version, a build or an image rather than a phone: network.ts's version words, image and tag. */
const VERSION_BEFORE = {
  test: (context: string): boolean => VERSION_CUE.test(context) || IMAGE_BEFORE.test(context),
};

/**
 * A Brazilian CPF written without separators (eleven digits, two mod-11 check digits): a Pix key or a taxpayer number, not a
 * phone, when only an app's name (not a phone word) is near.
 */
function isCpf(window: string): boolean {
  if (!/^\d{11}$/.test(window) || /^(\d)\1{10}$/.test(window)) return false;
  const check = (length: number) => {
    let sum = 0;
    for (let at = 0; at < length; at += 1) sum += (window.charCodeAt(at) - 48) * (length + 1 - at);
    return ((sum * 10) % 11) % 10 === window.charCodeAt(length) - 48;
  };
  return check(9) && check(10);
}

/** A Canadian SIN as it is printed, 3-3-3 (its check digit is Luhn's). */
const SIN_GROUPS = /^\d{3}([ \u00a0-])\d{3}\1\d{3}$/;
const IDENTITY_REACH = 160;
const SIN_WORD = /(?<![a-zà-ÿ])(?:sins?|nas|social insurance|assurance sociale)(?![a-zà-ÿ])/i;

/**
 * A number the line presents as the sample or the format of an identity number ("the SIN format is 3-3-3, the CRA sample uses
 * 046 454 286", "NAS, p. ex. …"), or a SIN after one is named: an identity number, not a phone.
 */
function identityNumber(text: string, start: number, raw: string): boolean {
  const [lineStart] = lineNear(text, start, start, IDENTITY_REACH);
  const sample = SAMPLE_CUE.test(text.slice(Math.max(lineStart, start - 25), start));
  const sin = !sample && SIN_GROUPS.test(raw) && luhnValid(raw.replace(/\D/g, ''));
  if (!sample && !sin) return false;
  const line = text.slice(lineStart, start);
  return sample ? IDENTITY_MENTION.test(line) : SIN_WORD.test(line);
}

const RECORD_REACH = 300;

/** A whole field of a record (`,'0645219873',`) on a line that also holds an e-mail address or an IBAN. */
function recordWithContact(text: string, start: number, end: number, found: readonly Detection[]): boolean {
  if (!found.some((other) => (other.label === 'EMAIL' || other.label === 'IBAN') && Math.abs(other.start - start) < RECORD_REACH)) return false;
  const [lineStart, lineEnd] = lineNear(text, start, end, RECORD_REACH);
  return found.some((other) => (other.label === 'EMAIL' || other.label === 'IBAN') && other.start >= lineStart && other.end <= lineEnd) && isRecordField(text, start, end);
}

/** A spaced hyphen and one to three digits ending a run. */
const LIST_TAIL = / +- +\d{1,3}$/;

/** A US ZIP+4 code (`60622-4417`); after a phone cue the same shape is a Brazilian mobile without its area code. */
const ZIP_PLUS_4 = /^\d{5}-\d{4}$/;
/** Inside a UPS tracking code (`1Z 4F8 A73 03 9182 7745`) a run of digits is part of the code. */
const INSIDE_UPS_TRACKING = /(?<![a-z0-9])1z(?:\s?[0-9a-z]{1,6})*\s?$/;

/** How far (characters) an international number's country reaches: the national numbers around it are tried in that country. */
const NEAR_INTERNATIONAL = 200;

/**
 * A Brazilian mobile as Brazilians write it, `(11) 98472-3150`: a two-digit area code in parentheses, then nine digits from 9
 * split 5-4 by a hyphen. No other country writes that shape, so it points to Brazil when the text around it does not.
 */
const BRAZILIAN_MOBILE = /^\([1-9]\d\) ?9\d{4}-\d{4}$/;

/** The countries a national number's own written shape points to. */
function regionsOfShape(window: string): readonly CountryCode[] {
  return BRAZILIAN_MOBILE.test(window) ? ['BR'] : [];
}

/** A separator of a phone number's groups. */
const SEPARATOR = /[ ().\/\-\u00a0\u2011]/;
const ALWAYS = () => true;

/** `shortCued`: the text already holds an international number, whose country's eight-digit numbers need no cue word. */
function acceptNational(raw: string, context: string, shortCued = false, isCued?: () => boolean): boolean {
  // Whether a cue word is before the number is asked last in each check, and once: most numbers are decided by their shape alone.
  let answer: boolean | undefined;
  const cued = () => (answer ??= isCued === undefined ? PHONE_CUE.test(context) : isCued());
  const digits = digitCount(raw);
  if (ZIP_PLUS_4.test(raw) && !cued()) return false;
  if (digits < MIN_CUED_NATIONAL_DIGITS || notANationalNumber(raw)) return false;
  if (digits < MIN_NATIONAL_DIGITS && !shortCued && !cued()) return false;
  if (EMPLOYER_NUMBER.test(raw) && !(TRUNK_AREA_HYPHEN.test(raw) && cued())) return false;
  if (isHyphenatedIsbn13(raw) || isBirthNumber(raw)) return false;
  return SEPARATOR.test(raw) || cued();
}


/** The answer for the number last asked about: acceptNational asks up to three times per number. */
let lastShape = { raw: '', notNational: false };

function notANationalNumber(raw: string): boolean {
  if (lastShape.raw !== raw) lastShape = { raw, notNational: NOT_A_NATIONAL_NUMBER.some((shape) => shape.test(raw)) };
  return lastShape.notNational;
}

/**
 * A Czech or Slovak birth number (rodné číslo), `YYMMDD/NNNN`: a date (women's months +50, later series +20) and, with ten
 * digits, divisible by 11. German numbers with a slash after the area code (`030/1234567`) are not of this shape.
 */
function isBirthNumber(raw: string): boolean {
  const match = /^(\d\d)(\d\d)(\d\d)\/(\d{3,4})$/.exec(raw);
  if (match === null) return false;
  const month = Number(match[2]) % 50;
  const day = Number(match[3]);
  if (!((month >= 1 && month <= 12) || (month >= 21 && month <= 32)) || day < 1 || day > 31) return false;
  if (match[4].length === 3) return true;
  const number = Number(`${match[1]}${match[2]}${match[3]}${match[4]}`);
  return number % 11 === 0 || (Math.floor(number / 10) % 11 === 10 && number % 10 === 0);
}

/** 978-/979- and a valid ISBN-13 check digit, written with hyphens: a book, not a phone. */
function isHyphenatedIsbn13(raw: string): boolean {
  const digits = raw.replace(/\D/g, '');
  if (!raw.includes('-') || digits.length !== 13 || !/^97[89]/.test(digits)) return false;
  let sum = 0;
  for (let at = 0; at < 13; at += 1) sum += (digits.charCodeAt(at) - 48) * (at % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/**
 * 13–19 digits in groups of four (the last shorter) or 4-6-5: a card number, valid or not, never a phone; longer runs
 * in fours are account numbers and IBAN bodies, where the matcher would look for a phone in vain.
 */
function groupedLikeACard(raw: string, digits: number): boolean {
  if (digits < 13) return false;
  const groups = raw.split(/[ \-\u00a0]+/);
  if (groups.some((group) => !/^\d+$/.test(group))) return false;
  const fours = groups.length >= 3 && groups.slice(0, -1).every((group) => group.length === 4) && groups[groups.length - 1].length <= 4;
  return fours || (digits <= 19 && groups.length === 3 && groups[0].length === 4 && groups[1].length === 6);
}

/**
 * A national run that no reading below can keep, whatever its context: one grouped like a card or in single digits, seven
 * digits not grouped the Icelandic way (too short for any other reading), or a shape that is never a national number
 * (acceptNational refuses it, with or without a cue). The Icelandic and eight-digit readings come first below and take
 * shapes of their own (`12.345.678` is an amount and, after a cue, a Danish number), so those shapes are left to them.
 */
function neverNationalByShape(region: string, digits: number): boolean {
  if (digits === 7 && ICELANDIC_GROUPS.test(region)) return false;
  if (digits === 8 && (EIGHT_DIGIT_GROUPS.test(region) || EIGHT_DIGIT_GROUPS_CUED.test(region))) return false;
  return digits < MIN_CUED_NATIONAL_DIGITS || SINGLE_DIGIT_GROUPS.test(region) || groupedLikeACard(region, digits) || notANationalNumber(region);
}

const AREA_IN_PARENTHESES = /^\([1-9]\d{0,2}\)/;
const TRUNKLESS_PARENTHESES: ReadonlySet<CountryCode> = new Set(['HU', 'AR']);
/** Where mobile numbers are written without the trunk 0 as often as with it ("98765 43210"). */
const OPTIONAL_TRUNK: ReadonlySet<CountryCode> = new Set(['IN']);

/**
 * Valid for `region` as written: where the national format starts with a trunk prefix 0 (DE, GB, FR…),
 * the written number must too; libphonenumber would otherwise read "7946 2108 4321" as a German number.
 */
function validNational(raw: string, region: CountryCode): boolean {
  const digits = digitsOf(raw);
  // Where an area code in parentheses is written without the trunk prefix (Budapest `(1) 342 7819`, Buenos Aires `(11) 4567-8901`).
  const trunkWritten = digits.startsWith('0') || OPTIONAL_TRUNK.has(region) || (TRUNKLESS_PARENTHESES.has(region) && AREA_IN_PARENTHESES.test(raw));
  if ((!trunkWritten && formatsWithTrunkZero(region)) || !plausibleIn(digits, region)) return false;
  // The parse is read from the compiled metadata (phone-parse.ts) where it can be; the library parses the rest.
  const reading = PLAIN_NATIONAL.test(raw) ? readNational(digits, region) : undefined;
  if (reading === undefined) return parsedValidNational(raw, region, trunkWritten);
  if (reading === null || !validReading(reading)) return false;
  // The format is asked only where it may start with a 0 the number was written without: a national number that starts with one
  // (Italy's, read from a number that starts with its calling code), or a trunk prefix or a formatting rule with one.
  if (trunkWritten || (!mayWriteTrunkZero(region) && !reading.nationalNumber.startsWith('0'))) return true;
  return !formatNationalReading(reading).replace(/\D/g, '').startsWith('0');
}

/** ASCII digits and the separators of a phone run, no `+`: what readNational reads as libphonenumber's parse would. */
const PLAIN_NATIONAL = /^[\d ().\/\-\u00a0\u2011]+$/;

/** validNational's checks after the parse, on libphonenumber's own parse. */
function parsedValidNational(raw: string, region: CountryCode, trunkWritten: boolean): boolean {
  const phone = parsePhoneNumberFromString(raw, region);
  if (phone === undefined || !validParse(phone)) return false;
  return trunkWritten || (!mayWriteTrunkZero(region) && !phone.nationalNumber.startsWith('0')) || !phone.formatNational().replace(/\D/g, '').startsWith('0');
}

/**
 * Whether some number written with these digits could pass validNational in the region: plausible there, and valid as the compiled
 * metadata reads it (where it reads it; elsewhere only the parse can say). The matcher is asked only where some run may be.
 */
function mayBeValidIn(digits: string, region: CountryCode): boolean {
  if (!plausibleIn(digits, region)) return false;
  const reading = readNational(digits, region);
  return reading === undefined || (reading !== null && validReading(reading));
}

/** After a cue word, `254 722 408815`: an international number written without its `+` (never a national number of any region tried). */
function validWithoutPlus(window: string, digits: number): boolean {
  if (digits < MIN_DIGITS_WITH_COUNTRY_CODE || digits > MAX_DIGITS || !/^[1-9][\d \-.]*$/.test(window)) return false;
  return readPlus(`+${window}`).valid;
}

/** A `+`, then ASCII digits and the separators of a phone run: what readInternational reads as libphonenumber's parse would. */
const PLAIN_INTERNATIONAL = /^\(?\+[\d ().\/\-\u00a0\u2011]*$/;

/** Whether an international number is valid, and the country a parse assigns it (valid or not), read as libphonenumber reads it. */
function readPlus(written: string): { valid: boolean; country: CountryCode | undefined } {
  // Without a `+` (a run of `000…`) and without a default region, libphonenumber finds no calling code, so no number.
  if (!written.includes('+')) return { valid: false, country: undefined };
  const reading = PLAIN_INTERNATIONAL.test(written) ? readInternational(written.replace(/\D/g, '')) : undefined;
  if (reading === null) return { valid: false, country: undefined };
  if (reading !== undefined) return { valid: validInternational(reading), country: reading.region };
  const phone = parsePhoneNumberFromString(written);
  return { valid: phone !== undefined && validParse(phone), country: phone?.country };
}

/** The digits of the number last asked about: validNational asks for each region it tries, in a row. */
let lastDigits = { raw: '', digits: '' };

function digitsOf(raw: string): string {
  if (lastDigits.raw !== raw) lastDigits = { raw, digits: raw.replace(/\D/g, '') };
  return lastDigits.digits;
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

function digitCount(text: string): number {
  let count = 0;
  for (let at = 0; at < text.length; at += 1) if (text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) count += 1;
  return count;
}

/**
 * Eight digits grouped the way Denmark, Norway, Singapore, Hong Kong, the Gulf, the Baltics or Central America write
 * their numbers (`40 86 44 52`, `6123 4567`), valid in one of those countries the text points to (its language,
 * places, domains) or the binding names; 2-3-3 (`21 904 817`) also reads as an amount, so it needs a cue word too.
 */
function eightDigitNational(
  raw: string,
  text: string,
  start: number,
  end: number,
  cued: boolean,
  regions: readonly CountryCode[],
  seen: CountryCode[],
  only?: readonly CountryCode[],
): boolean {
  if ((!EIGHT_DIGIT_GROUPS.test(raw) && !EIGHT_DIGIT_GROUPS_CUED.test(raw)) || YEAR_RANGE.test(raw)) return false;
  if (AMOUNT_AFTER.test(text.slice(end, end + 8))) return false;
  // After an app's name, only the countries the app serves.
  if (only !== undefined) return only.some((region) => EIGHT_DIGIT_REGIONS.has(region) && validNational(raw, region));
  // A text that already held a number of the country is a contact list of it: its 2-3-3 numbers need no cue of their own.
  const grouped = EIGHT_DIGIT_GROUPS.test(raw);
  // An IBAN of the country before the number (`Faktura til NO93…, spørsmål til 412 34 567`) is an earlier number of it too.
  if (!grouped && !cued) for (const iban of text.slice(0, start).matchAll(IBAN_COUNTRY)) if (!seen.includes(iban[1] as CountryCode)) seen.push(iban[1] as CountryCode);
  // Uncued numbers not grouped like one are read only in the countries of earlier numbers: the text's hints are not needed.
  const country = firstRegion([seen, regions, grouped || cued ? () => regionHints(text, start, end) : []], (region) => {
    return EIGHT_DIGIT_REGIONS.has(region) && (grouped || cued || seen.includes(region)) && validNational(raw, region);
  });
  if (country === undefined) return false;
  if (!seen.includes(country)) seen.unshift(country);
  return true;
}

/** The hints of the number last asked about: the eight-digit, Icelandic and national checks of one number all ask. */
let lastHints: { text: string; start: number; end: number; regions: RegionHints } | undefined;

function regionHints(text: string, start: number, end: number): RegionHints {
  if (lastHints === undefined || lastHints.text !== text || lastHints.start !== start || lastHints.end !== end) {
    lastHints = { text, start, end, regions: new RegionHints(text, start, end) };
  }
  return lastHints.regions;
}

/** The matcher finds numbers inside a run that also holds other digits ("+44 20 7946 0958 2024"). */
function matchInside(window: string, country: CountryCode | undefined, accept: (raw: string, at: number) => boolean): Array<[number, number]> {
  return findPhoneNumbersInText(window, country ? { defaultCountry: country } : {})
    .filter((number) => accept(window.slice(number.startsAt, number.endsAt), number.startsAt))
    .map((number) => [number.startsAt, number.endsAt]);
}

/** Regions to try, in order; a list given as a function (the text's hints) is read only when the regions before it all failed. */
type RegionList = readonly CountryCode[] | (() => Iterable<CountryCode>);

/**
 * The first region `valid` accepts, each tried once. The lists are the binding's regions, the countries earlier numbers of
 * this text belonged to (a contact list is mostly of one country), those of international numbers near it, the countries the
 * text around the number points to, then (after a cue word) the common ones.
 */
function firstRegion(lists: readonly RegionList[], valid: (region: CountryCode) => boolean): CountryCode | undefined {
  const tried = new Set<CountryCode>();
  for (const list of lists) {
    for (const region of typeof list === 'function' ? list() : list) {
      if (tried.has(region)) continue;
      tried.add(region);
      if (valid(region)) return region;
    }
  }
  return undefined;
}

/**
 * The digits of each run of whole groups of a window long enough to be a national number (`0612 345 678 / 2024`: `0612345678`,
 * `3456782024`…): the matcher only finds numbers made of whole groups, so a region none of them is plausible in is not asked.
 */
function groupRuns(window: string): string[] {
  const groups = window.match(/\d+/g) ?? [];
  const runs: string[] = [];
  for (let first = 0; first < groups.length; first += 1) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length + groups[last].length <= MAX_DIGITS; last += 1) {
      digits += groups[last];
      if (digits.length >= MIN_CUED_NATIONAL_DIGITS) runs.push(digits);
    }
  }
  return runs;
}

/**
 * Phone numbers, parsed and validated by libphonenumber-js (full metadata). International
 * numbers (`+` or `00`) count anywhere; a national number counts when it is written with separators
 * or follows a cue word ("call", "Telefon", "телефон", "电话"...), so a bare 10-digit order number does not,
 * and is valid for one of `regions`, for a country the text around it points to (script, place names,
 * domains, currency; see phone-regions.ts) or, after a cue word, for one of the common countries.
 * Cheap checks run first; a whole run is parsed before the (slower) matcher looks inside it.
 */
export function createPhoneDetector(regions: readonly CountryCode[]) {
  return (original: string, found: Detection[]): void => {
    const text = asciiDigits(asciiWidth(original));
    const seen: CountryCode[] = [];
    const firstNew = found.length;
    let matcherBudget = MATCHER_BUDGET;
    // International numbers first (each kind in text order): their countries are the ones the text's national numbers are tried in first.
    const internationalRuns: RegExpExecArray[] = [];
    const nationalRuns: RegExpExecArray[] = [];
    eachMatch(PHONE_REGION, text, (region) => void (INTERNATIONAL.test(region[0]) ? internationalRuns : nationalRuns).push(region));
    const regionsOfText = [...internationalRuns, ...nationalRuns];
    const internationals: Array<{ at: number; country: CountryCode }> = [];
    for (const match of regionsOfText) {
      // An opening parenthesis without its closing one inside the run wraps the number: `(+62 817 345 355)`, `（090-…）`.
      const unwrapped = match[0].startsWith('(') && !match[0].includes(')');
      let region = unwrapped ? match[0].slice(1) : match[0];
      // A spaced hyphen before one to three digits separates a list item (`(02) 8724 3019 - 14 Rizal St.`, `… - 3 pax`).
      const listTail = region.includes(' - ') ? LIST_TAIL.exec(region) : null;
      if (listTail !== null && digitCount(region.slice(0, listTail.index)) >= 7) region = region.slice(0, listTail.index);
      const digits = digitCount(region);
      if (digits < 7) continue;
      const isInternational = INTERNATIONAL.test(region);
      // Most national runs are dates, amounts, card and ID numbers, decided by their shape before their context is read.
      if (!isInternational && neverNationalByShape(region, digits)) continue;
      const offset = match.index + (unwrapped ? 1 : 0);
      const end = offset + region.length;
      if (found.some((other) => other.start < end && offset < other.end)) continue;
      // A field of a table is read with its column's header (`phone`, `order_id`), not with the fields before it.
      const header = columnHeader(text, offset, end);
      const context = header === undefined ? before(text, offset, 30) : `${header}: `;
      if (REFERENCE_CUE.test(context) || INSIDE_UPS_TRACKING.test(context)) continue;
      const window = region.replace(/^00(?=[1-9])/, '+');
      const shift = region.length - window.length;
      const push = ([start, end]: [number, number]) =>
        found.push({ start: start === 0 ? offset : offset + start + shift, end: offset + end + shift, label: 'PHONE' });
      if (isInternational) {
        const parsed = readPlus(window);
        if (parsed.valid || FICTIONAL.test(window.replace(/\D/g, ''))) {
          push([0, window.length]);
          if (parsed.country) internationals.push({ at: offset, country: parsed.country });
        } else if (digits > MAX_DIGITS && matcherBudget-- > 0 && window.includes('+')) {
          // Only a number written with its `+` is kept (a run that starts `000…` holds none).
          matchInside(window, undefined, (raw, at) => raw.startsWith('+') && !REFERENCE_CUE.test(before(text, offset + at, 30))).forEach(push);
        }
        continue;
      }
      // Whether a cue word is before the number (or a German call-back word after it), asked only where the answer decides something.
      let cuedAnswer: boolean | undefined;
      const isCued = () => (cuedAnswer ??= PHONE_CUE.test(context) || CUE_AFTER.test(text.slice(end, end + CUE_AFTER_REACH)));
      if (digits === 7 && ICELANDIC_GROUPS.test(region) && isCued() && (regions.includes('IS') || regionHints(text, offset, end).includes('IS')) && validNational(region, 'IS')) {
        push([0, window.length]);
        continue;
      }
      // A version, a build or a section (`fw 3.2.0.14`, `image 20240609.1.1`), and the body of an IBAN, even one that fails mod 97.
      if ((window.includes('.') && VERSION_BEFORE.test(context)) || afterIbanHead(text, offset)) continue;
      // The countries of a payment or messaging app named nearby (M-PESA, Vipps, Orange Money, bKash, zap…), tried when nothing else made the number one.
      let apps: CountryCode[] | undefined;
      const byApp = () => (apps ??= isCued() ? [] : appRegions(text, offset, end));
      if (digits === 8 && eightDigitNational(region, text, offset, end, isCued(), regions, seen)) {
        push([0, window.length]);
        continue;
      }
      if (CURRENCY_AFTER.test(text.slice(end, end + 10))) continue;
      if (digits === 8 && (EIGHT_DIGIT_GROUPS.test(region) || EIGHT_DIGIT_GROUPS_CUED.test(region)) && byApp().length > 0 && eightDigitNational(region, text, offset, end, true, regions, seen, byApp())) {
        push([0, window.length]);
        continue;
      }
      const near = internationals.filter(({ at }) => Math.abs(at - offset) <= NEAR_INTERNATIONAL).map(({ country }) => country);
      if (SINGLE_DIGIT_GROUPS.test(region) || groupedLikeACard(region, digits)) continue;
      // A whole field of a record that holds an e-mail address or an IBAN (an SQL row, a CSV line) is a contact's field: a
      // number written without separators needs no cue word there, but is tried only in the countries the text points to.
      let inRecord = false;
      // A text that already holds a number of a country (an international one near, a national one before) is a contact list of
      // it: its eight-digit numbers (`(1) 342 7819` after a Hungarian mobile) need no cue word, but are read only in that country.
      if (
        !acceptNational(region, context, near.length > 0 || seen.length > 0, isCued) &&
        !(inRecord = digits >= MIN_NATIONAL_DIGITS && !SEPARATOR.test(window) && !isCued() && recordWithContact(text, offset, end, found) && acceptNational(region, context, near.length > 0, ALWAYS))
      ) {
        if (digits <= MAX_NATIONAL_DIGITS && acceptNational(region, context, false, ALWAYS) && !isCued() && !isCpf(window) && byApp().length > 0) {
          const country = byApp().find((candidate) => validNational(window, candidate));
          if (country !== undefined) {
            if (!seen.includes(country)) seen.unshift(country);
            push([0, window.length]);
          }
        }
        continue;
      }
      const balanced = countOf(window, '(') === countOf(window, ')');
      if (balanced && digits <= MAX_NATIONAL_DIGITS) {
        // An uncued eight-digit number is read only in the countries of the international numbers near it and of the numbers before it.
        const nearOnly = digits < MIN_NATIONAL_DIGITS && !isCued();
        const hints = () => regionHints(text, offset, end);
        const country = firstRegion([regions, seen, near, nearOnly ? [] : hints, regionsOfShape(window), () => (isCued() ? CUED_REGIONS : [])], (candidate) => {
          if ((nearOnly && !near.includes(candidate) && !seen.includes(candidate)) || !validNational(window, candidate)) return false;
          // A record's bare number is read in the binding's countries only where they write a trunk 0 (`0645…`): a ten-digit
          // customer number is a valid North American number as often as not.
          return !inRecord || formatsWithTrunkZero(candidate) || seen.includes(candidate) || near.includes(candidate) || hints().includes(candidate);
        });
        let pushed = country !== undefined;
        if (country !== undefined) {
          if (!regions.includes(country) && !seen.includes(country)) seen.unshift(country);
          push([0, window.length]);
        }
        if (!pushed && !isCpf(window)) {
          const country = byApp().find((candidate) => validNational(window, candidate));
          if (country !== undefined) {
            if (!seen.includes(country)) seen.unshift(country);
            push([0, window.length]);
            pushed = true;
          }
        }
        if (!pushed && (FICTIONAL.test(window.replace(/\D/g, '')) || (isCued() && validWithoutPlus(window, digits)))) push([0, window.length]);
        continue;
      }
      if (isCued() && validWithoutPlus(window, digits)) {
        push([0, window.length]);
        continue;
      }
      // Inside a run without separators only a cue word makes a number national (see acceptNational).
      if ((!SEPARATOR.test(window) && !isCued()) || matcherBudget-- <= 0) continue;
      const runs = groupRuns(window);
      const taken: Array<[number, number]> = [];
      let left = digits;
      firstRegion([regions, seen, () => regionHints(text, offset, end)], (candidate) => {
        if (!runs.some((run) => mayBeValidIn(run, candidate))) return false;
        const inside = matchInside(window, candidate, (raw, at) => acceptNational(raw, before(text, offset + at, 30)) && validNational(raw, candidate));
        for (const span of inside) {
          // The matcher's span may start at the space before the number.
          while (window[span[0]] === ' ') span[0] += 1;
          if (!taken.every(([start, stop]) => span[1] <= start || span[0] >= stop)) continue;
          taken.push(span);
          push(span);
          left -= digitCount(window.slice(span[0], span[1]));
        }
        // Numbers of two countries in one run (`030 298 1147 / 03 231 88 14`): the next regions are asked for the rest.
        return taken.length > 0 && left < 7;
      });
    }
    // Asked only of the national numbers kept: one the line presents as a sample identity number (or a SIN after a SIN word),
    // and a dotted one in a list of versions under a heading ("Firmware versions: router 10.2.1.1234, …"), is none.
    for (let at = found.length - 1; at >= firstNew; at -= 1) {
      const { start, end, label } = found[at];
      const raw = text.slice(start, end);
      if (label !== 'PHONE' || INTERNATIONAL.test(raw)) continue;
      const sample = identityNumber(text, start, raw) && !PHONE_CUE.test(before(text, start, 30));
      if (sample || (raw.includes('.') && inVersionList(text, start))) found.splice(at, 1);
    }
  };
}
