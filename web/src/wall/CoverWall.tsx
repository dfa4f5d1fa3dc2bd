import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Announcer } from '../board/Announcer.tsx';
import type { Tally } from '../board/TallyCell.tsx';
import { unitLabel } from '../board/unitLabel.ts';
import type { LiveBoardView } from '../board/useLiveBoard.ts';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { CoverProbe, type CoverProbeTexts } from './CoverProbe.tsx';
import { CoverTile, signed, todayAndTotal } from './CoverTile.tsx';
import { orderCoverTiles } from './coverOrder.ts';
import { tileGridAttributes } from './tileGrid.ts';
import { useTileSpace } from './useTileSpace.ts';
import { WallLoading } from './WallBoard.tsx';
import { WallFoot } from './WallFoot.tsx';
import { WallHeadLine } from './WallHeader.tsx';
import { bestTileGrid, screenCapacity, TILES_PER_SCREEN, wallPages } from './wallLayout.ts';

/** The figures a tile is sized for at least, so that the grid is not drawn again each time a
 * count gains a digit; wider ones are measured as they are. */
const WIDE_NET = -88;
const WIDE_TODAY = 8;
const WIDE_TOTAL = 88;

/** `floor`, or the longest of `texts` when one is longer (WallBoard's rule). */
const atLeast = (floor: string, texts: readonly string[]) =>
  texts.reduce((widest, text) => (text.length > widest.length ? text : widest), floor);

/**
 * The wall's page of covers (issue 20: renewals and lapses): for one scheme at a time, the
 * unit's totals above, then every child unit as a tile with its net growth in big type (below
 * zero in red, with its sign) over new and renewed (today · so far), due for renewal within 30
 * days and lapsed, the units losing the most first (orderCoverTiles). Up to 40 on one screen,
 * sized like the wall's tiles (the same probe and grid); a page per scheme, and per 40 units
 * beyond. Live from the same board as the wall (useLiveBoard, TallyChange carries every figure).
 */
export function CoverWall({
  view,
  scheme: asked,
  page,
  paused,
  onPages,
}: {
  view: LiveBoardView;
  /** `?scheme=`: that scheme's page alone; every scheme of the campaign in turn otherwise. */
  scheme: string | null;
  page: number;
  paused: boolean;
  onPages: (pages: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const board = view.board;
  const campaignSchemes = board?.campaign.schemes ?? [];
  const pinned = campaignSchemes.filter((scheme) => scheme === asked);
  const schemes = pinned.length ? pinned : campaignSchemes;

  const probeTexts = useMemo<CoverProbeTexts>(() => {
    const tallies = (board?.rows ?? []).flatMap((row) => row.tallies);
    const widest = (floor: string, text: (tally: Tally) => string) => [atLeast(floor, tallies.map(text))];
    return {
      names: [...new Set((board?.rows ?? []).map((row) => unitLabel(row.unit, t)))],
      nets: widest(signed(WIDE_NET, language), (tally) => signed(tally.netGrowth, language)),
      news: widest(todayAndTotal(WIDE_TODAY, WIDE_TOTAL, language), (tally) =>
        todayAndTotal(tally.today, tally.cumulative, language),
      ),
      renewals: widest(todayAndTotal(WIDE_TODAY, WIDE_TOTAL, language), (tally) =>
        todayAndTotal(tally.renewedToday, tally.renewed, language),
      ),
      dues: widest(formatNumber(WIDE_TOTAL, language), (tally) =>
        formatNumber(tally.dueForRenewal, language),
      ),
      lapses: widest(formatNumber(WIDE_TOTAL, language), (tally) => formatNumber(tally.lapsed, language)),
    };
  }, [board?.rows, language, t]);
  const probeKey = JSON.stringify(probeTexts);
  const tiles = useRef<HTMLOListElement>(null);
  const probes = useRef<HTMLDivElement>(null);
  const count = board?.rows.length ?? 0;
  const space = useTileSpace(tiles, probes, count > 0, probeKey);
  const capacity = useMemo(() => (space ? screenCapacity(space) : TILES_PER_SCREEN), [space]);
  const { pages: tilePages, perPage } = wallPages(count, capacity);
  const pages = Math.max(1, schemes.length) * tilePages;
  const shown = Math.min(page, pages - 1);
  const scheme = schemes[Math.floor(shown / tilePages)] ?? campaignSchemes[0] ?? 'HOUSEHOLD_HI';
  const tilePage = shown % tilePages;
  const grid = useMemo(() => (space ? bestTileGrid({ ...space, count: perPage }) : null), [space, perPage]);
  useEffect(() => onPages(pages), [onPages, pages]);
  const ordered = useMemo(() => orderCoverTiles(board?.rows ?? [], scheme), [board?.rows, scheme]);

  if (!board) return <WallLoading error={view.error} />;
  const pageRows = ordered.slice(tilePage * perPage, (tilePage + 1) * perPage);
  const total = board.totals.find((tally) => tally.scheme === scheme);
  const losing = ordered.filter(
    (row) => (row.tallies.find((tally) => tally.scheme === scheme)?.netGrowth ?? 0) < 0,
  ).length;
  const n = (value: number) => formatNumber(value, language);
  return (
    <article
      className="wall-board cover-wall"
      data-wall-unit={board.unit.code}
      data-wall-view="covers"
      data-wall-scheme={scheme}
      data-wall-page={shown + 1}
      data-wall-pages={pages}
      data-sequence={board.sequence}
    >
      <header className="wall-head">
        <WallHeadLine board={board} lastUpdate={view.lastUpdate} now={view.now}>
          <h1>{board.unit.name}</h1>
        </WallHeadLine>
        <div className="wall-head-line">
          {total && (
            <section
              className="wall-total cover-total"
              data-total-scheme={scheme}
              data-net-growth={total.netGrowth}
              {...(total.netGrowth < 0 ? { 'data-losing': '' } : {})}
            >
              <h2>{t(`scheme.${scheme}`)}</h2>
              <p>
                <strong className="wall-total-percent cover-net-value">
                  <span className="cover-net-label">{t('wall.covers.net')}</span>{' '}
                  {signed(total.netGrowth, language)}
                </strong>
                <span>
                  {t('wall.covers.newTotal', { today: n(total.today), cumulative: n(total.cumulative) })}
                </span>
                <span>
                  {t('wall.covers.renewedTotal', { today: n(total.renewedToday), renewed: n(total.renewed) })}
                </span>
                <span>{t('wall.covers.dueTotal', { count: n(total.dueForRenewal) })}</span>
                <span>{t('wall.covers.lapsedTotal', { count: n(total.lapsed) })}</span>
              </p>
            </section>
          )}
        </div>
      </header>
      {count === 0 ? (
        <p className="wall-empty">{t('board.noChildren')}</p>
      ) : (
        <>
          <h2 className="visually-hidden">
            {t('wall.covers.caption', { unit: board.unit.name, scheme: t(`scheme.${scheme}`) })}
          </h2>
          <ol ref={tiles} className="wall-tiles cover-tiles" {...tileGridAttributes(grid, perPage)}>
            {pageRows.map((row) => {
              const tally = row.tallies.find((candidate) => candidate.scheme === scheme);
              return tally && <CoverTile key={row.unit.code} row={row} tally={tally} />;
            })}
          </ol>
          <CoverProbe ref={probes} texts={probeTexts} />
        </>
      )}
      <WallFoot paused={paused} shown={shown} pages={pages} recent={view.recent}>
        {count > 0 && (
          <>
            <span>{t('wall.covers.legend')}</span>
            <span>{t('wall.covers.losing', { count: n(losing), total: n(count) })}</span>
          </>
        )}
      </WallFoot>
      <Announcer unitName={board.unit.name} totals={board.totals} />
    </article>
  );
}
