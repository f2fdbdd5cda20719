import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { reduceToGame, roundOff } from '../../../models/scenario/reduceToGame';

describe('reduceToGame: exact payoffs from float formulas', () => {
  it('reads floating-point noise as the intended decimal', () => {
    expect(0.1 * 12).not.toBe(1.2);
    expect(roundOff(0.1 * 12)).toBe(1.2);
    expect(roundOff(-0.1 * 3)).toBe(-0.3);
    expect(roundOff(0)).toBe(0);
    expect(roundOff(1 / 3)).toBeCloseTo(1 / 3, 11);
  });

  it('gives korea-2025 a game with small exact denominators', () => {
    const game = reduceToGame(instantiateModel(loadBuiltin('korea-2025').spec));
    expect(game.exact).not.toBeNull();
    for (const row of game.exact ?? []) {
      for (const q of row) expect(q.toString().length).toBeLessThan(16);
    }
  });
});
