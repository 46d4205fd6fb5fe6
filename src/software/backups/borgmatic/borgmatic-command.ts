import type { SourcePosition } from '../../../inventory/evidence.js';
import type { ShellWord } from '../../scheduled-jobs/shell-words.js';
import { OPTIONS_WITH_VALUE } from './borgmatic-options.js';
import { wordAt, type Invocation } from '../borg/tool-invocations.js';

/** What one `borgmatic ...` command line asks for. */
export interface BorgmaticCommand {
  inv: Invocation;
  /** System paths given with -c/--config (files or directories); empty = the default paths. */
  configs: string[];
  /** Actions named; empty = borgmatic's default actions. */
  actions: string[];
  /** `borgmatic init -e MODE` / `repo-create -e MODE` / `rcreate`. */
  initMode?: { mode: string; at: SourcePosition };
}

/**
 * Legacy action flags (borgmatic ≤ 1.7 `--create`, `-C`, `--prune`, `-p`, `--compact`, `-k`,
 * `--check`) name actions too (borgmatic 1.7.7 commands/arguments.py parse_arguments).
 */
const LEGACY: Record<string, string> = { '--create': 'create', '-C': 'create', '--prune': 'prune', '-p': 'prune', '--compact': 'compact', '-k': 'compact', '--check': 'check' };

export function readBorgmaticCommand(inv: Invocation): BorgmaticCommand {
  const out: BorgmaticCommand = { inv, configs: [], actions: [] };
  const words = inv.words;
  let collectingConfigs = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as ShellWord;
    const v = w.value;
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0) {
      const name = v.slice(0, eq);
      const value = v.slice(eq + 1);
      if (name === '--config') out.configs.push(value);
      if (name === '--encryption') out.initMode = { mode: value, at: wordAt(inv, w) };
      collectingConfigs = false;
      continue;
    }
    if (v.startsWith('-')) {
      collectingConfigs = false;
      const legacy = LEGACY[v];
      if (legacy) out.actions.push(legacy);
      if (OPTIONS_WITH_VALUE.has(v)) {
        const next = words[i + 1];
        if (next && (v === '-c' || v === '--config')) {
          out.configs.push(next.value);
          collectingConfigs = true; // borgmatic takes several paths after one -c (nargs='*')
        }
        if (next && (v === '-e' || v === '--encryption')) out.initMode = { mode: next.value, at: wordAt(inv, next) };
        i++;
      }
      continue;
    }
    if (collectingConfigs && v.startsWith('/')) {
      out.configs.push(v);
      continue;
    }
    collectingConfigs = false;
    out.actions.push(v);
  }
  return out;
}

/** Whether the command runs `action` (the default actions are create, prune, compact, check). */
export function runsAction(cmd: BorgmaticCommand, action: 'prune' | 'compact' | 'create'): boolean {
  // borgmatic 1.7.7 commands/arguments.py: with no action, create/prune/compact/check run.
  return cmd.actions.length === 0 || cmd.actions.includes(action);
}
