// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  importedDistributions,
  moduleToDistributions,
  normalizeDistribution
} from '../../../core/packages/distributions';

describe('normalizeDistribution', () => {
  it.each([
    ['PyYAML', 'pyyaml'],
    ['scikit_learn', 'scikit-learn'],
    ['zope.interface', 'zope-interface'],
    ['Foo-._Bar', 'foo-bar'],
    ['typing_extensions', 'typing-extensions']
  ])('spells %s as %s (PEP 503)', (name, expected) => {
    expect(normalizeDistribution(name)).toBe(expected);
  });
});

describe('moduleToDistributions', () => {
  it.each([
    ['sklearn', 'scikit-learn'],
    ['PIL', 'Pillow'],
    ['yaml', 'PyYAML'],
    ['cv2', 'opencv-python'],
    ['bs4', 'beautifulsoup4'],
    ['skimage', 'scikit-image'],
    ['dateutil', 'python-dateutil'],
    ['torch', 'torch'],
    ['pandas', 'pandas']
  ])('maps %s to %s offline', (module, distribution) => {
    expect(moduleToDistributions(module)).toEqual([distribution]);
  });

  it("prefers the kernel's mapping, with every distribution it lists", () => {
    const live = {
      sklearn: ['scikit-learn-intelex'],
      google: ['protobuf', 'google-auth', 'protobuf']
    };
    expect(moduleToDistributions('sklearn', live)).toEqual([
      'scikit-learn-intelex'
    ]);
    expect(moduleToDistributions('google', live)).toEqual([
      'protobuf',
      'google-auth'
    ]);
  });

  it('falls back offline when the kernel maps the module to nothing usable', () => {
    const live = { yaml: [], PIL: [3, ''] } as unknown as Record<
      string,
      string[]
    >;
    expect(moduleToDistributions('yaml', live)).toEqual(['PyYAML']);
    expect(moduleToDistributions('PIL', live)).toEqual(['Pillow']);
    expect(moduleToDistributions('toString', {})).toEqual(['toString']);
  });
});

describe('importedDistributions', () => {
  it('lists distributions once per PEP 503 name, sorted by it', () => {
    expect(
      importedDistributions(['yaml', 'sklearn', 'pyyaml', 'numpy', 'Bio'])
    ).toEqual(['biopython', 'numpy', 'PyYAML', 'scikit-learn']);
  });
});
