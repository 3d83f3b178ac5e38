import { z } from 'zod';
import type { Cycle } from './types.js';

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _');

/** Runtime schema of a cycle seed file (`seeds/<cycle>/cycle.json`). */
export const cycleSeedSchema = z
  .object({
    code: z.string().regex(/^\d{4}-\d{2}$/, 'use the biennium form 2012-13'),
    label: z.string().min(1),
    source: z.string().min(1),
    regions: z.array(z.object({ code, name: z.string().min(1), position: z.number().int().min(0) })).min(1),
    objectives: z.array(z.object({ code, name: z.string().min(1), position: z.number().int().min(0) })).min(1),
    outcomes: z
      .array(
        z.object({
          code: z.string().regex(/^\d{2}$/, 'use two digits such as 01'),
          title: z.string().min(1),
          objective: code,
          position: z.number().int().min(0),
          comparable: z.boolean(),
          comparabilityNote: z.string().min(1).nullable(),
        }),
      )
      .min(1),
  })
  .strict();

export type CycleSeed = z.infer<typeof cycleSeedSchema>;

/**
 * Validates a parsed cycle seed and converts it to the domain type.
 * Throws with the first problem found, because a broken seed must stop set-up.
 */
export function cycleFromSeed(raw: unknown): Cycle {
  const seed = cycleSeedSchema.parse(raw);
  const objectiveCodes = new Set(seed.objectives.map((o) => o.code));
  assertUnique(seed.regions.map((r) => r.code), 'region code');
  assertUnique(seed.objectives.map((o) => o.code), 'objective code');
  assertUnique(seed.outcomes.map((o) => o.code), 'outcome code');

  for (const outcome of seed.outcomes) {
    if (!objectiveCodes.has(outcome.objective)) {
      throw new Error(`Outcome ${outcome.code} names objective "${outcome.objective}", which the cycle does not define.`);
    }
    if (!outcome.comparable && outcome.comparabilityNote === null) {
      throw new Error(`Outcome ${outcome.code} is marked not comparable but has no comparabilityNote saying why.`);
    }
  }

  const byPosition = <T extends { position: number }>(items: T[]) => [...items].sort((a, b) => a.position - b.position);
  return {
    code: seed.code,
    label: seed.label,
    regions: byPosition(seed.regions),
    objectives: byPosition(seed.objectives),
    outcomes: byPosition(seed.outcomes).map((o) => ({
      code: o.code,
      title: o.title,
      objectiveCode: o.objective,
      position: o.position,
      comparable: o.comparable,
      comparabilityNote: o.comparabilityNote,
    })),
  };
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`The cycle defines ${what} "${value}" twice.`);
    seen.add(value);
  }
}
