// The ejabberd config of the benchmark (bench/run.js): `hosts` many virtual hosts, each with its
// own host_config (mod_mam and an archive policy), in /etc/ejabberd/ejabberd.yml under `dir`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the tree; returns its root and the config file. */
export function generateEjabberdTree(dir, hosts) {
  const root = join(dir, 'ejabberd');
  const etc = join(root, 'etc/ejabberd');
  mkdirSync(etc, { recursive: true });
  const names = Array.from({ length: hosts }, (_, i) => `h${i}.example`);
  const lines = ['hosts:', ...names.map((n) => `  - ${n}`), '', 'loglevel: warning', 'hide_sensitive_log_data: true', ''];
  lines.push('modules:', '  mod_offline: {}', '  mod_mam:', '    default: never', '', 'host_config:');
  for (const [i, name] of names.entries()) {
    lines.push(`  ${name}:`, '    modules:', '      mod_mam:', `        default: ${i % 10 === 0 ? 'always' : 'roster'}`);
  }
  const file = join(etc, 'ejabberd.yml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { root, file };
}
