import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const designer = fileURLToPath(new URL('./designer', import.meta.url));

/**
 * The designer is a static single-page app: `vite build` writes it to designer/dist, which the
 * Huitou server serves next to /api. In development `vite` serves it and forwards /api to a
 * server started with `npm start` on port 3000.
 */
export default defineConfig({
  root: designer,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./designer/dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the designer: separate chunks stay cached across
        // releases, and no single file grows past Vite's size warning.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // Only the d3 modules React Flow uses: the KPI board's charts (recharts) bring others,
            // which stay in the board's own lazily loaded chunk.
            {
              name: 'flow',
              test: /node_modules[\\/](@xyflow|d3-(?:zoom|drag|selection|transition|interpolate|color|dispatch|ease|timer)|classcat|zustand)[\\/]/,
              priority: 2,
            },
            {
              name: 'forms',
              test: /node_modules[\\/](@rjsf|ajv|ajv-formats|fast-uri|json-schema-traverse|fast-deep-equal|markdown-to-jsx|@x0k|jsonpointer|fast-equals|react-is)[\\/]/,
              priority: 2,
            },
            { name: 'engine', test: /node_modules[\\/](zod|json-rules-engine|jsonpath-plus|hash-it|eventemitter2|mustache|tinyduration)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
