import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotations } from '../../server/src/core/quotes';
import type { ArticleLayout, EntityMention, Quotation } from '../../server/src/core/model';
import { linesLayout } from '../support/layout';

function layoutOf(text: string, options: { headline?: boolean; skipLines?: readonly number[] } = {}): ArticleLayout {
  return linesLayout(text, options);
}

/** A hand-made recogniser mention of `name` (its n-th occurrence) in `text`. */
function mention(text: string, name: string, kind: EntityMention['kind'] = 'person', occurrence = 0): EntityMention {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(name, at + 1);
  assert.ok(at >= 0, `${name} is in the text`);
  return { span: { start: at, end: at + name.length }, text: name, kind, name };
}

function quotes(text: string, mentions: readonly EntityMention[] = [], options: Parameters<typeof layoutOf>[1] = {}): Quotation[] {
  const found = findQuotations(text, layoutOf(text, options), mentions);
  for (const q of found) {
    assert.ok(q.span.start <= q.contentSpan.start && q.contentSpan.end <= q.span.end, 'content inside the quotation');
    if (q.speakerSpan) assert.ok(q.speakerSpan.end <= text.length, 'speaker span inside the text');
  }
  return found;
}

const summary = (qs: readonly Quotation[]): Array<[string, string | null, boolean]> => qs.map((q) => [q.text.slice(0, 30), q.speaker, q.scare]);

test('002: straight quotes, then "the officer said": a noun-phrase speaker with its span', () => {
  const text =
    'Dozens of Iran-aligned Iraqi Hashd al Shaabi fighters from Iraq also crossed into Syria, a senior Syrian army source told Reuters.\n\n"These are fresh reinforcements being sent to aid our comrades on the front lines in the north," the officer said, adding the militias included Iraq\'s Katiab Hezbollah.';
  const [q] = quotes(text);
  assert.equal(q.text, 'These are fresh reinforcements being sent to aid our comrades on the front lines in the north,');
  assert.equal(q.speaker, 'the officer');
  assert.equal(text.slice(q.speakerSpan!.start, q.speakerSpan!.end), 'the officer');
  assert.equal(q.scare, false);
  assert.equal(text.slice(q.span.start, q.span.end), `"${q.text}"`);
});

test('003: “…,” he wrote → the nearest person before, and the next paragraph’s bare quote continues him', () => {
  const text =
    'Meanwhile, U.S. President-elect Donald Trump said the United States “should have nothing to do” with the war in Syria.\n\n“Syria is a mess, but is not our friend, & THE UNITED STATES SHOULD HAVE NOTHING TO DO WITH IT,” he wrote on this Truth Social platform.\n\n“THIS IS NOT OUR FIGHT. LET IT PLAY OUT. DO NOT GET INVOLVED!”';
  const trump = mention(text, 'Donald Trump');
  const found = quotes(text, [trump]);
  assert.deepEqual(summary(found), [
    ['should have nothing to do', 'Donald Trump', false],
    ['Syria is a mess, but is not ou', 'Donald Trump', false],
    ['THIS IS NOT OUR FIGHT. LET IT ', 'Donald Trump', false],
  ]);
  // The speaker span is the recogniser's mention, so linking can attach the entity id.
  for (const q of found) assert.deepEqual(q.speakerSpan, trump.span);
});

test('without recogniser mentions, capitalised names near the cue stand in', () => {
  const text = 'Meanwhile, U.S. President-elect Donald Trump said the United States “should have nothing to do” with the war in Syria.\n\n“Syria is a mess, but is not our friend,” he wrote.';
  assert.deepEqual(
    quotes(text).map((q) => q.speaker),
    ['Donald Trump', 'Donald Trump'],
  );
});

test('000: fragments of one to three words inside an attributed paraphrase are partial quotations', () => {
  const text =
    'In a call between Russia’s president, Vladimir V. Putin, and President Masoud Pezeshkian of Iran, the two leaders expressed “unconditional support” for Syria’s government, calling the rebel offensive a “large-scale aggression by terrorist groups and gangs,” according to a statement from the Kremlin’s press office.\n\nThe United States and its allies France, Germany and Britain called Sunday for "de-escalation" in Syria.';
  const found = quotes(text);
  assert.deepEqual(
    found.map((q) => [q.text, q.kind]),
    [
      ['unconditional support', 'partial'],
      ['large-scale aggression by terrorist groups and gangs,', 'partial'],
      ['de-escalation', 'partial'],
    ],
  );
});

test('001: a short quote that stands as an utterance is a statement, not a scare quote', () => {
  const text = '“The institutions are working well,” she said. “Their social services are good.”\n\n“But,” she added, “in the beginning, when they first came, there was chaos.”';
  const found = quotes(text, []);
  assert.deepEqual(
    found.map((q) => [q.text, q.scare]),
    [
      ['The institutions are working well,', false],
      ['Their social services are good.', false],
      ['But,', false],
      ['in the beginning, when they first came, there was chaos.', false],
    ],
  );
});

test('001: “…,” said Yahia Naeme, the owner — inverted attribution; he said → the same man', () => {
  const text =
    '“Hookahs and music were banned from the beginning,” said Yahia Naeme, the owner of the cafe, who said the ban had lost him business. “If we can’t offer it, they’ll get bored and go elsewhere,” he said.';
  assert.deepEqual(
    quotes(text).map((q) => q.speaker),
    ['Yahia Naeme', 'Yahia Naeme'],
  );
});

test('002: “…,” Mazloum Abdi, head of the Syrian Democratic Forces, said in a statement — the name before the appositive', () => {
  const text = '"We are actively coordinating with all relevant parties in Syria to ensure the safety of our people," Mazloum Abdi, head of the Syrian Democratic Forces, said in a statement.';
  const [q] = quotes(text);
  assert.equal(q.speaker, 'Mazloum Abdi');
  assert.equal(text.slice(q.speakerSpan!.start, q.speakerSpan!.end), 'Mazloum Abdi');
});

test('001: X told local television; according to X', () => {
  const told = '“We could be facing a health crisis very soon,” Ben Issa Ousseni, the president of Mayotte’s local council, told local television.';
  assert.equal(quotes(told)[0].speaker, 'Ben Issa Ousseni');
  const according =
    'Russian Foreign Minister Sergei Lavrov on Saturday held telephone talks with his Turkish counterpart, Hakan Fidan, in which they “agreed on the need to coordinate joint efforts aimed at stabilizing the situation in Syria,” according to the Russian Foreign Ministry.';
  assert.match(quotes(according)[0].speaker ?? '', /Russian Foreign Ministry/);
});

test('000: X said in his post: “…” — the speaker before the quote', () => {
  const text =
    'Writing on Truth Social, and without naming any militant group, Mr. Trump said in his post: “If the hostages are not released prior to January 20, 2025, there will be ALL HELL TO PAY in the Middle East.”';
  assert.equal(quotes(text)[0].speaker, 'Mr. Trump');
});

test('001: He added: “…” — a pronoun before the quote goes to the person named before it', () => {
  const text =
    '“We do assess that North Korean soldiers have engaged in combat in Kursk,” General Ryder said. He added: “We do have indications that they have suffered casualties, both killed and wounded.”';
  const ryder = mention(text, 'General Ryder');
  const found = quotes(text, [ryder]);
  assert.deepEqual(
    found.map((q) => q.speaker),
    ['General Ryder', 'General Ryder'],
  );
  assert.deepEqual(found[1].speakerSpan, ryder.span);
});

test('pronouns skip people of the other gender, objects and names inside quotes', () => {
  const text =
    'In the days after the strike, Ms. Armanazi went to the city’s public works ministry to ask for help rebuilding the damage to her school.\n\nOnce, as she was walking down the street, she passed a Hayat Tahrir al-Sham fighter, who had spoken with Mr. Basha.\n\n“I said, ‘You fear God and lower your gaze and keep walking,’” she recalled saying defiantly back to him.';
  const found = quotes(text);
  assert.equal(found.length, 1, 'the nested single quotes stay inside the quotation');
  assert.equal(found[0].text, 'I said, ‘You fear God and lower your gaze and keep walking,’');
  assert.equal(found[0].speaker, 'Ms. Armanazi');
});

test('000: he said after a sentence naming the speaker as an appositive, not the object', () => {
  const text =
    'Its foreign minister, Hakan Fidan, called on Mr. al-Assad on Monday to negotiate with the opposition.\n\n“The latest developments show once again that Damascus should reconcile with its own people,” he said in Monday’s news conference with Mr. Araghchi.';
  assert.equal(quotes(text)[0].speaker, 'Hakan Fidan');
});

test('003: a participle (“…, saying he …”) takes the subject of its sentence', () => {
  const text = 'Russia Foreign Minister Sergei Lavrov declined to comment on the fate of the Russian bases, saying he “wasn’t in the business of guessing.”';
  const lavrov = mention(text, 'Sergei Lavrov');
  const [q] = quotes(text, [lavrov]);
  assert.equal(q.speaker, 'Sergei Lavrov');
  assert.deepEqual(q.speakerSpan, lavrov.span);
});

test('001: a closing mark never opened, then “said Mr. Melnyk”: the quote runs from the sentence start', () => {
  const text =
    'The move also was designed to provoke the West, he said. It’s just testing the ground,” said Mr. Melnyk, now a senior official at the Razumkov Center. “What will the Western reaction be?”';
  const found = quotes(text);
  assert.deepEqual(summary(found), [
    ['It’s just testing the ground,', 'Mr. Melnyk', false],
    ['What will the Western reaction', 'Mr. Melnyk', false],
  ]);
});

test('a quote over several paragraphs: an unclosed paragraph, the next opening with a mark', () => {
  const text =
    'The newspaper took note of the candidate’s shortcomings, writing: “We recognize that many voters distrust her. The negative feelings reflect in part the bitter partisanship of the nation’s politics.\n\n“We are not blind to those,” the editors wrote.';
  const found = quotes(text);
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'We recognize that many voters distrust her. The negative feelings reflect in part the bitter partisanship of the nation’s politics.\nWe are not blind to those,');
  assert.equal(found[0].speaker, 'the editors');
  assert.equal(text.slice(found[0].span.start, found[0].span.start + 1), '“');
  assert.equal(text.slice(found[0].span.end - 1, found[0].span.end), '”');
});

test('an unbalanced mark is bounded by its paragraph and never swallows the article', () => {
  const text =
    'The plaque read “Renovation of the Seven Seas Roundabout and the area around it — 2021.\n\nThe roundabout was also the scene of demonstrations.\n\n“They were interfering in every part of our lives,” said Ms. Jabaan.';
  const found = quotes(text);
  assert.deepEqual(
    found.map((q) => q.text),
    ['Renovation of the Seven Seas Roundabout and the area around it — 2021.', 'They were interfering in every part of our lives,'],
  );
  // Its own sentence's subject ("The plaque read “…"), never the speaker of a later paragraph.
  assert.equal(found[0].speaker, 'The plaque');
});

test('headline single quotes are quotations too (scare when short)', () => {
  const text = 'Trump Threatens ‘Hell to Pay’ Unless Gaza Hostages Are Freed Before Inauguration\nIt was not clear what tactic Mr. Trump’s team might take.';
  const found = quotes(text, [], { headline: true });
  assert.deepEqual(
    found.map((q) => [q.text, q.scare]),
    [['Hell to Pay', true]],
  );
  // Apostrophes in the body are not quotes.
  assert.equal(quotes('The rebels’ seized control of Aleppo a week ago, and Assad’s forces fled.').length, 0);
});

test('transcripts: “PENCE: …” names its speaker', () => {
  const text = '"WALLACE: Will Gennifer Flowers be there?\n\n"PENCE: Gennifer Flowers will not be attending the debate tomorrow night."';
  assert.deepEqual(
    quotes(text).map((q) => q.speaker),
    ['WALLACE', 'PENCE'],
  );
});

test('only the headline and body paragraphs are read: quotes in boilerplate are ignored', () => {
  const text = 'Share this: “Subscribe now and save,” the banner said.\n“We note that this announcement marks a shift,” the statement said.';
  const found = findQuotations(text, layoutOf(text, { skipLines: [0] }), []);
  assert.deepEqual(
    found.map((q) => q.speaker),
    ['the statement'],
  );
});

test('odd marks and empty layouts do not throw', () => {
  const odd =
    '”Closing first,” he said. “Open twice “nested without close, said Vladimir Putin.\n\n"Straight "quotes" everywhere" and ’single‘ ones.\n\n«Guillemets» »reversed« and „German“ said Angela Merkel.\n\n“”“”"""\'\'\'«»„“‚‘';
  assert.doesNotThrow(() => quotes(odd));
  assert.deepEqual(findQuotations('', layoutOf(''), []), []);
  assert.doesNotThrow(() => findQuotations('“abc”', { ...layoutOf('“abc”'), paragraphs: [{ start: -3, end: 50 }] }, []));
});

test('000: an object after a title ("called on Mr. al-Assad", "met with President …") is a weak antecedent for “he said”', () => {
  const text =
    'Turkey, which analysts say tacitly cooperates with Hayat Tahrir al-Sham and openly backs other rebel groups across its border in northern Syria, has more leverage in the conflict, and has often brokered cease-fires in parts of Syria along with Russia and Iran. Its foreign minister, Hakan Fidan, called on Mr. al-Assad on Monday to negotiate with the opposition.\n“The latest developments show once again that Damascus should reconcile with its own people and the legitimate opposition,” he said in Monday’s news conference with Mr. Araghchi.\n\nThe envoy, Mark Ruddock, met with President Vladimir Putin in Moscow.\n“We spoke for an hour,” he said.';
  const found = quotes(text);
  assert.equal(found.length, 2);
  assert.equal(found[0].speaker, 'Hakan Fidan');
  assert.equal(found[1].speaker, 'Mark Ruddock');
});

test('a sentence that opens with “According to X,” gives the quote after it to X', () => {
  const text = 'According to the Harbor Gazette, “the ferry schedule will be cut in half by the spring.”';
  assert.match(quotes(text)[0].speaker ?? '', /Harbor Gazette/);
});

test('an inverted cue before lowercase descriptors and a name: “…,” said pollster Ann Ruiz', () => {
  const text = '“Turnout will decide this one,” said pollster Ann Ruiz. “Nobody can call it yet,” said former Rep. Tom Ellery (D-Ore.), who lost the seat in 2010.';
  assert.deepEqual(
    quotes(text).map((q) => q.speaker),
    ['Ann Ruiz', 'Tom Ellery'],
  );
});

test('a hyphen signs a quote like a dash: "…." - Name.', () => {
  const text = 'The claim was checked twice. "Every bridge in the county is older than fifty years." - Dana Whitlock. The numbers say otherwise.';
  assert.equal(quotes(text)[0].speaker, 'Dana Whitlock');
});

test('more speech verbs after a quote: answered, pressed, opined', () => {
  const text = '“Will you raise taxes?” the host pressed. “I would say this,” Marta Quill answered. “Voters deserve better,” opined the Lakeside Ledger.';
  assert.deepEqual(
    quotes(text).map((q) => q.speaker),
    ['the host', 'Marta Quill', 'Lakeside Ledger'],
  );
});

test('a scare quote takes the sentence subject when it is a person, an organization or a determiner phrase, never a lone word', () => {
  const text = 'The Harbor Council backed a “land grab.” The ad targets a “tax on commuters.” Frustrations over the “land grab” grew.';
  assert.deepEqual(summary(quotes(text)), [
    ['land grab.', 'Harbor Council', true],
    ['tax on commuters.', 'The ad', true],
    ['land grab', null, true],
  ]);
});

test('the sentence subject follows a leading participle clause: "Worried about …, Dana Whitlock backed a “pause.”"', () => {
  const text = 'Worried about the cost of the bridge, Dana Whitlock backed a “pause.”';
  assert.equal(quotes(text)[0].speaker, 'Dana Whitlock');
});

test('the sentence subject follows an opening adverb or "And then"', () => {
  const text = 'First, Owen Brandt backed a “review.”\n\nAnd then Marta Quill went on the attack, saying, “Is the mayor going to resign over this?”';
  assert.deepEqual(
    quotes(text).map((q) => q.speaker),
    ['Owen Brandt', 'Marta Quill'],
  );
});

test('a possessive opening the sentence qualifies the subject: "Norway’s Prime Minister Eli Sand hailed …"', () => {
  const text = 'Norway’s Prime Minister Eli Sand hailed the accord as a “turning point.”';
  assert.equal(quotes(text)[0].speaker, 'Eli Sand');
});

test('a paragraph ending "X stated:" introduces the quote that opens the next paragraph', () => {
  const text = 'The county budget came up again on Monday.\n\nCouncil member Rosa Lind stated:\n\n"The budget is not balanced. It never was, and the audit will show it."';
  assert.equal(quotes(text)[0].speaker, 'Rosa Lind');
});

test('a lone interjection before a pronoun is not the subject: "Well, she was not finished: “…”"', () => {
  const text = 'Marta Quill spoke first at the hearing.\n\nWell, she was not finished: “There is more to say about the bridge and its cost.”';
  assert.equal(quotes(text)[0].speaker, 'Marta Quill');
});

test('a determiner phrase subject ends before a second determiner or its verb: "The memo the mayor sent …", "This prompted …"', () => {
  const text = 'The memo the mayor sent ended bluntly: “We will not pay for the bridge this year.”';
  assert.equal(quotes(text)[0].speaker, 'The memo');
  assert.equal(quotes('This prompted the council to print a cover saying “Do not pay the toll.”')[0].speaker, null);
});

test('a sentence that is all quote goes on with the paragraph’s last speaker, past a title in marks', () => {
  const text = '“The plan is a mess,” Owen Brandt said on the “Morning Desk” show. “Nobody has read it, and nobody will.”';
  const found = quotes(text);
  assert.deepEqual(
    found.map((q) => q.scare),
    [false, true, false],
  );
  assert.equal(found[2].speaker, 'Owen Brandt');
});

test('a sentence that is all quote, first in its paragraph’s quotes, takes the speaker of the sentence before that reports speech', () => {
  const text = 'The vote was close. Dana Whitlock agreed with the critics. “We cannot pay for a bridge we do not need.” Nobody answered her.';
  assert.equal(quotes(text)[0].speaker, 'Dana Whitlock');
});

test('after a full stop inside the marks, the next sentence’s reported speech ("He said X was …") does not attribute the quote', () => {
  const text = 'Owen Brandt filed a petition on Tuesday.\n\nThe city’s lawyer, Ann Ruiz, said Brandt was “looking for publicity with false claims.” He said Brandt was bound by the agreement.';
  assert.equal(quotes(text)[0].speaker, 'Ann Ruiz');
});

test('a name right after a cue verb and before the colon is its object: "X told Channel Nine News: “…”"', () => {
  const text = 'On the topic, council president Owen Brandt told Channel Nine News: “The bridge will be built this year, whatever it costs.”';
  assert.equal(quotes(text)[0].speaker, 'Owen Brandt');
});

test('a name after a preposition before the colon is an object: "X wrote on Facebook: “…”", "Y added about Z: “…”"', () => {
  const text = 'Dana Whitlock wrote on Facebook: “The bridge vote was rigged from the start.”\n\nOwen Brandt added about Whitlock: “She has never lost a fair vote.”';
  assert.deepEqual(
    quotes(text).map((q) => q.speaker),
    ['Dana Whitlock', 'Owen Brandt'],
  );
});

test('a quote inside an opening subordinate clause belongs to the clause’s subject: "When X wrapped up — “…” — confetti fell"', () => {
  const text = 'When Owen Brandt finally wrapped up — “I will fight for this bridge and I will win!” — confetti fell on the stage.';
  assert.equal(quotes(text)[0].speaker, 'Owen Brandt');
});

test('a dateline with a date ("SALEM, Dec. 8 (UPI) — ") is not the subject of the first sentence', () => {
  const text = 'SALEM, Dec. 8 (UPI) — Mayor Owen Brandt backed a “pause” on the bridge.';
  assert.equal(quotes(text)[0].speaker, 'Owen Brandt');
});

test('an introduction with a framing verb ("The Harbor Gazette reports:") gives the next paragraph’s quote its speaker', () => {
  const text = 'Small donors have stayed away this year.\n\nThe Harbor Gazette reports:\n\n"Fewer than half of the bridge funds were spent on the bridge itself."';
  assert.equal(quotes(text)[0].speaker, 'Harbor Gazette');
});

test('descriptors with digits before a name after an inverted cue: “…,” said 62-year-old widow Dana Whitlock', () => {
  const text = '“The vote was rigged from the start,” said 62-year-old widow Dana Whitlock.';
  assert.equal(quotes(text)[0].speaker, 'Dana Whitlock');
});

test('the year after a date is skipped before the subject: "On July 6, 2015, Owen Brandt made the following comment:"', () => {
  const text = 'The claim has been checked before.\n\nOn July 6, 2015, Owen Brandt made the following comment:\n\n“The bridge will be built this year, whatever it costs.”';
  assert.equal(quotes(text)[0].speaker, 'Owen Brandt');
});
