import { Image, Typography } from 'antd';
import type { ReactNode } from 'react';

const imageLine = /^!\[([^\]]*)\]\(file:([0-9a-f-]{36})\)\s*$/i;

/** The markdown-style line that places an uploaded image in the body. */
export const imageMarkup = (caption: string, fileId: string) => `![${caption.replace(/[[\]]/g, '')}](file:${fileId})`;

type KbBodyProps = {
  body: string;
  /** fileId → URL the browser may load (the article's image route). */
  images: Record<string, string>;
};

/**
 * Plain text with line breaks, plus image lines shown inline where they are written. Deliberately not a full
 * markdown renderer: the text is never interpreted as HTML, so an article cannot carry markup into the portal.
 */
export function KbBody({ body, images }: KbBodyProps) {
  const blocks: ReactNode[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length === 0) return;
    blocks.push(
      <Typography.Paragraph key={`t${blocks.length}`} style={{ whiteSpace: 'pre-wrap' }}>
        {text.join('\n')}
      </Typography.Paragraph>,
    );
    text = [];
  };
  for (const line of body.split('\n')) {
    const m = imageLine.exec(line.trim());
    const url = m ? images[m[2].toLowerCase()] : undefined;
    if (m && url) {
      flush();
      blocks.push(
        <figure key={`i${blocks.length}`} style={{ margin: '8px 0 16px' }}>
          <Image src={url} alt={m[1]} style={{ maxWidth: '100%', maxHeight: 480, border: '1px solid #f0f0f0' }} />
          {m[1] && <figcaption style={{ color: '#888', fontSize: 12 }}>{m[1]}</figcaption>}
        </figure>,
      );
    } else {
      text.push(line);
    }
  }
  flush();
  return <div data-testid="kb-body">{blocks}</div>;
}
