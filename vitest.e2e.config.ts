import { defineConfig } from 'vitest/config';

/** End-to-end tests in real Chromium and Firefox, against the built extension (npm run build first). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Two cores: one browser at a time keeps timings honest and the machine responsive.
    fileParallelism: false,
    reporters: ['default'],
  },
});
