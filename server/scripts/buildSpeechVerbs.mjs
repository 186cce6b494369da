// Fills the inflections of server/src/core/lexicon/speechVerbs.json from compromise's conjugation, so no form is
// typed by hand: run `node server/scripts/buildSpeechVerbs.mjs` after adding a base verb, and commit the result.
// compromise is trusted for irregular verbs (said, told, wrote, went); regular verbs follow the English rules, which
// it gets wrong for rare words ("quip" → "quiped", "scold" → "scell"). `doubles` marks a stress-final verb that doubles
// its last consonant (rebut → rebutted); `irregular` keeps forms written in the entry (read → read).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const nlpModule = require('compromise');
const nlp = nlpModule.default ?? nlpModule;
const lexicon = nlp.model().one.lexicon;
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/core/lexicon/speechVerbs.json');
const data = JSON.parse(readFileSync(file, 'utf8'));

/** Regular inflection of a one-word verb: doubling after a short stressed vowel (quip → quipped), -e, -y. */
function regular(verb, doubles) {
  const double = doubles || /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(verb.replace(/^qu/, 'q'));
  const stem = double ? verb + verb.slice(-1) : verb;
  if (verb.endsWith('ee')) return { past: `${verb}d`, present: `${verb}s`, gerund: `${verb}ing` };
  if (verb.endsWith('e')) return { past: `${verb}d`, present: `${verb}s`, gerund: `${verb.slice(0, -1)}ing` };
  if (/[^aeiou]y$/.test(verb)) return { past: `${verb.slice(0, -1)}ied`, present: `${verb.slice(0, -1)}ies`, gerund: `${verb}ing` };
  const present = /(?:s|sh|ch|x|z)$/.test(verb) ? `${verb}es` : `${verb}s`;
  return { past: `${stem}ed`, present, gerund: `${stem}ing` };
}

function forms(e) {
  if (e.irregular) return { past: e.past, present: e.present, gerund: e.gerund };
  const [head, ...particle] = e.base.split(' ');
  const tail = particle.length ? ` ${particle.join(' ')}` : '';
  const c = nlp(`they ${e.base}`).verbs().conjugate()[0];
  // Irregular forms only for words compromise's lexicon knows (it invents "scell" for an unknown "scold").
  if (lexicon[head] && c?.PastTense && !/ed$/.test(c.PastTense.split(' ')[0]) && c.PastTense !== e.base) {
    return { past: c.PastTense, present: c.PresentTense, gerund: c.Gerund };
  }
  const r = regular(head, e.doubles);
  return { past: `${r.past}${tail}`, present: `${r.present}${tail}`, gerund: `${r.gerund}${tail}` };
}

const flags = (e) => Object.fromEntries(['inverts', 'bare', 'doubles', 'irregular'].filter((k) => e[k]).map((k) => [k, true]));
data.entries = data.entries.map((e) => ({ base: e.base, group: e.group, ...flags(e), ...forms(e) }));
writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
console.log(`speechVerbs.json: ${data.entries.length} verbs`);
