import { describe, expect, it } from 'vitest';
import { orderCoverTiles } from './coverOrder.ts';

const row = (name: string, netGrowth: number, lapsed: number, dueForRenewal = 0) => ({
  unit: { name },
  tallies: [
    { scheme: 'HOUSEHOLD_HI', netGrowth, lapsed, dueForRenewal },
    { scheme: 'VOLUNTARY_SI', netGrowth: -netGrowth, lapsed: 0, dueForRenewal: 0 },
  ],
});

describe('the order of the wall’s cover page', () => {
  it('puts the units losing the most first: lowest net growth, then most lapsed, then most due, then by name', () => {
    const rows = [
      row('Bình', 5, 0),
      row('An', -3, 10),
      row('Đông', 0, 4, 1),
      row('Cường', 0, 4, 7),
      row('Ân', 0, 4, 7),
    ];
    expect(orderCoverTiles(rows, 'HOUSEHOLD_HI').map((r) => r.unit.name)).toEqual([
      'An',
      'Ân',
      'Cường',
      'Đông',
      'Bình',
    ]);
    // Each scheme's page in its own order.
    expect(orderCoverTiles(rows, 'VOLUNTARY_SI')[0]?.unit.name).toBe('Bình');
  });
});
