/** Canonical embeddings and model-list types, in OpenAI's wire format. */

/**
 * `POST /v1/embeddings` request body. `input` is text, texts, tokens or token arrays.
 *
 * @example
 * const request: EmbeddingsRequest = { model: 'mock-embed', input: ['a', 'b'], dimensions: 8 };
 */
export interface EmbeddingsRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
  user?: string;
}

/**
 * One vector of an embeddings answer (`embedding` is a base64 string of little-endian float32
 * values when `encoding_format: 'base64'` was asked for).
 *
 * @example
 * const item: EmbeddingItem = { object: 'embedding', index: 0, embedding: [0.6, 0.8] };
 */
export interface EmbeddingItem {
  object: 'embedding';
  index: number;
  embedding: number[] | string;
}

/**
 * `POST /v1/embeddings` response body.
 *
 * @example
 * const response: EmbeddingsResponse = {
 *   object: 'list', model: 'mock-embed',
 *   data: [{ object: 'embedding', index: 0, embedding: [0.6, 0.8] }],
 *   usage: { prompt_tokens: 1, total_tokens: 1 },
 * };
 */
export interface EmbeddingsResponse {
  object: 'list';
  data: EmbeddingItem[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/**
 * A model as `GET /v1/models` lists it. `capabilities` and `context_window` are Portico
 * additions that OpenAI clients ignore.
 *
 * @example
 * const model: ModelInfo = { id: 'mock-chat', object: 'model', created: 1735689600, owned_by: 'portico-mock', capabilities: ['chat'] };
 */
export interface ModelInfo {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  capabilities?: Array<'chat' | 'embeddings'>;
  context_window?: number;
}
