// The Game view's "The simulation plays …" line: which equilibrium (or behaviour) the engine plays in the round shown,
// under the scenario's selection rule (models/engine/playedEquilibrium computes it with the engine's own round code).
import type { Game } from '../../../models/games/Game';
import type { PlayedEquilibrium } from '../../../models/engine/playedEquilibrium';
import type { SelectionRule } from '../../../models/scenario/RuntimeModel';
import { formatPercent } from '../../../models/text/format';

/** The selection rules in words (the README's "Equilibrium selection" section says the same). */
export const SELECTION_RULE_TEXT: Readonly<Record<SelectionRule, string>> = {
  'payoff-dominant': 'the pure equilibrium with the largest sum of payoffs (ties drawn at random)',
  'risk-dominant': 'the risk-dominant pure equilibrium (ties drawn at random)',
  random: 'a pure equilibrium drawn at random each round',
  first: 'the first pure equilibrium in profile order',
  'logit-limit': 'the limit of the principal logit QRE branch (McKelvey–Palfrey): the tracing selection',
};

/** One actor's play: its strategy when pure, else every strategy played with its probability. */
export const actorText = (labels: readonly string[], probs: readonly number[]): string => {
  const pure = probs.findIndex((p) => p === 1);
  if (pure >= 0) return labels[pure] ?? '';
  return probs
    .map((p, k) => ({ p, k }))
    .filter(({ p }) => p > 0)
    .map(({ p, k }) => `${labels[k] ?? ''} ${formatPercent(p)}`)
    .join(', ');
};

export type PlayedLines = {
  /** "by the logit-limit rule: …" (empty when no actor plays an equilibrium). */
  readonly rule: string;
  /** One line per alternative: "Driver A: Swerve 81.8%, Straight 18.2% · Driver B: …", with its probability. */
  readonly alternatives: readonly { readonly probability: string; readonly text: string }[];
};

/** The lines for `played` in `game` (the same actors and strategies). */
export const playedText = (game: Game, played: PlayedEquilibrium): PlayedLines => ({
  rule:
    played.kind === 'none'
      ? ''
      : `${played.kind === 'mixed' ? 'a mixed' : 'a pure'} equilibrium chosen as ${SELECTION_RULE_TEXT[played.rule]}`,
  alternatives: played.alternatives.map((a) => ({
    probability: formatPercent(a.probability),
    text: a.profile
      .map((probs, i) => `${game.players[i] ?? ''}: ${actorText(game.strategies[i] ?? [], probs)}`)
      .join(' · '),
  })),
});
