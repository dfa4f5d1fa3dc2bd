import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../errorMessage.ts';
import { graphql } from '../graphql.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import type { AdminResources } from './i18n/vi.ts';

const AuditQuery = graphql(`
  query AdminAudit($action: String, $unitCode: String, $since: Date, $until: Date, $before: String) {
    auditEvents(action: $action, unitCode: $unitCode, since: $since, until: $until, before: $before, first: 50) {
      id
      at
      action
      actor
      role
      actorUnit
      target
      details
    }
  }
`);

const PAGE = 50;
type Action = keyof AdminResources['actions'];
const ACTIONS = Object.keys({
  SUBMIT_ENROLMENT: 1,
  VOID_ENROLMENT: 1,
  CREATE_CAMPAIGN: 1,
  UPDATE_CAMPAIGN: 1,
  CLOSE_CAMPAIGN: 1,
  SET_TARGETS: 1,
  SET_DAILY_GOALS: 1,
  SET_PARTICIPANT_COUNTS: 1,
  SET_PLANS: 1,
  SET_POPULATIONS: 1,
  IMPORT_COVERAGE: 1,
  ADD_UNIT: 1,
  MERGE_UNIT: 1,
  REVOKE_TOKEN: 1,
  REGISTER_OFFICERS: 1,
  SET_OFFICER_QUOTAS: 1,
  ISSUE_TOKEN: 1,
  ISSUE_SIGN_IN_CODES: 1,
  REDEEM_SIGN_IN_CODE: 1,
  APPLY_REORGANISATION: 1,
  READ_PERSONAL_DATA: 1,
} satisfies Record<Action, 1>) as Action[];

/**
 * An entry's details (JSON of ids, codes and counts) as "số dòng: 3 · chiến dịch: …", the keys
 * the trail writes most in the reader's words, lists cut after a few items.
 */
function detailsText(details: string | null, t: TFunction<'admin'>): string {
  if (!details) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return details;
  const known = t('detailKeys', { returnObjects: true }) as Record<string, string>;
  return Object.entries(parsed as Record<string, unknown>)
    .map(([key, value]) => {
      const shown = Array.isArray(value)
        ? value.length > 3
          ? `${value.slice(0, 3).join(', ')} … (${value.length})`
          : value.join(', ')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
      return `${known[key] ?? key}: ${shown}`;
    })
    .join(' · ');
}

interface Filters {
  action: string;
  unitCode: string;
  since: string;
  until: string;
}

/** The audit trail (auditEvents), newest first, filtered by kind, days and unit, 50 a page. */
export function AuditTrail() {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const formId = useId();
  const [draft, setDraft] = useState<Filters>({ action: '', unitCode: '', since: '', until: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [before, setBefore] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: AuditQuery,
    variables: {
      action: filters.action || null,
      unitCode: filters.unitCode.trim() || null,
      since: filters.since || null,
      until: filters.until || null,
      before,
    },
    requestPolicy: 'network-only',
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setBefore(null);
    setFilters(draft);
  };
  const events = data?.auditEvents ?? [];
  const actionLabel = (action: string) =>
    (ACTIONS as string[]).includes(action) ? t(`actions.${action as Action}`) : action;

  return (
    <section aria-labelledby="admin-audit-heading" className="admin-section">
      <h2 id="admin-audit-heading">{t('audit.title')}</h2>
      <form className="admin-form filters" onSubmit={apply}>
        <div>
          <label htmlFor={`${formId}-action`}>{t('audit.action')}</label>
          <select
            id={`${formId}-action`}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t('audit.anyAction')}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${formId}-since`}>{t('audit.since')}</label>
          <input
            id={`${formId}-since`}
            type="date"
            value={draft.since}
            onChange={(e) => setDraft({ ...draft, since: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor={`${formId}-until`}>{t('audit.until')}</label>
          <input
            id={`${formId}-until`}
            type="date"
            value={draft.until}
            onChange={(e) => setDraft({ ...draft, until: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor={`${formId}-unit`}>{t('audit.unitCode')}</label>
          <input
            id={`${formId}-unit`}
            value={draft.unitCode}
            onChange={(e) => setDraft({ ...draft, unitCode: e.target.value })}
          />
        </div>
        <div className="filter-submit">
          <button type="submit" className="primary">
            {t('audit.filter')}
          </button>
        </div>
      </form>
      {error && !data && <p role="alert">{errorMessage(error, tApp, language)}</p>}
      {fetching && !data && <p role="status">{tApp('common.loading')}</p>}
      {data && events.length === 0 && <p>{t('audit.none')}</p>}
      {events.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table audit">
            <caption>{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-audit-action={event.action}>
                  <td>{formatDateTime(event.at, language)}</td>
                  <td className="person">{actionLabel(event.action)}</td>
                  <td data-label={t('audit.actor')}>
                    {event.actor ?? '–'}
                    {event.actorUnit && <span className="muted"> ({event.actorUnit})</span>}
                  </td>
                  <td data-label={t('audit.target')}>{event.target ?? '–'}</td>
                  <td className="details" data-label={t('audit.details')}>
                    {detailsText(event.details, t)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="row-actions">
        {before !== null && (
          <button type="button" onClick={() => setBefore(null)}>
            {t('audit.newest')}
          </button>
        )}
        {events.length === PAGE && (
          <button type="button" onClick={() => setBefore(events[events.length - 1]?.id ?? null)}>
            {t('audit.older')}
          </button>
        )}
      </p>
    </section>
  );
}
