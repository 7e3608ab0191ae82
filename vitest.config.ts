import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest leaves one CPU free by default, which on a 2-CPU machine runs
    // every file in turn (about 230 to 260 s); two at a time use both
    // (about 165 s). The files wait mostly on their own dynalite and child
    // processes, so two share two CPUs well.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    // The SDK warns once per process that Node 20 leaves support in 2027; the
    // project targets Node 20 on purpose (see README), so keep test output clean.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
    },
  },
});
