import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionRequest } from '../../src/plugin-sdk/index.js';
import { describeGuardConformance } from '../../src/plugin-sdk/testing/guard-conformance.js';
import plugin from './index.js';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8')) as ChatCompletionRequest;

describeGuardConformance(plugin, {
  bindings: [{}, { action: 'flag' }, { roles: ['system', 'developer', 'user', 'assistant', 'tool'], blockStatus: 403, allowlist: ['developer mode'] }],
  requests: [fixture('request-with-injection.json'), fixture('request-with-tool-injection.json'), fixture('request-benign-hard.json')],
});
