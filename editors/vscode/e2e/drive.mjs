// Drives the code-server workbench in headless Chromium: opens the folder,
// opens the draft the way a writer would (Quick Open), waits until the
// diagnostics VS Code holds for it (written by the extension's e2e
// self-check) match what `copydesk check` reports, checks that the editor
// shows squiggles, optionally takes a screenshot with the Problems panel
// open, and prints the diagnostics it saw as a JSON array on stdout.
//
// Exit status: 0 all arrived and matched; 1 they did not (the reason on
// stderr); 2 bad usage.
//
// Usage: node drive.mjs --url URL --workspace DIR --draft FILE
//          --diagnostics FILE --expected CHECK.json [--screenshot PNG]
//          [--timeout SECONDS] [--chromium PATH] [--profile DIR]
//          [--settings USER_SETTINGS.json]
//          [--expect-missing-server]
//
// With --settings, once the diagnostics match, a copydesk setting is changed
// in the user settings file and the test waits for the client to send
// `workspace/didChangeConfiguration` with it to the running server, and for
// the server to log that it received settings (COPYDESK_LOG=debug).
// With --expect-missing-server, `copydesk.path` points nowhere and the test
// passes when the workbench shows copydesk's error notification instead.

import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: opt } = parseArgs({
  options: {
    url: { type: "string" },
    workspace: { type: "string" },
    draft: { type: "string" },
    diagnostics: { type: "string" },
    expected: { type: "string" },
    screenshot: { type: "string" },
    timeout: { type: "string", default: "120" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    profile: { type: "string" },
    settings: { type: "string" },
    "expect-missing-server": { type: "boolean", default: false },
  },
});
for (const key of ["url", "workspace", "draft", "diagnostics", "expected", "profile"]) {
  if (!opt[key]) {
    console.error(`drive.mjs: --${key} is required`);
    process.exit(2);
  }
}

const deadline = Date.now() + Number(opt.timeout) * 1000;
const note = (msg) => console.error(`[e2e] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- what `copydesk check` says, in VS Code's terms -----------------------

/** LSP position (0-based line, UTF-16 column) of a UTF-8 byte offset. */
function position(bytes, offset) {
  const before = bytes.subarray(0, offset).toString("utf8");
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = (before.match(/\n/g) ?? []).length;
  return { line, character: before.slice(lineStart).length }; // JS strings are UTF-16
}

const SEVERITY = { error: "error", warning: "warning", info: "information", hint: "hint" };

function expectedDiagnostics() {
  const bytes = fs.readFileSync(opt.draft);
  const findings = JSON.parse(fs.readFileSync(opt.expected, "utf8"));
  return findings.map((f) => ({
    code: f.rule,
    source: "copydesk",
    severity: SEVERITY[f.severity] ?? f.severity,
    range: { start: position(bytes, f.start.offset), end: position(bytes, f.end.offset) },
    message: f.message,
  }));
}

const key = (d) => JSON.stringify([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.message]);
const sorted = (ds) => [...ds].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** What differs between two diagnostic lists, as lines for a human. */
function difference(expected, seen) {
  const want = new Map(expected.map((d) => [key(d) + d.severity + d.source, d]));
  const got = new Map(seen.map((d) => [key(d) + d.severity + d.source, d]));
  const lines = [];
  for (const [k, d] of want) if (!got.has(k)) lines.push(`missing:    ${JSON.stringify(d)}`);
  for (const [k, d] of got) if (!want.has(k)) lines.push(`unexpected: ${JSON.stringify(d)}`);
  return lines;
}

// ---- what VS Code holds, via the extension's self-check --------------------

const draftPath = fs.realpathSync(opt.draft);

function readSelfCheck() {
  try {
    return JSON.parse(fs.readFileSync(opt.diagnostics, "utf8"));
  } catch {
    return undefined;
  }
}

function seenForDraft(report) {
  const doc = report?.documents?.find((d) => d.path && path.resolve(d.path) === draftPath);
  return doc?.diagnostics ?? [];
}

// ---- the workbench ---------------------------------------------------------

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function openDraft(page) {
  const name = path.basename(opt.draft);
  // Quick Open, as a writer would; the Explorer is the fallback if the
  // file search is slow to index.
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.keyboard.press("Control+P");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: 15000 });
    await input.fill(name);
    const row = page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first();
    try {
      await row.waitFor({ state: "visible", timeout: 10000 });
      await page.keyboard.press("Enter");
      await page.locator(`.tab[data-resource-name="${name}"], .tab:has-text("${name}")`).first().waitFor({ timeout: 15000 });
      note(`opened ${name} with Quick Open`);
      return;
    } catch {
      await page.keyboard.press("Escape");
      note(`Quick Open did not find ${name} yet (attempt ${attempt})`);
    }
  }
  const item = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
  await item.dblclick({ timeout: 15000 });
  note(`opened ${name} from the Explorer`);
}

async function goToLine(page, line) {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10000 });
  await input.fill(`:${line}`);
  await page.keyboard.press("Enter");
  await sleep(1000);
}

/** Change a copydesk setting on disk, as the Settings editor would, and wait
 * until the client has pushed it to the running server — the same server,
 * not a restarted one — and the server has logged receiving settings. */
async function changeSettings(page) {
  const before = readSelfCheck() ?? {};
  const wanted = { "source.anonymous": "off", promo: "error" };
  const serverGot = (report) =>
    (report.serverLines ?? []).slice(-(report.serverLineCount - (before.serverLineCount ?? 0))).some((l) => /setting|configuration/i.test(l));
  let report = before;
  // Something else in the workbench may write the user settings at the same
  // moment (VS Code then shows "Unable to write into user settings" and our
  // save does not land). A writer would look and save again: so does this.
  for (let attempt = 1; attempt <= 3 && Date.now() < deadline; attempt++) {
    await writeSettingsInEditor(page, wanted, attempt);
    const settled = Math.min(deadline, Date.now() + 20000);
    while (Date.now() < settled) {
      report = readSelfCheck() ?? report;
      const sent =
        (report.configurationSent ?? 0) > (before.configurationSent ?? 0) &&
        JSON.stringify(report.lastSettingsSent?.rules) === JSON.stringify(wanted);
      if (sent && serverGot(report)) {
        if (report.starts !== before.starts) {
          note(`the server was restarted (${before.starts} → ${report.starts} starts) instead of being told`);
          return false;
        }
        note(`the client sent workspace/didChangeConfiguration with ${JSON.stringify(report.lastSettingsSent.rules)} to the running server, which logged receiving it`);
        return true;
      }
      await sleep(250);
    }
    note(`attempt ${attempt}: VS Code's copydesk.rules is ${JSON.stringify(report.settings?.rules)} after saving; trying again`);
  }
  note(
    `the setting change did not reach the server: VS Code's copydesk.rules is ${JSON.stringify(report.settings?.rules)}, ` +
      `${(report.configurationSent ?? 0) - (before.configurationSent ?? 0)} new didChangeConfiguration (last: ${JSON.stringify(report.lastSettingsSent)}), ` +
      `server log tail: ${JSON.stringify((report.serverLines ?? []).slice(-5))}`,
  );
  return false;
}

/** A modal dialog left open (a save conflict, "Do you want to save…")
 * blocks every later click: note its text and leave it without saving. */
async function dismissDialog(page) {
  const dialog = page.locator(".monaco-dialog-box");
  if (!(await dialog.isVisible().catch(() => false))) return;
  note(`dialog: ${(await dialog.innerText().catch(() => "")).replace(/\s+/g, " ").slice(0, 200)}`);
  const dontSave = dialog.locator(".monaco-button", { hasText: /Don't Save|Cancel/ }).first();
  if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
  else await page.keyboard.press("Escape");
  await sleep(300);
}

/** As a writer would: open the user settings JSON from the command
 * palette, replace its text with the settings on disk plus `wanted`, save
 * and close. (Writing the file from outside relies on the workbench's file
 * watcher, which misses changes on a loaded machine.) */
async function writeSettingsInEditor(page, wanted, attempt) {
  await dismissDialog(page);
  const settings = JSON.parse(fs.readFileSync(opt.settings, "utf8"));
  settings["copydesk.rules"] = wanted;
  await page.keyboard.press("Control+Shift+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 15000 });
  await input.fill(">Preferences: Open User Settings (JSON)");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "Open User Settings (JSON)" }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press("Enter");
  // (A tab, or a modal editor in newer VS Codes: find it by its text.)
  const editor = page.locator(".monaco-editor", { hasText: "copydesk.trace.server" }).last();
  await editor.waitFor({ timeout: 15000 });
  await editor.locator(".view-lines").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(JSON.stringify(settings, null, 2));
  await page.keyboard.press("Control+S");
  await sleep(500);
  await dismissDialog(page);
  await page.keyboard.press("Control+W");
  await sleep(300);
  await dismissDialog(page);
  note(`set copydesk.rules to ${JSON.stringify(wanted)} in the user settings editor and saved (attempt ${attempt})`);
}

/** "copydesk: Restart server" from the command palette: a new server
 * starts and the diagnostics are published again. */
async function restartFromPalette(page, expected) {
  const before = readSelfCheck() ?? {};
  await page.keyboard.press("Control+Shift+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 15000 });
  await input.fill(">copydesk: Restart server");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "Restart server" }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press("Enter");
  while (Date.now() < deadline) {
    const report = readSelfCheck() ?? {};
    const seen = sorted(seenForDraft(report));
    if ((report.starts ?? 0) > (before.starts ?? 0) && report.client === "Running" && difference(expected, seen).length === 0) {
      note(`"copydesk: Restart server" started server #${report.starts}; its diagnostics match again`);
      return true;
    }
    await sleep(250);
  }
  const report = readSelfCheck() ?? {};
  note(`after "copydesk: Restart server": ${report.starts} start(s), client ${report.client}`);
  return false;
}

/** With no server binary, the writer must see copydesk's error, with a way
 * to the install docs. */
async function expectMissingServerError(page) {
  const toast = page.locator(".notification-toast", { hasText: "copydesk:" }).first();
  try {
    await toast.waitFor({ state: "visible", timeout: Math.max(1000, deadline - Date.now()) });
  } catch {
    note("FAIL: no copydesk error notification appeared");
    return false;
  }
  const text = (await toast.innerText()).replace(/\s+/g, " ");
  note(`notification: ${text}`);
  const wanted = ["not an executable file", "Install instructions", "Open settings"];
  const missing = wanted.filter((w) => !text.includes(w));
  if (missing.length > 0) {
    note(`FAIL: the notification lacks ${missing.join(", ")}`);
    return false;
  }
  return true;
}

async function main() {
  const expected = sorted(expectedDiagnostics());
  note(`copydesk check reports ${expected.length} finding(s) for ${opt.draft}`);

  const context = await chromium.launchPersistentContext(opt.profile, {
    executablePath: opt.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  let seen = [];
  let ok = false;
  let failure = "no copydesk diagnostics arrived in VS Code";
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => note(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") note(`console ${m.type()}: ${m.text().slice(0, 400)}`);
    });
    const url = `${opt.url.replace(/\/$/, "")}/?folder=${encodeURIComponent(fs.realpathSync(opt.workspace))}`;
    note(`opening ${url}`);
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
    await page.locator(".monaco-workbench").waitFor({ timeout: 60000 });
    // The Explorer lists the folder once the workbench has connected to the server.
    await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60000 });
    note("workbench is up");
    await openDraft(page);

    if (opt["expect-missing-server"]) {
      ok = await expectMissingServerError(page);
      seen = sorted(seenForDraft(readSelfCheck()));
      if (seen.length > 0) {
        note("FAIL: diagnostics arrived although there is no server");
        ok = false;
      }
      if (opt.screenshot) {
        await page.screenshot({ path: opt.screenshot });
      }
      process.stdout.write("[]\n");
      note(ok ? "PASS: the missing server was reported" : "FAIL");
      await context.close();
      process.exit(ok ? 0 : 1);
    }

    // Wait for the diagnostics to arrive and to settle on what check says.
    let last = "";
    while (Date.now() < deadline) {
      seen = sorted(seenForDraft(readSelfCheck()));
      const now = JSON.stringify(seen);
      if (now !== last) {
        note(`VS Code holds ${seen.length} copydesk diagnostic(s) for the draft`);
        last = now;
      }
      if (seen.length > 0 && difference(expected, seen).length === 0) {
        ok = true;
        break;
      }
      if (seen.length > 0) failure = "the diagnostics in VS Code differ from copydesk check";
      await sleep(250);
    }
    if (!ok) {
      const report = readSelfCheck();
      note(`self-check report: ${report === undefined ? "never written (did the extension activate?)" : JSON.stringify({ client: report.client, server: report.server, openDocuments: report.openDocuments })}`);
      if (expected.length === 0) {
        note("copydesk check found nothing in this draft, so there is nothing to wait for; pick a draft with findings");
      }
      for (const line of difference(expected, seen)) note(line);
    }

    // What the settings changeSettings() writes should make the server
    // report: source.anonymous off, every promo finding an error.
    let inForce = expected;
    if (ok && opt.settings) {
      ok = await changeSettings(page);
      if (!ok) failure = "a settings change did not reach the running server";
      inForce = sorted(
        expected
          .filter((d) => d.code !== "source.anonymous")
          .map((d) => (String(d.code).startsWith("promo.") ? { ...d, severity: SEVERITY.error } : d)),
      );
      // The running server applies them without a restart.
      const deadline = Date.now() + 20000;
      let after = [];
      while (ok && Date.now() < deadline) {
        after = sorted(seenForDraft(readSelfCheck()));
        if (difference(inForce, after).length === 0) break;
        await sleep(250);
      }
      if (ok && difference(inForce, after).length > 0) {
        for (const line of difference(inForce, after)) note(line);
        failure = "the running server did not apply the new rule levels";
        ok = false;
      } else if (ok) {
        note("the running server applied the new rule levels: promo findings are errors now");
      }
    }

    if (ok) {
      ok = await restartFromPalette(page, inForce);
      if (!ok) failure = "copydesk: Restart server did not bring the diagnostics back from a new server";
    }

    // The squiggles themselves. Monaco renders decorations for visible lines
    // only, so bring the first finding into view (Go to Line) first.
    if (expected.length > 0) {
      await goToLine(page, expected[0].range.start.line + 1);
    }
    const squiggles = await page.locator('.monaco-editor [class*="squiggly-"]').count();
    note(`the editor draws ${squiggles} squiggle decoration(s)`);
    if (ok && expected.length > 0 && squiggles === 0) {
      failure = "diagnostics arrived but the editor drew no squiggles";
      ok = false;
    }

    if (opt.screenshot) {
      // Problems panel open, the side bar closed for a wider editor, the
      // findings centred.
      await page.keyboard.press("Control+B");
      await page.keyboard.press("Control+Shift+M");
      await page.locator(".markers-panel").first().waitFor({ timeout: 15000 }).catch(() => note("the Problems panel did not appear"));
      if (expected.length > 0) {
        const first = expected[0].range.start.line;
        const last = expected[expected.length - 1].range.end.line;
        await goToLine(page, Math.round((first + last) / 2) + 1);
      }
      await sleep(1000);
      await page.screenshot({ path: opt.screenshot });
      note(`screenshot written to ${opt.screenshot}`);
    }
  } catch (e) {
    // A picture of where it stopped, then the error.
    if (opt.screenshot) {
      await context.pages()[0]?.screenshot({ path: opt.screenshot }).catch(() => {});
      note(`screenshot of the failure written to ${opt.screenshot}`);
    }
    throw e;
  } finally {
    await context.close();
  }

  process.stdout.write(
    JSON.stringify(
      seen.map(({ code, source, range, message }) => ({ code, source, range, message })),
      null,
      2,
    ) + "\n",
  );
  if (!ok) {
    note(`FAIL: ${failure}`);
    process.exit(1);
  }
  note(`PASS: ${seen.length} diagnostic(s) in VS Code match copydesk check`);
}

main().catch((e) => {
  note(`FAIL: ${e?.stack ?? e}`);
  process.stdout.write("[]\n");
  process.exit(1);
});
