import { describe, expect, it } from 'vitest';
import { JsonOutput, repairRequest, structuredOutput } from './json-output';

const schema = { type: 'object', properties: { title: { type: 'string' }, score: { type: 'integer', minimum: 0 } }, required: ['title', 'score'], additionalProperties: false };

describe('JsonOutput', () => {
  const output = new JsonOutput();

  it('parses an answer that matches the schema', () => {
    expect(output.check('{"title":"x","score":3}', schema)).toEqual({ ok: true, value: { title: 'x', score: 3 } });
    expect(output.check('[1,2]', null)).toEqual({ ok: true, value: [1, 2] });
  });

  it('lists every problem of an answer that does not match', () => {
    const verdict = output.check('{"score":-1,"extra":true}', schema);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.issues.map((issue) => issue.path).sort()).toEqual(['extra', 'score', 'title']);
  });

  it('says when the answer is not JSON at all', () => {
    const verdict = output.check('{"title": "x", "sco', schema);
    expect(verdict).toMatchObject({ ok: false, issues: [{ path: '(output)' }] });
    expect(output.check(null, null)).toMatchObject({ ok: false });
  });
});

describe('structured output and repair', () => {
  it('asks for strict json_schema with the output schema, json_object without one', () => {
    expect(structuredOutput('rate.v1', schema)).toEqual({ type: 'json_schema', json_schema: { name: 'rate_v1', schema, strict: true } });
    expect(structuredOutput('rate', null)).toEqual({ type: 'json_object' });
  });

  it('repairs with the invalid answer and its problems appended to the conversation', () => {
    const repaired = repairRequest({ model: 'm', messages: [{ role: 'user', content: 'rate it' }] }, '{"score":-1}', [{ path: 'score', message: 'must be >= 0' }]);
    expect(repaired.messages).toEqual([
      { role: 'user', content: 'rate it' },
      { role: 'assistant', content: '{"score":-1}' },
      { role: 'user', content: 'Your answer is not valid:\n- score must be >= 0\nAnswer again with only the corrected JSON.' },
    ]);
  });
});
