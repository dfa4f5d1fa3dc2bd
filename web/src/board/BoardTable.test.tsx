import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { tally } from '../test/tally.ts';
import type { Row } from './BoardRow.tsx';
import { BoardTable } from './BoardTable.tsx';

const row = (code: string, name: string, today: number, cumulative: number): Row => ({
  unit: { code, name },
  tallies: [
    tally({ today, cumulative, target: 100, dailyGoal: 10, status: today ? 'ON_TRACK' : 'NO_ACTIVITY_YET' }),
    tally({
      scheme: 'HOUSEHOLD_HI',
      today: 0,
      cumulative: 0,
      target: 0,
      dailyGoal: 0,
      status: 'NO_ACTIVITY_YET',
    }),
  ],
});
const rows = [row('405', 'Đông Sơn', 9, 80), row('386', 'Bá Thước', 0, 10), row('390', 'Cẩm Thủy', 4, 40)];

function renderTable() {
  return render(
    <MemoryRouter>
      <BoardTable
        rows={rows}
        schemes={['VOLUNTARY_SI', 'HOUSEHOLD_HI']}
        hrefOf={(code) => `/board/c/${code}`}
        caption="Các huyện"
      />
    </MemoryRouter>,
  );
}
const order = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((tr) => tr.getAttribute('data-unit-code'));

describe('the rows of a board', () => {
  beforeEach(() => setLanguage('vi'));

  it('lists one row per unit in Vietnamese order, each tally under data-scheme', () => {
    renderTable();
    expect(order()).toEqual(['386', '390', '405']);
    const dongSon = screen.getAllByRole('row').find((tr) => tr.getAttribute('data-unit-code') === '405');
    expect(dongSon?.querySelector('[data-scheme="VOLUNTARY_SI"]')?.textContent).toBe('9');
    expect(dongSon?.querySelector('[data-scheme="HOUSEHOLD_HI"]')?.textContent).toBe('0');
  });

  it('sorts by percent of plan and by today’s shortfall, and back, from buttons', () => {
    renderTable();
    fireEvent.click(screen.getByRole('button', { name: '% kế hoạch' }));
    expect(order()).toEqual(['386', '390', '405']);
    fireEvent.click(screen.getByRole('button', { name: /% kế hoạch/ }));
    expect(order()).toEqual(['405', '390', '386']);
    fireEvent.click(screen.getByRole('button', { name: 'Còn thiếu hôm nay' }));
    expect(order()).toEqual(['386', '390', '405']);
    expect(screen.getByRole('button', { name: /Còn thiếu hôm nay/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('links each unit to its own board, for the keyboard as for the mouse', () => {
    renderTable();
    const link = within(screen.getAllByRole('row')[1] as HTMLElement).getByRole('link');
    expect(link.getAttribute('href')).toBe('/board/c/386');
    expect(link.getAttribute('aria-label')).toBe('Xem bảng theo dõi của Bá Thước');
  });
});
