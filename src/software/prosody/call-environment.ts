import { report, runtimeError, type FileContext } from './eval-state.js';
import { component, componentModule, componentOptions, hostOptions, virtualHost } from './declare-section.js';
import type { CallInfo } from './evaluate-call.js';
import { firstValue, type Multi } from './evaluate-expression.js';
import { includeConfig } from './include-file.js';
import { fileReader, runScript } from './file-functions.js';
import { luaTypeName, type FunctionRef } from './runtime-value.js';

type EnvFunction = Exclude<FunctionRef, { type: 'lua' } | { type: 'proxy-method' }>;


function include(ctx: FileContext, args: Multi, info: CallInfo): Multi {
  const file = firstValue(args, info.at);
  if (file.type === 'string') includeConfig(ctx, file.value, info.at);
  else if (file.type === 'unknown') {
    report(ctx.state, 'unknown-value', info.at, `The path of this Include is known only at runtime (${file.reason}); the file is not read`);
  } else {
    // file:match(...) on a non-string (configmanager.lua:212).
    runtimeError(ctx.state, info.at, `attempt to index a ${luaTypeName(file)} value (local 'file')`);
  }
  return { values: [] };
}

export function callEnvFunction(fn: EnvFunction, args: Multi, info: CallInfo): Multi {
  const ctx = fn.ctx;
  switch (fn.type) {
    case 'host-options':
      return hostOptions(fn, args, info);
    case 'component-module':
      return componentModule(fn, args, info);
    case 'component-options':
      return componentOptions(ctx, fn.host, firstValue(args, info.at), info);
    case 'env':
      break;
  }
  switch (fn.name) {
    case 'VirtualHost':
      return virtualHost(ctx, args, info);
    case 'Component':
      return component(ctx, args, info);
    case 'Include':
      return include(ctx, args, info);
    case 'RunScript':
      return runScript(ctx, args, info);
    default:
      return fileReader(fn.name, args, info);
  }
}
