/**
 * Round 26: two forms of a passphrase written with spaces that the spaced form of password-spaced.ts (two to four words and a
 * number of two to four digits) does not take; both are tried only right after a password word the stem scan found.
 *
 * - A phrase followed by a remark on how it is typed (`pass Mustang 66 red (with spaces)`, `le mot de passe Canal+ c'est foot psg
 *   quatorze sans majuscule`, `la clave es perro gato feliz con espacios`, `Passwort ist rote Katze sieben alles klein`): the remark
 *   says that what stands before it is the password, whatever its words, so any two to five words and numbers are taken.
 * - A phrase that is a whole item of a note or a list (`… — clave app Perrito Lulu 7`, `…, पासवर्ड tulsi ka paudha 9 — OTP …`): the
 *   password word opens the item (after a dash, a comma, a bar or the start), the phrase ends it, and the phrase is words and then
 *   a number of one to four digits, with at most one word naming the account between (`app`, `wifi`, `gmail`).
 */
import { type Detection, overlapsAny } from './detection.js';
import { pushSecretIfFree } from './secret-values.js';
import { holds } from './secret-first-pass.js';

/** How a phrase is typed, said right after it: spaces kept, all lower case, in the languages of the corpus. */
const TYPING_REMARK = String.raw`with spaces|with a space between|spaces included|con espacios|con los espacios|avec (?:les |des )?espaces|mit leerzeichen|com espaços|con spazi|met spaties|med mellanslag|sans majuscules?|sans maj|tout en minuscules|en minuscules|all lower ?case|lower ?case|no caps|no capitals|en minúsculas|todo en minúsculas|alles klein(?:geschrieben)?|kleingeschrieben|klein geschrieben|in minuscolo|tutto minuscolo|em minúsculas|tudo minúsculo`;

/** A word of the phrase: not a copula, which ends the words naming the account (`le mot de passe Deezer c'est …`). */
const PHRASE_WORD = String.raw`(?!(?:c'est|c’est|is|est|es|ist|é|è|är|era|was)(?![\p{L}'’]))[\p{L}\p{M}\p{N}'’]+`;
/** What every {@link TYPING_REMARK} holds, tested first on the window after the cue. */
const REMARK_HINT = /spac|espac|espaç|leerz|spazi|spatie|mellansl|majus|minus|minús|lower|caps|capitals|klein/i;
/** From the cue's end: words naming the account, a copula or a colon, the phrase (group `value`) and the remark. */
const REMARKED_PHRASE = new RegExp(
  String.raw`^(?:(?:\s+[\p{L}\p{M}\p{N}+'’.@-]+){0,4}?(?:(?<copula>\s+(?:is|was|ist|est|c'est|c’est|es|era|é|è|är|er|je|jest|это))(?=\s)|\s*[:：=]|\s+[—–-])|)\s*["'“„«]?(?<value>${PHRASE_WORD}(?:[ \t]${PHRASE_WORD}){1,4})["'”»]?[ \t]*[(（]?(?:${TYPING_REMARK})(?![\p{L}])`,
  'iu',
);

/** Words that name the account between the password word and an item's phrase (`clave app …`, `password wifi …`). */
const ACCOUNT_WORD = String.raw`app|apps|wifi|wi-fi|wlan|gmail|mail|email|e-mail|correo|banco|bank|netflix|router|pc|laptop|tablet|ipad|icloud|facebook|instagram|whatsapp|spotify|paypal|amazon|disney|hbo|móvil|movil|celular|handy|portátil`;
/** From the cue's end: one account word at most, a colon or not, the phrase of words and a number (group `value`), and the item's end. */
const ITEM_PHRASE = new RegExp(
  String.raw`^(?:\s+(?:${ACCOUNT_WORD}))?(?:\s*[:：=]|\s+(?:is|es|est|ist|è|é|är|hai|है))?\s+["'“„«]?(?<value>[\p{L}\p{M}'’]+(?:[ \t][\p{L}\p{M}'’]+){1,3}[ \t]\d{1,4}[!#$%&*?]*)["'”»]?(?=[ \t]*(?:$|[—–|;\n]|[,.](?!\d)|[ \t]-[ \t]))`,
  'iu',
);
/** Where an item opens: the start of the text or a line, or a dash, a comma, a bar, a semicolon before the cue. */
const ITEM_START = /(?:^|[\n—–|;,:(“"«]|\s-)[ \t]*$/u;

/**
 * Words of prose, never of a phrase (the function words of the cue's languages, what a password's rules are counted in): a phrase
 * holding one is a sentence about the password (`password for account 7`, `clave de la app 2`, `mot de passe depuis 3 jours`,
 * `Password rules: uppercase and lowercase required`).
 */
const PROSE = /^(?:the|a|an|and|or|und|oder|et|ou|och|eller|og|uppercase|upper|capitals?|mixed|required|to|in|on|at|of|for|from|by|with|is|are|was|be|it|this|that|my|your|our|set|reset|change|changed|expires?|after|before|since|every|each|last|next|only|just|also|not|no|must|should|will|can|has|have|at|least|minimum|maximum|min|max|characters?|chars|digits?|letters?|attempts?|times|days?|hours?|weeks?|months?|years?|version|step|page|line|room|policy|rules?|de|la|el|los|las|del|un|una|en|con|para|por|desde|hace|cada|le|les|du|des|au|pour|dans|depuis|der|die|das|und|mit|für|seit|il|lo|per|di|da|dei|se|si|que|qui|में|है|của|là|cho|và|với|yang|dan|untuk|adalah|dari|ke|pada|ng|sa|ang|manager|generator|vault|all|tout|todo|tudo|alles|tutto|um|uh|erm|something|whatever|doit|debe|muss|deve|must|faire|contain|contenir|contener|enthalten|caractères|caracteres|zeichen|caratteri|strength|hint|field|box|protected|minutes?|segundos?|días|dias|jours|tage)$/iu;
/** The first word of a remark (`all lowercase`, `tout en minuscules`), which the phrase's words take first. */
const REMARK_LEAD = /[ \t]+(?:all|tout|todo|tudo|alles|tutto)$/iu;

function isFreeOfProse(value: string): boolean {
  const words = value.split(/[ \t]+/).filter((word) => !/^\d+[!#$%&*?]*$/.test(word));
  return words.length >= 1 && words.every((word) => !PROSE.test(word));
}

/** The literals one of which every remark holds, asked once per text through the first pass's `holds` (see {@link mayHoldRemark}). */
const REMARK_LITERALS = ['spac', 'espaç', 'eerz', 'spazi', 'spatie', 'mellansl', 'majus', 'minus', 'minús', 'lower', 'caps', 'capitals', 'klein'];
/** Whether the text (the one of the last first pass) may hold a typing remark at all. */
export const mayHoldRemark = (text: string) => REMARK_LITERALS.some((literal) => holds(text, literal));

/** The phrase a typing remark follows, within `window` characters after a password word ending at `cueEnd`; whether one was taken. */
export function detectRemarkedPhrase(text: string, cueEnd: number, window: number, found: Detection[]): boolean {
  const slice = text.slice(cueEnd, cueEnd + window);
  if (!REMARK_HINT.test(slice)) return false; // most password words have no remark after them: the cheap test first
  const match = REMARKED_PHRASE.exec(slice);
  if (match === null) return false;
  // `pinecone otter 58 all lowercase`: the remark's first word is not the phrase's last.
  const value = (match.groups?.value ?? '').replace(REMARK_LEAD, '');
  if (value.length < 6 || !isFreeOfProse(value)) return false;
  const start = cueEnd + match[0].lastIndexOf(value);
  // `le mot de passe Canal+ c'est foot psg quatorze sans majuscule`: before the copula stands the account, not its password.
  if (match.groups?.copula !== undefined) {
    for (let index = found.length - 1; index >= 0; index -= 1) {
      if (found[index].label === 'SECRET' && found[index].start >= cueEnd && found[index].end <= start) found.splice(index, 1);
    }
  }
  return pushSecretIfFree(found, start, start + value.length);
}

/** The phrase that is the rest of a list item opened by a password word at `cueStart`; whether one was taken. */
export function detectItemPhrase(text: string, cueStart: number, cueEnd: number, found: Detection[]): boolean {
  if (!ITEM_START.test(text.slice(Math.max(0, cueStart - 8), cueStart)) || overlapsAny(found, cueEnd, cueEnd + 80)) return false;
  const slice = text.slice(cueEnd, cueEnd + 80);
  if (!/\d/.test(slice)) return false;
  const match = ITEM_PHRASE.exec(slice);
  if (match === null) return false;
  const value = match.groups?.value ?? '';
  if (value.length < 6 || !isFreeOfProse(value)) return false;
  const start = cueEnd + match[0].length - value.length - (/["'”»]$/.test(match[0]) ? 1 : 0);
  return pushSecretIfFree(found, start, start + value.length);
}
