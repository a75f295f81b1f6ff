import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // `npm run dev -w @openpsap/web` against a running `psap serve` on 8080.
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
