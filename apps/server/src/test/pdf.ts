import zlib from 'node:zlib';

/** Reading back the PDFs the server writes with pdfkit (labels, reception sheets), so tests assert what a viewer shows. */

/**
 * The text a PDF viewer would extract: content-stream glyph codes mapped through the font's
 * ToUnicode CMap (pdfkit writes one bfrange array per embedded font subset). One line per TJ operator.
 */
export function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of s.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    // The data ends before an EOL marker; a compressed stream may itself end in a CR byte, so do not eat one greedily.
    const data = m[1].endsWith('\n') ? m[1].slice(0, -1) : m[1];
    for (const candidate of [data, data.endsWith('\r') ? data.slice(0, -1) : null]) {
      if (candidate === null) continue;
      try {
        streams.push(zlib.inflateSync(Buffer.from(candidate, 'latin1')).toString('latin1'));
        break;
      } catch {
        // not deflated (font programs are, but images or others may not be), or the CR was the EOL
      }
    }
  }
  const map = new Map<number, string>();
  for (const cmap of streams.filter((x) => x.includes('beginbfrange'))) {
    for (const m of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
      const start = parseInt(m[1], 16);
      for (const [i, u] of [...m[2].matchAll(/<([0-9a-f]+)>/gi)].entries()) map.set(start + i, String.fromCodePoint(parseInt(u[1], 16)));
    }
  }
  let text = '';
  for (const content of streams.filter((x) => x.includes('TJ'))) {
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      for (const hex of tj[1].matchAll(/<([0-9a-f]+)>/gi)) {
        for (let i = 0; i < hex[1].length; i += 4) text += map.get(parseInt(hex[1].slice(i, i + 4), 16)) ?? '?';
      }
      text += '\n';
    }
  }
  return text;
}

/** How many pages the PDF has. */
export const pdfPageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
