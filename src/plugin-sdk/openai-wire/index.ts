/**
 * Pure helpers shared by providers that speak OpenAI's wire format (OpenAI, Azure OpenAI and
 * OpenAI-compatible servers). Plugins import them from `src/plugin-sdk/openai-wire/index.js`.
 */
export * from './errors.js';
export * from './features.js';
export * from './request.js';
export * from './response.js';
export * from './stream.js';
