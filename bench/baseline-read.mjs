// The read baseline: a bare node:http + pg server that answers the same thread page (and reply
// list) as Steady's GraphQL API, from the same database, with ONE prepared statement per request
// and the same JSON shape. It takes the very same request body the bench sends to Steady
// (`{"query": …, "variables": {"id", "first", "after"}}`) and ignores the query text.
//   POST /thread   variables.id = section id   → { data: { section: { posts: PostConnection } } }
//   POST /replies  variables.id = post id      → { data: { post: { id, replyCount, replies: PostConnection } } }
// Env: DATABASE_URL, PORT, DB_POOL_SIZE (default 10).
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  application_name: 'steady-bench-baseline-read',
});
// An idle connection ended by the server (e.g. PostgreSQL stopping on Ctrl-C) is not a crash.
pool.on('error', () => {});

const COLUMNS = `p.id::text as id, p.body, p.html, p.pseudonym, p.status, p.created_at, p.edited_at, p.reply_count,
  p.support_count, p.hug_count, p.relate_count, p.helpful_count`;
const VISIBLE = `p.status in ('PUBLISHED', 'DELETED') and (p.status = 'PUBLISHED' or p.reply_count > 0)`;

const THREAD = {
  name: 'baseline_thread_page',
  text: `select s.thread_count as total, ${COLUMNS.replace(/p\./g, 'x.')}
    from section s left join lateral (
      select p.* from post p
      where p.section_id = s.id and p.parent_id is null and ${VISIBLE} and p.id > $2
      order by p.id limit $3
    ) x on true
    where s.id = $1 and not s.hidden`,
};
const REPLIES = {
  name: 'baseline_reply_page',
  text: `select par.reply_count as total, ${COLUMNS.replace(/p\./g, 'x.')}
    from post par left join lateral (
      select p.* from post p
      where p.parent_id = par.id and ${VISIBLE} and p.id > $2
      order by p.id limit $3
    ) x on true
    where par.id = $1 and par.status in ('PUBLISHED', 'DELETED')`,
};

const cursorOf = (id) => Buffer.from(`p:${id}`).toString('base64url');
function afterId(cursor) {
  if (!cursor) return '0';
  const m = /^p:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? m[1] : '0';
}

function connection(rows, first) {
  const items = rows[0]?.id == null ? [] : rows;
  const page = items.slice(0, first);
  return {
    totalCount: rows[0]?.total ?? 0,
    pageInfo: { hasNextPage: items.length > first, endCursor: page.length ? cursorOf(page.at(-1).id) : null },
    edges: page.map((r) => ({
      cursor: cursorOf(r.id),
      node: {
        id: r.id,
        body: r.body,
        html: r.html,
        pseudonym: r.pseudonym,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        editedAt: r.edited_at ? r.edited_at.toISOString() : null,
        replyCount: r.reply_count,
        mine: false,
        reactions: [
          { kind: 'SUPPORT', count: r.support_count, reactedByMe: false },
          { kind: 'HUG', count: r.hug_count, reactedByMe: false },
          { kind: 'RELATE', count: r.relate_count, reactedByMe: false },
          { kind: 'HELPFUL', count: r.helpful_count, reactedByMe: false },
        ],
      },
    })),
  };
}

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
      const { variables = {} } = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      const first = Math.min(100, Math.max(1, Number(variables.first ?? 20)));
      if (req.url === '/thread') {
        const { rows } = await pool.query({ ...THREAD, values: [variables.id, afterId(variables.after), first + 1] });
        if (rows.length === 0) return send(res, 200, { data: { section: null } });
        return send(res, 200, { data: { section: { posts: connection(rows, first) } } });
      }
      if (req.url === '/replies') {
        const { rows } = await pool.query({ ...REPLIES, values: [variables.id, afterId(variables.after), first + 1] });
        if (rows.length === 0) return send(res, 200, { data: { post: null } });
        return send(res, 200, {
          data: { post: { id: String(variables.id), replyCount: rows[0].total, replies: connection(rows, first) } },
        });
      }
      if (req.url === '/health') return send(res, 200, { status: 'ok' });
      send(res, 404, { error: 'not found' });
    } catch (error) {
      send(res, 500, { errors: [{ message: String(error?.message ?? error) }] });
    }
  });
});

server.listen(Number(process.env.PORT ?? 4101), '127.0.0.1');
const stop = () => server.close(() => pool.end().finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
