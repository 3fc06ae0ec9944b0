import { defineConfig } from 'vitest/config';

// Vitest would otherwise read vite.config.ts, whose root is designer/, and find no tests there.
// Tests live under tests/ and run from the repository root.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'engine/**/*.test.ts', 'server/**/*.test.ts', 'workflows/**/*.test.ts'],
  },
});
