import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Tally } from '../board/TallyCell.tsx';
import { setLanguage } from '../i18n/index.ts';
import { tally } from '../test/tally.ts';
import { WallTile } from './WallTile.tsx';

const tile = (tallies: Tally[]) =>
  render(
    <ol data-density="full">
      <WallTile row={{ unit: { code: '395', name: 'Thọ Xuân', kind: 'DISTRICT' }, tallies }} />
    </ol>,
  );

describe('a tile of the wall', () => {
  beforeEach(() => setLanguage('vi'));

  it('carries data-unit-code, and a band per scheme with data-scheme, its status, the share and today', () => {
    const { container } = tile([
      tally({ status: 'BEHIND', today: 1234, percentOfTarget: 31.4 }),
      tally({ scheme: 'HOUSEHOLD_HI', status: 'NO_ACTIVITY_YET', today: 0, percentOfTarget: null }),
    ]);
    const band = container.querySelector('[data-unit-code="395"] [data-scheme="VOLUNTARY_SI"]');
    expect(band?.getAttribute('data-today')).toBe('1234');
    expect(band?.getAttribute('data-status')).toBe('BEHIND');
    expect(band?.querySelector('.wall-band-status')?.textContent).toBe('Chậm tiến độ');
    expect(band?.querySelector('.wall-band-percent')?.textContent).toBe('31%');
    expect(band?.querySelector('.wall-band-today')?.textContent).toBe('+1.234 hồ sơ mới hôm nay');
    expect(band?.textContent).toContain('BHXH tự nguyện');
    const idle = container.querySelector('[data-scheme="HOUSEHOLD_HI"]');
    expect(idle?.querySelector('.wall-band-status')?.textContent).toBe('Chưa có kết quả');
    expect(idle?.querySelector('.wall-band-short-status')?.textContent).toBe('Chưa có\nkết quả');
    expect(idle?.querySelector('.wall-band-percent')?.textContent).toBe('–');
  });

  it('shows a status it has no words for as unknown, in grey, with its figures', () => {
    const { container } = tile([tally({ status: 'SOMETHING_NEW' as Tally['status'], percentOfTarget: 50 })]);
    const band = container.querySelector<HTMLElement>('[data-scheme="VOLUNTARY_SI"]');
    expect(band?.querySelector('.wall-band-status')?.textContent).toBe('Chưa rõ tiến độ');
    expect(band?.querySelector('.wall-band-short-status')?.textContent).toBe('Chưa rõ tiến độ');
    expect(band?.style.getPropertyValue('--status')).toBe('#5b6470');
    expect(band?.querySelector('.wall-band-percent')?.textContent).toBe('50%');
  });

  it('speaks English after the toggle', async () => {
    await setLanguage('en');
    const { container } = tile([tally({ status: 'AHEAD', today: 1234 })]);
    expect(container.querySelector('.wall-band-status')?.textContent).toBe('Ahead');
    expect(container.querySelector('.wall-band-today')?.textContent).toBe('+1,234 new today');
  });
});
