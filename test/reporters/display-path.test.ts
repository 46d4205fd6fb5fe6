import { describe, expect, it } from 'vitest';
import { displayPath, displayPathFrom } from '../../src/reporters/display-path.js';

// DESIGN.md "JSON report": a file under the working directory is shown relative to it, any
// other absolute path as it is (normalised); a text that is not an absolute path is kept.
describe('displayPathFrom (displayPath for the many files of one report)', () => {
  const cases: [cwd: string, file: string, shown: string][] = [
    ['/srv/audit', '/srv/audit/etc/cron.d/job1', 'etc/cron.d/job1'],
    ['/srv/audit', '/srv/audit', '.'],
    ['/srv/audit', '/srv/auditor/etc/crontab', '/srv/auditor/etc/crontab'], // a sibling sharing the prefix
    ['/srv/audit', '/srv', '/srv'],
    ['/srv/audit', '/', '/'],
    ['/', '/etc/crontab', 'etc/crontab'],
    ['/', '/', '.'],
    // Not normal: the way of path.relative and path.normalize.
    ['/srv/audit', '/srv/audit/etc//cron.d/./job1', 'etc/cron.d/job1'],
    ['/srv/audit', '/srv/audit/etc/../crontab', 'crontab'],
    ['/srv/audit', '/srv/audit/etc/', 'etc'],
    ['/srv/audit', '/tmp//x/../y', '/tmp/y'],
    ['/srv/audit/', '/srv/audit/etc/crontab', 'etc/crontab'],
    ['/srv/./audit', '/srv/audit/etc/crontab', 'etc/crontab'],
    ['/srv/audit', 'not a path', 'not a path'],
    ['/srv/audit', 'etc/crontab', 'etc/crontab'],
  ];

  it.each(cases)('from %s shows %s as %s, as displayPath does', (cwd, file, shown) => {
    expect(displayPathFrom(cwd)(file)).toBe(shown);
    expect(displayPath(file, cwd)).toBe(shown);
  });
});
