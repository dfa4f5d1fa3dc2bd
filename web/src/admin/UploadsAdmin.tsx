import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../graphql.ts';
import { formatDay, formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { SCHEMES } from './CampaignsAdmin.tsx';
import { ListUpload } from './ListUpload.tsx';
import {
  type Outcome,
  outcomeOfPayload,
  readSheetOrNull,
  SheetPicker,
  UploadOutcome,
  UploadPayload,
} from './UploadOutcome.tsx';
import { type CheckedRow, checkRows, type UploadKind, valueKey } from './uploads/checkRows.ts';

const UploadCampaignsQuery = graphql(`
  query UploadCampaigns {
    campaigns {
      id
      name
      schemes
      startsOn
      endsOn
      state
    }
  }
`);

const SubtreeQuery = graphql(`
  query UploadSubtree($unitCode: String!) {
    subtreeUnits(unitCode: $unitCode) {
      code
      name
    }
    unit(code: $unitCode) {
      code
      children {
        code
        name
      }
    }
  }
`);

const CurrentTargetsQuery = graphql(`
  query CurrentTargets($campaignId: ID!, $unitCode: String!) {
    campaignTargets(campaignId: $campaignId, unitCode: $unitCode) {
      unitCode
      scheme
      target
    }
  }
`);

const CurrentDailyGoalsQuery = graphql(`
  query CurrentDailyGoals($campaignId: ID!, $unitCode: String!) {
    campaignDailyGoals(campaignId: $campaignId, unitCode: $unitCode) {
      unitCode
      scheme
      day
      goal
    }
  }
`);

const SetTargets = graphql(
  `
  mutation UploadTargets($campaignId: ID!, $rows: [TargetRowInput!]!) {
    setTargets(campaignId: $campaignId, rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

const SetDailyGoals = graphql(
  `
  mutation UploadDailyGoals($campaignId: ID!, $rows: [DailyGoalRowInput!]!) {
    setDailyGoals(campaignId: $campaignId, rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

type GoalOutcome = Outcome | { state: 'ready'; file: string; changed: Change[]; same: number; blank: number };

interface Change {
  row: CheckedRow;
  before: number | null;
}

const KINDS = [
  'targets',
  'dailyGoals',
  'officers',
  'quotas',
  'plans',
  'populations',
  'participantCounts',
] as const satisfies readonly UploadKind[];

/**
 * Targets and daily goals from the province's own spreadsheet: a template per kind, every row
 * checked in the browser against the uploader's subtree, every bad line shown, and nothing sent
 * until all are right; then the rows that change, in one call. The same file again changes nothing.
 */
export function UploadsAdmin({ scope }: { scope: string }) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const formId = useId();
  const [{ data: campaignsData }] = useQuery({ query: UploadCampaignsQuery });
  const [{ data: subtree }] = useQuery({ query: SubtreeQuery, variables: { unitCode: scope } });
  const campaigns = (campaignsData?.campaigns ?? []).filter((campaign) => campaign.state !== 'CLOSED');
  const [campaignId, setCampaignId] = useState<string>('');
  const [kind, setKind] = useState<UploadKind>('targets');
  const goal = kind === 'targets' || kind === 'dailyGoals';
  const [outcome, setOutcome] = useState<GoalOutcome | null>(null);
  const [, setTargets] = useMutation(SetTargets);
  const [, setDailyGoals] = useMutation(SetDailyGoals);
  const [applying, setApplying] = useState(false);
  const campaign = campaigns.find((c) => c.id === campaignId) ?? campaigns[0];

  const schemeLabels = Object.fromEntries(
    SCHEMES.map((scheme) => [
      scheme,
      [tApp(`scheme.${scheme}`, { lng: 'vi' }), tApp(`scheme.${scheme}`, { lng: 'en' })],
    ]),
  );

  const current = async (): Promise<Map<string, number> | null> => {
    if (!campaign) return null;
    const variables = { campaignId: campaign.id, unitCode: scope };
    if (kind === 'targets') {
      const result = await client.query(CurrentTargetsQuery, variables, { requestPolicy: 'network-only' });
      if (!result.data) return null;
      return new Map(result.data.campaignTargets.map((row) => [valueKey(row), row.target]));
    }
    const result = await client.query(CurrentDailyGoalsQuery, variables, { requestPolicy: 'network-only' });
    if (!result.data) return null;
    return new Map(result.data.campaignDailyGoals.map((row) => [valueKey(row), row.goal]));
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || !campaign || !subtree) return;
    setOutcome({ state: 'reading' });
    const table = await readSheetOrNull(file);
    if (!table) {
      setOutcome({ state: 'unreadable', file: file.name });
      return;
    }
    if (!goal) return;
    const checked = checkRows(
      kind,
      table,
      {
        units: subtree.subtreeUnits,
        schemes: campaign.schemes,
        startsOn: campaign.startsOn,
        endsOn: campaign.endsOn,
        schemeLabels,
      },
      t,
      language,
    );
    if (checked.problems.length) {
      setOutcome({ state: 'problems', file: file.name, problems: checked.problems, fromServer: false });
      return;
    }
    if (checked.rows.length === 0) {
      setOutcome({ state: 'empty', file: file.name });
      return;
    }
    const now = await current();
    if (!now) {
      setOutcome({ state: 'unreadable', file: file.name });
      return;
    }
    const changed = checked.rows
      .map((row) => ({ row, before: now.get(valueKey(row)) ?? null }))
      .filter((change) => change.before !== change.row.value);
    if (changed.length === 0) {
      setOutcome({ state: 'unchanged', file: file.name });
      return;
    }
    setOutcome({
      state: 'ready',
      file: file.name,
      changed,
      same: checked.rows.length - changed.length,
      blank: checked.blank,
    });
  };

  const apply = async (ready: Extract<GoalOutcome, { state: 'ready' }>) => {
    if (!campaign) return;
    setApplying(true);
    const sent = ready.changed.map((change) => change.row);
    const result =
      kind === 'targets'
        ? await setTargets({
            campaignId: campaign.id,
            rows: sent.map((row) => ({
              unitCode: row.unitCode,
              scheme: row.scheme as never,
              target: row.value,
            })),
          })
        : await setDailyGoals({
            campaignId: campaign.id,
            rows: sent.map((row) => ({
              unitCode: row.unitCode,
              scheme: row.scheme as never,
              day: row.day ?? '',
              goal: row.value,
            })),
          });
    setApplying(false);
    const answer =
      result.data && ('setTargets' in result.data ? result.data.setTargets : result.data.setDailyGoals);
    setOutcome(outcomeOfPayload(answer as never, result.error, ready.file, sent, tApp, language));
  };

  const template = async (format: 'xlsx' | 'csv') => {
    if (!campaign || !subtree?.unit) return;
    const { download, templateCsv, templateXlsx } = await import('./uploads/spreadsheet.ts');
    const now = (await current()) ?? new Map<string, number>();
    const day = new Date(`${campaign.startsOn}T00:00:00Z`);
    const rows = subtree.unit.children.flatMap((unit) =>
      campaign.schemes.map((scheme) => {
        const label = tApp(`scheme.${scheme}`, { lng: 'vi' });
        return kind === 'targets'
          ? [unit.code, unit.name, label, now.get(valueKey({ unitCode: unit.code, scheme })) ?? null]
          : [
              unit.code,
              unit.name,
              label,
              day,
              now.get(valueKey({ unitCode: unit.code, scheme, day: campaign.startsOn })) ?? null,
            ];
      }),
    );
    const name = `${kind === 'targets' ? 'chi-tieu' : 'chi-tieu-ngay'}-${campaign.id}-${scope}.${format}`;
    download(format === 'xlsx' ? await templateXlsx(kind, rows) : await templateCsv(kind, rows), name);
  };

  return (
    <section aria-labelledby="admin-uploads-heading" className="admin-section">
      <h2 id="admin-uploads-heading">{t('uploads.title')}</h2>
      <p className="muted">{t('uploads.intro')}</p>
      <div className="admin-form upload-form">
        <fieldset>
          <legend>{t('uploads.kind')}</legend>
          {KINDS.map((value) => (
            <label key={value} className="check">
              <input
                type="radio"
                name="upload-kind"
                value={value}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  setOutcome(null);
                }}
              />
              {t(`uploads.${value}`)}
            </label>
          ))}
        </fieldset>
        {(goal || kind === 'quotas') && (
          <>
            <label htmlFor={`${formId}-campaign`}>{t('uploads.campaign')}</label>
            <select
              id={`${formId}-campaign`}
              value={campaign?.id ?? ''}
              onChange={(e) => {
                setCampaignId(e.target.value);
                setOutcome(null);
              }}
            >
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </>
        )}
        {goal && (
          <SheetPicker
            disabled={!campaign || !subtree}
            onTemplate={(format) => void template(format)}
            onFile={(event) => void onFile(event)}
          />
        )}
      </div>
      {goal && outcome && (
        <GoalOutcome
          outcome={outcome}
          applying={applying}
          kind={kind}
          onApply={(ready) => void apply(ready)}
          language={language}
          unitNames={new Map(subtree?.subtreeUnits.map((unit) => [unit.code, unit.name]))}
        />
      )}
      {!goal && (
        <ListUpload
          key={`${kind}:${campaign?.id ?? ''}`}
          kind={kind}
          scope={scope}
          campaign={campaign}
          units={subtree?.subtreeUnits}
          childUnits={subtree?.unit?.children ?? []}
        />
      )}
    </section>
  );
}

function GoalOutcome({
  outcome,
  applying,
  kind,
  onApply,
  language,
  unitNames,
}: {
  unitNames: ReadonlyMap<string, string>;
  outcome: GoalOutcome;
  applying: boolean;
  kind: UploadKind;
  onApply: (ready: Extract<GoalOutcome, { state: 'ready' }>) => void;
  language: 'vi' | 'en';
}) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  if (outcome.state !== 'ready') return <UploadOutcome outcome={outcome} />;
  switch (outcome.state) {
    case 'ready':
      return (
        <div className="notice" data-upload="ready">
          <p role="status">
            {t('uploads.changes', {
              name: outcome.file,
              changed: outcome.changed.length,
              same: outcome.same,
              blank: outcome.blank,
            })}
          </p>
          <div className="table-scroll">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('uploads.line')}</th>
                  <th scope="col">{tApp('board.unit')}</th>
                  <th scope="col">{t('enrolments.scheme')}</th>
                  {kind === 'dailyGoals' && <th scope="col">{t('uploads.day')}</th>}
                  <th scope="col" className="number">
                    {t('uploads.before')}
                  </th>
                  <th scope="col" className="number">
                    {t('uploads.after')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {outcome.changed.slice(0, 200).map(({ row, before }) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td>
                      {unitNames.get(row.unitCode) ?? row.unitCode}{' '}
                      <span className="muted">({row.unitCode})</span>
                    </td>
                    <td>{tApp(`scheme.${row.scheme as 'VOLUNTARY_SI'}`)}</td>
                    {kind === 'dailyGoals' && <td>{row.day ? formatDay(row.day, language) : ''}</td>}
                    <td className="number">{before === null ? '–' : formatNumber(before, language)}</td>
                    <td className="number">{formatNumber(row.value, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="button" className="primary" disabled={applying} onClick={() => onApply(outcome)}>
              {applying ? t('uploads.applying') : t('uploads.apply', { count: outcome.changed.length })}
            </button>
          </p>
        </div>
      );
  }
}
