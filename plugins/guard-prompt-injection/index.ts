import { definePlugin } from '../../src/plugin-sdk/index.js';
import type { PromptInjectionBinding, PromptInjectionConfig } from './config.schema.js';
import { createPromptInjectionGuard } from './guard.js';
import { manifest } from './manifest.js';

export { PROMPT_INJECTION_DETECTED, PROMPT_INJECTION_STATE_KEY, type PromptInjectionReport, reportCounts } from './guard.js';

export default definePlugin<PromptInjectionConfig, PromptInjectionBinding>({
  manifest,
  create: ({ config }) => ({ guard: createPromptInjectionGuard(config) }),
});
