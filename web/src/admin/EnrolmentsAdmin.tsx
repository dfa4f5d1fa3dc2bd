import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../errorMessage.ts';
import { graphql } from '../graphql.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

const EnrolmentCampaignsQuery = graphql(`
  query EnrolmentCampaigns {
    campaigns {
      id
      name
      state
    }
  }
`);

const EnrolmentListQuery = graphql(`
  query AdminEnrolments($campaignId: ID!, $unitCode: String!, $after: String) {
    enrolments(campaignId: $campaignId, unitCode: $unitCode, first: 50, after: $after) {
      edges {
        node {
          id
          scheme
          receivedAt
          fullName
          citizenId
          voided
          voidReason
          unit {
            code
            name
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

const VoidEnrolment = graphql(`
  mutation AdminVoidEnrolment($id: ID!, $reason: String!) {
    voidEnrolment(id: $id, reason: $reason) {
      enrolment {
        id
        voided
        voidReason
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface Shown {
  campaignId: string;
  unitCode: string;
}

/**
 * The enrolment list of a unit, with voiding (reason required). It is personal data, read only
 * when asked for (the server audits every read), and shows only what the list query returns.
 */
export function EnrolmentsAdmin({ scope }: { scope: string }) {
  const { t } = useTranslation('admin');
  const formId = useId();
  const [{ data: campaignsData }] = useQuery({ query: EnrolmentCampaignsQuery });
  const campaigns = campaignsData?.campaigns ?? [];
  const [campaignId, setCampaignId] = useState('');
  const [unitCode, setUnitCode] = useState(scope);
  const [shown, setShown] = useState<Shown | null>(null);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const chosen =
    campaignId || (campaigns.find((campaign) => campaign.state !== 'CLOSED') ?? campaigns[0])?.id || '';

  const show = (event: FormEvent) => {
    event.preventDefault();
    setPages([null]);
    setShown({ campaignId: chosen, unitCode: unitCode.trim() });
  };

  return (
    <section aria-labelledby="admin-enrolments-heading" className="admin-section">
      <h2 id="admin-enrolments-heading">{t('enrolments.title')}</h2>
      <p className="muted">{t('enrolments.intro')}</p>
      <form className="admin-form filters" onSubmit={show}>
        <div className="wide">
          <label htmlFor={`${formId}-campaign`}>{t('enrolments.campaign')}</label>
          <select id={`${formId}-campaign`} value={chosen} onChange={(e) => setCampaignId(e.target.value)}>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${formId}-unit`}>{t('enrolments.unitCode')}</label>
          <input id={`${formId}-unit`} value={unitCode} onChange={(e) => setUnitCode(e.target.value)} />
        </div>
        <div className="filter-submit">
          <button type="submit" className="primary" disabled={!chosen}>
            {t('enrolments.show')}
          </button>
        </div>
      </form>
      {shown &&
        pages.map((after, index) => (
          <EnrolmentPage
            key={after ?? 'first'}
            shown={shown}
            after={after}
            last={index === pages.length - 1}
            onMore={(cursor) => setPages((now) => [...now, cursor])}
          />
        ))}
    </section>
  );
}

function EnrolmentPage({
  shown,
  after,
  last,
  onMore,
}: {
  shown: Shown;
  after: string | null;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const [{ data, error, fetching }] = useQuery({
    query: EnrolmentListQuery,
    variables: { ...shown, after },
    requestPolicy: 'network-only',
  });
  const [voiding, setVoiding] = useState<string | null>(null);
  if (error && !data) return <p role="alert">{errorMessage(error, tApp, language)}</p>;
  if (!data || fetching) return <p role="status">{tApp('common.loading')}</p>;
  const { edges, pageInfo } = data.enrolments;
  if (edges.length === 0 && after === null) return <p>{t('enrolments.none')}</p>;
  return (
    <>
      <div className="table-scroll">
        <table className="admin-table enrolments">
          {after === null && <caption>{t('enrolments.caption', { unit: shown.unitCode })}</caption>}
          <thead>
            <tr>
              <th scope="col">{t('enrolments.receivedAt')}</th>
              <th scope="col">{t('enrolments.fullName')}</th>
              <th scope="col">{t('enrolments.citizenId')}</th>
              <th scope="col">{t('enrolments.scheme')}</th>
              <th scope="col">{t('enrolments.unit')}</th>
              <th scope="col">{t('enrolments.status')}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => (
              <tr key={node.id} data-enrolment-id={node.id} data-voided={node.voided}>
                <td data-label={t('enrolments.receivedAt')}>{formatDateTime(node.receivedAt, language)}</td>
                <td className="person">{node.fullName}</td>
                <td className="number" data-label={t('enrolments.citizenId')}>
                  {node.citizenId}
                </td>
                <td data-label={t('enrolments.scheme')}>{tApp(`scheme.${node.scheme}`)}</td>
                <td data-label={t('enrolments.unit')}>
                  {node.unit.name} <span className="muted">({node.unit.code})</span>
                </td>
                <td>
                  {node.voided ? (
                    <span className="state state-CLOSED">
                      {t('enrolments.voided', { reason: node.voidReason ?? '' })}
                    </span>
                  ) : voiding === node.id ? (
                    <VoidForm id={node.id} name={node.fullName} onDone={() => setVoiding(null)} />
                  ) : (
                    <>
                      <span>{t('enrolments.counted')}</span>{' '}
                      <button type="button" className="danger" onClick={() => setVoiding(node.id)}>
                        {t('enrolments.void')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {last && pageInfo.hasNextPage && pageInfo.endCursor && (
        <p>
          <button type="button" onClick={() => onMore(pageInfo.endCursor as string)}>
            {t('enrolments.more')}
          </button>
        </p>
      )}
    </>
  );
}

function VoidForm({ id, name, onDone }: { id: string; name: string; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const formId = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, voidEnrolment] = useMutation(VoidEnrolment);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(t('enrolments.reasonMissing'));
      return;
    }
    const result = await voidEnrolment({ id, reason });
    const payload = result.data?.voidEnrolment;
    if (!payload) setProblem(errorMessage(result.error, tApp, language));
    else if (payload.userErrors.length) setProblem(payload.userErrors.map((e) => e.message).join(' '));
    else onDone();
  };
  return (
    <form
      className="void-form"
      onSubmit={(event) => void submit(event)}
      aria-label={`${t('enrolments.void')}: ${name}`}
    >
      <label htmlFor={`${formId}-reason`}>{t('enrolments.reason')}</label>
      <textarea
        id={`${formId}-reason`}
        name="reason"
        aria-required
        maxLength={500}
        rows={2}
        value={reason}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${formId}-problem` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setProblem(null);
        }}
      />
      {problem && (
        <span role="alert" className="field-error" id={`${formId}-problem`}>
          {problem}
        </span>
      )}
      <span className="row-actions">
        <button type="submit" className="danger" disabled={fetching}>
          {t('enrolments.confirmVoid')}
        </button>
        <button type="button" onClick={onDone}>
          {t('enrolments.cancel')}
        </button>
      </span>
    </form>
  );
}
