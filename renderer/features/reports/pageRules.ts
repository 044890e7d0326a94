/** Page rules of a printed report (footers), kept apart from the component so they are tested alone. */

/** A CSS string literal; `<` escaped too, so no text can close the style element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `).replace(/\s+/g, ' ')}"`;
}

/**
 * Every printed page's footer: the report's title on the left, « Page n / N » on the right. Written as page rules
 * because Chromium does not implement `string-set`, which would have carried the title from the heading.
 */
export function reportPageRules(title: string): string {
  const box = (where: string, content: string) =>
    `@${where} { content: ${content}; font-family: 'MCP Print', 'Noto Emoji', sans-serif; font-size: 8pt; color: #444; }`;
  const boxes = `${box('bottom-left', cssString(title))} ${box('bottom-right', "'Page ' counter(page) ' / ' counter(pages)")}`;
  return ['mcp-report', 'mcp-report-wide'].map((page) => `@page ${page} { ${boxes} }`).join('\n');
}
