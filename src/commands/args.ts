// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';

/**
 * The JSON schema of a command's arguments, in the subset the commands
 * use: an object whose properties have a type and maybe an enum. Other
 * properties are allowed (JupyterLab adds `isPalette`, `isMenu`, …).
 */
export type ArgsSchema = {
  /**
   * Always `object`.
   */
  type: 'object';
  /**
   * The arguments, by name.
   */
  properties: Record<string, ArgSchema>;
  /**
   * The arguments that must be given.
   */
  required?: string[];
};

/**
 * The schema of one argument.
 */
export type ArgSchema = {
  /**
   * Its JSON type.
   */
  type: 'string' | 'boolean' | 'number' | 'integer';
  /**
   * What it means, for whoever calls the command.
   */
  description?: string;
  /**
   * The values it may take, when limited.
   */
  enum?: (string | number | boolean)[];
};

/**
 * Why an argument does not fit its schema.
 */
export interface IArgProblem {
  /**
   * The argument's name.
   */
  name: string;
  /**
   * `missing`: required and absent; `type`: of another JSON type;
   * `enum`: not one of the values allowed.
   */
  problem: 'missing' | 'type' | 'enum';
  /**
   * What was expected: the type, or the values allowed joined by ", ".
   */
  expected: string;
}

/**
 * Check a command's arguments against its schema: required ones present,
 * each declared one (when given) of its type and among its values.
 *
 * @returns the problems, none when the arguments fit.
 */
export function checkArgs(
  schema: ArgsSchema,
  args: ReadonlyPartialJSONObject
): IArgProblem[] {
  const problems: IArgProblem[] = [];
  for (const name of schema.required ?? []) {
    if (!Private.has(args, name)) {
      problems.push({
        name,
        problem: 'missing',
        expected: schema.properties[name]?.type ?? 'a value'
      });
    }
  }
  for (const [name, property] of Object.entries(schema.properties)) {
    if (!Private.has(args, name)) {
      continue;
    }
    const value = args[name];
    if (!Private.isOfType(value, property.type)) {
      problems.push({ name, problem: 'type', expected: property.type });
    } else if (
      property.enum &&
      !property.enum.includes(value as string | number | boolean)
    ) {
      problems.push({
        name,
        problem: 'enum',
        expected: property.enum.join(', ')
      });
    }
  }
  return problems;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Whether an argument is given (an own key whose value is not undefined).
   */
  export function has(args: ReadonlyPartialJSONObject, name: string): boolean {
    return (
      Object.prototype.hasOwnProperty.call(args, name) &&
      args[name] !== undefined
    );
  }

  /**
   * Whether a value is of a JSON schema type.
   */
  export function isOfType(value: unknown, type: ArgSchema['type']): boolean {
    switch (type) {
      case 'string':
        return typeof value === 'string';
      case 'boolean':
        return typeof value === 'boolean';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value);
    }
  }
}
