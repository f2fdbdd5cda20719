// Runs one CLI invocation in this (child) process and reports its exit code and peak resident set size — the whole
// process: main thread and worker threads — as JSON on the last line of stdout:
//   node --import tsx tests/slow/cliPeakRss.ts <cli args...>
import { main } from '../../cli/main';

const code = await main(process.argv.slice(2), {
  stdout: () => undefined,
  stderr: (t) => void process.stderr.write(t),
  isTTY: false,
  cwd: process.cwd(),
});
// resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss).
process.stdout.write(`${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
