/**
 * The figures of recently asked periods, each with the write version it was computed at. Bounded (a handful of
 * periods and roles are asked in practice; an entry is a few kilobytes), least recently used out first.
 */
export class FigureCache<T> {
  readonly #entries = new Map<string, { version: string; value: T }>();
  constructor(readonly max = 32) {}
  get(key: string, version: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }
  set(key: string, version: string, value: T): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { version, value });
  }
  get size(): number {
    return this.#entries.size;
  }
}
