import { describe, expect, it } from 'vitest';
import { landingOf } from './landing.ts';

const national = { id: 'ra-quan', unit: { code: 'VN' } };
const haiDuong = { id: 'hai-duong', unit: { code: '30' } };

describe('where / lands', () => {
  it('opens the token’s own unit in the running campaign that covers it', () => {
    expect(landingOf([national], '38', ['VN', '38'])).toEqual({ campaignId: 'ra-quan', unitCode: '38' });
    expect(landingOf([national], '386-02', ['386-02', '386', '38', 'VN'])).toEqual({
      campaignId: 'ra-quan',
      unitCode: '386-02',
    });
  });

  it('skips a running campaign of another province', () => {
    expect(landingOf([haiDuong, national], '38', ['VN', '38'])).toEqual({
      campaignId: 'ra-quan',
      unitCode: '38',
    });
    expect(landingOf([haiDuong], '38', ['VN', '38'])).toBeNull();
  });

  it('opens the campaign’s own unit for a token of the whole country, and nothing without a running campaign', () => {
    expect(landingOf([haiDuong, national], null, [])).toEqual({ campaignId: 'hai-duong', unitCode: '30' });
    expect(landingOf([], null, [])).toBeNull();
  });
});
