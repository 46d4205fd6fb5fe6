/**
 * The Caddy release assumed when the configured `versions` does not name one: Debian 12
 * (bookworm) ships caddy 2.6.2-5 (Debian package caddy 2.6.2-5; `caddy version` on bookworm prints
 * v2.6.2). Behaviour that changed since is keyed on this.
 */
export const ASSUMED_CADDY_VERSION = '2.6.2';
export const ASSUMED_CADDY_VERSION_SOURCE = 'Debian 12 (bookworm) package caddy 2.6.2-5';

/** Compares dotted versions (`2.6.2` < `2.8`); a leading `v` is ignored. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => v.replace(/^v/, '').split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const a = parse(version);
  const b = parse(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
