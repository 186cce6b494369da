import { test } from 'node:test';
import assert from 'node:assert/strict';
import { article, speakers } from '../support/quotes';
import { analyzeDocument } from '../../server/src/core/analyze';
import { firstPostCue, phraseEnd } from '../../server/src/core/quotes/cues';
import { SPEECH_VERB_FORMS } from '../../server/src/core/lexicon/speech';

test('a second fragment in the sentence keeps the speaker of the first (not continued, so not dropped as scare)', () => {
  assert.deepEqual(speakers(article('Ann Roe told a TV interviewer that she is feeling “a lot of emotion” before the “very important match.”')), [
    ['a lot of emotion', 'Ann Roe'],
    ['very important match.', 'Ann Roe'],
  ]);
});

test('cue-case: a capitalised cue inside a name is no cue ("the United States"), in a Title Case line it is', () => {
  assert.equal(firstPostCue(' the United States.', 'Obama vowed to “transform” the United States.'), null);
  assert.equal(firstPostCue(' Trump Says', '“We Will Win,” Trump Says')?.[0], 'Says');
  assert.equal(firstPostCue(' Read said.', '“It is a great deal,” Read said.')?.[0], 'said', '"Read said": the capitalised cue is a name');
  assert.equal(firstPostCue(' Roe, the head of the group, Tweeted on Friday.', '')?.[0], 'Tweeted');
});

test('go-on-object: "the Senate goes on recess" is no cue', () => {
  assert.deepEqual(speakers(article('By contrast, Sen. Mark Dole said that once the Senate goes on recess, “I intend to campaign wherever I can be helpful.”')), [
    ['I intend to campaign wherever I can be helpful.', 'Mark Dole'],
  ]);
});

test('subject-not-clause: a clause before a post-quote cue is no subject; the participle before the quote gives it', () => {
  const found = speakers(article('Sanders started the debate saying "of course" Clinton has the qualifications to be president -- having suggested in a speech that she is not.'));
  assert.deepEqual(found, [['of course', 'Sanders']]);
});

test('a name in -ing the article knows is no gerund ("Boreing said …, but said, “…”")', () => {
  const found = speakers(article('Jeremy Boreing founded the group a decade ago.', 'Boreing said the members will still meet for drinks, but said, “It is time we change how we do it.”'));
  assert.deepEqual(found, [['It is time we change how we do it.', 'Boreing']]);
});

test('a participle continues the speaker of a quote before it in the sentence, past a title in marks', () => {
  const found = speakers(article('“Kasich would be the best nominee,” Graham said on MSNBC’s “Morning Joe,” adding, “His problem is he is an insider.”'));
  assert.equal(found[2][1], 'Graham');
});

test('a name after a place preposition is no participle subject ("on Facebook writing")', () => {
  assert.deepEqual(speakers(article('Clinton answered the question on Facebook writing, “Yes, I will. That was a poor choice of words.”')), [
    ['Yes, I will. That was a poor choice of words.', 'Clinton'],
  ]);
});

test('quote-after-reporting-paragraph: a paragraph of one quote goes to the speaker the paragraph before reports', () => {
  const found = speakers(
    article(
      'Ash Carter said that for decades some critics had been predicting a withdrawal from the region, but this would not happen.',
      '“That is because this region remains the most consequential for our own security.”',
    ),
  );
  assert.deepEqual(found, [['That is because this region remains the most consequential for our own security.', 'Ash Carter']]);
});

test('description-complement: "a person close to the Clintons", "a longtime adviser to Trump" keep their complement', () => {
  const text = 'said a person close to the Clintons, who asked not to be named.';
  const start = 'said '.length;
  assert.equal(text.slice(start, phraseEnd(text, start, text.length)), 'a person close to the Clintons');
  const toReporters = 'said the mayor to reporters.';
  assert.equal(toReporters.slice(start, phraseEnd(toReporters, start, toReporters.length)), 'the mayor', 'an addressee is no complement');
  assert.deepEqual(speakers(article('“We have a ton of work to do,” said a longtime adviser to both Clintons, who spoke on condition of anonymity.')), [
    ['We have a ton of work to do,', 'a longtime adviser to both Clintons'],
  ]);
});

test('signature-paragraph: a quote paragraph signed by the next one ("- Bernie Sanders.")', () => {
  const found = speakers(article('"Almost all new income and wealth is going to the top 1 percent."', '- Bernie Sanders.', 'The senator is relying on an outdated figure.'));
  assert.deepEqual(found, [['Almost all new income and wealth is going to the top 1 percent.', 'Bernie Sanders']]);
});

test('stress-final speech verbs double their last consonant (admitted, concurred, referred)', () => {
  const forms = new RegExp(`^(?:${SPEECH_VERB_FORMS})$`);
  assert.ok(forms.test('admitted') && forms.test('concurred'));
  assert.ok(!forms.test('admited'));
  assert.deepEqual(speakers(article('“There was no one issue driving me. There is today,” Murphy admitted during an interview.')), [['There was no one issue driving me. There is today,', 'Murphy']]);
});

test('time-before-verb: a span of time between subject and verb is no speaker', () => {
  const found = speakers(
    article('The Foreign Ministry less than two weeks ago said that “hostile” drones had crossed the border.', 'Ann Roe, who has in the past described the plan as “a gamble,” spoke on Monday.'),
  );
  assert.deepEqual(found, [
    ['hostile', 'Foreign Ministry'],
    ['a gamble,', 'Ann Roe'],
  ]);
});

test('object-pronoun: "the groups who wrote to her on Friday say" is said by the groups', () => {
  const found = speakers(article('Mary Lee spoke in Leeds on Thursday.', 'The groups who wrote to her on Friday say they are “deeply concerned about the campaign.”'));
  assert.deepEqual(found, [['deeply concerned about the campaign.', 'The groups']]);
});

test('verb-before-label: "Stated Stone: “…" is Stone speaking', () => {
  const found = speakers(article('Roger Stone made the remarks in an interview on the radio program broadcast on Sunday. Stated Stone: “I think the stakes are high for every one of us.”'));
  assert.deepEqual(found, [['I think the stakes are high for every one of us.', 'Stone']]);
});

test('subject-ends-at-verb: "The email goes on to say", "The retired teacher began by …, saying" end the subject at the verb', () => {
  const found = speakers(
    article('The email goes on to say: “The plan would hurt every family in the state.”', 'The retired teacher began by talking about the schools, saying that reading is now “harder than ever.”'),
  );
  assert.deepEqual(found, [
    ['The plan would hurt every family in the state.', 'The email'],
    ['harder than ever.', 'The retired teacher'],
  ]);
});

test('opener-in-ly: "Shortly after the call ended, …" gives no speaker "Shortly"', () => {
  const found = speakers(article('Shortly after the call ended, the Dole campaign sent out a release saying Murphy owes voters “an explanation for his votes.”'));
  assert.notEqual(found[0][1], 'Shortly');
});

test('time-before-participle: "released a statement Wednesday saying" is the subject’s statement', () => {
  const found = speakers(article('The town council released a statement Wednesday saying the remarks “are based on opinion, not actual facts.”'));
  assert.deepEqual(found, [['are based on opinion, not actual facts.', 'The town council']]);
});

test('phrase-after-preposition: "Roe in her opening speech called" is Roe', () => {
  const found = speakers(article('The debate grew heated when Ann Roe in her opening speech called the proposal “a reckless gamble with our money.”'));
  assert.deepEqual(found, [['a reckless gamble with our money.', 'Ann Roe']]);
});

test('long-descriptor: "said retired school bus driver and longtime Elm Street resident Ann Roe"', () => {
  const found = speakers(article('“We were never asked about any of this,” said retired school bus driver and longtime Elm Street resident Ann Roe.'));
  assert.deepEqual(found, [['We were never asked about any of this,', 'Ann Roe']]);
});

test('a full stop inside the marks, then reported speech with a name after "said", is the next sentence: no attribution back', () => {
  const found = speakers(article('Brazil accused the leader, Tom Kim, of “reckless behaviour.” Brazilian President Ana Costa said Kim’s conduct was “a threat to peace.”'));
  assert.equal(found[0][1], 'Brazil');
});

test('descriptor-of and modal-before-cue: "said director of communications Jane Roe", "the president will say"', () => {
  const found = speakers(
    article(
      '“We were thrilled with the result,” said director of communications Jane Roe.',
      '“Nothing truly prepares you for the demands of the office,” the two-term president will say, according to excerpts.',
    ),
  );
  assert.deepEqual(found, [
    ['We were thrilled with the result,', 'Jane Roe'],
    ['Nothing truly prepares you for the demands of the office,', 'the two-term president'],
  ]);
});

test('according-to-late: an "according to" closing the sentence after the quote gives its source', () => {
  const found = speakers(article('Pressure is building on the governor, who was greeted with chants of “Run, Bobby, run!” at a conference last month, according to union president Doris Crouse.'));
  assert.deepEqual(found, [['Run, Bobby, run!', 'Doris Crouse']]);
});

test('phrase-after-preposition past a participle: "Protesters marching through the streets chanted" is the protesters', () => {
  const found = speakers(article('Protesters marching through the streets chanted “What curfew? We are not going home!” until late at night.'));
  assert.deepEqual(found, [['What curfew? We are not going home!', 'Protesters']]);
});

test('speech verbs from the lexicon: "repeated", "echoed", "remembered" cue a quote', () => {
  const found = speakers(
    article(
      '“Grizzly Adams?” Ann Roe repeated.',
      'Tom Doe echoed: “He speaks his mind, and that is what the country needs.”',
      '“She took it upon herself to prove them wrong,” remembered Sam Poe, a former spokesman.',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Ann Roe', 'Tom Doe', 'Sam Poe'],
  );
});

test('split-quote: the second half after "said X, an appositive," or "said X, speaking of …," keeps X, not words of the first half', () => {
  const found = speakers(
    article(
      '“The risk,” said Ed Lane, an economist who runs the regional forecast, “is that we lose the jobs we have.”',
      '“These guys know how to use words,” said Bo Shan, speaking of politicians, “and leave themselves a little room.”',
      '“We have had offices here since April,” said Jo Mars, the campaign’s state director, “and we built ties that last.”',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Ed Lane', 'Ed Lane', 'Bo Shan', 'Bo Shan', 'Jo Mars', 'Jo Mars'],
  );
});

test('chooser-continues: quotes after one the ranker gave a speaker go on with that speaker', () => {
  const found = speakers(
    article(
      'Senator Ann Roe said on Monday that the country must “go after them” before the vote.',
      'What that means is left to voters, since Roe spoke only in slogans during the interview. “We have to do something and it is the only way you stop it.” “We have to be a lot tougher on them.” “We are not fighting it strongly enough.”',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Ann Roe', 'Roe', 'Roe', 'Roe'],
  );
});

test('abbreviations of the lexicon end no phrase: "said the Rev. Ann Roe, of …", "said Navy Capt. Jim Doe, who …"', () => {
  const found = speakers(
    article(
      '“The city will never go back to normal,” said the Rev. Ann Roe, of Mayfield Memorial Church.',
      '“I do not see how this would change our operations,” said Pentagon spokesman Navy Capt. Jim Doe, who was asked about the strikes.',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Ann Roe', 'Jim Doe'],
  );
});

test('clause-before-participle: "…, when protesters interrupted her speech, shouting “…”" is said by the protesters', () => {
  const found = speakers(
    article(
      'The first incident came during a speech at the college, when protesters interrupted her speech, shouting “she wins, we lose!”',
      'Roe spoke down the street — where about 50 strikers had gathered on Wednesday morning, chanting “no contract, no peace” after talks failed.',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['protesters', 'about 50 strikers'],
  );
});

test('name-as-modifier: "said a senior Roe adviser", "one Doe campaign source said" name the adviser and the source, not Roe or Doe', () => {
  const found = speakers(
    article(
      'Senator Ann Roe and Governor Tom Doe met on Monday.',
      '“That can go a long way,” said a senior Roe adviser.',
      '“It is the nominee’s party,” one Doe campaign source said.',
      '“I will stay,” Roe herself said.',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['a senior Roe adviser', 'one Doe campaign source', 'Roe'],
  );
});

test('name-as-modifier: the adviser a name qualifies resolves to no one (not to Roe); an organization qualifying a spokesman stays', () => {
  const quotes = analyzeDocument(
    article(
      'Senator Ann Roe and Governor Tom Doe met World Bank officials on Monday.',
      '“That can go a long way,” said a senior Roe adviser.',
      '“I will stay,” Roe herself said.',
      '“The talks went well,” a World Bank spokesman said.',
    ),
  ).articles.flatMap((a) => a.quotes);
  assert.deepEqual(
    quotes.map((q) => [q.speaker, q.speakerId]),
    [
      ['a senior Roe adviser', null],
      ['Roe', 'person:ann-roe'],
      ['a World Bank spokesman', 'organization:world-bank'],
    ],
  );
});

test('second-adverbial: "On Thursday, after remaining neutral for months, Roe … endorsed Doe, saying, “…”" is Roe', () => {
  const found = speakers(
    article(
      'On Thursday, after remaining neutral throughout the primary, Ann Roe appeared with Jim Lee on television and endorsed Tom Doe, saying, “I think having a fighter in the lead is exactly what this country needs.”',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Ann Roe'],
  );
});

test('with-participle: "with many marchers chanting “…”", "with one of her ads asking, “…”" are said by the phrase after "with"', () => {
  const found = speakers(
    article(
      'Orlando was on the minds of the celebrants, with many marchers and spectators chanting “We are Orlando” and “Disarm hate.”',
      'Ann Roe and her backers tried to tie Tom Lee to the governor, with one of her ads asking, “Is Tom Lee independent enough to serve on the court?”',
      'The rally ended early, with the crowd loudly chanting “Lock her up!” as the senator left.',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['many marchers and spectators', 'many marchers and spectators', 'one of her ads', 'the crowd'],
  );
});

test('party-state-suffix: "Gov. Kathy Roe, D-N.Y., said …" and "Sen. Tim Doe, R-Ky., told …" are Roe and Doe, not the party and state', () => {
  const found = speakers(article('Gov. Kathy Roe, D-N.Y., said the plan was “dead on arrival.”', 'Sen. Tim Doe, R-Ky., told Fox News that polls could be “way off.”'));
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Kathy Roe', 'Tim Doe'],
  );
});

test('appositive-name before the cue: "…,” a spokeswoman for Acme, Jane Lee, said" and "his wife, Ann Roe, wrote" name the person', () => {
  const found = speakers(article('“The deal is off,” a spokeswoman for Acme, Jane Lee, said.', '“We need him because life is very hard,” his wife, Ann Roe, wrote in a letter to the court.'));
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Jane Lee', 'Ann Roe'],
  );
});

test('described-object-label: "told the German newspaper Bild: “…”" is no label naming Bild; "More from Jones: “…”" still is', () => {
  const found = speakers(
    article(
      'Ann Roe told the German newspaper Bild: “We need more time.”',
      'Tom Lee explained what was wrong with the plan to the Dutch newspaper NRC Handelsblad: “It is so insensitive.”',
      'Roe has adopted the stance common among some senators in public office: “I am pro-life in my personal life.”',
      'The states lean one way - More from Jim Jones: “The partisanship of the state is a starting point.”',
    ),
  );
  assert.deepEqual(
    found.map(([, s]) => s),
    ['Ann Roe', 'Tom Lee', 'Roe', 'Jim Jones'],
  );
});
