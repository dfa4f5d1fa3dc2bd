import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { checkRows, problemsOnLines } from './checkRows.ts';

const t = i18n.getFixedT('vi', 'admin');
const context = {
  units: [
    { code: '386', name: 'Bá Thước' },
    { code: '405-02', name: 'Xã mẫu 2' },
    { code: '390-02', name: 'Xã mẫu 2' },
  ],
  schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
  startsOn: '2026-05-01',
  endsOn: '2026-05-31',
  schemeLabels: { VOLUNTARY_SI: ['BHXH tự nguyện'], HOUSEHOLD_HI: ['BHYT hộ gia đình'] },
};

describe('checkRows', () => {
  it('reads numbers as provinces write them and names a unit by its unique name, in any case', () => {
    const result = checkRows(
      'targets',
      [
        ['MÃ ĐƠN VỊ', 'Tên đơn vị', 'loại hình', 'Chỉ tiêu kế hoạch giao'],
        ['', 'bá  thước', 'bhxh tự nguyện', '1.200'],
        [],
        ['405-02', '', 'HOUSEHOLD_HI', 300],
      ],
      context,
      t,
      'vi',
    );
    expect(result).toEqual({
      rows: [
        { line: 2, unitCode: '386', scheme: 'VOLUNTARY_SI', value: 1200 },
        { line: 4, unitCode: '405-02', scheme: 'HOUSEHOLD_HI', value: 300 },
      ],
      problems: [],
      blank: 0,
    });
  });

  it('says which header is missing on line 1, and refuses a repeated row by the line it repeats', () => {
    expect(
      checkRows('dailyGoals', [['Mã đơn vị', 'Loại hình', 'Chỉ tiêu ngày']], context, t, 'vi').problems,
    ).toEqual([{ line: 1, message: 'Thiếu cột «Ngày» ở dòng tiêu đề.' }]);
    const repeated = checkRows(
      'dailyGoals',
      [
        ['Mã đơn vị', 'Loại hình', 'Ngày', 'Chỉ tiêu ngày'],
        ['386', 'BHXH tự nguyện', '5/5/2026', 4],
        ['386', 'BHXH tự nguyện', new Date('2026-05-05T00:00:00Z'), 5],
        ['386', 'BHXH tự nguyện', '31/02/2026', 5],
      ],
      context,
      t,
      'vi',
    );
    expect(repeated.problems).toEqual([
      { line: 3, message: 'Trùng với dòng 2: cùng đơn vị, loại hình và ngày.' },
      { line: 4, message: '«31/02/2026» không phải một ngày (ghi theo dạng 05/12/2026).' },
    ]);
  });
});

it('puts the server’s errors (rows counted from 0 over the rows sent) back on their spreadsheet lines', () => {
  const sent = [
    { line: 2, unitCode: '386', scheme: 'VOLUNTARY_SI', value: 1 },
    { line: 7, unitCode: '390', scheme: 'VOLUNTARY_SI', value: 2 },
  ];
  expect(problemsOnLines([{ field: ['rows', '1', 'scheme'], message: 'Không triển khai.' }], sent)).toEqual([
    { line: 7, message: 'Không triển khai.' },
  ]);
});
