/**
 * The word lists and patterns the region hints of phone-regions.ts read a number's window with: Unicode blocks and script letters,
 * place names, e-mail and web domains, currencies and the common words of languages spoken in several countries.
 */
import type { CountryCode } from 'libphonenumber-js/max';

/**
 * Which countries a national number (no `+`) may belong to, read from the text around it: its script, letters
 * only some languages use, country, city and demonym words, e-mail and web domains, and currencies. A number
 * is then tried against these countries as well as the binding's `phoneRegions`.
 */
export type Hint = readonly [RegExp, readonly CountryCode[]];

/** Unicode blocks of a window, as bits: a script's letters are looked for only where its block has a character. */
const LATIN = 1;
const GREEK = 2;
const CYRILLIC = 4;
const ARMENIAN = 8;
const HEBREW = 16;
const ARABIC = 32;
const INDIC = 64;
const THAI = 128;
const MYANMAR = 256;
const GEORGIAN = 512;
const HANGUL = 1024;
const ETHIOPIC = 2048;
const KHMER = 4096;
const CJK = 8192;

/** The rare Latin letters below (ħ ċ ġ, ẹ ọ ṣ, ƙ ɗ ɓ, ɛ ɔ), flagged while the blocks are read. */
export const RARE_LATIN = 16384;

const RARE_LATIN_CODES = new Set([0x127, 0x10b, 0x121, 0x1eb9, 0x1ecd, 0x1e63, 0x199, 0x257, 0x253, 0x25b, 0x254, 0x126, 0x10a, 0x120, 0x1eb8, 0x1ecc, 0x1e62, 0x198, 0x18a, 0x181, 0x190, 0x186]);

function blockOf(code: number): number {
  if (code < 0x100 || code === 0x2018) return LATIN;
  if (code <= 0x2ff || (code >= 0x1e00 && code <= 0x1eff)) return RARE_LATIN_CODES.has(code) ? LATIN | RARE_LATIN : LATIN;
  if (code < 0x370) return 0;
  if (code <= 0x3ff) return GREEK;
  if (code <= 0x52f) return CYRILLIC;
  if (code <= 0x58f) return ARMENIAN;
  if (code <= 0x5ff) return HEBREW;
  if (code <= 0x8ff || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) return ARABIC;
  if (code <= 0xdff) return INDIC;
  if (code <= 0xeff) return THAI;
  if (code >= 0x1000 && code <= 0x109f) return MYANMAR;
  if ((code >= 0x10a0 && code <= 0x10ff) || (code >= 0x1c90 && code <= 0x1cbf)) return GEORGIAN;
  if ((code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f) || (code >= 0xac00 && code <= 0xd7af)) return HANGUL;
  if (code >= 0x1200 && code <= 0x139f) return ETHIOPIC;
  if (code >= 0x1780 && code <= 0x17ff) return KHMER;
  if ((code >= 0x2e80 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xd800 && code <= 0xdbff)) return CJK;
  return 0;
}

export function blocksOf(text: string): number {
  let blocks = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code >= 0xc0) blocks |= blockOf(code);
  }
  return blocks;
}

/**
 * Script and letter patterns, each with the block its letters are in (a pattern counts only where the window has a character of
 * its block). All match single characters outside ASCII, except the ones marked `true`, which read an ASCII letter too.
 */
export const SCRIPTS: ReadonlyArray<readonly [RegExp, readonly CountryCode[], number, boolean?]> = [
  [/\p{Script=Hangul}/u, ['KR'], HANGUL],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, ['JP'], CJK],
  [/\p{Script=Han}/u, ['CN', 'TW', 'HK', 'JP', 'SG', 'MO'], CJK],
  [/\p{Script=Cyrillic}/u, ['RU', 'UA', 'BY', 'KZ', 'BG', 'RS', 'KG', 'UZ'], CYRILLIC],
  // Letters of the Cyrillic alphabets of Mongolia and Central Asia: ө ү (Mongolian, Kazakh, Kyrgyz), ә қ ғ ұ һ (Kazakh), ң (Kazakh,
  // Kyrgyz), ў қ ғ ҳ (Uzbek, Tajik), ҷ ӣ ӯ (Tajik).
  [/[өү]/iu, ['MN', 'KZ', 'KG'], CYRILLIC],
  [/[әұһ]/iu, ['KZ'], CYRILLIC],
  [/[ң]/iu, ['KZ', 'KG'], CYRILLIC],
  [/[қғҳ]/iu, ['KZ', 'UZ', 'TJ'], CYRILLIC],
  [/[ҷӣӯ]/iu, ['TJ'], CYRILLIC],
  [/ў/iu, ['UZ', 'BY'], CYRILLIC],
  [/\p{Script=Arabic}/u, ['SA', 'AE', 'EG', 'MA', 'DZ', 'TN', 'JO', 'KW', 'QA', 'BH', 'OM', 'IQ', 'LB', 'PK', 'IR'], ARABIC],
  [/\p{Script=Hebrew}/u, ['IL'], HEBREW],
  [/\p{Script=Thai}/u, ['TH'], THAI],
  [/\p{Script=Greek}/u, ['GR', 'CY'], GREEK],
  [/\p{Script=Devanagari}/u, ['IN', 'NP'], INDIC],
  [/\p{Script=Bengali}/u, ['BD', 'IN'], INDIC],
  [/[\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Sinhala}]/u, ['IN', 'LK'], INDIC],
  [/\p{Script=Georgian}/u, ['GE'], GEORGIAN],
  [/\p{Script=Armenian}/u, ['AM'], ARMENIAN],
  [/\p{Script=Ethiopic}/u, ['ET'], ETHIOPIC],
  [/\p{Script=Khmer}/u, ['KH'], KHMER],
  [/\p{Script=Myanmar}/u, ['MM'], MYANMAR],
  [/[ơưđ\u1ea0-\u1ef9]/iu, ['VN'], LATIN],
  [/[ışğİ]/u, ['TR'], LATIN],
  [/ə/iu, ['AZ'], LATIN],
  [/[ogOG][\u02bb\u2018]/u, ['UZ'], LATIN, true], // Uzbek Latin oʻ, gʻ
  [/ň/iu, ['TM'], LATIN],
  [/[łśźżąęń]/iu, ['PL'], LATIN],
  [/[řěůťď]/iu, ['CZ', 'SK'], LATIN],
  [/[ãõ]/iu, ['BR', 'PT'], LATIN],
  [/[åøæ]/iu, ['SE', 'NO', 'DK', 'FI'], LATIN],
  [/[őű]/iu, ['HU'], LATIN],
  [/[þð]/iu, ['IS', 'FO'], LATIN],
  [/[āēīķļņģ]/iu, ['LV'], LATIN],
  [/[ėįų]/iu, ['LT'], LATIN],
  [/õ/iu, ['EE'], LATIN],
  [/[șțş]/iu, ['RO', 'TR'], LATIN],
  [/ñ/iu, ['MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'UY'], LATIN],
];
/**
 * Letters of fewer languages, read in one scan and only where one occurs: Maltese ħ ċ ġ; Yoruba and Igbo ẹ ọ ṣ; Hausa hooked
 * ƙ ɗ ɓ; the open vowels ɛ ɔ of Akan, Ewe, Fon and Wolof.
 */
export const RARE_LETTERS = /([ħċġĦĊĠ])|([ẹọṣẸỌṢ])|([ƙɗɓƘƊƁ])|([ɛɔƐƆ])/g;
export const RARE_LETTER_REGIONS: ReadonlyArray<readonly CountryCode[]> = [['MT'], ['NG'], ['NG', 'NE'], ['GH', 'CI', 'TG', 'BJ', 'SN']];

/** Country, city and demonym words (English and the country's own), lower case. */
export const PLACES: Readonly<Partial<Record<CountryCode, string>>> = {
  BR: 'brazil|brasil|brazilian|brasileiro|brasileira|são paulo|sao paulo|rio de janeiro|belo horizonte|brasília|brasilia|curitiba|porto alegre|recife|salvador|fortaleza|campinas|manaus',
  PT: 'portugal|portuguese|português|lisbon|lisboa|porto|braga|coimbra',
  RU: 'russia|russian|россия|moscow|москва|petersburg|novosibirsk|yekaterinburg|kazan',
  UA: 'ukraine|ukrainian|kyiv|kiev|lviv|kharkiv|odesa|odessa',
  KZ: 'kazakhstan|almaty|astana|алматы|астана|қазақстан|казахстан|шымкент|shymkent',
  UZ: 'uzbekistan|oʻzbekiston|o‘zbekiston|tashkent|toshkent|ташкент|тошкент|samarkand|samarqand|самарканд|bukhara|buxoro',
  KG: 'kyrgyzstan|kyrgyz|bishkek|бишкек|кыргызстан',
  TJ: 'tajikistan|dushanbe|душанбе|тоҷикистон|таджикистан',
  TM: 'turkmenistan|türkmenistan|ashgabat|aşgabat|ашхабад',
  MN: 'mongolia|mongolian|ulaanbaatar|ulan bator|улаанбаатар|монгол',
  AZ: 'azerbaijan|azərbaycan|baku|bakı|баку',
  GE: 'tbilisi|batumi|sakartvelo|тбилиси',
  AM: 'armenia|armenian|yerevan|ереван',
  LT: 'lithuania|lithuanian|lietuva|vilnius|kaunas|klaipėda',
  CN: 'china|chinese|beijing|shanghai|shenzhen|guangzhou|hangzhou|chengdu|wuhan|nanjing',
  TW: 'taiwan|taiwanese|taipei|kaohsiung',
  HK: 'hong kong',
  KR: 'korea|korean|seoul|busan|incheon|daegu',
  JP: 'japan|japanese|tokyo|osaka|kyoto|yokohama|nagoya|sapporo|fukuoka',
  IN: 'india|indian|mumbai|delhi|new delhi|bangalore|bengaluru|chennai|hyderabad|kolkata|pune|ahmedabad|jaipur|noida|gurgaon|gurugram',
  ID: 'indonesia|indonesian|jakarta|surabaya|bandung|bali|medan',
  MY: 'malaysia|malaysian|kuala lumpur|penang',
  SG: 'singapore|singaporean',
  PH: 'philippines|philippine|filipino|filipina|manila|cebu|davao|makati|quezon',
  TH: 'thailand|thai|bangkok|chiang mai|phuket',
  VN: 'vietnam|viet nam|vietnamese|hanoi|ha noi|ho chi minh|saigon|da nang',
  TR: 'turkey|türkiye|turkiye|turkish|türk|istanbul|i̇stanbul|ankara|izmir|i̇zmir|antalya|bursa',
  MX: 'mexico|méxico|mexican|mexicano|mexicana|guadalajara|monterrey|puebla|tijuana|cdmx',
  AR: 'argentina|argentine|argentino|argentinian|buenos aires|caba|capital federal|córdoba|rosario|mendoza',
  CO: 'colombia|colombian|colombiano|colombiana|bogotá|bogota|medellín|medellin|cali',
  CL: 'chile|chilean|chileno|chilena|santiago',
  PE: 'peru|perú|peruvian|peruano|peruana|lima|arequipa|cusco',
  VE: 'venezuela|venezolano|venezolana|caracas|maracaibo|valencia venezuela',
  EC: 'ecuador|ecuatoriano|ecuatoriana|quito|guayaquil|cuenca ecuador',
  UY: 'uruguay|uruguayo|uruguaya|montevideo',
  PY: 'paraguay|paraguayo|paraguaya|asunción',
  BO: 'bolivia|boliviano|boliviana|la paz|santa cruz de la sierra|cochabamba|sucre',
  CU: 'cuba|cubano|cubana|la habana|havana',
  DO: 'república dominicana|dominicana|santo domingo',
  NG: 'nigeria|nigerian|lagos|abuja|ibadan|kano|port harcourt',
  KE: 'kenya|kenyan|nairobi|mombasa|kisumu',
  ZA: 'south africa|south african|johannesburg|cape town|durban|pretoria|soweto',
  GH: 'ghana|ghanaian|accra|kumasi',
  EG: 'egypt|egyptian|cairo|alexandria|giza',
  MA: 'morocco|moroccan|marocain|maroc|casablanca|rabat|marrakech',
  SA: 'saudi|saudi arabia|riyadh|jeddah|dammam|mecca|makkah',
  AE: 'uae|emirates|emirati|dubai|abu dhabi|sharjah',
  QA: 'qatar|qatari|doha',
  BH: 'bahrain|bahraini|manama',
  KW: 'kuwait|kuwaiti',
  OM: 'oman|omani|muscat',
  TN: 'tunisia|tunisian|tunisie|tunis|sfax|sousse|تونس',
  CR: 'costa rica|costarricense',
  PA: 'panama|panamá|panameño',
  SV: 'el salvador|salvadoreño|san salvador',
  GT: 'guatemala|guatemalteco',
  HN: 'honduras|hondureño|tegucigalpa',
  NI: 'nicaragua|nicaragüense|managua',
  LV: 'latvia|latvian|latvija|riga|rīga',
  EE: 'estonia|estonian|eesti|tallinn|tallinna|tallinnas|tallinnast|tartu|tartus|pärnu|narva',
  CY: 'cyprus|cypriot|nicosia|limassol|larnaca',
  MT: 'malta|maltese|valletta',
  MO: 'macau|macao',
  IL: 'israel|israeli|tel aviv|jerusalem|haifa',
  PK: 'pakistan|pakistani|karachi|lahore|islamabad|rawalpindi',
  BD: 'bangladesh|bangladeshi|dhaka|chittagong|chattogram',
  LK: 'sri lanka|sri lankan|colombo',
  NP: 'nepal|nepali|kathmandu',
  PL: 'poland|polska|polski|warsaw|warszawa|kraków|krakow|wrocław|wroclaw|gdańsk|gdansk|poznań|poznan|łódź|lodz',
  CZ: 'czech|czechia|česko|česká|český|české|prague|praha|brno|ostrava',
  SK: 'slovakia|slovak|bratislava|košice',
  HU: 'hungary|hungarian|magyar|budapest',
  RO: 'romania|romanian|românia|bucharest|bucurești|cluj',
  GR: 'greece|greek|athens|thessaloniki',
  IT: 'italy|italian|italiano|italiana|italia|rome|roma|milan|milano|naples|napoli|turin|torino|florence|firenze|bologna|venice|venezia|palermo',
  NL: 'netherlands|dutch|nederland|amsterdam|rotterdam|utrecht|the hague|den haag|eindhoven',
  BE: 'belgium|belgian|belgique|belgië|brussels|bruxelles|brussel|antwerp|antwerpen|ghent|gent|liège',
  CH: 'switzerland|swiss|schweiz|suisse|svizzera|zurich|zürich|geneva|genève|basel|bern|lausanne',
  AT: 'austria|austrian|österreich|vienna|wien|graz|salzburg|linz|innsbruck',
  IE: 'ireland|irish|dublin|cork|galway',
  SE: 'sweden|swedish|sverige|svensk|svenska|svenskt|stockholm|gothenburg|göteborg|malmö|malmo|uppsala',
  NO: 'norway|norwegian|norge|norsk|norske|oslo|bergen|trondheim|stavanger',
  DK: 'denmark|danish|danmark|dansk|danske|copenhagen|københavn|aarhus|odense',
  FI: 'finland|finnish|suomi|helsinki|espoo|tampere|turku',
  IS: 'iceland|icelandic|reykjavik|reykjavík|ísland|akureyri|kópavogur|kópavogi|hafnarfjörður|hafnarfirði',
  // Round 28: the Faroe Islands, Greenland and Andorra, whose numbers have six digits (see phone-short-national.ts).
  FO: 'faroe|faroese|føroyar|tórshavn|torshavn|klaksvík|klaksvik',
  GL: 'greenland|kalaallit nunaat|grønland|nuuk|sisimiut|ilulissat',
  AD: 'andorra|andorran|andorrà|andorra la vella|escaldes|encamp',
  AU: 'australia|australian|sydney|melbourne|brisbane|perth|adelaide|canberra',
  NZ: 'new zealand|auckland|wellington|christchurch',
  CA: 'canada|canadian|toronto|montreal|montréal|vancouver|ottawa|calgary|quebec|québec|ontario|edmonton|winnipeg',
  // West, Central, East and Southern Africa, the Levant, the Maghreb and the Gulf's neighbours, in Latin and Arabic letters.
  SN: 'senegal|sénégal|dakar|thiès|thies|touba|ziguinchor|kaolack|rufisque|mbour',
  CI: "côte d'ivoire|cote d'ivoire|ivory coast|ivoirien|ivoirienne|abidjan|yamoussoukro|bouaké|bouake|cocody|yopougon",
  ML: 'malien|malienne|bamako|sikasso',
  BF: 'burkina|ouagadougou|ouaga',
  NE: 'niger|niamey',
  GN: 'guinée|conakry',
  CM: 'cameroun|cameroon|cameroonian|camerounais|douala|yaoundé|yaounde',
  BJ: 'bénin|benin|cotonou',
  TG: 'togo|lomé',
  CD: 'rdc|kinshasa|lubumbashi',
  CG: 'brazzaville',
  GA: 'gabon|libreville',
  MG: 'madagascar|antananarivo',
  RW: 'rwanda|kigali',
  UG: 'uganda|ugandan|kampala|entebbe',
  TZ: 'tanzania|tanzanian|dar es salaam|dodoma|arusha|zanzibar|mwanza',
  ET: 'ethiopia|ethiopian|addis ababa|addis',
  ZM: 'zambia|zambian|lusaka|ndola',
  ZW: 'zimbabwe|zimbabwean|harare|bulawayo',
  MW: 'malawi|lilongwe|blantyre',
  MZ: 'mozambique|moçambique|maputo',
  AO: 'angola|luanda',
  NA: 'namibia|windhoek',
  GM: 'gambia|banjul|serekunda',
  SL: 'sierra leone|freetown',
  LR: 'liberia|monrovia',
  SO: 'somalia|mogadishu|muqdisho|hargeisa',
  LB: 'lebanon|lebanese|liban|libanais|beirut|beyrouth|lubnan|jounieh|saida|zahle|بيروت|لبنان|جونيه|صيدا|زحلة',
  JO: 'jordan|jordanian|amman|irbid|zarqa|الأردن|عمّان|اربد|إربد',
  SY: 'syria|syrian|damascus|aleppo|homs|latakia|سوريا|دمشق|حلب|حمص',
  IQ: 'iraq|iraqi|baghdad|erbil|basra|mosul|najaf|العراق|بغداد|أربيل|البصرة|الموصل',
  PS: 'palestine|palestinian|ramallah|gaza|nablus|hebron|فلسطين|رام الله|غزة|نابلس',
  YE: 'yemen|sanaa|aden|اليمن|صنعاء|عدن',
  DZ: 'algeria|algérie|algerian|algérien|algiers|alger|oran|الجزائر|وهران',
  LY: 'libya|libyan|benghazi|misrata|ليبيا|بنغازي',
  SD: 'sudan|khartoum|omdurman|السودان|الخرطوم',
  KH: 'cambodia|phnom penh|siem reap',
  LA: 'laos|vientiane',
  MM: 'myanmar|yangon|mandalay',
};
/** Capitals and cities written in Arabic script, added to the countries above by script: the Gulf, Egypt and the Maghreb. */
export const ARABIC_PLACES: Readonly<Partial<Record<CountryCode, string>>> = {
  EG: 'مصر|القاهرة|الإسكندرية|الجيزة',
  SA: 'السعودية|الرياض|جدة|الدمام|مكة',
  AE: 'الإمارات|دبي|أبوظبي|الشارقة',
  QA: 'قطر|الدوحة',
  KW: 'الكويت',
  OM: 'عمان|مسقط',
  BH: 'البحرين|المنامة',
  MA: 'المغرب|الدار البيضاء|الرباط|مراكش',
};

/** Country-code top-level domains that are used as generic ones (`.io`, `.ai`, `.co`, `.me`…) say nothing about a country. */
export const GENERIC_TLDS = new Set(['io', 'ai', 'co', 'me', 'tv', 'cc', 'ly', 'to', 'fm', 'gg', 'sh', 'ws', 'la', 'md', 'ms', 'nu', 'tk', 'so', 'st', 'im', 'ac', 'vc', 'ad', 'am', 'app', 'eu']);
export const DOMAIN = /(?:@|:\/\/|www\.)[\w.-]*?\.([a-z]{2})(?![\w-]|\.[a-z])/gi;

export const CURRENCIES: readonly Hint[] = [
  [/₽|руб\.|рубл|\bRUB\b/u, ['RU']],
  [/R\$|\bBRL\b/u, ['BR']],
  [/₹|\bINR\b|\bRs\.?\s?\d/u, ['IN']],
  [/\bRp\.?\s?\d|\bIDR\b/u, ['ID']],
  [/₺|\bTRY\b|\bTL\b/u, ['TR']],
  [/\bMXN\b/u, ['MX']],
  [/\bCOP\b/u, ['CO']],
  [/\bCLP\b/u, ['CL']],
  [/\bPEN\b|\bS\/\s?\d/u, ['PE']],
  [/\bUYU\b/u, ['UY']],
  [/\bBOB\b|\bBs\.?\s?\d/u, ['BO', 'VE']],
  [/\bVES\b/u, ['VE']],
  [/₲|\bPYG\b/u, ['PY']],
  [/₮|\bMNT\b/u, ['MN']],
  [/₸|\bKZT\b/u, ['KZ']],
  [/\bUZS\b/u, ['UZ']],
  [/\bKGS\b/u, ['KG']],
  [/\bTJS\b/u, ['TJ']],
  [/\bTMT\b/u, ['TM']],
  [/₼|\bAZN\b/u, ['AZ']],
  [/₾|\bGEL\b|ლარი/u, ['GE']],
  [/֏|\bAMD\b/u, ['AM']],
  [/\bARS\b/u, ['AR']],
  [/₦|\bNGN\b/u, ['NG']],
  [/\bKSh\b|\bKES\b/u, ['KE']],
  [/\bZAR\b/u, ['ZA']],
  [/\bEGP\b|ج\.م/u, ['EG']],
  [/\bSAR\b|ر\.س|﷼/u, ['SA']],
  [/\bAED\b|د\.إ/u, ['AE']],
  [/\bPKR\b/u, ['PK']],
  [/৳|\bBDT\b/u, ['BD']],
  [/₱|\bPHP\s?\d/u, ['PH']],
  [/฿|\bTHB\b/u, ['TH']],
  [/₫|\bVND\b/u, ['VN']],
  [/zł|\bPLN\b/u, ['PL']],
  [/Kč|\bCZK\b/u, ['CZ']],
  [/\bHUF\b/u, ['HU']],
  [/\bRON\b/u, ['RO']],
  [/₩|\bKRW\b/u, ['KR']],
  [/\bJPY\b/u, ['JP']],
  [/\bCNY\b|\bRMB\b/u, ['CN']],
  [/A\$|\bAUD\b/u, ['AU']],
  [/NZ\$|\bNZD\b/u, ['NZ']],
  [/\bSEK\b/u, ['SE']],
  [/\bNOK\b/u, ['NO']],
  [/\bDKK\b/u, ['DK']],
  [/₪|\bILS\b|\bNIS\b/u, ['IL']],
  [/₴|\bUAH\b/u, ['UA']],
  [/\bCHF\b/u, ['CH']],
  [/C\$|\bCAD\b/u, ['CA']],
];
/** Currency names, read in the lower-cased text (a case-insensitive Unicode pattern costs several times more). */
export const CURRENCY_NAMES: readonly Hint[] = [
  [/\bpesos?\b/u, ['MX', 'AR', 'CO', 'CL', 'UY', 'DO']],
  [/\breais\b/u, ['BR']],
  [/\bsoles\b/u, ['PE']],
  [/\bbolivianos\b/u, ['BO', 'VE']],
  [/\btaka\b/u, ['BD']],
  [/төгрөг/u, ['MN']],
  [/теңге|тенге/u, ['KZ']],
  [/сўм|\bso[ʻ‘']m\b/u, ['UZ']],
  [/сомонӣ|сомони/u, ['TJ']],
  [/\bnaira\b/u, ['NG']],
  [/\bbaht\b/u, ['TH']],
];

/**
 * Common words of languages spoken in several countries, whose text often names none of them (a Mexican or Colombian
 * chat in Spanish, an Italian or Dutch mail without a place name): two different ones in the window point to the
 * countries that speak the language. The binding's regions (US, GB, DE, FR, ES by default) are tried anyway.
 */
export const LANGUAGES: ReadonlyArray<readonly [string, readonly CountryCode[]]> = [
  ['el los las del muy pero gracias hola usted cualquier está también ahora necesito puedes favor buenas buenos llama llámame cosa dónde cuándo celular marcas', ['MX', 'CO', 'AR', 'CL', 'PE', 'VE', 'EC', 'UY']],
  ['você obrigado obrigada não também meu minha pelo pela uma olá ligue celular contato agora tudo bem aqui mudou salva pra gente vou', ['BR', 'PT']],
  ['il della dello degli delle nel nella sono grazie anche questo questa perché ciao buongiorno buonasera chiamami cellulare numero contattare contattami allo oppure chiamare reperibilità', ['IT']],
  ['het een niet voor bedankt alstublieft graag bellen mijn jullie ook maar bel nummer', ['NL', 'BE']],
  ['yang dengan untuk tidak saya terima kasih bisa silakan hubungi nomor sila boleh atau layanan pelanggan kami telepon dari', ['ID', 'MY']],
  // Polish, Czech and Slovak (their own letters are not in every sentence: `Nowy numer wujka`, `Technická podpora`).
  ['nie jest się dla proszę dziękuję czy albo lub mój moja moje nowy numer stacjonarny domowy komórka komórkowy też tylko jak', ['PL']],
  ['není prosím děkuji nebo jsem máte číslo podpora technická pohotovost volejte pevná linka také', ['CZ', 'SK']],
  ['ang mga salamat naman ako ikaw kayo tawagan numero', ['PH']],
  ['tafadhali asante habari kwenye piga nambari simu hii sana ndani umepokea umetuma kutoka tarehe salio imethibitishwa nipigie', ['KE', 'TZ', 'UG']],
  // Zulu, Xhosa and Afrikaans.
  ['sawubona ngiyabonga ngicela ngiyacela yebo uma kakhulu molo enkosi ndiyabulela ndicela dankie asseblief baie jou', ['ZA']],
  ['jekk jogħġbok grazzi bonġu fuq lil għandi', ['MT']],
  ['pentru vă rog mulțumesc multumesc sunt este care numărul sunați', ['RO']],
  ['és nem kérem köszönöm vagy hogy egy hívjon telefonszám száma számom otthoni nagy jelszó nagyi', ['HU']],
  ['och jag inte till ring tack är hej', ['SE']],
  ['og jeg ikke til ring takk tak hei hej meg deg hilsen er husleje koden bestemor bestefar bestemors bestefars', ['NO', 'DK']],
  ['hvala molim broj mobitel fiksni kućni zovite nazovite ili', ['HR', 'RS', 'BA', 'ME']],
  ['ja ei kiitos soita olen puhelin numero hei', ['FI']],
  // Round 28: Estonian and Icelandic (õ, þ and ð are not in every sentence: `Tere! Helista mulle homme`, `hringdu í síma`).
  ['tere aitäh palun mulle minu mind sulle helista helistage homme täna kontole kanna raha kohe', ['EE']],
  ['takk fyrir kveðja hringdu hringja síma sími síminn símanúmer halló bestu ég minn mín mig hjá', ['IS']],
];
