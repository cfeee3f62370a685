import RE2 from 're2';

/**
 * Binding patterns run on RE2 (Google's engine, through the `re2` native addon): matching is
 * linear in the input whatever the pattern, so no pattern can make a request hang (no
 * catastrophic backtracking). RE2 does not support backreferences or lookaround; such patterns
 * are refused when the binding is checked. (The WebAssembly build, re2-wasm, was tried first and
 * dropped: its heap is fixed at 16 MB and aborts the module for good when a large input or many
 * compiled patterns exhaust it.)
 */
export type SafeRegex = Pick<RE2, 'test' | 'exec' | 'replace' | 'source' | 'flags'>;

/**
 * Compiles a pattern with RE2 (`u` is always on). Throws on a syntax RE2 does not support.
 *
 * @example
 * compileSafeRegex('\\b\\d{16}\\b', 'i').test('card 4111111111111111'); // true
 */
export function compileSafeRegex(pattern: string, flags = ''): SafeRegex {
  return new RE2(pattern, `${flags}u`);
}

/** Why RE2 refuses a pattern, or `undefined` when it compiles. */
export function safeRegexProblem(pattern: string, flags = ''): string | undefined {
  try {
    compileSafeRegex(pattern, flags);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
