// The calendar month of a round, for scenarios counted in months (rounds.label "month"): round 1 is the scenario's
// rounds.startMonth. The same rule as the engine's `month` built-in (models/scenario/reduceToGame.ts), for labels.
import type { RuntimeModel } from '../../../models/scenario/RuntimeModel';

export const MONTH_NAMES: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** True when the scenario's rounds are months (its round label names them). */
export const isMonthly = (model: Pick<RuntimeModel, 'rounds'>): boolean => /month/i.test(model.rounds.label);

/** The month name of 1-based `round` ("July"), or null when the scenario is not counted in months. */
export const calendarMonth = (
  model: Pick<RuntimeModel, 'rounds' | 'builtins'>,
  round: number,
): string | null => {
  if (!isMonthly(model) || !Number.isInteger(round) || round < 1) return null;
  return MONTH_NAMES[(model.builtins.startMonth - 1 + round - 1) % 12] ?? null;
};

/** "Month 3 of 24 · September" (monthly scenarios), "Round 1 of 1" otherwise. */
export const roundTitle = (
  model: Pick<RuntimeModel, 'rounds' | 'builtins'> | null,
  round: number,
  total: number,
): string => {
  const label = model?.rounds.label || 'round';
  const head = `${label.charAt(0).toUpperCase()}${label.slice(1)} ${round} of ${total}`;
  const month = model ? calendarMonth(model, round) : null;
  return month ? `${head} · ${month}` : head;
};
