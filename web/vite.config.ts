import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const api = `http://localhost:${process.env.PORT ?? 4000}`;
/** Paths the server answers itself: never the app shell, never from the cache. */
const API_PATHS = [
  /^\/graphql/,
  /^\/graphiql\//,
  /^\/healthz/,
  /^\/health$/,
  /^\/schema\.graphql/,
  /^\/metrics$/,
  /^\/reports\//,
];

// `pnpm dev` serves the app with Vite and sends API calls to the server; `pnpm start` serves
// the built app (dist/) from the server itself, on one port.
export default defineConfig({
  plugins: [
    react(),
    // The field app must open in a commune without signal: a Workbox service worker (sw.js)
    // precaches the built shell and answers every page of the app with index.html offline.
    // API calls are never cached: what a phone submits offline waits in IndexedDB instead.
    VitePWA({
      strategies: 'generateSW',
      // Registered by the field page itself (web/src/submit/serviceWorker.ts, workbox-window).
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Toàn Dân – Kê khai người tham gia',
        short_name: 'Toàn Dân',
        lang: 'vi',
        start_url: '/submit',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b3d91',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: API_PATHS,
        // One bundle of about 1 MB (the board's chart): precache it whole.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/healthz': api,
      '/schema.graphql': api,
      '/graphiql/': api,
      '/metrics': api,
      '/reports/': api,
    },
  },
  // One bundle for a dashboard that stays open all day: no lazy chunks to fetch mid-shift.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
