/**
 * cosmiconfig, for the two places that load it on demand (load-config.ts, load-plugins.ts).
 * cosmiconfig is CommonJS: Node's import() finds its named exports, but a dynamic import of it in
 * the CLI bundle (scripts/bundle-cli.ts) gives only a default export. Re-exported from this ES
 * module, its names reach both.
 */
export { cosmiconfig, defaultLoaders } from 'cosmiconfig';
