import { test } from 'node:test';
import assert from 'node:assert/strict';
import { article, speakers } from '../support/quotes';
import { CHOOSER_RANKS, chooseCandidate, score } from '../../server/src/core/quotes/chooser';
import model from '../../server/src/core/quotes/speakerModel.json';

test('speaker-chooser: the shipped model decides only where the rules found no speaker, and has weights', () => {
  assert.deepEqual([...CHOOSER_RANKS], [0]);
  assert.ok(Object.keys(model.weights).length > 20);
  // Features name structure only, never words of the training texts.
  for (const f of Object.keys(model.weights)) assert.match(f, /^(?:bias|null|src|t|desc|len|side|where|d:|cue|possessive|opensSentence|sal|n:)/, f);
});

test('speaker-chooser: a quote the cue rules leave without a speaker goes to the person the sentence before is about', () => {
  // No cue, and the sentence before reports no speech: the rules give no one (an empty model keeps null here).
  const text = article('For Senator Jane Roe the answer is simple: cut spending. “Nobody in this town reads the bills they vote on, and it shows every single year.”');
  assert.deepEqual(speakers(text), [['Nobody in this town reads the bills they vote on, and it shows every single year.', 'Jane Roe']]);
});

test('speaker-chooser: a direct cue keeps the rules’ speaker (the ranker does not decide there)', () => {
  const text = article('Senator Jane Roe spoke first. “We will not sign this plan,” Tom Poe said.');
  assert.deepEqual(speakers(text), [['We will not sign this plan,', 'Tom Poe']]);
});

test('speaker-chooser: the highest score wins, the first candidate on ties', () => {
  assert.equal(score(['x', 'y', 'z'], { x: 1, y: 2 }), 3);
  const [best] = Object.entries(model.weights as Record<string, number>).sort(([, a], [, b]) => b - a)[0];
  const plain = { speaker: null, features: ['not-a-feature'] };
  const strong = { speaker: { name: 'B', span: { start: 0, end: 1 } }, features: [best] };
  assert.equal(chooseCandidate([plain, strong]), strong);
  assert.equal(chooseCandidate([plain, { ...plain }]), plain);
});
