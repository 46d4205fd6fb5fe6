import type { RootFiles } from '../files/root-files.js';
import { readToolFile } from '../files/tool-files.js';

/**
 * The texts of the config files that were read, read again once each after the rules ran: the
 * suppression comments and the baseline keys come from them. A file that vanished since is
 * simply without text.
 */
export class SourceTexts {
  private readonly texts = new Map<string, string | undefined>();
  private readonly lines = new Map<string, string[]>();

  /** With the run's file layer, a file the readers read under --root is taken from its cache. */
  constructor(private readonly files?: RootFiles) {}

  text(file: string): string | undefined {
    // A file read under --root is kept by the file layer: asked there each time, not copied into
    // a second map (every source is asked once, for its suppression comments).
    const underRoot = this.files?.loadHost(file);
    if (underRoot?.ok) return underRoot.text;
    if (!this.texts.has(file)) {
      let text: string | undefined;
      // Under --root and not readable there: never read it on the host (a link may leave the root).
      if (underRoot !== undefined && underRoot.problem.host === undefined) text = undefined;
      else try {
        // Through the file layer: a FIFO or a device at a finding's place is never opened.
        text = readToolFile(file);
      } catch {
        text = undefined;
      }
      this.texts.set(file, text);
    }
    return this.texts.get(file);
  }

  /**
   * Which of `files` hold `marker`, as far as the texts the file layer read can tell: `holding`
   * are those read under --root whose text holds it, found by one search of each text read, so
   * 15,000 sources without a suppression comment cost no lookup of their text each; `unknown`
   * are those not named as the file layer names files under --root (outside it, say), whose text
   * only `text` can give. Files the readers never read are in neither: every source was read.
   */
  readHolding(files: readonly string[], marker: string): { holding: Set<string>; unknown: Set<string> } {
    const holding = new Set<string>();
    const unknown = new Set<string>();
    const read = this.files?.readTextsHolding(marker);
    for (const file of files) {
      if (read !== undefined && read.size > 0 && read.has(file)) holding.add(file);
      else if (!this.files?.isMadeHostPath(file)) unknown.add(file);
    }
    return { holding, unknown };
  }

  /** Line `line` (1-based) of a file, without its line ending; undefined when there is none. */
  line(file: string, line: number): string | undefined {
    let lines = this.lines.get(file);
    if (lines === undefined) {
      lines = (this.text(file) ?? '').split(/\r?\n/);
      this.lines.set(file, lines);
    }
    return lines[line - 1];
  }
}
