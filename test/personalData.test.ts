import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { tokenFor } from './fixtures/tokens.ts';

// Personal data at rest, and the audit trail (docs/security.md).
let app: App;
let graphql: GraphQLCall;
let base: string;
let db: typeof import('@toandan/db/db').db;

beforeAll(async () => {
  ({ app, graphql, base } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
});
afterAll(() => app.stop());

const SUBMIT = `mutation ($input: SubmitEnrolmentInput!) {
  submitEnrolment(input: $input) { enrolment { id citizenId fullName } duplicate userErrors { code } } }`;

async function submit(citizenId: string, fullName: string, token?: string) {
  const { body } = await graphql(
    SUBMIT,
    {
      input: {
        campaignId: 'test-campaign',
        unitCode: '386-01',
        scheme: 'VOLUNTARY_SI',
        citizenId,
        fullName,
        idempotencyKey: randomUUID(),
        enrolledAt: '2026-05-14T09:00:00+07:00',
      },
    },
    token,
  );
  return body.data.submitEnrolment;
}

/** Every text the database holds about enrolments and the audit, as one string. */
async function everythingStored(): Promise<string> {
  const enrolments = await db.$queryRawUnsafe<unknown[]>('SELECT * FROM "Enrolment"');
  const audit = await db.$queryRawUnsafe<unknown[]>('SELECT * FROM "AuditEvent"');
  return JSON.stringify([enrolments, audit], (_key, value) =>
    typeof value === 'bigint' ? String(value) : value,
  );
}

describe('personal data at rest', () => {
  it('stores citizen IDs and names sealed, and finds duplicates by keyed hash', async () => {
    const first = await submit('038191000001', 'Nguyễn Văn An');
    expect(first).toMatchObject({
      duplicate: false,
      enrolment: { citizenId: '038191000001', fullName: 'Nguyễn Văn An' },
    });
    const stored = await db.enrolment.findUniqueOrThrow({ where: { id: first.enrolment.id } });
    expect(stored.citizenIdSealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+$/);
    expect(stored.personKey).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.requestDigest).toMatch(/^[0-9a-f]{64}$/);
    const everything = await everythingStored();
    expect(everything).not.toContain('038191000001');
    expect(everything).not.toContain('Nguyễn Văn An');
    // The same person under another key is found through the keyed hash alone.
    const again = await submit('038191000001', 'Nguyễn Văn An');
    expect(again).toEqual({ duplicate: true, enrolment: null, userErrors: [{ code: 'ALREADY_ENROLLED' }] });
  });

  it('seals, at start, what was stored before sealing, and counts it as before', async () => {
    const unit = await db.unit.findUniqueOrThrow({ where: { code: '386-01' } });
    await db.$executeRawUnsafe(
      `INSERT INTO "Enrolment" (id, "campaignId", "unitId", scheme, "citizenIdSealed", "fullNameSealed", channel,
         "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", "personKey", "coverageFrom", "coverageUntil")
       VALUES ('old-1', 'test-campaign', $1, 'HOUSEHOLD_HI', '038191000002', 'Lò Thị Mai', 'FIELD_VISIT',
         '2026-05-13T02:00:00Z', '2026-05-13', '2026-05-13T02:00:00Z', 'old-key-000001', 'old', 'test-campaign:HOUSEHOLD_HI:038191000002',
         '2026-05-13', '2027-05-12')`,
      unit.id,
    );
    const { sealPersonalData } = await import('@toandan/db/sealPersonalData');
    expect(await sealPersonalData(db)).toBe(1);
    expect(await sealPersonalData(db)).toBe(0);
    expect(await everythingStored()).not.toContain('038191000002');
    const { body } = await graphql(
      `{ enrolments(campaignId: "test-campaign", unitCode: "386-01", first: 50) { edges { node { id citizenId fullName } } } }`,
    );
    expect(body.data.enrolments.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      id: 'old-1',
      citizenId: '038191000002',
      fullName: 'Lò Thị Mai',
    });
    // Its person key is the keyed hash now: the same person again is already enrolled.
    const { body: duplicate } = await graphql(SUBMIT, {
      input: {
        campaignId: 'test-campaign',
        unitCode: '386-01',
        scheme: 'HOUSEHOLD_HI',
        citizenId: '038191000002',
        fullName: 'Lò Thị Mai',
        idempotencyKey: randomUUID(),
        enrolledAt: '2026-05-14T09:00:00+07:00',
      },
    });
    expect(duplicate.data.submitEnrolment).toEqual({
      duplicate: true,
      enrolment: null,
      userErrors: [{ code: 'ALREADY_ENROLLED' }],
    });
  });
});

describe('the audit trail', () => {
  it('records who submitted, voided, changed and read personal data, when and from which client', async () => {
    const agent = await tokenFor('FIELD_AGENT', '386', { subject: 'agent:tho-xuan-7' });
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${agent}`,
        'user-agent': 'ToanDan-Field/1.4 (Android 14)',
        'x-client-name': 'field-app',
      },
      body: JSON.stringify({
        query: SUBMIT,
        variables: {
          input: {
            campaignId: 'test-campaign',
            unitCode: '386-01',
            scheme: 'HOUSEHOLD_HI',
            citizenId: '038191000003',
            fullName: 'Hà Văn Sơn',
            idempotencyKey: randomUUID(),
            enrolledAt: '2026-05-14T09:00:00+07:00',
          },
        },
      }),
    });
    const submitted = (
      (await response.json()) as { data: { submitEnrolment: { enrolment: { id: string } } } }
    ).data.submitEnrolment.enrolment.id;
    await graphql(
      'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập nhầm") { userErrors { code } } }',
      {
        id: submitted,
      },
    );
    await graphql(
      'mutation { setTargets(campaignId: "test-campaign", rows: [{ unitCode: "386", scheme: HOUSEHOLD_HI, target: 90 }]) { userErrors { code } } }',
    );
    const { body: list } = await graphql(
      '{ enrolments(campaignId: "test-campaign", unitCode: "386", first: 5) { edges { node { id fullName } } } }',
    );
    const listed = list.data.enrolments.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(listed.length).toBeGreaterThan(0);

    const { body } = await graphql(
      '{ auditEvents(first: 4) { id at action actor role actorUnit tokenId client target details } }',
    );
    const events = body.data.auditEvents;
    expect(events.map((event: { action: string }) => event.action)).toEqual([
      'READ_PERSONAL_DATA',
      'SET_TARGETS',
      'VOID_ENROLMENT',
      'SUBMIT_ENROLMENT',
    ]);
    expect(events[3]).toMatchObject({
      actor: 'agent:tho-xuan-7',
      role: 'FIELD_AGENT',
      actorUnit: '386',
      target: submitted,
    });
    expect(events[3].client).toContain('field-app');
    expect(events[3].client).toContain('ToanDan-Field/1.4');
    expect(events[2]).toMatchObject({
      actor: 'test:command-center',
      role: 'COMMAND_CENTER',
      target: submitted,
    });
    expect(JSON.parse(events[1].details)).toEqual({ rows: 1 });
    // Whose records were read, not only how many.
    expect(JSON.parse(events[0].details)).toEqual({
      campaignId: 'test-campaign',
      enrolments: listed.length,
      enrolmentIds: listed,
    });
    expect(Number(events[0].id)).toBeGreaterThan(Number(events[3].id));
    expect(JSON.stringify(events)).not.toContain('038191000003');
  });

  it('records a void’s answer that carries the person’s data as a read of that enrolment', async () => {
    const reads = () =>
      db.auditEvent.findMany({ where: { action: 'READ_PERSONAL_DATA' }, orderBy: { id: 'asc' } });
    const VOID = (fields: string) =>
      `mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Sai loại hình") { enrolment { ${fields} } userErrors { code } } }`;
    const first = await submit('038191000004', 'Đinh Thị Hoa');
    const second = await submit('038191000005', 'Cao Văn Phúc');
    const before = (await reads()).length;
    // Without a personal field the answer reads nobody's data.
    const plain = await graphql(VOID('id voided'), { id: first.enrolment.id });
    expect(plain.body.data.voidEnrolment).toEqual({
      enrolment: { id: first.enrolment.id, voided: true },
      userErrors: [],
    });
    expect(await reads()).toHaveLength(before);

    const withName = await graphql(VOID('id citizenId fullName'), { id: second.enrolment.id });
    expect(withName.body.data.voidEnrolment.enrolment.fullName).toBe('Cao Văn Phúc');
    // Voided before: the answer still carries the data, and is a read too.
    const again = await graphql(VOID('fullName'), { id: second.enrolment.id });
    expect(again.body.data.voidEnrolment).toEqual({
      enrolment: { fullName: 'Cao Văn Phúc' },
      userErrors: [{ code: 'ALREADY_VOIDED' }],
    });
    const recorded = (await reads()).slice(before);
    expect(recorded).toHaveLength(2);
    for (const event of recorded) {
      expect(event).toMatchObject({ actor: 'test:command-center', target: second.enrolment.id });
      expect(event.details).toEqual({ enrolments: 1, enrolmentIds: [second.enrolment.id] });
    }
  });

  it('records no read for answers to submissions: the caller’s own, or the same person under another key', async () => {
    const input = {
      campaignId: 'test-campaign',
      unitCode: '386-01',
      scheme: 'HOUSEHOLD_HI',
      citizenId: '038191000006',
      fullName: 'Vi Thị Thu',
      idempotencyKey: randomUUID(),
      enrolledAt: '2026-05-14T09:00:00+07:00',
    };
    const reads = () => db.auditEvent.count({ where: { action: 'READ_PERSONAL_DATA' } });
    const before = await reads();
    const first = await graphql(SUBMIT, { input });
    expect(first.body.data.submitEnrolment.enrolment.fullName).toBe('Vi Thị Thu');
    const retry = await graphql(SUBMIT, { input });
    expect(retry.body.data.submitEnrolment).toEqual({ ...first.body.data.submitEnrolment, duplicate: true });
    const agent = await tokenFor('FIELD_AGENT', '386');
    const other = await graphql(SUBMIT, { input: { ...input, idempotencyKey: randomUUID() } }, agent);
    expect(other.body.data.submitEnrolment).toEqual({
      enrolment: null,
      duplicate: true,
      userErrors: [{ code: 'ALREADY_ENROLLED' }],
    });
    expect(await reads()).toBe(before);
  });

  it('cannot be edited: no operation changes it, and the database refuses UPDATE and DELETE', async () => {
    const schema = await (await fetch(`${base}/schema.graphql`)).text();
    const mutations = /type Mutation \{([\s\S]*?)\n\}/.exec(schema)?.[1] ?? '';
    expect(mutations).not.toMatch(/audit/i);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET actor = 'someone else'`)).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/cannot be changed/);
    expect(await db.auditEvent.count()).toBeGreaterThan(0);
  });
});
