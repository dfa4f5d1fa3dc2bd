import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once per `everyMs`: the first at once, then the latest one at
 * the end of each interval in which it changed.
 */
export function useThrottled<T>(value: T, everyMs: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const lastShownAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (Object.is(value, shown) || timer.current !== undefined) return;
    const wait = Math.max(0, lastShownAt.current + everyMs - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      lastShownAt.current = Date.now();
      setShown(() => latest.current);
    }, wait);
  }, [value, shown, everyMs]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return shown;
}
