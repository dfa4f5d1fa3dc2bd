import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardState } from '../board/boardState.ts';
import { ConnectionIndicator, campaignEndAt } from '../board/ConnectionIndicator.tsx';
import { formatDay, formatNumber, formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { lookOf, useStatusLabel } from './wallStatus.ts';

/** The first line of a wall's header: the campaign, the day, the connection and the time,
 * after `children` when a page puts its title there too (the cover page: the unit's name). */
export function WallHeadLine({
  board,
  lastUpdate,
  now,
  children,
}: {
  board: BoardState;
  lastUpdate: Date | null;
  now: Date;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="wall-head-line">
      {children}
      <p>
        {board.campaign.name} · {t('board.day', { date: formatDay(board.date, language) })}
      </p>
      <ConnectionIndicator lastUpdate={lastUpdate} campaign={campaignEndAt(board.campaign, now)} />
    </div>
  );
}

/**
 * The top of the wall: the campaign, the day and the connection with the time of the figures
 * over the board's unit and its totals per scheme (share of the target, so far against the
 * target, today against the day's goal, status). Each part keeps its lines whole and the parts
 * wrap as wholes, so none can run into another at any screen size.
 */
export function WallHeader({
  board,
  lastUpdate,
  now,
}: {
  board: BoardState;
  lastUpdate: Date | null;
  /** The page's clock, on which an ended campaign says so (campaignEndAt). */
  now: Date;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const statusLabel = useStatusLabel();
  const n = (value: number) => formatNumber(value, language);
  return (
    <header className="wall-head">
      <WallHeadLine board={board} lastUpdate={lastUpdate} now={now} />
      <div className="wall-head-line">
        <h1>{board.unit.name}</h1>
        {board.totals.map((tally) => (
          <section
            key={tally.scheme}
            className="wall-total"
            data-total-scheme={tally.scheme}
            data-status={tally.status}
            style={{ '--status': lookOf(tally.status).colour } as CSSProperties}
          >
            <h2>
              {t(`scheme.${tally.scheme}`)}
              <span className="wall-total-status">{statusLabel(tally.status)}</span>
            </h2>
            <p>
              <strong className="wall-total-percent" data-percent-of-plan="">
                {formatPercent(tally.percentOfTarget, language)}
              </strong>
              <span>{t('wall.ofTarget', { cumulative: n(tally.cumulative), target: n(tally.target) })}</span>
              <span>{t('wall.todayOfGoal', { today: n(tally.today), goal: n(tally.dailyGoal) })}</span>
            </p>
          </section>
        ))}
      </div>
    </header>
  );
}
