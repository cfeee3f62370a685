import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const swcPlugin = () =>
  swc.vite({
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
  });

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        plugins: [swcPlugin()],
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'plugins/**/*.spec.ts', 'test/support/**/*.spec.ts'],
          environment: 'node',
          // Not vitest's 5 s: a spec that imports every bundled plugin through the transform (plugin-host's "loads the bundled
          // plugins by default", ~1.5 s on a quiet machine) takes over 5 s on this 2-core machine when it is busy, and failed there.
          testTimeout: 20_000,
        },
      },
      {
        plugins: [swcPlugin()],
        test: {
          name: 'medium',
          include: ['test/medium/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [swcPlugin()],
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
