// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import {
  DIFF_LIMITS,
  diffLines,
  ILineDiff,
  IOutputImage,
  IOutputText,
  outputText
} from '../core/execution/outputDiff';

/**
 * The body of the side-by-side view of a cell's stored and new outputs:
 * a line diff of their text, stored on the left and new on the right,
 * rendered as text (never as HTML), and the images when they differ.
 */
export class VerifyDiffBody extends ReactWidget {
  /**
   * Create the body; the diff is computed once, here.
   */
  constructor(options: VerifyDiffBody.IOptions) {
    super();
    this.addClass('jp-nbproject-verifyDiff');
    const before = outputText(options.stored);
    const after = outputText(options.now);
    this._shown = {
      before,
      after,
      diff: diffLines(before.lines, after.lines, options.key)
    };
    this._options = options;
  }

  protected render(): React.ReactElement {
    const { trans, status, kept } = this._options;
    const { before, after, diff } = this._shown;
    const imagesDiffer =
      Private.imagesKey(before.images) !== Private.imagesKey(after.images);
    return (
      <div>
        <p className="jp-nbproject-verifyDiff-status" data-status={status}>
          {status}
          {kept &&
            ` · ${trans.__('the new outputs were kept: the notebook now stores them')}`}
        </p>
        <div className="jp-nbproject-verifyDiff-table" role="table">
          <div className="jp-nbproject-verifyDiff-head" role="row">
            <span role="columnheader">{trans.__('Stored')}</span>
            <span role="columnheader">{trans.__('New')}</span>
          </div>
          {diff.rows.length === 0 && (
            <div className="jp-nbproject-verifyDiff-row" role="row">
              <span className="jp-nbproject-dim" role="cell">
                {trans.__('(no text output)')}
              </span>
              <span className="jp-nbproject-dim" role="cell">
                {trans.__('(no text output)')}
              </span>
            </div>
          )}
          {diff.rows.map((row, i) => (
            <div
              key={i}
              className="jp-nbproject-verifyDiff-row"
              role="row"
              data-kind={row.kind}
              title={
                row.kind === 'same' && row.left !== row.right
                  ? trans.__('The same after the normalisations')
                  : undefined
              }
            >
              <span className="jp-nbproject-verifyDiff-left" role="cell">
                {row.left ?? ''}
              </span>
              <span className="jp-nbproject-verifyDiff-right" role="cell">
                {row.right ?? ''}
              </span>
            </div>
          ))}
        </div>
        {(before.cut || after.cut) && (
          <p className="jp-nbproject-verifyDiff-cut">
            {trans.__(
              'Cut: only the first %1 lines of each side, %2 characters a line, are shown.',
              DIFF_LIMITS.maxLines,
              DIFF_LIMITS.maxLineLength
            )}
          </p>
        )}
        {diff.coarse && (
          <p className="jp-nbproject-verifyDiff-cut">
            {trans.__(
              'Too many differences to pair lines: the differing part is shown as removed, then added.'
            )}
          </p>
        )}
        {imagesDiffer && (
          <div className="jp-nbproject-verifyDiff-images">
            <p>{trans.__('Image differs')}</p>
            <div className="jp-nbproject-verifyDiff-row">
              <Images images={before.images} trans={trans} />
              <Images images={after.images} trans={trans} />
            </div>
          </div>
        )}
      </div>
    );
  }

  private _options: VerifyDiffBody.IOptions;
  private _shown: {
    before: IOutputText;
    after: IOutputText;
    diff: ILineDiff;
  };
}

/**
 * A namespace for `VerifyDiffBody` statics.
 */
export namespace VerifyDiffBody {
  /**
   * What the side-by-side view shows.
   */
  export interface IOptions {
    trans: TranslationBundle;
    /**
     * The cell's number (1-based), for the title.
     */
    cell: number;
    /**
     * How the cell compared, in words.
     */
    status: string;
    /**
     * The outputs stored when the verification ran.
     */
    stored: readonly unknown[];
    /**
     * The outputs of the fresh kernel.
     */
    now: readonly unknown[];
    /**
     * What of a line is compared (the line normalised).
     */
    key: (line: string) => string;
    /**
     * Whether the new outputs were kept in the notebook.
     */
    kept: boolean;
  }
}

/**
 * One side's images: raster images as pictures (a data URL in an `img`
 * runs no script), anything else, SVG included, named only.
 */
function Images(props: {
  images: readonly IOutputImage[];
  trans: TranslationBundle;
}): React.ReactElement {
  const { images, trans } = props;
  return (
    <span role="cell">
      {images.length === 0 && (
        <span className="jp-nbproject-dim">{trans.__('(no image)')}</span>
      )}
      {images.map((image, i) =>
        Private.isSafeRaster(image) ? (
          <img
            key={i}
            alt={image.mime}
            src={`data:${image.mime};base64,${image.data.replace(/\s/g, '')}`}
          />
        ) : (
          <span key={i} className="jp-nbproject-dim">
            {trans.__('%1 (not shown)', image.mime)}
          </span>
        )
      )}
    </span>
  );
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The raster types shown as pictures.
   */
  const RASTER = new Set(['image/png', 'image/jpeg', 'image/gif']);

  /**
   * The largest image shown, in base64 characters.
   */
  const MAX_IMAGE = 4 * 1024 * 1024;

  /**
   * Whether an image is a raster type, in base64, not too large.
   */
  export function isSafeRaster(image: IOutputImage): boolean {
    return (
      RASTER.has(image.mime) &&
      image.data.length <= MAX_IMAGE &&
      /^[A-Za-z0-9+/=\s]*$/.test(image.data)
    );
  }

  /**
   * The images of a side, to compare with the other.
   */
  export function imagesKey(images: readonly IOutputImage[]): string {
    return images.map(image => `${image.mime}:${image.data}`).join('\n');
  }
}
