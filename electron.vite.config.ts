import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

const r = (p: string) => resolve(import.meta.dirname, p);

// Sources live in electron/main, electron/preload and renderer/ (not electron-vite's default src/).
export default defineConfig({
  main: {
    build: {
      outDir: r('out/main'),
      // Class play (loaded on first use, a chunk of its own) runs the class server in the main process: its
      // dependencies are bundled into that chunk, so app.asar still needs no node_modules besides zod.
      externalizeDeps: { exclude: ['ws', 'qrcode', 'mathjs', 'seedrandom', '@noble/hashes'] },
      // ES2021 syntax (class fields lowered): Electronegativity's scope analysis (.ci/steps/electronegativity.sh)
      // cannot walk class private fields, and an unparsed file is an unchecked file.
      target: 'node10',
      rolldownOptions: { input: { index: r('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: r('out/preload'),
      externalizeDeps: false, // sandboxed preload: bundle everything
      rolldownOptions: {
        input: { index: r('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }, // a sandboxed preload must be CommonJS
      },
    },
  },
  renderer: {
    root: r('renderer'),
    base: './',
    plugins: [svelte({ configFile: r('svelte.config.js') })],
    worker: { format: 'es' },
    build: {
      outDir: r('out/renderer'),
      minify: true,
      rolldownOptions: {
        input: {
          index: r('renderer/index.html'),
          // class play's pages, for the class server started from the app (and the e2e tests)
          student: r('renderer/class/student.html'),
          teacher: r('renderer/class/teacher.html'),
        },
      },
    },
  },
});
