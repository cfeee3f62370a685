import type { CountryCode } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';

/**
 * Which countries a national number (no `+`) may belong to, read from the text around it: its script, letters
 * only some languages use, country, city and demonym words, e-mail and web domains, and currencies. A number
 * is then tried against these countries as well as the binding's `phoneRegions`.
 */
type Hint = readonly [RegExp, readonly CountryCode[]];

const SCRIPTS: readonly Hint[] = [
  [/\p{Script=Hangul}/u, ['KR']],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, ['JP']],
  [/\p{Script=Han}/u, ['CN', 'TW', 'HK', 'JP', 'SG', 'MO']],
  [/\p{Script=Cyrillic}/u, ['RU', 'UA', 'BY', 'KZ', 'BG', 'RS', 'KG', 'UZ']],
  // Letters of the Cyrillic alphabets of Mongolia and Central Asia: ө ү (Mongolian, Kazakh, Kyrgyz), ә қ ғ ұ һ (Kazakh), ң (Kazakh,
  // Kyrgyz), ў қ ғ ҳ (Uzbek, Tajik), ҷ ӣ ӯ (Tajik).
  [/[өү]/iu, ['MN', 'KZ', 'KG']],
  [/[әұһ]/iu, ['KZ']],
  [/[ң]/iu, ['KZ', 'KG']],
  [/[қғҳ]/iu, ['KZ', 'UZ', 'TJ']],
  [/[ҷӣӯ]/iu, ['TJ']],
  [/ў/iu, ['UZ', 'BY']],
  [/\p{Script=Arabic}/u, ['SA', 'AE', 'EG', 'MA', 'DZ', 'TN', 'JO', 'KW', 'QA', 'BH', 'OM', 'IQ', 'LB', 'PK', 'IR']],
  [/\p{Script=Hebrew}/u, ['IL']],
  [/\p{Script=Thai}/u, ['TH']],
  [/\p{Script=Greek}/u, ['GR', 'CY']],
  [/\p{Script=Devanagari}/u, ['IN', 'NP']],
  [/\p{Script=Bengali}/u, ['BD', 'IN']],
  [/[\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Sinhala}]/u, ['IN', 'LK']],
  [/\p{Script=Georgian}/u, ['GE']],
  [/\p{Script=Armenian}/u, ['AM']],
  [/\p{Script=Ethiopic}/u, ['ET']],
  [/\p{Script=Khmer}/u, ['KH']],
  [/\p{Script=Myanmar}/u, ['MM']],
  [/[ơưđ\u1ea0-\u1ef9]/iu, ['VN']],
  [/[ışğİ]/u, ['TR']],
  [/ə/iu, ['AZ']],
  [/[ogOG][\u02bb\u2018]/u, ['UZ']], // Uzbek Latin oʻ, gʻ
  [/ň/iu, ['TM']],
  [/[łśźżąęń]/iu, ['PL']],
  [/[řěůťď]/iu, ['CZ', 'SK']],
  [/[ãõ]/iu, ['BR', 'PT']],
  [/[åøæ]/iu, ['SE', 'NO', 'DK', 'FI']],
  [/[őű]/iu, ['HU']],
  [/[þð]/iu, ['IS', 'FO']],
  [/[āēīķļņģ]/iu, ['LV']],
  [/[ėįų]/iu, ['LT']],
  [/õ/iu, ['EE']],
  [/[șțş]/iu, ['RO', 'TR']],
  [/ñ/iu, ['MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'UY']],
];

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
};

/** Country-code top-level domains that are used as generic ones (`.io`, `.ai`, `.co`, `.me`…) say nothing about a country. */
const GENERIC_TLDS = new Set(['io', 'ai', 'co', 'me', 'tv', 'cc', 'ly', 'to', 'fm', 'gg', 'sh', 'ws', 'la', 'md', 'ms', 'nu', 'tk', 'so', 'st', 'im', 'ac', 'vc', 'ad', 'am', 'app', 'eu']);
const DOMAIN = /(?:@|:\/\/|www\.)[\w.-]*?\.([a-z]{2})(?![\w-]|\.[a-z])/gi;

const CURRENCIES: readonly Hint[] = [
  [/₽|руб\.|рубл|\bRUB\b/u, ['RU']],
  [/R\$|\bBRL\b|\breais\b/u, ['BR']],
  [/₹|\bINR\b|\bRs\.?\s?\d/u, ['IN']],
  [/\bRp\.?\s?\d|\bIDR\b/u, ['ID']],
  [/₺|\bTRY\b|\bTL\b/u, ['TR']],
  [/\bMXN\b/u, ['MX']],
  [/\bpesos?\b/iu, ['MX', 'AR', 'CO', 'CL', 'UY', 'DO']],
  [/\bCOP\b/u, ['CO']],
  [/\bCLP\b/u, ['CL']],
  [/\bPEN\b|\bS\/\s?\d|\bsoles\b/u, ['PE']],
  [/\bUYU\b/u, ['UY']],
  [/\bBOB\b|\bBs\.?\s?\d|\bbolivianos\b/u, ['BO', 'VE']],
  [/\bVES\b/u, ['VE']],
  [/₲|\bPYG\b/u, ['PY']],
  [/₮|\bMNT\b|төгрөг/iu, ['MN']],
  [/₸|\bKZT\b|теңге|тенге/iu, ['KZ']],
  [/\bUZS\b|сўм|so[ʻ‘']m\b/iu, ['UZ']],
  [/\bKGS\b/u, ['KG']],
  [/\bTJS\b|сомонӣ|сомони/iu, ['TJ']],
  [/\bTMT\b/u, ['TM']],
  [/₼|\bAZN\b/u, ['AZ']],
  [/₾|\bGEL\b|ლარი/u, ['GE']],
  [/֏|\bAMD\b/u, ['AM']],
  [/\bARS\b/u, ['AR']],
  [/₦|\bNGN\b|\bnaira\b/iu, ['NG']],
  [/\bKSh\b|\bKES\b/u, ['KE']],
  [/\bZAR\b/u, ['ZA']],
  [/\bEGP\b|ج\.م/u, ['EG']],
  [/\bSAR\b|ر\.س|﷼/u, ['SA']],
  [/\bAED\b|د\.إ/u, ['AE']],
  [/\bPKR\b/u, ['PK']],
  [/৳|\bBDT\b|\btaka\b/u, ['BD']],
  [/₱|\bPHP\s?\d/u, ['PH']],
  [/฿|\bTHB\b|\bbaht\b/iu, ['TH']],
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

/**
 * Common words of languages spoken in several countries, whose text often names none of them (a Mexican or Colombian
 * chat in Spanish, an Italian or Dutch mail without a place name): two different ones in the window point to the
 * countries that speak the language. The binding's regions (US, GB, DE, FR, ES by default) are tried anyway.
 */
const LANGUAGES: ReadonlyArray<readonly [RegExp, readonly CountryCode[]]> = [
  [/(?<![\p{L}])(?:el|los|las|del|muy|pero|gracias|hola|usted|cualquier|está|también|ahora|necesito|puedes|favor|buenas|buenos|llama|llámame|cosa|dónde|cuándo|celular|marcas)(?![\p{L}])/gu, ['MX', 'CO', 'AR', 'CL', 'PE', 'VE', 'EC', 'UY']],
  [/(?<![\p{L}])(?:você|obrigad[oa]|não|também|meu|minha|pelo|pela|uma|olá|ligue|celular|contato)(?![\p{L}])/gu, ['BR', 'PT']],
  [/(?<![\p{L}])(?:il|della|dello|degli|delle|nel|nella|sono|grazie|anche|questo|questa|perché|ciao|buongiorno|buonasera|chiamami|cellulare|numero)(?![\p{L}])/gu, ['IT']],
  [/(?<![\p{L}])(?:het|een|niet|voor|bedankt|alstublieft|graag|bellen|mijn|jullie|ook|maar|bel|nummer)(?![\p{L}])/gu, ['NL', 'BE']],
  [/(?<![\p{L}])(?:yang|dengan|untuk|tidak|saya|terima|kasih|bisa|silakan|hubungi|nomor|sila|boleh)(?![\p{L}])/gu, ['ID', 'MY']],
  [/(?<![\p{L}])(?:ang|mga|salamat|naman|ako|ikaw|kayo|tawagan|numero)(?![\p{L}])/gu, ['PH']],
  [/(?<![\p{L}])(?:tafadhali|asante|habari|kwenye|piga|nambari|simu|hii|sana|ndani)(?![\p{L}])/gu, ['KE', 'TZ', 'UG']],
  [/(?<![\p{L}])(?:pentru|vă|rog|mulțumesc|multumesc|sunt|este|care|numărul|sunați)(?![\p{L}])/gu, ['RO']],
  [/(?<![\p{L}])(?:és|nem|kérem|köszönöm|vagy|hogy|egy|hívjon|telefonszám)(?![\p{L}])/gu, ['HU']],
  [/(?<![\p{L}])(?:och|jag|inte|till|ring|tack|är|hej)(?![\p{L}])/gu, ['SE']],
  [/(?<![\p{L}])(?:og|jeg|ikke|til|ring|takk|tak|hei|hej)(?![\p{L}])/gu, ['NO', 'DK']],
  [/(?<![\p{L}])(?:ja|ei|kiitos|soita|olen|puhelin|numero|hei)(?![\p{L}])/gu, ['FI']],
];

/** Two different words of one language's list in the text. */
function speaks(lower: string, words: RegExp): boolean {
  let first: string | undefined;
  for (const match of lower.matchAll(words)) {
    if (first === undefined) first = match[0];
    else if (match[0] !== first) return true;
  }
  return false;
}

/** Place names by their words: one-word names, and the first word of longer ones with the whole name. */
const PLACE_WORDS = new Map<string, Array<[string, CountryCode]>>();
for (const [region, names] of Object.entries(PLACES) as Array<[CountryCode, string]>) {
  for (const name of names.split('|')) {
    const first = name.split(' ')[0];
    PLACE_WORDS.set(first, [...(PLACE_WORDS.get(first) ?? []), [name, region]]);
  }
}
const WORD = /[\p{L}\p{M}.]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** How far around a number its hints are looked for: about a sentence. */
const HINT_WINDOW = 100;

function placeHints(lower: string, hints: Set<CountryCode>): void {
  for (const match of lower.matchAll(WORD)) {
    const word = match[0].replace(/\.$/, '');
    for (const [name, region] of PLACE_WORDS.get(word) ?? []) {
      if (name === word || lower.startsWith(name, match.index)) hints.add(region);
    }
  }
}

/** Countries the text around `[start, end)` points to: places, domains, currencies, languages, then scripts and letters. */
export function regionHints(text: string, start: number, end: number): CountryCode[] {
  const around = text.slice(Math.max(0, start - HINT_WINDOW), end + HINT_WINDOW);
  const lower = around.toLowerCase();
  const hints = new Set<CountryCode>();
  placeHints(lower, hints);
  if (lower.includes('@') || lower.includes('//') || lower.includes('www.')) {
    for (const match of lower.matchAll(DOMAIN)) {
      const tld = match[1];
      if (!GENERIC_TLDS.has(tld)) hints.add((tld === 'uk' ? 'GB' : tld.toUpperCase()) as CountryCode);
    }
  }
  for (const [pattern, regions] of CURRENCIES) if (pattern.test(around)) for (const region of regions) hints.add(region);
  for (const [words, regions] of LANGUAGES) if (speaks(lower, words)) for (const region of regions) hints.add(region);
  if (NON_ASCII.test(around)) for (const [pattern, regions] of SCRIPTS) if (pattern.test(around)) for (const region of regions) hints.add(region);
  return [...hints];
}

/**
 * Where a cue word says the number is a phone but nothing says which country's: the countries tried, the
 * largest and those the corpus and field reports write numbers from first.
 */
export const CUED_REGIONS: readonly CountryCode[] = [
  'CA', 'IN', 'CN', 'BR', 'RU', 'JP', 'KR', 'ID', 'MX', 'TR', 'IT', 'NL', 'BE', 'CH', 'AT', 'IE', 'PT', 'PL', 'SE', 'NO', 'DK', 'FI', 'AU', 'NZ',
  'AR', 'CO', 'CL', 'PE', 'NG', 'KE', 'ZA', 'GH', 'EG', 'MA', 'SA', 'AE', 'IL', 'PK', 'BD', 'PH', 'TH', 'VN', 'MY', 'SG', 'HK', 'TW', 'UA',
  'CZ', 'SK', 'HU', 'RO', 'GR', 'QA', 'BH', 'KW', 'OM', 'TN', 'CR', 'PA', 'LV', 'EE', 'CY', 'MT',
];

/** Countries whose national numbers have eight digits, written 2-2-2-2, 2-3-3, 3-2-3 or 4-4 (no trunk prefix). */
export const EIGHT_DIGIT_REGIONS: ReadonlySet<CountryCode> = new Set<CountryCode>([
  'DK', 'NO', 'SG', 'HK', 'MO', 'QA', 'BH', 'KW', 'OM', 'TN', 'CR', 'PA', 'SV', 'GT', 'HN', 'NI', 'LV', 'EE', 'CY', 'MT', 'MC', 'IS',
  // Mongolia, Bolivia, Cuba, Haiti, Turkmenistan, Bhutan, Timor-Leste, Papua New Guinea; Botswana, Mauritius, Lesotho, Eswatini and
  // the Sahel and Central African countries (Burkina Faso, Mali, Niger, Togo, Mauritania, Djibouti, Burundi, Chad, CAR).
  'MN', 'BO', 'CU', 'HT', 'TM', 'BT', 'TL', 'PG', 'BW', 'MU', 'LS', 'SZ', 'BF', 'ML', 'NE', 'TG', 'MR', 'DJ', 'BI', 'TD', 'CF',
]);

/** What libphonenumber's metadata says a region's national numbers look like: lengths, trunk prefix, whole-number pattern. */
interface NumberingPlan {
  lengths: ReadonlySet<number>;
  trunkPrefix: string;
  /** Absent where the region rewrites numbers while parsing them (carrier codes, Argentina's `15`): the parse alone decides there. */
  pattern?: RegExp;
}

const plans = new Map<CountryCode, NumberingPlan | null>();

function numberingPlan(region: CountryCode): NumberingPlan | null {
  let plan = plans.get(region);
  if (plan === undefined) {
    // Metadata v4 layout: [calling code, IDD prefix, national number pattern, possible lengths, formats, trunk prefix, …, transform rule at 8].
    const entry = (metadata.countries as unknown as Record<string, unknown[] | undefined>)[region];
    plan = entry
      ? {
          lengths: new Set(entry[3] as number[]),
          trunkPrefix: typeof entry[5] === 'string' ? entry[5] : '',
          pattern: typeof entry[8] === 'string' ? undefined : new RegExp(`^(?:${entry[2] as string})$`),
        }
      : null;
    plans.set(region, plan);
  }
  return plan;
}

const trunkZeroFormats = new Map<CountryCode, boolean>();

/**
 * Every national format of the region writes the trunk 0 (`0$1`: DE, GB, FR…), so a number written without it is
 * rejected by the trunk rule of phones.ts whatever the parse says: the parse can be skipped.
 */
export function formatsWithTrunkZero(region: CountryCode): boolean {
  let always = trunkZeroFormats.get(region);
  if (always === undefined) {
    // Metadata v4 formats: [pattern, format, leading digits, national prefix formatting rule, …].
    const entry = (metadata.countries as unknown as Record<string, unknown[] | undefined>)[region];
    const formats = (entry?.[4] ?? []) as unknown[][];
    always = entry?.[5] === '0' && formats.length > 0 && formats.every((format) => typeof format[3] === 'string' && format[3].startsWith('0'));
    trunkZeroFormats.set(region, always);
  }
  return always;
}

/**
 * A cheap look at the metadata before the (~30 µs) parse: could these digits, with or without the region's trunk
 * prefix, be one of its national numbers? A region whose parse may rewrite the number (carrier codes) is left to the parse.
 */
export function plausibleIn(digits: string, region: CountryCode): boolean {
  const plan = numberingPlan(region);
  if (plan === null) return false;
  const fits = (national: string) => plan.lengths.has(national.length) && (plan.pattern === undefined || plan.pattern.test(national));
  if (fits(digits)) return true;
  if (plan.trunkPrefix !== '' && digits.startsWith(plan.trunkPrefix) && fits(digits.slice(plan.trunkPrefix.length))) return true;
  return plan.pattern === undefined;
}
