import * as path from 'node:path';
import { loadBundle } from './launch';

// The language server: loads its bundle (serverMain.js, beside this file) with the compile cache, kept
// once the first document has been analysed (a server is rarely stopped cleanly).
loadBundle(path.join(__dirname, 'serverMain.js'), { persistAfterMs: 10_000 });
