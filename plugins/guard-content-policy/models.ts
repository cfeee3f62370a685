/**
 * Model globs: `*` matches any run of characters (slashes included), `?` one character, the rest
 * literally, ignoring case. `openai/gpt-4o*` allows `openai/gpt-4o` and `openai/gpt-4o-mini`.
 *
 * @example
 * compileModelGlob('openai/gpt-4o*').test('OpenAI/gpt-4o-mini'); // true
 */
export function compileModelGlob(glob: string): RegExp {
  const body = glob
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.+()[\]{}|/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'is');
}

/** Model ids are short; longer input is not a model id and matches nothing (keeps `.*` runs cheap). */
const MAX_MODEL_LENGTH = 256;

export function modelAllowed(model: unknown, globs: readonly RegExp[]): boolean {
  if (globs.length === 0) return true;
  if (typeof model !== 'string' || model.length > MAX_MODEL_LENGTH) return false;
  return globs.some((glob) => glob.test(model));
}
