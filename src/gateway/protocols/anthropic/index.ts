/** The `/v1/messages` edge codec: Anthropic Messages in and out, canonical in between. Pure; no Nest, no I/O. */
export { ANTHROPIC_REQUEST_ERROR_CODES, AnthropicRequestError, anthropicErrorBody, anthropicErrorType, isAnthropicRequestError } from './errors.js';
export type { AnthropicRequestErrorCode } from './errors.js';
export { anthropicRequestToCanonical } from './request-to-canonical.js';
export { anthropicStopReason, anthropicUsage, canonicalResponseToAnthropic } from './response-to-anthropic.js';
export { AnthropicStreamEncoder, type AnthropicStreamStart } from './stream-encoder.js';
export type * from './wire.js';
