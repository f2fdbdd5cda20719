// A progress bar on stderr, only when stderr is a terminal (throttled; cleared when done), drawn through the io's
// status line.
import type { CliIo } from './Command';

export type Progress = { readonly update: (done: number, total: number) => void; readonly done: () => void };

export const createProgress = (io: CliIo, label: string): Progress => {
  if (!io.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  return {
    update: (done, total) => {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const full = Math.round(frac * width);
      io.status(
        `${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`,
      );
    },
    done: () => io.status(null),
  };
};
