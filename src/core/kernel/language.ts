// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

// Apart from the probe's request (./probeRequest), which the probe loads
// when it sends: the probe reads the kernel's language before that.

import { isJSONObject } from '../common/json';

/**
 * The language a kernel says it speaks (`language_info.name` of its
 * `kernel_info_reply`), or `""` when it does not say.
 *
 * @param info - the kernel info reply content.
 */
export function kernelLanguage(info: unknown): string {
  const languageInfo = isJSONObject(info) ? info['language_info'] : null;
  const name = isJSONObject(languageInfo) ? languageInfo['name'] : null;
  return typeof name === 'string' ? name.trim() : '';
}

/**
 * Whether a kernel language name is Python (`python`, `Python3`,
 * `ipython`), in any case.
 *
 * @param language - as returned by {@link kernelLanguage}.
 */
export function isPythonLanguage(language: string): boolean {
  return /^i?python\d*$/i.test(language);
}
