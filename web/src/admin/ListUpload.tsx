import { vnDay } from '@toandan/shared/vnDay';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Client, useClient, useMutation } from 'urql';
import { graphql } from '../graphql.ts';
import { formatNumber, type Language } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { everyPage } from './officers/everyPage.ts';
import { INDICATORS, ORGANISATIONS } from './officers/labels.ts';
import {
  type Outcome,
  outcomeOfPayload,
  readSheetOrNull,
  SheetPicker,
  UploadOutcome,
  UploadPayload,
} from './UploadOutcome.tsx';
import { checkList, type ListKind, type ListRow, type UnitRef } from './uploads/checkRows.ts';

const UploadOfficersQuery = graphql(`
  query UploadOfficers($unitCode: String!, $after: String) {
    officers(unitCode: $unitCode, first: 500, after: $after) {
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
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const UploadQuotasQuery = graphql(`
  query UploadQuotas($unitCode: String!, $after: String, $campaignId: ID!) {
    officers(unitCode: $unitCode, first: 500, after: $after) {
      edges {
        node {
          code
          name
          active
          progress(campaignId: $campaignId) {
            scheme
            quota
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

const RegisterOfficers = graphql(
  `
  mutation UploadOfficerList($rows: [OfficerInput!]!) {
    registerOfficers(rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

const SetOfficerQuotas = graphql(
  `
  mutation UploadOfficerQuotas($campaignId: ID!, $rows: [OfficerQuotaInput!]!) {
    setOfficerQuotas(campaignId: $campaignId, rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

const SetPlans = graphql(
  `
  mutation UploadPlans($year: Int!, $rows: [PlanInput!]!) {
    setPlans(year: $year, rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

const SetPopulations = graphql(
  `
  mutation UploadPopulations($year: Int!, $rows: [PopulationInput!]!) {
    setPopulations(year: $year, rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

const SetParticipantCounts = graphql(
  `
  mutation UploadParticipantCounts($asOf: Date!, $rows: [ParticipantCountInput!]!) {
    setParticipantCounts(asOf: $asOf, rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

const officersOf = (client: Client, unitCode: string) =>
  everyPage(async (after) => {
    const result = await client.query(
      UploadOfficersQuery,
      { unitCode, after },
      { requestPolicy: 'network-only' },
    );
    return result.data?.officers ?? null;
  });

const quotasOf = (client: Client, unitCode: string, campaignId: string) =>
  everyPage(async (after) => {
    const result = await client.query(
      UploadQuotasQuery,
      { unitCode, after, campaignId },
      { requestPolicy: 'network-only' },
    );
    return result.data?.officers ?? null;
  });

interface Campaign {
  id: string;
  schemes: readonly string[];
}

/** How provinces' lists also write an organisation. */
const ORGANISATION_ALIASES: Record<string, readonly string[]> = {
  SOCIAL_SECURITY: ['BHXH', 'Bảo hiểm xã hội'],
  POST_OFFICE: ['Bưu điện', 'Đại lý thu', 'Bưu điện tỉnh'],
  WOMENS_UNION: ['Hội Phụ nữ'],
  EMPLOYMENT_SERVICE_CENTRE: ['Trung tâm DVVL'],
  OTHER: ['Khác'],
};

/** A row of the list and what it replaces: null for a new one, the same row for no change. */
interface ListChange {
  row: ListRow;
  before: string | null;
}

/** What a row says, in the reader's language, to show before and after. */
function describe(kind: ListKind, input: ListRow['input'], t: (key: string) => string, language: Language) {
  const number = (value: unknown) => (typeof value === 'number' ? formatNumber(value, language) : '–');
  switch (kind) {
    case 'officers':
      return `${input.name} · ${input.unitCode} · ${t(`organisation.${input.organisation}`)}${
        input.active === false ? ` · ${t('officers.inactive')}` : ''
      }`;
    case 'quotas':
      return number(input.quota);
    case 'plans':
      return input.coverageTargetPercent == null
        ? number(input.planned)
        : `${number(input.planned)} · ${String(input.coverageTargetPercent).replace('.', language === 'vi' ? ',' : '.')}%`;
    case 'populations':
      return `${number(input.population)} · ${number(input.labourForce)}`;
    case 'participantCounts':
      return number(input.participants);
  }
}

/**
 * Officers, their quotas, and the briefing report's plans, populations and participant counts
 * from the province's own spreadsheet, checked as the targets are (uploads/checkRows.ts): a
 * template per kind, every bad line shown, nothing sent until all are right, then one call. The
 * officers and quotas send only what changes, so the same file again changes nothing; a plan,
 * population or count sent again replaces a row with itself.
 */
export function ListUpload({
  kind,
  scope,
  campaign,
  units,
  childUnits,
}: {
  kind: ListKind;
  scope: string;
  campaign: Campaign | undefined;
  units: readonly UnitRef[] | undefined;
  childUnits: readonly UnitRef[];
}) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const formId = useId();
  const today = vnDay.today();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [asOf, setAsOf] = useState(today);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [ready, setReady] = useState<{
    file: string;
    changed: ListChange[];
    same: number;
    blank: number;
  } | null>(null);
  const [applying, setApplying] = useState(false);
  const [, registerOfficers] = useMutation(RegisterOfficers);
  const [, setOfficerQuotas] = useMutation(SetOfficerQuotas);
  const [, setPlans] = useMutation(SetPlans);
  const [, setPopulations] = useMutation(SetPopulations);
  const [, setParticipantCounts] = useMutation(SetParticipantCounts);
  const needsCampaign = kind === 'quotas';
  const disabled = !units || (needsCampaign && !campaign);

  const both = (key: string) => [tApp(key as never, { lng: 'vi' }), tApp(key as never, { lng: 'en' })];
  const labels = (prefix: string, values: readonly string[], own = false) =>
    Object.fromEntries(
      values.map((value) => [
        value,
        own
          ? [
              t(`${prefix}.${value}` as 'organisation.OTHER', { lng: 'vi' }),
              t(`${prefix}.${value}` as 'organisation.OTHER', { lng: 'en' }),
            ]
          : both(`${prefix}.${value}`),
      ]),
    );
  const schemeLabels = labels('scheme', campaign?.schemes ?? []);
  const indicatorLabels = labels('indicator', INDICATORS);
  const organisationLabels = Object.fromEntries(
    Object.entries(labels('organisation', ORGANISATIONS, true)).map(([value, names]) => [
      value,
      [...names, ...(ORGANISATION_ALIASES[value] ?? [])],
    ]),
  );

  const show = (next: Outcome | null) => {
    setReady(null);
    setOutcome(next);
  };

  /** What the server holds now for the rows' keys, described as a row would be; null when it cannot say. */
  const current = async (): Promise<{ before: Map<string, string>; officerCodes: Set<string> } | null> => {
    if (kind === 'officers') {
      const officers = await officersOf(client, scope);
      if (!officers) return null;
      const before = new Map(
        officers.map((officer) => [
          officer.code,
          describe(
            kind,
            {
              name: officer.name,
              unitCode: officer.unit.code,
              organisation: officer.organisation,
              active: officer.active,
            },
            t as never,
            language,
          ),
        ]),
      );
      return { before, officerCodes: new Set(officers.map((officer) => officer.code)) };
    }
    if (kind === 'quotas') {
      if (!campaign) return null;
      const officers = await quotasOf(client, scope, campaign.id);
      if (!officers) return null;
      const before = new Map(
        officers.flatMap((officer) =>
          officer.progress.map((p) => [
            `${officer.code}:${p.scheme}`,
            describe(kind, { quota: p.quota }, t as never, language),
          ]),
        ),
      );
      return { before, officerCodes: new Set(officers.map((officer) => officer.code)) };
    }
    return { before: new Map(), officerCodes: new Set() };
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || !units) return;
    show({ state: 'reading' });
    const table = await readSheetOrNull(file);
    if (!table) {
      show({ state: 'unreadable', file: file.name });
      return;
    }
    const now = await current();
    if (!now) {
      show({ state: 'unreadable', file: file.name });
      return;
    }
    const checked = checkList(
      kind,
      table,
      {
        units,
        officerCodes: now.officerCodes,
        schemes: campaign?.schemes ?? [],
        schemeLabels,
        indicatorLabels,
        organisationLabels,
      },
      t,
    );
    if (checked.problems.length) {
      show({ state: 'problems', file: file.name, problems: checked.problems, fromServer: false });
      return;
    }
    if (checked.rows.length === 0) {
      show({ state: 'empty', file: file.name });
      return;
    }
    const changed = checked.rows
      .map((row) => {
        const before = now.before.get(row.key) ?? null;
        // A row that leaves `active` out keeps the officer's; compare it as the server would.
        const input =
          kind === 'officers' && row.input.active === undefined && before
            ? { ...row.input, active: !before.endsWith(` · ${t('officers.inactive')}`) }
            : row.input;
        return { row, before, after: describe(kind, input, t as never, language) };
      })
      .filter((change) => change.before !== change.after);
    if (changed.length === 0) {
      show({ state: 'unchanged', file: file.name });
      return;
    }
    setOutcome(null);
    setReady({
      file: file.name,
      changed,
      same: checked.rows.length - changed.length,
      blank: checked.blank,
    });
  };

  const apply = async () => {
    if (!ready) return;
    setApplying(true);
    const sent = ready.changed.map((change) => change.row);
    const rows = sent.map((row) => row.input) as never;
    const result =
      kind === 'officers'
        ? await registerOfficers({ rows })
        : kind === 'quotas'
          ? await setOfficerQuotas({ campaignId: campaign?.id ?? '', rows })
          : kind === 'plans'
            ? await setPlans({ year, rows })
            : kind === 'populations'
              ? await setPopulations({ year, rows })
              : await setParticipantCounts({ asOf, rows });
    setApplying(false);
    const data = result.data as Record<string, unknown> | undefined;
    const answer = data ? Object.values(data)[0] : null;
    show(outcomeOfPayload(answer as never, result.error, ready.file, sent, tApp, language));
  };

  const template = async (format: 'xlsx' | 'csv') => {
    const { download, templateCsv, templateXlsx } = await import('./uploads/spreadsheet.ts');
    const vi = (key: string) => tApp(key as never, { lng: 'vi' });
    let rows: (string | number | null)[][] = [];
    if (kind === 'officers') {
      const officers = (await officersOf(client, scope)) ?? [];
      rows = officers.map((officer) => [
        officer.code,
        officer.name,
        officer.unit.code,
        officer.unit.name,
        t(`organisation.${officer.organisation}`, { lng: 'vi' }),
        officer.active ? 'có' : 'không',
      ]);
    } else if (kind === 'quotas' && campaign) {
      const officers = (await quotasOf(client, scope, campaign.id)) ?? [];
      rows = officers
        .filter((officer) => officer.active)
        .flatMap((officer) =>
          officer.progress.map((p) => [
            officer.code,
            officer.name,
            vi(`scheme.${p.scheme}`),
            p.quota || null,
          ]),
        );
    } else if (kind === 'populations') {
      rows = childUnits.map((unit) => [unit.code, unit.name, null, null]);
    } else {
      rows = childUnits.flatMap((unit) =>
        INDICATORS.map((indicator) =>
          kind === 'plans'
            ? [unit.code, unit.name, vi(`indicator.${indicator}`), null, null]
            : [unit.code, unit.name, vi(`indicator.${indicator}`), null],
        ),
      );
    }
    const names: Record<ListKind, string> = {
      officers: 'danh-sach-can-bo',
      quotas: `chi-tieu-ca-nhan-${campaign?.id ?? ''}`,
      plans: `ke-hoach-giao-${year}`,
      populations: `dan-so-${year}`,
      participantCounts: `so-nguoi-tham-gia-${asOf}`,
    };
    const name = `${names[kind]}-${scope}.${format}`;
    download(format === 'xlsx' ? await templateXlsx(kind, rows) : await templateCsv(kind, rows), name);
  };

  return (
    <>
      <div className="admin-form upload-form">
        {(kind === 'plans' || kind === 'populations') && (
          <>
            <label htmlFor={`${formId}-year`}>{t('uploads.year')}</label>
            <input
              id={`${formId}-year`}
              type="number"
              min={2000}
              max={2100}
              value={year}
              onChange={(event) => {
                setYear(Number(event.target.value));
                show(null);
              }}
            />
          </>
        )}
        {kind === 'participantCounts' && (
          <>
            <label htmlFor={`${formId}-asOf`}>{t('uploads.asOf')}</label>
            <input
              id={`${formId}-asOf`}
              type="date"
              value={asOf}
              max={today}
              onChange={(event) => {
                setAsOf(event.target.value);
                show(null);
              }}
            />
          </>
        )}
        <SheetPicker
          disabled={disabled}
          onTemplate={(format) => void template(format)}
          onFile={(event) => void onFile(event)}
        />
      </div>
      {outcome && <UploadOutcome outcome={outcome} />}
      {ready && (
        <div className="notice" data-upload="ready">
          <p role="status">
            {t(kind === 'officers' || kind === 'quotas' ? 'uploads.changes' : 'uploads.replaces', {
              name: ready.file,
              changed: ready.changed.length,
              same: ready.same,
              blank: ready.blank,
            })}
          </p>
          <div className="table-scroll">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('uploads.line')}</th>
                  <th scope="col">{t('uploads.row')}</th>
                  <th scope="col">{t('uploads.before')}</th>
                  <th scope="col">{t('uploads.after')}</th>
                </tr>
              </thead>
              <tbody>
                {ready.changed.slice(0, 200).map(({ row, before }) => (
                  <tr key={row.line} data-line={row.line}>
                    <td>{row.line}</td>
                    <td>{rowName(kind, row, tApp as never)}</td>
                    <td>{before ?? t('uploads.new')}</td>
                    <td>{describe(kind, row.input, t as never, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="button" className="primary" disabled={applying} onClick={() => void apply()}>
              {applying ? t('uploads.applying') : t('uploads.apply', { count: ready.changed.length })}
            </button>
          </p>
        </div>
      )}
    </>
  );
}

/** Which officer, unit or indicator a row is about. */
function rowName(kind: ListKind, row: ListRow, tApp: (key: string) => string): string {
  const { input } = row;
  switch (kind) {
    case 'officers':
      return String(input.code);
    case 'quotas':
      return `${input.officerCode} · ${tApp(`scheme.${input.scheme}`)}`;
    case 'populations':
      return String(input.unitCode);
    default:
      return `${input.unitCode} · ${tApp(`indicator.${input.indicator}`)}`;
  }
}
