/**
 * A loader that runs `load` on its first call and hands every caller the same promise: how the heavy
 * libraries below are imported on first use instead of at module top level.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}
