import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql, type ResultOf } from '../graphql.ts';
import { type UnitKind, unitLabel } from './unitLabel.ts';

/** The board's unit and its ancestors, up to four levels (nation, province, district, commune). */
export const BreadcrumbFields = graphql(`
  fragment BreadcrumbFields on Unit {
    code
    name
    kind
    parent {
      code
      name
      kind
      parent {
        code
        name
        kind
        parent {
          code
          name
          kind
        }
      }
    }
  }
`);

type Trail = { code: string; name: string; kind: UnitKind }[];

/** The trail from the campaign's own unit down to this one (a board above it would be empty). */
export function trailOf(unit: ResultOf<typeof BreadcrumbFields>, campaignUnitCode: string): Trail {
  const trail: Trail = [];
  let step: { code: string; name: string; kind: UnitKind; parent?: unknown } | null | undefined = unit;
  while (step) {
    trail.unshift({ code: step.code, name: step.name, kind: step.kind });
    if (step.code === campaignUnitCode) break;
    step = step.parent as typeof step;
  }
  return trail;
}

export function Breadcrumb({ trail, hrefOf }: { trail: Trail; hrefOf: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('board.breadcrumb')} className="breadcrumb">
      <ol>
        {trail.map((step, index) =>
          index === trail.length - 1 ? (
            <li key={step.code} aria-current="page">
              {unitLabel(step, t)}
            </li>
          ) : (
            <li key={step.code}>
              <Link to={hrefOf(step.code)}>{unitLabel(step, t)}</Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
