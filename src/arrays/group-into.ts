/**
 * Adds `item` to the list of `key`, creating it on first use. Copying the list on every add
 * (`map.set(k, [...(map.get(k) ?? []), item])`) is quadratic in the items of one key: 20,000
 * identical cron lines made one reader take seconds.
 */
export function groupInto<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}
