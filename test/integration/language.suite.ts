/**
 * Language features through the real VS Code API on the real seeds: language id, outline,
 * hover cards, semantic tokens, references, definition, highlights, workspace symbols.
 * Every expectation below was written by reading the seed text (line numbers are 0-based here,
 * the editor shows them +1).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANGUAGE_ID, allSeedUris, describeTokens, hoverText, openSeed, positionOf, rangeOf, seedName, semanticTokens, tokensAt, whenExtensionReady, type DecodedToken } from './helpers';

export function defineLanguageSuite(): void {
  suite('News Lens language features', () => {
    suiteSetup(async function () {
      this.timeout(120_000);
      await whenExtensionReady();
    });

    test('a seed opens as a news article', async () => {
      const editor = await openSeed('004');
      assert.equal(editor.document.languageId, LANGUAGE_ID);
    });

    test('document symbols: the articles of a file, sections as children', async () => {
      const single = (await openSeed('004')).document;
      const singleSymbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', single.uri);
      assert.ok(singleSymbols?.length, 'no document symbols for 004');
      // 004 is one article: " date 2024-12-02 Politics", then its headline on line 1.
      assert.equal(singleSymbols.length, 1, `004 holds one article, got: ${singleSymbols.map((s) => s.name).join(' | ')}`);
      assert.match(singleSymbols[0].name, /al-Assad seeks to strengthen his support/);
      assert.ok(singleSymbols[0].selectionRange.start.line === 1, `headline of 004 is line 2, symbol selection starts at line ${singleSymbols[0].selectionRange.start.line + 1}`);
      assert.match(singleSymbols[0].detail, /2024-12-02/, 'the article detail shows its date');

      // 000 holds four articles: Syria (line 1), Georgia (line 37), Trump/Gaza (line 81), Belgium (line 100, no headline).
      const page = (await openSeed('000')).document;
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', page.uri);
      const names = symbols.map((s) => s.name);
      assert.equal(symbols.length, 4, `000 holds four articles, got: ${names.join(' | ')}`);
      assert.match(names[0], /Russia and Iran Pledge Support for Syria’s al-Assad/);
      assert.match(names[1], /What’s Behind the Protests in the Country of Georgia\?/);
      assert.match(names[2], /Trump Threatens ‘Hell to Pay’/);
      assert.deepEqual(symbols.map((s) => s.selectionRange.start.line).slice(0, 3), [0, 36, 80]);
      assert.ok(symbols[3].range.start.line >= 99, `the untitled Belgium article starts at line 100, symbol at ${symbols[3].range.start.line + 1}`);
      const georgiaSections = symbols[1].children.map((c) => c.name);
      for (const heading of ['What’s at stake?', 'What led to the protests?', 'Response from the West', 'What has Russia said?']) {
        assert.ok(
          georgiaSections.some((name) => name.includes(heading)),
          `section "${heading}" missing under the Georgia article: ${georgiaSections.join(' | ')}`,
        );
      }
    });

    test('hover on Aleppo: a card naming a place', async () => {
      const document = (await openSeed('004')).document;
      const at = positionOf(document, 3, 'Aleppo', 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      const text = hoverText(hovers);
      assert.match(text, /Aleppo/, `hover does not name Aleppo: ${text}`);
      assert.match(text, /\bplace\b/i, `hover does not say Aleppo is a place: ${text}`);
      assert.ok(
        hovers.some((h) => h.range?.contains(at)),
        'the hover range does not cover the word',
      );
    });

    test('hover on a person and on a relative date', async () => {
      const document = (await openSeed('004')).document;
      const person = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 4, 'Bashar al-Assad', 8));
      const personText = hoverText(person);
      assert.match(personText, /Bashar al-Assad/, personText);
      assert.match(personText, /\bperson\b/i, personText);
      // "…his allies on Sunday" in an article dated Monday 2024-12-02: the Sunday before, 2024-12-01.
      const date = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 4, 'Sunday', 2));
      const dateText = hoverText(date);
      assert.match(dateText, /2024-12-01|December 1, 2024|1 December 2024|Sunday, Dec(ember)? 1/, `the hover on "Sunday" does not give the day: ${dateText}`);
    });

    test('hover on a quotation: its speaker', async () => {
      const document = (await openSeed('003')).document;
      // Line 15: “Syria is a mess, but is not our friend, …,” he wrote — "he" is Donald Trump (line 13).
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 14, 'mess', 1));
      const text = hoverText(hovers);
      assert.match(text, /Trump/, `the quotation's hover does not name its speaker: ${text}`);
    });

    test('semantic tokens decode to person, place, organization, date and quote at the expected places', async () => {
      const document = (await openSeed('004')).document;
      const tokens = await semanticTokens(document.uri);
      const expectKind = (line: number, needle: string, kind: string, all: DecodedToken[] = tokens, doc = document): void => {
        const at = positionOf(doc, line, needle, Math.floor(needle.length / 2));
        const kinds = tokensAt(all, at).map((t) => t.type);
        assert.ok(kinds.includes(kind), `"${needle}" on line ${line + 1} of ${seedName(doc.uri)} should be a ${kind} token; tokens on that line: ${describeTokens(all, doc, line)}`);
      };
      expectKind(3, 'Aleppo', 'place');
      expectKind(4, 'Bashar al-Assad', 'person');
      expectKind(4, 'Sunday', 'date');
      expectKind(6, 'Hayat Tahrir al-Sham', 'organization');
      expectKind(6, 'Syrian Observatory for Human Rights', 'organization');
      expectKind(6, 'Rami Abdel Rahman', 'person');
      expectKind(8, 'Abbas Araghchi', 'person');
      expectKind(8, 'Damascus', 'place');
      // A nationality adjective is not a place.
      const syrian = tokensAt(tokens, positionOf(document, 4, 'Syrian President', 2)).map((t) => t.type);
      assert.ok(!syrian.includes('place'), `"Syrian" (an adjective) must not be a place: ${describeTokens(tokens, document, 4)}`);
      // Tokens are sorted and never overlap.
      for (let i = 1; i < tokens.length; i++) {
        const previous = tokens[i - 1];
        const current = tokens[i];
        assert.ok(current.line > previous.line || current.character >= previous.character + previous.length, `overlapping tokens at line ${current.line + 1}`);
      }

      const quotes = (await openSeed('003')).document;
      const quoteTokens = await semanticTokens(quotes.uri);
      expectKind(14, 'is a mess', 'quote', quoteTokens, quotes);
      expectKind(58, 'regime’s defeat', 'quote', quoteTokens, quotes);
      assert.ok(
        !tokensAt(quoteTokens, positionOf(quotes, 58, 'he said', 4)).some((t) => t.type === 'quote'),
        `"he said" after the closing mark is not part of the quotation: ${describeTokens(quoteTokens, quotes, 58)}`,
      );
    });

    test('references of Assad span every seed file', async () => {
      const document = (await openSeed('004')).document;
      const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 4, 'Assad', 2));
      assert.ok(locations?.length, 'no references for Assad');
      const files = new Set(locations.map((l) => seedName(l.uri)));
      // Bashar al-Assad is named in every seed: 000 line 2, 001 line 283, 002 line 11 ("Bashar Al Assad"), 003 line 9, 004 line 5.
      const seeds = (await allSeedUris()).map(seedName);
      for (const seed of seeds) assert.ok(files.has(seed), `no reference to Assad in ${seed}; files with references: ${[...files].join(', ')}`);
      // Each location covers a name of him.
      for (const location of locations.slice(0, 50)) {
        const text = (await vscode.workspace.openTextDocument(location.uri)).getText(location.range);
        assert.match(text, /Assad|president/i, `a reference of Assad covers "${text}" in ${seedName(location.uri)}`);
      }
    });

    test('go to definition and document highlights of a place', async () => {
      const document = (await openSeed('004')).document;
      const at = positionOf(document, 12, 'Aleppo', 1);
      const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, at);
      assert.ok(definitions?.length, 'no definition for Aleppo');
      const first = definitions[0];
      const [uri, range] = 'targetUri' in first ? [first.targetUri, first.targetSelectionRange ?? first.targetRange] : [first.uri, first.range];
      assert.equal((await vscode.workspace.openTextDocument(uri)).getText(range), 'Aleppo');
      const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', document.uri, at);
      // "Aleppo" is written ten times in 004 (lines 4, 5, 7, 13, 14, 15, 22, 23, 26 twice).
      assert.equal(highlights?.length, 10, `expected the ten Aleppo mentions of 004, got ${highlights?.length}`);
      assert.ok(highlights.some((h) => h.range.isEqual(rangeOf(document, 3, 'Aleppo'))));
    });

    test('workspace symbols list the articles of every seed, open or not', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Notre Dame');
      assert.ok(
        symbols.some((s) => /Zelenskiy Arrives In Paris For Notre Dame Ceremony/.test(s.name) && seedName(s.location.uri).startsWith('003_')),
        `Ctrl+T "Notre Dame" does not find the headline of 003: ${symbols.map((s) => s.name).join(' | ')}`,
      );
      const kobakhidze = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Pledge Support');
      assert.ok(kobakhidze.some((s) => s.name.includes('Russia and Iran Pledge Support') && seedName(s.location.uri).startsWith('000_')));
    });
  });
}
