import type { PluginConfigSchema } from '../../src/plugin-sdk/index.js';

/** Plugin-level config of provider-mock, after defaults. */
export interface MockProviderConfig {
  latencyMs: number;
  chunkDelayMs: number;
  replyWords: number;
  wordsPerChunk: number;
  failureRate: number;
  seed: number;
  embeddingDimensions: number;
}

/** What an empty config becomes; the schema's defaults, spelled out for tools and tests. */
export const DEFAULT_MOCK_CONFIG: MockProviderConfig = {
  latencyMs: 0,
  chunkDelayMs: 0,
  replyWords: 12,
  wordsPerChunk: 3,
  failureRate: 0,
  seed: 42,
  embeddingDimensions: 16,
};

export const mockConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    latencyMs: {
      type: 'integer',
      minimum: 0,
      maximum: 600_000,
      default: 0,
      description: 'Delay before the first byte of every answer, in milliseconds.',
    },
    chunkDelayMs: {
      type: 'integer',
      minimum: 0,
      maximum: 60_000,
      default: 0,
      description: 'Delay between two stream chunks, in milliseconds.',
    },
    replyWords: {
      type: 'integer',
      minimum: 2,
      maximum: 10_000,
      default: 12,
      description: 'Number of words in a chat reply (one word counts as one completion token).',
    },
    wordsPerChunk: {
      type: 'integer',
      minimum: 1,
      maximum: 10_000,
      default: 3,
      description: 'Words carried by each content chunk of a streamed reply.',
    },
    failureRate: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0,
      description: 'Share of requests answered with a 500 error, drawn from a PRNG seeded with `seed`.',
    },
    seed: {
      type: 'integer',
      default: 42,
      description: 'Seed of the PRNG deciding injected failures, so a run is repeatable.',
    },
    embeddingDimensions: {
      type: 'integer',
      minimum: 1,
      maximum: 8192,
      default: 16,
      description: 'Length of embedding vectors when the request does not ask for `dimensions`.',
    },
  },
};
