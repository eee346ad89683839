"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.PEP723_TYPE = exports.isPep723Cell = exports.findMetadataBlocks = void 0;
exports.readPep723 = readPep723;
exports.pep723Cell = pep723Cell;
exports.upsertPep723 = upsertPep723;
exports.requiresPythonFor = requiresPythonFor;
exports.withoutPep723Cell = withoutPep723Cell;
const cells_1 = require("../notebook/cells");
const requirements_1 = require("./requirements");
const toml_1 = require("./toml");
const text_1 = require("../common/text");
const consecutiveness_1 = require("../execution/consecutiveness");
const metadataBlocks_1 = require("./metadataBlocks");
Object.defineProperty(exports, "findMetadataBlocks", { enumerable: true, get: function () { return metadataBlocks_1.findMetadataBlocks; } });
Object.defineProperty(exports, "isPep723Cell", { enumerable: true, get: function () { return metadataBlocks_1.isPep723Cell; } });
Object.defineProperty(exports, "PEP723_TYPE", { enumerable: true, get: function () { return metadataBlocks_1.PEP723_TYPE; } });
/**
 * Read a notebook's PEP 723 block by juv's rules: code cells only, and
 * exactly one `# /// script` block in the notebook. Never throws.
 *
 * When there are several, the one juv would use (the first) is still
 * read, and the others are reported: PEP 723 says a tool must refuse them,
 * and juv would silently ignore all but one.
 *
 * @param cells - the notebook's cells, in order.
 */
function readPep723(cells) {
    const { found, problems } = Private.locate(cells);
    if (found === null) {
        return { block: null, problems };
    }
    const { cell, block } = found;
    const read = Private.readMetadata(block.content, (line, message) => problems.push(`Cell ${cell + 1}${line === null ? '' : `, line ${block.line + 1 + line}`}: ${message}.`));
    return {
        block: { cell, block, metadata: read.metadata, editable: read.editable },
        problems
    };
}
/**
 * The PEP 723 cell juv writes, for a notebook without one: its source is
 * the block alone, in uv's layout, and its source is hidden.
 *
 * ```
 * # /// script
 * # requires-python = ">=3.11"
 * # dependencies = [
 * #     "numpy==1.26.4",
 * #     "tomli",
 * # ]
 * # ///
 * ```
 *
 * Names that are not package names are left out, and versions that are not
 * versions are left unpinned; {@link upsertPep723} reports them.
 *
 * @param packages - distributions and their versions (`""` = unpinned),
 *   e.g. the packages a publish plan pins.
 * @param requiresPython - e.g. `>=3.11` (see {@link requiresPythonFor}),
 *   or `null` to leave it out.
 */
function pep723Cell(packages, requiresPython) {
    const { requirements } = (0, requirements_1.pinnedRequirements)(packages);
    return Private.newCell(Private.embed(Private.renderToml(requirements, requiresPython)));
}
/**
 * Plan writing the notebook's PEP 723 block, never duplicating it.
 *
 * Without a block, a cell from {@link pep723Cell} is inserted before the
 * first code cell (so a title above stays on top; at the end when there is
 * no code cell). With a block, only its `dependencies` and, when given,
 * `requires-python` are rewritten; other keys, comments and the code
 * around the block stay as they are, and a block that already declares the
 * same (however spelled) is left alone. A block whose TOML cannot be read
 * is replaced whole, and the plan says so.
 *
 * @param cells - the notebook's cells, in order.
 * @param packages - distributions and their versions (`""` = unpinned).
 * @param requiresPython - e.g. `>=3.11`; `null` keeps what the block says
 *   (and writes none in a new cell).
 */
function upsertPep723(cells, packages, requiresPython) {
    // Other blocks, and blocks never closed, stay as they are: say so.
    const { found, problems } = Private.locate(cells);
    const pinned = (0, requirements_1.pinnedRequirements)(packages);
    problems.push(...pinned.problems);
    if (found === null) {
        const index = cells.findIndex(cell => cell.cell_type === 'code');
        const cell = pep723Cell(packages, requiresPython);
        return {
            action: 'insert',
            index: index < 0 ? cells.length : index,
            source: cell.source,
            cell,
            diff: (0, requirements_1.diffRequirements)([], pinned.requirements),
            requiresPython: { before: null, after: requiresPython },
            problems
        };
    }
    const { cell, block } = found;
    const tomlProblems = [];
    const { metadata, editable } = Private.readMetadata(block.content, (line, message) => tomlProblems.push(`${line === null ? '' : `line ${block.line + 1 + line}: `}${message}`));
    const before = metadata.requiresPython;
    const after = requiresPython ?? before;
    const diff = (0, requirements_1.diffRequirements)(metadata.dependencies, pinned.requirements);
    let toml;
    if (editable && (0, requirements_1.isEmptyDiff)(diff) && before === after) {
        // The same declarations, perhaps spelled otherwise: leave them be.
        toml = block.content;
    }
    else if (editable) {
        toml = Private.editToml(block.content, pinned.requirements, requiresPython);
    }
    else {
        problems.push(`The PEP 723 block in cell ${cell + 1} is not valid TOML (${tomlProblems.join('; ')}); it is replaced whole.`);
        toml = Private.renderToml(pinned.requirements, after);
    }
    const source = (0, cells_1.joinSource)(cells[cell].source);
    const changed = toml !== block.content;
    return {
        action: changed ? 'replace' : 'unchanged',
        index: cell,
        source: changed
            ? source.slice(0, block.start) +
                Private.embed(toml) +
                source.slice(block.end)
            : source,
        cell: null,
        diff,
        requiresPython: { before, after },
        problems
    };
}
/**
 * `requires-python` for a Python version: `>=3.11` for `3.11.7`, or `null`
 * when the value is not a version.
 *
 * @param version - e.g. the kernel's `language_info.version`.
 */
function requiresPythonFor(version) {
    const match = typeof version === 'string' ? /^\s*(\d+)\.(\d+)/.exec(version) : null;
    return match ? `>=${Number(match[1])}.${Number(match[2])}` : null;
}
/**
 * The cells with every PEP 723 cell ({@link isPep723Cell}) that was not run
 * emptied, for the rules that must not see it: nbproject's consecutiveness
 * rule skips a code cell with an empty source, and an empty source imports
 * nothing.
 *
 * A PEP 723 cell that ran (it has an execution count) is judged like any
 * other cell: "Run All" runs it first, and skipping its count would make
 * every later cell "not start at 1". Only the never-run cell juv writes
 * is exempt. It imports nothing either way.
 *
 * Positions are kept (a cell is emptied, not removed), so indices in what
 * the rules report still point at the notebook's cells. Cells are copied
 * only when emptied; the list is returned as is when there is none.
 *
 * @param cells - the notebook's cells, in order.
 */
function withoutPep723Cell(cells) {
    let out = null;
    cells.forEach((cell, index) => {
        if (!(0, consecutiveness_1.isExecuted)(cell.execution_count) && (0, metadataBlocks_1.isPep723Cell)(cell)) {
            out = out ?? [...cells];
            out[index] = { ...cell, source: '' };
        }
    });
    return out ?? cells;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * An opening `script` line, for telling the user about a block that is
     * never closed.
     */
    Private.UNCLOSED = new RegExp(`^# /// ${metadataBlocks_1.PEP723_TYPE}\\r?$`, 'm');
    /**
     * uv's indentation of the items of `dependencies`.
     */
    const INDENT = '    ';
    /**
     * The block juv reads, and the problems with the notebook's blocks as a
     * whole (several blocks, blocks never closed).
     */
    function locate(cells) {
        const problems = [];
        const found = [];
        cells.forEach((cell, index) => {
            if (cell.cell_type !== 'code') {
                return;
            }
            const source = (0, cells_1.joinSource)(cell.source);
            if (!source.includes(`# /// ${metadataBlocks_1.PEP723_TYPE}`)) {
                return;
            }
            const blocks = (0, metadataBlocks_1.findMetadataBlocks)(source).filter(block => block.type === metadataBlocks_1.PEP723_TYPE);
            if (blocks.length > 0) {
                found.push({ cell: index, blocks });
            }
            else if (Private.UNCLOSED.test(source)) {
                problems.push(`Cell ${index + 1} opens a "# /// ${metadataBlocks_1.PEP723_TYPE}" block that is never closed with "# ///"; it is ignored.`);
            }
        });
        if (found.length === 0) {
            return { found: null, problems };
        }
        const [first, ...others] = found;
        if (first.blocks.length > 1) {
            problems.push(`Cell ${first.cell + 1} has ${first.blocks.length} "# /// ${metadataBlocks_1.PEP723_TYPE}" blocks; PEP 723 allows one, and the first is used.`);
        }
        if (others.length > 0) {
            const several = others.length > 1;
            problems.push(`${several ? 'Cells' : 'Cell'} ${others.map(other => other.cell + 1).join(', ')} also ${several ? 'have' : 'has'} a "# /// ${metadataBlocks_1.PEP723_TYPE}" block; juv uses only the one in cell ${first.cell + 1}.`);
        }
        return { found: { cell: first.cell, block: first.blocks[0] }, problems };
    }
    Private.locate = locate;
    /**
     * Read the TOML of a `script` block into its metadata, reporting each
     * problem with its line in the TOML (from 1) when known. The block is
     * editable when its TOML reads without problems, whatever its values.
     */
    function readMetadata(toml, report) {
        const parsed = (0, toml_1.parseToml)(toml);
        parsed.problems.forEach(({ line, message }) => report(line, message));
        const fail = (message) => report(null, message);
        const metadata = {
            dependencies: [],
            requiresPython: null,
            excludeNewer: null
        };
        const dependencies = (0, toml_1.tomlGet)(parsed.root, 'dependencies');
        if (Array.isArray(dependencies)) {
            let bad = 0;
            for (const item of dependencies) {
                const requirement = typeof item === 'string' ? (0, requirements_1.parseRequirement)(item) : null;
                if (requirement) {
                    metadata.dependencies.push(requirement);
                }
                else if (++bad <= 3) {
                    fail(`${describe(item)} in "dependencies" is not a requirement`);
                }
            }
            if (bad > 3) {
                fail(`${bad - 3} more items in "dependencies" are not requirements`);
            }
        }
        else if (dependencies !== undefined) {
            fail(`"dependencies" is ${describe(dependencies)}, not a list of requirements`);
        }
        const requiresPython = (0, toml_1.tomlGet)(parsed.root, 'requires-python');
        if (typeof requiresPython === 'string' &&
            (0, requirements_1.isVersionSpecifier)(requiresPython)) {
            metadata.requiresPython = requiresPython.trim();
        }
        else if (requiresPython !== undefined) {
            fail(`"requires-python" is ${describe(requiresPython)}, not a version specifier such as ">=3.11"`);
        }
        const excludeNewer = (0, toml_1.tomlGet)(parsed.root, 'tool', 'uv', 'exclude-newer');
        if (typeof excludeNewer === 'string') {
            metadata.excludeNewer = excludeNewer;
        }
        else if (excludeNewer !== undefined) {
            fail(`"tool.uv.exclude-newer" is ${describe(excludeNewer)}, not a time`);
        }
        return { metadata, editable: parsed.problems.length === 0 };
    }
    Private.readMetadata = readMetadata;
    /**
     * Describe a TOML value for a message.
     */
    function describe(value) {
        if (typeof value === 'string') {
            return (0, text_1.quote)(value, 40);
        }
        if (Array.isArray(value)) {
            return 'a list';
        }
        return typeof value === 'object' && value !== null
            ? 'a table'
            : `the ${typeof value} ${String(value)}`;
    }
    /**
     * `dependencies = [...]` in uv's layout.
     */
    function renderDependencies(requirements) {
        if (requirements.length === 0) {
            return 'dependencies = []';
        }
        const items = requirements.map(requirement => `${INDENT}${(0, toml_1.tomlString)(requirement.text)},\n`);
        return `dependencies = [\n${items.join('')}]`;
    }
    function renderRequiresPython(requiresPython) {
        return `requires-python = ${(0, toml_1.tomlString)(requiresPython)}`;
    }
    /**
     * A block's TOML in uv's layout: `requires-python`, then `dependencies`.
     */
    function renderToml(requirements, requiresPython) {
        const lines = [
            ...(requiresPython === null
                ? []
                : [renderRequiresPython(requiresPython)]),
            renderDependencies(requirements)
        ];
        return `${lines.join('\n')}\n`;
    }
    Private.renderToml = renderToml;
    /**
     * Rewrite `dependencies` and `requires-python` in a block's TOML, which
     * must read without problems; everything else stays as written.
     */
    function editToml(toml, requirements, requiresPython) {
        const { rootEntries } = (0, toml_1.parseToml)(toml);
        const find = (name) => rootEntries.find(entry => entry.key.length === 1 && entry.key[0] === name) ?? null;
        const dependencies = find('dependencies');
        const python = find('requires-python');
        const edits = [];
        // New root keys go first, where nothing can be inside a table.
        let head = '';
        if (requiresPython !== null) {
            if (python) {
                edits.push({
                    start: python.start,
                    end: python.end,
                    text: renderRequiresPython(requiresPython)
                });
            }
            else {
                head += `${renderRequiresPython(requiresPython)}\n`;
            }
        }
        if (dependencies) {
            edits.push({
                start: dependencies.start,
                end: dependencies.end,
                text: renderDependencies(requirements)
            });
        }
        else if (python) {
            const after = toml.indexOf('\n', python.end) + 1;
            edits.push({
                start: after,
                end: after,
                text: `${renderDependencies(requirements)}\n`
            });
        }
        else {
            head += `${renderDependencies(requirements)}\n`;
        }
        let out = toml;
        for (const edit of edits.sort((a, b) => b.start - a.start)) {
            out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
        }
        return head + out;
    }
    Private.editToml = editToml;
    /**
     * A block around TOML: each line commented (`#` alone for an empty one).
     */
    function embed(toml) {
        const lines = toml.endsWith('\n')
            ? toml.slice(0, -1).split('\n')
            : toml.split('\n');
        const body = lines.map(line => (line === '' ? '#' : `# ${line}`));
        return [`# /// ${metadataBlocks_1.PEP723_TYPE}`, ...body, '# ///'].join('\n');
    }
    Private.embed = embed;
    function newCell(source) {
        return {
            cell_type: 'code',
            execution_count: null,
            metadata: { jupyter: { source_hidden: true } },
            outputs: [],
            source
        };
    }
    Private.newCell = newCell;
})(Private || (Private = {}));
