import { useEffect, useRef, useState, type RefObject } from 'react';

/** Keys rest while someone types or picks in a field. */
function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

function queueItems(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-queue-item]')];
}

export function focusQueueItem(element: HTMLElement | undefined): void {
  if (!element) return;
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'nearest' });
}

/**
 * j/k move between queue items, a approves the item in focus, r opens its reasons not to
 * publish, ? shows or hides the help. Returns the id of the item in focus (for aria-current).
 */
export function useQueueKeys(dialog: RefObject<HTMLDialogElement>): string | null {
  const [currentId, setCurrentId] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const currentIndex = (list: HTMLElement[]) => {
      const inside = list.findIndex((item) => item.contains(document.activeElement));
      return inside >= 0 ? inside : list.findIndex((item) => item.getAttribute('aria-current') === 'true');
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      // r, then the arrows to pick a reason, then Enter sends it.
      if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'radio') {
        const form = event.target.form;
        if (form?.closest('details[data-reject]') && event.target.checked) {
          event.preventDefault();
          form.requestSubmit();
        }
        return;
      }
      if (inField(event.target)) return;
      const help = dialog.current;

      if (event.key === '?') {
        event.preventDefault();
        if (!help) return;
        if (help.open) help.close();
        else {
          opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          help.showModal();
        }
        return;
      }
      if (help?.open) return;

      const list = queueItems();
      if (!list.length) return;
      const index = currentIndex(list);

      switch (event.key) {
        case 'j': {
          event.preventDefault();
          focusQueueItem(list[index < 0 ? 0 : Math.min(index + 1, list.length - 1)]);
          break;
        }
        case 'k': {
          event.preventDefault();
          focusQueueItem(list[index <= 0 ? 0 : index - 1]);
          break;
        }
        case 'a': {
          if (index < 0) return;
          const button = list[index].querySelector<HTMLButtonElement>('[data-approve]');
          if (!button?.form) return;
          event.preventDefault();
          button.form.requestSubmit(button);
          break;
        }
        case 'r': {
          if (index < 0) return;
          const details = list[index].querySelector<HTMLDetailsElement>('details[data-reject]');
          if (!details) return;
          event.preventDefault();
          details.open = true;
          const choice =
            details.querySelector<HTMLInputElement>('input[type="radio"]:checked') ??
            details.querySelector<HTMLInputElement>('input[type="radio"]');
          choice?.focus();
          break;
        }
        default:
      }
    };

    const onFocusIn = (event: FocusEvent) => {
      const item = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-queue-item]') : null;
      if (item) setCurrentId(item.dataset.queueItem ?? null);
    };

    const help = dialog.current;
    const onClose = () => {
      const back = opener.current;
      opener.current = null;
      if (back && back.isConnected) back.focus();
    };

    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    help?.addEventListener('close', onClose);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
      help?.removeEventListener('close', onClose);
    };
  }, [dialog]);

  return currentId;
}

/** The list of keys, in a modal dialog: Esc or the button closes it and focus goes back. */
export function KeyboardHelp({ dialog }: { dialog: RefObject<HTMLDialogElement> }) {
  return (
    <dialog ref={dialog} className="keys-dialog" aria-labelledby="keys-title">
      <h2 id="keys-title">Keyboard shortcuts</h2>
      <dl>
        <div>
          <dt>
            <kbd>j</kbd>
          </dt>
          <dd>Next post</dd>
        </div>
        <div>
          <dt>
            <kbd>k</kbd>
          </dt>
          <dd>Previous post</dd>
        </div>
        <div>
          <dt>
            <kbd>a</kbd>
          </dt>
          <dd>Approve the post in focus</dd>
        </div>
        <div>
          <dt>
            <kbd>r</kbd>
          </dt>
          <dd>Choose a reason not to publish it (arrows to pick, Enter to send)</dd>
        </div>
        <div>
          <dt>
            <kbd>?</kbd>
          </dt>
          <dd>Show or hide this list</dd>
        </div>
        <div>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>Close this list</dd>
        </div>
      </dl>
      <p className="hint">The keys rest while you type or choose in a field.</p>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
