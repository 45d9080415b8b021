import { loadMammoth } from '../libraries/load-mammoth.js';

/** Raw text of a Word document through mammoth, independent of the library that wrote it. */
export async function extractDocxText(bytes: Uint8Array): Promise<string> {
  const mammoth = await loadMammoth();
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return result.value.replace(/\n{3,}/g, '\n\n').trim();
}
