import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown.ts';

describe('legal Markdown', () => {
  it('reads headings, paragraphs, bullet and numbered lists, with wrapped list items', () => {
    const blocks = parseMarkdown(
      '# Title\n\nFirst line\nsame paragraph.\n\n## Part\n- one\n- two\n  continued\n\n1. a\n2. b\n',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'First line same paragraph.' }] },
      { kind: 'heading', level: 2, children: [{ kind: 'text', text: 'Part' }] },
      {
        kind: 'list',
        ordered: false,
        items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two continued' }]],
      },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
    ]);
  });

  it('reads bold, italic, code and safe links', () => {
    expect(parseInline('**Bold** and *it* and `x` and [site](https://example.com)')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'Bold' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'em', children: [{ kind: 'text', text: 'it' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'code', text: 'x' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', href: 'https://example.com', children: [{ kind: 'text', text: 'site' }] },
    ]);
  });

  it('keeps raw HTML as text and drops unsafe link targets', () => {
    const blocks = parseMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        children: [{ kind: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }],
      },
    ]);
    expect(parseInline('[click](javascript:alert(1)')).toEqual([{ kind: 'text', text: 'click' }]);
    expect(parseInline('[x](JavaScript:void%200)')).toEqual([{ kind: 'text', text: 'x' }]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('/legal/privacy')).toBe('/legal/privacy');
    expect(safeHref('mailto:soporte@example.com')).toBe('mailto:soporte@example.com');
  });
});
