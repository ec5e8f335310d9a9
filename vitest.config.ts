import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The same aliases as tsconfig.json's `paths`, for code run from source. */
const alias = {
  '@lib/config': fromRoot('./libs/config/src/index.ts'),
  '@lib/logging': fromRoot('./libs/logging/src/index.ts'),
  '@lib/persistence': fromRoot('./libs/persistence/src/index.ts'),
  '@lib/rendering': fromRoot('./libs/rendering/src/index.ts'),
  '@lib/pubsub-transport': fromRoot('./libs/pubsub-transport/src/index.ts'),
  '@lib/delivery': fromRoot('./libs/delivery/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // Fast feedback first; e2e suites then run in their own group.
          sequence: { groupOrder: 0 },
          include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'tools/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          sequence: { groupOrder: 1 },
          // The client library would otherwise probe for a GCE metadata server it can never reach here.
          env: { METADATA_SERVER_DETECTION: 'none' },
          include: ['test/**/*.e2e-spec.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Suites are isolated by database and topic names, but each boots a
          // worker; two at a time fits a 2-core machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
