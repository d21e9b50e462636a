import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One root for every screen app: kiosk/ (index.html), clerk/ (clerk.html), admin/ (admin.html).
// No inline scripts, styles or data: URLs in the build, so the hosts can serve a strict CSP.
const root = resolve(import.meta.dirname, 'src-renderer');

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      input: { kiosk: resolve(root, 'index.html'), clerk: resolve(root, 'clerk.html'), admin: resolve(root, 'admin.html') },
    },
  },
  server: {
    // During development the browser host (kakanai serve) carries the contract; Vite only serves the screens.
    proxy: {
      '/api/kiosk': { target: 'ws://127.0.0.1:8765', ws: true },
      '/api/clerk': { target: 'http://127.0.0.1:8765', ws: true },
      '/api/admin': { target: 'http://127.0.0.1:8765' },
    },
  },
});
