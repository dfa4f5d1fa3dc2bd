import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { RecoveringBoundary } from '../components/RecoveringBoundary.tsx';
import { graphql } from '../graphql.ts';
import { WallBoard } from '../wall/WallBoard.tsx';
import { nextPosition, nextSlot, previousSlot, type WallPosition } from '../wall/wallRotation.ts';
import '../board/board.css';
import '../wall/wall.css';

const WallUnitsQuery = graphql(`
  query WallUnits($code: String!) {
    unit(code: $code) {
      code
      children {
        code
      }
    }
  }
`);

/** Seconds a screen stays up unless `?seconds=` says otherwise. */
const DEFAULT_SECONDS = 20;

/**
 * The command centre's big screen: the board of the unit in the address, then each child
 * unit's board in turn, a page of rows at a time, every `?seconds=` (20 by default). It needs
 * no mouse (← → change board, space pauses, F goes full screen) and recovers by itself: the
 * socket reconnects and the board refetches, a failed read is retried, a crash reloads.
 */
export function WallPage() {
  const { campaignId = '', unitCode = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const seconds = Math.min(600, Math.max(2, Number(search.get('seconds')) || DEFAULT_SECONDS));
  const [{ data, error }, reread] = useQuery({ query: WallUnitsQuery, variables: { code: unitCode } });
  const slots = [unitCode, ...(data?.unit?.children.map((child) => child.code) ?? [])];
  const [position, setPosition] = useState<WallPosition>({ slot: 0, page: 0 });
  const [paused, setPaused] = useState(false);
  const pages = useRef(1);
  const onPages = useCallback((count: number) => {
    pages.current = count;
  }, []);

  // The list of children failed (the server was away when the wall started): ask again.
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => reread({ requestPolicy: 'network-only' }), 5000);
    return () => clearTimeout(timer);
  }, [error, reread]);

  useEffect(() => {
    if (paused) return;
    const timer = setInterval(
      () => setPosition((current) => nextPosition(current, pages.current, slots.length)),
      seconds * 1000,
    );
    return () => clearInterval(timer);
  }, [paused, seconds, slots.length]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowRight') setPosition((current) => nextSlot(current, slots.length));
      else if (event.key === 'ArrowLeft') setPosition((current) => previousSlot(current, slots.length));
      else if (event.key === ' ') setPaused((current) => !current);
      else if (event.key === 'f' || event.key === 'F') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slots.length]);

  const current = slots[position.slot % slots.length] ?? unitCode;
  return (
    <main className="wall" data-wall-paused={paused}>
      <RecoveringBoundary message={t('common.failed', { message: '…' })}>
        <WallBoard campaignId={campaignId} unitCode={current} page={position.page} onPages={onPages} />
      </RecoveringBoundary>
      <p className="wall-keys">{paused ? t('wall.paused') : t('wall.keys')}</p>
    </main>
  );
}
