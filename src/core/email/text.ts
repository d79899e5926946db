/**
 * Plain-text tidying: lines wrapped at 76 characters on spaces (list items and indented lines keep
 * their indentation; long words such as URLs are never broken), no trailing spaces, at most one
 * blank line in a row, one final newline. The signature separator `-- ` keeps its space.
 */

export const TEXT_WIDTH = 76;

const SIGNATURE = '-- ';

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const prefix = /^(\s*(?:\d+\.\s+|[-*•]\s+)?)/.exec(line)?.[1] ?? '';
  const indent = ' '.repeat(prefix.length);
  const words = line
    .slice(prefix.length)
    .split(' ')
    .filter((w) => w !== '');
  const out: string[] = [];
  let current = prefix;
  let empty = true;
  for (const word of words) {
    if (!empty && current.length + 1 + word.length > width) {
      out.push(current);
      current = indent + word;
    } else {
      current = empty ? current + word : `${current} ${word}`;
    }
    empty = false;
  }
  out.push(current);
  return out;
}

export function tidyText(text: string, width = TEXT_WIDTH): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (l === SIGNATURE ? l : l.trimEnd()))
    .flatMap((l) => wrapLine(l, width));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '')}\n`;
}
