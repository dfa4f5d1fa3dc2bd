import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { tally } from '../test/tally.ts';
import { OfficersPanel } from './OfficersPanel.tsx';
import { ProjectedTotals } from './ProjectedTotals.tsx';

describe('the officers’ panel', () => {
  beforeEach(() => setLanguage('vi'));

  it('says how many officers met their quotas and how many signed nobody up, with the time of the figures', () => {
    render(
      <OfficersPanel
        officers={{ total: 1189, metQuota: 168, atZero: 20 }}
        readAt={new Date('2026-12-01T08:05:09Z')}
      />,
    );
    expect(document.querySelector('[data-officers-total]')?.textContent).toBe('1.189');
    expect(document.querySelector('[data-officers-met]')?.textContent).toBe('168/1.189 (14,13%)');
    expect(document.querySelector('[data-officers-at-zero]')?.textContent).toBe('20/1.189 (1,68%)');
    expect(screen.getByText('Số liệu lúc 15:05:09')).toBeTruthy();
  });

  it('says when the unit has no officer', () => {
    render(<OfficersPanel officers={{ total: 0, metQuota: 0, atZero: 0 }} readAt={new Date()} />);
    expect(screen.getByText('Chưa có cán bộ, đại lý thu nào ở đơn vị này.')).toBeTruthy();
  });
});

describe('the projected totals', () => {
  beforeEach(() => setLanguage('vi'));

  it('gives each scheme’s projected total against its target, and what it would lack', () => {
    render(
      <ProjectedTotals
        date="2026-12-01"
        endsOn="2026-12-14"
        totals={[
          tally({ scheme: 'VOLUNTARY_SI', projectedTotal: 3180, target: 3220 }),
          tally({ scheme: 'HOUSEHOLD_HI', projectedTotal: 41250, target: 40000 }),
        ]}
      />,
    );
    expect(screen.getByRole('heading').textContent).toContain('Dự báo kết quả đến 14/12/2026');
    const voluntary = document.querySelector('[data-projected-scheme="VOLUNTARY_SI"]');
    expect(voluntary?.textContent).toBe(
      'BHXH tự nguyện 3.180 / 3.220 (98,76%) · còn thiếu 40 so với chỉ tiêu',
    );
    const household = document.querySelector('[data-projected-scheme="HOUSEHOLD_HI"]');
    expect(household?.textContent).toBe('BHYT hộ gia đình 41.250 / 40.000 (103,13%) · đạt chỉ tiêu');
  });

  it('says nothing on the last day, when the totals are the result', () => {
    const { container } = render(
      <ProjectedTotals date="2026-12-14" endsOn="2026-12-14" totals={[tally()]} />,
    );
    expect(container.textContent).toBe('');
  });
});
