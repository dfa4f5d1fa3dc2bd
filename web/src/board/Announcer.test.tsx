import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { tally } from '../test/tally.ts';
import { Announcer } from './Announcer.tsx';

describe('the announcements', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    return setLanguage('vi');
  });
  afterEach(() => vi.useRealTimers());

  it('speak a summary at most once a minute, however many updates arrive, and only on change', () => {
    const region = () => document.querySelector('[data-announcer]') as HTMLElement;
    const { rerender } = render(<Announcer unitName="Thanh Hóa" totals={[tally({ today: 1 })]} />);
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().textContent).toBe('');
    for (let n = 2; n <= 50; n++) {
      rerender(<Announcer unitName="Thanh Hóa" totals={[tally({ today: n })]} />);
      act(() => vi.advanceTimersByTime(1000));
    }
    // 49 updates in 49 seconds: nothing said yet.
    expect(region().textContent).toBe('');
    act(() => vi.advanceTimersByTime(11_000));
    expect(region().textContent).toMatch(
      /^Thanh Hóa, cập nhật lúc \d\d:\d\d:\d\d\. BHXH tự nguyện: 50 trên chỉ tiêu ngày 2\.000\.$/,
    );
    const said = region().textContent;
    act(() => vi.advanceTimersByTime(60_000));
    expect(region().textContent).toBe(said);
  });
});
