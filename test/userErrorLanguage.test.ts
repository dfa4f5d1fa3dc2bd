import type { App } from '@toandan/server/app';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type GraphQLBody, startAppOnSmallTree } from './fixtures/app.ts';
import { wsClient } from './fixtures/live.ts';
import { sseOperation } from './fixtures/sse.ts';
import { SUBMIT_ENROLMENT, validSubmission } from './fixtures/submissions.ts';
import { bearer, commandCenterToken, tokenFor } from './fixtures/tokens.ts';

// API.md: UserError.message is Vietnamese by default and English when the request prefers en
// (HTTP: Accept-Language; WebSocket: "language": "en" in connection_init); `code` and `field`
// are the same in both.

let app: App;
let base: string;
const sockets: Client[] = [];

beforeAll(async () => {
  ({ app, base } = await startAppOnSmallTree());
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
  await app.stop();
});

interface Refusal {
  field: string[] | null;
  code: string;
  message: string;
}

/** One operation over HTTP with the headers given, as a partner's tool or the field app sends it. */
async function overHttp(
  query: string,
  variables: Record<string, unknown>,
  options: { headers?: Record<string, string>; token?: string } = {},
): Promise<GraphQLBody> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: bearer(options.token ?? (await commandCenterToken())),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphQLBody;
}

/**
 * One operation over a new WebSocket whose connection_init carries `params` beside the token,
 * its upgrade request carrying `headers`.
 */
async function overSocket(
  query: string,
  variables: Record<string, unknown>,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLBody> {
  const token = await commandCenterToken();
  const client = wsClient(base, {
    connectionParams: () => ({ authorization: bearer(token), ...params }),
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols: string | string[]) {
        super(url, protocols, { headers });
      }
    },
  });
  sockets.push(client);
  return new Promise((resolve, reject) => {
    let result: GraphQLBody = {};
    client.subscribe(
      { query, variables },
      {
        next: (message) => {
          result = message as GraphQLBody;
        },
        error: reject,
        complete: () => resolve(result),
      },
    );
  });
}

const OUT_OF_SCOPE_SUBMISSION = () => validSubmission(700_001, { unitCode: '405' });

describe('UserError.message', () => {
  it('is Vietnamese over HTTP by default, and English with Accept-Language: en, with the same code and field', async () => {
    const agent = await tokenFor('FIELD_AGENT', '386');
    const ask = async (headers: Record<string, string>) =>
      (await overHttp(SUBMIT_ENROLMENT, { input: OUT_OF_SCOPE_SUBMISSION() }, { headers, token: agent })).data
        .submitEnrolment.userErrors as Refusal[];
    const vietnamese = {
      field: ['input', 'unitCode'],
      code: 'OUT_OF_SCOPE',
      message:
        'Đơn vị 405 (Đông Sơn) nằm ngoài đơn vị của mã truy cập này (386): chỉ được kê khai cho đơn vị đó và các đơn vị trực thuộc.',
    };
    const english = {
      field: ['input', 'unitCode'],
      code: 'OUT_OF_SCOPE',
      message:
        "Unit 405 is outside your token's unit 386: you may submit for it and the units under it only.",
    };
    expect(await ask({})).toEqual([vietnamese]);
    expect(await ask({ 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' })).toEqual([vietnamese]);
    expect(await ask({ 'accept-language': 'fr-FR, de;q=0.5' })).toEqual([vietnamese]);
    expect(await ask({ 'accept-language': 'en' })).toEqual([english]);
    expect(await ask({ 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' })).toEqual([english]);
    expect(await ask({ 'accept-language': 'fr, en;q=0.7' })).toEqual([english]);
  });

  it('is English over server-sent events with Accept-Language: en, Vietnamese without it', async () => {
    const token = await commandCenterToken();
    const input = () => validSubmission(700_002, { unitCode: 'nowhere' });
    const vi = await sseOperation(base, token, SUBMIT_ENROLMENT, { input: input() });
    const en = await sseOperation(
      base,
      token,
      SUBMIT_ENROLMENT,
      { input: input() },
      { 'accept-language': 'en' },
    );
    expect(vi.body.data.submitEnrolment.userErrors).toEqual([
      { field: ['input', 'unitCode'], code: 'NOT_FOUND', message: 'Không có đơn vị nào mang mã "nowhere".' },
    ]);
    expect(en.body.data.submitEnrolment.userErrors).toEqual([
      { field: ['input', 'unitCode'], code: 'NOT_FOUND', message: 'No unit has the code "nowhere".' },
    ]);
  });

  it('is English over a WebSocket whose connection_init says "language": "en", Vietnamese otherwise', async () => {
    const input = () => validSubmission(700_003, { scheme: 'STUDENT_HI' });
    const refusal = (message: string) => [{ field: ['input', 'scheme'], code: 'INVALID', message }];
    const en = await overSocket(SUBMIT_ENROLMENT, { input: input() }, { language: 'en' });
    expect(en.data.submitEnrolment.userErrors).toEqual(
      refusal('The campaign does not run STUDENT_HI; it runs VOLUNTARY_SI, HOUSEHOLD_HI.'),
    );
    const vietnamese = refusal(
      'Chiến dịch này không triển khai BHYT học sinh, sinh viên; chỉ nhận BHXH tự nguyện, BHYT hộ gia đình.',
    );
    expect(
      (await overSocket(SUBMIT_ENROLMENT, { input: input() }, {})).data.submitEnrolment.userErrors,
    ).toEqual(vietnamese);
    expect(
      (await overSocket(SUBMIT_ENROLMENT, { input: input() }, { language: 'vi' })).data.submitEnrolment
        .userErrors,
    ).toEqual(vietnamese);
    // The language is the connection's: the upgrade request's Accept-Language is the browser's.
    const upgradedInEnglish = await overSocket(
      SUBMIT_ENROLMENT,
      { input: input() },
      {},
      { 'accept-language': 'en' },
    );
    expect(upgradedInEnglish.data.submitEnrolment.userErrors).toEqual(vietnamese);
  });

  it('leaves top-level GraphQL errors in English, with their extensions.code', async () => {
    const body = await overHttp(
      'query { board(campaignId: "test-campaign", unitCode: "XX", date: "2026-05-10") { date } }',
      {},
    );
    expect(body.errors?.[0]).toMatchObject({
      message: 'No unit has the code "XX".',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

/**
 * A sample of every kind of refusal the API gives as a userError: each mutation's own, in one
 * place, so that a message written in English only shows up here.
 */
const SAMPLE: {
  label: string;
  query: string;
  variables: () => Record<string, unknown>;
  token?: () => Promise<string>;
}[] = [];
/** A refused submission; its key is the same in both languages, as nothing is stored under it. */
const submission = (label: string, overrides: Record<string, unknown>, token?: () => Promise<string>) => {
  const input = validSubmission(710_000 + SAMPLE.length, {
    idempotencyKey: `sample-${SAMPLE.length}-${'0'.repeat(8)}`,
    ...overrides,
  });
  SAMPLE.push({ label, query: SUBMIT_ENROLMENT, variables: () => ({ input }), ...(token ? { token } : {}) });
};
submission('citizen ID too short', { citizenId: '0380901234' });
submission('citizen ID too long', { citizenId: '0380901234567' });
submission('citizen ID with a letter', { citizenId: '03809O123456' });
submission('no such province', { citizenId: '003090123456' });
submission('no such century', { citizenId: '038590123456' });
submission('born in the future', { citizenId: '038290123456' });
submission('empty name', { fullName: '  ' });
submission('name with digits', { fullName: 'Nguyễn Văn 3' });
submission('name with an invisible character', { fullName: 'Lò\u200bThị Mai' });
submission('mark on no letter', { fullName: 'Lò Thị \u0301Mai' });
submission('three marks on a letter', { fullName: 'Nguye\u0323\u0302\u0301n Lan' });
submission('one-word name', { fullName: 'Lan' });
submission('child in voluntary social insurance', { citizenId: '038222000001' });
submission('born more than 120 years back', { citizenId: '038001000001' });
submission('bad key', { idempotencyKey: 'short' });
submission('enrolled in the future', { enrolledAt: '2099-01-01T00:00:00Z' });
submission('no such campaign', { campaignId: 'no-such-campaign' });
submission('closed campaign', { campaignId: 'closed-campaign' });
submission('scheme not run', { scheme: 'STUDENT_HI' });
submission('day outside the campaign', { enrolledAt: '2026-06-01T09:00:00+07:00' });
submission('no such unit', { unitCode: 'nowhere' });
submission('merged unit', { unitCode: '999' });
submission('no such officer', { officerCode: 'CB-NOBODY' });
submission('officer outside the unit', { unitCode: '405', officerCode: 'CB-386-01-1' });
submission('outside the token’s unit', { unitCode: '405' }, () => tokenFor('FIELD_AGENT', '386'));
submission('another officer’s token', { officerCode: 'CB-OTHER' }, () =>
  tokenFor('FIELD_AGENT', '386', { officerCode: 'CB-386-01-1' }),
);
submission('already enrolled', { citizenId: '038090799999' });
submission('key used for another submission', {
  idempotencyKey: 'stored-key-0001',
  fullName: 'Trần Văn Bình',
});
const mutation = (
  label: string,
  query: string,
  variables: () => Record<string, unknown> = () => ({}),
  token?: () => Promise<string>,
) => SAMPLE.push({ label, query, variables, ...(token ? { token } : {}) });
/** The enrolment voided before the sample runs. */
let voidedId = '';
const CAMPAIGN = 'campaign { id } userErrors { field code message }';
mutation(
  'new campaign with every field wrong',
  `mutation ($input: CampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN} } }`,
  () => ({ input: { id: 'X', name: ' ', graceDays: 91, unitCode: 'nowhere', schemes: [] } }),
);
mutation(
  'new campaign ending before it starts, listing a scheme twice, under an id taken',
  `mutation ($input: CampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN} } }`,
  () => ({
    input: {
      id: 'test-campaign',
      name: 'Thử',
      kind: 'CAMPAIGN_MONTH',
      startsOn: '2026-05-31',
      endsOn: '2026-05-01',
      schemes: ['VOLUNTARY_SI', 'VOLUNTARY_SI'],
    },
  }),
);
mutation(
  'campaign shortened past counted enrolments, dropping a counted scheme',
  `mutation ($input: CampaignInput!) { updateCampaign(id: "test-campaign", input: $input) { ${CAMPAIGN} } }`,
  () => ({ input: { startsOn: '2026-05-20', schemes: ['HOUSEHOLD_HI'] } }),
);
mutation(
  'campaign made to end before it starts',
  `mutation ($input: CampaignInput!) { updateCampaign(id: "test-campaign", input: $input) { ${CAMPAIGN} } }`,
  () => ({ input: { startsOn: '2026-06-10', endsOn: '2026-06-01' } }),
);
mutation('no campaign to update', `mutation { updateCampaign(id: "nothing", input: {}) { ${CAMPAIGN} } }`);
mutation('no campaign to close', `mutation { closeCampaign(id: "nothing") { ${CAMPAIGN} } }`);
mutation('campaign closed twice', `mutation { closeCampaign(id: "closed-campaign") { ${CAMPAIGN} } }`);
mutation(
  'campaign closed from outside its unit',
  `mutation { closeCampaign(id: "test-campaign") { ${CAMPAIGN} } }`,
  undefined,
  () => tokenFor('COMMAND_CENTER', '386'),
);
const BULK = 'applied userErrors { field code message }';
mutation(
  'targets with bad rows',
  `mutation ($rows: [TargetRowInput!]!) { setTargets(campaignId: "test-campaign", rows: $rows) { ${BULK} } }`,
  () => ({
    rows: [
      { unitCode: 'nowhere', scheme: 'STUDENT_HI', target: -1 },
      { unitCode: '386', scheme: 'VOLUNTARY_SI', target: 10 },
      { unitCode: '386', scheme: 'VOLUNTARY_SI', target: 20 },
    ],
  }),
);
mutation('targets of no campaign', `mutation { setTargets(campaignId: "nothing", rows: []) { ${BULK} } }`);
mutation(
  'daily goals with bad rows',
  `mutation ($rows: [DailyGoalRowInput!]!) { setDailyGoals(campaignId: "test-campaign", rows: $rows) { ${BULK} } }`,
  () => ({ rows: [{ unitCode: '386', scheme: 'VOLUNTARY_SI', day: '2026-06-02', goal: 20_000_000 }] }),
);
const UNIT = 'unit { code } userErrors { field code message }';
mutation(
  'unit with a bad code and name under no parent',
  `mutation { addUnit(input: { code: "a b", name: " ", kind: COMMUNE, parentCode: "nowhere" }) { ${UNIT} } }`,
);
mutation(
  'unit taken, under a merged parent',
  `mutation { addUnit(input: { code: "386", name: "Bá Thước", kind: DISTRICT, parentCode: "999" }) { ${UNIT} } }`,
);
mutation(
  'merge of nothing into nothing',
  `mutation { mergeUnit(input: { code: "nowhere", intoCode: "nowhere", effectiveOn: "2026-06-01" }) { ${UNIT} } }`,
);
mutation(
  'merge of a merged unit into a merged one',
  `mutation { mergeUnit(input: { code: "999", intoCode: "999", effectiveOn: "2026-06-01" }) { ${UNIT} } }`,
);
mutation(
  'merge of the nation into its own province',
  `mutation { mergeUnit(input: { code: "VN", intoCode: "38", effectiveOn: "2026-06-01" }) { ${UNIT} } }`,
);
mutation(
  'void of nothing, without a reason',
  'mutation { voidEnrolment(id: "nothing", reason: " ") { enrolment { id } userErrors { field code message } } }',
);
mutation(
  'void of nothing',
  'mutation { voidEnrolment(id: "nothing", reason: "Nhập trùng") { enrolment { id } userErrors { field code message } } }',
);
mutation(
  'void of an enrolment voided before',
  'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập trùng") { enrolment { id } userErrors { field code message } } }',
  () => ({ id: voidedId }),
);
mutation(
  'revocation of a bad token id, without a reason',
  'mutation { revokeToken(tokenId: "x", reason: "") { revoked userErrors { field code message } } }',
);

describe('every userError in the sample', () => {
  const answers: Record<'vi' | 'en', Refusal[][]> = { vi: [], en: [] };

  beforeAll(async () => {
    // What some refusals need to exist first: a stored enrolment (its person, its key), a voided
    // one, and a closed campaign.
    const stored = await overHttp(SUBMIT_ENROLMENT, {
      input: validSubmission(799_999, { idempotencyKey: 'stored-key-0001' }),
    });
    expect(stored.data.submitEnrolment.userErrors).toEqual([]);
    const voided = await overHttp(SUBMIT_ENROLMENT, { input: validSubmission(799_998) });
    voidedId = voided.data.submitEnrolment.enrolment.id;
    await overHttp(
      'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập trùng") { userErrors { code } } }',
      {
        id: voidedId,
      },
    );
    await overHttp(`mutation ($input: CampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN} } }`, {
      input: {
        id: 'closed-campaign',
        name: 'Chiến dịch đã đóng',
        kind: 'CAMPAIGN_MONTH',
        startsOn: '2026-05-01',
        endsOn: '2026-05-31',
        schemes: ['VOLUNTARY_SI'],
      },
    });
    await overHttp(`mutation { closeCampaign(id: "closed-campaign") { ${CAMPAIGN} } }`, {});
    for (const language of ['vi', 'en'] as const) {
      for (const { query, variables, token } of SAMPLE) {
        const body = await overHttp(query, variables(), {
          headers: language === 'en' ? { 'accept-language': 'en' } : {},
          ...(token ? { token: await token() } : {}),
        });
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        const payload = Object.values(body.data)[0] as { userErrors: Refusal[] };
        answers[language].push(payload.userErrors);
      }
    }
  });

  it.each(SAMPLE.map(({ label }, index) => [label, index] as const))(
    '%s: refused, in Vietnamese with its diacritics by default and in English on request, with the same codes',
    (_label, index) => {
      const vi = answers.vi[index] ?? [];
      const en = answers.en[index] ?? [];
      expect(vi.length).toBeGreaterThan(0);
      expect(en.map(({ field, code }) => ({ field, code }))).toEqual(
        vi.map(({ field, code }) => ({ field, code })),
      );
      vi.forEach((refusal, n) => {
        // A Vietnamese sentence has letters outside ASCII (ư, đ, ế …); an English one that
        // slipped through has none, unless it quotes a name.
        expect(refusal.message, refusal.message).toMatch(/[À-ỹ]/u);
        expect(refusal.message).not.toBe(en[n]?.message);
        expect(en[n]?.message.length).toBeGreaterThan(10);
      });
    },
  );

  it('covers the refusals of every mutation that has userErrors', () => {
    const codes = new Set(answers.vi.flat().map((refusal) => refusal.code));
    expect([...codes].sort()).toEqual([
      'ALREADY_ENROLLED',
      'ALREADY_VOIDED',
      'CAMPAIGN_CLOSED',
      'IDEMPOTENCY_KEY_REUSED',
      'INVALID',
      'NOT_FOUND',
      'OUT_OF_SCOPE',
    ]);
  });
});
