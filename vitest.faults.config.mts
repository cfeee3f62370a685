import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): real Portico processes from `dist/` with their own Postgres,
 * Redis and fake upstream, one fault at a time. Kept out of `vitest.config.mts`, so `npm test` never runs it.
 */
export default defineConfig({
  plugins: [
    swc.vite({
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2023',
        keepClassNames: true,
      },
    }),
  ],
  test: {
    name: 'faults',
    include: ['test/faults/**/*.spec.ts'],
    environment: 'node',
    reporters: ['default'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
