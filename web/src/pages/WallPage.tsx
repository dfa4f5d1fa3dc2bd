import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useLiveBoard } from '../board/useLiveBoard.ts';
import { RecoveringBoundary } from '../components/RecoveringBoundary.tsx';
import { CoverWall } from '../wall/CoverWall.tsx';
import { WallBoard } from '../wall/WallBoard.tsx';
import { nextScreen, previousScreen, type WallScreen, wallViews } from '../wall/wallRotation.ts';
import '../board/board.css';
import '../wall/wall.css';

/** Seconds a page stays up unless `?seconds=` says otherwise. */
const DEFAULT_SECONDS = 20;

/**
 * The command centre's big screen: every child unit of the board in the address on one screen,
 * as tiles, and for a board of more than 40 a page at a time, every `?seconds=` (20 by
 * default). `?view=covers` shows the cover page instead (renewals, due, lapsed and net growth
 * per child, a page per scheme; `&scheme=` pins one), and `?view=all` turns from the progress
 * pages to the cover pages and back. It needs no mouse (← → turn the page, space pauses, F goes
 * full screen) and recovers by itself: the socket reconnects and the board refetches, a crash
 * reloads.
 */
export function WallPage() {
  const { campaignId = '', unitCode = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const seconds = Math.min(600, Math.max(2, Number(search.get('seconds')) || DEFAULT_SECONDS));
  const askedView = search.get('view');
  const scheme = search.get('scheme');
  const views = useMemo(() => wallViews(askedView), [askedView]);
  const [screen, setScreen] = useState<WallScreen>({ view: views[0] ?? 'progress', page: 0 });
  const [pages, setPages] = useState(1);
  const [paused, setPaused] = useState(false);
  // A view says how many pages it has once drawn: one turned to "its last" (←) shows it.
  const onPages = useCallback((count: number) => {
    setPages(count);
    setScreen((current) => (current.page < count ? current : { ...current, page: Math.max(0, count - 1) }));
  }, []);

  // Another board, or other views, start at the first page.
  useEffect(() => setScreen({ view: views[0] ?? 'progress', page: 0 }), [campaignId, unitCode, views]);

  const turns = pages > 1 || views.length > 1;
  useEffect(() => {
    if (paused || !turns) return;
    const timer = setInterval(
      () => setScreen((current) => nextScreen(current, pages, views)),
      seconds * 1000,
    );
    return () => clearInterval(timer);
  }, [paused, turns, pages, views, seconds]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowRight') setScreen((current) => nextScreen(current, pages, views));
      else if (event.key === 'ArrowLeft') setScreen((current) => previousScreen(current, pages, views));
      else if (event.key === ' ') setPaused((current) => !current);
      else if (event.key === 'f' || event.key === 'F') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages, views]);

  return (
    <main className="wall" data-wall-paused={paused}>
      <RecoveringBoundary message={t('common.failed', { message: '…' })}>
        <WallScreens
          campaignId={campaignId}
          unitCode={unitCode}
          screen={screen}
          scheme={scheme}
          paused={paused}
          onPages={onPages}
        />
      </RecoveringBoundary>
    </main>
  );
}

/** The screen shown, of the board followed live inside the wall's recovering boundary. */
function WallScreens({
  campaignId,
  unitCode,
  screen,
  scheme,
  paused,
  onPages,
}: {
  campaignId: string;
  unitCode: string;
  screen: WallScreen;
  scheme: string | null;
  paused: boolean;
  onPages: (pages: number) => void;
}) {
  const view = useLiveBoard(campaignId, unitCode);
  return screen.view === 'covers' ? (
    <CoverWall view={view} scheme={scheme} page={screen.page} paused={paused} onPages={onPages} />
  ) : (
    <WallBoard view={view} page={screen.page} paused={paused} onPages={onPages} />
  );
}
