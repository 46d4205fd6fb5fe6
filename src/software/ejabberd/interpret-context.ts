import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import type { Practice, PracticeSubject } from '../../inventory/practice.js';
import type { ScheduledJob } from '../scheduled-jobs/job-model.js';
import type { EffectiveModule, EjabberdConfig, EjabberdValue } from './config-model.js';
import { effectiveModules, effectiveOption } from './effective-option.js';
import { mapGet, scalarText } from './fast-yaml-value.js';
import type { LogRetentionSource } from '../../inventory/log-retention.js';

/** The ejabberd release whose defaults apply (POLICY.md `versions.ejabberd`; Debian bookworm's 23.01 by default). */
export const DEFAULT_EJABBERD_RELEASE = '23.01';

/** A server default with the source it was read from (processone/ejabberd at tag 23.01). */
export interface EjabberdDefault {
  value: string | number | boolean | undefined;
  source: string;
}

/** An option or module option as ejabberd reads it: the value written, or the default. */
export interface EjabberdReading {
  name: string;
  /** Scalar text (atoms and strings as written, numbers as text); undefined for lists/maps/unset. */
  text: string | undefined;
  value: EjabberdValue | undefined;
  isDefault: boolean;
  evidence: Evidence;
}

/** What the ejabberd interpreter parts share: the loaded config, the jobs, and the output. */
export class EjabberdContext {
  readonly practices: Practice[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly logRetention: LogRetentionSource[] = [];

  constructor(
    readonly config: EjabberdConfig,
    readonly jobs: ScheduledJob[],
    readonly release: string,
  ) {}

  get hosts(): { name: string; at: SourcePosition }[] {
    return this.config.hosts;
  }

  /**
   * Hosts by name and modules by host, made once: every interpreter part asks them of each host,
   * and looking a host up in the list was quadratic on 10,000 hosts. The config is read-only here.
   */
  #hostEntries: Map<string, SourcePosition> | undefined;
  readonly #modules = new Map<string, Map<string, EffectiveModule>>();

  /** Where a host-level default is reported: the host's entry in `hosts`. */
  anchor(host?: string): SourcePosition {
    if (this.#hostEntries === undefined) {
      this.#hostEntries = new Map();
      // The first entry of a name, as a search of the list finds it.
      for (const h of this.config.hosts) if (!this.#hostEntries.has(h.name)) this.#hostEntries.set(h.name, h.at);
    }
    const at = host ? this.#hostEntries.get(host) : undefined;
    return at ?? this.config.hosts[0]?.at ?? { file: this.config.mainFile, line: 1, column: 1 };
  }

  subject(host: string): PracticeSubject {
    return { software: 'ejabberd', name: host, kind: 'host' };
  }

  modules(host: string): ReadonlyMap<string, EffectiveModule> {
    let modules = this.#modules.get(host);
    if (modules === undefined) this.#modules.set(host, (modules = effectiveModules(this.config, host)));
    return modules;
  }

  module(host: string, name: string): EffectiveModule | undefined {
    return this.modules(host).get(name);
  }

  /** A top-level option for a host (host_config, else global, else the default). */
  option(host: string | undefined, name: string, fallback?: EjabberdDefault): EjabberdReading {
    const option = host ? effectiveOption(this.config, host, name) : this.config.global.get(name);
    if (option) {
      return { name, text: scalarText(option.value), value: option.value, isDefault: false, evidence: { ...option.at, note: `${name}: ${show(option.value)}` } };
    }
    return this.defaultReading(name, fallback, this.anchor(host));
  }

  /** A module option: written in the module's map, else the module's default (gen_mod mod_options/1). */
  moduleOption(module: EffectiveModule, moduleName: string, name: string, fallback?: EjabberdDefault): EjabberdReading {
    const value = mapGet(module.options, name);
    const entry = module.options.kind === 'map' ? module.options.entries.find((e) => e.key === name) : undefined;
    if (value && entry) {
      return { name, text: scalarText(value), value, isDefault: false, evidence: { ...entry.keyAt, note: `${moduleName}.${name}: ${show(value)}` } };
    }
    return this.defaultReading(`${moduleName}.${name}`, fallback, module.at);
  }

  private defaultReading(name: string, fallback: EjabberdDefault | undefined, at: SourcePosition): EjabberdReading {
    const shown = fallback?.value === undefined ? 'unset' : String(fallback.value);
    const evidence: Evidence = {
      ...at,
      note: `${name} not set: ${shown}${fallback ? ` (default, ejabberd ${this.release})` : ''}`,
      ...(fallback ? { default: { software: 'ejabberd', release: this.release, source: fallback.source } } : {}),
    };
    return { name, text: fallback?.value === undefined ? undefined : String(fallback.value), value: undefined, isDefault: true, evidence };
  }

  moduleEvidence(host: string, name: string): [Evidence] {
    const module = this.module(host, name);
    if (module) return [{ ...module.at, note: `${name} is enabled for ${host}` }];
    return [{ ...this.anchor(host), note: `${name} is not in the modules of ${host}` }];
  }

  emit(practice: Practice): void {
    this.practices.push(practice);
  }

  warn(at: SourcePosition, message: string, suggestion?: string): void {
    this.diagnostics.push({ code: 'config-warning', message, position: at, ...(suggestion ? { suggestion } : {}) });
  }
}

/** A value as it reads in a note: atoms and numbers bare, strings quoted, lists and maps summarised. */
export function show(value: EjabberdValue): string {
  switch (value.kind) {
    case 'atom':
    case 'int':
    case 'float':
      return String(value.value);
    case 'string':
      return JSON.stringify(value.value);
    case 'list':
      return `[${value.items.map(show).join(', ')}]`;
    case 'map':
      return value.entries.length === 0 ? '{}' : `{${value.entries.map((e) => e.key).join(', ')}}`;
  }
}
