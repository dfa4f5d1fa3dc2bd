import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { issueToken } from '@toandan/server/auth/tokens';
import { vnDay } from '@toandan/shared/vnDay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLBody, graphqlAt, startAppOnSmallTree } from './fixtures/app.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { BOARD_SUBSCRIPTION, rawSocket, until, wsClient } from './fixtures/live.ts';
import { tokenFor } from './fixtures/tokens.ts';

// Who may do what (API.md, Roles): every kind of token against every operation. The field
// agent and the scoped command centre work for Bá Thước (386); Cẩm Thủy (390) is outside
// their subtree.
let app: App;
let base: string;
let db: typeof import('@toandan/db/db').db;

type Holder =
  | 'COMMAND_CENTER'
  | 'SCOPED_COMMAND_CENTER'
  | 'FIELD_AGENT'
  | 'PARTNER'
  | 'none'
  | 'forged'
  | 'expired'
  | 'revoked';
const holders: Holder[] = [
  'COMMAND_CENTER',
  'SCOPED_COMMAND_CENTER',
  'FIELD_AGENT',
  'PARTNER',
  'none',
  'forged',
  'expired',
  'revoked',
];
const tokens = {} as Record<Holder, string | null>;

beforeAll(async () => {
  ({ app, base } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
  tokens.COMMAND_CENTER = await tokenFor('COMMAND_CENTER', null, { subject: 'matrix:command-center' });
  tokens.SCOPED_COMMAND_CENTER = await tokenFor('COMMAND_CENTER', '386', {
    subject: 'matrix:command-center-386',
  });
  tokens.FIELD_AGENT = await tokenFor('FIELD_AGENT', '386', { subject: 'matrix:field-agent' });
  tokens.PARTNER = await tokenFor('PARTNER', null, { subject: 'matrix:partner' });
  tokens.none = null;
  tokens.forged = await issueToken(new TextEncoder().encode('another-secret-0123456789abcdefghijklmn'), {
    role: 'COMMAND_CENTER',
    unitCode: null,
    expiresInSeconds: 3600,
  });
  tokens.expired = await tokenFor('COMMAND_CENTER', null, { expiresInSeconds: -60 });
  const revoked = await tokenFor('COMMAND_CENTER', null, { subject: 'matrix:lost-phone' });
  const { body } = await graphqlAt(base, '{ viewer { tokenId } }', {}, revoked);
  const revocation = await graphqlAt(
    base,
    'mutation ($id: String!) { revokeToken(tokenId: $id, reason: "Điện thoại bị mất") { revoked userErrors { message } } }',
    { id: body.data.viewer.tokenId },
    tokens.COMMAND_CENTER,
  );
  expect(revocation.body.data.revokeToken).toEqual({ revoked: true, userErrors: [] });
  tokens.revoked = revoked;
});
afterAll(() => app.stop());

type Outcome =
  | 'ok'
  | 'FORBIDDEN'
  | 'OUT_OF_SCOPE'
  | 'ALREADY_ENROLLED'
  | 'NOT_FOUND'
  | 'INVALID'
  | 'UNAUTHENTICATED';

interface Operation {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  /**
   * For the four kinds of holder (the scoped command centre's unit is 386); the four kinds of
   * bad token are UNAUTHENTICATED everywhere, and no token at all too unless `anonymous` says.
   */
  expect: [commandCenter: Outcome, scopedCommandCenter: Outcome, fieldAgent: Outcome, partner: Outcome];
  anonymous?: Outcome;
}

let person = 0;
const enrolment = (unitCode: string) => ({
  campaignId: 'test-campaign',
  unitCode,
  scheme: 'VOLUNTARY_SI',
  citizenId: `038097${String(++person).padStart(6, '0')}`,
  fullName: 'Trần Văn Bình',
  idempotencyKey: randomUUID(),
  enrolledAt: '2026-05-12T09:00:00+07:00',
});
const LIST = (unitCode: string, fields: string) =>
  `{ enrolments(campaignId: "test-campaign", unitCode: "${unitCode}", first: 5) { edges { node { ${fields} } } } }`;
let unitNumber = 0;

const operations: Operation[] = [
  {
    name: 'unit',
    query: '{ unit(code: "38") { code children { code } } }',
    expect: ['ok', 'ok', 'ok', 'ok'],
  },
  { name: 'unitTreeVersion', query: '{ unitTreeVersion }', expect: ['ok', 'ok', 'ok', 'ok'] },
  { name: 'campaigns', query: '{ campaigns { id name } }', expect: ['ok', 'ok', 'ok', 'ok'] },
  { name: 'campaign', query: '{ campaign(id: "test-campaign") { name } }', expect: ['ok', 'ok', 'ok', 'ok'] },
  {
    name: 'board',
    query:
      '{ board(campaignId: "test-campaign", unitCode: "VN", date: "2026-05-12") { sequence totals { today } } }',
    expect: ['ok', 'ok', 'ok', 'ok'],
  },
  { name: 'viewer', query: '{ viewer { role unitCode } }', expect: ['ok', 'ok', 'ok', 'ok'] },
  {
    name: 'enrolments inside the agent’s unit',
    query: LIST('386', 'id scheme'),
    expect: ['ok', 'ok', 'ok', 'FORBIDDEN'],
  },
  {
    name: 'enrolments outside the agent’s unit',
    query: LIST('390', 'id scheme'),
    expect: ['ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'citizen IDs and names inside the agent’s unit',
    query: LIST('386', 'citizenId fullName'),
    expect: ['ok', 'ok', 'ok', 'FORBIDDEN'],
  },
  {
    name: 'auditEvents',
    query: '{ auditEvents(first: 5) { action actor } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'subtreeUnits',
    query: '{ subtreeUnits(unitCode: "38") { code name } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'campaignTargets',
    query: '{ campaignTargets(campaignId: "test-campaign", unitCode: "38") { unitCode target } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'campaignDailyGoals',
    query: '{ campaignDailyGoals(campaignId: "test-campaign", unitCode: "38") { unitCode goal } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'submitEnrolment inside the agent’s unit',
    query:
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
    variables: () => ({ input: enrolment('386-01') }),
    expect: ['ok', 'ok', 'ok', 'FORBIDDEN'],
  },
  {
    name: 'submitEnrolment outside the agent’s unit',
    query:
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
    variables: () => ({ input: enrolment('390') }),
    expect: ['ok', 'OUT_OF_SCOPE', 'OUT_OF_SCOPE', 'FORBIDDEN'],
  },
  {
    // Enrolled first in Cẩm Thủy (390), outside the agent's subtree: nobody learns anything of it.
    name: 'submitEnrolment of a person already enrolled, under a new key',
    query: `mutation ($input: SubmitEnrolmentInput!) {
      submitEnrolment(input: $input) { enrolment { id fullName enrolledAt unit { code } } userErrors { code } } }`,
    variables: () => ({ input: { ...enrolment('386-01'), citizenId: citizenIdOf(ENROLLED_ELSEWHERE) } }),
    expect: ['ALREADY_ENROLLED', 'ALREADY_ENROLLED', 'ALREADY_ENROLLED', 'FORBIDDEN'],
  },
  {
    name: 'submitEnrolments',
    query:
      'mutation ($inputs: [SubmitEnrolmentInput!]!) { submitEnrolments(inputs: $inputs) { userErrors { code } } }',
    variables: () => ({ inputs: [enrolment('386-01'), enrolment('386')] }),
    expect: ['ok', 'ok', 'ok', 'FORBIDDEN'],
  },
  {
    name: 'voidEnrolment',
    query: 'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập trùng") { userErrors { code } } }',
    variables: () => ({ id: voidable.pop() }),
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'createCampaign',
    query:
      'mutation ($input: CampaignInput!) { createCampaign(input: $input) { campaign { id } userErrors { code } } }',
    variables: () => ({
      input: {
        id: `matrix-${randomUUID().slice(0, 8)}`,
        name: 'Đợt ra quân thử',
        kind: 'DRIVE',
        startsOn: '2026-06-01',
        endsOn: '2026-06-05',
        schemes: ['HOUSEHOLD_HI'],
      },
    }),
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'updateCampaign',
    query:
      'mutation { updateCampaign(id: "test-campaign", input: { name: "Tháng vận động thử" }) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'closeCampaign',
    query: 'mutation ($id: ID!) { closeCampaign(id: $id) { userErrors { code } } }',
    variables: () => ({ id: closable.pop() }),
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setTargets',
    query:
      'mutation { setTargets(campaignId: "test-campaign", rows: [{ unitCode: "390", scheme: VOLUNTARY_SI, target: 40 }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setDailyGoals',
    query:
      'mutation { setDailyGoals(campaignId: "test-campaign", rows: [{ unitCode: "390", scheme: VOLUNTARY_SI, day: "2026-05-12", goal: 3 }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'addUnit',
    query:
      'mutation ($input: AddUnitInput!) { addUnit(input: $input) { unit { code } userErrors { code } } }',
    variables: () => ({
      input: {
        code: `386-9${++unitNumber}`,
        name: `Xã thử ${unitNumber}`,
        kind: 'COMMUNE',
        parentCode: '386',
      },
    }),
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'mergeUnit',
    query: 'mutation ($input: MergeUnitInput!) { mergeUnit(input: $input) { userErrors { code } } }',
    variables: () => ({ input: { code: mergeable.pop(), intoCode: '386-01', effectiveOn: '2026-05-20' } }),
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'applyReorganisation',
    query: `mutation { applyReorganisation(effectiveOn: "${vnDay.today()}", rows: [{ unitCode: "390", newParentCode: "38" }]) { userErrors { code } } }`,
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'participation',
    query: '{ participation(unitCode: "38", asOf: "2026-05-31") { totals { indicator participants } } }',
    expect: ['ok', 'ok', 'ok', 'ok'],
  },
  {
    name: 'setParticipantCounts',
    query:
      'mutation { setParticipantCounts(asOf: "2026-04-30", rows: [{ unitCode: "390", indicator: HEALTH, participants: 40 }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setPlans',
    query:
      'mutation { setPlans(year: 2026, rows: [{ unitCode: "390", indicator: HEALTH, coverageTargetPercent: 95 }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setPopulations',
    query:
      'mutation { setPopulations(year: 2026, rows: [{ unitCode: "390", population: 40, labourForce: 20 }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'importCoverage',
    query:
      'mutation { importCoverage(rows: [{ citizenId: "038190000123", fullName: "Lê Thị Mai", scheme: HOUSEHOLD_HI, unitCode: "390", coverageFrom: "2026-01-01", coverageUntil: "2026-12-31" }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'revokeToken',
    query: 'mutation { revokeToken(tokenId: "some-token-id-0001", reason: "Thử") { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  // Administration (API.md): what the scoped command centre may do below its unit, and not beside it.
  {
    name: 'voidEnrolment outside the scoped unit',
    query: 'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập trùng") { userErrors { code } } }',
    variables: () => ({ id: voidableElsewhere.pop() }),
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'createCampaign outside the scoped unit',
    query:
      'mutation ($input: CampaignInput!) { createCampaign(input: $input) { campaign { id } userErrors { code } } }',
    variables: () => ({
      input: {
        id: `matrix-${randomUUID().slice(0, 8)}`,
        name: 'Đợt ra quân Cẩm Thủy',
        kind: 'DRIVE',
        startsOn: '2026-06-01',
        endsOn: '2026-06-05',
        schemes: ['HOUSEHOLD_HI'],
        unitCode: '390',
      },
    }),
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setTargets of the scoped unit itself',
    query:
      'mutation { setTargets(campaignId: "test-campaign", rows: [{ unitCode: "386", scheme: VOLUNTARY_SI, target: 40 }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setTargets below the scoped unit',
    query:
      'mutation { setTargets(campaignId: "test-campaign", rows: [{ unitCode: "386-01", scheme: VOLUNTARY_SI, target: 40 }]) { userErrors { code } } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'mergeUnit of the scoped unit itself',
    query:
      'mutation { mergeUnit(input: { code: "386", intoCode: "386-01", effectiveOn: "2099-01-01" }) { userErrors { code } } }',
    // A merge into its own commune is wrong for anyone; the scope is checked first.
    expect: ['INVALID', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'registerOfficers inside the scoped unit',
    query:
      'mutation ($rows: [OfficerInput!]!) { registerOfficers(rows: $rows) { applied userErrors { code } } }',
    variables: () => ({
      rows: [
        {
          code: `CB-386-01-M${++officerNumber}`,
          name: 'Cán bộ thử',
          unitCode: '386-01',
          organisation: 'POST_OFFICE',
        },
      ],
    }),
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'registerOfficers outside the scoped unit',
    query:
      'mutation ($rows: [OfficerInput!]!) { registerOfficers(rows: $rows) { applied userErrors { code } } }',
    variables: () => ({
      rows: [
        {
          code: `CB-390-M${++officerNumber}`,
          name: 'Cán bộ thử',
          unitCode: '390',
          organisation: 'POST_OFFICE',
        },
      ],
    }),
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setOfficerQuotas inside the scoped unit',
    query:
      'mutation { setOfficerQuotas(campaignId: "test-campaign", rows: [{ officerCode: "CB-386-01-1", scheme: VOLUNTARY_SI, quota: 1 }]) { userErrors { code } } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'setOfficerQuotas outside the scoped unit',
    query:
      'mutation { setOfficerQuotas(campaignId: "test-campaign", rows: [{ officerCode: "CB-390-1", scheme: VOLUNTARY_SI, quota: 1 }]) { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'officers inside the scoped unit',
    query:
      '{ officers(unitCode: "386", first: 5) { edges { node { code name active progress(campaignId: "test-campaign") { counted } tokens { id } } } } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'officers outside the scoped unit',
    query: '{ officers(unitCode: "390", first: 5) { edges { node { code name } } } }',
    expect: ['ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'tokens inside the scoped unit',
    query: '{ tokens(unitCode: "386", first: 5) { edges { node { id subject role expiresAt revoked } } } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'tokens outside the scoped unit',
    query: '{ tokens(unitCode: "390", first: 5) { edges { node { id } } } }',
    expect: ['ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'issueToken inside the scoped unit',
    query: 'mutation { issueToken(role: PARTNER, days: 1) { issued { id } userErrors { code } } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'issueToken outside the scoped unit',
    query:
      'mutation { issueToken(role: FIELD_AGENT, unitCode: "390", days: 1) { issued { id } userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'issueSignInCodes inside the scoped unit',
    query: 'mutation { issueSignInCodes(officerCodes: ["CB-386-01-1"], days: 1) { officerCode expiresAt } }',
    expect: ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'issueSignInCodes outside the scoped unit',
    query: 'mutation { issueSignInCodes(officerCodes: ["CB-390-1"], days: 1) { officerCode } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    name: 'revokeToken by officer outside the scoped unit',
    query: 'mutation { revokeToken(officerCode: "CB-390-1", reason: "Mất máy") { userErrors { code } } }',
    expect: ['ok', 'OUT_OF_SCOPE', 'FORBIDDEN', 'FORBIDDEN'],
  },
  {
    // The one operation open without a token: a made-up code is answered NOT_FOUND by anyone.
    name: 'redeemSignInCode',
    query:
      'mutation { redeemSignInCode(code: "tdsi_not-a-code-0000000000000000000") { issued { id } userErrors { code } } }',
    expect: ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    anonymous: 'NOT_FOUND',
  },
  {
    name: 'any other operation without a token',
    query: 'mutation { redeemSignInCode(code: "x") { userErrors { code } } __typename }',
    expect: ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  },
];
let officerNumber = 0;

/** The person enrolled in Cẩm Thủy (390) whom every role then submits again. */
const ENROLLED_ELSEWHERE = 950;
/** Enrolments and units that the command centre's void and merge act on, made ahead. */
const voidable: string[] = [];
/** Enrolments in Cẩm Thủy (390): the national command centre voids one, the scoped one cannot. */
const voidableElsewhere: string[] = [];
const mergeable: string[] = [];
const closable: string[] = [];

function outcomeOf(status: number, body: GraphQLBody): Outcome {
  const code = body.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED' && status === 401) return 'UNAUTHENTICATED';
  if (code === 'FORBIDDEN') return 'FORBIDDEN';
  // issueSignInCodes has no payload: its refusals are errors with the userError's code.
  if (code === 'OUT_OF_SCOPE') return 'OUT_OF_SCOPE';
  if (body.errors) return `unexpected: ${JSON.stringify(body.errors)}` as Outcome;
  const payloads = Object.values(body.data ?? {}).flat() as {
    enrolment?: unknown;
    userErrors?: { code: string }[];
  }[];
  const userErrors = payloads.flatMap((payload) => payload?.userErrors ?? []);
  if (userErrors.length === 0) return 'ok';
  if (userErrors[0]?.code === 'OUT_OF_SCOPE') return 'OUT_OF_SCOPE';
  if (userErrors[0]?.code === 'NOT_FOUND') return 'NOT_FOUND';
  if (userErrors[0]?.code === 'INVALID') return 'INVALID';
  // Nothing of the first enrolment comes back with it.
  if (userErrors[0]?.code === 'ALREADY_ENROLLED' && payloads.every((payload) => payload.enrolment === null)) {
    return 'ALREADY_ENROLLED';
  }
  return `userErrors ${JSON.stringify(userErrors)}` as Outcome;
}

describe('who may do what: every token against every operation', () => {
  it('gives each role what API.md says, and no bad token anything', async () => {
    const { submitEnrolments } = await import('./fixtures/enrolments.ts');
    await submitEnrolments([
      {
        unitCode: '390',
        scheme: 'VOLUNTARY_SI',
        person: ENROLLED_ELSEWHERE,
        enrolledAt: new Date('2026-05-11T03:00:00Z'),
      },
    ]);
    // One of each for every role that gets past the token check.
    for (let i = 0; i < 4; i++) {
      const [made] = await submitEnrolments([
        {
          unitCode: '386-01',
          scheme: 'HOUSEHOLD_HI',
          person: 900 + i,
          enrolledAt: new Date('2026-05-11T03:00:00Z'),
        },
      ]);
      if (made) voidable.push(made.id);
      const unit = `386-8${i}`;
      await graphqlAt(
        base,
        `mutation { addUnit(input: { code: "${unit}", name: "Xã sáp nhập ${i}", kind: COMMUNE, parentCode: "386" }) { userErrors { code } } }`,
        {},
        tokens.COMMAND_CENTER,
      );
      mergeable.push(unit);
      const campaign = `closable-${i}`;
      await graphqlAt(
        base,
        `mutation { createCampaign(input: { id: "${campaign}", name: "Đợt đóng ${i}", kind: DRIVE, startsOn: "2026-06-01", endsOn: "2026-06-05", schemes: [HOUSEHOLD_HI] }) { userErrors { code } } }`,
        {},
        tokens.COMMAND_CENTER,
      );
      closable.push(campaign);
    }
    for (let i = 0; i < 4; i++) {
      const [made] = await submitEnrolments([
        {
          unitCode: '390',
          scheme: 'HOUSEHOLD_HI',
          person: 960 + i,
          enrolledAt: new Date('2026-05-11T03:00:00Z'),
        },
      ]);
      if (made) voidableElsewhere.push(made.id);
    }
    const { registerOfficers } = await import('@toandan/server/officers/manageOfficers');
    await registerOfficers(null, [
      { code: 'CB-390-1', name: 'Cán bộ Cẩm Thủy', unitCode: '390', organisation: 'SOCIAL_SECURITY' },
    ]);
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const operation of operations) {
      for (const holder of holders) {
        const index = ['COMMAND_CENTER', 'SCOPED_COMMAND_CENTER', 'FIELD_AGENT', 'PARTNER'].indexOf(holder);
        const expected =
          index >= 0
            ? operation.expect[index]
            : holder === 'none' && operation.anonymous
              ? operation.anonymous
              : 'UNAUTHENTICATED';
        const { status, body } = await graphqlAt(
          base,
          operation.query,
          operation.variables?.(),
          tokens[holder],
        );
        seen.push(`${operation.name} × ${holder}: ${outcomeOf(status, body)}`);
        wanted.push(`${operation.name} × ${holder}: ${expected}`);
      }
    }
    expect(seen).toEqual(wanted);
  });

  it('stores and counts nothing for a refused submission', async () => {
    const before = await db.enrolment.count();
    for (const holder of ['PARTNER', 'none', 'forged', 'expired', 'revoked'] as const) {
      await graphqlAt(
        base,
        'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
        { input: enrolment('386-01') },
        tokens[holder],
      );
    }
    expect(await db.enrolment.count()).toBe(before);
  });

  it('opens live boards to every role, and closes the socket of a bad token with 4403', async () => {
    for (const holder of holders) {
      const { socket, closed, opened } = rawSocket(base);
      await opened;
      const messages: string[] = [];
      socket.on('message', (data) => messages.push(String(data)));
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          payload: tokens[holder] ? { authorization: `Bearer ${tokens[holder]}` } : {},
        }),
      );
      if (['COMMAND_CENTER', 'SCOPED_COMMAND_CENTER', 'FIELD_AGENT', 'PARTNER'].includes(holder)) {
        await until(() => messages.length > 0, `the ack of ${holder}`);
        expect(JSON.parse(messages[0] as string)).toEqual({ type: 'connection_ack' });
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: {
              query: BOARD_SUBSCRIPTION,
              variables: { campaignId: 'test-campaign', unitCode: '38' },
            },
          }),
        );
        await until(() => messages.length > 1, `the opening of ${holder}`);
        expect(JSON.parse(messages[1] as string)).toMatchObject({ id: '1', type: 'next' });
        socket.close(1000);
      } else {
        expect(await closed).toEqual({ code: 4403, reason: 'Forbidden' });
      }
    }
  });

  it('closes the open sockets of a token at once when it is revoked', async () => {
    const phone = await tokenFor('FIELD_AGENT', '386', { subject: 'matrix:phone-2' });
    const closes: number[] = [];
    const client = wsClient(
      base,
      { on: { closed: (event) => closes.push((event as { code: number }).code) } },
      phone,
    );
    const opened = new Promise<void>((resolve) => {
      client.subscribe(
        { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: '386' } },
        { next: () => resolve(), error: () => {}, complete: () => {} },
      );
    });
    await opened;
    const { body } = await graphqlAt(base, '{ viewer { tokenId } }', {}, phone);
    await graphqlAt(
      base,
      'mutation ($id: String!) { revokeToken(tokenId: $id, reason: "Mất máy") { revoked } }',
      { id: body.data.viewer.tokenId },
      tokens.COMMAND_CENTER,
    );
    await until(() => closes.length > 0, 'the socket to close');
    expect(closes).toEqual([4403]);
    expect((await graphqlAt(base, '{ viewer { role } }', {}, phone)).status).toBe(401);
    await client.dispose();
  });
});

describe('the graphql-ws protocol’s close codes', () => {
  const init = async (socket: import('ws').WebSocket) =>
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${tokens.COMMAND_CENTER}` },
      }),
    );
  const acked = (socket: import('ws').WebSocket) =>
    new Promise<void>((resolve) => socket.once('message', () => resolve()));

  it('4400 for a message that is not the protocol’s', async () => {
    const { socket, closed, opened } = rawSocket(base);
    await opened;
    socket.send('{"type":"hello"}');
    expect((await closed).code).toBe(4400);
  });

  it('4401 for a subscribe before the connection is acknowledged', async () => {
    const { socket, closed, opened } = rawSocket(base);
    await opened;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ viewer { role } }' } }));
    expect((await closed).code).toBe(4401);
  });

  it('4409 for a second subscription with the same id', async () => {
    const { socket, closed, opened } = rawSocket(base);
    await opened;
    const ack = acked(socket);
    await init(socket);
    await ack;
    const subscribe = JSON.stringify({
      id: 'same',
      type: 'subscribe',
      payload: { query: BOARD_SUBSCRIPTION, variables: { campaignId: 'test-campaign', unitCode: 'VN' } },
    });
    socket.send(subscribe);
    socket.send(subscribe);
    expect(await closed).toEqual({ code: 4409, reason: 'Subscriber for same already exists' });
  });

  it('4429 for a second connection_init', async () => {
    const { socket, closed, opened } = rawSocket(base);
    await opened;
    const ack = acked(socket);
    await init(socket);
    await ack;
    await init(socket);
    expect((await closed).code).toBe(4429);
  });
});

describe('revokeToken', () => {
  it.each([
    ['  \n ', 'nothing but spaces'],
    ['x'.repeat(501), '501 characters'],
  ])('refuses a reason of %#, %s, and revokes nothing', async (reason) => {
    const phone = await tokenFor('FIELD_AGENT', '386', { subject: 'matrix:reasonless' });
    const { body } = await graphqlAt(base, '{ viewer { tokenId } }', {}, phone);
    const answer = await graphqlAt(
      base,
      'mutation ($id: String!, $reason: String!) { revokeToken(tokenId: $id, reason: $reason) { revoked userErrors { field code message } } }',
      { id: body.data.viewer.tokenId, reason },
      tokens.COMMAND_CENTER,
    );
    expect(answer.body.data.revokeToken).toEqual({
      revoked: false,
      userErrors: [{ field: ['reason'], code: 'INVALID', message: 'Lý do phải có từ 1 đến 500 ký tự.' }],
    });
    expect((await graphqlAt(base, '{ viewer { tokenId } }', {}, phone)).body.data.viewer.tokenId).toBe(
      body.data.viewer.tokenId,
    );
  });
});
