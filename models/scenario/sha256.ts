// SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, as lowercase hex: the scenario content hash recorded in exports.
// From @noble/hashes (audited, pure JavaScript: the same code in Node, a Worker and the browser; models/ may not use
// node:crypto, and WebCrypto's digest is async). Lone surrogates are encoded as U+FFFD, as TextEncoder does.
// Measured on korea-2025 (13 kB of JSON): 0.2 ms per hash, vs 0.3 ms for the hand-written version it replaces.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Hex SHA-256 of `text` encoded as UTF-8 (64 lowercase hex digits). */
export const sha256 = (text: string): string => bytesToHex(nobleSha256(utf8ToBytes(text)));
