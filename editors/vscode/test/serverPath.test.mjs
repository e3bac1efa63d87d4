// The server lookup order: setting, bundled binary, PATH. Run by `npm test`
// against out/serverPath.mjs (built from src/serverPath.ts by esbuild).
import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveServer, expandSetting } from "../out/serverPath.mjs";

const ext = "/ext";
const only = (...files) => (f) => files.includes(f);

test("the setting wins over everything", () => {
  const r = resolveServer({ setting: "/opt/cd/copydesk", extensionDir: ext, envPath: "/usr/bin", platform: "linux", isExecutable: only("/opt/cd/copydesk", "/ext/server/copydesk", "/usr/bin/copydesk") });
  assert.deepEqual(r, { ok: true, location: { command: "/opt/cd/copydesk", source: "setting" } });
});

test("a setting that points nowhere is an error, not a silent fallback", () => {
  const r = resolveServer({ setting: "/nope/copydesk", extensionDir: ext, envPath: "/usr/bin", platform: "linux", isExecutable: only("/usr/bin/copydesk") });
  assert.equal(r.ok, false);
  assert.equal(r.settingMissing, "/nope/copydesk");
});

test("a bare name in the setting is looked up on PATH", () => {
  const r = resolveServer({ setting: "copydesk-nightly", extensionDir: ext, envPath: "/a:/b", platform: "linux", isExecutable: only("/b/copydesk-nightly") });
  assert.deepEqual(r, { ok: true, location: { command: "/b/copydesk-nightly", source: "setting" } });
});

test("the bundled binary comes before PATH", () => {
  const r = resolveServer({ setting: "", extensionDir: ext, envPath: "/usr/bin", platform: "linux", isExecutable: only("/ext/server/copydesk", "/usr/bin/copydesk") });
  assert.deepEqual(r, { ok: true, location: { command: "/ext/server/copydesk", source: "bundled" } });
});

test("PATH is searched in order", () => {
  const r = resolveServer({ setting: "  ", extensionDir: ext, envPath: "/a::/b:/c", platform: "linux", isExecutable: only("/b/copydesk", "/c/copydesk") });
  assert.deepEqual(r, { ok: true, location: { command: "/b/copydesk", source: "path" } });
});

test("nothing found lists every place tried", () => {
  const r = resolveServer({ setting: "", extensionDir: ext, envPath: "/a", platform: "linux", isExecutable: () => false });
  assert.deepEqual(r, { ok: false, tried: ["bundled: /ext/server/copydesk", "copydesk on PATH"] });
});

test("~ and relative paths in the setting", () => {
  assert.equal(expandSetting("~/bin/copydesk", "/ws", "/home/w"), "/home/w/bin/copydesk");
  assert.equal(expandSetting("target/release/copydesk", "/ws", "/home/w"), "/ws/target/release/copydesk");
  assert.equal(expandSetting("copydesk", "/ws", "/home/w"), "copydesk");
});
