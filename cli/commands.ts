// The CLI's command table. Each command lives in cli/commands/<name>.ts and is loaded only when used,
// so `--help` and light commands start fast (mathjs is not imported unless a command needs it).
import type { Command } from './lib/Command';

export const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  list: {
    summary: 'List the built-in scenarios.',
    load: async () => (await import('./commands/list')).command,
  },
  validate: {
    summary: 'Validate a scenario file and print every problem.',
    load: async () => (await import('./commands/validate')).command,
  },
  show: {
    summary: "Show a scenario's one-round game at given parameter values.",
    load: async () => (await import('./commands/show')).command,
  },
  schema: {
    summary: 'Print the JSON Schema of the scenario format.',
    load: async () => (await import('./commands/schema')).command,
  },
  solve: {
    summary: 'Solve a game (.nfg, scenario file or built-in id) for its equilibria.',
    load: async () => (await import('./commands/solve')).command,
  },
  run: {
    summary: 'Run a seeded Monte Carlo simulation of a scenario.',
    load: async () => (await import('./commands/run')).command,
  },
  sweep: {
    summary: 'Sweep one or two parameters over a grid (common random numbers).',
    load: async () => (await import('./commands/sweep')).command,
  },
  compare: {
    summary: 'Compare a baseline with a variant on the same seeds.',
    load: async () => (await import('./commands/compare')).command,
  },
  rerun: {
    summary: 'Re-run the computation recorded in an export’s sidecar JSON (same seed, settings, values).',
    load: async () => (await import('./commands/rerun')).command,
  },
  sensitivity: {
    summary: 'Tornado and global (rank-correlation) sensitivity of outcomes.',
    load: async () => (await import('./commands/sensitivity')).command,
  },
  class: {
    summary: 'Run a class session: students play from their phones beside the theory.',
    load: async () => (await import('./commands/class')).command,
  },
};
