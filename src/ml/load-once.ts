/**
 * A load memoised per key: concurrent and later calls share one promise; a failed load is forgotten, so the next call
 * retries (a model that failed to download once loads when the network is back).
 */
export function loadOncePerKey<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const loads = new Map<K, Promise<V>>();
  return (key) => {
    let p = loads.get(key);
    if (!p) {
      const loading = load(key);
      loads.set(key, loading);
      loading.catch(() => {
        if (loads.get(key) === loading) loads.delete(key);
      });
      p = loading;
    }
    return p;
  };
}
