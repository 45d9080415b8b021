export interface ZipDirectoryEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipDirectory {
  entries: ZipDirectoryEntry[];
  /** Sum of the sizes the central directory declares; nothing is inflated to learn it. */
  uncompressedSize: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 64 KiB, so it sits within the last 65,557 bytes.
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i -= 1) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/** The zip64 extended-information extra field holds the 8-byte sizes whose 4-byte fields read 0xFFFFFFFF. */
function readZip64Sizes(
  extra: Buffer,
  uncompressed: number,
  compressed: number,
): { uncompressed: number; compressed: number } {
  let pos = 0;
  while (pos + 4 <= extra.length) {
    const id = extra.readUInt16LE(pos);
    const size = extra.readUInt16LE(pos + 2);
    if (id === 0x0001) {
      let field = pos + 4;
      const end = field + size;
      let u = uncompressed;
      let c = compressed;
      if (uncompressed === U32_MAX && field + 8 <= end) {
        u = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
      if (compressed === U32_MAX && field + 8 <= end) c = Number(extra.readBigUInt64LE(field));
      return { uncompressed: u, compressed: c };
    }
    pos += 4 + size;
  }
  // A size that claims zip64 without the field to back it is treated as the largest possible.
  return { uncompressed: Number.MAX_SAFE_INTEGER, compressed };
}

/**
 * Reads a zip archive's central directory — names and declared sizes — without inflating any entry, so an
 * upload can be refused as a zip bomb before a byte of it is expanded. Returns null when the bytes are not a
 * readable zip archive (no end-of-central-directory record, or a directory that runs off the end).
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) return null;
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === U16_MAX || offset === U32_MAX) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const z64 = Number(buf.readBigUInt64LE(locator + 8));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== ZIP64_EOCD) return null;
    count = Number(buf.readBigUInt64LE(z64 + 32));
    offset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  const entries: ZipDirectoryEntry[] = [];
  let total = 0;
  let pos = offset;
  for (let i = 0; i < count; i += 1) {
    if (pos + 46 > buf.length || buf.readUInt32LE(pos) !== CENTRAL_HEADER) return null;
    const nameLength = buf.readUInt16LE(pos + 28);
    const extraLength = buf.readUInt16LE(pos + 30);
    const commentLength = buf.readUInt16LE(pos + 32);
    const end = pos + 46 + nameLength + extraLength + commentLength;
    if (end > buf.length) return null;
    let compressedSize = buf.readUInt32LE(pos + 20);
    let uncompressedSize = buf.readUInt32LE(pos + 24);
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX) {
      const extra = buf.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength);
      const sizes = readZip64Sizes(extra, uncompressedSize, compressedSize);
      uncompressedSize = sizes.uncompressed;
      compressedSize = sizes.compressed;
    }
    entries.push({
      name: buf.subarray(pos + 46, pos + 46 + nameLength).toString('utf8'),
      compressedSize,
      uncompressedSize,
    });
    total += uncompressedSize;
    pos = end;
  }
  return { entries, uncompressedSize: total };
}
