import { useEffect, useState, type DependencyList } from 'react';

export interface ApiResult<T> {
  /** The latest result; null until the first call has returned. */
  data: T | null;
  error: string | null;
}

/**
 * Calls the API whenever `deps` change and returns the latest result. A response to a call that
 * a newer one has replaced is dropped, so a slow answer never overwrites a fresh one.
 */
export function useApiResult<T>(load: () => Promise<T>, deps: DependencyList): ApiResult<T> {
  const [result, setResult] = useState<ApiResult<T>>({ data: null, error: null });

  useEffect(() => {
    let current = true;
    load()
      .then((data) => {
        if (current) setResult({ data, error: null });
      })
      .catch((caught: unknown) => {
        if (current) setResult((previous) => ({ data: previous.data, error: caught instanceof Error ? caught.message : String(caught) }));
      });
    return () => {
      current = false;
    };
    // The caller lists what `load` depends on, as with useEffect.
  }, deps);

  return result;
}
