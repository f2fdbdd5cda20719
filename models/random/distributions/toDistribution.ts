// A parameter's `uncertainty` as written in a file (an object, or the "low to high" shorthand) → a Distribution.
import type { Distribution } from '../Distribution';
import { familyOf } from './distributionFamilies';
import { parseIntervalShorthand } from './intervalShorthand';

/**
 * "0.2 to 0.6" → interval90; an object with a known `type` → itself (its fields are checked by its family); anything
 * else → null.
 */
export const toDistribution = (u: unknown): Distribution | null => {
  if (typeof u === 'string') return parseIntervalShorthand(u);
  if (typeof u === 'object' && u !== null && !Array.isArray(u) && familyOf(u as { type: unknown })) {
    return u as Distribution;
  }
  return null;
};
