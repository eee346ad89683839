"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.normalizeDistribution = normalizeDistribution;
exports.moduleToDistributions = moduleToDistributions;
exports.importedDistributions = importedDistributions;
const text_1 = require("../common/text");
/**
 * Normalise a distribution name as PEP 503 does, so that `PyYAML`,
 * `pyyaml` and `py_yaml`-style spellings compare equal: lower case, and
 * every run of `-`, `_` and `.` becomes one `-`.
 */
function normalizeDistribution(name) {
    return name.replace(/[-_.]+/g, '-').toLowerCase();
}
/**
 * The distributions that provide a top-level module.
 *
 * The live kernel's mapping wins: nbproject records every distribution it
 * lists for the module (several distributions can share one, like
 * `google`). Without it, an offline table of the common cases where the
 * import name differs from the distribution name is used, and the module
 * name itself otherwise.
 *
 * @param module - a top-level module name, e.g. `sklearn`.
 * @param liveMap - the kernel's module to distributions mapping, if known.
 * @returns one or more distribution names, without duplicates.
 */
function moduleToDistributions(module, liveMap) {
    const live = liveMap && Object.prototype.hasOwnProperty.call(liveMap, module)
        ? liveMap[module]
        : null;
    if (Array.isArray(live)) {
        const names = live.filter((name) => typeof name === 'string' && name !== '');
        if (names.length > 0) {
            // packages_distributions() can list a distribution more than once.
            return [...new Set(names)];
        }
    }
    return [Private.ALIASES.get(module) ?? module];
}
/**
 * The distributions a notebook's imported modules come from, sorted by
 * normalised name and unique per PEP 503.
 *
 * @param modules - top-level module names.
 * @param liveMap - the kernel's module to distributions mapping, if known.
 */
function importedDistributions(modules, liveMap) {
    const byKey = new Map();
    for (const module of modules) {
        for (const name of moduleToDistributions(module, liveMap)) {
            const key = normalizeDistribution(name);
            if (!byKey.has(key)) {
                byKey.set(key, name);
            }
        }
    }
    return [...byKey.entries()]
        .sort(([a], [b]) => (0, text_1.compareText)(a, b))
        .map(([, name]) => name);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Import names that differ from the distribution to install, for when no
     * kernel tells us. Only well-known, unambiguous cases: a module several
     * distributions provide (`google`, `azure`) is left as it is.
     */
    Private.ALIASES = new Map([
        ['attr', 'attrs'],
        ['Bio', 'biopython'],
        ['bs4', 'beautifulsoup4'],
        ['cv2', 'opencv-python'],
        ['Crypto', 'pycryptodome'],
        ['dateutil', 'python-dateutil'],
        ['docx', 'python-docx'],
        ['dotenv', 'python-dotenv'],
        ['fitz', 'PyMuPDF'],
        ['git', 'GitPython'],
        ['jwt', 'PyJWT'],
        ['magic', 'python-magic'],
        ['MySQLdb', 'mysqlclient'],
        ['OpenSSL', 'pyOpenSSL'],
        ['PIL', 'Pillow'],
        ['pkg_resources', 'setuptools'],
        ['pptx', 'python-pptx'],
        ['serial', 'pyserial'],
        ['skimage', 'scikit-image'],
        ['sklearn', 'scikit-learn'],
        ['umap', 'umap-learn'],
        ['usb', 'pyusb'],
        ['win32api', 'pywin32'],
        ['win32con', 'pywin32'],
        ['yaml', 'PyYAML'],
        ['zmq', 'pyzmq']
    ]);
})(Private || (Private = {}));
