// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { normalizeDataPath, readDataManifest, withDataManifest } from '../core/dataManifest';
import { isHashError } from '../core/hashRequest';
import { EXTENSION_KEY } from '../core/history';
import { IDataFileToHash, IPublishData } from '../core/publishHygiene';
import { hashFilesInKernel, IHashKernel } from '../kernel/hashFiles';
import type { IMetadataTarget } from '../store';

/**
 * Where and how to hash a notebook's data files.
 */
export interface IDataHashingOptions {
  /**
   * The notebook's Python kernel, or `null` when none is ready.
   */
  kernel: IHashKernel | null;
  /**
   * The notebook's directory as the kernel sees it; the kernel's current
   * directory when `undefined`.
   */
  directory: string | undefined;
  /**
   * The translation bundle.
   */
  trans: TranslationBundle;
  /**
   * After how many milliseconds of hashing a progress notification shows;
   * 700 by default.
   */
  progressDelay?: number;
}

/**
 * Hash the data files for publishing in the notebook's kernel, one silent
 * request per file. When hashing takes longer than a moment, a
 * notification shows the progress (files done of all) until it ends.
 * Never rejects.
 *
 * @param files - the files to hash (see `dataFilesToHash`).
 * @param options - kernel, directory, translation.
 */
export async function hashPublishData(
  files: readonly IDataFileToHash[],
  options: IDataHashingOptions
): Promise<IPublishData> {
  const { kernel, trans } = options;
  if (files.length === 0) {
    return { files, results: {} };
  }
  if (!kernel) {
    return { files, results: null, failure: trans.__('no Python kernel is ready') };
  }
  let notification: string | null = null;
  let done = 0;
  const message = () => trans.__('Hashing data files for publishing: %1 of %2', done, files.length);
  const timer = setTimeout(() => {
    notification = Notification.emit(message(), 'in-progress', {
      autoClose: false,
      progress: done / files.length
    });
  }, options.progressDelay ?? 700);
  try {
    const outcome = await hashFilesInKernel(
      kernel,
      { paths: files.map(file => file.path), directory: options.directory },
      {
        batch: 1,
        onProgress: (count, total) => {
          done = count;
          if (notification !== null) {
            Notification.update({ id: notification, message: message(), type: 'in-progress', progress: count / total });
          }
        }
      }
    );
    return outcome.ok ? { files, results: outcome.files } : { files, results: null, failure: outcome.detail };
  } finally {
    clearTimeout(timer);
    if (notification !== null) {
      Notification.dismiss(notification);
    }
  }
}

/**
 * Add a file by hand to a notebook's data manifest: hash it in the kernel
 * and record it, marked `added`, in one change to the live model (not
 * saved). Says what happened in a notification.
 *
 * @param model - the notebook model.
 * @param path - the path the user typed, relative to the notebook.
 * @param options - kernel, directory, translation.
 * @returns whether the file was added.
 */
export async function addDataFile(
  model: IMetadataTarget,
  path: string,
  options: IDataHashingOptions
): Promise<boolean> {
  const { trans } = options;
  const normalized = normalizeDataPath(path);
  if (normalized === '') {
    return false;
  }
  if (!options.kernel) {
    Notification.warning(trans.__('Start the notebook\'s Python kernel to add a data file: it is hashed where the kernel runs.'), {
      autoClose: 8000
    });
    return false;
  }
  const data = await hashPublishData([{ path: normalized, added: true }], options);
  const result = data.results?.[normalized];
  if (!result || isHashError(result)) {
    Notification.error(
      trans.__(
        'The data file "%1" could not be added: %2',
        normalized,
        result ? result.error : data.failure ?? trans.__('the kernel did not answer')
      ),
      { autoClose: 8000 }
    );
    return false;
  }
  const extension = model.getMetadata(EXTENSION_KEY);
  const entries = readDataManifest(extension).entries.filter(entry => entry.path !== normalized);
  model.sharedModel.transact(() => {
    model.setMetadata(
      EXTENSION_KEY,
      withDataManifest(extension, [...entries, { path: normalized, ...result, added: true }])
    );
  });
  Notification.success(
    trans.__('Added "%1" to the data files; save the notebook to keep it. Publishing records its hash again.', normalized),
    { autoClose: 5000 }
  );
  return true;
}
