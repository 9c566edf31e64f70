import { createDeflateRaw, deflateRawSync } from "node:zlib";

/** Hand-made zip files, so tests can say exactly what the directory claims and what the data holds. */
export interface FixtureEntry {
  name: string;
  /** Already-deflated bytes (method 8), or plain bytes stored as they are (method 0). */
  deflated?: Uint8Array;
  stored?: Uint8Array;
  /** The uncompressed size the directory claims (for stored entries: defaults to the truth). */
  declaredSize?: number;
  flags?: number;
}

/** A deflated entry whose directory tells the truth. */
export function textEntry(name: string, text: string): FixtureEntry {
  const bytes = Buffer.from(text);
  return { name, deflated: deflateRawSync(bytes), declaredSize: bytes.length };
}

/** Deflates `megabytes` MB of zeros without ever holding them: the classic zip bomb payload. */
export async function deflatedZeros(megabytes: number): Promise<Uint8Array> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on("data", (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => deflater.on("end", resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once("drain", resolve));
  }
  deflater.end();
  await ended;
  return Buffer.concat(out);
}

export function buildZip(entries: FixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  entries.forEach((entry) => {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.deflated ?? entry.stored ?? new Uint8Array());
    const method = entry.deflated ? 8 : 0;
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  });
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
