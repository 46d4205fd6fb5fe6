import { parseLua } from '../../formats/lua/parse-lua.js';
import { refusal, report, type FileContext } from './eval-state.js';
import type { CallInfo } from './evaluate-call.js';
import { firstValue, type Multi } from './evaluate-expression.js';
import { configDirOf, resolveRelativePath } from './resolve-include.js';
import { unknown } from './runtime-value.js';


/**
 * `RunScript "file.lua"`: dofile() of a path relative to the config's directory, with full
 * globals (0.12 core/configmanager.lua:250-252, 13.0 :364-366). Its code is not run here, but a
 * missing file or a syntax error in it stops Prosody, so those are checked.
 */
export function runScript(ctx: FileContext, args: Multi, info: CallInfo): Multi {
  const result: Multi = { values: [], rest: unknown('the result of a RunScript', info.at) };
  const file = firstValue(args, info.at);
  if (file.type === 'string') {
    const virtualPath = resolveRelativePath(configDirOf(ctx.virtualPath), file.value);
    const files = ctx.state.rootFiles;
    const loaded = files.load(virtualPath);
    if (!loaded.ok && (loaded.problem.kind === 'absent' || loaded.problem.kind === 'directory')) {
      refusal(ctx.state, 'include-error', info.at, `cannot open ${virtualPath} (RunScript)`);
      return result;
    }
    if (!loaded.ok) {
      files.reported(loaded.problem);
      report(ctx.state, 'include-error', info.at, `RunScript of ${virtualPath} is not read: ${loaded.problem.reason}`);
      return result;
    }
    const parsed = parseLua(loaded.text, files.host(virtualPath));
    if (!parsed.ok) {
      refusal(ctx.state, 'parse-error', parsed.diagnostic.position, `${parsed.diagnostic.message} (in a script run by RunScript)`);
      return result;
    }
  }
  report(ctx.state, 'unknown-value', info.at, 'RunScript runs Lua that privacy-lint does not execute');
  return result;
}

/** 13.0 FileContents/FileLine/FileLines/Credential (13.0 core/configmanager.lua:173-194, :368-383). */
export function fileReader(name: string, args: Multi, info: CallInfo): Multi {
  const arg = firstValue(args, info.at);
  const what = arg.type === 'string' ? `"${arg.value}"` : '(a name known only at runtime)';
  const reasons: Record<string, string> = {
    FileContents: `the contents of file ${what}, read by FileContents() when Prosody starts`,
    FileLine: `the first line of file ${what}, read by FileLine() when Prosody starts`,
    FileLines: `the lines of file ${what}, read by FileLines() when Prosody starts`,
    Credential: `the credential ${what}, read by Credential() from $CREDENTIALS_DIRECTORY when Prosody starts`,
  };
  return { values: [unknown(reasons[name] ?? name, info.at, name === 'FileLines' ? true : undefined)] };
}

