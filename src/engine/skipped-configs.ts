import type { RootFiles } from '../files/root-files.js';
import type { Inventory } from '../inventory/inventory.js';
import { CONFIG_DIRECTORIES } from '../discover/standard-locations.js';
import { appendAll } from '../arrays/append-all.js';

/** How deep a configuration directory is listed for config files (conf.d/, sites-enabled/, vhosts.d/). */
const MAX_DEPTH = 3;
/** Files named in a message; the rest are counted. */
const NAMED = 3;

/**
 * A software whose configuration directory holds config files, but whose main file was not
 * found, was not read at all: the server would not start as given (or reads a main file kept
 * elsewhere), so what those files configure is unknown. They become a source with status
 * 'unreadable' (its claims are unverified, never verified by omission) and an include-error
 * at the first skipped file naming what was skipped.
 */
export function reportSkippedConfigs(inventory: Inventory, files: RootFiles): void {
  for (const { kind, dirs, configFile, main } of CONFIG_DIRECTORIES) {
    if (inventory.sources.some((s) => s.kind === kind)) continue;
    for (const dir of dirs) {
      const skipped = configFiles(files, `/${dir}`, configFile, 0);
      const first = skipped[0];
      if (first === undefined) continue;
      const named = skipped.slice(0, NAMED).map((f) => f.slice(dir.length + 2));
      const more = skipped.length > NAMED ? ` and ${skipped.length - NAMED} more` : '';
      inventory.sources.push({ file: files.host(`/${dir}`), kind, status: 'unreadable' });
      inventory.diagnostics.push({
        code: 'include-error',
        message:
          `${dir} holds ${kind} configuration but no ${main}: its ${skipped.length} file(s) were skipped (${named.join(', ')}${more}); ` +
          `what they configure is unknown`,
        suggestion: `include the main file (${dir}/${main.split(' ')[0] ?? main}) in the tree, or name it in sources: of the configuration`,
        position: { file: files.host(first), line: 1, column: 1 },
      });
      break;
    }
  }
}

/**
 * FreeBSD rotates logs with newsyslog(8) (/etc/newsyslog.conf, /etc/newsyslog.conf.d,
 * /usr/local/etc/newsyslog.conf.d), which privacy-lint does not read: the report says so at the
 * file. (It is not an unread source: that would leave every claim unverified, not only those
 * of the logs it rotates.)
 */
export function reportNewsyslog(inventory: Inventory, files: RootFiles): void {
  const places = ['/etc/newsyslog.conf', '/etc/newsyslog.conf.d', '/usr/local/etc/newsyslog.conf.d'];
  const found = places.flatMap((p) => (files.kind(p) === 'directory' ? (files.list(p) ?? []).filter((n) => !n.startsWith('.')).map((n) => `${p}/${n}`) : files.exists(p) ? [p] : []));
  const first = found[0];
  if (first === undefined) return;
  inventory.diagnostics.push({
    code: 'unknown-value',
    message: `newsyslog (FreeBSD's log rotation) is not read by privacy-lint: how long the logs it rotates are kept is unknown (${found.length} file(s): ${found.slice(0, NAMED).join(', ')}${found.length > NAMED ? ', …' : ''})`,
    position: { file: files.host(first), line: 1, column: 1 },
  });
}

/** System paths of the config files under a directory, sorted, hidden names left out. */
function configFiles(files: RootFiles, dir: string, configFile: RegExp, depth: number): string[] {
  if (depth > MAX_DEPTH || files.kind(dir) !== 'directory') return [];
  const found: string[] = [];
  for (const name of files.list(dir) ?? []) {
    if (name.startsWith('.')) continue;
    const systemPath = `${dir}/${name}`;
    const kind = files.kind(systemPath);
    if (kind === 'directory') appendAll(found, configFiles(files, systemPath, configFile, depth + 1));
    else if (kind === 'file' && configFile.test(systemPath)) found.push(systemPath);
  }
  return found;
}
