// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Stands in for css-loader (webpack.config.js, `resolveLoader.alias`): the
 * stylesheet's text passes as it is to webpack/styleTag.js.
 */
module.exports = function cssText(css) {
  return css;
};
