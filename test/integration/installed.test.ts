// The extension as users get it: the packaged .vsix, installed with the server's --install-extension
// (the harness's last session). Checks what the package holds, and each feature a user sees once.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, completionsWhen, diagnosticsWhen, EXTENSION_ID, hoverText, modelLabels, openMarked, rangeOf, showWorkspaceFile, statusWhen } from './helpers';
import { uiDriverAvailable } from './ui-protocol';
import { referenceEngine } from '../unit/engines';

const sourceTree = process.env.BOX_AI_MODELS_SOURCE_TREE;

function filesBelow(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path, root) : [relative(root, path).split('\\').join('/')];
  });
}

/** GitHub's anchor for a heading. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');

if (sourceTree) {
  describe('the installed .vsix', () => {
    let extension: vscode.Extension<unknown>;
    let files: string[];
    let manifest: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

    before(async () => {
      extension = await activateExtension();
      files = filesBelow(extension.extensionPath);
      manifest = extension.packageJSON;
    });
    afterEach(closeAll);

    it('is the installed copy, not the source tree', () => {
      assert.ok(!extension.extensionPath.startsWith(sourceTree), extension.extensionPath);
      assert.equal(manifest.version, JSON.parse(readFileSync(join(sourceTree, 'package.json'), 'utf8')).version);
    });

    it('holds what runs and nothing else: no tests, sources, source maps or node_modules', () => {
      const unwanted = files.filter((f) => f !== '.vsixmanifest' /* written by VS Code on install */ && /^(src|test|tools|bench|scripts|out|examples|node_modules)\/|\/node_modules\/|\.(ts|map|mjs)$|(^|\/)\./.test(f));
      assert.deepEqual(unwanted, []);
      const named = [
        manifest.main,
        manifest.browser,
        manifest.icon,
        ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
        ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
        ...manifest.contributes.jsonValidation.map((v: { url: string }) => v.url),
      ].map((p: string) => p.replace(/^\.\//, ''));
      const needed = ['dist/token-worker.js', 'dist/web/token-worker.js', 'dist/ranks/o200k_base.bin', 'dist/ranks/cl100k_base.bin', 'dist/ranks/gemma3.bin', 'dist/yaml.js', 'dist/catalog-yaml.js', 'dist/THIRD-PARTY-NOTICES.txt'];
      for (const file of [...named, ...needed]) assert.ok(files.includes(file), `${file} is not in the package`);
      assert.ok(files.some((f) => /^licen[cs]e/i.test(f)), 'no licence file');
    });

    it('renders its README from the package: every image and file link resolves to a packaged file', () => {
      const readmeFile = files.find((f) => /^readme\.md$/i.test(f));
      assert.ok(readmeFile, 'no README in the package');
      const readme = readFileSync(join(extension.extensionPath, readmeFile), 'utf8');
      // Packaging points relative links at the repository (raw/ for images, blob/ for links) for the
      // Marketplace; the same path must exist in the package for the page to be whole.
      const repository = String(manifest.repository.url).replace(/\.git$/, '');
      const headings = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1])));
      const targets = [...readme.matchAll(/\]\(([^)\s]+)\)|src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
      assert.ok(targets.some((t) => /\.png$/.test(t)), 'the README shows no picture');
      for (const target of targets) {
        if (target.startsWith('#')) {
          assert.ok(headings.has(target.slice(1)), `no heading for ${target}`);
          continue;
        }
        const inRepository = /^(?:raw|blob)\/[^/]+\/(.+)$/.exec(target.startsWith(`${repository}/`) ? target.slice(repository.length + 1) : '');
        const path = inRepository ? inRepository[1] : /^[a-z]+:/i.test(target) ? undefined : target.replace(/^\.\//, '');
        if (path !== undefined) assert.ok(files.includes(decodeURI(path)), `the README links ${target}, which is not in the package`);
      }
    });

    it('completes model ids, shows the card on hover, and flags an unknown model', async () => {
      const { doc, position } = await openMarked('json', '{"ai_agent": {"basic_text": {"model": "|"}}, "long_text": {"model": "aws__claude_3_7_sonet"}}');
      const labels = modelLabels(await completionsWhen(doc, position, (items) => modelLabels(items).length > 0));
      assert.ok(labels.includes('aws__claude_3_7_sonnet'), labels.join(', '));
      assert.match(await hoverText(doc, rangeOf(doc, 'aws__claude_3_7_sonet').start.translate(0, 3)), /is not in the model catalog \(Box developer docs \(box\/box-mintlify main, 9d553316\), 2026-01-30\)/);
      const found = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
      assert.deepEqual(found.map((d) => [d.code, d.range]), [['unknown-model', rangeOf(doc, 'aws__claude_3_7_sonet')]]);
    });

    if (uiDriverAvailable()) {
      it('shows the token count in the status bar, equal to a reference encode', async () => {
        await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'azure__openai__gpt_4o_mini');
        try {
          const { document } = await showWorkspaceFile('tokens', 'prompt.md');
          const expected = referenceEngine('o200k_base').count(document.getText()).toLocaleString('en-US');
          const { text } = await statusWhen((t) => t.includes('GPT-4o mini') && /^\d/.test(t), 'a GPT-4o mini count');
          assert.match(text, new RegExp(`^${expected} / 128k tokens · `));
        } finally {
          await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
        }
      });

      it('a vocabulary that cannot be read falls back to a marked estimate; the other encodings keep counting exactly', async () => {
        // The installed copy's Llama 4 table, cut short as a bad download or disk would leave it.
        const file = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist', 'ranks', 'llama4.bin');
        const original = await vscode.workspace.fs.readFile(file);
        await vscode.workspace.fs.writeFile(file, original.slice(0, original.length >> 1));
        try {
          await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'ibm__llama_4_scout');
          const { document } = await showWorkspaceFile('tokens', 'prompt.md');
          const estimate = referenceEngine('o200k_base').count(document.getText()).toLocaleString('en-US');
          const { text } = await statusWhen((t) => t.includes('Llama 4 Scout') && /^≈?\d/.test(t), 'a Llama 4 Scout count');
          assert.equal(text, `≈${estimate} / 10M tokens · IBM Llama 4 Scout`);
          await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'azure__openai__gpt_4o_mini');
          const { text: exact } = await statusWhen((t) => t.includes('GPT-4o mini') && /^\d/.test(t), 'an exact GPT-4o mini count');
          assert.match(exact, new RegExp(`^${estimate} / 128k tokens · `));
        } finally {
          await vscode.workspace.fs.writeFile(file, original);
          await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
        }
      });
    }
  });
}
