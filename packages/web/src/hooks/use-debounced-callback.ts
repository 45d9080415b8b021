import { useCallback, useEffect, useRef } from 'react';

/** A stable function that calls the latest `callback` once input has paused for `delay` ms. */
export function useDebouncedCallback<A extends unknown[]>(callback: (...args: A) => void, delay: number) {
  const latest = useRef(callback);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    latest.current = callback;
  });

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return useCallback(
    (...args: A) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => latest.current(...args), delay);
    },
    [delay],
  );
}
