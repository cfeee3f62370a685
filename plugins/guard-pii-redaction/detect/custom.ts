import type { CustomEntity } from '../config.schema.js';
import { type Detection, type Detector, eachMatch } from './detection.js';

const escapeRegExp = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A compiled custom entity, or `undefined` when its pattern does not compile (reported, never thrown). */
export function compileCustomEntity(entity: CustomEntity, onInvalid: (label: string, reason: string) => void): Detector | undefined {
  const patterns: RegExp[] = [];
  try {
    if (entity.pattern) patterns.push(new RegExp(entity.pattern, `g${(entity.flags ?? 'u').replace(/g/g, '')}`));
  } catch (error) {
    onInvalid(entity.label, error instanceof Error ? error.message : String(error));
  }
  const terms = (entity.terms ?? []).filter((term) => term.trim() !== '').sort((a, b) => b.length - a.length);
  if (terms.length > 0) {
    const alternatives = terms.map(escapeRegExp).join('|');
    patterns.push(new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, entity.caseSensitive ? 'gu' : 'giu'));
  }
  if (patterns.length === 0) return undefined;
  return (text: string, found: Detection[]) => {
    for (const pattern of patterns) {
      eachMatch(pattern, text, (match) => {
        if (match[0].length > 0) found.push({ start: match.index, end: match.index + match[0].length, label: entity.label });
      });
    }
  };
}
