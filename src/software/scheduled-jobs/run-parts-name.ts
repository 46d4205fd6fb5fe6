/**
 * run-parts(8) (debianutils) runs only names made of letters, digits, `_` and `-`; Debian's cron
 * applies the same rule to /etc/cron.d (cron(8), "must conform to the same naming convention as
 * used by run-parts"), so `cleanup.sh` or `ejabberd.conf` there is silently never run.
 */
export const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Names that are skipped on purpose: the copies dpkg, ucf and rpm leave beside a changed conffile
 * and editors' backups. Renaming one would run a stale or packaged copy beside the live job.
 */
const LEFTOVER = /(\.dpkg-(old|dist|new|tmp|bak|remove)|\.ucf-(old|dist|new)|\.rpm(save|new|orig)|\.(bak|orig|old|swp)|~)$/;

/**
 * What to do with a name run-parts skips: the name it would run under (the extension dropped, other
 * characters turned to `_`, and never the name of an entry already there, which the rename would
 * replace), or why it should not be renamed.
 */
export function runPartsRename(name: string, existing: ReadonlySet<string>): { rename: string } | { leftover: string } {
  if (LEFTOVER.test(name)) return { leftover: `${name} looks like a copy a package manager or an editor left behind: run-parts skips it on purpose` };
  const stem = name.replace(/^\.+/, '').replace(/\.[^.]*$/, '');
  const base = (stem === '' ? name.replace(/^\.+/, '') : stem).replace(/[^A-Za-z0-9_-]/g, '_') || 'job';
  let rename = base;
  for (let n = 2; existing.has(rename); n++) rename = `${base}-${n}`;
  return { rename };
}
