import * as path from 'node:path';
import { loadBundle } from './launch';

// `news-lens`: loads the CLI bundle (cliMain.js, beside this file) with the compile cache.
loadBundle(path.join(__dirname, 'cliMain.js'));
