import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionRequest, ChatCompletionResponse } from '../../src/plugin-sdk/index.js';
import { describeGuardConformance, textStream } from '../../src/plugin-sdk/testing/guard-conformance.js';
import plugin from './index.js';

const fixture = <T>(name: string) => JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8')) as T;

describeGuardConformance(plugin, {
  bindings: [
    {},
    { entities: { person: 'tokenize', address: 'mask', secret: 'block' }, maskStyle: 'full' },
    { entities: { email: 'replace', phone: 'mask' }, response: { detect: true, action: 'replace' }, maxHoldChars: 16 },
    { response: { detect: true, action: 'block' }, custom: [{ label: 'PROJECT', terms: ['Bluebird'] }, { label: 'BROKEN', pattern: '(' }] },
  ],
  requests: [fixture<ChatCompletionRequest>('request-with-pii.json')],
  responses: [fixture<ChatCompletionResponse>('response-with-tokens.json')],
  streams: [textStream(['I will refund <CREDIT_', 'CARD_1> to <IB', 'AN_1>; call +44 20 79', '46 0958 or mail jane.d', 'oe@example.com.'])],
  neutralText: 'The quarterly review moved to Thursday afternoon; bring the printed slides and a good question.',
});
