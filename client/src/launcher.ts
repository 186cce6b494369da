import * as path from 'node:path';
import type * as vscode from 'vscode';
import { loadBundle } from '../../server/src/launch';
import type * as main from './extension';

// The extension's entry (dist/client.js): loads its bundle (clientMain.js, beside this file) through its own V8 code
// cache, so an activation does not compile the same ~0.5 MB of JavaScript again (issue 14). Kept a few seconds after
// activation, once the functions the start runs are compiled too.
const bundle = loadBundle(path.join(__dirname, 'clientMain.js'), { persistAfterMs: 10_000, privateCache: true }) as typeof main;

export function activate(context: vscode.ExtensionContext): main.NewsLensApi {
  return bundle.activate(context);
}

export function deactivate(): Promise<void> {
  return bundle.deactivate();
}
