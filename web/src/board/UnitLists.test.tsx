import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { tally } from '../test/tally.ts';
import type { Row } from './BoardRow.tsx';
import { UnitLists } from './UnitLists.tsx';

const row = (code: string, today: number, dailyGoal: number): Row => ({
  unit: { code, name: `Yên ${code}`, kind: 'COMMUNE' },
  tallies: [tally({ today, dailyGoal })],
});

describe('the lists beside the board', () => {
  beforeEach(() => setLanguage('vi'));

  it('names the units that met today’s goal and those with nothing yet', () => {
    render(
      <MemoryRouter>
        <UnitLists rows={[row('a', 5, 5), row('b', 0, 3), row('c', 1, 3)]} hrefOf={() => null} />
      </MemoryRouter>,
    );
    const met = document.querySelector('[data-list="met"]');
    const idle = document.querySelector('[data-list="no-activity"]');
    expect(met?.textContent).toContain('Hoàn thành chỉ tiêu ngày: 1/3 đơn vị');
    expect([...(met?.querySelectorAll('[data-listed-unit]') ?? [])].map((li) => li.textContent)).toEqual([
      'X. Yên a',
    ]);
    expect(idle?.textContent).toContain('Chưa có kết quả hôm nay: 1/3 đơn vị');
    expect(idle?.querySelector('[data-listed-unit="b"]')).not.toBeNull();
  });

  it('shortens a long list and says how many more', () => {
    const many = Array.from({ length: 30 }, (_, n) => row(String(n), 0, 3));
    render(
      <MemoryRouter>
        <UnitLists rows={many} hrefOf={() => null} />
      </MemoryRouter>,
    );
    expect(screen.getByText('và 6 đơn vị khác')).toBeTruthy();
  });

  it('names the units with the most covers due in the next 7 days, with their counts', () => {
    const due = (code: string, ...counts: number[]): Row => ({
      unit: { code, name: `Yên ${code}`, kind: 'COMMUNE' },
      tallies: counts.map((dueWithin7Days) => tally({ dueWithin7Days })),
    });
    render(
      <MemoryRouter>
        <UnitLists
          rows={[due('a', 1, 0), due('b', 0, 0), due('c', 900, 1200)]}
          hrefOf={(code) => `/board/x/${code}`}
        />
      </MemoryRouter>,
    );
    const list = document.querySelector('[data-list="due-7-days"]');
    expect(list?.querySelector('h3')?.textContent).toBe('Đến hạn tái tục trong 7 ngày tới: 2.101 người');
    expect([...(list?.querySelectorAll('[data-listed-unit]') ?? [])].map((li) => li.textContent)).toEqual([
      'X. Yên c2.100',
      'X. Yên a1',
    ]);
    expect(list?.querySelector('[data-listed-unit="c"] a')?.getAttribute('href')).toBe('/board/x/c');
  });
});
