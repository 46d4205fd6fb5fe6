// The two trees of 10,000 scheduled jobs measured in bench/BASELINE.md ("10,000 scheduled jobs") (issue 14: "10,000 jobs
// take under a second"). Usage: node bench/jobs-trees.js DIR
//   DIR/cron-d-timers   bench/run.js row (d): 5,000 cron.d files cleaning an upload directory,
//                       5,000 enabled timers whose services run one borg script (15,000 job files)
//   DIR/one-crontab     one /etc/crontab of 10,000 lines of varied schedules and commands (find
//                       cleanups, borg and restic backups, prunes and forgets), and 10,000 enabled
//                       timers in one directory sharing six OnCalendar= values (20,001 job files)
//   DIR/policy.yaml     the policy of row (d); DIR/policy-full.yaml adds retention claims
//   DIR/empty           an empty root (the floor: Node and module loading)
// Then: /usr/bin/time -f "%U %S %M" node bin/privacy-lint.js --root DIR/one-crontab \
//         --config DIR/policy-full.yaml --format json -o report.json
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/jobs-trees.js DIR');
  process.exit(2);
}

const BORG_SCRIPT = '#!/bin/sh\nexport BORG_REPO=/srv/borg\nborg create ::x /etc\n';

/** bench/run.js row (d), written the same way. */
function cronDTimers(root) {
  rmSync(root, { recursive: true, force: true });
  for (const dir of ['etc/cron.d', 'etc/systemd/system/timers.target.wants', 'usr/local/bin']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'usr/local/bin/backup.sh'), BORG_SCRIPT);
  for (let i = 0; i < 5000; i += 1) {
    writeFileSync(join(root, `etc/cron.d/job${i}`), `${i % 60} 3 * * * root find /srv/uploads -mtime +${(i % 30) + 1} -delete\n`);
    const at = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    writeFileSync(join(root, `etc/systemd/system/b${i}.timer`), `[Timer]\nOnCalendar=*-*-* ${at}\n`);
    writeFileSync(join(root, `etc/systemd/system/b${i}.service`), '[Service]\nExecStart=/usr/local/bin/backup.sh\n');
    writeFileSync(join(root, `etc/systemd/system/timers.target.wants/b${i}.timer`), '');
  }
}

const SCHEDULES = [
  (i) => `${i % 60} ${i % 24} * * *`,
  (i) => `${i % 60} 3 * * ${i % 7}`,
  (i) => `0 ${i % 24} ${(i % 28) + 1} * *`,
  (i) => `*/${(i % 30) + 1} * * * *`,
  () => '@daily',
  () => '@weekly',
  (i) => `30 2 1,15 * ${i % 7}`,
  () => '0 0 29 2 *',
  (i) => `${i % 60} 4 * * 1-5`,
  () => '@hourly',
];
const COMMANDS = [
  (i) => `find /srv/uploads -mtime +${(i % 30) + 1} -delete`,
  (i) => `find /var/log/prosody -name '*.log' -mtime +${(i % 14) + 1} -delete`,
  () => 'BORG_REPO=/srv/borg borg create ::{now} /etc',
  (i) => `borg prune --keep-daily ${(i % 10) + 1} /srv/borg`,
  () => 'restic -r /srv/restic backup /var/lib/prosody',
  (i) => `restic -r /srv/restic forget --keep-daily ${(i % 7) + 1} --prune`,
  () => '/usr/local/bin/backup.sh',
  (i) => `find /tmp/uploads -type f -mmin +${(i % 120) + 1} -delete`,
];
const CALENDARS = ['daily', 'weekly', 'Mon..Fri 02:00', '*-*-* 03:30:00', 'Fri *-*-13 04:00', '*:0/15'];
const EXECS = ['/usr/local/bin/backup.sh', '/usr/local/bin/restic.sh', '/usr/bin/find /srv/uploads -mtime +7 -delete'];

function oneCrontab(root) {
  rmSync(root, { recursive: true, force: true });
  for (const dir of ['etc/systemd/system/timers.target.wants', 'usr/local/bin']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'usr/local/bin/backup.sh'), BORG_SCRIPT);
  writeFileSync(join(root, 'usr/local/bin/restic.sh'), '#!/bin/sh\nexport RESTIC_REPOSITORY=/srv/restic\nrestic backup /etc\nrestic forget --keep-daily 7\n');
  const lines = ['SHELL=/bin/sh', 'PATH=/usr/local/bin:/usr/bin:/bin', ''];
  for (let i = 0; i < 10000; i += 1) {
    lines.push(`${SCHEDULES[i % SCHEDULES.length](i)} root ${COMMANDS[(i * 7 + Math.floor(i / 10)) % COMMANDS.length](i)}`);
  }
  writeFileSync(join(root, 'etc/crontab'), `${lines.join('\n')}\n`);
  for (let i = 0; i < 10000; i += 1) {
    writeFileSync(join(root, `etc/systemd/system/t${i}.timer`), `[Timer]\nOnCalendar=${CALENDARS[i % CALENDARS.length]}\n`);
    writeFileSync(join(root, `etc/systemd/system/t${i}.service`), `[Service]\nExecStart=${EXECS[i % EXECS.length]}\n`);
    writeFileSync(join(root, `etc/systemd/system/timers.target.wants/t${i}.timer`), '');
  }
}

cronDTimers(join(base, 'cron-d-timers'));
oneCrontab(join(base, 'one-crontab'));
writeFileSync(join(base, 'policy.yaml'), 'policy:\n  backups:\n    encrypted: true\n');
writeFileSync(
  join(base, 'policy-full.yaml'),
  'policy:\n  ipAddresses:\n    retention: 7d\n  fileUploads:\n    retention: 31d\n  serverLogs:\n    retention: 14d\n  backups:\n    encrypted: true\n    retention: 30d\n',
);
mkdirSync(join(base, 'empty'), { recursive: true });
