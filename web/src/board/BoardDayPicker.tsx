import { vnDay } from '@toandan/shared/vnDay';
import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { boardPath } from './paths.ts';

/** The days a board can show: the campaign's first day up to its last, or up to today while it
 * runs (a day ahead has nothing counted yet). */
export function dayBounds(campaign: { startsOn: string; endsOn: string }, today: string) {
  const latest = campaign.endsOn < today ? campaign.endsOn : today;
  return { min: campaign.startsOn, max: latest < campaign.startsOn ? campaign.startsOn : latest };
}

/**
 * Opens the board of another day (`?date=`, the same board pinned to that day), chosen from the
 * campaign's days up to today (dayBounds), and goes back to today's live board; and prints the
 * board (print.css). A list of the days rather than a date field: a date field writes the day in
 * the browser's language (12/01/2026 for 1 December in an English Chrome), a list says 01/12/2026
 * in the page's, and cannot be given a day outside the campaign. Today's board goes without
 * `?date=`, so it moves on by itself at midnight.
 */
export function BoardDayPicker({
  campaignId,
  unitCode,
  date,
  pinned,
  campaign,
}: {
  campaignId: string;
  unitCode: string;
  /** The board's day. */
  date: string;
  /** True when the address names the day (`?date=`), false for the live board of today. */
  pinned: boolean;
  campaign: { startsOn: string; endsOn: string };
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const id = useId();
  const today = vnDay.today();
  const { min, max } = dayBounds(campaign, today);
  // Newest first: the days a command centre goes back to are the last few.
  const days = vnDay.range(min, max).reverse();

  const open = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const day = String(new FormData(event.currentTarget).get('date') ?? '');
    if (!days.includes(day)) return;
    navigate(boardPath(campaignId, unitCode, day === today ? undefined : day));
  };

  return (
    <div className="board-tools">
      <form className="day-picker" onSubmit={open}>
        <label htmlFor={`${id}-date`}>{t('dayPicker.label')}</label>
        <select
          // A new board day (after a navigation) starts the list again from it.
          key={date}
          id={`${id}-date`}
          name="date"
          defaultValue={date}
          data-first-day={min}
          data-last-day={max}
        >
          {days.map((day) => (
            <option key={day} value={day}>
              {day === today
                ? t('dayPicker.todayOption', { day: formatDay(day, language) })
                : formatDay(day, language)}
            </option>
          ))}
        </select>
        <button type="submit">{t('dayPicker.show')}</button>
        {pinned && today >= campaign.startsOn && today <= campaign.endsOn && (
          <Link to={boardPath(campaignId, unitCode)}>{t('dayPicker.today')}</Link>
        )}
      </form>
      <button type="button" className="print-button" onClick={() => window.print()}>
        {t('dayPicker.print')}
      </button>
    </div>
  );
}
