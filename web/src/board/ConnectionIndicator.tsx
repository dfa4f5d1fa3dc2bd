import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../client.ts';
import { formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/** Live, reconnecting or offline, and when the board last changed: a board must never look
 * current when it is not. The status is announced politely; the time, which changes all the
 * time, is not. */
export function ConnectionIndicator({ lastUpdate }: { lastUpdate: Date | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useConnectionStatus();
  return (
    <div className={`connection connection-${status}`} data-connection={status}>
      <span className="dot" aria-hidden="true" />
      <span aria-live="polite">{t(`connection.${status}`)}</span>
      <span className="last-update" data-last-update={lastUpdate?.toISOString() ?? ''}>
        {lastUpdate
          ? t('connection.lastUpdate', { time: formatTime(lastUpdate, language) })
          : t('connection.never')}
      </span>
    </div>
  );
}
