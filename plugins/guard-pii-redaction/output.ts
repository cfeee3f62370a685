import type { ResolvedBinding } from './binding.js';
import { Redactor } from './redactor.js';
import type { PiiCounts, TokenVault } from './vault.js';

const TOKEN = /<[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_\d+>/g;
export const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

/**
 * The model-output side of one call: optional detection of new values (with the binding's
 * response action), then rehydration of this call's tokens. Detection runs first, on the text
 * the model wrote, so values put back from tokens are never redacted again.
 */
export class OutputProcessor {
  readonly redactor: Redactor | undefined;

  constructor(
    binding: ResolvedBinding,
    private readonly vault: TokenVault,
    counts: PiiCounts,
  ) {
    this.redactor = binding.responseDetector ? new Redactor(binding, binding.responseDetector, vault, counts, 'response') : undefined;
  }

  get active(): boolean {
    return this.redactor !== undefined || this.vault.size > 0;
  }

  /** Processes `text.slice(from)`; `text.slice(0, from)` is context already released. `json`: the text is a JSON document (tool arguments). */
  process(text: string, json: boolean, from = 0): string {
    const redacted = this.redactor ? this.redactor.redact(text, from, this.tokenSpans(text)) : text.slice(from);
    return this.vault.rehydrate(redacted, json ? jsonEscape : undefined);
  }

  private tokenSpans(text: string): ((start: number, end: number) => boolean) | undefined {
    if (this.vault.size === 0 || !text.includes('<')) return undefined;
    const spans = [...text.matchAll(TOKEN)].filter((match) => this.vault.valueOf(match[0]) !== undefined).map((match) => [match.index, match.index + match[0].length]);
    return (start, end) => spans.some(([tokenStart, tokenEnd]) => start < tokenEnd && end > tokenStart);
  }
}
