/**
 * A cache of results per input text, for work repeated within a run (the same job line split by
 * every backup reader). Bounded by entries and by the characters of its keys, so a long-lived
 * process (the fuzzer's workers, an editor integration calling lint() again and again) does not
 * keep megabyte texts of earlier runs alive: 4,096 scripts of 16 MiB each were gigabytes.
 */
export class TextCache<V> {
  readonly #entries = new Map<string, V>();
  #characters = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxCharacters = 32 * 1024 * 1024,
  ) {}

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  /** `characters`: what the entry holds on to, when that is a text other than the key (a file's text by its path). */
  set(key: string, value: V, characters = key.length): void {
    // A single text beyond the whole budget is not kept at all.
    if (characters > this.maxCharacters) return;
    if (this.#entries.size >= this.maxEntries || this.#characters + characters > this.maxCharacters) {
      this.#entries.clear();
      this.#characters = 0;
    }
    this.#characters += characters;
    this.#entries.set(key, value);
  }
}
