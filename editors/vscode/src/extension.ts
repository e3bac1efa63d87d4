// The copydesk extension: starts `copydesk lsp` for Markdown and plain-text
// documents and shows its diagnostics. All checking happens in the server;
// this file only finds the binary, wires settings through and restarts.

import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import type { Readable } from "node:stream";
import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

import { resolveServer, ServerLocation } from "./serverPath";
import { SelfCheck } from "./selfCheck";
import { TraceChannel } from "./traceChannel";

const SECTION = "copydesk";
/** The README shipped in the .vsix explains how to get the binary (vsce
 * stores it as `readme.md`). */
const INSTALL_DOCS = ["README.md", "readme.md"];

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let traceChannel: TraceChannel;
/** Only in end-to-end tests (COPYDESK_E2E_DIAGNOSTICS). */
let selfCheck: SelfCheck | undefined;
/** Serializes start/stop so that quick setting changes cannot race. */
let lifecycle: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  log = vscode.window.createOutputChannel("copydesk", { log: true });
  traceChannel = new TraceChannel(log, SECTION);
  context.subscriptions.push(log, traceChannel);

  context.subscriptions.push(
    vscode.commands.registerCommand("copydesk.restartServer", () => queue(() => restart(context))),
    vscode.commands.registerCommand("copydesk.showOutput", () => log.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Rule levels and trace reach the running server (didChangeConfiguration
      // and the client's own trace handling); a new binary or a new set of
      // file types needs a new client.
      if (event.affectsConfiguration(`${SECTION}.path`) || event.affectsConfiguration(`${SECTION}.fileTypes`)) {
        log.info("copydesk.path or copydesk.fileTypes changed; restarting the server");
        void queue(() => restart(context));
      }
    }),
  );

  const report = process.env.COPYDESK_E2E_DIAGNOSTICS;
  if (report) {
    selfCheck = new SelfCheck(report, () => client, log);
    context.subscriptions.push(selfCheck);
  }

  await queue(() => start(context));
}

export function deactivate(): Thenable<void> | undefined {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running === undefined) {
    return;
  }
  try {
    await running.stop();
  } catch (e) {
    log.warn(`stopping the server: ${String(e)}`);
  }
  await running.dispose();
}

function settings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    path: c.get<string>("path", ""),
    fileTypes: c.get<string[]>("fileTypes", ["markdown", "plaintext"]),
    rules: c.get<Record<string, string>>("rules", {}),
    claim: { sensitivity: c.get<string | null>("claim.sensitivity", null) },
  };
}

/** Give a bundled binary its execute bit back: some unzip paths drop it. */
function repairBundledMode(extensionDir: string): void {
  const bundled = path.join(extensionDir, "server", process.platform === "win32" ? "copydesk.exe" : "copydesk");
  try {
    const mode = fs.statSync(bundled).mode;
    if (process.platform !== "win32" && (mode & 0o111) === 0) {
      fs.chmodSync(bundled, 0o755);
    }
  } catch {
    // No bundled binary: the usual case for a build from source.
  }
}

function locateServer(context: vscode.ExtensionContext): ServerLocation | undefined {
  repairBundledMode(context.extensionPath);
  const resolution = resolveServer({
    setting: vscode.workspace.getConfiguration(SECTION).get<string>("path", ""),
    extensionDir: context.extensionPath,
    workspaceDir: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  });
  if (resolution.ok) {
    return resolution.location;
  }
  const why =
    resolution.settingMissing !== undefined
      ? `copydesk.path is set to "${resolution.settingMissing}", which is not an executable file.`
      : "No copydesk binary was found: none is bundled with this extension and there is no copydesk on PATH.";
  log.error(`${why} Tried: ${resolution.tried.join("; ")}`);
  void vscode.window
    .showErrorMessage(`copydesk: ${why} Install copydesk or set copydesk.path.`, "Install instructions", "Open settings", "Show log")
    .then((choice) => {
      if (choice === "Install instructions") {
        void openInstallDocs(context);
      } else if (choice === "Open settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.path");
      } else if (choice === "Show log") {
        log.show(true);
      }
    });
  return undefined;
}

/** The README's install section, rendered, from the extension's own files. */
async function openInstallDocs(context: vscode.ExtensionContext): Promise<void> {
  const file = INSTALL_DOCS.map((name) => context.asAbsolutePath(name)).find((p) => fs.existsSync(p)) ?? context.asAbsolutePath(INSTALL_DOCS[0]);
  const readme = vscode.Uri.file(file).with({ fragment: "installing-the-server" });
  try {
    await vscode.commands.executeCommand("markdown.showPreview", readme);
  } catch {
    await vscode.window.showTextDocument(readme);
  }
}

function selector(): DocumentSelector {
  const types = vscode.workspace.getConfiguration(SECTION).get<string[]>("fileTypes", ["markdown", "plaintext"]);
  return types.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
}

type Level = "trace" | "debug" | "info" | "warn" | "error";

function forwardLines(level: (line: string) => Level) {
  return (input: Readable, channel: vscode.LogOutputChannel): void => {
    readline
      .createInterface({ input, crlfDelay: Infinity, terminal: false })
      .on("line", (line) => channel[level(line)](line));
  };
}

/** The server logs `tracing` lines to stderr ("<time> LEVEL target: message");
 * keep their level (the channel adds its own time) instead of calling every
 * line an error. Anything else (a panic message) stays an error. */
function forwardServerLog(input: Readable, channel: vscode.LogOutputChannel): void {
  const LINE = /^\S+\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s+(.*)$/;
  readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on("line", (line) => {
    selfCheck?.serverSaid(line);
    const m = LINE.exec(line);
    if (m === null) {
      channel.error(line);
    } else {
      channel[m[1].toLowerCase() as Level](`[server] ${m[2]}`);
    }
  });
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const location = locateServer(context);
  if (location === undefined) {
    return;
  }
  log.info(`starting ${location.command} lsp --stdio (from ${location.source})`);

  // With the stdio transport the client appends `--stdio`; `copydesk lsp`
  // accepts it.
  const serverOptions: ServerOptions = {
    command: location.command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    // Pushes `workspace/didChangeConfiguration` with the `copydesk` section
    // on every change; a server that pulls `workspace/configuration` gets the
    // same values from the client's default handler.
    synchronize: { configurationSection: SECTION },
    initializationOptions: settings(),
    outputChannel: log,
    traceOutputChannel: traceChannel,
    stdioOptions: { stdout: forwardLines(() => "info"), stderr: forwardServerLog },
    middleware: {
      workspace: {
        didChangeConfiguration: async (sections, next) => {
          await next(sections);
          selfCheck?.settingsSent(settings());
        },
      },
    },
  };
  const next = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  next.onDidChangeState((e) => {
    if (e.newState === State.Stopped && client === next) {
      log.warn("the copydesk server stopped");
    }
  });
  client = next;
  try {
    await next.start();
    selfCheck?.serverStarted();
    const info = next.initializeResult?.serverInfo;
    log.info(`server ready: ${info?.name ?? "?"} ${info?.version ?? ""}`.trim());
  } catch (e) {
    log.error(`the copydesk server failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(`copydesk: the server (${location.command}) failed to start. See the copydesk log.`, "Show log").then((choice) => {
      if (choice === "Show log") {
        log.show(true);
      }
    });
  }
}
