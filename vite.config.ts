import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { securityHeaders } from './src/security-headers.ts';
import { precompressed } from './src/build/precompress.ts';
import { shellManifestTransform } from './src/build/sw-manifest.ts';
import { tfjsWasmThreads, tfjsWasmThreadsPrebundle } from './src/build/tfjs-wasm-threads.ts';

const compress = precompressed(); // .br/.gz next to each built file; the preview server serves them with Content-Encoding

export default defineConfig({
  plugins: [
    svelte(),
    tfjsWasmThreads(), // tfjs wasm threads in the minified build and under our CSP (toolchain.md F3)
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt', // the user decides when a new version takes over
      injectRegister: false, // registered from src/state/pwa.svelte.ts
      includeManifestIcons: false, // the icons are in globPatterns already, with sha256 revisions
      manifest: {
        name: 'Listing Assistant',
        short_name: 'Listing',
        description: 'List second-hand items in seconds, with the AI on your own device.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0f766e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The shell (JS, CSS, HTML, icons) is installed; wasm runtimes are listed as lazy (cached when first
        // fetched); models are cached by the SW per manifest version when first needed (src/sw/).
        globPatterns: ['**/*.{js,mjs,css,html,wasm,png,svg,webmanifest}'],
        globIgnores: ['models/**'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        manifestTransforms: [shellManifestTransform(compress.outDir)],
      },
      devOptions: { enabled: false },
    }),
    compress,
  ],
  // The app's ORT is the plain wasm build; src/ml/ort-runtime.ts imports the WebGPU build only when that EP is used.
  resolve: { alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }] },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  optimizeDeps: { exclude: ['onnxruntime-web'], rolldownOptions: { plugins: [tfjsWasmThreadsPrebundle()] } },
  server: { headers: securityHeaders({ dev: true }) },
  preview: { headers: securityHeaders({ dev: false }) },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
