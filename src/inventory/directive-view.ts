import type { SourcePosition } from './evidence.js';

/** One directive of a web server config, with its block's children: what plugin rules read (ctx.configs). */
export interface DirectiveView {
  readonly name: string;
  readonly args: readonly string[];
  readonly position: SourcePosition;
  readonly children: readonly DirectiveView[];
}
