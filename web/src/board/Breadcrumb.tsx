import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql, type ResultOf } from '../graphql.ts';

/** The board's unit and its ancestors, up to four levels (nation, province, district, commune). */
export const BreadcrumbFields = graphql(`
  fragment BreadcrumbFields on Unit {
    code
    name
    parent {
      code
      name
      parent {
        code
        name
        parent {
          code
          name
        }
      }
    }
  }
`);

type Trail = { code: string; name: string }[];

/** The trail from the campaign's own unit down to this one (a board above it would be empty). */
export function trailOf(unit: ResultOf<typeof BreadcrumbFields>, campaignUnitCode: string): Trail {
  const trail: Trail = [];
  let step: { code: string; name: string; parent?: unknown } | null | undefined = unit;
  while (step) {
    trail.unshift({ code: step.code, name: step.name });
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
              {step.name}
            </li>
          ) : (
            <li key={step.code}>
              <Link to={hrefOf(step.code)}>{step.name}</Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
