/**
 * Workspace-relative glob patterns (`**\/seeds/*.txt`, `articles/**`, `*.{news,article}`) as regular
 * expressions over `/`-separated relative paths. The subset VS Code settings use: `**`, `*`, `?`,
 * `{a,b}` and `[abc]`; everything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inBraces = 0;
  const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        if (atSegmentStart && slashAfter) {
          source += '(?:[^/]*/)*'; // "**/" matches zero or more folders
          i += 2;
        } else {
          source += '.*';
          i += 1;
        }
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '{') {
      inBraces++;
      source += '(?:';
    } else if (c === '}' && inBraces > 0) {
      inBraces--;
      source += ')';
    } else if (c === ',' && inBraces > 0) source += '|';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close > i + 1) {
        source += `[${pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/[\\\]]/g, '\\$&')}]`;
        i = close;
      } else source += '\\[';
    } else source += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  while (inBraces-- > 0) source += ')';
  return new RegExp(`^${source}$`);
}

/** Whether a workspace-relative path matches any of the globs. */
export function matchesAny(relativePath: string, globs: readonly RegExp[]): boolean {
  return globs.some((g) => g.test(relativePath));
}
