// Which files a check reads: the paths and globs given (or the current folder), walked the way git
// sees the tree: `.gitignore` files at every level, `.git/` and `node_modules/` always left out. A file
// named on the command line is read even where an ignore rule would leave it out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { Ignore } from 'ignore';
import picomatch from 'picomatch';

/** The language a file is read in, by its name, as VS Code names it; undefined for a file not served. */
export function languageOfPath(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop()!.toLowerCase();
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  return EXTENSIONS[extension];
}

const EXTENSIONS: Record<string, string> = {
  json: 'json',
  jsonc: 'jsonc',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  yaml: 'yaml',
  yml: 'yaml',
  md: 'markdown',
  markdown: 'markdown',
  http: 'http',
  rest: 'http',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
};

const ALWAYS_LEFT_OUT = new Set(['.git', 'node_modules']);

export interface Discovered {
  /** Absolute paths, each once, in the order found (sorted within each folder). */
  files: string[];
  /** Arguments that matched no file to read, with why. */
  unmatched: { pattern: string; why: string }[];
}

/** The files the patterns name: files as given, folders walked, globs matched while walking from their fixed part. */
export function discoverFiles(patterns: readonly string[], cwd: string): Discovered {
  const files = new Set<string>();
  const unmatched: Discovered['unmatched'] = [];
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const before = files.size;
    const scan = picomatch.scan(pattern);
    if (!scan.isGlob) {
      const path = resolve(cwd, pattern);
      let isDirectory: boolean;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch {
        unmatched.push({ pattern, why: 'no such file or folder' });
        continue;
      }
      if (isDirectory) walk(path, cwd, (file) => languageOfPath(file) && files.add(file));
      else files.add(path);
      if (files.size === before && isDirectory) unmatched.push({ pattern, why: 'no file of a served language in it (or all are ignored)' });
      continue;
    }
    const base = resolve(cwd, scan.base || '.');
    const matches = picomatch(scan.glob, { dot: false });
    walk(base, cwd, (file) => matches(relative(base, file).split(sep).join('/')) && files.add(file));
    if (files.size === before) unmatched.push({ pattern, why: 'matched no file (or only ignored ones)' });
  }
  return { files: [...files], unmatched };
}

/** Calls `onFile` for each file below `folder` that no `.gitignore` from `root` down leaves out. */
function walk(folder: string, root: string, onFile: (path: string) => unknown): void {
  const rules: { base: string; rules: Ignore }[] = [];
  // The .gitignore files above the folder, up to the root, apply too.
  const above = relative(root, folder);
  if (!above.startsWith('..')) {
    let at = root;
    for (const part of ['', ...above.split(sep).filter(Boolean)]) {
      at = join(at, part);
      if (at !== folder) addRules(rules, at);
    }
  }
  const visit = (dir: string) => {
    const added = addRules(rules, dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return; // a folder we may not read is passed over, as git does
    }
    for (const entry of entries) {
      if (ALWAYS_LEFT_OUT.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile()) continue; // links, sockets: not followed
      if (rules.some(({ base, rules }) => rules.ignores(relative(base, path).split(sep).join('/') + (isDirectory ? '/' : '')))) continue;
      if (isDirectory) visit(path);
      else onFile(path);
    }
    if (added) rules.pop();
  };
  visit(folder);
}

function addRules(rules: { base: string; rules: Ignore }[], dir: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return false;
  }
  rules.push({ base: dir, rules: ignore().add(text) });
  return true;
}
