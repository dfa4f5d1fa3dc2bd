import type { CampaignState } from '@toandan/shared/campaignState';
import { vnDay } from '@toandan/shared/vnDay';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { GoalGauge } from './GoalGauge.tsx';
import { RenewalFigures } from './RenewalFigures.tsx';
import { lookOf } from './status.ts';
import type { Tally } from './TallyCell.tsx';
import { TargetBar } from './TargetBar.tsx';

/** Days after the board day up to the campaign's last, as requiredDailyPace counts them. */
export function daysLeft(date: string, endsOn: string): number {
  return Math.max(0, vnDay.between(date, endsOn));
}

/** A campaign past its last day: its board shows the result, not the day's race. */
export function hasEnded(state: CampaignState | undefined): state is 'GRACE' | 'CLOSED' {
  return state === 'GRACE' || state === 'CLOSED';
}

/**
 * The unit's whole subtree, per scheme, in the cells' visual language: the cumulative against
 * the target as a bar with a tick at planToNow, coloured and labelled by the status; today
 * against the day's goal with its small gauge; the plan to now, the projection, the pace still
 * needed and the days left. Once the campaign has ended (`state` GRACE or CLOSED) it shows the
 * result instead, final or provisional while late syncs still count, and whether it met the
 * target.
 */
export function BoardHeader({
  totals,
  date,
  endsOn,
  state,
}: {
  totals: Tally[];
  date: string;
  endsOn: string;
  state?: CampaignState;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  const ended = hasEnded(state);
  return (
    <div className="totals" data-board-totals="" data-ended={ended || undefined}>
      {totals.map((tally) => {
        const scheme = t(`scheme.${tally.scheme}`);
        const status = t(`status.${tally.status}`);
        const bar = (
          <TargetBar
            tally={tally}
            label={t('board.totalBarLabel', {
              scheme,
              cumulative: n(tally.cumulative),
              target: n(tally.target),
              plan: n(tally.planToNow),
              status,
            })}
          />
        );
        const gap = tally.target - tally.cumulative;
        return (
          <section
            key={tally.scheme}
            className={`total ${lookOf(tally.status).className}`}
            data-total-scheme={tally.scheme}
            aria-label={scheme}
          >
            <div className="total-head">
              <h3>{scheme}</h3>
              {bar}
              {!ended && (
                <span className="plan-to-now">
                  {t('board.planToNow')}{' '}
                  <strong data-plan-to-now={tally.planToNow}>{n(tally.planToNow)}</strong>
                </span>
              )}
              <span className="status-label">{status}</span>
            </div>
            {ended ? (
              <dl className="result" data-met-target={tally.metTarget}>
                <div className="figure-today">
                  <dt>{t(state === 'CLOSED' ? 'board.finalResult' : 'board.provisionalResult')}</dt>
                  <dd>
                    <span className="big" data-total-cumulative={tally.cumulative}>
                      {n(tally.cumulative)}
                    </span>{' '}
                    {t('board.ofGoal', { goal: n(tally.target) })}
                    <span className="percent" data-percent-of-plan="">
                      {formatPercent(tally.percentOfTarget, language)}
                    </span>
                  </dd>
                </div>
                {tally.target > 0 && (
                  <div>
                    <dt>{t('board.target')}</dt>
                    <dd className={`verdict ${tally.metTarget ? 'verdict-met' : 'verdict-missed'}`}>
                      {t(tally.metTarget ? 'board.metTarget' : 'board.missedTarget')}
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t(gap > 0 ? 'board.shortBy' : 'board.overBy')}</dt>
                  <dd data-target-gap={gap}>{n(Math.abs(gap))}</dd>
                </div>
                <div>
                  <dt>{t('board.lastDayResult')}</dt>
                  <dd>
                    <span data-total-today={tally.today}>{n(tally.today)}</span>{' '}
                    {t('board.ofGoal', { goal: n(tally.dailyGoal) })}
                  </dd>
                </div>
              </dl>
            ) : (
              <dl>
                <div className="figure-today">
                  <dt>
                    {t('board.today')}{' '}
                    <GoalGauge
                      tally={tally}
                      label={t('board.totalGaugeLabel', {
                        scheme,
                        today: n(tally.today),
                        goal: n(tally.dailyGoal),
                      })}
                    />
                  </dt>
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
              </dl>
            )}
            <RenewalFigures tally={tally} wide />
          </section>
        );
      })}
    </div>
  );
}
