/**
 * The per-call state this guard keeps in `ctx.callState`. `counts` is the documented part: the
 * host may read it for the call log; it holds numbers only, never values.
 */
export const COUNTS_KEY = 'counts';
const VAULT_KEY = 'piiVault';

/** `callState.counts`: detections per phase and label, e.g. `{ 'request.EMAIL': 2, 'response.PERSON': 1 }`. */
export type PiiCounts = Record<string, number>;

const TOKEN_SHAPE = /<([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_(\d+)>/g;

/** Placeholder ↔ value for one call: the same value always gets the same token. */
export class TokenVault {
  /** Token of each value, by label then value (session 12, speed: no `label\u0000value` key to build and hash per value). */
  private readonly tokenByValue = new Map<string, Map<string, string>>();
  private readonly valueByToken = new Map<string, string>();
  private readonly nextNumber = new Map<string, number>();
  private readonly reserved = new Set<string>();

  tokenFor(label: string, value: string): string {
    let tokens = this.tokenByValue.get(label);
    if (tokens === undefined) this.tokenByValue.set(label, (tokens = new Map()));
    const known = tokens.get(value);
    if (known) return known;
    let number = this.nextNumber.get(label) ?? 1;
    while (this.reserved.has(`<${label}_${number}>`)) number += 1;
    const token = `<${label}_${number}>`;
    this.nextNumber.set(label, number + 1);
    tokens.set(value, token);
    this.valueByToken.set(token, value);
    return token;
  }

  /** Token-shaped text the caller wrote itself is never issued, so it is never rehydrated by mistake. */
  reserveLiteralTokens(text: string): void {
    if (!text.includes('<')) return;
    for (const match of text.matchAll(TOKEN_SHAPE)) if (!this.valueByToken.has(match[0])) this.reserved.add(match[0]);
  }

  valueOf(token: string): string | undefined {
    return this.valueByToken.get(token);
  }

  get size(): number {
    return this.valueByToken.size;
  }

  tokens(): IterableIterator<string> {
    return this.valueByToken.keys();
  }

  /** Puts the values back; `escape` encodes them for where they land (JSON string bodies for tool arguments). */
  rehydrate(text: string, escape: (value: string) => string = (value) => value): string {
    if (this.size === 0 || !text.includes('<')) return text;
    return text.replace(TOKEN_SHAPE, (token) => {
      const value = this.valueByToken.get(token);
      return value === undefined ? token : escape(value);
    });
  }
}

export function vaultOf(callState: Record<string, unknown>): TokenVault {
  const existing = callState[VAULT_KEY];
  if (existing instanceof TokenVault) return existing;
  const vault = new TokenVault();
  callState[VAULT_KEY] = vault;
  return vault;
}

export function countsOf(callState: Record<string, unknown>): PiiCounts {
  const existing = callState[COUNTS_KEY];
  if (existing && typeof existing === 'object') return existing as PiiCounts;
  const counts: PiiCounts = {};
  callState[COUNTS_KEY] = counts;
  return counts;
}
