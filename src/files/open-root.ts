import { statSync } from 'node:fs';
import { UsageError } from '../config/types.js';
import { RootFiles, type RootOptions } from './root-files.js';

/**
 * The served system's files under `root`, made once per run. An empty root (`--root ""`, which
 * would silently mean the working directory) and a root that is not a directory are usage
 * errors (exit 2).
 */
export function openRoot(root: string, options: RootOptions = {}): RootFiles {
  if (root.trim() === '') throw new UsageError('--root is empty: name the directory that holds the system to check (/ for this one)');
  let directory: boolean;
  try {
    directory = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`--root ${root} does not exist`);
  }
  if (!directory) throw new UsageError(`--root ${root} is not a directory`);
  return new RootFiles(root, options);
}
