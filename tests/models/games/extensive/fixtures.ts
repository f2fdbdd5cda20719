// The .efg fixtures (tests/fixtures/efg): the classics, Gambit samples, random trees.
import { readFileSync, readdirSync } from 'node:fs';
import { readEfg } from '../../../../models/games/extensive/efg';
import type { GameTree } from '../../../../models/games/extensive/GameTree';

const dir = new URL('../../../fixtures/efg/', import.meta.url);

export const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
export const fixtureTree = (name: string): GameTree => readEfg(fixture(name), name);
export const allFixtures = (): string[] => [
  ...readdirSync(dir).filter((f) => f.endsWith('.efg')),
  ...readdirSync(new URL('gambit/', dir))
    .filter((f) => f.endsWith('.efg'))
    .map((f) => `gambit/${f}`),
  ...readdirSync(new URL('random/', dir))
    .filter((f) => f.endsWith('.efg'))
    .map((f) => `random/${f}`),
];
