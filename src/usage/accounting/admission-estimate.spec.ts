import { describe, expect, it } from 'vitest';
import { estimateEmbeddingTokens, estimatePromptTokens } from './admission-estimate';
import { TokenCounter } from './token-counter';

const counter = new TokenCounter();
const chat = (content: string) => ({ model: 'gpt-4o', messages: [{ role: 'system' as const, content: 'You are terse.' }, { role: 'user' as const, content }] });

describe('admission estimate', () => {
  it('never undercounts the real tokenizer on English, German, French, Spanish, code and JSON', () => {
    const samples = [
      'Summarise the quarterly report in three bullet points and flag any risks for the board.',
      'Bitte fasse den Quartalsbericht in drei Stichpunkten zusammen und nenne die Risiken für den Vorstand.',
      "Résume le rapport trimestriel en trois points et signale les risques pour le conseil d'administration.",
      'Resume el informe trimestral en tres puntos y señala los riesgos para la junta directiva.',
      'function add(a: number, b: number): number { return a + b; } // adds two numbers',
      JSON.stringify({ order: 4711, items: [{ sku: 'A-1', qty: 2 }, { sku: 'B-7', qty: 1 }], note: 'leave at door' }),
    ];
    for (const text of samples) {
      const exact = counter.countChatPrompt(chat(text));
      const estimate = estimatePromptTokens(chat(text));
      expect(estimate, text).toBeGreaterThanOrEqual(exact);
      expect(estimate, text).toBeLessThanOrEqual(exact * 2);
    }
  });

  it('counts images at the flat rate and embeddings inputs by size or token count', () => {
    const withImage = { model: 'm', messages: [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'data:', detail: 'low' as const } }] }] };
    expect(estimatePromptTokens(withImage)).toBe(3 + 3 + 2 + 85);
    expect(estimateEmbeddingTokens({ model: 'm', input: 'abcdef' })).toBe(3);
    expect(estimateEmbeddingTokens({ model: 'm', input: [1, 2, 3] })).toBe(3);
    expect(estimateEmbeddingTokens({ model: 'm', input: [[1, 2], [3]] })).toBe(3);
    expect(estimateEmbeddingTokens({ model: 'm', input: ['abc', 'abcd'] })).toBe(4);
  });
});
