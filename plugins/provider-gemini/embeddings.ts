import {
  UnsupportedParameterError,
  type EmbeddingsOperation,
  type EmbeddingsRequest,
  type EmbeddingsResponse,
  type ProviderTarget,
  type UpstreamRequest,
} from '../../src/plugin-sdk/index.js';
import { bareModelName, geminiHeaders, modelResource, modelUrl, type GeminiContext } from './api.js';
import type { GeminiBatchEmbedContentsResponse, GeminiEmbedContentRequest } from './wire.js';

function inputTexts(input: EmbeddingsRequest['input']): string[] {
  const texts = typeof input === 'string' ? [input] : input;
  if (!texts.every((text): text is string => typeof text === 'string')) {
    throw new UnsupportedParameterError('input', 'Gemini embeds text only, not token arrays');
  }
  return texts;
}

export function buildEmbeddingsRequest(request: EmbeddingsRequest, target: ProviderTarget, context: GeminiContext): UpstreamRequest {
  const model = modelResource(target.model);
  const requests = inputTexts(request.input).map((text) => {
    const item: GeminiEmbedContentRequest = { model, content: { parts: [{ text }] } };
    if (request.dimensions != null) item.outputDimensionality = request.dimensions;
    return item;
  });
  return {
    method: 'POST',
    url: modelUrl(target, context.config, 'batchEmbedContents'),
    headers: geminiHeaders(target),
    body: JSON.stringify({ requests }),
  };
}

function toBase64(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

/**
 * `batchEmbedContents` reports no token counts; unless a `usageMetadata` comes back, usage is an
 * estimate of one token per four characters, so cost accounting is never silently zero.
 */
function estimateTokens(texts: string[]): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
}

export function parseEmbeddingsResponse(bodyText: string, request: EmbeddingsRequest, target: ProviderTarget): EmbeddingsResponse {
  const body = JSON.parse(bodyText) as GeminiBatchEmbedContentsResponse | null;
  if (!body || !Array.isArray(body.embeddings)) throw new Error('expected a batchEmbedContents answer with "embeddings" from Gemini');
  const texts = inputTexts(request.input);
  if (body.embeddings.length !== texts.length) throw new Error(`Gemini answered ${body.embeddings.length} embeddings for ${texts.length} inputs`);
  const promptTokens = body.usageMetadata?.promptTokenCount ?? estimateTokens(texts);
  return {
    object: 'list',
    data: body.embeddings.map((embedding, index) => {
      const values = embedding.values ?? [];
      return { object: 'embedding', index, embedding: request.encoding_format === 'base64' ? toBase64(values) : values };
    }),
    model: bareModelName(target.model),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

export function createEmbeddings(context: GeminiContext): EmbeddingsOperation {
  return {
    buildRequest: (request, target) => buildEmbeddingsRequest(request, target, context),
    parseResponse: (response, { request, target }) => parseEmbeddingsResponse(response.body, request, target),
  };
}
