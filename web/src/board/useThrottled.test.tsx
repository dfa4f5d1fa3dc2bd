import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useThrottled } from './useThrottled.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

it('passes a changing value on at most once per interval, ending on the latest', () => {
  const { result, rerender } = renderHook(({ value }) => useThrottled(value, 1000), {
    initialProps: { value: 0 },
  });
  expect(result.current).toBe(0);
  act(() => rerender({ value: 1 }));
  act(() => vi.advanceTimersByTime(0));
  expect(result.current).toBe(1);
  for (let n = 2; n <= 9; n++) {
    act(() => rerender({ value: n }));
    act(() => vi.advanceTimersByTime(100));
  }
  expect(result.current).toBe(1);
  act(() => vi.advanceTimersByTime(300));
  expect(result.current).toBe(9);
});
