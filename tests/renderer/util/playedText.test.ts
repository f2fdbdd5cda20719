import { describe, expect, it } from 'vitest';
import { builtinText } from '../../../models/scenario/builtins';
import { parseScenario } from '../../../models/scenario/parseScenario';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { reduceToGame } from '../../../models/scenario/reduceToGame';
import { playedEquilibrium } from '../../../models/engine/playedEquilibrium';
import { playedText } from '../../../renderer/lib/util/playedText';

const load = (id: string) => {
  const text = builtinText(id);
  const r = parseScenario(text, `${id}.parley.json`);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const model = instantiateModel(r.spec);
  const game = reduceToGame(model, { params: {}, round: 1, state: {} });
  return { game, played: playedEquilibrium(model, game) };
};

describe('playedText (the Game view: which equilibrium the simulation plays)', () => {
  it('Chicken: the symmetric mixed equilibrium, each driver swerving with 9/11 (the logit-limit rule)', () => {
    const { game, played } = load('chicken');
    const lines = playedText(game, played);
    expect(lines.rule).toMatch(/^a mixed equilibrium chosen as the limit of the principal logit QRE branch/);
    expect(lines.alternatives).toHaveLength(1);
    const text = lines.alternatives[0]!.text;
    // 9/11 = 81.8181…%, 2/11 = 18.1818…%
    expect(text).toMatch(/Swerve 81\.8%/);
    expect(text).toMatch(/Straight 18\.2%/);
    expect(text.split(' · ')).toHaveLength(2);
  });

  it('korea-2025: one pure profile, one strategy per actor, by the scenario rule', () => {
    const { game, played } = load('korea-2025');
    const lines = playedText(game, played);
    expect(played.kind).toBe('pure');
    expect(lines.rule).toMatch(/^a pure equilibrium chosen as /);
    for (const a of lines.alternatives) expect(a.text).not.toMatch(/%/);
    expect(lines.alternatives.map((a) => a.probability).join()).toMatch(/%/);
  });
});
