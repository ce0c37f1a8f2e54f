// The GraphQL-over-HTTP audit of the `graphql-http` package against the running API: every MUST
// passes; the SHOULDs and MAYs that do not are listed here, and explained in
// docs/decisions/010-visibility-and-error-masking.md. A new failure, or one of these passing,
// fails this spec, so the list stays true.
import { serverAudits, type AuditResult } from 'graphql-http';
import { apiUrl } from './support/client';

/**
 * Known, accepted departures (id → why), all from Apollo Server 5's own choices:
 * - 572B, FDE2, 7B9B: Apollo answers parse, validation and variable-coercion errors with 400
 *   whatever the Accept header; the spec prefers 200 for `application/json`. Steady keeps 400
 *   (a client error is a 4xx; the web app reads the JSON body either way).
 * - 5A70, D6D5, 6A70: Apollo's CSRF prevention refuses a GET without a preflight-forcing header
 *   (`Apollo-Require-Preflight`, or a JSON content-type); a simple GET is what a cross-site page can send.
 */
const ACCEPTED = new Map([
  ['572B', 'SHOULD'],
  ['FDE2', 'SHOULD'],
  ['7B9B', 'SHOULD'],
  ['5A70', 'MAY'],
  ['D6D5', 'MAY'],
  ['6A70', 'MAY'],
]);

describe('GraphQL over HTTP (graphql-http audit)', () => {
  let results: { id: string; name: string; result: AuditResult; body: string }[] = [];

  beforeAll(async () => {
    results = [];
    for (const audit of serverAudits({ url: apiUrl(), fetchFn: fetch })) {
      const result = await audit.fn();
      const body = result.status === 'ok' ? '' : await result.response.text().catch(() => '');
      results.push({ id: audit.id, name: audit.name, result, body });
    }
    const failing = results.filter((r) => r.result.status !== 'ok');
    console.log(
      `graphql-http: ${results.length - failing.length} of ${results.length} audits pass; not passing:\n` +
        failing.map((r) => `  ${r.id} ${r.name}: ${(r.result as { reason?: string }).reason}`).join('\n'),
    );
  });

  it('passes every MUST', () => {
    const must = results.filter((r) => r.name.startsWith('MUST'));
    expect(must.length).toBeGreaterThan(10);
    expect(must.filter((r) => r.result.status !== 'ok').map((r) => `${r.id} ${r.name}`)).toEqual([]);
  });

  it('fails only the SHOULDs and MAYs the ADR accepts, for the reasons it gives', () => {
    const failing = results.filter((r) => r.result.status !== 'ok');
    expect(failing.map((r) => r.id).sort()).toEqual([...ACCEPTED.keys()].sort());
    for (const r of failing) {
      expect(r.name.startsWith(ACCEPTED.get(r.id)!)).toBe(true);
      // Even the departures answer in GraphQL's shape with a contract code, never a 5xx.
      expect((r.result as { response: Response }).response.status).toBeLessThan(500);
      expect(JSON.parse(r.body).errors[0].extensions.code).toMatch(
        /^(GRAPHQL_PARSE_FAILED|GRAPHQL_VALIDATION_FAILED|BAD_REQUEST|BAD_USER_INPUT)$/,
      );
    }
  });
});
