import { Form } from '@remix-run/react';
import { SEARCH_QUERY_MAX } from '@steady/rules';

/**
 * A search box over one article's conversations: a plain GET form to /search, so it works
 * before (and without) JavaScript, and the results have an address one can keep.
 */
export function SearchForm({
  articleSlug,
  id,
  label = 'Search the conversations',
  defaultValue = '',
  error,
}: {
  articleSlug: string;
  /** Unique on the page: ties the label (and an error) to the box. */
  id: string;
  label?: string;
  defaultValue?: string;
  error?: string;
}) {
  const errorId = `${id}-error`;
  return (
    <Form method="get" action="/search" role="search" aria-label={label} className="search-form">
      <input type="hidden" name="article" value={articleSlug} />
      <label htmlFor={id}>{label}</label>
      <div className="search-row">
        <input
          type="search"
          id={id}
          name="q"
          defaultValue={defaultValue}
          maxLength={SEARCH_QUERY_MAX}
          autoComplete="off"
          enterKeyHint="search"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit">Search</button>
      </div>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </Form>
  );
}
