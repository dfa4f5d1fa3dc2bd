import { readFileSync } from 'node:fs';
import { render, screen } from '@testing-library/react';
import type { TallyStatus } from '@toandan/shared/tallyFigures';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { setLanguage } from '../i18n/index.ts';
import { vi as viText } from '../i18n/vi.ts';
import { tally } from '../test/tally.ts';
import { barWidth, lookOf, planTickAt, statusLook, TRACK_COLOUR, targetBarWidth } from './status.ts';
import { TallyCell } from './TallyCell.tsx';

const inRow = (node: React.ReactNode) => (
  <div role="row" data-unit-code="38">
    {node}
  </div>
);

/** WCAG 2's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const STATUSES = Object.keys(statusLook) as TallyStatus[];

describe('a tally cell', () => {
  beforeEach(() => setLanguage('vi'));

  it('carries data-scheme on the element that shows today’s count, in vi-VN', () => {
    const { container } = render(inRow(<TallyCell tally={tally()} unitName="Thanh Hóa" />));
    const today = container.querySelector('[data-unit-code="38"] [data-scheme="VOLUNTARY_SI"]');
    expect(today?.textContent).toBe('1.234');
    expect(container.textContent).toContain('/ 2.000 trong ngày');
    expect(container.textContent).toContain('104,60% chỉ tiêu');
    expect(container.textContent).toContain('Hoàn thành chỉ tiêu');
  });

  it('colours by status and says it in words too, the bar’s words naming the plan to now', () => {
    const { container } = render(
      inRow(
        <TallyCell
          tally={tally({ status: 'BEHIND', cumulative: 20_000, planToNow: 24_000 })}
          unitName="Thanh Hóa"
        />,
      ),
    );
    expect(container.querySelector('[role="cell"]')?.className).toContain(statusLook.BEHIND.className);
    expect(container.querySelector('.status-label')?.textContent).toBe('Chậm tiến độ');
    const [gauge, bar] = screen.getAllByRole('img');
    expect(bar?.getAttribute('aria-label')).toBe(
      'Thanh Hóa, BHXH tự nguyện: lũy kế 20.000 trên chỉ tiêu 50.000, kế hoạch đến giờ 24.000, Chậm tiến độ',
    );
    expect(gauge?.getAttribute('aria-label')).toBe(
      'Thanh Hóa, BHXH tự nguyện: 1.234 trên chỉ tiêu ngày 2.000',
    );
  });

  it('draws the bar as cumulative ÷ target with a tick at planToNow, and the day’s goal as a gauge', () => {
    const { container } = render(
      inRow(<TallyCell tally={tally({ cumulative: 20_000, planToNow: 24_000 })} unitName="Thanh Hóa" />),
    );
    expect((container.querySelector('.bar .fill') as HTMLElement).style.width).toBe('40%');
    expect((container.querySelector('.bar .plan-tick') as HTMLElement).style.left).toBe('48%');
    expect((container.querySelector('.gauge-fill') as HTMLElement).style.width).toBe('61.7%');
    expect(container.querySelector('.bar')?.getAttribute('data-plan-to-now')).toBe('24000');
  });

  it('fills the bar at the target, and has no tick without a target', () => {
    expect(targetBarWidth(52_301, 50_000)).toBe(100);
    expect(targetBarWidth(5, 0)).toBe(0);
    expect(planTickAt(60_000, 50_000)).toBe(100);
    expect(planTickAt(10, 0)).toBeNull();
    expect(barWidth(30, 20)).toBe(100);
    expect(barWidth(0, 0)).toBe(0);
    expect(barWidth(3, 0)).toBe(100);
    const { container } = render(
      inRow(<TallyCell tally={tally({ target: 0, percentOfTarget: null })} unitName="Thanh Hóa" />),
    );
    expect(container.querySelector('.plan-tick')).toBeNull();
  });

  it('switches to English with English separators', async () => {
    await setLanguage('en');
    const { container } = render(
      inRow(<TallyCell tally={tally({ status: 'AHEAD' })} unitName="Thanh Hóa" />),
    );
    expect(container.querySelector('[data-scheme]')?.textContent).toBe('1,234');
    expect(container.textContent).toContain('/ 2,000 on the day');
    expect(container.textContent).toContain('104.60% of target');
    expect(container.textContent).toContain('Ahead');
  });

  it('words every status in both languages, so it never rests on colour alone', () => {
    for (const status of STATUSES) {
      expect(viText.status[status]).toMatch(/\p{L}{2}/u);
      expect(en.status[status]).toMatch(/\p{L}{2}/u);
    }
    expect(new Set(STATUSES.map((status) => viText.status[status])).size).toBe(STATUSES.length);
  });

  it('has a distinct colour per status, at WCAG 2 AA: 4.5:1 as text on the row, 3:1 as a bar on its track', () => {
    const colours = STATUSES.map((status) => statusLook[status].colour);
    expect(new Set(colours).size).toBe(STATUSES.length);
    for (const colour of colours) {
      // The page, and a row under the pointer (board.css, .board-row:hover).
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour, '#f1f4f9')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour, TRACK_COLOUR)).toBeGreaterThanOrEqual(3);
    }
    // The tick (ink) on the track and on the darkest fill it may cross, with its white edge.
    expect(contrast('#0d1117', TRACK_COLOUR)).toBeGreaterThanOrEqual(3);
  });

  it('takes its colours in board.css from statusLook, the one list the wall reads too', () => {
    // happy-dom's import.meta.url is not a file URL; vitest runs from the repository root.
    const boardCss = readFileSync('web/src/board/board.css', 'utf8');
    for (const status of STATUSES) {
      const { className, colour } = statusLook[status];
      expect(boardCss).toMatch(new RegExp(`\\.${className} \\{\\s*--status: ${colour};`));
    }
  });

  it('gives a status the app does not know yet a neutral look', () => {
    expect(lookOf('SOMETHING_NEW')).toBe(statusLook.NO_ACTIVITY_YET);
  });
});
