// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';
import type { PythonParser } from '../core/python/parser';
import type { IProbeTranslator } from '../kernel/kernelProbe';
import {
  DEFAULT_SETTINGS,
  INbprojectSettings,
  INbprojectTracker,
  INotebookSession
} from '../tokens';
import { NotebookSession } from './session';

/**
 * The notebook panels the tracker follows (`INotebookTracker` fits).
 */
export interface INotebookPanels {
  /**
   * The current notebook panel.
   */
  readonly currentWidget: NotebookPanel | null;
  /**
   * Emitted when the current notebook panel changes.
   */
  readonly currentChanged: ISignal<any, NotebookPanel | null>;
  /**
   * Emitted with every new notebook panel.
   */
  readonly widgetAdded: ISignal<any, NotebookPanel>;
  /**
   * Call a function with every notebook panel.
   */
  forEach(callback: (panel: NotebookPanel) => void): void;
}

/**
 * Keeps one {@link NotebookSession} per notebook panel, from the moment
 * JupyterLab's Python parser has loaded (panels opened before get theirs
 * then), and the settings they follow.
 */
export class NbprojectTracker implements INbprojectTracker {
  /**
   * Create the tracker; sessions are made once `options.parser` resolves
   * to a parser (none if it resolves to `null`).
   */
  constructor(options: NbprojectTracker.IOptions) {
    this._options = options;
    this._settings = options.settings ?? DEFAULT_SETTINGS;
    void options.parser.then(parser => {
      if (!parser || this._isDisposed) {
        return;
      }
      this._parser = parser;
      options.panels.forEach(panel => this._add(panel));
      options.panels.widgetAdded.connect(this._onPanelAdded, this);
      options.panels.currentChanged.connect(this._onCurrentChanged, this);
      this._onCurrentChanged();
    });
  }

  /**
   * The settings the sessions follow.
   */
  get settings(): INbprojectSettings {
    return this._settings;
  }
  set settings(value: INbprojectSettings) {
    this._settings = value;
    this._sessions.forEach(session => (session.settings = value));
    this._settingsChanged.emit(value);
  }

  /**
   * Emitted when the settings change.
   */
  get settingsChanged(): ISignal<this, INbprojectSettings> {
    return this._settingsChanged;
  }

  /**
   * JupyterLab's Python parser, once loaded.
   */
  get parser(): PythonParser | null {
    return this._parser;
  }

  /**
   * The current notebook's session.
   */
  get current(): NotebookSession | null {
    return this._current;
  }

  /**
   * Emitted when the current notebook's session changes.
   */
  get currentChanged(): ISignal<this, INotebookSession | null> {
    return this._currentChanged;
  }

  /**
   * Emitted with every new session.
   */
  get sessionAdded(): ISignal<this, INotebookSession> {
    return this._sessionAdded;
  }

  /**
   * The number of sessions.
   */
  get size(): number {
    return this._sessions.size;
  }

  /**
   * Whether the tracker is disposed.
   */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * The session of a notebook panel.
   */
  get(panel: NotebookPanel): NotebookSession | undefined {
    return this._sessions.get(panel);
  }

  /**
   * The first session that satisfies a predicate.
   */
  find(
    predicate: (session: INotebookSession) => boolean
  ): NotebookSession | undefined {
    for (const session of this._sessions.values()) {
      if (predicate(session)) {
        return session;
      }
    }
    return undefined;
  }

  /**
   * Call a function with every session.
   */
  forEach(callback: (session: INotebookSession) => void): void {
    this._sessions.forEach(session => callback(session));
  }

  /**
   * Dispose of every session and stop following panels.
   */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._options.panels.widgetAdded.disconnect(this._onPanelAdded, this);
    this._options.panels.currentChanged.disconnect(
      this._onCurrentChanged,
      this
    );
    [...this._sessions.values()].forEach(session => session.dispose());
    Signal.clearData(this);
  }

  private _onPanelAdded(_: unknown, panel: NotebookPanel): void {
    this._add(panel);
  }

  private _add(panel: NotebookPanel): void {
    if (this._sessions.has(panel) || panel.isDisposed || !this._parser) {
      return;
    }
    const session = new NotebookSession({
      panel,
      parser: this._parser,
      settings: this._settings,
      environment: this._options.environment,
      trans: this._options.trans,
      sliceBudget: this._options.sliceBudget
    });
    this._sessions.set(panel, session);
    session.disposed.connect(() => {
      this._sessions.delete(panel);
      if (this._current === session) {
        this._onCurrentChanged();
      }
    });
    this._sessionAdded.emit(session);
    if (panel === this._options.panels.currentWidget) {
      this._onCurrentChanged();
    }
  }

  private _onCurrentChanged(): void {
    const panel = this._options.panels.currentWidget;
    const current = (panel && this._sessions.get(panel)) ?? null;
    if (current !== this._current) {
      this._current = current;
      this._currentChanged.emit(current);
    }
  }

  private _options: NbprojectTracker.IOptions;
  private _settings: INbprojectSettings;
  private _parser: PythonParser | null = null;
  private _sessions = new Map<NotebookPanel, NotebookSession>();
  private _current: NotebookSession | null = null;
  private _isDisposed = false;
  private _settingsChanged = new Signal<this, INbprojectSettings>(this);
  private _currentChanged = new Signal<this, INotebookSession | null>(this);
  private _sessionAdded = new Signal<this, INotebookSession>(this);
}

/**
 * A namespace for `NbprojectTracker` statics.
 */
export namespace NbprojectTracker {
  /**
   * Options to create a tracker.
   */
  export interface IOptions {
    /**
     * The notebook panels to follow.
     */
    panels: INotebookPanels;
    /**
     * Resolves with JupyterLab's Python parser, or `null` if it could not
     * be loaded.
     */
    parser: Promise<PythonParser | null>;
    /**
     * Where the server keeps files.
     */
    environment: NotebookSession.IEnvironment;
    /**
     * The settings at first; the defaults if absent.
     */
    settings?: INbprojectSettings;
    /**
     * Translates the kernel probes' messages.
     */
    trans?: IProbeTranslator;
    /**
     * How long one slice of reading a large notebook may run, in
     * milliseconds.
     */
    sliceBudget?: number;
  }
}
