import { type CSSProperties, memo, type Ref } from 'react';
import { TileFrame } from './WallTile.tsx';
import type { Arrangement, Density } from './wallLayout.ts';

/** Every candidate drawn in the same place: the stack is as wide and as tall as the largest. */
export function Stack({ texts }: { texts: readonly string[] }) {
  return (
    <span className="wall-stack">
      {texts.map((text) => (
        <span key={text}>{text}</span>
      ))}
    </span>
  );
}

export interface ProbeTexts {
  names: readonly string[];
  statuses: readonly string[];
  shortStatuses: readonly string[];
  percents: readonly string[];
  todays: readonly string[];
}

/** Every arrangement and density a grid may take: a probe tile each. */
export const PROBE_LAYOUTS: readonly { arrangement: Arrangement; density: Density }[] = [
  { arrangement: 'side', density: 'full' },
  { arrangement: 'stacked', density: 'full' },
  { arrangement: 'side', density: 'compact' },
  { arrangement: 'stacked', density: 'compact' },
];

/**
 * An unseen tile per arrangement and density, at the smallest type, holding the longest of everything a tile
 * may show (any unit's name, any status, the widest figures): its size is what a tile needs,
 * whatever the font, so the grid can be chosen before a tile overflows rather than after.
 */
export const WallProbe = memo(function WallProbe({
  texts,
  schemes,
  ref,
}: {
  texts: ProbeTexts;
  schemes: number;
  ref: Ref<HTMLDivElement>;
}) {
  const band = {
    attributes: {},
    colour: 'transparent',
    status: <Stack texts={texts.statuses} />,
    shortStatus: <Stack texts={texts.shortStatuses} />,
    percent: <Stack texts={texts.percents} />,
    today: <Stack texts={texts.todays} />,
  };
  return (
    <div
      ref={ref}
      className="wall-probes"
      aria-hidden="true"
      style={{ '--schemes': schemes } as CSSProperties}
    >
      {PROBE_LAYOUTS.map(({ arrangement, density }) => (
        <ol key={`${arrangement} ${density}`} data-arrangement={arrangement} data-density={density}>
          <TileFrame
            name={<Stack texts={texts.names} />}
            bands={Array.from({ length: schemes }, () => band)}
            attributes={{ 'data-probe': `${arrangement} ${density}` }}
          />
        </ol>
      ))}
    </div>
  );
});
