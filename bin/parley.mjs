#!/usr/bin/env node
// `npx parley …` / `npm run cli -- …`: runs the CLI from its prebuilt bundle (scripts/cliBundle.cjs), rebuilding it
// first if any source file changed since it was built, so it is never stale and starts without a TypeScript loader.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const bundle = createRequire(import.meta.url)('../scripts/cliBundle.cjs');
// The usage and the version load no command (cli/main.ts answers them before loading one): only the inputs of the
// bundle's start need to be unchanged. Any other argument checks every input.
const START_ONLY = [undefined, 'help', '--help', '-h', '--version', '-v'];
let dir = bundle.freshCliBundle(START_ONLY.includes(process.argv[2]) ? 'start' : 'all');
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
