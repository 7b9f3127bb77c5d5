import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageSizeFromDataUrl } from './image-size-from-data-url.ts';

const dataUrl = (mime: string, bytes: readonly number[]) => `data:${mime};base64,${btoa(String.fromCharCode(...bytes))}`;
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const be32 = (value: number) => [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
const be16 = (value: number) => [(value >>> 8) & 255, value & 255];
const le16 = (value: number) => [value & 255, (value >>> 8) & 255];
const le24 = (value: number) => [value & 255, (value >>> 8) & 255, (value >>> 16) & 255];

test('PNG: IHDR width and height', () => {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...be32(13), ...ascii('IHDR'), ...be32(2048), ...be32(4096), 8, 6, 0, 0, 0];
  assert.deepEqual(imageSizeFromDataUrl(dataUrl('image/png', png)), { width: 2048, height: 4096 });
});

test('GIF: logical screen size', () => {
  assert.deepEqual(imageSizeFromDataUrl(dataUrl('image/gif', [...ascii('GIF89a'), ...le16(640), ...le16(480), 0, 0, 0])), { width: 640, height: 480 });
});

test('JPEG: size from the frame header after an APP segment', () => {
  const app0 = [0xff, 0xe0, ...be16(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, ...be16(17), 8, ...be16(768), ...be16(1024), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  assert.deepEqual(imageSizeFromDataUrl(dataUrl('image/jpeg', [0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9])), { width: 1024, height: 768 });
});

test('WebP: extended (VP8X) and lossless (VP8L) headers', () => {
  const riff = (chunk: number[]) => [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP'), ...chunk];
  const vp8x = riff([...ascii('VP8X'), 10, 0, 0, 0, 0, 0, 0, 0, ...le24(1800 - 1), ...le24(2400 - 1)]);
  assert.deepEqual(imageSizeFromDataUrl(dataUrl('image/webp', vp8x)), { width: 1800, height: 2400 });
  // VP8L: 14-bit width−1 and height−1 packed after the 0x2f signature byte
  const w = 300 - 1;
  const h = 200 - 1;
  const bits = [w & 0xff, ((w >> 8) & 0x3f) | ((h & 0x03) << 6), (h >> 2) & 0xff, (h >> 10) & 0x0f];
  const vp8l = riff([...ascii('VP8L'), 5, 0, 0, 0, 0x2f, ...bits]);
  assert.deepEqual(imageSizeFromDataUrl(dataUrl('image/webp', vp8l)), { width: 300, height: 200 });
});

test('anything else is unknown', () => {
  assert.equal(imageSizeFromDataUrl('https://example.com/cat.png'), undefined);
  assert.equal(imageSizeFromDataUrl('data:image/png,not-base64'), undefined);
  assert.equal(imageSizeFromDataUrl('data:image/png;base64,!!!!'), undefined);
  assert.equal(imageSizeFromDataUrl(dataUrl('image/bmp', ascii('BM0000000000000000'))), undefined);
});
