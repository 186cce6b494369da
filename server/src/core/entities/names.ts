/** Name normalisation shared by recognition and linking. */

/** "S.B.U." and "SBU" are one acronym. */
export function acronymKey(word: string): string {
  return word.replace(/\./g, '');
}

/** A name as a reader would write it: single spaces, no possessive, no stray punctuation. */
export function cleanName(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .replace(/[’']s$/, '')
    .replace(/[’']$/, '')
    .trim();
}

/** Comparable form: case, accents, "Al Assad" / "al-Assad" / "al Assad" and dots folded. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\b(al|el)[\s-]+/g, 'al-')
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A stable id part: `bashar-al-assad`. */
export function slug(name: string): string {
  return (
    nameKey(name)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'unnamed'
  );
}

/** The surname of a person's name key, particle dropped: "bashar al-assad" → "assad". */
export function surnameKey(key: string): string {
  const parts = key.split(' ');
  return (parts[parts.length - 1] ?? '').replace(/^al-/, '');
}

/** Levenshtein distance, bounded: enough to tell "Bashar" from "Bachar" (1) and from "Maher" (far). */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
