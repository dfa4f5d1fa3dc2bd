import { vnDay } from '@toandan/shared/vnDay';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { monthEnds } from './monthEnds.ts';
import { reportPath } from './paths.ts';

/** How many month ends the list offers: two years of briefings. */
const MONTH_ENDS = 24;

/** "30/11/2021" (or 30-11-2021, 30.11.2021) → "2021-11-30"; null when it is not a real day. */
export function dayOfTyped(typed: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed.trim());
  if (!match) return null;
  const [, day = '', month = '', year = ''] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return vnDay.isValid(iso) ? iso : null;
}

/**
 * Opens the report of another day: the month ends first, newest first (the days briefings are
 * read at), then today; any other day typed as Vietnamese write it (30/11/2021), since a date
 * field writes the day in the browser's language (11/30/2021 in an English Chrome). Today's
 * report goes without `?asOf=`, so it moves on by itself; the others are pinned to their day.
 */
export function ReportDayPicker({ unitCode, asOf }: { unitCode: string; asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const id = useId();
  const [wrongDay, setWrongDay] = useState<string | null>(null);
  const today = vnDay.today();
  const ends = monthEnds(today, MONTH_ENDS);
  const listed = [...ends, today];
  const days = listed.includes(asOf) ? listed : [asOf, ...listed];
  const monthOf = (day: string) => `${day.slice(5, 7)}/${day.slice(0, 4)}`;

  const open = (day: string) => navigate(reportPath(unitCode, day === today ? undefined : day));
  const openListed = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const day = String(new FormData(event.currentTarget).get('asOf') ?? '');
    if (days.includes(day)) open(day);
  };
  const openTyped = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('otherDay') ?? '');
    const day = dayOfTyped(typed);
    if (day === null) setWrongDay(t('report.wrongDay', { typed }));
    else if (day > today) setWrongDay(t('report.futureDay', { day: formatDay(day, language) }));
    else {
      setWrongDay(null);
      open(day);
    }
  };

  return (
    <div className="report-days">
      <form className="day-picker" onSubmit={openListed}>
        <label htmlFor={`${id}-list`}>{t('report.day')}</label>
        <select key={asOf} id={`${id}-list`} name="asOf" defaultValue={asOf} data-month-ends={ends.length}>
          {days.map((day) => (
            <option key={day} value={day}>
              {day === today
                ? t('report.today', { day: formatDay(day, language) })
                : ends.includes(day)
                  ? t('report.monthEnd', { month: monthOf(day), day: formatDay(day, language) })
                  : formatDay(day, language)}
            </option>
          ))}
        </select>
        <button type="submit">{t('report.show')}</button>
      </form>
      <form className="day-picker" onSubmit={openTyped}>
        <label htmlFor={`${id}-other`}>{t('report.otherDay')}</label>
        <input
          key={asOf}
          id={`${id}-other`}
          name="otherDay"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('report.dayPlaceholder')}
          defaultValue={formatDay(asOf, 'vi')}
          aria-describedby={wrongDay ? `${id}-wrong` : undefined}
          aria-invalid={wrongDay ? true : undefined}
        />
        <button type="submit">{t('report.show')}</button>
        {wrongDay && (
          <p id={`${id}-wrong`} role="alert" className="stale">
            {wrongDay}
          </p>
        )}
      </form>
    </div>
  );
}
