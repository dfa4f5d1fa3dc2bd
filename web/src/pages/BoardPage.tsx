import { vnDay } from '@toandan/shared/vnDay';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Announcer } from '../board/Announcer.tsx';
import { BoardDayPicker } from '../board/BoardDayPicker.tsx';
import { BoardHeader, hasEnded } from '../board/BoardHeader.tsx';
import { BoardTable } from '../board/BoardTable.tsx';
import { Breadcrumb, trailOf } from '../board/Breadcrumb.tsx';
import { ConnectionIndicator, campaignEndAt } from '../board/ConnectionIndicator.tsx';
import { OfficersPanel } from '../board/OfficersPanel.tsx';
import { PrintHeader } from '../board/PrintHeader.tsx';
import { ProgressChart } from '../board/ProgressChart.tsx';
import { ProjectedTotals } from '../board/ProjectedTotals.tsx';
import { boardPath } from '../board/paths.ts';
import { Ticker } from '../board/Ticker.tsx';
import { UnitLists } from '../board/UnitLists.tsx';
import { unitLabel } from '../board/unitLabel.ts';
import { useLiveBoard } from '../board/useLiveBoard.ts';
import { useThrottled } from '../board/useThrottled.ts';
import { errorMessage } from '../errorMessage.ts';
import { formatDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { reportPath } from '../report/paths.ts';
import { BoardFailure } from './BoardFailure.tsx';
import '../board/board.css';
import '../board/print.css';

/** The board of one unit in one campaign (API.md, Web), live; `?date=` opens a past day. */
export function BoardPage() {
  const { campaignId = '', unitCode = '' } = useParams();
  const [search] = useSearchParams();
  const asked = search.get('date');
  const date = asked && vnDay.isValid(asked) ? asked : undefined;
  const { t } = useTranslation();
  const language = useLanguage();
  const view = useLiveBoard(campaignId, unitCode, date);
  // The chart and the lists move at a calmer pace than the cells: cheaper, and easier to read.
  const chartTotals = useThrottled(view.board?.totals ?? null, 5000);
  const listedRows = useThrottled(view.board?.rows ?? null, 2000);
  const hrefOf = useCallback((code: string) => boardPath(campaignId, code, date), [campaignId, date]);

  const board = view.board;
  if (!board) {
    return (
      <section className="page board-loading">
        <ConnectionIndicator lastUpdate={null} />
        {view.error ? (
          <BoardFailure campaignId={campaignId} unitCode={unitCode} error={view.error} />
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </section>
    );
  }
  const unitName = unitLabel(board.unit, t);
  const end = campaignEndAt(board.campaign, view.now);
  const { state } = end;
  const ended = hasEnded(state);
  return (
    <article
      className="board"
      data-board-unit={board.unit.code}
      data-sequence={board.sequence}
      data-last-refetch={view.lastRefetch ?? ''}
      data-refetches={view.refetches}
      data-campaign-state={state}
    >
      <PrintHeader
        unit={trailOf(board.unit, board.campaign.unit.code)
          .map((step) => unitLabel(step, t))
          .join(' › ')}
        campaign={board.campaign.name}
        date={board.date}
        figuresAt={view.lastUpdate ?? board.readAt}
      />
      <div className="board-top">
        <Breadcrumb trail={trailOf(board.unit, board.campaign.unit.code)} hrefOf={hrefOf} />
        <ConnectionIndicator lastUpdate={view.lastUpdate} campaign={end} />
      </div>
      <div className="board-title">
        <h2>{unitName}</h2>
        <p>
          {board.campaign.name} · {t('board.day', { date: formatDay(board.date, language) })}
          {ended && board.date === board.campaign.endsOn && ` (${t('board.lastDay')})`} ·{' '}
          <Link to={boardPath(campaignId, board.unit.code, date, 'wall')}>{t('board.wall')}</Link> ·{' '}
          <Link to={reportPath(board.unit.code, date)} data-report-link="">
            {t('report.open')}
          </Link>
        </p>
      </div>
      <BoardDayPicker
        campaignId={campaignId}
        unitCode={board.unit.code}
        date={board.date}
        pinned={date !== undefined}
        campaign={board.campaign}
      />
      {view.error && (
        <p role="alert" className="stale">
          {t('board.stale', { message: errorMessage(view.error, t, language) })}
        </p>
      )}
      <BoardHeader totals={board.totals} date={board.date} endsOn={board.campaign.endsOn} state={state} />
      {ended ? null : (
        <ProjectedTotals totals={board.totals} date={board.date} endsOn={board.campaign.endsOn} />
      )}
      <div className="board-grid">
        <section className="rows" aria-label={t('board.units')}>
          {board.rows.length ? (
            <BoardTable
              rows={board.rows}
              schemes={board.campaign.schemes}
              hrefOf={hrefOf}
              caption={t('board.tableCaption', { unit: unitName })}
            />
          ) : (
            <p>{t('board.noChildren')}</p>
          )}
        </section>
        <div className="side">
          <ProgressChart
            history={board.history}
            totals={chartTotals ?? board.totals}
            date={board.date}
            campaign={board.campaign}
          />
          <OfficersPanel officers={board.officers} readAt={board.readAt} />
          {board.rows.length > 0 && <UnitLists rows={listedRows ?? board.rows} hrefOf={hrefOf} />}
          <Ticker items={view.recent} />
        </div>
      </div>
      <Announcer unitName={board.unit.name} totals={board.totals} />
    </article>
  );
}
