import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';

let app: App;
let graphql: GraphQLCall;

beforeAll(async () => {
  ({ app, graphql } = await startAppOnSmallTree());
});
afterAll(async () => {
  await app?.stop();
});

it('lists the standing units of a subtree, shallowest first, for uploads that name units', async () => {
  const { body } = await graphql('{ subtreeUnits(unitCode: "386") { code name } }');
  expect(body.data.subtreeUnits).toEqual([
    { code: '386', name: 'Bá Thước' },
    { code: '386-01', name: 'Cành Nàng' },
  ]);
  // Merged away (An Định, 999) is not a unit a row may name.
  const province = await graphql('{ subtreeUnits(unitCode: "38") { code } }');
  expect(province.body.data.subtreeUnits.map((unit: { code: string }) => unit.code)).toEqual([
    '38',
    '386',
    '390',
    '405',
    '386-01',
  ]);
  expect((await graphql('{ subtreeUnits(unitCode: "nowhere") { code } }')).body.data.subtreeUnits).toEqual(
    [],
  );
});

it('reads back the targets and daily goals set in a subtree, and only those', async () => {
  const set = await graphql(`mutation {
    setTargets(campaignId: "test-campaign", rows: [
      { unitCode: "386-01", scheme: VOLUNTARY_SI, target: 40 },
      { unitCode: "390", scheme: HOUSEHOLD_HI, target: 90 }
    ]) { applied userErrors { code } }
    setDailyGoals(campaignId: "test-campaign", rows: [
      { unitCode: "386", scheme: VOLUNTARY_SI, day: "2026-05-12", goal: 3 }
    ]) { applied userErrors { code } }
  }`);
  expect(set.body.data.setTargets).toEqual({ applied: 2, userErrors: [] });
  const { body } = await graphql(`{
    campaignTargets(campaignId: "test-campaign", unitCode: "386") { unitCode scheme target }
    campaignDailyGoals(campaignId: "test-campaign", unitCode: "38") { unitCode scheme day goal }
  }`);
  expect(body.data.campaignTargets).toEqual([{ unitCode: '386-01', scheme: 'VOLUNTARY_SI', target: 40 }]);
  expect(body.data.campaignDailyGoals).toEqual([
    { unitCode: '386', scheme: 'VOLUNTARY_SI', day: '2026-05-12', goal: 3 },
  ]);
});

it('filters the audit trail by unit and by Viet Nam days', async () => {
  await graphql(
    'mutation { addUnit(input: { code: "390-09", name: "Thử", kind: COMMUNE, parentCode: "390" }) { userErrors { code } } }',
  );
  const today = vnDay.today();
  const actions = async (args: string) =>
    (
      (await graphql(`{ auditEvents(${args}) { action target } }`)).body.data.auditEvents as {
        action: string;
      }[]
    ).map((event) => event.action);
  expect(await actions(`unitCode: "390-09", since: "${today}", until: "${today}"`)).toEqual(['ADD_UNIT']);
  expect(await actions(`unitCode: "390-09", until: "${vnDay.addDays(today, -1)}"`)).toEqual([]);
  expect(await actions(`unitCode: "390-09", since: "${vnDay.addDays(today, 1)}"`)).toEqual([]);
});
