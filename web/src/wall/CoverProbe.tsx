import { memo, type Ref } from 'react';
import { CoverTileFrame } from './CoverTile.tsx';
import { PROBE_LAYOUTS, Stack } from './WallProbe.tsx';

export interface CoverProbeTexts {
  names: readonly string[];
  nets: readonly string[];
  news: readonly string[];
  renewals: readonly string[];
  dues: readonly string[];
  lapses: readonly string[];
}

/**
 * An unseen cover tile per arrangement and density, at the smallest type, holding the longest
 * of every name and figure a tile may show (WallProbe's way, for the cover page): the grid is
 * chosen from their sizes before a tile can overflow.
 */
export const CoverProbe = memo(function CoverProbe({
  texts,
  ref,
}: {
  texts: CoverProbeTexts;
  ref: Ref<HTMLDivElement>;
}) {
  return (
    <div ref={ref} className="wall-probes" aria-hidden="true">
      {PROBE_LAYOUTS.map(({ arrangement, density }) => (
        <ol
          key={`${arrangement} ${density}`}
          className="cover-tiles"
          data-arrangement={arrangement}
          data-density={density}
        >
          <CoverTileFrame
            name={<Stack texts={texts.names} />}
            parts={{
              net: <Stack texts={texts.nets} />,
              newFigure: <Stack texts={texts.news} />,
              renewedFigure: <Stack texts={texts.renewals} />,
              due: <Stack texts={texts.dues} />,
              lapsed: <Stack texts={texts.lapses} />,
            }}
            attributes={{ 'data-probe': `${arrangement} ${density}` }}
          />
        </ol>
      ))}
    </div>
  );
});
