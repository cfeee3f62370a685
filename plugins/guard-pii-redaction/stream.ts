import type { ChatCompletionChunk, ChatCompletionChunkChoice, ToolCallDelta } from '../../src/plugin-sdk/index.js';
import type { OutputProcessor } from './output.js';

/** Text of one choice's content, or of one tool call's arguments, not yet sent to the client. */
interface PendingText {
  choice: number;
  tool?: number;
  json: boolean;
  text: string;
  /** The last characters already released: detection context for what follows. */
  context: string;
}

export interface HoldRules {
  /** Tokens of this call: a tail that is a prefix of one is held until it completes or diverges. */
  tokens: readonly string[];
  /** Output detection is on: hold a tail that may be the start of a value. */
  detect: boolean;
  /** Person names or addresses are detected: hold a trailing run of capitalised words. */
  words: boolean;
  maxHoldChars: number;
}

const CONTEXT_CHARS = 64;
/** A private key block is held whole up to this size, whatever `maxHoldChars` says. */
const MAX_PEM_HOLD = 16_384;
const DIGIT_TAIL = /(?:[A-Z]{2}\d\d ?)?[+(]?\d[\d ()\-./\u00a0]*$/;
const IBAN_TAIL = /[A-Z]{2}\d\d(?: ?[A-Z0-9]{1,4})* ?$/;
const CUE_TAIL = /(?:bearer|password|passwd|pwd|api[_-]?key|secret|token|ssn|social security(?: number)?|authorization)\s*[:=]?\s*["']?$/i;
const WORD_TAIL =
  /(?:(?:\p{Lu}[\p{L}'’.-]*|\d{1,5}[A-Za-z]?|de|la|le|du|des|del|von|van|der|y|rue|avenue|boulevard|place|chemin|calle|bis|ter|nº)[ ,]+)*(?:\p{Lu}[\p{L}'’.-]*|\d{1,5}[A-Za-z]?)?[ ,]*$/u;

function tokenPrefixStart(text: string, tokens: readonly string[]): number {
  const open = text.lastIndexOf('<');
  if (open < 0 || tokens.length === 0) return text.length;
  const tail = text.slice(open);
  return tokens.some((token) => token.startsWith(tail)) ? open : text.length;
}

function tailStart(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match && match[0].length > 0 ? match.index : text.length;
}

/**
 * Where the text must be cut: everything before is released now, the rest may be the start of a
 * token or of a value and waits for the next chunk. Past `maxHoldChars` the guard decides on
 * what it has (an open private key block is held longer).
 */
export function holdStart(text: string, rules: HoldRules): number {
  let cut = tokenPrefixStart(text, rules.tokens);
  if (!rules.detect) return cut;
  const pem = text.lastIndexOf('-----BEGIN');
  if (pem >= 0 && !text.includes('-----END', pem) && text.length - pem <= MAX_PEM_HOLD) return Math.min(cut, pem);
  cut = Math.min(cut, heldTailStart(text, rules));
  while (cut > 0 && cut < text.length && !/\s/.test(text[cut - 1])) cut -= 1;
  return text.length - cut > rules.maxHoldChars ? text.length : cut;
}

function heldTailStart(text: string, rules: HoldRules): number {
  let cut = text.length;
  const window = text.length > rules.maxHoldChars * 2 ? text.length - rules.maxHoldChars * 2 : 0;
  const recent = text.slice(window);
  const lastSpace = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'), text.lastIndexOf('\t'));
  if (!/\s$/.test(text)) cut = Math.min(cut, lastSpace + 1);
  for (const pattern of rules.words ? [DIGIT_TAIL, IBAN_TAIL, CUE_TAIL, WORD_TAIL] : [DIGIT_TAIL, IBAN_TAIL, CUE_TAIL]) {
    cut = Math.min(cut, window + tailStart(recent, pattern));
  }
  return cut;
}

const SCRATCH_KEY = 'piiStream';

interface StreamScratch {
  pending: Map<string, PendingText>;
  template?: Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model'>;
}

function scratchOf(scratch: Record<string, unknown>): StreamScratch {
  const existing = scratch[SCRATCH_KEY] as StreamScratch | undefined;
  if (existing) return existing;
  const created: StreamScratch = { pending: new Map() };
  scratch[SCRATCH_KEY] = created;
  return created;
}

function carriesNothing(chunk: ChatCompletionChunk): boolean {
  if (chunk.choices.length === 0 || (chunk.usage !== undefined && chunk.usage !== null)) return false;
  return chunk.choices.every((choice) => {
    const { content, tool_calls: toolCalls, ...rest } = choice.delta;
    const restEmpty = Object.values(rest).every((value) => value === undefined || value === null);
    const toolsEmpty = (toolCalls ?? []).every((call) => call.id === undefined && call.function?.name === undefined && !call.function?.arguments);
    return !content && restEmpty && toolsEmpty && choice.finish_reason === null && (choice.logprobs === undefined || choice.logprobs === null);
  });
}

/**
 * Streams the output side of one call chunk by chunk: it buffers each choice's content and each
 * tool call's arguments, releases what cannot be (part of) a token or value any more, and keeps
 * the rest until the next chunk, the choice's finish, or the end of the stream. Chunks whose
 * text is all held are answered `hold`; they carry nothing else, so a later `modify` that
 * replaces them loses nothing.
 */
export class StreamProcessor {
  private readonly state: StreamScratch;
  private changed = false;

  constructor(
    scratch: Record<string, unknown>,
    private readonly output: OutputProcessor,
    private readonly rules: HoldRules,
  ) {
    this.state = scratchOf(scratch);
  }

  /**
   * What to send for `chunk`: the chunk with its texts replaced by what is released now (after
   * the remaining texts when a usage-only chunk ends a stream without a finish reason), whether
   * that differs from the input, and whether it carries nothing at all (all its text is held).
   */
  push(chunk: ChatCompletionChunk): { chunks: ChatCompletionChunk[]; changed: boolean; empty: boolean } {
    this.changed = false;
    if (!Array.isArray(chunk.choices)) return { chunks: [chunk], changed: false, empty: false };
    this.state.template = { id: chunk.id, object: chunk.object, created: chunk.created, model: chunk.model };
    const out = { ...chunk, choices: chunk.choices.map((choice) => this.pushChoice(choice)) };
    if (chunk.choices.length === 0) {
      const flushed = this.flush();
      if (flushed) return { chunks: [flushed, out], changed: true, empty: false };
    }
    return { chunks: [out], changed: this.changed, empty: carriesNothing(out) };
  }

  hasPending(): boolean {
    return [...this.state.pending.values()].some((pending) => pending.text !== '');
  }

  /** Everything still pending, as one chunk (end of stream), or `undefined` when nothing is. */
  flush(): ChatCompletionChunk | undefined {
    const byChoice = new Map<number, ChatCompletionChunkChoice>();
    for (const pending of this.state.pending.values()) {
      const text = this.release(pending, true);
      if (text === '') continue;
      const choice = byChoice.get(pending.choice) ?? { index: pending.choice, delta: {}, finish_reason: null };
      if (pending.tool === undefined) choice.delta.content = text;
      else choice.delta.tool_calls = [...(choice.delta.tool_calls ?? []), { index: pending.tool, function: { arguments: text } }];
      byChoice.set(pending.choice, choice);
    }
    if (byChoice.size === 0) return undefined;
    const template = this.state.template ?? { id: 'chatcmpl-pii', object: 'chat.completion.chunk' as const, created: 0, model: '' };
    return { ...template, choices: [...byChoice.values()].sort((a, b) => a.index - b.index) };
  }

  private pushChoice(choice: ChatCompletionChunkChoice): ChatCompletionChunkChoice {
    if (!choice || typeof choice !== 'object' || !choice.delta) return choice;
    const final = choice.finish_reason !== null && choice.finish_reason !== undefined;
    const delta = { ...choice.delta };
    const content = typeof delta.content === 'string' ? delta.content : '';
    const contentPending = this.pending(`${choice.index}`, choice.index, undefined);
    contentPending.text += content;
    const released = this.release(contentPending, final);
    if (released !== content) this.changed = true;
    if (typeof delta.content === 'string' || released !== '') delta.content = released;
    const toolCalls = this.pushToolCalls(choice.index, delta.tool_calls, final);
    if (toolCalls) delta.tool_calls = toolCalls;
    return { ...choice, delta };
  }

  private pushToolCalls(choiceIndex: number, calls: ToolCallDelta[] | undefined, final: boolean): ToolCallDelta[] | undefined {
    const out: ToolCallDelta[] = [];
    const touched = new Set<number>();
    for (const call of Array.isArray(calls) ? calls : []) {
      const args = call.function?.arguments;
      if (typeof args !== 'string') {
        out.push(call);
        continue;
      }
      touched.add(call.index);
      const pending = this.pending(`${choiceIndex}.${call.index}`, choiceIndex, call.index);
      pending.text += args;
      const released = this.release(pending, final);
      if (released !== args) this.changed = true;
      out.push({ ...call, function: { ...call.function, arguments: released } });
    }
    for (const pending of this.state.pending.values()) {
      const finished = final || (touched.size > 0 && pending.tool !== undefined && pending.tool < Math.min(...touched));
      if (pending.choice !== choiceIndex || pending.tool === undefined || touched.has(pending.tool) || !finished || pending.text === '') continue;
      out.unshift({ index: pending.tool, function: { arguments: this.release(pending, true) } });
      this.changed = true;
    }
    return out.length > 0 || calls !== undefined ? out : undefined;
  }

  private pending(key: string, choice: number, tool: number | undefined): PendingText {
    let pending = this.state.pending.get(key);
    if (!pending) {
      pending = { choice, tool, json: tool !== undefined, text: '', context: '' };
      this.state.pending.set(key, pending);
    }
    return pending;
  }

  private release(pending: PendingText, final: boolean): string {
    const cut = final ? pending.text.length : holdStart(pending.text, this.rules);
    if (cut === 0) return '';
    const raw = pending.text.slice(0, cut);
    pending.text = pending.text.slice(cut);
    const released = this.output.process(pending.context + raw, pending.json, pending.context.length);
    pending.context = (pending.context + raw).slice(-CONTEXT_CHARS);
    return released;
  }
}
