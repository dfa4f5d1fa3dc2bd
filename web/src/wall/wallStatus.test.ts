import { describe, expect, it } from 'vitest';
import { statusLook } from '../board/status.ts';
import { lookOf, orderTiles } from './wallStatus.ts';

const row = (name: string, ...statuses: string[]) => ({
  unit: { name },
  tallies: statuses.map((status) => ({ status })),
});

describe('the order of the wall’s tiles', () => {
  it('puts a unit by its worst scheme: behind, then no result yet, then the rest, then by name', () => {
    const rows = [
      row('Đông Sơn', 'AHEAD', 'AHEAD'),
      row('Bá Thước', 'ON_TRACK', 'AHEAD'),
      row('Thọ Xuân', 'AHEAD', 'BEHIND'),
      row('Cẩm Thủy', 'NO_ACTIVITY_YET', 'ON_TRACK'),
      row('Hà Trung', 'TARGET_MET', 'TARGET_MET'),
      row('Nga Sơn', 'SOMETHING_NEW', 'AHEAD'),
      row('Bỉm Sơn', 'BEHIND', 'NO_ACTIVITY_YET'),
      row('Dầu Tiếng', 'AHEAD', 'AHEAD'),
    ];
    expect(orderTiles(rows).map((r) => r.unit.name)).toEqual([
      'Bỉm Sơn',
      'Thọ Xuân',
      'Cẩm Thủy',
      'Nga Sơn',
      'Bá Thước',
      'Dầu Tiếng',
      'Đông Sơn',
      'Hà Trung',
    ]);
  });
});

describe('the look of a status on the wall', () => {
  it('is the board’s, and grey for a status the app does not know yet', () => {
    expect(lookOf('BEHIND')).toBe(statusLook.BEHIND);
    expect(lookOf('SOMETHING_NEW').colour).toBe('#5b6470');
  });
});
