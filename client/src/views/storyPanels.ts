import * as vscode from 'vscode';
import type { LspRange, NetworkParams } from '../../../server/src/protocol';
import { revealRange, type ServerApi } from '../serverApi';
import { LANGUAGE_ID } from '../navigation';

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

/** The page: a strict CSP (no remote anything, scripts only with this page's nonce), the bundled script and style. */
function html(webview: vscode.Webview, extension: vscode.Uri, name: 'timeline' | 'network', title: string): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extension, 'dist', 'webview', `${name}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extension, 'dist', 'webview', `${name}.css`));
  const csp = [`default-src 'none'`, `img-src ${webview.cspSource}`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${n}'`].join('; ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><link rel="stylesheet" href="${style.toString()}"><title>${title}</title></head>
<body><main id="root" aria-label="${title}"></main><script nonce="${n}" src="${script.toString()}"></script></body></html>`;
}

/**
 * The Timeline and Network webview panels. They only read: opening an article or revealing an entity,
 * nothing that writes, so they work the same in an untrusted workspace. Their filters live in the
 * webview's state (getState/setState), so a hidden panel comes back as it was.
 */
export class StoryPanels implements vscode.Disposable {
  private timeline: vscode.WebviewPanel | undefined;
  private network: vscode.WebviewPanel | undefined;
  private timelineEntity: { id: string; name: string } | undefined;
  /** The timeline's unfiltered answer was a sample: the webview's filters are asked of the server. */
  private timelineSampled = false;
  private lastFile: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extension: vscode.Uri,
    private readonly api: ServerApi,
    private readonly revealEntity: (id: string) => Promise<void>,
  ) {
    const track = (editor: vscode.TextEditor | undefined): void => {
      if (editor?.document.languageId === LANGUAGE_ID) this.lastFile = editor.document.uri;
    };
    track(vscode.window.activeTextEditor);
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(track));
  }

  private panel(kind: 'timeline' | 'network', title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      `newsLens.${kind}`,
      title,
      { viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extension, 'dist', 'webview')],
      },
    );
    panel.webview.html = html(panel.webview, this.extension, kind, title);
    return panel;
  }

  /** Opens (or brings back) the timeline, of the workspace or of one entity. */
  async showTimeline(entity?: { id: string; name: string }): Promise<void> {
    this.timelineEntity = entity;
    if (this.timeline) {
      this.timeline.reveal();
      await this.sendTimeline();
      return;
    }
    const panel = (this.timeline = this.panel('timeline', 'News Lens: Timeline'));
    panel.onDidDispose(() => (this.timeline = undefined), null, this.disposables);
    panel.webview.onDidReceiveMessage(
      async (message: { type: string; uri?: string; range?: LspRange; entity?: unknown; outlet?: unknown }) => {
        if (message.type === 'ready') await this.sendTimeline();
        else if (message.type === 'narrow')
          await this.sendTimeline({ entity: typeof message.entity === 'string' ? message.entity : '', outlet: typeof message.outlet === 'string' ? message.outlet : '' });
        else if (message.type === 'open' && message.uri && message.range) await revealRange(message.uri, message.range);
      },
      null,
      this.disposables,
    );
  }

  /**
   * The timeline's events, sent to the webview. `narrow`: the webview's entity and outlet filters, asked of
   * the server because the unfiltered answer was a sample (an archive); the entity of a timeline opened for
   * one entity stays its question, the filter's entity is then picked out by the webview.
   */
  private async sendTimeline(narrow?: { entity: string; outlet: string }): Promise<void> {
    const panel = this.timeline;
    if (!panel) return;
    const entity = this.timelineEntity;
    const asked = entity?.id ?? (narrow?.entity || undefined);
    const result = await this.api.timeline({ ...(asked ? { entity: asked } : {}), ...(narrow?.outlet ? { outlet: narrow.outlet } : {}) });
    if (narrow) this.timelineSampled = true;
    else this.timelineSampled = result.total > result.events.length;
    const name = entity ? (result.entities.find((e) => e.id === entity.id)?.name ?? entity.name) : undefined;
    const published = result.events.filter((e) => e.kind === 'published').length;
    const sample = result.total > result.events.length ? ` · an even sample of ${result.total.toLocaleString('en-US')} events` : '';
    panel.title = name ? `Timeline: ${name}` : 'News Lens: Timeline';
    await panel.webview.postMessage({
      type: 'data',
      title: name ? `Timeline of ${name}` : 'Timeline of the workspace',
      subtitle: `${published.toLocaleString('en-US')} publication${published === 1 ? '' : 's'} (●) and ${(result.events.length - published).toLocaleString('en-US')} dates in the text (◆), by outlet${sample}`,
      result,
      ...(narrow ? {} : { entity: entity?.id }),
      sampled: this.timelineSampled,
      ...(narrow ? { narrowed: { ...narrow, byEntity: !entity && narrow.entity !== '' } } : {}),
    });
  }

  showNetwork(): void {
    if (this.network) {
      this.network.reveal();
      return;
    }
    const panel = (this.network = this.panel('network', 'News Lens: Network'));
    panel.onDidDispose(() => (this.network = undefined), null, this.disposables);
    panel.webview.onDidReceiveMessage(
      async (message: { type: string; params?: NetworkParams; id?: string }) => {
        if (message.type === 'query') await this.sendNetwork(message.params ?? {});
        else if (message.type === 'reveal' && message.id) await this.revealEntity(message.id);
      },
      null,
      this.disposables,
    );
  }

  private async sendNetwork(params: NetworkParams): Promise<void> {
    const panel = this.network;
    if (!panel) return;
    const file = this.lastFile;
    const query: NetworkParams = { ...params, ...(params.scope === 'file' && file ? { textDocument: { uri: file.toString() } } : {}) };
    const [result, stories] = await Promise.all([this.api.network(query), this.api.stories({ minArticles: 2, maxArticles: 1 })]);
    const fileName = file ? file.path.slice(file.path.lastIndexOf('/') + 1) : null;
    const scope = params.scope === 'file' ? `the file ${fileName}` : params.scope === 'story' ? 'one story' : 'the workspace';
    await panel.webview.postMessage({
      type: 'data',
      result,
      file: fileName,
      stories: stories.stories.map((s) => ({ id: s.id, label: s.label, title: s.articles[0]?.title.slice(0, 60) ?? s.id })),
      subtitle: `People, places and organizations named in the same ${params.unit === 'sentence' ? 'sentence' : 'article'} in ${scope}`,
    });
  }

  dispose(): void {
    this.timeline?.dispose();
    this.network?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** "also told by …": a pick of the story's other articles, opening the chosen one at its headline. */
export async function openStoryArticle(targets: { uri: string; range: LspRange; title: string; outlet: string }[]): Promise<void> {
  if (!Array.isArray(targets) || !targets.length) return;
  const picked =
    targets.length === 1
      ? targets[0]
      : (
          await vscode.window.showQuickPick(
            targets.map((t) => ({ label: t.title, description: t.outlet, target: t })),
            { title: 'News Lens: Also told by' },
          )
        )?.target;
  if (picked) await revealRange(picked.uri, picked.range);
}
