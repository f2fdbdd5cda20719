// `npm run web`: serve the built renderer (dist-web/) on 127.0.0.1 for browsers and classroom projectors, with the
// class-session endpoint (/api/class/, node/class/classWebApi.ts) so that the page can start a class session:
// journals and session.csv files go to ./class-sessions (PARLEY_CLASS_DIR to change it).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveStatic } from './serveStatic.mjs';

const dir = process.argv[2] ?? 'dist-web';
const port = Number(process.env.PORT ?? 5178);
/** Set once the class endpoint is loaded (the page is served meanwhile). */
let classApi = null;
const server = await serveStatic(dir, port, {
  handle: (req, res) => (classApi ? classApi.handle(req, res) : Promise.resolve(false)),
});
const address = server.address();
const actual = typeof address === 'object' && address ? address.port : port;
const bundle = createRequire(import.meta.url)('./cliBundle.cjs');
const { webClassApi } = await import(pathToFileURL(`${bundle.ensureCliBundle()}/webClass.mjs`).href);
classApi = webClassApi({
  staticDir: resolve(dir),
  dataDir: resolve(process.env.PARLEY_CLASS_DIR ?? 'class-sessions'),
  port: actual,
  log: (line) => console.error(`parley class: ${line}`),
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // the class server stops with the page server; an unfinished session's journal stays (Resume in the page)
    void classApi.stop().finally(() => process.exit(0));
  });
}
console.log(`Parley is served at http://127.0.0.1:${actual}/ (Ctrl+C to stop)`);
