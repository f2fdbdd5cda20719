import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../models/scenario/scenarioSchema';

describe('JSON Schema', () => {
  it('the shipped models/library/parley.scenario.schema.json equals the one generated from the zod definition', () => {
    const shipped = readFileSync(
      resolve(import.meta.dirname, '../../../models/library/parley.scenario.schema.json'),
      'utf8',
    );
    // Regenerate with: npm run -s cli -- schema > models/library/parley.scenario.schema.json
    expect(JSON.parse(shipped)).toEqual(scenarioJsonSchema());
  });

  it('describes the main sections', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'format',
        'title',
        'parameters',
        'actors',
        'state',
        'events',
        'rounds',
        'outcomes',
        'metrics',
      ]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'title', 'actors']));
  });
});
