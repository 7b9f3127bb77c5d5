/**
 * Pixel size of a base64 `data:` image URL, read from the file header (PNG, GIF, JPEG, WebP), so
 * inline images can be priced exactly without decoding them. Only the start of the payload is
 * decoded: headers sit in the first bytes, JPEG frame headers after any EXIF block.
 */
import type { ImageSize } from './image-tokens.ts';

// 96 KiB of base64 is 72 KiB of bytes: past the largest EXIF segment (64 KiB) plus its neighbours.
const MAX_BASE64_CHARS = 96 * 1024;

/** Width and height of a base64 data-URL image, or undefined for anything else or an unreadable header. */
export function imageSizeFromDataUrl(url: string): ImageSize | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0 || !url.slice(0, comma).endsWith(';base64')) return undefined;
  const payload = url.slice(comma + 1, comma + 1 + MAX_BASE64_CHARS).replace(/[^A-Za-z0-9+/=]/g, '');
  let binary: string;
  try {
    binary = atob(payload.slice(0, payload.length - (payload.length % 4)));
  } catch {
    return undefined;
  }
  // Every reader needs at least 30 bytes (WebP's VP8X header ends at byte 30).
  if (binary.length < 30) binary = binary.padEnd(30, '\0');
  const byte = (index: number) => binary.charCodeAt(index);
  return pngSize(byte) ?? gifSize(byte, binary) ?? webpSize(byte, binary) ?? jpegSize(byte, binary.length);
}

type ByteAt = (index: number) => number;

const u16be = (byte: ByteAt, at: number) => (byte(at) << 8) | byte(at + 1);
const u16le = (byte: ByteAt, at: number) => byte(at) | (byte(at + 1) << 8);
const u24le = (byte: ByteAt, at: number) => byte(at) | (byte(at + 1) << 8) | (byte(at + 2) << 16);
const u32be = (byte: ByteAt, at: number) => ((byte(at) << 24) >>> 0) + (byte(at + 1) << 16) + (byte(at + 2) << 8) + byte(at + 3);

function sized(width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function pngSize(byte: ByteAt): ImageSize | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((value, index) => byte(index) === value)) return undefined;
  return sized(u32be(byte, 16), u32be(byte, 20));
}

function gifSize(byte: ByteAt, binary: string): ImageSize | undefined {
  if (!binary.startsWith('GIF87a') && !binary.startsWith('GIF89a')) return undefined;
  return sized(u16le(byte, 6), u16le(byte, 8));
}

function webpSize(byte: ByteAt, binary: string): ImageSize | undefined {
  if (!binary.startsWith('RIFF') || binary.slice(8, 12) !== 'WEBP') return undefined;
  switch (binary.slice(12, 16)) {
    case 'VP8 ':
      return sized(u16le(byte, 26) & 0x3fff, u16le(byte, 28) & 0x3fff);
    case 'VP8L':
      return sized(1 + (((byte(22) & 0x3f) << 8) | byte(21)), 1 + (((byte(24) & 0x0f) << 10) | (byte(23) << 2) | ((byte(22) & 0xc0) >> 6)));
    case 'VP8X':
      return sized(1 + u24le(byte, 24), 1 + u24le(byte, 27));
    default:
      return undefined;
  }
}

function jpegSize(byte: ByteAt, length: number): ImageSize | undefined {
  if (byte(0) !== 0xff || byte(1) !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < length) {
    if (byte(at) !== 0xff) return undefined;
    const marker = byte(at + 1);
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized(u16be(byte, at + 7), u16be(byte, at + 5));
    }
    at += marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9) ? 2 : 2 + u16be(byte, at + 2);
  }
  return undefined;
}
