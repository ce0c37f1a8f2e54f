// The requests the scenarios send: the web app's own GraphQL documents and the bodies of new posts.

export const POST_FIELDS = `fragment PostFields on Post {
  id body html pseudonym status createdAt editedAt replyCount mine
  reactions { kind count reactedByMe }
}`;
export const THREAD_QUERY = `query Thread($id: ID!, $first: Int!, $after: String) {
  section(id: $id) {
    posts(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...PostFields } }
    }
  }
}
${POST_FIELDS}`;
export const REPLIES_QUERY = `query Replies($id: ID!, $first: Int!, $after: String) {
  post(id: $id) {
    id replyCount
    replies(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...PostFields } }
    }
  }
}
${POST_FIELDS}`;
export const ME_QUERY = `query Me {
  me {
    posts(first: 20) {
      totalCount
      edges { node { id html status createdAt editedAt replyCount pseudonym section { slug title article { slug title } } } }
    }
    repliesToMe(first: 20) {
      totalCount
      edges { node { id html pseudonym createdAt parent { id } section { slug title article { slug title } } } }
    }
  }
}`;
export const CREATE_MUTATION = `mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) { outcome authorKey message post { id status } hits { ruleId } }
}`;

export const threadBody = (id, first, after = null) => ({ query: THREAD_QUERY, variables: { id, first, after } });

export const jsonPost = (body, headers = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
export const noGraphqlErrors = (body) => !body.includes('"errors"');

/** Letters only: a post body must stay clear of anything that looks like a number or a contact. */
export function letters(n) {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}
export const WRITE_TEXT = [
  'Thank you for sharing this. We started taking short walks after dinner and slowly began to talk again.',
  'Reading this helped me feel less alone. We try one small kind gesture each day and notice what comes back.',
  'This section stayed with me. We agreed on a calm weekly check-in where we only listen, and it helps.',
];
