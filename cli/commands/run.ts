// `run <scenario>`: a seeded Monte Carlo run; results on stdout, optional per-trial CSV and summary files.
import { resolve } from 'node:path';
import { trialCsvHeader } from '../../models/engine/ChunkExecutor';
import { summaryCsv } from '../../models/engine/csvTables';
import { replayTrial } from '../../models/engine/replayTrial';
import { runScenario, type RunResult } from '../../models/engine/runScenario';
import { AtomicFileWriter, writeFileAtomic } from '../../node/files/atomicWrite';
import { cliFileDeps } from '../lib/cliFileDeps';
import { jsonFile } from '../lib/jsonFile';
import { cliContext, commitExport, exportPath, writeExport, writingFile } from '../lib/exportFiles';
import { CliError, type Command } from '../lib/Command';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import { APP_VERSION } from '../lib/appVersion';
import {
  ENGINE_USAGE,
  ENGINE_FLAGS,
  ENGINE_VALUED,
  announceSeed,
  engineErrorMessage,
  makeRunner,
  parseEngineOptions,
  sidecarPath,
} from '../lib/engineOptions';
import { formatReplay, formatRun } from '../lib/formatResults';
import { createProgress } from '../lib/progressBar';
import { checkRanges } from '../lib/checkRanges';
import { refuseInputOverwrite } from '../lib/refuseInputOverwrite';
import { resolveScenario } from '../lib/resolveScenario';

export const command: Command = {
  name: 'run',
  summary: 'Run a seeded Monte Carlo simulation of a scenario.',
  usage: [
    'Usage: npm run cli -- run <scenario> [options]',
    '',
    '<scenario> is a built-in id (see `list`) or a .parley.json file.',
    ...ENGINE_USAGE,
    '  --out FILE.csv     stream the per-trial table (one row per trial and round) to FILE.csv, plus its sidecar',
    '                     FILE.json (provenance); --out DIR/ names it <scenario>-trials-<seed>.csv in DIR',
    '  --summary FILE     write the summary: FILE.csv (table + FILE.json sidecar) or FILE.json (full results);',
    '                     --summary DIR/ names it <scenario>-summary-<seed>.csv',
    "  --auto-stop W      stop early once every probability's 95% interval half-width is below W (e.g. 0.005)",
    '  --replay K         print trial K (1-based) of this run round by round instead of running',
    '',
    'Same seed, trials and sampler ⇒ the same results and byte-identical CSV, whatever the number of workers.',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, {
      valued: [...ENGINE_VALUED, 'out', 'summary', 'auto-stop', 'replay'],
      flags: [...ENGINE_FLAGS],
    });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one scenario');
    const { spec, source } = await resolveScenario(args.positional[0] as string, io.cwd);
    const opts = parseEngineOptions(args);
    checkRanges(
      io,
      'run',
      spec,
      opts.base.overrides ?? {},
      (id, v) => `--set ${id}=${v}`,
      opts.base.allowOutsideRange,
    );
    const context = cliContext(opts, source);
    const autoText = lastOption(args, 'auto-stop');
    const halfWidth = autoText === undefined ? undefined : Number(autoText);
    if (halfWidth !== undefined && !(halfWidth > 0 && halfWidth < 0.5)) {
      throw new UsageError(`--auto-stop must be a number between 0 and 0.5, got "${autoText}"`);
    }
    announceSeed(io, 'run', opts);
    const replay = lastOption(args, 'replay');
    if (replay !== undefined) {
      const k = Number(replay);
      if (!Number.isInteger(k) || k < 1 || k > opts.base.trials) {
        throw new UsageError(`--replay must be a trial number from 1 to ${opts.base.trials}`);
      }
      let t;
      try {
        t = replayTrial(spec, { ...opts.base, context }, k);
      } catch (err) {
        throw new CliError(engineErrorMessage(err));
      }
      if (opts.format === 'json') io.document(jsonFile(t));
      else io.out(...formatReplay(t));
      return 0;
    }
    const outArg = lastOption(args, 'out');
    const outPath = outArg && exportPath(outArg, io.cwd, spec, opts.base.seed, 'trials');
    const summaryArg = lastOption(args, 'summary');
    const summaryPath =
      summaryArg &&
      (/\.json$/i.test(summaryArg)
        ? resolve(io.cwd, summaryArg)
        : exportPath(summaryArg, io.cwd, spec, opts.base.seed, 'summary'));
    const outputs = (
      [
        ['--out', outPath],
        ['--out (its .json sidecar)', outPath && sidecarPath(outPath)],
        ['--summary', summaryPath],
        [
          '--summary (its .json sidecar)',
          summaryPath && !/\.json$/i.test(summaryPath) ? sidecarPath(summaryPath) : undefined,
        ],
      ] satisfies [string, string | undefined][]
    ).filter((o): o is [string, string] => Boolean(o[1]));
    const targets = outputs.map(([, p]) => p);
    if (new Set(targets).size !== targets.length)
      throw new UsageError('--out, --summary and their .json sidecars must be different files');
    refuseInputOverwrite(outputs, [source]);
    const runner = makeRunner(opts.workers);
    const progress = createProgress(io, 'run');
    let writer: AtomicFileWriter | null = null;
    let result: RunResult;
    try {
      if (outPath) {
        writer = await writingFile(outArg as string, () => AtomicFileWriter.open(outPath, cliFileDeps)).catch(
          (err: Error) => {
            throw err instanceof CliError ? err : new CliError(`cannot write ${outArg}: ${err.message}`);
          },
        );
        const header = writer;
        await writingFile(outArg as string, () => header.write(trialCsvHeader(spec)));
      }
      const w = writer;
      result = await runScenario(
        runner,
        spec,
        { ...opts.base, context, autoStop: halfWidth ? { halfWidth } : undefined },
        {
          onProgress: progress.update,
          // Pieces of ~256 Ki characters, each written before the workers make more (bounded memory).
          onCsv: w ? (piece) => writingFile(outArg as string, () => w.write(piece)) : undefined,
        },
      );
      progress.done();
      if (w) {
        writer = null;
        await commitExport(w, result.provenance, 'trials', result.runId);
      }
    } catch (err) {
      progress.done();
      await writer?.abort();
      if (err instanceof CliError) throw err;
      throw new CliError(engineErrorMessage(err));
    } finally {
      await runner.close();
    }
    if (summaryPath) {
      if (/\.json$/i.test(summaryPath)) {
        await writingFile(summaryPath, () =>
          writeFileAtomic(summaryPath, jsonFile({ appVersion: APP_VERSION, ...result }), cliFileDeps),
        );
      } else {
        await writeExport(summaryPath, summaryCsv(result), result.provenance, 'summary', result.runId);
      }
    }
    if (opts.format === 'json') io.document(jsonFile(result));
    else io.out(...formatRun(result));
    return 0;
  },
};
