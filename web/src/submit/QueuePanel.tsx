import { maskedCitizenId } from '@toandan/shared/maskedCitizenId';
import { useTranslation } from 'react-i18next';
import { failureMessage } from '../errorMessage.ts';
import { formatNumber, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { vi } from './i18n/vi.ts';
import { isAlreadyEnrolled, type QueuedSubmission } from './queueStore.ts';
import type { QueueSnapshot } from './syncQueue.ts';
import { useOnline } from './useOnline.ts';

const STATES = ['waiting', 'refused', 'sent'] as const;

/** What a submission's badge says: its state, told finer where the officer acts differently. */
type QueueBadge = 'waiting' | 'sending' | 'sent' | 'alreadyEnrolled' | 'refused';

function Badge({ submission, sending }: { submission: QueuedSubmission; sending: readonly string[] }) {
  const { t } = useTranslation('submit');
  const badge: QueueBadge = isAlreadyEnrolled(submission)
    ? 'alreadyEnrolled'
    : submission.state === 'waiting' && sending.includes(submission.key)
      ? 'sending'
      : submission.state;
  return (
    <span className={`badge badge-${badge}`} data-badge={badge}>
      {t(`queue.${badge}`)}
    </span>
  );
}

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
      {count('waiting') > 0 && snapshot.meta.failures > 0 && snapshot.meta.lastFailure && (
        <p className="sync-failure" data-sync-failure={snapshot.meta.lastFailure.join(' ')}>
          {t('queue.failed', {
            reason: failureMessage(
              snapshot.meta.lastFailure.map((code) => ({ code })),
              tShell,
              language,
            ),
          })}
        </p>
      )}
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
                <strong>{submission.person?.fullName ?? submission.input.fullName}</strong>
                <span>
                  {submission.person?.citizenIdMasked ?? maskedCitizenId(submission.input.citizenId ?? '')}
                </span>
              </div>
              <div className="queued-what">
                {tShell(`scheme.${submission.input.scheme}` as 'scheme.VOLUNTARY_SI')} ·{' '}
                {submission.input.unitCode} · <Badge submission={submission} sending={snapshot.sending} />
              </div>
              {submission.state === 'refused' && (
                <>
                  <ul className="reasons" data-reasons>
                    {(submission.reasons ?? []).map((reason) => (
                      <li key={`${reason.code}:${reason.message}`}>
                        <strong>
                          {/* A code this app does not know yet: the server's message says why. */}
                          {t(`refusal.${reason.code}` as 'refusal.INVALID', {
                            defaultValue: t('queue.refused'),
                          })}
                          {fieldNameOf(reason.field, t)}
                        </strong>
                        : {reason.message}
                      </li>
                    ))}
                  </ul>
                  <div className="actions">
                    {/* Nothing to correct: a closed campaign takes no submission at all, and a
                        renewal by the list's id has no fields on the phone to fix. */}
                    {!submission.input.renewsCover &&
                      !submission.reasons?.some((reason) => reason.code === 'CAMPAIGN_CLOSED') && (
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

/** The inputs a refusal may name: those the words have a name for (i18n fieldName). */
type FieldName = keyof typeof vi.fieldName;
const isFieldName = (name: string): name is FieldName => Object.hasOwn(vi.fieldName, name);

/**
 * The input a refusal names, in words: ["input", "unitCode"] (or a batch's ["inputs", "3",
 * "unitCode"]) → " (Đơn vị)". A name the app does not know yet is left out, never shown raw.
 */
function fieldNameOf(
  field: readonly string[] | null | undefined,
  t: (key: `fieldName.${FieldName}`) => string,
): string {
  const name = field?.at(-1);
  return name && isFieldName(name) ? ` (${t(`fieldName.${name}`)})` : '';
}
