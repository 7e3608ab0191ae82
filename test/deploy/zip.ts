import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

/** One file of a zip archive. */
interface ZipEntry {
  name: string;
  content: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

const findEndOfCentralDirectory = (zip: Buffer): number => {
  // The record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 65_557); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('not a zip archive: no end of central directory record');
};

/**
 * Returns the files of a zip archive (stored or deflated), read through its
 * central directory: enough for the Lambda artifacts osls writes, without
 * depending on an unzip tool being installed.
 *
 * @param path - the .zip file
 * @throws {Error} when the archive is not a zip or uses another compression
 */
const readZip = async (path: string): Promise<ZipEntry[]> => {
  const zip = await readFile(path);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) {
      throw new Error(`${path}: bad central directory entry ${i}`);
    }
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(localAt) !== LOCAL_FILE_HEADER) {
      throw new Error(`${path}: bad local header for ${name}`);
    }
    const dataAt =
      localAt +
      30 +
      zip.readUInt16LE(localAt + 26) +
      zip.readUInt16LE(localAt + 28);
    const data = zip.subarray(dataAt, dataAt + compressedSize);
    if (method !== 0 && method !== 8) {
      throw new Error(`${path}: ${name} uses compression method ${method}`);
    }
    entries.push({
      name,
      content: method === 8 ? inflateRawSync(data) : Buffer.from(data),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

export type { ZipEntry };
export { readZip };
