import { applyReplacements, mask, placeholder } from './actions.js';
import type { ResolvedBinding } from './binding.js';
import { LABELS, type TextDetector } from './detect/index.js';
import type { PiiCounts, TokenVault } from './vault.js';

/**
 * The counts key of each phase and built-in label (`request.EMAIL`), made once: a key built anew for every value is a new
 * string, which the engine must look up in its string table before it can read or write the property. Same keys, same counts.
 */
const COUNT_KEYS = {
  request: new Map(Object.values(LABELS).map((label) => [label, `request.${label}`])),
  response: new Map(Object.values(LABELS).map((label) => [label, `response.${label}`])),
};

/**
 * Applies a binding's actions to texts of one phase, counting per label and collecting the
 * labels that block. `tokenize` needs the vault; on the response side it is never the action.
 */
export class Redactor {
  readonly blocked = new Set<string>();

  constructor(
    private readonly binding: ResolvedBinding,
    private readonly detector: TextDetector,
    private readonly vault: TokenVault,
    private readonly counts: PiiCounts,
    private readonly phase: 'request' | 'response',
  ) {}

  /**
   * Redacts `text` from offset `from` on (what precedes is context already released in a stream);
   * `skip` says which spans are not to be touched (tokens of this call in the model output).
   */
  redact(text: string, from = 0, skip?: (start: number, end: number) => boolean): string {
    const tally = new Map<string, number>();
    const replace = (label: string, value: string) => this.replace(label, value, tally);
    let redacted: string;
    // A request's texts are redacted whole: their detections need no shifting nor filtering.
    if (from === 0 && skip === undefined) redacted = applyReplacements(text, this.detector(text), replace);
    else {
      const detections = this.detector(text)
        .filter((detection) => detection.start >= from && !skip?.(detection.start, detection.end))
        .map((detection) => ({ ...detection, start: detection.start - from, end: detection.end - from }));
      redacted = applyReplacements(text.slice(from), detections, replace);
    }
    this.addCounts(tally);
    return redacted;
  }

  /**
   * The text's counts added to the call's, key by key in the order each key was first counted: the same object as adding one
   * per value, but written once per label rather than once per value (a store that adds a property to the call's fresh counts
   * object is a slow one).
   */
  private addCounts(tally: ReadonlyMap<string, number>): void {
    for (const [key, count] of tally) this.counts[key] = (this.counts[key] ?? 0) + count;
  }

  private replace(label: string, value: string, tally: Map<string, number>): string | undefined {
    const requested = this.binding.actionOf(label);
    if (requested === 'off') return undefined;
    const action = this.phase === 'response' ? this.binding.config.response.action : requested;
    const key = COUNT_KEYS[this.phase].get(label) ?? `${this.phase}.${label}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    switch (action) {
      case 'block':
        this.blocked.add(label);
        return placeholder(label);
      case 'mask':
        return mask(label, value, this.binding.config.maskStyle);
      case 'tokenize':
        return this.vault.tokenFor(label, value);
      default:
        return placeholder(label);
    }
  }
}

export const BLOCK_CODE = 'PII_BLOCKED';
export const BLOCK_STATUS = 422;

/** The block message names the entity types, never the values. */
export function blockMessage(phase: 'request' | 'response', labels: ReadonlySet<string>): string {
  const where = phase === 'request' ? 'The request' : 'The response';
  return `${where} contains personal data this route does not allow: ${[...labels].sort().join(', ')}.`;
}
