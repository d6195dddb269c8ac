// A worker thread of `check`: checks the batches of files it is sent against the catalog it was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { Catalog, CatalogOrigin } from '../core/catalog/catalog';
import { ModelCard } from '../core/catalog/model';
import { checkFile } from './check';
import { CheckSettings } from './settings';

const { models, origin, settings } = workerData as { models: ModelCard[]; origin: CatalogOrigin | undefined; settings: CheckSettings };
const catalog = new Catalog(models, [], origin);
parentPort!.on('message', (files: string[]) => parentPort!.postMessage(files.map((file) => checkFile(file, catalog, settings))));
