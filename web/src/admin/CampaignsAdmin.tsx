import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../errorMessage.ts';
import { graphql, type ResultOf, readFragment } from '../graphql.ts';
import { formatDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { errorsByField, type UserError } from './fieldErrors.ts';

export const SCHEMES = [
  'VOLUNTARY_SI',
  'HOUSEHOLD_HI',
  'COMPULSORY_SI',
  'UNEMPLOYMENT',
  'STUDENT_HI',
  'NEAR_POOR_HI',
] as const;
type Scheme = (typeof SCHEMES)[number];

const CampaignFields = graphql(`
  fragment AdminCampaign on Campaign {
    id
    name
    kind
    startsOn
    endsOn
    schemes
    state
    graceDays
    closedAt
    unit {
      code
      name
    }
  }
`);

export const AdminCampaignsQuery = graphql(
  `
  query AdminCampaigns {
    campaigns {
      ...AdminCampaign
    }
  }
`,
  [CampaignFields],
);

const CampaignPayloadFields = graphql(
  `
  fragment AdminCampaignPayload on CampaignPayload {
    campaign {
      ...AdminCampaign
    }
    userErrors {
      field
      message
      code
    }
  }
`,
  [CampaignFields],
);

const CreateCampaign = graphql(
  `
  mutation AdminCreateCampaign($input: CampaignInput!) {
    createCampaign(input: $input) {
      ...AdminCampaignPayload
    }
  }
`,
  [CampaignPayloadFields],
);

const UpdateCampaign = graphql(
  `
  mutation AdminUpdateCampaign($id: ID!, $input: CampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      ...AdminCampaignPayload
    }
  }
`,
  [CampaignPayloadFields],
);

const CloseCampaign = graphql(
  `
  mutation AdminCloseCampaign($id: ID!) {
    closeCampaign(id: $id) {
      ...AdminCampaignPayload
    }
  }
`,
  [CampaignPayloadFields],
);

type Campaign = ResultOf<typeof CampaignFields>;
const FIELDS = ['id', 'name', 'kind', 'startsOn', 'endsOn', 'schemes', 'unitCode', 'graceDays'];

/** Campaigns: the list, a form to create one or edit one, and closing with a confirmation. */
export function CampaignsAdmin({ scope }: { scope: string }) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const [{ data, error }, refetch] = useQuery({ query: AdminCampaignsQuery });
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const [closing, setClosing] = useState<Campaign | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [closeErrors, setCloseErrors] = useState<string[]>([]);
  const [, close] = useMutation(CloseCampaign);
  const campaigns = (data?.campaigns ?? []) as unknown as Campaign[];

  const confirmClose = async (campaign: Campaign) => {
    const result = await close({ id: campaign.id });
    const payload = result.data ? readFragment(CampaignPayloadFields, result.data.closeCampaign) : null;
    if (!payload) {
      setCloseErrors([errorMessage(result.error, tApp, language)]);
      return;
    }
    if (payload.userErrors.length) {
      setCloseErrors(payload.userErrors.map((e) => e.message));
      return;
    }
    setClosing(null);
    setCloseErrors([]);
    setNotice(t('campaigns.closed', { name: campaign.name }));
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <section aria-labelledby="admin-campaigns-heading" className="admin-section">
      <div className="admin-heading">
        <h2 id="admin-campaigns-heading">{t('campaigns.title')}</h2>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('campaigns.create')}
        </button>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {editing && (
        <CampaignForm
          campaign={editing === 'new' ? null : editing}
          scope={scope}
          onDone={(name, created) => {
            setEditing(null);
            setNotice(t(created ? 'campaigns.created' : 'campaigns.saved', { name }));
            refetch({ requestPolicy: 'network-only' });
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {error && !data && <p role="alert">{errorMessage(error, tApp, language)}</p>}
      {!data && !error && <p role="status">{tApp('common.loading')}</p>}
      {data && campaigns.length === 0 && <p>{t('campaigns.none')}</p>}
      {campaigns.length > 0 && (
        <ul className="admin-cards">
          {campaigns.map((campaign) => (
            <li key={campaign.id} data-campaign-id={campaign.id}>
              <h3>
                <Link
                  to={`/board/${encodeURIComponent(campaign.id)}/${encodeURIComponent(campaign.unit.code)}`}
                >
                  {campaign.name}
                </Link>
              </h3>
              <p>
                <span className={`state state-${campaign.state}`}>{t(`state.${campaign.state}`)}</span>{' '}
                {t(`kind.${campaign.kind}`)} ·{' '}
                {t('campaigns.days', {
                  from: formatDay(campaign.startsOn, language),
                  to: formatDay(campaign.endsOn, language),
                })}{' '}
                · {campaign.unit.name}
              </p>
              <p className="muted">{campaign.schemes.map((s) => tApp(`scheme.${s}`)).join(', ')}</p>
              {campaign.state !== 'CLOSED' && (
                <p className="row-actions">
                  <button type="button" onClick={() => setEditing(campaign)}>
                    {t('campaigns.edit')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      setCloseErrors([]);
                      setClosing(campaign);
                    }}
                  >
                    {t('campaigns.close')}
                  </button>
                </p>
              )}
              {closing?.id === campaign.id && (
                <div role="alertdialog" aria-labelledby={`close-${campaign.id}`} className="confirm">
                  <p id={`close-${campaign.id}`}>{t('campaigns.confirmClose', { name: campaign.name })}</p>
                  {closeErrors.map((message) => (
                    <p key={message} role="alert" className="error">
                      {message}
                    </p>
                  ))}
                  <p className="row-actions">
                    <button type="button" className="danger" onClick={() => void confirmClose(campaign)}>
                      {t('campaigns.confirmCloseButton', { name: campaign.name })}
                    </button>
                    <button type="button" onClick={() => setClosing(null)}>
                      {t('campaigns.cancel')}
                    </button>
                  </p>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CampaignForm({
  campaign,
  scope,
  onDone,
  onCancel,
}: {
  campaign: Campaign | null;
  scope: string;
  onDone: (name: string, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const formId = useId();
  const [name, setName] = useState(campaign?.name ?? '');
  const [id, setId] = useState('');
  const [kind, setKind] = useState<'CAMPAIGN_MONTH' | 'DRIVE' | 'STANDING'>(campaign?.kind ?? 'DRIVE');
  const [startsOn, setStartsOn] = useState(campaign?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(campaign?.endsOn ?? '');
  const [schemes, setSchemes] = useState<Scheme[]>(
    (campaign?.schemes as Scheme[] | undefined) ?? ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
  );
  const [unitCode, setUnitCode] = useState(scope);
  const [graceDays, setGraceDays] = useState(String(campaign?.graceDays ?? 7));
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [{ fetching: creating }, create] = useMutation(CreateCampaign);
  const [{ fetching: updating }, update] = useMutation(UpdateCampaign);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name,
      kind,
      startsOn: startsOn || null,
      endsOn: endsOn || null,
      schemes,
      graceDays: graceDays.trim() === '' ? null : Number(graceDays),
      ...(campaign ? {} : { unitCode: unitCode.trim() || null, id: id.trim() || null }),
    };
    const result = campaign ? await update({ id: campaign.id, input }) : await create({ input });
    const answer =
      result.data &&
      ('updateCampaign' in result.data ? result.data.updateCampaign : result.data.createCampaign);
    const payload = answer ? readFragment(CampaignPayloadFields, answer) : null;
    if (!payload) {
      setErrors(new Map([['', [errorMessage(result.error, tApp, language)]]]));
      return;
    }
    if (payload.userErrors.length) {
      setErrors(errorsByField(payload.userErrors as UserError[], FIELDS));
      return;
    }
    onDone(name, !campaign);
  };

  const field = (key: string) => {
    const messages = errors.get(key);
    return {
      id: `${formId}-${key}`,
      'aria-invalid': messages ? true : undefined,
      'aria-describedby': messages ? `${formId}-${key}-error` : undefined,
    };
  };
  const fieldError = (key: string) => {
    const messages = errors.get(key);
    return messages ? (
      <span className="field-error" id={`${formId}-${key}-error`}>
        {messages.join(' ')}
      </span>
    ) : null;
  };

  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{campaign ? campaign.name : t('campaigns.create')}</h3>
      {errors.size > 0 && (
        <div role="alert" className="error">
          <p>{t('campaigns.formError')}</p>
          {errors.get('')?.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <label htmlFor={`${formId}-name`}>{t('campaigns.name')}</label>
      <input {...field('name')} name="name" value={name} onChange={(e) => setName(e.target.value)} />
      {fieldError('name')}
      {!campaign && (
        <>
          <label htmlFor={`${formId}-id`}>{t('campaigns.id')}</label>
          <input {...field('id')} name="id" value={id} onChange={(e) => setId(e.target.value)} />
          {fieldError('id')}
          <label htmlFor={`${formId}-unitCode`}>{t('campaigns.unitCode')}</label>
          <input
            {...field('unitCode')}
            name="unitCode"
            value={unitCode}
            onChange={(e) => setUnitCode(e.target.value)}
          />
          {fieldError('unitCode')}
        </>
      )}
      <label htmlFor={`${formId}-kind`}>{t('campaigns.kind')}</label>
      <select
        {...field('kind')}
        name="kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
      >
        <option value="DRIVE">{t('kind.DRIVE')}</option>
        <option value="CAMPAIGN_MONTH">{t('kind.CAMPAIGN_MONTH')}</option>
        <option value="STANDING">{t('kind.STANDING')}</option>
      </select>
      {fieldError('kind')}
      <div className="form-pair">
        <div>
          <label htmlFor={`${formId}-startsOn`}>{t('campaigns.startsOn')}</label>
          <input
            {...field('startsOn')}
            type="date"
            name="startsOn"
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
          />
          {fieldError('startsOn')}
        </div>
        <div>
          <label htmlFor={`${formId}-endsOn`}>{t('campaigns.endsOn')}</label>
          <input
            {...field('endsOn')}
            type="date"
            name="endsOn"
            value={endsOn}
            onChange={(e) => setEndsOn(e.target.value)}
          />
          {fieldError('endsOn')}
        </div>
      </div>
      <fieldset {...field('schemes')}>
        <legend>{t('campaigns.schemes')}</legend>
        {SCHEMES.map((scheme) => (
          <label key={scheme} className="check">
            <input
              type="checkbox"
              name="schemes"
              value={scheme}
              checked={schemes.includes(scheme)}
              onChange={(e) =>
                setSchemes((now) => (e.target.checked ? [...now, scheme] : now.filter((s) => s !== scheme)))
              }
            />
            {tApp(`scheme.${scheme}`)}
          </label>
        ))}
      </fieldset>
      {fieldError('schemes')}
      <label htmlFor={`${formId}-graceDays`}>{t('campaigns.graceDays')}</label>
      <input
        {...field('graceDays')}
        name="graceDays"
        inputMode="numeric"
        value={graceDays}
        onChange={(e) => setGraceDays(e.target.value)}
      />
      {fieldError('graceDays')}
      <p className="row-actions">
        <button type="submit" className="primary" disabled={creating || updating}>
          {t('campaigns.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('campaigns.cancel')}
        </button>
      </p>
    </form>
  );
}
