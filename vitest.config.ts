import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
    // the run's own TMPDIR, which must be empty when the run ends (test/setup/temp-root.ts)
    globalSetup: ['test/setup/temp-root.ts'],
    // tempDir()'s directories are removed after each file
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
  },
});
