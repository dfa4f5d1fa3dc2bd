import { type CSSProperties, memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Row } from '../board/BoardRow.tsx';
import { unitLabel } from '../board/unitLabel.ts';
import { formatNumber, formatShortPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { lookOf, useShortStatusLabel, useStatusLabel } from './wallStatus.ts';

export interface BandParts {
  /** The band's element attributes: `data-scheme` and the rest on a real tile, nothing on a probe. */
  attributes: Record<string, string | number>;
  colour: string;
  status: ReactNode;
  /** The status in a word, for the dense grid of 30 to 40 tiles. */
  shortStatus: ReactNode;
  percent: ReactNode;
  today: ReactNode;
  /** Said to a screen reader before the figures: the scheme. */
  spoken?: string;
}

/**
 * The markup of a tile, shared by the tiles and the probe that measures them (WallProbe): the
 * unit's name over one band per scheme, each with its status in words, the share of the target
 * in big type and today's count. The grid's data-density says which of the two statuses shows.
 */
export function TileFrame({
  name,
  bands,
  attributes,
}: {
  name: ReactNode;
  bands: readonly BandParts[];
  attributes?: Record<string, string>;
}) {
  return (
    <li className="wall-tile" {...attributes}>
      <h3 className="wall-tile-name">{name}</h3>
      <div className="wall-bands">
        {bands.map((band, index) => (
          <div
            // The probe's bands have no scheme; a tile's are one per scheme, in the campaign's order.
            key={index}
            className="wall-band"
            style={{ '--status': band.colour } as CSSProperties}
            {...band.attributes}
          >
            {band.spoken && <span className="visually-hidden">{band.spoken}</span>}
            <span className="wall-band-status">{band.status}</span>
            <span className="wall-band-short-status">{band.shortStatus}</span>
            <strong className="wall-band-percent">{band.percent}</strong>
            <span className="wall-band-today">{band.today}</span>
          </div>
        ))}
      </div>
    </li>
  );
}

/**
 * One child unit on the wall. The tile carries `data-unit-code`, each band `data-scheme`, with
 * `data-today` and `data-status` (API.md). Memoised: a live update gives new objects only to
 * the rows it changed.
 */
export const WallTile = memo(function WallTile({ row }: { row: Row }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const statusLabel = useStatusLabel();
  const shortStatusLabel = useShortStatusLabel();
  const idle = row.tallies.every((tally) => tally.today === 0);
  return (
    <TileFrame
      name={unitLabel(row.unit, t)}
      attributes={{ 'data-unit-code': row.unit.code, ...(idle ? { 'data-idle': '' } : {}) }}
      bands={row.tallies.map((tally) => ({
        attributes: { 'data-scheme': tally.scheme, 'data-today': tally.today, 'data-status': tally.status },
        colour: lookOf(tally.status).colour,
        status: statusLabel(tally.status),
        shortStatus: shortStatusLabel(tally.status),
        percent: formatShortPercent(tally.percentOfTarget, language),
        today: (
          <>
            +{formatNumber(tally.today, language)}
            <span className="visually-hidden"> {t('wall.todaySpoken')}</span>
          </>
        ),
        spoken: `${t(`scheme.${tally.scheme}`)}:`,
      }))}
    />
  );
});
