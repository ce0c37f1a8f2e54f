// The write baseline: a bare node:http + pg server doing ONE INSERT per POST into Steady's own
// `post` table (autocommit, synchronous_commit as the server has it: durable once acknowledged).
// It takes the same request body the bench sends to Steady's createPost
// (`{"query": …, "variables": {"input": {"sectionId", "body"}}}`) and answers in the same shape.
// No validation, no tone rules, no rate limit, no pseudonym lookup, no count maintenance: the floor.
// Env: DATABASE_URL, PORT, DB_POOL_SIZE (default 10), BASELINE_TOKEN, BASELINE_REF (hex),
// BASELINE_PSEUDONYM: a valid author of the write section, so its rows are well-formed.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  application_name: 'steady-bench-baseline-write',
});
// An idle connection ended by the server (e.g. PostgreSQL stopping on Ctrl-C) is not a crash.
pool.on('error', () => {});
const token = Buffer.from(process.env.BASELINE_TOKEN ?? '', 'hex');
const ref = Buffer.from(process.env.BASELINE_REF ?? '', 'hex');
const pseudonym = process.env.BASELINE_PSEUDONYM ?? 'Bench Baseline';

const INSERT = {
  name: 'baseline_insert',
  text: `insert into post (section_id, parent_id, depth, author_token, author_ref, pseudonym, body, html, status)
    values ($1, null, 0, $2, $3, $4, $5, $6, 'PUBLISHED') returning id::text as id`,
};

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function send(res, status, payload) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      if (req.url === '/health') return send(res, 200, { status: 'ok' });
      const { variables } = JSON.parse(Buffer.concat(chunks).toString());
      const { sectionId, body } = variables.input;
      const { rows } = await pool.query({
        ...INSERT,
        values: [sectionId, token, ref, pseudonym, body, `<p>${escapeHtml(body)}</p>`],
      });
      send(res, 200, { data: { createPost: { outcome: 'PUBLISHED', authorKey: null, post: { id: rows[0].id } } } });
    } catch (error) {
      send(res, 500, { errors: [{ message: String(error?.message ?? error) }] });
    }
  });
});

server.listen(Number(process.env.PORT ?? 4102), '127.0.0.1');
const stop = () => server.close(() => pool.end().finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
