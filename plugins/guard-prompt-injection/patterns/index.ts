import { EXTRACTION_PATTERNS } from './extraction.js';
import { INDIRECT_PATTERNS } from './indirect.js';
import { JAILBREAK_PATTERNS } from './jailbreak.js';
import { OVERRIDE_PATTERNS } from './override.js';
import type { InjectionPattern } from './pattern.js';
import { SMUGGLING_PATTERNS } from './smuggling.js';

export { SIGNAL_CATEGORIES, type InjectionPattern, type SignalCategory } from './pattern.js';

/** Every pattern the detector runs, by family. */
export const INJECTION_PATTERNS: readonly InjectionPattern[] = [
  ...OVERRIDE_PATTERNS,
  ...EXTRACTION_PATTERNS,
  ...JAILBREAK_PATTERNS,
  ...SMUGGLING_PATTERNS,
  ...INDIRECT_PATTERNS,
];
