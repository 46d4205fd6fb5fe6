import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PracticeOf } from '../../../src/inventory/practice.js';
import { readFail2banJails } from '../../../src/software/fail2ban/index.js';
import { tempRoot } from '../logrotate/fixture-root.js';
import { view } from '../../helpers/figure-view.js';
import { filesMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Debian bookworm's /etc/fail2ban (fail2ban 1.0.2-2), copied at test time into a temp root
 * (never into the repo): fail2ban.log at INFO, dbpurgeage 1d, only [sshd] enabled with the
 * default bantime of 10m (fail2ban 1.0.2 config/jail.conf).
 */
const ETC = '/etc/fail2ban';

describe("Debian's fail2ban configuration, as installed", () => {
  if (!requireOracle(filesMissing(join(ETC, 'jail.conf')), ['fail2ban'])) return;
  const root = tempRoot('fail2ban-debian');
  cpSync(ETC, join(root, 'etc/fail2ban'), { recursive: true });
  const reading = readFail2banJails(new RootFiles(root));

  it('reads jail.conf with its paths-debian.conf and paths-common.conf, without errors', () => {
    expect(reading.diagnostics.filter((d) => d.code === 'parse-error' || d.code === 'config-error')).toEqual([]);
    expect(reading.files).toContain(join(root, 'etc/fail2ban/paths-common.conf'));
    expect(reading.files.indexOf(join(root, 'etc/fail2ban/paths-common.conf'))).toBeLessThan(reading.files.indexOf(join(root, 'etc/fail2ban/jail.conf')));
  });

  it('enables sshd only, banning for 10 minutes', () => {
    expect(reading.jails.map((j) => [j.name, j.bantime])).toEqual([['sshd', 600]]);
  });

  it('logs failed-login IPs to /var/log/fail2ban.log and keeps them a day in its database', () => {
    expect(reading.practices.find((p) => p.kind === 'log-sink')).toMatchObject({ destination: '/var/log/fail2ban.log', minLevel: 'info', carriesIpAddresses: true });
    const db = reading.practices.find((p): p is PracticeOf<'ip-address'> => p.kind === 'ip-address' && p.medium === 'storage');
    expect(view(db!.retention!).nominal).toBe(86400);
    expect(view(db!.retention!).worstCase).toBe(86400 + 3 * 600 + 3600);
  });
});
