"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.isKnownName = void 0;
exports.findNames = findNames;
exports.findNamesSteps = findNamesSteps;
exports.findParsedNamesSteps = findParsedNamesSteps;
exports.findNamesScanned = findNamesScanned;
exports.findNamesParsing = findNamesParsing;
const ipython_1 = require("./ipython");
const nameScan_1 = require("./nameScan");
const nameScopes_1 = require("./nameScopes");
const parser_1 = require("./parser");
const scanLimits_1 = require("../common/scanLimits");
const steps_1 = require("../common/steps");
var nameScopes_2 = require("./nameScopes");
Object.defineProperty(exports, "isKnownName", { enumerable: true, get: function () { return nameScopes_2.isKnownName; } });
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
function findNames(source, parser, limits = scanLimits_1.SCAN_LIMITS, trees) {
    return (0, steps_1.allSteps)(findNamesSteps(source, parser, limits, trees));
}
/**
 * {@link findNames} in steps, a large cell's parse in several.
 *
 * @param source - the cell's source.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, if any.
 * @param scanner - the fast scan, kept by a caller that reads many cells.
 */
function* findNamesSteps(source, parser, limits = scanLimits_1.SCAN_LIMITS, trees, scanner = new nameScan_1.NameScanner()) {
    const python = trees ? trees.python(source) : (0, ipython_1.ipythonToPython)(source);
    return (findNamesScanned(source, python, limits, scanner) ??
        (yield* findParsedNamesSteps(source, python, parser, trees)));
}
/**
 * {@link findNamesSteps} of a cell {@link findNamesScanned} did not read:
 * the walk of its syntax tree.
 *
 * @param source - the cell's source.
 * @param python - its Python code (`ipythonToPython` of the source).
 * @param parser - the Python parser.
 * @param trees - the notebook's shared trees, if any.
 */
function* findParsedNamesSteps(source, python, parser, trees) {
    const { code } = python;
    const scopes = new nameScopes_1.NameScopes(code.length);
    (0, nameScopes_1.readMagics)(source, scopes);
    if (code.trim() !== '') {
        const tree = trees
            ? yield* trees.treeSteps(source)
            : yield* (0, parser_1.parsePythonSteps)(parser, code);
        new Private.Walk(code, scopes).run(tree.cursor());
    }
    return scopes.result();
}
/**
 * {@link findNames} without the parser, for the cells that need none
 * (most): those not parsed for their size or nesting, and those the fast
 * scan reads. Not a generator: no object made for a cell answered here.
 *
 * @param source - the cell's source.
 * @param python - its Python code (`ipythonToPython` of the source).
 * @param limits - how long a cell is parsed.
 * @param scanner - the fast scan.
 * @returns `null` when the parser must read the cell: then
 *   {@link findNamesSteps}.
 */
function findNamesScanned(source, python, limits, scanner) {
    const unparsed = (0, scanLimits_1.unparsedReason)(source.length, python.nesting, limits);
    if (unparsed !== null) {
        return { defines: [], reads: [], dynamic: unparsed };
    }
    // Most cells are plain Python that the fast scan reads exactly, without
    // the parser; it answers only when sure, and the parser reads the rest.
    return scanner ? scanner.scan(python.code, source) : null;
}
/**
 * {@link findNames} from the syntax tree alone, without the fast scan
 * that answers first for most cells: what that scan must agree with.
 *
 * @param source - the cell's source.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 */
function findNamesParsing(source, parser, limits = scanLimits_1.SCAN_LIMITS) {
    const python = (0, ipython_1.ipythonToPython)(source);
    return (findNamesScanned(source, python, limits, null) ??
        (0, steps_1.allSteps)(findParsedNamesSteps(source, python, parser)));
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
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
     * One walk over a cell's syntax tree: a single pass in document order,
     * with a stack of scopes and the positions of names that are targets.
     */
    class Walk {
        constructor(code, scopes) {
            /**
             * Target names by position, with where the binding takes effect.
             */
            this._effect = new Map();
            this._walrus = new Set();
            /**
             * Positions of names that are neither reads nor targets here.
             */
            this._skip = new Set();
            this._code = code;
            this._scopes = scopes;
        }
        /**
         * Visit every node of the tree once.
         */
        run(cursor) {
            try {
                for (let enter = true; cursor.next(enter);) {
                    this._scopes.leave(cursor.from);
                    enter = this._visit(cursor);
                }
                this._scopes.leave(Infinity);
            }
            catch (error) {
                if (!(error instanceof nameScopes_1.ScopesTooDeep)) {
                    throw error;
                }
            }
        }
        /**
         * Handle the node at the cursor; whether to enter its children.
         */
        _visit(cursor) {
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
                            this._scopes.read(this._text(target), target.from);
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
                    this._keywords(node);
                    // A generator as a call's argument (`sum(x for x in xs)`): the
                    // tree has no node of its own for it, only its keywords among
                    // the arguments.
                    if (node.getChild('for')) {
                        this._comprehension(node);
                    }
                    break;
                case 'PatternArgList':
                case 'KeywordPattern':
                    this._keywords(node);
                    break;
                default:
                    if (COMPREHENSIONS.has(name)) {
                        this._comprehension(node);
                    }
            }
            return true;
        }
        /**
         * Enter the scope of a comprehension, or of a call's arguments that
         * hold a generator: its `for` targets are its own names.
         */
        _comprehension(node) {
            const scope = this._scopes.scope('comprehension', node.from, node.to);
            for (const target of this._collectBetween(node, 'for', 'in')) {
                scope.locals.set(this._text(target), node.from);
                this._skip.add(target.from);
            }
            this._scopes.push(scope);
        }
        /**
         * A name: a target noted before, a keyword, or a read.
         */
        _name(from, to) {
            if (this._skip.delete(from)) {
                return;
            }
            const at = this._effect.get(from);
            const text = this._code.slice(from, to);
            if (at !== undefined) {
                this._effect.delete(from);
                this._scopes.bind(text, at, this._walrus.delete(from));
                return;
            }
            this._scopes.readName(text, from);
        }
        /**
         * Note the targets of an assignment: every part before the last `=`,
         * but not annotations.
         */
        _assign(node) {
            let last = null;
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
            for (let child = node.firstChild; child && child.from < last.from; child = child.nextSibling) {
                if (child.name !== 'AssignOp' && child.name !== 'TypeDef') {
                    this._targets(child, node.to);
                }
            }
        }
        /**
         * Note a target expression: names (also inside tuples and lists) bind
         * at `at`; an attribute or subscript reads its base.
         */
        _targets(node, at) {
            if (node === null) {
                return;
            }
            if (node.name === 'VariableName') {
                this._target(node, at, false);
            }
            else if (TARGET_GROUPS.has(node.name)) {
                for (let child = node.firstChild; child; child = child.nextSibling) {
                    this._targets(child, at);
                }
            }
        }
        /**
         * Note one target name.
         */
        _target(node, at, walrus) {
            this._effect.set(node.from, at);
            if (walrus) {
                this._walrus.add(node.from);
            }
        }
        /**
         * Note the targets between two keywords (`for ... in`), binding at
         * `at` (the body's start) or at the statement's end.
         */
        _between(node, open, close, at) {
            for (const target of this._collectBetween(node, open, close)) {
                this._target(target, at ?? node.to, false);
            }
        }
        /**
         * The names between two keywords among a node's children.
         */
        _collectBetween(node, open, close) {
            const names = [];
            let inside = false;
            for (let child = node.firstChild; child; child = child.nextSibling) {
                if (child.name === open) {
                    inside = true;
                }
                else if (child.name === close) {
                    inside = false;
                }
                else if (inside) {
                    this._namesOf(child, names);
                }
            }
            return names;
        }
        /**
         * The names of a target (itself, or inside a tuple or list).
         */
        _namesOf(node, names) {
            if (node.name === 'VariableName') {
                names.push(node);
            }
            else if (TARGET_GROUPS.has(node.name)) {
                for (let child = node.firstChild; child; child = child.nextSibling) {
                    this._namesOf(child, names);
                }
            }
        }
        /**
         * `with a as b`, `except E as e`: the name after each `as`.
         */
        _afterAs(node) {
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
        _declare(node) {
            const global = node.firstChild?.name === 'global';
            for (let child = node.firstChild; child; child = child.nextSibling) {
                if (child.name === 'VariableName' && global) {
                    this._scopes.declareGlobal(this._text(child));
                }
            }
        }
        /**
         * `def f(a, b=c)` or `class C(B)`: the name binds here; the body is a
         * new scope (with the parameters), entered when the walk reaches it.
         */
        _definition(node) {
            const name = node.getChild('VariableName');
            const body = node.getChild('Body');
            if (name) {
                this._target(name, node.to, false);
            }
            if (!body) {
                return;
            }
            const isClass = node.name === 'ClassDefinition';
            const scope = this._scopes.scope(isClass ? 'class' : 'function', body.from, body.to);
            const params = node.getChild('ParamList');
            if (params) {
                this._parameters(params, scope);
            }
            this._scopes.pend(scope);
        }
        /**
         * `lambda x: ...`: its body is a new scope with its parameters.
         */
        _lambda(node) {
            const params = node.getChild('ParamList');
            const colon = node.getChild(':');
            const scope = this._scopes.scope('function', colon?.to ?? node.to, node.to);
            if (params) {
                this._parameters(params, scope);
            }
            this._scopes.pend(scope);
        }
        /**
         * The parameter names of a list: locals of the scope, not reads.
         * Defaults and annotations are read where the function is defined.
         */
        _parameters(params, scope) {
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
        _keywords(node) {
            for (let child = node.firstChild; child; child = child.nextSibling) {
                const next = child.nextSibling;
                if (child.name === 'VariableName' &&
                    (next?.name === 'AssignOp' || node.name === 'KeywordPattern')) {
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
        _import(node) {
            const tokens = [];
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
            let clause = null;
            for (let i = start; i <= tokens.length; i++) {
                const token = tokens[i];
                if (token === undefined || token.name === ',' || token.name === ')') {
                    if (clause !== null) {
                        this._scopes.bind(clause, node.to, false);
                    }
                    clause = null;
                }
                else if (token.name === '*') {
                    this._scopes.dynamic('star-import');
                }
                else if (token.name === 'VariableName') {
                    const alias = tokens[i - 1]?.name === 'as';
                    if (clause === null || alias) {
                        clause = token.text;
                    }
                }
            }
        }
        _text(node) {
            return this._code.slice(node.from, node.to);
        }
    }
    Private.Walk = Walk;
})(Private || (Private = {}));
