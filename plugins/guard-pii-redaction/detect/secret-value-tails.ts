/**
 * Round 28: what the grammar of the sentence glues to the end of a value, cut off every SECRET the secret scans found.
 *
 * - Turkish and Azerbaijani write the case and copula suffixes of a name or a code after an apostrophe or a hyphen
 *   (`şifrəm Plov_Baku_2024-dür`, `şifrem Ankara1923'tür`, `parola Kedi_99'du`, `şifreyi Mavi2024'e çevirdim`); Hungarian does
 *   after a hyphen (`a jelszó Gulyas2024-et`, `Tisza_77-re`). The suffix is not part of the value.
 * - Korean glues the copula's connective endings to a value written in Latin letters (`비밀번호는 Kimchi#Jjigae77인데 로그인이 안
 *   돼요`, `…77이라서`, `…77였는데`): a value ending in ASCII and then one of these endings ends before them.
 * - German and the languages that quote „so“ (Czech, Polish, Lithuanian, Bulgarian) close a quote with `“` (or `‘` after `‚`),
 *   the opener of English quotes: `„Mein Passwort ist … also Sonnenblume77!“`. A value never ends with it unless it opens one.
 *
 * - A value after a key that names where the password is kept (`existingSecret: pg-credentials`, `passwordSecretRef: db-creds`) is
 *   that place's name, not the password (see secret-not-values.ts).
 *
 * Only the detections the scans made are read (a few a text at most), so this costs nothing on texts without a secret.
 */
import { type Detection } from './detection.js';
import { isNotSecretValue, SECRET_HOLDER_KEY } from './secret-not-values.js';

/**
 * The suffixes, after `'`, `’` or `-`, in the vowel-harmony variants: Turkic copula (-dır/-dir/-dur/-dür/-tır/…, -dı/-ydı,
 * -mış), case endings (-a/-e/-ya/-ye, -ı/-i/-u/-ü/-yı/…, -da/-de/-ta/-te, -dan/-den/-tan/-ten, -la/-le/-yla/-yle, -ın/-in/-nın/…),
 * and the Hungarian accusative, sublative, inessive, instrumental and translative-essive (-t/-et/-ot/-öt, -re/-ra, -ben/-ban,
 * -vel/-val, -ként).
 */
const SUFFIX =
  /[-'’](?:[dt][ıiuü]r|[dt][ıiuü]|y[dt][ıiuü]|[dt][ıiuü]r[ıiuü]|y?m[ıiuü]ş|y?[ae]|y?[ıiuü]|n?[ıiuü]n|[dt][ae]|[dt][ae]n|y?l[ae]|d[ıiuü]r(?:lar|ler)?|[eoö]?t|r[ae]|b[ae]n|v[ae]l|ként|k[eé]nt|n[ae]k)$/u;
/** The Korean copula's endings after a value: `인데(요)`, `이고`, `이라서`, `이라고`, `라서`, `라고`, `였는데`, `이었어요`, `임`, `이니까`. */
const KOREAN_ENDING = /(?<=[\x21-\x7e])(?:인데요?|인데|인지|인가요?|이고요?|이라서|이라고|이라|라서|라고|였는데|였어요|였어|이었는데|이었어요|이었어|이었고|였고|임|이니까|니까|이랑|랑|이며|이면|이던데)$/u;

/** Whether the character at `at` of `text` is a letter or a digit (the word goes on). */
const isWordAt = (text: string, at: number) => at < text.length && /[\p{L}\p{N}]/u.test(text[at]);

/** Whether a `:` or `=` stands before `at`, across spaces and a quote: where a key's value starts. */
function afterSeparator(text: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '"' || text[before] === "'" || text[before] === '\n' || text[before] === '\t')) before -= 1;
  return before >= 0 && (text[before] === ':' || text[before] === '=');
}

/** Cuts the grammar's tail off each SECRET of `found` from index `from` on, and drops the names of a Secret's holder, the fillers, hashes and references. */
export function trimValueTails(text: string, found: Detection[], from: number): void {
  for (let index = from; index < found.length; index += 1) {
    const detection = found[index];
    if (detection.label !== 'SECRET') continue;
    // `existingSecret: pg-credentials`: the value names the Kubernetes Secret that holds the password, and is none.
    // A filler, a password's hash or a reference (secret-not-values.ts) is none either, whichever scan took it.
    const value = text.slice(detection.start, detection.end);
    if ((afterSeparator(text, detection.start) && SECRET_HOLDER_KEY.test(text.slice(Math.max(0, detection.start - 48), detection.start))) || isNotSecretValue(value)) {
      found.splice(index--, 1);
      continue;
    }
    const last = value.charCodeAt(value.length - 1);
    // The tails below end with a letter or `“`/`‘`; the value is at least six characters and its word ends with it.
    if (value.length < 6 || last < 0x41 || (last < 0x80 && !/[A-Za-z]/.test(value[value.length - 1])) || isWordAt(text, detection.end)) continue;
    if (last === 0x201c || last === 0x2018) {
      // `“`/`‘` closing a „quote“/‚quote‘, not opening one inside the value
      if (!value.includes(last === 0x201c ? '”' : '’')) detection.end -= 1;
      continue;
    }
    if (last >= 0xac00 && last <= 0xd7a3) {
      const ending = KOREAN_ENDING.exec(value);
      if (ending !== null && ending.index >= 4) detection.end = detection.start + ending.index;
      continue;
    }
    const mark = Math.max(value.lastIndexOf('-'), value.lastIndexOf("'"), value.lastIndexOf('’'));
    if (mark < 6 || value.length - mark > 6) continue; // no suffix mark near the end
    const suffix = SUFFIX.exec(value);
    // The part before the suffix must look like a value of its own: six or more characters with a digit, or with `_`/`#`/`!`;
    // after a hyphen, which random tokens hold too, the suffix has two letters or more and follows a digit or a symbol.
    if (suffix === null || suffix.index < 6 || !/[\d_#!@$%&*]/.test(value.slice(0, suffix.index))) continue;
    if (value[suffix.index] === '-' && (suffix[0].length < 3 || /[\p{L}]/u.test(value[suffix.index - 1]))) continue;
    detection.end = detection.start + suffix.index;
  }
}
