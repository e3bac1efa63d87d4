// End-to-end self-check, on only when COPYDESK_E2E_DIAGNOSTICS names a file:
// every time something a test wants to see changes — VS Code's diagnostics,
// a settings push to the server, a server log line — a JSON report is
// written to that file: the copydesk diagnostics VS Code holds (read back
// through the public API, as the Problems panel sees them), the settings
// the client last sent, and the server's recent log lines. A headless test
// compares it with `copydesk check`. It never runs for writers.

import * as fs from "node:fs";
import * as vscode from "vscode";
import { LanguageClient, State } from "vscode-languageclient/node";

interface Position {
  line: number;
  character: number;
}

export interface SeenDiagnostic {
  code: string | number | undefined;
  source: string | undefined;
  severity: "error" | "warning" | "information" | "hint";
  range: { start: Position; end: Position };
  message: string;
}

const SEVERITY: Record<vscode.DiagnosticSeverity, SeenDiagnostic["severity"]> = {
  [vscode.DiagnosticSeverity.Error]: "error",
  [vscode.DiagnosticSeverity.Warning]: "warning",
  [vscode.DiagnosticSeverity.Information]: "information",
  [vscode.DiagnosticSeverity.Hint]: "hint",
};

function code(c: vscode.Diagnostic["code"]): string | number | undefined {
  return typeof c === "object" && c !== null ? c.value : c;
}

function seen(d: vscode.Diagnostic): SeenDiagnostic {
  const pos = (p: vscode.Position): Position => ({ line: p.line, character: p.character });
  return {
    code: code(d.code),
    source: d.source,
    severity: SEVERITY[d.severity],
    range: { start: pos(d.range.start), end: pos(d.range.end) },
    message: d.message,
  };
}

const KEEP_SERVER_LINES = 200;

export class SelfCheck implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly timer: NodeJS.Timeout;
  /** Servers started (a settings change must not add one). */
  private starts = 0;
  /** `workspace/didChangeConfiguration` notifications sent, and what. */
  private configurationSent = 0;
  private lastSent: unknown = null;
  private serverLines: string[] = [];
  private serverLineCount = 0;

  constructor(
    private readonly file: string,
    private readonly client: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    log.info(`e2e self-check: writing a report to ${file}`);
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics(() => this.write()),
      vscode.workspace.onDidOpenTextDocument(() => this.write()),
    ];
    // Client state changes are worth a report too (a server that never
    // starts shows up as "Stopped" rather than as silence).
    this.timer = setInterval(() => this.write(), 2000);
    this.write();
  }

  serverStarted(): void {
    this.starts += 1;
    this.write();
  }

  settingsSent(settings: unknown): void {
    this.configurationSent += 1;
    this.lastSent = settings;
    this.write();
  }

  serverSaid(line: string): void {
    this.serverLineCount += 1;
    this.serverLines.push(line);
    if (this.serverLines.length > KEEP_SERVER_LINES) {
      this.serverLines.shift();
    }
    this.write();
  }

  write(): void {
    const c = this.client();
    const documents = vscode.languages
      .getDiagnostics()
      .map(([uri, diagnostics]) => ({
        uri: uri.toString(),
        path: uri.scheme === "file" ? uri.fsPath : undefined,
        diagnostics: diagnostics.filter((d) => d.source === "copydesk").map(seen),
      }))
      .filter((doc) => doc.diagnostics.length > 0);
    const report = {
      written: new Date().toISOString(),
      client: c === undefined ? "none" : State[c.state],
      server: c?.initializeResult?.serverInfo ?? null,
      starts: this.starts,
      settings: vscode.workspace.getConfiguration("copydesk"),
      configurationSent: this.configurationSent,
      lastSettingsSent: this.lastSent,
      serverLineCount: this.serverLineCount,
      serverLines: this.serverLines,
      openDocuments: vscode.workspace.textDocuments.map((d) => ({ uri: d.uri.toString(), languageId: d.languageId })),
      documents,
    };
    // Write then rename, so the reader never sees half a file.
    const tmp = `${this.file}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(report, null, 2));
      fs.renameSync(tmp, this.file);
    } catch (e) {
      this.log.error(`e2e self-check: cannot write ${this.file}: ${String(e)}`);
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
