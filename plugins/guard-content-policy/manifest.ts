import type { GuardManifest } from '../../src/plugin-sdk/index.js';
import { contentPolicyBindingSchema, contentPolicyConfigSchema } from './config.schema.js';

/**
 * Priority 1200: the first of the bundled guards. Its refusals are the cheapest (model, size,
 * listed terms), and it reads the prompt as the caller wrote it, before guard-prompt-injection
 * (1100) and guard-pii-redaction (900). On the way back it also runs first, so its output checks
 * see the answer as the provider wrote it, placeholders included: values that guard-pii-redaction
 * puts back afterwards are not checked by this guard.
 */
export const CONTENT_POLICY_PRIORITY = 1200;

export const manifest: GuardManifest = {
  id: 'guard-content-policy',
  kind: 'guard',
  version: '1.0.0',
  sdk: '^1.0.0',
  priority: CONTENT_POLICY_PRIORITY,
  displayName: 'Content policy',
  description:
    'Deny and allow lists, RE2 regex rules, a maximum of input tokens and allowed models on the prompt; on the output: valid JSON (optionally matching a JSON Schema), no denied terms (held across stream chunks) and a maximum length. Each rule blocks with a stable code or flags for the call log.',
  configSchema: contentPolicyConfigSchema,
  bindingSchema: contentPolicyBindingSchema,
};
