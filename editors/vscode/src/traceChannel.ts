// `copydesk.trace.server` as writers expect it: off, messages or verbose,
// written into the copydesk output channel.
//
// vscode-languageclient (9+) traces only while its trace channel's log level
// is Trace, and treats `trace.server: off` as `messages` then. A log
// channel's level cannot be set from code, so this adapter stands in for the
// trace channel: its level follows the setting (Trace when tracing, Info when
// off) and trace lines go to the main channel at info level, where they show
// without touching "Set Log Level".

import * as vscode from "vscode";

export class TraceChannel implements vscode.LogOutputChannel {
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly watch: vscode.Disposable;
  private level: vscode.LogLevel;

  readonly onDidChangeLogLevel = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel, private readonly section: string) {
    this.level = this.fromSetting();
    this.watch = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${section}.trace.server`)) {
        const next = this.fromSetting();
        if (next !== this.level) {
          this.level = next;
          this.changed.fire(next);
        }
      }
    });
  }

  private fromSetting(): vscode.LogLevel {
    const value = vscode.workspace.getConfiguration(this.section).get<string>("trace.server", "off");
    return value === "off" ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
  }

  get logLevel(): vscode.LogLevel {
    return this.level;
  }
  get name(): string {
    return this.log.name;
  }
  trace(message: string, ...args: unknown[]): void {
    if (this.level === vscode.LogLevel.Trace) {
      this.log.info(message, ...args);
    }
  }
  debug(message: string, ...args: unknown[]): void {
    this.log.debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.log.info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.log.warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.log.error(error, ...args);
  }
  append(value: string): void {
    this.log.append(value);
  }
  appendLine(value: string): void {
    this.log.appendLine(value);
  }
  replace(value: string): void {
    this.log.replace(value);
  }
  clear(): void {
    this.log.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    this.log.show(typeof a === "boolean" ? a : b);
  }
  hide(): void {
    this.log.hide();
  }
  dispose(): void {
    this.watch.dispose();
    this.changed.dispose();
  }
}
