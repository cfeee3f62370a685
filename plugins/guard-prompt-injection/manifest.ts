import type { GuardManifest } from '../../src/plugin-sdk/index.js';
import { promptInjectionBindingSchema, promptInjectionConfigSchema } from './config.schema.js';

/**
 * Priority 1100: after guard-content-policy (1200, cheap refusals first) and before
 * guard-pii-redaction (900), so injection detection sees the prompt as the caller wrote it,
 * not with placeholders in it.
 */
export const PROMPT_INJECTION_PRIORITY = 1100;

export const manifest: GuardManifest = {
  id: 'guard-prompt-injection',
  kind: 'guard',
  version: '1.0.0',
  sdk: '^1.0.0',
  priority: PROMPT_INJECTION_PRIORITY,
  displayName: 'Prompt-injection detection',
  description:
    'Scores requests for instruction override, system-prompt extraction, role-play jailbreaks, delimiter and encoding smuggling, and instructions smuggled into tool results and retrieved documents; blocks or flags above a threshold.',
  configSchema: promptInjectionConfigSchema,
  bindingSchema: promptInjectionBindingSchema,
};
