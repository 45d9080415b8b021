/** One run of text as pdf.js positions it, in PDF points with y growing upwards (baseline). */
export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  /** pdf.js's id for the font; equal ids mean the same typeface and weight. */
  font: string;
  page: number;
}

export interface PdfLinkAnnotation {
  url: string;
  page: number;
  /** [x1, y1, x2, y2]. */
  rect: [number, number, number, number];
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
  links: PdfLinkAnnotation[];
}
