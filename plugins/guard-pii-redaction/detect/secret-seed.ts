/**
 * Round 21: a crypto wallet's recovery phrase (BIP-39 mnemonic) grants the wallet to whoever reads it, so it is a secret.
 *
 * BIP-39 phrases are 12, 15, 18, 21 or 24 lower-case words of 3 to 8 letters from a fixed list. The list itself is not shipped
 * here; instead a phrase is taken only right after a cue that names it (seed phrase, recovery phrase, mnemonic, secret recovery
 * phrase) and only as a run of exactly one of those counts, ended by a quote, a bracket, a full stop or the end of the line:
 * prose after the same cue runs on, has capitals, or holds function words no BIP-39 list contains (`the`, `and`, `with`).
 */
import { type Detection, eachMatch } from './detection.js';

/** What every cue of {@link SEED_PHRASE} holds, looked for first: most texts hold none of them. */
const CUE_GATE = /seed|mnemonic|recovery|backup|semilla|recupera|récupération|wiederherstellung|сид/i;

/** The cue and what may stand between it and the phrase: `seed phrase is "`, `mnemonic: `, `recovery words — `, `it's "`. */
const SEED_PHRASE = new RegExp(
  String.raw`(?:seed|mnemonic|recovery|backup|secret recovery|frase semilla|frase de recuperación|frase de recuperação|phrase de récupération|wiederherstellungsphrase|seed-phrase|сид-фраза)` +
    String.raw`(?:[ -](?:phrase|words|sentence))?[^\n]{0,40}?(?:[:=—–]|\bis\b|\bes\b|\best\b|\bist\b|\bé\b|it's|it is)?\s*["“«'(]?` +
    String.raw`((?:[a-z]{3,8} ){11,23}[a-z]{3,8})(?=["”»')]|[.,;!?]?(?:\s|$))`,
  'giu',
);
/** Function words that appear in prose and in no BIP-39 list: a run holding one is a sentence. */
const PROSE_WORDS = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'you', 'your', 'are', 'was', 'were', 'have', 'has', 'from', 'they', 'them', 'what', 'when', 'which', 'who', 'will', 'would', 'should', 'can', 'could', 'its', 'our', 'his', 'her', 'she', 'him', 'into', 'been', 'does', 'did', 'there', 'here', 'not', 'but']);

/** The longest BIP-39 length a run of `count` words can end with (`my seed was orbit …`: the run starts one word early). */
const phraseLength = (count: number) => [24, 21, 18, 15, 12].find((length) => length <= count) ?? 0;

export function detectSeedPhrases(text: string, found: Detection[]): void {
  if (!CUE_GATE.test(text)) return;
  eachMatch(SEED_PHRASE, text, (match) => {
    const run = match[1].split(' ');
    const words = run.slice(run.length - phraseLength(run.length));
    const phrase = words.join(' ');
    if (words.length === 0 || words.some((word) => PROSE_WORDS.has(word)) || /\p{Lu}/u.test(phrase)) return;
    if (new Set(words).size < words.length - 1) return; // `word word word …`: a filler, not a phrase
    const start = match.index + match[0].length - phrase.length;
    found.push({ start, end: start + phrase.length, label: 'SECRET' });
  });
}
