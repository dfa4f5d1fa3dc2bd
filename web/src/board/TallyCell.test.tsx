import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { tally } from '../test/tally.ts';
import { barWidth, statusLook } from './status.ts';
import { TallyCell } from './TallyCell.tsx';

const inRow = (node: React.ReactNode) => (
  <div role="row" data-unit-code="38">
    {node}
  </div>
);

describe('a tally cell', () => {
  beforeEach(() => setLanguage('vi'));

  it('carries data-scheme on the element that shows today’s count, in vi-VN', () => {
    const { container } = render(inRow(<TallyCell tally={tally()} unitName="Thanh Hóa" />));
    const today = container.querySelector('[data-unit-code="38"] [data-scheme="VOLUNTARY_SI"]');
    expect(today?.textContent).toBe('1.234');
    expect(container.textContent).toContain('/ 2.000');
    expect(container.textContent).toContain('104,60% chỉ tiêu');
    expect(container.textContent).toContain('Hoàn thành chỉ tiêu');
  });

  it('colours by status and says it in words too', () => {
    const { container } = render(
      inRow(<TallyCell tally={tally({ status: 'BEHIND' })} unitName="Thanh Hóa" />),
    );
    expect(container.querySelector('[role="cell"]')?.className).toContain(statusLook.BEHIND.className);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Thanh Hóa, BHXH tự nguyện: 1.234 trên chỉ tiêu ngày 2.000, Chậm tiến độ',
    );
  });

  it('draws the bar as the share of the day’s goal, full at or past it', () => {
    const { container } = render(inRow(<TallyCell tally={tally()} unitName="Thanh Hóa" />));
    expect((container.querySelector('.fill') as HTMLElement).style.width).toBe('61.7%');
    expect(barWidth(30, 20)).toBe(100);
    expect(barWidth(0, 0)).toBe(0);
    expect(barWidth(3, 0)).toBe(100);
  });

  it('switches to English with English separators', async () => {
    await setLanguage('en');
    const { container } = render(inRow(<TallyCell tally={tally()} unitName="Thanh Hóa" />));
    expect(container.querySelector('[data-scheme]')?.textContent).toBe('1,234');
    expect(container.textContent).toContain('104.60% of target');
    expect(container.textContent).toContain('Target met');
  });

  it('has a distinct colour per status, each dark enough for white and projectors', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const colours = Object.values(statusLook).map((look) => look.colour);
    expect(new Set(colours).size).toBe(5);
    for (const colour of colours) expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});
