import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Row } from '../board/BoardRow.tsx';
import type { Tally } from '../board/TallyCell.tsx';
import { unitLabel } from '../board/unitLabel.ts';
import { formatChange, formatNumber, type Language } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/** What a cover tile shows, as text: the real tiles' figures or the probe's widest. */
export interface CoverParts {
  net: ReactNode;
  newFigure: ReactNode;
  renewedFigure: ReactNode;
  due: ReactNode;
  lapsed: ReactNode;
}

/** Net growth with its sign: "+12", "−1.234" (a true minus, wider and plainer than "-"), "0". */
export function signed(value: number, language: Language): string {
  return formatChange(value, language).replace('-', '−');
}

/** Today's count, then the campaign's: "+3 · 120". */
export function todayAndTotal(today: number, total: number, language: Language): string {
  return `+${formatNumber(today, language)} · ${formatNumber(total, language)}`;
}

/**
 * The markup of a cover tile, shared by the tiles and the probe that measures them
 * (CoverProbe): the unit's name, its net growth in big type with its label, and the four
 * figures it comes from, each with its label (new and renewed: today · so far; due within 30
 * days; lapsed). The grid's data-arrangement puts the net growth beside the figures or above
 * them, its data-density the figures in one column or two.
 */
export function CoverTileFrame({
  name,
  parts,
  attributes,
}: {
  name: ReactNode;
  parts: CoverParts;
  attributes?: Record<string, string | number>;
}) {
  const { t } = useTranslation();
  return (
    <li className="wall-tile cover-tile" {...attributes}>
      <h3 className="wall-tile-name">{name}</h3>
      <p className="cover-net">
        <span className="cover-net-label">{t('wall.covers.net')}</span>
        <strong className="cover-net-value">{parts.net}</strong>
      </p>
      <dl className="cover-figures">
        {(
          [
            ['new', parts.newFigure],
            ['renewed', parts.renewedFigure],
            ['due', parts.due],
            ['lapsed', parts.lapsed],
          ] as const
        ).map(([figure, value]) => (
          <div key={figure} data-figure={figure}>
            <dt>{t(`wall.covers.${figure}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

/**
 * One child unit on the cover page, for one scheme. The tile carries `data-unit-code`,
 * `data-scheme` and each figure as a data attribute; a unit losing people (net growth below
 * zero) is `data-losing`, drawn in red with its minus sign and a thick red edge. Memoised: a
 * live update gives new objects only to the rows it changed.
 */
export const CoverTile = memo(function CoverTile({ row, tally }: { row: Row; tally: Tally }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <CoverTileFrame
      name={unitLabel(row.unit, t)}
      attributes={{
        'data-unit-code': row.unit.code,
        'data-scheme': tally.scheme,
        'data-today': tally.today,
        'data-cumulative': tally.cumulative,
        'data-renewed-today': tally.renewedToday,
        'data-renewed': tally.renewed,
        'data-due-for-renewal': tally.dueForRenewal,
        'data-lapsed': tally.lapsed,
        'data-net-growth': tally.netGrowth,
        ...(tally.netGrowth < 0 ? { 'data-losing': '' } : {}),
      }}
      parts={{
        net: signed(tally.netGrowth, language),
        newFigure: todayAndTotal(tally.today, tally.cumulative, language),
        renewedFigure: todayAndTotal(tally.renewedToday, tally.renewed, language),
        due: formatNumber(tally.dueForRenewal, language),
        lapsed: formatNumber(tally.lapsed, language),
      }}
    />
  );
});
