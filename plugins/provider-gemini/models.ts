import type { ModelInfo } from '../../src/plugin-sdk/index.js';
import type { GeminiModelConfig } from './config.schema.js';

/** Fixed so that the list is byte-stable; Gemini's models API gives no creation time. */
export const GEMINI_MODELS_CREATED_AT = 1735689600;

export function listGeminiModels(models: GeminiModelConfig[]): ModelInfo[] {
  return models.map((model) => {
    const info: ModelInfo = { id: model.id, object: 'model', created: GEMINI_MODELS_CREATED_AT, owned_by: 'google', capabilities: [...model.capabilities] };
    if (model.contextWindow !== undefined) info.context_window = model.contextWindow;
    return info;
  });
}
