import { UsageError } from '../config/types.js';
import { readInventory, unconfigured } from '../engine/read-inventory.js';
import { readToolFile, writeToolFile } from '../files/tool-files.js';
import { guaranteedStorage, type DomainStorage } from './guaranteed-storage.js';
import { mergeProviderFile } from './merge-provider-file.js';

export interface ProviderFileOptions {
  root: string;
  /** --merge FILE (absolute): update this provider file instead of printing. */
  merge?: string;
  /** --domain: which XMPP domain's figures to merge when the configs serve several. */
  domain?: string;
}

export interface ProviderFileOutput {
  /** JSON for stdout (the figures per domain), or empty after a merge. */
  stdout: string;
  /** Notes for stderr: what could not be told, what was merged. */
  notes: string[];
}

/** `privacy-lint provider-file`: the storage fields the configs guarantee, per XMPP domain. */
export async function providerFile(options: ProviderFileOptions): Promise<ProviderFileOutput> {
  const inventory = await readInventory(options.root, unconfigured(options.merge ?? options.root));
  const storage = guaranteedStorage(inventory);
  const notes = storage.flatMap((d) => d.fields.flatMap((f) => ('unknown' in f ? [`${d.domain}: ${f.field} cannot be told: ${f.unknown}`] : [])));
  if (options.merge === undefined) {
    const json = Object.fromEntries(storage.map((d) => [d.domain, Object.fromEntries(d.fields.flatMap((f) => ('days' in f ? [[f.field, f.days]] : [])))]));
    if (storage.length === 0) notes.push('no XMPP domain with a message archive or file upload service found under --root');
    return { stdout: `${JSON.stringify(json, null, 2)}\n`, notes };
  }
  const chosen = chooseDomain(storage, options.domain);
  let text: string;
  try {
    text = readToolFile(options.merge);
  } catch (error) {
    throw new UsageError(`--merge ${options.merge}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let merged: string;
  try {
    merged = mergeProviderFile(text, chosen.fields);
  } catch (error) {
    throw new UsageError(`--merge ${options.merge}: not a provider file (${error instanceof Error ? error.message : String(error)})`);
  }
  writeToolFile(options.merge, merged);
  for (const f of chosen.fields) if ('days' in f) notes.push(`${chosen.domain}: ${f.field} = ${f.days} (${f.from})`);
  return { stdout: '', notes: [...notes, `updated ${options.merge}`] };
}

function chooseDomain(storage: DomainStorage[], domain: string | undefined): DomainStorage {
  const names = storage.map((d) => d.domain);
  if (domain !== undefined) {
    const found = storage.find((d) => d.domain === domain);
    if (!found) throw new UsageError(`--domain ${domain}: not served by the configs under --root (found: ${names.join(', ') || 'none'})`);
    return found;
  }
  const [only, ...rest] = storage;
  if (only === undefined) throw new UsageError('--merge: no XMPP domain with a message archive or file upload service found under --root');
  if (rest.length > 0) throw new UsageError(`--merge: the configs serve several XMPP domains (${names.join(', ')}); name one with --domain`);
  return only;
}
