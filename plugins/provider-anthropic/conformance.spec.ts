import { join } from 'node:path';
import { vi } from 'vitest';
import { describeProviderConformance } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_ANTHROPIC_CONFIG } from './config.schema.js';
import { createAnthropicAdapter } from './index.js';

// Anthropic sends no timestamp; `created` is the parse time, pinned so fixtures compare exactly.
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(1735689600_000);

describeProviderConformance('provider-anthropic', join(__dirname, '__fixtures__'), createAnthropicAdapter(DEFAULT_ANTHROPIC_CONFIG));
