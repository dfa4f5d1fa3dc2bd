import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { errorMessage } from '../errorMessage.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { errorsByField } from './fieldErrors.ts';
import { everyPage } from './officers/everyPage.ts';
import { ORGANISATIONS } from './officers/labels.ts';
import { IssueToken, RevokeToken } from './officers/tokenMutations.ts';
import { SignInUrl, TokensRegister } from './TokensRegister.tsx';

const OfficerCampaignsQuery = graphql(`
  query OfficerCampaigns {
    campaigns {
      id
      name
      state
      schemes
    }
  }
`);

const OfficersListQuery = graphql(`
  query OfficersList($unitCode: String!, $campaignId: ID!, $after: String) {
    # 200 a page: with each officer's progress and tokens, 500 would be over the complexity limit.
    officers(unitCode: $unitCode, first: 200, after: $after) {
      edges {
        node {
          code
          name
          organisation
          active
          unit {
            code
            name
          }
          progress(campaignId: $campaignId) {
            scheme
            counted
            renewed
            quota
            met
          }
          tokens {
            id
            expiresAt
            revoked
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Officer = ResultOf<typeof OfficersListQuery>['officers']['edges'][number]['node'];

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'loaded'; unitCode: string; campaignId: string; officers: Officer[] };

const isLive = (token: Officer['tokens'][number]) => !token.revoked && new Date(token.expiresAt) > new Date();
/** Nobody signed up and nobody renewed: an officer who only renews is at work (the board's atZero). */
const atZero = (officer: Officer) => officer.progress.every((p) => p.counted === 0 && p.renewed === 0);

/**
 * The supervisor's view of the officers and collection agents of a unit's subtree: each one's
 * count against the personal quota in every scheme of a campaign, who is still at zero, by
 * organisation; their tokens, revoked from the officer's line when a phone is lost, and new
 * ones issued; and the printable sheet of sign-in QR codes for the officers ticked.
 */
export function OfficersAdmin({ scope }: { scope: string }) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const formId = useId();
  const [{ data: campaignsData }] = useQuery({ query: OfficerCampaignsQuery });
  const campaigns = campaignsData?.campaigns ?? [];
  const [unitCode, setUnitCode] = useState(scope);
  const [campaignId, setCampaignId] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [onlyAtZero, setOnlyAtZero] = useState(false);
  const [grouped, setGrouped] = useState(true);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Bumped by every load, so that the register below reads again what a line just changed.
  const [loads, setLoads] = useState(0);
  const campaign =
    campaigns.find((c) => c.id === campaignId) ??
    campaigns.find((c) => c.state === 'RUNNING') ??
    campaigns[0];

  const load = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!campaign) return;
    const code = unitCode.trim();
    setLoaded((previous) => (previous?.state === 'loaded' ? previous : { state: 'loading' }));
    let failure: unknown = null;
    const officers = await everyPage(async (after) => {
      const result = await client.query(
        OfficersListQuery,
        { unitCode: code, campaignId: campaign.id, after },
        { requestPolicy: 'network-only' },
      );
      failure = result.error;
      return result.data?.officers ?? null;
    });
    if (!officers) {
      setLoaded({ state: 'failed', message: errorMessage(failure, tApp, language) });
      return;
    }
    setLoaded({ state: 'loaded', unitCode: code, campaignId: campaign.id, officers });
    setLoads((n) => n + 1);
    setSelected((before) => new Set([...before].filter((c) => officers.some((o) => o.code === c))));
  };

  const officers = loaded?.state === 'loaded' ? loaded.officers : [];
  const active = officers.filter((officer) => officer.active);
  const shown = officers
    .filter((officer) => !organisation || officer.organisation === organisation)
    .filter((officer) => !onlyAtZero || (officer.active && atZero(officer)));
  const groups = grouped
    ? ORGANISATIONS.map((org) => [org, shown.filter((o) => o.organisation === org)] as const).filter(
        ([, list]) => list.length > 0,
      )
    : [['', shown] as const];
  const schemes = campaign?.schemes ?? [];
  const sheetCodes = [...selected];
  const sheetUrl =
    loaded?.state === 'loaded'
      ? `/print/sign-in/${encodeURIComponent(loaded.unitCode)}${
          sheetCodes.length ? `?officers=${sheetCodes.map(encodeURIComponent).join(',')}` : ''
        }`
      : null;

  return (
    <section aria-labelledby="admin-officers-heading" className="admin-section">
      <h2 id="admin-officers-heading">{t('officers.title')}</h2>
      <p className="muted">{t('officers.intro')}</p>
      <form className="admin-form officer-filters" onSubmit={(event) => void load(event)}>
        <label htmlFor={`${formId}-unit`}>{t('officers.unitCode')}</label>
        <input
          id={`${formId}-unit`}
          value={unitCode}
          onChange={(event) => setUnitCode(event.target.value)}
          required
        />
        <label htmlFor={`${formId}-campaign`}>{t('uploads.campaign')}</label>
        <select
          id={`${formId}-campaign`}
          value={campaign?.id ?? ''}
          onChange={(event) => setCampaignId(event.target.value)}
        >
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <p className="row-actions">
          <button type="submit" className="primary" disabled={!campaign}>
            {t('officers.show')}
          </button>
        </p>
      </form>
      {loaded?.state === 'loading' && <p role="status">{tApp('common.loading')}</p>}
      {loaded?.state === 'failed' && (
        <p role="alert" className="error">
          {loaded.message}
        </p>
      )}
      {loaded?.state === 'loaded' && (
        <>
          <p role="status" className="officer-summary">
            {t('officers.summary', {
              total: formatNumber(active.length, language),
              atZero: formatNumber(active.filter(atZero).length, language),
              met: formatNumber(
                active.filter((o) => o.progress.some((p) => p.quota > 0) && o.progress.every((p) => p.met))
                  .length,
                language,
              ),
            })}
          </p>
          <div className="admin-form officer-view">
            <label htmlFor={`${formId}-organisation`}>{t('officers.organisation')}</label>
            <select
              id={`${formId}-organisation`}
              value={organisation}
              onChange={(event) => setOrganisation(event.target.value)}
            >
              <option value="">{t('officers.anyOrganisation')}</option>
              {ORGANISATIONS.map((org) => (
                <option key={org} value={org}>
                  {t(`organisation.${org}`)}
                </option>
              ))}
            </select>
            <label className="check">
              <input type="checkbox" checked={onlyAtZero} onChange={(e) => setOnlyAtZero(e.target.checked)} />
              {t('officers.onlyAtZero')}
            </label>
            <label className="check">
              <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
              {t('officers.grouped')}
            </label>
            {sheetUrl && (
              <p className="row-actions">
                <Link to={sheetUrl} className="button-link">
                  {sheetCodes.length
                    ? t('officers.sheetSelected', { count: sheetCodes.length })
                    : t('officers.sheetAll', { unit: loaded.unitCode })}
                </Link>
              </p>
            )}
          </div>
          {shown.length === 0 ? (
            <p>{t('officers.none')}</p>
          ) : (
            <div className="table-scroll">
              <table className="admin-table officers-table">
                <caption>{t('officers.caption', { count: shown.length, unit: loaded.unitCode })}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">{t('officers.select')}</span>
                    </th>
                    <th scope="col">{t('officers.officer')}</th>
                    <th scope="col">{t('officers.unit')}</th>
                    {schemes.map((scheme) => (
                      <th scope="col" key={scheme} className="number">
                        {tApp(`scheme.${scheme}`)}
                      </th>
                    ))}
                    <th scope="col">{t('officers.tokens')}</th>
                  </tr>
                </thead>
                {groups.map(([org, list]) => (
                  <tbody key={org || 'all'}>
                    {org && (
                      <tr className="group-row">
                        <th scope="rowgroup" colSpan={4 + schemes.length}>
                          {t('officers.group', {
                            organisation: t(`organisation.${org}`),
                            count: list.length,
                            atZero: list.filter((o) => o.active && atZero(o)).length,
                          })}
                        </th>
                      </tr>
                    )}
                    {list.map((officer) => (
                      <OfficerLine
                        key={officer.code}
                        officer={officer}
                        schemes={schemes}
                        selected={selected.has(officer.code)}
                        onSelect={(on) =>
                          setSelected((before) => {
                            const next = new Set(before);
                            if (on) next.add(officer.code);
                            else next.delete(officer.code);
                            return next;
                          })
                        }
                        onChanged={() => void load()}
                      />
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          )}
          <TokensRegister key={loads} unitCode={loaded.unitCode} />
        </>
      )}
    </section>
  );
}

function OfficerLine({
  officer,
  schemes,
  selected,
  onSelect,
  onChanged,
}: {
  officer: Officer;
  schemes: readonly string[];
  selected: boolean;
  onSelect: (on: boolean) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const formId = useId();
  const [revoking, setRevoking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [issuing, setIssuing] = useState(false);
  const [days, setDays] = useState('30');
  const [revoked, revoke] = useMutation(RevokeToken);
  const [issued, issue] = useMutation(IssueToken);
  const live = officer.tokens.filter(isLive);
  const zero = officer.active && atZero(officer);
  const issueErrors = errorsByField(issued.data?.issueToken.userErrors ?? [], ['days']);
  const token = issued.data?.issueToken.issued;

  const confirmRevoke = async (tokenId: string) => {
    if (!reason.trim()) return;
    const result = await revoke({ tokenId, reason: reason.trim() });
    if (result.data?.revokeToken) {
      setRevoking(null);
      setReason('');
      onChanged();
    }
  };

  const confirmIssue = async (event: FormEvent) => {
    event.preventDefault();
    const result = await issue({
      role: 'FIELD_AGENT',
      officerCode: officer.code,
      days: days.trim() === '' ? null : Number(days),
    });
    if (result.data?.issueToken.issued) onChanged();
  };

  return (
    <tr data-officer-code={officer.code} data-at-zero={zero} data-active={officer.active}>
      <td className="select">
        <input
          type="checkbox"
          aria-label={t('officers.selectOne', { name: officer.name })}
          checked={selected}
          disabled={!officer.active}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </td>
      <th scope="row">
        <span className="officer-name">{officer.name}</span> <span className="muted">({officer.code})</span>
        <br />
        <span className="muted">{t(`organisation.${officer.organisation}`)}</span>
        {!officer.active && <span className="badge inactive">{t('officers.inactive')}</span>}
        {zero && <span className="badge zero">{t('officers.atZero')}</span>}
      </th>
      <td data-label={t('officers.unit')}>
        {officer.unit.name} <span className="muted">({officer.unit.code})</span>
      </td>
      {schemes.map((scheme) => {
        const progress = officer.progress.find((p) => p.scheme === scheme);
        return (
          <td
            key={scheme}
            className="number"
            data-label={tApp(`scheme.${scheme}` as never)}
            data-scheme={scheme}
            data-met={progress?.met ?? false}
          >
            {progress
              ? progress.quota > 0
                ? t('officers.ofQuota', {
                    counted: formatNumber(progress.counted, language),
                    quota: formatNumber(progress.quota, language),
                  })
                : formatNumber(progress.counted, language)
              : '–'}
            {progress && progress.renewed > 0 && (
              <span className="officer-renewed muted" data-renewed={progress.renewed}>
                {t('officers.renewed', { renewed: formatNumber(progress.renewed, language) })}
              </span>
            )}
          </td>
        );
      })}
      <td className="officer-tokens" data-label={t('officers.tokens')}>
        {live.length === 0 && <span className="muted">{t('officers.noToken')}</span>}
        <ul>
          {live.map((liveToken) => (
            <li key={liveToken.id} data-token-id={liveToken.id}>
              {t('officers.tokenUntil', { when: formatDateTime(liveToken.expiresAt, language) })}{' '}
              {revoking === liveToken.id ? (
                <span className="inline-confirm">
                  <label htmlFor={`${formId}-reason`}>{t('tokens.reason')}</label>
                  <input
                    id={`${formId}-reason`}
                    value={reason}
                    placeholder={t('tokens.reasonExample')}
                    onChange={(event) => setReason(event.target.value)}
                  />
                  <button
                    type="button"
                    className="danger"
                    disabled={revoked.fetching || !reason.trim()}
                    onClick={() => void confirmRevoke(liveToken.id)}
                  >
                    {t('tokens.confirmRevoke')}
                  </button>
                  <button type="button" onClick={() => setRevoking(null)}>
                    {t('enrolments.cancel')}
                  </button>
                </span>
              ) : (
                <button type="button" className="danger" onClick={() => setRevoking(liveToken.id)}>
                  {t('tokens.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {revoked.error && (
          <p role="alert" className="error">
            {errorMessage(revoked.error, tApp, language)}
          </p>
        )}
        {officer.active &&
          (issuing ? (
            <form className="inline-confirm" onSubmit={(event) => void confirmIssue(event)}>
              <label htmlFor={`${formId}-days`}>{t('tokens.days')}</label>
              <input
                id={`${formId}-days`}
                type="number"
                inputMode="numeric"
                value={days}
                aria-invalid={issueErrors.has('days') || undefined}
                onChange={(event) => setDays(event.target.value)}
              />
              <button type="submit" className="primary" disabled={issued.fetching}>
                {t('tokens.issue')}
              </button>
              <button type="button" onClick={() => setIssuing(false)}>
                {t('enrolments.cancel')}
              </button>
              {[...issueErrors.values()].flat().map((message) => (
                <span role="alert" className="error" key={message}>
                  {message}
                </span>
              ))}
              {issued.error && (
                <span role="alert" className="error">
                  {errorMessage(issued.error, tApp, language)}
                </span>
              )}
            </form>
          ) : (
            <button type="button" onClick={() => setIssuing(true)}>
              {t('tokens.issueFor')}
            </button>
          ))}
        {token && (
          <p role="status" className="notice issued-token">
            {t('tokens.issued', { when: formatDateTime(token.expiresAt, language) })}
            <SignInUrl url={token.signInUrl} />
          </p>
        )}
      </td>
    </tr>
  );
}
