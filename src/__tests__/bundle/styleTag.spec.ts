// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

// The build's stand-ins for css-loader and style-loader (plain JavaScript,
// outside src), chained as the build chains them.
type Loader = (this: { resourcePath: string }, source: string) => string;
/* eslint-disable @typescript-eslint/no-require-imports */
const cssText: Loader = require('../../../webpack/cssText.js');
const styleTag: Loader = require('../../../webpack/styleTag.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const BASE_CSS = path.join(__dirname, '..', '..', '..', 'style', 'base.css');

/** The module the build makes of a stylesheet. */
function build(css: string): string {
  const context = { resourcePath: BASE_CSS };
  return styleTag.call(context, cssText.call(context, css));
}

describe('the build loaders that put the stylesheet on the page', () => {
  afterEach(() => {
    document.head.innerHTML = '';
  });

  it("adds the stylesheet to the page's head in one style element", () => {
    const css = fs.readFileSync(BASE_CSS, 'utf8');
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
    new Function(build(css))();
    const styles = document.head.querySelectorAll('style');
    expect(styles).toHaveLength(1);
    expect(styles[0].textContent).toBe(css);
    // That a browser applies it (the header's 25 px, its narrow line's
    // container queries, which jsdom's CSS parser does not read) is
    // checked in Chromium: ui-tests/tests/header.spec.ts.
  });

  it('refuses a stylesheet that needs css-loader (url(), @import)', () => {
    expect(() => build('.a { background: url(icon.svg); }')).toThrow(
      /url\(\) and @import need css-loader/
    );
    expect(() => build("@import url('other.css');")).toThrow(/css-loader/);
  });
});
