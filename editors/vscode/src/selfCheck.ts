// End-to-end self-check, on only when COPYDESK_E2E_DIAGNOSTICS names a file:
// every time VS Code's diagnostics change, the copydesk diagnostics it holds
// (read back through the public API, as the Problems panel sees them) are
// written to that file as JSON, so a headless test can compare them with
// `copydesk check`. It never runs for writers.

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

export function startSelfCheck(file: string, client: () => LanguageClient | undefined, log: vscode.LogOutputChannel): vscode.Disposable {
  log.info(`e2e self-check: writing diagnostics to ${file}`);
  const write = (): void => {
    const c = client();
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
      openDocuments: vscode.workspace.textDocuments.map((d) => ({ uri: d.uri.toString(), languageId: d.languageId })),
      documents,
    };
    // Write then rename, so the reader never sees half a file.
    const tmp = `${file}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(report, null, 2));
      fs.renameSync(tmp, file);
    } catch (e) {
      log.error(`e2e self-check: cannot write ${file}: ${String(e)}`);
    }
  };
  const subscriptions = [
    vscode.languages.onDidChangeDiagnostics(write),
    vscode.workspace.onDidOpenTextDocument(write),
  ];
  // Client state changes are worth a line in the report too (a server that
  // never starts shows up as "Stopped" rather than as silence).
  const timer = setInterval(write, 2000);
  write();
  return new vscode.Disposable(() => {
    clearInterval(timer);
    subscriptions.forEach((s) => s.dispose());
  });
}
