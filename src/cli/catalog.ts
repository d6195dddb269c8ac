// The catalog the command line checks against (the bundled one, with catalog files on top, as the
// extension's `extraCatalogFiles`), `models`, and `update-catalog`: the extension's importer, writing a
// catalog file.
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { resolve } from 'node:path';
import type { HttpsProxyAgent } from 'https-proxy-agent';
import { Catalog, catalogFromData, describeOrigin, formatProblem, withCatalogFile } from '../core/catalog/catalog';
import { ModelCard } from '../core/catalog/model';
import { parseCatalog } from '../core/catalog/yaml';
import { describeChanges, hasChanges, summariseChanges } from '../core/catalog/update/changes';
import { describeRead, prepareUpdate } from '../core/catalog/update/prepare';
import { DEFAULT_DOCS_SOURCE, docsReader, UpdateError } from '../core/catalog/update/read-source';
import { compactTokens } from '../core/present/format';
import { fetchTextThrough } from '../node/fetch-text';
import { UsageError } from './io';

/** data/models.yaml and data/corrections.yaml as JSON, put into the bundle by the build. */
declare const BUNDLED_CATALOG_JSON: string;
declare const BUNDLED_CORRECTIONS_JSON: string;

export function bundledCatalog(): Catalog {
  return catalogFromData(JSON.parse(BUNDLED_CATALOG_JSON), 'the bundled catalog');
}

/** The bundled catalog with each file on top (withCatalogFile); `warn` hears each file's problems. */
export function loadCatalog(files: readonly string[], warn: (message: string) => void): Catalog {
  let catalog = bundledCatalog();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      warn(`cannot read the catalog file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it is not used`);
      continue;
    }
    const before = catalog.problems.length;
    catalog = withCatalogFile(catalog, parseCatalog(text, file), file);
    for (const problem of catalog.problems.slice(before)) warn(`${formatProblem(problem)} (the entries concerned are skipped)`);
  }
  return catalog;
}

/** `models`: one line a model (current ones, or all with `all`), after the catalog's source and date. */
export function modelsText(catalog: Catalog, all: boolean): string {
  const shown = catalog.models.filter((m) => all || m.status !== 'retired');
  const width = Math.max(...shown.map((m) => m.id.length));
  const lines = shown.map((m) => {
    const facts = [m.kind === 'embedding' ? 'embedding' : m.contextWindow ? `${compactTokens(m.contextWindow)} window` : 'window not stated', m.status, m.released && `released ${m.released}`].filter(Boolean).join(', ');
    return `${m.id.padEnd(width)}  ${m.name} (${facts})`;
  });
  return `Catalog: ${describeOrigin(catalog.origin)}; ${shown.length} model${shown.length === 1 ? '' : 's'}${all ? '' : ' in use (--all adds retired ones)'}\n${lines.join('\n')}\n`;
}

export function modelsJson(catalog: Catalog, all: boolean): string {
  const models: ModelCard[] = catalog.models.filter((m) => all || m.status !== 'retired');
  return JSON.stringify({ source: catalog.origin?.source ?? null, asOf: catalog.origin?.asOf ?? null, models }, null, 2) + '\n';
}

/** A proxy agent for a URL, from HTTPS_PROXY / HTTP_PROXY (either case), unless NO_PROXY or loopback says not. */
export function proxyFor(env: Record<string, string | undefined>): (url: string) => Agent | undefined {
  return (url) => {
    const { protocol, hostname } = new URL(url);
    const proxy = protocol === 'https:' ? env.HTTPS_PROXY ?? env.https_proxy : env.HTTP_PROXY ?? env.http_proxy;
    if (!proxy || hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]') return undefined;
    const skip = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((h) => h.trim().replace(/^\./, '')).filter(Boolean);
    if (skip.some((h) => h === '*' || hostname === h || hostname.endsWith(`.${h}`))) return undefined;
    // Loaded only when a proxy is used: with its own dependencies it costs every start-up about 18 ms.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { HttpsProxyAgent: ProxyAgent } = require('https-proxy-agent') as { HttpsProxyAgent: typeof HttpsProxyAgent };
    return new ProxyAgent(proxy) as unknown as Agent;
  };
}

export interface UpdateOptions {
  source?: string;
  timeoutSeconds: number;
  cwd: string;
  env: Record<string, string | undefined>;
  base: Catalog;
}

/** Reads Box's docs (a URL or a folder) and returns the catalog file's text and what changed; throws UpdateError or UsageError. */
export async function updateCatalog({ source = DEFAULT_DOCS_SOURCE, timeoutSeconds, cwd, env, base }: UpdateOptions): Promise<{ text: string; summary: string; changes: string[] }> {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(source) && !/^https?:\/\//i.test(source)) throw new UsageError(`--source must be an http(s) URL or a folder, not ${source}`);
  const fetchText = fetchTextThrough(proxyFor(env));
  const cancel = new AbortController().signal;
  const { read, where, label, indexFile } = docsReader(source, {
    fetch: (url) => fetchText(url, timeoutSeconds * 1000, cancel),
    folder: (path) => {
      const dir = resolve(cwd, path);
      const readFile = async (name: string) => {
        try {
          return readFileSync(resolve(dir, name), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
      };
      return { where: `${dir}/`, readFile };
    },
    proxyHint: 'HTTPS_PROXY',
  });
  const prepared = await prepareUpdate({ read, where, indexFile, label, base, corrections: JSON.parse(BUNDLED_CORRECTIONS_JSON), checkedOn: new Date().toISOString().slice(0, 10) });
  const changed = hasChanges(prepared.changes);
  const summary = changed
    ? `${where} lists ${describeRead(prepared.read)}: ${summariseChanges(prepared.changes)} against ${describeOrigin(base.origin)}.`
    : `${where} lists ${describeRead(prepared.read)}: the same models as ${describeOrigin(base.origin)}.`;
  return { text: JSON.stringify(prepared.data, null, 2) + '\n', summary, changes: changed ? describeChanges(prepared.changes) : [] };
}

export { UpdateError };
