import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = `http://localhost:${process.env.PORT ?? 4000}`;

// `pnpm dev` serves the app with Vite and sends API calls to the server; `pnpm start` serves
// the built app (dist/) from the server itself, on one port.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/healthz': api,
      '/schema.graphql': api,
    },
  },
  // One bundle for a dashboard that stays open all day: no lazy chunks to fetch mid-shift.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
