import { describe, expect, it } from 'vitest';
import { logTarget } from '../../../src/software/apache/log-target.js';

/**
 * Piped logs (https://httpd.apache.org/docs/2.4/logs.html#piped) are followed past what only
 * starts the program: an interpreter, env, exec, `sh -c`. The destination is then read from the
 * real program's arguments, and a pipe is never a relative file named after the interpreter.
 */
describe('piped logs through interpreters', () => {
  it.each([
    ['|/usr/bin/python3 -u /opt/anonip.py --output /var/log/apache2/anon.log', 'anonip', '/var/log/apache2/anon.log'],
    ['||/usr/bin/env python3 /usr/local/bin/anonip --output=/var/log/a.log', 'anonip', '/var/log/a.log'],
    ['|$exec /usr/bin/python3 -m anonip -o /var/log/m.log', 'anonip', '/var/log/m.log'],
    ["|sh -c 'exec /usr/sbin/cronolog /var/log/apache2/%Y/access.log'", 'cronolog', '/var/log/apache2/%Y/access.log'],
    ['|/usr/bin/logger -t apache -p local6.info', 'logger', 'syslog'],
    ['|env LC_ALL=C /usr/bin/tee -a /var/log/apache2/copy.log', 'tee', '/var/log/apache2/copy.log'],
  ])('%s is %s writing %s', (raw, program, destination) => {
    expect(logTarget(raw, '/etc/apache2')).toMatchObject({ kind: 'pipe', program, destination });
  });

  it('an unknown script behind an interpreter is named, with no destination guessed', () => {
    expect(logTarget('|/usr/bin/perl -w /opt/scrub.pl', '/etc/apache2')).toMatchObject({ kind: 'pipe', program: 'scrub.pl', destination: undefined });
  });
});
