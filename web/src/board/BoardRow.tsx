import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql, type ResultOf } from '../graphql.ts';
import { type Tally, TallyCell, TallyFields } from './TallyCell.tsx';
import { unitLabel } from './unitLabel.ts';

export const BoardRowFields = graphql(
  `
  fragment BoardRowFields on BoardRow {
    unit {
      code
      name
      kind
    }
    tallies {
      ...TallyFields
    }
  }
`,
  [TallyFields],
);

export interface Row {
  unit: ResultOf<typeof BoardRowFields>['unit'];
  tallies: Tally[];
}

/**
 * One child unit: its name (with its kind, unitLabel) leads to its own board (drill down), then
 * one cell per scheme; in the ranked view its rank comes first.
 * Memoised: a live update gives new objects only to the rows it changed, so only those render.
 * A grid of ARIA rows rather than a <table>: the browser skips the layout and paint of rows out
 * of view (content-visibility), which a table's rows cannot do, and a board has 700 of them.
 */
export const BoardRow = memo(function BoardRow({
  row,
  href,
  rank,
  rankLabel,
}: {
  row: Row;
  href: string | null;
  /** The row's place in the ranked view, and the share it is ranked by, worded (primitives, so
   * the memo holds across live updates). */
  rank?: number | undefined;
  rankLabel?: string | undefined;
}) {
  const { t } = useTranslation();
  const name = unitLabel(row.unit, t);
  return (
    <div role="row" className="board-row" data-unit-code={row.unit.code}>
      <div role="rowheader">
        {rank !== undefined && (
          <span className="rank" data-rank={rank} title={rankLabel}>
            <span aria-hidden="true">{rank}</span>
            <span className="visually-hidden">{rankLabel}</span>
          </span>
        )}
        {href ? (
          <Link to={href} aria-label={t('board.drillDown', { unit: name })}>
            {name}
          </Link>
        ) : (
          name
        )}
      </div>
      {row.tallies.map((tally) => (
        <TallyCell key={tally.scheme} tally={tally} unitName={name} />
      ))}
    </div>
  );
});
