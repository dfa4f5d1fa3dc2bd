import type { App } from '@toandan/server/app';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { type Update, until, watchBoard, wsClient } from './fixtures/live.ts';
import { validSubmission } from './fixtures/submissions.ts';

let app: App;
let base: string;
let graphql: GraphQLCall;
let client: Client;
let publishedAll: () => Promise<boolean>;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  client = wsClient(base);
  ({ publishedAll } = await import('@toandan/server/live/boardPublisher'));
});
afterAll(async () => {
  await client.dispose();
  await app.stop();
});

let person = 0;
async function submit(overrides: Record<string, unknown> = {}) {
  person++;
  const { body } = await graphql(
    `mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { enrolment { id } userErrors { code } } }`,
    {
      input: validSubmission(880_000 + person, { enrolledAt: '2026-05-10T10:00:00+07:00', ...overrides }),
    },
  );
  return body.data.submitEnrolment as { enrolment: { id: string } | null; userErrors: { code: string }[] };
}

/** A subscription of this file's client, live on the server when it resolves. */
async function watch(unitCode: string) {
  const watcher = watchBoard(client, unitCode);
  await watcher.opened();
  return { ...watcher.state, stop: watcher.stop };
}

async function board(unitCode: string) {
  const { body } = await graphql(
    `query ($unitCode: String!) { board(campaignId: "test-campaign", unitCode: $unitCode, date: "2026-05-10") {
      sequence totals { scheme today cumulative } rows { unit { code } tallies { scheme today cumulative } } } }`,
    { unitCode },
  );
  return body.data.board as {
    sequence: number;
    totals: { scheme: string; today: number; cumulative: number }[];
    rows: { unit: { code: string }; tallies: { scheme: string; today: number; cumulative: number }[] }[];
  };
}

const change = (update: Update | undefined, unitCode: string) =>
  update?.changes.find(
    (c) => c.unitCode === unitCode && c.scheme === 'VOLUNTARY_SI' && c.date === '2026-05-10',
  );

describe('boardUpdated over graphql-ws', () => {
  it('sends every board that contains the enrolment its new absolute values, after commit', async () => {
    const [province, district, nation] = await Promise.all([watch('38'), watch('386'), watch('VN')]);
    const sequenceBefore = (await board('38')).sequence;
    expect(province.opening).toMatchObject({ sequence: sequenceBefore, changes: [] });
    expect((await submit()).userErrors).toEqual([]);
    await until(
      () => province.updates.length > 0 && district.updates.length > 0 && nation.updates.length > 0,
      'updates',
    );

    const refetched = await board('38');
    const first = province.updates[0];
    expect(first?.sequence).toBe(sequenceBefore + 1);
    expect(refetched.sequence).toBe(first?.sequence);
    // The province sees its own total and the row of Bá Thước (386), as a refetch shows them.
    const total = refetched.totals.find((t) => t.scheme === 'VOLUNTARY_SI');
    const row = refetched.rows
      .find((r) => r.unit.code === '386')
      ?.tallies.find((t) => t.scheme === 'VOLUNTARY_SI');
    expect(change(first, '38')).toMatchObject({ today: total?.today, cumulative: total?.cumulative });
    expect(change(first, '386')).toMatchObject({ today: row?.today, cumulative: row?.cumulative });
    expect(change(district.updates[0], '386-01')).toMatchObject({ today: 1, cumulative: 1 });
    expect(change(nation.updates[0], '38')).toMatchObject({ today: total?.today });
    for (const watcher of [province, district, nation]) {
      expect(watcher.errors).toEqual([]);
      watcher.stop();
    }
  });

  it('numbers updates +1 with no gap through a burst, and ends on the values of a refetch', async () => {
    const province = await watch('38');
    const start = province.opening?.sequence ?? Number.NaN;
    await Promise.all(Array.from({ length: 12 }, () => submit()));
    const expected = await board('38');
    const final = expected.totals.find((t) => t.scheme === 'VOLUNTARY_SI')?.today ?? Number.NaN;
    await until(() => change(province.updates.at(-1), '38')?.today === final, 'the final values');
    // A sentinel after the burst: whatever the burst had still to send comes before its update.
    await submit();
    await until(() => change(province.updates.at(-1), '38')?.today === final + 1, 'the sentinel');
    const sequences = province.updates.map((update) => update.sequence);
    expect(sequences).toEqual(sequences.map((_, index) => start + 1 + index));
    // Coalescing: fewer updates than enrolments, never a dropped final value.
    expect(sequences.length).toBeLessThan(13);
    expect((await board('38')).sequence).toBe(sequences.at(-1));
    province.stop();
  });

  it('sends nothing for a refused submission', async () => {
    const province = await watch('38');
    const before = await board('38');
    expect((await submit({ citizenId: '12345' })).userErrors[0]?.code).toBe('INVALID');
    expect((await submit({ unitCode: 'nowhere' })).userErrors[0]?.code).toBe('NOT_FOUND');
    expect((await submit()).userErrors).toEqual([]);
    await until(() => province.updates.length > 0, 'the accepted one');
    // One update, for the one accepted submission: the refused ones numbered and sent nothing.
    // The accepted one is their sentinel: anything they had sent would have come before it.
    expect(province.updates.map((update) => update.sequence)).toEqual([before.sequence + 1]);
    const total = before.totals.find((t) => t.scheme === 'VOLUNTARY_SI');
    expect(change(province.updates[0], '38')?.today).toBe((total?.today ?? 0) + 1);
    province.stop();
  });

  it('sends the lowered numbers when an enrolment is voided', async () => {
    const enrolment = (await submit()).enrolment;
    await publishedAll();
    const before = await board('386');
    const district = await watch('386');
    await graphql(
      'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập nhầm") { userErrors { code } } }',
      {
        id: enrolment?.id,
      },
    );
    await until(() => district.updates.length > 0, 'the void');
    const total = before.totals.find((t) => t.scheme === 'VOLUNTARY_SI');
    expect(change(district.updates[0], '386')).toMatchObject({
      today: (total?.today ?? 0) - 1,
      cumulative: (total?.cumulative ?? 0) - 1,
    });
    expect(district.updates[0]?.sequence).toBe(before.sequence + 1);
    district.stop();
  });

  it('refuses to watch a unit that does not exist', async () => {
    const nowhere = await watch('nowhere');
    await until(() => nowhere.errors.length > 0, 'an error');
    expect(JSON.stringify(nowhere.errors)).toContain('No unit has the code \\"nowhere\\".');
  });
});
