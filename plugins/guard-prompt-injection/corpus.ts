import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionRequest } from '../../src/plugin-sdk/index.js';
import type { PromptInjectionBinding, PromptInjectionConfig } from './config.schema.js';
import { assessRequest, type PromptInjectionReport } from './guard.js';

/** One labelled example of `__fixtures__/injection-corpus.jsonl`. */
export interface CorpusExample {
  id: string;
  /** `dev` examples were looked at while writing the patterns; `holdout` ones were not. */
  split: 'dev' | 'holdout';
  label: 'attack' | 'benign';
  category: string;
  /** Where the text sits: a user message, a tool result, or a system message carrying retrieved context. */
  role: 'user' | 'tool' | 'system';
  lang: string;
  text: string;
}

export interface Quality {
  examples: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  misses: string[];
  falseAlarms: string[];
}

export const CORPUS_PATH = join(__dirname, '__fixtures__', 'injection-corpus.jsonl');

export function readCorpus(path = CORPUS_PATH): CorpusExample[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusExample);
}

/** The request an example stands for: its text in the place a real client would put it. */
export function requestFor(example: CorpusExample): ChatCompletionRequest {
  const system = { role: 'system' as const, content: 'You are a helpful assistant for Example Corp.' };
  if (example.role === 'system') {
    return { model: 'corpus', messages: [{ role: 'system', content: example.text }, { role: 'user', content: 'What does the context say?' }] };
  }
  if (example.role === 'tool') {
    return {
      model: 'corpus',
      messages: [
        system,
        { role: 'user', content: 'Look this up for me and summarise what you find.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: example.text },
      ],
    };
  }
  return { model: 'corpus', messages: [system, { role: 'user', content: example.text }] };
}

/** Precision and recall of the guard on `examples` (an attack is caught when the report is flagged). */
export function measure(examples: readonly CorpusExample[], binding: PromptInjectionBinding, config: PromptInjectionConfig): Quality {
  const quality: Quality = { examples: examples.length, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 0, recall: 0, misses: [], falseAlarms: [] };
  for (const example of examples) {
    const report: PromptInjectionReport = assessRequest(requestFor(example), binding, config);
    if (example.label === 'attack' && report.flagged) quality.truePositives++;
    if (example.label === 'attack' && !report.flagged) {
      quality.falseNegatives++;
      quality.misses.push(example.id);
    }
    if (example.label === 'benign' && report.flagged) {
      quality.falsePositives++;
      quality.falseAlarms.push(example.id);
    }
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  quality.precision = round(quality.truePositives / Math.max(1, quality.truePositives + quality.falsePositives));
  quality.recall = round(quality.truePositives / Math.max(1, quality.truePositives + quality.falseNegatives));
  return quality;
}
