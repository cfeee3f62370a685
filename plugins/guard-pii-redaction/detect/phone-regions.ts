import type { CountryCode } from 'libphonenumber-js/max';
import { IBAN_LENGTHS } from './checksums.js';
import { eachMatch } from './detection.js';

/**
 * Which countries a national number (no `+`) may belong to, read from the text around it: its script, letters
 * only some languages use, country, city and demonym words, e-mail and web domains, and currencies. A number
 * is then tried against these countries as well as the binding's `phoneRegions`.
 */
type Hint = readonly [RegExp, readonly CountryCode[]];

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
const RARE_LATIN = 16384;

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

function blocksOf(text: string): number {
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
const SCRIPTS: ReadonlyArray<readonly [RegExp, readonly CountryCode[], number, boolean?]> = [
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
const RARE_LETTERS = /([ħċġĦĊĠ])|([ẹọṣẸỌṢ])|([ƙɗɓƘƊƁ])|([ɛɔƐƆ])/g;
const RARE_LETTER_REGIONS: ReadonlyArray<readonly CountryCode[]> = [['MT'], ['NG'], ['NG', 'NE'], ['GH', 'CI', 'TG', 'BJ', 'SN']];

/** Country, city and demonym words (English and the country's own), lower case. */
const PLACES: Readonly<Partial<Record<CountryCode, string>>> = {
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
  AR: 'argentina|argentine|argentino|argentinian|buenos aires|córdoba|rosario|mendoza',
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
  EE: 'estonia|estonian|eesti|tallinn|tartu',
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
  IS: 'iceland|icelandic|reykjavik|reykjavík',
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
const ARABIC_PLACES: Readonly<Partial<Record<CountryCode, string>>> = {
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
const GENERIC_TLDS = new Set(['io', 'ai', 'co', 'me', 'tv', 'cc', 'ly', 'to', 'fm', 'gg', 'sh', 'ws', 'la', 'md', 'ms', 'nu', 'tk', 'so', 'st', 'im', 'ac', 'vc', 'ad', 'am', 'app', 'eu']);
const DOMAIN = /(?:@|:\/\/|www\.)[\w.-]*?\.([a-z]{2})(?![\w-]|\.[a-z])/gi;

const CURRENCIES: readonly Hint[] = [
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
const CURRENCY_NAMES: readonly Hint[] = [
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
const LANGUAGES: ReadonlyArray<readonly [string, readonly CountryCode[]]> = [
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
];

/** Each language word with the languages (indexes into LANGUAGES) it belongs to. */
const LANGUAGE_WORDS = new Map<string, number[]>();
for (const [index, [words]] of LANGUAGES.entries()) for (const word of words.split(' ')) LANGUAGE_WORDS.set(word, [...(LANGUAGE_WORDS.get(word) ?? []), index]);

/**
 * Where a currency pattern's alternatives can start, as a lookahead: the first character of each (all literal), behind a word
 * boundary where the alternative starts with `\\b` (`\\bpesos?\\b` starts no match inside a word: most `p`, `s`, `t` of a text
 * need no try).
 */
function currencyStart(hints: readonly Hint[]): string {
  const afterBoundary = new Set<string>();
  const anywhere = new Set<string>();
  for (const [pattern] of hints) {
    for (const alternative of pattern.source.split('|')) {
      const bounded = alternative.startsWith('\\b');
      const first = (bounded ? alternative.slice(2) : alternative)[0];
      if ('\\[(.'.includes(first)) throw new Error(`currency pattern ${pattern.source}: an alternative must start with a literal character`);
      (bounded ? afterBoundary : anywhere).add(first);
    }
  }
  const characterClass = (characters: Set<string>) => `[${[...characters].join('').replace(/[\]\\^-]/g, '\\$&')}]`;
  const starts = [...(afterBoundary.size > 0 ? [`\\b${characterClass(afterBoundary)}`] : []), ...(anywhere.size > 0 ? [characterClass(anywhere)] : [])];
  return `(?=${starts.join('|')})`;
}

/**
 * The currency patterns as one scan, a group per currency, tried only where one of them can start (a lookahead on their
 * first characters spares trying fifty alternatives at every position); no Unicode flag, which none of them needs.
 */
function currencyScan(hints: readonly Hint[]): { pattern: RegExp; regions: ReadonlyArray<readonly CountryCode[]> } {
  const alternatives = hints.map(([pattern]) => `(${pattern.source})`).join('|');
  return { pattern: new RegExp(`${currencyStart(hints)}(?:${alternatives})`, 'g'), regions: hints.map(([, regions]) => regions) };
}
const CURRENCY_SIGNS = currencyScan(CURRENCIES);
const CURRENCY_WORDS = currencyScan(CURRENCY_NAMES);

/** Place names by their words: one-word names, and the first word of longer ones with the whole name. */
const PLACE_WORDS = new Map<string, Array<[string, CountryCode]>>();
for (const [region, names] of [...Object.entries(PLACES), ...Object.entries(ARABIC_PLACES)] as Array<[CountryCode, string]>) {
  for (const name of names.split('|')) {
    const first = name.split(' ')[0];
    PLACE_WORDS.set(first, [...(PLACE_WORDS.get(first) ?? []), [name, region]]);
  }
}
/** A word's first character and length, as one number (lengths from 63 up share one). */
function wordShape(first: number, length: number): number {
  return first * 64 + Math.min(length, 63);
}
/** The shapes of the place and language words: most words of a text have none of them, and are not looked up. */
const KNOWN_WORD_SHAPES = new Set<number>();
for (const word of [...PLACE_WORDS.keys(), ...LANGUAGE_WORDS.keys()]) {
  if (word === '') throw new Error('a place or language word is empty');
  KNOWN_WORD_SHAPES.add(wordShape(word.charCodeAt(0), word.length));
}
/** Whether each UTF-16 code unit is a letter or a mark, learnt on first sight (a regex per character costs more than the lookup). */
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const isLetterCode = new Int8Array(0x10000);

function wordCharacter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 46;
  let known = isLetterCode[code];
  if (known === 0) isLetterCode[code] = known = LETTER_OR_MARK.test(String.fromCharCode(code)) ? 1 : -1;
  return known === 1;
}

/** How far around a number its hints are looked for: about a sentence. */
const HINT_WINDOW = 100;

/** Place names, and languages of which two different words are in the text, in one pass over its words. */
function wordHints(lower: string, hints: HintSink): void {
  const firstWord: Array<string | undefined> = [];
  for (let at = 0; at < lower.length; ) {
    if (!wordCharacter(lower.charCodeAt(at))) {
      at += 1;
      continue;
    }
    const start = at;
    while (at < lower.length && wordCharacter(lower.charCodeAt(at))) at += 1;
    // A word's letters, marks and dots (`e.g.`, `st.`), without a dot that ends it; cut out only when a word of its shape is known.
    const stop = lower.charCodeAt(at - 1) === 46 ? at - 1 : at;
    if (!KNOWN_WORD_SHAPES.has(wordShape(lower.charCodeAt(start), stop - start))) continue;
    const word = lower.slice(start, stop);
    for (const [name, region] of PLACE_WORDS.get(word) ?? []) {
      if (name === word || lower.startsWith(name, start)) hints.add(region);
    }
    for (const language of LANGUAGE_WORDS.get(word) ?? []) {
      const first = firstWord[language];
      if (first === undefined) firstWord[language] = word;
      else if (first !== word) for (const region of LANGUAGES[language][1]) hints.add(region);
    }
  }
}

/** The SCRIPTS patterns (by index) each code unit outside ASCII matches, learnt on first sight: a pattern per character costs less than one per window. */
const SCRIPTS_OF_CODE = new Map<number, readonly number[]>();

function scriptsOfCode(code: number): readonly number[] {
  let indexes = SCRIPTS_OF_CODE.get(code);
  if (indexes === undefined) {
    const char = String.fromCharCode(code);
    indexes = [...SCRIPTS.keys()].filter((index) => SCRIPTS[index][3] !== true && SCRIPTS[index][0].test(char));
    SCRIPTS_OF_CODE.set(code, indexes);
  }
  return indexes;
}

/**
 * Which single-character SCRIPTS patterns some character of `text` matches (1 at the pattern's index), read character by
 * character. Undefined when the text holds a surrogate: an astral character is matched as a pair, so the patterns read the text.
 */
function scriptsMatched(text: string): Uint8Array | undefined {
  const matched = new Uint8Array(SCRIPTS.length);
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdfff) return undefined;
    for (const index of scriptsOfCode(code)) matched[index] = 1;
  }
  return matched;
}

/** An IBAN's country, check digits and first group (`MT52 VALL`, `NO93 8601`): the account's country is the text's. */
const IBAN_COUNTRY_DIGITS = /[A-Z]{2}\d\d/;
const IBAN_PREFIX = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}[ \u00a0]?[A-Z0-9]{4}/g;

/** Where a stage of the hints puts the countries it finds (a Set, or RegionHints keeping their order). */
interface HintSink {
  add(region: CountryCode): unknown;
}

/** The window around a number that its hints are read from, as written and lower case. */
interface HintWindow {
  around: string;
  lower: string;
}

function domainHints({ lower }: HintWindow, hints: HintSink): void {
  // `exec` loops rather than `matchAll`, which copies the pattern on every call.
  if (!lower.includes('@') && !lower.includes('//') && !lower.includes('www.')) return;
  eachMatch(DOMAIN, lower, (match) => {
    const tld = match[1];
    if (!GENERIC_TLDS.has(tld)) hints.add((tld === 'uk' ? 'GB' : tld.toUpperCase()) as CountryCode);
  });
}

/** The countries of the group that matched (one group per currency or letter set). */
function addGroupRegions(groups: ReadonlyArray<readonly CountryCode[]>, hints: HintSink): (match: RegExpExecArray) => void {
  return (match) => {
    for (const region of groups[match.findIndex((group, at) => at > 0 && group !== undefined) - 1]) hints.add(region);
  };
}

function currencyHints({ around, lower }: HintWindow, hints: HintSink): void {
  eachMatch(CURRENCY_SIGNS.pattern, around, addGroupRegions(CURRENCY_SIGNS.regions, hints));
  eachMatch(CURRENCY_WORDS.pattern, lower, addGroupRegions(CURRENCY_WORDS.regions, hints));
}

function ibanHints({ around }: HintWindow, hints: HintSink): void {
  if (IBAN_COUNTRY_DIGITS.test(around)) eachMatch(IBAN_PREFIX, around, (match) => IBAN_LENGTHS[match[1]] !== undefined && hints.add(match[1] as CountryCode));
}

function scriptHints({ around }: HintWindow, hints: HintSink): void {
  const blocks = blocksOf(around);
  if (blocks === 0) return;
  const matched = scriptsMatched(around);
  for (const [index, [pattern, regions, block, readsAscii = false]] of SCRIPTS.entries()) {
    if ((blocks & block) === 0) continue;
    if (readsAscii || matched === undefined ? pattern.test(around) : matched[index] === 1) for (const region of regions) hints.add(region);
  }
  if ((blocks & RARE_LATIN) !== 0) eachMatch(RARE_LETTERS, around, addGroupRegions(RARE_LETTER_REGIONS, hints));
}

/** The stages of the hints, in the order their countries are listed: places and languages, domains, currencies, IBANs, scripts and letters. */
const HINT_STAGES: ReadonlyArray<(window: HintWindow, hints: HintSink) => void> = [
  ({ lower }, hints) => wordHints(lower, hints),
  domainHints,
  currencyHints,
  ibanHints,
  scriptHints,
];

/**
 * Countries the text around `[start, end)` points to, read stage by stage as they are asked for: a number valid in the first
 * country listed (most often a place or a language word) does not wait for the currencies and scripts of its window. The order
 * is that of the full list (see regionHints).
 */
export class RegionHints implements Iterable<CountryCode> {
  private readonly window: HintWindow;
  private readonly found = new Set<CountryCode>();
  private readonly listed: CountryCode[] = [];
  private stage = 0;

  constructor(text: string, start: number, end: number) {
    const around = text.slice(Math.max(0, start - HINT_WINDOW), end + HINT_WINDOW);
    this.window = { around, lower: around.toLowerCase() };
  }

  *[Symbol.iterator](): Iterator<CountryCode> {
    for (let index = 0; ; index += 1) {
      while (index >= this.listed.length) if (!this.advance()) return;
      yield this.listed[index];
    }
  }

  includes(region: CountryCode): boolean {
    while (!this.found.has(region)) if (!this.advance()) return false;
    return true;
  }

  all(): CountryCode[] {
    while (this.advance());
    return [...this.listed];
  }

  add(region: CountryCode): void {
    if (this.found.has(region)) return;
    this.found.add(region);
    this.listed.push(region);
  }

  /** Runs the next stage; false when all have run. */
  private advance(): boolean {
    if (this.stage >= HINT_STAGES.length) return false;
    HINT_STAGES[this.stage](this.window, this);
    this.stage += 1;
    return true;
  }
}

/** Countries the text around `[start, end)` points to: places, languages, domains, currencies, IBANs, then scripts and letters. */
export function regionHints(text: string, start: number, end: number): CountryCode[] {
  return new RegionHints(text, start, end).all();
}

/**
 * Payment and messaging apps that work by phone number (mobile money, instant payments by phone, chat apps of one country
 * or one slang name): a national number within a sentence of one of them (`Umepokea … kutoka kwa JOHN 07… M-PESA`, `vippse
 * meg på …`, `Orange Money : 77 …`, `meu zap …`) is a phone number of the countries the app serves, and only of those.
 */
const APPS: ReadonlyArray<readonly [string, readonly CountryCode[], boolean?]> = [
  ['m-pesa|mpesa|lipa na', ['KE', 'TZ', 'MZ', 'CD', 'LS', 'GH', 'EG']],
  ['orange money|orange-money', ['SN', 'CI', 'ML', 'CM', 'BF', 'GN', 'MG', 'NE', 'CD', 'CF', 'SL', 'LR', 'BW', 'JO', 'EG']],
  ['wave', ['SN', 'CI', 'ML', 'BF', 'GM', 'UG']],
  ['free money|wizall', ['SN']],
  ['moov money|flooz', ['CI', 'BJ', 'TG', 'BF', 'NE', 'ML']],
  ['mtn momo|momo|mobile money|mobile-money', ['GH', 'UG', 'CM', 'CI', 'RW', 'ZM', 'BJ', 'CG', 'GN', 'LR', 'SS', 'ZA', 'VN']],
  ['airtel money', ['KE', 'UG', 'TZ', 'ZM', 'MW', 'RW', 'CD', 'NG', 'MG', 'NE', 'TD', 'CG', 'GA']],
  ['tigo pesa|tigopesa|halopesa|mixx by yas', ['TZ']],
  ['ecocash|onemoney', ['ZW', 'LS', 'BI']],
  ['telebirr|cbe birr|m-birr', ['ET']],
  ['opay|palmpay', ['NG']],
  ['vodafone cash|fawry|instapay', ['EG', 'PH']],
  ['bkash|বিকাশ|nagad|নগদ', ['BD']],
  ['easypaisa|easy paisa|jazzcash|jazz cash|sadapay|nayapay', ['PK']],
  ['paytm|phonepe|phone pe|gpay|upi|bhim', ['IN']],
  ['esewa|khalti', ['NP']],
  ['gcash|g-cash|paymaya', ['PH'], true],
  ['promptpay|พร้อมเพย์|truemoney|true money', ['TH']],
  ['zalopay|zalo pay|zalo|viettelpay|viettel money|vnpay', ['VN']],
  ['ovo|dana|gopay|go-pay|shopeepay|linkaja', ['ID']],
  ['touch n go|touchngo|tng ewallet|duitnow', ['MY']],
  ['paynow|paylah', ['SG']],
  ['grabpay', ['SG', 'MY', 'PH', 'TH', 'VN', 'ID']],
  ['payme|轉數快|转数快', ['HK', 'UZ']],
  ['wechat|weixin|微信|alipay|支付宝|支付寶', ['CN']],
  ['kakao|카톡|카카오|토스', ['KR']],
  ['line pay|line id|paypay|ペイペイ|ライン', ['JP', 'TW', 'TH']],
  ['kaspi|каспи', ['KZ']],
  ['сбп|sbp|сбер|sber|тинькофф|tinkoff|т-банк|qiwi|киви', ['RU']],
  ['monobank|монобанк|privat24|приват', ['UA']],
  ['vipps', ['NO'], true],
  ['swish', ['SE'], true],
  ['mobilepay', ['DK', 'FI'], true],
  ['twint', ['CH'], true],
  ['bizum', ['ES'], true],
  ['blik', ['PL'], true],
  ['satispay', ['IT']],
  ['payconiq', ['BE', 'LU']],
  ['mb way|mbway', ['PT']],
  ['zapzap|zap|pix|wpp|whats', ['BR']],
  ['mercado pago|mercadopago', ['AR', 'MX', 'BR', 'CO', 'CL', 'PE', 'UY']],
  ['yape|yapé|plin', ['PE'], true],
  ['nequi|daviplata', ['CO']],
  ['sinpe', ['CR']],
  ['zelle|venmo|cash app|cashapp', ['US']],
  ['payid|osko', ['AU']],
  ['interac|e-transfer', ['CA']],
];
interface App {
  /** The words after the first, with their spaces (`money` of `orange money`). */
  rest: string;
  regions: readonly CountryCode[];
  /** A few letters may end the name (`vippse`, `Swisha`, `BLIKiem`, `yapéame`). */
  inflected: boolean;
}
/** Names of Latin and Cyrillic script by their first word; names in scripts without spaces are looked for as they are. */
const APP_WORDS = new Map<string, App[]>();
const APP_GLUED: Array<readonly [string, readonly CountryCode[]]> = [];
for (const [names, regions, inflected = false] of APPS) {
  for (const name of names.split('|')) {
    if (/[^a-z0-9\u00c0-\u024f\u0400-\u04ff -]/.test(name)) APP_GLUED.push([name, regions]);
    else {
      const [first, ...rest] = name.split(' ');
      APP_WORDS.set(first, [...(APP_WORDS.get(first) ?? []), { rest: rest.length > 0 ? ` ${rest.join(' ')}` : '', regions, inflected }]);
    }
  }
}
/** The first letters of the names that may be inflected (all have at least four): a word that starts otherwise is none of them. */
const INFLECTED_HEAD = 4;
const INFLECTED_HEADS = new Set<string>();
for (const [names, , inflected = false] of APPS) if (inflected) for (const name of names.split('|')) INFLECTED_HEADS.add(name.slice(0, INFLECTED_HEAD));
/** A word of Latin or Cyrillic letters, digits and inner hyphens. */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x400 && code <= 0x4ff);
}
/** How far from a number an app's name reaches: a short message. */
const APP_WINDOW = 120;

function addApp(word: string, lower: string, after: number, regions: Set<CountryCode>): void {
  for (const app of APP_WORDS.get(word) ?? []) if (app.rest === '' || lower.startsWith(app.rest, after)) for (const region of app.regions) regions.add(region);
}

/**
 * The countries of the payment and messaging apps named within a short message of `[start, end)`: the words of the window are
 * looked up (a few µs; only numbers that nothing else made phone numbers ask).
 */
export function appRegions(text: string, start: number, end: number): CountryCode[] {
  const lower = text.slice(Math.max(0, start - APP_WINDOW), end + APP_WINDOW).toLowerCase();
  const regions = new Set<CountryCode>();
  for (let at = 0; at < lower.length; ) {
    if (!isWordCode(lower.charCodeAt(at))) {
      at += 1;
      continue;
    }
    let stop = at;
    while (stop < lower.length && (isWordCode(lower.charCodeAt(stop)) || (lower.charCodeAt(stop) === 45 && isWordCode(lower.charCodeAt(stop + 1))))) stop += 1;
    const word = lower.slice(at, stop);
    addApp(word, lower, stop, regions);
    // `M-PESA` is one word; `Kaspi-ге`, `Vipps-betaling` name the app in their first part.
    const hyphen = word.indexOf('-');
    if (hyphen > 0) addApp(word.slice(0, hyphen), lower, stop, regions);
    // Inflected names: `vippse`, `Swisha`, `BLIKiem`, `yapéame` (only a word that starts like one is cut).
    const inflectable = INFLECTED_HEADS.has(word.slice(0, INFLECTED_HEAD));
    for (let cut = 1; inflectable && cut <= 4 && cut < word.length - 2; cut += 1) {
      for (const app of APP_WORDS.get(word.slice(0, -cut)) ?? []) if (app.inflected && app.rest === '') for (const region of app.regions) regions.add(region);
    }
    at = stop;
  }
  for (const [name, countries] of APP_GLUED) if (lower.includes(name)) for (const region of countries) regions.add(region);
  return [...regions];
}

/**
 * Where a cue word says the number is a phone but nothing says which country's: the countries tried, the
 * largest and those the corpus and field reports write numbers from first.
 */
export const CUED_REGIONS: readonly CountryCode[] = [
  'CA', 'IN', 'CN', 'BR', 'RU', 'JP', 'KR', 'ID', 'MX', 'TR', 'IT', 'NL', 'BE', 'CH', 'AT', 'IE', 'PT', 'PL', 'SE', 'NO', 'DK', 'FI', 'AU', 'NZ',
  'AR', 'CO', 'CL', 'PE', 'NG', 'KE', 'ZA', 'GH', 'EG', 'MA', 'SA', 'AE', 'IL', 'PK', 'BD', 'PH', 'TH', 'VN', 'MY', 'SG', 'HK', 'TW', 'UA',
  'CZ', 'SK', 'HU', 'RO', 'GR', 'QA', 'BH', 'KW', 'OM', 'TN', 'CR', 'PA', 'LV', 'EE', 'CY', 'MT',
  'HR', 'RS', 'SI', 'BG', 'LT', 'LB', 'JO', 'SN', 'CI', 'CM', 'UG', 'TZ', 'ET', 'ZW', 'ZM',
];

/** Countries whose national numbers have eight digits, written 2-2-2-2, 2-3-3, 3-2-3 or 4-4 (no trunk prefix). */
export const EIGHT_DIGIT_REGIONS: ReadonlySet<CountryCode> = new Set<CountryCode>([
  'DK', 'NO', 'SG', 'HK', 'MO', 'QA', 'BH', 'KW', 'OM', 'TN', 'CR', 'PA', 'SV', 'GT', 'HN', 'NI', 'LV', 'EE', 'CY', 'MT', 'MC', 'IS',
  // Mongolia, Bolivia, Cuba, Haiti, Turkmenistan, Bhutan, Timor-Leste, Papua New Guinea; Botswana, Mauritius, Lesotho, Eswatini and
  // the Sahel and Central African countries (Burkina Faso, Mali, Niger, Togo, Mauritania, Djibouti, Burundi, Chad, CAR).
  'MN', 'BO', 'CU', 'HT', 'TM', 'BT', 'TL', 'PG', 'BW', 'MU', 'LS', 'SZ', 'BF', 'ML', 'NE', 'TG', 'MR', 'DJ', 'BI', 'TD', 'CF',
]);
