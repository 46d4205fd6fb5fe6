import { parseYamlTree } from '../config/located-tree.js';
import { PROVIDER_STORAGE_FIELDS, isProviderFile } from '../config/provider-file.js';
import type { RootFiles } from '../files/root-files.js';
import type { Diagnostic } from '../inventory/diagnostic.js';
import type { Evidence } from '../inventory/evidence.js';
import type { ProviderPromisePractice } from '../inventory/practice.js';

/** Where clients fetch a provider file: https://<XMPP domain>/.well-known/xmpp-provider-v2.json. */
export const PROVIDER_FILE_URI = '/.well-known/xmpp-provider-v2.json';

/**
 * The storage promises of a provider file that a web server serves for `domains`, read from the
 * file at `systemPath` under --root; each promise is placed at its field's line, like the
 * promises ejabberd's mod_providers publishes (src/software/ejabberd/interpret-providers.ts).
 * `served` says how the web server came to serve that file. A missing file promises nothing.
 */
export function servedProviderPromises(
  files: RootFiles,
  systemPath: string,
  domains: readonly string[],
  served: Evidence,
  software: string,
): { practices: ProviderPromisePractice[]; diagnostics: Diagnostic[] } {
  const loaded = files.load(systemPath);
  if (!loaded.ok) return { practices: [], diagnostics: [] };
  const host = files.host(loaded.path);
  let tree;
  try {
    // JSON is YAML 1.2: the YAML reader gives each field its line.
    tree = files.parsed(loaded, 'provider-file', (text) => parseYamlTree(host, host, text));
  } catch (error) {
    return { practices: [], diagnostics: [{ code: 'parse-error', message: `provider file served at ${PROVIDER_FILE_URI}: ${(error as Error).message}`, position: { file: host, line: 1, column: 1 } }] };
  }
  if (!isProviderFile(tree.value)) return { practices: [], diagnostics: [] };
  const value = tree.value;
  const practices: ProviderPromisePractice[] = [];
  for (const { field } of PROVIDER_STORAGE_FIELDS) {
    const days = value[field];
    if (typeof days !== 'number' || !Number.isInteger(days) || days < -1) continue;
    const at = tree.positionOf([field]);
    for (const domain of domains) {
      practices.push({
        kind: 'provider-promise',
        subject: { software, name: domain, kind: 'host' },
        field,
        days,
        evidence: [{ ...at, note: `${field}: ${days} in the provider file served at https://${domain}${PROVIDER_FILE_URI}` }, served],
      });
    }
  }
  return { practices, diagnostics: [] };
}
