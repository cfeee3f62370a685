/**
 * Round 26: a password glued to the letters of a script written without spaces, after the password word and its particle
 * (`阿嬤的LINE密碼是taipei101阿嬤，手機…`, `Netflixのパスワードはねこねこ2023まるだよ、…`, `비밀번호는 hanbit2020엄마야`): the other forms
 * stop at the first letter of the script, so the value was cut (`taipei101`) or, starting with kana, not taken at all.
 *
 * The value runs from the particle to the clause's mark (`，`, `。`, `、`, a space), less the sentence-final particles people
 * end a spoken sentence with (`だよ`, `です`, `喔`, `啦`, `야`); it must hold three ASCII letters or digits, two of them
 * digits, and none of the words of a rule or an event (`8文字以上`, `2023年に変更`, `6位数字`), and be at most 24 characters.
 * Tried only at the password words the stem scan found (password-stems.ts).
 */
import { type Detection } from './detection.js';
import { passwordStemsOf } from './password-stems.js';

/** The password word, its particle or copula, and the run up to the clause's mark (group 1). */
const GLUED_VALUE = /(?:密碼|密码|口令|パスワード|パスコード|暗証番号|비밀번호|비번|암호)(?:(?:は|が|：|:|是|為|为|는|은|가|이)\s*|\s*[:：]\s*)([^\s，。、！？!?,;；：:「」『』（）()【】"'“”]{4,40})/uy;
/** What a speaker ends the sentence with after the value: copulas and sentence-final particles. */
const FINAL_PARTICLES = /(?:ですよ|ですね|です|だよね|だよ|だね|だ|よ|ね|でしょ|喔|哦|啦|呢|吧|了|哈|呀|啊|입니다|이에요|예요|이야|야|요)$/u;
/** Words of a rule, a count or an event: the run says something about the password. */
const RULE_WORDS = /文字|桁|位|以上|以下|未満|字符|个字|個字|자리|자 이상|이상|以内|変更|更改|修改|設定|设置|設置|忘|重置|リセット|年|月|日|回|次|分|秒|个|個|개|번/u;

/** The letters of the script after the value's last ASCII character. */
const SCRIPT_TAIL = /[^\x00-\x7f]+$/u;
/** A particle or a connective opening those letters: the sentence goes on after the value (`Sakura#Wiki2024なので…`, `…のまま`, `…으로`). */
const PARTICLE_START = /^(?:な|の|で|に|を|が|は|と|も|へ|や|から|まで|이|가|을|를|은|는|으|로|의|에|도|的|了|和|跟|在|就|吗|嗎)/u;

function isGluedValue(value: string): boolean {
  const ascii = value.replace(/[^A-Za-z0-9]/g, '');
  const digits = value.replace(/\D/g, '').length;
  const tail = SCRIPT_TAIL.exec(value)?.[0] ?? '';
  // A short tail of the script's letters is part of the value (`阿嬤`, `まる`, `엄마`); a long one or a particle is the sentence.
  if (tail.length > 3 || (tail !== '' && PARTICLE_START.test(tail))) return false;
  return value.length >= 6 && value.length <= 24 && ascii.length >= 3 && digits >= 2 && ascii.length < value.length && !RULE_WORDS.test(value);
}

/** The values after the CJK password words the stem scan found; extends a value cut at the script. */
export function detectCjkGluedValues(text: string, found: Detection[]): void {
  for (const stem of passwordStemsOf(text).stems) {
    const code = text.charCodeAt(stem);
    if (code < 0x3000) continue; // the words here all start with a CJK or Hangul character
    GLUED_VALUE.lastIndex = stem;
    const match = GLUED_VALUE.exec(text);
    if (match === null) continue;
    const value = match[1].replace(/[.!?]+$/, '').replace(FINAL_PARTICLES, '');
    if (!isGluedValue(value)) continue;
    const start = match.index + match[0].length - match[1].length;
    const end = start + value.length;
    // A value taken already and cut at the script (`taipei101` of `taipei101阿嬤`) is extended; one overlapping otherwise is kept.
    const cut = found.find((detection) => detection.label === 'SECRET' && detection.start === start && detection.end < end);
    if (cut !== undefined) cut.end = end;
    else if (!found.some((detection) => detection.start < end && start < detection.end)) found.push({ start, end, label: 'SECRET' });
  }
}
