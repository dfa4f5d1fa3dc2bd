import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { checkList, checkRows, problemsOnLines } from './checkRows.ts';

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

describe('checkList', () => {
  const lists = {
    units: context.units,
    officerCodes: new Set(['TH-1']),
    schemes: context.schemes,
    schemeLabels: context.schemeLabels,
    indicatorLabels: { HEALTH: ['BHYT'], VOLUNTARY_SI: ['BHXH tự nguyện'] },
    organisationLabels: { POST_OFFICE: ['Bưu điện'], WOMENS_UNION: ['Hội Liên hiệp Phụ nữ'] },
  };

  it('reads officers as a province lists them: a unit by its unique name, "có"/"không", or left out', () => {
    const result = checkList(
      'officers',
      [
        ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Tên đơn vị', 'Tổ chức', 'Đang hoạt động'],
        ['TH-1', 'Hà Văn Quyết', '', 'Bá Thước', 'bưu điện', 'có'],
        ['TH-2', 'Lò Thị Hiền', '386', '', 'Hội Liên hiệp Phụ nữ', ''],
        ['TH-3', 'Phạm Văn Tới', '', 'Xã mẫu 2', 'Hội Cựu chiến binh', 'chắc vậy'],
        ['TH-1', 'Hà Văn Quyết', '386', '', 'Bưu điện', 'không'],
      ],
      lists,
      t,
    );
    expect(result.rows.map((row) => row.input)).toEqual([
      { code: 'TH-1', name: 'Hà Văn Quyết', unitCode: '386', organisation: 'POST_OFFICE', active: true },
      { code: 'TH-2', name: 'Lò Thị Hiền', unitCode: '386', organisation: 'WOMENS_UNION' },
    ]);
    expect(result.problems.map((problem) => problem.line)).toEqual([4, 4, 4, 5]);
    expect(result.problems[0]?.message).toContain('mã 405-02, 390-02');
    expect(result.problems[3]?.message).toBe('Trùng với dòng 2.');
  });

  it('refuses a quota for an officer outside the subtree, and a plan above 100 %', () => {
    const quotas = checkList(
      'quotas',
      [
        ['Mã cán bộ', 'Loại hình', 'Chỉ tiêu cá nhân'],
        ['TH-1', 'BHYT hộ gia đình', 2],
        ['CT-001', 'BHXH tự nguyện', 1],
        ['TH-1', 'BHXH tự nguyện', ''],
      ],
      lists,
      t,
    );
    expect(quotas.rows.map((row) => row.input)).toEqual([
      { officerCode: 'TH-1', scheme: 'HOUSEHOLD_HI', quota: 2 },
    ]);
    expect(quotas.problems).toEqual([
      {
        line: 3,
        message: 'Không có cán bộ mã «CT-001» trong phạm vi của anh/chị: hãy tải danh sách cán bộ lên trước.',
      },
    ]);
    expect(quotas.blank).toBe(1);
    const plans = checkList(
      'plans',
      [
        ['Mã đơn vị', 'Chỉ số', 'Tỷ lệ bao phủ mục tiêu (%)'],
        ['386', 'BHYT', '95,5'],
        ['386', 'BHXH tự nguyện', '120'],
      ],
      lists,
      t,
    );
    expect(plans.rows.map((row) => row.input)).toEqual([
      { unitCode: '386', indicator: 'HEALTH', planned: null, coverageTargetPercent: 95.5 },
    ]);
    expect(plans.problems.map((problem) => problem.line)).toEqual([3]);
  });

  it('reads populations and participant counts, and refuses a labour force above the population', () => {
    const populations = checkList(
      'populations',
      [
        ['Mã đơn vị', 'Tên đơn vị', 'Dân số', 'Lực lượng lao động'],
        ['386', '', '1.200.000', 700000],
        ['', 'Bá Thước', 100, 200],
      ],
      lists,
      t,
    );
    expect(populations.rows.map((row) => row.input)).toEqual([
      { unitCode: '386', population: 1_200_000, labourForce: 700_000 },
    ]);
    expect(populations.problems).toEqual([
      { line: 3, message: 'Lực lượng lao động lớn hơn dân số.' },
      { line: 3, message: 'Trùng với dòng 2.' },
    ]);
    const counts = checkList(
      'participantCounts',
      [
        ['Mã đơn vị', 'Chỉ số', 'Số người tham gia'],
        ['386', 'BHYT', '3.294.829'],
        ['386', 'Người tham gia', 5],
      ],
      lists,
      t,
    );
    expect(counts.rows.map((row) => row.input)).toEqual([
      { unitCode: '386', indicator: 'HEALTH', participants: 3_294_829 },
    ]);
    expect(counts.problems.map((problem) => problem.line)).toEqual([3]);
  });
});
