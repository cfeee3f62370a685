import type { PluginLogger } from '../../src/plugin-sdk/index.js';
import {
  type CustomEntity,
  DEFAULT_BINDING,
  DEFAULT_ENTITY_ACTIONS,
  ENTITY_TYPES,
  type EntityType,
  type PiiAction,
  type PiiBindingConfig,
} from './config.schema.js';
import { createTextDetector, LABELS, type NlpParser, type TextDetector } from './detect/index.js';

/** A binding ready to run: its config with defaults, its action per label and its detectors. */
export interface ResolvedBinding {
  config: PiiBindingConfig;
  actionOf(label: string): PiiAction;
  requestDetector: TextDetector | undefined;
  responseDetector: TextDetector | undefined;
  anyTokenize: boolean;
}

/** Fills what the host did not (a binding saved before a default existed, or a test's raw config). */
export function withBindingDefaults(raw: Partial<PiiBindingConfig> | undefined): PiiBindingConfig {
  const given = raw ?? {};
  return {
    ...DEFAULT_BINDING,
    ...given,
    entities: { ...DEFAULT_ENTITY_ACTIONS, ...given.entities },
    response: { ...DEFAULT_BINDING.response, ...given.response },
    custom: (given.custom ?? []).map((entity: Partial<CustomEntity>) => ({ flags: 'u', caseSensitive: false, action: 'tokenize', ...entity }) as CustomEntity),
  };
}

/** The NLP model, when loaded, and how much of one text it may read. */
export interface NlpOptions {
  nlp?: NlpParser;
  nlpMaxChars?: number;
}

export function resolveBinding(raw: Partial<PiiBindingConfig> | undefined, nlpOptions: NlpOptions, logger?: PluginLogger): ResolvedBinding {
  const config = withBindingDefaults(raw);
  const actions = new Map<string, PiiAction>(ENTITY_TYPES.map((type) => [LABELS[type], config.entities[type]]));
  for (const entity of config.custom) actions.set(entity.label, entity.action);
  const types = ENTITY_TYPES.filter((type: EntityType) => config.entities[type] !== 'off');
  const enabledCustom = config.custom.filter((entity) => entity.pattern || entity.terms?.length);
  const onInvalidCustom = (label: string, reason: string) => logger?.warn('custom PII pattern does not compile; it is skipped', { label, reason });
  const detector = types.length + enabledCustom.length > 0 ? createTextDetector({ types, binding: config, ...nlpOptions, onInvalidCustom }) : undefined;
  return {
    config,
    actionOf: (label) => actions.get(label) ?? 'off',
    requestDetector: detector,
    responseDetector: config.response.detect ? detector : undefined,
    anyTokenize: [...actions.values()].includes('tokenize'),
  };
}

/** Bindings come from the host's configuration snapshot: one resolution per config object. */
export class BindingCache {
  private readonly resolved = new WeakMap<object, ResolvedBinding>();

  constructor(private readonly nlpOptions: NlpOptions) {}

  get(config: object | undefined, logger: PluginLogger): ResolvedBinding {
    const key = config ?? DEFAULT_BINDING;
    let binding = this.resolved.get(key);
    if (!binding) {
      binding = resolveBinding(key as Partial<PiiBindingConfig>, this.nlpOptions, logger);
      this.resolved.set(key, binding);
    }
    return binding;
  }
}
