import { soonest } from '../inventory/retention.js';
import type { Practice } from '../inventory/practice.js';
import type { LogRetentionSource } from '../inventory/log-retention.js';

/**
 * A scheduled `find DIR -mtime +N -delete` over the directory a server stores uploads in deletes
 * them too: the upload's retention is then whichever deletes sooner, the server's own expiry or
 * the job (POLICY.md "Verdicts": the figure that deletes soonest of several on the same data).
 * `jobs` are the find jobs as jobLogRetention reads them.
 */
export function boundUploadsByJobs(practices: Practice[], jobs: LogRetentionSource[]): void {
  for (const practice of practices) {
    if (practice.kind !== 'file-upload' || practice.storage === undefined) continue;
    const storage = practice.storage;
    const covering = jobs.filter((j) => (j.directories ?? []).some((dir) => within(storage, dir))).map((j) => j.retention);
    if (covering.length === 0) continue;
    practice.retention = soonest([practice.retention, ...covering]) ?? practice.retention;
  }
}

function within(dir: string, deletedUnder: string): boolean {
  const d = deletedUnder.replace(/\/+$/, '');
  return dir === d || dir.startsWith(`${d}/`);
}
