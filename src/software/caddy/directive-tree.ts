import type { Caddyfile, CaddyDirective } from '../../formats/caddyfile/parse-caddyfile.js';
import { directiveViews, type DirectiveView } from '../../inventory/directive-view.js';

/**
 * A Caddyfile as plugin rules see it (ctx.configs.caddy), imports and snippets expanded in place
 * as the parser read them: the global options block first, as an entry named '' (Caddy's parser
 * reads it as a server block without keys, caddyconfig/caddyfile/parse.go), then each site
 * block, named by its first address with the others as args.
 */
export function caddyDirectiveTree(parsed: Caddyfile): DirectiveView[] {
  const children = (directives: CaddyDirective[]): DirectiveView[] =>
    directiveViews(directives, (d) => ({ name: d.name.text, args: d.args.map((a) => a.text), position: d.name.at, block: d.block }));
  const top: DirectiveView[] = [];
  if (parsed.global !== undefined) top.push({ name: '', args: [], position: parsed.global.at, children: children(parsed.global.directives) });
  for (const site of parsed.sites) {
    top.push({ name: site.keys[0]?.text ?? '', args: site.keys.slice(1).map((k) => k.text), position: site.at, children: children(site.directives) });
  }
  return top;
}
