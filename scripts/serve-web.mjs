// `npm run web`: serve the built renderer (dist-web/) on 127.0.0.1 for browsers and classroom projectors.
import { serveStatic } from './serveStatic.mjs';

const dir = process.argv[2] ?? 'dist-web';
const port = Number(process.env.PORT ?? 5178);
const server = await serveStatic(dir, port);
const address = server.address();
const actual = typeof address === 'object' && address ? address.port : port;
console.log(`Parley is served at http://127.0.0.1:${actual}/ (Ctrl+C to stop)`);
