import { describe, expect, it } from 'vitest';
import { reportPageRules } from './pageRules';

describe('reportPageRules', () => {
  it('puts the title and the page counter in the footer of both page types', () => {
    const css = reportPageRules('Partenaires et conventions');
    expect(css).toContain('@page mcp-report {');
    expect(css).toContain('@page mcp-report-wide {');
    expect(css.match(/@bottom-left \{ content: "Partenaires et conventions";/g)).toHaveLength(2);
    expect(css).toContain("counter(page) ' / ' counter(pages)");
  });

  it('escapes quotes, backslashes and « < » so no title can end the string or the style element', () => {
    const css = reportPageRules('Q"uo\\te </style><script>x</script>\nsuite');
    expect(css).not.toContain('<');
    expect(css).toContain('"Q\\22 uo\\5c te \\3c /style>\\3c script>x\\3c /script> suite"');
  });
});
