import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { parseMarkdown, type Block, type Inline } from '../../lib/markdown.ts';

const linkClass = 'font-medium text-primary underline underline-offset-2 hover:no-underline';

function renderInline(nodes: Inline[]): ReactNode {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'code':
        return (
          <code key={i} className="rounded bg-muted px-1 font-mono text-[0.9em]">
            {node.text}
          </code>
        );
      case 'link':
        return node.href.startsWith('/') ? (
          <Link key={i} to={node.href} className={linkClass}>
            {renderInline(node.children)}
          </Link>
        ) : (
          <a key={i} href={node.href} rel="noopener noreferrer nofollow" className={linkClass}>
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

function renderBlock(block: Block, i: number): ReactNode {
  if (block.kind === 'heading') {
    if (block.level === 1)
      return (
        <h1 key={i} className="text-3xl font-bold tracking-tight">
          {renderInline(block.children)}
        </h1>
      );
    if (block.level === 2)
      return (
        <h2 key={i} className="mt-4 text-xl font-semibold">
          {renderInline(block.children)}
        </h2>
      );
    return (
      <h3 key={i} className="mt-2 text-lg font-semibold">
        {renderInline(block.children)}
      </h3>
    );
  }
  if (block.kind === 'paragraph') return <p key={i}>{renderInline(block.children)}</p>;
  const items = block.items.map((item, j) => <li key={j}>{renderInline(item)}</li>);
  return block.ordered ? (
    <ol key={i} className="list-decimal space-y-1 pl-6">
      {items}
    </ol>
  ) : (
    <ul key={i} className="list-disc space-y-1 pl-6">
      {items}
    </ul>
  );
}

/** Markdown as React elements: HTML inside the text stays text (see lib/markdown.ts). */
export function Markdown({ source }: { source: string }) {
  return <div className="flex flex-col gap-3 leading-relaxed">{parseMarkdown(source).map(renderBlock)}</div>;
}
