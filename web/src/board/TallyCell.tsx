import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type ResultOf } from '../graphql.ts';
import { formatNumber, formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { barWidth, statusLook } from './status.ts';

export const TallyFields = graphql(`
  fragment TallyFields on Tally {
    scheme
    today
    dailyGoal
    cumulative
    target
    planBeforeDay
    planToNow
    percentOfDailyGoal
    percentOfTarget
    status
    requiredDailyPace
    projectedTotal
    metDailyGoal
    metTarget
  }
`);

export type Tally = ResultOf<typeof TallyFields>;

/**
 * One scheme of one row: today's count (the element that carries `data-scheme`, API.md), a bar
 * of the day's goal coloured by status, and the share of the campaign target.
 */
export const TallyCell = memo(function TallyCell({ tally, unitName }: { tally: Tally; unitName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const look = statusLook[tally.status];
  const scheme = t(`scheme.${tally.scheme}`);
  return (
    <div role="cell" className={`tally ${look.className}`}>
      <div className="tally-figures">
        <strong
          className="today"
          data-scheme={tally.scheme}
          data-today={tally.today}
          data-status={tally.status}
        >
          {formatNumber(tally.today, language)}
        </strong>
        <span className="goal">{t('board.ofGoal', { goal: formatNumber(tally.dailyGoal, language) })}</span>
      </div>
      <div
        className="bar"
        role="img"
        aria-label={t('board.barLabel', {
          unit: unitName,
          scheme,
          today: formatNumber(tally.today, language),
          goal: formatNumber(tally.dailyGoal, language),
          status: t(`status.${tally.status}`),
        })}
      >
        <div className="fill" style={{ width: `${barWidth(tally.today, tally.dailyGoal)}%` }} />
      </div>
      <div className="tally-sub">
        {t('board.ofTarget', { percent: formatPercent(tally.percentOfTarget, language) })}
        <span className="status-label">{t(`status.${tally.status}`)}</span>
      </div>
    </div>
  );
});
