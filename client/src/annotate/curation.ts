import * as vscode from 'vscode';
import { CurateRequest, DisagreementsRequest, SchemaRequest, type DisagreementInfo } from '../../../server/src/protocol';
import { revealRange, type ServerApi } from '../serverApi';
import { message } from './labelling';

/**
 * Curation: walks the disagreements between two annotators one by one (each revealed in its file) and
 * settles each (take A, take B, none, or a label for the whole stretch) into the `curated` annotator.
 */
export async function curate(api: ServerApi, after: () => Promise<void>): Promise<void> {
  const answer = await api.request(DisagreementsRequest, {});
  if (answer.problem) {
    void vscode.window.showInformationMessage(`News Lens: ${answer.problem}`);
    return;
  }
  if (!answer.disagreements.length) {
    void vscode.window.showInformationMessage(`News Lens: ${answer.a} and ${answer.b} agree everywhere; nothing to curate.`);
    return;
  }
  const side = (list: DisagreementInfo['a']) => (list.length ? list.map((s) => `${s.label} “${s.text}”`).join(', ') : 'nothing');
  let settled = 0;
  for (const [i, d] of answer.disagreements.entries()) {
    await revealRange(d.uri, d.range, { preserveFocus: true });
    const picked = await vscode.window.showQuickPick(
      [
        { label: `$(person) Take ${answer.a}`, detail: side(d.a), decision: 'a' as const },
        { label: `$(person) Take ${answer.b}`, detail: side(d.b), decision: 'b' as const },
        { label: '$(circle-slash) Neither', detail: 'no label here', decision: 'none' as const },
        { label: '$(edit) Edit: choose a label…', detail: `“${d.text}” with one label`, decision: 'edit' as const },
        { label: '$(debug-step-over) Skip', decision: 'skip' as const },
      ],
      { title: `News Lens: Curate ${i + 1}/${answer.disagreements.length} (${d.kind}) “${d.text.slice(0, 60)}”`, ignoreFocusOut: true },
    );
    if (!picked) break;
    if (picked.decision === 'skip') continue;
    let decision: 'a' | 'b' | 'none' | { label: string } = picked.decision === 'edit' ? 'none' : picked.decision;
    if (picked.decision === 'edit') {
      const schema = await api.request(SchemaRequest, {});
      const label = await vscode.window.showQuickPick(
        schema.spanLabels.map((l) => l.name),
        { title: `Label for “${d.text.slice(0, 60)}”` },
      );
      if (!label) continue;
      decision = { label };
    }
    try {
      await api.request(CurateRequest, { a: answer.a, b: answer.b, id: d.id, decision });
      settled++;
    } catch (e) {
      void vscode.window.showErrorMessage(message(e));
      break;
    }
  }
  await after();
  void vscode.window.showInformationMessage(`News Lens: ${settled} disagreement${settled === 1 ? '' : 's'} curated; exports now use the curated labels.`);
}
