import type { Indicator } from '@toandan/db/client';
import { describe, expect, it } from 'vitest';
import { type FigureNode, nodeKey, sumOf, unitFigures } from './unitFigures.ts';

const DAY = '2021-11-30';

/** A node of HEALTH on DAY unless told otherwise: nothing imported, nothing counted, no children. */
function node(unitId: number, fields: Partial<FigureNode> = {}): FigureNode {
  const children = fields.children ?? [];
  return {
    unitId,
    day: DAY,
    indicator: 'HEALTH',
    imported: null,
    importedOn: null,
    counted: 0,
    countedAny: false,
    predecessors: [],
    ...fields,
    children,
    hasChildren: children.length > 0,
  };
}
const figures = (...nodes: FigureNode[]) =>
  unitFigures(new Map(nodes.map((n) => [nodeKey(n.unitId, n.day, n.indicator), n])));
const health = (
  figureOf: ReturnType<typeof figures>,
  unitId: number,
  day = DAY,
  indicator: Indicator = 'HEALTH',
) => figureOf(unitId, day, indicator);

describe('a unit’s figure on a day', () => {
  it('is its imported figure plus what was counted after that figure’s day', () => {
    const figureOf = figures(
      node(1, {
        imported: 3_220_000,
        importedOn: '2021-10-31',
        counted: 197,
        countedAny: true,
        children: [2],
      }),
      node(2, { imported: 1_000, importedOn: '2021-10-31' }),
    );
    expect(health(figureOf, 1)).toEqual({ participants: 3_220_197, importedOn: '2021-10-31' });
  });

  it('sums its children’s when it has no figure of its own, dated by the oldest figure in the sum', () => {
    const figureOf = figures(
      node(1, { children: [2, 3, 4] }),
      node(2, { imported: 100, importedOn: '2021-11-30', counted: 0 }),
      node(3, { imported: 200, importedOn: '2021-10-31', counted: 5, countedAny: true }),
      node(4, { counted: 7, countedAny: true }),
    );
    expect(health(figureOf, 1)).toEqual({ participants: 312, importedOn: '2021-10-31' });
  });

  it('is what was counted for it when it has neither a figure nor children, and nothing when nothing was', () => {
    const figureOf = figures(
      node(1, { counted: 12, countedAny: true }),
      node(2),
      node(3, { children: [2] }),
      node(4, { indicator: 'ALL_PARTICIPANTS' }),
    );
    expect(health(figureOf, 1)).toEqual({ participants: 12, importedOn: null });
    expect(health(figureOf, 2)).toBeNull();
    expect(health(figureOf, 3)).toBeNull();
    expect(health(figureOf, 4, DAY, 'ALL_PARTICIPANTS')).toBeNull();
  });

  it('is never below 0 without a figure: lapses of BHXH’s list of cover may outnumber what it counted', () => {
    const figureOf = figures(
      node(1, { counted: -3, countedAny: true }),
      node(2, { children: [1, 3] }),
      node(3, { imported: 50, importedOn: '2021-10-31', counted: -4 }),
    );
    expect(health(figureOf, 1)).toEqual({ participants: 0, importedOn: null });
    // With an imported figure, what lapsed since is taken away whole.
    expect(health(figureOf, 2)).toEqual({ participants: 46, importedOn: '2021-10-31' });
  });

  it('takes over a merged unit’s figure of its last day when its own figure is older than the merge', () => {
    // Commune 2 joined commune 1 on 15 November; 1's own figure of 31 October did not hold it.
    const figureOf = figures(
      node(1, {
        imported: 500,
        importedOn: '2021-10-31',
        counted: 9,
        countedAny: true,
        predecessors: [{ unitId: 2, day: '2021-11-14' }],
      }),
      node(2, { day: '2021-11-14', imported: 300, importedOn: '2021-10-31', counted: 4, countedAny: true }),
    );
    expect(health(figureOf, 1)).toEqual({ participants: 813, importedOn: '2021-10-31' });
  });

  it('sums a merged unit’s children where they went, and takes over its figure only if it had none', () => {
    // District 2 (communes 5, 6) and commune 7 merged into district 1, which has no figure of its own.
    const figureOf = figures(
      node(1, {
        children: [4, 5, 6],
        predecessors: [
          { unitId: 2, day: '2021-11-14' },
          { unitId: 7, day: '2021-11-14' },
        ],
      }),
      node(2, { day: '2021-11-14', imported: 1_000, importedOn: '2021-10-31', children: [5, 6] }),
      node(7, { day: '2021-11-14', imported: 40, importedOn: '2021-10-31' }),
      node(4, { imported: 100, importedOn: '2021-11-30' }),
      node(5, { imported: 300, importedOn: '2021-11-30' }),
      node(6, { imported: 600, importedOn: '2021-11-30' }),
    );
    expect(health(figureOf, 1)).toEqual({ participants: 1_040, importedOn: '2021-10-31' });
  });

  it('adds figures dated by the oldest of them', () => {
    expect(sumOf([])).toBeNull();
    expect(
      sumOf([
        { participants: 1, importedOn: null },
        { participants: 2, importedOn: '2021-11-30' },
        { participants: 3, importedOn: '2021-10-31' },
      ]),
    ).toEqual({ participants: 6, importedOn: '2021-10-31' });
  });
});
