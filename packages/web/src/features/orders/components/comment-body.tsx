import { Fragment, type ReactNode } from 'react';
import { Anchor, Code, List, Text } from '@mantine/core';
import { MENTION_PATTERN } from '@bizdash/contracts/comments';

/**
 * Renders a comment's light formatting as React elements: **bold**, _italic_, `code`, [links](https://…), bare
 * URLs, "- " lists and @mentions. Every other character is text, so a comment can never inject markup (no
 * dangerouslySetInnerHTML anywhere).
 */
const INLINE = new RegExp(
  [
    `(?<mention>${MENTION_PATTERN})`,
    String.raw`(?<link>\[(?<linkText>[^\]\n]{1,200})\]\((?<linkUrl>https?:\/\/[^\s)]+)\))`,
    String.raw`(?<bold>\*\*(?<boldText>[^*\n]+?)\*\*)`,
    String.raw`(?<italic>(?<![\w*])_(?<italicText>[^_\n]+?)_(?![\w]))`,
    String.raw`(?<code>` + '`' + String.raw`(?<codeText>[^` + '`' + String.raw`\n]+)` + '`' + ')',
    String.raw`(?<url>https?:\/\/[^\s<]+[^\s<.,;:!?)\]'"])`,
  ].join('|'),
  'g',
);

export function renderInline(text: string, keyPrefix = ''): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const match of text.matchAll(INLINE)) {
    const g = match.groups ?? {};
    const start = match.index;
    if (start > last) out.push(text.slice(last, start));
    const key = `${keyPrefix}${i++}`;
    if (g.mention) {
      // MENTION_PATTERN's own groups: 1 = name (inside the mention group, so index 2 overall).
      const name = match[2] ?? g.mention;
      out.push(
        <Text key={key} span c="blue" fw={600} size="inherit" data-testid="mention">
          @{name}
        </Text>,
      );
    } else if (g.link && g.linkUrl) {
      out.push(
        <Anchor key={key} href={g.linkUrl} target="_blank" rel="noopener noreferrer" size="inherit">
          {g.linkText}
        </Anchor>,
      );
    } else if (g.bold) {
      out.push(<strong key={key}>{renderInline(g.boldText ?? '', `${key}-`)}</strong>);
    } else if (g.italic) {
      out.push(<em key={key}>{renderInline(g.italicText ?? '', `${key}-`)}</em>);
    } else if (g.code) {
      out.push(<Code key={key}>{g.codeText}</Code>);
    } else if (g.url) {
      out.push(
        <Anchor key={key} href={g.url} target="_blank" rel="noopener noreferrer" size="inherit">
          {g.url}
        </Anchor>,
      );
    }
    last = start + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function CommentBody({ body }: { body: string }) {
  const lines = body.split('\n');
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  const flush = (key: number) => {
    if (list.length === 0) return;
    blocks.push(
      <List key={`l${key}`} size="sm" withPadding>
        {list.map((item, j) => (
          <List.Item key={j}>{renderInline(item)}</List.Item>
        ))}
      </List>,
    );
    list = [];
  };
  lines.forEach((line, index) => {
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) {
      list.push(item[1] ?? '');
      return;
    }
    flush(index);
    blocks.push(
      <Fragment key={index}>
        {line === '' ? <br /> : <Text size="sm">{renderInline(line, `${index}-`)}</Text>}
      </Fragment>,
    );
  });
  flush(lines.length);
  return (
    <div style={{ wordBreak: 'break-word' }} data-testid="comment-body">
      {blocks}
    </div>
  );
}
