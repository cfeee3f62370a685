import { definePlugin } from '../../src/plugin-sdk/index.js';
import type { ContentPolicyBinding, ContentPolicyConfig } from './config.schema.js';
import { createContentPolicyGuard } from './guard.js';
import { manifest } from './manifest.js';

export { BINDING_INVALID, CONTENT_POLICY_CODES, STATUS_OF } from './codes.js';
export { CONTENT_POLICY_STATE_KEY, type ContentPolicyReport } from './guard.js';
export { checkContentPolicyBinding } from './policy.js';

export default definePlugin<ContentPolicyConfig, ContentPolicyBinding>({
  manifest,
  create: ({ config }) => ({ guard: createContentPolicyGuard(config) }),
});
