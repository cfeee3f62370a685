import { definePlugin } from '../../src/plugin-sdk/index.js';
import type { PiiBindingConfig, PiiPluginConfig } from './config.schema.js';
import type { NlpParser } from './detect/index.js';
import { createPiiGuard } from './guard.js';
import { manifest } from './manifest.js';

export { COUNTS_KEY, type PiiCounts } from './vault.js';
export { createPiiGuard } from './guard.js';

/** compromise is loaded only when the plugin config asks for it (it takes a moment and some memory). */
async function loadNlp(enabled: boolean): Promise<NlpParser | undefined> {
  if (!enabled) return undefined;
  const compromise = await import('compromise');
  return (compromise.default ?? compromise) as unknown as NlpParser;
}

export default definePlugin<PiiPluginConfig, Partial<PiiBindingConfig>>({
  manifest,
  create: async ({ config }) => ({ guard: createPiiGuard({ nlp: await loadNlp(config.nlp), nlpMaxChars: config.nlpMaxChars }) }),
});
