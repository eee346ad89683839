// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { readDataManifest, withDataManifest } from '../core/data/manifest';
import {
  FileHashResult,
  isFileDigest,
  isHashError
} from '../core/kernel/hashRequest';
import {
  hashFilesInKernel,
  IHashKernel,
  IHashScope,
  scopeQuery
} from '../kernel/hashFiles';
import type { INotebookSession } from '../tokens';
import type { IMetadataTarget } from './metadata';
import { normalizeDataPath } from '../core/data/paths';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { formatBytes } from '../core/common/text';
import { IDataFileToHash, IPublishData } from '../core/publish/dataFiles';
import {
  hashErrorText,
  kernelHashFailureText
} from '../components/messages/hashing';

/**
 * Where and how to hash a notebook's data files.
 */
export interface IDataHashingOptions {
  /**
   * The notebook's Python kernel, or `null` when none is ready.
   */
  kernel: IHashKernel | null;
  /**
   * The project root, the notebook and the bounds.
   */
  scope: IHashScope;
  /**
   * The translation bundle.
   */
  trans: TranslationBundle;
  /**
   * After how many milliseconds of hashing a progress notification shows;
   * 700 by default.
   */
  progressDelay?: number;
  /**
   * Ask the user whether a file outside the project (or hidden) may be
   * read and recorded; a dialog naming the resolved path by default.
   */
  confirm?: (
    path: string,
    resolved: string,
    hidden: boolean
  ) => Promise<boolean>;
}

/**
 * Where and how a session's data files are hashed: its Python kernel (once
 * the probe found one that answers) within its scope.
 */
export function dataHashing(
  session: INotebookSession,
  trans: TranslationBundle
): IDataHashingOptions {
  return { kernel: session.data.kernel, scope: session.data.scope, trans };
}

/**
 * Hash the data files for publishing in the notebook's kernel, in bounded
 * requests (the user's cells run between them). When hashing takes longer
 * than a moment, a notification shows the progress until it ends, with a
 * Cancel button: files not finished then keep what the manifest records.
 * Never rejects.
 *
 * @param files - the files to hash (see `dataFilesToHash`).
 * @param options - kernel, scope, translation.
 */
export async function hashPublishData(
  files: readonly IDataFileToHash[],
  options: IDataHashingOptions
): Promise<IPublishData> {
  return Private.hash(files, options, (done, total) =>
    options.trans.__('Hashing data files for publishing: %1 of %2', done, total)
  );
}

/**
 * Add a file by hand to a notebook's data manifest: hash it in the kernel
 * and record it, marked `added`, in one change to the live model (not
 * saved). A file outside the project, or hidden, is read only after the
 * user agrees in a dialog naming where the path leads; a notebook cannot
 * give that consent. Says what happened in a notification.
 *
 * @param model - the notebook model.
 * @param path - the path the user typed, relative to the notebook.
 * @param options - kernel, scope, translation.
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
    Notification.warning(
      trans.__(
        "Start the notebook's Python kernel to add a data file: it is hashed where the kernel runs."
      ),
      {
        autoClose: 8000
      }
    );
    return false;
  }
  const files = [{ path: normalized, added: true }];
  const message = () => trans.__('Hashing "%1"…', normalized);
  let data = await Private.hash(files, options, message, { resolve: true });
  let result = data.results?.get(normalized);
  if (
    result &&
    'skipped' in result &&
    (result.code === 'outside' || result.code === 'hidden') &&
    result.resolved
  ) {
    const confirm =
      options.confirm ?? ((p, r, h) => Private.confirm(p, r, h, trans));
    if (
      !(await confirm(normalized, result.resolved, result.code === 'hidden'))
    ) {
      return false;
    }
    data = await Private.hash(files, options, message, {
      consent: [result.resolved]
    });
    result = data.results?.get(normalized);
  }
  if (!isFileDigest(result)) {
    Notification.error(
      trans.__(
        'The data file "%1" could not be added: %2',
        normalized,
        result
          ? Private.why(result, options)
          : (data.failure ?? trans.__('the kernel did not answer'))
      ),
      { autoClose: 8000 }
    );
    return false;
  }
  const extension = model.getMetadata(EXTENSION_KEY);
  const entries = readDataManifest(extension).entries.filter(
    entry => entry.path !== normalized
  );
  model.sharedModel.transact(() => {
    model.setMetadata(
      EXTENSION_KEY,
      withDataManifest(extension, [
        ...entries,
        { path: normalized, ...result, added: true }
      ])
    );
  });
  Notification.success(
    trans.__(
      'Added "%1" to the data files; save the notebook to keep it. Publishing records its hash again.',
      normalized
    ),
    { autoClose: 5000 }
  );
  return true;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Hash files in as many bounded requests as they take, with a progress
   * notification (and Cancel) once it takes more than a moment.
   */
  export async function hash(
    files: readonly IDataFileToHash[],
    options: IDataHashingOptions,
    message: (done: number, total: number) => string,
    extra: { consent?: string[]; resolve?: boolean } = {}
  ): Promise<IPublishData> {
    const { kernel, trans } = options;
    if (files.length === 0) {
      return { files, results: new Map() };
    }
    if (!kernel) {
      return {
        files,
        results: null,
        failure: trans.__('no Python kernel is ready')
      };
    }
    let notification: string | null = null;
    let cancelled = false;
    let done = 0;
    let fraction = 0;
    const timer = setTimeout(() => {
      notification = Notification.emit(
        message(done, files.length),
        'in-progress',
        {
          autoClose: false,
          progress: fraction,
          actions: [
            {
              label: trans.__('Cancel'),
              caption: trans.__(
                'Stop hashing: files not finished keep what the notebook records'
              ),
              callback: () => {
                cancelled = true;
              }
            }
          ]
        }
      );
    }, options.progressDelay ?? 700);
    try {
      const outcome = await hashFilesInKernel(
        kernel,
        {
          ...scopeQuery(
            options.scope,
            files.map(file => file.path)
          ),
          ...extra
        },
        {
          timeout: options.scope.timeout,
          cancelled: () => cancelled,
          onProgress: progress => {
            done = progress.files;
            fraction = progress.fraction;
            if (notification !== null) {
              Notification.update({
                id: notification,
                message: message(done, files.length),
                type: 'in-progress',
                progress: fraction
              });
            }
          }
        }
      );
      return outcome.ok
        ? { files, results: outcome.files }
        : {
            files,
            results: null,
            failure: kernelHashFailureText(trans, outcome.failure)
          };
    } finally {
      clearTimeout(timer);
      if (notification !== null) {
        Notification.dismiss(notification);
      }
    }
  }

  /**
   * Why one file was not hashed, in words.
   */
  export function why(
    result: FileHashResult,
    options: IDataHashingOptions
  ): string {
    const { trans } = options;
    if (isHashError(result)) {
      return hashErrorText(trans, result);
    }
    if (isFileDigest(result)) {
      return '';
    }
    switch (result.code) {
      case 'special':
        return trans.__(
          'it is not a regular file (a pipe, a device or a socket), so it is not read'
        );
      case 'too-large':
        return trans.__(
          'it is larger than the limit of %1 (setting "Largest data file to hash")',
          formatBytes(options.scope.maxSize)
        );
      case 'unfinished':
        return trans.__('hashing was cancelled');
      case 'unseen':
        return trans.__(
          'the kernel cannot see the project folder (a remote kernel?), so nothing is read'
        );
      default:
        return trans.__('it was not read');
    }
  }

  /**
   * Ask whether a file outside the project, or hidden, may be recorded.
   */
  export async function confirm(
    path: string,
    resolved: string,
    hidden: boolean,
    trans: TranslationBundle
  ): Promise<boolean> {
    const result = await showDialog({
      title: hidden
        ? trans.__('Record a hidden file?')
        : trans.__('Record a file outside the project?'),
      body: hidden
        ? trans.__(
            '"%1" is a hidden file: %2. Its size and SHA-256 will be recorded in the notebook; anyone you share the notebook with can test guesses of its content against them.',
            path,
            resolved
          )
        : trans.__(
            '"%1" leads outside the project folder, to %2. Its size and SHA-256 will be recorded in the notebook; anyone you share the notebook with can test guesses of its content against them.',
            path,
            resolved
          ),
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: trans.__('Record It') })
      ]
    });
    return result.button.accept;
  }
}
