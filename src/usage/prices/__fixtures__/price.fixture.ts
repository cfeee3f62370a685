import type { Price } from '../price';

/** A gpt-4o-mini default price version, for specs. */
export function price(overrides: Partial<Price> = {}): Price {
  return {
    id: 'p',
    workspaceId: null,
    pluginId: 'provider-openai',
    model: 'gpt-4o-mini',
    inputPerMTok: 0.15,
    outputPerMTok: 0.6,
    cachedInputPerMTok: 0.075,
    reasoningPerMTok: null,
    perRequest: null,
    perImage: null,
    currency: 'USD',
    effectiveFrom: new Date('2025-01-01T00:00:00Z'),
    createdAt: new Date('2025-01-01T00:00:00Z'),
    createdBy: 'system',
    ...overrides,
  };
}
