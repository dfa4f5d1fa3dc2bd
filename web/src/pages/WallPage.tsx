import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { RecoveringBoundary } from '../components/RecoveringBoundary.tsx';
import { WallBoard } from '../wall/WallBoard.tsx';
import { nextPage, previousPage } from '../wall/wallRotation.ts';
import '../board/board.css';
import '../wall/wall.css';

/** Seconds a page stays up unless `?seconds=` says otherwise. */
const DEFAULT_SECONDS = 20;

/**
 * The command centre's big screen: every child unit of the board in the address on one screen,
 * as tiles, and for a board of more than 40 a page at a time, every `?seconds=` (20 by
 * default). It needs no mouse (← → turn the page, space pauses, F goes full screen) and
 * recovers by itself: the socket reconnects and the board refetches, a crash reloads.
 */
export function WallPage() {
  const { campaignId = '', unitCode = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const seconds = Math.min(600, Math.max(2, Number(search.get('seconds')) || DEFAULT_SECONDS));
  const [page, setPage] = useState(0);
  const [pages, setPages] = useState(1);
  const [paused, setPaused] = useState(false);
  const onPages = useCallback((count: number) => setPages(count), []);

  // Another board starts at its first page.
  useEffect(() => setPage(0), [campaignId, unitCode]);

  useEffect(() => {
    if (paused || pages < 2) return;
    const timer = setInterval(() => setPage((current) => nextPage(current, pages)), seconds * 1000);
    return () => clearInterval(timer);
  }, [paused, pages, seconds]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowRight') setPage((current) => nextPage(current, pages));
      else if (event.key === 'ArrowLeft') setPage((current) => previousPage(current, pages));
      else if (event.key === ' ') setPaused((current) => !current);
      else if (event.key === 'f' || event.key === 'F') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages]);

  return (
    <main className="wall" data-wall-paused={paused}>
      <RecoveringBoundary message={t('common.failed', { message: '…' })}>
        <WallBoard
          campaignId={campaignId}
          unitCode={unitCode}
          page={page}
          paused={paused}
          onPages={onPages}
        />
      </RecoveringBoundary>
    </main>
  );
}
