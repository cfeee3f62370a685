import { definePlugin } from '../../../plugin-sdk/index.js';

export default definePlugin<{ word: string }>({
  manifest: {
    id: 'good-guard',
    kind: 'guard',
    version: '1.0.0',
    sdk: '^1.0.0',
    priority: 100,
    displayName: 'Good guard',
    description: 'A valid guard loaded from a folder path.',
    configSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { word: { type: 'string', default: 'secret', description: 'Word to block.' } },
    },
  },
  create: ({ config }) => ({
    guard: {
      onRequest: (_ctx, request) =>
        JSON.stringify(request.messages).includes(config.word)
          ? { action: 'block', code: 'WORD', status: 400, message: 'blocked word' }
          : { action: 'pass' },
    },
  }),
});
