// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Stands in for style-loader (webpack.config.js, `resolveLoader.alias`):
 * the stylesheet, already minified, becomes a module that appends it to
 * the page's head in one `<style>` element when JupyterLab imports
 * `./style`, as style-loader does by default. style-loader's runtime
 * (insertion options, hot reload, source maps) and css-loader's are about
 * 1.5 KB gzipped of the startup chunk; our stylesheet needs none of them
 * (no `url()`, no `@import`: the build fails if one appears).
 */
module.exports = function styleTag(css) {
  if (/url\(|@import/.test(css)) {
    throw new Error(
      `${this.resourcePath}: url() and @import need css-loader (webpack.config.js)`
    );
  }
  return (
    'const style = document.createElement("style");\n' +
    `style.textContent = ${JSON.stringify(css)};\n` +
    'document.head.appendChild(style);\n'
  );
};
