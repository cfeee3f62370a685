export { TokenCounter, encodingForModel, isExactForModel, type EncodingName } from './token-counter.js';
export { TOKENS_PER_MESSAGE, TOKENS_PER_NAME, REPLY_PRIMING_TOKENS, IMAGE_TOKENS_LOW, IMAGE_TOKENS_DEFAULT } from './token-counter.js';
export { UsageMeter, fromProviderUsage, type MeteredUsage } from './usage-meter.js';
