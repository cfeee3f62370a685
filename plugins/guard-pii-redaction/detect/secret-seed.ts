/**
 * Round 21: a crypto wallet's recovery phrase (BIP-39 mnemonic) grants the wallet to whoever reads it, so it is a secret.
 *
 * BIP-39 phrases are 12, 15, 18, 21 or 24 lower-case words of 3 to 8 letters from a fixed list. Round 21 took a phrase only right
 * after a cue that names it (seed phrase, recovery phrase, mnemonic, secret recovery phrase) and only as a run of exactly one of
 * those counts, ended by a quote, a bracket, a full stop or the end of the line: prose after the same cue runs on, has capitals,
 * or holds function words no BIP-39 list contains (`the`, `and`, `with`).
 *
 * Round 26: a remark in brackets may stand between the cue and the phrase (`Seed phrase of the treasury wallet (DO NOT PASTE
 * ANYWHERE): orbit …`), which the 40 characters of the gap did not reach.
 *
 * Round 22: the English list itself (from `@scure/bip39`) is asked too. After a cue, at most a quarter (round 28: a third) of the words may be off the
 * list (people retype phrases with a slip, `hedge` for `hedgehog`), so a cue followed by ordinary words is not taken. With no cue,
 * a run of exactly 12, 15, 18, 21 or 24 words that are all on the list is a phrase: prose never strings that many list words
 * together (1.8 M characters of this repository's English docs hold no run of even six), since it needs `the`, `a`, `is`, `to`.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { type Detection, eachMatch } from './detection.js';
import { phraseWindow } from './secret-seed-world.js';

/** What every cue of {@link SEED_PHRASE} holds, looked for first: most texts hold none of them. */
const CUE_GATE = /seed|mnemonic|recovery|backup|semilla|recupera|récupération|wiederherstellung|сид/i;

/** The cue and what may stand between it and the phrase: `seed phrase is "`, `mnemonic: `, `recovery words — `, `it's "`. */
const SEED_PHRASE = new RegExp(
  String.raw`(?:seed|mnemonic|recovery|backup|secret recovery|frase semilla|frase de recuperación|frase de recuperação|phrase de récupération|wiederherstellungsphrase|seed-phrase|сид-фраза)` +
    String.raw`(?:[ -](?:phrase|words|sentence))?[^\n(]{0,40}?(?:\([^)\n]{1,60}\)[^\n(]{0,12}?)?(?:[:=—–]|\bis\b|\bes\b|\best\b|\bist\b|\bé\b|it's|it is)?\s*["“«'(]?` +
    String.raw`((?:[a-z]{3,8} ){11,23}[a-z]{3,8})(?=["”»')]|[.,;!?]?(?:\s|$))`,
  'giu',
);
/** Function words that appear in prose and in no BIP-39 list: a run holding one is a sentence. */
const PROSE_WORDS = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'you', 'your', 'are', 'was', 'were', 'have', 'has', 'from', 'they', 'them', 'what', 'when', 'which', 'who', 'will', 'would', 'should', 'can', 'could', 'its', 'our', 'his', 'her', 'she', 'him', 'into', 'been', 'does', 'did', 'there', 'here', 'not', 'but']);

/** The English BIP-39 list, as a set built once. */
const BIP39_WORDS: ReadonlySet<string> = new Set(wordlist);
/** The lengths a BIP-39 phrase may have. */
const PHRASE_LENGTHS = new Set([12, 15, 18, 21, 24]);
/**
 * A run of twelve or more lower-case words of 3 to 8 letters apart from anything else (not in a path, an e-mail address, an
 * identifier): the candidates of a phrase with no cue, split into the runs of list words in code.
 */
export const WORD_RUN = /(?<![\p{L}\p{N}_'’@./-])[a-z]{3,8}(?:[ \t]+[a-z]{3,8}){11,}(?![\p{L}\p{N}_'’@/-])/gu;

/**
 * Whether the text holds ten items in a row, between spaces or tabs, of 3 to 8 lower-case ASCII letters each: what every
 * {@link WORD_RUN} match holds (its twelve words less the first and the last, which may touch other characters). A loop over the
 * characters answers that for most texts, where the regex would be tried at every word start.
 *
 * Session 12 (speed only): only the stretches of lower-case letters, spaces and tabs long enough to hold ten such items are read (see
 * {@link eachLongCleanStretch}), most characters of a text being skipped unread.
 */
export function mayHoldWordRun(text: string): boolean {
  let held = false;
  eachLongCleanStretch(text, (from, end) => (held = holdsTenItems(text, from, end)));
  return held;
}

/** A character an item or a blank between items may hold: `a`–`z`, a space, a tab. */
const isClean = (code: number) => (code >= 97 && code <= 122) || code === 32 || code === 9;
/** The fewest characters ten items take: ten words of three letters and the nine blanks between them. */
const TEN_ITEMS = 39;

/**
 * Calls `visit` with each stretch `[from, end)` of {@link isClean} characters at least {@link TEN_ITEMS} long, bounded by other
 * characters or the ends of the text, left to right, until it returns true. Why no stretch that matters is missed: ten items and
 * their blanks lie inside one such stretch (any other character makes its item impure and starts the count again), so a shorter
 * stretch cannot hold them. The scan tests the last character of the next window of that length first: another character there
 * rules out every window that holds it, and the scan jumps past it; else it reads back to the window's start for one.
 */
function eachLongCleanStretch(text: string, visit: (from: number, end: number) => boolean): void {
  let from = 0; // after an unclean character (or at the text's start): no stretch that matters starts before it
  while (from + TEN_ITEMS <= text.length) {
    const last = from + TEN_ITEMS - 1;
    let back = last;
    while (back >= from && isClean(text.charCodeAt(back))) back -= 1;
    if (back >= from) {
      from = back + 1;
      continue;
    }
    let end = last + 1;
    while (end < text.length && isClean(text.charCodeAt(end))) end += 1;
    if (visit(from, end)) return;
    from = end + 1;
  }
}

/**
 * The count of items over one stretch `[from, end)`, as a loop over the whole text would make it there: an item glued to the
 * unclean character before the stretch (`from` > 0) or after it (`end` inside the text) is impure, and the end of the text ends
 * the last item as a blank would.
 */
function holdsTenItems(text: string, from: number, end: number): boolean {
  let items = 0;
  let letters = 0;
  let pure = from === 0;
  const stop = end === text.length ? end : end - 1; // past the text's end, one blank more
  for (let at = from; at <= stop; at += 1) {
    const code = at < end ? text.charCodeAt(at) : 32;
    if (code >= 97 && code <= 122) letters += 1;
    else if (code === 32 || code === 9) {
      if (letters === 0 && pure) continue; // a run of spaces
      items = pure && letters >= 3 && letters <= 8 ? items + 1 : 0;
      if (items >= 10) return true;
      letters = 0;
      pure = true;
    } else pure = false;
  }
  return false;
}

/** The longest BIP-39 length a run of `count` words can end with (`my seed was orbit …`: the run starts one word early). */
const phraseLength = (count: number) => [24, 21, 18, 15, 12].find((length) => length <= count) ?? 0;

/** Whether a phrase repeats no word but one (`word word word …` is a filler, not a phrase). */
const hasDistinctWords = (words: readonly string[]) => new Set(words).size >= words.length - 1;

/** Round 28: `[first, count]` of the phrase in the longest run of list words of a cued run, where that run is a phrase or a little longer. */
function listRunWindow(run: readonly string[]): [number, number] | undefined {
  let best: [number, number] = [0, 0];
  for (let first = 0; first < run.length; ) {
    let last = first;
    while (last < run.length && BIP39_WORDS.has(run[last])) last += 1;
    if (last - first > best[1]) best = [first, last - first];
    first = last + 1;
  }
  const window = phraseWindow(run.slice(best[0], best[0] + best[1]), wordlist);
  return window && [best[0] + window[0], window[1]];
}

export function detectSeedPhrases(text: string, found: Detection[]): void {
  let cuedEnd = -1;
  if (CUE_GATE.test(text)) {
    eachMatch(SEED_PHRASE, text, (match) => {
      const run = match[1].split(' ');
      // Round 28: the window of list words whose checksum holds (`… sent drive … fresh before`), else the run's last words.
      const [first, count] = listRunWindow(run) ?? [run.length - phraseLength(run.length), phraseLength(run.length)];
      const words = run.slice(first, first + count);
      const phrase = words.join(' ');
      if (words.length === 0 || words.some((word) => PROSE_WORDS.has(word)) || /\p{Lu}/u.test(phrase) || !hasDistinctWords(words)) return;
      if (words.filter((word) => !BIP39_WORDS.has(word)).length * 3 > words.length) return; // ordinary words after the cue
      const start = match.index + match[0].length - match[1].length + run.slice(0, first).join(' ').length + (first > 0 ? 1 : 0);
      found.push({ start, end: start + phrase.length, label: 'SECRET' });
      cuedEnd = start + phrase.length;
    });
  }
  if (!mayHoldWordRun(text)) return;
  eachMatch(WORD_RUN, text, (match) => {
    if (match.index < cuedEnd) return; // taken after its cue already
    // The runs of list words inside the run of words, each of a phrase's length exactly.
    const tokens = [...match[0].matchAll(/[a-z]+/g)];
    for (let first = 0; first < tokens.length; ) {
      let last = first;
      while (last < tokens.length && BIP39_WORDS.has(tokens[last][0])) last += 1;
      const words = tokens.slice(first, last).map((token) => token[0]);
      if (PHRASE_LENGTHS.has(words.length) && hasDistinctWords(words)) {
        const start = match.index + (tokens[first].index ?? 0);
        const end = match.index + (tokens[last - 1].index ?? 0) + tokens[last - 1][0].length;
        found.push({ start, end, label: 'SECRET' });
      }
      first = last + 1;
    }
  });
}
