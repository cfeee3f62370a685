import type { GuardManifest } from '../../src/plugin-sdk/index.js';
import { piiBindingSchema, piiConfigSchema } from './config.schema.js';

export const manifest: GuardManifest = {
  id: 'guard-pii-redaction',
  kind: 'guard',
  version: '1.0.0',
  sdk: '^1.0.0',
  priority: 900,
  displayName: 'PII redaction',
  description:
    'Finds personal data and secrets in prompts (e-mail, phone, cards, IBAN, SSN, IP, credentials, names, addresses, custom entities) and masks, replaces, tokenises or blocks them; rehydrates tokens in responses and streams.',
  configSchema: piiConfigSchema,
  bindingSchema: piiBindingSchema,
};
