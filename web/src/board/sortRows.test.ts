import { describe, expect, it } from 'vitest';
import { rankRows, rowGap, rowIsBehind, rowPercentOfTarget, sortRows } from './sortRows.ts';

const row = (
  name: string,
  tallies: { today: number; dailyGoal: number; cumulative: number; target: number }[],
) => ({
  unit: { name },
  tallies,
});
const rows = [
  row('Đông Sơn', [{ today: 5, dailyGoal: 5, cumulative: 50, target: 100 }]),
  row('Bá Thước', [{ today: 0, dailyGoal: 8, cumulative: 20, target: 100 }]),
  row('Cẩm Thủy', [{ today: 2, dailyGoal: 4, cumulative: 90, target: 100 }]),
  row('Dân Lực', [{ today: 1, dailyGoal: 0, cumulative: 3, target: 0 }]),
];
const names = (sorted: { unit: { name: string } }[]) => sorted.map((r) => r.unit.name);

describe('sorting the rows of a board', () => {
  it('sorts names in Vietnamese order: Đ after D, marks after base letters', () => {
    expect(names(sortRows(rows, { key: 'name', descending: false }))).toEqual([
      'Bá Thước',
      'Cẩm Thủy',
      'Dân Lực',
      'Đông Sơn',
    ]);
    expect(names(sortRows(rows, { key: 'name', descending: true }))[0]).toBe('Đông Sơn');
  });

  it('sorts by share of the target, furthest behind first, rows without a target last', () => {
    expect(names(sortRows(rows, { key: 'percent', descending: false }))).toEqual([
      'Bá Thước',
      'Đông Sơn',
      'Cẩm Thủy',
      'Dân Lực',
    ]);
    expect(names(sortRows(rows, { key: 'percent', descending: true }))).toEqual([
      'Cẩm Thủy',
      'Đông Sơn',
      'Bá Thước',
      'Dân Lực',
    ]);
  });

  it('sorts by what is missing of today’s goal, names breaking ties', () => {
    expect(names(sortRows(rows, { key: 'gap', descending: true }))).toEqual([
      'Bá Thước',
      'Cẩm Thủy',
      'Dân Lực',
      'Đông Sơn',
    ]);
  });

  it('adds the schemes up', () => {
    const two = row('X', [
      { today: 1, dailyGoal: 3, cumulative: 10, target: 40 },
      { today: 5, dailyGoal: 2, cumulative: 30, target: 40 },
    ]);
    expect(rowGap(two)).toBe(2);
    expect(rowPercentOfTarget(two)).toBe(50);
    expect(rowPercentOfTarget(rows[3] as never)).toBeNull();
  });

  it('leaves the given array alone', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'percent', descending: false });
    expect(rows).toEqual(copy);
  });

  it('ranks by share of the target, 1 the highest, ties sharing a rank (1, 1, 3), none without a target', () => {
    const tied = [...rows, row('Hà Trung', [{ today: 0, dailyGoal: 1, cumulative: 50, target: 100 }])];
    const ranks = rankRows(tied);
    expect(tied.map((r) => [r.unit.name, ranks.get(r)])).toEqual([
      ['Đông Sơn', 2],
      ['Bá Thước', 4],
      ['Cẩm Thủy', 1],
      ['Dân Lực', undefined],
      ['Hà Trung', 2],
    ]);
  });

  it('finds a row behind when any of its schemes is', () => {
    expect(rowIsBehind({ tallies: [{ status: 'ON_TRACK' }, { status: 'BEHIND' }] })).toBe(true);
    expect(rowIsBehind({ tallies: [{ status: 'AHEAD' }, { status: 'NO_ACTIVITY_YET' }] })).toBe(false);
  });
});
