import { useState } from 'react';
import { useQuery } from 'urql';
import { type UnitNode, UnitQuery } from '../graphql.ts';
import { useText } from '../i18n.ts';

/** Walks the unit tree from the nation down: a click opens a unit, the trail leads back up. */
export function UnitBrowser() {
  const text = useText();
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([{ code: 'VN', name: 'Việt Nam' }]);
  const current = trail.at(-1) ?? { code: 'VN', name: 'Việt Nam' };
  const [{ data, fetching, error }] = useQuery<{ unit: UnitNode | null }>({
    query: UnitQuery,
    variables: { code: current.code },
  });

  return (
    <section aria-labelledby="units-heading">
      <h2 id="units-heading">{text.units}</h2>
      <nav aria-label="breadcrumb" className="trail">
        {trail.map((step, index) => (
          <button
            key={step.code}
            type="button"
            disabled={index === trail.length - 1}
            onClick={() => setTrail(trail.slice(0, index + 1))}
          >
            {step.name}
          </button>
        ))}
      </nav>
      {fetching && <p role="status">{text.loading}</p>}
      {error && (
        <p role="alert">
          {text.failed}: {error.message}
        </p>
      )}
      {data?.unit && data.unit.children?.length === 0 && <p>{text.noChildren}</p>}
      <ul className="units">
        {data?.unit?.children?.map((child) => (
          <li key={child.code} data-unit-code={child.code}>
            <button
              type="button"
              onClick={() => setTrail([...trail, { code: child.code, name: child.name }])}
            >
              {child.name} <span className="code">{child.code}</span>
              {child.generated && <span className="note"> ({text.generated})</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
