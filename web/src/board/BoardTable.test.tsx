import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { tally } from '../test/tally.ts';
import type { Row } from './BoardRow.tsx';
import { BoardTable } from './BoardTable.tsx';
import type { Tally } from './TallyCell.tsx';

const row = (
  code: string,
  name: string,
  today: number,
  cumulative: number,
  status: Tally['status'] = today ? 'ON_TRACK' : 'NO_ACTIVITY_YET',
): Row => ({
  unit: { code, name, kind: 'DISTRICT' },
  tallies: [
    tally({ today, cumulative, target: 100, dailyGoal: 10, status }),
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

function renderTable(shown = rows) {
  return render(
    <MemoryRouter>
      <BoardTable
        rows={shown}
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

  it('ranks by percent of plan and sorts by today’s shortfall, and back, from buttons', () => {
    renderTable();
    fireEvent.click(screen.getByRole('button', { name: 'Xếp hạng (% kế hoạch)' }));
    expect(order()).toEqual(['405', '390', '386']);
    fireEvent.click(screen.getByRole('button', { name: /Xếp hạng/ }));
    expect(order()).toEqual(['386', '390', '405']);
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
    expect(link.getAttribute('aria-label')).toBe('Xem bảng theo dõi của H. Bá Thước');
    expect(link.textContent).toBe('H. Bá Thước');
  });

  it('numbers the rows in the ranked view, ties sharing a rank, and says what the rank rests on', () => {
    const tied = [...rows, row('384', 'Mường Lát', 2, 80)];
    renderTable(tied);
    expect(document.querySelector('[data-rank]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Xếp hạng/ }));
    const ranks = screen
      .getAllByRole('row')
      .slice(1)
      .map((tr) => [
        tr.getAttribute('data-unit-code'),
        tr.querySelector('[data-rank]')?.getAttribute('data-rank'),
      ]);
    // Đông Sơn and Mường Lát both at 80 of 100: both first, Cẩm Thủy third; names break the tie.
    expect(ranks).toEqual([
      ['405', '1'],
      ['384', '1'],
      ['390', '3'],
      ['386', '4'],
    ]);
    const third = screen.getAllByRole('row')[3] as HTMLElement;
    expect(within(third).getByRole('rowheader').textContent).toContain('Hạng 3/4, đạt 40,00% chỉ tiêu');
    // The names view has no ranks.
    fireEvent.click(screen.getByRole('button', { name: /Tên đơn vị/ }));
    expect(document.querySelector('[data-rank]')).toBeNull();
  });

  it('shows only the units behind plan on request, keeping their rank among all', () => {
    const mixed = [
      row('405', 'Đông Sơn', 9, 80),
      row('386', 'Bá Thước', 2, 10, 'BEHIND'),
      row('390', 'Cẩm Thủy', 4, 40, 'BEHIND'),
    ];
    renderTable(mixed);
    const toggle = screen.getByRole('button', { name: 'Chỉ đơn vị chậm tiến độ (2)' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(order()).toEqual(['386', '390']);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('3');
    expect(screen.getByRole('table', { name: 'Các huyện: 2/3 đơn vị chậm tiến độ' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Xếp hạng/ }));
    expect(order()).toEqual(['390', '386']);
    expect(document.querySelector('[data-unit-code="390"] [data-rank]')?.getAttribute('data-rank')).toBe('2');
    fireEvent.click(toggle);
    expect(order()).toEqual(['405', '390', '386']);
  });

  it('says so when no unit is behind', () => {
    renderTable();
    fireEvent.click(screen.getByRole('button', { name: 'Chỉ đơn vị chậm tiến độ (0)' }));
    expect(order()).toEqual([]);
    expect(screen.getByText('Không có đơn vị nào chậm tiến độ.')).toBeTruthy();
  });
});
