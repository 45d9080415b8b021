// A reference leg, not a target: the API's list query behind node:http and pg and nothing else, to show what the
// read itself costs on this machine. Usage: DATABASE_URL=… node bench/api/query-floor.mjs <port> <sql file> [decrypt]
// The SQL file holds the statement queryArtifacts builds for a label's first page ($1 label id, $2 owner id).
// Compared with the API it leaves out everything but the read: no token verification (the user id is read from
// the JWT's payload unchecked), no router or middleware, no rate limit, no decryption; the cards are answered
// as PostgreSQL stores them, ciphertexts and all.
// With `decrypt` (and DOSSIER_ENCRYPTION_KEY) it also does the one piece of work the list cannot skip: every
// evidence ciphertext in the page is decrypted with the API's own cipher and written in its place.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { API_DIST } from './api-modules.mjs';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
const text = readFileSync(process.argv[3], 'utf8');
const cipher =
  process.argv[4] === 'decrypt'
    ? (await import(pathToFileURL(path.join(API_DIST, 'crypto/url-cipher.js')).href)).createUrlCipher(
        Buffer.from(process.env.DOSSIER_ENCRYPTION_KEY ?? '', 'hex'),
      )
    : null;
// A ciphertext as url-cipher writes it, inside a JSON string: v1:<iv>:<tag>:<data>, all base64.
const CIPHERTEXT = /"(v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*)"/g;
const decryptAll = (card) => card.replace(CIPHERTEXT, (_, token) => JSON.stringify(cipher.decrypt(token)));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const label = url.searchParams.get('label');
  if (!label) {
    res.end('ok');
    return;
  }
  try {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const { sub } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const { rows } = await pool.query({ name: 'list', text, values: [label, sub] });
    const items = rows.slice(0, limit).map((r) => (cipher ? decryptAll(r.card) : r.card));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(`{"items":[${items.join(',')}],"nextCursor":null}`);
  } catch (err) {
    res.writeHead(500);
    res.end(String(err));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`query floor on ${server.address().port}`));
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
