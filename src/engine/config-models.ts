import type { DirectiveView } from '../inventory/directive-view.js';
import type { SourcePosition } from '../inventory/evidence.js';

export type { DirectiveView };

/**
 * What a rule sees of the interpreted configs (ctx.configs): read-only models with positions,
 * built from what the readers already parsed, so that no rule parses a file again. Software
 * that was not found gives empty lists.
 */

/** A value as JSON would hold it: Lua tables and ejabberd maps become arrays and objects. */
export type PlainValue = string | number | boolean | null | readonly PlainValue[] | { readonly [key: string]: PlainValue };

export interface OptionView {
  /** The effective value; undefined when it is known only at runtime (`unknown` says why). */
  readonly value: PlainValue | undefined;
  /** Where it is set; for a default, where the host (or the module) is declared. */
  readonly position: SourcePosition;
  /** True when the config does not set it and the value is the release's default (as far as privacy-lint knows it). */
  readonly isDefault: boolean;
  readonly unknown?: string;
}

export interface ModuleView {
  /** Without the `mod_` prefix, as the server's config writes it (Prosody `muc_log`; ejabberd `mod_muc_log`). */
  readonly name: string;
  readonly position: SourcePosition;
  /** ejabberd: the module's own option, as written for this host. Prosody module options are host options. */
  option?(name: string): OptionView | undefined;
}

export interface HostView {
  readonly name: string;
  /** Prosody: `host` (VirtualHost) or `component`; ejabberd: `host`. */
  readonly kind: 'host' | 'component';
  readonly position: SourcePosition;
  /** The modules known to be loaded on it, after inheritance and modules_disabled. */
  readonly modules: readonly ModuleView[];
  /** The option as the server reads it for this host (own value, else global, else default), or undefined. */
  option(name: string): OptionView | undefined;
}

export interface JobView {
  /** crontab, cron.d, user-crontab, cron-periodic, systemd-timer. */
  readonly origin: string;
  readonly command: string;
  readonly position: SourcePosition;
  readonly user?: string;
  /** False when it never runs periodically (whyNotRuns says why). */
  readonly runs: boolean;
  readonly whyNotRuns?: string;
  readonly schedule: {
    readonly description: string;
    /** Seconds between runs (nominal, and the longest possible gap); undefined when they cannot be told. */
    readonly interval: number | undefined;
    readonly worstCaseInterval: number | undefined;
    readonly position: SourcePosition;
  };
}

export interface ConfigModels {
  readonly prosody: { readonly hosts: readonly HostView[] };
  readonly ejabberd: { readonly hosts: readonly HostView[] };
  /**
   * Directive trees: the top-level directives, includes expanded in place. Apache's names are
   * lower-cased and <IfModule>/<IfDefine> replaced by their outcome; Caddy's top level is the
   * global options block (named '') and the site blocks (named by their first address).
   */
  readonly nginx: readonly DirectiveView[];
  readonly apache: readonly DirectiveView[];
  readonly caddy: readonly DirectiveView[];
  readonly jobs: readonly JobView[];
}

export const EMPTY_CONFIGS: ConfigModels = Object.freeze({
  prosody: Object.freeze({ hosts: [] }),
  ejabberd: Object.freeze({ hosts: [] }),
  nginx: [],
  apache: [],
  caddy: [],
  jobs: [],
});

/**
 * The models as readSources fills them, software by software. Each part is built the first time
 * a rule asks for it: a run whose rules never read ctx.configs pays nothing for them.
 */
export interface ConfigModelsBuilder {
  add(part: 'prosody' | 'ejabberd', hosts: () => HostView[]): void;
  add(part: 'jobs', jobs: () => JobView[]): void;
  add(part: 'nginx' | 'apache' | 'caddy', directives: () => DirectiveView[]): void;
  readonly models: ConfigModels;
}

export function configModelsBuilder(): ConfigModelsBuilder {
  const parts = {
    prosody: [] as (() => HostView[])[],
    ejabberd: [] as (() => HostView[])[],
    jobs: [] as (() => JobView[])[],
    nginx: [] as (() => DirectiveView[])[],
    apache: [] as (() => DirectiveView[])[],
    caddy: [] as (() => DirectiveView[])[],
  };
  const once = <T>(list: (() => T[])[]): (() => readonly T[]) => {
    let built: T[] | undefined;
    return () => (built ??= list.flatMap((make) => make()));
  };
  const prosody = once(parts.prosody);
  const ejabberd = once(parts.ejabberd);
  const jobs = once(parts.jobs);
  const nginx = once(parts.nginx);
  const apache = once(parts.apache);
  const caddy = once(parts.caddy);
  return {
    add(part: keyof typeof parts, make: () => (HostView | JobView | DirectiveView)[]) {
      (parts[part] as (() => (HostView | JobView | DirectiveView)[])[]).push(make);
    },
    models: Object.freeze({
      prosody: Object.freeze({ get hosts() { return prosody(); } }),
      ejabberd: Object.freeze({ get hosts() { return ejabberd(); } }),
      get nginx() { return nginx(); },
      get apache() { return apache(); },
      get caddy() { return caddy(); },
      get jobs() { return jobs(); },
    }),
  };
}
