/**
 * Plugins shipped with Portico, by id. The host resolves a bundled specifier through this map;
 * there is no folder scan.
 */
export const BUNDLED_PLUGINS: Record<string, () => Promise<unknown>> = {
  'provider-mock': () => import('./provider-mock/index.js'),
  'provider-openai': () => import('./provider-openai/index.js'),
  'provider-openai-compatible': () => import('./provider-openai-compatible/index.js'),
  'provider-anthropic': () => import('./provider-anthropic/index.js'),
  'provider-gemini': () => import('./provider-gemini/index.js'),
  'guard-pii-redaction': () => import('./guard-pii-redaction/index.js'),
  'guard-prompt-injection': () => import('./guard-prompt-injection/index.js'),
  'guard-content-policy': () => import('./guard-content-policy/index.js'),
};
