import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Ticker, type TickerItem } from '../board/Ticker.tsx';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/**
 * The foot of a wall page, one line in order of importance (wall.css): paused, the page of
 * how many, what the page puts there (`children`: its legend and counts), the latest
 * enrolments, the keys.
 */
export function WallFoot({
  paused,
  shown,
  pages,
  recent,
  children,
}: {
  paused: boolean;
  /** The page shown, from 0. */
  shown: number;
  pages: number;
  recent: readonly TickerItem[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <footer className="wall-foot">
      {paused && <span className="wall-paused">{t('wall.paused')}</span>}
      {pages > 1 && (
        <span className="wall-page">
          {t('wall.page', { page: formatNumber(shown + 1, language), pages: formatNumber(pages, language) })}
        </span>
      )}
      {children}
      <Ticker items={recent.slice(0, 4)} />
      {!paused && <span className="wall-keys">{t('wall.keys')}</span>}
    </footer>
  );
}
