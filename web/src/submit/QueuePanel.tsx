import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { maskedCitizenId } from './maskedCitizenId.ts';
import { isAlreadyEnrolled, type QueuedSubmission } from './queueStore.ts';
import type { QueueSnapshot } from './syncQueue.ts';
import { useOnline } from './useOnline.ts';

const STATES = ['waiting', 'refused', 'sent'] as const;

/**
 * What is on this phone: how many wait, went out, or were refused (each refusal with the
 * server's reason and a way to correct and resend it), and when the last sync was.
 */
export function QueuePanel({
  snapshot,
  onSyncNow,
  onFix,
  onDiscard,
}: {
  snapshot: QueueSnapshot;
  onSyncNow: () => void;
  onFix: (submission: QueuedSubmission) => void;
  onDiscard: (submission: QueuedSubmission) => void;
}) {
  const { t } = useTranslation('submit');
  const { t: tShell } = useTranslation();
  const language = useLanguage();
  const online = useOnline();
  const count = (state: (typeof STATES)[number]) =>
    snapshot.submissions.filter((s) => s.state === state).length;
  const shown = [...snapshot.submissions].sort(
    (a, b) => STATES.indexOf(a.state) - STATES.indexOf(b.state) || b.queuedAt - a.queuedAt,
  );
  return (
    <section className="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">{t('queue.title')}</h2>
      <p className={`connection ${online ? 'is-online' : 'is-offline'}`} role="status">
        {online ? t('queue.online') : t('queue.offline')}
      </p>
      <dl className="queue-counts">
        {STATES.map((state) => (
          <div key={state} className={`count count-${state}`} data-queue-count={state}>
            <dt>{t(`queue.${state}`)}</dt>
            <dd>{formatNumber(count(state), language)}</dd>
          </div>
        ))}
      </dl>
      <p className="last-sync" data-last-sync={snapshot.meta.lastSyncAt ?? ''}>
        {snapshot.syncing
          ? t('queue.syncing')
          : snapshot.meta.lastSyncAt
            ? t('queue.lastSync', { time: formatTime(new Date(snapshot.meta.lastSyncAt), language) })
            : t('queue.neverSynced')}
        {count('waiting') > 0 && snapshot.nextAttemptAt && !snapshot.syncing && online && (
          <> · {t('queue.nextAttempt', { time: formatTime(new Date(snapshot.nextAttemptAt), language) })}</>
        )}
      </p>
      {count('waiting') > 0 && (
        <button type="button" className="secondary" onClick={onSyncNow} disabled={snapshot.syncing}>
          {t('queue.syncNow')}
        </button>
      )}
      {shown.length === 0 ? (
        <p>{t('queue.empty')}</p>
      ) : (
        <ul className="queue-items">
          {shown.map((submission) => (
            <li
              key={submission.key}
              className={`queued queued-${submission.state}`}
              data-state={submission.state}
              data-key={submission.key}
            >
              <div className="queued-person">
                <strong>{submission.input.fullName}</strong>
                <span>{maskedCitizenId(submission.input.citizenId)}</span>
              </div>
              <div className="queued-what">
                {tShell(`scheme.${submission.input.scheme}` as 'scheme.VOLUNTARY_SI')} ·{' '}
                {submission.input.unitCode} ·{' '}
                <span className="badge">
                  {isAlreadyEnrolled(submission)
                    ? t('queue.alreadyEnrolled')
                    : t(`queue.${submission.state}`)}
                </span>
              </div>
              {submission.state === 'refused' && (
                <>
                  <ul className="reasons" data-reasons>
                    {(submission.reasons ?? []).map((reason) => (
                      <li key={`${reason.code}:${reason.message}`}>
                        <strong>
                          {t(`refusal.${reason.code}` as 'refusal.INVALID', { defaultValue: reason.code })}
                          {reason.field?.[1] ? ` (${fieldLabel(reason.field[1], t)})` : ''}
                        </strong>
                        : {reason.message}
                      </li>
                    ))}
                  </ul>
                  <div className="actions">
                    {/* Nothing to correct: a closed campaign takes no submission at all. */}
                    {!submission.reasons?.some((reason) => reason.code === 'CAMPAIGN_CLOSED') && (
                      <button type="button" className="secondary" onClick={() => onFix(submission)}>
                        {t('queue.fix')}
                      </button>
                    )}
                    <button type="button" className="link" onClick={() => onDiscard(submission)}>
                      {t('queue.discard')}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const FIELD_LABELS = {
  scheme: 'field.scheme',
  unitCode: 'field.unit',
  citizenId: 'field.citizenId',
  fullName: 'field.fullName',
  campaignId: 'field.campaign',
} as const;

/** The form's label of the input a refusal names (["input", "scheme"] → "Loại hình"). */
function fieldLabel(
  field: string,
  t: (key: (typeof FIELD_LABELS)[keyof typeof FIELD_LABELS]) => string,
): string {
  return field in FIELD_LABELS ? t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]) : field;
}
