import type { SourcePosition } from './evidence.js';

/** One directive of a web server config, with its block's children: what plugin rules read (ctx.configs). */
export interface DirectiveView {
  readonly name: string;
  readonly args: readonly string[];
  readonly position: SourcePosition;
  readonly children: readonly DirectiveView[];
}

/** What a reader's own node gives to its view; `block` lists the nodes nested in it. */
export interface DirectiveParts<T> {
  name: string;
  args: readonly string[];
  position: SourcePosition;
  block: readonly T[] | undefined;
}

/**
 * A reader's tree as DirectiveViews, built without recursion: input nesting has no fixed bound
 * here, and one builder serves nginx, Apache and Caddy alike.
 */
export function directiveViews<T>(nodes: readonly T[], parts: (node: T) => DirectiveParts<T>): DirectiveView[] {
  const top: DirectiveView[] = [];
  const work: { from: readonly T[]; into: DirectiveView[] }[] = [{ from: nodes, into: top }];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    for (const node of next.from) {
      const { name, args, position, block } = parts(node);
      const children: DirectiveView[] = [];
      next.into.push({ name, args, position, children });
      if (block !== undefined) work.push({ from: block, into: children });
    }
  }
  return top;
}
