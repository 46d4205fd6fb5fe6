import type { Expression, FunctionDeclaration, IfStatement, Statement } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import { pos, report, runtimeError, Scope, sourceText, speculate, type FileContext } from './eval-state.js';
import { evalCall } from './evaluate-call.js';
import { evalExpr, evalExprList, type Multi } from './evaluate-expression.js';
import { assignIndex } from './index-value.js';
import { isEnvFieldName, warnNilName } from './read-name.js';
import { writeOption } from './option-store.js';
import { nil, truthiness, unknown, type Val } from './runtime-value.js';

/**
 * How a block ended. `maybeReturn` marks a `return` that runs only under runtime conditions:
 * the statements after it run only when it does not, so they are evaluated speculatively.
 */
export type Completion = { kind: 'normal'; maybeReturn?: SourcePosition } | { kind: 'return' } | { kind: 'break' };

const NORMAL: Completion = { kind: 'normal' };

/**
 * Runs code that executes only under runtime conditions. A section switch inside it
 * (`VirtualHost` in an `if` or loop) leaves the section after it unknown; privacy-lint goes on
 * in the section it was in before, and says so.
 */
export function runSpeculative<T>(ctx: FileContext, reason: string, at: SourcePosition, fn: () => T): T {
  const before = ctx.section;
  const result = speculate(ctx.state, reason, fn);
  if (ctx.section !== before) {
    report(
      ctx.state,
      'unknown-value',
      at,
      `A VirtualHost or Component here runs ${reason}, so the section that later settings go to depends on the runtime; ` +
        `privacy-lint reads them as part of ${before === '*' ? 'the global section' : `section "${before}"`}`,
    );
    ctx.section = before;
  }
  return result;
}

function valueAt(m: Multi, i: number, at: SourcePosition): Val {
  return m.values[i] ?? m.rest ?? nil(at);
}

/** A local that lives outside the current speculative region gets an unknown value. */
function assignLocal(ctx: FileContext, scope: Scope, name: string, value: Val): boolean {
  const found = scope.lookup(name);
  if (!found) return false;
  const spec = ctx.state.spec;
  found.scope.vars.set(name, { value: spec.level > found.scope.level ? unknown(`set ${spec.reason}`, value.at) : value });
  return true;
}

/** `name = value` on a bare name: a local, a rebinding of an env field, or an option (__newindex). */
function assignName(ctx: FileContext, scope: Scope, name: string, value: Val, at: SourcePosition): void {
  if (assignLocal(ctx, scope, name, value)) return;
  if (isEnvFieldName(ctx, name)) {
    // The env has these as raw fields, so assigning replaces them instead of setting an option.
    ctx.envFields.set(name, ctx.state.spec.level > 0 ? unknown(`set ${ctx.state.spec.reason}`, value.at) : value);
    if (name === '__currenthost') report(ctx.state, 'unknown-value', at, 'Assigning __currenthost changes the section in a way privacy-lint does not follow');
    return;
  }
  if (value.type === 'proxy') {
    report(
      ctx.state,
      'config-warning',
      at,
      `'${name}' gets a Prosody 13.0 proxy object for option '${value.option}', not its list; list the values instead`,
    );
  }
  writeOption(ctx, name, value, at, { assignment: true });
}

function execAssignment(ctx: FileContext, scope: Scope, stmt: Extract<Statement, { type: 'AssignmentStatement' }>): void {
  const values = evalExprList(ctx, scope, stmt.init);
  stmt.init.forEach((expr, i) => {
    const v = values.values[i];
    // Only a name read right here; a local holding such a nil was warned about where it was read.
    if (expr.type === 'Identifier' && v?.type === 'nil' && v.undefinedName === expr.name && !scope.lookup(expr.name)) {
      const target = stmt.variables[i];
      const isOption = target?.type === 'Identifier' && !scope.lookup(target.name) && !isEnvFieldName(ctx, target.name);
      warnNilName(ctx, v.undefinedName, v.at, isOption);
    }
  });
  stmt.variables.forEach((target, i) => {
    const at = pos(ctx, target);
    const value = valueAt(values, i, at);
    if (target.type === 'Identifier') {
      assignName(ctx, scope, target.name, value, at);
    } else if (target.type === 'MemberExpression') {
      const base = evalExpr(ctx, scope, target.base);
      assignIndex(ctx, scope, target.base, base, { type: 'string', value: target.identifier.name, at: pos(ctx, target.identifier) }, value, at);
    } else {
      const base = evalExpr(ctx, scope, target.base);
      const key = evalExpr(ctx, scope, target.index);
      assignIndex(ctx, scope, target.base, base, key, value, at);
    }
  });
}

function execLocal(ctx: FileContext, scope: Scope, stmt: Extract<Statement, { type: 'LocalStatement' }>): void {
  const values = evalExprList(ctx, scope, stmt.init, { warnNil: true });
  stmt.variables.forEach((id, i) => scope.declare(id.name, valueAt(values, i, pos(ctx, id))));
}

function functionName(ctx: FileContext, node: FunctionDeclaration): string {
  return node.identifier ? sourceText(ctx, node.identifier) : 'an anonymous function';
}

function execFunctionDeclaration(ctx: FileContext, scope: Scope, stmt: FunctionDeclaration): void {
  const at = pos(ctx, stmt);
  const id = stmt.identifier;
  const fnValue = (s: Scope): Val => ({ type: 'function', fn: { type: 'lua', node: stmt, scope: s, ctx, name: functionName(ctx, stmt) }, at });
  if (stmt.isLocal && id?.type === 'Identifier') {
    // `local function f` binds f before the body, so it can call itself.
    scope.declare(id.name, nil(at));
    scope.declare(id.name, fnValue(scope));
    return;
  }
  if (!id) return;
  if (id.type === 'Identifier') {
    // `function f() end` is `f = function ...`: without a local f, that sets an option.
    assignName(ctx, scope, id.name, fnValue(scope), pos(ctx, id));
    return;
  }
  const base = evalExpr(ctx, scope, id.base);
  assignIndex(ctx, scope, id.base, base, { type: 'string', value: id.identifier.name, at: pos(ctx, id.identifier) }, fnValue(scope), pos(ctx, id));
}

function block(ctx: FileContext, body: Statement[], scope: Scope): Completion {
  return execBlock(ctx, body, new Scope(scope, ctx.state.spec.level));
}

/** The body of a loop or undecided branch, run speculatively; a `return` in it may or may not happen. */
function speculativeBody(ctx: FileContext, scope: Scope, reason: string, at: SourcePosition, body: Statement[], bind?: (s: Scope) => void): Completion {
  const completion = runSpeculative(ctx, reason, at, () => {
    const inner = new Scope(scope, ctx.state.spec.level);
    bind?.(inner);
    return execBlock(ctx, body, inner);
  });
  if (completion.kind === 'return') return { kind: 'normal', maybeReturn: at };
  if (completion.kind === 'normal' && completion.maybeReturn) return completion;
  return NORMAL;
}

function conditionText(ctx: FileContext, condition: Expression, at: SourcePosition, when: 'true' | 'false'): string {
  return `only when \`${sourceText(ctx, condition)}\` (line ${at.line}) is ${when}, which depends on the runtime`;
}

/**
 * `if`: a decidable condition runs only the taken branch; otherwise every remaining branch runs
 * speculatively.
 */
function execIf(ctx: FileContext, scope: Scope, stmt: IfStatement): Completion {
  let reached: string | undefined; // why the current clause is reached only sometimes
  let maybeReturn: SourcePosition | undefined;
  const run = (body: Statement[], reason: string | undefined, at: SourcePosition): Completion | undefined => {
    if (reason === undefined) return block(ctx, body, scope);
    const c = speculativeBody(ctx, scope, reason, at, body);
    if (c.kind === 'normal' && c.maybeReturn) maybeReturn = c.maybeReturn;
    return undefined;
  };
  for (const clause of stmt.clauses) {
    const at = pos(ctx, clause);
    if (clause.type === 'ElseClause') {
      const definite = run(clause.body, reached, at);
      if (definite) return definite;
      break;
    }
    const condition = reached === undefined ? evalExpr(ctx, scope, clause.condition) : speculate(ctx.state, reached, () => evalExpr(ctx, scope, clause.condition));
    const t = truthiness(condition);
    if (t === false) continue;
    if (t === true) {
      const definite = run(clause.body, reached, at);
      if (definite) return definite;
      break;
    }
    run(clause.body, conditionText(ctx, clause.condition, at, 'true'), at);
    reached = conditionText(ctx, clause.condition, at, 'false');
  }
  return maybeReturn ? { kind: 'normal', maybeReturn } : NORMAL;
}

function loopReason(kind: string, at: SourcePosition): string {
  return `only inside the \`${kind}\` loop at line ${at.line}, whose iterations depend on the runtime`;
}

function execNumericFor(ctx: FileContext, scope: Scope, stmt: Extract<Statement, { type: 'ForNumericStatement' }>): Completion {
  const at = pos(ctx, stmt);
  const start = evalExpr(ctx, scope, stmt.start);
  const end = evalExpr(ctx, scope, stmt.end);
  const step = stmt.step ? evalExpr(ctx, scope, stmt.step) : undefined;
  const bad = [start, end, step].find((v) => v !== undefined && v.type !== 'number' && v.type !== 'unknown' && v.type !== 'string');
  if (bad) {
    runtimeError(ctx.state, at, `'for' initial value must be a number`);
    return NORMAL;
  }
  if (step?.type === 'number' && step.value === 0) {
    runtimeError(ctx.state, at, "'for' step is zero");
    return NORMAL;
  }
  if (start.type === 'number' && end.type === 'number' && (!step || step.type === 'number')) {
    const s = step?.type === 'number' ? step.value : 1;
    if (s > 0 ? start.value > end.value : start.value < end.value) return NORMAL; // runs zero times
  }
  return speculativeBody(ctx, scope, loopReason('for', at), at, stmt.body, (inner) =>
    inner.declare(stmt.variable.name, unknown(`the loop variable \`${stmt.variable.name}\``, pos(ctx, stmt.variable))),
  );
}

function execStatement(ctx: FileContext, scope: Scope, stmt: Statement): Completion {
  switch (stmt.type) {
    case 'LocalStatement':
      execLocal(ctx, scope, stmt);
      return NORMAL;
    case 'AssignmentStatement':
      execAssignment(ctx, scope, stmt);
      return NORMAL;
    case 'CallStatement':
      evalCall(ctx, scope, stmt.expression, true);
      return NORMAL;
    case 'FunctionDeclaration':
      execFunctionDeclaration(ctx, scope, stmt);
      return NORMAL;
    case 'IfStatement':
      return execIf(ctx, scope, stmt);
    case 'DoStatement':
      return block(ctx, stmt.body, scope);
    case 'WhileStatement': {
      const at = pos(ctx, stmt);
      const condition = evalExpr(ctx, scope, stmt.condition);
      if (truthiness(condition) === false) return NORMAL;
      return speculativeBody(ctx, scope, loopReason('while', at), at, stmt.body);
    }
    case 'RepeatStatement': {
      const at = pos(ctx, stmt);
      return speculativeBody(ctx, scope, loopReason('repeat', at), at, stmt.body);
    }
    case 'ForNumericStatement':
      return execNumericFor(ctx, scope, stmt);
    case 'ForGenericStatement': {
      const at = pos(ctx, stmt);
      evalExprList(ctx, scope, stmt.iterators);
      return speculativeBody(ctx, scope, loopReason('for', at), at, stmt.body, (inner) => {
        for (const v of stmt.variables) inner.declare(v.name, unknown(`the loop variable \`${v.name}\``, pos(ctx, v)));
      });
    }
    case 'ReturnStatement':
      evalExprList(ctx, scope, stmt.arguments);
      return { kind: 'return' };
    case 'BreakStatement':
      return { kind: 'break' };
    case 'GotoStatement':
      if (ctx.state.spec.level === 0) {
        report(ctx.state, 'unknown-value', pos(ctx, stmt), 'privacy-lint does not follow `goto`; the statements after it in this block are not read');
      }
      return { kind: 'break' };
    case 'LabelStatement':
      return NORMAL;
  }
}

/** Runs statements in order; after a `return` that may or may not run, the rest runs speculatively. */
export function execBlock(ctx: FileContext, body: Statement[], scope: Scope): Completion {
  for (let i = 0; i < body.length; i++) {
    const completion = execStatement(ctx, scope, body[i] as Statement);
    if (completion.kind !== 'normal') return completion;
    if (completion.maybeReturn) {
      const rest = body.slice(i + 1);
      if (rest.length > 0) {
        runSpeculative(ctx, maybeReturnReason(completion.maybeReturn), completion.maybeReturn, () =>
          execBlock(ctx, rest, new Scope(scope, ctx.state.spec.level)),
        );
      }
      return completion;
    }
  }
  return NORMAL;
}

function maybeReturnReason(at: SourcePosition): string {
  return `only when the \`return\` inside the block at line ${at.line} is not reached, which depends on the runtime`;
}

/**
 * Runs a file's top-level statements as execBlock does, taking them one at a time from a stream
 * that lets go of each (a huge config's syntax tree never exists whole). A top-level `return`
 * stops the file (Prosody stops reading it there).
 */
export function execTopLevel(ctx: FileContext, statements: { next(): Statement | undefined }, scope: Scope): void {
  for (let statement = statements.next(); statement; statement = statements.next()) {
    const completion = execStatement(ctx, scope, statement);
    if (completion.kind !== 'normal') return;
    if (completion.maybeReturn) {
      const at = completion.maybeReturn;
      runSpeculative(ctx, maybeReturnReason(at), at, () => execTopLevel(ctx, statements, new Scope(scope, ctx.state.spec.level)));
      return;
    }
  }
}
