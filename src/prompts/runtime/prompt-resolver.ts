import { ErrorCode, PorticoError } from '../../common/errors';
import { PRODUCTION_LABEL } from '../labels/label-split';
import type { PromptRenderer } from '../rendering/prompt-renderer';
import type { RenderedMessage } from '../templates/prompt-template';
import type { PromptVersion } from '../versions/prompt-version';
import type { PromptSnapshot } from './prompt-snapshot';

/** A prompt named by a request: a label (default `production`) or a version number, and its variables. */
export interface PromptReference {
  readonly slug: string;
  readonly label?: string;
  readonly version?: number;
  readonly variables: unknown;
}

/** The version a reference picked (for an A/B label: the one this call drew). */
export interface SelectedPrompt {
  readonly promptId: string;
  readonly slug: string;
  readonly label: string | null;
  readonly version: PromptVersion;
}

/**
 * Resolves prompt references on the data plane, from the in-memory snapshot only: picks the
 * version (by weight for a split label), renders it, and turns the request into a plain chat request.
 */
export class PromptResolver {
  constructor(
    private readonly snapshot: PromptSnapshot,
    private readonly renderer: PromptRenderer,
    private readonly random: () => number = Math.random,
  ) {}

  select(workspaceId: string, reference: PromptReference): SelectedPrompt {
    const prompt = this.snapshot.prompt(workspaceId, reference.slug);
    if (!prompt) throw promptNotFound(`prompt '${reference.slug}' not found`);
    if (reference.version !== undefined) {
      const version = prompt.versions.get(reference.version);
      if (!version) throw promptNotFound(`prompt '${reference.slug}' has no version ${reference.version}`);
      return { promptId: prompt.id, slug: prompt.slug, label: null, version };
    }
    const label = reference.label ?? PRODUCTION_LABEL;
    const split = prompt.labels.get(label);
    const version = split && prompt.versions.get(split.pick(this.random).version);
    if (!version) throw promptNotFound(`prompt '${reference.slug}' has no label '${label}'`);
    return { promptId: prompt.id, slug: prompt.slug, label, version };
  }

  /**
   * The chat request a prompt reference stands for. `onSelected` hears the version before it is
   * rendered, so a call refused for its variables still names the version it was meant for.
   */
  apply(workspaceId: string, reference: PromptReference, request: Record<string, unknown>, onSelected: (selected: SelectedPrompt) => void): Record<string, unknown> {
    const selected = this.select(workspaceId, reference);
    onSelected(selected);
    return chatRequestFor(selected.version, this.renderer.render(selected.version, reference.variables), request);
  }
}

/**
 * A version's model and parameters under the request's own fields: what the request sets wins
 * (model, temperature, max_tokens, …). Messages the request sends follow the rendered ones.
 */
export function chatRequestFor(version: Pick<PromptVersion, 'model' | 'parameters'>, rendered: readonly RenderedMessage[], request: Record<string, unknown>): Record<string, unknown> {
  const extra = request.messages;
  const messages = extra === undefined ? [...rendered] : Array.isArray(extra) ? [...rendered, ...extra] : extra;
  return { ...version.parameters, model: version.model, ...request, messages };
}

export function promptNotFound(message: string): PorticoError {
  return new PorticoError(ErrorCode.PROMPT_NOT_FOUND, message, { status: 404, details: { param: 'prompt' } });
}
