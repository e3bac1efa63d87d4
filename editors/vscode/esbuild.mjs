// Bundles the extension into one CommonJS file (dist/extension.js) so the
// .vsix ships without node_modules; `vscode` is provided by the host.
// `--test` also builds the VS Code-free modules as ESM for `node --test`.
import * as esbuild from "esbuild";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const extension = {
  entryPoints: ["src/extension.ts"],
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  outfile: "dist/extension.js",
  external: ["vscode"],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: "info",
};

const unitUnderTest = {
  entryPoints: ["src/serverPath.ts"],
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outfile: "out/serverPath.mjs",
  logLevel: "warning",
};

if (process.argv.includes("--test")) {
  await esbuild.build(unitUnderTest);
} else if (watch) {
  const ctx = await esbuild.context(extension);
  await ctx.watch();
} else {
  await esbuild.build(extension);
}
