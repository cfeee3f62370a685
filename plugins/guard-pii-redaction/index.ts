import { definePlugin } from '../../src/plugin-sdk/index.js';
import { DEFAULT_BINDING, ENTITY_TYPES, type PiiBindingConfig, type PiiPluginConfig } from './config.schema.js';
import { createTextDetector, type NlpParser } from './detect/index.js';
import { createPiiGuard } from './guard.js';
import { manifest } from './manifest.js';
import { warmUpInBackground } from './warmup.js';

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
  create: async ({ config }) => {
    const nlp = await loadNlp(config.nlp);
    let stopWarmUp: (() => void) | undefined;
    return {
      guard: createPiiGuard({ nlp, nlpMaxChars: config.nlpMaxChars }),
      // The detectors are compiled in the background from the start on, rather than by the first prompts (see warmup.ts):
      // every type on, names too when the NLP model is loaded.
      onInit: () => {
        stopWarmUp = warmUpInBackground(createTextDetector({ types: ENTITY_TYPES, binding: DEFAULT_BINDING, nlp }));
      },
      onDestroy: () => stopWarmUp?.(),
    };
  },
});
