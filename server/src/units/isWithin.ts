/**
 * Whether a unit lies in the subtree of `rootId` (the unit itself included), from the unit's own
 * row: its `ancestorIds` list every unit above it. A null root is the whole country, which holds
 * every unit: a token without a unit, or a campaign of the nation.
 */
export function isWithin(unit: { id: number; ancestorIds: number[] }, rootId: number | null): boolean {
  return rootId === null || unit.id === rootId || unit.ancestorIds.includes(rootId);
}
