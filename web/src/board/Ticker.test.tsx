import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { Ticker, type TickerItem } from './Ticker.tsx';

const district = (code: string, name: string) => ({ code, name, kind: 'DISTRICT' as const });
const item = (
  code: string,
  name: string,
  parent: TickerItem['unit']['parent'],
  kind: TickerItem['unit']['kind'] = 'COMMUNE',
): TickerItem => ({
  unit: { code, name, kind, parent },
  scheme: 'VOLUNTARY_SI',
  enrolledAt: '2026-12-01T03:00:00.000Z',
  receivedAt: '2026-12-01T03:00:01.000Z',
});

describe('the ticker', () => {
  beforeEach(() => setLanguage('vi'));

  it('names each commune with its district, so that the same name under two districts is told apart', () => {
    render(
      <Ticker
        items={[
          item('386-02', 'Xã mẫu 2', district('386', 'Bá Thước')),
          item('390-02', 'Xã mẫu 2', district('390', 'Cẩm Thủy')),
          item('395-01', 'Thọ Xuân', district('395', 'Thọ Xuân'), 'TOWNSHIP'),
        ]}
      />,
    );
    const places = [...document.querySelectorAll('[data-ticker-unit] .ticker-unit')].map(
      (el) => el.textContent,
    );
    expect(places).toEqual(['Xã mẫu 2, H. Bá Thước', 'Xã mẫu 2, H. Cẩm Thủy', 'TT. Thọ Xuân, H. Thọ Xuân']);
    expect(document.querySelector('[data-ticker-unit] time')?.textContent).toBe('10:00:01');
  });

  it('names a unit with no parent alone', () => {
    render(<Ticker items={[item('VN', 'Việt Nam', null, 'NATION')]} />);
    expect(document.querySelector('.ticker-unit')?.textContent).toBe('Việt Nam');
  });
});
