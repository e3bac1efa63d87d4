// Where the copydesk binary is: the `copydesk.path` setting, else the binary
// bundled in the .vsix, else `copydesk` on PATH. Kept free of the `vscode`
// module so that it can be unit-tested under plain Node.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export type ServerSource = "setting" | "bundled" | "path";

export interface ServerLocation {
  command: string;
  source: ServerSource;
}

export interface Lookup {
  /** The `copydesk.path` setting, possibly empty. */
  setting: string;
  /** The extension's own directory (holds `server/` when bundled). */
  extensionDir: string;
  /** The first workspace folder, to resolve a relative setting against. */
  workspaceDir?: string;
  /** `process.env.PATH` */
  envPath?: string;
  platform?: NodeJS.Platform;
  home?: string;
  isExecutable?: (file: string) => boolean;
}

/** The outcome: a binary, or every place that was tried, for the error. */
export type Resolution =
  | { ok: true; location: ServerLocation }
  | { ok: false; tried: string[]; settingMissing?: string };

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform === "win32") {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "copydesk.exe" : "copydesk";
}

/** `~` and `~/…` to the home directory, a relative path against the workspace. */
export function expandSetting(setting: string, workspaceDir: string | undefined, home: string): string {
  let p = setting.trim();
  if (p === "~") {
    p = home;
  } else if (p.startsWith("~/") || p.startsWith("~\\")) {
    p = path.join(home, p.slice(2));
  }
  if (!path.isAbsolute(p) && workspaceDir !== undefined && (p.includes("/") || p.includes("\\"))) {
    p = path.resolve(workspaceDir, p);
  }
  return p;
}

function searchPath(name: string, envPath: string, platform: NodeJS.Platform, isExe: (f: string) => boolean): string | undefined {
  const sep = platform === "win32" ? ";" : ":";
  for (const dir of envPath.split(sep)) {
    if (dir === "") {
      continue;
    }
    const candidate = path.join(dir, name);
    if (isExe(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

export function resolveServer(lookup: Lookup): Resolution {
  const platform = lookup.platform ?? process.platform;
  const isExe = lookup.isExecutable ?? isExecutableFile;
  const envPath = lookup.envPath ?? process.env.PATH ?? "";
  const name = binaryName(platform);
  const tried: string[] = [];

  const setting = lookup.setting.trim();
  if (setting !== "") {
    const expanded = expandSetting(setting, lookup.workspaceDir, lookup.home ?? os.homedir());
    // A bare name ("copydesk-nightly") is looked up on PATH, as a shell would.
    const isBareName = !expanded.includes("/") && !expanded.includes("\\");
    const found = isBareName ? searchPath(expanded, envPath, platform, isExe) : isExe(expanded) ? expanded : undefined;
    if (found !== undefined) {
      return { ok: true, location: { command: found, source: "setting" } };
    }
    // A setting that points nowhere is an error of its own: falling back
    // silently would run a binary the writer did not choose.
    return { ok: false, tried: [`copydesk.path: ${expanded}`], settingMissing: expanded };
  }

  const bundled = path.join(lookup.extensionDir, "server", name);
  tried.push(`bundled: ${bundled}`);
  if (isExe(bundled)) {
    return { ok: true, location: { command: bundled, source: "bundled" } };
  }

  tried.push(`${name} on PATH`);
  const onPath = searchPath(name, envPath, platform, isExe);
  if (onPath !== undefined) {
    return { ok: true, location: { command: onPath, source: "path" } };
  }
  return { ok: false, tried };
}
