/**
 * One answer per key, shared by every caller while it is pending and after: a read (or look-up)
 * made twice costs one request. A failed promise is no answer, so it is dropped and the next
 * caller asks again.
 */
export function sharePromise<T>(memo: Map<string, Promise<unknown>>, key: string, make: () => Promise<T>): Promise<T> {
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = make();
    memo.set(key, hit);
    hit.catch(() => memo.delete(key));
  }
  return hit;
}
