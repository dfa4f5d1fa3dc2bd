import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FragmentOf } from '../graphql.ts';
import { setLanguage } from '../i18n/index.ts';
import { type CampaignItem, CampaignList, nameCarriesDays } from './CampaignList.tsx';

const drive = {
  id: 'ra-quan',
  name: 'Đợt ra quân cao điểm phát triển người tham gia BHXH tự nguyện, BHYT hộ gia đình (25/11/2026 – 14/12/2026)',
  kind: 'DRIVE' as const,
  startsOn: '2026-11-25',
  endsOn: '2026-12-14',
  schemes: ['VOLUNTARY_SI' as const, 'HOUSEHOLD_HI' as const],
  unit: { code: 'VN', name: 'Việt Nam' },
};
const may = {
  ...drive,
  id: 'thang-5',
  name: 'Tháng vận động triển khai BHXH toàn dân tháng 5/2026',
  kind: 'CAMPAIGN_MONTH' as const,
  startsOn: '2026-05-01',
  endsOn: '2026-05-31',
};

describe('the campaign cards', () => {
  beforeEach(() => setLanguage('vi'));

  it('knows a name that writes its own first and last day', () => {
    expect(nameCarriesDays(drive)).toBe(true);
    expect(
      nameCarriesDays({ ...drive, name: 'Đợt ra quân 1/12/2026 – 14/12/2026', startsOn: '2026-12-01' }),
    ).toBe(true);
    expect(nameCarriesDays(may)).toBe(false);
    // One day in the name is not both.
    expect(nameCarriesDays({ ...drive, name: 'Ra quân ngày 25/11/2026' })).toBe(false);
  });

  it('says the days once', () => {
    render(
      <MemoryRouter>
        <CampaignList campaigns={[drive, may] as unknown as FragmentOf<typeof CampaignItem>[]} />
      </MemoryRouter>,
    );
    const card = (id: string) => document.querySelector(`[data-campaign-id="${id}"]`)?.textContent ?? '';
    expect(card('ra-quan').split('25/11/2026')).toHaveLength(2);
    expect(card('ra-quan').split('14/12/2026')).toHaveLength(2);
    expect(card('thang-5')).toContain('Từ 01/05/2026 đến 31/05/2026');
  });
});
