// `class <scenario>`: run a class session server (node/class) until the teacher ends it or Ctrl+C.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import {
  MATCHING_RULES,
  MAX_CLASS_ROUNDS,
  MAX_CLASS_STUDENTS,
  type Matching,
} from '../../models/class/sessionEvents';
import { defaultClassRounds } from '../../models/class/classStartRequest';
import { classPlayRefusal } from '../../models/class/classPlayRefusal';
import { startClassServer, type ClassServerHandle } from '../../node/class/ClassServer';
import { JournalError, readJournal } from '../../node/class/SessionJournal';
import { newSessionId } from '../../node/class/classSecrets';
import { writeFilesAtomic } from '../../node/files/atomicWrite';
import { cliFileDeps } from '../lib/cliFileDeps';
import { CliError, type CliIo, type Command } from '../lib/Command';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import { checkAssignments, parseSets } from '../lib/loadScenarioGame';
import { refuseInputOverwrite } from '../lib/refuseInputOverwrite';
import { resolveScenario } from '../lib/resolveScenario';

const USAGE = `Usage: npm run cli -- class <scenario> [options]

Run a class session: students play the scenario's game from their phones (any current browser, no install) and
the teacher's screen shows their choices beside every Nash equilibrium and the logit QRE fitted to them.

Options:
  --port P          port (default 5179; 0 = any free port)
  --host ADDR       address to listen on (default 127.0.0.1: this computer only). Students' phones need the
                    local network: --host 0.0.0.0 (every interface) or one of this computer's addresses
  --rounds R        rounds to play (default: the scenario's rounds, or 10 for a one-round game)
  --matching M      random (new partners each round, default) | fixed (same partners) | class (payoff against
                    the whole class's choices)
  --out FILE        write FILE (session.csv) and its .json sidecar when the session ends
  --journal FILE    the session's journal (default: parley-class-<id>.jsonl in this folder); give an existing
                    journal to resume its session (students reconnect and keep their identity and score)
  --max-students N  at most N students (default 200)
  --seed S          root seed of the bots, worlds and random matching (default: random, printed)
  --set k=v         a parameter value (repeatable)
  --pages DIR       serve the student and teacher pages from DIR (default: dist-web, built by npm run build:web;
                    out/renderer, built by npm run build, works too)
  --no-pages        serve the session's WebSocket only (scripted students, load tests)

Prints the join URL, its QR code, the join code and the teacher's URL, then runs until the teacher presses
End session or Ctrl+C (the journal keeps the session; rerun with --journal to resume).`;

const DEFAULT_PORT = 5179;
/** The built web pages (npm run build:web). */
export const CLASS_PAGES_DIR = resolve(import.meta.dirname, '../../dist-web');

const intOption = (v: string | undefined, name: string, lo: number, hi: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi)
    throw new UsageError(`--${name} must be a whole number from ${lo} to ${hi}`);
  return n;
};

export const command: Command = {
  name: 'class',
  summary: 'Run a class session: students play from their phones, the teacher sees them beside the theory.',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, {
      valued: [
        'port',
        'host',
        'rounds',
        'matching',
        'out',
        'journal',
        'max-students',
        'seed',
        'set',
        'pages',
      ],
      flags: ['no-pages'],
    });
    if (args.positional.length !== 1)
      throw new UsageError('give one scenario (a built-in id or a .parley.json file)');
    const port = intOption(lastOption(args, 'port'), 'port', 0, 65535) ?? DEFAULT_PORT;
    const host = lastOption(args, 'host') ?? '127.0.0.1';
    if (!/^[0-9A-Za-z.:-]{1,64}$/.test(host)) throw new UsageError(`--host "${host}" is not an address`);
    const rounds = intOption(lastOption(args, 'rounds'), 'rounds', 1, MAX_CLASS_ROUNDS);
    const matchingArg = lastOption(args, 'matching');
    if (matchingArg !== undefined && !(MATCHING_RULES as readonly string[]).includes(matchingArg)) {
      throw new UsageError(`--matching must be one of ${MATCHING_RULES.join(', ')}`);
    }
    const maxStudents = intOption(lastOption(args, 'max-students'), 'max-students', 1, MAX_CLASS_STUDENTS);
    const seedArg = lastOption(args, 'seed');
    if (seedArg !== undefined && !(seedArg.length >= 1 && seedArg.length <= 200))
      throw new UsageError('--seed must be 1 to 200 characters');
    const sets = parseSets(args.options.get('set') ?? []);
    const out = lastOption(args, 'out');
    const noPages = args.flags.has('no-pages');

    const { spec, source } = await resolveScenario(args.positional[0] as string, io.cwd);
    const refusal = classPlayRefusal(spec);
    if (refusal) throw new CliError(`${args.positional[0] as string}: ${refusal}`);
    checkAssignments(spec, sets);
    const sessionId = newSessionId();
    const journalPath = resolve(io.cwd, lastOption(args, 'journal') ?? `parley-class-${sessionId}.jsonl`);
    const pagesArg = lastOption(args, 'pages');
    if (noPages && pagesArg !== undefined) throw new UsageError('give --pages or --no-pages, not both');
    const staticDir = noPages ? null : pagesArg === undefined ? CLASS_PAGES_DIR : resolve(io.cwd, pagesArg);
    if (staticDir && !existsSync(resolve(staticDir, 'class', 'teacher.html'))) {
      throw new CliError(
        pagesArg === undefined
          ? 'the class pages are not built: run "npm run build:web" first (or --no-pages)'
          : `--pages ${pagesArg}: no class pages there (class/teacher.html); build them with npm run build:web`,
      );
    }

    // Resuming: the journal's settings win; a flag that contradicts them is refused rather than ignored.
    if (existsSync(journalPath)) {
      let cfg;
      try {
        cfg = readJournal(journalPath).header.config;
      } catch (err) {
        throw new CliError(err instanceof Error ? err.message : String(err));
      }
      if (cfg.scenario.hash !== spec.hash) {
        throw new CliError(
          `${journalPath}: the journal is a session of another scenario ("${cfg.scenario.title}")`,
        );
      }
      const clash = (name: string, given: unknown, kept: unknown): void => {
        if (given !== undefined && JSON.stringify(given) !== JSON.stringify(kept)) {
          throw new CliError(
            `--${name}: the journal's session has ${JSON.stringify(kept)}; drop the option to resume it`,
          );
        }
      };
      clash('rounds', rounds, cfg.rounds);
      clash('matching', matchingArg, cfg.matching);
      clash('max-students', maxStudents, cfg.maxStudents);
      clash('seed', seedArg, cfg.seed);
      if (Object.keys(sets).length) clash('set', sets, cfg.params);
    }

    const outPath = out ? resolve(io.cwd, out) : null;
    if (outPath)
      refuseInputOverwrite(
        [
          ['--out', outPath],
          // ClassServer's sidecar name
          ['--out (its .json sidecar)', `${outPath.replace(/\.csv$/i, '')}.json`],
        ],
        [source, journalPath],
      );

    let handle: ClassServerHandle;
    try {
      handle = await startClassServer({
        spec,
        source,
        journalPath,
        config: {
          sessionId,
          params: { ...sets },
          seed: seedArg ?? randomBytes(6).toString('hex'),
          rounds: rounds ?? defaultClassRounds(spec.rounds.count),
          matching: (matchingArg as Matching | undefined) ?? 'random',
          maxStudents: maxStudents ?? 200,
        },
        host,
        port,
        staticDir,
        outPath,
        writeFilesAtomic: (files) => writeFilesAtomic(files, cliFileDeps),
        log: (line) => io.err(`parley class: ${line}`),
      });
    } catch (err) {
      if (err instanceof JournalError) throw new CliError(err.message);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`port ${port} is in use: choose another with --port`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        throw new CliError(`--host ${host} is not an address of this computer`);
      throw err;
    }
    const s = handle.session;
    // Unicode half blocks, no colour escapes (the terminal-safe output would print those as text)
    const qr = await QRCode.toString(handle.joinUrl, { type: 'utf8' });
    io.out(
      `${handle.resumed ? 'Resumed' : 'Class session'} ${s.config.sessionId}: ${s.config.scenario.title}`,
      `  ${s.config.matching} matching, ${s.config.rounds} rounds, up to ${s.config.maxStudents} students, seed ${s.config.seed}`,
      `Students open: ${handle.joinUrl}`,
      `Join code: ${handle.joinCode}`,
    );
    // The QR code is our own drawing (not text from a file): a document keeps its line breaks.
    io.document(`${qr.trimEnd()}\n`);
    io.out(
      `Teacher screen: ${handle.teacherUrl}`,
      `Journal: ${journalPath}`,
      host === '127.0.0.1' || host === 'localhost'
        ? 'Only this computer can join: for students’ phones, restart with --host 0.0.0.0 (local network).'
        : 'Open to the local network.',
      'Ctrl+C stops the server (the journal keeps the session: rerun with --journal to resume).',
    );

    const stop = new Promise<'signal'>((ok) => {
      const onSignal = (): void => ok('signal');
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    });
    const why = await Promise.race([handle.ended.then(() => 'ended' as const), stop]);
    await handle.close();
    if (why === 'ended') {
      io.out(`Session ended.${out ? ` Wrote ${resolve(io.cwd, out)} and its .json sidecar.` : ''}`);
      return 0;
    }
    // the same server again: its port (students' open pages reconnect to it), host, pages and output
    const boundPort = new URL(handle.joinUrl).port || String(port);
    const again = [
      'class',
      args.positional[0] ?? '',
      '--journal',
      journalPath,
      '--port',
      boundPort,
      ...(host === '127.0.0.1' ? [] : ['--host', host]),
      ...(noPages ? ['--no-pages'] : staticDir && pagesArg !== undefined ? ['--pages', staticDir] : []),
      ...(out ? ['--out', resolve(io.cwd, out)] : []),
    ];
    const shell = (a: string): string => (/^[\w./:=@-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
    io.out(`Stopped. Resume with: npx parley ${again.map(shell).join(' ')}`);
    return 0;
  },
};
