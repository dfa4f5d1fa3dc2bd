import { rowMetDailyGoal } from '@toandan/shared/boardRowLists';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../client.ts';
import type { ResultOf } from '../graphql.ts';
import { formatNumber, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { MyProgressQuery } from './documents.ts';

type Progress = ResultOf<typeof MyProgressQuery> & { at: number };
const KEY = 'toandan.field.progress';

/** A scheme's standing against its quota or goal: a zero goal is none, not one already met. */
type ProgressBadge = 'met' | 'notMet' | 'noGoal';
const badgeOf = (goal: number, met: boolean): ProgressBadge =>
  goal <= 0 ? 'noGoal' : met ? 'met' : 'notMet';
const dayBadgeOf = (tally: { today: number; dailyGoal: number }) =>
  badgeOf(tally.dailyGoal, tally.today >= tally.dailyGoal);

function Badge({ state }: { state: ProgressBadge }) {
  const { t } = useTranslation('submit');
  return (
    <span className={`badge badge-${state}`} data-badge={state}>
      {t(`progress.${state}`)}
    </span>
  );
}

function stored(campaignId: string): Progress | null {
  try {
    const kept = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as
      | (Progress & { campaignId: string })
      | null;
    return kept?.campaignId === campaignId ? kept : null;
  } catch {
    return null;
  }
}

/**
 * The officer's own count against the personal quota of the campaign, and the unit's today
 * against its daily goal. Fetched again after each sync; the last figures stay on screen (with
 * their time) without a connection.
 */
export function MyProgress({
  campaignId,
  unitCode,
  refreshKey,
}: {
  campaignId: string;
  unitCode: string;
  /** Changes after every sync, so the figures follow what was just counted. */
  refreshKey: number | null;
}) {
  const { t } = useTranslation('submit');
  const { t: tShell } = useTranslation();
  const language = useLanguage();
  const [progress, setProgress] = useState<Progress | null>(() => stored(campaignId));

  useEffect(() => {
    let current = true;
    void refreshKey;
    void client
      .query(MyProgressQuery, { campaignId, unitCode }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!current || !result.data) return;
        const fresh = { ...result.data, at: Date.now() };
        setProgress(fresh);
        try {
          globalThis.localStorage?.setItem(KEY, JSON.stringify({ ...fresh, campaignId }));
        } catch {
          // Shown, not kept.
        }
      });
    return () => {
      current = false;
    };
  }, [campaignId, unitCode, refreshKey]);

  if (!progress) return null;
  const officer = progress.viewer.officer;
  const schemeName = (scheme: string) => tShell(`scheme.${scheme}` as 'scheme.VOLUNTARY_SI');
  const totals = progress.board.totals;
  const short = totals.filter((tally) => dayBadgeOf(tally) === 'notMet');
  const dayGoal: ProgressBadge = rowMetDailyGoal(totals) ? 'met' : short.length ? 'notMet' : 'noGoal';
  return (
    <section className="my-progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('progress.title')}</h2>
      {officer ? (
        <>
          <p>{t('progress.officer', { name: officer.name, code: officer.code })}</p>
          <ul className="progress-list">
            {officer.progress
              .filter((row) => row.quota > 0 || row.counted > 0)
              .map((row) => (
                <li key={row.scheme} data-officer-scheme={row.scheme} data-counted={row.counted}>
                  <span>{schemeName(row.scheme)}</span>
                  <strong>
                    {t('progress.quota', {
                      counted: formatNumber(row.counted, language),
                      quota: formatNumber(row.quota, language),
                    })}
                  </strong>
                  <Badge state={badgeOf(row.quota, row.met)} />
                </li>
              ))}
          </ul>
        </>
      ) : (
        <p>{t('progress.noOfficer')}</p>
      )}
      <h3>{t('progress.unitToday', { unit: progress.board.unit.name })}</h3>
      {/* Board.rowsMetDailyGoal's rule (shared/boardRowLists.ts), said in words: every scheme. */}
      <p className="day-goal" data-day-goal={dayGoal}>
        {dayGoal === 'met'
          ? t('progress.unitMet')
          : dayGoal === 'notMet'
            ? t('progress.unitNotMet', { schemes: short.map((tally) => schemeName(tally.scheme)).join(', ') })
            : t('progress.unitNoGoal')}
      </p>
      <ul className="progress-list">
        {totals.map((tally) => (
          <li key={tally.scheme} data-unit-scheme={tally.scheme} data-today={tally.today}>
            <span>{schemeName(tally.scheme)}</span>
            <strong>
              {t('progress.todayOfGoal', {
                today: formatNumber(tally.today, language),
                goal: formatNumber(tally.dailyGoal, language),
              })}
            </strong>
            <Badge state={dayBadgeOf(tally)} />
          </li>
        ))}
      </ul>
      <p className="hint">{t('progress.asOf', { time: formatTime(new Date(progress.at), language) })}</p>
    </section>
  );
}
