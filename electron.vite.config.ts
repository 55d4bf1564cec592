// Builds the three bundles: main (Node/Electron, ESM), preload (CommonJS: sandboxed preloads cannot be ESM),
// renderer (React, served by Electron from out/renderer and by the headless server from the same folder).
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // index: the desktop app; headless: the headless mode bundled (`npm start` without a display runs it: Node
      // starts it in about half the time it takes to compile the TypeScript sources on the fly)
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), headless: resolve('electron/headless/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      // minified: the first bundle is parsed before the first rows can paint
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
