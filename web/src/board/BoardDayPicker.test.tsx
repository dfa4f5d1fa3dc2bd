import { fireEvent, render, screen } from '@testing-library/react';
import { vnDay } from '@toandan/shared/vnDay';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { BoardDayPicker, dayBounds } from './BoardDayPicker.tsx';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{`${location.pathname}${location.search}`}</output>;
}

function renderPicker(campaign: { startsOn: string; endsOn: string }, date: string, pinned = true) {
  return render(
    <MemoryRouter initialEntries={[`/board/c/38${pinned ? `?date=${date}` : ''}`]}>
      <Routes>
        <Route
          path="/board/:campaignId/:unitCode"
          element={
            <>
              <BoardDayPicker campaignId="c" unitCode="38" date={date} pinned={pinned} campaign={campaign} />
              <Where />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}
const days = () => [...screen.getByLabelText<HTMLSelectElement>('Xem ngày').options].map((o) => o.value);

describe('the day picker of a board', () => {
  beforeEach(() => setLanguage('vi'));
  const today = vnDay.today();

  it('is bounded to the campaign: its first day up to its last, or up to today while it runs', () => {
    expect(dayBounds({ startsOn: '2026-05-01', endsOn: '2026-05-31' }, '2026-12-01')).toEqual({
      min: '2026-05-01',
      max: '2026-05-31',
    });
    expect(dayBounds({ startsOn: '2026-11-25', endsOn: '2026-12-14' }, '2026-12-01')).toEqual({
      min: '2026-11-25',
      max: '2026-12-01',
    });
    // Not started yet: its first day only.
    expect(dayBounds({ startsOn: '2027-01-05', endsOn: '2027-01-20' }, '2026-12-01')).toEqual({
      min: '2027-01-05',
      max: '2027-01-05',
    });
  });

  it('lists the days of a running campaign up to today, newest first, written the Vietnamese way', () => {
    const startsOn = vnDay.addDays(today, -3);
    renderPicker({ startsOn, endsOn: vnDay.addDays(today, 10) }, today, false);
    expect(days()).toEqual([today, vnDay.addDays(today, -1), vnDay.addDays(today, -2), startsOn]);
    const [y, m, d] = startsOn.split('-');
    const select = screen.getByLabelText<HTMLSelectElement>('Xem ngày');
    expect(select.options[3]?.textContent).toBe(`${d}/${m}/${y}`);
    expect(select.options[0]?.textContent).toMatch(/\(hôm nay\)$/);
    expect(select.value).toBe(today);
  });

  it('opens the board of the chosen day, and today’s live board without a date', () => {
    const startsOn = vnDay.addDays(today, -3);
    renderPicker({ startsOn, endsOn: vnDay.addDays(today, 10) }, vnDay.addDays(today, -1));
    fireEvent.change(screen.getByLabelText('Xem ngày'), { target: { value: startsOn } });
    fireEvent.click(screen.getByRole('button', { name: 'Xem' }));
    expect(screen.getByTestId('where').textContent).toBe(`/board/c/38?date=${startsOn}`);
    fireEvent.change(screen.getByLabelText('Xem ngày'), { target: { value: today } });
    fireEvent.click(screen.getByRole('button', { name: 'Xem' }));
    expect(screen.getByTestId('where').textContent).toBe('/board/c/38');
  });

  it('goes back to today from a past day of a running campaign, not of a finished one', () => {
    renderPicker(
      { startsOn: vnDay.addDays(today, -3), endsOn: vnDay.addDays(today, 3) },
      vnDay.addDays(today, -2),
    );
    fireEvent.click(screen.getByRole('link', { name: 'Về hôm nay' }));
    expect(screen.getByTestId('where').textContent).toBe('/board/c/38');
  });

  it('offers no day after a finished campaign’s last', () => {
    renderPicker({ startsOn: '2026-05-01', endsOn: '2026-05-31' }, '2026-05-10');
    expect(days()[0]).toBe('2026-05-31');
    expect(days().at(-1)).toBe('2026-05-01');
    expect(days()).toHaveLength(31);
    expect(screen.queryByRole('link', { name: 'Về hôm nay' })).toBeNull();
  });
});
