import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

// Plain web build of the renderer (no Electron): `npm run web` builds it to dist-web/ and serves it. The class-play
// pages (class/student.html, class/teacher.html) are extra entries, served by the class server (`parley class`).
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'renderer/index.html'),
        student: resolve(import.meta.dirname, 'renderer/class/student.html'),
        teacher: resolve(import.meta.dirname, 'renderer/class/teacher.html'),
      },
    },
  },
});
