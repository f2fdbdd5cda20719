// The equilibria a presentation slide marks (NASH cells and mixed equilibria), from the same solvers as the Game tab.
import type { Game } from '../../../models/games/Game';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { enumMixed } from '../../../models/games/enumMixed';
import { SOLVER_LIMITS } from '../../../models/games/solverLimits';
import { equilibriumView } from './analyseGame';

/** The equilibria a slide marks: pure ones by profile index (outlined, badged NASH), mixed ones as text lines
 * ("Driver A: Swerve 9/11, Straight 2/11 · Driver B: …"), from the same solvers as the Game tab (pureEquilibria;
 * enumMixed's extreme equilibria for 2 players, within the Game tab's work limit). */
export type SlideEquilibria = {
  readonly pure: ReadonlySet<number>;
  readonly mixed: readonly string[];
  /** Why mixed equilibria are not listed (3+ players, or the game is too large), else null. */
  readonly note: string | null;
};

export const slideEquilibria = (game: Game): SlideEquilibria => {
  const pure: ReadonlySet<number> = new Set(
    pureEquilibria(game).flatMap((eq) => {
      const k = equilibriumView(game, eq).pureIndex;
      return k === null ? [] : [k];
    }),
  );
  if (game.players.length !== 2) {
    return {
      pure,
      mixed: [],
      note: 'Mixed equilibria are listed for two-player games only (see the Game tab).',
    };
  }
  try {
    const mixed = enumMixed(game, { maxWork: SOLVER_LIMITS.enummixedWork })
      .map((eq) => equilibriumView(game, eq))
      .filter((v) => v.pureIndex === null)
      .map((v) =>
        game.players
          .map((pl, p) => {
            const parts = (game.strategies[p] ?? []).flatMap((label, k) =>
              (v.probs[p]?.[k] ?? 0) > 0 ? [`${label} ${v.text[p]?.[k] ?? ''}`] : [],
            );
            return `${pl}: ${parts.join(', ')}`;
          })
          .join(' · '),
      );
    return { pure, mixed, note: null };
  } catch (e) {
    return {
      pure,
      mixed: [],
      note: `Mixed equilibria not computed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
};
