import type { Tri } from '../../../inventory/evidence.js';

/**
 * Whether a borg repository mode encrypts : `none*` and `authenticated*` only
 * authenticate (borg 1.2 `borg init --help`; borg 2 `repo-create` modes `none-sha256`,
 * `authenticated-blake3`); `repokey*`, `keyfile*` and the borg 2 cipher names
 * (`aes256-ocb`, `chacha20-poly1305`, `repokey-aes-ocb`) encrypt.
 */
export function borgModeEncrypts(mode: string): Tri {
  const m = mode.toLowerCase();
  if (m.includes('none') || m.startsWith('authenticated')) return false;
  if (/repokey|keyfile|aes|chacha/.test(m)) return true;
  return 'unknown';
}

/** The fix, in borg's syntax: a repository's mode is fixed when it is created. */
export const BORG_ENCRYPT_FIX = 'borg init --encryption=repokey-blake2 NEW_REPO (borg 2: borg repo-create --encryption=repokey-blake2-chacha20-poly1305), then back up into the new repository; an existing repository keeps its mode';
