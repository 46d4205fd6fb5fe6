import type { CallExpression, Expression, StringCallExpression, TableCallExpression } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import { pos, report, runtimeError, Scope, sourceText, type FileContext } from './eval-state.js';
import { callEnvFunction } from './call-environment.js';
import { callLibrary } from './call-library.js';
import { execBlock, runSpeculative } from './evaluate-chunk.js';
import { culprit, evalExpr, evalExprList, type Multi } from './evaluate-expression.js';
import { callProxy, callProxyMethod } from './option-proxy.js';
import { optionReadBackHint } from './read-name.js';
import { luaTypeName, nil, unknown, type FunctionRef, type Val } from './runtime-value.js';

export type CallNode = CallExpression | StringCallExpression | TableCallExpression;

/** What a call site looks like, for messages and for builtins that need argument positions. */
export interface CallInfo {
  node: CallNode;
  at: SourcePosition;
  isStatement: boolean;
  calleeExpr: Expression;
  argExprs: Expression[];
}

const MAX_CALL_DEPTH = 30;

function argExprsOf(node: CallNode): Expression[] {
  if (node.type === 'CallExpression') return node.arguments;
  if (node.type === 'StringCallExpression') return [node.argument];
  return [node.arguments];
}

/** Functions that exist only in Prosody 13.0's config env (13.0 core/configmanager.lua:204-211). */
const ONLY_13 = new Set(['FileContents', 'FileLine', 'FileLines', 'Credential']);

function isFunctionOption(ctx: FileContext, name: string): boolean {
  for (const section of ctx.state.sections.values()) if (section.options.get(name)?.value.type === 'function') return true;
  return false;
}

function callNilError(ctx: FileContext, scope: Scope, callee: Val, info: CallInfo): Multi {
  let message = `attempt to call a ${luaTypeName(callee)} value${culprit(scope, info.calleeExpr, callee)}`;
  if (callee.type === 'nil' && info.calleeExpr.type === 'Identifier') {
    const name = info.calleeExpr.name;
    const hint = optionReadBackHint(ctx, name);
    if (ONLY_13.has(name) && ctx.state.release === '0.12') message += `: ${name}() exists only in Prosody 13.0`;
    else if (hint && isFunctionOption(ctx, name)) message += `: \`function ${name}\` without \`local\` sets an option, and ${hint}; write \`local function ${name}\``;
    else if (hint && ctx.state.release === '0.12') message += `: ${hint}; the call form \`${name} { ... }\` needs Prosody 13.0`;
    else if (hint) message += `: ${hint}`;
  }
  runtimeError(ctx.state, info.at, message);
  return { values: [], rest: unknown(`a Lua error: ${message}`, info.at) };
}

/**
 * A function written in the config. Its body runs in the env of the file that defined it
 * (fn.ctx); `caller` is the file of the call site.
 */
function callLuaFunction(
  caller: FileContext,
  fn: Extract<FunctionRef, { type: 'lua' }>,
  self: Val | undefined,
  args: Multi,
  info: CallInfo,
): Multi {
  const state = fn.ctx.state;
  const node = fn.node;
  const src = sourceText(caller, info.node);
  if (state.activeFunctions.has(node) || state.callDepth >= MAX_CALL_DEPTH) {
    return { values: [], rest: unknown(`the result of \`${src}\` (a recursive call)`, info.at) };
  }
  const scope = new Scope(fn.scope, state.spec.level);
  const given = self ? [self, ...args.values] : args.values;
  const params = node.identifier?.type === 'MemberExpression' && node.identifier.indexer === ':' ? ['self'] : [];
  let i = 0;
  for (const p of params) scope.declare(p, given[i++] ?? args.rest ?? nil(info.at));
  for (const p of node.parameters) {
    if (p.type === 'Identifier') {
      scope.declare(p.name, given[i++] ?? args.rest ?? nil(info.at));
    } else {
      const extra = given.length > i || args.rest !== undefined;
      scope.declare('...', extra ? unknown(`the extra arguments of \`${src}\``, info.at) : nil(info.at));
    }
  }
  state.activeFunctions.add(node);
  state.callDepth++;
  try {
    const body = node.body;
    const only = body[0];
    if (body.length === 1 && only?.type === 'ReturnStatement') {
      // `local function days(n) return n * 86400 end`: a pure expression, evaluated exactly.
      return evalExprList(fn.ctx, scope, only.arguments);
    }
    const writesBefore = state.writeCount;
    const sectionsBefore = state.sections.size;
    const reason = `only inside function \`${fn.name}\` (called at line ${info.at.line}), whose body privacy-lint does not follow exactly`;
    runSpeculative(fn.ctx, reason, info.at, () => {
      execBlock(fn.ctx, node.body, scope);
    });
    if (info.isStatement || state.writeCount > writesBefore || state.sections.size > sectionsBefore) {
      report(
        state,
        'unknown-value',
        info.at,
        `\`${src}\` runs a function defined in the config; privacy-lint does not follow its body exactly, so options it sets are marked unknown`,
      );
    }
    return { values: [], rest: unknown(`the result of \`${src}\`, a function defined in the config`, info.at) };
  } finally {
    state.activeFunctions.delete(node);
    state.callDepth--;
  }
}

export function applyFunction(ctx: FileContext, scope: Scope, callee: Val, self: Val | undefined, args: Multi, info: CallInfo): Multi {
  switch (callee.type) {
    case 'function': {
      const fn = callee.fn;
      if (fn.type === 'lua') return callLuaFunction(ctx, fn, self, args, info);
      const all: Multi = self ? { values: [self, ...args.values], ...(args.rest ? { rest: args.rest } : {}) } : args;
      if (fn.type === 'proxy-method') return callProxyMethod(ctx, fn.method, all, info);
      return callEnvFunction(fn, all, info);
    }
    case 'proxy':
      return callProxy(ctx, callee, args, info);
    case 'global':
      return callLibrary(ctx, callee.path, self ? { values: [self, ...args.values], ...(args.rest ? { rest: args.rest } : {}) } : args, info);
    case 'unknown':
      return { values: [], rest: unknown(`the result of \`${sourceText(ctx, info.node)}\``, info.at) };
    default:
      return callNilError(ctx, scope, callee, info);
  }
}

/** `obj:method(args)`. */
function methodCall(ctx: FileContext, scope: Scope, node: CallNode, info: CallInfo): Multi {
  const member = node.base as Extract<Expression, { type: 'MemberExpression' }>;
  const obj = evalExpr(ctx, scope, member.base);
  const name = member.identifier.name;
  const args = evalExprList(ctx, scope, info.argExprs, { warnNil: true });
  switch (obj.type) {
    case 'proxy':
      if (name === 'append' || name === 'value' || name === 'values') {
        return callProxyMethod(ctx, name, { values: [obj, ...args.values], ...(args.rest ? { rest: args.rest } : {}) }, info);
      }
      runtimeError(ctx.state, info.at, `Unknown config option operation: '${name}'`);
      return { values: [], rest: unknown(`a Lua error: Unknown config option operation: '${name}'`, info.at) };
    case 'table': {
      const method = obj.table.get({ type: 'string', value: name, at: info.at });
      return applyFunction(ctx, scope, method ?? nil(info.at), obj, args, { ...info, calleeExpr: member });
    }
    case 'nil':
    case 'boolean':
    case 'number':
    case 'function': {
      let message = `attempt to index a ${luaTypeName(obj)} value${culprit(scope, member.base, obj)}`;
      if (obj.type === 'nil' && member.base.type === 'Identifier') {
        const hint = optionReadBackHint(ctx, member.base.name);
        if (hint && ctx.state.release === '0.12') message += `: ${hint}; \`:${name}\` needs Prosody 13.0, so list the values in the assignment`;
        else if (hint) message += `: ${hint}`;
      }
      runtimeError(ctx.state, info.at, message);
      return { values: [], rest: unknown(`a Lua error: ${message}`, info.at) };
    }
    default:
      return { values: [], rest: unknown(`the result of \`${sourceText(ctx, node)}\``, info.at) };
  }
}

export function evalCall(ctx: FileContext, scope: Scope, node: CallNode, isStatement: boolean): Multi {
  const info: CallInfo = { node, at: pos(ctx, node), isStatement, calleeExpr: node.base, argExprs: argExprsOf(node) };
  if (node.base.type === 'MemberExpression' && node.base.indexer === ':') return methodCall(ctx, scope, node, info);
  const callee = evalExpr(ctx, scope, node.base);
  // table.insert(option, ...) gets its own, more precise error; no extra nil warning for its argument.
  const warnNil = !(callee.type === 'global' && callee.path === 'table.insert');
  const args = evalExprList(ctx, scope, info.argExprs, { warnNil });
  return applyFunction(ctx, scope, callee, undefined, args, info);
}
