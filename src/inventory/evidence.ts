/** A place in a file. Lines and columns are 1-based; `file` is an absolute path. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** Where a server default came from, so a finding can say "default of mod_mam, Prosody 0.12". */
export interface DefaultOrigin {
  software: string;
  release: string;
  /** Source reference in the server's own code, e.g. "modules/mod_mam/mod_mam.lua:46". */
  source: string;
}

/** One piece of evidence behind a practice or verdict: a position and what it shows. */
export interface Evidence extends SourcePosition {
  note: string;
  /** Set when the value is the server's default rather than something the config states. */
  default?: DefaultOrigin;
}

/** Tri-state answer for facts that a static reading can fail to establish. */
export type Tri = true | false | 'unknown';
