// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type {
  DeclaredFile,
  DeclaredIssue
} from '../../core/packages/declaredDependencies';
import { unworded, valueText } from './common';

/**
 * What could not be read in declared dependencies, in the user's
 * language.
 *
 * @param trans - the extension's translation bundle.
 * @param issue - one problem of a declared source.
 */
export function declaredIssueText(
  trans: TranslationBundle,
  issue: DeclaredIssue
): string {
  switch (issue.code) {
    case 'declared.pep723':
      return issue.params.message;
    case 'declared.toml':
      // The TOML reader's message is English for now: no sentence to translate around it alone.
      return issue.params.line === null
        ? `${issue.params.message}.`
        : trans.__('Line %1: %2.', issue.params.line, issue.params.message);
    case 'declared.lockNotText':
      return trans.__(
        'The lock is %1, not TOML text.',
        valueText(trans, issue.params.value)
      );
    case 'declared.packagesNotList':
      return trans.__('"package" is not a list of [[package]] tables.');
    case 'declared.packageName':
      return issue.params.value === null
        ? trans.__('A [[package]] has no name.')
        : trans.__(
            'A [[package]] has a name that is %1.',
            valueText(trans, issue.params.value)
          );
    case 'declared.lockVersion':
      return trans.__(
        'The version of %1 is %2.',
        issue.params.name,
        valueText(trans, issue.params.value)
      );
    case 'declared.notSpecifier':
      return trans.__(
        'The version of %1 is %2, not a version specifier.',
        issue.params.name,
        valueText(trans, issue.params.value)
      );
    case 'declared.notPinned':
      return trans.__(
        'The version of %1 is %2, not "==" and a version.',
        issue.params.name,
        valueText(trans, issue.params.value)
      );
    case 'declared.notPackageName':
      return trans.__('%1 is not a package name.', issue.params.name);
    case 'declared.tableNotObject':
      return trans.__(
        '"%1" is %2, not an object.',
        issue.params.key,
        valueText(trans, issue.params.value)
      );
    case 'declared.notJson':
      return trans.__(
        'The %1 is not JSON (%2).',
        issue.params.file,
        issue.params.detail
      );
    case 'declared.notObject':
      return trans.__(
        'The %1 is %2, not an object.',
        issue.params.file,
        valueText(trans, issue.params.value)
      );
    case 'declared.more':
      return Private.more(trans, issue.params.file, issue.params.count);
    default:
      return unworded(issue);
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * How many more packages of a file cannot be read.
   */
  export function more(
    trans: TranslationBundle,
    file: DeclaredFile,
    count: number
  ): string {
    switch (file) {
      case 'uv.lock':
        return trans._n(
          '%1 more package in the lock cannot be read.',
          '%1 more packages in the lock cannot be read.',
          count
        );
      case 'Pipfile':
        return trans._n(
          '%1 more package in the Pipfile cannot be read.',
          '%1 more packages in the Pipfile cannot be read.',
          count
        );
      case 'Pipfile.lock':
        return trans._n(
          '%1 more package in the Pipfile.lock cannot be read.',
          '%1 more packages in the Pipfile.lock cannot be read.',
          count
        );
      default:
        return unworded(file);
    }
  }
}
