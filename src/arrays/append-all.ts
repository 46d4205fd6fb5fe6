/**
 * Appends every item of each list to `target`. `target.push(...items)` passes each item as an
 * argument, and an array longer than the stack can hold (a config with 100,000 hosts) throws
 * "Maximum call stack size exceeded"; a loop has no such limit.
 */
export function appendAll<T>(target: T[], ...lists: Iterable<T>[]): void {
  for (const items of lists) for (const item of items) target.push(item);
}
