import type { App } from '@toandan/server/app';
import { indicators } from '@toandan/server/participation/indicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLBody, type GraphQLCall, startApp } from './fixtures/app.ts';
import { bearer, commandCenterToken, tokenFor } from './fixtures/tokens.ts';

// The bulk imports of the briefing report (API.md, "Participation"): a whole country in one
// call, all or none, every bad row by its index and field, only the rows sent replaced,
// audited, for the command centre alone, in a body limit of their own.
let app: App;
let base: string;
let graphql: GraphQLCall;
let sql: typeof import('@toandan/db/db').sql;

const INDICATORS = indicators.filter((rule) => rule.imported).map((rule) => rule.code);
/** 34 provinces and their communes, 3,750 units: × 8 indicators, 30,000 rows. */
const PROVINCES = 34;
const UNITS = 3_750;
const codes: string[] = [];

const COUNTS = `mutation ($asOf: Date!, $rows: [ParticipantCountInput!]!) {
  setParticipantCounts(asOf: $asOf, rows: $rows) { applied userErrors { field code message } }
}`;
const PLANS = `mutation ($year: Int!, $rows: [PlanInput!]!) {
  setPlans(year: $year, rows: $rows) { applied userErrors { field code message } }
}`;
const POPULATIONS = `mutation ($year: Int!, $rows: [PopulationInput!]!) {
  setPopulations(year: $year, rows: $rows) { applied userErrors { field code message } }
}`;

beforeAll(async () => {
  ({ app, base, graphql } = await startApp());
  ({ sql } = await import('@toandan/db/db'));
  const [nation] = await sql<{ id: number }>(
    `INSERT INTO "Unit" (code, name, kind, "ancestorIds", depth) VALUES ('VN', 'Việt Nam', 'NATION', '{}', 0) RETURNING id`,
    [],
  );
  const provinceCodes = Array.from({ length: PROVINCES }, (_, p) => String(p + 1).padStart(2, '0'));
  const provinces = await sql<{ id: number; code: string }>(
    `INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
     SELECT c, 'Tỉnh thử ' || c, 'PROVINCE', $2, ARRAY[$2::int], 1, true FROM unnest($1::text[]) AS c RETURNING id, code`,
    [provinceCodes, nation?.id],
  );
  codes.push(...provinceCodes);
  const communes = Array.from({ length: UNITS - PROVINCES }, (_, n) => {
    const province = provinces[n % PROVINCES] as { id: number; code: string };
    return { code: `${province.code}-${String(n).padStart(5, '0')}`, parentId: province.id };
  });
  await sql(
    `INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
     SELECT c, 'Xã thử ' || c, 'COMMUNE', p, ARRAY[$3::int, p], 2, true FROM unnest($1::text[], $2::int[]) AS t(c, p)`,
    [communes.map((c) => c.code), communes.map((c) => c.parentId), nation?.id],
  );
  codes.push(...communes.map((c) => c.code));
}, 180_000);
afterAll(() => app.stop());

/** A whole country's figures of a day: every unit × indicator, 30,000 rows. */
const country = (value: (code: string, indicator: string) => number) =>
  codes.flatMap((unitCode) =>
    INDICATORS.map((indicator) => ({ unitCode, indicator, participants: value(unitCode, indicator) })),
  );

async function send(query: string, variables: Record<string, unknown>, token?: string | null) {
  const { status, body } = await graphql(query, variables, token);
  return { status, body, payload: body.data ? (Object.values(body.data)[0] as Payload) : null };
}
interface Payload {
  applied: number;
  userErrors: { field: string[]; code: string; message: string }[];
}
const stored = async () =>
  (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "ParticipantCount"`, []))[0]?.n;

describe('a whole country in one call', () => {
  it('applies 30,000 rows, over 1 MiB of JSON, in one call', async () => {
    const rows = country((code, indicator) => code.length * 1_000 + indicator.length);
    expect(rows).toHaveLength(30_000);
    expect(JSON.stringify({ query: COUNTS, variables: { asOf: '2026-10-31', rows } }).length).toBeGreaterThan(
      1024 * 1024,
    );
    const { status, body, payload } = await send(COUNTS, { asOf: '2026-10-31', rows });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(payload).toEqual({ applied: 30_000, userErrors: [] });
    expect(await stored()).toBe(30_000);
    const [row] = await sql<{ participants: number }>(
      `SELECT pc.participants FROM "ParticipantCount" pc JOIN "Unit" u ON u.id = pc."unitId"
       WHERE u.code = $1 AND pc.indicator = 'HEALTH' AND pc.day = '2026-10-31'`,
      [codes[100]],
    );
    expect(row?.participants).toBe((codes[100] as string).length * 1_000 + 'HEALTH'.length);
  });

  it('refuses the whole call for one bad row, naming its index and field', async () => {
    const rows = country(() => 7);
    const bad = 17_345;
    rows[bad] = { ...(rows[bad] as (typeof rows)[number]), unitCode: 'KHONG-CO' };
    const { payload } = await send(COUNTS, { asOf: '2026-11-30', rows });
    expect(payload).toEqual({
      applied: 0,
      userErrors: [
        {
          field: ['rows', String(bad), 'unitCode'],
          code: 'NOT_FOUND',
          message: 'Không có đơn vị nào mã "KHONG-CO".',
        },
      ],
    });
    expect(await stored()).toBe(30_000);
  });

  it('reports every bad row, each by its index and field, and stores none of the call', async () => {
    const { payload } = await send(COUNTS, {
      asOf: '2026-11-30',
      rows: [
        { unitCode: '01', indicator: 'HEALTH', participants: 5 },
        { unitCode: '01', indicator: 'HEALTH', participants: 6 },
        { unitCode: '02', indicator: 'SOCIAL_INSURANCE', participants: 5 },
        { unitCode: '03', indicator: 'HEALTH', participants: -1 },
        { unitCode: '04', indicator: 'HEALTH', participants: 200_000_001 },
      ],
    });
    expect(payload?.applied).toBe(0);
    expect(payload?.userErrors.map((error) => [error.field.join('.'), error.code])).toEqual([
      ['rows.1.unitCode', 'INVALID'],
      ['rows.2.indicator', 'INVALID'],
      ['rows.3.participants', 'INVALID'],
      ['rows.4.participants', 'INVALID'],
    ]);
    expect(payload?.userErrors[0]?.message).toBe(
      'Dòng 1 và dòng 2 cùng nhập chỉ tiêu HEALTH của đơn vị 01: mỗi thứ chỉ một dòng.',
    );
    expect(payload?.userErrors[2]?.message).toBe(
      'Số người tham gia phải là số nguyên từ 0 đến 200.000.000; nhận được -1.',
    );
    const future = await send(COUNTS, { asOf: '2999-01-31', rows: [] });
    expect(future.payload?.userErrors[0]).toMatchObject({ field: ['asOf'], code: 'INVALID' });
    expect(await stored()).toBe(30_000);
  });

  it('replaces only the rows sent again', async () => {
    const { payload } = await send(COUNTS, {
      asOf: '2026-10-31',
      rows: [{ unitCode: '05', indicator: 'HEALTH', participants: 123_456 }],
    });
    expect(payload).toEqual({ applied: 1, userErrors: [] });
    const rows = await sql<{ code: string; indicator: string; participants: number }>(
      `SELECT u.code, pc.indicator::text AS indicator, pc.participants FROM "ParticipantCount" pc
       JOIN "Unit" u ON u.id = pc."unitId" WHERE u.code IN ('05', '06') AND pc.indicator IN ('HEALTH', 'VOLUNTARY_SI')
       ORDER BY 1, 2`,
      [],
    );
    expect(rows).toEqual([
      { code: '05', indicator: 'HEALTH', participants: 123_456 },
      { code: '05', indicator: 'VOLUNTARY_SI', participants: 2_000 + 'VOLUNTARY_SI'.length },
      { code: '06', indicator: 'HEALTH', participants: 2_000 + 'HEALTH'.length },
      { code: '06', indicator: 'VOLUNTARY_SI', participants: 2_000 + 'VOLUNTARY_SI'.length },
    ]);
    expect(await stored()).toBe(30_000);
  });

  it('records each applied call in the audit trail, with its day and how many rows', async () => {
    const { body } = await graphql('{ auditEvents(action: "SET_PARTICIPANT_COUNTS") { target details } }');
    expect(body.errors).toBeUndefined();
    expect(
      body.data.auditEvents.map((event: { target: string; details: string }) => [
        event.target,
        JSON.parse(event.details),
      ]),
    ).toEqual([
      ['2026-10-31', { rows: 1 }],
      ['2026-10-31', { rows: 30_000 }],
    ]);
  });
});

describe('plans and populations', () => {
  it('sets plans by number and by coverage target, removes one sent with neither, and checks each', async () => {
    const applied = await send(PLANS, {
      year: 2026,
      rows: [
        { unitCode: '01', indicator: 'HEALTH', coverageTargetPercent: 95 },
        { unitCode: '01', indicator: 'VOLUNTARY_SI', planned: 58_772 },
        { unitCode: '02', indicator: 'COMPULSORY_SI', planned: 1_000, coverageTargetPercent: 46 },
      ],
    });
    expect(applied.payload).toEqual({ applied: 3, userErrors: [] });
    const removed = await send(PLANS, { year: 2026, rows: [{ unitCode: '01', indicator: 'VOLUNTARY_SI' }] });
    expect(removed.payload).toEqual({ applied: 1, userErrors: [] });
    const plans = await sql<{
      code: string;
      indicator: string;
      planned: number | null;
      target: number | null;
    }>(
      `SELECT u.code, p.indicator::text AS indicator, p.planned, p."coverageTargetPercent" AS target
       FROM "Plan" p JOIN "Unit" u ON u.id = p."unitId" ORDER BY 1, 2`,
      [],
    );
    expect(plans).toEqual([
      { code: '01', indicator: 'HEALTH', planned: null, target: 95 },
      { code: '02', indicator: 'COMPULSORY_SI', planned: 1_000, target: 46 },
    ]);

    const refused = await send(PLANS, {
      year: 1999,
      rows: [
        { unitCode: '01', indicator: 'ALL_PARTICIPANTS', coverageTargetPercent: 90 },
        { unitCode: '01', indicator: 'HEALTH', coverageTargetPercent: 101 },
        { unitCode: '01', indicator: 'VOLUNTARY_SI', coverageTargetPercent: 0 },
        { unitCode: '01', indicator: 'UNEMPLOYMENT', planned: -5 },
      ],
    });
    expect(refused.payload?.applied).toBe(0);
    expect(refused.payload?.userErrors.map((error) => error.field.join('.'))).toEqual([
      'year',
      'rows.0.coverageTargetPercent',
      'rows.1.coverageTargetPercent',
      'rows.2.coverageTargetPercent',
      'rows.3.planned',
    ]);
    expect(refused.payload?.userErrors[2]?.message).toBe(
      'Tỷ lệ bao phủ mục tiêu phải lớn hơn 0 và không quá 100 (%); nhận được 101.',
    );
  });

  it('sets a whole country’s populations in one call, and refuses a labour force above the population', async () => {
    const rows = codes.map((unitCode, n) => ({ unitCode, population: 10_000 + n, labourForce: 6_000 + n }));
    expect((await send(POPULATIONS, { year: 2026, rows })).payload).toEqual({
      applied: UNITS,
      userErrors: [],
    });
    const refused = await send(POPULATIONS, {
      year: 2026,
      rows: [{ unitCode: '01', population: 100, labourForce: 101 }],
    });
    expect(refused.payload?.userErrors).toEqual([
      {
        field: ['rows', '0', 'labourForce'],
        code: 'INVALID',
        message: 'Lực lượng lao động phải là số nguyên từ 0 đến dân số (100); nhận được 101.',
      },
    ]);
    const [row] = await sql<{ population: number }>(
      `SELECT population FROM "UnitPopulation" p JOIN "Unit" u ON u.id = p."unitId" WHERE u.code = '01' AND year = 2026`,
      [],
    );
    expect(row?.population).toBe(10_000);
  });
});

describe('who may import', () => {
  const ONE_ROW = {
    asOf: '2026-10-31',
    rows: [{ unitCode: '01-00000', indicator: 'HEALTH', participants: 9 }],
  };

  it('is the command centre: a partner or a field agent is FORBIDDEN, and nothing is stored', async () => {
    for (const role of ['PARTNER', 'FIELD_AGENT'] as const) {
      const { body } = await send(
        COUNTS,
        ONE_ROW,
        await tokenFor(role, role === 'FIELD_AGENT' ? '01' : null),
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const [row] = await sql<{ participants: number }>(
      `SELECT participants FROM "ParticipantCount" pc JOIN "Unit" u ON u.id = pc."unitId"
       WHERE u.code = '01-00000' AND indicator = 'HEALTH' AND day = '2026-10-31'`,
      [],
    );
    expect(row?.participants).not.toBe(9);
  });

  it('keeps a provincial command centre to its own province', async () => {
    const provincial = await tokenFor('COMMAND_CENTER', '02');
    const { payload } = await send(
      COUNTS,
      {
        asOf: '2026-10-31',
        rows: [
          { unitCode: '02-00001', indicator: 'HEALTH', participants: 9 },
          { unitCode: '01-00000', indicator: 'HEALTH', participants: 9 },
        ],
      },
      provincial,
    );
    expect(payload?.applied).toBe(0);
    expect(payload?.userErrors).toEqual([
      {
        field: ['rows', '1', 'unitCode'],
        code: 'OUT_OF_SCOPE',
        message:
          'Đơn vị 01-00000 nằm ngoài đơn vị 02 của mã truy cập này: chỉ quản lý được đơn vị 02 và các đơn vị trực thuộc.',
      },
    ]);
  });
});

describe('the bulk body limit', () => {
  /** Sends a raw body; `chunked` streams it without a Content-Length. */
  async function post(body: string, token: string, chunked = false) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: bearer(token),
      },
      ...(chunked ? { body: new Blob([body]).stream(), duplex: 'half' as const } : { body }),
    } as RequestInit);
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  }
  const padded = (query: string, bytes: number, variables: Record<string, unknown> = {}) =>
    JSON.stringify({ query, variables: { ...variables, padding: 'x'.repeat(bytes) } });

  it('takes a command-centre bulk call over 1 MiB, with or without a length', async () => {
    const rows = country(() => 11).slice(0, 20_000);
    const body = JSON.stringify({ query: COUNTS, variables: { asOf: '2026-09-30', rows } });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    for (const chunked of [false, true]) {
      const answer = await post(body, await commandCenterToken(), chunked);
      expect(answer.status).toBe(200);
      expect(answer.body.data.setParticipantCounts).toEqual({ applied: 20_000, userErrors: [] });
    }
  });

  it('refuses anything else over 1 MiB, from the command centre too, and any body over 16 MiB', async () => {
    const commandCentre = await commandCenterToken();
    const partner = await tokenFor('PARTNER');
    const twoMiB = padded('query ($padding: String!) { unit(code: $padding) { code } }', 2 * 1024 * 1024);
    for (const [token, chunked] of [
      [partner, false],
      [partner, true],
      [commandCentre, false],
      [commandCentre, true],
    ] as const) {
      const { status, body } = await post(twoMiB, token, chunked);
      expect(status).toBe(413);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'REQUEST_ENTITY_TOO_LARGE',
        limit: 1024 * 1024,
      });
    }
    // A bulk mutation beside another field is no bulk call.
    const mixed = padded(
      `mutation ($padding: String!) { setPlans(year: 2026, rows: []) { applied } revokeToken(tokenId: "x", reason: $padding) { revoked } }`,
      2 * 1024 * 1024,
    );
    expect((await post(mixed, commandCentre)).status).toBe(413);
    const huge = padded(COUNTS, 17 * 1024 * 1024, { asOf: '2026-09-30', rows: [] });
    for (const chunked of [false, true]) {
      const { status, body } = await post(huge, commandCentre, chunked);
      expect(status).toBe(413);
      expect(body.errors?.[0]?.extensions).toMatchObject({ limit: 16 * 1024 * 1024 });
    }
  });
});
