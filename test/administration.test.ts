import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { BOARD_SUBSCRIPTION, until, wsClient } from './fixtures/live.ts';
import { validSubmission } from './fixtures/submissions.ts';
import { tokenFor } from './fixtures/tokens.ts';

// Administration (API.md): a provincial command centre (Thanh Hóa, 38) registers its officers,
// sets their quotas, issues their tokens and sign-in codes, inside its province only; Cần Thơ
// (92) is another province, set up by the national command centre.
let app: App;
let base: string;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let thanhHoa: string;
let canTho: string;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
  for (const input of [
    { code: '92', name: 'Cần Thơ', kind: 'PROVINCE', parentCode: 'VN' },
    { code: '916', name: 'Ninh Kiều', kind: 'DISTRICT', parentCode: '92' },
  ]) {
    const { body } = await graphql(
      'mutation ($input: AddUnitInput!) { addUnit(input: $input) { userErrors { code } } }',
      { input },
    );
    expect(body.data.addUnit.userErrors).toEqual([]);
  }
  thanhHoa = await tokenFor('COMMAND_CENTER', '38', { subject: 'test:command-centre-38' });
  canTho = await tokenFor('COMMAND_CENTER', '92', { subject: 'test:command-centre-92' });
  const { body } = await graphql(REGISTER, {
    rows: [{ code: 'CT-916-1', name: 'Trần Thị Mai', unitCode: '916', organisation: 'WOMENS_UNION' }],
  });
  expect(body.data.registerOfficers).toEqual({ applied: 1, userErrors: [] });
});
afterAll(() => app.stop());

const REGISTER = `mutation ($rows: [OfficerInput!]!) {
  registerOfficers(rows: $rows) { applied userErrors { field code message } }
}`;
const QUOTAS = `mutation ($campaignId: ID!, $rows: [OfficerQuotaInput!]!) {
  setOfficerQuotas(campaignId: $campaignId, rows: $rows) { applied userErrors { field code message } }
}`;
const OFFICERS = `query ($unitCode: String!, $first: Int, $after: String) {
  officers(unitCode: $unitCode, first: $first, after: $after) {
    edges { cursor node { code name organisation active unit { code }
      progress(campaignId: "test-campaign") { scheme quota counted met }
      tokens { id role revoked unit { code } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ISSUE = `mutation ($role: Role!, $unitCode: String, $officerCode: String, $days: Int) {
  issueToken(role: $role, unitCode: $unitCode, officerCode: $officerCode, days: $days) {
    issued { token id expiresAt signInUrl } userErrors { field code message }
  }
}`;
const TOKENS = `query ($unitCode: String!) {
  tokens(unitCode: $unitCode, first: 50) {
    edges { node { id subject role unit { code } officer { code } issuedBy expiresAt revoked } }
  }
}`;
const CODES = `mutation ($officerCodes: [String!]!, $days: Int) {
  issueSignInCodes(officerCodes: $officerCodes, days: $days) {
    officerCode code url expiresAt officer { name unit { code name } }
  }
}`;
const REDEEM = `mutation ($code: String!) {
  redeemSignInCode(code: $code) { issued { token id expiresAt signInUrl } userErrors { field code message } }
}`;
const TARGETS = `mutation ($rows: [TargetRowInput!]!) {
  setTargets(campaignId: "test-campaign", rows: $rows) { applied userErrors { field code message } }
}`;

const officer = (code: string, unitCode: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Cán bộ ${code}`,
  unitCode,
  organisation: 'SOCIAL_SECURITY',
  ...extra,
});

/** Rows as text, their bigint ids (the audit trail's) as digits. */
const textOf = (rows: unknown) =>
  JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? String(value) : value));

/** A POST to /graphql without any Authorization header. */
async function anonymous(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the shape its own query asks for
  return { status: response.status, body: (await response.json()) as any };
}

describe('a scoped command centre', () => {
  it('sets the targets of the units below its own, not its own (the level above sets it) nor another province’s', async () => {
    const below = await graphql(
      TARGETS,
      { rows: [{ unitCode: '386', scheme: 'VOLUNTARY_SI', target: 70 }] },
      thanhHoa,
    );
    expect(below.body.data.setTargets).toEqual({ applied: 1, userErrors: [] });
    const before = await db.target.count();
    const refused = await graphql(
      TARGETS,
      {
        rows: [
          { unitCode: '390', scheme: 'VOLUNTARY_SI', target: 5 },
          { unitCode: '38', scheme: 'VOLUNTARY_SI', target: 500 },
          { unitCode: '916', scheme: 'VOLUNTARY_SI', target: 50 },
        ],
      },
      thanhHoa,
    );
    expect(refused.body.data.setTargets).toEqual({
      applied: 0,
      userErrors: [
        {
          field: ['rows', '1', 'unitCode'],
          code: 'OUT_OF_SCOPE',
          message:
            'Đơn vị 38 là đơn vị của chính mã truy cập này: chỉ tiêu, kế hoạch và việc sáp nhập của đơn vị mình do cấp trên giao; ở đây chỉ quản lý các đơn vị trực thuộc.',
        },
        {
          field: ['rows', '2', 'unitCode'],
          code: 'OUT_OF_SCOPE',
          message:
            'Đơn vị 916 nằm ngoài đơn vị 38 của mã truy cập này: chỉ quản lý được các đơn vị trực thuộc đơn vị 38.',
        },
      ],
    });
    expect(await db.target.count()).toBe(before);
    // The national command centre sets the province's own target.
    const national = await graphql(TARGETS, {
      rows: [{ unitCode: '38', scheme: 'VOLUNTARY_SI', target: 500 }],
    });
    expect(national.body.data.setTargets.userErrors).toEqual([]);
  });

  it('reads aggregates nationwide, and people inside its own subtree only', async () => {
    const board = await graphql(
      '{ board(campaignId: "test-campaign", unitCode: "92") { totals { cumulative } } }',
      {},
      thanhHoa,
    );
    expect(board.body.errors).toBeUndefined();
    const people = await graphql(
      '{ enrolments(campaignId: "test-campaign", unitCode: "92", first: 5) { edges { node { citizenId } } } }',
      {},
      thanhHoa,
    );
    expect(people.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('creates its campaigns in its own province by default, and none in another', async () => {
    const CREATE = `mutation ($input: CampaignInput!) { createCampaign(input: $input) { campaign { id unit { code } } userErrors { field code } } }`;
    const input = {
      name: 'Đợt ra quân Thanh Hóa',
      kind: 'DRIVE',
      startsOn: '2026-06-01',
      endsOn: '2026-06-05',
      schemes: ['HOUSEHOLD_HI'],
    };
    const own = await graphql(CREATE, { input: { ...input, id: 'ra-quan-38' } }, thanhHoa);
    expect(own.body.data.createCampaign).toEqual({
      campaign: { id: 'ra-quan-38', unit: { code: '38' } },
      userErrors: [],
    });
    const other = await graphql(CREATE, { input: { ...input, id: 'ra-quan-92', unitCode: '92' } }, thanhHoa);
    expect(other.body.data.createCampaign).toEqual({
      campaign: null,
      userErrors: [{ field: ['input', 'unitCode'], code: 'OUT_OF_SCOPE' }],
    });
    expect(await db.campaign.findUnique({ where: { id: 'ra-quan-92' } })).toBeNull();
  });

  it('reads the audit trail of its own subtree only: what its tokens did and what was done to its units', async () => {
    const added = await graphql(
      'mutation { addUnit(input: { code: "916-07", name: "Xã thử Cần Thơ", kind: COMMUNE, parentCode: "916" }) { userErrors { code } } }',
    );
    expect(added.body.data.addUnit.userErrors).toEqual([]);
    const registered = await graphql(
      REGISTER,
      { rows: [{ code: 'CT-916-7', name: 'Lê Văn Bảy', unitCode: '916-07', organisation: 'POST_OFFICE' }] },
      canTho,
    );
    expect(registered.body.data.registerOfficers.applied).toBe(1);
    const TRAIL = '{ auditEvents(first: 500) { action actorUnit target } }';
    const own = (await graphql(TRAIL, {}, canTho)).body.data.auditEvents as {
      action: string;
      actorUnit: string | null;
      target: string | null;
    }[];
    expect(own.map((event) => event.action)).toEqual(
      expect.arrayContaining(['REGISTER_OFFICERS', 'ADD_UNIT']),
    );
    const canThoCodes = ['92', '916', '916-07'];
    for (const event of own) {
      expect(canThoCodes.includes(event.actorUnit ?? '') || canThoCodes.includes(event.target ?? '')).toBe(
        true,
      );
    }
    const other = (await graphql(TRAIL, {}, thanhHoa)).body.data.auditEvents as {
      actorUnit: string | null;
      target: string | null;
    }[];
    expect(other.length).toBeGreaterThan(0);
    expect(
      other.filter(
        (event) => canThoCodes.includes(event.actorUnit ?? '') || canThoCodes.includes(event.target ?? ''),
      ),
    ).toEqual([]);
    // The national command centre reads all of it.
    const national = (await graphql(TRAIL)).body.data.auditEvents as { actorUnit: string | null }[];
    expect(national.some((event) => event.actorUnit === '92')).toBe(true);
    expect(national.some((event) => event.actorUnit === '38')).toBe(true);
  });
});

describe('registerOfficers', () => {
  it('creates and updates officers by code, and lists them with their progress and tokens', async () => {
    const created = await graphql(
      REGISTER,
      { rows: [officer('TH-386-1', '386-01'), officer('TH-386-2', '386', { organisation: 'POST_OFFICE' })] },
      thanhHoa,
    );
    expect(created.body.data.registerOfficers).toEqual({ applied: 2, userErrors: [] });
    const updated = await graphql(
      REGISTER,
      {
        rows: [
          officer('TH-386-2', '386', { name: '  Phạm   Văn Hùng ', organisation: 'FARMERS_ASSOCIATION' }),
        ],
      },
      thanhHoa,
    );
    expect(updated.body.data.registerOfficers).toEqual({ applied: 1, userErrors: [] });
    const { body } = await graphql(OFFICERS, { unitCode: '386', first: 10 }, thanhHoa);
    expect(body.errors).toBeUndefined();
    const listed = body.data.officers.edges.map((edge: { node: { code: string } }) => edge.node);
    expect(listed.map((node: { code: string }) => node.code)).toEqual([
      'CB-386-01-1',
      'TH-386-1',
      'TH-386-2',
    ]);
    expect(listed[2]).toEqual({
      code: 'TH-386-2',
      name: 'Phạm Văn Hùng',
      organisation: 'FARMERS_ASSOCIATION',
      active: true,
      unit: { code: '386' },
      progress: [
        { scheme: 'VOLUNTARY_SI', quota: 0, counted: 0, met: true },
        { scheme: 'HOUSEHOLD_HI', quota: 0, counted: 0, met: true },
      ],
      tokens: [],
    });
    const audit = await db.auditEvent.findFirst({
      where: { action: 'REGISTER_OFFICERS' },
      orderBy: { id: 'desc' },
    });
    expect(audit).toMatchObject({ actor: 'test:command-centre-38', actorUnit: '38', details: { rows: 1 } });
  });

  it('pages the list by code', async () => {
    const first = await graphql(OFFICERS, { unitCode: '38', first: 2 }, thanhHoa);
    expect(first.body.data.officers.pageInfo.hasNextPage).toBe(true);
    const next = await graphql(
      OFFICERS,
      { unitCode: '38', first: 2, after: first.body.data.officers.pageInfo.endCursor },
      thanhHoa,
    );
    const codes = [...first.body.data.officers.edges, ...next.body.data.officers.edges].map(
      (edge: { node: { code: string } }) => edge.node.code,
    );
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('applies all rows or none, reporting every bad row by index and field', async () => {
    const before = await db.officer.count();
    const { body } = await graphql(
      REGISTER,
      {
        rows: [
          officer('TH-386-3', '386'),
          officer('TH 386 4', '386'),
          officer('TH-386-5', 'nowhere'),
          officer('TH-386-3', '386', { name: ' ' }),
        ],
      },
      thanhHoa,
    );
    expect(body.data.registerOfficers).toEqual({
      applied: 0,
      userErrors: [
        {
          field: ['rows', '1', 'code'],
          code: 'INVALID',
          message:
            'Mã cán bộ "TH 386 4" không hợp lệ: từ 1 đến 40 ký tự, chữ cái không dấu, chữ số, dấu chấm, gạch nối hoặc gạch dưới.',
        },
        {
          field: ['rows', '2', 'unitCode'],
          code: 'NOT_FOUND',
          message: 'Không có đơn vị nào mang mã "nowhere".',
        },
        {
          field: ['rows', '3', 'code'],
          code: 'INVALID',
          message: 'Dòng 0 và dòng 3 cùng ghi mã cán bộ TH-386-3: mỗi thứ chỉ một dòng.',
        },
        {
          field: ['rows', '3', 'name'],
          code: 'INVALID',
          message: 'Họ và tên cán bộ phải có từ 1 đến 120 ký tự.',
        },
      ],
    });
    expect(await db.officer.count()).toBe(before);
  });

  it('refuses, OUT_OF_SCOPE, an officer of another province, new or registered there', async () => {
    const { body } = await graphql(
      REGISTER,
      { rows: [officer('TH-386-6', '386'), officer('TH-916-1', '916'), officer('CT-916-1', '386')] },
      thanhHoa,
    );
    expect(body.data.registerOfficers).toEqual({
      applied: 0,
      userErrors: [
        {
          field: ['rows', '1', 'unitCode'],
          code: 'OUT_OF_SCOPE',
          message:
            'Đơn vị 916 nằm ngoài đơn vị 38 của mã truy cập này: chỉ quản lý được đơn vị 38 và các đơn vị trực thuộc.',
        },
        {
          field: ['rows', '2', 'code'],
          code: 'OUT_OF_SCOPE',
          message:
            'Mã cán bộ CT-916-1 đã được đăng ký tại đơn vị 916, ngoài đơn vị 38 của mã truy cập này: mã cán bộ là duy nhất trên toàn quốc, chỉ đơn vị quản lý cán bộ đó được sửa.',
        },
      ],
    });
    expect(await db.officer.findUnique({ where: { code: 'TH-386-6' } })).toBeNull();
    expect((await db.officer.findUniqueOrThrow({ where: { code: 'CT-916-1' } })).fullName).toBe(
      'Trần Thị Mai',
    );
    // Nor does it list Cần Thơ's officers.
    const list = await graphql(OFFICERS, { unitCode: '92' }, thanhHoa);
    expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a partner and a field agent', async () => {
    for (const token of [await tokenFor('PARTNER'), await tokenFor('FIELD_AGENT', '386')]) {
      const { body } = await graphql(REGISTER, { rows: [officer('TH-386-7', '386')] }, token);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const list = await graphql(OFFICERS, { unitCode: '386' }, token);
      expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await db.officer.findUnique({ where: { code: 'TH-386-7' } })).toBeNull();
  });

  it('moves an officer to another unit, and the history stays where it was counted', async () => {
    await graphql(REGISTER, { rows: [officer('TH-MOVE', '386-01')] }, thanhHoa);
    const phone = await tokenFor('FIELD_AGENT', '386-01', { officerCode: 'TH-MOVE' });
    const submitted = await graphql(
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
      { input: validSubmission(810_001) },
      phone,
    );
    expect(submitted.body.data.submitEnrolment.userErrors).toEqual([]);
    const boardOf386 = async () =>
      (
        await graphql(
          '{ board(campaignId: "test-campaign", unitCode: "38", date: "2026-05-10") { rows { unit { code } tallies { scheme cumulative } } } }',
        )
      ).body.data.board.rows.find((row: { unit: { code: string } }) => row.unit.code === '386').tallies;
    const before = await boardOf386();
    const moved = await graphql(REGISTER, { rows: [officer('TH-MOVE', '390')] }, thanhHoa);
    expect(moved.body.data.registerOfficers).toEqual({ applied: 1, userErrors: [] });
    expect(await boardOf386()).toEqual(before);
    const { body } = await graphql(OFFICERS, { unitCode: '390' }, thanhHoa);
    const node = body.data.officers.edges.find(
      (edge: { node: { code: string } }) => edge.node.code === 'TH-MOVE',
    ).node;
    expect(node.unit).toEqual({ code: '390' });
    expect(node.progress).toContainEqual({ scheme: 'VOLUNTARY_SI', quota: 0, counted: 1, met: true });
    const stored = await db.enrolment.findFirstOrThrow({
      where: { officer: { code: 'TH-MOVE' } },
      include: { unit: true },
    });
    expect(stored.unit.code).toBe('386-01');
  });
});

describe('setOfficerQuotas', () => {
  it('sets personal quotas, all or none, inside the caller’s subtree', async () => {
    const ok = await graphql(
      QUOTAS,
      {
        campaignId: 'test-campaign',
        rows: [
          { officerCode: 'TH-386-1', scheme: 'VOLUNTARY_SI', quota: 1 },
          { officerCode: 'TH-386-1', scheme: 'HOUSEHOLD_HI', quota: 2 },
        ],
      },
      thanhHoa,
    );
    expect(ok.body.data.setOfficerQuotas).toEqual({ applied: 2, userErrors: [] });
    const refused = await graphql(
      QUOTAS,
      {
        campaignId: 'test-campaign',
        rows: [
          { officerCode: 'TH-386-1', scheme: 'VOLUNTARY_SI', quota: 5 },
          { officerCode: 'CT-916-1', scheme: 'VOLUNTARY_SI', quota: 1 },
          { officerCode: 'TH-386-2', scheme: 'HOUSEHOLD_HI', quota: -1 },
          { officerCode: 'NOBODY', scheme: 'HOUSEHOLD_HI', quota: 1 },
        ],
      },
      thanhHoa,
    );
    expect(refused.body.data.setOfficerQuotas).toEqual({
      applied: 0,
      userErrors: [
        {
          field: ['rows', '1', 'officerCode'],
          code: 'OUT_OF_SCOPE',
          message:
            'Đơn vị 916 nằm ngoài đơn vị 38 của mã truy cập này: chỉ quản lý được đơn vị 38 và các đơn vị trực thuộc.',
        },
        {
          field: ['rows', '2', 'quota'],
          code: 'INVALID',
          message: 'Chỉ tiêu cá nhân phải là số nguyên từ 0 đến 10.000.000; nhận được -1.',
        },
        {
          field: ['rows', '3', 'officerCode'],
          code: 'NOT_FOUND',
          message: 'Không có cán bộ nào mang mã "NOBODY".',
        },
      ],
    });
    const quotas = await db.officerQuota.findMany({
      where: { officer: { code: 'TH-386-1' } },
      select: { scheme: true, quota: true },
      orderBy: { scheme: 'asc' },
    });
    expect(quotas).toEqual([
      { scheme: 'VOLUNTARY_SI', quota: 1 },
      { scheme: 'HOUSEHOLD_HI', quota: 2 },
    ]);
  });
});

describe('issueToken and the register', () => {
  it('issues a token for 30 days by default, scoped to the caller’s subtree, registered and audited', async () => {
    const { body } = await graphql(ISSUE, { role: 'PARTNER' }, thanhHoa);
    const { issued, userErrors } = body.data.issueToken;
    expect(userErrors).toEqual([]);
    const days = (new Date(issued.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(issued.signInUrl).toBe(`${base}/#token=${issued.token}`);
    const viewer = await graphql('{ viewer { role unitCode tokenId } }', {}, issued.token);
    expect(viewer.body.data.viewer).toEqual({ role: 'PARTNER', unitCode: '38', tokenId: issued.id });
    const register = await graphql(TOKENS, { unitCode: '38' }, thanhHoa);
    const entry = register.body.data.tokens.edges.find(
      (edge: { node: { id: string } }) => edge.node.id === issued.id,
    );
    expect(entry.node).toMatchObject({
      role: 'PARTNER',
      unit: { code: '38' },
      issuedBy: 'test:command-centre-38',
      revoked: false,
    });
    expect(JSON.stringify(register.body)).not.toContain(issued.token);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'ISSUE_TOKEN', target: issued.id },
    });
    expect(audit.actor).toBe('test:command-centre-38');
    expect(textOf(audit)).not.toContain(issued.token);
  });

  it('issues an officer’s token on the officer’s unit, and refuses wrong days, roles and scopes', async () => {
    const own = await graphql(ISSUE, { role: 'FIELD_AGENT', officerCode: 'TH-386-1', days: 366 }, thanhHoa);
    expect(own.body.data.issueToken.userErrors).toEqual([]);
    expect(own.body.data.issueToken.issued.signInUrl).toMatch(/\/submit#token=/);
    const viewer = await graphql(
      '{ viewer { unitCode officer { code } } }',
      {},
      own.body.data.issueToken.issued.token,
    );
    expect(viewer.body.data.viewer).toEqual({ unitCode: '386-01', officer: { code: 'TH-386-1' } });
    const refused = await graphql(
      ISSUE,
      { role: 'PARTNER', officerCode: 'CT-916-1', unitCode: '916', days: 367 },
      thanhHoa,
    );
    expect(refused.body.data.issueToken).toEqual({
      issued: null,
      userErrors: [
        {
          field: ['days'],
          code: 'INVALID',
          message: 'Thời hạn của mã truy cập là số ngày nguyên từ 1 đến 366; nhận được 367.',
        },
        {
          field: ['officerCode'],
          code: 'INVALID',
          message: 'Chỉ mã truy cập FIELD_AGENT (cán bộ, đại lý thu) mới gắn với một cán bộ.',
        },
        {
          field: ['officerCode'],
          code: 'OUT_OF_SCOPE',
          message:
            'Đơn vị 916 nằm ngoài đơn vị 38 của mã truy cập này: chỉ quản lý được đơn vị 38 và các đơn vị trực thuộc.',
        },
        {
          field: ['unitCode'],
          code: 'OUT_OF_SCOPE',
          message:
            'Đơn vị 916 nằm ngoài đơn vị 38 của mã truy cập này: chỉ quản lý được đơn vị 38 và các đơn vị trực thuộc.',
        },
      ],
    });
    for (const token of [await tokenFor('PARTNER'), await tokenFor('FIELD_AGENT', '386')]) {
      const { body } = await graphql(ISSUE, { role: 'FIELD_AGENT', unitCode: '386' }, token);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('revokes by token id and by officer, in its own subtree only', async () => {
    const REVOKE = `mutation ($tokenId: String, $officerCode: String) {
      revokeToken(tokenId: $tokenId, officerCode: $officerCode, reason: "Mất điện thoại") { revoked count userErrors { field code } }
    }`;
    const ctToken = (await graphql(ISSUE, { role: 'FIELD_AGENT', officerCode: 'CT-916-1' }, canTho)).body.data
      .issueToken.issued;
    const outside = await graphql(REVOKE, { tokenId: ctToken.id }, thanhHoa);
    expect(outside.body.data.revokeToken).toEqual({
      revoked: false,
      count: 0,
      userErrors: [{ field: ['tokenId'], code: 'OUT_OF_SCOPE' }],
    });
    const byOfficerOutside = await graphql(REVOKE, { officerCode: 'CT-916-1' }, thanhHoa);
    expect(byOfficerOutside.body.data.revokeToken.userErrors).toEqual([
      { field: ['officerCode'], code: 'OUT_OF_SCOPE' },
    ]);
    expect((await graphql('{ viewer { role } }', {}, ctToken.token)).status).toBe(200);

    const phones = [];
    for (let i = 0; i < 2; i++)
      phones.push(
        (await graphql(ISSUE, { role: 'FIELD_AGENT', officerCode: 'TH-386-2' }, thanhHoa)).body.data
          .issueToken.issued,
      );
    const one = await graphql(REVOKE, { tokenId: phones[0].id }, thanhHoa);
    expect(one.body.data.revokeToken).toEqual({ revoked: true, count: 1, userErrors: [] });
    expect((await graphql('{ viewer { role } }', {}, phones[0].token)).status).toBe(401);
    expect((await graphql('{ viewer { role } }', {}, phones[1].token)).status).toBe(200);
    const all = await graphql(REVOKE, { officerCode: 'TH-386-2' }, thanhHoa);
    expect(all.body.data.revokeToken).toEqual({ revoked: true, count: 1, userErrors: [] });
    expect((await graphql('{ viewer { role } }', {}, phones[1].token)).status).toBe(401);
    const { body } = await graphql(OFFICERS, { unitCode: '386' }, thanhHoa);
    const line = body.data.officers.edges.find(
      (edge: { node: { code: string } }) => edge.node.code === 'TH-386-2',
    ).node;
    expect(line.tokens.map((token: { revoked: boolean }) => token.revoked)).toEqual([true, true]);
  });
});

describe('a deactivated officer', () => {
  it('has every token refused at once, over HTTP and on its open WebSocket', async () => {
    await graphql(REGISTER, { rows: [officer('TH-LEAVER', '386-01')] }, thanhHoa);
    const issued = (await graphql(ISSUE, { role: 'FIELD_AGENT', officerCode: 'TH-LEAVER' }, thanhHoa)).body
      .data.issueToken.issued;
    // And one that `pnpm -s token` made, which the register never saw.
    const fromShell = await tokenFor('FIELD_AGENT', '386-01', { officerCode: 'TH-LEAVER' });
    const closes: number[] = [];
    const client = wsClient(
      base,
      { on: { closed: (event) => closes.push((event as { code: number }).code) } },
      issued.token,
    );
    await new Promise<void>((resolve) => {
      client.subscribe(
        { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: '386' } },
        { next: () => resolve(), error: () => {}, complete: () => {} },
      );
    });
    const { body } = await graphql(
      REGISTER,
      { rows: [officer('TH-LEAVER', '386-01', { active: false })] },
      thanhHoa,
    );
    expect(body.data.registerOfficers).toEqual({ applied: 1, userErrors: [] });
    await until(() => closes.length > 0, 'the socket to close');
    expect(closes).toEqual([4403]);
    for (const token of [issued.token, fromShell]) {
      const refused = await graphql('{ viewer { role } }', {}, token);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Nothing new is issued to the officer, and reactivating does not revive the revoked token.
    const again = await graphql(ISSUE, { role: 'FIELD_AGENT', officerCode: 'TH-LEAVER' }, thanhHoa);
    expect(again.body.data.issueToken.userErrors[0].message).toBe(
      'Cán bộ TH-LEAVER đã ngừng hoạt động: không cấp mã truy cập cho cán bộ này.',
    );
    await graphql(REGISTER, { rows: [officer('TH-LEAVER', '386-01', { active: true })] }, thanhHoa);
    expect((await graphql('{ viewer { role } }', {}, issued.token)).status).toBe(401);
    await client.dispose();
  });
});

describe('sign-in codes', () => {
  it('signs a phone in once from a code, without a token, and never again', async () => {
    const { body } = await graphql(CODES, { officerCodes: ['TH-386-1', 'CB-386-01-1'], days: 10 }, thanhHoa);
    expect(body.errors).toBeUndefined();
    const [first, second] = body.data.issueSignInCodes;
    expect(first).toMatchObject({
      officerCode: 'TH-386-1',
      officer: { name: 'Cán bộ TH-386-1', unit: { code: '386-01', name: 'Cành Nàng' } },
    });
    expect(first.url).toBe(`${base}/submit#code=${first.code}`);
    expect(second.code).not.toBe(first.code);
    const days = (new Date(first.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // Only a hash is kept.
    const stored = await db.signInCode.findMany();
    expect(JSON.stringify(stored)).not.toContain(first.code);

    const redeemed = await anonymous(REDEEM, { code: first.code });
    expect(redeemed.status).toBe(200);
    const { issued, userErrors } = redeemed.body.data.redeemSignInCode;
    expect(userErrors).toEqual([]);
    expect(issued.signInUrl).toBe(`${base}/submit#token=${issued.token}`);
    const life = (new Date(issued.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(life).toBeGreaterThan(9.9);
    const viewer = await graphql('{ viewer { role unitCode officer { code } } }', {}, issued.token);
    expect(viewer.body.data.viewer).toEqual({
      role: 'FIELD_AGENT',
      unitCode: '386-01',
      officer: { code: 'TH-386-1' },
    });

    const twice = await anonymous(REDEEM, { code: first.code });
    expect(twice.body.data.redeemSignInCode).toEqual({
      issued: null,
      userErrors: [
        {
          field: ['code'],
          code: 'ALREADY_USED',
          message:
            'Mã đăng nhập này đã được dùng: mỗi mã chỉ dùng một lần. Hãy xin trung tâm chỉ huy một mã mới.',
        },
      ],
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'REDEEM_SIGN_IN_CODE' } });
    expect(audit).toMatchObject({ target: issued.id, details: { officerCode: 'TH-386-1' } });
    expect(textOf(await db.auditEvent.findMany())).not.toContain(first.code);
  });

  it('refuses an expired code and an unknown one', async () => {
    const { body } = await graphql(CODES, { officerCodes: ['TH-386-1'] }, thanhHoa);
    const [late] = body.data.issueSignInCodes;
    await db.signInCode.updateMany({
      where: { redeemedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await anonymous(REDEEM, { code: late.code });
    expect(expired.body.data.redeemSignInCode.userErrors).toEqual([
      {
        field: ['code'],
        code: 'EXPIRED',
        message:
          'Mã đăng nhập này đã hết hạn (mỗi mã dùng được trong 7 ngày): hãy xin trung tâm chỉ huy một mã mới.',
      },
    ]);
    const unknown = await anonymous(REDEEM, { code: 'tdsi_nothing-like-a-real-one-0000000' });
    expect(unknown.body.data.redeemSignInCode.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('refuses a list with an officer outside the caller’s subtree, issuing none', async () => {
    const before = await db.signInCode.count();
    const { body } = await graphql(CODES, { officerCodes: ['TH-386-1', 'CT-916-1', 'NOBODY'] }, thanhHoa);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'OUT_OF_SCOPE',
      userErrors: [
        { field: ['officerCodes', '1'], code: 'OUT_OF_SCOPE' },
        { field: ['officerCodes', '2'], code: 'NOT_FOUND' },
      ],
    });
    expect(await db.signInCode.count()).toBe(before);
  });

  it('takes nothing but a redeem without a token', async () => {
    for (const query of [
      '{ campaigns { id } }',
      'mutation { registerOfficers(rows: []) { applied } }',
      'mutation { redeemSignInCode(code: "x") { userErrors { code } } registerOfficers(rows: []) { applied } }',
    ]) {
      const { status, body } = await anonymous(query);
      expect(status, query).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
