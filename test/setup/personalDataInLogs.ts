import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const testDir = fileURLToPath(new URL('..', import.meta.url));

/** Every name the tests give a person, read from their sources. */
function namesInTests(): string[] {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        visit(join(dir, entry.name));
      } else if (entry.name.endsWith('.ts')) {
        for (const match of readFileSync(join(dir, entry.name), 'utf8').matchAll(/fullName: '([^']{4,})'/g)) {
          const name = match[1]?.normalize('NFC').trim().replace(/\s+/g, ' ');
          if (name && /\p{L}+ \p{L}+/u.test(name)) names.add(name);
        }
      }
    }
  };
  visit(testDir);
  return [...names];
}

const names = namesInTests();
/** A 12-digit citizen ID (CCCD): three digits of province, starting 0. */
const CITIZEN_ID = /(?<![\d.])0\d{11}(?![\d.])/g;
/** A signed token (a JWT): three base64url parts, the first two JSON. */
const TOKEN = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/g;

/** A one-time sign-in code of a QR sheet (server/src/auth/issuedTokens.ts): worth a token. */
const SIGN_IN_CODE = /tdsi_[\w-]{27}/g;

/** What in a text is a citizen ID, a name of the tests' people, a token or a sign-in code. */
export function personalDataIn(text: string): string[] {
  const found = [
    ...(text.match(CITIZEN_ID) ?? []),
    ...(text.match(TOKEN) ?? []).map((t) => `token ${t.slice(0, 12)}…`),
    ...(text.match(SIGN_IN_CODE) ?? []).map((code) => `sign-in code ${code.slice(0, 8)}…`),
  ];
  const normalised = text.normalize('NFC');
  for (const name of names) if (normalised.includes(name)) found.push(`name ${name}`);
  return found;
}
