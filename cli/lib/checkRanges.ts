// The range rule for values given on the command line (--set, --variant, sweep grids): each must lie in its
// parameter's declared min..max, or the command is refused with the range in the message — unless
// --allow-outside-range, when it goes ahead with a notice on stderr (and the results list it: `outsideRange`).
import { outsideRange } from '../../models/engine/outsideRange';
import type { ModelSpec } from '../../models/scenario/RuntimeModel';
import { CliError, type CliIo } from './Command';

/** The usage line of --allow-outside-range (engine commands, show and solve). */
export const OUTSIDE_RANGE_USAGE =
  "  --allow-outside-range  accept values outside a parameter's declared min..max (recorded in the results)";

/** Check values against their parameters' ranges; `what` names the option for the message, e.g. `--set x=2`. */
export const checkRanges = (
  io: CliIo,
  name: string,
  spec: ModelSpec,
  values: Readonly<Record<string, number>>,
  what: (id: string, value: number) => string,
  allow: boolean,
): void => {
  for (const v of outsideRange(spec, values)) {
    if (!allow) {
      throw new CliError(
        `${what(v.id, v.value)}: ${v.value} is outside the range of "${v.id}" (${v.min} to ${v.max}); add --allow-outside-range to run it anyway`,
      );
    }
    io.err(
      `parley ${name}: ${v.id} = ${v.value} is outside its declared range ${v.min} to ${v.max} (--allow-outside-range; recorded in the results)`,
    );
  }
};
