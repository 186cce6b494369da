/**
 * The evaluation's error table by rule: every mention the recogniser found that the gold does not hold
 * (spurious, wrong type, wrong span) is charged to the rule that decided it (`EntityMention.rule`), so a
 * rule that does more harm than good shows at the top. Misses have no rule and are counted apart.
 */
export interface FoundMistake {
  /** The rule recorded on the mention; undefined for corrections. */
  readonly rule: string | undefined;
  /** How it is wrong: "spurious ORG", "ORG typed as LOC", "PER span differs"… */
  readonly pattern: string;
}

export interface RuleRow {
  readonly rule: string;
  readonly correct: number;
  readonly mistakes: number;
  /** Mistake patterns of this rule, most frequent first. */
  readonly patterns: readonly [string, number][];
}

/** Mistakes and correct mentions grouped by rule, the rule with the most mistakes first. */
export function groupByRule(mistakes: readonly FoundMistake[], correct: readonly (string | undefined)[] = []): RuleRow[] {
  const rows = new Map<string, { correct: number; mistakes: number; patterns: Map<string, number> }>();
  const row = (rule: string | undefined) => {
    const name = rule ?? '(no rule)';
    let r = rows.get(name);
    if (!r) rows.set(name, (r = { correct: 0, mistakes: 0, patterns: new Map() }));
    return r;
  };
  for (const rule of correct) row(rule).correct++;
  for (const m of mistakes) {
    const r = row(m.rule);
    r.mistakes++;
    r.patterns.set(m.pattern, (r.patterns.get(m.pattern) ?? 0) + 1);
  }
  return [...rows.entries()]
    .map(([rule, r]) => ({
      rule,
      correct: r.correct,
      mistakes: r.mistakes,
      patterns: [...r.patterns.entries()].sort((a, b) => b[1] - a[1]),
    }))
    .sort((a, b) => b.mistakes - a.mistakes || a.rule.localeCompare(b.rule));
}

/** The table as text: one line a rule, with its precision and its three most frequent mistakes. */
export function formatByRule(rows: readonly RuleRow[]): string {
  const lines = ['rule                     correct  wrong  precision  most frequent mistakes'];
  for (const r of rows) {
    const precision = r.correct + r.mistakes ? `${((100 * r.correct) / (r.correct + r.mistakes)).toFixed(1)}%` : '—';
    const top = r.patterns
      .slice(0, 3)
      .map(([p, n]) => `${p} (${n})`)
      .join('; ');
    lines.push(`${r.rule.padEnd(24)} ${String(r.correct).padStart(7)} ${String(r.mistakes).padStart(6)} ${precision.padStart(10)}  ${top}`);
  }
  return lines.join('\n');
}
