import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionRequest, ChatCompletionResponse } from '../../src/plugin-sdk/index.js';
import { describeGuardConformance, textStream } from '../../src/plugin-sdk/testing/guard-conformance.js';
import plugin from './index.js';

const fixture = <T>(name: string) => JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8')) as T;

describeGuardConformance(plugin, {
  bindings: [
    {},
    {
      models: { allow: ['openai/*', 'conformance-*'] },
      inputTokens: { max: 200_000 },
      terms: { deny: ['project nightfall'], allow: ['nightfall review'] },
      regex: [{ id: 'card', pattern: '\\b(?:\\d[ -]?){15}\\d\\b', appliesTo: 'both', action: 'flag' }],
      output: { terms: { deny: ['thursday night', 'slides deck', 'internal only'] }, maxChars: { max: 1_000_000, action: 'flag' } },
    },
    { output: { json: { required: true, action: 'flag' }, terms: { deny: ['a good questionnaire'], action: 'flag' } } },
    { output: { json: { schema: { type: 'object', required: ['answer'] }, bufferStream: true, action: 'flag' } } },
  ],
  requests: [fixture<ChatCompletionRequest>('request-policy.json')],
  responses: [fixture<ChatCompletionResponse>('response-json.json')],
  streams: [textStream(['{"answer": "The internal on', 'ly build shipped on Thurs', 'day night."}'])],
  neutralText: 'The quarterly review moved to Thursday afternoon; bring the printed slides and a good question.',
});
