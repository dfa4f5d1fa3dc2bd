import type { UnitReference } from '../enrolments/references.ts';

/** The key of the tree's PostgreSQL advisory lock (migration reorganisation, toandan_tree_guard). */
export const TREE_LOCK_KEY = 7315000019;

/** What an enrolment adds to the opening balances across one later change of its unit's place. */
export interface CarriedChange {
  unitId: number;
  fromDay: string;
  count: number;
}

/**
 * Where an enrolment of `unit` on `day` counts (docs/design.md, "Counters and the tree's
 * history"): once, on the chain its unit had on that day (the place holding the day, else the
 * row's), and across each later change of the unit's place, +1 from the change's day to the
 * ancestors it joined and −1 to those it left. The same rule as rebuildCounters' recount, so
 * that what writers keep equals a recount.
 */
export function countedChain(
  unit: UnitReference,
  day: string,
): { chain: { id: number; depth: number }[]; carried: CarriedChange[] } {
  const { places } = unit;
  const held =
    places.find(
      (place) =>
        place.untilDay !== null && (place.fromDay === null || place.fromDay <= day) && place.untilDay > day,
    ) ?? (places.at(-1) as (typeof places)[number]);
  const chain = [...held.chain, unit.id].map((id, depth) => ({ id, depth }));
  const carried: CarriedChange[] = [];
  for (const next of places) {
    if (next.fromDay === null || next.fromDay <= day) continue;
    const before = places.find((place) => place.untilDay === next.fromDay);
    if (!before) continue;
    const fromDay = next.fromDay;
    for (const id of next.chain)
      if (!before.chain.includes(id)) carried.push({ unitId: id, fromDay, count: 1 });
    for (const id of before.chain)
      if (!next.chain.includes(id)) carried.push({ unitId: id, fromDay, count: -1 });
  }
  return { chain, carried };
}

/** Thrown by a counter writer whose tree was changed meanwhile: read it again and retry. */
export class StaleTree extends Error {
  constructor() {
    super('the tree changed while this was being written');
  }
}
