import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLBody, type GraphQLCall, startApp } from './fixtures/app.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { tokenFor } from './fixtures/tokens.ts';

/**
 * renewalsDue as a collection agent's work list (issue 20, item 5): by hamlet or street, with
 * household code and phone, the recently lapsed in it up to 90 days and not a day more.
 */
let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let vnDay: typeof import('@toandan/shared/vnDay').vnDay;
let coverageUntil: typeof import('@toandan/shared/cover').coverageUntil;
let today: string;

const CAMPAIGN = 'standing-campaign';
/** Cành Nàng, a commune of Bá Thước: only this file's people. */
const COMMUNE = '386-01';

let serial = 0;
const person = () => citizenIdOf(900_000 + ++serial);

const LIST = `query ($unit: String!, $order: RenewalOrder, $first: Int, $after: String) {
  renewalsDue(unitCode: $unit, orderBy: $order, first: $first, after: $after) {
    edges { cursor node { id citizenId fullName scheme unit { code } coverageUntil daysLeft hamlet address householdCode phone } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Node {
  id: string;
  citizenId: string;
  daysLeft: number;
  coverageUntil: string;
  hamlet: string | null;
  address: string | null;
  householdCode: string | null;
  phone: string | null;
}

/** Who is on the list, by name: the test's people, each with their cover's id once known. */
const people: Record<string, { citizenId: string; id?: string }> = {};

/** A 12-month card in the commune ending `daysLeft` days after today (before it, when negative). */
const endingIn = (
  name: string,
  daysLeft: number,
  contact: Record<string, string> = {},
  scheme = 'HOUSEHOLD_HI',
) => {
  const citizenId = person();
  people[name] = { citizenId };
  const until = vnDay.addDays(today, daysLeft);
  return {
    citizenId,
    fullName: `Người ${name}`,
    scheme,
    unitCode: COMMUNE,
    coverageFrom: vnDay.addDays(coverageUntil(until, -12), 1),
    coverageUntil: until,
    ...contact,
  };
};

async function submit(input: Record<string, unknown>) {
  const { body } = await graphql(
    `mutation ($input: SubmitEnrolmentInput!) {
      submitEnrolment(input: $input) { enrolment { id kind coverageUntil } userErrors { field code message } }
    }`,
    {
      input: {
        campaignId: CAMPAIGN,
        unitCode: COMMUNE,
        scheme: 'VOLUNTARY_SI',
        coverageMonths: 1,
        idempotencyKey: randomUUID(),
        ...input,
      },
    },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.submitEnrolment.userErrors).toEqual([]);
  return body.data.submitEnrolment.enrolment as { id: string; kind: string; coverageUntil: string };
}

const idsOf = (body: GraphQLBody): string[] =>
  body.data.renewalsDue.edges.map((edge: { node: Node }) => edge.node.id);

beforeAll(async () => {
  ({ app, graphql } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  ({ vnDay } = await import('@toandan/shared/vnDay'));
  ({ coverageUntil } = await import('@toandan/shared/cover'));
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  const { nation } = await loadSmallTree();
  today = vnDay.today();
  // Another province, for an officer who may not read Thanh Hóa's people.
  const ngheAn = await db.unit.create({
    data: {
      code: '40',
      name: 'Nghệ An',
      kind: 'PROVINCE',
      parentId: nation.id,
      ancestorIds: [nation.id],
      depth: 1,
    },
  });
  await db.unit.create({
    data: {
      code: '412',
      name: 'Quỳnh Lưu',
      kind: 'DISTRICT',
      parentId: ngheAn.id,
      ancestorIds: [nation.id, ngheAn.id],
      depth: 2,
    },
  });
  await db.campaign.create({
    data: {
      id: CAMPAIGN,
      name: 'Vận động thường xuyên',
      kind: 'STANDING',
      startsOn: vnDay.toDateColumn(vnDay.addDays(today, -60)),
      endsOn: vnDay.toDateColumn(vnDay.addDays(today, 60)),
      schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
      unitId: nation.id,
    },
  });
  const rows = [
    endingIn('An', 20, {
      address: 'Thôn Bá, xã Cành Nàng',
      householdCode: '3809000001',
      phone: '0912000111',
    }),
    endingIn('Bình', 5, { address: 'Số 3, thôn Bá, xã Cành Nàng', householdCode: '3809000002' }),
    endingIn('Chi', -40, { address: 'Bản Hạ, xã Cành Nàng', phone: '0912000333' }),
    // The last day of the 90 after a lapse, and the first day past them.
    endingIn('Dũng', -90, { address: 'Bản Hạ' }),
    endingIn('Giang', -91, { address: 'Bản Hạ' }),
    // Renewed below, on a phone, from a voluntary-SI cover that lapsed 20 days ago.
    endingIn('Hà', -20, { address: '12 Lê Lợi, xã Cành Nàng', householdCode: '3809000008' }, 'VOLUNTARY_SI'),
  ];
  const imported = await graphql(
    `mutation ($rows: [CoverageInput!]!) { importCoverage(rows: $rows) { applied userErrors { field code message } } }`,
    { rows },
  );
  expect(imported.body.data.importCoverage).toEqual({ applied: rows.length, userErrors: [] });
  const { citizenKey } = await import('@toandan/db/enrolmentKeys');
  for (const [name, { citizenId }] of Object.entries(people)) {
    const scheme = name === 'Hà' ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI';
    const cover = await db.importedCover.findFirstOrThrow({
      where: { citizenKey: citizenKey(scheme, citizenId) },
    });
    (people[name] as { id?: string }).id = cover.id;
  }
  // Hà renewed for a month, 25 days ago: her enrolment is due in some days, and she stays
  // reachable at the address BHXH's list gave.
  const renewal = await submit({
    renewsCover: people.Hà?.id,
    enrolledAt: `${vnDay.addDays(today, -18)}T09:00:00+07:00`,
  });
  expect(renewal.kind).toBe('RENEWAL');
  (people.Hà as { id?: string }).id = renewal.id;
  // Signed up here with no address: last of the list by address.
  people.Khoa = { citizenId: person() };
  const khoa = await submit({
    citizenId: people.Khoa.citizenId,
    fullName: 'Người Khoa',
    enrolledAt: `${vnDay.addDays(today, -20)}T09:00:00+07:00`,
  });
  people.Khoa.id = khoa.id;
});
afterAll(() => app.stop());

describe('renewalsDue as a work list', () => {
  it('groups by hamlet or street, soonest first in each, those with no address last', async () => {
    const officer = await tokenFor('FIELD_AGENT', COMMUNE, { subject: 'test:agent-386-01' });
    const { body } = await graphql(LIST, { unit: COMMUNE, order: 'ADDRESS' }, officer);
    expect(body.errors).toBeUndefined();
    const nodes: Node[] = body.data.renewalsDue.edges.map((edge: { node: Node }) => edge.node);
    const ha = nodes.find((node) => node.id === people.Hà?.id);
    expect(ha?.daysLeft).toBeGreaterThan(0);
    expect(nodes.map((node) => [node.hamlet, node.id])).toEqual([
      ['Bản Hạ', people.Dũng?.id],
      ['Bản Hạ', people.Chi?.id],
      ['Lê Lợi', people.Hà?.id],
      ['Thôn Bá', people.Bình?.id],
      ['Thôn Bá', people.An?.id],
      [null, people.Khoa?.id],
    ]);
    expect(nodes[0]).toMatchObject({ daysLeft: -90, address: 'Bản Hạ', householdCode: null, phone: null });
    expect(nodes[1]).toMatchObject({ daysLeft: -40, phone: '0912000333' });
    // A phone's renewal keeps the person's address, household and phone from BHXH's list.
    expect(ha).toMatchObject({
      address: '12 Lê Lợi, xã Cành Nàng',
      householdCode: '3809000008',
      phone: null,
    });
    expect(nodes[4]).toMatchObject({
      citizenId: people.An?.citizenId,
      daysLeft: 20,
      address: 'Thôn Bá, xã Cành Nàng',
      householdCode: '3809000001',
      phone: '0912000111',
    });
    expect(nodes[5]).toMatchObject({ address: null, householdCode: null, phone: null, hamlet: null });
    // 91 days after the lapse, and the cover Hà's renewal extends, are off the list.
    expect(nodes.map((node) => node.citizenId)).not.toContain(people.Giang?.citizenId);
    expect(nodes.filter((node) => node.citizenId === people.Hà?.citizenId)).toHaveLength(1);
  });

  it('stays soonest first by default, the lapsed up to 90 days first', async () => {
    const { body } = await graphql(LIST, { unit: COMMUNE });
    const nodes: Node[] = body.data.renewalsDue.edges.map((edge: { node: Node }) => edge.node);
    expect(nodes.map((node) => node.daysLeft).slice(0, 2)).toEqual([-90, -40]);
    const keys = nodes.map((node) => `${node.coverageUntil} ${node.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(idsOf(body))).toEqual(
      new Set(['Dũng', 'Chi', 'Hà', 'Bình', 'An', 'Khoa'].map((name) => people[name]?.id)),
    );
  });

  it('pages by address without overlap, and a cursor of one order is refused in the other', async () => {
    const whole = await graphql(LIST, { unit: COMMUNE, order: 'ADDRESS' });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const { body } = await graphql(LIST, { unit: COMMUNE, order: 'ADDRESS', first: 2, after });
      seen.push(...idsOf(body));
      after = body.data.renewalsDue.pageInfo.endCursor;
      if (!body.data.renewalsDue.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(idsOf(whole.body));
    const first = await graphql(LIST, { unit: COMMUNE, first: 2 });
    const mixed = await graphql(LIST, {
      unit: COMMUNE,
      order: 'ADDRESS',
      after: first.body.data.renewalsDue.pageInfo.endCursor,
    });
    expect(mixed.body.errors?.[0]?.extensions?.code).toBe('BAD_CURSOR');
  });

  it('is refused to a partner and to another province’s officer (FORBIDDEN, as the enrolments list); each read is audited', async () => {
    const partner = await graphql(LIST, { unit: COMMUNE }, await tokenFor('PARTNER'));
    expect(partner.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(partner.body.data).toBeNull();
    const elsewhere = await graphql(LIST, { unit: COMMUNE }, await tokenFor('FIELD_AGENT', '40'));
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(elsewhere.body.data).toBeNull();
    // Even the hamlet alone is the person's: not for a partner.
    const hamlets = await graphql(
      `{ renewalsDue(unitCode: "${COMMUNE}") { edges { node { hamlet } } } }`,
      {},
      await tokenFor('PARTNER'),
    );
    expect(hamlets.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reads = () =>
      db.auditEvent.findMany({ where: { action: 'READ_PERSONAL_DATA' }, orderBy: { id: 'asc' } });
    const before = (await reads()).length;
    const officer = await tokenFor('FIELD_AGENT', COMMUNE, { subject: 'test:agent-386-01' });
    await graphql(LIST, { unit: COMMUNE, order: 'ADDRESS' }, officer);
    await graphql(`{ renewalsDue(unitCode: "${COMMUNE}") { edges { node { id hamlet } } } }`, {}, officer);
    const recorded = (await reads()).slice(before);
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({ actor: 'test:agent-386-01', target: COMMUNE });
    expect(recorded[0]?.details).toMatchObject({
      renewalsDue: true,
      orderBy: 'ADDRESS',
      enrolments: 2,
      enrolmentIds: expect.arrayContaining([people.Hà?.id, people.Khoa?.id]),
      importedCovers: 4,
      importedCoverIds: expect.arrayContaining([people.An?.id, people.Dũng?.id]),
    });
    const text = JSON.stringify(recorded.map((event) => event.details));
    for (const { citizenId } of Object.values(people)) expect(text).not.toContain(citizenId);
  });
});
