import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { placeOf, repoRoot } from '../helpers/lint-fixture.js';
import { Chalk } from 'chalk';
import { formatJson } from '../../src/reporters/json.js';
import { parseJsonReport } from '../helpers/json-report.js';
import type { DefaultOrigin } from '../../src/inventory/evidence.js';

/**
 * Findings that rest on a default of the software's release name the release assumed: the one
 * `versions:` names, else Debian 12's package (src/config/software-releases.ts). The fixture
 * leaves every log setting to the defaults; versions.config.yaml names other releases.
 */
const root = path.join(repoRoot, 'fixtures/releases');

async function lintWith(config: string): Promise<LintResult> {
  return lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, config), ruleOverrides: [] });
}

/** The message of the one finding of `ruleId` at `place` (relative to the fixture root) about `subject`. */
function messageAt(result: LintResult, ruleId: string, place: string, subject: string): string {
  const found = result.findings.filter((f) => f.ruleId === ruleId && placeOf(result, f) === place && f.message.includes(subject));
  expect(found, `${ruleId} at ${place}`).toHaveLength(1);
  return found[0]?.message ?? '';
}

describe('findings that rest on a release default name the release', () => {
  const cases: [subject: string, ruleId: string, place: string, assumed: string, named: string][] = [
    ['access log', 'ip-address-storage', 'etc/nginx/nginx.conf:4:5', "(nginx's default, nginx 1.22.1 assumed (Debian 12 package nginx 1.22.1-9+deb12u11; set versions.nginx if it differs))", "(nginx's default, nginx 1.26.3 (versions.nginx))"],
    ['error log', 'ip-address-storage', 'etc/nginx/nginx.conf:2:1', "(nginx's default, nginx 1.22.1 assumed", "(nginx's default, nginx 1.26.3 (versions.nginx))"],
    ['error log', 'ip-address-storage', 'etc/apache2/apache2.conf:5:1', "(the ErrorLogFormat, LogLevel warn: httpd's defaults, apache 2.4.71 assumed (Debian 12 package apache2 2.4.71-1~deb12u1; set versions.apache if it differs))", "httpd's defaults, apache 2.4.65 (versions.apache))"],
    ['no rotated copy', 'ip-address-retention', 'etc/logrotate.conf:3:5', 'no rotated copy (rotate 0 (compiled-in default, logrotate 3.21.0 assumed (Debian 12 package logrotate 3.21.0-1; set versions.logrotate if it differs)))', 'rotate 0 (compiled-in default, logrotate 3.22.0 (versions.logrotate))'],
    ['size caps', 'log-retention', 'etc/systemd/journald.conf:1:1', "journald's defaults in systemd 252 assumed (Debian 12 package systemd 252.39-1~deb12u2; set versions.systemd if it differs)", "journald's defaults in systemd 257 (versions.systemd)"],
    ['dbpurgeage', 'ip-address-retention', 'etc/fail2ban/jail.local:1:1', 'dbpurgeage = 1d (default, fail2ban 1.0.2 assumed (Debian 12 package fail2ban 1.0.2-2; set versions.fail2ban if it differs))', 'dbpurgeage = 1d (default, fail2ban 1.1.0 (versions.fail2ban))'],
  ];

  it.each(cases)('%s (%s at %s): the release assumed without versions:, the one named with it', async (subject, ruleId, place, assumed, named) => {
    const [plain, versioned] = [await lintWith('privacy-lint.config.yaml'), await lintWith('versions.config.yaml')];
    expect(messageAt(plain, ruleId, place, subject)).toContain(assumed);
    expect(messageAt(versioned, ruleId, place, subject)).toContain(named);
    expect(messageAt(versioned, ruleId, place, subject)).not.toContain('assumed (Debian 12');
  });

  it('fail2ban log: loglevel and logtarget are defaults of the release', async () => {
    const result = await lintWith('privacy-lint.config.yaml');
    const log = result.findings.find((f) => f.ruleId === 'ip-address-storage' && f.message.startsWith('fail2ban writes'));
    expect(log?.message).toContain('(loglevel = INFO, logtarget = /var/log/fail2ban.log: defaults, fail2ban 1.0.2 assumed (Debian 12 package fail2ban 1.0.2-2; set versions.fail2ban if it differs))');
  });

  it("fail2ban database: a jail's default bantime, in the worst case of a 1d claim, names the release", async () => {
    // server/banmanager.py:56: 600 s. Worst case 1d + 3 × 600 s (bans outdated at 3 × bantime) + 1 h (hourly purge) = 1d 1h 30min.
    const [plain, versioned] = [await lintWith('bantime.config.yaml'), await lintWith('bantime-versions.config.yaml')];
    const worst = 'in the worst case data lives 1d 1h 30min';
    expect(messageAt(plain, 'ip-address-retention', 'etc/fail2ban/jail.local:1:1', worst)).toContain(
      'bantime 600 in [sshd]: the default, fail2ban 1.0.2 assumed (Debian 12 package fail2ban 1.0.2-2; set versions.fail2ban if it differs)',
    );
    expect(messageAt(versioned, 'ip-address-retention', 'etc/fail2ban/jail.local:1:1', worst)).toContain('bantime 600 in [sshd]: the default, fail2ban 1.1.0 (versions.fail2ban)');
  });
});

/**
 * The JSON report's evidence of nginx's built-in defaults (docs/json-report.md: "a default
 * carries `default` with software, release and source") names the release the messages name:
 * versions.nginx 1.26.3 in versions.config.yaml, else the assumed 1.22.1 (Debian 12's package,
 * src/config/software-releases.ts). The fixture's nginx.conf sets no log, so the access log
 * (format combined) and the error log are nginx's defaults.
 */
describe("the JSON report's evidence of nginx's defaults names the release judged", () => {
  const nginxDefaults = async (config: string): Promise<DefaultOrigin[]> => {
    const report = parseJsonReport(formatJson(await lintWith(config), { cwd: repoRoot, chalk: new Chalk({ level: 0 }), env: {} }));
    const evidence = [...report.claims.flatMap((c) => c.evidence), ...report.findings.flatMap((f) => f.evidence ?? [])];
    return evidence.flatMap((e) => (e.default?.software === 'nginx' ? [e.default] : []));
  };
  const cited = (origins: DefaultOrigin[]): string[] => [...new Set(origins.map((o) => o.source.replace(/:.*/, '')))].sort();

  it('versions.nginx 1.26.3: every nginx default cites 1.26.3, and the source lines say they are 1.22.1\'s', async () => {
    const origins = await nginxDefaults('versions.config.yaml');
    expect(cited(origins)).toEqual(['src/core/ngx_log.c', 'src/http/modules/ngx_http_log_module.c', 'src/http/ngx_http_request.c']);
    expect([...new Set(origins.map((o) => o.release))]).toEqual(['1.26.3']);
    for (const o of origins) expect(o.source).toMatch(/; line numbers of nginx 1\.22\.1's source$/);
  });

  it('no versions: every nginx default cites the assumed 1.22.1', async () => {
    const origins = await nginxDefaults('privacy-lint.config.yaml');
    expect(cited(origins)).toEqual(['src/core/ngx_log.c', 'src/http/modules/ngx_http_log_module.c', 'src/http/ngx_http_request.c']);
    expect([...new Set(origins.map((o) => o.release))]).toEqual(['1.22.1']);
    for (const o of origins) expect(o.source).not.toContain('line numbers of');
  });
});
