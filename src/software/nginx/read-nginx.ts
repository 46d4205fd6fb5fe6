import type { RootFiles } from '../../files/root-files.js';
import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import { directiveViews } from '../../inventory/directive-view.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import { accessLogUses } from './access-logs.js';
import { AddressTaint } from './address-taint.js';
import { errorLogs } from './error-logs.js';
import { loadNginxTree } from './load-tree.js';
import { formatTable } from './log-formats.js';
import { accessLogPractices, errorLogPractices } from './log-sinks.js';
import { nginxProviderPromises } from './provider-file.js';
import { requestScopes } from './request-scopes.js';
import { websiteResources } from './website-resources.js';
import { appendAll } from '../../arrays/append-all.js';
import { releaseOf, type OtherSoftware } from '../../config/software-releases.js';

/**
 * Reads an nginx configuration under `root` (main file `etc/nginx/nginx.conf` unless given,
 * relative to root) and says where nginx logs, whether those logs hold client addresses, and
 * what each website lets browsers load. nginx keeps no logs of its own: retention comes from
 * logrotate/journald, joined by the engine, so `logRetention` is empty.
 */
/** `versions` names the nginx release whose defaults apply; findings that rest on them say which. */
export function readNginx(files: RootFiles, mainFile = 'etc/nginx/nginx.conf', versions: Partial<Record<OtherSoftware, string>> = {}): SoftwareReading {
  const release = releaseOf(versions, 'nginx');
  const tree = loadNginxTree(files, mainFile);
  const reading: SoftwareReading = {
    files: tree.files,
    searched: [tree.mainFile.replace(/^\//, '')],
    diagnostics: tree.diagnostics,
    practices: [],
    logRetention: [],
  };
  if (!tree.found) return reading;
  const scopes = requestScopes(tree.statements);
  const formats = formatTable(tree.statements);
  appendAll(reading.diagnostics, formats.diagnostics);
  const taint = new AddressTaint(tree.statements);
  appendAll(reading.practices, accessLogPractices(accessLogUses(scopes, formats), taint, new AddressTaint(tree.statements, true), release));
  appendAll(reading.practices, errorLogPractices(errorLogs(tree.statements, scopes, reading.diagnostics), tree.statements, release));
  appendAll(reading.practices, websiteResources(scopes));
  const providers = nginxProviderPromises(files, scopes);
  appendAll(reading.practices, providers.practices);
  appendAll(reading.diagnostics, providers.diagnostics);
  reportLuaLogging(tree.statements, reading.diagnostics);
  reading.directives = () =>
    directiveViews(tree.statements, (s) => ({ name: s.name, args: s.args.map((a) => a.value), position: { file: s.file, line: s.line, column: s.column }, block: s.block }));
  return reading;
}

/** `log_by_lua*` runs code at log time that may record anything, addresses included. */
function reportLuaLogging(statements: NginxStatement[], diagnostics: Diagnostic[]): void {
  for (const s of statements) {
    if (/^log_by_lua/.test(s.name)) {
      diagnostics.push({
        code: 'unknown-value',
        message: `${s.name} runs Lua code at log time; what it records (ngx.var.remote_addr, ...) is not read by privacy-lint`,
        position: { file: s.file, line: s.line, column: s.column },
      });
    }
    if (s.block) reportLuaLogging(s.block, diagnostics);
  }
}

