/**
 * The payment and messaging apps that work by phone number, and the countries of those named near a national number
 * (appRegions): the last reading phones.ts tries for a number nothing else made a phone number.
 */
import type { CountryCode } from 'libphonenumber-js/max';

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
/** A word's first character and length, as one number (lengths from 63 up share one). */
function wordShape(first: number, length: number): number {
  return first * 64 + Math.min(length, 63);
}
/** The shapes of the names' first words: most words of a window have none of them, and are not cut out and looked up. */
const APP_WORD_SHAPES = new Set<number>();
for (const word of APP_WORDS.keys()) APP_WORD_SHAPES.add(wordShape(word.charCodeAt(0), word.length));
/** The first characters of the names that may be inflected. */
const INFLECTED_FIRST = new Set<number>();
for (const head of INFLECTED_HEADS) INFLECTED_FIRST.add(head.charCodeAt(0));

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
    let hyphenated = false;
    for (; stop < lower.length; stop += 1) {
      const code = lower.charCodeAt(stop);
      if (isWordCode(code)) continue;
      if (code !== 45 || !isWordCode(lower.charCodeAt(stop + 1))) break;
      hyphenated = true;
    }
    // Cut out only a word that may name an app: a name's first word by its shape, a hyphenated word, or one that may inflect a name.
    const first = lower.charCodeAt(at);
    if (!hyphenated && !APP_WORD_SHAPES.has(wordShape(first, stop - at)) && !(INFLECTED_FIRST.has(first) && stop - at >= INFLECTED_HEAD)) {
      at = stop;
      continue;
    }
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
