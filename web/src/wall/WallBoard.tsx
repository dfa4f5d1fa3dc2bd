import { rowMetDailyGoal, rowWithoutActivity } from '@toandan/shared/boardRowLists';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Announcer } from '../board/Announcer.tsx';
import { ConnectionIndicator } from '../board/ConnectionIndicator.tsx';
import { unitLabel } from '../board/unitLabel.ts';
import type { LiveBoardView } from '../board/useLiveBoard.ts';
import { formatNumber, formatShortPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { tileGridAttributes } from './tileGrid.ts';
import { useTileSpace } from './useTileSpace.ts';
import { WallFoot } from './WallFoot.tsx';
import { WallHeader } from './WallHeader.tsx';
import { type ProbeTexts, WallProbe } from './WallProbe.tsx';
import { WallTile } from './WallTile.tsx';
import { bestTileGrid, screenCapacity, TILES_PER_SCREEN, wallPages } from './wallLayout.ts';
import { orderTiles, useStatusLabel } from './wallStatus.ts';

/** The figures a tile is sized for at least, so that the grid is not drawn again each time a
 * count gains a digit; a wider one (a unit past 100% of its target) is measured as it is. */
const WIDE_PERCENT = 88;
const WIDE_TODAY = 888;

/** `floor`, or the longest of `texts` when one is longer: what the probe holds stays the same
 * while the figures move under it. */
const atLeast = (floor: string, texts: readonly string[]) =>
  texts.reduce((widest, text) => (text.length > widest.length ? text : widest), floor);

/** The wall before its board is read, or when the read failed. */
export function WallLoading({ error }: { error: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="wall-loading">
      <ConnectionIndicator lastUpdate={null} />
      <p role="status">{error ? t('common.failed', { message: error }) : t('common.loading')}</p>
    </div>
  );
}

/**
 * One board on the wall, for a room: its unit's totals above, then every child unit as a tile
 * on one screen (pages only beyond 40, API.md, or if longer names than any seen leave room for
 * fewer), the units behind plan and those with no result yet first. Live like the board (the same useLiveBoard), with no links to follow.
 */
export function WallBoard({
  view,
  page,
  paused,
  onPages,
}: {
  /** The board, followed live by the wall page (useLiveBoard). */
  view: LiveBoardView;
  page: number;
  paused: boolean;
  onPages: (pages: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const statusLabel = useStatusLabel();
  const board = view.board;
  const rows = useMemo(() => orderTiles(board?.rows ?? []), [board?.rows]);

  const schemes = board?.campaign.schemes.length ?? 0;
  const statusLabels = t('status', { returnObjects: true });
  const shortStatusLabels = t('wall.shortStatus', { returnObjects: true });
  const probeTexts = useMemo<ProbeTexts>(() => {
    const tallies = (board?.rows ?? []).flatMap((row) => row.tallies);
    return {
      names: [...new Set((board?.rows ?? []).map((row) => unitLabel(row.unit, t)))],
      statuses: [...new Set([...Object.values(statusLabels), t('wall.unknownStatus')])],
      // A word on two lines ("Chưa có / kết quả") takes both lines beside the share: its widest line counts.
      shortStatuses: [...new Set(Object.values(shortStatusLabels).flatMap((label) => label.split('\n')))],
      percents: [
        atLeast(
          formatShortPercent(WIDE_PERCENT, language),
          tallies.map((tally) => formatShortPercent(tally.percentOfTarget, language)),
        ),
      ],
      todays: [
        atLeast(
          `+${formatNumber(WIDE_TODAY, language)}`,
          tallies.map((tally) => `+${formatNumber(tally.today, language)}`),
        ),
      ],
    };
  }, [board?.rows, statusLabels, shortStatusLabels, language, t]);
  const probeKey = JSON.stringify([probeTexts, schemes]);
  const tiles = useRef<HTMLOListElement>(null);
  const probes = useRef<HTMLDivElement>(null);
  const space = useTileSpace(tiles, probes, rows.length > 0, probeKey);
  const capacity = useMemo(() => (space ? screenCapacity(space) : TILES_PER_SCREEN), [space]);
  const { pages, perPage } = wallPages(rows.length, capacity);
  const shown = Math.min(page, pages - 1);
  const pageRows = rows.slice(shown * perPage, (shown + 1) * perPage);
  const grid = useMemo(() => (space ? bestTileGrid({ ...space, count: perPage }) : null), [space, perPage]);
  useEffect(() => onPages(pages), [onPages, pages]);

  if (!board) return <WallLoading error={view.error} />;
  const total = rows.length;
  const behind = rows.filter((row) => row.tallies.some((tally) => tally.status === 'BEHIND')).length;
  const idle = rows.filter((row) => rowWithoutActivity(row.tallies)).length;
  const met = rows.filter((row) => rowMetDailyGoal(row.tallies)).length;
  const arrangement = grid?.arrangement ?? 'side';
  const schemeNames = board.campaign.schemes.map((scheme) => t(`scheme.${scheme}`)).join(' · ');
  return (
    <article
      className="wall-board"
      data-wall-unit={board.unit.code}
      data-wall-view="progress"
      data-wall-page={shown + 1}
      data-wall-pages={pages}
      data-sequence={board.sequence}
    >
      <WallHeader board={board} lastUpdate={view.lastUpdate} now={view.now} />
      {total === 0 ? (
        <p className="wall-empty">{t('board.noChildren')}</p>
      ) : (
        <>
          <h2 className="visually-hidden">{t('board.tableCaption', { unit: board.unit.name })}</h2>
          <ol
            ref={tiles}
            className="wall-tiles"
            {...tileGridAttributes(grid, perPage, { '--schemes': schemes })}
          >
            {pageRows.map((row) => (
              <WallTile key={row.unit.code} row={row} />
            ))}
          </ol>
          <WallProbe ref={probes} texts={probeTexts} schemes={schemes} />
        </>
      )}
      <WallFoot paused={paused} shown={shown} pages={pages} recent={view.recent}>
        {total > 0 && (
          <>
            <span>{t('wall.legend', { order: t(`wall.order.${arrangement}`), schemes: schemeNames })}</span>
            <span>
              {t('wall.count', {
                status: statusLabel('BEHIND'),
                count: formatNumber(behind, language),
                total: formatNumber(total, language),
              })}
            </span>
            <span>
              {t('wall.count', {
                status: statusLabel('NO_ACTIVITY_YET'),
                count: formatNumber(idle, language),
                total: formatNumber(total, language),
              })}
            </span>
            <span>{t('lists.met', { count: met, total })}</span>
          </>
        )}
      </WallFoot>
      <Announcer unitName={board.unit.name} totals={board.totals} />
    </article>
  );
}
