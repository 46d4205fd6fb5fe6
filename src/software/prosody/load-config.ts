import * as path from 'node:path';
import type { LoadOptions, ProsodyConfig, ProsodyOption, ProsodySection } from './config-model.js';
import { report, type InternalOption, type InternalSection, type LoaderState } from './eval-state.js';
import { evaluateFile } from './evaluate-file.js';
import { DEFAULT_PART_CHARS, LateLuaSyntaxError } from '../../formats/lua/lua-statement-stream.js';
import { Snapshotter } from './snapshot-value.js';

/**
 * Turns the evaluation's sections into the exported ones in place: they already have the
 * exported shape but for their options (the evaluation state is dropped right after). Each
 * option is replaced in its Map by the exported one, without the evaluation's bookkeeping.
 * On a config of 100,000 hosts, copying the sections or Maps would double the loader's memory.
 */
function snapshotSections(sections: Map<string, InternalSection>, snap: Snapshotter): Map<string, ProsodySection> {
  for (const section of sections.values()) {
    const options = section.options as Map<string, InternalOption | ProsodyOption>;
    for (const option of section.options.values()) {
      options.set(option.name, { name: option.name, value: snap.value(option.value), at: option.at, overridden: option.overridden });
    }
  }
  return sections as unknown as Map<string, ProsodySection>;
}

/**
 * Reads a Prosody config file tree without executing it: the config is evaluated symbolically,
 * following core/configmanager.lua (0.12.3 and 13.0.1 differ; both are followed). Never throws on
 * bad input; problems become diagnostics with positions.
 */
export function loadProsodyConfig(mainFile: string, options: LoadOptions): ProsodyConfig {
  try {
    // Large files are parsed and evaluated a part at a time (lua-statement-stream.ts).
    return load(mainFile, options, DEFAULT_PART_CHARS);
  } catch (e) {
    if (!(e instanceof LateLuaSyntaxError)) throw e;
    // A file turned out not to parse after some of it was evaluated; Prosody would not have run
    // any of it, so everything is read again, each file parsed whole before it is evaluated.
    return load(mainFile, options, Infinity);
  }
}

function load(mainFile: string, options: LoadOptions, partChars: number): ProsodyConfig {
  const files = options.files;
  const main = path.resolve(mainFile);
  const state: LoaderState = {
    release: options.release,
    rootFiles: files,
    sections: new Map([['*', { name: '*', kind: 'global', declarations: [], options: new Map() }]]),
    diagnostics: [],
    files: [],
    refused: false,
    includeStack: [],
    writes: [],
    globDepth: 0,
    writeCount: 0,
    spec: { level: 0, reason: '' },
    activeFunctions: new Set(),
    callDepth: 0,
    reportedErrors: new Set(),
    partChars,
    optionNames: new Map(),
  };
  // Prosody resolves relative Includes against the config path it was given, not its target.
  const mainVirtual = files.system(main);
  const loaded = mainVirtual === undefined ? undefined : files.load(mainVirtual);
  if (mainVirtual === undefined || loaded === undefined) {
    report(state, 'include-error', { file: main, line: 1, column: 1 }, `The Prosody config file ${main} is outside --root: not read`);
  } else if (!loaded.ok && loaded.problem.kind === 'absent') {
    state.refused = true;
    report(state, 'include-error', { file: main, line: 1, column: 1 }, `The Prosody config file ${main} does not exist`);
  } else if (!loaded.ok) {
    files.reported(loaded.problem);
    report(state, 'include-error', { file: main, line: 1, column: 1 }, `The Prosody config file ${mainVirtual} is not read: ${loaded.problem.reason}`);
  } else {
    state.includeStack.push(loaded.path);
    evaluateFile(state, main, mainVirtual, loaded.text);
    state.includeStack.pop();
  }
  return {
    release: options.release,
    mainFile: main,
    files: state.files,
    sections: snapshotSections(state.sections, new Snapshotter()),
    diagnostics: state.diagnostics,
    refusedByServer: state.refused,
  };
}
