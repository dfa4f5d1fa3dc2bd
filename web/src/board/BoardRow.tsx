import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql, type ResultOf } from '../graphql.ts';
import { type Tally, TallyCell, TallyFields } from './TallyCell.tsx';

export const BoardRowFields = graphql(
  `
  fragment BoardRowFields on BoardRow {
    unit {
      code
      name
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
 * One child unit: its name leads to its own board (drill down), then one cell per scheme.
 * Memoised: a live update gives new objects only to the rows it changed, so only those render.
 * A grid of ARIA rows rather than a <table>: the browser skips the layout and paint of rows out
 * of view (content-visibility), which a table's rows cannot do, and a board has 700 of them.
 */
export const BoardRow = memo(function BoardRow({ row, href }: { row: Row; href: string | null }) {
  const { t } = useTranslation();
  return (
    <div role="row" className="board-row" data-unit-code={row.unit.code}>
      <div role="rowheader">
        {href ? (
          <Link to={href} aria-label={t('board.drillDown', { unit: row.unit.name })}>
            {row.unit.name}
          </Link>
        ) : (
          row.unit.name
        )}
      </div>
      {row.tallies.map((tally) => (
        <TallyCell key={tally.scheme} tally={tally} unitName={row.unit.name} />
      ))}
    </div>
  );
});
