import { describe, expect, it } from 'vitest';
import { vietnameseOrder } from './vietnameseOrder.ts';

describe('vietnameseOrder', () => {
  it('sorts unit names as Vietnamese readers expect', () => {
    const names = [
      'Đông Sơn',
      'Cẩm Thủy',
      'Dương Kinh',
      'Bá Thước',
      'Thọ Xuân',
      'Thạch Thành',
      'Ân Thi',
      'An Lão',
    ];
    expect([...names].sort(vietnameseOrder)).toEqual([
      'An Lão',
      'Ân Thi',
      'Bá Thước',
      'Cẩm Thủy',
      'Dương Kinh',
      'Đông Sơn',
      'Thạch Thành',
      'Thọ Xuân',
    ]);
  });
});
