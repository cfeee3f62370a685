import { join } from 'node:path';
import { describeProviderConformance } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_MOCK_CONFIG } from './config.schema.js';
import { createMockAdapter } from './index.js';

describeProviderConformance('provider-mock', join(__dirname, '__fixtures__'), createMockAdapter(DEFAULT_MOCK_CONFIG));
