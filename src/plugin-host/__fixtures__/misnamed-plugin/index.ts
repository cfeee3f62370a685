import { definePlugin } from '../../../plugin-sdk/index.js';

export default definePlugin({
  manifest: {
    id: 'another-name',
    kind: 'provider',
    version: '1.0.0',
    sdk: '^1.0.0',
    displayName: 'Misnamed',
    description: 'Declares an id that differs from its folder name.',
    configSchema: { type: 'object', properties: {} },
  },
  create: () => ({ adapter: { chat: {} as never, mapError: () => ({ class: 'server', status: 500, message: '' }) } }),
});
