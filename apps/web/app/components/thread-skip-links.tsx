import type { MouseEvent } from 'react';

/** Without JavaScript the link jumps there, and the next Tab lands inside; with it, focus goes straight in. */
function focusInside(selector: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) return;
    event.preventDefault();
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center' });
  };
}

/**
 * On a busy thread every post has its buttons: these let a keyboard user pass them all, to write
 * or to read on.
 */
export function ThreadSkipLinks({ hasPosts, hasMore }: { hasPosts: boolean; hasMore: boolean }) {
  if (!hasPosts) return null;
  return (
    <nav className="thread-skip" aria-label="Skip through this discussion">
      <ul>
        <li>
          <a href="#new-post" onClick={focusInside('#new-post textarea')}>
            Skip to the post box
          </a>
        </li>
        {hasMore ? (
          <li>
            <a href="#more-posts" onClick={focusInside('#more-posts a')}>
              Skip to more posts
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
