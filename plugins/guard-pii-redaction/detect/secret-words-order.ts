/**
 * Round 24: values the cued forms of secret-cues.ts miss for the words around them, not for their shape: a copula followed by
 * "now" in the languages whose "now" those forms lack (Catalan `és ara X`, Luxembourgish `ass elo X`, Maltese `hi issa X`, Welsh
 * `yw nawr X`, Spanish `quedó en X`), copulas they lack (Maltese `hi`, Haitian `se`), the Irish verb-first order (`is é X an
 * focal faire`), and Wi-Fi values made of words with no digit (`wifi slaptažodis cepelinai_sekmadieni`, `cyfrinair … yw
 * draig-goch-ar-y-to`) or quoted right after the word in a list (`wifi "LittleBears!5", bedtime 7:30`).
 *
 * Called for each password or Wi-Fi word the stem scan of password-spaced.ts found (no pass of its own over the text); the value
 * must end its clause or follow a copula, and must look like a password by itself (see {@link isWordValue}).
 */
import { type Detection, overlapsAny } from './detection.js';
import { NOT_A_PASSWORD_GAP } from './secret-cues.js';
import { isOtherValue } from './secret-values.js';

/** How far after its cue a value may start: a few words naming the account, a copula, "now". */
const WINDOW = 90;

/**
 * Round 25: the French past copula (`c'était X`, `était X`), and verbs of changing with the preposition after them, in the
 * languages whose speakers write them where others write a copula (Slovak and Czech `zmenil na X`, `změnila na X`, Polish
 * `zmieniłem na X`, Portuguese `mudou para X`, `troquei para X`, Spanish `cambié a X`, French `changé pour X`); the prepositions
 * open a value only right after such a verb (see {@link COPULA_ONLY_AFTER_ANOTHER}).
 */
const CHANGE_AND_PAST_TOKENS = [
  "c'était", 'c’était', 'était', 'etait', "c'est", 'c’est',
  'zmenil', 'zmenila', 'zmenili', 'zmenené', 'změnil', 'změnila', 'změnili', 'změněno', 'zmieniłem', 'zmieniłam', 'zmienił', 'zmieniła', 'zmienione',
  'mudou', 'mudei', 'mudamos', 'mudada', 'trocou', 'troquei', 'trocamos', 'trocada', 'alterei', 'alterou', 'cambié', 'cambió', 'cambiamos', 'cambiada',
  'changé', 'changée', 'na', 'para', 'pra', 'pour',
];

/**
 * Copulas, "now" and verbs of staying that stand between a password word and its value (tokens, lower case): each language's
 * present and past copula and its "now" (`és ara`, `ass elo`, `hi issa`, `yw nawr`, `se`, `quedó en`, `теперь`).
 */
const COPULA_TOKENS = new Set([
  'is', 'was', 'ist', 'est', 'es', 'é', 'è', 'és', 'era', 'ass', 'war', 'hi', 'huwa', 'hija', 'kienet', 'kien', 'yw', 'ydy', 'oedd', 'je', 'је', 'jest', 'er', 'är',
  'ni', 'se', 'ná', 'теперь', 'сейчас', 'тепер', 'сада', 'sada', 'ara', 'encara', 'elo', 'nach', 'nu', 'issa', 'nawr', 'bellach', 'now', 'ahora', 'agora',
  'quedó', 'queda', 'quedo', 'ficou', 'fica', 'en', 'em', 'como', 'a', 'yra', 'adalah', 'ialah', 'dia', 'arís', 'anois', 'جدیده', 'جدیدش',
  ...CHANGE_AND_PAST_TOKENS,
]);
/** Verb-final copulas after the value, ending the clause (Persian `… X است`, `X بود`, Hindi and Urdu `X है`, `X ہے`). */
const FINAL_COPULA_TOKENS = new Set(['است', 'هست', 'بود', 'है', 'था', 'थी', 'ہے', 'تھا', 'تھی']);
/** Of those, the ones that are also common words of other languages, not enough alone to open a value (`a`, `en`, `em`, `como`, `nu`). */
const COPULA_ONLY_AFTER_ANOTHER = new Set(['a', 'en', 'em', 'como', 'nu', 'nach', 'ara', 'encara', 'arís', 'anois', 'na', 'para', 'pra', 'pour']);

/** Prepositions that make the clause's last word the account rather than its password (`password for MacBookPro2019`). */
const ACCOUNT_WORD = /^(?:for|of|on|at|to|from|in|into|inside|under|with|by|de|del|da|do|dos|das|di|für|von|vom|zum|zur|im|pour|para|per|pro|för|på|til|voor|van|naar|для|от|в|во|на|за|dla|w|untuk|ke|di|cho|của|ya|wa|ng|sa|stored|saved|named|called|field|column|variable|file|hint|like|as)$/iu;

/** Words joined by `_` with no space, two of three letters and more (`cepelinai_sekmadieni`, `sirop_derable_QC`, `diri_kole_pwa_2024`). */
const UNDERSCORE_WORDS = /^[\p{L}\p{N}]+(?:_[\p{L}\p{N}-]+)+$/u;
/** Three and more words joined by dashes (`draig-goch-ar-y-to`, `ajvar-i-kajmak-9`). */
const DASHED_WORDS = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+){2,}$/u;
/** Round 25: three to five lower-case words joined by dashes, letters only (`rødgrød-med-fløde`, `blåbær-på-taget`). */
const LOWER_DASHED = /^\p{Ll}{3,}(?:-\p{Ll}{2,}){2,4}$/u;
/** Words of a device's or a network's description (`dual-band-router`, `mesh-only-mode`), not of a passphrase. */
const DEVICE_WORD = /(?:^|-)(?:dual|band|router|mode|mesh|open|free|only|off|enabled|disabled|connection|network|channel|auto|ready|fast|hotspot|guest|public|secure|wireless)(?:-|$)/;
/** Function words of English and Romance compounds (`state-of-the-art`, `up-to-date`, `end-to-end`, `out-of-the-box`). */
const COMPOUND_WORD = /(?:^|-)(?:of|the|and|up|by|with|in|on|at|de|la|le|du|del|da|para|pour|for|end|date|box)(?:-|$)/i;
/** Words of code and config that make an underscore name an identifier (`db_password`, `user_name`, `max_retries`). */
const IDENTIFIER_PART = /(?:^|_)(?:pass(?:word|wd)?|pwd|secret|token|key|user(?:name)?|name|id|env|config|conf|file|path|hash|table|field|max|min|default|enabled?|true|false|null|none|auth|login|admin_?panel|api|url|host|port|db|sql|ssid|net|lan|wifi|guest)(?:_|$)/i;
/** Letters joined to a run of digits (`пельмени2024`, `Vesna2024`): after a copula only. */
const LETTERS_DIGITS = /^\p{L}{4,}\d{2,}[!#$%&*?]*$/u;
/** Mixed case with at least two capitals and a digit (`RendangTokWan77`): not a model or product (`iPhone15`, `XPS13`). */
const CAMEL_DIGITS = /^(?=(?:[^\p{Lu}]*\p{Lu}){2})(?=.*\p{Ll}.*\p{Ll})(?=.*\d)[\p{L}\d]{10,}$/u;
/** A symbol people put in a password, glued between letters or digits (`casadapraia#ubatuba`, `Kafae@Yen2024`). */
const GLUED_SYMBOL = /^[\p{L}\p{N}._-]*\p{L}[\p{L}\p{N}._-]*[!#$%&*@^~+][\p{L}\p{N}!#$%&*@^~+._-]*$/u;

/**
 * Words composed with a symbol and a digit (`Tortas&Tamales_2023`, `Zabka#Kasa_2024`): a password even at the end of a long clause
 * about its account, which a name of an account or a ticket (`room#12`, `AT&T`) is not.
 */
const isComposed = (value: string) => /\p{L}{3,}[^\p{L}\s]*[!#$%&*@][^\p{L}\s]*\p{L}{3,}/u.test(value) && /\d/.test(value) && value.length >= 10;

/** How strongly a value looks like a password on its own: `strong` anywhere in its clause, `copula` right after a copula only. */
type Shape = 'strong' | 'copula' | null;

function shapeOf(value: string): Shape {
  // Letters only (most words of a clause) fit no shape below: the cheap test first.
  if (value.length < 8 || value.length > 64 || /^\p{L}+$/u.test(value) || /:\/\/|\/|\\/.test(value)) return null;
  // Words joined by dashes are `isOtherValue`'s hyphenated words (`self-service`): judged here by their count and words.
  if (DASHED_WORDS.test(value) && /^[\p{L}\p{N}-]+$/u.test(value)) {
    return !COMPOUND_WORD.test(value) && /\p{L}{4,}/u.test(value) && (/\d/.test(value) || value.split('-').length >= 4) ? 'copula' : null;
  }
  if (isOtherValue(value)) return null;
  if (/^[^@]+@[\w-]+\.[\w.-]+$/.test(value)) return null; // an e-mail address
  const letters = value.replace(/[^\p{L}]/gu, '').length;
  if (letters < 4) return null;
  if (GLUED_SYMBOL.test(value) && (/\d/.test(value) || /[#!$%&*^~]/.test(value))) return 'strong';
  if (UNDERSCORE_WORDS.test(value) && !IDENTIFIER_PART.test(value) && value.split('_').filter((part) => /\p{L}{3,}/u.test(part)).length >= 2) return 'strong';
  if (CAMEL_DIGITS.test(value)) return 'strong';
  if (DASHED_WORDS.test(value) && !COMPOUND_WORD.test(value) && (/\d/.test(value) || value.split('-').length >= 4)) return 'copula';
  if (LETTERS_DIGITS.test(value)) return 'copula';
  return null;
}

/** A token of the clause and where it starts. */
interface Token {
  word: string;
  start: number;
}

/** Where a clause ends: a comma, a semicolon, CJK and other scripts' marks, a full stop or a question mark before a space, a dash. */
const CLAUSE_END = /[,;，。；、،؛\n]|[.?!](?=\s|$)|\s[—–-]\s|\(/u;

/**
 * Round 25: a hedge after the comma, before the copula (`esqueci a senha, acho que era X`, `la clave, creo que era X`, `the
 * password, I think it was X`): the clause goes on after the comma as it does before a copula.
 */
const HEDGE = /^(?:acho|creo|creio|penso|credo|crois|i|ich|myslím|myslim|tuším|tusim|думаю|kayaknya|sepertinya|probablement|probablemente|provavelmente|probably|maybe|talvez|quizás|quizas|vielleicht)$/iu;

/**
 * A value after a Thai password word: ASCII of a strong shape, or (round 26) Thai words joined by a symbol with a digit
 * (`ส้มตำ_ไก่ย่าง99`), which no Thai word of prose is.
 */
const THAI_JOINED = /^(?=[^_#!@.&-]*[\p{L}\p{M}]{3})(?=.*\d)[\p{L}\p{M}\p{N}]+(?:[_#!@.&-][\p{L}\p{M}\p{N}]+)+$/u;
const isGluedScriptValue = (word: string) => (/^[\x21-\x7e]+$/.test(word) ? shapeOf(word) === 'strong' : THAI_JOINED.test(word));
/** Thai "changed to", "the new one is", glued to the words before them, then the new value after a space. */
const THAI_CHANGED_TO = /(?:เปลี่ยนเป็น|ใหม่คือ|ใหม่เป็น|ตอนนี้เป็น|ตอนนี้คือ)\s*["“]?([^\s"”]{6,64})/gu;

/**
 * Round 26: the new password after a Thai password word and "changed to" (`รหัสผ่านเก่า…คือ Bangkok2518 ตอนนี้เปลี่ยนเป็น
 * Khaosan#Road_2567 แล้วนะ`), also when the old value was taken already; only within the window after the word `end`.
 */
export function detectThaiChangedTo(text: string, end: number, found: Detection[]): void {
  const window = text.slice(end, end + WINDOW + 40);
  THAI_CHANGED_TO.lastIndex = 0;
  for (let match = THAI_CHANGED_TO.exec(window); match !== null; match = THAI_CHANGED_TO.exec(window)) {
    const value = match[1].replace(/[.,!?]+$/, '');
    if (isGluedScriptValue(value)) push(found, end + match.index + match[0].length - match[1].length, value);
  }
}

/** The tokens after `from`, up to the clause's end (a comma before a copula or "now" does not end it: `mudou, agora é X`). */
function clauseTokens(text: string, from: number): Token[] {
  const tokens: Token[] = [];
  const window = text.slice(from, from + WINDOW + 64);
  const tokenPattern = /[^\s"'“”„«»「」]+/gu;
  let lastEnd = -1;
  for (let match = tokenPattern.exec(window); match !== null; match = tokenPattern.exec(window)) {
    if (lastEnd >= 0 && CLAUSE_END.test(window.slice(lastEnd, match.index))) break;
    lastEnd = match.index + match[0].length;
    if (match.index > WINDOW || tokens.length >= 11) break;
    // Round 25: an ellipsis after a value is a pause, not the clause's end (`acho que era Drogaria@77x... alguém lembra?`).
    let word = match[0].replace(/[:：]$/, ':').replace(/(?<=[\p{L}\p{N}])(?:\.{2,}|…)$/u, '');
    const cut = /[,;，。；、،؛]|[.?](?=$)|\)$/u.exec(word);
    const ends = cut !== null;
    if (cut !== null) word = word.slice(0, cut.index);
    if (word !== '' && !FILLER.test(word)) tokens.push({ word, start: from + match.index });
    if (ends) {
      const next = /^\s*(\S+)/.exec(window.slice(match.index + match[0].length));
      if (!(/^[,،，]$/.test(cut?.[0] ?? '') && next !== null && (COPULA_TOKENS.has(next[1].toLowerCase()) || HEDGE.test(next[1])))) break;
    }
  }
  return tokens;
}

function push(found: Detection[], start: number, value: string): boolean {
  if (overlapsAny(found, start, start + value.length)) return false;
  found.push({ start, end: start + value.length, label: 'SECRET' });
  return true;
}

/**
 * What names a network rather than its password after a Wi-Fi word: a band or a guest network in the value (`Lantern_House_5G`,
 * `Gast-5GHz-2`), a word for "network" or "name" between (`the wifi network is X`, `wifi-naam is X`).
 */
const NETWORK_VALUE = /(?:^|[-_. ])(?:2\.?4|5|6)\s?G(?:hz)?(?:$|[-_. \d])|ghz|guest|gast|invit|convidad|ext$|_ext|-ext|mesh|repeater/i;
const NETWORK_WORD = /^[-_]?(?:network|net|name|naam|nom|nombre|nome|ssid|netz|netzwerk|netwerk|rede|red|réseau|sieć|сеть|мережа|mreža|мрежа|verkko|nätverk|netværk|nettverk)/iu;

/** Round 25: the hesitations of a transcript between a copula and its value (`my password is uh X`), skipped as tokens. */
const FILLER = /^(?:uh|uhm|um|umm|erm|er|eh|äh|ähm|euh|ehm|hmm)[,.…]*$/iu;
/**
 * Round 25: a remark on how a dictated value is written, right after it (`X all lowercase no spaces`, `X tout attaché`, `X todo
 * junto`, `X alles klein`): a word of letters only is then the value, which no other shape here would take.
 */
const CASE_REMARK = /^\s*\(?\s*(?:all (?:lower ?case|small|caps|one word)|no spaces|one word|(?:tout )?(?:attaché|en minuscules)|todo (?:junto|en minúsculas)|en minúsculas|tudo (?:junto|minúsculo)|em minúsculas|alles (?:klein|zusammen)|kleingeschrieben)(?![\p{L}])/iu;
const CASE_REMARK_IN = /all (?:lower|small|caps|one)|no spaces|one word|attaché|minuscules|todo junto|minúscul|tudo junto|alles klein|alles zusammen|kleingeschrieben/i;
/** Words a speaker says in place of a value (`the password is uh something all lowercase`). */
const NOT_DICTATED = /^(?:something|anything|whatever|nothing|everything|lowercase|uppercase|written|spelled|case|required|mandatory|optional|different|sensitive|insensitive|letters|characters)$/i;

function isRemarkedWord(text: string, token: Token): boolean {
  return /^\p{L}{8,40}$/u.test(token.word) && !NOT_DICTATED.test(token.word) && CASE_REMARK.test(text.slice(token.start + token.word.length, token.start + token.word.length + 40));
}

/** What every value of {@link shapeOf} holds. */
const VALUE_CHARACTER = /[\d_!#$%&*@^~+-]/;

/** A quoted value in brackets after a few words of the clause (`… on the bridge ("X")`). */
const BRACKETED_VALUE = /^[^.;:\n()"“]{0,60}\(\s*["“']([^"”'\s]{8,64})["”']\s*\)/u;

/** The Irish verb-first order before a password word (`is é X an focal faire`, `ba é X an pasfhocal`). */
const IRISH_BEFORE = /(?<![\p{L}])(?:is|ba)\s+(?:é|í)\s+["'“]?([^\s"'”]{8,64}?)["'”]?\s+an\s+$/iu;

/**
 * The value a password or Wi-Fi word (`cue`, from `start` to `end`) is followed or, in Irish, preceded by. Returns whether one was
 * found.
 */
export function detectWordOrderValue(text: string, start: number, end: number, wifi: boolean, found: Detection[], glued = false): boolean {
  if (start >= 6 && /ocal/i.test(text.slice(start, end))) { // `focal faire`, `pasfhocal`
    const irish = IRISH_BEFORE.exec(text.slice(Math.max(0, start - 80), start));
    if (irish !== null && shapeOf(irish[1]) !== null) {
      const at = start - irish[0].length + irish[0].indexOf(irish[1]);
      return push(found, at, irish[1]);
    }
  }
  // Every shape below holds a digit, `_`, `-` or a symbol: a clause of words only is left at once.
  const window = text.slice(end, end + WINDOW);
  if (!VALUE_CHARACTER.test(window) && !CASE_REMARK_IN.test(window)) return false;
  const colonAfterCue = /^\s*[:：]/.test(text.slice(end, end + 3));
  // `wifi "LittleBears!5", bedtime 7:30`: a Wi-Fi word's value quoted right after it in a list (a network's name has no symbol).
  if (wifi) {
    if (NETWORK_WORD.test(text.slice(end, end + 16).replace(/^\s+/, ''))) return false;
    const quoted = /^\s*[:：]?\s*["“]([^"”\s]{8,64})["”]/u.exec(text.slice(end, end + 80));
    if (quoted !== null && shapeOf(quoted[1]) === 'strong' && /\d/.test(quoted[1]) && /[!#$%&*@^~?]/.test(quoted[1])) {
      return push(found, end + quoted[0].indexOf(quoted[1]), quoted[1]);
    }
  }
  // `read the password out loud ("purple-Tractor-91-Lagoon")`: a quoted value in brackets closing the clause about the password.
  const bracketed = window.includes('(') ? BRACKETED_VALUE.exec(window) : null;
  // Mixed case or a symbol besides the digit: not a section or a reference in brackets (`("see-section-4-2")`).
  const mixed = bracketed !== null && ((/\p{Lu}/u.test(bracketed[1]) && /\p{Ll}/u.test(bracketed[1])) || /[!#$%&*@^~]/.test(bracketed[1]));
  // Words before the bracket that make the value a policy or a mail's subject (`the password policy aloud ("Min-14-Chars")`).
  const gapNamesOther = bracketed !== null && NOT_A_PASSWORD_GAP.test(bracketed[0].slice(0, bracketed[0].indexOf('(')));
  if (bracketed !== null && mixed && !gapNamesOther && shapeOf(bracketed[1]) !== null && /\d/.test(bracketed[1]) && !(wifi && NETWORK_VALUE.test(bracketed[1]))) {
    return push(found, end + bracketed[0].lastIndexOf(bracketed[1]), bracketed[1]);
  }
  const tokens = clauseTokens(text, end);
  // Round 25: lower-case words joined by dashes with no digit as the whole clause after a Wi-Fi word and its colon (`kundens WiFi:
  // rødgrød-med-fløde – og routeren …`): a network's name is capitalised or names a band, and the words of compounds are left.
  const alone = tokens.length === 2 || (tokens.length > 2 && /^[—–-]$/.test(tokens[2].word));
  if (wifi && colonAfterCue && alone && tokens[0].word === ':' && LOWER_DASHED.test(tokens[1].word)) {
    const word = tokens[1].word;
    if (!COMPOUND_WORD.test(word) && !DEVICE_WORD.test(word) && word.split('-').filter((part) => part.length >= 4).length >= 2) return push(found, tokens[1].start, word);
  }
  // Round 25: after a Thai word glued to the account's name (`รหัสผ่านระบบ POS X ติดต่อ…`), the first value of a strong shape among
  // the next three words, whatever follows it: Thai writes no copula or mark there.
  if (glued) {
    const value = tokens.slice(0, 3).find((token) => isGluedScriptValue(token.word));
    return value !== undefined && push(found, value.start, value.word);
  }
  let copula = false;
  let sawAccountWord = false;
  for (let index = 0; index < tokens.length && index < 11; index += 1) {
    const token = tokens[index];
    const lower = token.word.toLowerCase();
    if (COPULA_TOKENS.has(lower)) {
      copula = copula || !COPULA_ONLY_AFTER_ANOTHER.has(lower) || (index > 0 && COPULA_TOKENS.has(tokens[index - 1].word.toLowerCase()));
      continue;
    }
    const last = index === tokens.length - 1;
    const afterCopula = copula && index > 0 && COPULA_TOKENS.has(tokens[index - 1].word.toLowerCase());
    if (wifi && (NETWORK_VALUE.test(token.word) || NETWORK_WORD.test(lower))) return false;
    const endsWithCopula = !last && index === tokens.length - 2 && FINAL_COPULA_TOKENS.has(tokens[index + 1].word);
    const shape = afterCopula || last || endsWithCopula ? shapeOf(token.word) : null; // judged only where a value may stand
    if (shape !== null && afterCopula) return push(found, token.start, token.word);
    if (afterCopula && isRemarkedWord(text, token)) return push(found, token.start, token.word);
    if (shape === 'strong' && (last || endsWithCopula) && (!sawAccountWord || endsWithCopula || isComposed(token.word)) && (colonAfterCue || index <= 4 || endsWithCopula || isComposed(token.word))) {
      return push(found, token.start, token.word);
    }
    if (ACCOUNT_WORD.test(lower)) sawAccountWord = !colonAfterCue;
    if (/[:：]$/.test(token.word)) sawAccountWord = false;
    copula = false;
  }
  return false;
}
