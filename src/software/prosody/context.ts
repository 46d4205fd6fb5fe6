import type { ProsodyRelease } from '../../config/types.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { EditProposal } from '../../inventory/edit.js';
import type { DefaultOrigin, Evidence, SourcePosition, Tri } from '../../inventory/evidence.js';
import type { Practice, PracticeSubject, Retention } from '../../inventory/practice.js';
import { describeDuration } from '../../config/duration.js';
import type { ProsodyConfig, ProsodySection } from './config-model.js';
import { AUTOLOAD_SOURCE, moduleSet, type ModuleSet } from './module-set.js';
import { OptionReader, describeValue, luaLiteral, type OptionReading } from './option-reader.js';
import type { PeriodReading } from './periods.js';
import { forever, timeBound, unknownFigure } from '../../inventory/retention.js';
import { optionValueEdit } from './option-edit.js';


/** What every Prosody interpreter part needs: the config, option reading, module sets, output. */
export class ProsodyContext {
  readonly reader: OptionReader;
  readonly practices: Practice[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly moduleSets = new Map<string, ModuleSet>();
  private readonly active = new Map<'host' | 'component', ProsodySection[]>();
  private readonly subjects = new Map<ProsodySection, PracticeSubject>();

  constructor(
    readonly config: ProsodyConfig,
    readonly release: ProsodyRelease,
  ) {
    this.reader = new OptionReader(config, release);
    this.autoloadOrigin = { software: 'prosody', release, source: AUTOLOAD_SOURCE[release] };
  }

  get global(): ProsodySection {
    const global = this.config.sections.get('*');
    if (global) return global;
    return { name: '*', kind: 'global', declarations: [], options: new Map() };
  }

  /** Hosts and components Prosody activates: every section whose `enabled` is not false (core/hostmanager.lua:49-70). */
  activeSections(kind: 'host' | 'component'): readonly ProsodySection[] {
    // Every interpreter part asks: on 100,000 hosts, listing them each time was a pass over
    // every section per part. The config and its readings do not change once loaded.
    let sections = this.active.get(kind);
    if (sections === undefined) {
      sections = [...this.config.sections.values()].filter((s) => {
        if (s.kind !== kind) return false;
        return this.reader.read(s, 'enabled').scalar !== false;
      });
      this.active.set(kind, sections);
    }
    return sections;
  }

  /** Components whose module is one of `modules` (e.g. muc, http_file_share). */
  componentsRunning(...modules: string[]): ProsodySection[] {
    return this.activeSections('component').filter((c) => modules.includes(c.componentModule?.value ?? ''));
  }

  modules(section: ProsodySection): ModuleSet {
    let set = this.moduleSets.get(section.name);
    if (!set) {
      set = moduleSet(this.config, section.name);
      this.moduleSets.set(section.name, set);
    }
    return set;
  }

  /** Is `module` loaded on the section? For a component, its own component module counts too. */
  loaded(section: ProsodySection, module: string): Tri {
    if (section.componentModule?.value === module) return true;
    return this.modules(section).has(module);
  }

  /** Evidence for a module being loaded (or not) on a section. */
  moduleEvidence(section: ProsodySection, module: string, autoloaded = false): Evidence[] {
    if (section.componentModule?.value === module) {
      return [noted(section.componentModule.at, `Component "${section.name}" runs mod_${module}`)];
    }
    const set = this.modules(section);
    const state = set.has(module);
    const places = set.evidence(module);
    if (places.length > 0) {
      const verb = state === true ? 'enabled' : state === false ? 'disabled' : 'possibly enabled';
      const note = `mod_${module} ${verb} for ${section.name}`;
      return places.map((p) => noted(p, note));
    }
    const unknown = set.unknown[0];
    if (state === 'unknown' && unknown) {
      return [noted(unknown.at, `mod_${module} may be loaded on ${section.name}: ${unknown.reason}`)];
    }
    const at = this.reader.anchor(section);
    if (autoloaded && state === true) {
      return [{ file: at.file, line: at.line, column: at.column, note: `mod_${module} is auto-loaded on ${section.name}`, default: this.autoloadOrigin }];
    }
    return [noted(at, `mod_${module} is not loaded on ${section.name}`)];
  }

  /** One subject per section, shared by its practices (about ten per host), which never change it. */
  /** Where the auto-load list was read: one object for every auto-loaded module's evidence. */
  private readonly autoloadOrigin: DefaultOrigin;

  subject(section: ProsodySection): PracticeSubject {
    let subject = this.subjects.get(section);
    if (subject === undefined) {
      subject = { software: 'prosody', name: section.name, kind: section.kind === 'global' ? 'server' : section.kind };
      this.subjects.set(section, subject);
    }
    return subject;
  }

  read(section: ProsodySection, name: string, fallback?: Parameters<OptionReader['read']>[2], moduleName?: string): OptionReading {
    return this.reader.read(section, name, fallback, moduleName);
  }

  emit(practice: Practice): void {
    this.practices.push(practice);
  }

  diagnose(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** Reports a Prosody reading problem (mis-parsed period, ...) once per position. */
  problem(at: SourcePosition, message: string, suggestion?: string, edit?: EditProposal): void {
    const seen = this.diagnostics.some(
      (d) => d.message === message && d.position.file === at.file && d.position.line === at.line && d.position.column === at.column,
    );
    if (!seen) this.diagnose({ code: 'config-warning', message, position: at, ...(suggestion ? { suggestion, ...(edit ? { edit } : {}) } : {}) });
  }
}

/**
 * Evidence at a position, its fields named rather than spread: spreading a position into a new
 * literal for each of 100,000 hosts left each evidence entry with a hidden class of its own.
 */
function noted(at: SourcePosition, note: string): Evidence {
  return { file: at.file, line: at.line, column: at.column, note };
}

/**
 * Retention of data that a daily cleanup job deletes once older than the period: the nominal
 * figure is the period, the worst case adds the day between two runs (`module:daily`,
 * Prosody 0.12 mod_mam.lua:545 and mod_http_file_share.lua:467; 13.0 :535 and :495).
 */
export function dailyCleanupRetention(reading: OptionReading, period: PeriodReading, what: string, fixTemplate?: string, fixValue?: string): Retention {
  const evidence = [reading.evidence];
  const fixEdit = fixValue === undefined ? undefined : optionValueEdit(reading, fixValue);
  const fix = { cleanupLag: 86400, ...(fixTemplate ? { fixTemplate } : {}), ...(fixEdit ? { fixEdit } : {}) };
  if (Number.isNaN(period.seconds)) {
    return unknownFigure(period.problem ?? `${reading.name} is not understood`, `${what}: ${reading.name} not understood`, { evidence });
  }
  const nominal = period.seconds;
  const shown = settingText(reading);
  if (nominal === Infinity) return forever(`${what} kept forever (${shown})`, { evidence, ...fix });
  return timeBound(
    nominal,
    `${what} deleted after ${describeDuration(nominal)} (${shown})`,
    { seconds: nominal + 86400, reason: `Prosody deletes expired data in a daily job, so data can live up to ${describeDuration(nominal + 86400)}` },
    { evidence, ...fix },
  );
}

/** Retention that cannot be known because the option's value depends on the runtime. */
export function unknownRetention(reading: OptionReading, what: string): Retention {
  const reason = reading.unknown?.reason ?? 'its value depends on the runtime';
  return unknownFigure(`${reading.name} ${reason}`, `${what}: ${reading.name} is not known statically`, {
    evidence: [reading.unknown ? { ...reading.unknown.at, note: `${reading.name}: ${reason}` } : reading.evidence],
  });
}

/** The setting as the user wrote it, or the default it falls back to: `archive_expires_after = "3w"`. */
export function settingText(reading: OptionReading): string {
  if (reading.isDefault) {
    return reading.scalar === undefined ? `${reading.name} not set` : `${reading.name} not set, default ${luaLiteral(reading.scalar)}`;
  }
  return `${reading.name} = ${reading.value ? describeValue(reading.value) : luaLiteral(reading.scalar)}`;
}
