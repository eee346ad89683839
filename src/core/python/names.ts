// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { SyntaxNode, TreeCursor } from '@lezer/common';

import { ipythonToPython } from './ipython';
import { parsePythonSteps, PythonParser } from './parser';
import type { PythonTrees } from './trees';
import {
  IScanLimits,
  MAX_NESTING,
  SCAN_LIMITS,
  UnparsedReason,
  unparsedReason
} from '../common/scanLimits';
import { allSteps, Steps } from '../common/steps';
import { compareText } from '../common/text';

/**
 * Why the names a cell defines cannot all be known without running it:
 *
 * - `exec`: it calls `exec`;
 * - `globals`: it reaches the module namespace (`globals()`, `locals()`,
 *   `vars()`);
 * - `get-ipython`: it calls `get_ipython()`, which can push names;
 * - `star-import`: `from module import *`;
 * - `magic`: a line magic that defines names it does not spell (`%run`,
 *   `%store -r`, `%pylab`, `%load`, ...);
 * - `long`, `nested`: the cell was not parsed (see `scanLimits`).
 */
export type DynamicFeature =
  'exec' | 'globals' | 'get-ipython' | 'star-import' | 'magic' | UnparsedReason;

/**
 * A name a cell reads before it defines it (if it does).
 */
export interface INameRead {
  /**
   * The name.
   */
  name: string;
  /**
   * Whether it is read only inside a function or lambda body: then it is
   * read when the function is called, not when the cell runs.
   */
  deferred: boolean;
}

/**
 * The global names one code cell defines and reads.
 */
export interface ICellNames {
  /**
   * Names the cell defines in the notebook's namespace, sorted and unique.
   */
  defines: string[];
  /**
   * Names the cell reads from the notebook's namespace that it did not
   * define before reading them (each once, sorted). Builtins and the
   * names IPython defines are left out.
   */
  reads: INameRead[];
  /**
   * Why the cell may define names it does not spell; absent when none.
   */
  dynamic?: DynamicFeature;
}

/**
 * Whether a name is always defined in an IPython kernel: a builtin, a
 * module attribute (`__name__`), or one IPython defines (`In`, `Out`,
 * `_`, `_i3`, `display`, `get_ipython`, ...).
 */
export function isKnownName(name: string): boolean {
  return Private.KNOWN.has(name) || /^_(?:i{1,3}|i?\d+)$/.test(name);
}

/**
 * Find the global names one code cell defines and reads. Never throws.
 *
 * The source is read as IPython does (see `ipythonToPython`) and parsed
 * with the Python parser. Defines: assignments (also annotated, augmented,
 * unpacked and `x = !cmd`), `def`, `class`, imports, `for` targets,
 * `with ... as`, `except ... as`, walrus, `match` captures, `global`
 * names assigned in functions, `%%capture name`. Reads: every other name,
 * with Python's scoping (function parameters and locals, comprehension
 * variables, class bodies) so that only global names are listed. A name
 * read inside a function body counts as `deferred`.
 *
 * A cell longer than the limit, or nesting brackets deeper than Python
 * allows, is not parsed: it defines and reads nothing known, and
 * `dynamic` says why.
 *
 * @param source - the cell's source.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, when other analyses parse
 *   its cells too.
 */
export function findNames(
  source: string,
  parser: PythonParser,
  limits: Readonly<IScanLimits> = SCAN_LIMITS,
  trees?: PythonTrees
): ICellNames {
  return allSteps(findNamesSteps(source, parser, limits, trees));
}

/**
 * {@link findNames} in steps, a large cell's parse in several.
 *
 * @param source - the cell's source.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, if any.
 */
export function* findNamesSteps(
  source: string,
  parser: PythonParser,
  limits: Readonly<IScanLimits> = SCAN_LIMITS,
  trees?: PythonTrees
): Steps<ICellNames> {
  const { code, nesting } = trees
    ? trees.python(source)
    : ipythonToPython(source);
  const unparsed = unparsedReason(source.length, nesting, limits);
  if (unparsed !== null) {
    return { defines: [], reads: [], dynamic: unparsed };
  }
  const walk = new Private.Walk(code);
  Private.readMagics(source, walk);
  if (code.trim() !== '') {
    const tree = trees
      ? yield* trees.treeSteps(source)
      : yield* parsePythonSteps(parser, code);
    walk.run(tree.cursor());
  }
  return walk.result();
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Builtins of Python 3.8 to 3.13, module attributes, and what IPython
   * adds to a kernel's namespace.
   */
  export const KNOWN = new Set(
    (
      'abs aiter all anext any ascii bin bool breakpoint bytearray bytes ' +
      'callable chr classmethod compile complex copyright credits delattr ' +
      'dict dir divmod enumerate eval exec exit filter float format ' +
      'frozenset getattr globals hasattr hash help hex id input int ' +
      'isinstance issubclass iter len license list locals map max ' +
      'memoryview min next object oct open ord pow print property quit ' +
      'range repr reversed round set setattr slice sorted staticmethod str ' +
      'sum super tuple type vars zip __import__ __build_class__ __debug__ ' +
      'Ellipsis NotImplemented ' +
      'BaseException BaseExceptionGroup Exception ExceptionGroup ' +
      'ArithmeticError AssertionError AttributeError BlockingIOError ' +
      'BrokenPipeError BufferError BytesWarning ChildProcessError ' +
      'ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
      'ConnectionResetError DeprecationWarning EncodingWarning EOFError ' +
      'EnvironmentError FileExistsError FileNotFoundError ' +
      'FloatingPointError FutureWarning GeneratorExit ImportError ' +
      'ImportWarning IndentationError IndexError InterruptedError ' +
      'IOError IsADirectoryError KeyError KeyboardInterrupt LookupError ' +
      'MemoryError ModuleNotFoundError NameError NotADirectoryError ' +
      'NotImplementedError OSError OverflowError PendingDeprecationWarning ' +
      'PermissionError ProcessLookupError PythonFinalizationError ' +
      'RecursionError ReferenceError ResourceWarning RuntimeError ' +
      'RuntimeWarning StopAsyncIteration StopIteration SyntaxError ' +
      'SyntaxWarning SystemError SystemExit TabError TimeoutError ' +
      'TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError ' +
      'UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ' +
      'ValueError Warning ZeroDivisionError WindowsError ' +
      '__name__ __doc__ __builtins__ __spec__ __loader__ __package__ ' +
      'In Out get_ipython display _ __ ___ _oh _ih _dh _exit_code'
    ).split(' ')
  );

  /**
   * Calls that reach names the source does not spell.
   */
  const DYNAMIC_CALLS: ReadonlyMap<string, DynamicFeature> = new Map([
    ['exec', 'exec'],
    ['globals', 'globals'],
    ['locals', 'globals'],
    ['vars', 'globals'],
    ['get_ipython', 'get-ipython']
  ]);

  /**
   * Line magics that define names the cell does not spell.
   */
  const DYNAMIC_MAGIC = /^%(?:run|store|pylab|load|recall|rerun|macro)\b/;

  /**
   * `name = !cmd` or `a, b = %magic`: IPython assigns the output.
   */
  const CAPTURE = /^([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*=[!%]/;

  /**
   * Statements that bind names, and comprehensions, found by node name.
   */
  const COMPREHENSIONS = new Set([
    'ArrayComprehensionExpression',
    'DictionaryComprehensionExpression',
    'SetComprehensionExpression',
    'ComprehensionExpression'
  ]);

  /**
   * Containers whose names are targets when they are.
   */
  const TARGET_GROUPS = new Set([
    'TupleExpression',
    'ParenthesizedExpression',
    'ArrayExpression'
  ]);

  /**
   * Thrown when scopes nest too deep to follow.
   */
  export class TooDeep extends Error {}

  /**
   * A scope: the module's, a function's (or lambda's), a class body's or
   * a comprehension's.
   */
  interface IScope {
    kind: 'module' | 'function' | 'class' | 'comprehension';
    /**
     * Where it starts and ends in the code.
     */
    from: number;
    to: number;
    /**
     * Names bound in it (for the module, with where each binding takes
     * effect, the end of its statement).
     */
    locals: Map<string, number>;
    /**
     * Names declared `global` in it.
     */
    globals: Set<string>;
    /**
     * Names read in it, with where, in order.
     */
    reads: { name: string; at: number; deferred: boolean }[];
    /**
     * Whether it is, or is inside, a function body (set when entered).
     */
    deferred: boolean;
  }

  /**
   * Read IPython lines the Python code lost: `x = !ls` and `%%capture out`
   * define names; `%run` and the like define unknown ones.
   */
  export function readMagics(source: string, walk: Walk): void {
    if (!source.includes('%') && !source.includes('!')) {
      return;
    }
    let first = true;
    for (const raw of source.split('\n')) {
      const line = raw.trim();
      if (line === '') {
        continue;
      }
      const capture = first
        ? /^%%capture(?:\s+-\S+)*\s+(\w+)/.exec(line)
        : null;
      first = false;
      if (capture) {
        walk.defineMagic(capture[1]);
      } else if (DYNAMIC_MAGIC.test(line)) {
        walk.dynamic('magic');
      } else if (line.includes('=')) {
        const names = CAPTURE.exec(line.replace(/=\s+(?=[!%])/, '='));
        for (const name of names?.[1].split(',') ?? []) {
          walk.defineMagic(name.trim());
        }
      }
    }
  }

  /**
   * One walk over a cell's syntax tree: a single pass in document order,
   * with a stack of scopes and the positions of names that are targets.
   */
  export class Walk {
    constructor(code: string) {
      this._code = code;
      this._module = this._scope('module', 0, code.length);
      this._stack = [this._module];
    }

    /**
     * Note a name an IPython line defines.
     */
    defineMagic(name: string): void {
      if (name !== '' && !this._module.locals.has(name)) {
        this._module.locals.set(name, 0);
      }
    }

    /**
     * Note a dynamic feature (the first one found is kept).
     */
    dynamic(feature: DynamicFeature): void {
      this._dynamic ??= feature;
    }

    /**
     * Visit every node of the tree once.
     */
    run(cursor: TreeCursor): void {
      try {
        for (let enter = true; cursor.next(enter);) {
          this._leaveScopes(cursor.from);
          enter = this._visit(cursor);
        }
        this._leaveScopes(Infinity);
      } catch (error) {
        if (!(error instanceof TooDeep)) {
          throw error;
        }
      }
    }

    /**
     * What the walk found.
     */
    result(): ICellNames {
      const module = this._module;
      const reads = new Map<string, boolean>();
      for (const { name, at, deferred } of module.reads) {
        const defined = module.locals.get(name);
        // A read in a function body runs when the function is called,
        // after the whole cell defined what it defines.
        const free = deferred ? defined === undefined : !(defined! <= at);
        if (free && !isKnownName(name)) {
          reads.set(name, (reads.get(name) ?? true) && deferred);
        }
      }
      return {
        defines: [...module.locals.keys()].sort(compareText),
        reads: [...reads]
          .sort((a, b) => compareText(a[0], b[0]))
          .map(([name, deferred]) => ({ name, deferred })),
        ...(this._dynamic ? { dynamic: this._dynamic } : {})
      };
    }

    /**
     * Handle the node at the cursor; whether to enter its children.
     */
    private _visit(cursor: TreeCursor): boolean {
      const name = cursor.name;
      if (name === 'VariableName') {
        this._name(cursor.from, cursor.to);
        return false;
      }
      if (name === 'ImportStatement') {
        this._import(cursor.node);
        return false;
      }
      const node = cursor.node;
      switch (name) {
        case 'AssignStatement':
          this._assign(node);
          break;
        case 'UpdateStatement':
        case 'NamedExpression': {
          const target = node.firstChild;
          if (target?.name === 'VariableName') {
            if (name === 'UpdateStatement') {
              // `x += 1` reads `x` first.
              this._read(this._text(target), target.from);
            }
            this._target(target, node.to, name === 'NamedExpression');
          }
          break;
        }
        case 'ForStatement':
          this._between(node, 'for', 'in', node.getChild('Body')?.from);
          break;
        case 'WithStatement':
        case 'TryStatement':
          this._afterAs(node);
          break;
        case 'CapturePattern':
          this._targets(node.firstChild, node.to);
          break;
        case 'ScopeStatement':
          this._declare(node);
          return false;
        case 'FunctionDefinition':
        case 'ClassDefinition':
          this._definition(node);
          break;
        case 'LambdaExpression':
          this._lambda(node);
          break;
        case 'ArgList':
        case 'PatternArgList':
        case 'KeywordPattern':
          this._keywords(node);
          break;
        default:
          if (COMPREHENSIONS.has(name)) {
            const scope = this._push('comprehension', node.from, node.to);
            for (const target of this._collectBetween(node, 'for', 'in')) {
              scope.locals.set(this._text(target), node.from);
              this._skip.add(target.from);
            }
          }
      }
      return true;
    }

    /**
     * A name: a target noted before, a keyword, or a read.
     */
    private _name(from: number, to: number): void {
      if (this._skip.delete(from)) {
        return;
      }
      const at = this._effect.get(from);
      const text = this._code.slice(from, to);
      if (at !== undefined) {
        this._effect.delete(from);
        this._bind(text, at, this._walrus.delete(from));
        return;
      }
      const feature = DYNAMIC_CALLS.get(text);
      if (feature) {
        this.dynamic(feature);
      }
      this._read(text, from);
    }

    /**
     * Note a read in the current scope.
     */
    private _read(name: string, at: number): void {
      const scope = this._top();
      scope.reads.push({ name, at, deferred: scope.deferred });
    }

    /**
     * Bind a name in the current scope (a walrus in a comprehension binds
     * in the enclosing one; a `global` name in the module).
     */
    private _bind(name: string, at: number, walrus: boolean): void {
      let index = this._stack.length - 1;
      while (
        walrus &&
        index > 0 &&
        this._stack[index].kind === 'comprehension'
      ) {
        index--;
      }
      const scope = this._stack[index];
      const target = scope.globals.has(name) ? this._module : scope;
      if (!target.locals.has(name)) {
        target.locals.set(name, target === scope ? at : 0);
      }
    }

    /**
     * Note the targets of an assignment: every part before the last `=`,
     * but not annotations.
     */
    private _assign(node: SyntaxNode): void {
      let last: SyntaxNode | null = null;
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === 'AssignOp') {
          last = child;
        }
      }
      if (last === null) {
        // An annotation alone (`x: int`) binds and reads nothing.
        const first = node.firstChild;
        if (first?.name === 'VariableName') {
          this._skip.add(first.from);
        }
        return;
      }
      for (
        let child = node.firstChild;
        child && child.from < last.from;
        child = child.nextSibling
      ) {
        if (child.name !== 'AssignOp' && child.name !== 'TypeDef') {
          this._targets(child, node.to);
        }
      }
    }

    /**
     * Note a target expression: names (also inside tuples and lists) bind
     * at `at`; an attribute or subscript reads its base.
     */
    private _targets(node: SyntaxNode | null, at: number): void {
      if (node === null) {
        return;
      }
      if (node.name === 'VariableName') {
        this._target(node, at, false);
      } else if (TARGET_GROUPS.has(node.name)) {
        for (let child = node.firstChild; child; child = child.nextSibling) {
          this._targets(child, at);
        }
      }
    }

    /**
     * Note one target name.
     */
    private _target(node: SyntaxNode, at: number, walrus: boolean): void {
      this._effect.set(node.from, at);
      if (walrus) {
        this._walrus.add(node.from);
      }
    }

    /**
     * Note the targets between two keywords (`for ... in`), binding at
     * `at` (the body's start) or at the statement's end.
     */
    private _between(
      node: SyntaxNode,
      open: string,
      close: string,
      at: number | undefined
    ): void {
      for (const target of this._collectBetween(node, open, close)) {
        this._target(target, at ?? node.to, false);
      }
    }

    /**
     * The names between two keywords among a node's children.
     */
    private _collectBetween(
      node: SyntaxNode,
      open: string,
      close: string
    ): SyntaxNode[] {
      const names: SyntaxNode[] = [];
      let inside = false;
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === open) {
          inside = true;
        } else if (child.name === close) {
          inside = false;
        } else if (inside) {
          this._namesOf(child, names);
        }
      }
      return names;
    }

    /**
     * The names of a target (itself, or inside a tuple or list).
     */
    private _namesOf(node: SyntaxNode, names: SyntaxNode[]): void {
      if (node.name === 'VariableName') {
        names.push(node);
      } else if (TARGET_GROUPS.has(node.name)) {
        for (let child = node.firstChild; child; child = child.nextSibling) {
          this._namesOf(child, names);
        }
      }
    }

    /**
     * `with a as b`, `except E as e`: the name after each `as`.
     */
    private _afterAs(node: SyntaxNode): void {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === 'as' && child.nextSibling) {
          const body = child.nextSibling.nextSibling;
          this._targets(child.nextSibling, body?.from ?? node.to);
        }
      }
    }

    /**
     * `global a, b` (in a function: later assignments bind in the module).
     */
    private _declare(node: SyntaxNode): void {
      const global = node.firstChild?.name === 'global';
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === 'VariableName' && global) {
          this._top().globals.add(this._text(child));
        }
      }
    }

    /**
     * `def f(a, b=c)` or `class C(B)`: the name binds here; the body is a
     * new scope (with the parameters), entered when the walk reaches it.
     */
    private _definition(node: SyntaxNode): void {
      const name = node.getChild('VariableName');
      const body = node.getChild('Body');
      if (name) {
        this._target(name, node.to, false);
      }
      if (!body) {
        return;
      }
      const isClass = node.name === 'ClassDefinition';
      const scope = this._scope(
        isClass ? 'class' : 'function',
        body.from,
        body.to
      );
      const params = node.getChild('ParamList');
      if (params) {
        this._parameters(params, scope);
      }
      this._pending.push(scope);
    }

    /**
     * `lambda x: ...`: its body is a new scope with its parameters.
     */
    private _lambda(node: SyntaxNode): void {
      const params = node.getChild('ParamList');
      const colon = node.getChild(':');
      const scope = this._scope('function', colon?.to ?? node.to, node.to);
      if (params) {
        this._parameters(params, scope);
      }
      this._pending.push(scope);
    }

    /**
     * The parameter names of a list: locals of the scope, not reads.
     * Defaults and annotations are read where the function is defined.
     */
    private _parameters(params: SyntaxNode, scope: IScope): void {
      let afterAssign = false;
      for (let child = params.firstChild; child; child = child.nextSibling) {
        if (child.name === 'VariableName' && !afterAssign) {
          scope.locals.set(this._text(child), scope.from);
          this._skip.add(child.from);
        }
        afterAssign = child.name === 'AssignOp';
      }
    }

    /**
     * `f(key=value)`, `case P(key=pattern)`: keyword names are not reads.
     */
    private _keywords(node: SyntaxNode): void {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        const next = child.nextSibling;
        if (
          child.name === 'VariableName' &&
          (next?.name === 'AssignOp' || node.name === 'KeywordPattern')
        ) {
          this._skip.add(child.from);
          if (node.name === 'KeywordPattern') {
            return;
          }
        }
      }
    }

    /**
     * `import a.b as c, d` binds `c` and `d`; `from m import x as y` binds
     * `y`; `from m import *` binds unknown names.
     */
    private _import(node: SyntaxNode): void {
      const tokens: { name: string; text: string }[] = [];
      for (let child = node.firstChild; child; child = child.nextSibling) {
        tokens.push({ name: child.name, text: this._text(child) });
      }
      const from = tokens[0]?.name === 'from';
      let start = from ? tokens.findIndex(t => t.name === 'import') + 1 : 1;
      if (start <= 0) {
        return;
      }
      if (tokens[start]?.name === '(') {
        start++;
      }
      // Each clause: a name (dotted after `import`), perhaps `as` a name.
      let clause: string | null = null;
      for (let i = start; i <= tokens.length; i++) {
        const token = tokens[i];
        if (token === undefined || token.name === ',' || token.name === ')') {
          if (clause !== null) {
            this._bind(clause, node.to, false);
          }
          clause = null;
        } else if (token.name === '*') {
          this.dynamic('star-import');
        } else if (token.name === 'VariableName') {
          const alias = tokens[i - 1]?.name === 'as';
          if (clause === null || alias) {
            clause = token.text;
          }
        }
      }
    }

    /**
     * Leave the scopes that end before `position`, passing their free
     * reads out, and enter the pending scopes that start there.
     */
    private _leaveScopes(position: number): void {
      for (;;) {
        const top = this._top();
        if (top !== this._module && top.to <= position) {
          this._stack.pop();
          this._passOut(top);
          continue;
        }
        const next = this._pending[this._pending.length - 1];
        if (next !== undefined && next.from <= position) {
          this._pending.pop();
          this._enter(next);
          continue;
        }
        return;
      }
    }

    /**
     * A scope is left: its reads of names it does not bind are reads of
     * the enclosing scope.
     */
    private _passOut(scope: IScope): void {
      const outer = this._top();
      const passed = new Set<string>();
      for (const read of scope.reads) {
        const free =
          !scope.locals.has(read.name) || scope.globals.has(read.name);
        // One read of a name is enough outside.
        if (free && !passed.has(read.name)) {
          passed.add(read.name);
          outer.reads.push(read);
        }
      }
    }

    private _push(kind: IScope['kind'], from: number, to: number): IScope {
      this._leaveScopes(from);
      const scope = this._scope(kind, from, to);
      this._enter(scope);
      return scope;
    }

    /**
     * Enter a scope. Python refuses code nested deeper than 100 blocks;
     * deeper than {@link MAX_NESTING} scopes the walk gives up, so that no
     * read is passed out through more than that many.
     */
    private _enter(scope: IScope): void {
      const top = this._top();
      scope.deferred = scope.kind === 'function' || top.deferred;
      if (this._stack.length > MAX_NESTING) {
        this.dynamic('nested');
        throw new TooDeep();
      }
      this._stack.push(scope);
    }

    private _scope(kind: IScope['kind'], from: number, to: number): IScope {
      return {
        kind,
        from,
        to,
        locals: new Map(),
        globals: new Set(),
        reads: [],
        deferred: false
      };
    }

    private _top(): IScope {
      return this._stack[this._stack.length - 1];
    }

    private _text(node: SyntaxNode): string {
      return this._code.slice(node.from, node.to);
    }

    private _code: string;
    private _module: IScope;
    private _stack: IScope[];
    /**
     * Scopes whose header was read, waiting for the walk to reach their
     * body (the innermost, which starts first, last).
     */
    private _pending: IScope[] = [];
    /**
     * Target names by position, with where the binding takes effect.
     */
    private _effect = new Map<number, number>();
    private _walrus = new Set<number>();
    /**
     * Positions of names that are neither reads nor targets here.
     */
    private _skip = new Set<number>();
    private _dynamic: DynamicFeature | undefined;
  }
}
