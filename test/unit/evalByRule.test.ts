import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatByRule, groupByRule } from '../eval/support/byRule';

test('eval: mistakes grouped by rule, the rule with the most mistakes first, with its precision', () => {
  const rows = groupByRule(
    [
      { rule: 'gazetteer-place', pattern: 'ORG typed as LOC' },
      { rule: 'person-name', pattern: 'spurious PER' },
      { rule: 'gazetteer-place', pattern: 'ORG typed as LOC' },
      { rule: 'gazetteer-place', pattern: 'LOC span differs' },
      { rule: undefined, pattern: 'spurious ORG' },
    ],
    ['gazetteer-place', 'person-name', 'person-name', 'person-name'],
  );
  assert.deepEqual(
    rows.map((r) => [r.rule, r.correct, r.mistakes]),
    [
      ['gazetteer-place', 1, 3],
      ['(no rule)', 0, 1],
      ['person-name', 3, 1],
    ],
  );
  assert.deepEqual(rows[0].patterns, [
    ['ORG typed as LOC', 2],
    ['LOC span differs', 1],
  ]);
  assert.match(formatByRule(rows), /gazetteer-place +1 +3 +25\.0%  ORG typed as LOC \(2\); LOC span differs \(1\)/);
});
