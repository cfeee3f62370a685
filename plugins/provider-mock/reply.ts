import { createHash } from 'node:crypto';
import type { ChatCompletionRequest, ChatMessage, FinishReason, ToolCall } from '../../src/plugin-sdk/index.js';

/**
 * Deterministic content of the mock: everything here is a function of the request, so equal
 * input gives equal bytes. Tokens are counted as whitespace-separated words (plus one per
 * message): a simple, consistent count, not a real tokenizer.
 */

const VOCABULARY = [
  'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel',
  'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa',
  'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey', 'xray',
  'yankee', 'zulu', 'portico', 'gateway', 'stream', 'token', 'model', 'reply',
];

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** mulberry32: a tiny seeded PRNG, enough for repeatable mock behaviour. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function countTokens(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

export function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return '';
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
}

export function lastUserText(messages: ChatMessage[]): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  return last ? messageText(last) : '';
}

export function promptTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + 1 + countTokens(messageText(message)), 0);
}

export interface MockDirectives {
  status?: number;
  latencyMs?: number;
  cutStreamAfter?: number;
  hang: boolean;
}

/** Reads `[mock:status=429]`, `[mock:latency=200]`, `[mock:cut-stream=3]`, `[mock:hang]`. */
export function readDirectives(text: string): MockDirectives {
  const directives: MockDirectives = { hang: false };
  for (const match of text.matchAll(/\[mock:([a-z-]+)(?:=(\d+))?\]/g)) {
    const value = match[2] === undefined ? undefined : Number(match[2]);
    if (match[1] === 'status' && value !== undefined && value >= 100 && value <= 599) directives.status = value;
    if (match[1] === 'latency' && value !== undefined) directives.latencyMs = value;
    if (match[1] === 'cut-stream' && value !== undefined) directives.cutStreamAfter = value;
    if (match[1] === 'hang') directives.hang = true;
  }
  return directives;
}

export interface MockChoice {
  content: string | null;
  toolCalls?: ToolCall[];
  finishReason: FinishReason;
  completionTokens: number;
}

function forcedTool(request: ChatCompletionRequest): string | undefined {
  const tools = request.tools ?? [];
  if (tools.length === 0) return undefined;
  const choice = request.tool_choice;
  if (typeof choice === 'object') return choice.function.name;
  return choice === 'required' ? tools[0].function.name : undefined;
}

function applyStop(text: string, stop: ChatCompletionRequest['stop']): { text: string; stopped: boolean } {
  const sequences = stop === undefined || stop === null ? [] : Array.isArray(stop) ? stop : [stop];
  const cut = Math.min(...sequences.map((sequence) => text.indexOf(sequence)).filter((index) => index >= 0));
  return Number.isFinite(cut) ? { text: text.slice(0, cut), stopped: true } : { text, stopped: false };
}

/** The reply for choice `index`: `mock <digest> word word ...`, shaped by the request's options. */
export function composeChoice(request: ChatCompletionRequest, index: number, replyWords: number): MockChoice {
  const hash = digest(`${lastUserText(request.messages)}\u0000${index}`);
  const tool = forcedTool(request);
  if (tool) {
    const args = JSON.stringify({ mock: hash.slice(0, 8) });
    const call: ToolCall = { id: `call_${hash.slice(0, 24)}`, type: 'function', function: { name: tool, arguments: args } };
    return { content: null, toolCalls: [call], finishReason: 'tool_calls', completionTokens: countTokens(args) };
  }
  const random = seededRandom(parseInt(hash.slice(0, 8), 16));
  const words = ['mock', hash.slice(0, 8)];
  while (words.length < replyWords) words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)]);
  const limit = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const truncated = limit !== undefined && limit !== null && limit < words.length;
  let text = (truncated ? words.slice(0, limit) : words).join(' ');
  const format = request.response_format?.type;
  if (format === 'json_object' || format === 'json_schema') text = JSON.stringify({ reply: text });
  const stopped = applyStop(text, request.stop);
  return {
    content: stopped.text,
    finishReason: truncated && !stopped.stopped ? 'length' : 'stop',
    completionTokens: countTokens(stopped.text),
  };
}

/** A deterministic unit vector of `dimensions` values derived from the input's hash. */
export function embeddingVector(input: string, dimensions: number): number[] {
  const random = seededRandom(parseInt(digest(input).slice(0, 8), 16));
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0)) || 1;
  return raw.map((value) => value / norm);
}
