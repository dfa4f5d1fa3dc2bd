import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../errorMessage.ts';
import { graphql } from '../graphql.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { errorsByField } from './fieldErrors.ts';
import { IssueToken, RevokeToken } from './officers/tokenMutations.ts';

const TokensQuery = graphql(`
  query TokensRegister($unitCode: String!) {
    tokens(unitCode: $unitCode, first: 100) {
      edges {
        node {
          id
          subject
          role
          issuedAt
          expiresAt
          revoked
          revokedAt
          unit {
            code
          }
        }
      }
    }
  }
`);

const ROLES = ['FIELD_AGENT', 'PARTNER', 'COMMAND_CENTER'] as const;
const FIELDS = ['role', 'unitCode', 'officerCode', 'days'];

/** The sign-in address of a token just issued, shown once, to copy and send to its holder. */
export function SignInUrl({ url }: { url: string }) {
  const { t } = useTranslation('admin');
  const id = useId();
  return (
    <span className="sign-in-url">
      <label htmlFor={id}>{t('tokens.signInUrl')}</label>
      <input id={id} readOnly value={url} onFocus={(event) => event.target.select()} />
    </span>
  );
}

/**
 * The register of what the app issued in a subtree (tokens): who holds each, its role, unit and
 * expiry, revoked or not, with revocation; and a token issued for a screen, a partner or an
 * officer (issueToken: 30 days unless said, at most 366), its userErrors beside their fields.
 */
export function TokensRegister({ unitCode }: { unitCode: string }) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const formId = useId();
  const [{ data, error }, refetch] = useQuery({
    query: TokensQuery,
    variables: { unitCode },
    requestPolicy: 'cache-and-network',
  });
  const [issued, issue] = useMutation(IssueToken);
  const [revoked, revoke] = useMutation(RevokeToken);
  const [role, setRole] = useState<(typeof ROLES)[number]>('PARTNER');
  const [unit, setUnit] = useState(unitCode);
  const [officerCode, setOfficerCode] = useState('');
  const [days, setDays] = useState('30');
  const [reason, setReason] = useState('');
  const errors = errorsByField(issued.data?.issueToken.userErrors ?? [], FIELDS);
  const token = issued.data?.issueToken.issued;
  const invalid = (field: string) => errors.has(field) || undefined;
  const said = (field: string) =>
    (errors.get(field) ?? []).map((message) => (
      <span role="alert" className="field-error" key={message}>
        {message}
      </span>
    ));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await issue({
      role,
      unitCode: unit.trim() || null,
      officerCode: role === 'FIELD_AGENT' && officerCode.trim() ? officerCode.trim() : null,
      days: days.trim() === '' ? null : Number(days),
    });
    if (result.data?.issueToken.issued) refetch({ requestPolicy: 'network-only' });
  };

  const revokeOne = async (tokenId: string) => {
    const result = await revoke({ tokenId, reason: reason.trim() || t('tokens.reasonExample') });
    if (result.data) refetch({ requestPolicy: 'network-only' });
  };

  const rows = data?.tokens.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby={`${formId}-heading`} className="tokens-register">
      <h3 id={`${formId}-heading`}>{t('tokens.title')}</h3>
      <form className="admin-form token-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${formId}-role`}>{t('tokens.role')}</label>
        <select
          id={`${formId}-role`}
          value={role}
          onChange={(event) => setRole(event.target.value as (typeof ROLES)[number])}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${formId}-unit`}>{t('tokens.unitCode')}</label>
        <input
          id={`${formId}-unit`}
          value={unit}
          aria-invalid={invalid('unitCode')}
          onChange={(event) => setUnit(event.target.value)}
        />
        {said('unitCode')}
        {role === 'FIELD_AGENT' && (
          <>
            <label htmlFor={`${formId}-officer`}>{t('tokens.officerCode')}</label>
            <input
              id={`${formId}-officer`}
              value={officerCode}
              aria-invalid={invalid('officerCode')}
              onChange={(event) => setOfficerCode(event.target.value)}
            />
            {said('officerCode')}
          </>
        )}
        <label htmlFor={`${formId}-days`}>{t('tokens.days')}</label>
        <input
          id={`${formId}-days`}
          type="number"
          inputMode="numeric"
          value={days}
          aria-invalid={invalid('days')}
          onChange={(event) => setDays(event.target.value)}
        />
        {said('days')}
        {said('role')}
        {said('')}
        {issued.error && (
          <p role="alert" className="error">
            {errorMessage(issued.error, tApp, language)}
          </p>
        )}
        <p className="row-actions">
          <button type="submit" className="primary" disabled={issued.fetching}>
            {t('tokens.issue')}
          </button>
        </p>
      </form>
      {token && (
        <p role="status" className="notice issued-token">
          {t('tokens.issued', { when: formatDateTime(token.expiresAt, language) })}
          <SignInUrl url={token.signInUrl} />
        </p>
      )}
      {error && !data && (
        <p role="alert" className="error">
          {errorMessage(error, tApp, language)}
        </p>
      )}
      {revoked.error && (
        <p role="alert" className="error">
          {errorMessage(revoked.error, tApp, language)}
        </p>
      )}
      {rows.length > 0 && (
        <>
          <label htmlFor={`${formId}-reason`}>{t('tokens.reason')}</label>
          <input
            id={`${formId}-reason`}
            value={reason}
            placeholder={t('tokens.reasonExample')}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="table-scroll">
            <table className="admin-table tokens">
              <caption>{t('tokens.caption', { unit: unitCode })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('tokens.subject')}</th>
                  <th scope="col">{t('tokens.role')}</th>
                  <th scope="col">{t('tokens.unitCode')}</th>
                  <th scope="col">{t('tokens.issuedAt')}</th>
                  <th scope="col">{t('tokens.expiresAt')}</th>
                  <th scope="col">{t('enrolments.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const expired = new Date(row.expiresAt) <= new Date();
                  return (
                    <tr key={row.id} data-token-id={row.id} data-revoked={row.revoked}>
                      <td className="person">{row.subject}</td>
                      <td data-label={t('tokens.role')}>{t(`role.${row.role}`)}</td>
                      <td data-label={t('tokens.unitCode')}>{row.unit?.code ?? '–'}</td>
                      <td data-label={t('tokens.issuedAt')}>{formatDateTime(row.issuedAt, language)}</td>
                      <td data-label={t('tokens.expiresAt')}>{formatDateTime(row.expiresAt, language)}</td>
                      <td data-label={t('enrolments.status')}>
                        {row.revoked ? (
                          t('tokens.revoked', {
                            when: row.revokedAt ? formatDateTime(row.revokedAt, language) : '',
                          })
                        ) : expired ? (
                          t('tokens.expired')
                        ) : (
                          <button
                            type="button"
                            className="danger"
                            disabled={revoked.fetching}
                            onClick={() => void revokeOne(row.id)}
                          >
                            {t('tokens.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
