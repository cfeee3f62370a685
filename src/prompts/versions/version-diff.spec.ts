import { describe, expect, it } from 'vitest';
import type { PromptVersion } from './prompt-version';
import { diffVersions, templateSource } from './version-diff';

const base: PromptVersion = {
  id: 'v1',
  promptId: 'p',
  number: 1,
  messages: [
    { role: 'system', content: 'You are a helpful assistant.\nAnswer briefly.' },
    { role: 'user', content: 'Summarise: {{text}}' },
  ],
  model: 'mock/mock-chat',
  parameters: { temperature: 0.2, max_tokens: 100 },
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  outputSchema: null,
  commitMessage: 'first',
  author: 'user:1',
  createdAt: new Date(0),
};

describe('diffVersions', () => {
  it('diffs the template sources line by line and the settings field by field', () => {
    const next: PromptVersion = {
      ...base,
      id: 'v2',
      number: 2,
      messages: [
        { role: 'system', content: 'You are a helpful assistant.\nAnswer in one sentence.' },
        { role: 'user', content: 'Summarise: {{text}}' },
      ],
      parameters: { temperature: 0.7, max_tokens: 100, seed: 7 },
      inputSchema: { type: 'object', properties: { text: { type: 'string', maxLength: 2000 } }, required: ['text'] },
    };
    const diff = diffVersions(base, next);
    expect(diff).toMatchObject({ from: 1, to: 2, linesAdded: 1, linesRemoved: 1 });
    expect(diff.changes).toEqual([
      { op: 'keep', lines: ['[system]', 'You are a helpful assistant.'] },
      { op: 'remove', lines: ['Answer briefly.'] },
      { op: 'add', lines: ['Answer in one sentence.'] },
      { op: 'keep', lines: ['[user]', 'Summarise: {{text}}'] },
    ]);
    expect(diff.patch).toContain('--- v1');
    expect(diff.patch).toContain('+++ v2');
    expect(diff.patch).toContain('-Answer briefly.');
    expect(diff.patch).toContain('+Answer in one sentence.');
    expect(diff.fields).toEqual([
      { path: 'inputSchema.properties.text.maxLength', to: 2000 },
      { path: 'parameters.seed', to: 7 },
      { path: 'parameters.temperature', from: 0.2, to: 0.7 },
    ]);
  });

  it('finds nothing between a version and itself', () => {
    const diff = diffVersions(base, base);
    expect(diff.fields).toEqual([]);
    expect(diff.linesAdded + diff.linesRemoved).toBe(0);
  });

  it('shows each message as a role header and its content', () => {
    expect(templateSource(base)).toBe('[system]\nYou are a helpful assistant.\nAnswer briefly.\n[user]\nSummarise: {{text}}\n');
  });
});
