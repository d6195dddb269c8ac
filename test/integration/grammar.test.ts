// Token snapshots of the model-id injection grammar: VS Code's own TextMate engine (vscode-textmate with
// vscode-oniguruma) runs the grammars every installed extension contributes, ours included, on sample
// files. Set BOX_AI_MODELS_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import * as textmate from 'vscode-textmate';
import { loadOniguruma } from '../support/oniguruma';
import { activateExtension } from './helpers';

const OURS = /\.box-ai$/;

interface Contribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/** A registry that knows every grammar the installed extensions contribute, as the workbench does. */
async function realRegistry(): Promise<textmate.Registry> {
  const oniguruma = await loadOniguruma();
  const grammars = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const extension of vscode.extensions.all) {
    for (const grammar of (extension.packageJSON?.contributes?.grammars ?? []) as Contribution[]) {
      if (!grammar.scopeName || !grammar.path) continue;
      grammars.set(grammar.scopeName, join(extension.extensionPath, grammar.path));
      for (const target of grammar.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), grammar.scopeName]);
    }
  }
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) => {
      const path = grammars.get(scopeName);
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scopeName) => injections.get(scopeName),
  });
}

/** Every token of a file: line, column, text and scopes, one per line of the snapshot. */
function tokenize(grammar: textmate.IGrammar, text: string): string[] {
  const out: string[] = [];
  let state = textmate.INITIAL;
  text.split('\n').forEach((line, n) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const piece = line.slice(token.startIndex, token.endIndex);
      if (piece.trim() === '') continue;
      out.push(`${n + 1}:${token.startIndex} ${JSON.stringify(piece)} ${token.scopes.slice(1).join(' ')}`);
    }
    state = result.ruleStack;
  });
  return out;
}

const SAMPLES: [file: string, root: string, scoped: string[]][] = [
  ['sample.json', 'source.json', ['aws__claude_3_7_sonnet support', 'azure__openai__gpt_4.1_mini support.constant.model-id.alias', 'google__textembedding_gecko invalid.deprecated']],
  ['sample.jsonc', 'source.json.comments', ['google__gemini_1_5_flash_001 invalid.deprecated']],
  ['sample.ts', 'source.ts', ['openai__gpt_5_mini support', 'google__gemini_1_5_flash_001 invalid.deprecated', 'aws__claude_3_haiku support']],
  ['sample.py', 'source.python', ['aws__claude_3_haiku support', 'google__gemini_1_5_flash_001 invalid.deprecated', 'azure__openai__gpt_4o_mini support']],
  ['sample.yaml', 'source.yaml', ['aws__claude_3_haiku support', 'google__gemini_1_5_flash_001 invalid.deprecated', 'azure__openai__text_embedding_ada_002 support']],
  ['sample.md', 'text.html.markdown', ['aws__claude_3_7_sonnet support']],
];

describe('model-id highlighting (injection grammar) with VS Code\'s grammars', () => {
  let registry: textmate.Registry;
  const folder = () => join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'grammar');

  before(async () => {
    await activateExtension();
    registry = await realRegistry();
  });

  for (const [file, root, scoped] of SAMPLES) {
    it(`${file}: known ids in strings get their scope, retired ones another; snapshot matches`, async () => {
      const grammar = await registry.loadGrammar(root);
      assert.ok(grammar, `no grammar for ${root}`);
      const tokens = tokenize(grammar, readFileSync(join(folder(), file), 'utf8'));
      // What the injection scoped, as "id first-scope-words": the ids in strings and nothing else.
      const ours = tokens
        .filter((t) => t.split(' ').some((s) => OURS.test(s)))
        .map((t) => {
          const id = JSON.parse(t.split(' ')[1]) as string;
          const scope = t.split(' ').find((s) => OURS.test(s))!;
          return `${id} ${scope}`;
        });
      assert.equal(ours.length, scoped.length, ours.join('\n'));
      scoped.forEach((expected, i) => assert.ok(ours[i].startsWith(expected), `${ours[i]} should start with ${expected}`));
      const snapshot = join(folder(), `${file}.snap`);
      if (process.env.BOX_AI_MODELS_UPDATE_SNAPSHOTS === '1') writeFileSync(snapshot, `${tokens.join('\n')}\n`);
      assert.ok(existsSync(snapshot), `${file}.snap is missing: run the tests once with BOX_AI_MODELS_UPDATE_SNAPSHOTS=1 and review it`);
      assert.equal(`${tokens.join('\n')}\n`, readFileSync(snapshot, 'utf8'), `${file}: tokens differ from ${file}.snap`);
    });
  }
});
