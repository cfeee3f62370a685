import type { CountryCode } from 'libphonenumber-js/max';
import type { EntityType, PiiBindingConfig } from '../config.schema.js';
import { detectAddresses } from './addresses.js';
import { detectEmails } from './contact.js';
import { compileCustomEntity } from './custom.js';
import { type Detection, type Detector, LABELS, withoutWrapping } from './detection.js';
import { isDocumentedExample } from './examples.js';
import { detectCreditCards, detectIbans, detectSsns } from './financial.js';
import { createPersonDetector, type NlpParser } from './names.js';
import { detectIpAddresses } from './network.js';
import { createPhoneDetector } from './phones.js';
import { detectSecrets } from './secrets.js';

export type { Detection } from './detection.js';
export { LABELS } from './detection.js';
export type { NlpParser } from './names.js';

/** When two values overlap, the earlier type wins (then the longer value): a card inside a secret is the secret. */
const PRIORITY: readonly EntityType[] = ['secret', 'email', 'iban', 'credit_card', 'ssn', 'ip_address', 'phone', 'address', 'person'];

/**
 * Finds the values of some entity types in a text: sorted, non-overlapping, minus the allow list.
 * Detectors run in priority order and see what higher ones found (the phone detector skips runs
 * already taken by a card, an IBAN or an SSN).
 */
export type TextDetector = (text: string) => Detection[];

export interface DetectorOptions {
  types: readonly EntityType[];
  binding: Pick<PiiBindingConfig, 'phoneRegions' | 'allow' | 'custom'>;
  nlp?: NlpParser;
  /** Most characters of one text the NLP model reads. */
  nlpMaxChars?: number;
  onInvalidCustom?: (label: string, reason: string) => void;
}

function builtIn(type: EntityType, options: DetectorOptions): Detector {
  switch (type) {
    case 'email':
      return detectEmails;
    case 'phone':
      return createPhoneDetector(options.binding.phoneRegions as CountryCode[]);
    case 'credit_card':
      return detectCreditCards;
    case 'iban':
      return detectIbans;
    case 'ssn':
      return detectSsns;
    case 'ip_address':
      return detectIpAddresses;
    case 'secret':
      return detectSecrets;
    case 'person':
      return createPersonDetector(options.nlp, options.nlpMaxChars);
    case 'address':
      return detectAddresses;
  }
}

/** Keeps, of overlapping detections, the higher-ranked, then the longer, then the earlier; sorts `found` in place. */
function resolveOverlaps(found: Detection[], rank: Map<string, number>): Detection[] {
  const ordered = found.sort((a, b) => (rank.get(a.label) ?? 0) - (rank.get(b.label) ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Detection[] = [];
  for (const candidate of ordered) {
    if (candidate.end <= candidate.start) continue;
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Builds the detector of one binding; custom entities rank above the built-in types. */
export function createTextDetector(options: DetectorOptions): TextDetector {
  const custom = options.binding.custom.flatMap((entity) => {
    const detector = compileCustomEntity(entity, options.onInvalidCustom ?? (() => {}));
    return detector ? [detector] : [];
  });
  const types = PRIORITY.filter((type) => options.types.includes(type));
  const detectors = [...custom, ...types.map((type) => builtIn(type, options))];
  const rank = new Map<string, number>(PRIORITY.map((type, index) => [LABELS[type], index + 1]));
  const allow = new Set(options.binding.allow);
  return (text) => {
    if (text.length === 0) return [];
    const found: Detection[] = [];
    for (const detector of detectors) detector(text, found);
    const candidates: Detection[] = [];
    for (const detection of found) if (!isDocumentedExample(text, detection)) candidates.push(withoutWrapping(text, detection));
    const kept = resolveOverlaps(candidates, rank);
    return allow.size === 0 ? kept : kept.filter((detection) => !allow.has(text.slice(detection.start, detection.end)));
  };
}
