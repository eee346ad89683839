"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.kernelLanguage = kernelLanguage;
exports.isPythonLanguage = isPythonLanguage;
// Apart from the probe's request (./probeRequest), which the probe loads
// when it sends: the probe reads the kernel's language before that.
const json_1 = require("../common/json");
/**
 * The language a kernel says it speaks (`language_info.name` of its
 * `kernel_info_reply`), or `""` when it does not say.
 *
 * @param info - the kernel info reply content.
 */
function kernelLanguage(info) {
    const languageInfo = (0, json_1.isJSONObject)(info) ? info['language_info'] : null;
    const name = (0, json_1.isJSONObject)(languageInfo) ? languageInfo['name'] : null;
    return typeof name === 'string' ? name.trim() : '';
}
/**
 * Whether a kernel language name is Python (`python`, `Python3`,
 * `ipython`), in any case.
 *
 * @param language - as returned by {@link kernelLanguage}.
 */
function isPythonLanguage(language) {
    return /^i?python\d*$/i.test(language);
}
