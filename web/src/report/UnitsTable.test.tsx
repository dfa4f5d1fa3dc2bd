import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import type { ReportFigure } from './ReportFigures.tsx';
import { MetPlanSentence, type ReportRow, UnitsTable } from './UnitsTable.tsx';

const health = (participants: number, planned: number | null, rank: number | null): ReportFigure => ({
  indicator: 'HEALTH',
  participants,
  importedOn: '2021-11-30',
  planned,
  percentOfPlan: planned ? (participants / planned) * 100 : null,
  changeSinceLastMonth: -250,
  changeSinceDecember: 19_393,
  coverageBase: 'POPULATION',
  coverageRate: 87.1,
  metPlan: planned !== null && participants >= planned,
  rank,
});

const rows: ReportRow[] = [
  {
    unit: { code: 'BHXH-38', name: 'BHXH tỉnh Thanh Hóa', kind: 'SOCIAL_SECURITY_OFFICE' },
    figures: [health(105, 100, 1)],
  },
  { unit: { code: '395', name: 'Thọ Xuân', kind: 'DISTRICT' }, figures: [health(100, 100, 2)] },
  { unit: { code: '396', name: 'Lang Chánh', kind: 'DISTRICT' }, figures: [health(3_220_197, 3_261_618, 3)] },
];

describe('the report’s table of units', () => {
  beforeEach(() => setLanguage('vi'));

  it('writes vi-VN numbers, signed changes, marks the units that met the plan and opens a district’s report', () => {
    render(
      <MemoryRouter>
        <UnitsTable
          indicator="HEALTH"
          rows={rows}
          totals={undefined}
          caption="BHYT"
          hrefOf={(code) => `/report/${code}`}
        />
      </MemoryRouter>,
    );
    const cells = (code: string) =>
      Object.fromEntries(
        [...(document.querySelectorAll(`[data-unit-code="${code}"] [data-field]`) ?? [])].map((cell) => [
          cell.getAttribute('data-field'),
          cell.textContent,
        ]),
      );
    expect(cells('396')).toEqual({
      participants: '3.220.197',
      planned: '3.261.618',
      percentOfPlan: '98,73%',
      changeSinceLastMonth: '-250',
      changeSinceDecember: '+19.393',
      coverageRate: '87,10%',
      rank: '3',
    });
    expect(cells('395').percentOfPlan).toBe('100,00% ✓');
    expect(document.querySelector('[data-unit-code="395"]')?.className).toBe('met');
    expect(document.querySelector('[data-unit-code="396"]')?.className).toBe('');
    // The province's own office has nothing under it: no link.
    expect(document.querySelector('[data-unit-code="BHXH-38"] a')).toBeNull();
    expect(document.querySelector('[data-unit-code="395"] a')?.getAttribute('href')).toBe('/report/395');
  });

  it('names the units that met the plan as seed 002 does', () => {
    const { container } = render(<MetPlanSentence indicator="HEALTH" rows={rows} />);
    expect(container.textContent).toBe(
      '2 đơn vị đã hoàn thành và vượt chỉ tiêu BHYT: BHXH tỉnh Thanh Hóa, H. Thọ Xuân.',
    );
  });

  it('says so when no unit met it, or when there is no plan', () => {
    const none = render(<MetPlanSentence indicator="HEALTH" rows={rows.slice(2)} />);
    expect(none.container.textContent).toBe('Chưa có đơn vị nào hoàn thành chỉ tiêu BHYT.');
    none.unmount();
    const unplanned = render(
      <MetPlanSentence
        indicator="HEALTH"
        rows={[{ ...rows[1], figures: [health(5, null, null)] } as ReportRow]}
      />,
    );
    expect(unplanned.container.textContent).toBe('Chưa có kế hoạch giao cho chỉ tiêu BHYT.');
  });
});
