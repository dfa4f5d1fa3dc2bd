import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signOut } from '../auth/token.ts';
import { errorMessage } from '../errorMessage.ts';
import { setLanguage, useLanguage } from '../i18n/index.ts';
import { ClosingCampaigns } from '../submit/ClosingCampaigns.tsx';
import { EnrolmentForm, type FormValues } from '../submit/EnrolmentForm.tsx';
import { runningCampaigns, useFieldContext } from '../submit/fieldContext.ts';
import '../submit/i18n/index.ts';
import { MyProgress } from '../submit/MyProgress.tsx';
import { QueuePanel } from '../submit/QueuePanel.tsx';
import { isAlreadyEnrolled, type QueuedSubmission } from '../submit/queueStore.ts';
import { RenewalList } from '../submit/RenewalList.tsx';
import { registerServiceWorker } from '../submit/serviceWorker.ts';
import { useFieldQueue } from '../submit/useFieldQueue.ts';
import { useRenewals } from '../submit/useRenewals.ts';
import '../submit/submit.css';

/**
 * `/submit`, the field app (API.md, Web): a phone held in one hand, often without signal. What
 * is submitted is kept in the browser at once and sent when it can be, each exactly once.
 */
export function SubmitPage() {
  const { t } = useTranslation('submit');
  const { t: tShell } = useTranslation();
  const language = useLanguage();
  const { context, error, checkTree } = useFieldContext();
  const { snapshot, queue } = useFieldQueue();
  // Each round that reached the server is a connection: the kept units may be of an older tree.
  const lastSyncAt = snapshot.meta.lastSyncAt;
  useEffect(() => {
    if (lastSyncAt !== null) void checkTree();
  }, [lastSyncAt, checkTree]);
  const renewals = useRenewals(context ? (context.viewer.unitCode ?? 'VN') : null, lastSyncAt);
  const [editing, setEditing] = useState<QueuedSubmission | null>(null);
  const [lastKey, setLastKey] = useState<string | null>(null);
  useEffect(() => registerServiceWorker(), []);

  const last = snapshot.submissions.find((submission) => submission.key === lastKey);
  const lastOutcome = last && (isAlreadyEnrolled(last) ? 'alreadyEnrolled' : last.state);
  const campaign = context ? runningCampaigns(context.campaigns)[0] : undefined;
  const other = language === 'vi' ? 'en' : 'vi';

  const submit = async (values: FormValues) => {
    if (!queue) return;
    const queued = editing ? await queue.resend(editing.key, values) : await queue.submit(values);
    setEditing(null);
    if (queued) setLastKey(queued.key);
  };

  return (
    <div className="field-app">
      <header className="field-header">
        <h1>{t('title')}</h1>
        <div className="field-actions">
          <button
            type="button"
            lang={other}
            aria-label={tShell('app.switchLanguageLabel')}
            onClick={() => void setLanguage(other)}
          >
            {tShell('app.switchLanguage')}
          </button>
          <button type="button" onClick={signOut}>
            {tShell('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" className="field-main">
        {last && (
          <p
            className={`confirmation confirmation-${last.state}`}
            role="status"
            data-confirmation={lastOutcome}
          >
            {t(`confirmation.${lastOutcome ?? last.state}`, {
              name: last.input.fullName,
              scheme: tShell(`scheme.${last.input.scheme}` as 'scheme.VOLUNTARY_SI'),
            })}
            {lastOutcome !== 'refused' && ` ${t('confirmation.next')}`}
          </p>
        )}
        {context && <ClosingCampaigns campaigns={context.campaigns} submissions={snapshot.submissions} />}
        {context ? (
          <EnrolmentForm
            key={editing?.key ?? 'new'}
            context={context}
            editing={editing}
            onSubmit={submit}
            onCancelEdit={() => setEditing(null)}
          />
        ) : (
          <p className="notice" data-no-context={error ? '' : undefined}>
            {error ? (
              <>
                {t('noContext')} {t('noContextReason', { reason: errorMessage(error, tShell, language) })}
              </>
            ) : (
              tShell('common.loading')
            )}
          </p>
        )}
        {context && (
          <RenewalList
            list={renewals.list}
            loading={renewals.loading}
            error={renewals.error}
            submissions={snapshot.submissions}
            campaigns={context.campaigns}
            onRefresh={() => void renewals.refresh()}
            onRenew={(item, campaignId) =>
              void queue?.submit(
                { campaignId, unitCode: item.unitCode, scheme: item.scheme, renewsCover: item.id },
                { fullName: item.fullName, citizenIdMasked: item.citizenIdMasked },
              )
            }
          />
        )}
        <QueuePanel
          snapshot={snapshot}
          onSyncNow={() => void queue?.online()}
          onFix={(submission) => {
            setEditing(submission);
            globalThis.scrollTo?.({ top: 0, behavior: 'smooth' });
          }}
          onDiscard={(submission) => void queue?.discard(submission.key)}
        />
        {context && campaign && (
          <MyProgress
            campaignId={campaign.id}
            unitCode={context.viewer.unitCode ?? 'VN'}
            refreshKey={snapshot.meta.lastSyncAt}
          />
        )}
      </main>
    </div>
  );
}
