import { rowMetDailyGoal, rowWithoutActivity } from '@toandan/shared/boardRowLists';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Announcer } from '../board/Announcer.tsx';
import { BoardHeader } from '../board/BoardHeader.tsx';
import { BoardTable } from '../board/BoardTable.tsx';
import { ConnectionIndicator } from '../board/ConnectionIndicator.tsx';
import { Ticker } from '../board/Ticker.tsx';
import { useLiveBoard } from '../board/useLiveBoard.ts';
import { formatDay, formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { rowsPerPage, rowsThatFit } from './wallRotation.ts';

function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const resized = () => setHeight(window.innerHeight);
    window.addEventListener('resize', resized);
    return () => window.removeEventListener('resize', resized);
  }, []);
  return height;
}

const noLink = () => null;

/** One board on the wall: large type, one page of its rows, no links to follow. */
export function WallBoard({
  campaignId,
  unitCode,
  page,
  onPages,
}: {
  campaignId: string;
  unitCode: string;
  page: number;
  onPages: (pages: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const view = useLiveBoard(campaignId, unitCode);
  const viewportHeight = useViewportHeight();
  const [measured, setMeasured] = useState<number | null>(null);
  const perPage = measured ?? rowsPerPage(viewportHeight);
  const article = useRef<HTMLElement>(null);
  const rows = view.board?.rows ?? [];
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const shown = Math.min(page, pages - 1);
  const pageRows = useMemo(() => rows.slice(shown * perPage, (shown + 1) * perPage), [rows, shown, perPage]);
  useEffect(() => onPages(pages), [onPages, pages]);
  const loaded = view.board !== null;
  // How many rows fit below the totals at this screen's size, measured once the board is drawn.
  useLayoutEffect(() => {
    const body = article.current?.querySelector('[role="table"] [role="rowgroup"]:last-child');
    const row = body?.querySelector('[data-unit-code]');
    const footer = article.current?.querySelector('.wall-bottom');
    if (!loaded || !body || !row) return;
    const fit = rowsThatFit({
      viewportHeight,
      rowsTop: body.getBoundingClientRect().top + window.scrollY,
      rowHeight: row.getBoundingClientRect().height,
      below: (footer?.getBoundingClientRect().height ?? 0) + 48,
    });
    setMeasured((current) => (current === fit ? current : fit));
  }, [loaded, viewportHeight]);

  const board = view.board;
  if (!board) {
    return (
      <div className="wall-loading">
        <ConnectionIndicator lastUpdate={null} />
        <p role="status">{view.error ? t('common.failed', { message: view.error }) : t('common.loading')}</p>
      </div>
    );
  }
  const met = rows.filter((row) => rowMetDailyGoal(row.tallies)).length;
  const idle = rows.filter((row) => rowWithoutActivity(row.tallies)).length;
  return (
    <article
      ref={article}
      className="wall-board"
      data-wall-unit={board.unit.code}
      data-wall-page={shown + 1}
      data-wall-pages={pages}
      data-sequence={board.sequence}
    >
      <header className="wall-top">
        <h1>{board.unit.name}</h1>
        <p>
          {board.campaign.name} · {formatDay(board.date, language)}
        </p>
        <ConnectionIndicator lastUpdate={view.lastUpdate} />
      </header>
      <BoardHeader totals={board.totals} date={board.date} endsOn={board.campaign.endsOn} />
      {rows.length > 0 && (
        <BoardTable
          rows={pageRows}
          schemes={board.campaign.schemes}
          hrefOf={noLink}
          sortable={false}
          caption={t('board.tableCaption', { unit: board.unit.name })}
        />
      )}
      <footer className="wall-bottom">
        {rows.length > 0 && (
          <>
            <span>
              {t('wall.page', {
                page: formatNumber(shown + 1, language),
                pages: formatNumber(pages, language),
              })}
            </span>
            <span>{t('lists.met', { count: met, total: rows.length })}</span>
            <span>{t('lists.noActivity', { count: idle, total: rows.length })}</span>
          </>
        )}
        <Ticker items={view.recent.slice(0, 4)} />
      </footer>
      <Announcer unitName={board.unit.name} totals={board.totals} />
    </article>
  );
}
