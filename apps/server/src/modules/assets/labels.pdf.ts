import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * A4 label sheets: 3 × 8 = 24 labels of 70 × 37 mm per page (the common A4 24面 sheet, no gaps),
 * each with a QR code of the asset's URL, its asset number, name and site. QR codes are drawn as
 * vector squares (sharp on any printer) and each one is also a link, so the PDF is clickable.
 */

export type Label = { assetNumber: string; name: string; siteName: string; url: string };

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
export const layouts = {
  'a4-24': { columns: 3, rows: 8, width: 70 * MM, height: 37 * MM, left: 0, top: (297 - 8 * 37) / 2 },
} as const;
export type LayoutName = keyof typeof layouts;

/**
 * Japanese text needs a CJK font in the PDF. Debian's fonts-noto-cjk is the one the project
 * installs (CI and the setup docs); the collection holds several faces, picked by PostScript name.
 */
const FONT_CANDIDATES = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKjp-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf', face: undefined },
  { path: '/usr/share/fonts/truetype/fonts-japanese-gothic.ttf', face: undefined },
];

let fontCache: { data: Buffer; face: string | undefined } | null | undefined;

/** The label font, read once (the collection is ~20 MB); null when no Japanese font is installed. */
export function labelFont(): { data: Buffer; face: string | undefined } | null {
  if (fontCache === undefined) {
    const found = FONT_CANDIDATES.find((c) => fs.existsSync(c.path));
    fontCache = found ? { data: fs.readFileSync(found.path), face: found.face } : null;
  }
  return fontCache;
}

/** One QR code as filled squares inside the given box (quiet zone included). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 4);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + 2) * cell, y + (r + 2) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

/** Text cut to fit one line of the given width (names can be long). */
function fitLine(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let s = text;
  while (s.length > 1 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1);
  return `${s}…`;
}

export async function renderLabels(labels: Label[], layoutName: LayoutName, font: { data: Buffer; face: string | undefined }): Promise<Buffer> {
  const layout = layouts[layoutName];
  const doc = new PDFDocument({ size: [A4.width, A4.height], margin: 0, autoFirstPage: false, info: { Title: 'Asset labels', Creator: 'Unyo' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('label', font.data, font.face);
  const perPage = layout.columns * layout.rows;
  const pad = 3 * MM;
  for (const [i, label] of labels.entries()) {
    if (i % perPage === 0) doc.addPage({ size: [A4.width, A4.height], margin: 0 });
    const slot = i % perPage;
    const x = layout.left * MM + (slot % layout.columns) * layout.width;
    const y = layout.top * MM + Math.floor(slot / layout.columns) * layout.height;
    const qrSize = layout.height - 2 * pad;
    drawQr(doc, label.url, x + pad, y + pad, qrSize);
    doc.link(x + pad, y + pad, qrSize, qrSize, label.url);
    const tx = x + pad + qrSize + 2 * MM;
    const tw = layout.width - (tx - x) - pad;
    doc.font('label').fillColor('#000000');
    doc.fontSize(10).text(fitLine(doc, label.assetNumber, tw), tx, y + pad + 1 * MM, { width: tw, lineBreak: false });
    doc.fontSize(8).text(fitLine(doc, label.name, tw), tx, y + pad + 7 * MM, { width: tw, lineBreak: false });
    doc.fontSize(7).text(fitLine(doc, label.siteName, tw), tx, y + pad + 13 * MM, { width: tw, lineBreak: false });
  }
  doc.end();
  return done;
}
