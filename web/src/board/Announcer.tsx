import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import type { Tally } from './TallyCell.tsx';

/** At most one announcement in this long: a busy board changes many times a second. */
export const ANNOUNCE_EVERY_MS = 60_000;

/**
 * A polite live region that speaks a summary of the totals when they changed, at most once a
 * minute, instead of one announcement per enrolment.
 */
export function Announcer({
  unitName,
  totals,
  everyMs = ANNOUNCE_EVERY_MS,
}: {
  unitName: string;
  totals: readonly Tally[];
  everyMs?: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [message, setMessage] = useState('');
  const latest = useRef(totals);
  latest.current = totals;
  const said = useRef<readonly Tally[] | null>(null);

  useEffect(() => {
    const speak = () => {
      const totalsNow = latest.current;
      if (said.current === null) {
        // The first figures are on screen already; speak only what changes after.
        said.current = totalsNow;
        return;
      }
      if (said.current === totalsNow) return;
      said.current = totalsNow;
      const parts = totalsNow.map((tally) =>
        t('announce.scheme', {
          scheme: t(`scheme.${tally.scheme}`),
          today: formatNumber(tally.today, language),
          goal: formatNumber(tally.dailyGoal, language),
        }),
      );
      setMessage(
        t('announce.update', {
          unit: unitName,
          time: formatTime(new Date(), language),
          figures: parts.join(' '),
        }),
      );
    };
    speak();
    const timer = setInterval(speak, everyMs);
    return () => clearInterval(timer);
  }, [everyMs, language, t, unitName]);

  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-announcer="">
      {message}
    </div>
  );
}
