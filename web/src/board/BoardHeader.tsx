import { vnDay } from '@toandan/shared/vnDay';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { statusLook } from './status.ts';
import type { Tally } from './TallyCell.tsx';

/** Days after the board day up to the campaign's last, as requiredDailyPace counts them. */
export function daysLeft(date: string, endsOn: string): number {
  return Math.max(0, vnDay.between(date, endsOn));
}

/**
 * The unit's whole subtree, per scheme: today against the day's goal, the campaign so far
 * against its target (% of plan), the pace still needed each day, and the days left.
 */
export function BoardHeader({ totals, date, endsOn }: { totals: Tally[]; date: string; endsOn: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  return (
    <div className="totals" data-board-totals="">
      {totals.map((tally) => (
        <section
          key={tally.scheme}
          className={`total ${statusLook[tally.status].className}`}
          data-total-scheme={tally.scheme}
          aria-label={t(`scheme.${tally.scheme}`)}
        >
          <h3>{t(`scheme.${tally.scheme}`)}</h3>
          <dl>
            <div className="figure-today">
              <dt>{t('board.today')}</dt>
              <dd>
                <span className="big" data-total-today={tally.today}>
                  {n(tally.today)}
                </span>{' '}
                {t('board.ofGoal', { goal: n(tally.dailyGoal) })}
                <span className="percent">{formatPercent(tally.percentOfDailyGoal, language)}</span>
              </dd>
            </div>
            <div>
              <dt>{t('board.cumulative')}</dt>
              <dd>
                {n(tally.cumulative)} {t('board.ofGoal', { goal: n(tally.target) })}
              </dd>
            </div>
            <div>
              <dt>{t('board.percentOfPlan')}</dt>
              <dd data-percent-of-plan="">{formatPercent(tally.percentOfTarget, language)}</dd>
            </div>
            <div>
              <dt>{t('board.requiredPace')}</dt>
              <dd>{t('board.perDay', { count: n(tally.requiredDailyPace) })}</dd>
            </div>
            <div>
              <dt>{t('board.daysLeft')}</dt>
              <dd>{n(daysLeft(date, endsOn))}</dd>
            </div>
            <div>
              <dt>{t('board.status')}</dt>
              <dd className="status-label">{t(`status.${tally.status}`)}</dd>
            </div>
          </dl>
        </section>
      ))}
    </div>
  );
}
