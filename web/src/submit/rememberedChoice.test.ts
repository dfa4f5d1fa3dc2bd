import { describe, expect, it } from 'vitest';
import type { FieldCampaign, FieldUnit } from './fieldContext.ts';
import { initialChoice, rememberChoice, rememberedChoice } from './rememberedChoice.ts';

const drive = (id: string, schemes: FieldCampaign['schemes']): FieldCampaign => ({
  id,
  name: id,
  startsOn: '2026-12-01',
  endsOn: '2026-12-10',
  schemes,
  graceDays: 7,
  closedAt: null,
});
const units: FieldUnit[] = [
  { code: '386', name: 'Bá Thước', depth: 0 },
  { code: '386-01', name: 'Cành Nàng', depth: 1 },
];

describe('the remembered campaign, scheme and unit', () => {
  it('is kept in the browser and opens the form where the officer left it', () => {
    expect(rememberedChoice()).toEqual({});
    rememberChoice({ campaignId: 'december', scheme: 'HOUSEHOLD_HI', unitCode: '386-01' });
    const campaigns = [drive('december', ['VOLUNTARY_SI', 'HOUSEHOLD_HI'])];
    expect(initialChoice(campaigns, units, '386', rememberedChoice())).toEqual({
      campaignId: 'december',
      scheme: 'HOUSEHOLD_HI',
      unitCode: '386-01',
    });
  });

  it('gives way where it no longer holds: a scheme the campaign does not run, a unit not offered', () => {
    const remembered = { campaignId: 'december', scheme: 'STUDENT_HI', unitCode: '390' };
    // The same campaign, its student scheme dropped since.
    expect(initialChoice([drive('december', ['VOLUNTARY_SI'])], units, '386', remembered)).toEqual({
      campaignId: 'december',
      scheme: 'VOLUNTARY_SI',
      unitCode: '386',
    });
    // Another campaign now: the scheme stays only if that one runs it too.
    expect(initialChoice([drive('next', ['HOUSEHOLD_HI', 'STUDENT_HI'])], units, '386', remembered)).toEqual({
      campaignId: 'next',
      scheme: 'STUDENT_HI',
      unitCode: '386',
    });
    expect(initialChoice([drive('next', ['HOUSEHOLD_HI'])], units, '386', remembered).scheme).toBe(
      'HOUSEHOLD_HI',
    );
  });

  it('survives a browser that keeps something else under its key', () => {
    localStorage.setItem('toandan.field.choice', 'not json');
    expect(rememberedChoice()).toEqual({});
  });
});
