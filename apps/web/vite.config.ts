import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // MapLibre alone is ~800 kB; one bundle loads once per shift and is cached, so no split is needed.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1600 },
  // `npm run dev -w @openpsap/web` against a running `psap serve` on 8080.
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
