#!/usr/bin/env node
// `npx parley …` / `npm run cli -- …`: runs the CLI from its prebuilt bundle (scripts/cliBundle.cjs), rebuilding it
// first if any source file changed since it was built, so it is never stale and starts without a TypeScript loader.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const bundle = createRequire(import.meta.url)('../scripts/cliBundle.cjs');
let dir = bundle.freshCliBundle();
if (!dir) {
  try {
    dir = bundle.buildCliBundle();
  } catch (err) {
    process.stderr.write(
      `parley: could not build the CLI bundle: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(70);
  }
}
const { runCli } = await import(pathToFileURL(`${dir}/main.mjs`).href);
runCli();
