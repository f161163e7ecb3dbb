import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // a guard against a hang, not a speed limit: sized for this two-core machine shared with
    // other work (a LibreOffice round trip took 80 s there under load)
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // both cores: files run two at a time (vitest's default is one fewer worker than cores)
    maxWorkers: 2,
    reporters: ['default'],
    // the run's own TMPDIR, which must be empty when the run ends (test/setup/temp-root.ts)
    globalSetup: ['test/setup/temp-root.ts'],
    // tempDir()'s directories are removed after each file
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
  },
});
